/* A Levenberg-Marquardt driver for small problems (its linear algebra:
 * mge/linalg.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glass/glass_internal.h"
#include "mge/linalg.h"

static double sumsq(const double *r, int m) {
  double s = 0;
  for (int i = 0; i < m; i++) s += r[i] * r[i];
  return s;
}

static int eval_jac(glass_lm_fn fn, void *ctx, int m, int np, const double *p,
                    double *r, double *J, double *rt, const glass_lm_opts *o) {
  if (!o->fd_jac) return fn(p, r, J, ctx);
  int rc = fn(p, r, NULL, ctx);
  if (rc) return rc;
  double pt[8];
  memcpy(pt, p, (size_t)np * sizeof *p);
  double h0 = o->fd_step > 0 ? o->fd_step : 1e-6;
  for (int k = 0; k < np; k++) {
    double h = h0 * (fabs(p[k]) > 1e-3 ? fabs(p[k]) : 1e-3);
    pt[k] = p[k] + h;
    rc = fn(pt, rt, NULL, ctx);
    pt[k] = p[k];
    if (rc) return rc;
    for (int i = 0; i < m; i++) J[i * np + k] = (rt[i] - r[i]) / h;
  }
  return 0;
}

int glass_lm(glass_lm_fn fn, void *ctx, int m, int np, double *p,
             const glass_lm_opts *o, double *chi2, double *cov, int *iters,
             mge_error *err) {
  if (np < 1 || np > 8 || m < np)
    return mge_error_set(err, MGE_E_INPUT,
                         "fit needs at least %d data for %d parameters", np,
                         np);
  double *r = malloc((size_t)m * sizeof *r);
  double *rt = malloc((size_t)m * sizeof *rt);
  double *J = malloc((size_t)m * (size_t)np * sizeof *J);
  if (!r || !rt || !J) {
    free(r), free(rt), free(J);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory in fit");
  }
  double lambda = o->lambda0 > 0 ? o->lambda0 : 1e-3;
  int rc = eval_jac(fn, ctx, m, np, p, r, J, rt, o);
  int it = 0, status = MGE_OK;
  double f = rc ? INFINITY : sumsq(r, m);
  if (rc || !isfinite(f)) {
    status = mge_error_set(err, MGE_E_CONVERGE,
                           "fit: model undefined at the starting point");
    goto done;
  }
  for (it = 1; it <= o->max_iter; it++) {
    double A[64], g[8], JtJ[64];
    for (int a = 0; a < np; a++) {
      g[a] = 0;
      for (int b = 0; b < np; b++) JtJ[a * np + b] = 0;
    }
    for (int i = 0; i < m; i++) {
      const double *Ji = J + (size_t)i * np;
      for (int a = 0; a < np; a++) {
        g[a] -= Ji[a] * r[i];
        for (int b = 0; b <= a; b++) JtJ[a * np + b] += Ji[a] * Ji[b];
      }
    }
    for (int a = 0; a < np; a++)
      for (int b = 0; b < a; b++) JtJ[b * np + a] = JtJ[a * np + b];
    int accepted = 0;
    double step_rel = 0;
    for (int tries = 0; tries < 30 && !accepted; tries++) {
      double dp[8], pt[8];
      memcpy(A, JtJ, sizeof(double) * (size_t)(np * np));
      for (int a = 0; a < np; a++) {
        double d = JtJ[a * np + a];
        A[a * np + a] = d + lambda * (d > 0 ? d : 1.0);
        dp[a] = g[a];
      }
      if (mge_spd_solve(A, np, 1, dp) != 0) {
        lambda *= 10;
        continue;
      }
      step_rel = 0;
      for (int a = 0; a < np; a++) {
        pt[a] = p[a] + dp[a];
        double s = fabs(dp[a]) / (fabs(p[a]) + 1e-12);
        if (s > step_rel) step_rel = s;
      }
      if (fn(pt, rt, NULL, ctx) == 0) {
        double ft = sumsq(rt, m);
        if (isfinite(ft) && ft <= f) {
          memcpy(p, pt, (size_t)np * sizeof *p);
          double fold = f;
          f = ft;
          accepted = 1;
          lambda = lambda / 3 > 1e-12 ? lambda / 3 : 1e-12;
          if (eval_jac(fn, ctx, m, np, p, r, J, rt, o)) {
            status = mge_error_set(err, MGE_E_CONVERGE,
                                   "fit: model failed during iteration");
            goto done;
          }
          if (fold - f <= o->tol * (f + 1e-30)) goto converged;
          break;
        }
      }
      lambda *= 10;
    }
    if (!accepted) goto converged; /* no downhill step: at a minimum */
    if (step_rel < o->tol) goto converged;
  }
  status = mge_error_set(err, MGE_E_CONVERGE,
                         "fit did not converge in %d iterations", o->max_iter);
  goto done;
converged:
  if (cov) {
    double JtJ[64];
    for (int a = 0; a < np * np; a++) JtJ[a] = 0;
    for (int i = 0; i < m; i++)
      for (int a = 0; a < np; a++)
        for (int b = 0; b < np; b++)
          JtJ[a * np + b] += J[(size_t)i * np + a] * J[(size_t)i * np + b];
    if (mge_chol_factor(JtJ, np) == 0 && mge_chol_inverse(JtJ, np) == 0)
      memcpy(cov, JtJ, sizeof(double) * (size_t)(np * np));
    else
      for (int a = 0; a < np * np; a++) cov[a] = NAN;
  }
done:
  if (chi2) *chi2 = f;
  if (iters) *iters = it;
  free(r), free(rt), free(J);
  return status;
}
