/* Layup notation parser: the notations of issue 5 and their errors. */
// clang-format off
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
// clang-format on

#include "mge/composite.h"

static void expect(const char *text, const double *want, int n) {
  double a[MGE_LAMINATE_MAX_PLIES];
  int got = -1;
  mge_error err;
  int rc = mge_layup_parse(text, a, MGE_LAMINATE_MAX_PLIES, &got, &err);
  if (rc) print_error("%s: %s\n", text, err.message);
  assert_int_equal(rc, 0);
  assert_int_equal(got, n);
  for (int i = 0; i < n; i++) assert_true(a[i] == want[i]);
}

static void test_notations(void **st) {
  (void)st;
  expect("[0/90]s", (double[]){0, 90, 90, 0}, 4);
  expect("[0/±45/90]s", (double[]){0, 45, -45, 90, 90, -45, 45, 0}, 8);
  expect("[0/+-45/90]s", (double[]){0, 45, -45, 90, 90, -45, 45, 0}, 8);
  expect("[±55]3", (double[]){55, -55, 55, -55, 55, -55}, 6);
  expect("[0_2/90]2s", (double[]){0, 0, 90, 0, 0, 90, 90, 0, 0, 90, 0, 0}, 12);
  expect("[90/+30/-30]s", (double[]){90, 30, -30, -30, 30, 90}, 6);
  expect("[∓45]", (double[]){-45, 45}, 2);
  expect("[-+45]", (double[]){-45, 45}, 2);
  expect("[(0/90)2/45]s", (double[]){0, 90, 0, 90, 45, 45, 90, 0, 90, 0}, 10);
  expect("[0/90]T", (double[]){0, 90}, 2);
  expect("0/90/0", (double[]){0, 90, 0}, 3);
  expect(" [ 0 / 22.5 ] ", (double[]){0, 22.5}, 2);
  expect("[0]", (double[]){0}, 1);
}

/* Errors carry the 1-based character column (a UTF-8 '±' counts one). */
static void expect_err(const char *text, int code, int column) {
  double a[MGE_LAMINATE_MAX_PLIES];
  int n;
  mge_error err;
  mge_error_clear(&err);
  assert_int_equal(mge_layup_parse(text, a, MGE_LAMINATE_MAX_PLIES, &n, &err),
                   code);
  if (err.column != column)
    print_error("%s: column %d, want %d (%s)\n", text, err.column, column,
                err.message);
  assert_int_equal(err.column, column);
}

static void test_errors(void **st) {
  (void)st;
  expect_err("[0/90", MGE_E_INPUT, 6);
  expect_err("[0/x]", MGE_E_INPUT, 4);
  expect_err("[±45/y]s", MGE_E_INPUT, 6);
  expect_err("[0//90]", MGE_E_INPUT, 4);
  expect_err("[0/90]q", MGE_E_INPUT, 7);
  expect_err("[0_0]", MGE_E_INPUT, 4);
  expect_err("[400]", MGE_E_INPUT, 2);
  expect_err("", MGE_E_INPUT, 1);
  expect_err("[0.]", MGE_E_INPUT, 4);
  expect_err("[0/90]99999", MGE_E_LIMIT, 7);
  expect_err("[(0/90)100]s", MGE_E_LIMIT, 12); /* at the mirror */
  expect_err("[((((((((((((((((((0))))))))))))))))))]", MGE_E_LIMIT, 18);
}

static void test_cap(void **st) {
  (void)st;
  double a[4];
  int n;
  assert_int_equal(mge_layup_parse("[0/90]s", a, 4, &n, NULL), 0);
  assert_int_equal(n, 4);
  assert_int_equal(mge_layup_parse("[0/90/45]s", a, 4, &n, NULL), MGE_E_LIMIT);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_notations),
                                     cmocka_unit_test(test_errors),
                                     cmocka_unit_test(test_cap)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
