/* Cross-validation and the Matbench protocol on the shipped composition
 * tasks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "learn/learn_internal.h"
#include "learn/learn_table.h"
#include "mge/csv.h"

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int mge_cv_run(const mge_learn_opts *opts, const double *X, const double *y,
               size_t n, size_t p, const int *fold, int k, mge_cv_result *out,
               mge_error *err) {
  memset(out, 0, sizeof *out);
  if (k < 2 || k > MGE_CV_MAX_FOLDS)
    return mge_error_set(err, MGE_E_INPUT, "folds must be in 2..%d",
                         MGE_CV_MAX_FOLDS);
  double t0 = now_s();
  double *Xtr = malloc(n * p * sizeof *Xtr), *ytr = malloc(n * sizeof *ytr);
  double *Xte = malloc(n * p * sizeof *Xte), *yte = malloc(n * sizeof *yte);
  double *yh = malloc(n * sizeof *yh);
  int rc = MGE_OK;
  if (!Xtr || !ytr || !Xte || !yte || !yh) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  out->folds = k;
  for (int f = 0; f < k && !rc; f++) {
    size_t ntr = 0, nte = 0;
    for (size_t i = 0; i < n; i++) {
      if (fold[i] == f) {
        memcpy(Xte + nte * p, X + i * p, p * sizeof *X);
        yte[nte++] = y[i];
      } else {
        memcpy(Xtr + ntr * p, X + i * p, p * sizeof *X);
        ytr[ntr++] = y[i];
      }
    }
    if (nte == 0 || ntr < 2) {
      rc = mge_error_set(err, MGE_E_INPUT, "fold %d has %zu test rows", f, nte);
      break;
    }
    mge_regressor *m;
    rc = mge_regressor_fit(opts, Xtr, ytr, ntr, p, &m, err);
    if (rc) break;
    rc = mge_regressor_predict(m, Xte, nte, yh, NULL, err);
    mge_regressor_free(m);
    if (!rc)
      mge_metrics_compute(yte, yh, nte, opts->classification, &out->fold[f]);
  }
  if (!rc) {
    mge_metrics *mm = &out->mean;
    memset(mm, 0, sizeof *mm);
    for (int f = 0; f < k; f++) {
      mm->mae += out->fold[f].mae / k;
      mm->rmse += out->fold[f].rmse / k;
      mm->r2 += out->fold[f].r2 / k;
      mm->roc_auc += out->fold[f].roc_auc / k;
      mm->accuracy += out->fold[f].accuracy / k;
      mm->n += out->fold[f].n;
    }
  }
  out->seconds = now_s() - t0;
done:
  free(Xtr);
  free(ytr);
  free(Xte);
  free(yte);
  free(yh);
  return rc;
}

/* The composition tasks of Matbench v0.1 and the published reference
 * points: data/ml/README.md (Dunn et al., npj Comput Mater 6, 138 (2020);
 * the Matbench leaderboard). RF-SCM/Magpie for the two classification tasks
 * is not in our sources and stays NaN. */
static const mge_matbench_task tasks[] = {
    {"matbench_steels", "ml/matbench_steels.csv", "yield strength", 0, "MPa",
     103.5, 79.95, "TPOT-Mat"},
    {"matbench_expt_gap", "ml/matbench_expt_gap.csv", "gap expt", 0, "eV",
     0.446, 0.2865, "Darwin"},
    {"matbench_expt_is_metal", "ml/matbench_expt_is_metal.csv", "is_metal", 1,
     "1", NAN, 0.960, "leaderboard best"},
    {"matbench_glass", "ml/matbench_glass.csv", "gfa", 1, "1", NAN, 0.960,
     "MODNet"},
};

int mge_dataset_cv(const mge_dataset *d, mge_feature_set set,
                   const mge_learn_opts *opts, int k, mge_cv_result *out,
                   mge_error *err) {
  memset(out, 0, sizeof *out);
  mge_learn_opts o = *opts;
  o.classification = d->classification;
  mge_featurizer *f = NULL;
  double *X = NULL;
  uint64_t *g = malloc((d->n ? d->n : 1) * sizeof *g);
  int *fold = malloc((d->n ? d->n : 1) * sizeof *fold);
  int rc = MGE_OK;
  if (!g || !fold) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  mge_dataset_groups(d, g);
  if ((rc = mge_folds_grouped(g, d->n, k, o.seed, fold, err))) goto done;
  if ((rc = mge_featurizer_new(set, &f, err))) goto done;
  if ((rc = mge_dataset_features(d, f, &X, err))) goto done;
  rc = mge_cv_run(&o, X, d->y, d->n, (size_t)mge_featurizer_count(f), fold, k,
                  out, err);
done:
  mge_featurizer_free(f);
  free(X);
  free(g);
  free(fold);
  return rc;
}

int mge_matbench_count(void) {
  return (int)(sizeof tasks / sizeof tasks[0]);
}

const mge_matbench_task *mge_matbench_get(int i) {
  return i >= 0 && i < mge_matbench_count() ? &tasks[i] : NULL;
}

const mge_matbench_task *mge_matbench_find(const char *name) {
  for (int i = 0; i < mge_matbench_count(); i++) {
    const char *tn = tasks[i].name;
    if (strcmp(name, tn) == 0 || strcmp(name, tn + strlen("matbench_")) == 0)
      return &tasks[i];
  }
  return NULL;
}

/* The official folds of one task, by mbid, into fold[] in the order of the
 * task's rows. */
static int read_folds(const mge_matbench_task *t, const mge_csv_table *data,
                      int id_col, int *fold, mge_error *err) {
  char path[1024];
  int rc = mge_data_find("ml/matbench_composition_folds.csv", path, sizeof path,
                         err);
  if (rc) return rc;
  mge_csv_table ft;
  rc = mge_csv_table_read(path, &ft, err);
  if (rc) return rc;
  int ct = mge_csv_table_col(&ft, "task"), cm = mge_csv_table_col(&ft, "mbid");
  int cf = mge_csv_table_col(&ft, "test_fold");
  if (ct < 0 || cm < 0 || cf < 0) {
    mge_csv_table_free(&ft);
    return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                            "expected columns task, mbid, test_fold");
  }
  /* mbids are numbered in row order within a task: match by search */
  for (size_t i = 0; i < data->nrows; i++) fold[i] = -1;
  size_t j0 = 0;
  for (size_t j = 0; j < ft.nrows; j++) {
    if (strcmp(mge_csv_table_cell(&ft, j, (size_t)ct), t->name) != 0) continue;
    const char *id = mge_csv_table_cell(&ft, j, (size_t)cm);
    size_t i = j0, tries = 0;
    while (tries < data->nrows &&
           strcmp(mge_csv_table_cell(data, i, (size_t)id_col), id) != 0) {
      i = (i + 1) % data->nrows;
      tries++;
    }
    if (tries == data->nrows) {
      rc = mge_error_set_at(err, MGE_E_INPUT, path, (int)ft.line[j], 0,
                            "mbid %s is not in %s", id, t->file);
      break;
    }
    char *e;
    long f = strtol(mge_csv_table_cell(&ft, j, (size_t)cf), &e, 10);
    if (*e || f < 0 || f > 4) {
      rc = mge_error_set_at(err, MGE_E_INPUT, path, (int)ft.line[j], 0,
                            "bad test_fold");
      break;
    }
    fold[i] = (int)f;
    j0 = (i + 1) % data->nrows;
  }
  mge_csv_table_free(&ft);
  for (size_t i = 0; !rc && i < data->nrows; i++)
    if (fold[i] < 0)
      rc = mge_error_set(err, MGE_E_INPUT, "row %zu of %s has no fold", i + 1,
                         t->file);
  return rc;
}

int mge_matbench_run(const mge_matbench_task *t, mge_feature_set set,
                     const mge_learn_opts *opts, mge_cv_result *out,
                     mge_error *err) {
  double t0 = now_s();
  char path[1024];
  int rc = mge_data_find(t->file, path, sizeof path, err);
  if (rc) return rc;
  mge_csv_table data;
  rc = mge_csv_table_read(path, &data, err);
  if (rc) return rc;
  int cid = mge_csv_table_col(&data, "mbid");
  int cc = mge_csv_table_col(&data, "composition");
  int cy = mge_csv_table_col(&data, t->target);
  int *fold = NULL;
  double *X = NULL, *y = NULL;
  mge_featurizer *f = NULL;
  if (cid < 0 || cc < 0 || cy < 0) {
    rc = mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                          "expected columns mbid, composition, %s", t->target);
    goto done;
  }
  size_t n = data.nrows;
  fold = malloc(n * sizeof *fold);
  y = malloc(n * sizeof *y);
  if (!fold || !y) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  rc = read_folds(t, &data, cid, fold, err);
  if (!rc) rc = mge_featurizer_new(set, &f, err);
  if (rc) goto done;
  size_t p = (size_t)mge_featurizer_count(f);
  X = malloc(n * p * sizeof *X);
  if (!X) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n && !rc; i++) {
    const char *ys = mge_csv_table_cell(&data, i, (size_t)cy);
    if (t->classification) {
      if (strcmp(ys, "True") == 0)
        y[i] = 1;
      else if (strcmp(ys, "False") == 0)
        y[i] = 0;
      else
        rc = mge_error_set_at(err, MGE_E_INPUT, path, (int)data.line[i], 0,
                              "label '%s' is not True/False", ys);
    } else {
      char *e;
      y[i] = strtod(ys, &e);
      if (*e || !isfinite(y[i]))
        rc = mge_error_set_at(err, MGE_E_INPUT, path, (int)data.line[i], 0,
                              "target '%s' is not a number", ys);
    }
    mge_error fe;
    if (!rc && mge_featurize_text(f, mge_csv_table_cell(&data, i, (size_t)cc),
                                  X + i * p, &fe) != MGE_OK)
      rc = mge_error_set_at(
          err, MGE_E_INPUT, path, (int)data.line[i], 0, "composition '%s': %s",
          mge_csv_table_cell(&data, i, (size_t)cc), fe.message);
  }
  if (rc) goto done;
  mge_learn_opts o = *opts;
  o.classification = t->classification;
  rc = mge_cv_run(&o, X, y, n, p, fold, 5, out, err);
  out->seconds = now_s() - t0;
done:
  mge_featurizer_free(f);
  free(fold);
  free(X);
  free(y);
  mge_csv_table_free(&data);
  return rc;
}
