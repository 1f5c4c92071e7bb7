/* What the files of mge glass share (cli/glass_common.h). */
#include "glass_common.h"

#include <math.h>

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
