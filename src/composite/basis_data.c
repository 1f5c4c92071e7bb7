/* Test values for design allowables from comma lists and CSV files, read
 * with the core RFC 4180 reader (mge/csv.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "composite/internal.h"

static int push(mge_basis_data *d, double x) {
  if (d->n >= MGE_BASIS_MAX_VALUES) return MGE_E_LIMIT;
  if (d->n == d->cap) {
    int nc = d->cap ? 2 * d->cap : 64;
    double *t = realloc(d->x, sizeof(double) * (size_t)nc);
    if (!t) return MGE_E_NOMEM;
    d->x = t;
    d->cap = nc;
  }
  d->x[d->n++] = x;
  return MGE_OK;
}

/* A finite number filling the field s (blanks around it allowed). */
static int number(const char *s, double *x) {
  char *end;
  errno = 0;
  *x = strtod(s, &end);
  if (end == s || errno == ERANGE || !isfinite(*x)) return 0;
  while (*end == ' ' || *end == '\t') end++;
  return *end == 0;
}

static int add(mge_basis_data *d, double x, const char *source, long line,
               mge_error *err) {
  int rc = push(d, x);
  if (rc == MGE_E_NOMEM) return mge_error_set(err, rc, "out of memory");
  if (rc && source)
    return mge_error_set_at(err, rc, source, (int)line, 1,
                            "too many values (max %d)", MGE_BASIS_MAX_VALUES);
  if (rc)
    return mge_error_set(err, rc, "too many values (max %d)",
                         MGE_BASIS_MAX_VALUES);
  return MGE_OK;
}

typedef struct text_in {
  const char *s;
  size_t n, pos;
} text_in;

static long text_read(void *ctx, char *dst, size_t cap) {
  text_in *t = ctx;
  size_t k = t->n - t->pos < cap ? t->n - t->pos : cap;
  memcpy(dst, t->s + t->pos, k);
  t->pos += k;
  return (long)k;
}

int mge_basis_data_add_list(mge_basis_data *d, const char *text,
                            const char *what, mge_error *err) {
  text_in in = {text, strlen(text), 0};
  mge_csv *r = mge_csv_new(text_read, &in, what, in.n + 1);
  if (!r) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  mge_csv_rec rec;
  int rc = MGE_OK, got = 0;
  while (!rc && (got = mge_csv_next(r, -1, &rec, err)) == 1) {
    for (int i = 0; i < rec.nfields && !rc; i++) {
      if (i > 0 && i == rec.nfields - 1 && rec.field_len[i] == 0) break;
      double x;
      if (number(rec.field[i], &x)) {
        rc = add(d, x, NULL, 0, err);
      } else {
        int line, col;
        cmp_csv_field_pos(&rec, i, &line, &col);
        rc = mge_error_set(err, MGE_E_INPUT, "%s: bad number at column %d",
                           what, col);
      }
    }
  }
  mge_csv_free(r);
  return rc ? rc : got < 0 ? -got : MGE_OK;
}

int mge_basis_data_add_file(mge_basis_data *d, const char *path,
                            mge_error *err) {
  cmp_csv in;
  int rc = cmp_csv_open(&in, path, 1u << 20, err);
  const char *src = strcmp(path, "-") == 0 ? "<stdin>" : path;
  mge_csv_rec rec;
  int first = 1;
  while (!rc && (rc = cmp_csv_next(&in, 0, &rec, err)) == 1) {
    rc = MGE_OK;
    double x;
    int ok = number(rec.field[0], &x);
    if (!ok && first) { /* a header */
      first = 0;
      continue;
    }
    first = 0;
    if (!ok) {
      const char *s = rec.field[0];
      int col = 1;
      if (rec.raw_len > 0 && rec.raw[0] != '"')
        while (s[col - 1] == ' ' || s[col - 1] == '\t') col++;
      rc = mge_error_set_at(err, MGE_E_INPUT, src, (int)rec.line, col,
                            "not a number");
    } else {
      rc = add(d, x, src, rec.line, err);
    }
  }
  cmp_csv_close(&in);
  return rc < 0 ? -rc : rc;
}

void mge_basis_data_free(mge_basis_data *d) {
  if (!d) return;
  free(d->x);
  memset(d, 0, sizeof *d);
}
