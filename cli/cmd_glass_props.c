/* mge glass props RECIPE: density, elastic moduli and structure indices of
 * an oxide glass, each with its unit, reference and validity warnings. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "glass_common.h"
#include "opt.h"

int glass_props(int argc, char **argv) {
  int json = 0;
  cli_opt opts[] = {CLI_FLAG("--json", &json, NULL)};
  cli_opts spec = CLI_OPTS("glass props", glass_help, opts, 0, NULL);
  const char *text;
  int rc = glass_opt_parse1(&spec, argc, argv, "RECIPE", " (quote it)", &text);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  mge_recipe r;
  rc = glass_parse_recipe(text, &r);
  if (rc) return rc;
  mge_glass_props p;
  mge_error err;
  mge_error_clear(&err);
  if (mge_glass_props_eval(&r, &p, &err)) return cli_report(&err, text);
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "recipe");
    cli_json_str(&j, text);
    cli_json_key(&j, "properties");
    cli_json_obj_begin(&j);
    for (int k = 0; k < MGE_GP_N; k++) {
      const mge_glass_prop_info *in = mge_glass_prop_info_get(k);
      cli_json_key(&j, in->name);
      cli_json_obj_begin(&j);
      cli_json_key(&j, "value");
      cli_json_num(&j, p.value[k]);
      cli_json_key(&j, "unit");
      cli_json_str(&j, in->unit);
      cli_json_key(&j, "reference");
      cli_json_str(&j, in->ref);
      cli_json_key(&j, "validity");
      cli_json_str(&j, in->validity);
      glass_json_warn(&j, p.warn[k]);
      cli_json_obj_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_key(&j, "thermal_expansion");
    cli_json_str(&j, "not provided: no checked Appen-type coefficient table");
    cli_json_obj_end(&j);
    cli_json_end(&j);
    return CLI_OK;
  }
  printf("recipe: %s\n", text);
  for (int k = 0; k < MGE_GP_N; k++) {
    const mge_glass_prop_info *in = mge_glass_prop_info_get(k);
    printf("  %-24s %14.6g %-7s", in->name, p.value[k], in->unit);
    glass_print_warn(stdout, p.warn[k]);
    printf("\n");
  }
  printf("references:\n");
  for (int k = 0; k < MGE_GP_N; k++) {
    const mge_glass_prop_info *in = mge_glass_prop_info_get(k);
    printf("  %-24s %s (valid: %s)\n", in->name, in->ref, in->validity);
  }
  printf("thermal expansion: not provided (no checked coefficient table)\n");
  return CLI_OK;
}
