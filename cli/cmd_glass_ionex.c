/* mge glass ionex FILE.yaml: K+/Na+ or Na+/Li+ exchange of a plate,
 * calibrated on measurements when the file has them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "glass_common.h"
#include "mge/report.h"
#include "opt.h"

static int write_csv(const char *path, const mge_ionex_result *r) {
  mge_file *out;
  FILE *f = cli_out_open(path, &out);
  if (!f) return CLI_USAGE;
  fprintf(f, "z_m,C,sigma_Pa\n");
  for (int i = 0; i < r->n; i++)
    fprintf(f, "%.9g,%.9g,%.9g\n", r->z_m[i], r->C[i], r->sigma_Pa[i]);
  return cli_out_close(out, CLI_OK);
}

int glass_ionex(int argc, char **argv) {
  const char *csv = NULL, *svg = NULL;
  int json = 0;
  cli_opt opts[] = {
      CLI_FLAG("--json", &json, NULL),
      CLI_STR("--csv", &csv, "OUT.csv", NULL),
      CLI_STR("--svg", &svg, "OUT.svg", NULL),
  };
  cli_opts spec = CLI_OPTS("glass ionex", glass_help, opts, 0, NULL);
  const char *path;
  int rc = glass_opt_parse1(&spec, argc, argv, "FILE.yaml", "", &path);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  mge_ionex_problem p;
  mge_ionex_measure meas[16];
  int nm = 0;
  mge_error err;
  mge_error_clear(&err);
  if (mge_ionex_read_yaml(path, &p, meas, 16, &nm, &err))
    return cli_report(&err, NULL);
  mge_ionex_calib_info ci = {0};
  if (nm > 0 && mge_ionex_calibrate(&p, meas, nm, &ci, &err))
    return cli_report(&err, NULL);
  mge_ionex_result r;
  if (mge_ionex_run(&p, &r, &err)) return cli_report(&err, NULL);
  if (csv) rc = write_csv(csv, &r);
  if (!rc && svg) {
    char *s = NULL;
    int rr = mge_report_ionex_svg(&r, path, &s, &err);
    rc = cli_write_rendered(svg, rr, s, &err);
  }
  if (rc) return mge_ionex_result_free(&r), rc;
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "CS");
    cli_json_num(&j, r.CS_Pa);
    cli_json_key(&j, "CT");
    cli_json_num(&j, r.CT_Pa);
    cli_json_key(&j, "DOL");
    cli_json_num(&j, r.DOL_m);
    cli_json_key(&j, "DOC");
    cli_json_num(&j, r.DOC_m);
    cli_json_key(&j, "units");
    cli_json_str(&j, "CS, CT in Pa; DOL, DOC in m; energy in J/m2");
    cli_json_key(&j, "tensile_energy");
    cli_json_num(&j, r.W_tensile_J_m2);
    cli_json_key(&j, "CT_limit");
    cli_json_num(&j, r.CT_limit_Pa);
    cli_json_key(&j, "frangible");
    cli_json_bool(&j, r.frangible);
    cli_json_key(&j, "frangibility_source");
    cli_json_str(&j, mge_ionex_ct_limit_source());
    if (nm > 0) {
      cli_json_key(&j, "calibration");
      cli_json_obj_begin(&j);
      cli_json_key(&j, "D0_m2_s");
      cli_json_num(&j, p.glass.D0_m2_s);
      cli_json_key(&j, "Q_J_mol");
      cli_json_num(&j, p.glass.Q_J_mol);
      cli_json_key(&j, "B");
      cli_json_num(&j, p.glass.B);
      cli_json_key(&j, "Q_fitted");
      cli_json_bool(&j, ci.fitted_Q);
      cli_json_key(&j, "rms_relative_misfit");
      cli_json_num(&j, ci.rms_rel);
      cli_json_obj_end(&j);
    }
    cli_json_key(&j, "profile");
    cli_json_obj_begin(&j);
    cli_json_key(&j, "z_m");
    cli_json_arr_begin(&j);
    for (int i = 0; i < r.n; i++) cli_json_num(&j, r.z_m[i]);
    cli_json_arr_end(&j);
    cli_json_key(&j, "C");
    cli_json_arr_begin(&j);
    for (int i = 0; i < r.n; i++) cli_json_num(&j, r.C[i]);
    cli_json_arr_end(&j);
    cli_json_key(&j, "sigma_Pa");
    cli_json_arr_begin(&j);
    for (int i = 0; i < r.n; i++) cli_json_num(&j, r.sigma_Pa[i]);
    cli_json_arr_end(&j);
    cli_json_obj_end(&j);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    if (nm > 0)
      printf(
          "calibrated on %d measurement(s): D0 %.4g m2/s, Q %.4g J/mol%s, "
          "B %.5g (RMS relative misfit %.2g)\n",
          nm, p.glass.D0_m2_s, p.glass.Q_J_mol,
          ci.fitted_Q ? "" : " (kept: one temperature)", p.glass.B, ci.rms_rel);
    printf("%s, %.4g m plate, %d step(s)\n",
           p.pair == MGE_IONEX_K_NA ? "K+ <-> Na+" : "Na+ <-> Li+",
           p.thickness_m, p.n_steps);
    printf(
        "  CS   %12.4g Pa\n  CT   %12.4g Pa\n  DOL  %12.4g m\n"
        "  DOC  %12.4g m\n  tensile energy %10.4g J/m2\n",
        r.CS_Pa, r.CT_Pa, r.DOL_m, r.DOC_m, r.W_tensile_J_m2);
    printf("  CT limit %.4g Pa: %s\n  (%s)\n", r.CT_limit_Pa,
           r.frangible ? "WARNING: CT above the frangibility limit"
                       : "below the frangibility limit",
           mge_ionex_ct_limit_source());
    printf("profile (half thickness, every %d-th node): z_m, C, sigma_Pa\n",
           r.n / 40 + 1);
    for (int i = 0; i <= r.n / 2; i += r.n / 40 + 1)
      printf("  %11.4e %8.5f %12.5e\n", r.z_m[i], r.C[i], r.sigma_Pa[i]);
  }
  mge_ionex_result_free(&r);
  return CLI_OK;
}
