/* Systems from user amounts and batch equilibria (include/mge/thermo.h):
 * the condition table read on the core CSV reader, the rows solved on the
 * core pool. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mge/csv.h"
#include "mge/pool.h"
#include "mge/thermo.h"

/* "A,B,C" into a NULL-free array of n pointers into a copy (*buf). */
static int split_names(const char *list, char **buf, const char ***items,
                       int *n, mge_error *err) {
  *buf = NULL;
  *items = NULL;
  *n = 0;
  if (!list || !list[0]) return MGE_OK;
  size_t len = strlen(list), cap = 1;
  for (size_t i = 0; i < len; i++) cap += list[i] == ',';
  *buf = malloc(len + 1);
  *items = malloc(cap * sizeof **items);
  if (!*buf || !*items) {
    free(*buf);
    free((void *)*items);
    *buf = NULL;
    *items = NULL;
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  memcpy(*buf, list, len + 1);
  char *save = NULL;
  for (char *t = strtok_r(*buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
    (*items)[(*n)++] = t;
  return MGE_OK;
}

int mge_thermo_system_from_amounts(const mge_tdb *db, const mge_amounts *am,
                                   const char *phases, const char *suspend,
                                   mge_thermo_system **out, mge_error *err) {
  *out = NULL;
  const char *el[MGE_AMOUNTS_MAX];
  for (int i = 0; i < am->n; i++) el[i] = am->name[i];
  char *pb, *sb;
  const char **ph, **su;
  int nph, nsu;
  int rc = split_names(phases, &pb, &ph, &nph, err);
  if (rc) return rc;
  rc = split_names(suspend, &sb, &su, &nsu, err);
  if (!rc)
    rc = mge_thermo_system_new(db, el, am->n, ph, nph, su, nsu, out, err);
  free(pb);
  free((void *)ph);
  free(sb);
  free((void *)su);
  return rc;
}

int mge_thermo_amounts_X(const mge_thermo_system *s, const mge_amounts *am,
                         const double *a, double *X, mge_error *err) {
  if (!a) a = am->a;
  int C = mge_thermo_system_ncomp(s);
  double v[MGE_THERMO_MAX_COMP] = {0};
  for (int c = 0; c < C; c++)
    for (int i = 0; i < am->n; i++)
      if (!strcasecmp(am->name[i], mge_thermo_system_comp(s, c))) v[c] = a[i];
  if (am->mass) return mge_thermo_mass_to_mole(s, v, X, err);
  double sum = 0;
  for (int c = 0; c < C; c++) sum += v[c];
  if (!(sum > 0))
    return mge_error_set(err, MGE_E_INPUT,
                         "no amount of any component of the system");
  for (int c = 0; c < C; c++) X[c] = v[c] / sum;
  return MGE_OK;
}

void mge_thermo_batch_free(mge_thermo_batch *b) {
  if (!b) return;
  free(b->T);
  free(b->A);
  free(b->line);
  memset(b, 0, sizeof *b);
  b->cols.balance = -1;
}

/* The header: T or T_K, X(EL) or W(EL) cells; colel[j] is the component
 * of column j, -1 for T. Header cells may carry spaces around them. */
static int batch_header(const mge_csv_table *t, const char *path,
                        mge_thermo_batch *b, int *colel, int *tcol,
                        mge_error *err) {
  int mass = -1;
  *tcol = -1;
  for (size_t j = 0; j < t->ncols; j++) {
    char cell[64];
    const char *h = t->header[j];
    while (*h == ' ') h++;
    snprintf(cell, sizeof cell, "%s", h);
    for (size_t k = strlen(cell); k > 0 && cell[k - 1] == ' ';) cell[--k] = 0;
    colel[j] = -1;
    if (!strcmp(cell, "T") || !strcmp(cell, "T_K")) {
      *tcol = (int)j;
      continue;
    }
    char *close = strchr(cell, ')');
    if ((cell[0] == 'X' || cell[0] == 'W') && cell[1] == '(' && close &&
        !close[1] && close > cell + 2) {
      int m = cell[0] == 'W';
      if (mass >= 0 && m != mass)
        return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                                "mix of X() and W() columns");
      mass = m;
      if (b->cols.n >= MGE_THERMO_MAX_COMP)
        return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                                "too many columns");
      *close = '\0';
      if (strlen(cell + 2) >= sizeof b->cols.name[0])
        return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                                "column %zu: component name too long '%s'",
                                j + 1, cell + 2);
      snprintf(b->cols.name[b->cols.n], sizeof b->cols.name[0], "%s", cell + 2);
      colel[j] = b->cols.n++;
      continue;
    }
    return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                            "column %zu '%s' is not T, X(EL) or W(EL)", j + 1,
                            cell);
  }
  if (*tcol < 0 || b->cols.n < 1)
    return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                            "need a T column and X(EL) columns");
  b->cols.mass = mass == 1;
  return MGE_OK;
}

static int batch_fill(const mge_csv_table *t, const char *path,
                      const char *balance, mge_thermo_batch *b,
                      mge_error *err) {
  int colel[MGE_THERMO_MAX_COMP + 2], tcol;
  if (t->ncols > MGE_THERMO_MAX_COMP + 1)
    return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0, "too many columns");
  int rc = batch_header(t, path, b, colel, &tcol, err);
  if (rc) return rc;
  if (balance) {
    for (int i = 0; i < b->cols.n; i++)
      if (!strcasecmp(b->cols.name[i], balance))
        return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                                "the balance %s is also a column", balance);
    if (b->cols.n >= MGE_THERMO_MAX_COMP)
      return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0, "too many columns");
    if (!balance[0] || strlen(balance) >= sizeof b->cols.name[0])
      return mge_error_set(err, MGE_E_INPUT, "bad balance component '%s'",
                           balance);
    b->cols.balance = b->cols.n;
    snprintf(b->cols.name[b->cols.n++], sizeof b->cols.name[0], "%s", balance);
  }
  if (t->nrows > MGE_THERMO_BATCH_MAX_ROWS)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "more than %d rows",
                            MGE_THERMO_BATCH_MAX_ROWS);
  size_t nr = t->nrows ? t->nrows : 1, nc = (size_t)b->cols.n;
  b->T = malloc(nr * sizeof *b->T);
  b->A = calloc(nr * nc, sizeof *b->A);
  b->line = malloc(nr * sizeof *b->line);
  if (!b->T || !b->A || !b->line)
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  for (size_t r = 0; r < t->nrows; r++) {
    int line = (int)t->line[r];
    double *row = b->A + r * nc;
    for (size_t j = 0; j < t->ncols; j++) {
      const char *cell = mge_csv_table_cell(t, r, j);
      char *end;
      double v = strtod(cell, &end);
      while (*end == ' ') end++;
      if (end == cell || *end || !isfinite(v))
        return mge_error_set_at(err, MGE_E_INPUT, path, line, 0,
                                "column %zu is not a number: '%s'", j + 1,
                                cell);
      if ((int)j == tcol)
        b->T[r] = v;
      else
        row[colel[j]] = v;
    }
    for (int c = 0; c < b->cols.n; c++)
      if (c != b->cols.balance && row[c] < 0)
        return mge_error_set_at(err, MGE_E_INPUT, path, line, 0,
                                "negative fraction %g", row[c]);
    double sum;
    int closed = mge_fractions_close(row, b->cols.n, b->cols.balance, &sum);
    if (closed == 1)
      return mge_error_set_at(
          err, MGE_E_INPUT, path, line, 0,
          "the fractions sum to %.9g, nothing left for the balance %s", sum,
          balance);
    if (closed == 2)
      return mge_error_set_at(err, MGE_E_INPUT, path, line, 0,
                              "the fractions sum to %.9g, not 1 (give every "
                              "component as a column, or a balance)",
                              sum);
    b->line[r] = t->line[r];
    b->nrow++;
  }
  return MGE_OK;
}

int mge_thermo_batch_read(const char *path, const char *balance,
                          mge_thermo_batch *b, mge_error *err) {
  memset(b, 0, sizeof *b);
  b->cols.balance = -1;
  mge_csv_table t;
  int rc = mge_csv_table_read(path, &t, err);
  if (rc) return rc;
  rc = batch_fill(&t, path, balance, b, err);
  mge_csv_table_free(&t);
  if (rc) mge_thermo_batch_free(b);
  return rc;
}

int mge_thermo_batch_conditions(const mge_thermo_system *s,
                                const mge_thermo_batch *b, double P_Pa,
                                mge_thermo_conditions *c, mge_error *err) {
  for (int i = 0; i < b->nrow; i++) {
    c[i].T_K = b->T[i];
    c[i].P_Pa = P_Pa;
    int rc = mge_thermo_amounts_X(s, &b->cols, b->A + (size_t)i * b->cols.n,
                                  c[i].X, err);
    if (rc) {
      if (!err->line) {
        err->line = (int)b->line[i];
        err->column = 0;
      }
      return rc;
    }
  }
  return MGE_OK;
}

typedef struct batch_ctx {
  const mge_thermo_system *s;
  const mge_thermo_conditions *c;
  const mge_thermo_options *opts;
  mge_thermo_result *res;
} batch_ctx;

static int batch_work(void *ctx, size_t i, int worker) {
  (void)worker;
  batch_ctx *b = ctx;
  mge_error e;
  mge_error_clear(&e);
  if (mge_thermo_equilibrium(b->s, &b->c[i], b->opts, &b->res[i], &e)) {
    b->res[i].converged = 0;
    b->res[i].T_K = b->c[i].T_K;
    b->res[i].P_Pa = b->c[i].P_Pa;
    snprintf(b->res[i].reason, sizeof b->res[i].reason, "%.159s", e.message);
  }
  return 0; /* a row's failure is its own; the others go on */
}

int mge_thermo_eq_batch(const mge_thermo_system *s,
                        const mge_thermo_conditions *c, size_t n,
                        const mge_thermo_options *opts, int threads,
                        mge_thermo_result *res, size_t *nfail, mge_error *err) {
  batch_ctx b = {s, c, opts, res};
  if (nfail) *nfail = 0;
  int rc = mge_parallel_for(threads < 1 ? 1 : threads, n, batch_work, &b, err);
  if (rc) return rc;
  if (nfail)
    for (size_t i = 0; i < n; i++) *nfail += !res[i].converged;
  return MGE_OK;
}
