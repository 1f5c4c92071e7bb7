/* Tests of the dense linear algebra wrappers (src/core/linalg.c): small
 * systems with known exact answers, the failure statuses (not positive
 * definite, singular, rank-deficient, bad arguments) and both paths of the
 * LU solve (the C elimination up to MGE_LU_SMALL, dgesv above), and the
 * inline small Cholesky. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>
#include <math.h>

#include "mge/linalg.h"

#define TOL 1e-12

/* |x - y| <= tol in double precision (cmocka's assert_float_equal
 * compares floats); tol 0 asks for equality. */
#define assert_near(x, y, tol) assert_true(fabs((double)(x) - (y)) <= (tol))

/* The worked example of Wikipedia, "Cholesky decomposition" (Example):
 * A = L L^T with integer L, so every step is exact in binary floating
 * point. Symmetric: the same array in row- and column-major order. */
static const double CHOL_A[9] = {4, 12, -16, 12, 37, -43, -16, -43, 98};
static const double CHOL_L[3][3] = {{2, 0, 0}, {6, 1, 0}, {-8, 5, 3}};

static void test_chol_factor_solve(void **st) {
  (void)st;
  double A[9];
  memcpy(A, CHOL_A, sizeof A);
  assert_int_equal(mge_chol_factor(A, 3), 0);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j <= i; j++) /* L(i,j) at column-major j*3+i */
      assert_near(A[j * 3 + i], CHOL_L[i][j], 0);
  /* the strict upper triangle (column-major) is left as it was */
  assert_near(A[1 * 3 + 0], 12, 0);
  assert_near(A[2 * 3 + 0], -16, 0);
  assert_near(A[2 * 3 + 1], -43, 0);
  /* x = (1, 2, 3): b = A x = (-20, -43, 192); and a second column
   * x = (1, 0, 0): b = the first column of A */
  double B[6] = {-20, -43, 192, 4, 12, -16};
  assert_int_equal(mge_chol_solve(A, 3, 2, B), 0);
  const double X[6] = {1, 2, 3, 1, 0, 0};
  for (int i = 0; i < 6; i++) assert_near(B[i], X[i], TOL);
  /* forward half: L (1, 1, 1) = (2, 7, 0) */
  double v[3] = {2, 7, 0};
  assert_int_equal(mge_chol_lower_solve(A, 3, 1, v), 0);
  for (int i = 0; i < 3; i++) assert_near(v[i], 1, TOL);
}

static void test_chol_inverse(void **st) {
  (void)st;
  double A[9];
  memcpy(A, CHOL_A, sizeof A);
  assert_int_equal(mge_chol_factor(A, 3), 0);
  assert_int_equal(mge_chol_inverse(A, 3), 0);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      /* both triangles filled, symmetric */
      assert_near(A[i * 3 + j], A[j * 3 + i], 0);
      double s = 0; /* (A^-1 A)(i,j) */
      for (int k = 0; k < 3; k++) s += A[i * 3 + k] * CHOL_A[k * 3 + j];
      assert_near(s, i == j ? 1.0 : 0.0, 1e-10);
    }
  /* A^-1(0,0) = 49.36111... exactly 1777/36 (the adjugate's cofactor
   * 37*98 - 43*43 = 1777 over det A = 36 = (2*1*3)^2) */
  assert_near(A[0], 1777.0 / 36.0, 1e-10);
}

static void test_chol_not_pd(void **st) {
  (void)st;
  /* [[1, 2], [2, 1]]: eigenvalues 3 and -1; the first minor is fine, the
   * second (det -3) is not */
  double A[4] = {1, 2, 2, 1};
  assert_int_equal(mge_chol_factor(A, 2), 2);
  double N[4] = {-1, 0, 0, 1};
  assert_int_equal(mge_chol_factor(N, 2), 1);
  double S[4] = {1, 2, 2, 1}, b[2] = {5, 7};
  assert_int_equal(mge_spd_solve(S, 2, 1, b), 2);
  assert_near(b[0], 5, 0); /* dposv leaves b alone on failure */
  assert_near(b[1], 7, 0);
  /* a zero on the diagonal of a factor */
  double Z[4] = {1, 0, 0, 0}, z[2] = {1, 1};
  assert_int_equal(mge_chol_lower_solve(Z, 2, 1, z), 2);
  assert_int_equal(mge_chol_inverse(Z, 2), 2);
  /* bad sizes; n = 0 is an empty, successful call */
  assert_int_equal(mge_chol_factor(A, -1), -1);
  assert_int_equal(mge_chol_solve(A, 2, -1, b), -1);
  assert_int_equal(mge_spd_solve(A, -2, 1, b), -1);
  assert_int_equal(mge_chol_factor(A, 0), 0);
}

static void test_spd_solve(void **st) {
  (void)st;
  double A[9], b[3] = {-20, -43, 192};
  memcpy(A, CHOL_A, sizeof A);
  assert_int_equal(mge_spd_solve(A, 3, 1, b), 0);
  for (int i = 0; i < 3; i++) assert_near(b[i], i + 1.0, TOL);
  assert_near(A[0], 2, 0); /* A holds the factor */
  assert_near(A[8], 3, 0);
}

static void test_chol_small(void **st) {
  (void)st;
  double A[9], b[3] = {-20, -43, 192};
  memcpy(A, CHOL_A, sizeof A);
  assert_int_equal(mge_chol_small_factor(A, 3, 0), 0);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j <= i; j++) /* row-major lower: L(i,j) at i*3+j */
      assert_near(A[i * 3 + j], CHOL_L[i][j], 0);
  assert_near(A[0 * 3 + 1], 12, 0); /* the strict upper is not touched */
  mge_chol_small_solve(A, 3, b);
  for (int i = 0; i < 3; i++) assert_near(b[i], i + 1.0, TOL);
  /* the same factor as LAPACK's (exact here) */
  double B[9];
  memcpy(B, CHOL_A, sizeof B);
  assert_int_equal(mge_chol_factor(B, 3), 0);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j <= i; j++) assert_near(A[i * 3 + j], B[j * 3 + i], 0);
  /* not positive definite: the second pivot 1 - 4 = -3 */
  double N[4] = {1, 2, 2, 1};
  assert_int_equal(mge_chol_small_factor(N, 2, 0), 2);
  /* nearly singular: [[1, 1], [1, 1 + 1e-14]] has pivot 2 about 1e-14,
   * positive, but below 1e-12 of A(2,2) */
  double E[4] = {1, 1, 1, 1 + 1e-14}, F[4];
  memcpy(F, E, sizeof F);
  assert_int_equal(mge_chol_small_factor(E, 2, 0), 0);
  assert_int_equal(mge_chol_small_factor(F, 2, 1e-12), 2);
  double Q[1] = {NAN};
  assert_int_equal(mge_chol_small_factor(Q, 1, 0), 1);
}

static void test_lu_small(void **st) {
  (void)st;
  /* a zero leading pivot: [[0, 1], [1, 0]] x = (2, 3) (column-major) */
  double P[4] = {0, 1, 1, 0}, p[2] = {2, 3};
  assert_int_equal(mge_lu_solve(P, 2, p, NULL), 0);
  assert_near(p[0], 3, 0);
  assert_near(p[1], 2, 0);
  /* a constructed system: integer A (column-major; the first column needs
   * a row exchange) and x = (1, -1, 2), so b = A x is exact */
  double A[9] = {2, 4, -2, 1, -6, 7, 1, 0, 2}, b[3];
  const double x[3] = {1, -1, 2};
  for (int i = 0; i < 3; i++) {
    b[i] = 0;
    for (int j = 0; j < 3; j++) b[i] += A[j * 3 + i] * x[j];
  }
  assert_int_equal(mge_lu_solve(A, 3, b, NULL), 0);
  for (int i = 0; i < 3; i++) assert_near(b[i], x[i], TOL);
  /* singular: the second column twice the first; the second pivot is
   * exactly zero */
  double S[4] = {1, 2, 2, 4}, s[2] = {1, 1};
  assert_int_equal(mge_lu_solve(S, 2, s, NULL), 2);
  assert_int_equal(mge_lu_solve(S, -1, s, NULL), -1);
}

/* A(i,j) for the large systems: diagonally dominant with integer entries
 * (so b = A x is exact for integer x), non-symmetric, and with row
 * exchanges in the first columns (the first two rows are swapped). */
static double big_a(int i, int j, int n) {
  int r = i < 2 ? 1 - i : i; /* rows 0 and 1 exchanged */
  if (r == j) return 4.0 * n;
  return (double)((r * 7 + j * 3) % 11) - 5.0;
}

static void lu_known(int n) {
  double *A = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n);
  int *ipiv = malloc(sizeof(int) * n);
  assert_non_null(A);
  assert_non_null(b);
  assert_non_null(ipiv);
  for (int i = 0; i < n; i++) {
    b[i] = 0;
    for (int j = 0; j < n; j++) {
      A[(size_t)j * n + i] = big_a(i, j, n);
      b[i] += big_a(i, j, n) * (double)(j % 5 - 2); /* x_j = j mod 5 - 2 */
    }
  }
  assert_int_equal(mge_lu_solve(A, n, b, ipiv), 0);
  for (int j = 0; j < n; j++) assert_near(b[j], j % 5 - 2, 1e-11);
  free(A);
  free(b);
  free(ipiv);
}

static void test_lu_both_paths(void **st) {
  (void)st;
  lu_known(MGE_LU_SMALL);     /* the C elimination */
  lu_known(MGE_LU_SMALL + 1); /* dgesv */
  lu_known(150);
  /* dgesv needs its pivot workspace */
  double A[1] = {1}, b[1] = {1};
  assert_int_equal(mge_lu_solve(A, MGE_LU_SMALL + 1, b, NULL), -1);
}

static void test_lstsq(void **st) {
  (void)st;
  /* Strang, Introduction to Linear Algebra (4th ed.), section 4.3,
   * Example 1: the best line C + D t through (0, 6), (1, 0), (2, 0) is
   * C = 5, D = -3. A column-major: the ones, then t. */
  double A[6] = {1, 1, 1, 0, 1, 2}, b[3] = {6, 0, 0}, work[64];
  assert_int_equal(mge_lstsq_work_min(3, 2), 4);
  assert_int_equal(mge_lstsq(A, 3, 2, b, work, 4), 0);
  assert_near(b[0], 5, TOL);
  assert_near(b[1], -3, TOL);
  /* the residual 6 - (5 + 0), 0 - 2, 0 + 1 has norm sqrt(6), left in
   * the last m - n entries */
  assert_near(fabs(b[2]), sqrt(6.0), TOL);
  /* the same with a larger workspace */
  double A2[6] = {1, 1, 1, 0, 1, 2}, b2[3] = {6, 0, 0};
  assert_int_equal(mge_lstsq(A2, 3, 2, b2, work, 64), 0);
  assert_near(b2[0], 5, TOL);
  assert_near(b2[1], -3, TOL);
  /* rank-deficient (a zero column: R(2,2) = 0 exactly) */
  double R[6] = {1, 1, 1, 0, 0, 0}, r[3] = {1, 2, 3};
  assert_int_equal(mge_lstsq(R, 3, 2, r, work, 64), 2);
  /* underdetermined and short workspace */
  assert_int_equal(mge_lstsq(A, 2, 3, b, work, 64), -1);
  assert_int_equal(mge_lstsq(A, 3, 2, b, work, 3), -1);
  assert_int_equal(mge_lstsq_work_min(0, 0), 1);
}

static void test_blas_threads(void **st) {
  (void)st;
  mge_blas_threads(1); /* a no-op without OpenBLAS; never fails */
  double A[9], b[3] = {-20, -43, 192};
  memcpy(A, CHOL_A, sizeof A);
  assert_int_equal(mge_spd_solve(A, 3, 1, b), 0);
  assert_near(b[2], 3, TOL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_chol_factor_solve),
      cmocka_unit_test(test_chol_inverse),
      cmocka_unit_test(test_chol_not_pd),
      cmocka_unit_test(test_spd_solve),
      cmocka_unit_test(test_chol_small),
      cmocka_unit_test(test_lu_small),
      cmocka_unit_test(test_lu_both_paths),
      cmocka_unit_test(test_lstsq),
      cmocka_unit_test(test_blas_threads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
