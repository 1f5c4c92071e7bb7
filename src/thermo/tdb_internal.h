/* Private to the TDB reader (tdb.c, tdb_lex.c, tdb_expr.c): the parse
 * context shared by its three parts and the functions they call across.
 *
 *   tdb_lex.c   splits the text into commands and scans words and numbers
 *   tdb_expr.c  compiles FUNCTION and PARAMETER bodies (expressions with
 *               temperature ranges) to piecewise polynomials
 *   tdb.c       the command handlers, the two passes, the public API */
#ifndef MGE_THERMO_TDB_INTERNAL_H
#define MGE_THERMO_TDB_INTERNAL_H

#include <ctype.h>
#include <stdlib.h>

#include "thermo/pw_internal.h"
#include "thermo/thermo_internal.h"

typedef struct tdb_ctx {
  mge_tdb *db;
  tdb_cmd *cmd;
  int ncmd, capcmd;
  mge_error *err;
  int depth;
  int unknown; /* the last error was an unresolved name */
  /* parameters' body positions (pass 2) */
  int *par_cmd, *par_body;
  int fn_cap, ph_cap, par_cap, el_cap, sp_cap, ty_cap, ref_cap;
} tdb_ctx;

/* Grow arr (n used, cap allocated) so that arr[n] exists; on failure the
 * enclosing function returns MGE_E_NOMEM through c->err. */
#define GROW(arr, n, cap)                                                   \
  do {                                                                      \
    if ((n) >= (cap)) {                                                     \
      int nc_ = (cap) ? 2 * (cap) : 16;                                     \
      void *np_ = realloc((arr), (size_t)nc_ * sizeof *(arr));              \
      if (!np_) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory"); \
      (arr) = np_;                                                          \
      (cap) = nc_;                                                          \
    }                                                                       \
  } while (0)

/* ---------------------------------------------------------- tdb_lex.c */

/* Set MGE_E_INPUT at the place of character pos of cm (file:line:col);
 * fmt has one %s, filled with a (NULL reads as ""). Returns the code. */
int tdb_err_at(tdb_ctx *c, const tdb_cmd *cm, int pos, const char *fmt,
               const char *a);
/* The error as "file:line:col: message", malloc'ed; NULL when out of
 * memory. */
char *tdb_error_text(const mge_error *e);
void tdb_upcase(char *s);
/* 1 if a and b are equal ignoring case. Inline: the name lookups of the
 * command handlers call it in their inner loops. */
static inline int tdb_ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (toupper((unsigned char)*a) != toupper((unsigned char)*b)) return 0;
  return *a == *b;
}
/* 1 if w abbreviates the keyword kw part by part ("TYPE_DEF" for
 * "TYPE_DEFINITION"); kw is upper case. */
int tdb_kw_match(const char *w, const char *kw);
/* 1 if w names a reference list command. */
int tdb_is_refs_word(const char *w);
/* Split text (n bytes) into c->cmd, one command per '!'. */
int tdb_split_commands(tdb_ctx *c, const char *text, size_t n);
/* Free the text and positions of one command. */
void tdb_cmd_free(tdb_cmd *cm);
void tdb_skip_ws(const tdb_cmd *cm, int *p);
/* Next whitespace-delimited word into w (capacity cap). Returns its start
 * or -1 at end. */
int tdb_next_word(const tdb_cmd *cm, int *p, char *w, int cap);
/* A number at *p (Fortran 'D' exponents too); advances *p. -1 if none. */
int tdb_scan_number(const tdb_cmd *cm, int *p, double *v);
/* A whole word as a number (one trailing ',' allowed). -1 if it is not. */
int tdb_word_number(const char *w, double *v);

/* --------------------------------------------------------- tdb_expr.c */

/* Index of the function named name (any case), -1 if none. */
int tdb_find_function(const mge_tdb *db, const char *name);
/* "Tlo expr ; Thi Y expr ; Thi N [ref]" starting at *p into out; the
 * reference word, if ref is not NULL, into ref (capacity refcap). */
int tdb_parse_piecewise(tdb_ctx *c, const tdb_cmd *cm, int *p, tm_pw *out,
                        char *ref, int refcap);
/* Compile function f once (its body, functions it uses inlined); from and
 * pos name the place that asked, for errors. A function with an unknown
 * name in it is kept as unresolved (state 3) with c->unknown set. */
int tdb_compile_function(tdb_ctx *c, int f, const tdb_cmd *from, int pos);

#endif
