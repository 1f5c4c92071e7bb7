/* The regressor handle: options, the shared feature pipeline (column means
 * and standard deviations), dispatch to ridge / GP / XGBoost, persistence. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_internal.h"

void mge_learn_opts_default(mge_learn_opts *o, mge_learn_kind kind) {
  memset(o, 0, sizeof *o);
  o->kind = kind;
  o->seed = 18012019;
  o->threads = 1;
  o->ridge_alpha = 1.0;
  o->gp_kernel = MGE_GP_MATERN52;
  o->gp_max_iter = 200;
  o->gp_restarts = 2;
  o->xgb_rounds = 600;
  o->xgb_max_depth = 6;
  o->xgb_eta = 0.04;
  o->xgb_subsample = 0.8;
  o->xgb_colsample = 0.6;
  o->xgb_min_child_weight = 1.0;
  o->xgb_ensemble = 1;
}

int mge_learn_opts_settings(const mge_learn_opts *lo, const char *features,
                            char *buf, size_t cap) {
  return snprintf(buf, cap,
                  "{\"model\":\"%s\",\"features\":\"%s\",\"seed\":%llu,"
                  "\"rounds\":%d,\"max_depth\":%d,\"eta\":%g,\"ensemble\":%d,"
                  "\"alpha\":%g}",
                  mge_learn_kind_name(lo->kind), features,
                  (unsigned long long)lo->seed, lo->xgb_rounds,
                  lo->xgb_max_depth, lo->xgb_eta, lo->xgb_ensemble,
                  lo->ridge_alpha);
}

const char *mge_learn_kind_name(mge_learn_kind k) {
  switch (k) {
    case MGE_LEARN_RIDGE: return "ridge";
    case MGE_LEARN_GP: return "gp";
    case MGE_LEARN_XGB: return "xgb";
  }
  return "unknown";
}

mge_learn_kind mge_learn_kind_from_name(const char *name) {
  if (!name) return 0;
  if (strcmp(name, "ridge") == 0) return MGE_LEARN_RIDGE;
  if (strcmp(name, "gp") == 0) return MGE_LEARN_GP;
  if (strcmp(name, "xgb") == 0) return MGE_LEARN_XGB;
  return 0;
}

static int check_opts(const mge_learn_opts *o, mge_error *err) {
  if (!mge_learn_kind_name(o->kind) ||
      strcmp(mge_learn_kind_name(o->kind), "unknown") == 0)
    return mge_error_set(err, MGE_E_INPUT, "unknown model kind %d", o->kind);
  if (o->kind == MGE_LEARN_RIDGE && !(o->ridge_alpha > 0))
    return mge_error_set(err, MGE_E_INPUT, "ridge alpha must be > 0");
  if (o->kind == MGE_LEARN_GP &&
      (o->gp_kernel != MGE_GP_MATERN52 && o->gp_kernel != MGE_GP_RBF))
    return mge_error_set(err, MGE_E_INPUT, "unknown GP kernel %d",
                         o->gp_kernel);
  if (o->kind == MGE_LEARN_XGB &&
      (o->xgb_rounds < 1 || o->xgb_rounds > 100000 || o->xgb_max_depth < 1 ||
       o->xgb_max_depth > 30 || !(o->xgb_eta > 0 && o->xgb_eta <= 1) ||
       !(o->xgb_subsample > 0 && o->xgb_subsample <= 1) ||
       !(o->xgb_colsample > 0 && o->xgb_colsample <= 1) ||
       o->xgb_ensemble < 1 || o->xgb_ensemble > 100))
    return mge_error_set(err, MGE_E_INPUT, "XGBoost options out of range");
  return MGE_OK;
}

int mge_regressor_fit(const mge_learn_opts *opts, const double *X,
                      const double *y, size_t n, size_t p, mge_regressor **out,
                      mge_error *err) {
  *out = NULL;
  int rc = check_opts(opts, err);
  if (rc) return rc;
  if (n < 2 || p < 1)
    return mge_error_set(err, MGE_E_INPUT,
                         "need at least 2 rows and 1 feature (got %zu x %zu)",
                         n, p);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(y[i]))
      return mge_error_set(err, MGE_E_INPUT, "target of row %zu is not finite",
                           i + 1);
    if (opts->classification && y[i] != 0.0 && y[i] != 1.0)
      return mge_error_set(err, MGE_E_INPUT,
                           "row %zu: class label %g is not 0 or 1", i + 1,
                           y[i]);
  }
  mge_regressor *m = calloc(1, sizeof *m);
  if (!m) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  m->opts = *opts;
  m->p = p;
  if (learn_scaler_fit(&m->scaler, X, n, p)) {
    free(m);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  if (opts->kind == MGE_LEARN_XGB) {
    rc = learn_xgb_fit(m, X, y, n, err);
  } else {
    double *Z = malloc(n * p * sizeof *Z);
    if (!Z) {
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    } else {
      learn_scaler_apply(&m->scaler, X, n, Z);
      rc = opts->kind == MGE_LEARN_RIDGE
               ? learn_ridge_fit(m, Z, y, n, err)
               : learn_gp_fit(&m->gp, opts, Z, y, n, p, err);
      free(Z);
    }
  }
  if (rc) {
    mge_regressor_free(m);
    return rc;
  }
  *out = m;
  return MGE_OK;
}

int mge_regressor_predict(const mge_regressor *m, const double *X, size_t n,
                          double *mean, double *sd, mge_error *err) {
  if (n == 0) return MGE_OK;
  int rc = MGE_OK;
  if (m->opts.kind == MGE_LEARN_XGB) {
    rc = learn_xgb_predict(m, X, n, mean, sd, err);
  } else {
    double *Z = malloc(n * m->p * sizeof *Z);
    if (!Z) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    learn_scaler_apply(&m->scaler, X, n, Z);
    if (m->opts.kind == MGE_LEARN_RIDGE) {
      learn_ridge_predict(m, Z, n, mean);
      if (sd)
        for (size_t i = 0; i < n; i++) sd[i] = NAN;
    } else {
      rc = learn_gp_predict(&m->gp, m->opts.gp_kernel, m->p, Z, n, mean, sd,
                            err);
    }
    free(Z);
    if (!rc && m->opts.classification)
      for (size_t i = 0; i < n; i++) mean[i] = fmin(1.0, fmax(0.0, mean[i]));
  }
  return rc;
}

size_t mge_regressor_n_features(const mge_regressor *m) {
  return m->p;
}

const mge_learn_opts *mge_regressor_opts(const mge_regressor *m) {
  return &m->opts;
}

int mge_regressor_gp_hyper(const mge_regressor *m, double *ls,
                           double *signal_var, double *noise_var,
                           double *log_ml) {
  if (m->opts.kind != MGE_LEARN_GP) return MGE_E_INPUT;
  size_t p = m->p;
  if (ls)
    for (size_t d = 0; d < p; d++) ls[d] = exp(m->gp.theta[d]);
  if (signal_var) *signal_var = exp(m->gp.theta[p]);
  if (noise_var) *noise_var = exp(m->gp.theta[p + 1]);
  if (log_ml) *log_ml = m->gp.log_ml;
  return MGE_OK;
}

void mge_regressor_free(mge_regressor *m) {
  if (!m) return;
  learn_scaler_free(&m->scaler);
  free(m->ridge.beta);
  learn_gp_free(&m->gp);
  learn_xgb_free(&m->xgb);
  free(m);
}

int learn_regressor_condition(const mge_regressor *m, const double *X,
                              const double *y, size_t n, mge_regressor **out,
                              mge_error *err) {
  *out = NULL;
  size_t p = m->p;
  mge_regressor *c = calloc(1, sizeof *c);
  if (!c) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  c->opts = m->opts;
  c->p = p;
  c->scaler.p = p;
  c->scaler.mean = malloc(p * sizeof *c->scaler.mean);
  c->scaler.sd = malloc(p * sizeof *c->scaler.sd);
  double *Z = malloc((n ? n : 1) * p * sizeof *Z);
  int rc = MGE_OK;
  if (!c->scaler.mean || !c->scaler.sd || !Z) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  } else {
    memcpy(c->scaler.mean, m->scaler.mean, p * sizeof *c->scaler.mean);
    memcpy(c->scaler.sd, m->scaler.sd, p * sizeof *c->scaler.sd);
    learn_scaler_apply(&c->scaler, X, n, Z);
    rc = learn_gp_condition(&m->gp, m->opts.gp_kernel, p, Z, y, n, &c->gp, err);
  }
  free(Z);
  if (rc) {
    mge_regressor_free(c);
    return rc;
  }
  *out = c;
  return MGE_OK;
}

/* ---------------------------------------------------------- persistence */

typedef struct wbuf {
  char *b;
  size_t len, cap;
  int oom;
} wbuf;

static void wput(wbuf *w, const char *s, size_t n) {
  if (w->oom) return;
  if (w->len + n + 1 > w->cap) {
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + n + 1) cap *= 2;
    char *nb = realloc(w->b, cap);
    if (!nb) {
      w->oom = 1;
      return;
    }
    w->b = nb;
    w->cap = cap;
  }
  memcpy(w->b + w->len, s, n);
  w->len += n;
  w->b[w->len] = '\0';
}

static void wprintf_(wbuf *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void wprintf_(wbuf *w, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (k > 0) wput(w, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

static void wvec(wbuf *w, const char *name, const double *v, size_t n) {
  wprintf_(w, "%s %zu", name, n);
  for (size_t i = 0; i < n; i++) wprintf_(w, " %a", v[i]);
  wput(w, "\n", 1);
}

#define MAGIC "mge-regressor 1\n"

int mge_regressor_save(const mge_regressor *m, char **buf, size_t *len,
                       mge_error *err) {
  wbuf w = {0};
  const mge_learn_opts *o = &m->opts;
  wput(&w, MAGIC, strlen(MAGIC));
  wprintf_(&w, "kind %s\nclassification %d\nseed %llu\nthreads %d\n",
           mge_learn_kind_name(o->kind), o->classification,
           (unsigned long long)o->seed, o->threads);
  wprintf_(&w, "ridge_alpha %a\ngp_kernel %d\ngp_max_iter %d\n", o->ridge_alpha,
           (int)o->gp_kernel, o->gp_max_iter);
  wprintf_(&w, "gp_restarts %d\nxgb_rounds %d\nxgb_max_depth %d\n",
           o->gp_restarts, o->xgb_rounds, o->xgb_max_depth);
  wprintf_(&w, "xgb_eta %a\nxgb_subsample %a\nxgb_colsample %a\n", o->xgb_eta,
           o->xgb_subsample, o->xgb_colsample);
  wprintf_(&w, "xgb_min_child_weight %a\nxgb_ensemble %d\np %zu\n",
           o->xgb_min_child_weight, o->xgb_ensemble, m->p);
  wvec(&w, "scaler_mean", m->scaler.mean, m->p);
  wvec(&w, "scaler_sd", m->scaler.sd, m->p);
  if (o->kind == MGE_LEARN_RIDGE) wvec(&w, "beta", m->ridge.beta, m->p + 1);
  if (o->kind == MGE_LEARN_GP) {
    double head[4] = {m->gp.ymean, m->gp.ysd, m->gp.log_ml, (double)m->gp.n};
    wvec(&w, "gp_head", head, 4);
    wvec(&w, "gp_theta", m->gp.theta, m->p + 2);
    wvec(&w, "gp_Z", m->gp.Z, m->gp.n * m->p);
    wvec(&w, "gp_alpha", m->gp.alpha, m->gp.n);
  }
  if (o->kind == MGE_LEARN_XGB) {
    wprintf_(&w, "xgb_members %d\n", m->xgb.members);
    for (int k = 0; k < m->xgb.members; k++) {
      char *js;
      size_t jl;
      int rc = learn_xgb_save(m, k, &js, &jl, err);
      if (rc) {
        free(w.b);
        return rc;
      }
      wprintf_(&w, "xgb_json %zu\n", jl);
      wput(&w, js, jl);
      wput(&w, "\n", 1);
      free(js);
    }
  }
  wput(&w, "end\n", 4);
  if (w.oom) {
    free(w.b);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  *buf = w.b;
  *len = w.len;
  return MGE_OK;
}

/* Reader over a bounded buffer. */
typedef struct rbuf {
  const char *s, *end;
  int line;
  mge_error *err;
  int rc;
} rbuf;

static int rfail(rbuf *r, const char *what) {
  if (!r->rc)
    r->rc = mge_error_set_at(r->err, MGE_E_INPUT, "<model>", r->line, 0,
                             "model file: %s", what);
  return r->rc;
}

/* Expect "key " at the cursor. */
static int rkey(rbuf *r, const char *key) {
  size_t k = strlen(key);
  if (r->rc) return r->rc;
  if ((size_t)(r->end - r->s) < k + 1 || memcmp(r->s, key, k) != 0 ||
      (r->s[k] != ' ' && r->s[k] != '\n'))
    return rfail(r, key);
  r->s += k;
  if (*r->s == ' ') r->s++;
  return 0;
}

static int reol(rbuf *r) {
  while (r->s < r->end && *r->s == ' ') r->s++;
  if (r->s >= r->end || *r->s != '\n') return rfail(r, "expected end of line");
  r->s++;
  r->line++;
  return 0;
}

static double rnum(rbuf *r) {
  if (r->rc) return NAN;
  char tmp[64];
  size_t k = 0;
  while (r->s < r->end && *r->s == ' ') r->s++;
  while (r->s < r->end && *r->s != ' ' && *r->s != '\n' && k < sizeof tmp - 1)
    tmp[k++] = *r->s++;
  tmp[k] = '\0';
  char *e;
  double v = strtod(tmp, &e);
  if (k == 0 || *e) {
    rfail(r, "bad number");
    return NAN;
  }
  return v;
}

static long rint_(rbuf *r, const char *key, long lo, long hi) {
  if (rkey(r, key)) return 0;
  double v = rnum(r);
  reol(r);
  if (r->rc) return 0;
  if (!(v >= (double)lo && v <= (double)hi) || v != floor(v)) {
    rfail(r, key);
    return 0;
  }
  return (long)v;
}

static double rdbl(rbuf *r, const char *key) {
  if (rkey(r, key)) return NAN;
  double v = rnum(r);
  reol(r);
  return v;
}

static double *rvec(rbuf *r, const char *key, size_t n) {
  if (rkey(r, key)) return NULL;
  double cnt = rnum(r);
  if (r->rc || cnt != (double)n) {
    rfail(r, key);
    return NULL;
  }
  double *v = malloc((n ? n : 1) * sizeof *v);
  if (!v) {
    r->rc = mge_error_set(r->err, MGE_E_NOMEM, "out of memory");
    return NULL;
  }
  for (size_t i = 0; i < n && !r->rc; i++) v[i] = rnum(r);
  reol(r);
  if (r->rc) {
    free(v);
    return NULL;
  }
  return v;
}

int mge_regressor_load(const char *buf, size_t len, mge_regressor **out,
                       mge_error *err) {
  *out = NULL;
  rbuf r = {buf, buf + len, 1, err, 0};
  if (len < strlen(MAGIC) || memcmp(buf, MAGIC, strlen(MAGIC)) != 0)
    return mge_error_set(err, MGE_E_INPUT, "not an mge model file");
  r.s += strlen(MAGIC);
  r.line = 2;
  mge_regressor *m = calloc(1, sizeof *m);
  if (!m) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  mge_learn_opts *o = &m->opts;
  if (!rkey(&r, "kind")) {
    char name[16] = {0};
    size_t k = 0;
    while (r.s < r.end && *r.s != '\n' && k < sizeof name - 1)
      name[k++] = *r.s++;
    o->kind = mge_learn_kind_from_name(name);
    if (!o->kind) rfail(&r, "unknown kind");
    reol(&r);
  }
  o->classification = (int)rint_(&r, "classification", 0, 1);
  o->seed = (uint64_t)rint_(&r, "seed", 0, 0x7fffffffffffL);
  o->threads = (int)rint_(&r, "threads", 1, 1024);
  o->ridge_alpha = rdbl(&r, "ridge_alpha");
  o->gp_kernel = (mge_gp_kernel)rint_(&r, "gp_kernel", 0, 2);
  o->gp_max_iter = (int)rint_(&r, "gp_max_iter", 0, 1000000);
  o->gp_restarts = (int)rint_(&r, "gp_restarts", 0, 1000);
  o->xgb_rounds = (int)rint_(&r, "xgb_rounds", 0, 100000);
  o->xgb_max_depth = (int)rint_(&r, "xgb_max_depth", 0, 30);
  o->xgb_eta = rdbl(&r, "xgb_eta");
  o->xgb_subsample = rdbl(&r, "xgb_subsample");
  o->xgb_colsample = rdbl(&r, "xgb_colsample");
  o->xgb_min_child_weight = rdbl(&r, "xgb_min_child_weight");
  o->xgb_ensemble = (int)rint_(&r, "xgb_ensemble", 0, 100);
  m->p = (size_t)rint_(&r, "p", 1, 1000000);
  m->scaler.p = m->p;
  m->scaler.mean = rvec(&r, "scaler_mean", m->p);
  m->scaler.sd = rvec(&r, "scaler_sd", m->p);
  if (!r.rc && o->kind == MGE_LEARN_RIDGE)
    m->ridge.beta = rvec(&r, "beta", m->p + 1);
  if (!r.rc && o->kind == MGE_LEARN_GP) {
    double *head = rvec(&r, "gp_head", 4);
    if (head) {
      m->gp.ymean = head[0];
      m->gp.ysd = head[1];
      m->gp.log_ml = head[2];
      if (!(head[3] >= 1 && head[3] <= 200000 && head[3] == floor(head[3])))
        rfail(&r, "gp rows");
      else
        m->gp.n = (size_t)head[3];
      free(head);
    }
    if (!r.rc) m->gp.theta = rvec(&r, "gp_theta", m->p + 2);
    if (!r.rc) m->gp.Z = rvec(&r, "gp_Z", m->gp.n * m->p);
    if (!r.rc) m->gp.alpha = rvec(&r, "gp_alpha", m->gp.n);
    if (!r.rc) r.rc = learn_gp_factor(&m->gp, o->gp_kernel, m->p, err);
  }
  if (!r.rc && o->kind == MGE_LEARN_XGB) {
    int k = (int)rint_(&r, "xgb_members", 1, 100);
    if (!r.rc) {
      m->xgb.booster = calloc((size_t)k, sizeof *m->xgb.booster);
      if (!m->xgb.booster)
        r.rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      else
        m->xgb.members = k;
    }
    for (int i = 0; i < k && !r.rc; i++) {
      long jl = rint_(&r, "xgb_json", 1, 1L << 31);
      if (r.rc) break;
      if (r.end - r.s < jl + 1) {
        rfail(&r, "truncated XGBoost model");
        break;
      }
      r.rc = learn_xgb_load(m, i, r.s, (size_t)jl, err);
      r.s += jl;
      reol(&r);
    }
  }
  if (!r.rc) rkey(&r, "end");
  if (!r.rc) r.rc = check_opts(o, err);
  if (r.rc) {
    mge_regressor_free(m);
    return r.rc;
  }
  *out = m;
  return MGE_OK;
}
