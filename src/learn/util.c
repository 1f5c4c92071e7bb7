#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_internal.h"

uint64_t learn_splitmix64(uint64_t *state) {
  uint64_t z = mge_mix64(*state);
  *state += 0x9e3779b97f4a7c15ULL;
  return z;
}

double learn_uniform(uint64_t *state) {
  return (double)(learn_splitmix64(state) >> 11) * 0x1.0p-53;
}

int learn_scaler_fit(learn_scaler *s, const double *X, size_t n, size_t p) {
  s->p = p;
  s->mean = calloc(p ? p : 1, sizeof *s->mean);
  s->sd = calloc(p ? p : 1, sizeof *s->sd);
  if (!s->mean || !s->sd) {
    learn_scaler_free(s);
    return MGE_E_NOMEM;
  }
  for (size_t j = 0; j < p; j++) {
    double sum = 0, sum2 = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      double v = X[i * p + j];
      if (!isfinite(v)) continue;
      sum += v;
      k++;
    }
    double mu = k ? sum / (double)k : 0.0;
    for (size_t i = 0; i < n; i++) {
      double v = X[i * p + j];
      if (isfinite(v)) sum2 += (v - mu) * (v - mu);
    }
    double sd = k > 1 ? sqrt(sum2 / (double)(k - 1)) : 0.0;
    s->mean[j] = mu;
    s->sd[j] = sd > 1e-12 * (1.0 + fabs(mu)) ? sd : 1.0;
  }
  return MGE_OK;
}

void learn_scaler_apply(const learn_scaler *s, const double *X, size_t n,
                        double *Z) {
  size_t p = s->p;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < p; j++) {
      double v = X[i * p + j];
      Z[i * p + j] = isfinite(v) ? (v - s->mean[j]) / s->sd[j] : 0.0;
    }
}

void learn_scaler_free(learn_scaler *s) {
  free(s->mean);
  free(s->sd);
  s->mean = s->sd = NULL;
}

/* ------------------------------------------------------------- L-BFGS */

#define LBFGS_M 8

int learn_lbfgs(learn_fg_fn fg, void *ctx, double *x, size_t n, int max_iter,
                double gtol, double *fx) {
  double *g = malloc(n * sizeof *g), *d = malloc(n * sizeof *d);
  double *xn = malloc(n * sizeof *xn), *gn = malloc(n * sizeof *gn);
  double *S = malloc(LBFGS_M * n * sizeof *S);
  double *Y = malloc(LBFGS_M * n * sizeof *Y);
  double rho[LBFGS_M], a[LBFGS_M];
  int rc = MGE_OK;
  if (!g || !d || !xn || !gn || !S || !Y) {
    rc = MGE_E_NOMEM;
    goto done;
  }
  double f = fg(x, g, ctx);
  if (!isfinite(f)) {
    rc = MGE_E_CONVERGE;
    goto done;
  }
  int k = 0; /* stored pairs */
  int head = 0;
  for (int it = 0; it < max_iter; it++) {
    double gmax = 0;
    for (size_t i = 0; i < n; i++) gmax = fmax(gmax, fabs(g[i]));
    if (gmax < gtol) break;
    /* two-loop recursion: d = -H g */
    for (size_t i = 0; i < n; i++) d[i] = -g[i];
    for (int j = 0; j < k; j++) {
      int idx = (head - 1 - j + LBFGS_M) % LBFGS_M;
      double s = 0;
      for (size_t i = 0; i < n; i++) s += S[idx * n + i] * d[i];
      a[idx] = rho[idx] * s;
      for (size_t i = 0; i < n; i++) d[i] -= a[idx] * Y[idx * n + i];
    }
    if (k > 0) {
      int last = (head - 1 + LBFGS_M) % LBFGS_M;
      double sy = 0, yy = 0;
      for (size_t i = 0; i < n; i++) {
        sy += S[last * n + i] * Y[last * n + i];
        yy += Y[last * n + i] * Y[last * n + i];
      }
      double gamma = sy / yy;
      for (size_t i = 0; i < n; i++) d[i] *= gamma;
    } else {
      double gn2 = 0;
      for (size_t i = 0; i < n; i++) gn2 += g[i] * g[i];
      double scale = 1.0 / fmax(1.0, sqrt(gn2));
      for (size_t i = 0; i < n; i++) d[i] *= scale;
    }
    for (int j = k - 1; j >= 0; j--) {
      int idx = (head - 1 - j + LBFGS_M) % LBFGS_M;
      double s = 0;
      for (size_t i = 0; i < n; i++) s += Y[idx * n + i] * d[i];
      double b = rho[idx] * s;
      for (size_t i = 0; i < n; i++) d[i] += (a[idx] - b) * S[idx * n + i];
    }
    double gd = 0;
    for (size_t i = 0; i < n; i++) gd += g[i] * d[i];
    if (!(gd < 0)) { /* not a descent direction: restart with -g */
      k = 0;
      for (size_t i = 0; i < n; i++) d[i] = -g[i];
      gd = 0;
      for (size_t i = 0; i < n; i++) gd -= g[i] * g[i];
    }
    double step = 1.0, fn = NAN;
    int ok = 0;
    for (int ls = 0; ls < 30; ls++) {
      for (size_t i = 0; i < n; i++) xn[i] = x[i] + step * d[i];
      fn = fg(xn, gn, ctx);
      if (isfinite(fn) && fn <= f + 1e-4 * step * gd) {
        ok = 1;
        break;
      }
      step *= 0.5;
    }
    if (!ok) break; /* no further progress */
    double sy = 0;
    for (size_t i = 0; i < n; i++) {
      S[head * n + i] = xn[i] - x[i];
      Y[head * n + i] = gn[i] - g[i];
      sy += S[head * n + i] * Y[head * n + i];
    }
    double df = f - fn;
    memcpy(x, xn, n * sizeof *x);
    memcpy(g, gn, n * sizeof *g);
    f = fn;
    if (sy > 1e-12) {
      rho[head] = 1.0 / sy;
      head = (head + 1) % LBFGS_M;
      if (k < LBFGS_M) k++;
    }
    if (df < 1e-10 * (1.0 + fabs(f))) break;
  }
  *fx = f;
done:
  free(g);
  free(d);
  free(xn);
  free(gn);
  free(S);
  free(Y);
  return rc;
}
