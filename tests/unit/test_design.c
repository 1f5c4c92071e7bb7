/* Tests of the design engine (src/design): problem loading and its errors,
 * samplers (bounds, determinism, Sobol reference points, LHS strata), and
 * the runner (independence of threads and batches, top-k and Pareto front
 * against brute force, exact resume through a sink). */
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

#include "design_testmodel.h"
#include "mge/design.h"

static const char *const base_problem =
    "name: test problem\n"
    "family: alloy\n"
    "space:\n"
    "  composition:\n"
    "    basis: wt%%\n"
    "    balance: Mg\n"
    "    Al: [0, 12, 0.5]\n"
    "    Zn: [0, 3, 0.25]\n"
    "    Ca: [1, 2, 0.25]\n"
    "sampler: {kind: %s, n: %d, seed: 7}\n"
    "properties: [test.mass, test.spread]\n"
    "constraints:\n"
    "  - test.mass < 26 g/mol\n"
    "objectives:\n"
    "  - minimize: test.mass\n"
    "    scale: 1 g/mol\n"
    "  - maximize: test.spread\n"
    "keep: {top: 15, pareto: true, sample: 50}\n";

static mge_problem *load(const mge_registry *reg, const char *text, int force,
                         mge_error *err) {
  mge_problem *p = NULL;
  mge_problem_opts o = {force};
  mge_error_clear(err);
  int rc = mge_problem_parse(text, strlen(text), "t.yaml", reg, &o, &p, err);
  if (rc) return NULL;
  return p;
}

static mge_problem *load_kind(const mge_registry *reg, const char *kind,
                              int n) {
  char buf[2048];
  snprintf(buf, sizeof buf, base_problem, kind, n);
  mge_error err;
  mge_problem *p = load(reg, buf, 0, &err);
  if (!p) print_error("%s\n", err.message);
  assert_non_null(p);
  return p;
}

static void test_load_ok(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  mge_problem *p = load_kind(reg, "sobol", 1000);
  assert_string_equal(mge_problem_name(p), "test problem");
  assert_int_equal(mge_problem_n_vars(p), 3);
  assert_int_equal(mge_problem_basis(p), MGE_BASIS_MASS);
  assert_string_equal(mge_problem_balance_symbol(p), "Mg");
  assert_int_equal(mge_problem_n_props(p), 2);
  assert_int_equal(mge_problem_n_constraints(p), 1);
  /* 26 g/mol in the property's unit kg/mol (exact up to rounding) */
  assert_true(fabs(mge_problem_constraint(p, 0)->value - 0.026) < 1e-15);
  assert_int_equal(mge_problem_objective(p, 1)->sense, -1);
  assert_true(fabs(mge_problem_objective(p, 0)->scale - 1e-3) < 1e-18);
  assert_int_equal(mge_problem_keep_top(p), 15);
  assert_int_equal(mge_problem_size(p), 1000);
  assert_int_equal(strlen(mge_problem_hash(p)), 16);
  mge_problem_free(p);
  /* grid: (24+1)(12+1)(4+1) points */
  p = load(reg,
           "family: alloy\nspace: {composition: {basis: at%, balance: Ni, "
           "Al: [0, 12, 0.5], Zn: [0, 3, 0.25], Ca: [1, 2, 0.25]}}\n"
           "sampler: {kind: grid}\nobjectives: [{minimize: test.mass}]\n",
           0, &(mge_error){0});
  assert_non_null(p);
  assert_int_equal(mge_problem_size(p), 25 * 13 * 5);
  assert_int_equal(mge_problem_basis(p), MGE_BASIS_MOLE);
  mge_problem_free(p);
  mge_problem_free(NULL);
  mge_registry_free(reg);
}

typedef struct bad_case {
  const char *text;
  int line, col;
  const char *msg;
} bad_case;

#define HEAD "family: alloy\n"
#define SPACE                                                             \
  "space:\n  composition:\n    basis: wt%\n    balance: Mg\n    Al: [0, " \
  "10, 0.5]\n"
#define SAMP "sampler: {kind: random, n: 100}\n"
#define OBJ "objectives: [{minimize: test.mass}]\n"

static const bad_case bad_cases[] = {
    {HEAD SPACE SAMP OBJ "colour: red\n", 9, 1, "unknown key 'colour'"},
    {HEAD SPACE SAMP "properties: [test.mas]\n" OBJ, 8, 14,
     "unknown property 'test.mas' (did you mean test.mass?)"},
    {HEAD
     "space:\n  composition:\n    basis: wt%\n    balance: Mg\n    Al: [5, "
     "2]\n" SAMP OBJ,
     6, 13, "bad range: min 5 > max 2"},
    {HEAD
     "space:\n  composition:\n    basis: wt%\n    balance: Mg\n    Al: [0, "
     "1, 0.3]\n" SAMP OBJ,
     6, 16, "step 0.3 does not divide"},
    {HEAD
     "space:\n  composition:\n    basis: wt%\n    balance: Mg\n    Al: [60, "
     "70]\n    Zn: [50, 60]\n" SAMP OBJ,
     3, 3, "unsatisfiable"},
    {HEAD SPACE SAMP "constraints: [test.mass < 4 USD/kg]\n" OBJ, 8, 27,
     "unit mismatch"},
    {HEAD SPACE SAMP "constraints: [test.mass < 4]\n" OBJ, 8, 27,
     "needs a unit"},
    {HEAD SPACE SAMP "constraints: ['test.mass ~ 4']\n" OBJ, 8, 26,
     "expected <, <=, >, >= or =="},
    {HEAD SPACE SAMP OBJ "keep: {top: -1}\n", 9, 13, "whole number"},
    {HEAD SPACE "sampler: {kind: magic, n: 5}\n" OBJ, 7, 17,
     "sampler kind 'magic' unknown"},
    {HEAD SPACE "sampler: {kind: sobol}\n" OBJ, 7, 1, "n missing"},
    {HEAD SPACE "sampler: {kind: grid, n: 5}\n" OBJ, 7, 26, "a grid has no n"},
    {HEAD
     "space:\n  composition:\n    basis: wt%\n    balance: Mg\n    Xx: [0, "
     "1]\n" SAMP OBJ,
     6, 5, "unknown key 'Xx' in composition"},
    {HEAD
     "space:\n  composition:\n    basis: wt%\n    balance: Mg\n    Al: [-1, "
     "1]\n" SAMP OBJ,
     6, 10, "min -1 % is negative"},
    {HEAD
     "space:\n  composition:\n    basis: wt%\n    balance: Mg\n    Al: [0, "
     "101]\n" SAMP OBJ,
     6, 13, "exceeds 100"},
    {HEAD "space:\n  composition:\n    basis: wt%\n    Al: [0, 1]\n" SAMP OBJ,
     3, 3, "balance missing"},
    {HEAD SPACE SAMP "objectives: []\n", 8, 1, "the list is empty"},
    {HEAD SPACE SAMP, 1, 1, "objectives missing"},
    {"family: polymer\n" SPACE SAMP OBJ, 1, 9, "not supported"},
    {HEAD SPACE "sampler: {kind: random, n: 100\n" OBJ, 9, 0, "YAML"},
    {HEAD SPACE SAMP OBJ "name: &a x\nx: *a\n", 10, 0,
     "aliases are not supported"},
    {HEAD SPACE SAMP "objectives: [{minimize: test.mass, weight: nan}]\n", 8,
     44, "not a"},
    {"- just\n- a list\n", 1, 1, "a problem file is a YAML mapping"},
    {HEAD
     "space:\n  composition:\n    basis: wt%\n    balance: Mg\n    Al: [0, "
     "10]\n"
     "sampler: {kind: grid}\n" OBJ,
     7, 1, "needs a step"},
};

static void test_load_errors(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  int fails = 0;
  for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
    const bad_case *b = &bad_cases[i];
    mge_error err;
    mge_problem *p = load(reg, b->text, 0, &err);
    if (p) print_error("case %zu accepted:\n%s\n", i, b->text);
    assert_null(p);
    int ok = err.code == MGE_E_INPUT && strstr(err.message, b->msg) &&
             strcmp(err.source, "t.yaml") == 0 && err.line == b->line &&
             (b->col == 0 || err.column == b->col);
    if (!ok)
      print_error(
          "case %zu: got %s:%d:%d: %s (code %d)\nwant line %d col %d "
          "'%s'\n",
          i, err.source, err.line, err.column, err.message, err.code, b->line,
          b->col, b->msg);
    fails += !ok;
  }
  assert_int_equal(fails, 0);
  mge_registry_free(reg);
}

static void test_grid_limit(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  const char *big =
      "family: alloy\nspace: {composition: {basis: wt%, balance: Mg,\n"
      "  Al: [0, 10, 0.01], Zn: [0, 10, 0.01], Ca: [0, 1, 0.01]}}\n"
      "sampler: {kind: grid}\nobjectives: [{minimize: test.mass}]\n";
  mge_error err;
  mge_problem *p = load(reg, big, 0, &err);
  assert_null(p);
  assert_int_equal(err.code, MGE_E_LIMIT);
  assert_non_null(strstr(err.message, "--force"));
  assert_int_equal(err.line, 4);
  p = load(reg, big, 1, &err);
  assert_non_null(p);
  assert_int_equal(mge_problem_size(p), 1001ULL * 1001 * 101);
  mge_problem_free(p);
  mge_registry_free(reg);
}

/* Sobol points 0..9 in 3 dimensions for new-joe-kuo-6.21201, as printed by
 * Joe & Kuo's generator (listed in the self-test of a public port,
 * sobol_point_gen.py); exact binary fractions. */
static void test_sobol_reference(void **state) {
  (void)state;
  static const double want[10][3] = {{0, 0, 0},
                                     {0.5, 0.5, 0.5},
                                     {0.75, 0.25, 0.25},
                                     {0.25, 0.75, 0.75},
                                     {0.375, 0.375, 0.625},
                                     {0.875, 0.875, 0.125},
                                     {0.625, 0.125, 0.875},
                                     {0.125, 0.625, 0.375},
                                     {0.1875, 0.3125, 0.9375},
                                     {0.6875, 0.8125, 0.4375}};
  for (int i = 0; i < 10; i++)
    for (int d = 0; d < 3; d++)
      assert_true((double)mge_sobol_raw((uint64_t)i, d) * 0x1.0p-32 ==
                  want[i][d]);
  /* each dimension of the first 2^k points is a permutation of the dyadic
   * grid: stratification property of a (t, s) sequence in one dimension */
  for (int d = 0; d < 31; d++) {
    unsigned char seen[1024] = {0};
    for (uint64_t i = 0; i < 1024; i++) {
      uint32_t x = mge_sobol_raw(i, d) >> 22;
      assert_int_equal(seen[x], 0);
      seen[x] = 1;
    }
  }
}

static void test_sampler_bounds(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  static const char *const kinds[] = {"random", "sobol", "lhs", "grid"};
  const char *tmpl =
      "family: alloy\nspace: {composition: {basis: at%%, balance: Ni,\n"
      "  Co: [5, 35, 5], Cr: [5, 35, 5], Fe: [5, 35, 5], Al: [0, 15, 5]}}\n"
      "sampler: {kind: %s%s}\nobjectives: [{minimize: test.mass}]\n";
  for (int k = 0; k < 4; k++) {
    char buf[1024];
    snprintf(buf, sizeof buf, tmpl, kinds[k],
             k < 3 ? ", n: 5000, seed: 3" : "");
    mge_error err;
    mge_problem *p = load(reg, buf, 0, &err);
    if (!p) print_error("%s\n", err.message);
    assert_non_null(p);
    uint64_t rejected = 0;
    for (uint64_t i = 0; i < mge_problem_size(p); i++) {
      double x[MGE_DESIGN_MAX_VARS], bal, sum = 0;
      int in = mge_problem_sample(p, i, x, &bal);
      for (int j = 0; j < mge_problem_n_vars(p); j++) {
        assert_true(x[j] >= mge_problem_var(p, j)->lo &&
                    x[j] <= mge_problem_var(p, j)->hi);
        sum += x[j];
      }
      if (in) {
        assert_true(bal >= 0.0);
        mge_comp c;
        assert_int_equal(mge_problem_decode(p, x, &c, &err), 0);
      } else {
        assert_true(sum > 100.0);
        rejected++;
      }
      double x2[MGE_DESIGN_MAX_VARS], bal2;
      mge_problem_sample(p, i, x2, &bal2); /* pure function of the index */
      assert_memory_equal(x, x2,
                          sizeof(double) * (size_t)mge_problem_n_vars(p));
    }
    if (mge_problem_sampler(p) == MGE_SAMPLER_GRID) {
      /* every grid point is distinct and on the step lattice */
      assert_int_equal(mge_problem_size(p), 7 * 7 * 7 * 4);
      static double seen[7 * 7 * 7 * 4][4];
      for (uint64_t i = 0; i < mge_problem_size(p); i++) {
        double bal;
        mge_problem_sample(p, i, seen[i], &bal);
        for (int j = 0; j < 4; j++) {
          double q = (seen[i][j] - mge_problem_var(p, j)->lo) /
                     mge_problem_var(p, j)->step;
          assert_true(fabs(q - floor(q + 0.5)) < 1e-9);
        }
        for (uint64_t h = 0; h < i; h++)
          assert_true(memcmp(seen[h], seen[i], sizeof seen[i]) != 0);
      }
    }
    /* max sum is 120 %, so some points fall outside, most do not */
    assert_true(rejected > 0 && rejected < mge_problem_size(p) / 2);
    mge_problem_free(p);
  }
  mge_registry_free(reg);
}

static void test_lhs_strata(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  const char *t =
      "family: alloy\nspace: {composition: {basis: wt%, balance: Mg,\n"
      "  Al: [0, 10], Zn: [0, 10]}}\n"
      "sampler: {kind: lhs, n: 997, seed: 5}\n"
      "objectives: [{minimize: test.mass}]\n";
  mge_error err;
  mge_problem *p = load(reg, t, 0, &err);
  assert_non_null(p);
  for (int j = 0; j < 2; j++) {
    unsigned char seen[997] = {0};
    for (uint64_t i = 0; i < 997; i++) {
      double x[2], bal;
      mge_problem_sample(p, i, x, &bal);
      int s = (int)floor(x[j] / 10.0 * 997);
      assert_true(s >= 0 && s < 997);
      assert_int_equal(seen[s], 0);
      seen[s] = 1;
    }
  }
  mge_problem_free(p);
  mge_registry_free(reg);
}

/* ------------------------------------------------------------ runner */

static void same_results(const mge_design_result *a, const mge_design_result *b,
                         const mge_problem *p) {
  const mge_design_counts *ca = mge_design_result_counts(a),
                          *cb = mge_design_result_counts(b);
  assert_memory_equal(ca, cb, sizeof *ca);
  static const unsigned kinds[3] = {MGE_KEEP_FRONT, MGE_KEEP_TOP,
                                    MGE_KEEP_SAMPLE};
  for (int k = 0; k < 3; k++) {
    size_t n = mge_design_result_count(a, kinds[k]);
    assert_int_equal(n, mge_design_result_count(b, kinds[k]));
    for (size_t i = 0; i < n; i++) {
      const mge_design_entry *x = mge_design_result_get(a, kinds[k], i);
      const mge_design_entry *y = mge_design_result_get(b, kinds[k], i);
      assert_int_equal(x->index, y->index);
      assert_int_equal(x->flags, y->flags);
      assert_memory_equal(x->x, y->x,
                          sizeof(double) * (size_t)(mge_problem_n_vars(p) + 1));
      assert_memory_equal(x->v, y->v,
                          sizeof(double) * (size_t)mge_problem_n_props(p));
      assert_true(x->score == y->score);
    }
  }
}

static mge_design_result *run(const mge_problem *p, int threads, size_t batch,
                              const mge_design_sink *sink, int resume,
                              uint64_t stop_after, int want_rc) {
  mge_design_opts o = {0};
  o.threads = threads;
  o.batch = batch;
  o.resume = resume;
  o.stop_after = stop_after;
  mge_design_result *r = NULL;
  mge_error err;
  mge_error_clear(&err);
  int rc = mge_design_run(p, &o, sink, &r, &err);
  if (rc != want_rc) print_error("run: %d %s\n", rc, err.message);
  assert_int_equal(rc, want_rc);
  assert_non_null(r);
  return r;
}

static void test_threads_batches(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  static const char *const kinds[] = {"random", "sobol", "lhs"};
  for (int k = 0; k < 3; k++) {
    mge_problem *p = load_kind(reg, kinds[k], 20000);
    mge_design_result *a = run(p, 1, 1000, NULL, 0, 0, 0);
    mge_design_result *b = run(p, 2, 333, NULL, 0, 0, 0);
    mge_design_result *c = run(p, 3, 4096, NULL, 0, 0, 0);
    same_results(a, b, p);
    same_results(a, c, p);
    assert_int_equal(mge_design_result_counts(a)->next_index, 20000);
    mge_design_result_free(a);
    mge_design_result_free(b);
    mge_design_result_free(c);
    mge_problem_free(p);
  }
  mge_registry_free(reg);
}

/* Brute force: evaluate every candidate directly. */
static void test_against_brute_force(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  mge_problem *p = load_kind(reg, "random", 3000);
  mge_design_result *r = run(p, 2, 256, NULL, 0, 0, 0);
  size_t nf = 0;
  static uint64_t idx[3000];
  static double f[3000][2], score[3000];
  for (uint64_t i = 0; i < mge_problem_size(p); i++) {
    double x[8], bal, out[3];
    if (!mge_problem_sample(p, i, x, &bal)) continue;
    mge_comp c;
    assert_int_equal(mge_problem_decode(p, x, &c, NULL), 0);
    test_model.eval(&test_model, &c, 1, out, NULL);
    if (!(out[0] < 0.026)) continue;
    idx[nf] = i;
    f[nf][0] = out[0];
    f[nf][1] = -out[1];
    score[nf] = out[0] / 1e-3 - out[1];
    nf++;
  }
  assert_int_equal(mge_design_result_counts(r)->feasible, nf);
  /* front */
  size_t nfront = 0;
  for (size_t i = 0; i < nf; i++) {
    int dom = 0;
    for (size_t j = 0; j < nf && !dom; j++) {
      if (j == i) continue;
      int le = f[j][0] <= f[i][0] && f[j][1] <= f[i][1];
      int lt = f[j][0] < f[i][0] || f[j][1] < f[i][1];
      int eq = f[j][0] == f[i][0] && f[j][1] == f[i][1];
      dom = (le && lt) || (eq && idx[j] < idx[i]);
    }
    if (dom) continue;
    nfront++;
    int found = 0;
    for (size_t k = 0; k < mge_design_result_count(r, MGE_KEEP_FRONT); k++)
      found |= mge_design_result_get(r, MGE_KEEP_FRONT, k)->index == idx[i];
    assert_true(found);
  }
  assert_int_equal(nfront, mge_design_result_count(r, MGE_KEEP_FRONT));
  /* top 15: the 15 smallest (score, index) */
  assert_int_equal(mge_design_result_count(r, MGE_KEEP_TOP), 15);
  for (size_t k = 0; k < 15; k++) {
    const mge_design_entry *e = mge_design_result_get(r, MGE_KEEP_TOP, k);
    size_t better = 0;
    for (size_t i = 0; i < nf; i++)
      better +=
          score[i] < e->score || (score[i] == e->score && idx[i] < e->index);
    assert_int_equal(better, k);
  }
  mge_design_result_free(r);
  mge_problem_free(p);
  mge_registry_free(reg);
}

/* A sink in memory: the kept set as committed, for resume tests. */
typedef struct mem_sink {
  size_t n, cap;
  uint64_t *idx;
  unsigned *flags;
  mge_design_counts counts;
  int commits;
  /* staged batch */
  size_t sn;
  uint64_t *sidx;
  unsigned *sflags;
} mem_sink;

static int ms_find(const mem_sink *m, uint64_t idx) {
  for (size_t i = 0; i < m->n; i++)
    if (m->idx[i] == idx) return (int)i;
  return -1;
}

static int ms_write(void *ctx, const mge_problem *p, const mge_design_delta *d,
                    mge_error *err) {
  (void)p, (void)err;
  mem_sink *m = ctx;
  for (size_t i = 0; i < d->n_remove; i++) {
    int k = ms_find(m, d->remove[i]);
    assert_true(k >= 0);
    m->idx[k] = m->idx[m->n - 1];
    m->flags[k] = m->flags[m->n - 1];
    m->n--;
  }
  for (size_t i = 0; i < d->n_upsert; i++) {
    assert_true(d->upsert[i].flags != 0);
    int k = ms_find(m, d->upsert[i].index);
    if (k < 0) {
      if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->idx = realloc(m->idx, m->cap * sizeof *m->idx);
        m->flags = realloc(m->flags, m->cap * sizeof *m->flags);
      }
      k = (int)m->n++;
    }
    m->idx[k] = d->upsert[i].index;
    m->flags[k] = d->upsert[i].flags;
  }
  return 0;
}

static int ms_commit(void *ctx, const mge_design_counts *c, mge_error *err) {
  (void)err;
  mem_sink *m = ctx;
  m->counts = *c;
  m->commits++;
  return 0;
}

static int cmp_pair(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static int ms_read(void *ctx, mge_design_checkpoint *cp, mge_error *err) {
  (void)err;
  mem_sink *m = ctx;
  /* sorted copy */
  free(m->sidx);
  free(m->sflags);
  m->sidx = malloc((m->n + 1) * sizeof *m->sidx);
  m->sflags = malloc((m->n + 1) * sizeof *m->sflags);
  memcpy(m->sidx, m->idx, m->n * sizeof *m->sidx);
  qsort(m->sidx, m->n, sizeof *m->sidx, cmp_pair);
  for (size_t i = 0; i < m->n; i++)
    m->sflags[i] = m->flags[ms_find(m, m->sidx[i])];
  cp->found = 1;
  cp->counts = m->counts;
  cp->n = m->n;
  cp->index = m->sidx;
  cp->flags = m->sflags;
  return 0;
}

static void test_resume(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  mge_problem *p = load_kind(reg, "sobol", 30000);
  mge_design_result *full = run(p, 2, 1000, NULL, 0, 0, 0);
  mem_sink m = {0};
  mge_design_sink sink = {&m, ms_write, ms_commit, ms_read};
  /* stop after 7000, resume with other threads/batches, stop again */
  mge_design_result *r1 = run(p, 1, 1000, &sink, 0, 7000, MGE_E_INTERRUPT);
  assert_int_equal(m.counts.next_index, 7000);
  assert_int_equal(m.commits, 7);
  mge_design_result *r2 = run(p, 3, 1000, &sink, 1, 16000, MGE_E_INTERRUPT);
  mge_design_result *r3 = run(p, 2, 1000, &sink, 1, 0, 0);
  same_results(full, r3, p);
  /* what the sink holds is the final kept set */
  size_t kept = 0;
  static const unsigned kinds[3] = {MGE_KEEP_FRONT, MGE_KEEP_TOP,
                                    MGE_KEEP_SAMPLE};
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < mge_design_result_count(full, kinds[k]); i++) {
      const mge_design_entry *e = mge_design_result_get(full, kinds[k], i);
      int j = ms_find(&m, e->index);
      assert_true(j >= 0);
      assert_int_equal(m.flags[j], e->flags);
    }
  for (size_t i = 0; i < m.n; i++) kept += m.flags[i] != 0;
  assert_int_equal(kept, m.n);
  mge_design_result_free(full);
  mge_design_result_free(r1);
  mge_design_result_free(r2);
  mge_design_result_free(r3);
  free(m.idx), free(m.flags), free(m.sidx), free(m.sflags);
  mge_problem_free(p);
  mge_registry_free(reg);
}

static void test_undefined_counted(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  /* test.maybe is NaN when the first element (Al) exceeds 60 % */
  const char *t =
      "family: alloy\nspace: {composition: {basis: at%, balance: Mg,\n"
      "  Al: [0, 100]}}\nsampler: {kind: random, n: 2000, seed: 1}\n"
      "objectives: [{minimize: test.maybe}, {minimize: test.mass}]\n";
  mge_error err;
  mge_problem *p = load(reg, t, 0, &err);
  assert_non_null(p);
  mge_design_result *r = run(p, 2, 128, NULL, 0, 0, 0);
  const mge_design_counts *c = mge_design_result_counts(r);
  assert_true(c->undefined > 500 && c->undefined < 1000);
  assert_int_equal(c->undefined + c->feasible + c->rejected + c->infeasible,
                   2000);
  mge_design_result_free(r);
  mge_problem_free(p);
  mge_registry_free(reg);
}

static void test_registry_api(void **state) {
  (void)state;
  mge_registry *reg = test_registry();
  mge_error err;
  /* duplicate id and name refused */
  assert_int_not_equal(mge_registry_add(reg, &test_model, &err), 0);
  mge_model bad = test_model;
  bad.id = 1001;
  bad.eval = NULL;
  assert_int_not_equal(mge_registry_add(reg, &bad, &err), 0);
  static const mge_output badu[1] = {{"x", "furlong", "bad unit"}};
  mge_model bad2 = test_model;
  bad2.id = 1002, bad2.name = "bad2", bad2.n_out = 1, bad2.out = badu;
  assert_int_not_equal(mge_registry_add(reg, &bad2, &err), 0);
  /* a model made at run time, owned by the registry */
  mge_model *rt = malloc(sizeof *rt);
  *rt = test_model;
  rt->id = 1003, rt->name = "runtime";
  assert_int_equal(
      mge_registry_add_owned(reg, rt, (void (*)(mge_model *))free, &err), 0);
  assert_ptr_equal(mge_registry_find(reg, "runtime"), rt);
  assert_ptr_equal(mge_registry_find_id(reg, test_model.id), &test_model);
  const mge_model *m;
  int k;
  assert_int_equal(
      mge_registry_property(reg, "runtime.spread", 14, &m, &k, &err), 0);
  assert_ptr_equal(m, rt);
  assert_int_equal(k, 1);
  assert_int_not_equal(mge_registry_property(reg, "test.nope", 9, &m, &k, &err),
                       0);
  assert_int_equal(mge_registry_count(reg), 2);
  mge_registry_free(reg);
  mge_registry_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_load_ok),
      cmocka_unit_test(test_load_errors),
      cmocka_unit_test(test_grid_limit),
      cmocka_unit_test(test_sobol_reference),
      cmocka_unit_test(test_sampler_bounds),
      cmocka_unit_test(test_lhs_strata),
      cmocka_unit_test(test_threads_batches),
      cmocka_unit_test(test_against_brute_force),
      cmocka_unit_test(test_resume),
      cmocka_unit_test(test_undefined_counted),
      cmocka_unit_test(test_registry_api),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
