/* Tests of the learn module's numerics: ridge, GP (gradients against finite
 * differences, interpolation), XGBoost, persistence, metrics, folds and the
 * acquisition functions. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mge/learn.h"

static double frand(uint64_t *s) {
  *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double)(*s >> 11) * 0x1.0p-53;
}

/* y = 3 x0 - 2 x1 + 0.5 + small noise */
static void linear_data(double *X, double *y, size_t n, uint64_t seed) {
  uint64_t s = seed;
  for (size_t i = 0; i < n; i++) {
    X[2 * i] = frand(&s) * 4 - 2;
    X[2 * i + 1] = frand(&s) * 10;
    y[i] = 3 * X[2 * i] - 2 * X[2 * i + 1] + 0.5 + 1e-3 * (frand(&s) - 0.5);
  }
}

static void test_ridge_recovers_linear_model(void **state) {
  (void)state;
  enum { N = 200 };
  double X[2 * N], y[N], yh[N];
  linear_data(X, y, N, 1);
  mge_learn_opts o;
  mge_learn_opts_default(&o, MGE_LEARN_RIDGE);
  o.ridge_alpha = 1e-8;
  mge_regressor *m;
  mge_error e;
  assert_int_equal(mge_regressor_fit(&o, X, y, N, 2, &m, &e), 0);
  double q[2] = {1.0, 2.0}, p;
  assert_int_equal(mge_regressor_predict(m, q, 1, &p, NULL, &e), 0);
  /* exact model value 3 - 4 + 0.5 = -0.5; noise amplitude 5e-4 */
  assert_true(fabs(p - (-0.5)) < 2e-3);
  assert_int_equal(mge_regressor_predict(m, X, N, yh, NULL, &e), 0);
  mge_metrics mt;
  mge_metrics_compute(y, yh, N, 0, &mt);
  assert_true(mt.r2 > 0.999999);
  mge_regressor_free(m);
}

/* Rasmussen & Williams eq. 5.9: the analytic gradient of the negative log
 * marginal likelihood must match central finite differences (relative
 * tolerance 1e-5 on a well-conditioned problem). */
static void check_gp_gradient(mge_gp_kernel kernel) {
  enum { N = 25, P = 3 };
  double X[N * P], y[N];
  uint64_t s = 7;
  for (int i = 0; i < N * P; i++) X[i] = frand(&s) * 2 - 1;
  for (int i = 0; i < N; i++)
    y[i] = sin(2 * X[i * P]) + 0.3 * X[i * P + 1] + 0.1 * (frand(&s) - 0.5);
  double th[P + 2] = {log(0.7), log(1.3), log(2.0), log(0.8), log(0.05)};
  double f, g[P + 2];
  mge_error e;
  assert_int_equal(mge_gp_nlml(kernel, X, y, N, P, th, &f, g, &e), 0);
  for (int d = 0; d < P + 2; d++) {
    double h = 1e-5, tp[P + 2], tm[P + 2], fp, fm;
    memcpy(tp, th, sizeof th);
    memcpy(tm, th, sizeof th);
    tp[d] += h;
    tm[d] -= h;
    assert_int_equal(mge_gp_nlml(kernel, X, y, N, P, tp, &fp, NULL, &e), 0);
    assert_int_equal(mge_gp_nlml(kernel, X, y, N, P, tm, &fm, NULL, &e), 0);
    double fd = (fp - fm) / (2 * h);
    assert_true(fabs(fd - g[d]) <= 1e-5 * (1 + fabs(fd)));
  }
}

static void test_gp_gradient_matern(void **state) {
  (void)state;
  check_gp_gradient(MGE_GP_MATERN52);
}

static void test_gp_gradient_rbf(void **state) {
  (void)state;
  check_gp_gradient(MGE_GP_RBF);
}

static void test_gp_fits_smooth_function(void **state) {
  (void)state;
  enum { N = 40 };
  double X[N], y[N];
  for (int i = 0; i < N; i++) {
    X[i] = -3 + 6.0 * i / (N - 1);
    y[i] = sin(X[i]);
  }
  mge_learn_opts o;
  mge_learn_opts_default(&o, MGE_LEARN_GP);
  mge_regressor *m;
  mge_error e;
  assert_int_equal(mge_regressor_fit(&o, X, y, N, 1, &m, &e), 0);
  double q[3] = {0.37, 1.234, -2.5}, mu[3], sd[3];
  assert_int_equal(mge_regressor_predict(m, q, 3, mu, sd, &e), 0);
  for (int i = 0; i < 3; i++) {
    assert_true(fabs(mu[i] - sin(q[i])) < 1e-3); /* dense noise-free data */
    assert_true(sd[i] >= 0 && sd[i] < 1e-2);
  }
  double far = 30.0, mf, sf;
  assert_int_equal(mge_regressor_predict(m, &far, 1, &mf, &sf, &e), 0);
  assert_true(sf > 10 * sd[0]); /* uncertainty grows away from the data */
  /* persistence: the reloaded model predicts the same numbers exactly */
  char *buf;
  size_t len;
  assert_int_equal(mge_regressor_save(m, &buf, &len, &e), 0);
  mge_regressor *m2;
  assert_int_equal(mge_regressor_load(buf, len, &m2, &e), 0);
  double mu2[3], sd2[3];
  assert_int_equal(mge_regressor_predict(m2, q, 3, mu2, sd2, &e), 0);
  for (int i = 0; i < 3; i++) {
    assert_true(mu2[i] == mu[i]);
    assert_true(fabs(sd2[i] - sd[i]) <= 1e-12 * (1 + sd[i]));
  }
  /* a truncated file is refused with an error, not read */
  mge_regressor *m3 = NULL;
  assert_int_equal(mge_regressor_load(buf, len / 2, &m3, &e), MGE_E_INPUT);
  assert_null(m3);
  free(buf);
  mge_regressor_free(m);
  mge_regressor_free(m2);
}

static void test_xgb_fit_predict_save(void **state) {
  (void)state;
  enum { N = 300 };
  double X[2 * N], y[N], yh[N];
  linear_data(X, y, N, 3);
  mge_learn_opts o;
  mge_learn_opts_default(&o, MGE_LEARN_XGB);
  o.xgb_rounds = 200;
  o.xgb_ensemble = 3;
  mge_regressor *m;
  mge_error e;
  assert_int_equal(mge_regressor_fit(&o, X, y, N, 2, &m, &e), 0);
  double sd[N];
  assert_int_equal(mge_regressor_predict(m, X, N, yh, sd, &e), 0);
  mge_metrics mt;
  mge_metrics_compute(y, yh, N, 0, &mt);
  assert_true(mt.r2 > 0.98); /* trees fit a smooth plane on training data */
  assert_true(isfinite(sd[0]) && sd[0] >= 0);
  char *buf;
  size_t len;
  assert_int_equal(mge_regressor_save(m, &buf, &len, &e), 0);
  mge_regressor *m2;
  assert_int_equal(mge_regressor_load(buf, len, &m2, &e), 0);
  double yh2[N];
  assert_int_equal(mge_regressor_predict(m2, X, N, yh2, NULL, &e), 0);
  for (int i = 0; i < N; i++) assert_true(fabs(yh2[i] - yh[i]) < 1e-6);
  free(buf);
  mge_regressor_free(m);
  mge_regressor_free(m2);
}

static void test_bad_inputs(void **state) {
  (void)state;
  double X[4] = {1, 2, 3, 4}, y[2] = {1, NAN};
  mge_learn_opts o;
  mge_learn_opts_default(&o, MGE_LEARN_RIDGE);
  mge_regressor *m = NULL;
  mge_error e;
  assert_int_equal(mge_regressor_fit(&o, X, y, 2, 2, &m, &e), MGE_E_INPUT);
  assert_null(m);
  double yc[2] = {0, 2};
  o.classification = 1;
  assert_int_equal(mge_regressor_fit(&o, X, yc, 2, 2, &m, &e), MGE_E_INPUT);
  assert_int_equal(mge_regressor_load("junk", 4, &m, &e), MGE_E_INPUT);
}

/* ROC-AUC by hand: scores (0.1 0.4 0.35 0.8) for labels (0 0 1 1): of the
 * four positive-negative pairs, three are ordered correctly -> 0.75 (the
 * worked example of scikit-learn's roc_auc_score documentation). */
static void test_metrics(void **state) {
  (void)state;
  double y[4] = {0, 0, 1, 1}, s[4] = {0.1, 0.4, 0.35, 0.8};
  mge_metrics m;
  mge_metrics_compute(y, s, 4, 1, &m);
  assert_true(fabs(m.roc_auc - 0.75) < 1e-15);
  assert_true(fabs(m.accuracy - 0.75) < 1e-15);
  double t[3] = {1, 2, 3}, p[3] = {1, 2, 5};
  mge_metrics_compute(t, p, 3, 0, &m);
  assert_true(fabs(m.mae - 2.0 / 3) < 1e-15);
  assert_true(fabs(m.rmse - sqrt(4.0 / 3)) < 1e-15);
  assert_true(fabs(m.r2 - (1 - 4.0 / 2)) < 1e-15);
}

static void test_grouped_folds(void **state) {
  (void)state;
  enum { N = 103 };
  uint64_t g[N];
  int f[N], f2[N];
  for (int i = 0; i < N; i++) g[i] = (uint64_t)(i % 37) * 1000003u;
  mge_error e;
  assert_int_equal(mge_folds_grouped(g, N, 5, 42, f, &e), 0);
  assert_int_equal(mge_folds_grouped(g, N, 5, 42, f2, &e), 0);
  int count[5] = {0};
  for (int i = 0; i < N; i++) {
    assert_true(f[i] >= 0 && f[i] < 5);
    assert_int_equal(f[i], f2[i]); /* deterministic for a seed */
    count[f[i]]++;
    for (int j = 0; j < i; j++)
      if (g[i] == g[j]) assert_int_equal(f[i], f[j]); /* no group split */
  }
  int lo = N, hi = 0;
  for (int k = 0; k < 5; k++) {
    lo = count[k] < lo ? count[k] : lo;
    hi = count[k] > hi ? count[k] : hi;
  }
  assert_true(hi - lo <= 3); /* largest group has 3 rows */
  assert_int_equal(mge_folds_grouped(g, N, 40, 1, f, &e), MGE_E_INPUT);
}

/* log EI against the closed form EI = sd (z Phi(z) + phi(z)) where it is
 * accurate, and continuity across the switch to the asymptotic series. */
static void test_log_ei(void **state) {
  (void)state;
  double mu = 1.0, sd = 0.5, best = 0.8;
  double z = (best - mu) / sd;
  double ei = sd * (z * 0.5 * erfc(-z / sqrt(2)) +
                    exp(-0.5 * z * z) / sqrt(2 * 3.14159265358979323846));
  assert_true(fabs(mge_log_ei(mu, sd, best) - log(ei)) < 1e-12);
  double a = mge_log_ei(10.0 + 1e-9, 1.0, 0.0);
  double b = mge_log_ei(10.0 - 1e-9, 1.0, 0.0);
  assert_true(isfinite(a) && isfinite(b) && fabs(a - b) < 1e-6);
  assert_true(isfinite(mge_log_ei(1e3, 1.0, 0.0))); /* no underflow */
  assert_true(mge_log_ei(2.0, 1.0, 0.0) < mge_log_ei(1.0, 1.0, 0.0));
  assert_true(mge_lcb(1.0, 2.0, 1.5) == -2.0);
}

/* Pool replay on a smooth 2-D bowl with its minimum inside the pool: the GP
 * with EI must find the best of 400 rows much sooner than random order,
 * whose expectation is (400 + 1) / 2 = 200.5 experiments. The bound 60 is
 * loose (a smooth quadratic is found in ~15-30). */
static void test_bo_replay_and_batch(void **state) {
  (void)state;
  enum { N = 400 };
  static double X[2 * N], y[N];
  for (int i = 0; i < N; i++) {
    double a = (i % 20) / 19.0, b = (i / 20) / 19.0;
    X[2 * i] = a;
    X[2 * i + 1] = b;
    y[i] = (a - 0.63) * (a - 0.63) + 2 * (b - 0.28) * (b - 0.28);
  }
  mge_bo_opts o;
  mge_bo_opts_default(&o);
  mge_error e;
  int used = 0;
  assert_int_equal(mge_bo_replay(&o, X, y, N, 2, 5, 200, 11, &used, &e), 0);
  assert_true(used > 0 && used <= 60);
  o.acq = MGE_ACQ_UCB;
  assert_int_equal(mge_bo_replay(&o, X, y, N, 2, 5, 200, 11, &used, &e), 0);
  assert_true(used > 0 && used <= 60);
  /* a batch of 4 from 10 observations: distinct candidates */
  int ch[4];
  o.acq = MGE_ACQ_EI;
  assert_int_equal(
      mge_bo_propose(&o, X, y, 10, 2, X + 20, N - 10, 4, ch, NULL, NULL, NULL,
                     &e),
      0);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < i; j++) assert_int_not_equal(ch[i], ch[j]);
  assert_int_equal(mge_bo_propose(&o, X, y, 10, 2, X, 3, 4, ch, NULL, NULL,
                                  NULL, &e),
                   MGE_E_INPUT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ridge_recovers_linear_model),
      cmocka_unit_test(test_gp_gradient_matern),
      cmocka_unit_test(test_gp_gradient_rbf),
      cmocka_unit_test(test_gp_fits_smooth_function),
      cmocka_unit_test(test_xgb_fit_predict_save),
      cmocka_unit_test(test_bad_inputs),
      cmocka_unit_test(test_metrics),
      cmocka_unit_test(test_grouped_folds),
      cmocka_unit_test(test_log_ei),
      cmocka_unit_test(test_bo_replay_and_batch),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
