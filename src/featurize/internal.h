/* Internal interfaces of src/featurize (not installed). */
#ifndef MGE_FEATURIZE_INTERNAL_H
#define MGE_FEATURIZE_INTERNAL_H

#include <stddef.h>

#include "mge/chem.h"
#include "mge/featurize.h"

#define FEAT_ALLOY_N 14 /* features of the alloy set */

/* MGE_OK if c satisfies the mge_comp invariants, else MGE_E_INPUT. */
int feat_check_comp(const mge_comp *c, mge_error *err);

/* The 132 magpie features of a valid composition. */
void feat_magpie(const mge_comp *c, double *out);

/* The FEAT_ALLOY_N alloy features of a valid composition. */
int feat_alloy(const mge_comp *c, double *out, mge_error *err);

/* ------------------------------------------------------------ CSV reader
 *
 * A pull reader of RFC 4180 records over a read callback. It keeps the raw
 * bytes of each record (without its line end) and unescapes one chosen field
 * (or all fields, for the header). Memory: one buffer that grows to the
 * longest record (at most max_record bytes) plus the read block. */

/* Read up to cap bytes into dst; return the count, 0 at end of input, or -1
 * on an I/O error. */
typedef long (*feat_read_fn)(void *ctx, char *dst, size_t cap);

typedef struct feat_csv feat_csv;

typedef struct feat_csv_rec {
  const char *raw; /* the record as written, without its line end */
  size_t raw_len;
  long line;   /* line of the record's first character (1-based) */
  int nfields; /* fields in the record */
  /* The wanted field, unescaped and NUL-terminated (want >= 0), or every
   * field (want < 0): field[i] points into the reader, length field_len[i].
   * Valid until the next call. */
  const char *const *field;
  const size_t *field_len;
  int nfield; /* entries in field[]: 1, or nfields when want < 0 */
} feat_csv_rec;

/* A reader; source names the input in errors. NULL on allocation failure. */
feat_csv *feat_csv_new(feat_read_fn read, void *ctx, const char *source,
                       size_t max_record);
void feat_csv_free(feat_csv *r);

/* The next record. want: index of the field to unescape, or -1 for all.
 * A record with fewer fields than want+1 gets an empty wanted field (the
 * caller checks nfields). Returns 1 with *rec filled, 0 at end of input, or
 * a negated mge_status with err filled: -MGE_E_INPUT for malformed CSV (err
 * names source:line:column), -MGE_E_LIMIT for a record over max_record
 * bytes, -MGE_E_IO, -MGE_E_NOMEM. Empty lines are skipped. */
int feat_csv_next(feat_csv *r, int want, feat_csv_rec *rec, mge_error *err);

/* Append s (length n) to a CSV output as one field, quoted if it contains a
 * comma, quote, CR or LF. dst has room for 2 n + 2 bytes. Returns bytes
 * written. */
size_t feat_csv_escape(char *dst, const char *s, size_t n);

#endif
