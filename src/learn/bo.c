/* Bayesian choice of the next experiments: GP surrogate, log EI or LCB,
 * kriging-believer batches, and pool replay for benchmarks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_internal.h"

void mge_bo_opts_default(mge_bo_opts *o) {
  memset(o, 0, sizeof *o);
  o->acq = MGE_ACQ_EI;
  o->beta = 2.0;
  mge_learn_opts_default(&o->gp, MGE_LEARN_GP);
  o->gp.gp_restarts = 1;
  o->gp.gp_max_iter = 100;
}

static double acq_value(const mge_bo_opts *o, double mu, double sd,
                        double best) {
  if (o->acq == MGE_ACQ_UCB) return -mge_lcb(mu, sd, o->beta);
  return mge_log_ei(mu, sd, best);
}

int mge_bo_propose(const mge_bo_opts *o, const double *X, const double *y,
                   size_t n, size_t p, const double *Xc, size_t nc, int batch,
                   int *chosen, double *acq, double *mean, double *sd,
                   mge_error *err) {
  if (o->gp.kind != MGE_LEARN_GP)
    return mge_error_set(err, MGE_E_INPUT, "the BO surrogate must be a GP");
  if (o->acq != MGE_ACQ_EI && o->acq != MGE_ACQ_UCB)
    return mge_error_set(err, MGE_E_INPUT, "unknown acquisition function");
  if (batch < 1 || (size_t)batch > nc)
    return mge_error_set(err, MGE_E_INPUT,
                         "batch %d must be between 1 and the %zu candidates",
                         batch, nc);
  size_t nt = n + (size_t)batch;
  double *Xa = malloc(nt * p * sizeof *Xa), *ya = malloc(nt * sizeof *ya);
  double *mu = malloc(nc * sizeof *mu), *s = malloc(nc * sizeof *s);
  char *taken = calloc(nc, 1);
  mge_regressor *m = NULL;
  int rc = MGE_OK;
  if (!Xa || !ya || !mu || !s || !taken) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  memcpy(Xa, X, n * p * sizeof *X);
  memcpy(ya, y, n * sizeof *y);
  rc = mge_regressor_fit(&o->gp, X, y, n, p, &m, err);
  if (rc) goto done;
  double best = INFINITY;
  for (size_t i = 0; i < n; i++) best = fmin(best, y[i]);
  for (int b = 0; b < batch; b++) {
    rc = mge_regressor_predict(m, Xc, nc, mu, s, err);
    if (rc) goto done;
    size_t arg = nc;
    double av = -INFINITY;
    for (size_t i = 0; i < nc; i++) {
      if (taken[i]) continue;
      double a = acq_value(o, mu[i], s[i], best);
      if (arg == nc || a > av) { /* ties: lowest index */
        arg = i;
        av = a;
      }
    }
    taken[arg] = 1;
    chosen[b] = (int)arg;
    if (acq) acq[b] = av;
    if (mean) mean[b] = mu[arg];
    if (sd) sd[b] = s[arg];
    if (b + 1 == batch) break;
    /* believe the mean: condition on (x_arg, mu_arg), same hyperparameters */
    size_t k = n + (size_t)b;
    memcpy(Xa + k * p, Xc + arg * p, p * sizeof *Xa);
    ya[k] = mu[arg];
    mge_regressor *m2 = NULL;
    rc = learn_regressor_condition(m, Xa, ya, k + 1, &m2, err);
    if (rc) goto done;
    mge_regressor_free(m);
    m = m2;
  }
done:
  mge_regressor_free(m);
  free(Xa);
  free(ya);
  free(mu);
  free(s);
  free(taken);
  return rc;
}

int mge_bo_replay(const mge_bo_opts *o, const double *X, const double *y,
                  size_t n, size_t p, int n_init, int max_iter, uint64_t seed,
                  int *experiments, mge_error *err) {
  if (n_init < 2 || (size_t)n_init >= n)
    return mge_error_set(err, MGE_E_INPUT, "n_init must be in 2..%zu", n - 1);
  double best = INFINITY;
  for (size_t i = 0; i < n; i++) best = fmin(best, y[i]);
  size_t *perm = malloc(n * sizeof *perm);
  double *Xo = malloc(n * p * sizeof *Xo), *yo = malloc(n * sizeof *yo);
  double *Xc = malloc(n * p * sizeof *Xc);
  size_t *cidx = malloc(n * sizeof *cidx);
  int rc = MGE_OK;
  if (!perm || !Xo || !yo || !Xc || !cidx) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; i++) perm[i] = i;
  uint64_t st = seed;
  for (size_t i = n - 1; i > 0; i--) { /* Fisher-Yates */
    size_t j = (size_t)(learn_uniform(&st) * (double)(i + 1));
    size_t t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  char *measured = calloc(n, 1);
  if (!measured) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  size_t no = 0;
  int found = 0;
  for (int i = 0; i < n_init; i++) {
    size_t r = perm[i];
    measured[r] = 1;
    memcpy(Xo + no * p, X + r * p, p * sizeof *X);
    yo[no++] = y[r];
    if (y[r] == best) found = 1;
  }
  for (int it = 0; !found && it < max_iter && no < n; it++) {
    size_t nc = 0;
    for (size_t r = 0; r < n; r++)
      if (!measured[r]) {
        memcpy(Xc + nc * p, X + r * p, p * sizeof *X);
        cidx[nc++] = r;
      }
    int pick;
    rc = mge_bo_propose(o, Xo, yo, no, p, Xc, nc, 1, &pick, NULL, NULL, NULL,
                        err);
    if (rc) break;
    size_t r = cidx[pick];
    measured[r] = 1;
    memcpy(Xo + no * p, X + r * p, p * sizeof *X);
    yo[no++] = y[r];
    if (y[r] == best) found = 1;
  }
  free(measured);
  *experiments = found ? (int)no : -1;
done:
  free(perm);
  free(Xo);
  free(yo);
  free(Xc);
  free(cidx);
  return rc;
}
