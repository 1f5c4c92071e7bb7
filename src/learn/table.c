/* A whole CSV file in memory as strings (the datasets learn reads are small:
 * thousands of rows), read with the featurizer's RFC 4180 reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "featurize/internal.h"
#include "learn/learn_table.h"

static long read_file(void *ctx, char *dst, size_t cap) {
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

void learn_table_free(learn_table *t) {
  if (!t) return;
  for (size_t i = 0; i < t->ncols; i++) free(t->header[i]);
  for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cell[i]);
  free(t->header);
  free(t->cell);
  free(t->line);
  memset(t, 0, sizeof *t);
}

int learn_table_read(const char *path, learn_table *t, mge_error *err) {
  memset(t, 0, sizeof *t);
  FILE *f = fopen(path, "rb");
  if (!f) return mge_error_set(err, MGE_E_IO, "cannot open %s", path);
  feat_csv *r = feat_csv_new(read_file, f, path, 1u << 20);
  if (!r) {
    fclose(f);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  feat_csv_rec rec;
  int rc = feat_csv_next(r, -1, &rec, err);
  if (rc <= 0) {
    feat_csv_free(r);
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
  while (!status && (rc = feat_csv_next(r, -1, &rec, err)) == 1) {
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
  feat_csv_free(r);
  fclose(f);
  if (status) learn_table_free(t);
  return status;
}

int learn_table_col(const learn_table *t, const char *name) {
  for (size_t j = 0; j < t->ncols; j++)
    if (strcmp(t->header[j], name) == 0) return (int)j;
  return -1;
}

int learn_file_hash(const char *path, char hex[17], mge_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) return mge_error_set(err, MGE_E_IO, "cannot open %s", path);
  unsigned long long h = MGE_FNV1A64_INIT;
  unsigned char buf[65536];
  size_t k;
  while ((k = fread(buf, 1, sizeof buf, f)) > 0)
    h = mge_fnv1a64_step(h, buf, k);
  int bad = ferror(f);
  fclose(f);
  if (bad) return mge_error_set(err, MGE_E_IO, "cannot read %s", path);
  snprintf(hex, 17, "%016llx", h);
  return MGE_OK;
}
