/* Gibbs energy models: golden energies and exact derivatives.
 *
 * Golden values: pycalphad's test suite for the fixture alfe.tdb (quoted in
 * mge issue 4, section 5): pure Al in FCC_A1 at 1200 K has SM = 68.143273
 * J/(mol K) (pycalphad tests/test_equilibrium.py, test_eq_unary_issue78);
 * the AL2FE endmember at 300 K has GMR = -28732.525 J/mol relative to
 * FCC_A1 Al and BCC_A2 Fe, "checked in Thermo-Calc" (pycalphad
 * tests/test_model.py, test_reference_energy_for_different_phase).
 * Tolerance: 1e-6 relative (the quoted digits).
 */
// clang-format off
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
// clang-format on

#include "mge/thermo.h"
#include "thermo/thermo_internal.h"

static mge_tdb *load(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/data/thermo/%s", MGE_SOURCE_DIR, rel);
  mge_tdb *db = NULL;
  mge_error err;
  mge_error_clear(&err);
  assert_int_equal(mge_tdb_load(path, &db, &err), 0);
  return db;
}

static mge_thermo_system *sys_of(const mge_tdb *db, const char *a,
                                 const char *b, const char *c) {
  const char *el[3] = {a, b, c};
  int n = c ? 3 : (b ? 2 : 1);
  mge_thermo_system *s = NULL;
  mge_error err;
  mge_error_clear(&err);
  int rc = mge_thermo_system_new(db, el, n, NULL, 0, NULL, 0, &s, &err);
  if (rc) fprintf(stderr, "%s\n", err.message);
  assert_int_equal(rc, 0);
  return s;
}

static void test_golden_alfe(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alfe.tdb");
  mge_thermo_system *s = sys_of(db, "AL", "FE", NULL);
  int fcc = mge_thermo_system_phase_index(s, "FCC_A1");
  double y[4] = {1, 0, 1}; /* AL, FE : VA */
  double sm, gm;
  assert_int_equal(mge_thermo_phase_props(s, fcc, 1200, 101325, y, NULL, &sm,
                                          NULL, NULL, NULL),
                   0);
  assert_true(fabs(sm - 68.143273) < 1e-6 * 68.143273);
  int a2 = mge_thermo_system_phase_index(s, "AL2FE");
  int bcc = mge_thermo_system_phase_index(s, "BCC_A2");
  double y2[2] = {1, 1}, yfe[3] = {0, 1, 1}, gal, gfe;
  assert_int_equal(mge_thermo_phase_props(s, a2, 300, 101325, y2, &gm, NULL,
                                          NULL, NULL, NULL),
                   0);
  assert_int_equal(mge_thermo_phase_props(s, fcc, 300, 101325, y, &gal, NULL,
                                          NULL, NULL, NULL),
                   0);
  assert_int_equal(mge_thermo_phase_props(s, bcc, 300, 101325, yfe, &gfe, NULL,
                                          NULL, NULL, NULL),
                   0);
  double gmr = gm - (2.0 / 3.0) * gal - (1.0 / 3.0) * gfe;
  assert_true(fabs(gmr - -28732.525) < 1e-6 * 28732.525);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

/* Analytic gradient, Hessian and T derivatives against central finite
 * differences (step 1e-6 in y, 1e-3 K in T; tolerance 1e-5 relative to
 * the magnitude, mixed metric |a-b| / (1 + |a|)). */
static void check_phase(const mge_thermo_system *s, int p, double T,
                        const double *y0) {
  const tm_phase *ph = &s->ph[p];
  int ny = ph->ny;
  tm_tvals tv;
  assert_int_equal(tm_tvals_init(&tv, s), 0);
  tm_tvals_set(&tv, s, T, 101325);
  tm_gout *o = malloc(sizeof *o), *a = malloc(sizeof *a),
          *b = malloc(sizeof *b);
  tm_phase_eval(s, ph, &tv, y0, TM_GRAD | TM_HESS | TM_TDER, o);
  double h = 1e-6;
  for (int k = 0; k < ny; k++) {
    double y[MGE_THERMO_MAX_Y];
    memcpy(y, y0, sizeof(double) * ny);
    y[k] += h;
    tm_phase_eval(s, ph, &tv, y, TM_GRAD | TM_TDER, a);
    y[k] -= 2 * h;
    tm_phase_eval(s, ph, &tv, y, TM_GRAD | TM_TDER, b);
    double fd = (a->G - b->G) / (2 * h);
    if (fabs(fd - o->g[k]) > 1e-5 * (1 + fabs(fd)))
      fprintf(stderr, "%s grad %d: %g vs %g\n", ph->name, k, o->g[k], fd);
    assert_true(fabs(fd - o->g[k]) <= 1e-5 * (1 + fabs(fd)));
    double fdT = (a->GT - b->GT) / (2 * h);
    assert_true(fabs(fdT - o->gT[k]) <= 1e-5 * (1 + fabs(fdT)));
    for (int l = 0; l < ny; l++) {
      double fh = (a->g[l] - b->g[l]) / (2 * h);
      if (fabs(fh - o->H[k * ny + l]) > 1e-4 * (1 + fabs(fh)))
        fprintf(stderr, "%s H %d %d: %g vs %g\n", ph->name, k, l,
                o->H[k * ny + l], fh);
      assert_true(fabs(fh - o->H[k * ny + l]) <= 1e-4 * (1 + fabs(fh)));
    }
  }
  double dT = 1e-3;
  tm_tvals_set(&tv, s, T + dT, 101325);
  tm_phase_eval(s, ph, &tv, y0, TM_TDER, a);
  tm_tvals_set(&tv, s, T - dT, 101325);
  tm_phase_eval(s, ph, &tv, y0, TM_TDER, b);
  double fdT = (a->G - b->G) / (2 * dT), fdTT = (a->GT - b->GT) / (2 * dT);
  assert_true(fabs(fdT - o->GT) <= 1e-5 * (1 + fabs(fdT)));
  assert_true(fabs(fdTT - o->GTT) <= 1e-4 * (1 + fabs(fdTT)));
  free(o);
  free(a);
  free(b);
  tm_tvals_free(&tv);
}

static void fill(const tm_phase *ph, double *y, unsigned seed) {
  for (int s = 0; s < ph->nsub; s++) {
    double sum = 0;
    for (int k = ph->sub0[s]; k < ph->sub0[s + 1]; k++) {
      seed = seed * 1103515245u + 12345u;
      y[k] = 0.05 + (seed >> 16) % 1000 / 1000.0;
      sum += y[k];
    }
    for (int k = ph->sub0[s]; k < ph->sub0[s + 1]; k++) y[k] /= sum;
  }
}

static void test_derivatives(void **state) {
  (void)state;
  const char *dbs[] = {"fixtures/alfe.tdb", "fixtures/alzn_mey.tdb",
                       "fixtures/cumg.tdb", "sl_chen.tdb",
                       "fixtures/Al-Mg_Zhong.tdb"};
  const char *els[][3] = {{"AL", "FE", NULL},
                          {"AL", "ZN", NULL},
                          {"CU", "MG", NULL},
                          {"A", "B", "C"},
                          {"AL", "MG", NULL}};
  for (int d = 0; d < 5; d++) {
    mge_tdb *db = load(dbs[d]);
    mge_thermo_system *s = sys_of(db, els[d][0], els[d][1], els[d][2]);
    for (int p = 0; p < s->nphase; p++) {
      double y[MGE_THERMO_MAX_Y];
      for (unsigned seed = 1; seed < 4; seed++) {
        fill(&s->ph[p], y, seed * 77 + (unsigned)p);
        check_phase(s, p, 350 + 300.0 * seed, y);
      }
    }
    mge_thermo_system_free(s);
    mge_tdb_free(db);
  }
  /* iron-rich BCC (ferromagnetic, TC about 1000 K) and FCC (AFM factor -3,
   * TC = 67 K) below and above their Curie/Neel temperatures */
  mge_tdb *db = load("fixtures/alfe.tdb");
  mge_thermo_system *s = sys_of(db, "AL", "FE", NULL);
  int bcc = mge_thermo_system_phase_index(s, "BCC_A2");
  int fcc = mge_thermo_system_phase_index(s, "FCC_A1");
  double yb[3] = {0.1, 0.9, 1};
  check_phase(s, bcc, 600, yb);
  check_phase(s, bcc, 1300, yb);
  double yf[3] = {0.05, 0.95, 1};
  check_phase(s, fcc, 50, yf);
  check_phase(s, fcc, 300, yf);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

/* The ordered B2 phase at a disordered constitution (both sublattices
 * alike) must equal its disordered part BCC_A2: the ordering energy
 * vanishes there by construction (Ansara et al. 1997). Closed form:
 * tolerance 1e-9 relative. Ordered constitutions must lie lower or higher
 * but differ. */
static void test_order_disorder(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alfe.tdb");
  mge_thermo_system *s = sys_of(db, "AL", "FE", NULL);
  int b2 = mge_thermo_system_phase_index(s, "B2_BCC");
  int a2 = mge_thermo_system_phase_index(s, "BCC_A2");
  assert_true(b2 >= 0 && a2 >= 0);
  for (double x = 0.1; x < 0.95; x += 0.2) {
    double yo[5] = {x, 1 - x, x, 1 - x, 1}, yd[3] = {x, 1 - x, 1};
    double go, gd;
    for (double T = 400; T < 1700; T += 400) {
      assert_int_equal(mge_thermo_phase_props(s, b2, T, 101325, yo, &go, NULL,
                                              NULL, NULL, NULL),
                       0);
      assert_int_equal(mge_thermo_phase_props(s, a2, T, 101325, yd, &gd, NULL,
                                              NULL, NULL, NULL),
                       0);
      assert_true(fabs(go - gd) < 1e-9 * fabs(gd));
    }
  }
  /* at 600 K, equiatomic: full order lies below disorder (B2 is the stable
   * ordering in Fe-Al) */
  double yo[5] = {0.99, 0.01, 0.01, 0.99, 1}, yd[5] = {0.5, 0.5, 0.5, 0.5, 1};
  double go, gd;
  mge_thermo_phase_props(s, b2, 600, 101325, yo, &go, NULL, NULL, NULL, NULL);
  mge_thermo_phase_props(s, b2, 600, 101325, yd, &gd, NULL, NULL, NULL, NULL);
  assert_true(go < gd);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

/* The precomputed grid energies equal the full evaluation (closed form:
 * 1e-9 relative) for every sampled point of every phase, magnetic and
 * ordered phases included. */
static void test_grid_matches(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alfe.tdb");
  mge_thermo_system *s = sys_of(db, "AL", "FE", NULL);
  tm_tvals tv;
  assert_int_equal(tm_tvals_init(&tv, s), 0);
  tm_gout *o = malloc(sizeof *o);
  for (double T = 300; T < 2000; T += 500) {
    tm_tvals_set(&tv, s, T, 101325);
    for (int p = 0; p < s->nphase; p++) {
      const tm_phase *ph = &s->ph[p];
      double *g = malloc(sizeof(double) * ph->npts);
      tm_grid_energies(ph, &tv, g);
      for (int i = 0; i < ph->npts; i++) {
        tm_phase_eval(s, ph, &tv, ph->pts + (size_t)i * ph->ny, 0, o);
        double want = o->G / ph->ptn[i];
        assert_true(fabs(g[i] - want) <= 1e-9 * (1 + fabs(want)));
      }
      free(g);
    }
  }
  free(o);
  tm_tvals_free(&tv);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

static void test_system_errors(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alfe.tdb");
  mge_thermo_system *s = (mge_thermo_system *)1;
  mge_error err;
  const char *bad[] = {"AL", "XX"};
  assert_int_equal(
      mge_thermo_system_new(db, bad, 2, NULL, 0, NULL, 0, &s, &err),
      MGE_E_INPUT);
  assert_null(s);
  const char *el[] = {"Al"};
  const char *ph[] = {"AL2FE"};
  assert_int_equal(mge_thermo_system_new(db, el, 1, ph, 1, NULL, 0, &s, &err),
                   MGE_E_INPUT);
  assert_non_null(strstr(err.message, "no constituents"));
  mge_tdb_free(db);
  /* a needed parameter naming an undefined function: the error says where */
  db = load("AlMgSi_povoden.tdb");
  const char *amg[] = {"AL", "MG"};
  assert_int_equal(
      mge_thermo_system_new(db, amg, 2, NULL, 0, NULL, 0, &s, &err),
      MGE_E_INPUT);
  assert_non_null(strstr(err.message, "AlMgSi_povoden.tdb:108:42"));
  const char *only[] = {"LIQUID"};
  assert_int_equal(
      mge_thermo_system_new(db, amg, 2, only, 1, NULL, 0, &s, &err), 0);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden_alfe),
      cmocka_unit_test(test_derivatives),
      cmocka_unit_test(test_order_disorder),
      cmocka_unit_test(test_grid_matches),
      cmocka_unit_test(test_system_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
