/* Golden tests of the magpie feature set against matminer's definitions,
 * worked by hand.
 *
 * Source of every element value: the Magpie tables as distributed with
 * matminer, data/elements/magpie/<Property>.table, line Z (Ward et al., npj
 * Comput Mater 2, 16028 (2016)). Definitions: matminer
 * ElementProperty.from_preset("magpie") with PropertyStats (weights = the
 * element amounts of the formula; see src/featurize/stats.c). matminer would
 * print the same numbers (e.g. "MagpieData mean Number" = 15.2 for Fe2O3).
 *
 * Tolerance: 1e-12 relative (|x-y| <= 1e-12 (1 + max|x|,|y|)): the hand
 * values are exact decimal arithmetic on the table digits; only the order of
 * floating-point summation differs.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/featurize.h"

enum { MIN, MAX, RANGE, MEAN, AVG_DEV, MODE };

/* A composition from symbols and amounts as written (natoms = their sum),
 * as the parser makes it: x = amount / natoms. Building it here keeps this
 * test about the features, not the parser. */
static mge_comp make(int n, const char *const *sym, const double *amt) {
  mge_comp c;
  memset(&c, 0, sizeof c);
  double s = 0;
  for (int i = 0; i < n; i++) s += amt[i];
  c.n = n;
  c.natoms = s;
  for (int i = 0; i < n; i++) {
    const mge_element *e = mge_element_by_symbol(sym[i]);
    assert_non_null(e);
    c.Z[i] = e->Z;
    c.x[i] = amt[i] / s;
  }
  return c;
}

static int prop(const char *name) {
  for (int p = 0; p < MGE_MAGPIE_N; p++)
    if (strcmp(mge_magpie_names[p], name) == 0) return p;
  fail_msg("no Magpie property %s", name);
  return -1;
}

static void expect(const double *f, const char *name, int stat, double want) {
  double got = f[prop(name) * MGE_MAGPIE_STATS + stat];
  double tol = 1e-12 * (1 + fmax(fabs(got), fabs(want)));
  if (isnan(want) ? !isnan(got) : !(fabs(got - want) <= tol))
    fail_msg("%s stat %d: got %.17g, want %.17g", name, stat, got, want);
}

static void expect6(const double *f, const char *name, double mn, double mx,
                    double mean, double dev, double mode) {
  expect(f, name, MIN, mn);
  expect(f, name, MAX, mx);
  expect(f, name, RANGE, mx - mn);
  expect(f, name, MEAN, mean);
  expect(f, name, AVG_DEV, dev);
  expect(f, name, MODE, mode);
}

/* Fe2O3: amounts Fe 2, O 3 (fractions 0.4, 0.6). For two elements
 * avg_dev = 2 x1 x2 |v1 - v2| = 0.48 |v1 - v2|. */
static void test_fe2o3(void **state) {
  (void)state;
  const char *sym[] = {"Fe", "O"};
  const double amt[] = {2, 3};
  mge_comp c = make(2, sym, amt);
  double f[MGE_MAGPIE_FEATURES];
  assert_int_equal(mge_magpie_features(&c, f, NULL), MGE_OK);
  /* Number 26, 8: mean (2*26 + 3*8)/5 = 15.2; avg_dev 0.48*18 = 8.64;
   * mode: O has the largest amount -> 8. */
  expect6(f, "Number", 8, 26, 15.2, 8.64, 8);
  /* MendeleevNumber 55, 87: mean (110 + 261)/5 = 74.2; 0.48*32 = 15.36 */
  expect6(f, "MendeleevNumber", 55, 87, 74.2, 15.36, 87);
  /* AtomicWeight 55.845, 15.9994: mean 159.6882/5 = 31.93764;
   * avg_dev 0.48*39.8456 = 19.125888 */
  expect6(f, "AtomicWeight", 15.9994, 55.845, 31.93764, 19.125888, 15.9994);
  /* MeltingT 1811, 54.8: mean (3622 + 164.4)/5 = 757.28;
   * avg_dev 0.48*1756.2 = 842.976 */
  expect6(f, "MeltingT", 54.8, 1811, 757.28, 842.976, 54.8);
  /* Electronegativity 1.83, 3.44: mean (3.66 + 10.32)/5 = 2.796;
   * avg_dev 0.48*1.61 = 0.7728 */
  expect6(f, "Electronegativity", 1.83, 3.44, 2.796, 0.7728, 3.44);
  /* NdValence 6, 0: mean 12/5 = 2.4; avg_dev 0.48*6 = 2.88 */
  expect6(f, "NdValence", 0, 6, 2.4, 2.88, 0);
  /* GSvolume_pa 10.73, 9.105: mean (21.46 + 27.315)/5 = 9.755;
   * avg_dev 0.48*1.625 = 0.78 */
  expect6(f, "GSvolume_pa", 9.105, 10.73, 9.755, 0.78, 9.105);
  /* GSmagmom 2.1106628, 0: mean 0.4*2.1106628 = 0.84426512;
   * avg_dev 0.48*2.1106628 = 1.013118144 */
  expect6(f, "GSmagmom", 0, 2.1106628, 0.84426512, 1.013118144, 0);
  /* SpaceGroupNumber 229, 12: mean (458 + 36)/5 = 98.8; 0.48*217 = 104.16 */
  expect6(f, "SpaceGroupNumber", 12, 229, 98.8, 104.16, 12);
}

/* NaCl: amounts 1, 1. avg_dev = |v1 - v2|/2; mode: a tie, so the smaller
 * value (not the first element). */
static void test_nacl(void **state) {
  (void)state;
  const char *sym[] = {"Na", "Cl"};
  const double amt[] = {1, 1};
  mge_comp c = make(2, sym, amt);
  double f[MGE_MAGPIE_FEATURES];
  assert_int_equal(mge_magpie_features(&c, f, NULL), MGE_OK);
  expect6(f, "Number", 11, 17, 14, 3, 11);
  expect6(f, "MendeleevNumber", 2, 94, 48, 46, 2);
  expect6(f, "Electronegativity", 0.93, 3.16, 2.045, 1.115, 0.93);
  /* CovalentRadius Na 166, Cl 102: the tie goes to the smaller, Cl's. */
  expect6(f, "CovalentRadius", 102, 166, 134, 32, 102);
  expect6(f, "SpaceGroupNumber", 64, 229, 146.5, 82.5, 64);
  expect6(f, "GSbandgap", 0, 2.493, 1.2465, 1.2465, 0);
  expect6(f, "NpValence", 0, 5, 2.5, 2.5, 0);
}

/* AlCoCrFeNi: five elements, 0.2 each; mode is the smallest value. */
static void test_alcocrfeni(void **state) {
  (void)state;
  const char *sym[] = {"Al", "Co", "Cr", "Fe", "Ni"};
  const double amt[] = {1, 1, 1, 1, 1};
  mge_comp c = make(5, sym, amt);
  double f[MGE_MAGPIE_FEATURES];
  assert_int_equal(mge_magpie_features(&c, f, NULL), MGE_OK);
  /* Number 13 27 24 26 28: mean 118/5 = 23.6; |dev| 10.6 3.4 0.4 2.4 4.4,
   * sum 21.2, /5 = 4.24 */
  expect6(f, "Number", 13, 28, 23.6, 4.24, 13);
  /* MendeleevNumber 73 58 49 55 61: mean 296/5 = 59.2; |dev| 13.8 1.2 10.2
   * 4.2 1.8, sum 31.2, /5 = 6.24 */
  expect6(f, "MendeleevNumber", 49, 73, 59.2, 6.24, 49);
  /* AtomicWeight 26.9815386 58.933195 51.9961 55.845 58.6934: sum
   * 252.4492336, mean 50.48984672; |dev| 23.50830812 8.44334828 1.50625328
   * 5.35515328 8.20355328, sum 47.01661624, /5 = 9.403323248 */
  expect6(f, "AtomicWeight", 26.9815386, 58.933195, 50.48984672, 9.403323248,
          26.9815386);
  /* MeltingT 933.47 1768 2180 1811 1728: sum 8420.47, mean 1684.094;
   * |dev| 750.624 83.906 495.906 126.906 43.906, sum 1501.248, /5 =
   * 300.2496 */
  expect6(f, "MeltingT", 933.47, 2180, 1684.094, 300.2496, 933.47);
  /* NUnfilled 5 3 6 4 2: mean 4; |dev| 1 1 2 0 2, /5 = 1.2 */
  expect6(f, "NUnfilled", 2, 6, 4, 1.2, 2);
  /* GSmagmom 0 1.5484712 0 2.1106628 0.5953947: sum 4.2545287, mean
   * 0.85090574; |dev| 0.85090574 0.69756546 0.85090574 1.25975706
   * 0.25551104, sum 3.91464504, /5 = 0.782929008 */
  expect6(f, "GSmagmom", 0, 2.1106628, 0.85090574, 0.782929008, 0);
  /* SpaceGroupNumber 225 194 229 229 225: mean 1102/5 = 220.4; |dev| 4.6
   * 26.4 8.6 8.6 4.6, sum 52.8, /5 = 10.56 */
  expect6(f, "SpaceGroupNumber", 194, 229, 220.4, 10.56, 194);
}

/* ArF2: Electronegativity.table has "Missing" for Ar (Z 18). matminer
 * (impute_nan=False) reads it as NaN: minimum, maximum and range return NaN
 * when any value is NaN, numpy.average gives NaN for mean and avg_dev; mode
 * takes F (amount 2), 3.98. Other properties are unaffected. */
static void test_missing(void **state) {
  (void)state;
  const char *sym[] = {"Ar", "F"};
  const double amt[] = {1, 2};
  mge_comp c = make(2, sym, amt);
  double f[MGE_MAGPIE_FEATURES];
  assert_int_equal(mge_magpie_features(&c, f, NULL), MGE_OK);
  expect6(f, "Electronegativity", NAN, NAN, NAN, NAN, 3.98);
  /* Number 18, 9: mean (18 + 18)/3 = 12; avg_dev 2*(1/3)(2/3)*9 = 4 */
  expect6(f, "Number", 9, 18, 12, 4, 9);
  /* Ar alone: mode is its (missing) value */
  const char *ar[] = {"Ar"};
  const double one[] = {1};
  c = make(1, ar, one);
  assert_int_equal(mge_magpie_features(&c, f, NULL), MGE_OK);
  expect(f, "Electronegativity", MODE, NAN);
  expect6(f, "Number", 18, 18, 18, 0, 18);
}

/* The weights are normalized: Fe2O3, Fe4O6 and Fe0.4O0.6 agree. */
static void test_scale(void **state) {
  (void)state;
  const char *sym[] = {"Fe", "O"};
  const double a1[] = {2, 3}, a2[] = {4, 6}, a3[] = {0.4, 0.6};
  mge_comp c1 = make(2, sym, a1), c2 = make(2, sym, a2), c3 = make(2, sym, a3);
  double f1[MGE_MAGPIE_FEATURES], f2[MGE_MAGPIE_FEATURES],
      f3[MGE_MAGPIE_FEATURES];
  mge_magpie_features(&c1, f1, NULL);
  mge_magpie_features(&c2, f2, NULL);
  mge_magpie_features(&c3, f3, NULL);
  for (int i = 0; i < MGE_MAGPIE_FEATURES; i++) {
    assert_true(fabs(f1[i] - f2[i]) <= 1e-12 * (1 + fabs(f1[i])));
    assert_true(fabs(f1[i] - f3[i]) <= 1e-12 * (1 + fabs(f1[i])));
  }
}

static void test_invalid(void **state) {
  (void)state;
  mge_comp c;
  memset(&c, 0, sizeof c);
  double f[MGE_MAGPIE_FEATURES];
  mge_error e;
  assert_int_equal(mge_magpie_features(&c, f, &e), MGE_E_INPUT);
  c.n = 1, c.Z[0] = 200, c.x[0] = 1;
  assert_int_equal(mge_magpie_features(&c, f, &e), MGE_E_INPUT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fe2o3),      cmocka_unit_test(test_nacl),
      cmocka_unit_test(test_alcocrfeni), cmocka_unit_test(test_missing),
      cmocka_unit_test(test_scale),      cmocka_unit_test(test_invalid)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
