/* Amounts with a balance (chem), temperatures with units (core) and batch
 * equilibria from a CSV table (thermo): the library face of `mge thermo eq
 * --X/--W/--comp/--batch`. The equilibria are checked against single calls
 * of mge_thermo_equilibrium (the batch must give the same numbers in input
 * order on any number of threads), not against a published value: the
 * single-point results are checked against OpenCalphad in
 * tests/golden/test_thermo_eq.c. */
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

/* |a - b| <= tol, with both values in the message when it fails. */
#define assert_near(a, b, tol)                                     \
  do {                                                             \
    double a_ = (a), b_ = (b);                                     \
    if (!(fabs(a_ - b_) <= (tol)))                                 \
      fail_msg("%s = %.17g, expected %.17g within %g", #a, a_, b_, \
               (double)(tol));                                     \
  } while (0)

#include "mge/chem.h"
#include "mge/thermo.h"
#include "mge/units.h"

static void test_fractions_close(void **state) {
  (void)state;
  double a[3] = {0.25, 0, 0.5}, sum;
  assert_int_equal(mge_fractions_close(a, 3, 1, &sum), 0);
  assert_near(a[1], 0.25, 1e-15);
  assert_near(sum, 0.75, 1e-15);
  double b[2] = {0.7, 0.5};
  assert_int_equal(mge_fractions_close(b, 2, 1, &sum), 0); /* 0.7 <= 1 */
  double c[2] = {1.5, 0};
  assert_int_equal(mge_fractions_close(c, 2, 1, &sum), 1);
  double d[2] = {0.3, 0.6};
  assert_int_equal(mge_fractions_close(d, 2, -1, &sum), 2);
  double e[2] = {0.3, 0.7 + 1e-9};
  assert_int_equal(mge_fractions_close(e, 2, -1, &sum), 0); /* within 1e-6 */
}

static void test_amounts_parse(void **state) {
  (void)state;
  mge_amounts am;
  mge_error err;
  assert_int_equal(mge_amounts_parse("AL=0.3,MG", 0, 12, &am, &err), MGE_OK);
  assert_int_equal(am.n, 2);
  assert_int_equal(am.balance, 1);
  assert_int_equal(am.mass, 0);
  assert_string_equal(am.name[0], "AL");
  assert_near(am.a[1], 0.7, 1e-15);
  assert_int_equal(mge_amounts_parse("AL=0.09,ZN=0.01,MG", 1, 12, &am, &err),
                   MGE_OK);
  assert_int_equal(am.mass, 1);
  assert_near(am.a[2], 0.9, 1e-15);
  assert_int_equal(mge_amounts_parse("AL=0.5,MG=0.5", 0, 12, &am, &err),
                   MGE_OK);
  assert_int_equal(am.balance, -1);
  /* refused, each with a message naming the problem */
  const char *bad[] = {
      "",       "AL=0.3,MG,ZN",  "AL=1.3,MG", "AL=abc,MG", "AL=-0.1,MG",
      "AL=,MG", "AL=0.3,MG=0.6", "=0.3,MG",   "AL=nan,MG", "AL=1,MG"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    mge_error_clear(&err);
    assert_int_equal(mge_amounts_parse(bad[i], 0, 12, &am, &err), MGE_E_INPUT);
    assert_true(err.message[0] != '\0');
  }
  assert_non_null(strstr(
      (mge_amounts_parse("AL=abc,MG", 0, 12, &am, &err), err.message), "abc"));
  /* more names than the maximum */
  assert_int_equal(mge_amounts_parse("A=0.25,B=0.25,C=0.25,D", 0, 3, &am, &err),
                   MGE_E_INPUT);
}

static void test_amounts_from_comp(void **state) {
  (void)state;
  mge_amounts am;
  mge_error err;
  assert_int_equal(mge_amounts_from_comp("Mg-9Al-1Zn", 12, &am, &err), MGE_OK);
  assert_int_equal(am.n, 3);
  assert_int_equal(am.mass, 0);
  double sum = 0;
  for (int i = 0; i < am.n; i++) sum += am.a[i];
  assert_near(sum, 1, 1e-12);
  assert_int_equal(mge_amounts_from_comp("Mg-9Al-1Zn", 2, &am, &err),
                   MGE_E_LIMIT);
  assert_int_equal(mge_amounts_from_comp("Mg-9Qq", 12, &am, &err), MGE_E_INPUT);
}

static void test_quantity_parse_as(void **state) {
  (void)state;
  double v;
  mge_error err;
  assert_int_equal(mge_quantity_parse_as("700", "K", &v, &err), MGE_OK);
  assert_near(v, 700, 1e-12);
  assert_int_equal(mge_quantity_parse_as("427C", "K", &v, &err), MGE_OK);
  assert_near(v, 700.15, 1e-9); /* 0 degC = 273.15 K (SI Brochure) */
  assert_int_equal(mge_quantity_parse_as("427 degC", "K", &v, &err), MGE_OK);
  assert_near(v, 700.15, 1e-9);
  assert_int_equal(mge_quantity_parse_as("20", "degC", &v, &err), MGE_OK);
  assert_near(v, 293.15, 1e-9);
  assert_int_equal(mge_quantity_parse_as("2 GPa", "MPa", &v, &err), MGE_OK);
  assert_near(v, 2e9, 1e-3);
  assert_int_equal(mge_quantity_parse_as("5 MPa", "K", &v, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message, "5 MPa"));
  assert_int_not_equal(mge_quantity_parse_as("abc", "K", &v, &err), MGE_OK);
  assert_near(mge_si_to(700.15, "degC"), 427, 1e-9);
  assert_near(mge_si_to(2e9, "GPa"), 2, 1e-12);
  assert_true(isnan(mge_si_to(1, "nosuchunit")));
}

static const char *write_tmp(const char *name, const char *text) {
  static char path[512];
  snprintf(path, sizeof path, "%s", name); /* in the test's directory */
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

static void test_batch_read(void **state) {
  (void)state;
  mge_thermo_batch b;
  mge_error err;
  const char *p = write_tmp("tb_ok.csv",
                            "T, X(AL) ,X(MG)\r\n700,0.3,0.7\n\n"
                            "800,0.1,0.9\n");
  assert_int_equal(mge_thermo_batch_read(p, NULL, &b, &err), MGE_OK);
  assert_int_equal(b.nrow, 2);
  assert_int_equal(b.cols.n, 2);
  assert_int_equal(b.cols.balance, -1);
  assert_string_equal(b.cols.name[0], "AL");
  assert_near(b.T[1], 800, 0);
  assert_near(b.A[3], 0.9, 0);
  assert_int_equal(b.line[1], 4);
  mge_thermo_batch_free(&b);

  p = write_tmp("tb_bal.csv", "T_K,W(AL),W(ZN)\n700,0.09,0.01\n");
  assert_int_equal(mge_thermo_batch_read(p, "MG", &b, &err), MGE_OK);
  assert_int_equal(b.cols.n, 3);
  assert_int_equal(b.cols.mass, 1);
  assert_int_equal(b.cols.balance, 2);
  assert_near(b.A[2], 0.9, 1e-15);
  mge_thermo_batch_free(&b);

  /* each refusal names the line */
  struct {
    const char *text, *balance;
    int line;
  } bad[] = {
      {"T,X(AL),X(MG)\n700,0.3,0.6\n", NULL, 2},
      {"T,X(AL)\n700,1.3\n", "MG", 2},
      {"T,X(AL),X(MG)\n700,0.3,0.7\n", "MG", 1},
      {"T,X(AL),W(MG)\n700,0.3,0.7\n", NULL, 1},
      {"T,Y(AL),X(MG)\n700,0.3,0.7\n", NULL, 1},
      {"X(AL),X(MG)\n0.3,0.7\n", NULL, 1},
      {"T,X(AL),X(MG)\n700,0.3,0.7\n800,abc,0.7\n", NULL, 3},
      {"T,X(AL),X(MG)\n700,0.3\n", NULL, 2},
      {"T,X(AL),X(MG)\n700,-0.3,1.3\n", NULL, 2},
      {"T,X(AL),X(MG)\n700,inf,0.7\n", NULL, 2},
      {"", NULL, 1},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    p = write_tmp("tb_bad.csv", bad[i].text);
    mge_error_clear(&err);
    assert_int_equal(mge_thermo_batch_read(p, bad[i].balance, &b, &err),
                     MGE_E_INPUT);
    assert_int_equal(err.line, bad[i].line);
    assert_string_equal(err.source, p);
    assert_int_equal(b.nrow, 0);
    assert_null(b.T);
  }
  assert_int_equal(mge_thermo_batch_read("no/such.csv", NULL, &b, &err),
                   MGE_E_INPUT);
}

static void test_eq_batch(void **state) {
  (void)state;
  char path[512];
  snprintf(path, sizeof path, "%s/data/thermo/cost507R.tdb", MGE_SOURCE_DIR);
  mge_tdb *db = NULL;
  mge_error err;
  assert_int_equal(mge_tdb_load(path, &db, &err), MGE_OK);
  const char *p = write_tmp("tb_eq.csv",
                            "T,X(AL),X(MG)\n700,0.3,0.7\n1e7,0.3,0.7\n"
                            "800,0.1,0.9\n650,0.95,0.05\n");
  mge_thermo_batch b;
  assert_int_equal(mge_thermo_batch_read(p, NULL, &b, &err), MGE_OK);
  mge_thermo_system *s = NULL;
  assert_int_equal(
      mge_thermo_system_from_amounts(db, &b.cols, NULL, NULL, &s, &err),
      MGE_OK);
  mge_thermo_conditions c[4];
  assert_int_equal(mge_thermo_batch_conditions(s, &b, 101325, c, &err), MGE_OK);
  for (int threads = 1; threads <= 3; threads++) {
    mge_thermo_result res[4];
    size_t nfail = 99;
    assert_int_equal(
        mge_thermo_eq_batch(s, c, 4, NULL, threads, res, &nfail, &err), MGE_OK);
    assert_int_equal(nfail, 1);
    assert_int_equal(res[1].converged, 0); /* 1e7 K: outside the range */
    assert_true(res[1].reason[0] != '\0');
    assert_near(res[1].T_K, 1e7, 0);
    for (int i = 0; i < 4; i++) {
      if (i == 1) continue;
      mge_thermo_result one;
      assert_int_equal(mge_thermo_equilibrium(s, &c[i], NULL, &one, &err),
                       MGE_OK);
      assert_int_equal(res[i].converged, 1);
      assert_near(res[i].GM, one.GM, 1e-9 * fabs(one.GM));
      assert_int_equal(res[i].nphase, one.nphase);
    }
  }
  /* amounts from text, the same system: X follows the system's order */
  mge_amounts am;
  assert_int_equal(mge_amounts_parse("MG=0.7,AL", 0, 12, &am, &err), MGE_OK);
  double X[MGE_THERMO_MAX_COMP];
  assert_int_equal(mge_thermo_amounts_X(s, &am, NULL, X, &err), MGE_OK);
  assert_near(X[0], c[0].X[0], 1e-15);
  assert_near(X[1], c[0].X[1], 1e-15);
  mge_thermo_system_free(s);
  /* an unknown component or phase is refused by the system */
  assert_int_equal(mge_amounts_parse("AL=0.3,XX", 0, 12, &am, &err), MGE_OK);
  assert_int_not_equal(
      mge_thermo_system_from_amounts(db, &am, NULL, NULL, &s, &err), MGE_OK);
  assert_int_equal(mge_amounts_parse("AL=0.3,MG", 0, 12, &am, &err), MGE_OK);
  assert_int_not_equal(
      mge_thermo_system_from_amounts(db, &am, "NOSUCH", NULL, &s, &err),
      MGE_OK);
  mge_thermo_batch_free(&b);
  mge_tdb_free(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fractions_close),
      cmocka_unit_test(test_amounts_parse),
      cmocka_unit_test(test_amounts_from_comp),
      cmocka_unit_test(test_quantity_parse_as),
      cmocka_unit_test(test_batch_read),
      cmocka_unit_test(test_eq_batch),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
