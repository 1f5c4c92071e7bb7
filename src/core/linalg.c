/* Dense linear algebra (see mge/linalg.h): the library's only LAPACK
 * declarations, thin wrappers around them, and the small LU used where
 * dgesv's per-call cost dominates. */
#include "mge/linalg.h"

#include <math.h>
#include <stddef.h>

/* LAPACK (Fortran symbols, arguments by reference, column-major). */
extern void dpotrf_(const char *uplo, const int *n, double *a, const int *lda,
                    int *info);
extern void dpotrs_(const char *uplo, const int *n, const int *nrhs,
                    const double *a, const int *lda, double *b, const int *ldb,
                    int *info);
extern void dpotri_(const char *uplo, const int *n, double *a, const int *lda,
                    int *info);
extern void dtrtrs_(const char *uplo, const char *trans, const char *diag,
                    const int *n, const int *nrhs, const double *a,
                    const int *lda, double *b, const int *ldb, int *info);
extern void dposv_(const char *uplo, const int *n, const int *nrhs, double *a,
                   const int *lda, double *b, const int *ldb, int *info);
extern void dgesv_(const int *n, const int *nrhs, double *a, const int *lda,
                   int *ipiv, double *b, const int *ldb, int *info);
extern void dgels_(const char *trans, const int *m, const int *n,
                   const int *nrhs, double *a, const int *lda, double *b,
                   const int *ldb, double *work, const int *lwork, int *info);
/* OpenBLAS only: weak, so that another BLAS links too (then it is NULL). */
extern void openblas_set_num_threads(int n) __attribute__((weak));

/* The leading dimension LAPACK requires: max(1, n). */
static int ld(int n) {
  return n > 1 ? n : 1;
}

int mge_chol_factor(double *A, int n) {
  if (n < 0) return -1;
  int info = 0, lda = ld(n);
  dpotrf_("L", &n, A, &lda, &info);
  return info;
}

int mge_chol_solve(const double *L, int n, int nrhs, double *B) {
  if (n < 0 || nrhs < 0) return -1;
  int info = 0, lda = ld(n);
  dpotrs_("L", &n, &nrhs, L, &lda, B, &lda, &info);
  return info;
}

int mge_chol_lower_solve(const double *L, int n, int nrhs, double *B) {
  if (n < 0 || nrhs < 0) return -1;
  int info = 0, lda = ld(n);
  dtrtrs_("L", "N", "N", &n, &nrhs, L, &lda, B, &lda, &info);
  return info;
}

int mge_chol_inverse(double *L, int n) {
  if (n < 0) return -1;
  int info = 0, lda = ld(n);
  dpotri_("L", &n, L, &lda, &info);
  if (info) return info;
  /* dpotri fills the lower triangle (column-major): mirror it */
  for (size_t j = 0; j < (size_t)n; j++)
    for (size_t i = j + 1; i < (size_t)n; i++)
      L[i * (size_t)n + j] = L[j * (size_t)n + i];
  return 0;
}

int mge_spd_solve(double *A, int n, int nrhs, double *B) {
  if (n < 0 || nrhs < 0) return -1;
  int info = 0, lda = ld(n);
  dposv_("L", &n, &nrhs, A, &lda, B, &lda, &info);
  return info;
}

/* LU with partial pivoting (the first largest pivot, as dgetf2) and the
 * solve, in place. */
static int small_lu_solve(double *A, double *b, int n) {
  for (int k = 0; k < n; k++) {
    double *ck = A + (size_t)k * n;
    int p = k;
    double amax = fabs(ck[k]);
    for (int i = k + 1; i < n; i++)
      if (fabs(ck[i]) > amax) {
        amax = fabs(ck[i]);
        p = i;
      }
    if (amax == 0) return k + 1;
    if (p != k) {
      for (int j = 0; j < n; j++) {
        double *c = A + (size_t)j * n, t = c[k];
        c[k] = c[p];
        c[p] = t;
      }
      double t = b[k];
      b[k] = b[p];
      b[p] = t;
    }
    double inv = 1.0 / ck[k];
    for (int i = k + 1; i < n; i++) ck[i] *= inv;
    for (int j = k + 1; j < n; j++) {
      double *cj = A + (size_t)j * n, f = cj[k];
      if (f != 0)
        for (int i = k + 1; i < n; i++) cj[i] -= f * ck[i];
    }
    double f = b[k];
    if (f != 0)
      for (int i = k + 1; i < n; i++) b[i] -= f * ck[i];
  }
  for (int k = n - 1; k >= 0; k--) {
    const double *ck = A + (size_t)k * n;
    b[k] /= ck[k];
    double f = b[k];
    for (int i = 0; i < k; i++) b[i] -= f * ck[i];
  }
  return 0;
}

int mge_lu_solve(double *A, int n, double *b, int *ipiv) {
  if (n < 0) return -1;
  if (n <= MGE_LU_SMALL) return small_lu_solve(A, b, n);
  if (!ipiv) return -1;
  int nrhs = 1, info = 0;
  dgesv_(&n, &nrhs, A, &n, ipiv, b, &n, &info);
  return info;
}

int mge_lstsq_work_min(int m, int n) {
  int mn = m < n ? m : n;
  return mn > 0 ? 2 * mn : 1;
}

int mge_lstsq(double *A, int m, int n, double *b, double *work, int lwork) {
  if (n < 0 || m < n || lwork < mge_lstsq_work_min(m, n)) return -1;
  int nrhs = 1, info = 0, lda = ld(m);
  dgels_("N", &m, &n, &nrhs, A, &lda, b, &lda, work, &lwork, &info);
  return info;
}

void mge_blas_threads(int n) {
  if (openblas_set_num_threads) openblas_set_num_threads(n);
}
