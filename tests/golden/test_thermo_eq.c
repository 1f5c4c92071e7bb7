/* Equilibrium against published reference values.
 *
 * Source: pycalphad's test suite for the fixture databases, as quoted in
 * mge issue 4, section 5 (J/mol, K):
 *  alfe.tdb, LIQUID only, T 2000, X(FE) 0.2: GM -143913.3, MU(AL)
 *    -133815.12, MU(FE) -184306.01 ("checked in Thermo-Calc");
 *  alfe.tdb, LIQUID FCC_A1 HCP_A3 AL5FE2 AL2FE AL13FE4 AL5FE4, T 1400,
 *    X(AL) 0.55: GM -96088.07;
 *  alfe.tdb, FCC_A1 + AL13FE4, T 300, X(AL) 0.8: GM -31414.46677, MU(AL)
 *    -8490.140, MU(FE) -123111.773;
 *  alzn_mey.tdb, FCC_A1 only, T 580, X(ZN) 0.3: a miscibility gap with
 *    X(ZN) 0.181492 and 0.538458.
 * Tolerances: energies 2e-6 relative (pycalphad takes R = 8.3145, we and
 * the SGTE databases 8.31451 J/(mol K): 1.2e-6 of the mixing term);
 * compositions 5e-6 (the quoted digits).
 */
// clang-format off
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
// clang-format on

#include "mge/thermo.h"

static mge_tdb *load(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/data/thermo/%s", MGE_SOURCE_DIR, rel);
  mge_tdb *db = NULL;
  mge_error err;
  assert_int_equal(mge_tdb_load(path, &db, &err), 0);
  return db;
}

static mge_thermo_system *sys2(const mge_tdb *db, const char *a, const char *b,
                               const char **ph, int nph) {
  const char *el[2] = {a, b};
  mge_thermo_system *s = NULL;
  mge_error err;
  int rc = mge_thermo_system_new(db, el, 2, ph, nph, NULL, 0, &s, &err);
  if (rc) fprintf(stderr, "%s\n", err.message);
  assert_int_equal(rc, 0);
  return s;
}

static void eq(const mge_thermo_system *s, double T, double x0,
               mge_thermo_result *r) {
  mge_thermo_conditions c = {T, 101325, {x0, 1 - x0}};
  mge_error err;
  int rc = mge_thermo_equilibrium(s, &c, NULL, r, &err);
  if (rc) fprintf(stderr, "%s\n", err.message);
  assert_int_equal(rc, 0);
  assert_int_equal(r->converged, 1);
}

static void near(double got, double want, double rel) {
  if (fabs(got - want) > rel * fabs(want))
    fprintf(stderr, "got %.9g want %.9g\n", got, want);
  assert_true(fabs(got - want) <= rel * fabs(want));
}

static void test_alfe(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alfe.tdb");
  mge_thermo_result r;
  const char *liq[] = {"LIQUID"};
  mge_thermo_system *s = sys2(db, "AL", "FE", liq, 1);
  eq(s, 2000, 0.8, &r); /* components in database order: AL, FE */
  near(r.GM, -143913.3, 2e-6);
  near(r.mu[0], -133815.12, 2e-6);
  near(r.mu[1], -184306.01, 2e-6);
  mge_thermo_system_free(s);

  const char *seven[] = {"LIQUID", "FCC_A1",  "HCP_A3", "AL5FE2",
                         "AL2FE",  "AL13FE4", "AL5FE4"};
  s = sys2(db, "AL", "FE", seven, 7);
  eq(s, 1400, 0.55, &r);
  near(r.GM, -96088.07, 2e-6);
  mge_thermo_system_free(s);

  const char *two[] = {"FCC_A1", "AL13FE4"};
  s = sys2(db, "AL", "FE", two, 2);
  eq(s, 300, 0.8, &r);
  near(r.GM, -31414.46677, 2e-6);
  near(r.mu[0], -8490.140, 2e-6);
  near(r.mu[1], -123111.773, 2e-6);
  assert_int_equal(r.nphase, 2);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

static void test_alzn_gap(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alzn_mey.tdb");
  const char *fcc[] = {"FCC_A1"};
  mge_thermo_system *s = sys2(db, "AL", "ZN", fcc, 1);
  mge_thermo_result r;
  eq(s, 580, 0.7, &r);
  assert_int_equal(r.nphase, 2);
  double a = r.ph[0].x[1], b = r.ph[1].x[1];
  double lo = a < b ? a : b, hi = a < b ? b : a;
  assert_true(fabs(lo - 0.181492) < 5e-6);
  assert_true(fabs(hi - 0.538458) < 5e-6);
  /* lever rule and mass balance */
  double xz = r.ph[0].amount * a + r.ph[1].amount * b;
  assert_true(fabs(xz - 0.3) < 1e-9);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

/* Thermodynamic consistency of the derived properties: SM = -dGM/dT and
 * CPM = dHM/dT by central differences of separate equilibria (step 0.01
 * K; iterative results: 1e-4 relative), in a two-phase field where CPM
 * includes the heat of the changing phase amounts. */
static void test_properties_consistent(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alzn_mey.tdb");
  mge_thermo_system *s = sys2(db, "AL", "ZN", NULL, 0);
  /* away from the breakpoints of the unary functions (700 K, 692.7 K) */
  for (double T = 520; T <= 920; T += 200) {
    mge_thermo_result r, rp, rm;
    double h = 0.01;
    eq(s, T, 0.6, &r);
    eq(s, T + h, 0.6, &rp);
    eq(s, T - h, 0.6, &rm);
    double sm = -(rp.GM - rm.GM) / (2 * h), cp = (rp.HM - rm.HM) / (2 * h);
    near(r.SM, sm, 1e-4);
    near(r.CPM, cp, 1e-3);
    assert_true(fabs(r.HM - (r.GM + T * r.SM)) < 1e-9 * fabs(r.HM) + 1e-9);
  }
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

/* Dilute components: no floor on site fractions, so MU of a trace element
 * follows Henry's law, MU - R T ln X -> constant as X -> 0 (closed form
 * limit; the remaining dependence is of order X * L, below 1e-4 J/mol for
 * X <= 1e-9 here). */
static void test_dilute_henry(void **state) {
  (void)state;
  char path[1024];
  snprintf(path, sizeof path, "%s/data/thermo/cost507R.tdb", MGE_SOURCE_DIR);
  mge_tdb *db = NULL;
  mge_error err;
  assert_int_equal(mge_tdb_load(path, &db, &err), 0);
  mge_thermo_system *s = sys2(db, "AL", "MG", NULL, 0);
  int mg = strcmp(mge_thermo_system_comp(s, 0), "MG") ? 1 : 0;
  double h[3];
  const double xs[3] = {1e-9, 1e-12, 1e-15};
  for (int i = 0; i < 3; i++) {
    mge_thermo_conditions c = {700, 101325, {0, 0}};
    c.X[mg] = xs[i];
    c.X[1 - mg] = 1 - xs[i];
    mge_thermo_result r;
    assert_int_equal(mge_thermo_equilibrium(s, &c, NULL, &r, &err), 0);
    assert_int_equal(r.nphase, 1);
    assert_true(fabs(r.ph[0].x[mg] - xs[i]) < 1e-6 * xs[i]);
    h[i] = r.mu[mg] - 8.31451 * 700 * log(xs[i]);
  }
  assert_true(fabs(h[0] - h[1]) < 1e-4);
  assert_true(fabs(h[1] - h[2]) < 1e-4);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

/* A component at zero is solved without it: the same answer as the
 * smaller system (closed form agreement: 1e-9 relative), MU of the absent
 * component NaN, its fractions 0, site fractions mapped back. */
static void test_absent_component(void **state) {
  (void)state;
  char path[1024];
  snprintf(path, sizeof path, "%s/data/thermo/cost507R.tdb", MGE_SOURCE_DIR);
  mge_tdb *db = NULL;
  mge_error err;
  assert_int_equal(mge_tdb_load(path, &db, &err), 0);
  const char *el3[3] = {"MG", "AL", "ZN"};
  mge_thermo_system *s3 = NULL, *s2 = sys2(db, "MG", "AL", NULL, 0);
  assert_int_equal(
      mge_thermo_system_new(db, el3, 3, NULL, 0, NULL, 0, &s3, &err), 0);
  mge_thermo_conditions c3 = {650, 101325, {0}}, c2 = {650, 101325, {0}};
  int zn = -1;
  for (int k = 0; k < 3; k++) {
    const char *n = mge_thermo_system_comp(s3, k);
    c3.X[k] = !strcmp(n, "MG") ? 0.9 : !strcmp(n, "AL") ? 0.1 : 0;
    if (!strcmp(n, "ZN")) zn = k;
  }
  for (int k = 0; k < 2; k++)
    c2.X[k] = !strcmp(mge_thermo_system_comp(s2, k), "MG") ? 0.9 : 0.1;
  mge_thermo_result r3, r2;
  assert_int_equal(mge_thermo_equilibrium(s3, &c3, NULL, &r3, &err), 0);
  assert_int_equal(mge_thermo_equilibrium(s2, &c2, NULL, &r2, &err), 0);
  assert_true(r3.converged);
  assert_true(fabs(r3.GM - r2.GM) < 1e-9 * fabs(r2.GM));
  assert_int_equal(r3.nphase, r2.nphase);
  assert_true(isnan(r3.mu[zn]));
  for (int j = 0; j < r3.nphase; j++) {
    assert_true(r3.ph[j].x[zn] == 0);
    assert_string_equal(mge_thermo_system_phase(s3, r3.ph[j].phase),
                        mge_thermo_system_phase(s2, r2.ph[j].phase));
  }
  mge_thermo_system_free(s3);
  mge_thermo_system_free(s2);
  mge_tdb_free(db);
}

static void test_bad_conditions(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alzn_mey.tdb");
  mge_thermo_system *s = sys2(db, "AL", "ZN", NULL, 0);
  mge_thermo_result r;
  mge_error err;
  mge_thermo_conditions c = {NAN, 101325, {0.5, 0.5}};
  assert_int_equal(mge_thermo_equilibrium(s, &c, NULL, &r, &err), MGE_E_INPUT);
  c.T_K = 600;
  c.X[0] = -0.1;
  c.X[1] = 1.1;
  assert_int_equal(mge_thermo_equilibrium(s, &c, NULL, &r, &err), MGE_E_INPUT);
  c.X[0] = 0.7;
  c.X[1] = 0.7;
  assert_int_equal(mge_thermo_equilibrium(s, &c, NULL, &r, &err), MGE_E_INPUT);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_alfe),
      cmocka_unit_test(test_alzn_gap),
      cmocka_unit_test(test_properties_consistent),
      cmocka_unit_test(test_dilute_henry),
      cmocka_unit_test(test_absent_component),
      cmocka_unit_test(test_bad_conditions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
