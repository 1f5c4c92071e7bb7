/* mge_format_g must write exactly what printf("%.*g") writes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/featurize.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) { /* xorshift64* */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 2685821657736338717ull;
}

static void check(double v, int digits) {
  char want[64], got[64];
  snprintf(want, sizeof want, "%.*g", digits, v);
  int n = mge_format_g(v, digits, got);
  if (strcmp(want, got) != 0 || n != (int)strlen(want))
    fail_msg("%%.%dg of %a: printf '%s', mge_format_g '%s'", digits, v, want,
             got);
}

static void test_special(void **state) {
  (void)state;
  char b[32];
  assert_int_equal(mge_format_g(NAN, 10, b), 3);
  assert_string_equal(b, "nan");
  mge_format_g(INFINITY, 10, b);
  assert_string_equal(b, "inf");
  mge_format_g(-INFINITY, 10, b);
  assert_string_equal(b, "-inf");
  const double vals[] = {0.0,
                         -0.0,
                         1,
                         -1,
                         0.1,
                         0.5,
                         1.5,
                         2.5,
                         1e-5,
                         1e-4,
                         123456789,
                         1234567890,
                         12345678901.0,
                         9.9999999995,
                         9.99999999949,
                         0.000123456789012,
                         1e300,
                         1e-300,
                         4.9e-324,
                         1.7976931348623157e308,
                         7874.0,
                         55.845,
                         0.31,
                         26,
                         3.3333333333333335,
                         1e22,
                         1e23,
                         1e-22,
                         1e-23,
                         999999999.95,
                         0.00009999999999};
  for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
    for (int d = 1; d <= 17; d++) check(vals[i], d);
}

/* Random bit patterns cover every exponent; random decimals of a few digits
 * are the values feature tables are full of (and the ties). */
static void test_random(void **state) {
  (void)state;
  for (int i = 0; i < 100000; i++) {
    uint64_t u = next();
    double v;
    memcpy(&v, &u, sizeof v);
    if (isnan(v)) continue;
    check(v, 10);
    check(v, 1 + (int)(u % 17));
  }
  for (int i = 0; i < 100000; i++) {
    uint64_t u = next();
    double v = (double)(u % 2000000) / pow(10, (double)((u >> 32) % 12)) -
               (double)((u >> 40) % 3) * 1000;
    check(v, 10);
    check(v, 6);
    check(v, 3);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_special),
                                     cmocka_unit_test(test_random)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
