/* The SQLite store and its design sink. */
#include "mge/store.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mge_store {
  sqlite3 *db;
  char path[256];
  /* sink state */
  int64_t run_id;
  int in_tx;
  uint64_t *cp_idx;
  unsigned *cp_flags;
};

static const char *const schema =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "INSERT OR IGNORE INTO meta VALUES('schema_version', '1');"
    "CREATE TABLE IF NOT EXISTS runs("
    " id INTEGER PRIMARY KEY, name TEXT, problem_path TEXT,"
    " problem_text TEXT, problem_hash TEXT, mge_version TEXT, sampler TEXT,"
    " seed TEXT, n_total INTEGER, started_at TEXT, ended_at TEXT,"
    " status TEXT, next_index INTEGER DEFAULT 0, rejected INTEGER DEFAULT 0,"
    " undefined INTEGER DEFAULT 0, infeasible INTEGER DEFAULT 0,"
    " feasible INTEGER DEFAULT 0);"
    "CREATE INDEX IF NOT EXISTS runs_hash ON runs(problem_hash);"
    "CREATE TABLE IF NOT EXISTS run_columns("
    " run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE, pos INTEGER,"
    " name TEXT, unit TEXT, role TEXT, PRIMARY KEY(run_id, pos));"
    "CREATE TABLE IF NOT EXISTS candidates("
    " run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE, idx INTEGER,"
    " flags INTEGER, score REAL, label TEXT, PRIMARY KEY(run_id, idx))"
    " WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS cand_values("
    " run_id INTEGER, idx INTEGER, pos INTEGER, value REAL,"
    " PRIMARY KEY(run_id, idx, pos)) WITHOUT ROWID;";

static int db_err(mge_store *s, mge_error *err, const char *what) {
  return mge_error_set_at(err, MGE_E_IO, s->path, 0, 0, "%s: %s", what,
                          sqlite3_errmsg(s->db));
}

int mge_store_exec(mge_store *s, const char *sql, mge_error *err) {
  char *msg = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    int rc = mge_error_set_at(err, MGE_E_IO, s->path, 0, 0, "database: %s",
                              msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return rc;
  }
  return 0;
}

int mge_store_open(const char *path, mge_store **out, mge_error *err) {
  *out = NULL;
  mge_store *s = calloc(1, sizeof *s);
  if (!s) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  snprintf(s->path, sizeof s->path, "%s", path);
  if (sqlite3_open_v2(
          path, &s->db,
          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
          NULL) != SQLITE_OK) {
    int rc =
        mge_error_set_at(err, MGE_E_IO, path, 0, 0, "cannot open database: %s",
                         s->db ? sqlite3_errmsg(s->db) : "out of memory");
    mge_store_close(s);
    return rc;
  }
  sqlite3_busy_timeout(s->db, 5000);
  int rc = mge_store_exec(s,
                          "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                          " PRAGMA foreign_keys=ON;",
                          err);
  if (!rc) rc = mge_store_exec(s, schema, err);
  if (rc) {
    mge_store_close(s);
    return rc;
  }
  *out = s;
  return 0;
}

void mge_store_close(mge_store *s) {
  if (!s) return;
  if (s->in_tx) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close(s->db);
  free(s->cp_idx);
  free(s->cp_flags);
  free(s);
}

struct sqlite3 *mge_store_sqlite(mge_store *s) {
  return s ? s->db : NULL;
}

/* ---------------------------------------------------------- runs */

static const char *sampler_name(mge_sampler_kind k) {
  switch (k) {
    case MGE_SAMPLER_GRID: return "grid";
    case MGE_SAMPLER_RANDOM: return "random";
    case MGE_SAMPLER_SOBOL: return "sobol";
    case MGE_SAMPLER_LHS: return "lhs";
  }
  return "?";
}

static int add_column(mge_store *s, sqlite3_stmt *st, int64_t run, int pos,
                      const char *name, const char *unit, const char *role,
                      mge_error *err) {
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, run);
  sqlite3_bind_int(st, 2, pos);
  sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 4, unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 5, role, -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE) return db_err(s, err, "run columns");
  return 0;
}

int mge_store_run_create(mge_store *s, const mge_problem *p, int64_t *run_id,
                         mge_error *err) {
  int rc = mge_store_exec(s, "BEGIN IMMEDIATE", err);
  if (rc) return rc;
  sqlite3_stmt *st = NULL;
  const char *sql =
      "INSERT INTO runs(name, problem_path, problem_text, problem_hash,"
      " mge_version, sampler, seed, n_total, started_at, status)"
      " VALUES(?,?,?,?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%fZ','now'),"
      " 'running')";
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
    rc = db_err(s, err, "new run");
    goto fail;
  }
  char seed[24];
  snprintf(seed, sizeof seed, "%llu", (unsigned long long)mge_problem_seed(p));
  sqlite3_bind_text(st, 1, mge_problem_name(p), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, mge_problem_source(p), -1, SQLITE_STATIC);
  size_t text_len;
  const char *text = mge_problem_text(p, &text_len);
  sqlite3_bind_text(st, 3, text, (int)text_len, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, mge_problem_hash(p), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, mge_version(), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 6, sampler_name(mge_problem_sampler(p)), -1,
                    SQLITE_STATIC);
  sqlite3_bind_text(st, 7, seed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 8, (sqlite3_int64)mge_problem_size(p));
  if (sqlite3_step(st) != SQLITE_DONE) {
    rc = db_err(s, err, "new run");
    goto fail;
  }
  sqlite3_finalize(st);
  st = NULL;
  *run_id = sqlite3_last_insert_rowid(s->db);
  if (sqlite3_prepare_v2(s->db, "INSERT INTO run_columns VALUES(?,?,?,?,?)", -1,
                         &st, NULL) != SQLITE_OK) {
    rc = db_err(s, err, "run columns");
    goto fail;
  }
  const char *basis = mge_problem_basis_name(p);
  int pos = 0;
  for (int j = 0; j < mge_problem_n_vars(p) && !rc; j++)
    rc = add_column(s, st, *run_id, pos++, mge_problem_var(p, j)->symbol,
                    mge_problem_var_unit(p, j), "amount", err);
  if (!rc && mge_problem_has_balance(p))
    rc = add_column(s, st, *run_id, pos++, mge_problem_balance_symbol(p), basis,
                    "balance", err);
  for (int k = 0; k < mge_problem_n_props(p) && !rc; k++)
    rc = add_column(s, st, *run_id, pos++, mge_problem_prop(p, k)->name,
                    mge_problem_prop(p, k)->unit, "property", err);
  if (rc) goto fail;
  sqlite3_finalize(st);
  return mge_store_exec(s, "COMMIT", err);
fail:
  sqlite3_finalize(st);
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

int mge_store_run_find_unfinished(mge_store *s, const char *hash,
                                  int64_t *run_id, mge_error *err) {
  *run_id = 0;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT id FROM runs WHERE problem_hash=? AND"
                         " status<>'done' ORDER BY id DESC LIMIT 1",
                         -1, &st, NULL) != SQLITE_OK)
    return db_err(s, err, "find run");
  sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
  int r = sqlite3_step(st);
  if (r == SQLITE_ROW) *run_id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (r != SQLITE_ROW && r != SQLITE_DONE) return db_err(s, err, "find run");
  return 0;
}

int mge_store_run_finish(mge_store *s, int64_t run_id, const char *status,
                         mge_error *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "UPDATE runs SET status=?, ended_at="
                         "strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id=?",
                         -1, &st, NULL) != SQLITE_OK)
    return db_err(s, err, "finish run");
  sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, run_id);
  int r = sqlite3_step(st);
  sqlite3_finalize(st);
  if (r != SQLITE_DONE) return db_err(s, err, "finish run");
  /* fold the WAL back into the database file */
  sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return 0;
}

/* ---------------------------------------------------------- sink */

static int sink_write(void *ctx, const mge_problem *p,
                      const mge_design_delta *d, mge_error *err) {
  mge_store *s = ctx;
  int rc = mge_store_exec(s, "BEGIN IMMEDIATE", err);
  if (rc) return rc;
  s->in_tx = 1;
  sqlite3_stmt *del_c = NULL, *del_v = NULL, *ins_c = NULL, *ins_v = NULL;
  if (sqlite3_prepare_v2(s->db,
                         "DELETE FROM candidates WHERE run_id=? AND idx=?", -1,
                         &del_c, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db,
                         "DELETE FROM cand_values WHERE run_id=? AND idx=?", -1,
                         &del_v, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db,
                         "INSERT OR REPLACE INTO candidates VALUES(?,?,?,?,?)",
                         -1, &ins_c, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db,
                         "INSERT OR REPLACE INTO cand_values VALUES(?,?,?,?)",
                         -1, &ins_v, NULL) != SQLITE_OK) {
    rc = db_err(s, err, "write batch");
    goto done;
  }
  for (size_t i = 0; i < d->n_remove && !rc; i++) {
    sqlite3_stmt *sts[2] = {del_c, del_v};
    for (int k = 0; k < 2; k++) {
      sqlite3_reset(sts[k]);
      sqlite3_bind_int64(sts[k], 1, s->run_id);
      sqlite3_bind_int64(sts[k], 2, (sqlite3_int64)d->remove[i]);
      if (sqlite3_step(sts[k]) != SQLITE_DONE) rc = db_err(s, err, "delete");
    }
  }
  int nx = mge_problem_n_vars(p) + mge_problem_has_balance(p);
  for (size_t i = 0; i < d->n_upsert && !rc; i++) {
    const mge_design_entry *e = &d->upsert[i];
    char label[160];
    mge_problem_label(p, e->x, label, sizeof label);
    sqlite3_reset(ins_c);
    sqlite3_bind_int64(ins_c, 1, s->run_id);
    sqlite3_bind_int64(ins_c, 2, (sqlite3_int64)e->index);
    sqlite3_bind_int(ins_c, 3, (int)e->flags);
    sqlite3_bind_double(ins_c, 4, e->score);
    sqlite3_bind_text(ins_c, 5, label, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(ins_c) != SQLITE_DONE) {
      rc = db_err(s, err, "insert");
      break;
    }
    for (int k = 0; k < nx + mge_problem_n_props(p); k++) {
      double v = k < nx ? e->x[k] : e->v[k - nx];
      sqlite3_reset(ins_v);
      sqlite3_bind_int64(ins_v, 1, s->run_id);
      sqlite3_bind_int64(ins_v, 2, (sqlite3_int64)e->index);
      sqlite3_bind_int(ins_v, 3, k);
      if (isfinite(v))
        sqlite3_bind_double(ins_v, 4, v);
      else
        sqlite3_bind_null(ins_v, 4);
      if (sqlite3_step(ins_v) != SQLITE_DONE) {
        rc = db_err(s, err, "insert");
        break;
      }
    }
  }
done:
  sqlite3_finalize(del_c);
  sqlite3_finalize(del_v);
  sqlite3_finalize(ins_c);
  sqlite3_finalize(ins_v);
  if (rc) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = 0;
  }
  return rc;
}

static int sink_commit(void *ctx, const mge_design_counts *c, mge_error *err) {
  mge_store *s = ctx;
  int opened = 0;
  if (!s->in_tx) {
    int rc = mge_store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc) return rc;
    opened = 1;
  }
  (void)opened;
  sqlite3_stmt *st;
  int rc = 0;
  if (sqlite3_prepare_v2(s->db,
                         "UPDATE runs SET next_index=?, rejected=?,"
                         " undefined=?, infeasible=?, feasible=? WHERE id=?",
                         -1, &st, NULL) != SQLITE_OK) {
    rc = db_err(s, err, "checkpoint");
  } else {
    sqlite3_bind_int64(st, 1, (sqlite3_int64)c->next_index);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)c->rejected);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)c->undefined);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)c->infeasible);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)c->feasible);
    sqlite3_bind_int64(st, 6, s->run_id);
    if (sqlite3_step(st) != SQLITE_DONE) rc = db_err(s, err, "checkpoint");
    sqlite3_finalize(st);
  }
  if (!rc) rc = mge_store_exec(s, "COMMIT", err);
  if (rc) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  s->in_tx = 0;
  return rc;
}

static int sink_read(void *ctx, mge_design_checkpoint *cp, mge_error *err) {
  mge_store *s = ctx;
  memset(cp, 0, sizeof *cp);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT next_index, rejected, undefined, infeasible,"
                         " feasible FROM runs WHERE id=?",
                         -1, &st, NULL) != SQLITE_OK)
    return db_err(s, err, "read checkpoint");
  sqlite3_bind_int64(st, 1, s->run_id);
  if (sqlite3_step(st) == SQLITE_ROW) {
    cp->found = 1;
    cp->counts.next_index = (uint64_t)sqlite3_column_int64(st, 0);
    cp->counts.rejected = (uint64_t)sqlite3_column_int64(st, 1);
    cp->counts.undefined = (uint64_t)sqlite3_column_int64(st, 2);
    cp->counts.infeasible = (uint64_t)sqlite3_column_int64(st, 3);
    cp->counts.feasible = (uint64_t)sqlite3_column_int64(st, 4);
  }
  sqlite3_finalize(st);
  if (!cp->found) return 0;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT idx, flags FROM candidates WHERE run_id=?"
                         " ORDER BY idx",
                         -1, &st, NULL) != SQLITE_OK)
    return db_err(s, err, "read checkpoint");
  sqlite3_bind_int64(st, 1, s->run_id);
  size_t n = 0, cap = 0;
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    if (n == cap) {
      cap = cap ? cap * 2 : 1024;
      uint64_t *ni = realloc(s->cp_idx, cap * sizeof *ni);
      unsigned *nf = ni ? realloc(s->cp_flags, cap * sizeof *nf) : NULL;
      if (ni) s->cp_idx = ni;
      if (nf) s->cp_flags = nf;
      if (!ni || !nf) {
        sqlite3_finalize(st);
        return mge_error_set(err, MGE_E_NOMEM, "out of memory");
      }
    }
    s->cp_idx[n] = (uint64_t)sqlite3_column_int64(st, 0);
    s->cp_flags[n] = (unsigned)sqlite3_column_int(st, 1);
    n++;
  }
  sqlite3_finalize(st);
  if (r != SQLITE_DONE) return db_err(s, err, "read checkpoint");
  cp->n = n;
  cp->index = s->cp_idx;
  cp->flags = s->cp_flags;
  return 0;
}

void mge_store_sink(mge_store *s, int64_t run_id, mge_design_sink *sink) {
  s->run_id = run_id;
  sink->ctx = s;
  sink->write_batch = sink_write;
  sink->commit = sink_commit;
  sink->read_checkpoint = sink_read;
}

/* ---------------------------------------------------------- reading */

static void col_text(sqlite3_stmt *st, int i, char *buf, size_t cap) {
  const unsigned char *t = sqlite3_column_text(st, i);
  snprintf(buf, cap, "%s", t ? (const char *)t : "");
}

int mge_store_runs(mge_store *s, int64_t run_id, mge_store_run **runs,
                   size_t *n, mge_error *err) {
  *runs = NULL;
  *n = 0;
  sqlite3_stmt *st;
  const char *sql =
      "SELECT id, name, problem_path, problem_hash, mge_version, sampler,"
      " seed, n_total, started_at, ended_at, status, next_index, rejected,"
      " undefined, infeasible, feasible, problem_text FROM runs"
      " WHERE ?1 <= 0 OR id = ?1 ORDER BY id";
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_err(s, err, "list runs");
  sqlite3_bind_int64(st, 1, run_id);
  size_t cap = 0;
  int r;
  mge_store_run *a = NULL;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 16;
      mge_store_run *na = realloc(a, cap * sizeof *na);
      if (!na) {
        sqlite3_finalize(st);
        mge_store_runs_free(a, *n);
        *n = 0;
        return mge_error_set(err, MGE_E_NOMEM, "out of memory");
      }
      a = na;
    }
    mge_store_run *x = &a[*n];
    memset(x, 0, sizeof *x);
    x->id = sqlite3_column_int64(st, 0);
    col_text(st, 1, x->name, sizeof x->name);
    col_text(st, 2, x->problem_path, sizeof x->problem_path);
    col_text(st, 3, x->problem_hash, sizeof x->problem_hash);
    col_text(st, 4, x->mge_version, sizeof x->mge_version);
    col_text(st, 5, x->sampler, sizeof x->sampler);
    col_text(st, 6, x->seed, sizeof x->seed);
    x->n_total = (uint64_t)sqlite3_column_int64(st, 7);
    col_text(st, 8, x->started_at, sizeof x->started_at);
    col_text(st, 9, x->ended_at, sizeof x->ended_at);
    col_text(st, 10, x->status, sizeof x->status);
    x->counts.next_index = (uint64_t)sqlite3_column_int64(st, 11);
    x->counts.rejected = (uint64_t)sqlite3_column_int64(st, 12);
    x->counts.undefined = (uint64_t)sqlite3_column_int64(st, 13);
    x->counts.infeasible = (uint64_t)sqlite3_column_int64(st, 14);
    x->counts.feasible = (uint64_t)sqlite3_column_int64(st, 15);
    const unsigned char *t = sqlite3_column_text(st, 16);
    x->problem_text = strdup(t ? (const char *)t : "");
    (*n)++;
    if (!x->problem_text) {
      sqlite3_finalize(st);
      mge_store_runs_free(a, *n);
      *n = 0;
      return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    }
  }
  sqlite3_finalize(st);
  *runs = a;
  if (r != SQLITE_DONE) {
    mge_store_runs_free(a, *n);
    *runs = NULL;
    *n = 0;
    return db_err(s, err, "list runs");
  }
  return 0;
}

void mge_store_runs_free(mge_store_run *runs, size_t n) {
  for (size_t i = 0; runs && i < n; i++) free(runs[i].problem_text);
  free(runs);
}

void mge_store_table_free(mge_store_table *t) {
  if (!t) return;
  free(t->cols);
  free(t->cands);
  free(t->values);
  memset(t, 0, sizeof *t);
}

int mge_store_load(mge_store *s, int64_t run_id, mge_store_table *t,
                   mge_error *err) {
  memset(t, 0, sizeof *t);
  sqlite3_stmt *st;
  int r, rc = 0;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT name, unit, role FROM run_columns WHERE"
                         " run_id=? ORDER BY pos",
                         -1, &st, NULL) != SQLITE_OK)
    return db_err(s, err, "load run");
  sqlite3_bind_int64(st, 1, run_id);
  size_t cap = 0;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    if (t->ncols == cap) {
      cap = cap ? cap * 2 : 16;
      mge_store_column *nc = realloc(t->cols, cap * sizeof *nc);
      if (!nc) {
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
        break;
      }
      t->cols = nc;
    }
    mge_store_column *c = &t->cols[t->ncols++];
    col_text(st, 0, c->name, sizeof c->name);
    col_text(st, 1, c->unit, sizeof c->unit);
    col_text(st, 2, c->role, sizeof c->role);
  }
  sqlite3_finalize(st);
  if (!rc && r != SQLITE_DONE) rc = db_err(s, err, "load run");
  if (rc) goto fail;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT idx, flags, score, label FROM candidates"
                         " WHERE run_id=? ORDER BY idx",
                         -1, &st, NULL) != SQLITE_OK) {
    rc = db_err(s, err, "load run");
    goto fail;
  }
  sqlite3_bind_int64(st, 1, run_id);
  cap = 0;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    if (t->n == cap) {
      cap = cap ? cap * 2 : 256;
      mge_store_cand *nc = realloc(t->cands, cap * sizeof *nc);
      if (!nc) {
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
        break;
      }
      t->cands = nc;
    }
    mge_store_cand *c = &t->cands[t->n++];
    c->idx = (uint64_t)sqlite3_column_int64(st, 0);
    c->flags = (unsigned)sqlite3_column_int(st, 1);
    c->score = sqlite3_column_double(st, 2);
    col_text(st, 3, c->label, sizeof c->label);
    c->values = NULL;
  }
  sqlite3_finalize(st);
  if (!rc && r != SQLITE_DONE) rc = db_err(s, err, "load run");
  if (rc) goto fail;
  size_t nv = t->n * (t->ncols ? t->ncols : 1);
  t->values = malloc((nv ? nv : 1) * sizeof(double));
  if (!t->values) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto fail;
  }
  for (size_t i = 0; i < nv; i++) t->values[i] = NAN;
  for (size_t i = 0; i < t->n; i++)
    t->cands[i].values = t->values + i * t->ncols;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT idx, pos, value FROM cand_values WHERE"
                         " run_id=? ORDER BY idx, pos",
                         -1, &st, NULL) != SQLITE_OK) {
    rc = db_err(s, err, "load run");
    goto fail;
  }
  sqlite3_bind_int64(st, 1, run_id);
  size_t ci = 0;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    uint64_t idx = (uint64_t)sqlite3_column_int64(st, 0);
    int pos = sqlite3_column_int(st, 1);
    while (ci < t->n && t->cands[ci].idx < idx) ci++;
    if (ci >= t->n || t->cands[ci].idx != idx || pos < 0 ||
        (size_t)pos >= t->ncols)
      continue;
    if (sqlite3_column_type(st, 2) != SQLITE_NULL)
      t->values[ci * t->ncols + (size_t)pos] = sqlite3_column_double(st, 2);
  }
  sqlite3_finalize(st);
  if (r != SQLITE_DONE) {
    rc = db_err(s, err, "load run");
    goto fail;
  }
  return 0;
fail:
  mge_store_table_free(t);
  return rc;
}
