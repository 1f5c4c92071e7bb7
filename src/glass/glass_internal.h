/* Internal helpers of the glass module (not installed). */
#ifndef MGE_GLASS_INTERNAL_H
#define MGE_GLASS_INTERNAL_H

#include "glass/tables.h"
#include "mge/glass.h"

/* Index of an oxide in glass_oxides by formula text, or -1. */
int glass_oxide_index(const char *formula);

/* Mole fractions of recipe r over glass_oxides (x, capacity GLASS_NOX);
 * *x_unknown receives the total fraction of unrecognised compounds. Fails
 * with MGE_E_INPUT on an empty recipe, bad or non-normalised fractions. */
int glass_recipe_vector(const mge_recipe *r, double *x, double *x_unknown,
                        mge_error *err);

/* Fluegel density (g/cm3) from a vector; warn receives bits. */
double glass_fluegel_density(const double *x, double x_unknown, unsigned *warn);

/* Levenberg-Marquardt on residuals r(p) (m residuals, np <= 8 params).
 * fn fills r (length m) and, if J != NULL, the Jacobian J (m x np, row
 * major); when J is NULL the caller wants residuals only. With fd_jac set
 * the Jacobian is taken by forward differences instead. cov (np*np) gets
 * (J^T J)^-1 at the solution (may be NULL). Returns MGE_OK, MGE_E_CONVERGE
 * or MGE_E_NOMEM. */
typedef int (*glass_lm_fn)(const double *p, double *r, double *J, void *ctx);
typedef struct glass_lm_opts {
  int max_iter;
  double tol;     /* relative change in chi2 and in step */
  int fd_jac;     /* 1: forward-difference Jacobian */
  double fd_step; /* relative step for fd_jac (default 1e-6) */
  double lambda0; /* initial damping (default 1e-3) */
} glass_lm_opts;
int glass_lm(glass_lm_fn fn, void *ctx, int m, int np, double *p,
             const glass_lm_opts *o, double *chi2, double *cov, int *iters,
             mge_error *err);

#endif
