/* Measured viscosity points from CSV (the input of `mge glass visc fit`) on
 * the core streaming reader (mge_csv), and temperature lists; units through
 * units.h. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glass/glass_internal.h"
#include "mge/csv.h"
#include "mge/units.h"

#define MAX_POINTS 100000
#define MAX_RECORD (64u << 10)

/* ------------------------------------------------------- comment lines */

/* A read callback over a stream that drops the text of lines starting with
 * '#' and keeps their line ends, so the CSV reader sees empty lines (which
 * it skips) and counts lines as the file has them. */
long glass_read_uncommented(void *ctx, char *dst, size_t cap) {
  comment_filter *c = ctx;
  for (;;) {
    long got = mge_csv_read_stdio(c->f, dst, cap);
    if (got <= 0) return got;
    size_t k = 0;
    for (long i = 0; i < got; i++) {
      char ch = dst[i];
      if (c->bol && ch == '#') c->comment = 1;
      if (ch == '\n') c->comment = 0;
      if (!c->comment) dst[k++] = ch;
      c->bol = ch == '\n';
    }
    if (k > 0) return (long)k; /* 0 would read as the end of input */
  }
}

/* ------------------------------------------------- CSV files (internal) */

int glass_csv_open(glass_csv *c, const char *path, int comments,
                   mge_error *err) {
  memset(c, 0, sizeof *c);
  c->path = path;
  c->err = err;
  c->f = fopen(path, "rb");
  if (!c->f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  c->filter = (comment_filter){c->f, 1, 0};
  c->r = comments
             ? mge_csv_new(glass_read_uncommented, &c->filter, path, MAX_RECORD)
             : mge_csv_new(mge_csv_read_stdio, c->f, path, MAX_RECORD);
  if (!c->r) {
    fclose(c->f);
    c->f = NULL;
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  return 0;
}

void glass_csv_close(glass_csv *c) {
  mge_csv_free(c->r);
  if (c->f) fclose(c->f);
  c->r = NULL;
  c->f = NULL;
}

int glass_csv_next(glass_csv *c) {
  return mge_csv_next(c->r, -1, &c->rec, c->err);
}

int glass_csv_col(const glass_csv *c, int j) {
  const char *raw = c->rec.raw;
  size_t i = 0, len = c->rec.raw_len;
  int quoted = 0;
  for (int f = 0; f < j && i < len; i++) {
    if (raw[i] == '"') quoted = !quoted;
    if (raw[i] == ',' && !quoted) f++;
  }
  return (int)i + 1;
}

int glass_csv_error(const glass_csv *c, int code, int col, const char *fmt,
                    ...) {
  char msg[MGE_ERROR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return mge_error_set_at(c->err, code, c->path, (int)c->rec.line, col, "%s",
                          msg);
}

int glass_csv_field(const glass_csv *c, int j, char *buf, size_t cap,
                    int *col) {
  const char *s = c->rec.field[j];
  size_t b = 0, n = c->rec.field_len[j];
  while (b < n && (s[b] == ' ' || s[b] == '\t')) b++;
  while (n > b && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  *col = glass_csv_col(c, j) + (int)b;
  if (n - b >= cap)
    return glass_csv_error(c, MGE_E_INPUT, *col,
                           "field longer than %zu characters", cap - 1);
  memcpy(buf, s + b, n - b);
  buf[n - b] = '\0';
  return 0;
}

int glass_csv_number(const glass_csv *c, int j, const char *what, double *out) {
  char buf[128];
  int col, rc = glass_csv_field(c, j, buf, sizeof buf, &col);
  if (rc) return rc;
  char *end;
  errno = 0;
  *out = strtod(buf, &end);
  if (!buf[0] || *end || !isfinite(*out) || errno == ERANGE ||
      strpbrk(buf, "xX"))
    return glass_csv_error(c, MGE_E_INPUT, col,
                           "%s: '%s' is not a finite number", what, buf);
  return 0;
}

int glass_csv_temperature(const glass_csv *c, int j, const char *unit,
                          const char *what, double *T_K) {
  char buf[128];
  int col, rc = glass_csv_field(c, j, buf, sizeof buf, &col);
  if (rc) return rc;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_quantity_parse_as(buf, unit, T_K, &sub))
    return glass_csv_error(c, MGE_E_INPUT,
                           col + (sub.column > 0 ? sub.column - 1 : 0),
                           "%s: %s", what, sub.message);
  return 0;
}

/* ------------------------------------------------------------- header */

typedef struct vheader {
  const char *T_unit; /* "K" or "degC" */
  double yoff;        /* added to log10 eta for Pa s */
  int ncols;          /* 2, or 3 with sigma */
  char name[3][64];
} vheader;

static int read_header(const glass_csv *c, vheader *h) {
  if (c->rec.nfields < 2)
    return glass_csv_error(c, MGE_E_INPUT, 1,
                           "header: T_K|T_C,log10_eta_...[,sigma]");
  if (c->rec.nfields > 3)
    return glass_csv_error(
        c, MGE_E_INPUT, glass_csv_col(c, 3),
        "header: at most 3 columns, T_K|T_C,log10_eta_...[,sigma]");
  h->ncols = c->rec.nfields;
  int col[3];
  for (int j = 0; j < h->ncols; j++) {
    int rc = glass_csv_field(c, j, h->name[j], sizeof h->name[j], &col[j]);
    if (rc) return rc;
  }
  char *a = h->name[0];
  if (a[0] == '\xef' && a[1] == '\xbb' && a[2] == '\xbf') /* UTF-8 BOM */
    memmove(a, a + 3, strlen(a + 3) + 1);
  if (strcmp(a, "T_C") == 0)
    h->T_unit = "degC";
  else if (strcmp(a, "T_K") == 0)
    h->T_unit = "K";
  else
    return glass_csv_error(c, MGE_E_INPUT, col[0],
                           "first column must be T_K or T_C");
  const char *b = h->name[1];
  if (strcmp(b, "log10_eta_Pa_s") == 0)
    h->yoff = 0;
  else if (strcmp(b, "log10_eta_dPa_s") == 0 ||
           strcmp(b, "log10_eta_poise") == 0)
    h->yoff = -1; /* 1 Pa s = 10 poise = 10 dPa s */
  else
    return glass_csv_error(c, MGE_E_INPUT, col[1],
                           "second column must be log10_eta_Pa_s, "
                           "log10_eta_dPa_s or log10_eta_poise");
  return 0;
}

/* ------------------------------------------------------------- points */

void mge_visc_points_free(mge_visc_points *p) {
  if (!p) return;
  free(p->T_K), free(p->log10_eta), free(p->sigma);
  memset(p, 0, sizeof *p);
}

static int grow(mge_visc_points *p, size_t *cap, mge_error *err) {
  size_t nc = *cap ? 2 * *cap : 256;
  double *a = realloc(p->T_K, nc * sizeof *a);
  if (a) p->T_K = a;
  double *b = realloc(p->log10_eta, nc * sizeof *b);
  if (b) p->log10_eta = b;
  double *c = realloc(p->sigma, nc * sizeof *c);
  if (c) p->sigma = c;
  if (!a || !b || !c) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  *cap = nc;
  return 0;
}

static int read_points(glass_csv *c, mge_visc_points *p) {
  vheader h;
  int rc = glass_csv_next(c);
  if (rc == 0)
    return mge_error_set_at(c->err, MGE_E_INPUT, c->path, 0, 0,
                            "missing header");
  if (rc < 0) return -rc;
  if ((rc = read_header(c, &h))) return rc;
  size_t cap = 0;
  while ((rc = glass_csv_next(c)) == 1) {
    int nf = c->rec.nfields;
    if (nf != h.ncols)
      return glass_csv_error(c, MGE_E_INPUT,
                             nf > h.ncols ? glass_csv_col(c, h.ncols) : 1,
                             "expected numbers T,log10_eta%s (%d fields, "
                             "not %d)",
                             h.ncols == 3 ? ",sigma" : "", h.ncols, nf);
    if (p->n >= MAX_POINTS)
      return glass_csv_error(c, MGE_E_LIMIT, 1, "more than %d points",
                             MAX_POINTS);
    if (p->n == cap && (rc = grow(p, &cap, c->err))) return rc;
    double T, y, s = 1;
    if ((rc = glass_csv_temperature(c, 0, h.T_unit, h.name[0], &T)) ||
        (rc = glass_csv_number(c, 1, h.name[1], &y)) ||
        (h.ncols == 3 && (rc = glass_csv_number(c, 2, h.name[2], &s))))
      return rc;
    p->T_K[p->n] = T;
    p->log10_eta[p->n] = y + h.yoff;
    p->sigma[p->n] = s;
    p->n++;
  }
  if (rc < 0) return -rc;
  if (h.ncols < 3) {
    free(p->sigma);
    p->sigma = NULL;
  }
  return 0;
}

int mge_visc_points_read(const char *path, mge_visc_points *out,
                         mge_error *err) {
  memset(out, 0, sizeof *out);
  glass_csv c;
  int rc = glass_csv_open(&c, path, 1, err);
  if (rc) return rc;
  rc = read_points(&c, out);
  glass_csv_close(&c);
  if (rc) mge_visc_points_free(out);
  return rc;
}

/* ------------------------------------------------------- temperatures */

int mge_glass_temperatures_parse(const char *text, const char *unit,
                                 double *T_K, int cap, int *n, mge_error *err) {
  *n = 0;
  const char *s = text;
  while (*s) {
    const char *e = strchr(s, ',');
    size_t len = e ? (size_t)(e - s) : strlen(s);
    int col = (int)(s - text) + 1;
    if (*n >= cap)
      return mge_error_set_at(err, MGE_E_LIMIT, NULL, 0, col,
                              "more than %d temperatures", cap);
    char item[128];
    if (len >= sizeof item)
      return mge_error_set_at(err, MGE_E_INPUT, NULL, 0, col,
                              "temperature longer than %zu characters",
                              sizeof item - 1);
    memcpy(item, s, len);
    item[len] = '\0';
    mge_error sub;
    mge_error_clear(&sub);
    if (mge_quantity_parse_as(item, unit, &T_K[*n], &sub))
      return mge_error_set_at(err, MGE_E_INPUT, NULL, 0,
                              col + (sub.column > 0 ? sub.column - 1 : 0), "%s",
                              sub.message);
    (*n)++;
    s = e ? e + 1 : s + len;
  }
  return 0;
}
