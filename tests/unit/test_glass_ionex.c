/* Tests of the ion-exchange simulator (src/glass/ionex*.c): analytic limit,
 * conservation, force balance, sqrt(t) scaling, convergence, calibration,
 * YAML errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/glass.h"
#include "mge/report.h"

static mge_ionex_problem base(void) {
  mge_ionex_problem p;
  memset(&p, 0, sizeof p);
  p.pair = MGE_IONEX_K_NA;
  p.thickness_m = 0.7e-3;
  p.glass = (mge_ionex_glass){.E_Pa = 71.5e9,
                              .nu = 0.21,
                              .B = 0.0095,
                              .D0_m2_s = 6e-6,
                              .Q_J_mol = 120e3,
                              .ratio = 5,
                              .C_init = 0,
                              .K_eq = 1};
  p.n_steps = 1;
  p.step[0] = (mge_ionex_step){683.15, 8 * 3600.0, 0.0};
  mge_ionex_opts_default(&p.opts);
  return p;
}

static void erfc_limit(void **st) {
  (void)st;
  /* ratio 1: D constant = D_in; a thick plate for a short time behaves as
   * a semi-infinite body: C = Cs erfc(z / (2 sqrt(D t))) (Crank, The
   * Mathematics of Diffusion, 2nd ed., eq. 2.45). Tolerance 2e-3 in C
   * (first-order time stepping on 400 steps, graded mesh). */
  mge_ionex_problem p = base();
  p.glass.ratio = 1;
  p.thickness_m = 2e-3;
  p.step[0].poison = 0.2; /* Cs = 0.8 with K_eq = 1 */
  p.opts.n_nodes = 401;
  p.opts.n_time = 400;
  p.opts.dt_growth = 1.01;
  mge_ionex_result r;
  assert_int_equal(mge_ionex_run(&p, &r, NULL), MGE_OK);
  double D = mge_ionex_D(&p.glass, 683.15, 0.3);
  double L = 2 * sqrt(D * p.step[0].time_s), err = 0;
  for (int i = 0; i < r.n / 2; i++) {
    double e = fabs(r.C[i] - 0.8 * erfc(r.z_m[i] / L));
    if (e > err) err = e;
  }
  assert_true(err < 2e-3);
  assert_true(fabs(r.C[0] - 0.8) < 1e-12);
  mge_ionex_result_free(&r);
  assert_null(r.C);
}

static double trapz(const double *x, const double *y, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; i++)
    s += 0.5 * (y[i] + y[i + 1]) * (x[i + 1] - x[i]);
  return s;
}

static void conservation_and_balance(void **st) {
  (void)st;
  /* Discrete mass balance: the uptake equals the time integral of the
   * surface fluxes (to rounding, 1e-9 relative). Force balance: the stress
   * integrates to zero over the thickness (trapezoid on the mesh, 1e-3 of
   * CS x thickness). Two-step schedule with relaxation. */
  mge_ionex_problem p = base();
  p.n_steps = 2;
  p.step[0] = (mge_ionex_step){723.15, 6 * 3600.0, 0.3};
  p.step[1] = (mge_ionex_step){663.15, 900.0, 0.0};
  p.glass.tau0_s = 1e-11;
  p.glass.Q_relax_J_mol = 220e3;
  mge_ionex_result r;
  assert_int_equal(mge_ionex_run(&p, &r, NULL), MGE_OK);
  assert_true(fabs(r.uptake_m - r.surface_flux_m) < 1e-9 * r.uptake_m);
  double F = trapz(r.z_m, r.sigma_Pa, r.n);
  assert_true(fabs(F) < 1e-3 * r.CS_Pa * p.thickness_m);
  assert_true(r.CS_Pa > 0 && r.CT_Pa > 0);
  assert_true(r.DOC_m > 0 && r.DOC_m < p.thickness_m / 2);
  /* stored tensile energy: (1-nu)/E int sigma^2 (sigma > 0), trapezoid
   * check to 2% */
  double *s2 = malloc((size_t)r.n * sizeof *s2);
  for (int i = 0; i < r.n; i++)
    s2[i] = r.sigma_Pa[i] > 0 ? r.sigma_Pa[i] * r.sigma_Pa[i] : 0;
  double W = trapz(r.z_m, s2, r.n) * (1 - 0.21) / 71.5e9;
  assert_true(fabs(W - r.W_tensile_J_m2) < 0.02 * W);
  free(s2);
  /* relaxation lowers CS against the same schedule without it */
  mge_ionex_problem q = p;
  q.glass.tau0_s = 0;
  mge_ionex_result r2;
  assert_int_equal(mge_ionex_run(&q, &r2, NULL), MGE_OK);
  assert_true(r.CS_Pa < r2.CS_Pa);
  /* without relaxation sigma = -B E/(1-nu) (C - C_mean) at the surface */
  double Cmean = trapz(r2.z_m, r2.C, r2.n) / p.thickness_m;
  double cs = 0.0095 * 71.5e9 / (1 - 0.21) * (r2.C[0] - Cmean);
  assert_true(fabs(r2.CS_Pa - cs) < 1e-3 * cs);
  mge_ionex_result_free(&r);
  mge_ionex_result_free(&r2);
}

static void sqrt_t(void **st) {
  (void)st;
  /* Constant D, semi-infinite regime: DOL(4t) = 2 DOL(t) (1%). */
  mge_ionex_problem p = base();
  p.glass.ratio = 1;
  p.thickness_m = 2e-3;
  mge_ionex_result a, b;
  p.step[0].time_s = 2 * 3600.0;
  assert_int_equal(mge_ionex_run(&p, &a, NULL), MGE_OK);
  p.step[0].time_s = 8 * 3600.0;
  assert_int_equal(mge_ionex_run(&p, &b, NULL), MGE_OK);
  assert_true(fabs(b.DOL_m / a.DOL_m - 2) < 0.02);
  /* and the erfc 1% point: DOL = 2 sqrt(Dt) erfc^-1(0.01) = 3.6428 sqrt(Dt)
   * (erfc(1.8214) = 0.0100); 1% */
  double D = mge_ionex_D(&p.glass, 683.15, 0.5);
  assert_true(fabs(b.DOL_m - 3.6428 * sqrt(D * 8 * 3600)) < 0.01 * b.DOL_m);
  mge_ionex_result_free(&a);
  mge_ionex_result_free(&b);
}

static void convergence(void **st) {
  (void)st;
  /* Refining mesh and time step together: CS, CT and DOL change less at
   * each refinement, and the default settings are within 1 MPa (CS, CT)
   * and 1.5% (DOL; the scheme is first order in time, measured 0.8%) of a
   * 4x finer run. */
  double cs[3], ct[3], dol[3];
  int nodes[3] = {81, 161, 641}, steps[3] = {100, 200, 800};
  double growth[3] = {1.06, 1.03, 1.0075};
  for (int k = 0; k < 3; k++) {
    mge_ionex_problem p = base();
    p.opts.n_nodes = nodes[k];
    p.opts.n_time = steps[k];
    p.opts.dt_growth = growth[k];
    mge_ionex_result r;
    assert_int_equal(mge_ionex_run(&p, &r, NULL), MGE_OK);
    cs[k] = r.CS_Pa, ct[k] = r.CT_Pa, dol[k] = r.DOL_m;
    mge_ionex_result_free(&r);
  }
  assert_true(fabs(cs[1] - cs[2]) <= fabs(cs[0] - cs[2]) + 1);
  assert_true(fabs(dol[1] - dol[2]) < fabs(dol[0] - dol[2]));
  assert_true(fabs(cs[1] - cs[2]) < 1e6);
  assert_true(fabs(ct[1] - ct[2]) < 1e6);
  assert_true(fabs(dol[1] - dol[2]) < 1.5e-2 * dol[2]);
}

static void calibration(void **st) {
  (void)st;
  /* Round trip: measurements made by the model itself at two temperatures
   * are fitted from a perturbed start; D0, Q, B recovered to 1%. */
  mge_ionex_problem truth = base();
  truth.opts.n_nodes = 81;
  truth.opts.n_time = 80;
  truth.opts.dt_growth = 1.06;
  mge_ionex_measure m[2];
  double T[2] = {683.15, 713.15};
  for (int k = 0; k < 2; k++) {
    mge_ionex_problem p = truth;
    p.step[0].T_K = T[k];
    p.step[0].time_s = 4 * 3600.0;
    mge_ionex_result r;
    assert_int_equal(mge_ionex_run(&p, &r, NULL), MGE_OK);
    m[k].n_steps = 1;
    m[k].step[0] = p.step[0];
    m[k].CS_Pa = r.CS_Pa;
    m[k].DOL_m = r.DOL_m;
    mge_ionex_result_free(&r);
  }
  mge_ionex_problem p = truth;
  p.glass.D0_m2_s = 2e-5;
  p.glass.Q_J_mol = 110e3;
  p.glass.B = 0.012;
  mge_ionex_calib_info info;
  assert_int_equal(mge_ionex_calibrate(&p, m, 2, &info, NULL), MGE_OK);
  assert_true(info.fitted_Q);
  assert_true(fabs(p.glass.B / 0.0095 - 1) < 0.01);
  assert_true(fabs(p.glass.Q_J_mol / 120e3 - 1) < 0.01);
  assert_true(fabs(log(p.glass.D0_m2_s / 6e-6)) < 0.1);
  assert_true(info.rms_rel < 1e-4);
  /* one temperature: Q kept */
  p = truth;
  p.glass.B = 0.012;
  p.glass.D0_m2_s = 2e-5;
  assert_int_equal(mge_ionex_calibrate(&p, m, 1, &info, NULL), MGE_OK);
  assert_false(info.fitted_Q);
  assert_true(p.glass.Q_J_mol == 120e3);
  assert_true(fabs(p.glass.D0_m2_s / 6e-6 - 1) < 0.01);
}

static void limits_and_bath(void **st) {
  (void)st;
  /* Barefoot et al. US 2010/0035038 A1: CT_lim(1 mm) = 48.2 MPa and
   * CT_lim(0.7 mm) = -38.7 ln 0.7 + 48.2 = 62.003 MPa. Closed form. */
  assert_true(fabs(mge_ionex_ct_limit(1e-3) - 48.2e6) < 1);
  assert_true(
      fabs(mge_ionex_ct_limit(0.7e-3) - (-38.7 * log(0.7) + 48.2) * 1e6) < 1);
  mge_ionex_glass g = base().glass;
  assert_true(mge_ionex_surface_C(&g, 0) == 1.0);
  assert_true(fabs(mge_ionex_surface_C(&g, 0.25) - 0.75) < 1e-15);
  g.K_eq = 0.5; /* C/(1-C) = 0.5 * 3 -> C = 0.6 */
  assert_true(fabs(mge_ionex_surface_C(&g, 0.25) - 0.6) < 1e-15);
  /* D limits: C = 0 -> D_in, C = 1 -> D_out */
  g = base().glass;
  double Di = 6e-6 * exp(-120e3 / (8.314462618 * 700));
  assert_true(fabs(mge_ionex_D(&g, 700, 0) - Di) < 1e-12 * Di);
  assert_true(fabs(mge_ionex_D(&g, 700, 1) - 5 * Di) < 1e-12 * Di);
  /* a thin plate with a long exchange is frangible */
  mge_ionex_problem p = base();
  p.thickness_m = 0.3e-3;
  p.step[0].time_s = 24 * 3600.0;
  p.step[0].T_K = 723.15;
  mge_ionex_result r;
  assert_int_equal(mge_ionex_run(&p, &r, NULL), MGE_OK);
  assert_true(r.frangible);
  char *svg = NULL;
  assert_int_equal(mge_report_ionex_svg(&r, "t<est>", &svg, NULL), MGE_OK);
  assert_non_null(svg);
  assert_non_null(strstr(svg, "<svg"));
  assert_non_null(strstr(svg, "t&lt;est&gt;"));
  free(svg);
  mge_ionex_result_free(&r);
}

static void bad_problems(void **st) {
  (void)st;
  mge_ionex_result r;
  mge_error e;
  mge_ionex_problem p = base();
  p.thickness_m = NAN;
  assert_int_equal(mge_ionex_run(&p, &r, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "thickness"));
  p = base();
  p.glass.nu = 0.5;
  assert_int_equal(mge_ionex_run(&p, &r, &e), MGE_E_INPUT);
  p = base();
  p.step[0].poison = 1;
  assert_int_equal(mge_ionex_run(&p, &r, &e), MGE_E_INPUT);
  p = base();
  p.n_steps = 0;
  assert_int_equal(mge_ionex_run(&p, &r, &e), MGE_E_INPUT);
  p = base();
  p.opts.n_nodes = 1000000;
  assert_int_equal(mge_ionex_run(&p, &r, &e), MGE_E_INPUT);
  mge_ionex_result_free(NULL);
}

static int parse(const char *y, mge_ionex_problem *p, mge_error *e) {
  mge_ionex_measure m[4];
  int nm;
  return mge_ionex_parse_yaml(y, strlen(y), "t.yaml", p, m, 4, &nm, e);
}

static void yaml(void **st) {
  (void)st;
  const char *ok =
      "exchange: K-Na\nthickness_mm: 0.7\nglass:\n  E_GPa: 71.5\n  nu: 0.21\n"
      "  B: 0.0095\n  D0_m2_s: 6e-6\n  Q_kJ_mol: 120\n  ratio: 5\n"
      "schedule:\n  - {T_C: 410, time_h: 8, poison: 0.005}\n"
      "  - {T_K: 650, time_min: 30}\n";
  mge_ionex_problem p;
  mge_error e;
  assert_int_equal(parse(ok, &p, &e), MGE_OK);
  assert_true(fabs(p.thickness_m - 0.7e-3) < 1e-15);
  assert_true(fabs(p.glass.E_Pa - 71.5e9) < 1);
  assert_true(fabs(p.glass.Q_J_mol - 120e3) < 1e-9);
  assert_int_equal(p.n_steps, 2);
  assert_true(fabs(p.step[0].T_K - 683.15) < 1e-12);
  assert_true(fabs(p.step[1].time_s - 1800) < 1e-12);
  assert_true(fabs(p.step[0].poison - 0.005) < 1e-15);
  /* unknown key: named, with line and column */
  const char *bad =
      "exchange: K-Na\nthickness_mm: 0.7\nglass:\n  E_GPa: 70\n"
      "  nuu: 0.2\n";
  assert_int_equal(parse(bad, &p, &e), MGE_E_INPUT);
  assert_int_equal(e.line, 5);
  assert_int_equal(e.column, 3);
  assert_non_null(strstr(e.message, "nuu"));
  assert_string_equal(e.source, "t.yaml");
  assert_int_equal(parse("a: [1, 2\n", &p, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "YAML"));
  assert_int_equal(parse("thickness_mm: abc\n", &p, &e), MGE_E_INPUT);
  assert_int_equal(e.line, 1);
  assert_int_equal(parse("exchange: K-Cs\n", &p, &e), MGE_E_INPUT);
  assert_int_equal(parse("- 1\n", &p, &e), MGE_E_INPUT);
  assert_int_equal(parse("thickness_mm: 1\n", &p, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "missing"));
  assert_int_equal(parse("", &p, &e), MGE_E_INPUT);
  /* recipe: E and nu from Makishima-Mackenzie (same as props) */
  const char *rec =
      "thickness_mm: 0.7\nglass:\n  recipe: \"71SiO2-16Al2O3-13Na2O mol%\"\n"
      "  B: 0.0095\n  D0_m2_s: 6e-6\n  Q_kJ_mol: 120\n"
      "schedule: [{T_C: 410, time_h: 8}]\n";
  assert_int_equal(parse(rec, &p, &e), MGE_OK);
  mge_recipe r;
  assert_int_equal(mge_recipe_parse("71SiO2-16Al2O3-13Na2O mol%", &r, NULL),
                   MGE_OK);
  mge_glass_props gp;
  assert_int_equal(mge_glass_props_eval(&r, &gp, NULL), MGE_OK);
  assert_true(p.glass.E_Pa == gp.value[MGE_GP_YOUNG]);
  assert_true(p.glass.nu == gp.value[MGE_GP_POISSON]);
  const char *badrec =
      "thickness_mm: 0.7\nglass:\n  recipe: \"71SiO2-29Qq mol%\"\n";
  assert_int_equal(parse(badrec, &p, &e), MGE_E_INPUT);
  assert_int_equal(e.line, 3);
  /* directives and escaped quotes are refused before libfyaml sees them */
  assert_int_equal(parse("%YAML 1.2\n---\na: 1\n", &p, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "directive"));
  assert_int_equal(parse("'''''''': 1\n", &p, &e), MGE_E_INPUT);
  assert_int_equal(parse("a: \x01\n", &p, &e), MGE_E_INPUT);
  assert_int_equal(parse("a: \xba\n", &p, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "UTF-8"));
}

/* Quantities with their units (units.h) read the same as the older keys
 * with the unit in the name; a unit of another dimension is placed. */
static void yaml_units(void **st) {
  (void)st;
  const char *old =
      "thickness_mm: 0.7\nglass:\n  E_GPa: 71.5\n  nu: 0.21\n  B: 0.0095\n"
      "  D0_m2_s: 6e-6\n  Q_kJ_mol: 120\n  tau0_s: 1e-11\n"
      "  Q_relax_kJ_mol: 220\n"
      "schedule: [{T_C: 410, time_h: 8, poison: 0.005}]\n"
      "measured: [{schedule: [{T_C: 410, time_min: 30}], CS_MPa: 850, "
      "DOL_um: 32}]\n";
  const char *now =
      "thickness: 0.7 mm\nglass:\n  E: 71.5 GPa\n  nu: 0.21\n  B: 0.0095\n"
      "  D0: 6e-6 m2/s\n  Q: 120 kJ/mol\n  tau0: 1e-11 s\n"
      "  Q_relax: 220 kJ/mol\n"
      "schedule: [{T: 410 C, time: 8 h, poison: 0.005}]\n"
      "measured: [{schedule: [{T: 683.15 K, time: 30 min}], CS: 850 MPa, "
      "DOL: 32 um}]\n";
  mge_ionex_problem a, b;
  mge_ionex_measure ma[2], mb[2];
  int na, nb;
  mge_error e;
  assert_int_equal(
      mge_ionex_parse_yaml(old, strlen(old), "a.yaml", &a, ma, 2, &na, &e),
      MGE_OK);
  assert_int_equal(
      mge_ionex_parse_yaml(now, strlen(now), "b.yaml", &b, mb, 2, &nb, &e),
      MGE_OK);
  assert_true(a.thickness_m == b.thickness_m && a.glass.E_Pa == b.glass.E_Pa);
  assert_true(a.glass.D0_m2_s == b.glass.D0_m2_s);
  assert_true(a.glass.Q_J_mol == b.glass.Q_J_mol && a.glass.Q_J_mol == 120e3);
  assert_true(a.glass.tau0_s == b.glass.tau0_s);
  assert_true(a.glass.Q_relax_J_mol == b.glass.Q_relax_J_mol);
  assert_true(a.step[0].T_K == b.step[0].T_K && a.step[0].T_K == 410 + 273.15);
  assert_true(a.step[0].time_s == b.step[0].time_s);
  assert_true(na == 1 && nb == 1 && ma[0].CS_Pa == mb[0].CS_Pa);
  assert_true(fabs(ma[0].DOL_m - 32e-6) < 1e-18 && ma[0].DOL_m == mb[0].DOL_m);
  assert_true(ma[0].step[0].time_s == 1800 && mb[0].step[0].time_s == 1800);
  /* a bare number under a name without a unit is in SI, as before */
  const char *si = "thickness: 7e-4\nglass: {E: 7.15e10}\n";
  mge_ionex_parse_yaml(si, strlen(si), "c.yaml", &a, NULL, 0, NULL, &e);
  assert_true(a.thickness_m == 7e-4 && a.glass.E_Pa == 7.15e10);
  /* wrong dimension: at the value */
  const char *dim = "thickness: 0.7 MPa\n";
  assert_int_equal(parse(dim, &a, &e), MGE_E_INPUT);
  assert_int_equal(e.line, 1);
  assert_non_null(strstr(e.message, "thickness"));
  const char *dim2 = "glass:\n  Q_kJ_mol: 120\n  E_GPa: 5 mm\n";
  assert_int_equal(parse(dim2, &a, &e), MGE_E_INPUT);
  assert_int_equal(e.line, 3);
  assert_int_equal(e.column, 10);
  /* an older compound key names itself in the message */
  const char *bad = "glass:\n  Q_kJ_mol: abc\n";
  assert_int_equal(parse(bad, &a, &e), MGE_E_INPUT);
  assert_int_equal(e.line, 2);
  assert_int_equal(e.column, 13);
  assert_non_null(strstr(e.message, "Q_kJ_mol:"));
  /* mesh counts are whole numbers */
  assert_int_equal(parse("mesh: {nodes: 2.5}\n", &a, &e), MGE_E_INPUT);
  assert_int_equal(e.column, 15);
  /* files */
  char ex[512];
  snprintf(ex, sizeof ex, "%s/examples/glass/ionex_calibrate.yaml",
           MGE_SOURCE_DIR);
  assert_int_equal(mge_ionex_read_yaml(ex, &a, ma, 2, &na, &e), MGE_OK);
  assert_int_equal(na, 2);
  assert_int_equal(
      mge_ionex_read_yaml("/nonexistent/x.yaml", &a, ma, 2, &na, &e),
      MGE_E_INPUT);
  assert_non_null(strstr(e.message, "cannot open"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(erfc_limit),
      cmocka_unit_test(conservation_and_balance),
      cmocka_unit_test(sqrt_t),
      cmocka_unit_test(convergence),
      cmocka_unit_test(calibration),
      cmocka_unit_test(limits_and_bath),
      cmocka_unit_test(bad_problems),
      cmocka_unit_test(yaml),
      cmocka_unit_test(yaml_units),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
