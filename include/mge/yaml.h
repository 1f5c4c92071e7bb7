/* mge yaml: the small readers every YAML input of the library goes through
 * (problem files, laminate specs, ion-exchange recipes), over libfyaml's
 * document API.
 *
 * Every reader reports a mistake as MGE_E_INPUT with the source name, the
 * line and the column of the node at fault (a collection is placed at its
 * first scalar), so a user sees file:line:col before any work starts.
 *
 * Scalars are copied from the input text between the token's marks rather
 * than through fy_node_get_scalar: libfyaml 0.7.12 leaks the buffer it
 * allocates for scalars that need unescaping (found by fuzz_problem), so
 * values with escapes, line folding or block style are refused instead.
 * The text the document was built from must therefore stay readable while
 * the readers run (mge_yaml_ctx.text).
 *
 * Quantities follow one convention: a value with its unit, `E: 72 GPa`,
 * converted to SI through mge_quantity_parse (include/mge/units.h); the
 * older form with the unit in the key, `E_GPa: 72`, is still read by
 * mge_yaml_quantity_key.
 *
 * Thread safety: the functions keep no state; a context and the document
 * it reads are used by one thread at a time.
 */
#ifndef MGE_YAML_H
#define MGE_YAML_H

#include <stddef.h>
#include <stdint.h>

#include "mge/core.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fy_node;
struct fy_document;

/* Capacity of a scalar's text with its NUL in the readers below that take
 * no capacity (mge_yaml_number, mge_yaml_map_it.name, ...). */
#define MGE_YAML_SCALAR_MAX 256

/* What the readers need: where errors go and the text the document was
 * built from. All pointers are borrowed. */
typedef struct mge_yaml_ctx {
  const char *source; /* the input's name in errors ("problem.yaml") */
  const char *text;   /* the text given to mge_yaml_doc_parse */
  size_t len;         /* its length in bytes */
  mge_error *err;     /* filled on a mistake; may be NULL */
} mge_yaml_ctx;

/* Check that text (len bytes) is one that libfyaml is safe on: valid UTF-8,
 * no control characters but tab, CR and LF, no YAML directive (a '%' at the
 * start of a line; libfyaml 0.7.12 can hang on a directive followed by
 * invalid bytes, found by fuzz_problem). MGE_E_INPUT at the line and column
 * of the first offending byte, with source as the name. */
MGE_API int mge_yaml_check_text(const char *text, size_t len,
                                const char *source, mge_error *err);

/* Build the document of text (len bytes, no NUL needed; read in place, so
 * text must outlive *out). Diagnostics are collected, never printed. A
 * syntax error is MGE_E_INPUT "YAML: ..." at its line and column;
 * MGE_E_NOMEM if out of memory. Free *out with mge_yaml_doc_free. */
MGE_API int mge_yaml_doc_parse(const char *text, size_t len, const char *source,
                               struct fy_document **out, mge_error *err);

/* Free a document from mge_yaml_doc_parse. NULL: no-op. */
MGE_API void mge_yaml_doc_free(struct fy_document *doc);

/* 1-based line and column of node n: a scalar's own token, else the first
 * scalar inside the collection; 0 and 0 if there is none (or n is NULL). */
MGE_API void mge_yaml_pos(struct fy_node *n, int *line, int *col);

/* Set y->err to MGE_E_INPUT at node n, the column moved right by offset
 * characters (a place inside the scalar's text), with the message fmt.
 * Returns MGE_E_INPUT. */
MGE_API int mge_yaml_error(const mge_yaml_ctx *y, struct fy_node *n, int offset,
                           const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Re-anchor the error sub of a parser of the scalar's text (units,
 * formulas, property names) at node n: its message, at the column of n plus
 * offset plus sub's own column (1-based, 0: none). Returns MGE_E_INPUT. */
MGE_API int mge_yaml_rethrow(const mge_yaml_ctx *y, struct fy_node *n,
                             int offset, const mge_error *sub);

/* The text of scalar n into buf (capacity cap >= 1), trailing blanks
 * removed. what names the value in messages ("WHAT: expected a single
 * value"). Aliases, collections, values longer than cap - 1 characters and
 * values with escapes, line breaks or block style are MGE_E_INPUT. */
MGE_API int mge_yaml_scalar(const mge_yaml_ctx *y, struct fy_node *n,
                            const char *what, char *buf, size_t cap);

/* A finite decimal number (no unit, no hex) at n. */
MGE_API int mge_yaml_number(const mge_yaml_ctx *y, struct fy_node *n,
                            const char *what, double *v);

/* A whole number in [lo, hi] at n (lo, hi <= 2^53): for counts and sizes,
 * so that a bound is checked where it is written. */
MGE_API int mge_yaml_integer(const mge_yaml_ctx *y, struct fy_node *n,
                             const char *what, uint64_t lo, uint64_t hi,
                             uint64_t *v);

/* true/yes (1) or false/no (0) at n. */
MGE_API int mge_yaml_bool(const mge_yaml_ctx *y, struct fy_node *n,
                          const char *what, int *v);

/* A quantity with its unit at n ("72 GPa", "0.125 mm", "227 C"), in SI,
 * of the dimension of the unit text `unit` ("Pa", "m", "N/m", "K"). A value
 * in another dimension, or a bare number for a dimensional unit, is
 * MGE_E_INPUT ("WHAT: '72' is not in units of Pa"); a mistake inside the
 * text is placed at its column. */
MGE_API int mge_yaml_quantity(const mge_yaml_ctx *y, struct fy_node *n,
                              const char *what, const char *unit, double *si);

/* A quantity under key `key` whose name is `base`, either way it is
 * written: `E: 72 GPa` (key == base: as mge_yaml_quantity) or the older
 * `E_GPa: 72` (key is base, '_', a unit of the dimension of `unit`, and the
 * value a bare number in that unit). *matched is 1 and *si the value in SI
 * when the key is one of these, 0 when it is not (*si untouched). Errors as
 * mge_yaml_quantity, for a matched key only. */
MGE_API int mge_yaml_quantity_key(const mge_yaml_ctx *y, const char *key,
                                  struct fy_node *val, const char *base,
                                  const char *unit, int *matched, double *si);

/* A mapping's pairs in order. Start from a zeroed iterator. */
typedef struct mge_yaml_map_it {
  void *it;
  struct fy_node *key, *val;      /* this pair's nodes */
  char name[MGE_YAML_SCALAR_MAX]; /* the key's text */
} mge_yaml_map_it;

/* The next pair of mapping map into m: *more is 1 with m filled, 0 after
 * the last pair. A key that is not a plain scalar, a missing value or an
 * alias value is MGE_E_INPUT. */
MGE_API int mge_yaml_map_next(const mge_yaml_ctx *y, struct fy_node *map,
                              mge_yaml_map_it *m, int *more);

/* The value under the plain key `name` in mapping map, NULL if absent (or
 * map is not a mapping); *key_out (may be NULL) receives the key node.
 * Never fails: keys that cannot be read are skipped. */
MGE_API struct fy_node *mge_yaml_lookup(const mge_yaml_ctx *y,
                                        struct fy_node *map, const char *name,
                                        struct fy_node **key_out);

/* MGE_E_INPUT unless n is a mapping ("WHAT: expected a mapping (key:
 * value)") or a sequence ("WHAT: expected a list"); a NULL n is placed at
 * key. */
MGE_API int mge_yaml_need_map(const mge_yaml_ctx *y, struct fy_node *n,
                              struct fy_node *key, const char *what);
MGE_API int mge_yaml_need_seq(const mge_yaml_ctx *y, struct fy_node *n,
                              struct fy_node *key, const char *what);

#ifdef __cplusplus
}
#endif
#endif
