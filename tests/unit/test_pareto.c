/* The Pareto archive (src/design/pareto.c) against a brute-force
 * definition, for 1-5 objectives, with ties and duplicates (integer
 * coordinates from a small range), and independence of insertion order. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/design.h"

#define NPTS 400

/* The definition: p is kept iff no q dominates it and no q with identical
 * objectives has a smaller id. */
static int brute_kept(const double *f, const uint64_t *id, int n, int m,
                      int i) {
  for (int j = 0; j < n; j++) {
    if (j == i) continue;
    int le = 1, lt = 0, eq = 1;
    for (int k = 0; k < m; k++) {
      if (f[j * m + k] > f[i * m + k]) le = 0;
      if (f[j * m + k] < f[i * m + k]) lt = 1;
      if (f[j * m + k] != f[i * m + k]) eq = 0;
    }
    if (le && lt) return 0;
    if (eq && id[j] < id[i]) return 0;
  }
  return 1;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static size_t archive_ids(const mge_pareto *a, uint64_t *out) {
  size_t n = mge_pareto_size(a);
  for (size_t i = 0; i < n; i++) mge_pareto_get(a, i, &out[i]);
  qsort(out, n, sizeof *out, cmp_u64);
  return n;
}

static void run_case(int m, int range, uint64_t seed) {
  static double f[NPTS * 5];
  static uint64_t id[NPTS], want[NPTS], got[NPTS];
  int order[NPTS];
  for (int i = 0; i < NPTS; i++) {
    id[i] = (uint64_t)(1000 + i * 7 % NPTS);
    for (int k = 0; k < m; k++)
      f[i * m + k] =
          (double)(mge_mix64(seed ^ (uint64_t)(i * 8 + k)) % (uint64_t)range);
    order[i] = i;
  }
  size_t nw = 0;
  for (int i = 0; i < NPTS; i++)
    if (brute_kept(f, id, NPTS, m, i)) want[nw++] = id[i];
  qsort(want, nw, sizeof *want, cmp_u64);
  for (int rep = 0; rep < 3; rep++) {
    /* a different insertion order each time */
    for (int i = NPTS - 1; i > 0; i--) {
      int j = (int)(mge_mix64(seed + (uint64_t)(rep * NPTS + i)) %
                    (uint64_t)(i + 1));
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    mge_pareto *a = mge_pareto_new(m);
    assert_non_null(a);
    for (int i = 0; i < NPTS; i++)
      assert_true(mge_pareto_insert(a, &f[order[i] * m], id[order[i]]) >= 0);
    size_t ng = archive_ids(a, got);
    if (ng != nw)
      print_error("m=%d range=%d: %zu kept, want %zu\n", m, range, ng, nw);
    assert_int_equal(ng, nw);
    assert_memory_equal(got, want, nw * sizeof *want);
    mge_pareto_free(a);
  }
}

static void test_against_brute_force(void **state) {
  (void)state;
  for (int m = 1; m <= 5; m++) {
    run_case(m, 4, 11u + (uint64_t)m);      /* many ties and duplicates */
    run_case(m, 50, 101u + (uint64_t)m);    /* some ties */
    run_case(m, 1000000, 7u + (uint64_t)m); /* continuous-like */
  }
}

static void test_anticorrelated(void **state) {
  (void)state;
  /* every point on the line x + y = const is non-dominated */
  mge_pareto *a = mge_pareto_new(2);
  for (int i = 0; i < 100; i++) {
    double f[2] = {i, 99 - i};
    assert_int_equal(mge_pareto_insert(a, f, (uint64_t)i), 1);
  }
  assert_int_equal(mge_pareto_size(a), 100);
  double dom[2] = {-1, -1}; /* dominates everything */
  assert_int_equal(mge_pareto_insert(a, dom, 500), 1);
  assert_int_equal(mge_pareto_size(a), 1);
  mge_pareto_free(a);
}

static void test_duplicates_nan(void **state) {
  (void)state;
  mge_pareto *a = mge_pareto_new(3);
  double f[3] = {1, 2, 3};
  assert_int_equal(mge_pareto_insert(a, f, 9), 1);
  assert_int_equal(mge_pareto_insert(a, f, 12), 0); /* larger id: refused */
  assert_int_equal(mge_pareto_insert(a, f, 4), 1);  /* smaller id: replaces */
  assert_int_equal(mge_pareto_size(a), 1);
  uint64_t id;
  mge_pareto_get(a, 0, &id);
  assert_int_equal(id, 4);
  double g[3] = {1, NAN, 0};
  assert_int_equal(mge_pareto_insert(a, g, 1), 0);
  assert_true(mge_pareto_rejects(a, g, 1));
  assert_null(mge_pareto_new(0));
  assert_null(mge_pareto_new(6));
  mge_pareto_free(NULL);
  mge_pareto_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_against_brute_force),
      cmocka_unit_test(test_anticorrelated),
      cmocka_unit_test(test_duplicates_nan),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
