/* mge pool: one thread pool for every parallel loop of the library (the
 * design runner, the featurizer, phase-diagram mapping, batch equilibria).
 *
 * A pool owns n - 1 worker threads; the thread that calls mge_pool_for works
 * too, so a pool of 1 runs everything on the caller with no thread at all.
 * Work items are claimed dynamically (the next free index), so a slow item
 * never holds the others back; `worker` tells an item which of the n threads
 * runs it (0 .. n-1), for per-thread scratch space.
 *
 * Thread safety: one mge_pool_for (or mge_pool_for_ordered) at a time on a
 * pool; different pools are independent. The pool itself keeps no global
 * state.
 */
#ifndef MGE_POOL_H
#define MGE_POOL_H

#include <stddef.h>

#include "mge/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mge_pool mge_pool;

/* One work item: returns 0, or a non-zero status that stops the loop (no
 * new item is started; the items in flight finish). */
typedef int (*mge_pool_work_fn)(void *ctx, size_t i, int worker);

/* Called on the calling thread for each item in index order, once the item
 * and every item before it are done; non-zero stops the loop as above. */
typedef int (*mge_pool_done_fn)(void *ctx, size_t i);

/* A pool of n_threads threads in all (the caller included); n_threads < 1
 * means 1. Returns NULL and fills err when memory or threads are not to be
 * had. Free with mge_pool_free. */
MGE_API mge_pool *mge_pool_new(int n_threads, mge_error *err);

/* Stop and join the workers. NULL does nothing. */
MGE_API void mge_pool_free(mge_pool *p);

/* Threads of the pool, the caller included. */
MGE_API int mge_pool_threads(const mge_pool *p);

/* Run work(ctx, i, worker) for i = 0 .. n-1 on the pool's threads and
 * return when all started items are done. Returns 0, or the first non-zero
 * status a work item returned (by index order among the failures seen). */
MGE_API int mge_pool_for(mge_pool *p, size_t n, mge_pool_work_fn work,
                         void *ctx);

/* As mge_pool_for, and done(ctx, i) runs on the calling thread for every
 * item in index order as soon as it and all earlier items are done (the
 * caller consumes instead of working; with one thread in all, each item is
 * worked and then consumed on the caller). At most `window` items (>= 1;
 * 0 means 4 per thread) are done but not yet consumed, which bounds the
 * memory a consumer must hold. Returns 0 or the first non-zero status of a
 * work or done call. */
MGE_API int mge_pool_for_ordered(mge_pool *p, size_t n, size_t window,
                                 mge_pool_work_fn work, mge_pool_done_fn done,
                                 void *ctx);

/* One-off convenience: a pool of n_threads for a single loop. */
MGE_API int mge_parallel_for(int n_threads, size_t n, mge_pool_work_fn work,
                             void *ctx, mge_error *err);

#ifdef __cplusplus
}
#endif

#endif
