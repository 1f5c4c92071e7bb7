/* Internal pieces of the learn module. */
#ifndef MGE_LEARN_INTERNAL_H
#define MGE_LEARN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mge/learn.h"

/* Column standardization: mean and sd per column (sd 1 for constant
 * columns), NaN entries ignored (and imputed with the mean). */
typedef struct learn_scaler {
  size_t p;
  double *mean;
  double *sd;
} learn_scaler;

int learn_scaler_fit(learn_scaler *s, const double *X, size_t n, size_t p);
/* Z[i*p+j] = (X - mean) / sd, NaN -> 0. */
void learn_scaler_apply(const learn_scaler *s, const double *X, size_t n,
                        double *Z);
void learn_scaler_free(learn_scaler *s);

/* splitmix64 step: the project's counter-based generator for seeds. */
uint64_t learn_splitmix64(uint64_t *state);
double learn_uniform(uint64_t *state); /* in [0, 1) */

/* L-BFGS minimization of f(x) (n variables) with a backtracking Armijo line
 * search. fg returns f and fills g; a non-finite f is treated as a failed
 * step. Returns 0 when converged (|g|_inf < gtol or no further progress),
 * with x the best point found and *fx its value. */
typedef double (*learn_fg_fn)(const double *x, double *g, void *ctx);
int learn_lbfgs(learn_fg_fn fg, void *ctx, double *x, size_t n, int max_iter,
                double gtol, double *fx);

/* Per-kind implementations. */
typedef struct learn_ridge {
  double *beta; /* p + 1: intercept last */
} learn_ridge;

typedef struct learn_gp {
  double *Z;     /* n x p standardized training inputs */
  double *alpha; /* K^-1 (y - ymean) / ysd */
  double *L;     /* Cholesky factor of K (n x n, lower) */
  double *theta; /* p + 2 */
  double log_ml;
  double ymean, ysd;
  size_t n;
} learn_gp;

typedef struct learn_xgb {
  int members;
  void **booster; /* BoosterHandle[members] */
} learn_xgb;

struct mge_regressor {
  mge_learn_opts opts;
  size_t p;
  learn_scaler scaler;
  learn_ridge ridge;
  learn_gp gp;
  learn_xgb xgb;
};

int learn_ridge_fit(mge_regressor *m, const double *Z, const double *y,
                    size_t n, mge_error *err);
void learn_ridge_predict(const mge_regressor *m, const double *Z, size_t n,
                         double *mean);

/* The GP on standardized inputs Z (n x p), alone: gp.c knows nothing of
 * mge_regressor (regressor.c dispatches to it, never the other way). */
int learn_gp_fit(learn_gp *g, const mge_learn_opts *o, const double *Z,
                 const double *y, size_t n, size_t p, mge_error *err);
int learn_gp_predict(const learn_gp *g, mge_gp_kernel kernel, size_t p,
                     const double *Z, size_t nq, double *mean, double *sd,
                     mge_error *err);
void learn_gp_free(learn_gp *g);
/* *out: a GP with src's hyperparameters and target scaling conditioned on
 * new standardized data Z (n x p), y: no hyperparameter search. On failure
 * *out is empty (freed). */
int learn_gp_condition(const learn_gp *src, mge_gp_kernel kernel, size_t p,
                       const double *Z, const double *y, size_t n,
                       learn_gp *out, mge_error *err);
/* Factor K(theta) of the stored inputs into g->L (allocated if NULL). */
int learn_gp_factor(learn_gp *g, mge_gp_kernel kernel, size_t p,
                    mge_error *err);

/* A GP regressor with m's hyperparameters and pipeline (scaler, options)
 * conditioned on new data X (n x p raw features), y: the kriging-believer
 * step of bo.c. m must be a GP (regressor.c). */
int learn_regressor_condition(const mge_regressor *m, const double *X,
                              const double *y, size_t n, mge_regressor **out,
                              mge_error *err);

int learn_xgb_fit(mge_regressor *m, const double *X, const double *y, size_t n,
                  mge_error *err);
int learn_xgb_predict(const mge_regressor *m, const double *X, size_t n,
                      double *mean, double *sd, mge_error *err);
int learn_xgb_save(const mge_regressor *m, int member, char **json, size_t *len,
                   mge_error *err);
int learn_xgb_load(mge_regressor *m, int member, const char *json, size_t len,
                   mge_error *err);
void learn_xgb_free(learn_xgb *x);

#endif
