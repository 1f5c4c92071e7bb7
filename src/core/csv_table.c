/* Whole CSV files in memory as strings (include/mge/csv.h), read with the
 * streaming reader of csv.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/csv.h"

long mge_csv_read_stdio(void *ctx, char *dst, size_t cap) {
  FILE *f = ctx;
  size_t k = fread(dst, 1, cap, f);
  if (k == 0 && ferror(f)) return -1;
  return (long)k;
}

static char *dupn(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

void mge_csv_table_free(mge_csv_table *t) {
  if (!t) return;
  for (size_t i = 0; i < t->ncols; i++) free(t->header[i]);
  for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cell[i]);
  free(t->header);
  free(t->cell);
  free(t->line);
  memset(t, 0, sizeof *t);
}

int mge_csv_table_read(const char *path, mge_csv_table *t, mge_error *err) {
  memset(t, 0, sizeof *t);
  FILE *f = fopen(path, "rb");
  if (!f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  mge_csv *r = mge_csv_new(mge_csv_read_stdio, f, path, 1u << 20);
  if (!r) {
    fclose(f);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  mge_csv_rec rec;
  int rc = mge_csv_next(r, -1, &rec, err);
  if (rc <= 0) {
    mge_csv_free(r);
    fclose(f);
    if (rc == 0)
      return mge_error_set_at(err, MGE_E_INPUT, path, 1, 1,
                              "empty file: a header line is required");
    return -rc;
  }
  t->ncols = (size_t)rec.nfields;
  t->header = calloc(t->ncols, sizeof *t->header);
  int status = MGE_OK;
  if (!t->header) status = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  for (size_t j = 0; !status && j < t->ncols; j++) {
    const char *s = rec.field[j];
    size_t n = rec.field_len[j];
    if (j == 0 && n >= 3 && (unsigned char)s[0] == 0xEF &&
        (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF) {
      s += 3; /* UTF-8 byte-order mark */
      n -= 3;
    }
    if (!(t->header[j] = dupn(s, n)))
      status = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  size_t cap = 0;
  while (!status && (rc = mge_csv_next(r, -1, &rec, err)) == 1) {
    if ((size_t)rec.nfields != t->ncols) {
      status = mge_error_set_at(err, MGE_E_INPUT, path, (int)rec.line, 1,
                                "%d fields where the header has %zu",
                                rec.nfields, t->ncols);
      break;
    }
    if (t->nrows == cap) {
      size_t nc = cap ? 2 * cap : 1024;
      char **c = realloc(t->cell, nc * t->ncols * sizeof *c);
      long *l = realloc(t->line, nc * sizeof *l);
      if (c) t->cell = c;
      if (l) t->line = l;
      if (!c || !l) {
        status = mge_error_set(err, MGE_E_NOMEM, "out of memory");
        break;
      }
      cap = nc;
    }
    for (size_t j = 0; j < t->ncols; j++) {
      char *v = dupn(rec.field[j], rec.field_len[j]);
      t->cell[t->nrows * t->ncols + j] = v;
      if (!v) status = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    }
    t->line[t->nrows] = rec.line;
    t->nrows++;
  }
  if (!status && rc < 0) status = -rc;
  mge_csv_free(r);
  fclose(f);
  if (status) mge_csv_table_free(t);
  return status;
}

int mge_csv_table_col(const mge_csv_table *t, const char *name) {
  for (size_t j = 0; j < t->ncols; j++)
    if (strcmp(t->header[j], name) == 0) return (int)j;
  return -1;
}
