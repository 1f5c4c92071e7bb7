/* mge learn: surrogate models (ridge, Gaussian process, gradient-boosted
 * trees through XGBoost), honest evaluation (metrics, grouped folds) and the
 * numerical pieces of Bayesian choice of experiments (expected improvement,
 * upper confidence bound).
 *
 * Data are dense row-major matrices X (n rows x p columns, double) with
 * targets y (n). Non-finite entries in X are allowed for XGBoost (treated
 * as missing) and replaced by the column mean for ridge and GP (the means are
 * stored with the model so predictions use the same pipeline).
 *
 * Ownership: mge_regressor_fit and mge_regressor_load return a new handle
 * that the caller frees with mge_regressor_free. Inputs are borrowed.
 * Thread safety: a fitted regressor may be used for prediction from several
 * threads at once (predict does not modify it). Fitting is single-threaded
 * except XGBoost, which uses opts.threads threads.
 */
#ifndef MGE_LEARN_H
#define MGE_LEARN_H

#include <stddef.h>
#include <stdint.h>

#include "mge/chem.h"
#include "mge/core.h"
#include "mge/featurize.h"
#include "mge/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mge_learn_kind {
  MGE_LEARN_RIDGE = 1, /* ridge regression on standardized features */
  MGE_LEARN_GP = 2,    /* Gaussian process, ARD kernel, ML-II hyperparameters */
  MGE_LEARN_XGB = 3    /* gradient-boosted trees (XGBoost C API) */
} mge_learn_kind;

typedef enum mge_gp_kernel {
  MGE_GP_MATERN52 = 1, /* (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r) */
  MGE_GP_RBF = 2       /* exp(-r^2 / 2) */
} mge_gp_kernel;

typedef struct mge_learn_opts {
  mge_learn_kind kind;
  int classification; /* 1: targets are 0/1 labels; predictions are
                         probabilities of class 1 (XGBoost logistic; ridge
                         and GP regress on the labels and clip to [0, 1]) */
  uint64_t seed;
  int threads; /* XGBoost threads (>= 1) */
  /* ridge */
  double ridge_alpha; /* L2 penalty on standardized features (default 1) */
  /* GP */
  mge_gp_kernel gp_kernel; /* default Matern 5/2 */
  int gp_max_iter;         /* L-BFGS iterations (default 200) */
  int gp_restarts;         /* extra random starts (default 2) */
  /* XGBoost (names as in XGBoost's parameters) */
  int xgb_rounds;              /* boosting rounds (default 600) */
  int xgb_max_depth;           /* default 6 */
  double xgb_eta;              /* learning rate (default 0.04) */
  double xgb_subsample;        /* default 0.8 */
  double xgb_colsample;        /* colsample_bytree (default 0.6) */
  double xgb_min_child_weight; /* default 1 */
  int xgb_ensemble;            /* members with different seeds; the spread of
                                  their predictions is the reported uncertainty
                                  (default 1; >= 2 for an uncertainty) */
} mge_learn_opts;

/* The options of a fit as one line of JSON, for the store's settings
 * column: model, features (the set's name as given), seed, the XGBoost
 * rounds, depth, eta and ensemble, and the ridge alpha, e.g.
 * {"model":"ridge","features":"magpie","seed":0,"rounds":600,...}. Writes
 * at most cap bytes with a NUL; returns the length needed (as snprintf). */
MGE_API int mge_learn_opts_settings(const mge_learn_opts *opts,
                                    const char *features, char *buf,
                                    size_t cap);

/* Fill opts with the documented defaults for a kind. */
MGE_API void mge_learn_opts_default(mge_learn_opts *opts, mge_learn_kind kind);

/* Name of a kind ("ridge", "gp", "xgb") and the reverse (0 if unknown). */
MGE_API const char *mge_learn_kind_name(mge_learn_kind k);
MGE_API mge_learn_kind mge_learn_kind_from_name(const char *name);

typedef struct mge_regressor mge_regressor;

/* Fit a model to X (n x p, row-major) and y (n). Errors: MGE_E_INPUT for
 * n < 2, p < 1, non-finite y, labels other than 0/1 in classification;
 * MGE_E_NOMEM; MGE_E_INTERNAL if XGBoost fails (its message is copied). */
MGE_API int mge_regressor_fit(const mge_learn_opts *opts, const double *X,
                              const double *y, size_t n, size_t p,
                              mge_regressor **out, mge_error *err);

/* Predict n rows of X (p columns as in fit). mean[n] receives the
 * prediction (or probability); sd[n], if non-NULL, the predictive standard
 * deviation (GP: of the latent function, noise excluded, in the target unit;
 * XGBoost: standard deviation of the ensemble members,
 * NaN with one member; ridge: NaN). */
MGE_API int mge_regressor_predict(const mge_regressor *m, const double *X,
                                  size_t n, double *mean, double *sd,
                                  mge_error *err);

/* Number of input columns the model expects. */
MGE_API size_t mge_regressor_n_features(const mge_regressor *m);

/* The options the model was fitted with. */
MGE_API const mge_learn_opts *mge_regressor_opts(const mge_regressor *m);

/* Fitted GP hyperparameters (in standardized units): length scales (p),
 * signal variance and noise variance; returns MGE_E_INPUT for other kinds.
 * ls may be NULL. */
MGE_API int mge_regressor_gp_hyper(const mge_regressor *m, double *ls,
                                   double *signal_var, double *noise_var,
                                   double *log_ml);

/* Serialize to a malloc'ed buffer (*buf, *len; caller frees with free()).
 * The format is a versioned text header followed by exact (hex-float)
 * numbers and, for XGBoost, the booster's own JSON model. */
MGE_API int mge_regressor_save(const mge_regressor *m, char **buf, size_t *len,
                               mge_error *err);
MGE_API int mge_regressor_load(const char *buf, size_t len, mge_regressor **out,
                               mge_error *err);

MGE_API void mge_regressor_free(mge_regressor *m);

/* GP negative log marginal likelihood and its gradient with respect to
 * theta = (log l_1..log l_p, log signal_var, log noise_var) on standardized
 * data X (n x p) and y; exposed for tests (gradient vs finite differences).
 * grad may be NULL. */
MGE_API int mge_gp_nlml(mge_gp_kernel kernel, const double *X, const double *y,
                        size_t n, size_t p, const double *theta, double *nlml,
                        double *grad, mge_error *err);

/* ---------------------------------------------------------------- metrics */

typedef struct mge_metrics {
  double mae, rmse, r2;     /* regression */
  double roc_auc, accuracy; /* classification (threshold 0.5) */
  size_t n;
} mge_metrics;

/* Metrics of predictions yhat against y (n). For classification, y is 0/1
 * and yhat a probability or score; ROC-AUC counts ties as 1/2. */
MGE_API void mge_metrics_compute(const double *y, const double *yhat, size_t n,
                                 int classification, mge_metrics *out);

/* ------------------------------------------------------------------ folds */

/* Assign each of n rows to one of k folds (fold[i] in 0..k-1) by shuffling
 * groups with the seed: rows with the same group id always share a fold.
 * group may be NULL (each row its own group). Fold sizes differ by at most
 * the largest group. Errors: k < 2 or k > number of groups. */
MGE_API int mge_folds_grouped(const uint64_t *group, size_t n, int k,
                              uint64_t seed, int *fold, mge_error *err);

/* ------------------------------------------------- Bayesian optimization */

/* log of the expected improvement for minimization,
 * EI = E[max(best - Y, 0)], Y ~ N(mu, sd^2), computed stably far in the tail
 * (log form as in Ament et al., NeurIPS 2023, "Unexpected improvements to
 * expected improvement"). sd <= 0 gives log(max(best - mu, 0)). */
MGE_API double mge_log_ei(double mu, double sd, double best);

/* Lower confidence bound for minimization, mu - beta * sd (UCB for the
 * negated objective). */
MGE_API double mge_lcb(double mu, double sd, double beta);

/* --------------------------------------------------------------- datasets */

/* A dataset: compositions (as written) with one numeric target. Rows keep
 * the line of the source file they came from. */
typedef struct mge_dataset {
  char name[128];
  char source[256]; /* file it was read from */
  char hash[17];    /* FNV-1a 64 of the file's bytes, hex */
  char comp_col[64], target_col[64], group_col[64]; /* group "" if none */
  int classification; /* targets were booleans (True/False): 1/0 */
  size_t n;
  char **comp;       /* n compositions (owned) */
  double *y;         /* n targets */
  long *line;        /* n source lines */
  char **group;      /* n group labels, or NULL */
  size_t n_dropped;  /* bad rows dropped at import */
  char unit[32];     /* the target's unit ("" if not given) */
  size_t n_extra;    /* the file's other columns, kept as text */
  char **extra_name; /* n_extra names */
  char **extra;      /* n x n_extra values, row-major */
} mge_dataset;

/* Use the kept column `name` as group labels (replacing any); MGE_E_INPUT
 * if the dataset has no such column. */
MGE_API int mge_dataset_set_group(mge_dataset *d, const char *name,
                                  mge_error *err);

/* What can be wrong with a row. */
typedef enum mge_row_issue_kind {
  MGE_ROW_BAD_COMPOSITION = 1, /* does not parse */
  MGE_ROW_BAD_TARGET = 2,      /* missing or not a number */
  MGE_ROW_DUPLICATE = 3        /* same composition as an earlier row */
} mge_row_issue_kind;

/* A short name of an issue kind: "bad composition", "bad target",
 * "duplicate". Static string. */
MGE_API const char *mge_row_issue_name(mge_row_issue_kind kind);

typedef struct mge_row_issue {
  long line; /* line in the file */
  mge_row_issue_kind kind;
  char message[192];
} mge_row_issue;

typedef struct mge_dataset_read_opts {
  const char *comp_col;   /* required */
  const char *target_col; /* required */
  const char *group_col;  /* optional */
  const char *name;       /* default: the file's base name without .csv */
  const char *unit;       /* the target's unit, optional */
  int drop_bad;           /* 1: drop bad rows (each reported); 0: any bad
                             row fails the read with MGE_E_INPUT */
} mge_dataset_read_opts;

/* Read a CSV (header required) into a new dataset. Every bad row is listed
 * in *issues (malloc'ed array of *n_issues; caller frees with free(); may be
 * NULL on return if none). With drop_bad = 0 and any issue, returns
 * MGE_E_INPUT naming the first bad row (file:line) and *out is NULL.
 * Duplicates: the first occurrence is kept. Malformed CSV: MGE_E_INPUT with
 * file:line:column. */
MGE_API int mge_dataset_read_csv(const char *path,
                                 const mge_dataset_read_opts *o,
                                 mge_dataset **out, mge_row_issue **issues,
                                 size_t *n_issues, mge_error *err);

/* Read every row of a CSV for prediction: comp[i] is column comp_col of row
 * i, y[i] is NaN, and every column (comp_col included) is kept in
 * extra/extra_name in file order. Only malformed CSV or a missing column
 * fail (MGE_E_INPUT with file:line:column). */
MGE_API int mge_dataset_read_column(const char *path, const char *comp_col,
                                    mge_dataset **out, mge_error *err);

/* A dataset from arrays (copied). */
MGE_API int mge_dataset_new(const char *name, size_t n, const char *const *comp,
                            const double *y, int classification,
                            mge_dataset **out, mge_error *err);

MGE_API void mge_dataset_free(mge_dataset *d);

/* Group ids for grouped folds: the group column's labels if any, otherwise
 * the parsed composition (so that the same composition, however written,
 * never sits in train and test). ids has capacity d->n. Rows whose
 * composition does not parse get their own group. */
MGE_API void mge_dataset_groups(const mge_dataset *d, uint64_t *ids);

/* Featurize all rows: X (n x count, malloc'ed, caller frees) with the
 * featurizer's count columns. A row that does not parse gets NaN features. */
MGE_API int mge_dataset_features(const mge_dataset *d, const mge_featurizer *f,
                                 double **X, mge_error *err);

/* ------------------------------------------------- learned property model */

/* A fitted pipeline: featurizer (by set) + regressor, with the target's
 * name. As design-engine property models it takes alloy-family candidates
 * (const mge_comp[n]): one model with the prediction (in the target's unit)
 * and one with its uncertainty (GP sd or ensemble spread; NaN if the model
 * has none). */
typedef struct mge_learned mge_learned;

MGE_API int mge_learned_fit(const mge_dataset *d, mge_feature_set set,
                            const mge_learn_opts *opts, mge_learned **out,
                            mge_error *err);
MGE_API int mge_learned_predict(const mge_learned *l, const mge_comp *c,
                                size_t n, double *mean, double *sd,
                                mge_error *err);
MGE_API int mge_learned_save(const mge_learned *l, char **buf, size_t *len,
                             mge_error *err);
MGE_API int mge_learned_load(const char *buf, size_t len, mge_learned **out,
                             mge_error *err);
MGE_API void mge_learned_free(mge_learned *l);

/* Read a model file written from mge_learned_save (at most 1 GiB).
 * MGE_E_IO if the file cannot be opened or read (so that a caller may try
 * another source, such as the store), else mge_learned_load's errors. */
MGE_API int mge_learned_read(const char *path, mge_learned **out,
                             mge_error *err);

/* Predict one composition given as text (mge_comp_parse): *mean and *sd
 * (may be NULL) as mge_learned_predict. A composition that does not parse
 * gives the parser's error. Thread-safe. */
MGE_API int mge_learned_predict_text(const mge_learned *l, const char *comp,
                                     double *mean, double *sd, mge_error *err);
MGE_API const mge_regressor *mge_learned_regressor(const mge_learned *l);
MGE_API mge_feature_set mge_learned_feature_set(const mge_learned *l);
MGE_API const char *mge_learned_target(const mge_learned *l);

/* A new property model over l named name ("learn.steels"), id id (>=
 * MGE_MODEL_ID_RUNTIME_MIN, unique in its registry), with one output: the
 * prediction (sd = 0) or its uncertainty (sd = 1), in unit ("1" if NULL or
 * empty). The model owns l and its copies of name and unit: free it with
 * mge_learned_model_free (which frees l too). */
MGE_API int mge_learned_model_new(mge_learned *l, const char *name, int id,
                                  const char *unit, int sd, mge_model **out,
                                  mge_error *err);
MGE_API void mge_learned_model_free(mge_model *m);

/* ----------------------------------------------------- cross-validation */

#define MGE_CV_MAX_FOLDS 50

typedef struct mge_cv_result {
  int folds;
  mge_metrics fold[MGE_CV_MAX_FOLDS];
  mge_metrics mean; /* mean over folds of each metric */
  double seconds;   /* featurize + fit + predict */
} mge_cv_result;

/* k-fold cross-validation with given fold ids (fold[i] in 0..k-1), features
 * X (n x p) and targets y. */
MGE_API int mge_cv_run(const mge_learn_opts *opts, const double *X,
                       const double *y, size_t n, size_t p, const int *fold,
                       int k, mge_cv_result *out, mge_error *err);

/* k-fold cross-validation of a model on a dataset: folds by
 * mge_folds_grouped on the dataset's groups (mge_dataset_groups: its group
 * column if set, else the parsed composition) with opts->seed, features of
 * the given set (mge_dataset_features), then mge_cv_run. opts is copied
 * with classification taken from d. Errors: those of the steps (k < 2 or
 * more folds than groups: MGE_E_INPUT), MGE_E_NOMEM. Thread-safe: d is only
 * read. */
MGE_API int mge_dataset_cv(const mge_dataset *d, mge_feature_set set,
                           const mge_learn_opts *opts, int k,
                           mge_cv_result *out, mge_error *err);

/* Matbench (Dunn et al., npj Comput Mater 6, 138 (2020)) composition tasks
 * shipped in data/ml: "matbench_steels", "matbench_expt_gap",
 * "matbench_expt_is_metal", "matbench_glass". Runs the official 5 folds
 * (data/ml/matbench_composition_folds.csv) with the given feature set and
 * model; metrics per fold and their mean (MAE for regression, ROC-AUC for
 * classification). */
typedef struct mge_matbench_task {
  const char *name;
  const char *file;   /* relative to the data folder */
  const char *target; /* target column */
  int classification;
  const char *unit;
  double rf_scm_magpie; /* published RF-SCM/Magpie mean, NaN if none */
  double best;          /* published best mean */
  const char *best_name;
} mge_matbench_task;

MGE_API const mge_matbench_task *mge_matbench_find(const char *name);
MGE_API int mge_matbench_count(void);
MGE_API const mge_matbench_task *mge_matbench_get(int i);

MGE_API int mge_matbench_run(const mge_matbench_task *t, mge_feature_set set,
                             const mge_learn_opts *opts, mge_cv_result *out,
                             mge_error *err);

/* Acquisition functions for choosing experiments (all for minimization; to
 * maximize, negate the targets). */
typedef enum mge_acq {
  MGE_ACQ_EI = 1, /* log expected improvement (mge_log_ei) */
  MGE_ACQ_UCB = 2 /* lower confidence bound mu - beta sd (mge_lcb) */
} mge_acq;

typedef struct mge_bo_opts {
  mge_acq acq;       /* default MGE_ACQ_EI */
  double beta;       /* UCB width (default 2) */
  mge_learn_opts gp; /* the surrogate (kind must be MGE_LEARN_GP) */
} mge_bo_opts;

MGE_API void mge_bo_opts_default(mge_bo_opts *o);

/* Propose `batch` of the nc candidates Xc (nc x p) given observations X
 * (n x p), y (n), for minimization of y. Batch proposals by the kriging
 * believer heuristic (Ginsbourger, Le Riche & Carraro, "Kriging is
 * well-suited to parallelize optimization", 2010): after each choice the GP
 * is conditioned on its own mean at the chosen point (hyperparameters kept
 * from the first fit), and the next choice is made. chosen[batch] receives
 * candidate indices (distinct), acq[batch] (may be NULL) the acquisition
 * value at the time of choice (log EI, or -LCB), and mean/sd (may be NULL)
 * the first-fit predictions at the chosen points. Errors: batch > nc,
 * n < 2, and the GP's. */
MGE_API int mge_bo_propose(const mge_bo_opts *o, const double *X,
                           const double *y, size_t n, size_t p,
                           const double *Xc, size_t nc, int batch, int *chosen,
                           double *acq, double *mean, double *sd,
                           mge_error *err);

/* Replay a pool-based optimization: the pool is X (n x p) with measured y;
 * starting from n_init rows drawn with the seed, propose one row at a time
 * (mge_bo_propose with batch 1) and "measure" it, until a row with the pool's
 * best (minimum) y has been measured or max_iter proposals were made.
 * *experiments receives the number of rows measured in all (n_init
 * included). A purely random order of the same pool needs on average
 * (n + 1) / (k + 1) experiments, k the number of rows attaining the best. */
MGE_API int mge_bo_replay(const mge_bo_opts *o, const double *X,
                          const double *y, size_t n, size_t p, int n_init,
                          int max_iter, uint64_t seed, int *experiments,
                          mge_error *err);

#ifdef __cplusplus
}
#endif
#endif
