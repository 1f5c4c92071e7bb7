/* mge micro: micromechanics of a unidirectional lamina from fibre and
 * matrix properties (arguments KEY=VALUE or a YAML file). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "laminate_common.h"
#include "mge/composite.h"
#include "opt.h"
#include "record.h"

static const char head[] =
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
    "  Vf or Wf, Vv        fractions (0.6 or 60%)\n"
    "  xi_E2 xi_G12        Halpin-Tsai factors (default 2 and 1)\n"
    "  t_ply               ply thickness for kg/m2 and USD/m2\n\n"
    "example: mge micro Ef=85GPa nuf=0.2 Em=3.4GPa num=0.3 Vf=0.7 "
    "rho_f=2500kg/m3 rho_m=1200kg/m3\n";

int cmd_micro(int argc, char **argv) {
  int json = 0, npos;
  cli_opt opt[] = {CLI_FLAG("--json", &json, NULL)};
  cli_opts spec = CLI_OPTS("micro", head, opt, 0, NULL);
  int rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (argc < 2) {
    cli_opt_usage(stderr, &spec);
    return CLI_USAGE;
  }
  mge_micro_input in;
  mge_micro_input_init(&in);
  mge_error err;
  mge_error_clear(&err);
  for (int i = 1; i <= npos; i++)
    if (mge_micro_input_arg(&in, argv[i], &err)) return cli_report(&err, NULL);
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
  if (json) { /* SI values; the table shows them scaled */
    cli_record *rec = cli_rec_new();
    for (size_t i = 0; i < n; i++)
      cli_rec_num(rec, rows[i].key, NULL, rows[i].v);
    return lam_print_record(rec);
  }
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(rows[i].v)) continue;
    printf("%-24s %12.5g %s\n", rows[i].key, rows[i].v * rows[i].scale,
           rows[i].unit);
  }
  return CLI_OK;
}
