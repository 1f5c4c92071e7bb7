/* The Bayesian proposer of the design engine: the problem's sampler, decoder,
 * models and constraints give the feasible candidates, a dataset gives the
 * observations, and learn/'s GP with log EI or LCB chooses a batch by the
 * kriging believer (mge_bo_propose). */
#include <stdlib.h>
#include <string.h>

#include "design/internal.h"
#include "mge/design.h"
#include "mge/learn.h"

void mge_design_suggest_opts_default(mge_design_suggest_opts *o) {
  memset(o, 0, sizeof *o);
  o->batch = 1;
  o->maximize = 0;
  o->pool = 20000;
  mge_bo_opts_default(&o->bo);
}

void mge_design_suggestions_free(mge_design_suggestions *s) {
  if (!s) return;
  free(s->x);
  free(s->index);
  free(s->mean);
  free(s->sd);
  free(s->acq);
  free(s);
}

/* GP inputs of a composition: the amounts (in the problem's basis, percent)
 * of the problem's free elements. 1 if the composition lies in the space's
 * elements (free and balance elements over 99 percent of it). */
static int space_features(const mge_problem *p, const mge_comp *c, double *x) {
  double w[MGE_COMP_MAX];
  const double *f = c->x;
  if (p->basis == MGE_BASIS_MASS) {
    mge_comp_mass_fractions(c, w);
    f = w;
  }
  double covered = 0;
  for (int v = 0; v < p->n_vars; v++) {
    x[v] = 0;
    for (int i = 0; i < c->n; i++)
      if (c->Z[i] == p->vars[v].Z) x[v] = 100 * f[i];
    covered += x[v];
  }
  for (int i = 0; i < c->n; i++)
    if (c->Z[i] == p->balance_Z) covered += 100 * f[i];
  return covered > 99.0;
}

/* Observations X (n x nv) and y (negated when maximizing) from the rows of d
 * inside the space; *n their number. */
static void observations(const mge_problem *p, const mge_dataset *d,
                         int maximize, double *X, double *y, size_t *n) {
  size_t nv = (size_t)p->n_vars;
  *n = 0;
  for (size_t i = 0; i < d->n; i++) {
    mge_comp c;
    if (mge_comp_parse(d->comp[i], &c, NULL) != MGE_OK) continue;
    if (!space_features(p, &c, X + *n * nv)) continue;
    y[(*n)++] = maximize ? -d->y[i] : d->y[i];
  }
}

/* Work arrays of one call. */
typedef struct pool_buf {
  double *X, *y;  /* observations */
  double *Xc;     /* candidates' GP inputs, pool x nv */
  double *cx;     /* candidates' variables and balance, pool x (nv + 1) */
  uint64_t *cidx; /* candidates' sampler indices */
  mge_comp *cc;   /* decoded candidates */
  double *vals;   /* property values, pool x n_props */
  int *chosen;
} pool_buf;

static void pool_free(pool_buf *b) {
  free(b->X);
  free(b->y);
  free(b->Xc);
  free(b->cx);
  free(b->cidx);
  free(b->cc);
  free(b->vals);
  free(b->chosen);
}

/* The feasible candidates: sampled from index 0 on, inside the space,
 * decoded, evaluated and meeting the constraints; *nc their number. */
static int candidates(const mge_problem *p, size_t pool, pool_buf *b,
                      size_t *nc, mge_error *err) {
  size_t nv = (size_t)p->n_vars, n = 0;
  uint64_t tried = 0;
  for (uint64_t idx = 0; n < pool && idx < p->n && tried < 50 * pool;
       idx++, tried++) {
    double bal;
    double *x = b->cx + n * (nv + 1);
    if (!mge_problem_sample(p, idx, x, &bal)) continue;
    x[nv] = bal;
    if (mge_problem_decode(p, x, &b->cc[n], NULL) != MGE_OK) continue;
    memcpy(b->Xc + n * nv, x, nv * sizeof *x);
    b->cidx[n++] = idx;
  }
  int rc = mge_problem_evaluate(p, b->cc, n, b->vals, err);
  if (rc) return rc;
  size_t keep = 0, np = (size_t)p->n_props;
  for (size_t i = 0; i < n; i++) {
    if (!mge_problem_meets_constraints(p, b->vals + i * np)) continue;
    memmove(b->Xc + keep * nv, b->Xc + i * nv, nv * sizeof *b->Xc);
    memmove(b->cx + keep * (nv + 1), b->cx + i * (nv + 1),
            (nv + 1) * sizeof *b->cx);
    b->cidx[keep++] = b->cidx[i];
  }
  *nc = keep;
  return MGE_OK;
}

static mge_design_suggestions *suggestions_new(int n, int nx) {
  mge_design_suggestions *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->n = n;
  s->nx = nx;
  s->x = malloc((size_t)n * (size_t)nx * sizeof *s->x);
  s->index = malloc((size_t)n * sizeof *s->index);
  s->mean = malloc((size_t)n * sizeof *s->mean);
  s->sd = malloc((size_t)n * sizeof *s->sd);
  s->acq = malloc((size_t)n * sizeof *s->acq);
  if (!s->x || !s->index || !s->mean || !s->sd || !s->acq) {
    mge_design_suggestions_free(s);
    return NULL;
  }
  return s;
}

int mge_design_suggest(const mge_problem *p, const mge_dataset *d,
                       const mge_design_suggest_opts *o,
                       mge_design_suggestions **out, mge_error *err) {
  *out = NULL;
  if (o->batch < 1 || o->batch > MGE_SUGGEST_MAX_BATCH)
    return mge_error_set(err, MGE_E_INPUT, "batch %d is not in 1..%d", o->batch,
                         MGE_SUGGEST_MAX_BATCH);
  if (o->pool < 1 || o->pool > MGE_SUGGEST_MAX_POOL)
    return mge_error_set(err, MGE_E_INPUT, "pool %zu is not in 1..%d", o->pool,
                         MGE_SUGGEST_MAX_POOL);
  size_t nv = (size_t)p->n_vars, pool = o->pool, rows = d->n ? d->n : 1;
  pool_buf b = {0};
  b.X = malloc(rows * (nv ? nv : 1) * sizeof *b.X);
  b.y = malloc(rows * sizeof *b.y);
  b.Xc = malloc(pool * (nv ? nv : 1) * sizeof *b.Xc);
  b.cx = malloc(pool * (nv + 1) * sizeof *b.cx);
  b.cidx = malloc(pool * sizeof *b.cidx);
  b.cc = malloc(pool * sizeof *b.cc);
  b.vals =
      malloc(pool * (size_t)(p->n_props ? p->n_props : 1) * sizeof *b.vals);
  b.chosen = malloc((size_t)o->batch * sizeof *b.chosen);
  mge_design_suggestions *s = suggestions_new(o->batch, (int)nv + 1);
  int rc = MGE_OK;
  if (!b.X || !b.y || !b.Xc || !b.cx || !b.cidx || !b.cc || !b.vals ||
      !b.chosen || !s) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  observations(p, d, o->maximize, b.X, b.y, &s->n_obs);
  if (s->n_obs < 2) {
    rc = mge_error_set(err, MGE_E_INPUT,
                       "dataset %s has %zu rows made of the space's elements "
                       "(%s and the balance %s); at least 2 are needed",
                       d->name, s->n_obs, p->n_vars ? p->vars[0].symbol : "-",
                       p->balance_symbol);
    goto done;
  }
  if ((rc = candidates(p, pool, &b, &s->n_candidates, err))) goto done;
  if ((size_t)o->batch > s->n_candidates) {
    rc = mge_error_set(err, MGE_E_INPUT,
                       "only %zu candidates of the space meet the constraints;"
                       " a batch of %d was asked",
                       s->n_candidates, o->batch);
    goto done;
  }
  rc = mge_bo_propose(&o->bo, b.X, b.y, s->n_obs, nv, b.Xc, s->n_candidates,
                      o->batch, b.chosen, s->acq, s->mean, s->sd, err);
  if (rc) goto done;
  for (int k = 0; k < o->batch; k++) {
    size_t c = (size_t)b.chosen[k];
    memcpy(s->x + (size_t)k * (nv + 1), b.cx + c * (nv + 1),
           (nv + 1) * sizeof *s->x);
    s->index[k] = b.cidx[c];
    if (o->maximize) s->mean[k] = -s->mean[k];
  }
done:
  pool_free(&b);
  if (rc) {
    mge_design_suggestions_free(s);
    return rc;
  }
  *out = s;
  return MGE_OK;
}
