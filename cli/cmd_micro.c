/* mge micro: micromechanics of a unidirectional lamina from fibre and
 * matrix properties (arguments KEY=VALUE or a YAML file). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "mge/composite.h"

static void help(FILE *f) {
  fprintf(f,
          "usage: mge micro [FILE.yaml] [KEY=VALUE ...] [--json]\n\n"
          "Rule of mixtures, inverse rule of mixtures, Halpin-Tsai, Chamis, "
          "density,\nmass fraction, Schapery expansion, cost per kg and per "
          "m2.\n\n"
          "keys (values with units; bare numbers are SI):\n"
          "  Ef E2f G12f nuf     fibre (E2f, G12f default: isotropic)\n"
          "  Em Gm num           matrix\n"
          "  rho_f rho_m         densities (g/cm3, kg/m3)\n"
          "  alpha_f alpha2f alpha_m  expansion (1/K, ppm/K)\n"
          "  cost_f cost_m       prices (USD/kg)\n"
          "  Vf or Wf, Vv        fractions (0.6 or 60%%)\n"
          "  xi_E2 xi_G12        Halpin-Tsai factors (default 2 and 1)\n"
          "  t_ply               ply thickness for kg/m2 and USD/m2\n\n"
          "example: mge micro Ef=85GPa nuf=0.2 Em=3.4GPa num=0.3 Vf=0.7 "
          "rho_f=2500kg/m3 rho_m=1200kg/m3\n");
}

int cmd_micro(int argc, char **argv) {
  mge_micro_input in;
  mge_micro_input_init(&in);
  int json = 0;
  mge_error err;
  mge_error_clear(&err);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) {
      help(stdout);
      return CLI_OK;
    }
    if (strcmp(a, "--json") == 0) {
      json = 1;
      continue;
    }
    if (a[0] == '-' && a[1] == '-')
      return cli_usage_error("unknown option '%s' (mge micro --help)", a);
    if (mge_micro_input_arg(&in, a, &err)) return cli_report(&err, NULL);
  }
  if (argc < 2) {
    help(stderr);
    return CLI_USAGE;
  }
  mge_micro_result r;
  if (mge_micro_input_compute(&in, &r, &err)) return cli_report(&err, NULL);
  struct {
    const char *key;
    double v, scale;
    const char *unit;
  } rows[] = {
      {"Vf", r.Vf, 1, ""},
      {"Vm", r.Vm, 1, ""},
      {"Vv", r.Vv, 1, ""},
      {"Wf", r.Wf, 1, ""},
      {"density_kg_m3", r.rho_kg_m3, 1, "kg/m3"},
      {"E1_rom_Pa", r.E1_Pa, 1e-9, "GPa"},
      {"nu12_rom", r.nu12, 1, ""},
      {"E2_inverse_rom_Pa", r.E2_inv_Pa, 1e-9, "GPa"},
      {"G12_inverse_rom_Pa", r.G12_inv_Pa, 1e-9, "GPa"},
      {"E2_halpin_tsai_Pa", r.E2_ht_Pa, 1e-9, "GPa"},
      {"G12_halpin_tsai_Pa", r.G12_ht_Pa, 1e-9, "GPa"},
      {"xi_E2", r.xi_E2, 1, ""},
      {"xi_G12", r.xi_G12, 1, ""},
      {"E2_chamis_Pa", r.E2_chamis_Pa, 1e-9, "GPa"},
      {"G12_chamis_Pa", r.G12_chamis_Pa, 1e-9, "GPa"},
      {"alpha1_schapery_per_K", r.alpha1_per_K, 1e6, "1e-6/K"},
      {"alpha2_schapery_per_K", r.alpha2_per_K, 1e6, "1e-6/K"},
      {"cost_USD_kg", r.cost_USD_kg, 1, "USD/kg"},
      {"areal_mass_kg_m2", r.areal_mass_kg_m2, 1, "kg/m2"},
      {"cost_USD_m2", r.cost_USD_m2, 1, "USD/m2"},
  };
  size_t n = sizeof rows / sizeof rows[0];
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    for (size_t i = 0; i < n; i++) {
      cli_json_key(&j, rows[i].key);
      cli_json_num(&j, rows[i].v);
    }
    cli_json_obj_end(&j);
    cli_json_end(&j);
    return CLI_OK;
  }
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(rows[i].v)) continue;
    printf("%-24s %12.5g %s\n", rows[i].key, rows[i].v * rows[i].scale,
           rows[i].unit);
  }
  return CLI_OK;
}
