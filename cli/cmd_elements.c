/* mge elements [SYMBOL...] [--json]: print the element table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "mge/chem.h"
#include "opt.h"
#include "record.h"

static const char head[] =
    "usage: mge elements [SYMBOL...] [--json]\n\n"
    "Print element data (all 103 elements if no symbol is given).\n"
    "Symbols are case-sensitive (Fe, not FE).\n\n"
    "options:\n";
static const char tail[] =
    "\nSources: data/elements/README.md. Unknown values print as '-'\n"
    "(null in JSON).\n";

/* An element as a record (with table, the price and its year as the
 * table shows them). price is the buffer of that text. */
static void element_record(cli_record *r, const mge_element *e, int table,
                           char *price, size_t cap) {
  static const char order[] = "spdf";
  static const char *const blocks[] = {"s", "p", "d", "f"};
  const char *in = e->block ? strchr(order, e->block) : NULL;
  const char *b = in ? blocks[in - order] : "";
  cli_rec_clear(r);
  cli_rec_int(r, "Z", e->Z);
  cli_rec_str(r, "symbol", e->symbol);
  cli_rec_str(r, "name", e->name);
  cli_rec_num(r, "atomic_weight_g_mol", "g/mol", e->atomic_weight);
  cli_rec_num(r, "chi_pauling", NULL, e->chi_pauling);
  cli_rec_num(r, "r_metal_A", "angstrom", e->r_metal_A);
  cli_rec_num(r, "t_melt_K", "K", e->t_melt_K);
  cli_rec_num(r, "rho_kg_m3", "kg/m3", e->rho_kg_m3);
  cli_rec_num(r, "vm_m3_mol", "m3/mol", e->vm_m3_mol);
  cli_rec_int(r, "group", e->group);
  cli_rec_int(r, "period", e->period);
  cli_rec_str(r, "block", b);
  cli_rec_num(r, "vec", NULL, e->vec);
  cli_rec_begin(r, "miedema");
  cli_rec_num(r, "phi_V", "V", e->miedema_phi_V);
  cli_rec_num(r, "nws13", NULL, e->miedema_nws13);
  cli_rec_num(r, "vm23_cm2", "cm2", e->miedema_vm23_cm2);
  cli_rec_num(r, "valence", NULL, e->miedema_valence);
  cli_rec_num(r, "R", NULL, e->miedema_R);
  cli_rec_num(r, "H_trans_kJ_mol", "kJ/mol", e->miedema_H_trans);
  cli_rec_bool(r, "transition", e->miedema_transition);
  cli_rec_end(r);
  cli_rec_begin(r, "magpie");
  for (int k = 0; k < MGE_MAGPIE_N; k++)
    cli_rec_num(r, mge_magpie_names[k], NULL, e->magpie[k]);
  cli_rec_end(r);
  cli_rec_num(r, "price_usd_kg", "USD/kg", e->price_usd_kg);
  if (e->price_year)
    cli_rec_int(r, "price_year", e->price_year);
  else
    cli_rec_null(r, "price_year");
  if (table && !isnan(e->price_usd_kg)) {
    snprintf(price, cap, "%6.4g (%d)", e->price_usd_kg, e->price_year);
    cli_rec_str(r, "price", price);
  }
}

static void print_table(const mge_element *const *els, int n, cli_record *r) {
  static const cli_rec_col cols[] = {
      {"symbol", "sym", -3, NULL, 0, NULL},
      {"name", "name", -13, NULL, 0, NULL},
      {"Z", "Z", 3, NULL, 0, NULL},
      {"atomic_weight_g_mol", "weight", 12, "%.10g", 0, NULL},
      {"chi_pauling", "chi", 5, "%.2f", 0, NULL},
      {"r_metal_A", "r_met/A", 7, "%.3f", 0, NULL},
      {"t_melt_K", "Tm/K", 8, "%.2f", 0, NULL},
      {"rho_kg_m3", "rho", 7, "%.0f", 0, NULL},
      {"vec", "VEC", 4, "%.0f", 0, NULL},
      {"price", "price", 11, NULL, 0, NULL},
  };
  static const char *const units[] = {"", "", "",      "g/mol", "",
                                      "", "", "kg/m3", "",      "USD/kg"};
  size_t nc = sizeof cols / sizeof cols[0];
  cli_rec_table_head(stdout, cols, nc, NULL);
  cli_rec_table_head(stdout, cols, nc, units);
  for (int i = 0; i < n; i++) {
    char price[48];
    element_record(r, els[i], 1, price, sizeof price);
    cli_rec_table_row(stdout, cols, nc, r);
  }
  printf("\nprices: %s\n", mge_element_price_source());
}

static void print_json(const mge_element *const *els, int n, cli_record *r) {
  cli_json j;
  cli_json_init(&j, stdout, 1);
  cli_json_obj_begin(&j);
  cli_json_key(&j, "units");
  cli_json_obj_begin(&j);
  static const char *const units[][2] = {
      {"atomic_weight_g_mol", "g/mol (IUPAC 2021 standard atomic weight)"},
      {"chi_pauling", "Pauling electronegativity (dimensionless)"},
      {"r_metal_A", "angstrom (12-coordinate metallic radius)"},
      {"t_melt_K", "K"},
      {"rho_kg_m3", "kg/m^3 (solid)"},
      {"vm_m3_mol", "m^3/mol"},
      {"vec", "electrons per atom (Guo et al. 2011)"},
      {"miedema.phi_V", "V"},
      {"miedema.nws13", "(density units)^(1/3)"},
      {"miedema.vm23_cm2", "cm^2"},
      {"miedema.H_trans_kJ_mol", "kJ/mol"},
      {"magpie", "as in Magpie's tables (matminer magpie preset)"},
      {"price_usd_kg", "USD/kg in price_year"}};
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    cli_json_key(&j, units[i][0]);
    cli_json_str(&j, units[i][1]);
  }
  cli_json_obj_end(&j);
  cli_json_key(&j, "price_source");
  cli_json_str(&j, mge_element_price_source());
  cli_json_key(&j, "elements");
  cli_json_arr_begin(&j);
  for (int i = 0; i < n; i++) {
    element_record(r, els[i], 0, NULL, 0);
    cli_rec_json(&j, r);
  }
  cli_json_arr_end(&j);
  cli_json_obj_end(&j);
  cli_json_end(&j);
}

int cmd_elements(int argc, char **argv) {
  int json = 0, npos;
  cli_opt opt[] = {
      CLI_FLAG("--json", &json, "all fields as JSON (units in the key names)"),
      CLI_HELP_ROW,
  };
  cli_opts spec = CLI_OPTS("elements", head, opt, 10, tail);
  int rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  int n = 0;
  const mge_element **els = malloc(sizeof *els * (size_t)(npos + MGE_Z_MAX));
  if (!els) {
    fprintf(stderr, "mge: error: out of memory\n");
    return CLI_FAIL;
  }
  for (int i = 1; i <= npos; i++) {
    const char *a = argv[i];
    const mge_element *e = mge_element_by_symbol(a);
    if (!e) {
      const mge_element *s = mge_element_suggest(a, strlen(a));
      if (s)
        cli_usage_error("unknown element '%s' (did you mean '%s'?)", a,
                        s->symbol);
      else
        cli_usage_error("unknown element '%s'", a);
      free(els);
      return CLI_USAGE;
    }
    els[n++] = e;
  }
  if (n == 0)
    for (int z = 1; z <= MGE_Z_MAX; z++) els[n++] = mge_element_by_Z(z);
  cli_record *r = cli_rec_new();
  if (json)
    print_json(els, n, r);
  else
    print_table(els, n, r);
  int failed = cli_rec_failed(r);
  cli_rec_free(r);
  free(els);
  if (failed) {
    fprintf(stderr, "mge: error: out of memory\n");
    return CLI_FAIL;
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "mge: error: writing output failed\n");
    return CLI_FAIL;
  }
  return CLI_OK;
}
