/* The option table of a command (cli/opt.h): parsing and the help. */
#include "opt.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mge/units.h"

#define NAMES_MAX 128

static int is_option(const char *a) {
  if (a[0] != '-' || a[1] == '\0') return 0; /* "-" is stdin/stdout */
  if (a[1] == '-') return 1;
  return !(isdigit((unsigned char)a[1]) || a[1] == '.'); /* -5 is a value */
}

/* The row of argument a (its name up to any '='), or NULL. */
static cli_opt *find(cli_opts *s, const char *a, size_t len) {
  for (size_t i = 0; i < s->n; i++) {
    cli_opt *o = &s->opt[i];
    if (o->name && strlen(o->name) == len && !strncmp(o->name, a, len))
      return o;
    if (o->alias && strlen(o->alias) == len && !strncmp(o->alias, a, len))
      return o;
  }
  return NULL;
}

static int unknown(const cli_opts *s, const char *a) {
  const char *names[NAMES_MAX];
  size_t n = 0;
  for (size_t i = 0; i < s->n && n + 1 < NAMES_MAX; i++) {
    if (s->opt[i].name) names[n++] = s->opt[i].name;
    if (s->opt[i].alias) names[n++] = s->opt[i].alias;
  }
  char key[64];
  snprintf(key, sizeof key, "%.*s", (int)strcspn(a, "="), a);
  const char *near = cli_nearest(key, names, n);
  if (near)
    return cli_usage_error("%s: unknown option '%s'; did you mean '%s'?",
                           s->cmd, a, near);
  return cli_usage_error("%s: unknown option '%s' (see mge %s --help)", s->cmd,
                         a, s->cmd);
}

/* "in 1..256", "[0, 100)", ">= 0" for the messages. */
static void bounds(const cli_opt *o, char *b, size_t cap) {
  int integer = o->kind == CLI_OPT_INT || o->kind == CLI_OPT_LLONG;
  if (integer && o->hi >= 9e18)
    snprintf(b, cap, ">= %.0f", o->lo);
  else if (integer)
    snprintf(b, cap, "in %.0f..%.0f", o->lo, o->hi);
  else
    snprintf(b, cap, "in [%g, %g%c", o->lo, o->hi,
             o->flags & CLI_OPT_HI_OPEN ? ')' : ']');
}

static int in_bounds(const cli_opt *o, double v) {
  if (o->lo == 0 && o->hi == 0) return 1; /* no bounds */
  if (!(v >= o->lo)) return 0;
  return (o->flags & CLI_OPT_HI_OPEN) ? v < o->hi : v <= o->hi;
}

static int bad_value(const cli_opts *s, const cli_opt *o, const char *what,
                     const char *v) {
  char b[96];
  bounds(o, b, sizeof b);
  return cli_usage_error("%s: %s wants %s %s, not '%s'", s->cmd, o->name, what,
                         b, v);
}

static int set_value(const cli_opts *s, cli_opt *o, const char *v) {
  char *end;
  errno = 0;
  switch (o->kind) {
    case CLI_OPT_INT:
    case CLI_OPT_LLONG: {
      long long x = strtoll(v, &end, 10);
      if (!*v || *end || errno || !in_bounds(o, (double)x))
        return bad_value(s, o, "an integer", v);
      if (o->kind == CLI_OPT_INT)
        *(int *)o->dst = (int)x;
      else
        *(long long *)o->dst = x;
      return 0;
    }
    case CLI_OPT_DOUBLE: {
      double x = strtod(v, &end);
      if (!*v || *end || !isfinite(x) || !in_bounds(o, x))
        return bad_value(s, o, "a number", v);
      *(double *)o->dst = x;
      return 0;
    }
    case CLI_OPT_QTY: {
      mge_unit want, got;
      mge_error err;
      double si;
      if (mge_unit_parse(o->unit, &want, &err) ||
          mge_quantity_parse(v, &si, &got, &err))
        return cli_usage_error("%s: %s: %s", s->cmd, o->name, err.message);
      int bare = !mge_unit_same_dim(&got, &want) && got.scale == 1.0 &&
                 got.offset == 0.0 &&
                 strspn(v, "+-0123456789.eE ") == strlen(v);
      if (bare) /* a plain number is in the table's unit */
        si = want.scale * si + want.offset;
      else if (!mge_unit_same_dim(&got, &want))
        return cli_usage_error("%s: %s wants a quantity in %s, not '%s'",
                               s->cmd, o->name, o->unit, v);
      if (!isfinite(si) || !in_bounds(o, si)) {
        char b[96];
        bounds(o, b, sizeof b);
        return cli_usage_error("%s: %s must be %s (SI), not '%s'", s->cmd,
                               o->name, b, v);
      }
      *(double *)o->dst = si;
      return 0;
    }
    case CLI_OPT_STR: *(const char **)o->dst = v; return 0;
    case CLI_OPT_FLAG:
    case CLI_OPT_HELP: break;
  }
  return 0;
}

int cli_opt_parse(cli_opts *s, int argc, char **argv, int *npos) {
  *npos = 0;
  for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
    if (cli_is_help(argv[i])) {
      cli_opt_usage(stdout, s);
      return CLI_OPT_DONE;
    }
  int only_pos = 0;
  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    if (only_pos || !is_option(a)) {
      argv[1 + (*npos)++] = a;
      continue;
    }
    if (!strcmp(a, "--")) {
      only_pos = 1;
      continue;
    }
    const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
    cli_opt *o = find(s, a, eq ? (size_t)(eq - a) : strlen(a));
    if (!o || o->kind == CLI_OPT_HELP) return unknown(s, a);
    o->flags |= CLI_OPT_SET;
    if (o->kind == CLI_OPT_FLAG) {
      if (eq) return cli_usage_error("%s: %s takes no value", s->cmd, o->name);
      *(int *)o->dst = 1;
      continue;
    }
    const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
    if (!v)
      return cli_usage_error("%s: %s needs a value%s%s", s->cmd, o->name,
                             o->arg ? " " : "", o->arg ? o->arg : "");
    if (set_value(s, o, v)) return CLI_USAGE;
  }
  return 0;
}

int cli_opt_given(const cli_opts *s, const char *name) {
  for (size_t i = 0; i < s->n; i++)
    if (s->opt[i].name && !strcmp(s->opt[i].name, name))
      return (s->opt[i].flags & CLI_OPT_SET) != 0;
  return 0;
}

int cli_opt_only(const cli_opts *s, const char *allowed, const char *what,
                 const char *cmd) {
  for (size_t i = 0; i < s->n; i++) {
    const cli_opt *o = &s->opt[i];
    if (!o->name || !(o->flags & CLI_OPT_SET)) continue;
    size_t n = strlen(o->name);
    const char *p = allowed;
    while ((p = strstr(p, o->name)) &&
           !(p > allowed && p[-1] == ' ' && p[n] == ' '))
      p += n;
    if (!p)
      return cli_usage_error("%s: %s means nothing here (see mge %s --help)",
                             what, o->name, cmd);
  }
  return 0;
}

void cli_opt_usage(FILE *f, const cli_opts *s) {
  if (s->head) fputs(s->head, f);
  for (size_t i = 0; i < s->n; i++) {
    const cli_opt *o = &s->opt[i];
    if (!o->help) continue;
    char label[128];
    if (o->label)
      snprintf(label, sizeof label, "%s", o->label);
    else
      snprintf(label, sizeof label, "%s%s%s%s%s", o->alias ? o->alias : "",
               o->alias ? ", " : "", o->name, o->arg ? " " : "",
               o->arg ? o->arg : "");
    fprintf(f, "  %-*s", s->width, label);
    for (const char *h = o->help;;) { /* one line at a time, aligned */
      size_t len = strcspn(h, "\n");
      fprintf(f, " %.*s\n", (int)len, h);
      if (!h[len]) break;
      h += len + 1;
      fprintf(f, "  %*s", s->width, "");
    }
  }
  if (s->tail) fputs(s->tail, f);
}
