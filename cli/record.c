/* The record writer (cli/record.h): one result, as JSON, CSV or a table. */
#include "record.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum kind {
  K_NUM,
  K_INT,
  K_STR,
  K_BOOL,
  K_NULL,
  K_BEGIN,
  K_ARR,
  K_END
} kind;

/* The deepest nesting of sub-records and arrays the renderers follow. */
#define MAX_DEPTH 32

typedef struct field {
  const char *name;
  const char *unit;
  kind k;
  double num;
  long long i;
  const char *s;
  const char *fmt;
} field;

struct cli_record {
  field *f;
  size_t n, cap;
  int failed;
};

cli_record *cli_rec_new(void) {
  return calloc(1, sizeof(cli_record));
}

void cli_rec_free(cli_record *r) {
  if (!r) return;
  free(r->f);
  free(r);
}

void cli_rec_clear(cli_record *r) {
  if (!r) return;
  r->n = 0;
  r->failed = 0;
}

int cli_rec_failed(const cli_record *r) {
  return !r || r->failed;
}

static field *add(cli_record *r, const char *name, kind k) {
  if (!r) return NULL;
  if (r->n == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 32;
    field *f = realloc(r->f, cap * sizeof *f);
    if (!f) {
      r->failed = 1;
      return NULL;
    }
    r->f = f;
    r->cap = cap;
  }
  field *f = &r->f[r->n++];
  memset(f, 0, sizeof *f);
  f->name = name;
  f->k = k;
  return f;
}

void cli_rec_num(cli_record *r, const char *name, const char *unit, double v) {
  field *f = add(r, name, K_NUM);
  if (f) {
    f->unit = unit;
    f->num = v;
  }
}

void cli_rec_int(cli_record *r, const char *name, long long v) {
  field *f = add(r, name, K_INT);
  if (f) f->i = v;
}

void cli_rec_str(cli_record *r, const char *name, const char *s) {
  field *f = add(r, name, s ? K_STR : K_NULL);
  if (f) f->s = s;
}

void cli_rec_bool(cli_record *r, const char *name, int v) {
  field *f = add(r, name, K_BOOL);
  if (f) f->i = v != 0;
}

void cli_rec_null(cli_record *r, const char *name) {
  add(r, name, K_NULL);
}

void cli_rec_begin(cli_record *r, const char *name) {
  add(r, name, K_BEGIN);
}

void cli_rec_arr_begin(cli_record *r, const char *name) {
  add(r, name, K_ARR);
}

void cli_rec_end(cli_record *r) {
  add(r, NULL, K_END);
}

void cli_rec_arr_end(cli_record *r) {
  add(r, NULL, K_END);
}

void cli_rec_fmt(cli_record *r, const char *fmt) {
  if (r && !r->failed && r->n && r->f[r->n - 1].k != K_END)
    r->f[r->n - 1].fmt = fmt;
}

static int opens(const field *f) {
  return f->k == K_BEGIN || f->k == K_ARR;
}

/* The index just past the field at i (past its sub-record or array). */
static size_t skip(const cli_record *r, size_t i) {
  if (!opens(&r->f[i])) return i + 1;
  int depth = 0;
  for (; i < r->n; i++) {
    depth += opens(&r->f[i]) ? 1 : r->f[i].k == K_END ? -1 : 0;
    if (!depth) return i + 1;
  }
  return r->n;
}

/* The top-level array called name, as the range (*lo, *hi) of its
 * contents; 0 when there is none. */
static int array_of(const cli_record *r, const char *name, size_t *lo,
                    size_t *hi) {
  if (cli_rec_failed(r)) return 0;
  for (size_t i = 0; i < r->n; i = skip(r, i))
    if (r->f[i].k == K_ARR && r->f[i].name && !strcmp(r->f[i].name, name)) {
      *lo = i + 1;
      *hi = skip(r, i) - 1;
      return 1;
    }
  return 0;
}

size_t cli_rec_len(const cli_record *r, const char *array) {
  size_t lo, hi, n = 0;
  if (!array_of(r, array, &lo, &hi)) return 0;
  for (size_t i = lo; i < hi; i = skip(r, i)) n++;
  return n;
}

int cli_rec_elem(const cli_record *r, const char *array, size_t k,
                 cli_record *out) {
  size_t lo, hi;
  cli_rec_clear(out);
  if (!out || !array_of(r, array, &lo, &hi)) return 0;
  for (size_t i = lo; i < hi; i = skip(r, i)) {
    if (k--) continue;
    size_t a = i, b = skip(r, i);
    if (r->f[i].k == K_BEGIN) { /* an object: its fields */
      a++;
      b--;
    }
    for (size_t q = a; q < b; q++) {
      field *f = add(out, r->f[q].name, r->f[q].k);
      if (f) *f = r->f[q];
    }
    if (r->f[i].k != K_BEGIN && out->n) out->f[0].name = array;
    return !out->failed;
  }
  return 0;
}

/* ---------------------------------------------------------------- JSON */

static void json_value(cli_json *j, const field *f) {
  switch (f->k) {
    case K_NUM: cli_json_num(j, f->num); break;
    case K_INT: cli_json_int(j, f->i); break;
    case K_STR: cli_json_str(j, f->s); break;
    case K_BOOL: cli_json_bool(j, (int)f->i); break;
    case K_NULL: cli_json_null(j); break;
    case K_BEGIN:
    case K_ARR:
    case K_END: break;
  }
}

void cli_rec_json(cli_json *j, const cli_record *r) {
  if (cli_rec_failed(r)) return;
  char arr[MAX_DEPTH + 1] = {0}; /* arr[d]: depth d is an array */
  int d = 0;
  cli_json_obj_begin(j);
  for (size_t i = 0; i < r->n; i++) {
    const field *f = &r->f[i];
    if (f->k == K_END) {
      if (d == 0) break;
      if (arr[d--])
        cli_json_arr_end(j);
      else
        cli_json_obj_end(j);
      continue;
    }
    if (!arr[d]) cli_json_key(j, f->name);
    if (opens(f)) {
      if (d == MAX_DEPTH) { /* too deep: null, and its contents skipped */
        cli_json_null(j);
        i = skip(r, i) - 1;
        continue;
      }
      arr[++d] = f->k == K_ARR;
      if (arr[d])
        cli_json_arr_begin(j);
      else
        cli_json_obj_begin(j);
    } else {
      json_value(j, f);
    }
  }
  cli_json_obj_end(j);
}

void cli_rec_json_units(cli_json *j, const cli_record *r) {
  if (cli_rec_failed(r)) return;
  cli_json_obj_begin(j);
  for (size_t i = 0; i < r->n; i++) {
    const field *f = &r->f[i];
    if (f->k == K_ARR) i = skip(r, i) - 1; /* arrays are left out */
    if (f->k == K_BEGIN || f->k == K_ARR || f->k == K_END) continue;
    cli_json_key(j, f->name);
    cli_json_obj_begin(j);
    cli_json_key(j, "value");
    json_value(j, f);
    cli_json_key(j, "unit");
    cli_json_str(j, f->unit ? f->unit : "");
    cli_json_obj_end(j);
  }
  cli_json_obj_end(j);
}

/* ----------------------------------------------------------------- CSV */

/* One CSV line of r: the header (head) or the values. */
static void csv_line(FILE *f, const cli_record *r, int head) {
  if (cli_rec_failed(r)) return;
  int first = 1;
  for (size_t i = 0; i < r->n; i++) {
    const field *x = &r->f[i];
    if (x->k == K_ARR) i = skip(r, i) - 1; /* arrays are left out */
    if (x->k == K_BEGIN || x->k == K_ARR || x->k == K_END) continue;
    if (!first) fputc(',', f);
    first = 0;
    if (head && x->unit && x->unit[0]) {
      char h[256];
      snprintf(h, sizeof h, "%s [%s]", x->name, x->unit);
      cli_csv_field(f, h);
    } else if (head) {
      cli_csv_field(f, x->name);
    } else if (x->k == K_NUM) {
      if (isfinite(x->num)) fprintf(f, x->fmt ? x->fmt : "%.17g", x->num);
    } else if (x->k == K_INT) {
      fprintf(f, x->fmt ? x->fmt : "%lld", x->i);
    } else if (x->k == K_BOOL) {
      fprintf(f, "%lld", x->i);
    } else if (x->k == K_STR) {
      cli_csv_field(f, x->s);
    }
  }
  fputc('\n', f);
}

void cli_rec_csv_head(FILE *f, const cli_record *r) {
  csv_line(f, r, 1);
}

void cli_rec_csv_row(FILE *f, const cli_record *r) {
  csv_line(f, r, 0);
}

/* --------------------------------------------------------------- table */

/* The first field (fields: a sub-record or array when open) called the
 * len characters of name in r->f[lo..hi), at any depth outside arrays. */
static const field *find(const cli_record *r, size_t lo, size_t hi,
                         const char *name, size_t len, int open) {
  for (size_t i = lo; i < hi; i++) {
    const field *x = &r->f[i];
    if (x->name && x->k != K_END && opens(x) == open &&
        strlen(x->name) == len && !strncmp(x->name, name, len))
      return x;
    if (x->k == K_ARR) i = skip(r, i) - 1; /* not inside arrays */
  }
  return NULL;
}

/* The field name in r->f[lo..hi), or else, for a name "a.b", the field b
 * of the sub-record a. */
static const field *lookup_in(const cli_record *r, size_t lo, size_t hi,
                              const char *name) {
  const field *x = find(r, lo, hi, name, strlen(name), 0);
  const char *dot = strchr(name, '.');
  if (x || !dot) return x;
  const field *sub = find(r, lo, hi, name, (size_t)(dot - name), 1);
  if (!sub || sub->k != K_BEGIN) return NULL;
  size_t at = (size_t)(sub - r->f);
  return lookup_in(r, at + 1, skip(r, at) - 1, dot + 1);
}

static const field *lookup(const cli_record *r, const char *name) {
  return lookup_in(r, 0, r->n, name);
}

double cli_rec_get_num(const cli_record *r, const char *name) {
  const field *x = cli_rec_failed(r) ? NULL : lookup(r, name);
  if (!x) return NAN;
  return x->k == K_NUM ? x->num : x->k == K_INT ? (double)x->i : NAN;
}

const char *cli_rec_get_str(const cli_record *r, const char *name) {
  const field *x = cli_rec_failed(r) ? NULL : lookup(r, name);
  return x && x->k == K_STR ? x->s : NULL;
}

/* The text of a field in a table; NULL when it is unknown. */
static const char *text_of(const field *x, const char *fmt, char *b,
                           size_t cap) {
  if (!x) return NULL;
  switch (x->k) {
    case K_NUM:
      if (isnan(x->num)) return NULL;
      snprintf(b, cap, fmt ? fmt : x->fmt ? x->fmt : "%.6g", x->num);
      return b;
    case K_INT:
      snprintf(b, cap, fmt ? fmt : x->fmt ? x->fmt : "%lld", x->i);
      return b;
    case K_STR: return x->s;
    case K_BOOL: return x->i ? "yes" : "no";
    default: return NULL;
  }
}

static void cell(FILE *f, const cli_rec_col *c, size_t k, const char *s) {
  int gap = c->gap > 0 ? c->gap : k > 0;
  if (gap) fprintf(f, "%*s", gap, "");
  if (c->width == 0)
    fputs(s, f);
  else
    fprintf(f, "%*s", c->width, s);
}

void cli_rec_table_head(FILE *f, const cli_rec_col *c, size_t n,
                        const char *const *heads) {
  for (size_t k = 0; k < n; k++)
    cell(f, &c[k], k, heads ? heads[k] : c[k].head);
  fputc('\n', f);
}

void cli_rec_table_row(FILE *f, const cli_rec_col *c, size_t n,
                       const cli_record *r) {
  if (cli_rec_failed(r)) return;
  for (size_t k = 0; k < n; k++) {
    char b[64];
    const char *s = text_of(lookup(r, c[k].name), c[k].fmt, b, sizeof b);
    cell(f, &c[k], k, s ? s : c[k].unknown ? c[k].unknown : "-");
  }
  fputc('\n', f);
}

void cli_rec_rows_begin(cli_rec_rows *w, FILE *f, int json,
                        const cli_rec_col *cols, size_t ncols) {
  w->f = f;
  w->json = json;
  w->cols = cols;
  w->ncols = ncols;
  if (json) {
    cli_json_init(&w->j, f, 1);
    cli_json_arr_begin(&w->j);
  } else {
    cli_rec_table_head(f, cols, ncols, NULL);
  }
}

void cli_rec_rows_add(cli_rec_rows *w, const cli_record *r) {
  if (w->json)
    cli_rec_json(&w->j, r);
  else
    cli_rec_table_row(w->f, w->cols, w->ncols, r);
}

void cli_rec_rows_end(cli_rec_rows *w) {
  if (!w->json) return;
  cli_json_arr_end(&w->j);
  cli_json_end(&w->j);
}

void cli_rec_list(FILE *f, const cli_record *r, const char *const *labels,
                  int label_w, int value_w, const char *fmt,
                  const char *unknown) {
  if (cli_rec_failed(r)) return;
  int depth = 0;
  for (size_t i = 0, row = 0; i < r->n; i++) {
    const field *x = &r->f[i];
    depth += opens(x) ? 1 : x->k == K_END ? -1 : 0;
    if (depth || opens(x) || x->k == K_END) continue;
    char b[64];
    const char *s;
    if (x->k == K_NUM && isinf(x->num))
      s = x->num > 0 ? "inf" : "-inf";
    else
      s = text_of(x, fmt, b, sizeof b);
    const char *label = labels && labels[row] ? labels[row] : x->name;
    row++;
    fprintf(f, "  %-*s %*s", label_w, label, value_w,
            s         ? s
            : unknown ? unknown
                      : "-");
    if (x->unit && strcmp(x->unit, "1") != 0) fprintf(f, "  %s", x->unit);
    fputc('\n', f);
  }
}
