/* The pieces more than one subcommand of mge laminate writes. */
#include "laminate_common.h"

const char *const lam_where_names[3] = {"bottom", "middle", "top"};

void lam_json_mat3(cli_json *j, const char *key, double m[3][3]) {
  cli_json_key(j, key);
  cli_json_arr_begin(j);
  for (int i = 0; i < 3; i++) {
    cli_json_arr_begin(j);
    for (int k = 0; k < 3; k++) cli_json_num(j, m[i][k]);
    cli_json_arr_end(j);
  }
  cli_json_arr_end(j);
}

void lam_json_vec3(cli_json *j, const char *key, const double v[3]) {
  cli_json_key(j, key);
  cli_json_arr_begin(j);
  for (int k = 0; k < 3; k++) cli_json_num(j, v[k]);
  cli_json_arr_end(j);
}

int lam_print_record(cli_record *rec) {
  if (cli_rec_failed(rec)) {
    cli_rec_free(rec);
    cli_usage_error("out of memory");
    return CLI_FAIL;
  }
  cli_json j;
  cli_json_init(&j, stdout, 1);
  cli_rec_json(&j, rec);
  cli_json_end(&j);
  cli_rec_free(rec);
  return CLI_OK;
}
