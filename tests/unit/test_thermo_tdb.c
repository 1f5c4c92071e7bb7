/* TDB reader: every shipped database loads, syntax errors name
 * file:line:column, expressions compile to the right piecewise values. */
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
#include "thermo/thermo_internal.h"

static mge_tdb *load(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/data/thermo/%s", MGE_SOURCE_DIR, rel);
  mge_tdb *db = NULL;
  mge_error err;
  mge_error_clear(&err);
  int rc = mge_tdb_load(path, &db, &err);
  if (rc) {
    char buf[1024];
    fprintf(stderr, "%s\n", mge_error_format(&err, buf, sizeof buf));
  }
  assert_int_equal(rc, 0);
  return db;
}

static void test_all_databases_load(void **state) {
  (void)state;
  /* counts checked by hand against the files (grep -c "^ *PHASE") */
  struct {
    const char *f;
    int nph;
  } t[] = {{"cost507R.tdb", 191},
           {"COST507.tdb", 243},
           {"sl_chen.tdb", 3},
           {"AlMgSi_povoden.tdb", 12},
           {"fixtures/alfe.tdb", 9},
           {"fixtures/alzn_mey.tdb", 3},
           {"fixtures/Al-Mg_Zhong.tdb", 6},
           {"fixtures/cumg.tdb", 5}};
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    mge_tdb *db = load(t[i].f);
    assert_int_equal(mge_tdb_n_phases(db), t[i].nph);
    mge_tdb_free(db);
  }
  mge_tdb_free(NULL);
}

static void test_alfe_structure(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alfe.tdb");
  int b2 = mge_tdb_phase_index(db, "B2_BCC");
  assert_true(b2 >= 0);
  assert_int_equal(mge_tdb_phase_nsub(db, b2), 3);
  assert_string_equal(mge_tdb_phase_disordered(db, b2), "BCC_A2");
  int bcc = mge_tdb_phase_index(db, "bcc_a2");
  double afm, p;
  assert_int_equal(mge_tdb_phase_magnetic(db, bcc, &afm, &p), 1);
  assert_true(afm == -1.0 && p == 0.4);
  assert_string_equal(mge_tdb_phase_disordered(db, bcc), "");
  int fcc = mge_tdb_phase_index(db, "FCC_A1");
  assert_int_equal(mge_tdb_phase_magnetic(db, fcc, &afm, &p), 1);
  assert_true(afm == -3.0 && p == 0.28);
  int a13 = mge_tdb_phase_index(db, "AL13FE4");
  assert_int_equal(mge_tdb_phase_ncons(db, a13, 2), 2);
  assert_string_equal(mge_tdb_phase_cons(db, a13, 2, 1), "VA");
  assert_true(fabs(mge_tdb_phase_ratio(db, a13, 0) - 0.6275) < 1e-15);
  mge_tdb_free(db);
}

/* GHSERAL (SGTE unary, Dinsdale 1991, as written in alfe.tdb) evaluated by
 * hand from its three ranges; closed form, tolerance 1e-9 relative. */
static double ghseral(double T) {
  if (T < 700)
    return -7976.15 + 137.093038 * T - 24.3671976 * T * log(T) -
           .001884662 * T * T - 8.77664E-07 * T * T * T + 74092 / T;
  if (T < 933.47)
    return -11276.24 + 223.048446 * T - 38.5844296 * T * log(T) +
           .018531982 * T * T - 5.764227E-06 * T * T * T + 74092 / T;
  return -11278.378 + 188.684153 * T - 31.748192 * T * log(T) -
         1.230524E+28 * pow(T, -9);
}

static void test_piecewise_values(void **state) {
  (void)state;
  mge_tdb *db = load("fixtures/alfe.tdb");
  int f = -1;
  for (int i = 0; i < db->nfn; i++)
    if (!strcmp(db->fn[i].name, "GALLIQ")) f = i;
  assert_true(f >= 0);
  double Ts[] = {300, 650, 800, 933.46, 933.48, 1500, 2800};
  for (size_t i = 0; i < sizeof Ts / sizeof Ts[0]; i++) {
    double T = Ts[i], v, dv, d2v;
    tm_pw_eval(&db->fn[f].pw, T, 101325, &v, &dv, &d2v);
    double want =
        T < 933.47
            ? 11005.029 - 11.841867 * T + 7.934E-20 * pow(T, 7) + ghseral(T)
            : 10482.382 - 11.253974 * T + 1.231E+28 * pow(T, -9) + ghseral(T);
    assert_true(fabs(v - want) <= 1e-9 * fabs(want));
    /* derivative against a central difference */
    double h = 1e-3, vp, vm;
    tm_pw_eval(&db->fn[f].pw, T + h, 101325, &vp, NULL, NULL);
    tm_pw_eval(&db->fn[f].pw, T - h, 101325, &vm, NULL, NULL);
    assert_true(fabs(dv - (vp - vm) / (2 * h)) < 1e-5 * (1 + fabs(dv)));
    assert_true(fabs(d2v - (vp - 2 * v + vm) / (h * h)) < 1e-2);
  }
  mge_tdb_free(db);
}

static void expect_error(const char *text, int line, int col,
                         const char *needle) {
  mge_tdb *db = (mge_tdb *)1;
  mge_error err;
  mge_error_clear(&err);
  int rc = mge_tdb_parse(text, strlen(text), "t.tdb", &db, &err);
  assert_int_equal(rc, MGE_E_INPUT);
  assert_null(db);
  if (err.line != line || err.column != col || !strstr(err.message, needle))
    fprintf(stderr, "got %d:%d %s\n", err.line, err.column, err.message);
  assert_int_equal(err.line, line);
  assert_int_equal(err.column, col);
  assert_non_null(strstr(err.message, needle));
  assert_string_equal(err.source, "t.tdb");
}

static void test_errors(void **state) {
  (void)state;
  expect_error("ELEMENT AL FCC 27 0 0 !\nFUNCTION F 298 1+*T; 6000 N !\n", 2,
               18, "unexpected character '*'");
  expect_error("ELEMENT AL FCC 27 0 0 !\nFUNCTION F 298 1+(T; 6000 N !\n", 2,
               20, "expected ')'");
  expect_error("ELEMENT AL FCC 27 0 0 !\n PHASE X % 1 1 !\n CONST X :AL,ZZ: !",
               3, 14, "unknown species 'ZZ'");
  expect_error("ELEMENT AL FCC 27 0 0 !\nBOGUS_COMMAND 1 !\n", 2, 1,
               "unknown command");
  expect_error("ELEMENT AL FCC 27 0 0 !\nFUNCTION F 298 1; 6000 N", 2, 1,
               "not terminated");
  expect_error("ELEMENT AL FCC 27 0 0 !\nFUNCTION F 298 EXP(T); 6000 N !", 2,
               16, "EXP");
  expect_error("ELEMENT AL FCC 27 0 0 !\nFUNCTION F 298 T**(0.5); 6000 N !", 2,
               19, "integer");
  expect_error("ELEMENT AL FCC 27 0 0 !\nFUNCTION F 298 F#; 6000 N !", 2, 16,
               "refers to itself");
  expect_error("ELEMENT AL FCC 27 0 0 !\n PHASE X % 2 1 !\n", 2, 15,
               "site ratio");
}

/* unresolved names do not stop loading but are reported with their place */
static void test_unresolved(void **state) {
  (void)state;
  const char *t =
      "ELEMENT AL FCC 27 0 0 !\n PHASE X % 1 1 !\n CONST X :AL: !\n"
      "PARAM G(X,AL;0) 298.15 1+NOPE#; 6000 N !\n";
  mge_tdb *db = NULL;
  mge_error err;
  mge_error_clear(&err);
  assert_int_equal(mge_tdb_parse(t, strlen(t), "u.tdb", &db, &err), 0);
  assert_int_equal(mge_tdb_n_unresolved(db), 1);
  assert_non_null(strstr(mge_tdb_unresolved(db, 0), "u.tdb:4:26"));
  mge_tdb_free(db);
}

static void test_abbreviations(void **state) {
  (void)state;
  const char *t =
      "ELEM AL FCC 27 0 0 !\nELEM ZN HCP 65 0 0 !\nFUNCT GA 298.15 "
      "-10+2*T;700 Y -20+3*T**2; 6000 N !\nTYPE-DEF % SEQ * !\n"
      "PHAS X % 2 1 1 !\nCONST X :AL,ZN: AL: !\n"
      "PARAM G(X,AL:AL;0) 298.15 GA#*(1+T) - 3/T; 6000 N !\n";
  mge_tdb *db = NULL;
  mge_error err;
  mge_error_clear(&err);
  assert_int_equal(mge_tdb_parse(t, strlen(t), "a.tdb", &db, &err), 0);
  double v;
  tm_pw_eval(&db->par[0].pw, 500, 1e5, &v, NULL, NULL);
  assert_true(fabs(v - ((-10 + 2 * 500.0) * 501 - 3 / 500.0)) < 1e-9);
  tm_pw_eval(&db->par[0].pw, 800, 1e5, &v, NULL, NULL);
  assert_true(fabs(v - ((-20 + 3 * 800.0 * 800) * 801 - 3 / 800.0)) < 1e-6);
  mge_tdb_free(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_all_databases_load),
      cmocka_unit_test(test_alfe_structure),
      cmocka_unit_test(test_piecewise_values),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_unresolved),
      cmocka_unit_test(test_abbreviations),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
