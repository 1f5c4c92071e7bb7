/* Tests of the SQLite store (src/store): schema and WAL mode, runs, the
 * design sink (each batch committed with its counters), resume from the
 * database after the process is gone, reading runs and kept candidates
 * back, and the failure paths (unwritable path). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>
#include <sqlite3.h>

#include "design_testmodel.h"
#include "mge/store.h"

static const char *const problem =
    "name: store test\nfamily: alloy\n"
    "space: {composition: {basis: wt%, balance: Mg, Al: [0, 12], "
    "Zn: [0, 3], Ca: [0, 2]}}\n"
    "sampler: {kind: sobol, n: 20000, seed: 3}\n"
    "properties: [test.mass, test.spread]\n"
    "objectives: [{minimize: test.mass, scale: 1 g/mol}, "
    "{maximize: test.spread}]\n"
    "keep: {top: 10, sample: 40}\n";

static char dir[64];
static char path[128];

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/mge_store_XXXXXX");
  if (!mkdtemp(dir)) return -1;
  snprintf(path, sizeof path, "%s/t.db", dir);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  char p[160];
  const char *suffix[] = {"", "-wal", "-shm"};
  for (int i = 0; i < 3; i++) {
    snprintf(p, sizeof p, "%s%s", path, suffix[i]);
    unlink(p);
  }
  rmdir(dir);
  return 0;
}

static mge_design_result *run(const mge_problem *p, const mge_design_sink *s,
                              int resume, uint64_t stop_after, int want) {
  mge_design_opts o = {0};
  o.threads = 2;
  o.batch = 1024;
  o.resume = resume;
  o.stop_after = stop_after;
  mge_design_result *r = NULL;
  mge_error err;
  mge_error_clear(&err);
  int rc = mge_design_run(p, &o, s, &r, &err);
  if (rc != want) print_error("%d: %s\n", rc, err.message);
  assert_int_equal(rc, want);
  return r;
}

static void test_open_fail(void **state) {
  (void)state;
  mge_store *s = NULL;
  mge_error err;
  assert_int_equal(mge_store_open("/nonexistent-dir/x/y.db", &s, &err),
                   MGE_E_IO);
  assert_null(s);
  assert_non_null(strstr(err.source, "/nonexistent-dir"));
  mge_store_close(NULL);
}

static void test_run_resume_read(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  mge_problem *p = NULL;
  mge_error err;
  assert_int_equal(mge_problem_parse(problem, strlen(problem), "t.yaml", reg,
                                     NULL, &p, &err),
                   0);
  mge_design_result *full = run(p, NULL, 0, 0, 0);

  mge_store *s = NULL;
  assert_int_equal(mge_store_open(path, &s, &err), 0);
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_prepare_v2(mge_store_sqlite(s),
                                      "PRAGMA journal_mode", -1, &st, NULL),
                   SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
  sqlite3_finalize(st);
  assert_int_equal(
      mge_store_exec(s, "CREATE TABLE IF NOT EXISTS other(x)", &err), 0);
  assert_int_not_equal(mge_store_exec(s, "NOT SQL", &err), 0);

  int64_t id = 0, found = -1;
  assert_int_equal(mge_store_run_create(s, p, &id, &err), 0);
  assert_true(id > 0);
  mge_design_sink sink;
  mge_store_sink(s, id, &sink);
  mge_design_result *r1 = run(p, &sink, 0, 5000, MGE_E_INTERRUPT);
  mge_design_result_free(r1);
  assert_int_equal(mge_store_run_finish(s, id, "interrupted", &err), 0);
  mge_store_close(s); /* the process is gone */

  assert_int_equal(mge_store_open(path, &s, &err), 0);
  assert_int_equal(
      mge_store_run_find_unfinished(s, mge_problem_hash(p), &found, &err), 0);
  assert_int_equal(found, id);
  mge_store_sink(s, id, &sink);
  mge_design_result *r2 = run(p, &sink, 1, 0, 0);
  assert_int_equal(mge_store_run_finish(s, id, "done", &err), 0);
  assert_int_equal(
      mge_store_run_find_unfinished(s, mge_problem_hash(p), &found, &err), 0);
  assert_int_equal(found, 0);

  /* resumed result == uninterrupted result */
  static const unsigned kinds[3] = {MGE_KEEP_FRONT, MGE_KEEP_TOP,
                                    MGE_KEEP_SAMPLE};
  assert_memory_equal(mge_design_result_counts(full),
                      mge_design_result_counts(r2), sizeof(mge_design_counts));
  for (int k = 0; k < 3; k++) {
    size_t n = mge_design_result_count(full, kinds[k]);
    assert_int_equal(n, mge_design_result_count(r2, kinds[k]));
    for (size_t i = 0; i < n; i++)
      assert_int_equal(mge_design_result_get(full, kinds[k], i)->index,
                       mge_design_result_get(r2, kinds[k], i)->index);
  }

  /* read back */
  mge_store_run *runs;
  size_t nr;
  assert_int_equal(mge_store_runs(s, 0, &runs, &nr, &err), 0);
  assert_int_equal(nr, 1);
  assert_string_equal(runs[0].status, "done");
  assert_string_equal(runs[0].problem_hash, mge_problem_hash(p));
  assert_string_equal(runs[0].problem_text, problem);
  assert_string_equal(runs[0].sampler, "sobol");
  assert_string_equal(runs[0].seed, "3");
  assert_int_equal(runs[0].counts.next_index, 20000);
  assert_int_equal(runs[0].counts.feasible,
                   mge_design_result_counts(full)->feasible);
  assert_true(runs[0].ended_at[0] != '\0');
  mge_store_runs_free(runs, nr);
  assert_int_equal(mge_store_runs(s, 99, &runs, &nr, &err), 0);
  assert_int_equal(nr, 0);
  mge_store_runs_free(runs, nr);

  mge_store_table t;
  assert_int_equal(mge_store_load(s, id, &t, &err), 0);
  assert_int_equal(t.ncols, 3 + 1 + 2);
  assert_string_equal(t.cols[0].name, "Al");
  assert_string_equal(t.cols[0].unit, "wt%");
  assert_string_equal(t.cols[3].role, "balance");
  assert_string_equal(t.cols[4].name, "test.mass");
  assert_string_equal(t.cols[4].unit, "kg/mol");
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < mge_design_result_count(full, kinds[k]); i++) {
      const mge_design_entry *e = mge_design_result_get(full, kinds[k], i);
      const mge_store_cand *c = NULL;
      for (size_t j = 0; j < t.n; j++)
        if (t.cands[j].idx == e->index) c = &t.cands[j];
      assert_non_null(c);
      assert_int_equal(c->flags, e->flags);
      for (int v = 0; v < 4; v++) assert_true(c->values[v] == e->x[v]);
      for (int v = 0; v < 2; v++) assert_true(c->values[4 + v] == e->v[v]);
      assert_non_null(strstr(c->label, "Mg-"));
    }
  mge_store_table_free(&t);
  mge_store_close(s);
  mge_design_result_free(full);
  mge_design_result_free(r2);
  mge_problem_free(p);
  mge_registry_free(reg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_open_fail),
      cmocka_unit_test_setup_teardown(test_run_resume_read, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
