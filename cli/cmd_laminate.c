/* mge laminate props|stress|fail|envelope|materials: classical laminate
 * theory from a YAML file (or a few options). No science here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "mge/composite.h"
#include "mge/report.h"
#include "mge/str.h"

static void help(FILE *f) {
  fprintf(f,
          "usage: mge laminate SUBCOMMAND [FILE.yaml] [options]\n\n"
          "subcommands:\n"
          "  props      ABD matrices, inverse, effective constants, areal "
          "mass\n"
          "  stress     midplane strains, curvatures, ply strains/stresses "
          "(bottom,\n"
          "             middle, top of each ply; laminate and material axes)\n"
          "  fail       reserve factor per ply and criterion, first- and "
          "last-ply\n"
          "             failure\n"
          "  envelope   failure envelope as CSV (stdout or --csv) and SVG "
          "(--svg)\n"
          "  materials  list the built-in lamina library\n\n"
          "options:\n"
          "  --json               machine-readable output (SI units)\n"
          "  --materials F.csv    extra laminae (columns as "
          "data/composites/laminae.csv,\n"
          "                       or a .yaml list as in laminate files)\n"
          "  --material NAME      instead of a file: a library lamina\n"
          "  --layup TEXT         instead of a file: e.g. \"[0/±45/90]s\"\n"
          "  --ply-thickness Q    e.g. 0.125mm\n"
          "  --N a,b,c            Nx,Ny,Nxy in N/m;  --M a,b,c  in N;  --dT "
          "Q (K)\n"
          "  --criteria a,b       max-stress,max-strain,tsai-hill,tsai-wu,"
          "hashin,puck\n"
          "  --plane P            sx-sy | sx-txy | sy-txy (envelope)\n"
          "  --directions N       envelope directions (default 360)\n"
          "  --last-ply           envelope of last-ply failure\n"
          "  --csv FILE, --svg FILE   envelope outputs\n\n"
          "Plies are listed bottom up: ply 1 at z = -h/2. See "
          "docs/composites.md.\n");
}

typedef struct opts {
  const char *sub, *file, *materials, *csv, *svg;
  mge_laminate_options lo; /* --material, --layup, ..., --directions */
  int json, last_ply;
} opts;

static int load_spec(const opts *o, mge_laminate_spec *spec, mge_lamina *user,
                     size_t n_user) {
  mge_error err;
  mge_error_clear(&err);
  if (!o->file && (!o->lo.material || !o->lo.layup))
    return cli_usage_error(
        "give FILE.yaml, or --material NAME and --layup TEXT "
        "(mge laminate --help)");
  int rc = o->file ? mge_laminate_spec_read(o->file, user, n_user, spec, &err)
                   : mge_laminate_spec_from_options(&o->lo, user, n_user, spec,
                                                    &err);
  if (!rc) rc = mge_laminate_spec_override(spec, &o->lo, &err);
  return rc ? cli_report(&err, NULL) : CLI_OK;
}

static void json_mat3(cli_json *j, const char *key, double m[3][3]) {
  cli_json_key(j, key);
  cli_json_arr_begin(j);
  for (int i = 0; i < 3; i++) {
    cli_json_arr_begin(j);
    for (int k = 0; k < 3; k++) cli_json_num(j, m[i][k]);
    cli_json_arr_end(j);
  }
  cli_json_arr_end(j);
}

static void json_vec3(cli_json *j, const char *key, const double v[3]) {
  cli_json_key(j, key);
  cli_json_arr_begin(j);
  for (int k = 0; k < 3; k++) cli_json_num(j, v[k]);
  cli_json_arr_end(j);
}

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
    json_mat3(j, "Q_Pa", Q);
    json_mat3(j, "Qbar_Pa", Qb);
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

static int do_props(const opts *o, const mge_laminate_spec *s) {
  mge_error err;
  mge_error_clear(&err);
  mge_abd abd;
  mge_laminate_constants k;
  if (mge_laminate_abd(&s->lam, &abd, &err)) return cli_report(&err, NULL);
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
    json_mat3(&j, "A", abd.A);
    json_mat3(&j, "B", abd.B);
    json_mat3(&j, "D", abd.D);
    cli_json_key(&j, "invertible");
    cli_json_bool(&j, abd.invertible);
    if (abd.invertible) {
      json_mat3(&j, "a", abd.a);
      json_mat3(&j, "b", abd.b);
      json_mat3(&j, "c", abd.c);
      json_mat3(&j, "d", abd.d);
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
    json_vec3(&j, "NT_N_per_m", NT);
    json_vec3(&j, "MT_N", MT);
    cli_json_key(&j, "dC");
    cli_json_num(&j, s->load.dC);
    json_vec3(&j, "NC_N_per_m", NC);
    json_vec3(&j, "MC_N", MC);
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

static const char *const where_names[3] = {"bottom", "middle", "top"};

static int do_stress(const opts *o, const mge_laminate_spec *s) {
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
    json_vec3(&j, "N_N_per_m", s->load.N);
    json_vec3(&j, "M_N", s->load.M);
    cli_json_key(&j, "dT_K");
    cli_json_num(&j, s->load.dT_K);
    json_vec3(&j, "eps0", r->eps0);
    json_vec3(&j, "kappa", r->kappa);
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
        cli_json_key(&j, where_names[w]);
        cli_json_obj_begin(&j);
        cli_json_key(&j, "z_m");
        cli_json_num(&j, p->z_m);
        json_vec3(&j, "eps_xy", p->eps_xy);
        json_vec3(&j, "sig_xy_Pa", p->sig_xy_Pa);
        json_vec3(&j, "eps_12", p->eps_12);
        json_vec3(&j, "sig_12_Pa", p->sig_12_Pa);
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
          k + 1, s->lam.ply[k].theta_deg, where_names[w], p->z_m * 1e3,
          p->sig_xy_Pa[0] / 1e6, p->sig_xy_Pa[1] / 1e6, p->sig_xy_Pa[2] / 1e6,
          p->sig_12_Pa[0] / 1e6, p->sig_12_Pa[1] / 1e6, p->sig_12_Pa[2] / 1e6);
    }
  free(r);
  return CLI_OK;
}

static int do_fail(const opts *o, const mge_laminate_spec *s) {
  mge_error err;
  mge_error_clear(&err);
  if (!s->has_load)
    return cli_usage_error(
        "fail needs loads: (N, M, dT) in the file or "
        "--N/--M/--dT");
  mge_fail_result *fr = malloc(sizeof *fr);
  mge_lpf_result *lp = malloc(sizeof *lp * MGE_CRIT_N);
  if (!fr || !lp) {
    free(fr);
    free(lp);
    return CLI_FAIL;
  }
  if (mge_laminate_fail(&s->lam, &s->load, s->crit, s->n_crit, &s->opts, fr,
                        &err)) {
    free(fr);
    free(lp);
    return cli_report(&err, NULL);
  }
  int lok[MGE_CRIT_N];
  for (int c = 0; c < s->n_crit; c++)
    lok[c] = mge_laminate_lpf(&s->lam, &s->load, s->crit[c], &s->opts, &lp[c],
                              NULL) == 0;
  if (o->json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "tsai_wu_F12star");
    cli_json_num(&j, s->opts.tsai_wu_F12star);
    cli_json_key(&j, "ply_discount");
    cli_json_num(&j, s->opts.ply_discount);
    cli_json_key(&j, "ply_discount_scheme");
    cli_json_str(&j,
                 "fibre failure: Q x d; inter-fibre failure: Q22, Q12, "
                 "Q66 x d; collapse at 1000x the intact deformation");
    cli_json_key(&j, "criteria");
    cli_json_arr_begin(&j);
    for (int c = 0; c < s->n_crit; c++)
      cli_json_str(&j, mge_criterion_name(s->crit[c]));
    cli_json_arr_end(&j);
    cli_json_key(&j, "plies");
    cli_json_arr_begin(&j);
    for (int k = 0; k < fr->n_plies; k++) {
      cli_json_obj_begin(&j);
      cli_json_key(&j, "ply");
      cli_json_int(&j, k + 1);
      cli_json_key(&j, "angle_deg");
      cli_json_num(&j, s->lam.ply[k].theta_deg);
      cli_json_key(&j, "reserve_factor");
      cli_json_obj_begin(&j);
      for (int c = 0; c < s->n_crit; c++) {
        cli_json_key(&j, mge_criterion_name(s->crit[c]));
        cli_json_num(&j, fr->rf[k][c]);
      }
      cli_json_obj_end(&j);
      cli_json_key(&j, "mode");
      cli_json_obj_begin(&j);
      for (int c = 0; c < s->n_crit; c++) {
        cli_json_key(&j, mge_criterion_name(s->crit[c]));
        cli_json_str(&j, mge_fail_mode_name(fr->mode[k][c], s->crit[c]));
      }
      cli_json_obj_end(&j);
      cli_json_key(&j, "where");
      cli_json_obj_begin(&j);
      for (int c = 0; c < s->n_crit; c++) {
        cli_json_key(&j, mge_criterion_name(s->crit[c]));
        cli_json_str(&j, where_names[fr->where[k][c]]);
      }
      cli_json_obj_end(&j);
      cli_json_obj_end(&j);
    }
    cli_json_arr_end(&j);
    cli_json_key(&j, "first_ply_failure");
    cli_json_obj_begin(&j);
    for (int c = 0; c < s->n_crit; c++) {
      cli_json_key(&j, mge_criterion_name(s->crit[c]));
      cli_json_obj_begin(&j);
      cli_json_key(&j, "reserve_factor");
      cli_json_num(&j, fr->fpf[c]);
      cli_json_key(&j, "ply");
      cli_json_int(&j, fr->fpf_ply[c] + 1);
      cli_json_obj_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_key(&j, "last_ply_failure");
    cli_json_obj_begin(&j);
    for (int c = 0; c < s->n_crit; c++) {
      cli_json_key(&j, mge_criterion_name(s->crit[c]));
      if (!lok[c]) {
        cli_json_null(&j);
        continue;
      }
      cli_json_obj_begin(&j);
      cli_json_key(&j, "reserve_factor");
      cli_json_num(&j, lp[c].lpf);
      cli_json_key(&j, "sequence");
      cli_json_arr_begin(&j);
      for (int i = 0; i < lp[c].n_steps; i++) {
        cli_json_obj_begin(&j);
        cli_json_key(&j, "ply");
        cli_json_int(&j, lp[c].step[i].ply + 1);
        cli_json_key(&j, "load_factor");
        cli_json_num(&j, lp[c].step[i].load_factor);
        cli_json_key(&j, "mode");
        cli_json_str(&j, mge_fail_mode_name(lp[c].step[i].mode, s->crit[c]));
        cli_json_obj_end(&j);
      }
      cli_json_arr_end(&j);
      cli_json_obj_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    printf("reserve factors (failure at RF x load; Tsai-Wu F12* = %g):\n",
           s->opts.tsai_wu_F12star);
    printf("%4s %7s", "ply", "angle");
    for (int c = 0; c < s->n_crit; c++)
      printf(" %11s", mge_criterion_name(s->crit[c]));
    printf("\n");
    for (int k = 0; k < fr->n_plies; k++) {
      printf("%4d %7.3g", k + 1, s->lam.ply[k].theta_deg);
      for (int c = 0; c < s->n_crit; c++) printf(" %11.4g", fr->rf[k][c]);
      printf("\n");
    }
    printf("%-12s %10s %5s %-20s %10s\n", "criterion", "FPF", "ply", "mode",
           "LPF");
    for (int c = 0; c < s->n_crit; c++) {
      int k = fr->fpf_ply[c];
      printf("%-12s %10.4g %5d %-20s %10.4g\n", mge_criterion_name(s->crit[c]),
             fr->fpf[c], k + 1,
             k >= 0 ? mge_fail_mode_name(fr->mode[k][c], s->crit[c]) : "-",
             lok[c] ? lp[c].lpf : NAN);
    }
    printf(
        "LPF: ply discount d = %g (fibre failure: Q x d; inter-fibre: "
        "Q22, Q12, Q66 x d)\n",
        s->opts.ply_discount);
  }
  free(fr);
  free(lp);
  return CLI_OK;
}

static int do_envelope(const opts *o, const mge_laminate_spec *s) {
  mge_error err;
  mge_error_clear(&err);
  int n = s->n_dir, nc = s->n_crit;
  double *a = malloc(sizeof(double) * (size_t)n * nc);
  double *b = malloc(sizeof(double) * (size_t)n * nc);
  if (!a || !b) {
    free(a);
    free(b);
    return CLI_FAIL;
  }
  int rc = CLI_OK;
  for (int c = 0; c < nc && rc == CLI_OK; c++)
    if (mge_laminate_envelope(&s->lam, s->plane, s->crit[c], &s->opts, n,
                              o->last_ply, a + (size_t)c * n, b + (size_t)c * n,
                              &err))
      rc = cli_report(&err, NULL);
  static const char *const an[] = {"sigma_x", "sigma_x", "sigma_y"};
  static const char *const bn[] = {"sigma_y", "tau_xy", "tau_xy"};
  if (rc == CLI_OK && o->svg) {
    const double *ap[MGE_CRIT_N], *bp[MGE_CRIT_N];
    const char *lb[MGE_CRIT_N];
    for (int c = 0; c < nc; c++) {
      ap[c] = a + (size_t)c * n;
      bp[c] = b + (size_t)c * n;
      lb[c] = mge_criterion_name(s->crit[c]);
    }
    mge_str *title = mge_str_new();
    mge_str_printf(title, "%s %s, %s failure", s->lam.mats[0].name, s->layup,
                   o->last_ply ? "last-ply" : "first-ply");
    char *buf = NULL;
    if (mge_str_errcode(title))
      rc = CLI_FAIL;
    else if (mge_report_envelope_svg(s->plane, nc, ap, bp, n, lb,
                                     mge_str_value(title), &buf, &err))
      rc = cli_report(&err, NULL);
    else
      rc = cli_write_file(o->svg, buf, strlen(buf));
    mge_str_free(title);
    free(buf);
  }
  if (rc == CLI_OK && o->json) {
    cli_json j;
    cli_json_init(&j, stdout, 0);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "plane");
    cli_json_str(&j, mge_stress_plane_name(s->plane));
    cli_json_key(&j, "axes");
    cli_json_arr_begin(&j);
    cli_json_str(&j, an[s->plane]);
    cli_json_str(&j, bn[s->plane]);
    cli_json_arr_end(&j);
    cli_json_key(&j, "unit");
    cli_json_str(&j, "Pa (average laminate stress N/h)");
    cli_json_key(&j, "last_ply");
    cli_json_bool(&j, o->last_ply);
    cli_json_key(&j, "curves");
    cli_json_obj_begin(&j);
    for (int c = 0; c < nc; c++) {
      cli_json_key(&j, mge_criterion_name(s->crit[c]));
      cli_json_arr_begin(&j);
      for (int i = 0; i < n; i++) {
        cli_json_arr_begin(&j);
        cli_json_num(&j, a[(size_t)c * n + i]);
        cli_json_num(&j, b[(size_t)c * n + i]);
        cli_json_arr_end(&j);
      }
      cli_json_arr_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else if (rc == CLI_OK && (o->csv || !o->svg)) {
    mge_file *out = NULL;
    FILE *f = o->csv ? cli_out_open(o->csv, &out) : stdout;
    if (!f) {
      rc = CLI_USAGE;
    } else {
      fprintf(f, "criterion,direction_deg,%s_MPa,%s_MPa\n", an[s->plane],
              bn[s->plane]);
      for (int c = 0; c < nc; c++)
        for (int i = 0; i < n; i++)
          fprintf(f, "%s,%.6g,%.6g,%.6g\n", mge_criterion_name(s->crit[c]),
                  360.0 * i / n, a[(size_t)c * n + i] / 1e6,
                  b[(size_t)c * n + i] / 1e6);
      rc = cli_out_close(out, rc);
    }
  }
  free(a);
  free(b);
  return rc;
}

static int do_materials(const opts *o, const mge_lamina *user, size_t nu) {
  size_t nb;
  const mge_lamina *b = mge_lamina_builtin(&nb);
  cli_json j;
  if (o->json) {
    cli_json_init(&j, stdout, 1);
    cli_json_arr_begin(&j);
  } else {
    printf("%-30s %7s %7s %6s %6s %7s %7s %6s %6s %6s %6s\n", "name", "E1 GPa",
           "E2 GPa", "G12", "nu12", "Xt MPa", "Xc", "Yt", "Yc", "S12", "rho");
  }
  for (size_t pass = 0; pass < 2; pass++) {
    const mge_lamina *v = pass ? b : user;
    size_t n = pass ? nb : nu;
    for (size_t i = 0; i < n; i++) {
      const mge_lamina *m = &v[i];
      if (o->json) {
        cli_json_obj_begin(&j);
        const char *k[] = {
            "E1_Pa",        "E2_Pa",         "G12_Pa", "nu12",   "Xt_Pa",
            "Xc_Pa",        "Yt_Pa",         "Yc_Pa",  "S12_Pa", "alpha1_per_K",
            "alpha2_per_K", "density_kg_m3", "t_ply_m"};
        const double x[] = {m->E1_Pa,        m->E2_Pa,        m->G12_Pa,
                            m->nu12,         m->Xt_Pa,        m->Xc_Pa,
                            m->Yt_Pa,        m->Yc_Pa,        m->S12_Pa,
                            m->alpha1_per_K, m->alpha2_per_K, m->rho_kg_m3,
                            m->t_ply_m};
        cli_json_key(&j, "name");
        cli_json_str(&j, m->name);
        for (int q = 0; q < 13; q++) {
          cli_json_key(&j, k[q]);
          cli_json_num(&j, x[q]);
        }
        cli_json_key(&j, "source");
        cli_json_str(&j, pass ? m->source : "user");
        cli_json_obj_end(&j);
      } else {
        printf(
            "%-30s %7.4g %7.4g %6.3g %6.3g %7.4g %7.4g %6.3g %6.3g %6.3g "
            "%6.4g\n",
            m->name, m->E1_Pa / 1e9, m->E2_Pa / 1e9, m->G12_Pa / 1e9, m->nu12,
            m->Xt_Pa / 1e6, m->Xc_Pa / 1e6, m->Yt_Pa / 1e6, m->Yc_Pa / 1e6,
            m->S12_Pa / 1e6, m->rho_kg_m3);
      }
    }
  }
  if (o->json) {
    cli_json_arr_end(&j);
    cli_json_end(&j);
  } else {
    printf(
        "sources: data/composites/laminae.csv (mge laminate materials "
        "--json)\n");
  }
  return CLI_OK;
}

int cmd_laminate(int argc, char **argv) {
  opts o;
  memset(&o, 0, sizeof o);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char **slot = NULL;
    if (cli_is_help(a)) {
      help(stdout);
      return CLI_OK;
    } else if (strcmp(a, "--json") == 0) {
      o.json = 1;
    } else if (strcmp(a, "--last-ply") == 0) {
      o.last_ply = 1;
    } else if (strcmp(a, "--materials") == 0) {
      slot = &o.materials;
    } else if (strcmp(a, "--material") == 0) {
      slot = &o.lo.material;
    } else if (strcmp(a, "--layup") == 0) {
      slot = &o.lo.layup;
    } else if (strcmp(a, "--ply-thickness") == 0) {
      slot = &o.lo.ply_thickness;
    } else if (strcmp(a, "--N") == 0) {
      slot = &o.lo.N;
    } else if (strcmp(a, "--M") == 0) {
      slot = &o.lo.M;
    } else if (strcmp(a, "--dT") == 0) {
      slot = &o.lo.dT;
    } else if (strcmp(a, "--criteria") == 0) {
      slot = &o.lo.criteria;
    } else if (strcmp(a, "--plane") == 0) {
      slot = &o.lo.plane;
    } else if (strcmp(a, "--directions") == 0) {
      slot = &o.lo.directions;
    } else if (strcmp(a, "--csv") == 0) {
      slot = &o.csv;
    } else if (strcmp(a, "--svg") == 0) {
      slot = &o.svg;
    } else if (a[0] == '-' && a[1] == '-') {
      return cli_usage_error("unknown option '%s' (mge laminate --help)", a);
    } else if (!o.sub) {
      o.sub = a;
    } else if (!o.file) {
      o.file = a;
    } else {
      return cli_usage_error("unexpected argument '%s'", a);
    }
    if (slot) {
      if (i + 1 >= argc) return cli_usage_error("%s needs a value", a);
      *slot = argv[++i];
    }
  }
  if (!o.sub) {
    help(stderr);
    return CLI_USAGE;
  }
  mge_lamina *user = NULL;
  size_t nu = 0;
  if (o.materials) {
    mge_error err;
    mge_error_clear(&err);
    if (mge_lamina_read(o.materials, &user, &nu, &err))
      return cli_report(&err, NULL);
  }
  int rc;
  if (strcmp(o.sub, "materials") == 0) {
    rc = do_materials(&o, user, nu);
    free(user);
    return rc;
  }
  int (*fn)(const opts *, const mge_laminate_spec *) = NULL;
  if (strcmp(o.sub, "props") == 0) fn = do_props;
  if (strcmp(o.sub, "stress") == 0) fn = do_stress;
  if (strcmp(o.sub, "fail") == 0) fn = do_fail;
  if (strcmp(o.sub, "envelope") == 0) fn = do_envelope;
  if (!fn) {
    free(user);
    return cli_usage_error(
        "unknown subcommand '%s' (props, stress, fail, "
        "envelope, materials)",
        o.sub);
  }
  mge_laminate_spec *spec = malloc(sizeof *spec);
  if (!spec) {
    free(user);
    return CLI_FAIL;
  }
  rc = load_spec(&o, spec, user, nu);
  if (rc == CLI_OK) rc = fn(&o, spec);
  free(spec);
  free(user);
  return rc;
}
