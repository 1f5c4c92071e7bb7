/* mge models: list the property models of the registry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "mge/registry.h"
#include "mge/store_learn.h"
#include "opt.h"
#include "record.h"

static const char head[] =
    "usage: mge models [--json] [--db PATH]\n\n"
    "List the property models the design engine can use: id, name,\n"
    "family, outputs (property names with units), the model's\n"
    "parameters (named constants with units) and references.\n"
    "A property is named MODEL.OUTPUT, e.g. alloy.density.\n"
    "--db PATH also lists the models fitted into that database with\n"
    "`mge learn fit` (learn.NAME, learn.NAME_sd).\n";

/* One model as a record: id, name, family, outputs [{property, name,
 * unit, description}], parameters [{name, value, unit, description}] and
 * references. prop holds the n_out property names (none when NULL). */
static void model_record(cli_record *r, const mge_model *m, char (*prop)[160]) {
  cli_rec_clear(r);
  cli_rec_int(r, "id", m->id);
  cli_rec_str(r, "name", m->name);
  cli_rec_str(r, "family", mge_family_name(m->family));
  cli_rec_arr_begin(r, "outputs");
  for (int k = 0; k < m->n_out && prop; k++) {
    if (m->n_out == 1) /* a single output is named by the model */
      snprintf(prop[k], sizeof prop[k], "%s", m->name);
    else
      snprintf(prop[k], sizeof prop[k], "%s.%s", m->name, m->out[k].name);
    cli_rec_begin(r, NULL);
    cli_rec_str(r, "property", prop[k]);
    cli_rec_str(r, "name", m->out[k].name);
    cli_rec_str(r, "unit", m->out[k].unit);
    cli_rec_str(r, "description", m->out[k].desc ? m->out[k].desc : "");
    cli_rec_end(r);
  }
  cli_rec_arr_end(r);
  cli_rec_arr_begin(r, "parameters");
  for (int k = 0; k < m->n_param; k++) {
    const mge_model_param *q = &m->param[k];
    cli_rec_begin(r, NULL);
    cli_rec_str(r, "name", q->name);
    cli_rec_num(r, "value", q->unit, q->value);
    cli_rec_str(r, "unit", q->unit);
    cli_rec_str(r, "description", q->desc);
    cli_rec_end(r);
  }
  cli_rec_arr_end(r);
  cli_rec_str(r, "references", m->refs ? m->refs : "");
}

/* The record of model_record as text: a line of the model, one of each
 * output and parameter, the references (e: room for an element). */
static void print_model(const cli_record *r, cli_record *e) {
  static const cli_rec_col out[] = {{"property", NULL, -22, NULL, 6, NULL},
                                    {"unit", NULL, -10, NULL, 0, NULL},
                                    {"description", NULL, 0, NULL, 0, NULL}};
  printf("%-5d %-20s family %s\n", (int)cli_rec_get_num(r, "id"),
         cli_rec_get_str(r, "name"), cli_rec_get_str(r, "family"));
  for (size_t k = 0; cli_rec_elem(r, "outputs", k, e); k++)
    cli_rec_table_row(stdout, out, 3, e);
  for (size_t k = 0; cli_rec_elem(r, "parameters", k, e); k++) {
    char val[64];
    snprintf(val, sizeof val, "%g %s", cli_rec_get_num(e, "value"),
             cli_rec_get_str(e, "unit"));
    printf("      parameter %-12s %-12s %s\n", cli_rec_get_str(e, "name"), val,
           cli_rec_get_str(e, "description"));
  }
  printf("      references: %s\n\n", cli_rec_get_str(r, "references"));
}

int cmd_models(int argc, char **argv) {
  int json = 0, npos;
  const char *db = NULL;
  cli_opt opt[] = {
      CLI_FLAG("--json", &json, NULL),
      CLI_STR("--db", &db, "PATH", NULL),
  };
  cli_opts spec = CLI_OPTS("models", head, opt, 0, NULL);
  int rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (npos) return cli_usage_error("models: unexpected argument '%s'", argv[1]);
  mge_error err;
  mge_error_clear(&err);
  mge_registry *reg = mge_registry_builtin(&err);
  if (!reg) return cli_report(&err, NULL);
  if (db) {
    mge_store *st = NULL;
    if (access(db, F_OK) != 0) {
      mge_registry_free(reg);
      return cli_usage_error("models: no database %s", db);
    }
    rc = mge_store_open(db, &st, &err);
    if (!rc) rc = mge_store_register_learned(st, reg, &err);
    mge_store_close(st);
    if (rc) {
      mge_registry_free(reg);
      return cli_report(&err, NULL);
    }
  }
  size_t n = mge_registry_count(reg);
  cli_json j;
  if (json) {
    cli_json_init(&j, stdout, 1);
    cli_json_arr_begin(&j);
  }
  cli_record *r = cli_rec_new();
  cli_record *e = cli_rec_new();
  for (size_t i = 0; i < n && !rc; i++) {
    const mge_model *m = mge_registry_at(reg, i);
    char(*prop)[160] = malloc((size_t)m->n_out * sizeof *prop);
    model_record(r, m, prop);
    if (!prop || cli_rec_failed(r)) {
      fprintf(stderr, "mge: out of memory\n");
      rc = CLI_FAIL;
    } else if (json) {
      cli_rec_json(&j, r);
    } else {
      print_model(r, e);
    }
    free(prop);
  }
  cli_rec_free(e);
  cli_rec_free(r);
  if (json) {
    cli_json_arr_end(&j);
    cli_json_end(&j);
  }
  mge_registry_free(reg);
  return rc;
}
