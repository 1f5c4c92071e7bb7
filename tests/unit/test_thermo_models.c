/* Design-engine models: outputs agree with the step calculation they wrap,
 * candidates outside the database give NaN, options are validated. */
// clang-format off
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
// clang-format on

#include "mge/chem.h"
#include "mge/thermo.h"

static mge_tdb *load(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/data/thermo/%s", MGE_SOURCE_DIR, rel);
  mge_tdb *db = NULL;
  mge_error err;
  assert_int_equal(mge_tdb_load(path, &db, &err), 0);
  return db;
}

static mge_comp almg(double xmg) {
  mge_comp c;
  memset(&c, 0, sizeof c);
  c.n = 2;
  c.Z[0] = 13;
  c.x[0] = 1 - xmg;
  c.Z[1] = 12;
  c.x[1] = xmg;
  c.natoms = 1;
  return c;
}

static void test_solidification_models(void **state) {
  (void)state;
  mge_tdb *db = load("cost507R.tdb");
  mge_thermo_model_opts o;
  mge_thermo_model_opts_default(&o);
  o.T_hi_K = 1000;
  o.T_lo_K = 600;
  mge_model *m = NULL;
  mge_error err;
  assert_int_equal(
      mge_thermo_model_solidification_new(db, NULL, 0, &o, &m, &err), 0);
  assert_int_equal(m->n_out, 3);
  assert_int_equal(m->family, MGE_FAMILY_ALLOY);
  mge_comp c[3];
  c[0] = almg(0.05);
  c[1] = almg(0.30);
  c[2] = almg(0.05);
  c[2].Z[1] = 79; /* gold is not in COST 507 */
  double out[9];
  assert_int_equal(m->eval(m, c, 3, out, &err), 0);
  /* against the library step on the same system (identical algorithm, so
   * tolerance 0.02 K: two bisections of 0.01 K) */
  const char *el[2] = {"AL", "MG"};
  mge_thermo_system *s = NULL;
  assert_int_equal(mge_thermo_system_new(db, el, 2, NULL, 0, NULL, 0, &s, &err),
                   0);
  int mg = strcmp(mge_thermo_system_comp(s, 0), "MG") ? 1 : 0;
  for (int i = 0; i < 2; i++) {
    double X[2];
    X[mg] = c[i].x[1];
    X[1 - mg] = c[i].x[0];
    mge_thermo_step *st = NULL;
    assert_int_equal(
        mge_thermo_step_T(s, X, 101325, 1000, 600, 5, 0.01, NULL, &st, &err),
        0);
    assert_true(fabs(out[3 * i] - st->liquidus_K) < 0.02);
    assert_true(fabs(out[3 * i + 1] - st->solidus_K) < 0.02);
    assert_true(fabs(out[3 * i + 2] - (out[3 * i] - out[3 * i + 1])) < 1e-9);
    mge_thermo_step_free(st);
  }
  /* X(MG) 0.30 solidifies at the Al-Mg eutectic (723.25 K, issue 4) */
  assert_true(fabs(out[4] - 723.25) < 0.5);
  assert_true(isnan(out[6]) && isnan(out[7]) && isnan(out[8]));
  mge_thermo_system_free(s);
  mge_thermo_model_free(m);
  mge_thermo_model_free(NULL);
  mge_tdb_free(db);
}

static void test_phase_amount_and_scheil(void **state) {
  (void)state;
  mge_tdb *db = load("cost507R.tdb");
  mge_thermo_model_opts o;
  mge_thermo_model_opts_default(&o);
  mge_model *m = NULL;
  mge_error err;
  /* needs a phase and T */
  assert_int_equal(mge_thermo_model_phase_amount_new(db, NULL, 0, &o, &m, &err),
                   MGE_E_INPUT);
  o.phase = "NOT_A_PHASE";
  o.T_K = 600;
  assert_int_equal(mge_thermo_model_phase_amount_new(db, NULL, 0, &o, &m, &err),
                   MGE_E_INPUT);
  o.phase = "FCC_A1";
  assert_int_equal(mge_thermo_model_phase_amount_new(db, NULL, 0, &o, &m, &err),
                   0);
  mge_comp c[2] = {almg(0.02), almg(0.30)};
  double out[2];
  assert_int_equal(m->eval(m, c, 2, out, &err), 0);
  /* Al-2at%Mg at 600 K lies inside the (Al) solid solution field */
  assert_true(fabs(out[0] - 1) < 1e-9);
  assert_true(out[1] > 0 && out[1] < 1);
  mge_thermo_model_free(m);
  o.T_hi_K = 1000;
  assert_int_equal(
      mge_thermo_model_scheil_solidus_new(db, NULL, 0, &o, &m, &err), 0);
  assert_int_equal(m->eval(m, c + 1, 1, out, &err), 0);
  /* Al-30Mg: Scheil ends at the eutectic, 723.25 K, within the 1 K step */
  assert_true(fabs(out[0] - 723.25) < 1.0);
  mge_thermo_model_free(m);
  mge_tdb_free(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_solidification_models),
      cmocka_unit_test(test_phase_amount_and_scheil),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
