/* Datasets: reading and checking a CSV of compositions and targets, groups
 * for folds, and featurization of all rows. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "learn/learn_internal.h"
#include "learn/learn_table.h"
#include "mge/csv.h"

void mge_dataset_free(mge_dataset *d) {
  if (!d) return;
  for (size_t i = 0; i < d->n; i++) {
    free(d->comp[i]);
    if (d->group) free(d->group[i]);
  }
  for (size_t j = 0; j < d->n_extra; j++) free(d->extra_name[j]);
  for (size_t i = 0; i < d->n * d->n_extra; i++) free(d->extra[i]);
  free(d->extra_name);
  free(d->extra);
  free(d->comp);
  free(d->group);
  free(d->y);
  free(d->line);
  free(d);
}

static mge_dataset *alloc_dataset(size_t n, int with_groups) {
  mge_dataset *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  size_t m = n ? n : 1;
  d->comp = calloc(m, sizeof *d->comp);
  d->y = calloc(m, sizeof *d->y);
  d->line = calloc(m, sizeof *d->line);
  if (with_groups) d->group = calloc(m, sizeof *d->group);
  if (!d->comp || !d->y || !d->line || (with_groups && !d->group)) {
    mge_dataset_free(d);
    return NULL;
  }
  return d;
}

int mge_dataset_new(const char *name, size_t n, const char *const *comp,
                    const double *y, int classification, mge_dataset **out,
                    mge_error *err) {
  *out = NULL;
  mge_dataset *d = alloc_dataset(n, 0);
  if (!d) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  snprintf(d->name, sizeof d->name, "%s", name ? name : "dataset");
  d->classification = classification;
  for (size_t i = 0; i < n; i++) {
    d->comp[i] = strdup(comp[i]);
    d->n = i + 1;
    if (!d->comp[i]) {
      mge_dataset_free(d);
      return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    }
    d->y[i] = y[i];
    d->line[i] = (long)i + 2;
  }
  *out = d;
  return MGE_OK;
}

/* A target: a finite number, or True/False for classification. Returns 1
 * (number), 2 (boolean) or 0 (bad). */
static int parse_target(const char *s, double *v) {
  while (isspace((unsigned char)*s)) s++;
  if (strcasecmp(s, "true") == 0) {
    *v = 1;
    return 2;
  }
  if (strcasecmp(s, "false") == 0) {
    *v = 0;
    return 2;
  }
  if (!*s) return 0;
  char *e;
  double x = strtod(s, &e);
  while (isspace((unsigned char)*e)) e++;
  if (*e || !isfinite(x)) return 0;
  *v = x;
  return 1;
}

/* Canonical key of a parsed composition: elements sorted by Z with fractions
 * rounded to 1e-9, hashed. */
static uint64_t comp_key(const mge_comp *c) {
  int idx[MGE_COMP_MAX];
  for (int i = 0; i < c->n; i++) idx[i] = i;
  for (int i = 1; i < c->n; i++) /* insertion sort by Z: n is small */
    for (int j = i; j > 0 && c->Z[idx[j]] < c->Z[idx[j - 1]]; j--) {
      int t = idx[j];
      idx[j] = idx[j - 1];
      idx[j - 1] = t;
    }
  unsigned long long h = MGE_FNV1A64_INIT;
  for (int i = 0; i < c->n; i++) {
    long long q = llround(c->x[idx[i]] * 1e9);
    int z = c->Z[idx[i]];
    h = mge_fnv1a64_step(h, &z, sizeof z);
    h = mge_fnv1a64_step(h, &q, sizeof q);
  }
  return h;
}

typedef struct issues {
  mge_row_issue *v;
  size_t n, cap;
} issues;

static int add_issue(issues *is, long line, mge_row_issue_kind kind,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int add_issue(issues *is, long line, mge_row_issue_kind kind,
                     const char *fmt, ...) {
  if (is->n == is->cap) {
    size_t nc = is->cap ? 2 * is->cap : 16;
    mge_row_issue *v = realloc(is->v, nc * sizeof *v);
    if (!v) return MGE_E_NOMEM;
    is->v = v;
    is->cap = nc;
  }
  mge_row_issue *r = &is->v[is->n++];
  r->line = line;
  r->kind = kind;
  va_list ap;
  va_start(ap, fmt); /* messages longer than the field are cut */
  vsnprintf(r->message, sizeof r->message, fmt, ap);
  va_end(ap);
  return MGE_OK;
}

typedef struct seen {
  uint64_t key;
  long line;
} seen;

static int cmp_seen(const void *a, const void *b) {
  const seen *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return (x->line > y->line) - (x->line < y->line);
}

int mge_dataset_read_csv(const char *path, const mge_dataset_read_opts *o,
                         mge_dataset **out, mge_row_issue **issues_out,
                         size_t *n_issues, mge_error *err) {
  *out = NULL;
  if (issues_out) *issues_out = NULL;
  if (n_issues) *n_issues = 0;
  if (!o || !o->comp_col || !o->target_col)
    return mge_error_set(err, MGE_E_INPUT,
                         "the composition and target columns are required");
  mge_csv_table t;
  int rc = mge_csv_table_read(path, &t, err);
  if (rc) return rc;
  int cc = mge_csv_table_col(&t, o->comp_col),
      tc = mge_csv_table_col(&t, o->target_col);
  int gc = o->group_col ? mge_csv_table_col(&t, o->group_col) : -1;
  const char *missing = cc < 0                     ? o->comp_col
                        : tc < 0                   ? o->target_col
                        : (o->group_col && gc < 0) ? o->group_col
                                                   : NULL;
  if (missing) {
    mge_csv_table_free(&t);
    return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                            "no column named '%s' in the header", missing);
  }
  issues is = {0};
  char *bad = calloc(t.nrows ? t.nrows : 1, 1);
  double *y = calloc(t.nrows ? t.nrows : 1, sizeof *y);
  seen *keys = calloc(t.nrows ? t.nrows : 1, sizeof *keys);
  size_t nkeys = 0;
  int nbool = 0, nnum = 0;
  if (!bad || !y || !keys) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < t.nrows && !rc; i++) {
    const char *cs = mge_csv_table_cell(&t, i, (size_t)cc);
    const char *ts = mge_csv_table_cell(&t, i, (size_t)tc);
    mge_comp c;
    mge_error pe;
    mge_error_clear(&pe);
    if (mge_comp_parse(cs, &c, &pe)) {
      bad[i] = 1;
      rc = add_issue(&is, t.line[i], MGE_ROW_BAD_COMPOSITION,
                     "composition '%s': %s", cs, pe.message);
      continue;
    }
    int kind = parse_target(ts, &y[i]);
    if (!kind) {
      bad[i] = 1;
      rc = add_issue(&is, t.line[i], MGE_ROW_BAD_TARGET,
                     "target '%s' of %s is not a number", ts, cs);
      continue;
    }
    nbool += kind == 2;
    nnum += kind == 1;
    keys[nkeys].key = comp_key(&c);
    keys[nkeys].line = (long)i; /* row index, for ordering */
    nkeys++;
  }
  if (rc) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  if (nbool && nnum) {
    rc = mge_error_set_at(err, MGE_E_INPUT, path, 0, 0,
                          "column '%s' mixes booleans and numbers",
                          o->target_col);
    goto done;
  }
  /* duplicates: sort by key then row; later rows of a key are duplicates */
  qsort(keys, nkeys, sizeof *keys, cmp_seen);
  for (size_t k = 1; k < nkeys; k++)
    if (keys[k].key == keys[k - 1].key) {
      size_t i = (size_t)keys[k].line;
      size_t first = (size_t)keys[k - 1].line;
      bad[i] = 1;
      char at[32];
      snprintf(at, sizeof at, "%ld", t.line[first]);
      if (add_issue(&is, t.line[i], MGE_ROW_DUPLICATE,
                    "composition '%s' repeats the one on line %s",
                    mge_csv_table_cell(&t, i, (size_t)cc), at)) {
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
        goto done;
      }
      keys[k].line = keys[k - 1].line; /* chain to the first occurrence */
    }
  if (is.n && !o->drop_bad) {
    /* report the first bad row in file order */
    size_t first = 0;
    for (size_t k = 1; k < is.n; k++)
      if (is.v[k].line < is.v[first].line) first = k;
    rc = mge_error_set_at(err, MGE_E_INPUT, path, (int)is.v[first].line, 0,
                          "%s (%zu bad rows in all; --on-bad drop to drop "
                          "them)",
                          is.v[first].message, is.n);
    goto done;
  }
  size_t keep = 0;
  for (size_t i = 0; i < t.nrows; i++) keep += !bad[i];
  mge_dataset *d = alloc_dataset(keep, gc >= 0);
  if (!d) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  snprintf(d->source, sizeof d->source, "%s", path);
  if (o->name) {
    snprintf(d->name, sizeof d->name, "%s", o->name);
  } else {
    const char *b = strrchr(path, '/');
    snprintf(d->name, sizeof d->name, "%s", b ? b + 1 : path);
    char *dot = strrchr(d->name, '.');
    if (dot && strcasecmp(dot, ".csv") == 0) *dot = '\0';
  }
  snprintf(d->comp_col, sizeof d->comp_col, "%s", o->comp_col);
  snprintf(d->target_col, sizeof d->target_col, "%s", o->target_col);
  snprintf(d->group_col, sizeof d->group_col, "%s",
           o->group_col ? o->group_col : "");
  d->classification = nbool > 0;
  d->n_dropped = t.nrows - keep;
  snprintf(d->unit, sizeof d->unit, "%s", o->unit ? o->unit : "");
  d->n_extra = t.ncols - 1 - (size_t)(tc != cc);
  d->extra_name = calloc(d->n_extra ? d->n_extra : 1, sizeof *d->extra_name);
  d->extra = calloc((keep ? keep : 1) * (d->n_extra ? d->n_extra : 1),
                    sizeof *d->extra);
  if (!d->extra_name || !d->extra) {
    d->n_extra = 0;
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  for (size_t j = 0, e = 0; !rc && j < t.ncols; j++)
    if ((int)j != cc && (int)j != tc)
      if (!(d->extra_name[e++] = strdup(t.header[j])))
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  if (!rc) rc = learn_file_hash(path, d->hash, err);
  for (size_t i = 0, k = 0; !rc && i < t.nrows; i++) {
    if (bad[i]) continue;
    for (size_t j = 0, e = 0; j < t.ncols; j++)
      if ((int)j != cc && (int)j != tc) {
        char *v = strdup(mge_csv_table_cell(&t, i, j));
        d->extra[k * d->n_extra + e++] = v;
        if (!v) rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      }
    d->comp[k] = strdup(mge_csv_table_cell(&t, i, (size_t)cc));
    if (gc >= 0) d->group[k] = strdup(mge_csv_table_cell(&t, i, (size_t)gc));
    d->y[k] = y[i];
    d->line[k] = t.line[i];
    d->n = ++k;
    if (!d->comp[k - 1] || (gc >= 0 && !d->group[k - 1]))
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  if (rc)
    mge_dataset_free(d);
  else
    *out = d;
done:
  if (issues_out && is.n) {
    *issues_out = is.v;
    if (n_issues) *n_issues = is.n;
  } else {
    free(is.v);
  }
  free(bad);
  free(y);
  free(keys);
  mge_csv_table_free(&t);
  return rc;
}

int mge_dataset_read_column(const char *path, const char *comp_col,
                            mge_dataset **out, mge_error *err) {
  *out = NULL;
  mge_csv_table t;
  int rc = mge_csv_table_read(path, &t, err);
  if (rc) return rc;
  int cc = mge_csv_table_col(&t, comp_col);
  if (cc < 0) {
    mge_csv_table_free(&t);
    return mge_error_set_at(err, MGE_E_INPUT, path, 1, 0,
                            "no column named '%s' in the header", comp_col);
  }
  mge_dataset *d = alloc_dataset(t.nrows, 0);
  if (d) {
    d->extra_name = calloc(t.ncols, sizeof *d->extra_name);
    d->extra = calloc((t.nrows ? t.nrows : 1) * t.ncols, sizeof *d->extra);
  }
  if (!d || !d->extra_name || !d->extra) {
    mge_dataset_free(d);
    mge_csv_table_free(&t);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  /* move the strings out of the table */
  d->n_extra = t.ncols;
  for (size_t j = 0; j < t.ncols; j++) {
    d->extra_name[j] = t.header[j];
    t.header[j] = NULL;
  }
  snprintf(d->source, sizeof d->source, "%s", path);
  snprintf(d->comp_col, sizeof d->comp_col, "%s", comp_col);
  for (size_t i = 0; i < t.nrows && !rc; i++) {
    for (size_t j = 0; j < t.ncols; j++) {
      d->extra[i * t.ncols + j] = t.cell[i * t.ncols + j];
      t.cell[i * t.ncols + j] = NULL;
    }
    d->comp[i] = strdup(d->extra[i * t.ncols + (size_t)cc]);
    d->y[i] = NAN;
    d->line[i] = t.line[i];
    d->n = i + 1;
    if (!d->comp[i]) rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  mge_csv_table_free(&t);
  if (rc) {
    mge_dataset_free(d);
    return rc;
  }
  *out = d;
  return MGE_OK;
}

const char *mge_row_issue_name(mge_row_issue_kind k) {
  return k == MGE_ROW_BAD_COMPOSITION ? "bad composition"
         : k == MGE_ROW_BAD_TARGET    ? "bad target"
                                      : "duplicate";
}

int mge_dataset_set_group(mge_dataset *d, const char *name, mge_error *err) {
  size_t col = d->n_extra;
  for (size_t j = 0; j < d->n_extra; j++)
    if (strcmp(d->extra_name[j], name) == 0) col = j;
  if (col == d->n_extra)
    return mge_error_set(err, MGE_E_INPUT,
                         "dataset %s has no column '%s' to group by", d->name,
                         name);
  char **g = calloc(d->n ? d->n : 1, sizeof *g);
  if (!g) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  for (size_t i = 0; i < d->n; i++)
    if (!(g[i] = strdup(d->extra[i * d->n_extra + col]))) {
      for (size_t k = 0; k < i; k++) free(g[k]);
      free(g);
      return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    }
  if (d->group)
    for (size_t i = 0; i < d->n; i++) free(d->group[i]);
  free(d->group);
  d->group = g;
  snprintf(d->group_col, sizeof d->group_col, "%s", name);
  return MGE_OK;
}

void mge_dataset_groups(const mge_dataset *d, uint64_t *ids) {
  for (size_t i = 0; i < d->n; i++) {
    if (d->group) {
      ids[i] = mge_fnv1a64(d->group[i], strlen(d->group[i]));
      continue;
    }
    mge_comp c;
    if (mge_comp_parse(d->comp[i], &c, NULL) == MGE_OK)
      ids[i] = comp_key(&c);
    else
      ids[i] = 0x8000000000000000ULL | i;
  }
}

int mge_dataset_features(const mge_dataset *d, const mge_featurizer *f,
                         double **Xo, mge_error *err) {
  size_t p = (size_t)mge_featurizer_count(f);
  double *X = malloc((d->n ? d->n : 1) * p * sizeof *X);
  if (!X) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  for (size_t i = 0; i < d->n; i++)
    if (mge_featurize_text(f, d->comp[i], X + i * p, NULL) != MGE_OK)
      for (size_t j = 0; j < p; j++) X[i * p + j] = NAN;
  *Xo = X;
  return MGE_OK;
}
