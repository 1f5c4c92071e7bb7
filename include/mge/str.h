/* mge str: the one string builder of the library (after SQLite's
 * sqlite3_str). Text is appended to a growing, always NUL-terminated buffer;
 * the first allocation failure puts the builder in an error state in which
 * every later append does nothing, so a caller appends freely and checks
 * once, at the end.
 *
 *   mge_str *b = mge_str_new();
 *   mge_str_printf(b, "<svg width=\"%g\">", w);
 *   mge_str_append(b, "</svg>\n", 7);
 *   if (mge_str_errcode(b)) ... ;       optional: finish returns NULL too
 *   char *text = mge_str_finish(b);     the caller frees text
 *
 * A NULL builder (mge_str_new out of memory) behaves as one in the error
 * state: appends do nothing, mge_str_errcode gives MGE_E_NOMEM and
 * mge_str_finish gives NULL. Lengths are in bytes, without the NUL.
 *
 * Thread safety: a builder is used by one thread at a time; builders are
 * independent of each other.
 */
#ifndef MGE_STR_H
#define MGE_STR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "mge/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mge_str mge_str;

/* A new, empty builder; NULL when out of memory (see above). */
MGE_API mge_str *mge_str_new(void);

/* Append n bytes of text (which may hold NULs; text may be NULL when n is
 * 0). text must not point into the builder's own buffer. */
MGE_API void mge_str_append(mge_str *b, const char *text, size_t n);

/* Append a NUL-terminated string; NULL appends nothing. */
MGE_API void mge_str_appendall(mge_str *b, const char *text);

/* Append the character c n times. */
MGE_API void mge_str_appendchar(mge_str *b, size_t n, char c);

/* Append printf-formatted text. A format error (vsnprintf < 0) sets the
 * error state MGE_E_INPUT. */
MGE_API void mge_str_printf(mge_str *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
MGE_API void mge_str_vprintf(mge_str *b, const char *fmt, va_list ap);

/* Bytes appended so far (0 for NULL or after an error). */
MGE_API size_t mge_str_length(const mge_str *b);

/* The text so far, NUL-terminated, owned by the builder and valid until the
 * next call that changes it; "" for NULL or after an error. */
MGE_API const char *mge_str_value(const mge_str *b);

/* MGE_OK, or the error that stopped the builder: MGE_E_NOMEM (allocation
 * failed, or the text would pass SIZE_MAX / 2 bytes), MGE_E_INPUT (a bad
 * format). */
MGE_API int mge_str_errcode(const mge_str *b);

/* Empty the builder and clear its error state (keeps its buffer). */
MGE_API void mge_str_reset(mge_str *b);

/* Free the builder and return its text (malloc'd, NUL-terminated, owned by
 * the caller; "" when nothing was appended), or NULL if the builder is in
 * the error state (or NULL). If len is not NULL it gets the length. */
MGE_API char *mge_str_finish(mge_str *b, size_t *len);

/* Free the builder and its text. NULL does nothing. */
MGE_API void mge_str_free(mge_str *b);

/* ---------------------------------------------------------------- names
 * Nearness of names, for "did you mean". Letters are compared without case
 * (ASCII); an edit is an insertion, a deletion, a substitution or a swap of
 * two neighbouring characters (optimal string alignment distance).
 * Reentrant; the inputs are read only. */

/* Strings longer than this (bytes) are taken as far from everything. */
#define MGE_EDIT_MAX 64

/* The number of edits that turn a[0..na) into b[0..nb) (neither needs a
 * NUL), or SIZE_MAX when either is longer than MGE_EDIT_MAX or NULL with a
 * nonzero length. */
MGE_API size_t mge_edit_distance(const char *a, size_t na, const char *b,
                                 size_t nb);

/* max_dist for mge_nearest: a bound that grows with the candidate's length,
 * 1 + strlen(candidate) / 5 edits. */
#define MGE_NEAREST_SCALED ((size_t)0)

/* The candidate of candidates[0..n) nearest to name (NUL-terminated) by
 * mge_edit_distance, or NULL when none is close: at most max_dist edits
 * (MGE_NEAREST_SCALED: see above) and fewer edits than name has characters,
 * so that a short name is not near everything. Ties go to the earlier
 * candidate; NULL candidates are passed over. Returns a pointer from
 * candidates. */
MGE_API const char *mge_nearest(const char *name, const char *const *candidates,
                                size_t n, size_t max_dist);

#ifdef __cplusplus
}
#endif
#endif
