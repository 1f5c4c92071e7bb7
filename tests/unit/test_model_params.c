/* Model parameter tables (mge_model_param) and the id scheme: every
 * built-in model's table is well formed, the registry refuses a bad one,
 * and a model's eval reads its constants from its table (a changed table
 * changes the result). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/chem.h"
#include "mge/registry.h"

static void test_builtin_tables(void **state) {
  (void)state;
  mge_error err;
  mge_registry *r = mge_registry_builtin(&err);
  assert_non_null(r);
  for (size_t i = 0; i < mge_registry_count(r); i++) {
    const mge_model *m = mge_registry_at(r, i);
    assert_true(m->id > 0 && m->id < MGE_MODEL_ID_RUNTIME_MIN);
    for (int k = 0; k < m->n_param; k++) {
      assert_non_null(m->param[k].name);
      assert_true(isfinite(m->param[k].value));
      assert_ptr_equal(mge_model_param_find(m, m->param[k].name), &m->param[k]);
    }
  }
  const mge_model *ix = mge_registry_find(r, "glass.ionex_default");
  assert_non_null(ix);
  assert_int_equal(ix->id, MGE_MODEL_GLASS_IONEX_DEFAULT);
  const mge_model_param *t = mge_model_param_find(ix, "thickness");
  assert_non_null(t);
  assert_true(t->value == 0.7e-3); /* docs/glass.md: 0.7 mm plate */
  assert_string_equal(t->unit, "m");
  assert_null(mge_model_param_find(ix, "nosuch"));
  const mge_model *fpf = mge_registry_find(r, "composite.fpf");
  assert_non_null(fpf);
  /* Tsai & Hahn 1980: F12* = -0.5 (docs/composites.md) */
  assert_true(mge_model_param_find(fpf, "tsai_wu_F12star")->value == -0.5);
  mge_registry_free(r);
}

static void test_eval_reads_table(void **state) {
  (void)state;
  mge_error err;
  mge_registry *r = mge_registry_builtin(&err);
  const mge_model *ix = mge_registry_find(r, "glass.ionex_default");
  mge_recipe g;
  assert_int_equal(
      mge_recipe_parse("61SiO2-16Al2O3-13Na2O-4MgO-6B2O3 mol%", &g, &err),
      MGE_OK);
  double a[3], b[3];
  assert_int_equal(ix->eval(ix, &g, 1, a, &err), MGE_OK);
  assert_true(isfinite(a[1]) && a[1] > 0);
  /* the same model with a longer time in the bath: a deeper layer */
  mge_model_param p[32];
  assert_true(ix->n_param <= 32);
  memcpy(p, ix->param, (size_t)ix->n_param * sizeof *p);
  for (int k = 0; k < ix->n_param; k++)
    if (!strcmp(p[k].name, "time")) p[k].value *= 4;
  mge_model m2 = *ix;
  m2.param = p;
  assert_int_equal(m2.eval(&m2, &g, 1, b, &err), MGE_OK);
  assert_true(b[1] > 1.5 * a[1]); /* DOL grows about as sqrt(t) */
  mge_registry_free(r);
}

static int nop_eval(const mge_model *m, const void *c, size_t n, double *out,
                    mge_error *err) {
  (void)m, (void)c, (void)n, (void)out, (void)err;
  return 0;
}

static void test_registry_refuses_bad_tables(void **state) {
  (void)state;
  static const mge_output o = {"v", "1", "value"};
  static const mge_model_param badunit[] = {{"a", 1, "furlongs", "x"}};
  static const mge_model_param twice[] = {{"a", 1, "1", "x"},
                                          {"a", 2, "1", "y"}};
  mge_model m = {.id = MGE_MODEL_ID_RUNTIME_MIN + 5,
                 .name = "test.p",
                 .family = MGE_FAMILY_ALLOY,
                 .n_out = 1,
                 .out = &o,
                 .eval = nop_eval};
  mge_registry *r = mge_registry_new();
  mge_error err;
  m.n_param = 1;
  m.param = NULL;
  assert_int_equal(mge_registry_add(r, &m, &err), MGE_E_INPUT);
  m.param = badunit;
  assert_int_equal(mge_registry_add(r, &m, &err), MGE_E_INPUT);
  m.n_param = 2;
  m.param = twice;
  assert_int_equal(mge_registry_add(r, &m, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message, "twice"));
  m.n_param = 1;
  assert_int_equal(mge_registry_add(r, &m, &err), MGE_OK);
  mge_registry_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_builtin_tables),
      cmocka_unit_test(test_eval_reads_table),
      cmocka_unit_test(test_registry_refuses_bad_tables),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
