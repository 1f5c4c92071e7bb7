/* The thread pool (include/mge/pool.h). Workers sleep on a condition until a
 * loop is posted, claim indices under the pool's mutex, and run the items
 * with the mutex released. In an ordered loop the finished items are marked
 * in a ring of `window` flags, and the caller consumes them in index order,
 * working an item itself whenever the next one to consume is not ready. */
#include "mge/pool.h"

#include <pthread.h>
#include <stdlib.h>

struct mge_pool {
  int n; /* threads in all, the caller included */
  int nth;
  pthread_t *th;
  pthread_mutex_t mu;
  pthread_cond_t go;   /* a loop was posted, or room in the window */
  pthread_cond_t prog; /* an item finished */
  int quit;
  /* the current loop */
  size_t count, next, running, consumed, window;
  int ordered, stop, status;
  size_t fail_i;
  unsigned char *ready; /* ordered: ring of window flags */
  mge_pool_work_fn work;
  void *ctx;
};

/* With p->mu held: may item `next` be claimed now? */
static int claimable(const mge_pool *p) {
  if (p->quit || p->stop || p->next >= p->count) return 0;
  return !p->ordered || p->next < p->consumed + p->window;
}

/* With p->mu held: claim and run one item as `worker`; the mutex is
 * released while the item runs. */
static void run_one(mge_pool *p, int worker) {
  size_t i = p->next++;
  p->running++;
  mge_pool_work_fn work = p->work;
  void *ctx = p->ctx;
  pthread_mutex_unlock(&p->mu);
  int rc = work(ctx, i, worker);
  pthread_mutex_lock(&p->mu);
  p->running--;
  if (rc && (!p->stop || i < p->fail_i)) {
    p->stop = 1;
    p->status = rc;
    p->fail_i = i;
  }
  if (p->ordered) p->ready[i % p->window] = 1;
  pthread_cond_broadcast(&p->prog);
}

typedef struct worker_arg {
  mge_pool *p;
  int who;
} worker_arg;

static void *worker_main(void *arg) {
  worker_arg *a = arg;
  mge_pool *p = a->p;
  int who = a->who;
  free(a);
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->quit && !claimable(p)) pthread_cond_wait(&p->go, &p->mu);
    if (p->quit) break;
    run_one(p, who);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

mge_pool *mge_pool_new(int n_threads, mge_error *err) {
  mge_pool *p = calloc(1, sizeof *p);
  if (!p) {
    mge_error_set(err, MGE_E_NOMEM, "out of memory");
    return NULL;
  }
  p->n = n_threads < 1 ? 1 : n_threads;
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->go, NULL);
  pthread_cond_init(&p->prog, NULL);
  if (p->n > 1 && !(p->th = calloc((size_t)p->n - 1, sizeof *p->th))) {
    mge_pool_free(p);
    mge_error_set(err, MGE_E_NOMEM, "out of memory");
    return NULL;
  }
  for (int i = 1; i < p->n; i++) {
    worker_arg *a = malloc(sizeof *a);
    if (a) *a = (worker_arg){p, i};
    if (!a || pthread_create(&p->th[p->nth], NULL, worker_main, a)) {
      free(a);
      mge_pool_free(p);
      mge_error_set(err, MGE_E_INTERNAL, "cannot start %d threads", n_threads);
      return NULL;
    }
    p->nth++;
  }
  return p;
}

void mge_pool_free(mge_pool *p) {
  if (!p) return;
  pthread_mutex_lock(&p->mu);
  p->quit = 1;
  pthread_cond_broadcast(&p->go);
  pthread_mutex_unlock(&p->mu);
  for (int i = 0; i < p->nth; i++) pthread_join(p->th[i], NULL);
  free(p->th);
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->go);
  pthread_cond_destroy(&p->prog);
  free(p);
}

int mge_pool_threads(const mge_pool *p) {
  return p ? p->n : 1;
}

/* With p->mu held: post a loop. */
static void post(mge_pool *p, size_t n, int ordered, size_t window,
                 mge_pool_work_fn work, void *ctx) {
  p->count = n, p->next = 0, p->running = 0, p->consumed = 0;
  p->ordered = ordered, p->window = window;
  p->stop = 0, p->status = 0, p->fail_i = 0;
  p->work = work, p->ctx = ctx;
  pthread_cond_broadcast(&p->go);
}

/* With p->mu held: close the loop once nothing runs, and return its
 * status. */
static int finish(mge_pool *p) {
  p->stop = 1; /* no more claims, also by workers woken late */
  while (p->running) pthread_cond_wait(&p->prog, &p->mu);
  p->count = 0;
  return p->status;
}

int mge_pool_for(mge_pool *p, size_t n, mge_pool_work_fn work, void *ctx) {
  pthread_mutex_lock(&p->mu);
  post(p, n, 0, 0, work, ctx);
  while (claimable(p)) run_one(p, 0);
  int rc = finish(p);
  pthread_mutex_unlock(&p->mu);
  return rc;
}

int mge_pool_for_ordered(mge_pool *p, size_t n, size_t window,
                         mge_pool_work_fn work, mge_pool_done_fn done,
                         void *ctx) {
  if (window == 0) window = 4 * (size_t)p->n;
  unsigned char *ready = calloc(window, 1);
  if (!ready) return MGE_E_NOMEM;
  pthread_mutex_lock(&p->mu);
  p->ready = ready;
  post(p, n, 1, window, work, ctx);
  int rc = 0;
  while (p->consumed < n) {
    size_t i = p->consumed;
    if (ready[i % window]) {
      /* items before a failed one are still consumed, in order */
      if (p->stop && i >= p->fail_i && p->status) break;
      ready[i % window] = 0;
      pthread_mutex_unlock(&p->mu);
      rc = done(ctx, i);
      pthread_mutex_lock(&p->mu);
      p->consumed++;
      pthread_cond_broadcast(&p->go); /* room in the window */
      if (rc) break;
    } else if (claimable(p)) {
      run_one(p, 0);
    } else if (p->stop && p->running == 0) {
      break; /* a failed item: the next one will never be ready */
    } else {
      pthread_cond_wait(&p->prog, &p->mu);
    }
  }
  int st = finish(p);
  p->ready = NULL;
  pthread_mutex_unlock(&p->mu);
  free(ready);
  return st ? st : rc;
}

int mge_parallel_for(int n_threads, size_t n, mge_pool_work_fn work, void *ctx,
                     mge_error *err) {
  mge_pool *p = mge_pool_new(n_threads, err);
  if (!p) return err ? err->code : MGE_E_NOMEM;
  int rc = mge_pool_for(p, n, work, ctx);
  mge_pool_free(p);
  return rc;
}
