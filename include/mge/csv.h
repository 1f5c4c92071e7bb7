/* mge csv: the one RFC 4180 reader of the library, used by the featurizer,
 * the datasets of learn, and every module that reads a CSV file.
 *
 * Two levels:
 * - a streaming pull reader (mge_csv) over a read callback: it keeps the raw
 *   bytes of each record (without its line end) and unescapes one chosen
 *   field, or all fields. Memory: one buffer that grows to the longest record
 *   (at most max_record bytes) plus the read block. For files of any size.
 * - a whole table in memory as strings (mge_csv_table), with the line of
 *   each record, for the small files (thousands of rows) of datasets, batch
 *   conditions and measurements.
 *
 * Errors name the source, line and column. Empty lines are skipped. A UTF-8
 * byte-order mark before the header is dropped by the table reader.
 *
 * Thread safety: a reader or table is used by one thread at a time;
 * different ones are independent.
 */
#ifndef MGE_CSV_H
#define MGE_CSV_H

#include <stddef.h>

#include "mge/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Read up to cap bytes into dst; return the count, 0 at end of input, or -1
 * on an I/O error. */
typedef long (*mge_csv_read_fn)(void *ctx, char *dst, size_t cap);

/* A read callback over a stdio stream: ctx is a FILE *. */
MGE_API long mge_csv_read_stdio(void *ctx, char *dst, size_t cap);

typedef struct mge_csv mge_csv;

typedef struct mge_csv_rec {
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
} mge_csv_rec;

/* A reader; source names the input in errors (copied). max_record bounds
 * one record in bytes (0: 1 MiB). NULL on allocation failure. */
MGE_API mge_csv *mge_csv_new(mge_csv_read_fn read, void *ctx,
                             const char *source, size_t max_record);
MGE_API void mge_csv_free(mge_csv *r);

/* The next record. want: index of the field to unescape, or -1 for all.
 * A record with fewer fields than want+1 gets an empty wanted field (the
 * caller checks nfields). Returns 1 with *rec filled, 0 at end of input, or
 * a negated mge_status with err filled: -MGE_E_INPUT for malformed CSV (err
 * names source:line:column), -MGE_E_LIMIT for a record over max_record
 * bytes, -MGE_E_IO, -MGE_E_NOMEM. */
MGE_API int mge_csv_next(mge_csv *r, int want, mge_csv_rec *rec,
                         mge_error *err);

/* Append s (length n) to a CSV output as one field, quoted if it contains a
 * comma, quote, CR or LF. dst has room for 2 n + 2 bytes. Returns bytes
 * written. */
MGE_API size_t mge_csv_escape(char *dst, const char *s, size_t n);

/* ------------------------------------------------------------ tables */

typedef struct mge_csv_table {
  size_t ncols, nrows;
  char **header; /* ncols names */
  char **cell;   /* nrows x ncols strings, row-major */
  long *line;    /* nrows: line of each record in the file */
} mge_csv_table;

/* Read the CSV file at path: a header line, then records with as many
 * fields as the header (a record with another count is MGE_E_INPUT naming
 * its line). Records of at most 1 MiB. On failure *t is empty and err says
 * why: MGE_E_INPUT (malformed, empty file, "cannot open" a missing or
 * unreadable file: bad input), MGE_E_NOMEM, MGE_E_IO (a read error). */
MGE_API int mge_csv_table_read(const char *path, mge_csv_table *t,
                               mge_error *err);

/* Free the table's memory and empty it. NULL does nothing. */
MGE_API void mge_csv_table_free(mge_csv_table *t);

/* Index of the column named name (exact match), or -1. */
MGE_API int mge_csv_table_col(const mge_csv_table *t, const char *name);

/* The cell at row, col (both in range; not checked). */
static inline const char *mge_csv_table_cell(const mge_csv_table *t, size_t row,
                                             size_t col) {
  return t->cell[row * t->ncols + col];
}

#ifdef __cplusplus
}
#endif

#endif
