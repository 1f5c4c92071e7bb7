/* Ridge regression on standardized features: minimize
 * |y - b0 - Z b|^2 + alpha |b|^2 (the intercept is not penalized). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_internal.h"
#include "mge/linalg.h"

int learn_ridge_fit(mge_regressor *m, const double *Z, const double *y,
                    size_t n, mge_error *err) {
  size_t p = m->p;
  double *A = calloc(p * p, sizeof *A), *b = calloc(p + 1, sizeof *b);
  double *zm = calloc(p, sizeof *zm);
  if (!A || !b || !zm) {
    free(A);
    free(b);
    free(zm);
    return mge_error_set(err, MGE_E_NOMEM, "ridge: out of memory");
  }
  double ym = 0;
  for (size_t i = 0; i < n; i++) {
    ym += y[i];
    for (size_t j = 0; j < p; j++) zm[j] += Z[i * p + j];
  }
  ym /= (double)n;
  for (size_t j = 0; j < p; j++) zm[j] /= (double)n;
  for (size_t i = 0; i < n; i++) {
    const double *z = Z + i * p;
    double r = y[i] - ym;
    for (size_t j = 0; j < p; j++) {
      double zj = z[j] - zm[j];
      b[j] += zj * r;
      for (size_t k = 0; k <= j; k++) A[j * p + k] += zj * (z[k] - zm[k]);
    }
  }
  for (size_t j = 0; j < p; j++) {
    for (size_t k = 0; k < j; k++) A[k * p + j] = A[j * p + k];
    A[j * p + j] += m->opts.ridge_alpha;
  }
  int info = mge_spd_solve(A, (int)p, 1, b);
  free(A);
  if (info != 0) {
    free(b);
    free(zm);
    return mge_error_set(err, MGE_E_CONVERGE,
                         "ridge: normal equations are singular (alpha %g)",
                         m->opts.ridge_alpha);
  }
  double b0 = ym;
  for (size_t j = 0; j < p; j++) b0 -= zm[j] * b[j];
  b[p] = b0;
  free(zm);
  m->ridge.beta = b;
  return MGE_OK;
}

void learn_ridge_predict(const mge_regressor *m, const double *Z, size_t n,
                         double *mean) {
  size_t p = m->p;
  const double *b = m->ridge.beta;
  for (size_t i = 0; i < n; i++) {
    double s = b[p];
    for (size_t j = 0; j < p; j++) s += Z[i * p + j] * b[j];
    mean[i] = s;
  }
}
