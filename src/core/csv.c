/* A streaming RFC 4180 reader (include/mge/csv.h).
 *
 * Records are scanned in place in one buffer; when a record runs past the
 * data read so far, the unread tail is moved to the front, more is read, and
 * the record is scanned again from its start. Each record is thus scanned
 * about once, and the buffer never holds more than one record beyond the
 * read block.
 */
#include "mge/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_BLOCK (1u << 20) /* bytes read at a time */

struct mge_csv {
  mge_csv_read_fn read;
  void *ctx;
  char source[MGE_ERROR_SOURCE_MAX];
  size_t max_record;
  char *buf;
  size_t cap, start, end; /* unconsumed data is buf[start..end) */
  int eof;
  long line;  /* line of buf[start] */
  char *fbuf; /* unescaped fields, each NUL-terminated */
  size_t fcap, flen;
  size_t *foff, *fsz; /* offset and length of each field in fbuf */
  const char **fptr;
  int nfcap;
};

mge_csv *mge_csv_new(mge_csv_read_fn read, void *ctx, const char *source,
                     size_t max_record) {
  mge_csv *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->read = read;
  r->ctx = ctx;
  snprintf(r->source, sizeof r->source, "%s", source ? source : "<input>");
  r->max_record = max_record ? max_record : (1u << 20);
  r->cap = CSV_BLOCK;
  r->buf = malloc(r->cap);
  r->fcap = 256;
  r->fbuf = malloc(r->fcap);
  r->line = 1;
  if (!r->buf || !r->fbuf) {
    mge_csv_free(r);
    return NULL;
  }
  return r;
}

void mge_csv_free(mge_csv *r) {
  if (!r) return;
  free(r->buf);
  free(r->fbuf);
  free(r->foff);
  free(r->fsz);
  free(r->fptr);
  free(r);
}

/* Room for n more bytes of unescaped field text. */
static int fbuf_reserve(mge_csv *r, size_t n) {
  if (r->flen + n <= r->fcap) return 0;
  size_t cap = r->fcap;
  while (cap < r->flen + n) cap *= 2;
  char *b = realloc(r->fbuf, cap);
  if (!b) return -1;
  r->fbuf = b;
  r->fcap = cap;
  return 0;
}

static int field_slot(mge_csv *r, int i) {
  if (i < r->nfcap) return 0;
  int n = r->nfcap ? 2 * r->nfcap : 16;
  while (n <= i) n *= 2;
  size_t *o = realloc(r->foff, (size_t)n * sizeof *o);
  if (o) r->foff = o;
  size_t *s = realloc(r->fsz, (size_t)n * sizeof *s);
  if (s) r->fsz = s;
  const char **p = realloc(r->fptr, (size_t)n * sizeof *p);
  if (p) r->fptr = p;
  if (!o || !s || !p) return -1;
  r->nfcap = n;
  return 0;
}

enum { SCAN_DONE = 1, SCAN_MORE = 0 };

/* Read more input; the unconsumed tail moves to the front. */
static int refill(mge_csv *r, mge_error *err) {
  size_t have = r->end - r->start;
  if (have > r->max_record)
    return -mge_error_set_at(err, MGE_E_LIMIT, r->source, (int)r->line, 1,
                             "record longer than %zu bytes (a quote left "
                             "open?)",
                             r->max_record);
  if (r->start > 0) {
    memmove(r->buf, r->buf + r->start, have);
    r->start = 0;
    r->end = have;
  }
  if (r->cap - r->end < CSV_BLOCK / 4) {
    size_t cap = r->cap * 2;
    char *b = realloc(r->buf, cap);
    if (!b) return -mge_error_set(err, MGE_E_NOMEM, "out of memory");
    r->buf = b;
    r->cap = cap;
  }
  errno = 0;
  long got = r->read(r->ctx, r->buf + r->end, r->cap - r->end);
  if (got < 0 && errno == EISDIR) /* a folder given as the input file */
    return -mge_error_set_at(err, MGE_E_INPUT, r->source, 0, 0,
                             "is a directory, not a file");
  if (got < 0)
    return -mge_error_set_at(err, MGE_E_IO, r->source, (int)r->line, 0,
                             "read failed");
  if (got == 0) r->eof = 1;
  r->end += (size_t)got;
  return 0;
}

static int bad(mge_csv *r, mge_error *err, long line, size_t col,
               const char *what) {
  return -mge_error_set_at(err, MGE_E_INPUT, r->source, (int)line, (int)col,
                           "malformed CSV: %s", what);
}

/* Scan one record at buf[start..end). Returns SCAN_DONE, SCAN_MORE (the
 * record is not complete and input remains), or a negative status. */
static int scan(mge_csv *r, int want, mge_csv_rec *rec, mge_error *err) {
  const char *b = r->buf;
  size_t p = r->start, end = r->end, ls = p; /* ls: start of current line */
  long line = r->line;
  int f = 0;
  r->flen = 0;
  if (field_slot(r, 0))
    return -mge_error_set(err, MGE_E_NOMEM, "out of memory");
  for (;;) { /* one field per turn */
    int keep = want < 0 || f == want;
    size_t fstart = r->flen;
    if (keep && field_slot(r, want < 0 ? f : 0))
      return -mge_error_set(err, MGE_E_NOMEM, "out of memory");
    if (p < end && b[p] == '"') {
      long qline = line;
      size_t qcol = p - ls + 1;
      p++;
      for (;;) {
        size_t q = p;
        while (q < end && b[q] != '"') {
          if (b[q] == '\n') line++, ls = q + 1;
          q++;
        }
        if (keep) {
          if (fbuf_reserve(r, q - p + 2))
            return -mge_error_set(err, MGE_E_NOMEM, "out of memory");
          memcpy(r->fbuf + r->flen, b + p, q - p);
          r->flen += q - p;
        }
        if (q == end) {
          if (!r->eof) return SCAN_MORE;
          return bad(r, err, qline, qcol, "quoted field not closed");
        }
        if (q + 1 == end && !r->eof) return SCAN_MORE;
        if (q + 1 < end && b[q + 1] == '"') { /* "" is one quote */
          if (keep) r->fbuf[r->flen++] = '"';
          p = q + 2;
          continue;
        }
        p = q + 1;
        break;
      }
      if (p < end && b[p] != ',' && b[p] != '\n' && b[p] != '\r')
        return bad(r, err, line, p - ls + 1,
                   "text after the closing quote of a field");
    } else {
      size_t q = p;
      while (q < end && b[q] != ',' && b[q] != '\n' && b[q] != '\r') {
        if (b[q] == '"')
          return bad(r, err, line, q - ls + 1,
                     "quote inside an unquoted field (quote the field and "
                     "double the quote)");
        q++;
      }
      if (q == end && !r->eof) return SCAN_MORE;
      if (keep) {
        if (fbuf_reserve(r, q - p + 1))
          return -mge_error_set(err, MGE_E_NOMEM, "out of memory");
        memcpy(r->fbuf + r->flen, b + p, q - p);
        r->flen += q - p;
      }
      p = q;
    }
    if (keep) {
      int slot = want < 0 ? f : 0;
      r->fbuf[r->flen] = 0;
      r->foff[slot] = fstart;
      r->fsz[slot] = r->flen - fstart;
      r->flen++;
    }
    f++;
    if (p < end && b[p] == ',') {
      p++;
      if (f > 1000000)
        return -mge_error_set_at(err, MGE_E_LIMIT, r->source, (int)line,
                                 (int)(p - ls), "more than 1000000 fields");
      continue;
    }
    /* End of record: a line end or the end of input. */
    size_t rend = p;
    if (p < end && b[p] == '\r') {
      if (p + 1 == end && !r->eof) return SCAN_MORE;
      p += (p + 1 < end && b[p + 1] == '\n') ? 2 : 1;
      line++;
    } else if (p < end) { /* '\n' */
      p++;
      line++;
    }
    if (rend - r->start > r->max_record)
      return -mge_error_set_at(err, MGE_E_LIMIT, r->source, (int)r->line, 1,
                               "record longer than %zu bytes", r->max_record);
    rec->raw = b + r->start;
    rec->raw_len = rend - r->start;
    rec->line = r->line;
    rec->nfields = f;
    r->start = p;
    r->line = line;
    break;
  }
  /* A record shorter than want+1 fields: the wanted field is empty. */
  if (want >= 0 && f <= want) {
    if (fbuf_reserve(r, 1))
      return -mge_error_set(err, MGE_E_NOMEM, "out of memory");
    r->foff[0] = r->flen;
    r->fsz[0] = 0;
    r->fbuf[r->flen++] = 0;
  }
  int n = want < 0 ? f : 1;
  for (int i = 0; i < n; i++) r->fptr[i] = r->fbuf + r->foff[i];
  rec->field = r->fptr;
  rec->field_len = r->fsz;
  rec->nfield = n;
  return SCAN_DONE;
}

int mge_csv_next(mge_csv *r, int want, mge_csv_rec *rec, mge_error *err) {
  for (;;) {
    /* Skip empty lines. */
    while (r->start < r->end &&
           (r->buf[r->start] == '\n' || r->buf[r->start] == '\r')) {
      if (r->buf[r->start] == '\r' && r->start + 1 == r->end && !r->eof)
        break; /* a CR at the end of the block: is an LF next? */
      if (r->buf[r->start] == '\r' && r->start + 1 < r->end &&
          r->buf[r->start + 1] == '\n')
        r->start++;
      r->start++;
      r->line++;
    }
    if (r->start == r->end ||
        (r->buf[r->start] == '\r' && r->start + 1 == r->end && !r->eof)) {
      if (r->eof) return 0;
      int rc = refill(r, err);
      if (rc) return rc;
      continue;
    }
    int rc = scan(r, want, rec, err);
    if (rc != SCAN_MORE) return rc;
    if (r->eof) /* scan never asks for more at end of input */
      return -mge_error_set(err, MGE_E_INTERNAL, "CSV reader stalled");
    rc = refill(r, err);
    if (rc) return rc;
  }
}

size_t mge_csv_escape(char *dst, const char *s, size_t n) {
  int quote = 0;
  for (size_t i = 0; i < n && !quote; i++)
    quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
  if (!quote) {
    memcpy(dst, s, n);
    return n;
  }
  char *p = dst;
  *p++ = '"';
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"') *p++ = '"';
    *p++ = s[i];
  }
  *p++ = '"';
  return (size_t)(p - dst);
}
