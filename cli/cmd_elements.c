/* mge elements [SYMBOL...] [--json]: print the element table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "opt.h"
#include "mge/chem.h"

static const char head[] =
    "usage: mge elements [SYMBOL...] [--json]\n\n"
    "Print element data (all 103 elements if no symbol is given).\n"
    "Symbols are case-sensitive (Fe, not FE).\n\n"
    "options:\n";
static const char tail[] =
    "\nSources: data/elements/README.md. Unknown values print as '-'\n"
    "(null in JSON).\n";

/* Print v with fmt into a column of width w, or '-' if v is NaN. */
static void col(double v, const char *fmt, int w) {
  if (isnan(v)) {
    printf(" %*s", w, "-");
  } else {
    char b[32];
    snprintf(b, sizeof b, fmt, v);
    printf(" %*s", w, b);
  }
}

static void print_table(const mge_element *const *els, int n) {
  printf("%-3s %-13s %3s %12s %5s %7s %8s %7s %4s %11s\n", "sym", "name", "Z",
         "weight", "chi", "r_met/A", "Tm/K", "rho", "VEC", "price");
  printf("%-3s %-13s %3s %12s %5s %7s %8s %7s %4s %11s\n", "", "", "", "g/mol",
         "", "", "", "kg/m3", "", "USD/kg");
  for (int i = 0; i < n; i++) {
    const mge_element *e = els[i];
    printf("%-3s %-13s %3d", e->symbol, e->name, e->Z);
    col(e->atomic_weight, "%.10g", 12);
    col(e->chi_pauling, "%.2f", 5);
    col(e->r_metal_A, "%.3f", 7);
    col(e->t_melt_K, "%.2f", 8);
    col(e->rho_kg_m3, "%.0f", 7);
    col(e->vec, "%.0f", 4);
    if (isnan(e->price_usd_kg))
      printf(" %11s\n", "-");
    else
      printf(" %6.4g (%d)\n", e->price_usd_kg, e->price_year);
  }
  printf("\nprices: %s\n", mge_element_price_source());
}

static void num(cli_json *j, const char *key, double v) {
  cli_json_key(j, key);
  cli_json_num(j, v);
}

static void print_json(const mge_element *const *els, int n) {
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
    const mge_element *e = els[i];
    char block[2] = {e->block, '\0'};
    cli_json_obj_begin(&j);
    cli_json_key(&j, "Z");
    cli_json_int(&j, e->Z);
    cli_json_key(&j, "symbol");
    cli_json_str(&j, e->symbol);
    cli_json_key(&j, "name");
    cli_json_str(&j, e->name);
    num(&j, "atomic_weight_g_mol", e->atomic_weight);
    num(&j, "chi_pauling", e->chi_pauling);
    num(&j, "r_metal_A", e->r_metal_A);
    num(&j, "t_melt_K", e->t_melt_K);
    num(&j, "rho_kg_m3", e->rho_kg_m3);
    num(&j, "vm_m3_mol", e->vm_m3_mol);
    cli_json_key(&j, "group");
    cli_json_int(&j, e->group);
    cli_json_key(&j, "period");
    cli_json_int(&j, e->period);
    cli_json_key(&j, "block");
    cli_json_str(&j, block);
    num(&j, "vec", e->vec);
    cli_json_key(&j, "miedema");
    cli_json_obj_begin(&j);
    num(&j, "phi_V", e->miedema_phi_V);
    num(&j, "nws13", e->miedema_nws13);
    num(&j, "vm23_cm2", e->miedema_vm23_cm2);
    num(&j, "valence", e->miedema_valence);
    num(&j, "R", e->miedema_R);
    num(&j, "H_trans_kJ_mol", e->miedema_H_trans);
    cli_json_key(&j, "transition");
    cli_json_bool(&j, e->miedema_transition);
    cli_json_obj_end(&j);
    cli_json_key(&j, "magpie");
    cli_json_obj_begin(&j);
    for (int k = 0; k < MGE_MAGPIE_N; k++)
      num(&j, mge_magpie_names[k], e->magpie[k]);
    cli_json_obj_end(&j);
    num(&j, "price_usd_kg", e->price_usd_kg);
    cli_json_key(&j, "price_year");
    if (e->price_year)
      cli_json_int(&j, e->price_year);
    else
      cli_json_null(&j);
    cli_json_obj_end(&j);
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
  if (json)
    print_json(els, n);
  else
    print_table(els, n);
  free(els);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "mge: error: writing output failed\n");
    return CLI_FAIL;
  }
  return CLI_OK;
}
