/* mge laminate stress: midplane strains and curvatures, ply strains and
 * stresses at the bottom, middle and top of each ply. */
#include <stdio.h>
#include <stdlib.h>

#include "laminate_common.h"

int lam_stress(const lam_opts *o, const mge_laminate_spec *s) {
  mge_error err;
  mge_error_clear(&err);
  if (!s->has_load)
    return cli_usage_error(
        "stress needs loads: (N, M, dT) in the file or "
        "--N/--M/--dT");
  mge_abd abd;
  if (mge_laminate_abd(&s->lam, &abd, &err)) return cli_report(&err, NULL);
  mge_laminate_response *r = malloc(sizeof *r);
  if (!r) return CLI_FAIL;
  if (mge_laminate_solve(&s->lam, &abd, &s->load, r, &err)) {
    free(r);
    return cli_report(&err, NULL);
  }
  if (o->json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "z_convention");
    cli_json_str(&j, "ply 1 at z = -h/2 (bottom), plies listed bottom up");
    lam_json_vec3(&j, "N_N_per_m", s->load.N);
    lam_json_vec3(&j, "M_N", s->load.M);
    cli_json_key(&j, "dT_K");
    cli_json_num(&j, s->load.dT_K);
    lam_json_vec3(&j, "eps0", r->eps0);
    lam_json_vec3(&j, "kappa", r->kappa);
    cli_json_key(&j, "plies");
    cli_json_arr_begin(&j);
    for (int k = 0; k < r->n_plies; k++) {
      cli_json_obj_begin(&j);
      cli_json_key(&j, "ply");
      cli_json_int(&j, k + 1);
      cli_json_key(&j, "angle_deg");
      cli_json_num(&j, s->lam.ply[k].theta_deg);
      for (int w = 0; w < 3; w++) {
        const mge_ply_point *p = &r->pt[k][w];
        cli_json_key(&j, lam_where_names[w]);
        cli_json_obj_begin(&j);
        cli_json_key(&j, "z_m");
        cli_json_num(&j, p->z_m);
        lam_json_vec3(&j, "eps_xy", p->eps_xy);
        lam_json_vec3(&j, "sig_xy_Pa", p->sig_xy_Pa);
        lam_json_vec3(&j, "eps_12", p->eps_12);
        lam_json_vec3(&j, "sig_12_Pa", p->sig_12_Pa);
        cli_json_obj_end(&j);
      }
      cli_json_obj_end(&j);
    }
    cli_json_arr_end(&j);
    cli_json_obj_end(&j);
    cli_json_end(&j);
    free(r);
    return CLI_OK;
  }
  printf("midplane strains eps0: [%.5g %.5g %.5g]\n", r->eps0[0], r->eps0[1],
         r->eps0[2]);
  printf("curvatures kappa (1/m): [%.5g %.5g %.5g]\n", r->kappa[0], r->kappa[1],
         r->kappa[2]);
  printf("%4s %7s %6s %9s | %10s %10s %10s | %10s %10s %10s  (MPa)\n", "ply",
         "angle", "where", "z (mm)", "sig_x", "sig_y", "tau_xy", "sig_1",
         "sig_2", "tau_12");
  for (int k = 0; k < r->n_plies; k++)
    for (int w = 0; w < 3; w++) {
      const mge_ply_point *p = &r->pt[k][w];
      printf(
          "%4d %7.3g %6s %9.4g | %10.4g %10.4g %10.4g | %10.4g %10.4g "
          "%10.4g\n",
          k + 1, s->lam.ply[k].theta_deg, lam_where_names[w], p->z_m * 1e3,
          p->sig_xy_Pa[0] / 1e6, p->sig_xy_Pa[1] / 1e6, p->sig_xy_Pa[2] / 1e6,
          p->sig_12_Pa[0] / 1e6, p->sig_12_Pa[1] / 1e6, p->sig_12_Pa[2] / 1e6);
    }
  free(r);
  return CLI_OK;
}
