/* Gradient-boosted trees through XGBoost's C API (Debian libxgboost-dev).
 * Chen & Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016,
 * doi:10.1145/2939672.2939785. An ensemble of members that differ only in
 * their seed gives a spread used as the uncertainty. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xgboost/c_api.h>

#include "learn/learn_internal.h"

static int xgb_fail(mge_error *err, const char *what) {
  return mge_error_set(err, MGE_E_INTERNAL, "XGBoost %s: %s", what,
                       XGBGetLastError());
}

static int make_dmatrix(const double *X, size_t n, size_t p,
                        const double *y, DMatrixHandle *out, mge_error *err) {
  float *f = malloc(n * p * sizeof *f);
  if (!f) return mge_error_set(err, MGE_E_NOMEM, "XGBoost: out of memory");
  for (size_t i = 0; i < n * p; i++) f[i] = isfinite(X[i]) ? (float)X[i] : NAN;
  int rc = XGDMatrixCreateFromMat(f, (bst_ulong)n, (bst_ulong)p, NAN, out);
  free(f);
  if (rc) return xgb_fail(err, "DMatrix");
  if (y) {
    float *lab = malloc(n * sizeof *lab);
    if (!lab) {
      XGDMatrixFree(*out);
      return mge_error_set(err, MGE_E_NOMEM, "XGBoost: out of memory");
    }
    for (size_t i = 0; i < n; i++) lab[i] = (float)y[i];
    rc = XGDMatrixSetFloatInfo(*out, "label", lab, (bst_ulong)n);
    free(lab);
    if (rc) {
      XGDMatrixFree(*out);
      return xgb_fail(err, "labels");
    }
  }
  return MGE_OK;
}

static int set_params(BoosterHandle b, const mge_learn_opts *o, int member) {
  char v[64];
  int rc = 0;
#define SETP(k, fmt, val)                 \
  snprintf(v, sizeof v, fmt, val);        \
  rc |= XGBoosterSetParam(b, k, v);
  SETP("objective", "%s",
       o->classification ? "binary:logistic" : "reg:squarederror");
  SETP("tree_method", "%s", "hist");
  SETP("max_depth", "%d", o->xgb_max_depth);
  SETP("eta", "%.17g", o->xgb_eta);
  SETP("subsample", "%.17g", o->xgb_subsample);
  SETP("colsample_bytree", "%.17g", o->xgb_colsample);
  SETP("min_child_weight", "%.17g", o->xgb_min_child_weight);
  SETP("nthread", "%d", o->threads > 0 ? o->threads : 1);
  SETP("seed", "%llu",
       (unsigned long long)((o->seed + 7919u * (uint64_t)member) & 0x7fffffff));
  SETP("verbosity", "%d", 0);
#undef SETP
  return rc;
}

int learn_xgb_fit(mge_regressor *m, const double *X, const double *y,
                  size_t n, mge_error *err) {
  learn_xgb *x = &m->xgb;
  int members = m->opts.xgb_ensemble > 0 ? m->opts.xgb_ensemble : 1;
  x->booster = calloc((size_t)members, sizeof *x->booster);
  if (!x->booster) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  x->members = 0;
  DMatrixHandle d;
  int rc = make_dmatrix(X, n, m->p, y, &d, err);
  if (rc) return rc;
  for (int k = 0; k < members; k++) {
    BoosterHandle b;
    if (XGBoosterCreate(&d, 1, &b)) {
      rc = xgb_fail(err, "create");
      break;
    }
    x->booster[x->members++] = b;
    if (set_params(b, &m->opts, k)) {
      rc = xgb_fail(err, "parameters");
      break;
    }
    for (int it = 0; it < m->opts.xgb_rounds && !rc; it++)
      if (XGBoosterUpdateOneIter(b, it, d)) rc = xgb_fail(err, "training");
    if (rc) break;
  }
  XGDMatrixFree(d);
  return rc;
}

int learn_xgb_predict(const mge_regressor *m, const double *X, size_t n,
                      double *mean, double *sd, mge_error *err) {
  const learn_xgb *x = &m->xgb;
  DMatrixHandle d;
  int rc = make_dmatrix(X, n, m->p, NULL, &d, err);
  if (rc) return rc;
  double *s2 = calloc(n ? n : 1, sizeof *s2);
  if (!s2) {
    XGDMatrixFree(d);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  for (size_t i = 0; i < n; i++) mean[i] = 0;
  for (int k = 0; k < x->members && !rc; k++) {
    bst_ulong len = 0;
    const float *res = NULL;
    if (XGBoosterPredict(x->booster[k], d, 0, 0, 0, &len, &res) ||
        len != n) {
      rc = xgb_fail(err, "prediction");
      break;
    }
    for (size_t i = 0; i < n; i++) {
      double v = res[i];
      mean[i] += v;
      s2[i] += v * v;
    }
  }
  XGDMatrixFree(d);
  if (!rc) {
    double K = x->members;
    for (size_t i = 0; i < n; i++) {
      mean[i] /= K;
      if (sd) {
        double var = K > 1 ? (s2[i] - K * mean[i] * mean[i]) / (K - 1) : NAN;
        sd[i] = K > 1 ? sqrt(var > 0 ? var : 0) : NAN;
      }
    }
  }
  free(s2);
  return rc;
}

int learn_xgb_save(const mge_regressor *m, int member, char **json,
                   size_t *len, mge_error *err) {
  bst_ulong n = 0;
  const char *buf = NULL;
  if (XGBoosterSaveModelToBuffer(m->xgb.booster[member],
                                 "{\"format\": \"json\"}", &n, &buf))
    return xgb_fail(err, "save");
  *json = malloc((size_t)n + 1);
  if (!*json) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  memcpy(*json, buf, (size_t)n);
  (*json)[n] = '\0';
  *len = (size_t)n;
  return MGE_OK;
}

int learn_xgb_load(mge_regressor *m, int member, const char *json,
                   size_t len, mge_error *err) {
  BoosterHandle b;
  if (XGBoosterCreate(NULL, 0, &b)) return xgb_fail(err, "create");
  m->xgb.booster[member] = b;
  if (XGBoosterLoadModelFromBuffer(b, json, (bst_ulong)len))
    return mge_error_set(err, MGE_E_INPUT, "XGBoost model does not load: %s",
                         XGBGetLastError());
  char v[16];
  snprintf(v, sizeof v, "%d", m->opts.threads > 0 ? m->opts.threads : 1);
  XGBoosterSetParam(b, "nthread", v);
  return MGE_OK;
}

void learn_xgb_free(learn_xgb *x) {
  if (!x->booster) return;
  for (int k = 0; k < x->members; k++)
    if (x->booster[k]) XGBoosterFree(x->booster[k]);
  free(x->booster);
  x->booster = NULL;
  x->members = 0;
}
