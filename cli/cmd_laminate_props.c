/* mge laminate props: the ABD matrices and their inverse, the effective
 * constants, the areal mass and cost and the hygrothermal forces of a
 * laminate. */
#include <math.h>
#include <stdio.h>

#include "laminate_common.h"

static void print_mat3(const char *name, const char *unit, double m[3][3]) {
  printf("%s (%s):\n", name, unit);
  for (int i = 0; i < 3; i++)
    printf("  %13.5e %13.5e %13.5e\n", m[i][0], m[i][1], m[i][2]);
}

static void json_plies(cli_json *j, const mge_laminate *lam) {
  cli_json_key(j, "plies");
  cli_json_arr_begin(j);
  double z = -0.5 * mge_laminate_thickness(lam);
  for (int k = 0; k < lam->n_plies; k++) {
    const mge_ply *p = &lam->ply[k];
    cli_json_obj_begin(j);
    cli_json_key(j, "ply");
    cli_json_int(j, k + 1);
    cli_json_key(j, "angle_deg");
    cli_json_num(j, p->theta_deg);
    cli_json_key(j, "thickness_m");
    cli_json_num(j, p->t_m);
    cli_json_key(j, "z_bottom_m");
    cli_json_num(j, z);
    cli_json_key(j, "z_top_m");
    cli_json_num(j, z + p->t_m);
    cli_json_key(j, "material");
    cli_json_str(j, lam->mats[p->mat].name);
    double Q[3][3], Qb[3][3];
    mge_lamina_Q(&lam->mats[p->mat], Q);
    mge_lamina_Qbar(&lam->mats[p->mat], p->theta_deg, Qb);
    lam_json_mat3(j, "Q_Pa", Q);
    lam_json_mat3(j, "Qbar_Pa", Qb);
    mge_angle_constants ac;
    mge_lamina_angle_constants(&lam->mats[p->mat], p->theta_deg, &ac);
    cli_json_key(j, "angle_constants");
    cli_json_obj_begin(j);
    const char *kn[] = {"Ex_Pa", "Ey_Pa",   "Gxy_Pa", "nuxy",
                        "nuyx",  "etax_xy", "etay_xy"};
    const double v[] = {ac.Ex_Pa, ac.Ey_Pa,   ac.Gxy_Pa, ac.nuxy,
                        ac.nuyx,  ac.etax_xy, ac.etay_xy};
    for (int i = 0; i < 7; i++) {
      cli_json_key(j, kn[i]);
      cli_json_num(j, v[i]);
    }
    cli_json_obj_end(j);
    cli_json_obj_end(j);
    z += p->t_m;
  }
  cli_json_arr_end(j);
}

static void print_plies(const mge_laminate *lam) {
  printf("%4s %9s %10s %11s %11s  %s\n", "ply", "angle", "t (mm)", "z_bot (mm)",
         "z_top (mm)", "material");
  double z = -0.5 * mge_laminate_thickness(lam);
  for (int k = 0; k < lam->n_plies; k++) {
    const mge_ply *p = &lam->ply[k];
    printf("%4d %9.3g %10.4g %11.4g %11.4g  %s\n", k + 1, p->theta_deg,
           p->t_m * 1e3, z * 1e3, (z + p->t_m) * 1e3, lam->mats[p->mat].name);
    z += p->t_m;
  }
}

int lam_props(const lam_opts *o, const mge_laminate_spec *s) {
  mge_error err;
  mge_error_clear(&err);
  mge_abd abd;
  mge_laminate_constants k;
  if (mge_laminate_abd(&s->lam, &abd, &err) ||
      mge_laminate_hygro_check(&s->lam, s->load.dT_K, s->load.dC, &err))
    return cli_report(&err, NULL);
  int have_k = mge_laminate_constants_compute(&abd, &k, NULL) == 0;
  double NT[3], MT[3], NC[3], MC[3];
  mge_laminate_hygrothermal(&s->lam, s->load.dT_K, s->load.dC, NT, MT, NC, MC);
  double mass = mge_laminate_areal_mass(&s->lam);
  double cost = mge_laminate_areal_cost(&s->lam);
  if (o->json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "layup");
    cli_json_str(&j, s->layup);
    cli_json_key(&j, "z_convention");
    cli_json_str(&j, "ply 1 at z = -h/2 (bottom), plies listed bottom up");
    cli_json_key(&j, "thickness_m");
    cli_json_num(&j, abd.h_m);
    json_plies(&j, &s->lam);
    lam_json_mat3(&j, "A", abd.A);
    lam_json_mat3(&j, "B", abd.B);
    lam_json_mat3(&j, "D", abd.D);
    cli_json_key(&j, "invertible");
    cli_json_bool(&j, abd.invertible);
    if (abd.invertible) {
      lam_json_mat3(&j, "a", abd.a);
      lam_json_mat3(&j, "b", abd.b);
      lam_json_mat3(&j, "c", abd.c);
      lam_json_mat3(&j, "d", abd.d);
    }
    if (have_k) {
      cli_json_key(&j, "constants");
      cli_json_obj_begin(&j);
      const char *nm[] = {"Ex_Pa",  "Ey_Pa",  "Gxy_Pa",  "nuxy",  "nuyx",
                          "Efx_Pa", "Efy_Pa", "Gfxy_Pa", "nufxy", "nufyx"};
      const double v[] = {k.Ex_Pa,  k.Ey_Pa,  k.Gxy_Pa,  k.nuxy,  k.nuyx,
                          k.Efx_Pa, k.Efy_Pa, k.Gfxy_Pa, k.nufxy, k.nufyx};
      for (int i = 0; i < 10; i++) {
        cli_json_key(&j, nm[i]);
        cli_json_num(&j, v[i]);
      }
      cli_json_obj_end(&j);
    }
    cli_json_key(&j, "areal_mass_kg_m2");
    cli_json_num(&j, mass);
    cli_json_key(&j, "areal_cost_USD_m2");
    cli_json_num(&j, cost);
    cli_json_key(&j, "dT_K");
    cli_json_num(&j, s->load.dT_K);
    lam_json_vec3(&j, "NT_N_per_m", NT);
    lam_json_vec3(&j, "MT_N", MT);
    cli_json_key(&j, "dC");
    cli_json_num(&j, s->load.dC);
    lam_json_vec3(&j, "NC_N_per_m", NC);
    lam_json_vec3(&j, "MC_N", MC);
    cli_json_obj_end(&j);
    cli_json_end(&j);
    return CLI_OK;
  }
  printf("laminate %s: %d plies, h = %.4g mm (ply 1 at z = -h/2)\n",
         s->layup[0] ? s->layup : "(explicit plies)", s->lam.n_plies,
         abd.h_m * 1e3);
  print_plies(&s->lam);
  print_mat3("A", "N/m", abd.A);
  print_mat3("B", "N", abd.B);
  print_mat3("D", "N m", abd.D);
  if (have_k) {
    printf(
        "in-plane:  Ex %.4g GPa  Ey %.4g GPa  Gxy %.4g GPa  nuxy %.4g  "
        "nuyx %.4g\n",
        k.Ex_Pa / 1e9, k.Ey_Pa / 1e9, k.Gxy_Pa / 1e9, k.nuxy, k.nuyx);
    printf("flexural:  Ex %.4g GPa  Ey %.4g GPa  Gxy %.4g GPa  nuxy %.4g\n",
           k.Efx_Pa / 1e9, k.Efy_Pa / 1e9, k.Gfxy_Pa / 1e9, k.nufxy);
  } else {
    printf("ABD is singular: no effective constants\n");
  }
  if (isfinite(mass)) printf("areal mass: %.4g kg/m2\n", mass);
  if (isfinite(cost)) printf("areal cost: %.4g USD/m2\n", cost);
  if (s->load.dT_K != 0)
    printf(
        "thermal (dT = %g K): NT = [%.4g %.4g %.4g] N/m, MT = [%.4g %.4g "
        "%.4g] N\n",
        s->load.dT_K, NT[0], NT[1], NT[2], MT[0], MT[1], MT[2]);
  if (s->load.dC != 0)
    printf(
        "moisture (dC = %g): NC = [%.4g %.4g %.4g] N/m, MC = [%.4g %.4g "
        "%.4g] N\n",
        s->load.dC, NC[0], NC[1], NC[2], MC[0], MC[1], MC[2]);
  return CLI_OK;
}
