/* Tests of the thread pool (src/core/pool.c): every item runs exactly once,
 * the ordered loop consumes in index order with a bounded window, failures
 * stop the loop with the first failing item's status, and pools of every
 * size (1 = the caller alone) give the same result. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>
#include <pthread.h>

#include "mge/pool.h"

#define N 5000

typedef struct job {
  int hits[N];
  int worker_ok;
  int nthreads;
  size_t order[N];
  size_t n_done;
  size_t fail_at; /* item that fails (N: none) */
  size_t done_fail_at;
  size_t max_ahead; /* largest (finished - consumed) seen */
  pthread_mutex_t mu;
  size_t finished;
} job;

static int work(void *ctx, size_t i, int worker) {
  job *j = ctx;
  volatile double s = 0; /* uneven work: a slow item must not block */
  for (size_t k = 0; k < (i * 7919) % 200; k++) s = s + (double)k;
  (void)s;
  pthread_mutex_lock(&j->mu);
  j->hits[i]++;
  if (worker < 0 || worker >= j->nthreads) j->worker_ok = 0;
  j->finished++;
  if (j->finished - j->n_done > j->max_ahead)
    j->max_ahead = j->finished - j->n_done;
  pthread_mutex_unlock(&j->mu);
  return i == j->fail_at ? MGE_E_CONVERGE : 0;
}

static int done(void *ctx, size_t i) {
  job *j = ctx;
  pthread_mutex_lock(&j->mu);
  j->order[j->n_done++] = i;
  pthread_mutex_unlock(&j->mu);
  return i == j->done_fail_at ? MGE_E_IO : 0;
}

static job *job_new(int nthreads) {
  job *j = calloc(1, sizeof *j);
  j->worker_ok = 1;
  j->nthreads = nthreads;
  j->fail_at = N;
  j->done_fail_at = N;
  pthread_mutex_init(&j->mu, NULL);
  return j;
}

static void job_free(job *j) {
  pthread_mutex_destroy(&j->mu);
  free(j);
}

static void test_for_all_sizes(void **state) {
  (void)state;
  for (int t = 1; t <= 5; t++) {
    mge_pool *p = mge_pool_new(t, NULL);
    assert_non_null(p);
    assert_int_equal(mge_pool_threads(p), t);
    for (int rep = 0; rep < 3; rep++) { /* a pool serves many loops */
      job *j = job_new(t);
      assert_int_equal(mge_pool_for(p, N, work, j), 0);
      for (size_t i = 0; i < N; i++) assert_int_equal(j->hits[i], 1);
      assert_true(j->worker_ok);
      job_free(j);
    }
    assert_int_equal(mge_pool_for(p, 0, work, NULL), 0);
    mge_pool_free(p);
  }
  mge_pool_free(NULL);
}

static void test_ordered(void **state) {
  (void)state;
  for (int t = 1; t <= 4; t++) {
    mge_pool *p = mge_pool_new(t, NULL);
    job *j = job_new(t);
    assert_int_equal(mge_pool_for_ordered(p, N, 8, work, done, j), 0);
    assert_int_equal(j->n_done, N);
    for (size_t i = 0; i < N; i++) {
      assert_int_equal(j->hits[i], 1);
      assert_int_equal(j->order[i], i);
    }
    /* never more than the window done ahead of the consumer */
    assert_true(j->max_ahead <= 8);
    job_free(j);
    mge_pool_free(p);
  }
}

static void test_failures(void **state) {
  (void)state;
  for (int t = 1; t <= 3; t++) {
    mge_pool *p = mge_pool_new(t, NULL);
    job *j = job_new(t);
    j->fail_at = 1234;
    assert_int_equal(mge_pool_for(p, N, work, j), MGE_E_CONVERGE);
    assert_int_equal(j->hits[1234], 1);
    job_free(j);

    j = job_new(t);
    j->fail_at = 777;
    assert_int_equal(mge_pool_for_ordered(p, N, 0, work, done, j),
                     MGE_E_CONVERGE);
    /* every item before the failed one was consumed, in order, and no
     * item after it */
    assert_int_equal(j->n_done, 777);
    for (size_t i = 0; i < 777; i++) assert_int_equal(j->order[i], i);
    job_free(j);

    j = job_new(t);
    j->done_fail_at = 99;
    assert_int_equal(mge_pool_for_ordered(p, N, 0, work, done, j), MGE_E_IO);
    assert_int_equal(j->n_done, 100);
    job_free(j);

    /* the pool still works after failed loops */
    j = job_new(t);
    assert_int_equal(mge_pool_for(p, N, work, j), 0);
    for (size_t i = 0; i < N; i++) assert_int_equal(j->hits[i], 1);
    job_free(j);
    mge_pool_free(p);
  }
}

static void test_parallel_for(void **state) {
  (void)state;
  job *j = job_new(3);
  assert_int_equal(mge_parallel_for(3, N, work, j, NULL), 0);
  for (size_t i = 0; i < N; i++) assert_int_equal(j->hits[i], 1);
  job_free(j);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_for_all_sizes),
      cmocka_unit_test(test_ordered),
      cmocka_unit_test(test_failures),
      cmocka_unit_test(test_parallel_for),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
