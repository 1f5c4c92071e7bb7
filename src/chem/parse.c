/* The composition parser: one pass over the text, no allocation, bounded
 * stack, O(length) (each character is looked at a bounded number of times:
 * closing a group touches at most MGE_COMP_MAX entries, nesting is bounded by
 * MGE_PARSE_MAX_DEPTH).
 *
 * Grammar (whitespace allowed at the ends and around '-' separators):
 *   input    := body [basis]
 *   basis    := "at%" | "at.%" | "mol%" | "wt%" | "wt.%" | "mass%"
 *   body     := list | formula | designation
 *   list     := part ('-' part)*          (also U+2013 en dash, U+2212 minus)
 *   part     := [number] formula          (at most one part without a number:
 *                                          the balance)
 *   formula  := segment (sep [number] segment)*
 *   sep      := '*' | U+00B7 | U+22C5 | U+2219 | '.' (hydrate dot, see below)
 *   segment  := item+
 *   item     := symbol [number] | ('(' segment ')' | '[' segment ']') [number]
 *   number   := [0-9]+ ('.' [0-9]+)?
 A '.' between digits is a decimal point ("Fe0.7Cr0.2Ni0.1", "Li4.4Si"),
 * except after a whole number without a leading zero when a whole number and
 * "H2O" follow ("CuSO4.5H2O": a hydrate dot). A '.' that no digit follows is
 * a hydrate dot ("CaO.SiO2", "Na2SO4.H2O"). A '.' after a letter or bracket
 * with a digit after it ("Fe.5", "CaO.2SiO2") is refused as ambiguous.
 * A body is a list if it contains a separator '-' or starts with a digit.
 * Designations are tried when the text does not parse otherwise. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "chem/comp_internal.h"
#include "mge/chem.h"
#include "mge/str.h"

#define SRC "<input>"

typedef struct pctx {
  const char *s; /* the whole input */
  size_t n;      /* its length */
  mge_error *err;
} pctx;

/* Distinct elements with amounts, in order of first appearance. */
typedef struct acc {
  int n;
  int Z[MGE_COMP_MAX];
  double a[MGE_COMP_MAX];
} acc;

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}
static int is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
static int is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
static char to_lower(char c) {
  return is_upper(c) ? (char)(c + 32) : c;
}

/* 1-based column in characters (UTF-8 continuation bytes do not count). */
static int col_of(const pctx *c, size_t off) {
  int col = 1;
  for (size_t i = 0; i < off && i < c->n; i++)
    if (((unsigned char)c->s[i] & 0xC0) != 0x80) col++;
  return col;
}

static int perr(const pctx *c, int code, size_t off, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int perr(const pctx *c, int code, size_t off, const char *fmt, ...) {
  if (!c->err) return code;
  char msg[MGE_ERROR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return mge_error_set_at(c->err, code, SRC, 1, col_of(c, off), "%s", msg);
}

/* A printable copy of s[i..i+len) for messages (at most 15 bytes). */
static const char *tok(const pctx *c, size_t i, size_t len, char *buf) {
  if (i > c->n) i = c->n;
  if (len > c->n - i) len = c->n - i;
  if (len > 15) len = 15;
  for (size_t k = 0; k < len; k++) {
    unsigned char ch = (unsigned char)c->s[i + k];
    buf[k] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
  }
  buf[len] = '\0';
  return buf;
}

/* ----------------------------------------------------------------- numbers */

static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

size_t mge__scan_decimal(const char *s, size_t i, size_t e, double *v) {
  uint64_t m = 0;
  int sig = 0, exp10 = 0;
  size_t j = i;
  if (j >= e || !is_digit(s[j])) {
    *v = 0.0;
    return i;
  }
  for (; j < e && is_digit(s[j]); j++) {
    int d = s[j] - '0';
    if (sig < 19) {
      m = m * 10 + (uint64_t)d;
      if (m) sig++;
    } else if (exp10 < 400) {
      exp10++;
    }
  }
  if (j + 1 < e && s[j] == '.' && is_digit(s[j + 1])) {
    for (j++; j < e && is_digit(s[j]); j++) {
      if (sig < 19) {
        m = m * 10 + (uint64_t)(s[j] - '0');
        if (m) sig++;
        exp10--;
      }
    }
  }
  double x = (double)m;
  if (exp10 > 0) {
    while (exp10 > 22 && isfinite(x)) {
      x *= 1e22;
      exp10 -= 22;
    }
    x *= p10[exp10 > 22 ? 22 : exp10];
  } else if (exp10 < 0) {
    int k = -exp10;
    while (k > 22) {
      x /= 1e22;
      k -= 22;
    }
    x /= p10[k];
  }
  *v = x;
  return j;
}

/* "nan", "inf" (any case) at s[i..e): length of the word or 0. */
static size_t nonnumeric_word(const char *s, size_t i, size_t e) {
  static const char *const words[] = {"infinity", "nan", "inf"};
  for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
    size_t L = strlen(words[w]), k = 0;
    while (k < L && i + k < e && to_lower(s[i + k]) == words[w][k]) k++;
    if (k == L) return L;
  }
  return 0;
}

/* ---------------------------------------------------------- element lookup */

/* Write "; did you mean X, Y or Z?" (or "") into buf. */
static void suggest(const char *t, size_t len, char *buf, size_t cap) {
  buf[0] = '\0';
  const char *pick[6];
  int np = 0;
  for (int Z = 1; Z <= MGE_Z_MAX; Z++) {
    const mge_element *e = mge_element_by_Z(Z);
    if (e && mge_edit_distance(t, len, e->symbol, strlen(e->symbol)) == 0 &&
        len == strlen(e->symbol)) {
      snprintf(buf, cap, "; did you mean %s?", e->symbol);
      return;
    }
  }
  /* Pass 0: same first letter, one edit away; pass 1: one edit away. */
  for (int pass = 0; pass < 2 && np < 6; pass++)
    for (int Z = 1; Z <= MGE_Z_MAX && np < 6; Z++) {
      const mge_element *e = mge_element_by_Z(Z);
      if (!e || !e->symbol) continue;
      int same = to_lower(e->symbol[0]) == to_lower(t[0]);
      if ((pass == 0) != same) continue;
      if (mge_edit_distance(t, len, e->symbol, strlen(e->symbol)) == 1)
        pick[np++] = e->symbol;
    }
  if (np == 0) return;
  size_t k = (size_t)snprintf(buf, cap, "; did you mean ");
  for (int i = 0; i < np && k < cap; i++)
    k += (size_t)snprintf(buf + k, cap - k, "%s%s", pick[i],
                          i + 1 == np   ? "?"
                          : i + 2 == np ? " or "
                                        : ", ");
}

static int unknown_element(const pctx *c, size_t i, size_t len) {
  char t[16], sug[96];
  tok(c, i, len, t);
  suggest(c->s + i, len, sug, sizeof sug);
  return perr(c, MGE_E_INPUT, i, "unknown element '%s'%s", t, sug);
}

/* ---------------------------------------------------------------- formulas */

typedef struct term {
  int Z;
  double a;
} term;

#define TERM_MAX (MGE_COMP_MAX * (MGE_PARSE_MAX_DEPTH + 1))

static int add_term(const pctx *c, term *t, int *nt, int lo, int Z, double a,
                    size_t off) {
  for (int k = lo; k < *nt; k++)
    if (t[k].Z == Z) {
      t[k].a += a;
      return MGE_OK;
    }
  if (*nt - lo >= MGE_COMP_MAX)
    return perr(c, MGE_E_LIMIT, off, "more than %d distinct elements",
                MGE_COMP_MAX);
  t[*nt].Z = Z;
  t[*nt].a = a;
  (*nt)++;
  return MGE_OK;
}

/* A count after a symbol or group; 1 if none. *j advances. */
static int scan_count(const pctx *c, size_t *j, size_t e, double *v) {
  const char *s = c->s;
  size_t i = *j;
  *v = 1.0;
  if (i >= e || !is_digit(s[i])) return MGE_OK;
  /* Hydrate dot after a whole number: "CuSO4.5H2O" stops before the '.'. */
  size_t k = i;
  while (k < e && is_digit(s[k])) k++;
  size_t end = 0;
  if (k < e && s[k] == '.' && s[i] != '0') {
    size_t q = k + 1;
    while (q < e && is_digit(s[q])) q++;
    if (q > k + 1 && q + 3 <= e && memcmp(s + q, "H2O", 3) == 0)
      end = mge__scan_decimal(s, i, k, v);
  }
  if (!end) end = mge__scan_decimal(s, i, e, v);
  *j = end;
  if (*v > MGE_PARSE_MAX_COUNT) {
    char t[16];
    return perr(c, MGE_E_LIMIT, i, "count '%s' is larger than %g",
                tok(c, i, end - i, t), MGE_PARSE_MAX_COUNT);
  }
  return MGE_OK;
}

/* Length of a separator at s[i..e) (0 if none). */
static size_t sep_len(const char *s, size_t i, size_t e) {
  unsigned char c0 = (unsigned char)s[i];
  if (c0 == '*') return 1;
  if (c0 == '.') return 1; /* callers decide whether '.' is a hydrate dot */
  if (c0 == 0xC2 && i + 1 < e && (unsigned char)s[i + 1] == 0xB7) return 2;
  if (c0 == 0xE2 && i + 2 < e) {
    unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
    if (c1 == 0x8B && c2 == 0x85) return 3; /* U+22C5 dot operator */
    if (c1 == 0x88 && c2 == 0x99) return 3; /* U+2219 bullet operator */
  }
  return 0;
}

/* At a blank s[i]: is the next non-blank a separator other than '.', or
 * did a separator just start the segment (no items yet, something before)? */
static int after_sep_or_before(const pctx *c, size_t i, size_t e,
                               int seg_items) {
  size_t k = i;
  while (k < e && is_space(c->s[k])) k++;
  if (k < e && c->s[k] != '.' && sep_len(c->s, k, e)) return 1;
  return seg_items == 0 && i > 0 && !is_space(c->s[i - 1]) &&
         (c->s[i - 1] == '*' || (unsigned char)c->s[i - 1] >= 0x80 ||
          is_digit(c->s[i - 1]));
}

/* Parse the formula s[b..e) into out (distinct elements, counts). */
/* 1 if the blanks at i are followed by the start of a term (an element or
 * an opening bracket). */
static int space_between_terms(const char *s, size_t i, size_t e) {
  while (i < e && is_space(s[i])) i++;
  return i < e && (is_upper(s[i]) || s[i] == '(' || s[i] == '[');
}

static int parse_formula(const pctx *c, size_t b, size_t e, acc *out) {
  const char *s = c->s;
  term t[TERM_MAX];
  int nt = 0;
  int lvl[MGE_PARSE_MAX_DEPTH + 1];
  size_t open_at[MGE_PARSE_MAX_DEPTH + 1];
  char open_ch[MGE_PARSE_MAX_DEPTH + 1];
  int depth = 0, rc;
  double seg_mult = 1.0;
  int seg_items = 0; /* items in the current segment */
  size_t seg_at = b;
  lvl[0] = 0;
  size_t i = b;
  while (i < e) {
    char ch = s[i];
    size_t sl;
    if (is_upper(ch)) {
      size_t len = (i + 1 < e && is_lower(s[i + 1])) ? 2 : 1;
      const mge_element *el = mge_element_by_symbol_n(s + i, len);
      if (!el) return unknown_element(c, i, len);
      size_t j = i + len;
      if (j < e && is_lower(s[j])) {
        size_t w = nonnumeric_word(s, j, e);
        char tb[16];
        if (w)
          return perr(c, MGE_E_INPUT, j, "non-numeric count '%s'",
                      tok(c, j, w, tb));
        return perr(c, MGE_E_INPUT, j,
                    "unexpected '%s' after %s (an element symbol is one "
                    "capital letter and at most one small letter)",
                    tok(c, j, 1, tb), el->symbol);
      }
      double v;
      if ((rc = scan_count(c, &j, e, &v))) return rc;
      if (depth == 0) v *= seg_mult;
      if ((rc = add_term(c, t, &nt, lvl[depth], el->Z, v, i))) return rc;
      seg_items++;
      i = j;
    } else if (is_lower(ch)) {
      size_t w = nonnumeric_word(s, i, e);
      char tb[16];
      if (w)
        return perr(c, MGE_E_INPUT, i, "non-numeric value '%s'",
                    tok(c, i, w, tb));
      size_t len = (i + 1 < e && is_lower(s[i + 1])) ? 2 : 1;
      return unknown_element(c, i, len);
    } else if (ch == '(' || ch == '[') {
      if (depth == MGE_PARSE_MAX_DEPTH)
        return perr(c, MGE_E_LIMIT, i, "brackets nested deeper than %d",
                    MGE_PARSE_MAX_DEPTH);
      depth++;
      lvl[depth] = nt;
      open_at[depth] = i;
      open_ch[depth] = ch;
      i++;
    } else if (ch == ')' || ch == ']') {
      char want = ch == ')' ? '(' : '[';
      if (depth == 0)
        return perr(c, MGE_E_INPUT, i, "unbalanced '%c': nothing to close", ch);
      if (open_ch[depth] != want)
        return perr(c, MGE_E_INPUT, i, "'%c' closes the '%c' of column %d", ch,
                    open_ch[depth], col_of(c, open_at[depth]));
      int lo = lvl[depth];
      if (nt == lo)
        return perr(c, MGE_E_INPUT, open_at[depth], "empty '%c%c'",
                    open_ch[depth], ch);
      size_t j = i + 1;
      double v;
      if ((rc = scan_count(c, &j, e, &v))) return rc;
      depth--;
      if (depth == 0) v *= seg_mult;
      term g[MGE_COMP_MAX];
      int ng = nt - lo;
      memcpy(g, t + lo, (size_t)ng * sizeof g[0]);
      nt = lo;
      for (int k = 0; k < ng; k++)
        if ((rc = add_term(c, t, &nt, lvl[depth], g[k].Z, g[k].a * v, i)))
          return rc;
      seg_items++;
      i = j;
    } else if ((sl = sep_len(s, i, e)) != 0) {
      if (ch == '.' && i + 1 < e && is_digit(s[i + 1]) &&
          !(i > b && is_digit(s[i - 1]))) {
        /* "Fe.5Ni", "CaO.2SiO2": a count or a hydrate? Refuse to guess. A
         * '.' after a digit that reaches here was kept by scan_count's
         * "n.mH2O" rule and is a hydrate dot. */
        return perr(c, MGE_E_INPUT, i,
                    "ambiguous '.': write counts as '0.5' and hydrates with "
                    "'*' or U+00B7 ('CaO*2SiO2')");
      }
      if (depth > 0)
        return perr(c, MGE_E_INPUT, i,
                    "hydrate separator inside '%c' (opened at column %d)",
                    open_ch[depth], col_of(c, open_at[depth]));
      if (seg_items == 0)
        return perr(c, MGE_E_INPUT, i, "nothing before the separator");
      size_t j = i + sl;
      while (j < e && is_space(s[j])) j++;
      double v = 1.0;
      if (j < e && is_digit(s[j])) {
        size_t k = mge__scan_decimal(s, j, e, &v);
        if (v > MGE_PARSE_MAX_COUNT) {
          char tb[16];
          return perr(c, MGE_E_LIMIT, j, "multiplier '%s' is larger than %g",
                      tok(c, j, k - j, tb), MGE_PARSE_MAX_COUNT);
        }
        j = k;
      }
      seg_mult = v;
      seg_items = 0;
      seg_at = i;
      i = j;
    } else if (is_space(ch) && seg_items > 0 && space_between_terms(s, i, e)) {
      /* Blanks between terms, as datasets write them: "Al0.25 Co1 Fe1". */
      while (i < e && is_space(s[i])) i++;
    } else if (is_space(ch) && after_sep_or_before(c, i, e, seg_items)) {
      /* Blanks around a hydrate separator: "CuSO4 * 5H2O". */
      while (i < e && is_space(s[i])) i++;
    } else if (is_digit(ch)) {
      char tb[16];
      size_t k = i;
      while (k < e && (is_digit(s[k]) || s[k] == '.')) k++;
      return perr(c, MGE_E_INPUT, i,
                  "unexpected number '%s' (a count follows an element or a "
                  "closing bracket)",
                  tok(c, i, k - i, tb));
    } else if (ch == '-' || ch == '+') {
      return perr(
          c, MGE_E_INPUT, i,
          ch == '-' ? "negative amounts are not allowed" : "unexpected '+'");
    } else {
      char tb[16];
      size_t len = 1;
      while (i + len < e && ((unsigned char)s[i + len] & 0xC0) == 0x80) len++;
      if ((unsigned char)ch < 0x80)
        return perr(c, MGE_E_INPUT, i, "unexpected character '%s'",
                    tok(c, i, len, tb));
      return perr(c, MGE_E_INPUT, i, "unexpected character (byte 0x%02X)",
                  (unsigned)(unsigned char)ch);
    }
  }
  if (depth > 0)
    return perr(c, MGE_E_INPUT, open_at[depth], "unbalanced '%c': not closed",
                open_ch[depth]);
  if (seg_items == 0) {
    if (nt > 0)
      return perr(c, MGE_E_INPUT, seg_at, "nothing after the separator");
    return perr(c, MGE_E_INPUT, b, "empty formula");
  }
  out->n = nt;
  for (int k = 0; k < nt; k++) {
    out->Z[k] = t[k].Z;
    out->a[k] = t[k].a;
  }
  return MGE_OK;
}

static double acc_total(const acc *a) {
  double s = 0.0;
  for (int k = 0; k < a->n; k++) s += a->a[k];
  return s;
}

static int acc_add(const pctx *c, acc *a, int Z, double v, size_t off) {
  for (int k = 0; k < a->n; k++)
    if (a->Z[k] == Z) {
      a->a[k] += v;
      return MGE_OK;
    }
  if (a->n == MGE_COMP_MAX)
    return perr(c, MGE_E_LIMIT, off, "more than %d distinct elements",
                MGE_COMP_MAX);
  a->Z[a->n] = Z;
  a->a[a->n] = v;
  a->n++;
  return MGE_OK;
}

/* Molar mass of a formula unit, g/mol; error (at off) if an element has no
 * atomic weight. */
static int acc_mass(const pctx *c, const acc *a, size_t off, double *m) {
  double s = 0.0;
  for (int k = 0; k < a->n; k++) {
    const mge_element *el = mge_element_by_Z(a->Z[k]);
    if (!el || !(el->atomic_weight > 0.0))
      return perr(c, MGE_E_INPUT, off,
                  "%s has no atomic weight: a mass basis cannot be used",
                  el ? el->symbol : "?");
    s += a->a[k] * el->atomic_weight;
  }
  *m = s;
  return MGE_OK;
}

static int acc_to_comp(const pctx *c, const acc *a, size_t off, mge_comp *out) {
  mge_comp tmp;
  int rc = mge__comp_from_moles(a->Z, a->a, a->n, &tmp, NULL);
  if (rc) return perr(c, MGE_E_INPUT, off, "no element has a positive amount");
  tmp.natoms = 1.0;
  *out = tmp;
  return MGE_OK;
}

/* ------------------------------------------------------------------- basis */

typedef struct basis_sfx {
  int has;
  mge_basis basis;
  size_t at; /* offset of the suffix */
} basis_sfx;

/* Strip a basis suffix from the end of s[b..*e). */
static int parse_basis(const pctx *c, size_t b, size_t *e, basis_sfx *out) {
  static const struct {
    const char *text;
    mge_basis basis;
  } sfx[] = {{"at.%", MGE_BASIS_MOLE}, {"at%", MGE_BASIS_MOLE},
             {"mol%", MGE_BASIS_MOLE}, {"wt.%", MGE_BASIS_MASS},
             {"wt%", MGE_BASIS_MASS},  {"mass%", MGE_BASIS_MASS}};
  const char *s = c->s;
  out->has = 0;
  out->basis = MGE_BASIS_MASS;
  if (*e == b || s[*e - 1] != '%') return MGE_OK;
  for (size_t k = 0; k < sizeof sfx / sizeof sfx[0]; k++) {
    size_t L = strlen(sfx[k].text);
    if (*e - b < L) continue;
    size_t at = *e - L, q = 0;
    while (q < L && to_lower(s[at + q]) == sfx[k].text[q]) q++;
    if (q < L) continue;
    out->has = 1;
    out->basis = sfx[k].basis;
    out->at = at;
    *e = at;
    while (*e > b && is_space(s[*e - 1])) (*e)--;
    if (*e == b)
      return perr(c, MGE_E_INPUT, at, "no composition before '%s'",
                  sfx[k].text);
    return MGE_OK;
  }
  size_t at = *e - 1;
  while (at > b && !is_space(s[at - 1]) && !is_digit(s[at - 1]) &&
         s[at - 1] != '-')
    at--;
  char t[16];
  return perr(c, MGE_E_INPUT, at,
              "unknown basis '%s' (use at%%, mol%%, wt%% or mass%%)",
              tok(c, at, *e - at, t));
}

/* ------------------------------------------------------------------- lists */

/* Length of a list separator at s[i..e): '-', U+2013, U+2212. */
static size_t dash_len(const char *s, size_t i, size_t e) {
  if (s[i] == '-') return 1;
  if ((unsigned char)s[i] == 0xE2 && i + 2 < e) {
    unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
    if (c1 == 0x80 && c2 == 0x93) return 3;
    if (c1 == 0x88 && c2 == 0x92) return 3;
  }
  return 0;
}

static int has_dash(const char *s, size_t b, size_t e) {
  for (size_t i = b; i < e; i++)
    if (dash_len(s, i, e)) return 1;
  return 0;
}

/* Where a list's parts go: elements (comp) or compounds (recipe). */
typedef struct sink {
  acc el;          /* element moles (comp mode) */
  mge_recipe *rec; /* compound mode if non-NULL */
  double amt[MGE_RECIPE_MAX];
  int any_compound;
} sink;

static int sink_add(const pctx *c, sink *k, const acc *f, double amount,
                    mge_basis basis, size_t fb, size_t fe) {
  int rc;
  double m = 0.0;
  if (basis == MGE_BASIS_MASS && (rc = acc_mass(c, f, fb, &m))) return rc;
  if (k->rec) {
    mge_recipe *r = k->rec;
    size_t len = fe - fb;
    double mol = amount;
    if (basis == MGE_BASIS_MASS) {
      if (!(m > 0.0))
        return perr(c, MGE_E_INPUT, fb, "compound has no positive amount");
      mol = amount / m;
    }
    for (int i = 0; i < r->n; i++)
      if (strlen(r->formula[i]) == len &&
          memcmp(r->formula[i], c->s + fb, len) == 0) {
        k->amt[i] += mol;
        return MGE_OK;
      }
    if (r->n == MGE_RECIPE_MAX)
      return perr(c, MGE_E_LIMIT, fb, "more than %d compounds", MGE_RECIPE_MAX);
    if (len >= MGE_COMPOUND_NAME)
      return perr(c, MGE_E_LIMIT, fb,
                  "compound formula longer than %d characters",
                  MGE_COMPOUND_NAME - 1);
    double tot = acc_total(f);
    if (!(tot > 0.0))
      return perr(c, MGE_E_INPUT, fb, "compound has no positive amount");
    mge_comp *u = &r->unit[r->n];
    if ((rc = acc_to_comp(c, f, fb, u))) return rc;
    u->natoms = tot;
    memcpy(r->formula[r->n], c->s + fb, len);
    r->formula[r->n][len] = '\0';
    k->amt[r->n] = mol;
    r->n++;
    return MGE_OK;
  }
  double scale = amount;
  if (basis == MGE_BASIS_MASS) {
    if (!(m > 0.0))
      return perr(c, MGE_E_INPUT, fb, "compound has no positive amount");
    scale = amount / m;
  }
  for (int i = 0; i < f->n; i++)
    if ((rc = acc_add(c, &k->el, f->Z[i], f->a[i] * scale, fb))) return rc;
  return MGE_OK;
}

static size_t skip_ws(const char *s, size_t i, size_t e) {
  while (i < e && is_space(s[i])) i++;
  return i;
}

/* Parse a percent list s[b..e) into k (k->any_compound says whether a
 * compound appeared). */
static int parse_list(const pctx *c, size_t b, size_t e, const basis_sfx *bs,
                      sink *k) {
  const char *s = c->s;
  mge_basis basis = bs->has ? bs->basis : MGE_BASIS_MASS;
  acc bal, f;
  int has_bal = 0, rc;
  size_t bal_b = 0, bal_e = 0;
  double sum = 0.0;
  size_t i = b;
  for (;;) {
    size_t cs = skip_ws(s, i, e), ce = cs;
    size_t dl = 0;
    while (ce < e && (dl = dash_len(s, ce, e)) == 0) ce++;
    size_t ct = ce;
    while (ct > cs && is_space(s[ct - 1])) ct--;
    if (ct == cs) {
      if (ce < e && cs == ce && i > b)
        return perr(c, MGE_E_INPUT, ce, "negative amounts are not allowed");
      if (ce < e && i == b && ce + dl < e && is_digit(s[ce + dl]))
        return perr(c, MGE_E_INPUT, ce, "negative amounts are not allowed");
      return perr(c, MGE_E_INPUT, cs < e ? cs : e,
                  "empty part in a '-' separated list");
    }
    size_t j = cs;
    int has_amt = 0;
    double amt = 0.0;
    size_t w;
    if (is_digit(s[j])) {
      j = mge__scan_decimal(s, j, ct, &amt);
      has_amt = 1;
      if (j < ct && s[j] == '.') {
        char tb[16];
        return perr(c, MGE_E_INPUT, cs, "malformed number '%s'",
                    tok(c, cs, j + 1 - cs, tb));
      }
      if (amt > 100.0) {
        char tb[16];
        return perr(c, MGE_E_INPUT, cs, "amount '%s' is over 100%%",
                    tok(c, cs, j - cs, tb));
      }
      j = skip_ws(s, j, ct);
      if (j == ct) {
        char tb[16];
        return perr(c, MGE_E_INPUT, j < c->n ? j : c->n,
                    "amount '%s' is not followed by an element or compound",
                    tok(c, cs, ct - cs, tb));
      }
    } else if ((w = nonnumeric_word(s, j, ct)) != 0 &&
               (j + w == ct || is_upper(s[j + w]))) {
      char tb[16];
      return perr(c, MGE_E_INPUT, j, "non-numeric amount '%s'",
                  tok(c, j, w, tb));
    } else if (s[j] == '+') {
      return perr(c, MGE_E_INPUT, j, "unexpected '+'");
    } else if (s[j] == '.') {
      return perr(c, MGE_E_INPUT, j,
                  "a number must start with a digit ('0.5', not '.5')");
    }
    if ((rc = parse_formula(c, j, ct, &f))) return rc;
    int compound = !(f.n == 1 && f.a[0] == 1.0);
    if (compound) {
      k->any_compound = 1;
      if (!bs->has) {
        char tb[16];
        return perr(c, MGE_E_INPUT, j,
                    "'%s' is a compound: a recipe needs its basis, add "
                    "' mol%%' or ' wt%%' at the end",
                    tok(c, j, ct - j, tb));
      }
    }
    if (!has_amt) {
      if (has_bal) {
        char tb[16];
        return perr(c, MGE_E_INPUT, cs,
                    "'%s' has no amount: only one part (the balance) may "
                    "omit it",
                    tok(c, cs, ct - cs, tb));
      }
      has_bal = 1;
      bal = f;
      bal_b = j;
      bal_e = ct;
      /* Reserve the balance's place so that the order stays as written. */
      if ((rc = sink_add(c, k, &f, 0.0, basis, j, ct))) return rc;
    } else {
      sum += amt;
      if ((rc = sink_add(c, k, &f, amt, basis, j, ct))) return rc;
    }
    if (ce == e) break;
    i = ce + dl;
    if (skip_ws(s, i, e) == e)
      return perr(c, MGE_E_INPUT, ce, "nothing after the last '-'");
  }
  if (has_bal) {
    double rest = 100.0 - sum;
    if (rest < -1e-9) {
      char tb[16];
      return perr(c, MGE_E_INPUT, bal_b,
                  "balance '%s' below zero: the other amounts sum to %g%%, "
                  "over 100%%",
                  tok(c, bal_b, bal_e - bal_b, tb), sum);
    }
    if (rest > 0.0 && (rc = sink_add(c, k, &bal, rest, basis, bal_b, bal_e)))
      return rc;
  } else if (fabs(sum - 100.0) > MGE_PARSE_SUM_TOL_PCT) {
    return perr(c, MGE_E_INPUT, b,
                "amounts sum to %g%%, not 100%% (within %g); write the "
                "balance part without a number",
                sum, MGE_PARSE_SUM_TOL_PCT);
  }
  return MGE_OK;
}

/* ----------------------------------------------------------- entry points */

/* Does s[b..e) look like an alloy designation ("6062", "AZ92", "AA 7076")?
 * Used only to word the error when the lookup fails. */
static int looks_like_designation(const char *s, size_t b, size_t e) {
  size_t i = b;
  if (e - i >= 2 && to_lower(s[i]) == 'a' && to_lower(s[i + 1]) == 'a') {
    i += 2;
    while (i < e && is_space(s[i])) i++;
  }
  size_t L = 0;
  while (i < e && is_upper(s[i]) && L < 3) i++, L++;
  size_t D = 0;
  while (i < e && is_digit(s[i])) i++, D++;
  if (D < 2 || D > 4) return 0;
  if (i < e && is_upper(s[i])) i++;
  if (i + 1 < e && s[i] == '.' && is_digit(s[i + 1])) i += 2;
  return i == e && (L == 0 ? D == 4 : 1);
}

typedef struct span {
  size_t b, e;
  basis_sfx bs;
} span;

#define NUL_TERMINATED ((size_t)-1)

/* len: the text's length, or NUL_TERMINATED. */
static int prepare(pctx *c, const char *text, size_t len, mge_error *err,
                   span *sp) {
  c->err = err;
  c->s = text ? text : "";
  if (!text)
    c->n = 0;
  else if (len == NUL_TERMINATED)
    c->n = strnlen(text, MGE_PARSE_MAX_LEN + 1);
  else
    c->n = len;
  if (!text) return mge_error_set_at(err, MGE_E_INPUT, SRC, 1, 1, "no input");
  if (c->n > MGE_PARSE_MAX_LEN)
    return mge_error_set_at(err, MGE_E_LIMIT, SRC, 1, MGE_PARSE_MAX_LEN + 1,
                            "input longer than %d characters",
                            MGE_PARSE_MAX_LEN);
  size_t b = 0, e = c->n;
  while (b < e && is_space(c->s[b])) b++;
  while (e > b && is_space(c->s[e - 1])) e--;
  if (b == e)
    return mge_error_set_at(err, MGE_E_INPUT, SRC, 1, 1, "empty composition");
  int rc = parse_basis(c, b, &e, &sp->bs);
  if (rc) return rc;
  sp->b = b;
  sp->e = e;
  return MGE_OK;
}

/* After a failed parse (status rc_parse, error already in c->err): the
 * designation's composition, or a better worded error if the text looks
 * like an unknown designation, or rc_parse with the error left alone. */
static int try_designation(const pctx *c, const span *sp, int rc_parse,
                           mge_comp *out, mge_comp_info *info) {
  int d = mge__designation_find(c->s + sp->b, sp->e - sp->b);
  if (d < 0) {
    if (looks_like_designation(c->s, sp->b, sp->e)) {
      char tb[16];
      return perr(
          c, MGE_E_INPUT, sp->b,
          "unknown alloy designation '%s' (mge comp --list-designations "
          "lists the known ones)",
          tok(c, sp->b, sp->e - sp->b, tb));
    }
    return rc_parse;
  }
  mge_error e2;
  if (mge_designation_comp(d, out, &e2))
    return perr(c, e2.code, sp->b, "%s", e2.message);
  mge_error_clear(c->err);
  if (info) {
    info->notation = MGE_NOTATION_DESIGNATION;
    info->basis = MGE_BASIS_MASS;
    info->designation = d;
  }
  return MGE_OK;
}

static int comp_parse(const char *text, size_t len, mge_comp *out,
                      mge_comp_info *info, mge_error *err) {
  pctx c;
  span sp;
  int rc = prepare(&c, text, len, err, &sp);
  if (rc) return rc;
  if (info) {
    info->designation = -1;
    info->notation = MGE_NOTATION_FORMULA;
    info->basis = MGE_BASIS_MOLE;
  }
  if (!out) return mge_error_set(err, MGE_E_INPUT, "no output");
  const char *s = c.s;
  if (is_digit(s[sp.b]) || has_dash(s, sp.b, sp.e)) {
    sink k;
    k.el.n = 0;
    k.rec = NULL;
    k.any_compound = 0;
    rc = parse_list(&c, sp.b, sp.e, &sp.bs, &k);
    if (rc == MGE_OK) rc = acc_to_comp(&c, &k.el, sp.b, out);
    if (rc == MGE_OK) {
      if (info) {
        info->notation =
            k.any_compound ? MGE_NOTATION_RECIPE : MGE_NOTATION_ALLOY;
        info->basis = sp.bs.has ? sp.bs.basis : MGE_BASIS_MASS;
      }
      return MGE_OK;
    }
  } else {
    acc f;
    rc = parse_formula(&c, sp.b, sp.e, &f);
    if (rc == MGE_OK) {
      mge_basis basis = sp.bs.has ? sp.bs.basis : MGE_BASIS_MOLE;
      double tot = acc_total(&f);
      if (basis == MGE_BASIS_MASS) {
        for (int k = 0; k < f.n && rc == MGE_OK; k++) {
          const mge_element *el = mge_element_by_Z(f.Z[k]);
          if (!el || !(el->atomic_weight > 0.0))
            rc = perr(&c, MGE_E_INPUT, sp.b,
                      "%s has no atomic weight: a mass basis cannot be used",
                      el ? el->symbol : "?");
          else
            f.a[k] /= el->atomic_weight;
        }
      }
      if (rc == MGE_OK) rc = acc_to_comp(&c, &f, sp.b, out);
      if (rc == MGE_OK) {
        out->natoms = sp.bs.has ? 1.0 : tot;
        if (info) info->basis = basis;
        return MGE_OK;
      }
    }
  }
  if (rc == MGE_E_LIMIT) return rc;
  return try_designation(&c, &sp, rc, out, info);
}

int mge_comp_parse_info(const char *text, mge_comp *out, mge_comp_info *info,
                        mge_error *err) {
  return comp_parse(text, NUL_TERMINATED, out, info, err);
}

int mge_comp_parse_n(const char *text, size_t len, mge_comp *out,
                     mge_comp_info *info, mge_error *err) {
  return comp_parse(text, len, out, info, err);
}

int mge_comp_parse(const char *text, mge_comp *out, mge_error *err) {
  return comp_parse(text, NUL_TERMINATED, out, NULL, err);
}

int mge_recipe_parse(const char *text, mge_recipe *out, mge_error *err) {
  pctx c;
  span sp;
  int rc = prepare(&c, text, NUL_TERMINATED, err, &sp);
  if (rc) return rc;
  if (!out) return mge_error_set(err, MGE_E_INPUT, "no output");
  const char *s = c.s;
  sink k;
  k.rec = out;
  k.any_compound = 0;
  out->n = 0;
  if (is_digit(s[sp.b]) || has_dash(s, sp.b, sp.e)) {
    rc = parse_list(&c, sp.b, sp.e, &sp.bs, &k);
  } else {
    acc f;
    rc = parse_formula(&c, sp.b, sp.e, &f);
    if (rc == MGE_OK)
      rc = sink_add(&c, &k, &f, 1.0, MGE_BASIS_MOLE, sp.b, sp.e);
  }
  if (rc != MGE_OK && rc != MGE_E_LIMIT) {
    mge_comp dc;
    int rd = try_designation(&c, &sp, rc, &dc, NULL);
    if (rd) return rd;
    {
      /* A designation as a recipe of its elements. */
      out->n = dc.n;
      for (int i = 0; i < dc.n; i++) {
        const mge_element *el = mge_element_by_Z(dc.Z[i]);
        snprintf(out->formula[i], MGE_COMPOUND_NAME, "%s", el->symbol);
        out->unit[i].n = 1;
        out->unit[i].Z[0] = dc.Z[i];
        out->unit[i].x[0] = 1.0;
        out->unit[i].natoms = 1.0;
        out->x[i] = dc.x[i];
      }
      return MGE_OK;
    }
  }
  if (rc) return rc;
  double sum = 0.0;
  for (int i = 0; i < out->n; i++) sum += k.amt[i];
  if (out->n < 1 || !(sum > 0.0))
    return perr(&c, MGE_E_INPUT, sp.b, "no compound has a positive amount");
  int m = 0;
  for (int i = 0; i < out->n; i++) {
    if (!(k.amt[i] > 0.0)) continue;
    if (m != i) {
      memcpy(out->formula[m], out->formula[i], MGE_COMPOUND_NAME);
      out->unit[m] = out->unit[i];
    }
    out->x[m++] = k.amt[i] / sum;
  }
  out->n = m;
  return MGE_OK;
}
