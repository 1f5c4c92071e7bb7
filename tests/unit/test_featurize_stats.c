/* mge_property_stats against the definitions of matminer's PropertyStats
 * (matminer.featurizers.utils.stats, minimum/maximum/range/mean/avg_dev/mode
 * with weights), worked by hand. Tolerance 1e-15 relative: closed forms. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/featurize.h"

static void near(double got, double want) {
  if (!(fabs(got - want) <= 1e-15 * (1 + fabs(want))))
    fail_msg("got %.17g, want %.17g", got, want);
}

/* Values 0.5, 1.5, 0 with weights 2, 1, 0.5 (sum 3.5):
 * mean = (2*0.5 + 1*1.5 + 0.5*0) / 3.5 = 2.5/3.5 = 5/7;
 * avg_dev = (2*|0.5-5/7| + |1.5-5/7| + 0.5*|0-5/7|) / 3.5
 *         = (3/7 + 11/14 + 5/14) / 3.5 = (22/14) / 3.5 = 11/24.5 = 22/49;
 * mode: the largest weight is 2 -> 0.5. */
static void test_weighted(void **state) {
  (void)state;
  const double v[] = {0.5, 1.5, 0}, a[] = {2, 1, 0.5};
  double s[6];
  mge_property_stats(v, a, 3, s);
  near(s[0], 0);
  near(s[1], 1.5);
  near(s[2], 1.5);
  near(s[3], 5.0 / 7.0);
  near(s[4], 22.0 / 49.0);
  near(s[5], 0.5);
  /* The scale of the weights does not matter (fractions vs amounts). */
  const double f[] = {2 / 3.5, 1 / 3.5, 0.5 / 3.5};
  double t[6];
  mge_property_stats(v, f, 3, t);
  for (int i = 0; i < 6; i++) near(t[i], s[i]);
}

static void test_single(void **state) {
  (void)state;
  const double v[] = {26}, a[] = {1};
  double s[6];
  mge_property_stats(v, a, 1, s);
  near(s[0], 26), near(s[1], 26), near(s[2], 0), near(s[3], 26);
  near(s[4], 0), near(s[5], 26);
}

/* mode ties: numpy.isclose(a, max(a)), rtol 1e-5, atol 1e-8; the smallest
 * value among the tied wins. */
static void test_mode_ties(void **state) {
  (void)state;
  double s[6];
  const double v[] = {3, 1, 2}, eq[] = {1, 1, 1};
  mge_property_stats(v, eq, 3, s);
  near(s[5], 1);
  const double close[] = {1 + 5e-6, 1, 0.5}; /* within rtol: tied */
  mge_property_stats(v, close, 3, s);
  near(s[5], 1);
  const double apart[] = {1 + 2e-5, 1, 0.5}; /* beyond rtol: not tied */
  mge_property_stats(v, apart, 3, s);
  near(s[5], 3);
}

/* NaN (missing table value): matminer's min/max/range return NaN if any
 * value is NaN, numpy.average propagates it into mean and avg_dev, and mode
 * is NaN only if a NaN is among the largest-weight values. */
static void test_nan(void **state) {
  (void)state;
  double s[6];
  const double v[] = {NAN, 4}, a[] = {1, 2};
  mge_property_stats(v, a, 2, s);
  for (int i = 0; i < 5; i++) assert_true(isnan(s[i]));
  near(s[5], 4);
  const double b[] = {2, 1};
  mge_property_stats(v, b, 2, s);
  assert_true(isnan(s[5]));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_weighted), cmocka_unit_test(test_single),
      cmocka_unit_test(test_mode_ties), cmocka_unit_test(test_nan)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
