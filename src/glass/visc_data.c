/* Measured viscosity points from CSV (the input of `mge glass visc fit`) on
 * the core streaming reader (mge_csv), and temperature lists; units through
 * units.h. */
#include <errno.h>
#include <math.h>
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
typedef struct comment_filter {
  FILE *f;
  int bol;     /* at the beginning of a line */
  int comment; /* inside a comment line */
} comment_filter;

static long read_uncommented(void *ctx, char *dst, size_t cap) {
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

/* ------------------------------------------------------------- fields */

/* 1-based column of field j of a raw record (quotes respected). */
static int field_col(const char *raw, size_t len, int j) {
  size_t i = 0;
  int quoted = 0;
  for (int f = 0; f < j && i < len; i++) {
    if (raw[i] == '"') quoted = !quoted;
    if (raw[i] == ',' && !quoted) f++;
  }
  return (int)i + 1;
}

/* Field text without surrounding blanks into buf (capacity cap); *lead
 * receives the number of leading blanks. 0, or -1 when it does not fit. */
static int trimmed(const char *s, size_t n, char *buf, size_t cap, int *lead) {
  size_t b = 0;
  while (b < n && (s[b] == ' ' || s[b] == '\t')) b++;
  while (n > b && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  *lead = (int)b;
  if (n - b >= cap) return -1;
  memcpy(buf, s + b, n - b);
  buf[n - b] = '\0';
  return 0;
}

typedef struct vreader {
  const char *path;
  mge_csv_rec rec;
  mge_error *err;
} vreader;

/* Field j of the current record, trimmed, into buf; *col its column. */
static int vfield(vreader *v, int j, char *buf, size_t cap, int *col) {
  int lead;
  *col = field_col(v->rec.raw, v->rec.raw_len, j);
  if (trimmed(v->rec.field[j], v->rec.field_len[j], buf, cap, &lead))
    return mge_error_set_at(v->err, MGE_E_INPUT, v->path, (int)v->rec.line,
                            *col, "field longer than %zu characters",
                            cap - 1);
  *col += lead;
  return 0;
}

/* A finite decimal number in field j. */
static int vnumber(vreader *v, int j, const char *what, double *out) {
  char buf[128];
  int col, rc = vfield(v, j, buf, sizeof buf, &col);
  if (rc) return rc;
  char *end;
  errno = 0;
  *out = strtod(buf, &end);
  if (!buf[0] || *end || !isfinite(*out) || errno == ERANGE ||
      strpbrk(buf, "xX"))
    return mge_error_set_at(v->err, MGE_E_INPUT, v->path, (int)v->rec.line,
                            col, "%s: '%s' is not a finite number", what, buf);
  return 0;
}

/* A temperature in field j: a bare number in unit, or with its own unit. */
static int vtemperature(vreader *v, int j, const char *unit, const char *what,
                        double *T_K) {
  char buf[128];
  int col, rc = vfield(v, j, buf, sizeof buf, &col);
  if (rc) return rc;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_quantity_parse_as(buf, unit, T_K, &sub))
    return mge_error_set_at(v->err, MGE_E_INPUT, v->path, (int)v->rec.line,
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

static int read_header(vreader *v, vheader *h) {
  mge_error *err = v->err;
  int line = (int)v->rec.line;
  if (v->rec.nfields < 2)
    return mge_error_set_at(err, MGE_E_INPUT, v->path, line, 1,
                            "header: T_K|T_C,log10_eta_...[,sigma]");
  if (v->rec.nfields > 3)
    return mge_error_set_at(
        err, MGE_E_INPUT, v->path, line,
        field_col(v->rec.raw, v->rec.raw_len, 3),
        "header: at most 3 columns, T_K|T_C,log10_eta_...[,sigma]");
  h->ncols = v->rec.nfields;
  int col[3];
  for (int j = 0; j < h->ncols; j++) {
    int rc = vfield(v, j, h->name[j], sizeof h->name[j], &col[j]);
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
    return mge_error_set_at(err, MGE_E_INPUT, v->path, line, col[0],
                            "first column must be T_K or T_C");
  const char *b = h->name[1];
  if (strcmp(b, "log10_eta_Pa_s") == 0)
    h->yoff = 0;
  else if (strcmp(b, "log10_eta_dPa_s") == 0 ||
           strcmp(b, "log10_eta_poise") == 0)
    h->yoff = -1; /* 1 Pa s = 10 poise = 10 dPa s */
  else
    return mge_error_set_at(err, MGE_E_INPUT, v->path, line, col[1],
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

static int read_points(vreader *v, mge_csv *r, mge_visc_points *p) {
  vheader h;
  int rc = mge_csv_next(r, -1, &v->rec, v->err);
  if (rc == 0)
    return mge_error_set_at(v->err, MGE_E_INPUT, v->path, 0, 0,
                            "missing header");
  if (rc < 0) return -rc;
  if ((rc = read_header(v, &h))) return rc;
  size_t cap = 0;
  while ((rc = mge_csv_next(r, -1, &v->rec, v->err)) == 1) {
    int line = (int)v->rec.line;
    if (v->rec.nfields != h.ncols)
      return mge_error_set_at(
          v->err, MGE_E_INPUT, v->path, line,
          v->rec.nfields > h.ncols
              ? field_col(v->rec.raw, v->rec.raw_len, h.ncols)
              : 1,
          "expected numbers T,log10_eta%s (%d fields, not %d)",
          h.ncols == 3 ? ",sigma" : "", h.ncols, v->rec.nfields);
    if (p->n >= MAX_POINTS)
      return mge_error_set_at(v->err, MGE_E_LIMIT, v->path, line, 1,
                              "more than %d points", MAX_POINTS);
    if (p->n == cap && (rc = grow(p, &cap, v->err))) return rc;
    double T, y, s = 1;
    if ((rc = vtemperature(v, 0, h.T_unit, h.name[0], &T)) ||
        (rc = vnumber(v, 1, h.name[1], &y)) ||
        (h.ncols == 3 && (rc = vnumber(v, 2, h.name[2], &s))))
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
  FILE *f = fopen(path, "rb");
  if (!f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  comment_filter cf = {f, 1, 0};
  mge_csv *r = mge_csv_new(read_uncommented, &cf, path, MAX_RECORD);
  int rc;
  if (!r) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  } else {
    vreader v = {path, {0}, err};
    rc = read_points(&v, r, out);
  }
  mge_csv_free(r);
  fclose(f);
  if (rc) mge_visc_points_free(out);
  return rc;
}

/* ------------------------------------------------------- temperatures */

int mge_glass_temperatures_parse(const char *text, const char *unit,
                                 double *T_K, int cap, int *n,
                                 mge_error *err) {
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
                              col + (sub.column > 0 ? sub.column - 1 : 0),
                              "%s", sub.message);
    (*n)++;
    s = e ? e + 1 : s + len;
  }
  return 0;
}
