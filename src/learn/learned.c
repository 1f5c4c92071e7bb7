/* A fitted pipeline (feature set + regressor) and its face as a property
 * model of the design engine. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_internal.h"
#include "mge/file.h"

struct mge_learned {
  mge_feature_set set;
  mge_featurizer *feat;
  mge_regressor *reg;
  char target[64];
};

static const char *set_name(mge_feature_set s) {
  return s == MGE_FEATURES_MAGPIE  ? "magpie"
         : s == MGE_FEATURES_ALLOY ? "alloy"
                                   : "all";
}

void mge_learned_free(mge_learned *l) {
  if (!l) return;
  mge_featurizer_free(l->feat);
  mge_regressor_free(l->reg);
  free(l);
}

int mge_learned_fit(const mge_dataset *d, mge_feature_set set,
                    const mge_learn_opts *opts, mge_learned **out,
                    mge_error *err) {
  *out = NULL;
  mge_learned *l = calloc(1, sizeof *l);
  if (!l) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  l->set = set;
  snprintf(l->target, sizeof l->target, "%s", d->target_col);
  int rc = mge_featurizer_new(set, &l->feat, err);
  double *X = NULL;
  if (!rc) rc = mge_dataset_features(d, l->feat, &X, err);
  if (!rc) {
    mge_learn_opts o = *opts;
    o.classification = d->classification;
    rc = mge_regressor_fit(&o, X, d->y, d->n,
                           (size_t)mge_featurizer_count(l->feat), &l->reg, err);
  }
  free(X);
  if (rc) {
    mge_learned_free(l);
    return rc;
  }
  *out = l;
  return MGE_OK;
}

#define PRED_CHUNK 1024

int mge_learned_predict(const mge_learned *l, const mge_comp *c, size_t n,
                        double *mean, double *sd, mge_error *err) {
  size_t p = (size_t)mge_featurizer_count(l->feat);
  double *X = malloc(PRED_CHUNK * p * sizeof *X);
  if (!X) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  int rc = MGE_OK;
  for (size_t i0 = 0; i0 < n && !rc; i0 += PRED_CHUNK) {
    size_t m = n - i0 < PRED_CHUNK ? n - i0 : PRED_CHUNK;
    for (size_t i = 0; i < m; i++)
      if (mge_featurize_comp(l->feat, &c[i0 + i], X + i * p, NULL))
        for (size_t j = 0; j < p; j++) X[i * p + j] = NAN;
    rc = mge_regressor_predict(l->reg, X, m, mean + i0, sd ? sd + i0 : NULL,
                               err);
  }
  free(X);
  return rc;
}

int mge_learned_predict_text(const mge_learned *l, const char *comp,
                             double *mean, double *sd, mge_error *err) {
  mge_comp c;
  int rc = mge_comp_parse(comp, &c, err);
  if (rc) return rc;
  return mge_learned_predict(l, &c, 1, mean, sd, err);
}

const mge_regressor *mge_learned_regressor(const mge_learned *l) {
  return l->reg;
}
mge_feature_set mge_learned_feature_set(const mge_learned *l) {
  return l->set;
}
const char *mge_learned_target(const mge_learned *l) {
  return l->target;
}

#define LMAGIC "mge-learned 1\n"

int mge_learned_save(const mge_learned *l, char **buf, size_t *len,
                     mge_error *err) {
  char *rb;
  size_t rl;
  int rc = mge_regressor_save(l->reg, &rb, &rl, err);
  if (rc) return rc;
  char head[256];
  int hl = snprintf(head, sizeof head, "%sfeatures %s\ntarget %s\n", LMAGIC,
                    set_name(l->set), l->target);
  char *b = malloc((size_t)hl + rl + 1);
  if (!b) {
    free(rb);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  memcpy(b, head, (size_t)hl);
  memcpy(b + hl, rb, rl);
  b[hl + rl] = '\0';
  free(rb);
  *buf = b;
  *len = (size_t)hl + rl;
  return MGE_OK;
}

/* The rest of the line at s (up to end), copied into dst. */
static const char *take_line(const char *s, const char *end, const char *key,
                             char *dst, size_t cap) {
  size_t k = strlen(key);
  if ((size_t)(end - s) < k || memcmp(s, key, k) != 0) return NULL;
  s += k;
  size_t n = 0;
  while (s < end && *s != '\n') {
    if (n + 1 < cap) dst[n++] = *s;
    s++;
  }
  dst[n] = '\0';
  return s < end ? s + 1 : NULL;
}

int mge_learned_load(const char *buf, size_t len, mge_learned **out,
                     mge_error *err) {
  *out = NULL;
  const char *end = buf + len, *s = buf;
  size_t ml = strlen(LMAGIC);
  if (len < ml || memcmp(buf, LMAGIC, ml) != 0)
    return mge_error_set(err, MGE_E_INPUT, "not an mge learned-model file");
  s += ml;
  char fs[32], target[64];
  if (!(s = take_line(s, end, "features ", fs, sizeof fs)) ||
      !(s = take_line(s, end, "target ", target, sizeof target)))
    return mge_error_set(err, MGE_E_INPUT, "learned-model file: bad header");
  mge_learned *l = calloc(1, sizeof *l);
  if (!l) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  snprintf(l->target, sizeof l->target, "%s", target);
  int rc = mge_feature_set_parse(fs, &l->set, err);
  if (!rc) rc = mge_featurizer_new(l->set, &l->feat, err);
  if (!rc) rc = mge_regressor_load(s, (size_t)(end - s), &l->reg, err);
  if (!rc &&
      mge_regressor_n_features(l->reg) != (size_t)mge_featurizer_count(l->feat))
    rc = mge_error_set(
        err, MGE_E_INPUT, "learned-model file: %zu features, the %s set has %d",
        mge_regressor_n_features(l->reg), fs, mge_featurizer_count(l->feat));
  if (rc) {
    mge_learned_free(l);
    return rc;
  }
  *out = l;
  return MGE_OK;
}

/* ------------------------------------------------------ property model */

typedef struct learned_model {
  mge_model model; /* first: the model handed out */
  mge_learned *l;
  int sd;
  mge_output out;
  char name[64], unit[32], desc[192];
} learned_model;

static int learned_eval(const mge_model *m, const void *cand, size_t n,
                        double *out, mge_error *err) {
  const learned_model *lm = m->params;
  double *mean = malloc((n ? n : 1) * 2 * sizeof *mean);
  if (!mean) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  double *sd = mean + n;
  int rc = mge_learned_predict(lm->l, cand, n, mean, sd, err);
  if (!rc) memcpy(out, lm->sd ? sd : mean, n * sizeof *out);
  free(mean);
  return rc;
}

int mge_learned_model_new(mge_learned *l, const char *name, int id,
                          const char *unit, int sd, mge_model **out,
                          mge_error *err) {
  *out = NULL;
  if (!name || !name[0] || strlen(name) >= 64)
    return mge_error_set(err, MGE_E_INPUT, "bad learned model name");
  if (id < MGE_MODEL_ID_RUNTIME_MIN)
    return mge_error_set(err, MGE_E_INPUT,
                         "learned model %s: id %d is below the run-time "
                         "range (%d and up, mge/model_ids.h)",
                         name, id, MGE_MODEL_ID_RUNTIME_MIN);
  learned_model *lm = calloc(1, sizeof *lm);
  if (!lm) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  lm->l = l;
  lm->sd = sd;
  snprintf(lm->name, sizeof lm->name, "%s", name);
  snprintf(lm->unit, sizeof lm->unit, "%s", unit && unit[0] ? unit : "1");
  snprintf(lm->desc, sizeof lm->desc, "%s of %s (%s on %s features)",
           sd ? "uncertainty" : "prediction", l->target,
           mge_learn_kind_name(mge_regressor_opts(l->reg)->kind),
           set_name(l->set));
  lm->out.name = sd ? "sd" : "value";
  lm->out.unit = lm->unit;
  lm->out.desc = lm->desc;
  mge_model *m = &lm->model;
  m->id = id;
  m->name = lm->name;
  m->family = MGE_FAMILY_ALLOY;
  m->n_out = 1;
  m->out = &lm->out;
  m->refs = "learned from data (mge learn fit)";
  m->eval = learned_eval;
  m->params = lm;
  *out = m;
  return MGE_OK;
}

void mge_learned_model_free(mge_model *m) {
  if (!m) return;
  learned_model *lm = (learned_model *)m;
  mge_learned_free(lm->l);
  free(lm);
}

int mge_learned_read(const char *path, mge_learned **out, mge_error *err) {
  *out = NULL;
  char *b;
  size_t n;
  /* MGE_E_IO whatever went wrong: the command then looks for a stored model
   * of that name */
  int rc = mge_file_read_all(path, (size_t)1 << 31, &b, &n, err);
  if (rc)
    return mge_error_set(
        err, MGE_E_IO, rc == MGE_E_INPUT ? "cannot open %s" : "cannot read %s",
        path);
  rc = mge_learned_load(b, n, out, err);
  free(b);
  return rc;
}
