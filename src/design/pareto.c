/* An exact Pareto archive (all objectives minimized) with a deterministic
 * rule for duplicates: of points with identical objectives only the one with
 * the smallest id is kept. Linear scans: fronts of the sizes design runs
 * produce (up to ~1e4) are cheap this way, and the rule stays obvious. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "design/internal.h"
#include "mge/design.h"

struct mge_pareto {
  int m;
  size_t n, cap;
  double *f;    /* n * m */
  uint64_t *id; /* n */
};

mge_pareto *mge_pareto_new(int m) {
  if (m < 1 || m > MGE_DESIGN_MAX_OBJ) return NULL;
  mge_pareto *a = calloc(1, sizeof *a);
  if (a) a->m = m;
  return a;
}

void mge_pareto_free(mge_pareto *a) {
  if (!a) return;
  free(a->f);
  free(a->id);
  free(a);
}

/* -1: a dominates b; 1: b dominates a; 2: equal; 0: neither. */
static int compare(const double *a, const double *b, int m) {
  int a_better = 0, b_better = 0;
  for (int k = 0; k < m; k++) {
    if (a[k] < b[k])
      a_better = 1;
    else if (b[k] < a[k])
      b_better = 1;
    if (a_better && b_better) return 0;
  }
  if (a_better) return -1;
  if (b_better) return 1;
  return 2;
}

static int has_nan(const double *f, int m) {
  for (int k = 0; k < m; k++)
    if (isnan(f[k])) return 1;
  return 0;
}

/* Two objectives: the front is kept sorted by f0, so that f0 strictly
 * increases and f1 strictly decreases along it (a staircase). The point
 * with the largest f0 <= f[0] has the smallest f1 of all points that could
 * dominate f: one comparison after a binary search. */
static size_t upper_f0(const mge_pareto *a, double f0) {
  size_t lo = 0, hi = a->n; /* first index with a.f0 > f0 */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (a->f[2 * mid] <= f0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static int rejects2(const mge_pareto *a, const double *f, uint64_t id) {
  size_t i = upper_f0(a, f[0]);
  if (i == 0) return 0;
  const double *q = a->f + 2 * (i - 1);
  int c = compare(q, f, 2);
  return c == -1 || (c == 2 && a->id[i - 1] < id);
}

/* Room for one more point: 0, or -1 when out of memory (the archive is
 * unchanged). */
static int reserve_one(mge_pareto *a) {
  if (a->n < a->cap) return 0;
  size_t cap = a->cap ? a->cap * 2 : 64;
  double *nf = realloc(a->f, cap * (size_t)a->m * sizeof *nf);
  if (!nf) return -1;
  a->f = nf;
  uint64_t *ni = realloc(a->id, cap * sizeof *ni);
  if (!ni) return -1;
  a->id = ni;
  a->cap = cap;
  return 0;
}

static int insert2(mge_pareto *a, const double *f, uint64_t id) {
  if (rejects2(a, f, id)) return 0;
  /* points f dominates (or equals, with a larger id) follow contiguously
   * from the first one with f0 >= f[0] */
  size_t lo = 0, hi = a->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (a->f[2 * mid] < f[0])
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t end = lo;
  while (end < a->n && a->f[2 * end + 1] >= f[1]) end++;
  size_t drop = end - lo;
  if (drop == 0 && reserve_one(a)) return -1;
  if (drop != 1) {
    /* make room for one at lo, closing the dropped gap */
    memmove(a->f + 2 * (lo + 1), a->f + 2 * end,
            (a->n - end) * 2 * sizeof *a->f);
    memmove(a->id + lo + 1, a->id + end, (a->n - end) * sizeof *a->id);
  }
  a->n = a->n - drop + 1;
  a->f[2 * lo] = f[0];
  a->f[2 * lo + 1] = f[1];
  a->id[lo] = id;
  return 1;
}

int mge_pareto_rejects(const mge_pareto *a, const double *f, uint64_t id) {
  if (has_nan(f, a->m)) return 1;
  if (a->m == 2) return rejects2(a, f, id);
  for (size_t i = 0; i < a->n; i++) {
    int c = compare(a->f + i * (size_t)a->m, f, a->m);
    if (c == -1 || (c == 2 && a->id[i] < id)) return 1;
  }
  return 0;
}

int mge_pareto_insert(mge_pareto *a, const double *f, uint64_t id) {
  const int m = a->m;
  if (has_nan(f, m)) return 0;
  if (m == 2) return insert2(a, f, id);
  if (mge_pareto_rejects(a, f, id)) return 0;
  /* drop every point f dominates (or equals with a larger id) */
  size_t w = 0;
  for (size_t i = 0; i < a->n; i++) {
    int c = compare(f, a->f + i * (size_t)m, m);
    if (c == -1 || (c == 2 && a->id[i] > id)) continue;
    if (w != i) {
      memcpy(a->f + w * (size_t)m, a->f + i * (size_t)m, sizeof(double) * m);
      a->id[w] = a->id[i];
    }
    w++;
  }
  a->n = w;
  if (reserve_one(a)) return -1;
  memcpy(a->f + a->n * (size_t)m, f, sizeof(double) * m);
  a->id[a->n++] = id;
  return 1;
}

size_t mge_pareto_size(const mge_pareto *a) {
  return a ? a->n : 0;
}

const double *mge_pareto_get(const mge_pareto *a, size_t i, uint64_t *id) {
  if (!a || i >= a->n) return NULL;
  if (id) *id = a->id[i];
  return a->f + i * (size_t)a->m;
}

void dz_pareto_clear(struct mge_pareto *a) {
  if (a) a->n = 0;
}
