/* mge featurize: composition -> fixed-length numeric feature vectors, and
 * streaming CSV featurization.
 *
 * A module between the family modules (chem, alloy) and learn: it turns a
 * composition into a named vector of doubles that a regression model can
 * consume, and featurizes CSV files of any length with a bounded amount of
 * memory.
 *
 * Feature sets (docs/featurize.md has the equations and sources):
 *  - MGE_FEATURES_MAGPIE: matminer's ElementProperty.from_preset("magpie")
 *    (Ward et al., npj Comput Mater 2, 16028 (2016)): the 22 Magpie element
 *    properties of mge_magpie_names x 6 statistics (minimum, maximum, range,
 *    mean, avg_dev, mode) = 132 features, named as matminer names them
 *    ("MagpieData minimum Number", ..., "MagpieData mode SpaceGroupNumber"),
 *    property-major. Values in Magpie's own units (see
 *    data/elements/magpie/README.txt). A missing element value makes every
 *    statistic that uses it NaN, as matminer does with impute_nan=False.
 *  - MGE_FEATURES_ALLOY: the descriptors of mge_alloy_describe, with units in
 *    their names ("alloy_dHmix_kJ_mol", ...).
 *  - MGE_FEATURES_ALL: magpie then alloy.
 *
 * Thread safety: an mge_featurizer is immutable after mge_featurizer_new; any
 * number of threads may call mge_featurize_comp / mge_featurize_text on the
 * same featurizer at once (each with its own out and err).
 */
#ifndef MGE_FEATURIZE_H
#define MGE_FEATURIZE_H

#include <stdio.h>

#include "mge/chem.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mge_feature_set {
  MGE_FEATURES_MAGPIE = 1,
  MGE_FEATURES_ALLOY = 2,
  MGE_FEATURES_ALL = 3 /* MAGPIE | ALLOY */
} mge_feature_set;

/* Number of features of the magpie set (22 x 6). */
#define MGE_MAGPIE_FEATURES 132
/* The 6 matminer statistics of the magpie preset, in its order. */
#define MGE_MAGPIE_STATS 6

/* Parse a set name ("magpie", "alloy", "all") into *out. MGE_E_INPUT with the
 * list of valid names if unknown. */
MGE_API int mge_feature_set_parse(const char *name, mge_feature_set *out,
                                  mge_error *err);

/* ------------------------------------------------------------- featurizer */

typedef struct mge_featurizer mge_featurizer;

/* Make a featurizer for a set. *out is owned by the caller (free with
 * mge_featurizer_free). Errors: MGE_E_INPUT for an invalid set, MGE_E_NOMEM. */
MGE_API int mge_featurizer_new(mge_feature_set set, mge_featurizer **out,
                               mge_error *err);

/* Free f; NULL is a no-op. */
MGE_API void mge_featurizer_free(mge_featurizer *f);

/* Number of features (the length of every vector f writes). */
MGE_API int mge_featurizer_count(const mge_featurizer *f);

/* Name of feature i (0 <= i < count), or NULL if out of range. Borrowed;
 * valid as long as f. Names never contain commas, quotes or newlines. */
MGE_API const char *mge_featurizer_name(const mge_featurizer *f, int i);

/* Write the count features of composition c into out[0..count-1]. Features
 * that cannot be computed for c (missing element data) are NaN: that is not
 * an error. Errors: MGE_E_INPUT if c violates the mge_comp invariants. */
MGE_API int mge_featurize_comp(const mge_featurizer *f, const mge_comp *c,
                               double *out, mge_error *err);

/* Parse text with mge_comp_parse (any notation it reads) and featurize it.
 * On a parse error out is left untouched and err holds the parser's message
 * and column. */
MGE_API int mge_featurize_text(const mge_featurizer *f, const char *text,
                               double *out, mge_error *err);

/* The 132 magpie features of c (matminer order) into out. Same as a magpie
 * featurizer, without one. */
MGE_API int mge_magpie_features(const mge_comp *c,
                                double out[MGE_MAGPIE_FEATURES],
                                mge_error *err);

/* matminer's PropertyStats for one property over n elements (Ward 2016;
 * matminer.featurizers.utils.stats). v[i] is the property value of element i
 * (NaN if missing), a[i] > 0 its amount (any scale: raw formula amounts or
 * mole fractions). Writes out[0..5] = minimum, maximum, range (max - min),
 * mean = sum(a v) / sum(a), avg_dev = sum(a |v - mean|) / sum(a), and mode =
 * the smallest v among the elements whose amount is the largest (ties as
 * numpy.isclose(a, max(a)): |a_i - a_max| <= 1e-8 + 1e-5 a_max). Any NaN
 * among the values a statistic uses makes it NaN. */
MGE_API void mge_property_stats(const double *v, const double *a, int n,
                                double out[MGE_MAGPIE_STATS]);

/* --------------------------------------------------------- number format */

/* Write v as printf("%.*g", digits, v) would (digits 1..17; values outside
 * are clamped), but several times faster: buf needs 32 bytes. NaN is "nan",
 * infinities "inf"/"-inf". Returns the length written (NUL-terminated). */
MGE_API int mge_format_g(double v, int digits, char *buf);

/* ---------------------------------------------------------- CSV streaming */

typedef struct mge_featurize_csv_opts {
  const char *column;  /* header name of the composition column (required) */
  mge_feature_set set; /* default MGE_FEATURES_MAGPIE */
  int threads;         /* worker threads, 1..256; default 1 */
  int digits;          /* significant digits of the values, 1..17; 10 */
  int chunk_rows;      /* rows per chunk of the pipeline; default 2048 */
  size_t max_record;   /* longest record accepted, bytes; default 1 MiB */
} mge_featurize_csv_opts;

/* Fill o with the defaults above (column NULL). */
MGE_API void mge_featurize_csv_opts_init(mge_featurize_csv_opts *o);

typedef struct mge_featurize_csv_stats {
  long long rows;        /* data rows written */
  long long rows_failed; /* rows whose composition did not parse */
} mge_featurize_csv_stats;

/* Featurize a CSV stream (RFC 4180: comma separator, fields optionally in
 * double quotes, "" for a quote inside a quoted field, embedded commas and
 * newlines in quoted fields, LF, CRLF or CR line ends; a header record is
 * required; empty lines are skipped; a UTF-8 byte-order mark before the
 * header is ignored for the column lookup).
 *
 * Writes to out the header followed by the feature names and "error", then
 * for every input record, in input order, the record as it was written
 * (quoting kept) followed by its features and the error column. A record
 * whose composition does not parse gets empty feature fields and the
 * parser's message in "error"; it never stops the stream. NaN features are
 * written "NaN". Lines end with "\n".
 *
 * Memory is bounded by (2 threads + 2) chunks of chunk_rows records whatever
 * the length of the stream. With threads > 1 a reader, `threads` workers and
 * an ordered writer run concurrently; the output is byte-identical for any
 * thread count.
 *
 * in_name names the input in error messages (NULL: "<stdin>"). Errors
 * (the rows before the error have been written): MGE_E_INPUT with
 * in_name:line:column for malformed CSV (a quote inside an unquoted field,
 * text after a closing quote, an unterminated quoted field, a record whose
 * field count differs from the header's, no header, the column not in the
 * header); MGE_E_LIMIT for a record longer than max_record; MGE_E_IO for a
 * read or write failure; MGE_E_NOMEM. stats may be NULL. in and out are
 * borrowed and left open. */
MGE_API int mge_featurize_csv(FILE *in, const char *in_name, FILE *out,
                              const mge_featurize_csv_opts *opts,
                              mge_featurize_csv_stats *stats, mge_error *err);

#ifdef __cplusplus
}
#endif
#endif
