/* Tests of the design engine's evaluation helpers (evaluate.c) and of its
 * Bayesian proposer (suggest.c): values and constraints against the model
 * called directly, and mge_design_suggest against mge_bo_propose run on
 * observation and candidate sets built here from the specification
 * (include/mge/design.h), so the plumbing (features, sampling, filtering,
 * signs) is checked, not only the shape of the answer. */
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
#include "mge/learn.h"

/* Mg balance; the constraint on the mean molar mass cuts off part of the
 * space (Zn-rich candidates are heavier than 26 g/mol). */
static const char *const problem_text =
    "name: suggest test\n"
    "family: alloy\n"
    "space:\n"
    "  composition:\n"
    "    basis: at%\n"
    "    balance: Mg\n"
    "    Al: [0, 12]\n"
    "    Zn: [0, 3]\n"
    "    Ca: [1, 2]\n"
    "sampler: {kind: sobol, n: 5000, seed: 7}\n"
    "properties: [test.mass, test.spread, test.maybe]\n"
    "constraints:\n"
    "  - test.mass < 25.6 g/mol\n"
    "objectives:\n"
    "  - minimize: test.mass\n";

typedef struct fixture {
  mge_registry *reg;
  mge_problem *p;
  mge_dataset *d;  /* 12 rows inside the space, 2 outside */
  mge_dataset *dn; /* the same with negated targets */
} fixture;

#define NROWS 14

static double target(double al, double zn, double ca) {
  return (al - 6.0) * (al - 6.0) / 10.0 + 2.0 * zn + ca;
}

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->reg = test_registry();
  mge_error e;
  if (mge_problem_parse(problem_text, strlen(problem_text), "s.yaml", f->reg,
                        NULL, &f->p, &e)) {
    print_error("%s\n", e.message);
    return -1;
  }
  char buf[NROWS][96];
  const char *comp[NROWS];
  double y[NROWS], yn[NROWS];
  for (int i = 0; i < 12; i++) {
    double al = (double)(i % 6) * 2.0, zn = (double)(i % 4) * 0.75,
           ca = 1.0 + (double)(i % 3) * 0.5;
    snprintf(buf[i], sizeof buf[i], "Mg%gAl%gZn%gCa%g", 100 - al - zn - ca, al,
             zn, ca);
    y[i] = target(al, zn, ca);
  }
  snprintf(buf[12], sizeof buf[12], "Fe50Ni50"); /* outside the space */
  snprintf(buf[13], sizeof buf[13], "Mg80Al10Si10");
  y[12] = y[13] = 100.0;
  for (int i = 0; i < NROWS; i++) {
    comp[i] = buf[i];
    yn[i] = -y[i];
  }
  if (mge_dataset_new("toy", NROWS, comp, y, 0, &f->d, &e) ||
      mge_dataset_new("toyneg", NROWS, comp, yn, 0, &f->dn, &e))
    return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  mge_dataset_free(f->d);
  mge_dataset_free(f->dn);
  mge_problem_free(f->p);
  mge_registry_free(f->reg);
  free(f);
  return 0;
}

/* ------------------------------------------------------------ evaluation */

static void test_evaluate(void **state) {
  fixture *f = *state;
  const mge_problem *p = f->p;
  assert_int_equal(mge_problem_n_props(p), 3);
  enum { N = 64 };
  mge_comp c[N];
  double x[MGE_DESIGN_MAX_VARS + 1], bal;
  size_t n = 0;
  for (uint64_t i = 0; n < N; i++) {
    if (!mge_problem_sample(p, i, x, &bal)) continue;
    assert_int_equal(mge_problem_decode(p, x, &c[n], NULL), MGE_OK);
    n++;
  }
  double v[N * 3], direct[N * 3];
  mge_error e;
  assert_int_equal(mge_problem_evaluate(p, c, n, v, &e), MGE_OK);
  assert_int_equal(test_model.eval(&test_model, c, n, direct, &e), MGE_OK);
  int met = 0, unmet = 0;
  for (size_t i = 0; i < n; i++) {
    for (int k = 0; k < 3; k++) {
      double a = v[i * 3 + (size_t)k], b = direct[i * 3 + (size_t)k];
      assert_true(a == b || (isnan(a) && isnan(b)));
    }
    /* the constraint, converted to the model's kg/mol */
    int want = v[i * 3] < 25.6e-3;
    assert_int_equal(mge_problem_meets_constraints(p, v + i * 3), want);
    want ? met++ : unmet++;
  }
  assert_true(met > 0 && unmet > 0); /* the constraint does cut */
  double w[3] = {NAN, 0, 1};
  assert_int_equal(mge_problem_meets_constraints(p, w), 0);
  w[0] = -INFINITY; /* below the threshold, but not a value */
  assert_int_equal(mge_problem_meets_constraints(p, w), 0);
  w[0] = 0.020;
  assert_int_equal(mge_problem_meets_constraints(p, w), 1);
  assert_int_equal(mge_problem_evaluate(p, c, 0, v, &e), MGE_OK);
}

/* ------------------------------------------------------------- proposals */

/* The expected answer, built from the specification: observations are the
 * rows inside the space (at% of Al, Zn, Ca), candidates the feasible ones
 * of the first pool samples inside the space. */
static void expected(const fixture *f, const mge_dataset *d, int maximize,
                     size_t pool, int batch, size_t *n_obs, size_t *n_cand,
                     uint64_t *index, double *mean, double *sd, double *acq) {
  const mge_problem *p = f->p;
  enum { NV = 3 };
  double X[NROWS * NV], y[NROWS];
  size_t n = 0;
  for (size_t i = 0; i < d->n; i++) {
    mge_comp c;
    assert_int_equal(mge_comp_parse(d->comp[i], &c, NULL), MGE_OK);
    double in = 0;
    for (int k = 0; k < c.n; k++) {
      int col = -1;
      for (int v = 0; v < NV; v++)
        if (mge_problem_var(p, v)->Z == c.Z[k]) col = v;
      if (col >= 0) X[n * NV + (size_t)col] = 100 * c.x[k];
      if (col >= 0 ||
          c.Z[k] == mge_element_by_symbol(mge_problem_balance_symbol(p))->Z)
        in += c.x[k];
    }
    for (int v = 0; v < NV; v++) {
      int has = 0;
      for (int k = 0; k < c.n; k++) has |= mge_problem_var(p, v)->Z == c.Z[k];
      if (!has) X[n * NV + (size_t)v] = 0;
    }
    if (in < 0.99) continue;
    y[n++] = maximize ? -d->y[i] : d->y[i];
  }
  *n_obs = n;
  double *Xc = malloc(pool * NV * sizeof *Xc);
  uint64_t *idx = malloc(pool * sizeof *idx);
  size_t nc = 0, drawn = 0; /* pool: samples inside the space, then the
                              feasible ones of them are kept */
  for (uint64_t i = 0; drawn < pool && i < mge_problem_size(p); i++) {
    double x[NV], bal, v[3];
    mge_comp c;
    if (!mge_problem_sample(p, i, x, &bal)) continue;
    assert_int_equal(mge_problem_decode(p, x, &c, NULL), MGE_OK);
    drawn++;
    assert_int_equal(test_model.eval(&test_model, &c, 1, v, NULL), MGE_OK);
    if (!(v[0] < 25.6e-3)) continue;
    memcpy(Xc + nc * NV, x, sizeof x);
    idx[nc++] = i;
  }
  *n_cand = nc;
  mge_bo_opts bo;
  mge_bo_opts_default(&bo);
  int chosen[8];
  mge_error e;
  assert_int_equal(mge_bo_propose(&bo, X, y, n, NV, Xc, nc, batch, chosen, acq,
                                  mean, sd, &e),
                   MGE_OK);
  for (int b = 0; b < batch; b++) {
    index[b] = idx[chosen[b]];
    if (maximize) mean[b] = -mean[b];
  }
  free(Xc);
  free(idx);
}

static void test_suggest_matches_spec(void **state) {
  fixture *f = *state;
  const mge_problem *p = f->p;
  for (int maximize = 0; maximize <= 1; maximize++) {
    mge_design_suggest_opts o;
    mge_design_suggest_opts_default(&o);
    o.batch = 3;
    o.pool = 300;
    o.maximize = maximize;
    mge_design_suggestions *s = NULL;
    mge_error e;
    assert_int_equal(mge_design_suggest(p, f->d, &o, &s, &e), MGE_OK);
    size_t n_obs, n_cand;
    uint64_t index[3];
    double mean[3], sd[3], acq[3];
    expected(f, f->d, maximize, o.pool, 3, &n_obs, &n_cand, index, mean, sd,
             acq);
    assert_int_equal(s->n, 3);
    assert_int_equal(s->nx, 4);
    assert_int_equal(s->n_obs, 12);
    assert_int_equal(s->n_obs, n_obs);
    assert_int_equal(s->n_candidates, n_cand);
    assert_true(n_cand > 100 && n_cand < 300); /* the constraint cuts */
    for (int b = 0; b < 3; b++) {
      assert_int_equal(s->index[b], index[b]);
      assert_true(fabs(s->mean[b] - mean[b]) <= 1e-9 * (1 + fabs(mean[b])));
      assert_true(fabs(s->sd[b] - sd[b]) <= 1e-9 * (1 + fabs(sd[b])));
      assert_true(fabs(s->acq[b] - acq[b]) <= 1e-9 * (1 + fabs(acq[b])));
      /* x is the sampler's point of that index, balance last */
      double x[3], bal;
      assert_true(mge_problem_sample(p, s->index[b], x, &bal));
      const double *sx = s->x + (size_t)b * 4;
      for (int v = 0; v < 3; v++) assert_true(sx[v] == x[v]);
      assert_true(sx[3] == bal);
      assert_true(fabs(sx[0] + sx[1] + sx[2] + sx[3] - 100) < 1e-9);
      for (int c = 0; c < b; c++) assert_true(s->index[c] != s->index[b]);
    }
    mge_design_suggestions_free(s);
  }
}

/* Maximizing y is minimizing -y: same proposals, the mean's sign follows
 * the dataset; the same call twice gives the same bits. */
static void test_suggest_sign_and_determinism(void **state) {
  fixture *f = *state;
  mge_design_suggest_opts o;
  mge_design_suggest_opts_default(&o);
  o.batch = 2;
  o.pool = 200;
  o.bo.acq = MGE_ACQ_UCB;
  o.bo.beta = 1.5;
  mge_design_suggestions *a = NULL, *b = NULL, *c = NULL;
  mge_error e;
  o.maximize = 1;
  assert_int_equal(mge_design_suggest(f->p, f->d, &o, &a, &e), MGE_OK);
  assert_int_equal(mge_design_suggest(f->p, f->d, &o, &c, &e), MGE_OK);
  o.maximize = 0;
  assert_int_equal(mge_design_suggest(f->p, f->dn, &o, &b, &e), MGE_OK);
  for (int k = 0; k < 2; k++) {
    assert_int_equal(a->index[k], b->index[k]);
    assert_true(a->mean[k] == -b->mean[k]);
    assert_true(a->sd[k] == b->sd[k] && a->acq[k] == b->acq[k]);
    assert_int_equal(a->index[k], c->index[k]);
    assert_memory_equal(&a->mean[k], &c->mean[k], sizeof(double));
  }
  mge_design_suggestions_free(a);
  mge_design_suggestions_free(b);
  mge_design_suggestions_free(c);
  mge_design_suggestions_free(NULL);
}

static void test_suggest_errors(void **state) {
  fixture *f = *state;
  mge_design_suggest_opts o;
  mge_design_suggest_opts_default(&o);
  assert_int_equal(o.batch, 1);
  assert_int_equal(o.pool, 20000);
  assert_int_equal(o.bo.acq, MGE_ACQ_EI);
  mge_design_suggestions *s = (mge_design_suggestions *)&o;
  mge_error e;
  o.batch = 0;
  assert_int_equal(mge_design_suggest(f->p, f->d, &o, &s, &e), MGE_E_INPUT);
  assert_null(s);
  o.batch = 1;
  o.pool = 0;
  assert_int_equal(mge_design_suggest(f->p, f->d, &o, &s, &e), MGE_E_INPUT);
  /* more proposals than feasible candidates */
  o.pool = 20;
  o.batch = 20;
  assert_int_equal(mge_design_suggest(f->p, f->d, &o, &s, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "candidates of the space meet"));
  /* fewer than 2 observations inside the space */
  const char *comp[] = {"Mg90Al5Zn3Ca2", "Fe50Ni50", "Cu"};
  double y[] = {1, 2, 3};
  mge_dataset *d;
  assert_int_equal(mge_dataset_new("few", 3, comp, y, 0, &d, &e), MGE_OK);
  o.batch = 1;
  assert_int_equal(mge_design_suggest(f->p, d, &o, &s, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "has 1 rows"));
  assert_null(s);
  mge_dataset_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_evaluate),
      cmocka_unit_test(test_suggest_matches_spec),
      cmocka_unit_test(test_suggest_sign_and_determinism),
      cmocka_unit_test(test_suggest_errors),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
