/* What the files of mge glass share (cli/glass_common.h). */
#include "glass_common.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "mge/units.h"

void glass_print_warn(FILE *f, unsigned w) {
  if (!w) return;
  char buf[512];
  fprintf(f, "  [warning: %s]", mge_glass_warning_format(w, buf, sizeof buf));
}

void glass_json_warn(cli_json *j, unsigned w) {
  cli_json_key(j, "warnings");
  cli_json_arr_begin(j);
  for (unsigned b = 1; b <= MGE_GLASS_W_UNDEFINED; b <<= 1)
    if (w & b) cli_json_str(j, mge_glass_warning_text(b));
  cli_json_arr_end(j);
}

int glass_parse_recipe(const char *text, mge_recipe *r) {
  mge_error err;
  mge_error_clear(&err);
  if (mge_recipe_parse(text, r, &err)) return cli_report(&err, text);
  return CLI_OK;
}

double glass_celsius(double T_K) {
  mge_unit c;
  if (mge_unit_parse("degC", &c, NULL)) return NAN;
  return mge_unit_from_si(&c, T_K);
}

int glass_opt_parse1(cli_opts *s, int argc, char **argv, const char *what,
                     const char *hint, const char **arg) {
  int npos, rc = cli_opt_parse(s, argc, argv, &npos);
  if (rc) return rc;
  if (npos < 1) return cli_usage_error("%s: missing %s", s->cmd, what);
  if (npos > 1) return cli_usage_error("%s: one %s%s", s->cmd, what, hint);
  *arg = argv[1];
  return 0;
}

/* The options of the glass subcommands that take a value (their tables in
 * cli/cmd_glass_*.c): the argument after one is its value, not the
 * subcommand. */
static int takes_value(const char *a) {
  static const char *const names[] = {"--model", "--at",    "--liquidus",
                                      "--data",  "--folds", "--seed",
                                      "--csv",   "--svg"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(a, names[i]) == 0) return 1;
  return 0;
}

/* As cli_opt_parse reads it: "-" and "-5" are not options. */
static int is_option(const char *a) {
  return a[0] == '-' && a[1] != '\0' &&
         !(isdigit((unsigned char)a[1]) || a[1] == '.');
}

int glass_dispatch(const char *cmd, const char *const *subs,
                   int (*const *fns)(int, char **), size_t n, int argc,
                   char **argv) {
  int at = 0;
  for (int i = 1; i < argc && !at; i++) {
    if (strcmp(argv[i], "--") == 0) {
      at = i + 1 < argc ? i + 1 : 0;
      break;
    }
    if (cli_is_help(argv[i])) return fputs(glass_help, stdout), CLI_OK;
    if (!is_option(argv[i]))
      at = i;
    else if (takes_value(argv[i]))
      i++;
  }
  char list[128] = "";
  for (size_t k = 0; k < n; k++)
    snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
             k ? ", " : "", subs[k]);
  if (!at) return cli_usage_error("%s: missing subcommand (%s)", cmd, list);
  char *sub = argv[at];
  memmove(argv + 2, argv + 1, (size_t)(at - 1) * sizeof *argv);
  argv[1] = sub;
  for (size_t k = 0; k < n; k++)
    if (strcmp(sub, subs[k]) == 0) return fns[k](argc - 1, argv + 1);
  const char *near = cli_nearest(sub, subs, n);
  if (near)
    return cli_usage_error("%s: unknown subcommand '%s'; did you mean '%s'?",
                           cmd, sub, near);
  return cli_usage_error("%s: unknown subcommand '%s' (%s)", cmd, sub, list);
}
