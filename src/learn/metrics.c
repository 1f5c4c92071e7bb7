/* Metrics, grouped folds and acquisition functions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_internal.h"

typedef struct scored {
  double s;
  double y;
} scored;

static int cmp_scored(const void *a, const void *b) {
  double x = ((const scored *)a)->s, y = ((const scored *)b)->s;
  return (x > y) - (x < y);
}

/* ROC-AUC as the Mann-Whitney statistic with ties counted 1/2. */
static double roc_auc(const double *y, const double *s, size_t n) {
  scored *v = malloc(n * sizeof *v);
  if (!v) return NAN;
  size_t npos = 0;
  for (size_t i = 0; i < n; i++) {
    v[i].s = s[i];
    v[i].y = y[i];
    npos += y[i] > 0.5;
  }
  size_t nneg = n - npos;
  if (npos == 0 || nneg == 0) {
    free(v);
    return NAN;
  }
  qsort(v, n, sizeof *v, cmp_scored);
  double rank_sum = 0; /* sum of ranks of positives, ties averaged */
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && v[j].s == v[i].s) j++;
    double avg = 0.5 * (double)(i + 1 + j); /* mean of ranks i+1..j */
    for (size_t k = i; k < j; k++)
      if (v[k].y > 0.5) rank_sum += avg;
    i = j;
  }
  free(v);
  double np = (double)npos, nn = (double)nneg;
  return (rank_sum - np * (np + 1) / 2) / (np * nn);
}

void mge_metrics_compute(const double *y, const double *yhat, size_t n,
                         int classification, mge_metrics *out) {
  memset(out, 0, sizeof *out);
  out->n = n;
  out->roc_auc = out->accuracy = NAN;
  if (n == 0) {
    out->mae = out->rmse = out->r2 = NAN;
    return;
  }
  double ae = 0, se = 0, ym = 0, ss = 0;
  for (size_t i = 0; i < n; i++) {
    double d = yhat[i] - y[i];
    ae += fabs(d);
    se += d * d;
    ym += y[i];
  }
  ym /= (double)n;
  for (size_t i = 0; i < n; i++) ss += (y[i] - ym) * (y[i] - ym);
  out->mae = ae / (double)n;
  out->rmse = sqrt(se / (double)n);
  out->r2 = ss > 0 ? 1.0 - se / ss : NAN;
  if (classification) {
    size_t ok = 0;
    for (size_t i = 0; i < n; i++) ok += (yhat[i] >= 0.5) == (y[i] > 0.5);
    out->accuracy = (double)ok / (double)n;
    out->roc_auc = roc_auc(y, yhat, n);
  }
}

/* ------------------------------------------------------------------ folds */

typedef struct grp {
  uint64_t id;
  size_t count;
  uint64_t key; /* shuffle key */
  int fold;
} grp;

static int cmp_id(const void *a, const void *b) {
  uint64_t x = ((const grp *)a)->id, y = ((const grp *)b)->id;
  return (x > y) - (x < y);
}

static int cmp_key(const void *a, const void *b) {
  uint64_t x = ((const grp *)a)->key, y = ((const grp *)b)->key;
  return (x > y) - (x < y);
}

static int find_grp(const grp *g, size_t ng, uint64_t id) {
  size_t lo = 0, hi = ng;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (g[mid].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return (int)lo;
}

int mge_folds_grouped(const uint64_t *group, size_t n, int k, uint64_t seed,
                      int *fold, mge_error *err) {
  if (k < 2) return mge_error_set(err, MGE_E_INPUT, "folds must be >= 2");
  grp *g = malloc((n ? n : 1) * sizeof *g);
  if (!g) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) {
    g[i].id = group ? group[i] : (uint64_t)i;
    g[i].count = 1;
  }
  qsort(g, n, sizeof *g, cmp_id);
  size_t ng = 0;
  for (size_t i = 0; i < n; i++) {
    if (ng > 0 && g[ng - 1].id == g[i].id)
      g[ng - 1].count++;
    else
      g[ng++] = g[i];
  }
  if ((size_t)k > ng) {
    free(g);
    return mge_error_set(err, MGE_E_INPUT,
                         "%d folds but only %zu distinct groups", k, ng);
  }
  /* shuffle groups deterministically, then give each to the emptiest fold */
  for (size_t i = 0; i < ng; i++) {
    uint64_t st = seed ^ (g[i].id * 0x9e3779b97f4a7c15ULL);
    g[i].key = learn_splitmix64(&st);
  }
  qsort(g, ng, sizeof *g, cmp_key);
  size_t *load = calloc((size_t)k, sizeof *load);
  if (!load) {
    free(g);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  for (size_t i = 0; i < ng; i++) {
    int best = 0;
    for (int f = 1; f < k; f++)
      if (load[f] < load[best]) best = f;
    g[i].fold = best;
    load[best] += g[i].count;
  }
  free(load);
  qsort(g, ng, sizeof *g, cmp_id);
  for (size_t i = 0; i < n; i++) {
    uint64_t id = group ? group[i] : (uint64_t)i;
    fold[i] = g[find_grp(g, ng, id)].fold;
  }
  free(g);
  return MGE_OK;
}

/* ------------------------------------------------------- acquisition */

#define LOG_SQRT_2PI 0.91893853320467274

double mge_log_ei(double mu, double sd, double best) {
  if (!(sd > 0)) {
    double d = best - mu;
    return d > 0 ? log(d) : -INFINITY;
  }
  double z = (best - mu) / sd;
  double logh;
  if (z > -10.0) {
    double Phi = 0.5 * erfc(-z / sqrt(2.0));
    double phi = exp(-0.5 * z * z - LOG_SQRT_2PI);
    logh = log(z * Phi + phi);
  } else {
    /* h(z) = phi(z) / z^2 * (1 - 3/z^2 + 15/z^4 - 105/z^6 + 945/z^8 -
     * 10395/z^10): the asymptotic expansion of the Mills ratio (Abramowitz
     * & Stegun 26.2.12), relative error below 2e-7 for z <= -10. */
    double u = 1.0 / (z * z);
    double s =
        1.0 + u * (-3.0 + u * (15.0 + u * (-105.0 + u * (945.0 - 10395.0 * u))));
    logh = -0.5 * z * z - LOG_SQRT_2PI + log(u) + log(s);
  }
  return log(sd) + logh;
}

double mge_lcb(double mu, double sd, double beta) { return mu - beta * sd; }
