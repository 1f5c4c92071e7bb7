/* Tests of units and quantities (src/core/units.c).
 *
 * Conversion factors are exact by definition (SI Brochure, 9th ed. 2019:
 * prefixes, degC = K - 273.15; degF = 5/9 (F + 459.67) K), compared to
 * 1e-12 relative. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/units.h"

#define TOL 1e-12

static void close_to(double got, double want) {
  if (!(fabs(got - want) <= TOL * fmax(1.0, fabs(want)))) {
    print_error("got %.17g, want %.17g\n", got, want);
    fail();
  }
}

/* dims: kg m s K mol USD */
static void check_unit(const char *text, double scale, double offset, int kg,
                       int m, int s, int K, int mol, int usd) {
  mge_unit u;
  mge_error e;
  mge_error_clear(&e);
  int rc = mge_unit_parse(text, &u, &e);
  if (rc) print_error("%s: %s\n", text, e.message);
  assert_int_equal(rc, 0);
  close_to(u.scale, scale);
  close_to(u.offset, offset);
  int want[MGE_DIM_N] = {kg, m, s, K, mol, usd};
  for (int k = 0; k < MGE_DIM_N; k++) {
    if (u.dim[k] != want[k])
      print_error("%s: dim %d = %d\n", text, k, u.dim[k]);
    assert_int_equal(u.dim[k], want[k]);
  }
}

static void test_units_named(void **state) {
  (void)state;
  check_unit("g/cm3", 1000.0, 0, 1, -3, 0, 0, 0, 0);
  check_unit("kg/m3", 1.0, 0, 1, -3, 0, 0, 0, 0);
  check_unit("kg/m^3", 1.0, 0, 1, -3, 0, 0, 0, 0);
  check_unit("kg m^-3", 1.0, 0, 1, -3, 0, 0, 0, 0);
  check_unit("Pa", 1.0, 0, 1, -1, -2, 0, 0, 0);
  check_unit("MPa", 1e6, 0, 1, -1, -2, 0, 0, 0);
  check_unit("GPa", 1e9, 0, 1, -1, -2, 0, 0, 0);
  check_unit("K", 1.0, 0, 0, 0, 0, 1, 0, 0);
  check_unit("degC", 1.0, 273.15, 0, 0, 0, 1, 0, 0);
  check_unit("C", 1.0, 273.15, 0, 0, 0, 1, 0, 0);
  check_unit("degF", 5.0 / 9.0, 459.67 * 5.0 / 9.0, 0, 0, 0, 1, 0, 0);
  check_unit("USD/kg", 1.0, 0, -1, 0, 0, 0, 0, 1);
  check_unit("J/mol", 1.0, 0, 1, 2, -2, 0, -1, 0);
  check_unit("kJ/mol", 1e3, 0, 1, 2, -2, 0, -1, 0);
  check_unit("J/(mol K)", 1.0, 0, 1, 2, -2, -1, -1, 0);
  check_unit("J/mol/K", 1.0, 0, 1, 2, -2, -1, -1, 0);
  check_unit("wt%", 0.01, 0, 0, 0, 0, 0, 0, 0);
  check_unit("at%", 0.01, 0, 0, 0, 0, 0, 0, 0);
  check_unit("%", 0.01, 0, 0, 0, 0, 0, 0, 0);
  check_unit("mm", 1e-3, 0, 0, 1, 0, 0, 0, 0);
  check_unit("m", 1.0, 0, 0, 1, 0, 0, 0, 0);
  check_unit("um", 1e-6, 0, 0, 1, 0, 0, 0, 0);
  check_unit("1", 1.0, 0, 0, 0, 0, 0, 0, 0);
  check_unit("1/K", 1.0, 0, 0, 0, 0, -1, 0, 0);
  check_unit("kg/mol", 1.0, 0, 1, 0, 0, 0, -1, 0);
  check_unit("g/mol", 1e-3, 0, 1, 0, 0, 0, -1, 0);
}

static void check_q(const char *text, double si) {
  double v;
  mge_error e;
  mge_error_clear(&e);
  int rc = mge_quantity_parse(text, &v, NULL, &e);
  if (rc) print_error("%s: %s\n", text, e.message);
  assert_int_equal(rc, 0);
  close_to(v, si);
}

static void test_quantities(void **state) {
  (void)state;
  check_q("1.85 g/cm3", 1850.0);
  check_q("1.85g/cm3", 1850.0);
  check_q("700K", 700.0);
  check_q("427 C", 700.15);
  check_q("427C", 700.15);
  check_q("32 degF", 273.15);
  check_q("212 degF", 373.15);
  check_q("4 USD/kg", 4.0);
  check_q("-15 kJ/mol", -15000.0);
  check_q("250 MPa", 2.5e8);
  check_q("1e3 Pa", 1e3);
  check_q("6.6 %", 0.066);
  check_q("  12 ", 12.0);
  check_q("2.5 mm", 2.5e-3);
}

static void check_bad(const char *text, int col) {
  double v;
  mge_error e;
  mge_error_clear(&e);
  int rc = mge_quantity_parse(text, &v, NULL, &e);
  if (!rc) print_error("'%s' was accepted\n", text);
  assert_int_not_equal(rc, 0);
  assert_true(e.message[0] != '\0');
  if (col) {
    if (e.column != col)
      print_error("%s: column %d: %s\n", text, e.column, e.message);
    assert_int_equal(e.column, col);
  }
}

static void test_bad_input(void **state) {
  (void)state;
  check_bad("", 0);
  check_bad("abc", 1);
  check_bad("nan", 1);
  check_bad("inf K", 1);
  check_bad("1e999 Pa", 1);
  check_bad("5 furlongs", 3);
  check_bad("5 kg/furlong", 6);
  check_bad("5 J/(mol K", 0);
  check_bad("5 m^", 0);
  check_bad("5 m^99", 0);
  check_bad("5 degC/s", 0); /* affine units stand alone */
  check_bad("5 kg)", 0);
  check_bad("5 ((((((m))))))", 0);
  char longu[600];
  memset(longu, 'm', sizeof longu - 1);
  longu[sizeof longu - 1] = '\0';
  check_bad(longu, 0);
  mge_unit u;
  assert_int_not_equal(mge_unit_parse(NULL, &u, NULL), 0);
}

static void test_same_dim_format(void **state) {
  (void)state;
  mge_unit a, b, c;
  assert_int_equal(mge_unit_parse("g/cm3", &a, NULL), 0);
  assert_int_equal(mge_unit_parse("kg/m^3", &b, NULL), 0);
  assert_int_equal(mge_unit_parse("USD/kg", &c, NULL), 0);
  assert_true(mge_unit_same_dim(&a, &b));
  assert_false(mge_unit_same_dim(&a, &c));
  char buf[64];
  assert_string_equal(mge_unit_format_si(&a, buf, sizeof buf), "kg m^-3");
  assert_string_equal(mge_unit_format_si(&c, buf, sizeof buf), "kg^-1 USD");
  mge_unit one;
  assert_int_equal(mge_unit_parse("1", &one, NULL), 0);
  assert_string_equal(mge_unit_format_si(&one, buf, sizeof buf), "1");
  char tiny[4];
  mge_unit_format_si(&a, tiny, sizeof tiny);
  assert_true(strlen(tiny) < sizeof tiny);
}

static void check_as(const char *text, const char *unit, double si) {
  double v;
  mge_error e;
  mge_error_clear(&e);
  int rc = mge_quantity_parse_as(text, unit, &v, &e);
  if (rc) print_error("%s as %s: %s\n", text, unit, e.message);
  assert_int_equal(rc, 0);
  close_to(v, si);
}

static void check_as_bad(const char *text, const char *unit, int col) {
  double v;
  mge_error e;
  mge_error_clear(&e);
  int rc = mge_quantity_parse_as(text, unit, &v, &e);
  if (!rc) print_error("'%s' as %s was accepted\n", text, unit);
  assert_int_equal(rc, MGE_E_INPUT);
  if (e.column != col)
    print_error("%s: column %d: %s\n", text, e.column, e.message);
  assert_int_equal(e.column, col);
}

/* A bare number is in the given unit, a written unit wins (same dimension
 * only); degC = K - 273.15 exactly (SI Brochure). */
static void test_parse_as(void **state) {
  (void)state;
  check_as("600", "degC", 873.15);
  check_as(" 600 ", "C", 873.15);
  check_as("-20", "degC", 253.15);
  check_as("873.15 K", "degC", 873.15);
  check_as("873.15K", "degC", 873.15);
  check_as("32 degF", "degC", 273.15);
  check_as("700", "K", 700.0);
  check_as("600 C", "K", 873.15);
  check_as("120", "kJ/mol", 120e3);
  check_as("120 J/mol", "kJ/mol", 120.0);
  check_as("0.7", "mm", 0.7e-3);
  check_as("0.5", "1", 0.5);
  check_as("0.5 %", "1", 0.005);
  /* the same double as v + 273.15 (the CLI printed and read it so) */
  double v;
  assert_int_equal(mge_quantity_parse_as("1075", "degC", &v, NULL), 0);
  assert_true(v == 1075 + 273.15);
  check_as_bad("600 Pa", "degC", 5);
  check_as_bad("600 kg", "K", 5);
  check_as_bad("600 furlongs", "K", 5);
  check_as_bad("abc", "degC", 1);
  check_as_bad("", "degC", 1);
  check_as_bad("1e999", "degC", 1);
  check_as_bad("1e308", "kJ/mol", 1); /* finite number, infinite in SI */
  assert_int_equal(mge_quantity_parse_as("600", "furlong", &v, NULL),
                   MGE_E_INPUT);
  assert_int_equal(mge_quantity_parse_as(NULL, "K", &v, NULL), MGE_E_INPUT);
  assert_int_equal(mge_quantity_parse_as("1", "K", NULL, NULL), MGE_E_INPUT);
}

static void test_from_si(void **state) {
  (void)state;
  mge_unit c, f, mpa;
  assert_int_equal(mge_unit_parse("degC", &c, NULL), 0);
  assert_int_equal(mge_unit_parse("degF", &f, NULL), 0);
  assert_int_equal(mge_unit_parse("MPa", &mpa, NULL), 0);
  close_to(mge_unit_from_si(&c, 873.15), 600.0);
  close_to(mge_unit_from_si(&f, 373.15), 212.0);
  close_to(mge_unit_from_si(&mpa, 2.5e8), 250.0);
  /* the same double as T - 273.15 */
  assert_true(mge_unit_from_si(&c, 1234.5678) == 1234.5678 - 273.15);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_units_named),
      cmocka_unit_test(test_quantities),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_same_dim_format),
      cmocka_unit_test(test_parse_as),
      cmocka_unit_test(test_from_si),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
