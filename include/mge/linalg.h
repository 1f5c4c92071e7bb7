/* mge linalg: the dense linear algebra of the library, and the one place
 * that declares LAPACK (src/core/linalg.c; nowhere else calls a Fortran
 * symbol). Each function is a thin, documented wrapper of one LAPACK
 * routine (or of a small hand-written kernel where LAPACK's per-call cost
 * dominates), called with the arguments the library uses.
 *
 * Storage: matrices are dense, n x n with leading dimension n, in LAPACK's
 * column-major order unless a function says otherwise; a right-hand side B
 * of nrhs columns is n x nrhs column-major (one vector when nrhs is 1). A
 * symmetric matrix is the same in either order, so a row-major caller may
 * pass one as it is: the "lower triangle, column-major" that the Cholesky
 * functions read and write is the upper triangle of the row-major array.
 *
 * Status: every function returns 0 on success; a positive k when the matrix
 * is numerically unfit (LAPACK's info: the leading minor of order k is not
 * positive definite, or the k-th pivot is exactly zero); and -1 for an
 * invalid argument (a negative size, a workspace too small). Nothing
 * aborts or prints: the caller decides what a failure means.
 *
 * Thread safety: reentrant (no state of its own); outputs must not alias
 * inputs other than the documented in-place ones. The BLAS underneath may
 * use threads of its own; see mge_blas_threads.
 */
#ifndef MGE_LINALG_H
#define MGE_LINALG_H

#include <math.h>

#include "mge/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Cholesky factorisation A = L L^T in place (LAPACK dpotrf, lower): on
 * return the lower triangle of A (column-major) holds L; the strict upper
 * triangle is not referenced and keeps its values. Returns 0, or k > 0 if
 * the leading minor of order k is not positive definite. */
MGE_API int mge_chol_factor(double *A, int n);

/* Solve A X = B with the factor L of mge_chol_factor (LAPACK dpotrs); B
 * (n x nrhs) is overwritten with X. */
MGE_API int mge_chol_solve(const double *L, int n, int nrhs, double *B);

/* Solve L X = B only (the forward half of mge_chol_solve; LAPACK dtrtrs,
 * lower, no transpose, non-unit diagonal), e.g. for v = L^-1 k in a
 * Gaussian-process variance k* - v.v. Returns k > 0 if L(k,k) is zero. */
MGE_API int mge_chol_lower_solve(const double *L, int n, int nrhs, double *B);

/* The inverse of A from its factor L (LAPACK dpotri), in place: on return
 * all of L holds A^-1, both triangles (symmetric, so row-major readers
 * may index it either way). Returns k > 0 if L(k,k) is zero. */
MGE_API int mge_chol_inverse(double *L, int n);

/* Solve the symmetric positive definite system A X = B (LAPACK dposv:
 * dpotrf then dpotrs): A is overwritten with its factor as by
 * mge_chol_factor, B (n x nrhs) with X. Returns 0, or k > 0 if the leading
 * minor of order k is not positive definite (B is then unchanged). */
MGE_API int mge_spd_solve(double *A, int n, int nrhs, double *B);

/* Up to this order mge_lu_solve eliminates in C instead of calling dgesv:
 * for small systems dgesv's per-call cost (argument checks, workspace
 * under a lock, one BLAS call per column) dominates, and skipping zero
 * multipliers halves the work on block-structured matrices such as the
 * equilibrium Newton Jacobian (docs/thermo.md, Performance). */
#define MGE_LU_SMALL 64

/* Solve the general system A x = b (one right-hand side) by LU with partial
 * pivoting, in place: A (n x n, column-major) is overwritten with its
 * factors, b with x. Up to MGE_LU_SMALL the elimination is the C loop of
 * LAPACK's dgetf2 (first largest pivot; the same pivots as dgesv); above
 * it, LAPACK dgesv, with ipiv (n ints) as its pivot workspace (ipiv may be
 * NULL when n <= MGE_LU_SMALL). Returns 0, or k > 0 if the k-th pivot is
 * exactly zero (A singular; b is then partly eliminated). */
MGE_API int mge_lu_solve(double *A, int n, double *b, int *ipiv);

/* Minimum workspace, in doubles, of mge_lstsq for an m x n problem:
 * 2 min(m, n) (and at least 1). More lets LAPACK use blocked code; the
 * result then may differ in the last bits. */
MGE_API int mge_lstsq_work_min(int m, int n);

/* Linear least squares with m >= n: the x minimising |A x - b|_2 for A of
 * full rank n (LAPACK dgels, no transpose, QR). A (m x n, column-major,
 * leading dimension m) is overwritten with its QR factors; b (m values) on
 * return holds x in its first n entries (the rest: the residual in Q
 * coordinates). work (lwork doubles, at least mge_lstsq_work_min) is
 * scratch. Returns 0, k > 0 if R(k,k) is zero (A rank-deficient), or -1
 * for m < n or a short workspace. */
MGE_API int mge_lstsq(double *A, int m, int n, double *b, double *work,
                      int lwork);

/* Small symmetric positive definite systems in C, row-major, for orders
 * where LAPACK's per-call cost dominates (a laminate's 6 x 6 ABD system
 * solved millions of times in a layup search, a phase's reduced Hessian in
 * every equilibrium step). Inline, so that a constant n unrolls.
 *
 * mge_chol_small_factor: A = L L^T in place, column by column (Crout
 * order, one division per column: the column is scaled by the reciprocal
 * of its pivot); L is written over the lower triangle of the row-major A (the
 * strict upper triangle is not referenced). Returns 0, or k > 0 if pivot k
 * (the diagonal left at step k, before its square root) is not above
 * rel_tol times the original A(k,k) (rel_tol 0: not positive; NaN fails
 * too), i.e. A is not (numerically) positive definite. */
static inline int mge_chol_small_factor(double *A, int n, double rel_tol) {
  for (int j = 0; j < n; j++) {
    double a = A[j * n + j], d = a;
    for (int k = 0; k < j; k++) d -= A[j * n + k] * A[j * n + k];
    if (!(rel_tol > 0 ? d > rel_tol * a : d > 0)) return j + 1;
    d = sqrt(d);
    A[j * n + j] = d;
    double id = 1.0 / d;
    for (int i = j + 1; i < n; i++) {
      double v = A[i * n + j];
      for (int k = 0; k < j; k++) v -= A[i * n + k] * A[j * n + k];
      A[i * n + j] = v * id;
    }
  }
  return 0;
}

/* Solve A x = b with the factor of mge_chol_small_factor; b is
 * overwritten with x. */
static inline void mge_chol_small_solve(const double *L, int n, double *b) {
  for (int i = 0; i < n; i++) {
    double v = b[i];
    for (int k = 0; k < i; k++) v -= L[i * n + k] * b[k];
    b[i] = v / L[i * n + i];
  }
  for (int i = n - 1; i >= 0; i--) {
    double v = b[i];
    for (int k = i + 1; k < n; k++) v -= L[k * n + i] * b[k];
    b[i] = v / L[i * n + i];
  }
}

/* Ask the BLAS to use n threads for its own calls (OpenBLAS's
 * openblas_set_num_threads, when the library linked is OpenBLAS; nothing
 * otherwise). Commands that parallelise over their own work (mge_pool)
 * call it with 1 so that the BLAS does not start threads inside threads.
 * Process-wide: call it before starting threads, not from them. */
MGE_API void mge_blas_threads(int n);

#ifdef __cplusplus
}
#endif

#endif
