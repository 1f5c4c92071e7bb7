/* Datasets and fitted models in the project database. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mge/store_learn.h"
#include "mge/units.h"

#define SEP '\x1f' /* between the values of the kept columns */

static const char *schema =
    "CREATE TABLE IF NOT EXISTS learn_datasets("
    " id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, source TEXT,"
    " source_hash TEXT, comp_col TEXT, target_col TEXT, target_unit TEXT,"
    " group_col TEXT, classification INTEGER, n_rows INTEGER,"
    " n_dropped INTEGER, extra_cols TEXT, created_at TEXT, mge_version TEXT);"
    "CREATE TABLE IF NOT EXISTS learn_rows("
    " dataset_id INTEGER NOT NULL, idx INTEGER NOT NULL, line INTEGER,"
    " composition TEXT NOT NULL, target REAL NOT NULL, grp TEXT, extra TEXT,"
    " PRIMARY KEY(dataset_id, idx));"
    "CREATE TABLE IF NOT EXISTS learn_models("
    " id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, dataset TEXT,"
    " dataset_hash TEXT, kind TEXT, features TEXT, target_unit TEXT,"
    " settings TEXT, model BLOB NOT NULL, created_at TEXT,"
    " mge_version TEXT);";

static int db_fail(sqlite3 *db, mge_error *err, const char *what) {
  return mge_error_set(err, MGE_E_IO, "database: %s: %s", what,
                       sqlite3_errmsg(db));
}

static int ensure(mge_store *s, mge_error *err) {
  return mge_store_exec(s, schema, err);
}

static void utc_now(char *buf, size_t cap) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *set_name(mge_feature_set s) {
  return s == MGE_FEATURES_MAGPIE  ? "magpie"
         : s == MGE_FEATURES_ALLOY ? "alloy"
                                   : "all";
}

/* Join n strings with SEP into a malloc'ed string. */
static char *join(char *const *v, size_t n) {
  size_t len = 1;
  for (size_t i = 0; i < n; i++) len += strlen(v[i]) + 1;
  char *s = malloc(len), *p = s;
  if (!s) return NULL;
  for (size_t i = 0; i < n; i++) {
    size_t k = strlen(v[i]);
    memcpy(p, v[i], k);
    p += k;
    if (i + 1 < n) *p++ = SEP;
  }
  *p = '\0';
  return s;
}

/* Split s at SEP into exactly n malloc'ed strings at out[0..n-1]. */
static int split(const char *s, size_t n, char **out) {
  for (size_t i = 0; i < n; i++) {
    const char *e = strchr(s, SEP);
    size_t k = e ? (size_t)(e - s) : strlen(s);
    if ((i + 1 < n) != (e != NULL)) return -1;
    out[i] = malloc(k + 1);
    if (!out[i]) return -1;
    memcpy(out[i], s, k);
    out[i][k] = '\0';
    s = e ? e + 1 : s + k;
  }
  return 0;
}

static int begin(sqlite3 *db, mge_error *err) {
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return db_fail(db, err, "begin");
  return MGE_OK;
}

static int finish(sqlite3 *db, int rc, mge_error *err) {
  if (rc) {
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
  }
  if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    rc = db_fail(db, err, "commit");
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  }
  return rc;
}

static int64_t dataset_id(sqlite3 *db, const char *name) {
  sqlite3_stmt *st;
  int64_t id = 0;
  if (sqlite3_prepare_v2(db, "SELECT id FROM learn_datasets WHERE name = ?", -1,
                         &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st) == SQLITE_ROW) id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return id;
}

static int insert_rows(sqlite3 *db, int64_t id, const mge_dataset *d,
                       mge_error *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO learn_rows(dataset_id, idx, line,"
                         " composition, target, grp, extra)"
                         " VALUES(?,?,?,?,?,?,?)",
                         -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "insert rows");
  int rc = MGE_OK;
  for (size_t i = 0; i < d->n && !rc; i++) {
    char *extra = join(d->extra + i * d->n_extra, d->n_extra);
    if (!extra) {
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      break;
    }
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    sqlite3_bind_int64(st, 3, d->line[i]);
    sqlite3_bind_text(st, 4, d->comp[i], -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(st, 5, d->y[i]);
    if (d->group)
      sqlite3_bind_text(st, 6, d->group[i], -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_null(st, 6);
    sqlite3_bind_text(st, 7, extra, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) rc = db_fail(db, err, "insert row");
    free(extra);
  }
  sqlite3_finalize(st);
  return rc;
}

int mge_store_dataset_put(mge_store *s, const mge_dataset *d, int replace,
                          mge_error *err) {
  int rc = ensure(s, err);
  if (rc) return rc;
  sqlite3 *db = mge_store_sqlite(s);
  if ((rc = begin(db, err))) return rc;
  int64_t old = dataset_id(db, d->name);
  sqlite3_stmt *st = NULL;
  char *extra_cols = NULL;
  if (old > 0 && !replace) {
    rc = mge_error_set(err, MGE_E_INPUT,
                       "a dataset named '%s' is already stored (--replace to "
                       "replace it)",
                       d->name);
    goto out;
  }
  if (old > 0) {
    char sql[160];
    snprintf(sql, sizeof sql,
             "DELETE FROM learn_rows WHERE dataset_id = %lld;"
             "DELETE FROM learn_datasets WHERE id = %lld;",
             (long long)old, (long long)old);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
      rc = db_fail(db, err, "replace");
      goto out;
    }
  }
  char now[32];
  utc_now(now, sizeof now);
  extra_cols = join(d->extra_name, d->n_extra);
  if (!extra_cols) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto out;
  }
  if (sqlite3_prepare_v2(
          db,
          "INSERT INTO learn_datasets(name, source, source_hash, comp_col,"
          " target_col, target_unit, group_col, classification, n_rows,"
          " n_dropped, extra_cols, created_at, mge_version)"
          " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
          -1, &st, NULL) != SQLITE_OK) {
    rc = db_fail(db, err, "insert dataset");
    goto out;
  }
  const char *txt[7] = {d->name,       d->source, d->hash,     d->comp_col,
                        d->target_col, d->unit,   d->group_col};
  for (int i = 0; i < 7; i++)
    sqlite3_bind_text(st, i + 1, txt[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(st, 8, d->classification);
  sqlite3_bind_int64(st, 9, (sqlite3_int64)d->n);
  sqlite3_bind_int64(st, 10, (sqlite3_int64)d->n_dropped);
  sqlite3_bind_text(st, 11, extra_cols, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 13, mge_version(), -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE) {
    rc = db_fail(db, err, "insert dataset");
    goto out;
  }
  rc = insert_rows(db, sqlite3_last_insert_rowid(db), d, err);
out:
  sqlite3_finalize(st);
  free(extra_cols);
  return finish(db, rc, err);
}

static void col_text(sqlite3_stmt *st, int i, char *dst, size_t cap) {
  const unsigned char *t = sqlite3_column_text(st, i);
  snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

static size_t count_sep(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += *s == SEP;
  return n;
}

/* Read the rows of dataset id into d (arrays allocated for n rows). */
static int read_rows(sqlite3 *db, int64_t id, mge_dataset *d, size_t n,
                     mge_error *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "SELECT idx, line, composition, target, grp, extra"
                         " FROM learn_rows WHERE dataset_id = ? ORDER BY idx",
                         -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "read rows");
  sqlite3_bind_int64(st, 1, id);
  int rc = MGE_OK;
  size_t ne = d->n_extra;
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    size_t i = (size_t)sqlite3_column_int64(st, 0);
    if (i != d->n || i >= n) {
      rc = mge_error_set(err, MGE_E_IO, "database: rows of %s are damaged",
                         d->name);
      break;
    }
    d->line[i] = (long)sqlite3_column_int64(st, 1);
    const unsigned char *c = sqlite3_column_text(st, 2);
    d->comp[i] = strdup(c ? (const char *)c : "");
    d->y[i] = sqlite3_column_double(st, 3);
    d->n = i + 1;
    if (d->group) {
      const unsigned char *g = sqlite3_column_text(st, 4);
      d->group[i] = strdup(g ? (const char *)g : "");
    }
    const unsigned char *x = sqlite3_column_text(st, 5);
    if (!d->comp[i] || (d->group && !d->group[i]) ||
        (ne && split(x ? (const char *)x : "", ne, d->extra + i * ne)))
      rc = mge_error_set(err, MGE_E_IO, "database: row %zu of %s", i, d->name);
  }
  sqlite3_finalize(st);
  if (!rc && d->n != n)
    rc = mge_error_set(err, MGE_E_IO, "database: %s has %zu of %zu rows",
                       d->name, d->n, n);
  return rc;
}

int mge_store_dataset_get(mge_store *s, const char *name, mge_dataset **out,
                          mge_error *err) {
  *out = NULL;
  int rc = ensure(s, err);
  if (rc) return rc;
  sqlite3 *db = mge_store_sqlite(s);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db,
                         "SELECT id, source, source_hash, comp_col,"
                         " target_col, target_unit, group_col, classification,"
                         " n_rows, n_dropped, extra_cols FROM learn_datasets"
                         " WHERE name = ?",
                         -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "read dataset");
  sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    return mge_error_set(err, MGE_E_INPUT,
                         "no dataset named '%s' in the database (mge learn "
                         "datasets lists them)",
                         name);
  }
  mge_dataset *d = calloc(1, sizeof *d);
  if (!d) {
    sqlite3_finalize(st);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  int64_t id = sqlite3_column_int64(st, 0);
  snprintf(d->name, sizeof d->name, "%s", name);
  col_text(st, 1, d->source, sizeof d->source);
  col_text(st, 2, d->hash, sizeof d->hash);
  col_text(st, 3, d->comp_col, sizeof d->comp_col);
  col_text(st, 4, d->target_col, sizeof d->target_col);
  col_text(st, 5, d->unit, sizeof d->unit);
  col_text(st, 6, d->group_col, sizeof d->group_col);
  d->classification = sqlite3_column_int(st, 7);
  sqlite3_int64 nrows = sqlite3_column_int64(st, 8);
  d->n_dropped = (size_t)sqlite3_column_int64(st, 9);
  const unsigned char *ec = sqlite3_column_text(st, 10);
  size_t ne = ec && ec[0] ? count_sep((const char *)ec) + 1 : 0;
  if (nrows < 0 || nrows > 100000000)
    rc = mge_error_set(err, MGE_E_IO, "database: bad dataset size");
  size_t n = (size_t)(nrows > 0 ? nrows : 0), m = n ? n : 1;
  if (!rc) {
    d->comp = calloc(m, sizeof *d->comp);
    d->y = calloc(m, sizeof *d->y);
    d->line = calloc(m, sizeof *d->line);
    d->group = d->group_col[0] ? calloc(m, sizeof *d->group) : NULL;
    d->extra_name = calloc(ne ? ne : 1, sizeof *d->extra_name);
    d->extra = calloc(m * (ne ? ne : 1), sizeof *d->extra);
    if (!d->comp || !d->y || !d->line || (d->group_col[0] && !d->group) ||
        !d->extra_name || !d->extra)
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  if (!rc && ne) {
    d->n_extra = ne;
    if (split((const char *)ec, ne, d->extra_name))
      rc = mge_error_set(err, MGE_E_IO, "database: bad column list");
  }
  sqlite3_finalize(st);
  if (!rc) rc = read_rows(db, id, d, n, err);
  if (rc) {
    mge_dataset_free(d);
    return rc;
  }
  *out = d;
  return MGE_OK;
}

/* Grow a malloc'ed array of n items of size sz to hold one more. */
static void *grow(void *v, size_t n, size_t *cap, size_t sz) {
  if (n < *cap) return v;
  size_t nc = *cap ? 2 * *cap : 8;
  void *w = realloc(v, nc * sz);
  if (w) *cap = nc;
  return w;
}

/* Run a listing query and read every row with fill into a malloc'ed array
 * of elements of size sz. */
typedef void (*row_fn)(sqlite3_stmt *st, void *elem);

static int list_query(mge_store *s, const char *sql, size_t sz, row_fn fill,
                      void **out, size_t *n, mge_error *err) {
  *out = NULL;
  *n = 0;
  int rc = ensure(s, err);
  if (rc) return rc;
  sqlite3 *db = mge_store_sqlite(s);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "list");
  size_t cap = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    char *v = grow(*out, *n, &cap, sz);
    if (!v) {
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      break;
    }
    *out = v;
    memset(v + *n * sz, 0, sz);
    fill(st, v + (*n)++ * sz);
  }
  sqlite3_finalize(st);
  return rc;
}

static void dataset_row(sqlite3_stmt *st, void *elem) {
  mge_store_dataset_info *x = elem;
  col_text(st, 0, x->name, sizeof x->name);
  col_text(st, 1, x->source, sizeof x->source);
  col_text(st, 2, x->hash, sizeof x->hash);
  col_text(st, 3, x->target, sizeof x->target);
  col_text(st, 4, x->unit, sizeof x->unit);
  col_text(st, 5, x->created_at, sizeof x->created_at);
  x->n_rows = (size_t)sqlite3_column_int64(st, 6);
  x->n_dropped = (size_t)sqlite3_column_int64(st, 7);
  x->classification = sqlite3_column_int(st, 8);
}

int mge_store_datasets(mge_store *s, mge_store_dataset_info **out, size_t *n,
                       mge_error *err) {
  return list_query(s,
                    "SELECT name, source, source_hash, target_col,"
                    " target_unit, created_at, n_rows, n_dropped,"
                    " classification FROM learn_datasets ORDER BY name",
                    sizeof **out, dataset_row, (void **)out, n, err);
}

static int valid_name(const char *s) {
  if (!s || !*s || strlen(s) > 56) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
          (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
      return 0;
  return 1;
}

static int model_exists(sqlite3 *db, const char *name, int *exists,
                        mge_error *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM learn_models WHERE name = ?", -1,
                         &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "models");
  sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
  *exists = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return MGE_OK;
}

int mge_store_model_put(mge_store *s, const char *name, const mge_dataset *d,
                        const mge_learned *l, const char *settings, int replace,
                        mge_error *err) {
  if (!valid_name(name))
    return mge_error_set(err, MGE_E_INPUT,
                         "model name '%s': use 1-56 letters, digits, '_' or "
                         "'-'",
                         name ? name : "");
  int rc = ensure(s, err);
  if (rc) return rc;
  char *blob;
  size_t len;
  rc = mge_learned_save(l, &blob, &len, err);
  if (rc) return rc;
  sqlite3 *db = mge_store_sqlite(s);
  if ((rc = begin(db, err))) {
    free(blob);
    return rc;
  }
  sqlite3_stmt *st = NULL;
  int exists = 0;
  rc = model_exists(db, name, &exists, err);
  if (!rc && exists && !replace)
    rc = mge_error_set(err, MGE_E_INPUT,
                       "a model named '%s' is already stored (--replace to "
                       "replace it)",
                       name);
  if (rc) goto out;
  char now[32];
  utc_now(now, sizeof now);
  if (sqlite3_prepare_v2(
          db,
          "INSERT OR REPLACE INTO learn_models(name, dataset, dataset_hash,"
          " kind, features, target_unit, settings, model, created_at,"
          " mge_version) VALUES(?,?,?,?,?,?,?,?,?,?)",
          -1, &st, NULL) != SQLITE_OK) {
    rc = db_fail(db, err, "insert model");
    goto out;
  }
  const mge_learn_opts *o = mge_regressor_opts(mge_learned_regressor(l));
  sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, d->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, d->hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 4, mge_learn_kind_name(o->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, set_name(mge_learned_feature_set(l)), -1,
                    SQLITE_STATIC);
  sqlite3_bind_text(st, 6, d->unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 7, settings ? settings : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64(st, 8, blob, len, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 10, mge_version(), -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE) rc = db_fail(db, err, "insert model");
out:
  sqlite3_finalize(st);
  free(blob);
  return finish(db, rc, err);
}

int mge_store_model_get(mge_store *s, const char *name, mge_learned **out,
                        char *unit, mge_error *err) {
  *out = NULL;
  int rc = ensure(s, err);
  if (rc) return rc;
  sqlite3 *db = mge_store_sqlite(s);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "SELECT model, target_unit FROM learn_models WHERE"
                         " name = ?",
                         -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "read model");
  sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    return mge_error_set(err, MGE_E_INPUT,
                         "no model named '%s' in the database (mge learn "
                         "models lists them)",
                         name);
  }
  const void *b = sqlite3_column_blob(st, 0);
  int len = sqlite3_column_bytes(st, 0);
  if (unit) col_text(st, 1, unit, 32);
  rc = mge_learned_load(b, (size_t)len, out, err);
  sqlite3_finalize(st);
  return rc;
}

static void model_row(sqlite3_stmt *st, void *elem) {
  mge_store_model_info *x = elem;
  col_text(st, 0, x->name, sizeof x->name);
  col_text(st, 1, x->dataset, sizeof x->dataset);
  col_text(st, 2, x->kind, sizeof x->kind);
  col_text(st, 3, x->features, sizeof x->features);
  col_text(st, 4, x->unit, sizeof x->unit);
  col_text(st, 5, x->created_at, sizeof x->created_at);
}

int mge_store_models(mge_store *s, mge_store_model_info **out, size_t *n,
                     mge_error *err) {
  return list_query(s,
                    "SELECT name, dataset, kind, features, target_unit,"
                    " created_at FROM learn_models ORDER BY name",
                    sizeof **out, model_row, (void **)out, n, err);
}

int mge_store_register_learned(mge_store *s, mge_registry *reg,
                               mge_error *err) {
  mge_store_model_info *info;
  size_t n;
  int rc = mge_store_models(s, &info, &n, err);
  if (rc) return rc;
  for (size_t i = 0; i < n && !rc; i++) {
    for (int sd = 0; sd < 2 && !rc; sd++) {
      mge_learned *l;
      char unit[32];
      rc = mge_store_model_get(s, info[i].name, &l, unit, err);
      if (rc) break;
      char name[80];
      snprintf(name, sizeof name, "learn.%s%s", info[i].name, sd ? "_sd" : "");
      /* a unit mge cannot convert ("HV") is kept in the model list but the
       * property is dimensionless to the design engine */
      mge_unit u;
      if (mge_unit_parse(unit, &u, NULL) != MGE_OK) snprintf(unit, 32, "1");
      mge_model *m;
      rc = mge_learned_model_new(l, name,
                                 MGE_MODEL_ID_RUNTIME_MIN + 2 * (int)i + sd,
                                 unit, sd, &m, err);
      if (rc) {
        mge_learned_free(l);
        break;
      }
      rc = mge_registry_add_owned(reg, m, mge_learned_model_free, err);
    }
  }
  free(info);
  return rc;
}
