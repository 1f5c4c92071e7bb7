/* CSV input of the composite module: the core RFC 4180 reader (mge/csv.h)
 * over a file whose '#' comment lines and blank lines read as empty lines
 * (the lamina library, allowables test data). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "composite/internal.h"

/* The read callback: copies the file, blanking comment lines and lines of
 * blanks outside quoted fields. Blanks at the start of a line are held
 * until the line is known to hold more than blanks. */
static long csv_read(void *ctx, char *dst, size_t cap) {
  cmp_csv *c = ctx;
  size_t k = 0;
  while (k < cap) {
    if (c->pos == c->len) {
      if (k > 0) break;
      c->len = fread(c->buf, 1, sizeof c->buf, c->f);
      c->pos = 0;
      if (c->len == 0) return ferror(c->f) ? -1 : 0;
      if (c->start) {
        c->start = 0;
        if (c->len >= 3 && memcmp(c->buf, "\xEF\xBB\xBF", 3) == 0) c->pos = 3;
        continue;
      }
    }
    char ch = c->buf[c->pos];
    if (ch == 0) {
      c->nul_line = c->line;
      c->nul_col = c->col;
      return -1;
    }
    if (c->comment) {
      if (ch != '\n' && ch != '\r') {
        c->pos++, c->col++;
        continue;
      }
      c->comment = 0;
    } else if (c->bol && !c->quote && ch != '\n' && ch != '\r') {
      if (ch == ' ' || ch == '\t') {
        c->blanks++, c->pos++, c->col++;
        continue;
      }
      if (ch == '#') {
        c->comment = 1, c->blanks = 0, c->bol = 0;
        c->pos++, c->col++;
        continue;
      }
      size_t m = c->blanks < cap - k ? c->blanks : cap - k;
      memset(dst + k, ' ', m);
      k += m;
      c->blanks -= m;
      if (c->blanks) break;
      c->bol = 0;
      if (k == cap) break;
    }
    if (ch == '\n' || ch == '\r') c->blanks = 0; /* a line of blanks */
    dst[k++] = ch;
    c->pos++;
    if (ch == '"') c->quote = !c->quote;
    if (ch == '\n') {
      c->line++, c->col = 1;
      if (!c->quote) c->bol = 1;
    } else {
      c->col++;
      if (ch == '\r' && !c->quote) c->bol = 1;
    }
  }
  return (long)k;
}

int cmp_csv_open(cmp_csv *c, const char *path, size_t max_record,
                 mge_error *err) {
  memset(c, 0, sizeof *c);
  c->bol = c->start = 1;
  c->line = c->col = 1;
  int std = strcmp(path, "-") == 0;
  c->f = std ? stdin : fopen(path, "rb");
  if (!c->f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  c->r = mge_csv_new(csv_read, c, std ? "<stdin>" : path, max_record);
  if (!c->r) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  return MGE_OK;
}

int cmp_csv_next(cmp_csv *c, int want, mge_csv_rec *rec, mge_error *err) {
  int rc = mge_csv_next(c->r, want, rec, err);
  if (rc == -MGE_E_IO && c->nul_line > 0) {
    char src[MGE_ERROR_SOURCE_MAX];
    snprintf(src, sizeof src, "%s", err ? err->source : "");
    mge_error_set_at(err, MGE_E_INPUT, src, (int)c->nul_line, (int)c->nul_col,
                     "NUL byte in a text file");
    return -MGE_E_INPUT;
  }
  return rc;
}

void cmp_csv_close(cmp_csv *c) {
  mge_csv_free(c->r);
  if (c->f && c->f != stdin) fclose(c->f);
  c->r = NULL;
  c->f = NULL;
}

void cmp_csv_field_pos(const mge_csv_rec *rec, int i, int *line, int *col) {
  long ln = rec->line;
  size_t ls = 0, p = 0;
  int f = 0, q = 0;
  for (; p < rec->raw_len && f < i; p++) {
    char ch = rec->raw[p];
    if (ch == '"')
      q = !q;
    else if (ch == '\n')
      ln++, ls = p + 1;
    else if (ch == ',' && !q)
      f++;
  }
  *line = (int)ln;
  *col = (int)(p - ls) + 1;
}
