/* mge_alloy_describe: input checks, edge cases (pure element, dHmix = 0,
 * missing pairs and data), the rules and their metadata, and agreement of
 * every descriptor with a direct evaluation of its formula from the element
 * table. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* cmocka needs the headers above first */
#include <cmocka.h>

#include "mge/alloy.h"

static mge_comp make(int n, const int *Z, const double *x) {
  mge_comp c;
  memset(&c, 0, sizeof c);
  c.n = n;
  c.natoms = 1;
  for (int i = 0; i < n; i++) {
    c.Z[i] = Z[i];
    c.x[i] = x[i];
  }
  return c;
}

static void expect_bad(mge_comp c, const char *what) {
  mge_alloy_desc d;
  memset(&d, 0x5a, sizeof d);
  mge_alloy_desc before = d;
  mge_error err;
  mge_error_clear(&err);
  assert_int_equal(mge_alloy_describe(&c, &d, &err), MGE_E_INPUT);
  assert_int_equal(err.code, MGE_E_INPUT);
  assert_non_null(strstr(err.message, what));
  assert_memory_equal(&d, &before, sizeof d); /* out untouched */
}

static void test_bad_input(void **state) {
  (void)state;
  const int Z[] = {26, 28};
  const double x[] = {0.5, 0.5};
  mge_comp c = make(2, Z, x);
  c.n = 0;
  expect_bad(c, "elements");
  c.n = MGE_COMP_MAX + 1;
  expect_bad(c, "elements");
  c = make(2, Z, x);
  c.Z[1] = 0;
  expect_bad(c, "unknown Z");
  c.Z[1] = MGE_Z_MAX + 1;
  expect_bad(c, "unknown Z");
  c = make(2, Z, x);
  c.Z[1] = 26;
  expect_bad(c, "twice");
  c = make(2, Z, x);
  c.x[1] = 0.0;
  expect_bad(c, "mole fraction");
  c.x[1] = -0.5;
  expect_bad(c, "mole fraction");
  c.x[1] = NAN;
  expect_bad(c, "mole fraction");
  c.x[1] = INFINITY;
  expect_bad(c, "mole fraction");
  c = make(2, Z, x);
  c.x[1] = 0.4;
  expect_bad(c, "sum");
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(NULL, &d, NULL), MGE_E_INPUT);
  c = make(2, Z, x);
  assert_int_equal(mge_alloy_describe(&c, NULL, NULL), MGE_E_INPUT);
}

/* Every descriptor against its formula evaluated here from the element
 * table, for a non-equiatomic 6-element alloy (closed forms: 1e-12
 * relative). */
static void test_formulas(void **state) {
  (void)state;
  const int Z[] = {13, 22, 24, 26, 28, 42}; /* Al Ti Cr Fe Ni Mo */
  const double x[] = {0.05, 0.10, 0.15, 0.30, 0.35, 0.05};
  const int n = 6;
  mge_comp c = make(n, Z, x);
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(&c, &d, NULL), MGE_OK);
  double m = 0, v = 0, r = 0, vec = 0, chi = 0, tm = 0, s = 0, h = 0;
  double r_[6];
  for (int i = 0; i < n; i++) {
    const mge_element *e = mge_element_by_Z(Z[i]);
    m += x[i] * e->atomic_weight;
    v += x[i] * e->vm_m3_mol;
    r += x[i] * e->r_metal_A;
    vec += x[i] * e->vec;
    chi += x[i] * e->chi_pauling;
    tm += x[i] * e->t_melt_K;
    s += -x[i] * log(x[i]);
    r_[i] = e->r_metal_A;
    for (int j = i + 1; j < n; j++)
      h += 4 * mge_alloy_hmix_pair(Z[i], Z[j], NULL) * x[i] * x[j];
  }
  double d2 = 0, c2 = 0;
  for (int i = 0; i < n; i++) {
    const mge_element *e = mge_element_by_Z(Z[i]);
    d2 += x[i] * pow(1 - e->r_metal_A / r, 2);
    c2 += x[i] * pow(e->chi_pauling - chi, 2);
  }
#define REL(a, b) assert_true(fabs((a) - (b)) <= 1e-12 * (1 + fabs(b)))
  REL(d.molar_mass_g_mol, m);
  REL(d.density_kg_m3, m * 1e-3 / v);
  REL(d.delta_pct, 100 * sqrt(d2));
  REL(d.delta_pct, mge_alloy_delta_pct(n, x, r_));
  REL(d.dSmix_J_molK, MGE_ALLOY_R_J_MOLK * s);
  REL(d.dHmix_kJ_mol, h);
  REL(d.vec, vec);
  REL(d.dchi_pauling, sqrt(c2));
  REL(d.tm_K, tm);
  REL(d.omega, tm * MGE_ALLOY_R_J_MOLK * s / (fabs(h) * 1e3));
  /* cost: mass-weighted prices, or NaN and flagged if one is unknown */
  double cost = 0;
  int known = 1;
  for (int i = 0; i < n; i++) {
    const mge_element *e = mge_element_by_Z(Z[i]);
    if (!isfinite(e->price_usd_kg)) known = 0;
    cost += x[i] * e->atomic_weight / m * e->price_usd_kg;
  }
  if (known) {
    REL(d.cost_usd_kg, cost);
    assert_false(d.flags & MGE_ALLOY_COST_UNKNOWN);
  } else {
    assert_true(isnan(d.cost_usd_kg));
    assert_true(d.flags & MGE_ALLOY_COST_UNKNOWN);
  }
  assert_false(d.flags & ~(unsigned)MGE_ALLOY_COST_UNKNOWN);
}

/* A pure element: no mixing, Omega = 0/0 is undefined, so NaN and the
 * Yang-Zhang rule says nothing. */
static void test_pure_element(void **state) {
  (void)state;
  const int Z[] = {26};
  const double x[] = {1.0};
  mge_comp c = make(1, Z, x);
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(&c, &d, NULL), MGE_OK);
  assert_true(d.dSmix_J_molK == 0.0);
  assert_true(d.dHmix_kJ_mol == 0.0);
  assert_true(d.delta_pct == 0.0);
  assert_true(d.dchi_pauling == 0.0);
  assert_true(isnan(d.omega));
  assert_int_equal(d.ss_rule, MGE_PHASE_UNKNOWN);
  assert_false(d.flags & MGE_ALLOY_OMEGA_INF);
  assert_true(fabs(d.molar_mass_g_mol - 55.845) < 1e-12);
}

/* Co-Ni: Takeuchi-Inoue 0 kJ/mol, so dHmix = 0 and Omega = +inf, flagged;
 * Yang-Zhang counts it as a solid solution (the Co-Ni system is one). */
static void test_omega_infinite(void **state) {
  (void)state;
  const int Z[] = {27, 28};
  const double x[] = {0.5, 0.5};
  mge_comp c = make(2, Z, x);
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(&c, &d, NULL), MGE_OK);
  assert_true(d.dHmix_kJ_mol == 0.0);
  assert_true(isinf(d.omega) && d.omega > 0);
  assert_true(d.flags & MGE_ALLOY_OMEGA_INF);
  assert_int_equal(d.ss_rule, MGE_PHASE_SS);
}

/* Pu has no Takeuchi-Inoue row: Miedema fills Fe-Pu in (flagged). At is in
 * neither source: dHmix and Omega are NaN (flagged). */
static void test_miedema_and_missing(void **state) {
  (void)state;
  const int Z1[] = {26, 94};
  const double x[] = {0.5, 0.5};
  mge_comp c = make(2, Z1, x);
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(&c, &d, NULL), MGE_OK);
  assert_true(d.flags & MGE_ALLOY_MIEDEMA_USED);
  assert_false(d.flags & MGE_ALLOY_PAIR_MISSING);
  assert_true(fabs(d.dHmix_kJ_mol - mge_alloy_miedema_liquid(26, 94, 0.5)) <
              1e-12);
  const int Z2[] = {26, 85};
  c = make(2, Z2, x);
  assert_int_equal(mge_alloy_describe(&c, &d, NULL), MGE_OK);
  assert_true(d.flags & MGE_ALLOY_PAIR_MISSING);
  assert_true(isnan(d.dHmix_kJ_mol));
  assert_true(isnan(d.omega));
  assert_int_equal(d.ss_rule, MGE_PHASE_UNKNOWN);
}

/* An element without a metallic radius (He): delta is NaN and flagged; the
 * rest that does not need it is still computed. */
static void test_data_missing(void **state) {
  (void)state;
  const int Z[] = {26, 2};
  const double x[] = {0.9, 0.1};
  assert_true(isnan(mge_element_by_Z(2)->r_metal_A));
  mge_comp c = make(2, Z, x);
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(&c, &d, NULL), MGE_OK);
  assert_true(d.flags & MGE_ALLOY_DATA_MISSING);
  assert_true(isnan(d.delta_pct));
  assert_true(isfinite(d.molar_mass_g_mol));
  assert_true(isfinite(d.dSmix_J_molK));
  assert_int_equal(d.ss_rule, MGE_PHASE_UNKNOWN);
}

/* Guo et al. 2011 thresholds on either side: Cr (VEC 6) - Fe (VEC 8). */
static void test_vec_rule(void **state) {
  (void)state;
  const int Z[] = {24, 26};
  struct {
    double xfe;
    mge_alloy_phase p;
  } cases[] = {{0.43, MGE_PHASE_BCC},     /* VEC 6.86 */
               {0.44, MGE_PHASE_FCC_BCC}, /* VEC 6.88 */
               {0.99, MGE_PHASE_FCC_BCC}, /* VEC 7.98 */
               {0.10, MGE_PHASE_BCC}};
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    const double x[] = {1 - cases[k].xfe, cases[k].xfe};
    mge_comp c = make(2, Z, x);
    mge_alloy_desc d;
    assert_int_equal(mge_alloy_describe(&c, &d, NULL), MGE_OK);
    assert_int_equal(d.vec_rule, cases[k].p);
    assert_int_equal(mge_alloy_rule_prediction(&d, MGE_ALLOY_RULE_GUO_VEC),
                     cases[k].p);
  }
  const int Zn[] = {28, 29}; /* Ni 10, Cu 11 */
  const double xn[] = {0.5, 0.5};
  mge_comp c = make(2, Zn, xn);
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(&c, &d, NULL), MGE_OK);
  assert_int_equal(d.vec_rule, MGE_PHASE_FCC);
}

/* Yang & Zhang: a large size mismatch gives IM even with a high Omega
 * (Fe-Zr: Zr 1.60 A vs Fe 1.28 A). */
static void test_ss_rule_delta(void **state) {
  (void)state;
  const int Z[] = {26, 40};
  const double x[] = {0.5, 0.5};
  mge_comp c = make(2, Z, x);
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(&c, &d, NULL), MGE_OK);
  assert_true(d.delta_pct > 6.6);
  assert_int_equal(d.ss_rule, MGE_PHASE_IM);
}

static void test_metadata(void **state) {
  (void)state;
  for (int i = 0; i < MGE_ALLOY_RULE_N; i++) {
    const mge_alloy_rule *r = mge_alloy_rule_info(i);
    assert_non_null(r);
    assert_true(r->name[0] && r->thresholds[0] && r->source[0]);
  }
  assert_null(mge_alloy_rule_info(-1));
  assert_null(mge_alloy_rule_info(MGE_ALLOY_RULE_N));
  assert_string_equal(mge_alloy_rule_info(0)->thresholds,
                      "Omega >= 1.1, delta <= 6.6 %");
  mge_alloy_desc d;
  memset(&d, 0, sizeof d);
  d.ss_rule = MGE_PHASE_SS;
  assert_int_equal(mge_alloy_rule_prediction(&d, 0), MGE_PHASE_SS);
  assert_int_equal(mge_alloy_rule_prediction(&d, 7), MGE_PHASE_UNKNOWN);
  assert_int_equal(mge_alloy_rule_prediction(NULL, 0), MGE_PHASE_UNKNOWN);
  assert_string_equal(mge_alloy_phase_name(MGE_PHASE_FCC_BCC), "FCC+BCC");
  assert_string_equal(mge_alloy_phase_name((mge_alloy_phase)42), "unknown");
  assert_string_equal(mge_alloy_flag_name(MGE_ALLOY_MIEDEMA_USED),
                      "miedema_used");
  assert_string_equal(mge_alloy_flag_name(MGE_ALLOY_OMEGA_INF),
                      "omega_infinite");
  assert_null(mge_alloy_flag_name(0));
  assert_null(
      mge_alloy_flag_name(MGE_ALLOY_MIEDEMA_USED | MGE_ALLOY_PAIR_MISSING));
  assert_true(isnan(mge_alloy_delta_pct(0, NULL, NULL)));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_formulas),
      cmocka_unit_test(test_pure_element),
      cmocka_unit_test(test_omega_infinite),
      cmocka_unit_test(test_miedema_and_missing),
      cmocka_unit_test(test_data_missing),
      cmocka_unit_test(test_vec_rule),
      cmocka_unit_test(test_ss_rule_delta),
      cmocka_unit_test(test_metadata),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
