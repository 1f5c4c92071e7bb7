/* The string builder (see mge/str.h). */
#include "mge/str.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mge_str {
  char *s;    /* NUL-terminated when cap > 0 */
  size_t n;   /* bytes used, without the NUL */
  size_t cap; /* bytes allocated */
  int err;    /* MGE_OK or the error that stopped the builder */
};

#define STR_MAX (SIZE_MAX / 2)

mge_str *mge_str_new(void) {
  return calloc(1, sizeof(mge_str));
}

static void fail(mge_str *b, int code) {
  b->err = code;
  b->n = 0;
  if (b->s) b->s[0] = '\0';
}

/* Room for `more` bytes and the NUL; 0 when there is, -1 on failure (the
 * builder is then in the error state). */
static int reserve(mge_str *b, size_t more) {
  if (more > STR_MAX - b->n - 1) return fail(b, MGE_E_NOMEM), -1;
  size_t need = b->n + more + 1;
  if (need <= b->cap) return 0;
  size_t nc = b->cap ? b->cap : 256;
  while (nc < need) nc = nc > STR_MAX / 2 ? STR_MAX : 2 * nc;
  char *ns = realloc(b->s, nc);
  if (!ns) return fail(b, MGE_E_NOMEM), -1;
  b->s = ns;
  b->cap = nc;
  return 0;
}

void mge_str_append(mge_str *b, const char *text, size_t n) {
  if (!b || b->err || reserve(b, n)) return;
  if (n) memcpy(b->s + b->n, text, n);
  b->n += n;
  b->s[b->n] = '\0';
}

void mge_str_appendall(mge_str *b, const char *text) {
  if (text) mge_str_append(b, text, strlen(text));
}

void mge_str_appendchar(mge_str *b, size_t n, char c) {
  if (!b || b->err || reserve(b, n)) return;
  memset(b->s + b->n, c, n);
  b->n += n;
  b->s[b->n] = '\0';
}

void mge_str_vprintf(mge_str *b, const char *fmt, va_list ap) {
  if (!b || b->err) return;
  /* first try the room there is; most appends fit */
  va_list cp;
  va_copy(cp, ap);
  size_t room = b->cap > b->n ? b->cap - b->n : 0;
  int w = vsnprintf(room ? b->s + b->n : NULL, room, fmt, cp);
  va_end(cp);
  if (w < 0) {
    fail(b, MGE_E_INPUT);
    return;
  }
  if ((size_t)w < room) {
    b->n += (size_t)w;
    return;
  }
  if (reserve(b, (size_t)w)) return;
  vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
  b->n += (size_t)w;
}

void mge_str_printf(mge_str *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mge_str_vprintf(b, fmt, ap);
  va_end(ap);
}

size_t mge_str_length(const mge_str *b) {
  return b && !b->err ? b->n : 0;
}

const char *mge_str_value(const mge_str *b) {
  return b && !b->err && b->s ? b->s : "";
}

int mge_str_errcode(const mge_str *b) {
  return b ? b->err : MGE_E_NOMEM;
}

void mge_str_reset(mge_str *b) {
  if (!b) return;
  b->err = MGE_OK;
  b->n = 0;
  if (b->s) b->s[0] = '\0';
}

char *mge_str_finish(mge_str *b, size_t *len) {
  if (len) *len = 0;
  if (!b) return NULL;
  if (!b->err && !b->s && !reserve(b, 0)) b->s[0] = '\0';
  char *s = NULL;
  if (!b->err) {
    s = b->s;
    if (len) *len = b->n;
  } else {
    free(b->s);
  }
  free(b);
  return s;
}

void mge_str_free(mge_str *b) {
  if (!b) return;
  free(b->s);
  free(b);
}

/* ---------------------------------------------------------------- names */

static int same_letter(char a, char b) {
  unsigned char x = (unsigned char)a, y = (unsigned char)b;
  if (x >= 'A' && x <= 'Z') x = (unsigned char)(x - 'A' + 'a');
  if (y >= 'A' && y <= 'Z') y = (unsigned char)(y - 'A' + 'a');
  return x == y;
}

/* Rows i-2, i-1 and i of the table are kept. */
size_t mge_edit_distance(const char *a, size_t na, const char *b, size_t nb) {
  if (na > MGE_EDIT_MAX || nb > MGE_EDIT_MAX || (!a && na) || (!b && nb))
    return SIZE_MAX;
  size_t r[3][MGE_EDIT_MAX + 1];
  for (size_t j = 0; j <= nb; j++) r[0][j] = j;
  for (size_t i = 1; i <= na; i++) {
    size_t *cur = r[i % 3], *up = r[(i - 1) % 3], *up2 = r[(i + 1) % 3];
    cur[0] = i;
    for (size_t j = 1; j <= nb; j++) {
      size_t best = up[j - 1] + !same_letter(a[i - 1], b[j - 1]);
      if (up[j] + 1 < best) best = up[j] + 1;
      if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
      if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2]) &&
          same_letter(a[i - 2], b[j - 1]) && up2[j - 2] + 1 < best)
        best = up2[j - 2] + 1;
      cur[j] = best;
    }
  }
  return r[na % 3][nb];
}

const char *mge_nearest(const char *name, const char *const *candidates,
                        size_t n, size_t max_dist) {
  if (!name || !candidates) return NULL;
  const char *best = NULL;
  size_t bd = SIZE_MAX, ln = strlen(name);
  for (size_t i = 0; i < n; i++) {
    const char *c = candidates[i];
    if (!c) continue;
    size_t lc = strlen(c);
    size_t lim = max_dist == MGE_NEAREST_SCALED ? 1 + lc / 5 : max_dist;
    size_t d = mge_edit_distance(name, ln, c, lc);
    if (d <= lim && d < ln && d < bd) {
      bd = d;
      best = c;
    }
  }
  return best;
}
