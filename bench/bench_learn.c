/* bench_learn: (1) featurize-and-fit time on matbench_expt_gap (4,604
 * rows, magpie features, XGBoost and ridge), printed in a form that
 * bench/run_learn.sh sets next to the Python peer; (2) pool-based Bayesian
 * optimization replay on the five experimental datasets of Liang et al.,
 * npj Comput Mater 7, 188 (2021): experiments needed to find each pool's
 * best, GP + EI against random order, and the enhancement factor
 * EF = E[random] / mean(BO).
 *
 * usage: bench_learn [--seeds N] [--threads T] [--skip-bo] [--skip-fit] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mge/csv.h"
#include "mge/featurize.h"
#include "mge/learn.h"

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int fail(const mge_error *e) {
  char b[1024];
  fprintf(stderr, "bench_learn: %s\n", mge_error_format(e, b, sizeof b));
  return 1;
}

static int bench_fit(int threads) {
  mge_error e;
  char path[1024];
  if (mge_data_find("ml/matbench_expt_gap.csv", path, sizeof path, &e))
    return fail(&e);
  mge_csv_table t;
  if (mge_csv_table_read(path, &t, &e)) return fail(&e);
  int cc = mge_csv_table_col(&t, "composition"),
      cy = mge_csv_table_col(&t, "gap expt");
  mge_featurizer *f;
  if (mge_featurizer_new(MGE_FEATURES_MAGPIE, &f, &e)) return fail(&e);
  size_t n = t.nrows, p = (size_t)mge_featurizer_count(f);
  double *X = malloc(n * p * sizeof *X), *y = malloc(n * sizeof *y);
  double t0 = now_s();
  for (size_t i = 0; i < n; i++) {
    y[i] = strtod(mge_csv_table_cell(&t, i, (size_t)cy), NULL);
    if (mge_featurize_text(f, mge_csv_table_cell(&t, i, (size_t)cc), X + i * p,
                           &e))
      return fail(&e);
  }
  double t_feat = now_s() - t0;
  mge_learn_kind kinds[2] = {MGE_LEARN_XGB, MGE_LEARN_RIDGE};
  for (int k = 0; k < 2; k++) {
    mge_learn_opts o;
    mge_learn_opts_default(&o, kinds[k]);
    o.threads = threads;
    mge_regressor *m;
    t0 = now_s();
    if (mge_regressor_fit(&o, X, y, n, p, &m, &e)) return fail(&e);
    double t_fit = now_s() - t0;
    printf(
        "fit expt_gap mge %s rows %zu features %zu featurize_s %.3f "
        "fit_s %.3f total_s %.3f threads %d\n",
        mge_learn_kind_name(kinds[k]), n, p, t_feat, t_fit, t_feat + t_fit,
        threads);
    mge_regressor_free(m);
  }
  free(X);
  free(y);
  mge_featurizer_free(f);
  mge_csv_table_free(&t);
  return 0;
}

typedef struct pool {
  const char *file;
  int maximize;
} pool;

/* Objectives as in Liang et al. 2021 (their Table 1). */
static const pool pools[] = {
    {"ml/bo/AgNP_dataset.csv", 0},           /* minimize loss */
    {"ml/bo/AutoAM_dataset.csv", 1},         /* maximize score */
    {"ml/bo/Crossed_barrel_dataset.csv", 1}, /* maximize toughness */
    {"ml/bo/P3HT_dataset.csv", 1},           /* maximize conductivity */
    {"ml/bo/Perovskite_dataset.csv", 0},     /* minimize instability */
};

static int bench_bo(int seeds) {
  printf("%-28s %6s %4s %10s %10s %10s %8s\n", "pool", "rows", "best", "random",
         "BO(EI)", "BO sd", "EF");
  for (size_t q = 0; q < sizeof pools / sizeof pools[0]; q++) {
    mge_error e;
    char path[1024];
    if (mge_data_find(pools[q].file, path, sizeof path, &e)) return fail(&e);
    mge_csv_table t;
    if (mge_csv_table_read(path, &t, &e)) return fail(&e);
    size_t n = t.nrows, p = t.ncols - 1;
    double *X = malloc(n * p * sizeof *X), *y = malloc(n * sizeof *y);
    for (size_t i = 0; i < n; i++) {
      for (size_t j = 0; j < p; j++)
        X[i * p + j] = strtod(mge_csv_table_cell(&t, i, j), NULL);
      double v = strtod(mge_csv_table_cell(&t, i, p), NULL);
      y[i] = pools[q].maximize ? -v : v;
    }
    double best = INFINITY;
    int k = 0;
    for (size_t i = 0; i < n; i++) best = fmin(best, y[i]);
    for (size_t i = 0; i < n; i++) k += y[i] == best;
    double er = (double)(n + 1) / (k + 1);
    mge_bo_opts o;
    mge_bo_opts_default(&o);
    double sum = 0, sum2 = 0;
    int ok = 0;
    for (int s = 0; s < seeds; s++) {
      int used;
      if (mge_bo_replay(&o, X, y, n, p, 5, 400, 1000 + (uint64_t)s, &used, &e))
        return fail(&e);
      if (used < 0) used = 405; /* not found within the budget: counted as */
      sum += used;              /* the budget (a lower bound on the cost) */
      sum2 += (double)used * used;
      ok++;
    }
    double mean = sum / ok, sd = sqrt(fmax(0, sum2 / ok - mean * mean));
    const char *b = strrchr(pools[q].file, '/');
    printf("%-28s %6zu %4d %10.1f %10.1f %10.1f %8.2f\n", b + 1, n, k, er, mean,
           sd, er / mean);
    fflush(stdout);
    free(X);
    free(y);
    mge_csv_table_free(&t);
  }
  printf(
      "random: expected experiments (N+1)/(k+1) to draw one of the k best "
      "rows of N; BO: GP (Matern 5/2, ARD) + log EI from 5 random rows, "
      "mean over %d seeds\n",
      seeds);
  return 0;
}

int main(int argc, char **argv) {
  int seeds = 10, threads = 2, do_bo = 1, do_fit = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--seeds") == 0 && i + 1 < argc)
      seeds = atoi(argv[++i]);
    else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
      threads = atoi(argv[++i]);
    else if (strcmp(argv[i], "--skip-bo") == 0)
      do_bo = 0;
    else if (strcmp(argv[i], "--skip-fit") == 0)
      do_fit = 0;
  }
  if (seeds < 1) seeds = 1;
  if (do_fit && bench_fit(threads)) return 1;
  if (do_bo && bench_bo(seeds)) return 1;
  return 0;
}
