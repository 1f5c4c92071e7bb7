/* Gaussian process regression with an ARD kernel; hyperparameters by
 * maximizing the log marginal likelihood (Rasmussen & Williams, Gaussian
 * Processes for Machine Learning, MIT Press 2006, eqs. 2.30 and 5.9), with a
 * Cholesky factorization (mge/linalg.h). theta = (log l_1..log l_p, log s2,
 * log sn), K = s2 f(r) + (exp(theta_n) + GP_JITTER) I.
 *
 * This file works on a learn_gp alone (standardized inputs, the kernel and
 * the number of columns given): it calls nothing in regressor.c, which owns
 * the pipeline (scaler, options) and dispatches here. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_internal.h"
#include "mge/linalg.h"

#define GP_JITTER 1e-6 /* added to the noise variance, standardized units */
#define GP_LOG_2PI 1.8378770664093453

/* f(r) and the factor h(r) with dK/dlog l_d = s2 h(r) dz_d^2 / l_d^2. */
static void kern(mge_gp_kernel k, double r2, double *f, double *h) {
  if (k == MGE_GP_RBF) {
    double e = exp(-0.5 * r2);
    *f = e;
    *h = e;
    return;
  }
  double r = sqrt(r2), s5r = sqrt(5.0) * r, e = exp(-s5r);
  *f = (1.0 + s5r + 5.0 * r2 / 3.0) * e;
  *h = (5.0 / 3.0) * (1.0 + s5r) * e;
}

static double sq_dist(const double *a, const double *b, const double *il2,
                      size_t p) {
  double s = 0;
  for (size_t d = 0; d < p; d++) {
    double t = a[d] - b[d];
    s += t * t * il2[d];
  }
  return s;
}

/* Build K (n x n) into K; fills il2 (1/l^2). */
static void build_K(mge_gp_kernel kernel, const double *X, size_t n, size_t p,
                    const double *theta, double *il2, double *K) {
  for (size_t d = 0; d < p; d++) il2[d] = exp(-2.0 * theta[d]);
  double s2 = exp(theta[p]), sn2 = exp(theta[p + 1]) + GP_JITTER;
  for (size_t i = 0; i < n; i++) {
    K[i * n + i] = s2 + sn2;
    for (size_t j = 0; j < i; j++) {
      double f, h;
      kern(kernel, sq_dist(X + i * p, X + j * p, il2, p), &f, &h);
      K[i * n + j] = K[j * n + i] = s2 * f;
    }
  }
}

int mge_gp_nlml(mge_gp_kernel kernel, const double *X, const double *y,
                size_t n, size_t p, const double *theta, double *nlml,
                double *grad, mge_error *err) {
  if (n < 1 || p < 1 || n > 200000)
    return mge_error_set(err, MGE_E_INPUT, "GP needs 1..200000 rows");
  int N = (int)n;
  double *K = malloc(n * n * sizeof *K), *il2 = malloc(p * sizeof *il2);
  double *alpha = malloc(n * sizeof *alpha);
  int rc = MGE_OK;
  if (!K || !il2 || !alpha) {
    rc = mge_error_set(err, MGE_E_NOMEM, "GP: out of memory for %zu rows", n);
    goto done;
  }
  build_K(kernel, X, n, p, theta, il2, K);
  if (mge_chol_factor(K, N) != 0) {
    rc = mge_error_set(err, MGE_E_CONVERGE,
                       "GP: kernel matrix not positive definite");
    goto done;
  }
  memcpy(alpha, y, n * sizeof *alpha);
  mge_chol_solve(K, N, 1, alpha);
  double q = 0, ld = 0;
  for (size_t i = 0; i < n; i++) {
    q += y[i] * alpha[i];
    ld += log(K[i * n + i]); /* column-major lower = row-major upper diag */
  }
  *nlml = 0.5 * q + ld + 0.5 * (double)n * GP_LOG_2PI;
  if (grad) {
    /* W = K^-1 - alpha alpha^T; dnlml/dtheta_j = 0.5 tr(W dK_j) */
    if (mge_chol_inverse(K, N) != 0) {
      rc = mge_error_set(err, MGE_E_CONVERGE, "GP: inverse failed");
      goto done;
    }
    /* K^-1 is symmetric; the loops below read element (i, j), j >= i, as
     * K[i*n + j]. */
    double s2 = exp(theta[p]), en = exp(theta[p + 1]);
    memset(grad, 0, (p + 2) * sizeof *grad);
    for (size_t i = 0; i < n; i++) {
      double wii = K[i * n + i] - alpha[i] * alpha[i];
      grad[p] += 0.5 * wii * s2;
      grad[p + 1] += 0.5 * wii * en;
      for (size_t j = i + 1; j < n; j++) {
        double w = K[i * n + j] - alpha[i] * alpha[j]; /* counted twice */
        const double *a = X + i * p, *b = X + j * p;
        double f, h;
        kern(kernel, sq_dist(a, b, il2, p), &f, &h);
        grad[p] += w * s2 * f;
        double c = w * s2 * h;
        for (size_t d = 0; d < p; d++) {
          double t = a[d] - b[d];
          grad[d] += c * t * t * il2[d];
        }
      }
    }
  }
done:
  free(K);
  free(il2);
  free(alpha);
  return rc;
}

typedef struct nlml_ctx {
  mge_gp_kernel kernel;
  const double *Z, *y;
  size_t n, p;
} nlml_ctx;

static double nlml_fg(const double *theta, double *g, void *vctx) {
  nlml_ctx *c = vctx;
  /* keep the search in a sane box (standardized units) */
  for (size_t d = 0; d < c->p + 2; d++)
    if (theta[d] < -12.0 || theta[d] > 12.0) return NAN;
  double f;
  if (mge_gp_nlml(c->kernel, c->Z, c->y, c->n, c->p, theta, &f, g, NULL))
    return NAN;
  return f;
}

int learn_gp_fit(learn_gp *g, const mge_learn_opts *o, const double *Z,
                 const double *y, size_t n, size_t p, mge_error *err) {
  size_t nt = p + 2;
  memset(g, 0, sizeof *g);
  double *ys = malloc(n * sizeof *ys), *th = malloc(nt * sizeof *th);
  double *best = malloc(nt * sizeof *best);
  g->Z = malloc(n * p * sizeof *g->Z);
  g->theta = malloc(nt * sizeof *g->theta);
  g->alpha = malloc(n * sizeof *g->alpha);
  g->L = malloc(n * n * sizeof *g->L);
  int rc = MGE_OK;
  if (!ys || !th || !best || !g->Z || !g->theta || !g->alpha || !g->L) {
    rc = mge_error_set(err, MGE_E_NOMEM, "GP: out of memory for %zu rows", n);
    goto done;
  }
  memcpy(g->Z, Z, n * p * sizeof *Z);
  g->n = n;
  double mu = 0, s = 0;
  for (size_t i = 0; i < n; i++) mu += y[i];
  mu /= (double)n;
  for (size_t i = 0; i < n; i++) s += (y[i] - mu) * (y[i] - mu);
  s = sqrt(s / (double)(n > 1 ? n - 1 : 1));
  if (!(s > 0)) s = 1.0;
  g->ymean = mu;
  g->ysd = s;
  for (size_t i = 0; i < n; i++) ys[i] = (y[i] - mu) / s;
  nlml_ctx ctx = {o->gp_kernel, g->Z, ys, n, p};
  double fbest = INFINITY;
  uint64_t rng = o->seed ^ 0x6a09e667f3bcc908ULL;
  for (int r = 0; r <= o->gp_restarts; r++) {
    double l0 = 0.5 * log((double)p);
    for (size_t d = 0; d < p; d++)
      th[d] = l0 + (r ? 1.5 * (learn_uniform(&rng) - 0.5) : 0.0);
    th[p] = r ? log(0.5 + learn_uniform(&rng)) : 0.0;
    th[p + 1] = r ? log(0.01 + 0.2 * learn_uniform(&rng)) : log(0.1);
    double f;
    if (learn_lbfgs(nlml_fg, &ctx, th, nt, o->gp_max_iter, 1e-5, &f)) continue;
    if (f < fbest) {
      fbest = f;
      memcpy(best, th, nt * sizeof *th);
    }
  }
  if (!isfinite(fbest)) {
    rc = mge_error_set(err, MGE_E_CONVERGE,
                       "GP: marginal likelihood optimization failed");
    goto done;
  }
  memcpy(g->theta, best, nt * sizeof *best);
  g->log_ml = -fbest;
  rc = learn_gp_factor(g, o->gp_kernel, p, err); /* at the optimum */
  if (rc) goto done;
  memcpy(g->alpha, ys, n * sizeof *ys);
  mge_chol_solve(g->L, (int)n, 1, g->alpha);
done:
  free(ys);
  free(th);
  free(best);
  if (rc) learn_gp_free(g);
  return rc;
}

int learn_gp_factor(learn_gp *g, mge_gp_kernel kernel, size_t p,
                    mge_error *err) {
  size_t n = g->n;
  if (!g->L) g->L = malloc(n * n * sizeof *g->L);
  double *il2 = malloc(p * sizeof *il2);
  if (!g->L || !il2) {
    free(il2);
    return mge_error_set(err, MGE_E_NOMEM, "GP: out of memory");
  }
  build_K(kernel, g->Z, n, p, g->theta, il2, g->L);
  free(il2);
  if (mge_chol_factor(g->L, (int)n) != 0)
    return mge_error_set(err, MGE_E_CONVERGE, "GP: Cholesky factor failed");
  return MGE_OK;
}

#define GP_CHUNK 256

int learn_gp_predict(const learn_gp *g, mge_gp_kernel kernel, size_t p,
                     const double *Z, size_t nq, double *mean, double *sd,
                     mge_error *err) {
  size_t n = g->n;
  double *il2 = malloc(p * sizeof *il2);
  double *Ks = malloc(n * GP_CHUNK * sizeof *Ks);
  if (!il2 || !Ks) {
    free(il2);
    free(Ks);
    return mge_error_set(err, MGE_E_NOMEM, "GP: out of memory");
  }
  for (size_t d = 0; d < p; d++) il2[d] = exp(-2.0 * g->theta[d]);
  double s2 = exp(g->theta[p]);
  for (size_t q0 = 0; q0 < nq; q0 += GP_CHUNK) {
    size_t m_ = nq - q0 < GP_CHUNK ? nq - q0 : GP_CHUNK;
    for (size_t q = 0; q < m_; q++) {
      double acc = 0;
      for (size_t i = 0; i < n; i++) {
        double f, h;
        kern(kernel, sq_dist(Z + (q0 + q) * p, g->Z + i * p, il2, p), &f, &h);
        Ks[q * n + i] = s2 * f; /* column q of an n x m column-major matrix */
        acc += s2 * f * g->alpha[i];
      }
      mean[q0 + q] = g->ymean + g->ysd * acc;
    }
    if (sd) {
      mge_chol_lower_solve(g->L, (int)n, (int)m_, Ks);
      for (size_t q = 0; q < m_; q++) {
        double v = s2;
        for (size_t i = 0; i < n; i++) v -= Ks[q * n + i] * Ks[q * n + i];
        sd[q0 + q] = g->ysd * sqrt(v > 0 ? v : 0);
      }
    }
  }
  free(il2);
  free(Ks);
  return MGE_OK;
}

void learn_gp_free(learn_gp *g) {
  free(g->Z);
  free(g->alpha);
  free(g->L);
  free(g->theta);
  memset(g, 0, sizeof *g);
}

int learn_gp_condition(const learn_gp *src, mge_gp_kernel kernel, size_t p,
                       const double *Z, const double *y, size_t n,
                       learn_gp *out, mge_error *err) {
  learn_gp *g = out;
  memset(g, 0, sizeof *g);
  g->Z = malloc(n * p * sizeof *g->Z);
  g->theta = malloc((p + 2) * sizeof *g->theta);
  g->alpha = malloc(n * sizeof *g->alpha);
  int rc = MGE_OK;
  if (!g->Z || !g->theta || !g->alpha) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto fail;
  }
  memcpy(g->Z, Z, n * p * sizeof *g->Z);
  memcpy(g->theta, src->theta, (p + 2) * sizeof *g->theta);
  g->n = n;
  g->ymean = src->ymean;
  g->ysd = src->ysd;
  g->log_ml = NAN;
  rc = learn_gp_factor(g, kernel, p, err);
  if (rc) goto fail;
  for (size_t i = 0; i < n; i++) g->alpha[i] = (y[i] - g->ymean) / g->ysd;
  mge_chol_solve(g->L, (int)n, 1, g->alpha);
  return MGE_OK;
fail:
  learn_gp_free(g);
  return rc;
}
