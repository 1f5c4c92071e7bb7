/* The thermo: section of design problems: models land in the registry (and
 * are owned by it, with their database, also when the parse fails later),
 * the read-only loader refuses the section, the batch hint, a run on two
 * threads, and the suspend option of the thermo models. */
// clang-format off
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
// clang-format on

#include "mge/design.h"
#include "mge/thermo.h"

static const char *const good =
    "family: alloy\n"
    "space:\n"
    "  composition: {basis: wt%, balance: Al, Si: [6, 8], Mg: [0.2, 0.4]}\n"
    "thermo: {database: cost507R.tdb, T_max: 1000 K}\n"
    "sampler: {kind: sobol, n: 4, seed: 2}\n"
    "properties: [thermo.liquidus, thermo.solidification.solidus]\n"
    "objectives: [{minimize: thermo.liquidus}]\n";

static void test_parse_ex_adds_models(void **state) {
  (void)state;
  mge_error err;
  mge_registry *reg = mge_registry_builtin(&err);
  assert_non_null(reg);
  size_t n0 = mge_registry_count(reg);
  mge_problem *p = NULL;
  /* the read-only loader refuses the section, at its key */
  assert_int_equal(
      mge_problem_parse(good, strlen(good), "t.yaml", reg, NULL, &p, &err),
      MGE_E_INPUT);
  assert_null(p);
  assert_int_equal(err.line, 4);
  assert_int_equal(err.column, 1);
  assert_int_equal(mge_registry_count(reg), n0);
  assert_int_equal(
      mge_problem_parse_ex(good, strlen(good), "t.yaml", reg, NULL, &p, &err),
      0);
  assert_int_equal(mge_registry_count(reg), n0 + 5); /* no phase_amount */
  const mge_model *m = mge_registry_find(reg, "thermo.freezing_range");
  assert_non_null(m);
  assert_int_equal(m->id, 4003);
  assert_null(mge_registry_find(reg, "thermo.phase_amount"));
  assert_int_equal(mge_problem_n_models(p), 2);
  assert_int_equal((int)mge_problem_batch_hint(p), 16);
  /* a run on two threads: every candidate defined, liquidus above solidus
   * (A356 on COST 507: 888.93 / 842.19 K, docs/thermo.md) */
  mge_design_opts o = {0};
  o.threads = 2;
  o.batch = 1;
  mge_design_result *r = NULL;
  assert_int_equal(mge_design_run(p, &o, NULL, &r, &err), 0);
  const mge_design_counts *c = mge_design_result_counts(r);
  assert_int_equal((int)c->feasible, 4);
  size_t nt = mge_design_result_count(r, MGE_KEEP_TOP);
  assert_int_equal((int)nt, 4);
  for (size_t i = 0; i < nt; i++) {
    const mge_design_entry *e = mge_design_result_get(r, MGE_KEEP_TOP, i);
    assert_true(e->v[0] > 860 && e->v[0] < 900);
    assert_true(e->v[1] > 820 && e->v[1] < e->v[0]);
  }
  mge_design_result_free(r);
  /* a second thermo problem in the same registry: names taken */
  mge_problem *q = NULL;
  assert_int_equal(
      mge_problem_parse_ex(good, strlen(good), "t.yaml", reg, NULL, &q, &err),
      MGE_E_INPUT);
  assert_non_null(strstr(err.message, "one problem with a thermo section"));
  mge_problem_free(p);
  mge_registry_free(reg); /* frees the models and the database */
}

static void test_failure_after_models_added(void **state) {
  (void)state;
  char text[1024];
  snprintf(text, sizeof text, "%s%s", good,
           "constraints: [thermo.liquidus < 5 kg]\n");
  mge_error err;
  mge_registry *reg = mge_registry_builtin(&err);
  mge_problem *p = NULL;
  assert_int_equal(
      mge_problem_parse_ex(text, strlen(text), "t.yaml", reg, NULL, &p, &err),
      MGE_E_INPUT);
  assert_null(p);
  assert_int_equal(err.line, 8);
  assert_non_null(mge_registry_find(reg, "thermo.liquidus"));
  mge_registry_free(reg);
  /* non-thermo problems: no batch preference */
  assert_int_equal((int)mge_problem_batch_hint(NULL), 0);
}

static mge_tdb *load(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/data/thermo/%s", MGE_SOURCE_DIR, rel);
  mge_tdb *db = NULL;
  mge_error err;
  assert_int_equal(mge_tdb_load(path, &db, &err), 0);
  return db;
}

/* Suspended phases in the design models (COST507.tdb, whose GAS phase uses
 * the built-in RTLNP): suspending a phase that is not stable changes
 * nothing, suspending the primary phase changes the liquidus, unknown
 * suspended phases are refused. Al-5 at% Mg liquidus bounds: pure Al melts
 * at 933.47 K (SGTE unary data, Dinsdale, CALPHAD 15 (1991) 317), the
 * Al-rich eutectic is at 723 K (issue 4 section 5). */
static void test_model_suspend(void **state) {
  (void)state;
  mge_tdb *db = load("COST507.tdb");
  mge_thermo_model_opts o;
  mge_thermo_model_opts_default(&o);
  o.T_hi_K = 1000;
  o.T_lo_K = 600;
  mge_comp c;
  memset(&c, 0, sizeof c);
  c.n = 2;
  c.Z[0] = 13;
  c.x[0] = 0.95;
  c.Z[1] = 12;
  c.x[1] = 0.05;
  c.natoms = 1;
  mge_model *m = NULL;
  mge_error err;
  double v = 0, v0 = 0;
  assert_int_equal(mge_thermo_model_liquidus_new(db, NULL, 0, &o, &m, &err), 0);
  assert_int_equal(m->eval(m, &c, 1, &v0, &err), 0);
  /* Al-5at%Mg: liquidus between pure Al (933.47 K) and the eutectic */
  assert_true(v0 > 880 && v0 < 933.47);
  mge_thermo_model_free(m);
  /* GAS is not stable below 1000 K: suspending it changes nothing */
  const char *susp[1] = {"GAS"};
  o.suspend = susp;
  o.nsusp = 1;
  assert_int_equal(mge_thermo_model_liquidus_new(db, NULL, 0, &o, &m, &err), 0);
  susp[0] = "NOPE"; /* the model keeps its own copy */
  assert_int_equal(m->eval(m, &c, 1, &v, &err), 0);
  assert_true(fabs(v - v0) < 1e-6);
  mge_thermo_model_free(m);
  /* without FCC_A1 the primary phase is gone: another liquidus, or none */
  susp[0] = "FCC_A1";
  assert_int_equal(mge_thermo_model_liquidus_new(db, NULL, 0, &o, &m, &err), 0);
  assert_int_equal(m->eval(m, &c, 1, &v, &err), 0);
  assert_false(fabs(v - v0) < 1);
  mge_thermo_model_free(m);
  susp[0] = "NOPE";
  m = NULL;
  assert_int_equal(mge_thermo_model_liquidus_new(db, NULL, 0, &o, &m, &err),
                   MGE_E_INPUT);
  assert_null(m);
  mge_tdb_free(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_ex_adds_models),
      cmocka_unit_test(test_failure_after_models_added),
      cmocka_unit_test(test_model_suspend),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
