/* mge store: the project database (one SQLite file, WAL mode).
 *
 * Design runs: a run row (problem text and its hash, mge version, sampler,
 * seed, start/end time, status, progress counters), the columns of its
 * candidates (composition amounts and property values with their units),
 * and the kept candidates (Pareto front, top-k, plot sample) with all their
 * values. The store implements the design engine's sink: each batch is
 * written and committed in one transaction together with the run's
 * counters, so an interrupted run (signal, kill -9, power loss) loses at
 * most the batch in flight and resumes from the last commit.
 *
 * Other modules add their own tables through mge_store_exec and
 * mge_store_sqlite on the same file.
 *
 * Schema (version 1): meta(key, value); runs(id, name, problem_path,
 * problem_text, problem_hash, mge_version, sampler, seed, n_total,
 * started_at, ended_at, status, next_index, rejected, undefined,
 * infeasible, feasible); run_columns(run_id, pos, name, unit, role);
 * candidates(run_id, idx, flags, score, label); cand_values(run_id, idx,
 * pos, value). Times are UTC ISO 8601. status: running, interrupted, done,
 * failed.
 *
 * Thread safety: one mge_store per thread; SQLite serializes writers
 * between processes (busy timeout 5 s).
 */
#ifndef MGE_STORE_H
#define MGE_STORE_H

#include <stdint.h>

#include "mge/design.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mge_store mge_store;
struct sqlite3;

/* Open (create if missing) the database at path and its schema. Errors:
 * MGE_E_IO naming the path. */
MGE_API int mge_store_open(const char *path, mge_store **out, mge_error *err);

/* Close. NULL: no-op. */
MGE_API void mge_store_close(mge_store *s);

/* The SQLite handle, for modules that keep their own tables (borrowed). */
MGE_API struct sqlite3 *mge_store_sqlite(mge_store *s);

/* Execute SQL statements (no results), e.g. CREATE TABLE IF NOT EXISTS. */
MGE_API int mge_store_exec(mge_store *s, const char *sql, mge_error *err);

/* ---------------------------------------------------------- runs */

/* A new run of problem p (status running); *run_id receives its id. */
MGE_API int mge_store_run_create(mge_store *s, const mge_problem *p,
                                 int64_t *run_id, mge_error *err);

/* The latest run of a problem with this hash that did not finish; *run_id
 * = 0 if none. */
MGE_API int mge_store_run_find_unfinished(mge_store *s, const char *hash,
                                          int64_t *run_id, mge_error *err);

/* Set a run's status ("done", "interrupted", "failed") and end time. */
MGE_API int mge_store_run_finish(mge_store *s, int64_t run_id,
                                 const char *status, mge_error *err);

/* A sink that writes into run run_id of s (valid while s is open). */
MGE_API void mge_store_sink(mge_store *s, int64_t run_id,
                            mge_design_sink *sink);

typedef struct mge_store_run {
  int64_t id;
  char name[128];
  char problem_path[256];
  char problem_hash[17];
  char mge_version[32];
  char sampler[16];
  char seed[24];
  uint64_t n_total;
  char started_at[32];
  char ended_at[32];
  char status[16];
  mge_design_counts counts;
  char *problem_text; /* owned by the array */
} mge_store_run;

/* All runs (oldest first) or, with run_id > 0, that one (*n = 0 if it does
 * not exist). Free with mge_store_runs_free. */
MGE_API int mge_store_runs(mge_store *s, int64_t run_id, mge_store_run **runs,
                           size_t *n, mge_error *err);
MGE_API void mge_store_runs_free(mge_store_run *runs, size_t n);

typedef struct mge_store_column {
  char name[64]; /* "Al" or "alloy.density" */
  char unit[32]; /* "wt%", "kg/m3" */
  char role[16]; /* "amount", "balance", "property" */
} mge_store_column;

typedef struct mge_store_cand {
  uint64_t idx;
  unsigned flags; /* MGE_KEEP_* */
  double score;
  char label[160];
  const double *values; /* ncols values, NaN where unknown */
} mge_store_cand;

/* The columns and kept candidates of a run, ordered by index. Free with
 * mge_store_cands_free. */
typedef struct mge_store_table {
  size_t ncols, n;
  mge_store_column *cols;
  mge_store_cand *cands;
  double *values;
} mge_store_table;

MGE_API int mge_store_load(mge_store *s, int64_t run_id, mge_store_table *t,
                           mge_error *err);
MGE_API void mge_store_table_free(mge_store_table *t);

#ifdef __cplusplus
}
#endif
#endif
