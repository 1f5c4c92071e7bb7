/* mge models: list the property models of the registry. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "opt.h"
#include "mge/registry.h"
#include "mge/store_learn.h"

static const char head[] =
    "usage: mge models [--json] [--db PATH]\n\n"
    "List the property models the design engine can use: id, name,\n"
    "family, outputs (property names with units), the model's\n"
    "parameters (named constants with units) and references.\n"
    "A property is named MODEL.OUTPUT, e.g. alloy.density.\n"
    "--db PATH also lists the models fitted into that database with\n"
    "`mge learn fit` (learn.NAME, learn.NAME_sd).\n";

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
  if (npos)
    return cli_usage_error("models: unexpected argument '%s'", argv[1]);
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
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_arr_begin(&j);
    for (size_t i = 0; i < n; i++) {
      const mge_model *m = mge_registry_at(reg, i);
      cli_json_obj_begin(&j);
      cli_json_key(&j, "id");
      cli_json_int(&j, m->id);
      cli_json_key(&j, "name");
      cli_json_str(&j, m->name);
      cli_json_key(&j, "family");
      cli_json_str(&j, mge_family_name(m->family));
      cli_json_key(&j, "outputs");
      cli_json_arr_begin(&j);
      for (int k = 0; k < m->n_out; k++) {
        char prop[160];
        if (m->n_out == 1) /* a single output is named by the model */
          snprintf(prop, sizeof prop, "%s", m->name);
        else
          snprintf(prop, sizeof prop, "%s.%s", m->name, m->out[k].name);
        cli_json_obj_begin(&j);
        cli_json_key(&j, "property");
        cli_json_str(&j, prop);
        cli_json_key(&j, "name");
        cli_json_str(&j, m->out[k].name);
        cli_json_key(&j, "unit");
        cli_json_str(&j, m->out[k].unit);
        cli_json_key(&j, "description");
        cli_json_str(&j, m->out[k].desc ? m->out[k].desc : "");
        cli_json_obj_end(&j);
      }
      cli_json_arr_end(&j);
      cli_json_key(&j, "parameters");
      cli_json_arr_begin(&j);
      for (int k = 0; k < m->n_param; k++) {
        const mge_model_param *q = &m->param[k];
        cli_json_obj_begin(&j);
        cli_json_key(&j, "name");
        cli_json_str(&j, q->name);
        cli_json_key(&j, "value");
        cli_json_num(&j, q->value);
        cli_json_key(&j, "unit");
        cli_json_str(&j, q->unit);
        cli_json_key(&j, "description");
        cli_json_str(&j, q->desc);
        cli_json_obj_end(&j);
      }
      cli_json_arr_end(&j);
      cli_json_key(&j, "references");
      cli_json_str(&j, m->refs ? m->refs : "");
      cli_json_obj_end(&j);
    }
    cli_json_arr_end(&j);
    cli_json_end(&j);
  } else {
    for (size_t i = 0; i < n; i++) {
      const mge_model *m = mge_registry_at(reg, i);
      printf("%-5d %-20s family %s\n", m->id, m->name,
             mge_family_name(m->family));
      for (int k = 0; k < m->n_out; k++) {
        char prop[160];
        if (m->n_out == 1)
          snprintf(prop, sizeof prop, "%s", m->name);
        else
          snprintf(prop, sizeof prop, "%s.%s", m->name, m->out[k].name);
        printf("      %-22s %-10s %s\n", prop, m->out[k].unit,
               m->out[k].desc ? m->out[k].desc : "");
      }
      for (int k = 0; k < m->n_param; k++) {
        const mge_model_param *q = &m->param[k];
        char val[64];
        snprintf(val, sizeof val, "%g %s", q->value, q->unit);
        printf("      parameter %-12s %-12s %s\n", q->name, val, q->desc);
      }
      printf("      references: %s\n\n", m->refs ? m->refs : "");
    }
  }
  mge_registry_free(reg);
  return CLI_OK;
}
