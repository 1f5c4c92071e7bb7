/* TDB (Thermo-Calc database) reader.
 *
 * The file is split into commands terminated by '!' ('$' starts a comment
 * to the end of the line; quotes protect text in LIST_OF_REFERENCES). Each
 * command keeps the line and column of every character so that errors name
 * file:line:column. Pass 1 records elements, species, functions (their body
 * text), type definitions, phases, constituents and parameters; pass 2
 * compiles every parameter to a piecewise polynomial, inlining functions
 * (compiled once each, on first use). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thermo/pw_internal.h"
#include "thermo/thermo_internal.h"

typedef struct ctx {
  mge_tdb *db;
  tdb_cmd *cmd;
  int ncmd, capcmd;
  mge_error *err;
  int depth;
  int unknown; /* the last error was an unresolved name */
  /* parameters' body positions (pass 2) */
  int *par_cmd, *par_body;
  int fn_cap, ph_cap, par_cap, el_cap, sp_cap, ty_cap, ref_cap;
} ctx;

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

static int err_at(ctx *c, const tdb_cmd *cm, int pos, const char *fmt,
                  const char *a) {
  int line = 0, col = 0;
  if (cm && cm->len > 0) {
    if (pos >= cm->len) pos = cm->len - 1;
    if (pos < 0) pos = 0;
    line = cm->line[pos];
    col = cm->col[pos];
  }
  char msg[300];
  snprintf(msg, sizeof msg, fmt, a ? a : "");
  return mge_error_set_at(c->err, MGE_E_INPUT, c->db->source, line, col, "%s",
                          msg);
}

static void upcase(char *s) {
  for (; *s; s++) *s = (char)toupper((unsigned char)*s);
}

static int ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (toupper((unsigned char)*a) != toupper((unsigned char)*b)) return 0;
  return *a == *b;
}

/* ------------------------------------------------------------- splitting */

static int cmd_push(ctx *c, tdb_cmd *cur, int *cap, char ch, int line,
                    int col) {
  if (cur->len + 2 > *cap) {
    int nc = *cap ? 2 * *cap : 256;
    char *s = realloc(cur->s, (size_t)nc);
    if (!s) return -1;
    cur->s = s;
    int *l = realloc(cur->line, (size_t)nc * sizeof *l);
    if (!l) return -1;
    cur->line = l;
    int *k = realloc(cur->col, (size_t)nc * sizeof *k);
    if (!k) return -1;
    cur->col = k;
    *cap = nc;
  }
  cur->s[cur->len] = ch;
  cur->line[cur->len] = line;
  cur->col[cur->len] = col;
  cur->len++;
  cur->s[cur->len] = '\0';
  return 0;
}

/* Keyword abbreviation: every '_'/'-' separated part of w is a prefix of the
 * corresponding part of kw. */
static int kw_match(const char *w, const char *kw) {
  while (*w) {
    const char *kp = kw;
    while (*w && *w != '_' && *w != '-') {
      if (!*kp || *kp == '_') return 0;
      if (toupper((unsigned char)*w) != *kp) return 0;
      w++;
      kp++;
    }
    while (*kp && *kp != '_') kp++;
    if (*w) {
      w++;
      if (!*kp) return 0;
      kp++;
    }
    kw = kp;
  }
  return 1;
}

static int is_refs_word(const char *w) {
  return kw_match(w, "LIST_OF_REFERENCES") || kw_match(w, "ADD_REFERENCES");
}

static int split_commands(ctx *c, const char *text, size_t n) {
  tdb_cmd cur = {0};
  int cap = 0, line = 1, col = 0;
  int comment = 0, quote = 0, refs = -1; /* refs: -1 unknown, 0 no, 1 yes */
  char first[40];
  int nfirst = 0, first_done = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)text[i];
    if (ch == '\n') {
      line++;
      col = 0;
      comment = 0;
    } else {
      col++;
    }
    if (comment) continue;
    if (ch == '$' && !quote) {
      comment = 1;
      continue;
    }
    if (ch == '!' && !quote) {
      /* end of command: keep it if it has any non-space text */
      int any = 0;
      for (int k = 0; k < cur.len; k++)
        if (cur.s[k] != ' ') any = 1;
      if (any) {
        GROW(c->cmd, c->ncmd, c->capcmd);
        c->cmd[c->ncmd++] = cur;
      } else {
        free(cur.s);
        free(cur.line);
        free(cur.col);
      }
      memset(&cur, 0, sizeof cur);
      cap = 0;
      nfirst = first_done = 0;
      refs = -1;
      quote = 0;
      continue;
    }
    char put = (ch < 32 || ch == 127) ? ' ' : (char)ch;
    if (ch == '\n' && refs == 1) put = '\n';
    if (!first_done) {
      if (put != ' ') {
        if (nfirst < (int)sizeof first - 1) first[nfirst++] = put;
      } else if (nfirst > 0) {
        first[nfirst] = '\0';
        first_done = 1;
        refs = is_refs_word(first);
      }
    }
    if (refs == 1 && ch == '\'') quote = !quote;
    if (cmd_push(c, &cur, &cap, put, line, col))
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  }
  int any = 0;
  for (int k = 0; k < cur.len; k++)
    if (cur.s[k] != ' ') any = 1;
  if (any && refs == 1) { /* a reference list may run to the end of file */
    GROW(c->cmd, c->ncmd, c->capcmd);
    c->cmd[c->ncmd++] = cur;
    return 0;
  }
  if (any) {
    int p = 0;
    while (cur.s[p] == ' ' || cur.s[p] == '\n') p++;
    int r = mge_error_set_at(c->err, MGE_E_INPUT, c->db->source, cur.line[p],
                             cur.col[p],
                             "command not terminated by '!' at end of file");
    free(cur.s);
    free(cur.line);
    free(cur.col);
    return r;
  }
  free(cur.s);
  free(cur.line);
  free(cur.col);
  return 0;
}

/* ------------------------------------------------------------ scanning */

static void skip_ws(const tdb_cmd *cm, int *p) {
  while (*p < cm->len && (cm->s[*p] == ' ' || cm->s[*p] == '\n')) (*p)++;
}

/* Next whitespace-delimited word into w (capacity cap). Returns its start
 * or -1 at end. */
static int next_word(const tdb_cmd *cm, int *p, char *w, int cap) {
  skip_ws(cm, p);
  if (*p >= cm->len) return -1;
  int start = *p, k = 0;
  while (*p < cm->len && cm->s[*p] != ' ' && cm->s[*p] != '\n') {
    if (k < cap - 1) w[k++] = cm->s[*p];
    (*p)++;
  }
  w[k] = '\0';
  return start;
}

static int scan_number(const tdb_cmd *cm, int *p, double *v) {
  int q = *p;
  const char *s = cm->s;
  if (q < cm->len && (s[q] == '+' || s[q] == '-')) q++;
  int digits = 0;
  while (q < cm->len && isdigit((unsigned char)s[q])) q++, digits++;
  if (q < cm->len && s[q] == '.') {
    q++;
    while (q < cm->len && isdigit((unsigned char)s[q])) q++, digits++;
  }
  if (!digits) return -1;
  if (q < cm->len &&
      (s[q] == 'E' || s[q] == 'e' || s[q] == 'D' || s[q] == 'd')) {
    int r = q + 1;
    if (r < cm->len && (s[r] == '+' || s[r] == '-')) r++;
    if (r < cm->len && isdigit((unsigned char)s[r])) {
      while (r < cm->len && isdigit((unsigned char)s[r])) r++;
      q = r;
    }
  }
  char buf[64];
  int n = q - *p;
  if (n >= (int)sizeof buf) return -1;
  memcpy(buf, s + *p, (size_t)n);
  buf[n] = '\0';
  for (int i = 0; i < n; i++)
    if (buf[i] == 'D' || buf[i] == 'd') buf[i] = 'E';
  *v = strtod(buf, NULL);
  if (!isfinite(*v)) return -1;
  *p = q;
  return 0;
}

static int word_number(const char *w, double *v) {
  char *end;
  if (!*w || !(isdigit((unsigned char)*w) || strchr("+-.", *w))) return -1;
  *v = strtod(w, &end);
  if (*end == ',') end++; /* "0.400," */
  if (*end || !isfinite(*v)) return -1;
  return 0;
}

/* ------------------------------------------------------------ expressions */

static int compile_function(ctx *c, int f, const tdb_cmd *from, int pos);
static int parse_expr(ctx *c, const tdb_cmd *cm, int *p, tm_pw *out);

static int is_ident_start(char ch) {
  return isalpha((unsigned char)ch) || ch == '_';
}
static int is_ident(char ch) {
  return isalnum((unsigned char)ch) || ch == '_';
}

static int find_function(const mge_tdb *db, const char *name) {
  for (int i = 0; i < db->nfn; i++)
    if (ieq(db->fn[i].name, name)) return i;
  return -1;
}

static int pw_ln(ctx *c, const tdb_cmd *cm, int pos, tm_pw *x) {
  for (int s = 0; s < x->nseg; s++) {
    tm_poly *q = &x->seg[s];
    if (q->n != 1 || q->t[0].c <= 0 || q->t[0].lnt || q->t[0].lnp)
      return err_at(c, cm, pos,
                    "LN/LOG of an expression that is not a positive "
                    "monomial in T and P is not supported%s",
                    "");
    tm_term t = q->t[0];
    tm_poly r = {0};
    tm_term k = {log(t.c), 0, 0, 0, 0};
    tm_term a = {t.tp, 0, 1, 0, 0};
    tm_term b = {t.pp, 0, 0, 0, 1};
    if (tm_poly_add_term(&r, k) || tm_poly_add_term(&r, a) ||
        tm_poly_add_term(&r, b)) {
      tm_poly_free(&r);
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    }
    tm_poly_free(q);
    *q = r;
  }
  return 0;
}

static int parse_primary(ctx *c, const tdb_cmd *cm, int *p, tm_pw *out) {
  skip_ws(cm, p);
  if (*p >= cm->len || cm->s[*p] == ';')
    return err_at(c, cm, *p,
                  "expected a number, T, P, a function name or "
                  "'(' in expression%s",
                  "");
  char ch = cm->s[*p];
  int start = *p;
  if (isdigit((unsigned char)ch) || ch == '.') {
    double v;
    if (scan_number(cm, p, &v)) return err_at(c, cm, start, "bad number%s", "");
    if (tm_pw_const(out, v))
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    return 0;
  }
  if (ch == '(') {
    (*p)++;
    int rc = parse_expr(c, cm, p, out);
    if (rc) return rc;
    skip_ws(cm, p);
    if (*p >= cm->len || cm->s[*p] != ')') {
      tm_pw_free(out);
      return err_at(c, cm, *p, "expected ')'%s", "");
    }
    (*p)++;
    return 0;
  }
  if (!is_ident_start(ch))
    return err_at(c, cm, start, "unexpected character '%s' in expression",
                  (char[]){ch, 0});
  char name[TM_NAME];
  int k = 0;
  while (*p < cm->len && is_ident(cm->s[*p])) {
    if (k < TM_NAME - 1) name[k++] = cm->s[*p];
    (*p)++;
  }
  name[k] = '\0';
  upcase(name);
  skip_ws(cm, p);
  if (!strcmp(name, "LN") || !strcmp(name, "LOG") || !strcmp(name, "EXP")) {
    if (*p >= cm->len || cm->s[*p] != '(')
      return err_at(c, cm, *p, "expected '(' after %s", name);
    if (!strcmp(name, "EXP"))
      return err_at(c, cm, start, "EXP() is not supported by this reader%s",
                    "");
    (*p)++;
    int rc = parse_expr(c, cm, p, out);
    if (rc) return rc;
    skip_ws(cm, p);
    if (*p >= cm->len || cm->s[*p] != ')') {
      tm_pw_free(out);
      return err_at(c, cm, *p, "expected ')'%s", "");
    }
    (*p)++;
    rc = pw_ln(c, cm, start, out);
    if (rc) tm_pw_free(out);
    return rc;
  }
  if (*p < cm->len && cm->s[*p] == '#') (*p)++;
  if (!strcmp(name, "T") || !strcmp(name, "P")) {
    tm_poly q = {0};
    tm_term t = {1, 0, 0, 0, 0};
    if (name[0] == 'T')
      t.tp = 1;
    else
      t.pp = 1;
    if (tm_poly_add_term(&q, t) || tm_pw_from_poly(out, &q)) {
      tm_poly_free(&q);
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    }
    return 0;
  }
  int f = find_function(c->db, name);
  if (f < 0 && !strcmp(name, "R")) { /* the gas constant, built in */
    if (tm_pw_const(out, TM_R))
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    return 0;
  }
  if (f < 0 && !strcmp(name, "RTLNP")) {
    /* R*T*LN(1E-5*P): the SGTE gas-phase pressure term, which databases
     * such as COST507.tdb use without defining it (their own definition,
     * "FUNCTION RTLNP 298.15 8.31451*T*LN(1.E-5*P)", is commented out) */
    tm_poly q = {0};
    tm_term a = {TM_R, 1, 0, 0, 1}, b = {TM_R * log(1e-5), 1, 0, 0, 0};
    if (tm_poly_add_term(&q, a) || tm_poly_add_term(&q, b) ||
        tm_pw_from_poly(out, &q)) {
      tm_poly_free(&q);
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    }
    return 0;
  }
  if (f < 0) {
    c->unknown = 1;
    return err_at(c, cm, start, "unknown function '%s'", name);
  }
  int rc = compile_function(c, f, cm, start);
  if (rc) return rc;
  if (tm_pw_copy(out, &c->db->fn[f].pw))
    return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  return 0;
}

static int parse_int_exponent(ctx *c, const tdb_cmd *cm, int *p, int *e) {
  skip_ws(cm, p);
  int paren = 0, start = *p;
  if (*p < cm->len && cm->s[*p] == '(') {
    paren = 1;
    (*p)++;
    skip_ws(cm, p);
  }
  double v;
  if (scan_number(cm, p, &v) || v != floor(v) || fabs(v) > 60)
    return err_at(c, cm, start,
                  "exponent must be an integer between -60 and 60%s", "");
  if (paren) {
    skip_ws(cm, p);
    if (*p >= cm->len || cm->s[*p] != ')')
      return err_at(c, cm, *p, "expected ')'%s", "");
    (*p)++;
  }
  *e = (int)v;
  return 0;
}

static int pw_pow(ctx *c, const tdb_cmd *cm, int pos, tm_pw *x, int e) {
  if (e < 0) {
    for (int s = 0; s < x->nseg; s++) {
      tm_poly *q = &x->seg[s];
      if (q->n != 1 || q->t[0].c == 0)
        return err_at(c, cm, pos, "negative power of a sum is not supported%s",
                      "");
      tm_term *t = &q->t[0];
      if (t->lnt || t->lnp)
        return err_at(c, cm, pos, "negative power of LN is not supported%s",
                      "");
      t->c = pow(t->c, e);
      int tp = t->tp * e, pp = t->pp * e;
      if (abs(tp) > 100 || abs(pp) > 100)
        return err_at(c, cm, pos, "power too large%s", "");
      t->tp = (signed char)tp;
      t->pp = (signed char)pp;
    }
    return 0;
  }
  tm_pw r;
  if (tm_pw_const(&r, 1))
    return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  for (int i = 0; i < e; i++) {
    tm_pw t;
    if (tm_pw_combine(&t, &r, x, 1, 0)) {
      tm_pw_free(&r);
      return err_at(c, cm, pos, "expression too large%s", "");
    }
    tm_pw_free(&r);
    r = t;
  }
  tm_pw_free(x);
  *x = r;
  return 0;
}

static int parse_factor(ctx *c, const tdb_cmd *cm, int *p, tm_pw *out) {
  skip_ws(cm, p);
  if (*p < cm->len && (cm->s[*p] == '+' || cm->s[*p] == '-')) {
    int neg = cm->s[*p] == '-';
    (*p)++;
    if (++c->depth > 200) return err_at(c, cm, *p, "expression too deep%s", "");
    int rc = parse_factor(c, cm, p, out);
    c->depth--;
    if (rc) return rc;
    if (neg) tm_pw_scale(out, -1);
    return 0;
  }
  int start = *p;
  int rc = parse_primary(c, cm, p, out);
  if (rc) return rc;
  skip_ws(cm, p);
  if (*p + 1 < cm->len && cm->s[*p] == '*' && cm->s[*p + 1] == '*') {
    *p += 2;
    int e = 0;
    rc = parse_int_exponent(c, cm, p, &e);
    if (!rc) rc = pw_pow(c, cm, start, out, e);
    if (rc) tm_pw_free(out);
    return rc;
  }
  return 0;
}

static int parse_term(ctx *c, const tdb_cmd *cm, int *p, tm_pw *out) {
  int rc = parse_factor(c, cm, p, out);
  if (rc) return rc;
  for (;;) {
    skip_ws(cm, p);
    if (*p >= cm->len) return 0;
    char ch = cm->s[*p];
    if (ch != '*' && ch != '/') return 0;
    if (ch == '*' && *p + 1 < cm->len && cm->s[*p + 1] == '*') return 0;
    int opos = *p;
    (*p)++;
    tm_pw b, r;
    rc = parse_factor(c, cm, p, &b);
    if (rc) {
      tm_pw_free(out);
      return rc;
    }
    if (ch == '/') {
      rc = pw_pow(c, cm, opos, &b, -1);
      if (rc) {
        tm_pw_free(&b);
        tm_pw_free(out);
        return rc;
      }
    }
    if (tm_pw_combine(&r, out, &b, 1, 0)) {
      tm_pw_free(&b);
      tm_pw_free(out);
      return err_at(c, cm, opos, "expression too large%s", "");
    }
    tm_pw_free(&b);
    tm_pw_free(out);
    *out = r;
  }
}

static int parse_expr(ctx *c, const tdb_cmd *cm, int *p, tm_pw *out) {
  if (++c->depth > 200) return err_at(c, cm, *p, "expression too deep%s", "");
  int rc = parse_term(c, cm, p, out);
  while (!rc) {
    skip_ws(cm, p);
    if (*p >= cm->len || (cm->s[*p] != '+' && cm->s[*p] != '-')) break;
    double s = cm->s[*p] == '-' ? -1 : 1;
    int opos = *p;
    (*p)++;
    tm_pw b, r;
    rc = parse_term(c, cm, p, &b);
    if (rc) {
      tm_pw_free(out);
      break;
    }
    if (tm_pw_combine(&r, out, &b, 0, s)) {
      tm_pw_free(&b);
      tm_pw_free(out);
      rc = err_at(c, cm, opos, "expression too large%s", "");
      break;
    }
    tm_pw_free(&b);
    tm_pw_free(out);
    *out = r;
  }
  c->depth--;
  return rc;
}

/* "Tlo expr ; Thi Y expr ; Thi N [ref]" starting at *p. */
static int parse_piecewise(ctx *c, const tdb_cmd *cm, int *p, tm_pw *out,
                           char *ref, int refcap) {
  memset(out, 0, sizeof *out);
  skip_ws(cm, p);
  double tlo;
  int start = *p;
  if (*p < cm->len && cm->s[*p] == ',') {
    tlo = 298.15;
    (*p)++;
  } else if (scan_number(cm, p, &tlo)) {
    return err_at(c, cm, start, "expected the lower temperature limit%s", "");
  }
  tm_pw acc = {0};
  int nseg = 0;
  double last = tlo;
  for (;;) {
    tm_pw e;
    int rc = parse_expr(c, cm, p, &e);
    if (rc) {
      tm_pw_free(&acc);
      return rc;
    }
    skip_ws(cm, p);
    if (*p >= cm->len || cm->s[*p] != ';') {
      tm_pw_free(&e);
      tm_pw_free(&acc);
      return err_at(c, cm, *p, "expected ';' after expression%s", "");
    }
    (*p)++;
    skip_ws(cm, p);
    double thi;
    int tpos = *p;
    if (*p < cm->len && cm->s[*p] == ',') {
      thi = 6000;
      (*p)++;
    } else if (scan_number(cm, p, &thi)) {
      tm_pw_free(&e);
      tm_pw_free(&acc);
      return err_at(c, cm, tpos, "expected the upper temperature limit%s", "");
    }
    if (thi < last) {
      tm_pw_free(&e);
      tm_pw_free(&acc);
      return err_at(c, cm, tpos, "temperature limits not ascending%s", "");
    }
    /* this expression applies on [last, thi) */
    if (nseg == 0) {
      acc = e;
    } else {
      /* splice: segments of acc below `last`, segments of e above */
      tm_pw r;
      if (tm_pw_copy(&r, &acc)) {
        tm_pw_free(&e);
        tm_pw_free(&acc);
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      }
      /* build a step pw: acc on (-inf,last), e on [last, inf) */
      tm_pw s = {0};
      int n1 = acc.nseg, n2 = e.nseg;
      int k1 = 0;
      while (k1 < n1 - 1 && acc.bp[k1] < last) k1++;
      int k2 = 0;
      while (k2 < n2 - 1 && e.bp[k2] <= last) k2++;
      s.nseg = (k1 + 1) + (n2 - k2);
      s.seg = calloc((size_t)s.nseg, sizeof *s.seg);
      s.bp = malloc((size_t)s.nseg * sizeof *s.bp);
      int ok = s.seg && s.bp;
      int j = 0;
      for (int i = 0; ok && i <= k1; i++, j++) {
        ok = !tm_poly_copy(&s.seg[j], &acc.seg[i]);
        if (i < k1) s.bp[j] = acc.bp[i];
      }
      if (ok) s.bp[k1] = last;
      for (int i = k2; ok && i < n2; i++, j++) {
        ok = !tm_poly_copy(&s.seg[j], &e.seg[i]);
        if (i < n2 - 1) s.bp[j] = e.bp[i];
      }
      tm_pw_free(&r);
      tm_pw_free(&e);
      tm_pw_free(&acc);
      if (!ok) {
        tm_pw_free(&s);
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      }
      acc = s;
    }
    nseg++;
    last = thi;
    if (nseg > 64) {
      tm_pw_free(&acc);
      return err_at(c, cm, tpos, "too many temperature ranges%s", "");
    }
    skip_ws(cm, p);
    char flag = *p < cm->len ? (char)toupper((unsigned char)cm->s[*p]) : 'N';
    int more = 0;
    if (flag == 'Y' &&
        (*p + 1 >= cm->len || cm->s[*p + 1] == ' ' || cm->s[*p + 1] == '+' ||
         cm->s[*p + 1] == '-' || isdigit((unsigned char)cm->s[*p + 1]))) {
      more = 1;
      (*p)++;
    } else if (flag == 'N' && (*p + 1 >= cm->len || cm->s[*p + 1] == ' ')) {
      (*p)++;
    }
    if (!more) break;
  }
  acc.tlo = tlo;
  acc.thi = last;
  *out = acc;
  if (ref) {
    char w[64];
    ref[0] = '\0';
    if (next_word(cm, p, w, sizeof w) >= 0)
      snprintf(ref, (size_t)refcap, "%.31s", w);
  }
  return 0;
}

static int compile_function(ctx *c, int f, const tdb_cmd *from, int pos) {
  tdb_function *fn = &c->db->fn[f];
  if (fn->state == 2) return 0;
  if (fn->state == 3) {
    c->unknown = 1;
    return mge_error_set(c->err, MGE_E_INPUT, "%s", fn->bad);
  }
  if (fn->state == 1)
    return err_at(c, from, pos, "function '%s' refers to itself", fn->name);
  if (c->depth > 150)
    return err_at(c, from, pos, "functions nested too deeply at '%s'",
                  fn->name);
  fn->state = 1;
  int p = fn->body;
  tm_pw pw;
  c->depth++;
  int rc = parse_piecewise(c, &c->cmd[fn->cmd], &p, &pw, NULL, 0);
  c->depth--;
  if (rc && c->unknown) {
    char buf[MGE_ERROR_MSG_MAX + MGE_ERROR_SOURCE_MAX + 40];
    fn = &c->db->fn[f];
    fn->bad = strdup(mge_error_format(c->err, buf, sizeof buf));
    fn->state = 3;
    if (!fn->bad) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  }
  if (rc) return rc;
  fn = &c->db->fn[f];
  fn->pw = pw;
  fn->state = 2;
  return 0;
}

/* ------------------------------------------------------------ commands */

static int find_element(const mge_tdb *db, const char *name) {
  for (int i = 0; i < db->nel; i++)
    if (ieq(db->el[i].name, name)) return i;
  return -1;
}

static int find_species(const mge_tdb *db, const char *name) {
  for (int i = 0; i < db->nsp; i++)
    if (ieq(db->sp[i].name, name)) return i;
  return -1;
}

int tm_tdb_find_phase(const mge_tdb *db, const char *name) {
  for (int i = 0; i < db->nph; i++)
    if (ieq(db->ph[i].name, name)) return i;
  return -1;
}

static int cmd_element(ctx *c, tdb_cmd *cm, int p) {
  char w[TM_NAME];
  int pos = next_word(cm, &p, w, sizeof w);
  if (pos < 0) return err_at(c, cm, p, "ELEMENT needs a name%s", "");
  upcase(w);
  if (strlen(w) > 3) return err_at(c, cm, pos, "bad element name '%s'", w);
  if (find_element(c->db, w) >= 0)
    return err_at(c, cm, pos, "element '%s' defined twice", w);
  GROW(c->db->el, c->db->nel, c->el_cap);
  tdb_element *e = &c->db->el[c->db->nel];
  memset(e, 0, sizeof *e);
  snprintf(e->name, sizeof e->name, "%s", w);
  if (next_word(cm, &p, w, sizeof w) >= 0)
    snprintf(e->ref, sizeof e->ref, "%s", w);
  double v[3] = {0, 0, 0};
  for (int i = 0; i < 3; i++) {
    int q = next_word(cm, &p, w, sizeof w);
    if (q < 0) break;
    if (word_number(w, &v[i]))
      return err_at(c, cm, q, "bad number '%s' in ELEMENT", w);
  }
  e->mass = v[0];
  e->h298 = v[1];
  e->s298 = v[2];
  c->db->nel++;
  /* every element is also a species */
  GROW(c->db->sp, c->db->nsp, c->sp_cap);
  tdb_species *s = &c->db->sp[c->db->nsp++];
  memset(s, 0, sizeof *s);
  snprintf(s->name, sizeof s->name, "%s", e->name);
  s->nel = 1;
  s->el[0] = c->db->nel - 1;
  s->st[0] = 1;
  s->line = cm->line[pos];
  return 0;
}

static int cmd_species(ctx *c, tdb_cmd *cm, int p) {
  char name[TM_NAME], f[128];
  int pos = next_word(cm, &p, name, sizeof name);
  int fpos = next_word(cm, &p, f, sizeof f);
  if (pos < 0 || fpos < 0)
    return err_at(c, cm, p, "SPECIES needs a name and a formula%s", "");
  upcase(name);
  upcase(f);
  if (find_species(c->db, name) >= 0) return 0; /* repeated: keep first */
  GROW(c->db->sp, c->db->nsp, c->sp_cap);
  tdb_species *s = &c->db->sp[c->db->nsp];
  memset(s, 0, sizeof *s);
  snprintf(s->name, sizeof s->name, "%s", name);
  s->line = cm->line[pos];
  const char *q = f;
  while (*q && *q != '/') {
    int e = -1, len = 0;
    for (int l = 2; l >= 1 && e < 0; l--) {
      char sym[3] = {0};
      if ((int)strlen(q) < l) continue;
      memcpy(sym, q, (size_t)l);
      if (!isalpha((unsigned char)sym[0])) continue;
      e = find_element(c->db, sym);
      if (e >= 0) len = l;
    }
    if (e < 0)
      return err_at(c, cm, fpos, "unknown element in species formula '%s'", f);
    q += len;
    double n = 1;
    if (isdigit((unsigned char)*q) || *q == '.') {
      char *end;
      n = strtod(q, &end);
      q = end;
    }
    if (s->nel >= 12)
      return err_at(c, cm, fpos, "species formula too long '%s'", f);
    s->el[s->nel] = e;
    s->st[s->nel] = n;
    s->nel++;
  }
  if (*q == '/') s->charge = strtod(q + 1, NULL);
  c->db->nsp++;
  return 0;
}

static int cmd_function(ctx *c, int ci, int p) {
  tdb_cmd *cm = &c->cmd[ci];
  char name[TM_NAME];
  int pos = next_word(cm, &p, name, sizeof name);
  if (pos < 0) return err_at(c, cm, p, "FUNCTION needs a name%s", "");
  upcase(name);
  if (find_function(c->db, name) >= 0) return 0; /* first definition wins */
  GROW(c->db->fn, c->db->nfn, c->fn_cap);
  tdb_function *f = &c->db->fn[c->db->nfn++];
  memset(f, 0, sizeof *f);
  snprintf(f->name, sizeof f->name, "%s", name);
  f->cmd = ci;
  f->body = p;
  return 0;
}

static int cmd_typedef(ctx *c, tdb_cmd *cm, int p) {
  char w[TM_NAME];
  int pos = next_word(cm, &p, w, sizeof w);
  if (pos < 0) return err_at(c, cm, p, "TYPE_DEFINITION needs a code%s", "");
  GROW(c->db->ty, c->db->nty, c->ty_cap);
  tdb_typedef *t = &c->db->ty[c->db->nty];
  memset(t, 0, sizeof *t);
  t->code = w[0];
  char ges[TM_NAME], apd[TM_NAME], ph[TM_NAME], kind[TM_NAME] = "";
  if (next_word(cm, &p, ges, sizeof ges) < 0 || !ieq(ges, "GES")) {
    c->db->nty++;
    return 0; /* SEQ and other kinds carry no model information */
  }
  if (next_word(cm, &p, apd, sizeof apd) < 0 ||
      next_word(cm, &p, ph, sizeof ph) < 0) {
    c->db->nty++;
    return 0;
  }
  int kpos = next_word(cm, &p, kind, sizeof kind);
  upcase(kind);
  if (kpos >= 0 && kw_match(kind, "MAGNETIC")) {
    double v[2];
    for (int i = 0; i < 2; i++) {
      int q = next_word(cm, &p, w, sizeof w);
      if (q < 0 || word_number(w, &v[i]))
        return err_at(c, cm, q < 0 ? p : q,
                      "MAGNETIC needs the AFM factor and p%s", "");
    }
    t->magnetic = 1;
    t->afm = v[0];
    t->p = v[1];
    if (v[1] <= 0 || v[1] > 1)
      return err_at(c, cm, kpos, "magnetic structure factor p outside (0,1]%s",
                    "");
  } else if (kpos >= 0 && (kw_match(kind, "DIS_PART") ||
                           kw_match(kind, "DISORDERED_PART"))) {
    if (next_word(cm, &p, w, sizeof w) < 0)
      return err_at(c, cm, kpos, "DIS_PART needs a phase name%s", "");
    char *comma = strchr(w, ',');
    if (comma) *comma = '\0';
    upcase(w);
    snprintf(t->dis, sizeof t->dis, "%s", w);
  }
  upcase(ph);
  /* remember the target phase in dis when magnetic, as "@name" */
  if (t->magnetic)
    snprintf(t->dis, sizeof t->dis, "@%.60s", ph);
  else if (t->dis[0]) {
    char tmp[TM_NAME];
    snprintf(tmp, sizeof tmp, "%s", t->dis);
    snprintf(t->dis, sizeof t->dis, "%.30s=%.30s", ph, tmp);
  }
  c->db->nty++;
  return 0;
}

static void strip_phase_suffix(char *name) {
  char *colon = strchr(name, ':');
  if (colon) *colon = '\0';
  upcase(name);
}

static int cmd_phase(ctx *c, tdb_cmd *cm, int p) {
  /* MatCalc-style comments: everything after '>' is ignored */
  for (int i = p; i < cm->len; i++)
    if (cm->s[i] == '>') {
      cm->len = i;
      cm->s[i] = '\0';
      break;
    }
  char name[TM_NAME], w[TM_NAME];
  int pos = next_word(cm, &p, name, sizeof name);
  if (pos < 0) return err_at(c, cm, p, "PHASE needs a name%s", "");
  strip_phase_suffix(name);
  if (tm_tdb_find_phase(c->db, name) >= 0)
    return err_at(c, cm, pos, "phase '%s' defined twice", name);
  GROW(c->db->ph, c->db->nph, c->ph_cap);
  tdb_phase *ph = &c->db->ph[c->db->nph];
  memset(ph, 0, sizeof *ph);
  snprintf(ph->name, sizeof ph->name, "%s", name);
  ph->line = cm->line[pos];
  int q = next_word(cm, &p, w, sizeof w);
  if (q < 0) return err_at(c, cm, p, "PHASE needs type codes%s", "");
  snprintf(ph->types, sizeof ph->types, "%.15s", w);
  double ns;
  q = next_word(cm, &p, w, sizeof w);
  if (q < 0 || word_number(w, &ns) || ns != floor(ns) || ns < 1 ||
      ns > TM_MAXSUB)
    return err_at(c, cm, q < 0 ? p : q,
                  "PHASE needs a number of sublattices from 1 to 10%s", "");
  ph->nsub = (int)ns;
  for (int s = 0; s < ph->nsub; s++) {
    q = next_word(cm, &p, w, sizeof w);
    if (q < 0 || word_number(w, &ph->ratio[s]) || !(ph->ratio[s] > 0))
      return err_at(c, cm, q < 0 ? p : q,
                    "PHASE needs a positive site ratio for each sublattice%s",
                    "");
  }
  c->db->nph++;
  return 0;
}

static int cmd_constituent(ctx *c, tdb_cmd *cm, int p) {
  char name[TM_NAME];
  skip_ws(cm, &p);
  int pos = p, k = 0;
  while (p < cm->len && cm->s[p] != ' ' && cm->s[p] != ':') {
    if (k < TM_NAME - 1) name[k++] = cm->s[p];
    p++;
  }
  /* "LIQUID:L :AL,..." : a one-letter suffix after the name */
  if (p + 2 < cm->len && cm->s[p] == ':' &&
      isalpha((unsigned char)cm->s[p + 1]) &&
      (cm->s[p + 2] == ' ' || cm->s[p + 2] == ':'))
    p += 2;
  name[k] = '\0';
  strip_phase_suffix(name);
  int ph = tm_tdb_find_phase(c->db, name);
  if (ph < 0)
    return err_at(c, cm, pos, "CONSTITUENT for undefined phase '%s'", name);
  tdb_phase *P = &c->db->ph[ph];
  if (P->has_cons)
    return err_at(c, cm, pos, "constituents of '%s' given twice", name);
  skip_ws(cm, &p);
  if (p >= cm->len || cm->s[p] != ':')
    return err_at(c, cm, p, "expected ':' before the constituents%s", "");
  p++;
  for (int s = 0; s < P->nsub; s++) {
    int n = 0, cap = 0;
    int *list = NULL;
    for (;;) {
      skip_ws(cm, &p);
      char sp[TM_NAME];
      int spos = p, m = 0;
      while (p < cm->len && cm->s[p] != ',' && cm->s[p] != ':' &&
             cm->s[p] != ' ') {
        if (m < TM_NAME - 1) sp[m++] = cm->s[p];
        p++;
      }
      sp[m] = '\0';
      while (m > 0 && (sp[m - 1] == '%' || sp[m - 1] == '#')) sp[--m] = '\0';
      upcase(sp);
      skip_ws(cm, &p);
      if (!m) {
        free(list);
        return err_at(c, cm, spos, "expected a constituent name%s", "");
      }
      int si = find_species(c->db, sp);
      if (si < 0) {
        free(list);
        return err_at(c, cm, spos, "unknown species '%s'", sp);
      }
      if (n == cap) {
        cap = cap ? 2 * cap : 8;
        int *nl = realloc(list, (size_t)cap * sizeof *nl);
        if (!nl) {
          free(list);
          return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
        }
        list = nl;
      }
      list[n++] = si;
      if (p < cm->len && cm->s[p] == ',') {
        p++;
        continue;
      }
      if (p < cm->len && cm->s[p] == ':') {
        p++;
        break;
      }
      free(list);
      return err_at(c, cm, p, "expected ',' or ':' in constituents of '%s'",
                    name);
    }
    P->cons[s] = list;
    P->ncons[s] = n;
  }
  skip_ws(cm, &p);
  if (p < cm->len)
    return err_at(c, cm, p, "more sublattices than phase '%s' has", name);
  P->has_cons = 1;
  return 0;
}

static int cmd_parameter(ctx *c, int ci, int p) {
  tdb_cmd *cm = &c->cmd[ci];
  skip_ws(cm, &p);
  int pos = p;
  char type[16];
  int k = 0;
  while (p < cm->len && cm->s[p] != '(' && cm->s[p] != ' ') {
    if (k < 15) type[k++] = cm->s[p];
    p++;
  }
  type[k] = '\0';
  upcase(type);
  skip_ws(cm, &p);
  if (p >= cm->len || cm->s[p] != '(')
    return err_at(c, cm, p, "expected '(' after parameter type%s", "");
  p++;
  char phname[TM_NAME];
  skip_ws(cm, &p);
  int phpos = p;
  k = 0;
  while (p < cm->len && cm->s[p] != ',' && cm->s[p] != '&' && cm->s[p] != ')' &&
         cm->s[p] != ' ') {
    if (k < TM_NAME - 1) phname[k++] = cm->s[p];
    p++;
  }
  phname[k] = '\0';
  strip_phase_suffix(phname);
  int ph = tm_tdb_find_phase(c->db, phname);
  if (ph < 0) { /* kept as unresolved: it can never be used */
    GROW(c->db->par, c->db->npar, c->par_cap);
    tdb_param *bp = &c->db->par[c->db->npar];
    memset(bp, 0, sizeof *bp);
    bp->phase = -1;
    bp->kind = TP_OTHER;
    bp->line = cm->line[pos];
    bp->col = cm->col[pos];
    char buf[MGE_ERROR_MSG_MAX + MGE_ERROR_SOURCE_MAX + 40];
    mge_error e;
    mge_error_clear(&e);
    mge_error_set_at(&e, MGE_E_INPUT, c->db->source, cm->line[phpos],
                     cm->col[phpos], "parameter for undefined phase '%s'",
                     phname);
    bp->bad = strdup(mge_error_format(&e, buf, sizeof buf));
    if (!bp->bad) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    c->par_cmd[c->db->npar] = ci;
    c->par_body[c->db->npar] = p;
    c->db->npar++;
    return 0;
  }
  if (p < cm->len && cm->s[p] == '&') { /* mobility species: skip */
    while (p < cm->len && cm->s[p] != ',' && cm->s[p] != ')') p++;
  }
  skip_ws(cm, &p);
  if (p >= cm->len || cm->s[p] != ',')
    return err_at(c, cm, p, "expected ',' after the phase name%s", "");
  p++;
  GROW(c->db->par, c->db->npar, c->par_cap);
  tdb_param *par = &c->db->par[c->db->npar];
  memset(par, 0, sizeof *par);
  par->phase = ph;
  par->line = cm->line[pos];
  par->col = cm->col[pos];
  snprintf(par->type, sizeof par->type, "%.15s", type);
  if (!strcmp(type, "G") || !strcmp(type, "L"))
    par->kind = TP_G;
  else if (!strcmp(type, "TC"))
    par->kind = TP_TC;
  else if (!strcmp(type, "BMAGN") || !strcmp(type, "BM"))
    par->kind = TP_BM;
  else
    par->kind = TP_OTHER;
  int cap = 0, n = 0, s = 0;
  int *list = NULL;
  for (;;) {
    skip_ws(cm, &p);
    char sp[TM_NAME];
    int spos = p, m = 0;
    while (p < cm->len && !strchr(",:;) ", cm->s[p])) {
      if (m < TM_NAME - 1) sp[m++] = cm->s[p];
      p++;
    }
    sp[m] = '\0';
    upcase(sp);
    skip_ws(cm, &p);
    if (!m) {
      free(list);
      free(par->bad);
      par->bad = NULL;
      return err_at(c, cm, spos, "expected a constituent in parameter%s", "");
    }
    int wild = !strcmp(sp, "*");
    int si = wild ? -1 : find_species(c->db, sp);
    if (si < 0 && !wild) si = -2; /* unknown species */
    if (si == -2 && !par->bad) {
      char buf[MGE_ERROR_MSG_MAX + MGE_ERROR_SOURCE_MAX + 40];
      mge_error e;
      mge_error_clear(&e);
      mge_error_set_at(&e, MGE_E_INPUT, c->db->source, cm->line[spos],
                       cm->col[spos], "unknown species '%s' in parameter", sp);
      par->bad = strdup(mge_error_format(&e, buf, sizeof buf));
      if (!par->bad) {
        free(list);
        free(par->bad);
        par->bad = NULL;
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      }
    }
    if (n == cap) {
      cap = cap ? 2 * cap : 8;
      int *nl = realloc(list, (size_t)cap * sizeof *nl);
      if (!nl) {
        free(list);
        free(par->bad);
        par->bad = NULL;
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      }
      list = nl;
    }
    list[n++] = si;
    par->ncons[s]++;
    if (p >= cm->len) {
      free(list);
      free(par->bad);
      par->bad = NULL;
      return err_at(c, cm, p, "unterminated parameter name%s", "");
    }
    char d = cm->s[p++];
    if (d == ',') continue;
    if (d == ':') {
      if (++s >= TM_MAXSUB) {
        free(list);
        free(par->bad);
        par->bad = NULL;
        return err_at(c, cm, p, "too many sublattices in parameter%s", "");
      }
      continue;
    }
    if (d == ';' || d == ')') {
      s++;
      double ord = 0;
      if (d == ';') {
        skip_ws(cm, &p);
        int opos = p;
        if (scan_number(cm, &p, &ord) || ord != floor(ord) || ord < 0 ||
            ord > 20) {
          free(list);
          free(par->bad);
          par->bad = NULL;
          return err_at(c, cm, opos, "bad parameter order%s", "");
        }
        skip_ws(cm, &p);
        if (p >= cm->len || cm->s[p] != ')') {
          free(list);
          free(par->bad);
          par->bad = NULL;
          return err_at(c, cm, p, "expected ')'%s", "");
        }
        p++;
      }
      par->order = (int)ord;
      break;
    }
    free(list);
    free(par->bad);
    par->bad = NULL;
    return err_at(c, cm, p - 1, "unexpected character in parameter name%s", "");
  }
  par->nsub = s;
  par->cons = list;
  if (par->kind != TP_OTHER && c->db->ph[ph].nsub != s) {
    free(par->bad);
    par->bad = NULL;
    free(par->cons);
    par->cons = NULL;
    return err_at(c, cm, phpos,
                  "parameter has a different number of sublattices than "
                  "phase '%s'",
                  phname);
  }
  /* the body is compiled in pass 2 */
  c->par_cmd[c->db->npar] = ci;
  c->par_body[c->db->npar] = p;
  c->db->npar++;
  return 0;
}

static int add_ref(ctx *c, const char *key, char *text) {
  if (c->db->nref >= c->ref_cap) {
    int nc = c->ref_cap ? 2 * c->ref_cap : 16;
    tdb_ref *nr = realloc(c->db->ref, (size_t)nc * sizeof *nr);
    if (!nr) {
      free(text);
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    }
    c->db->ref = nr;
    c->ref_cap = nc;
  }
  snprintf(c->db->ref[c->db->nref].key, 32, "%.31s", key);
  c->db->ref[c->db->nref].text = text;
  c->db->nref++;
  return 0;
}

/* Reference lists without quotes: one reference per line, key first. */
static int refs_by_line(ctx *c, tdb_cmd *cm, int p) {
  while (p < cm->len) {
    int e = p;
    while (e < cm->len && cm->s[e] != '\n') e++;
    int q = p;
    while (q < e && cm->s[q] == ' ') q++;
    if (q < e) {
      char key[32];
      int k = 0;
      while (q < e && cm->s[q] != ' ') {
        if (k < 31) key[k++] = cm->s[q];
        q++;
      }
      key[k] = '\0';
      while (q < e && cm->s[q] == ' ') q++;
      int len = e - q;
      char *text = malloc((size_t)len + 1);
      if (!text) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      memcpy(text, cm->s + q, (size_t)len);
      while (len > 0 && text[len - 1] == ' ') len--;
      text[len] = '\0';
      int rc = add_ref(c, key, text);
      if (rc) return rc;
    }
    p = e + 1;
  }
  return 0;
}

static int cmd_refs(ctx *c, tdb_cmd *cm, int p) {
  if (!memchr(cm->s + p, '\'', (size_t)(cm->len - p)))
    return refs_by_line(c, cm, p);
  for (int i = p; i < cm->len; i++)
    if (cm->s[i] == '\n') cm->s[i] = ' ';
  for (;;) {
    char key[32];
    int pos = next_word(cm, &p, key, sizeof key);
    if (pos < 0) return 0;
    skip_ws(cm, &p);
    char *text = NULL;
    if (p < cm->len && cm->s[p] == '\'') {
      int q = ++p;
      while (p < cm->len && cm->s[p] != '\'') p++;
      int len = p - q;
      text = malloc((size_t)len + 1);
      if (!text) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      /* collapse runs of spaces (line breaks in the file) */
      int m = 0;
      for (int i = 0; i < len; i++) {
        char ch = cm->s[q + i];
        if (ch == ' ' && m > 0 && text[m - 1] == ' ') continue;
        text[m++] = ch;
      }
      text[m] = '\0';
      if (p < cm->len) p++;
    } else {
      text = malloc(1);
      if (!text) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      text[0] = '\0';
    }
    int rc = add_ref(c, key, text);
    if (rc) return rc;
  }
}

static int cmd_info(ctx *c, tdb_cmd *cm, int p) {
  skip_ws(cm, &p);
  int len = cm->len - p;
  char *t = malloc((size_t)len + 1);
  if (!t) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  int m = 0;
  for (int i = 0; i < len; i++) {
    char ch = cm->s[p + i];
    if (ch == '\'') ch = '\n';
    if (ch == ' ' && m > 0 && (t[m - 1] == ' ' || t[m - 1] == '\n')) continue;
    t[m++] = ch;
  }
  while (m > 0 && t[m - 1] == ' ') m--;
  t[m] = '\0';
  free(c->db->info);
  c->db->info = t;
  return 0;
}

static const char *const ignored[] = {
    "DEFINE_SYSTEM_DEFAULT", "DEFAULT_COMMAND", "TEMPERATURE_LIMITS",
    "VERSION_DATE",          "VERSION_DATA",    "DEFINE_ELEMENTS",
    "ASSESSED_SYSTEMS",      "REFERENCE_FILE",  "DIFFUSION",
    "ZERO_VOLUME_SPECIES",   "TABLE",           "OPTIONS",
    "DATABASE_OPTION",       "FTP_FILE",        NULL};

/* Apply type definitions to phases: a magnetic GES A_P_D definition
 * applies to every phase that lists its code (as pycalphad does); a
 * DIS_PART definition applies to the phase it names, when that phase lists
 * the code. */
static int apply_typedefs(ctx *c) {
  mge_tdb *db = c->db;
  for (int i = 0; i < db->nph; i++) {
    tdb_phase *ph = &db->ph[i];
    for (const char *t = ph->types; *t; t++)
      for (int j = 0; j < db->nty; j++) {
        tdb_typedef *ty = &db->ty[j];
        if (ty->code != *t) continue;
        if (ty->magnetic) {
          ph->magnetic = 1;
          ph->afm = ty->afm;
          ph->pmag = ty->p;
        } else if (!ty->magnetic && ty->dis[0]) {
          const char *eq = strchr(ty->dis, '=');
          if (!eq) continue;
          char target[TM_NAME];
          snprintf(target, sizeof target, "%.*s", (int)(eq - ty->dis), ty->dis);
          if (ieq(target, ph->name) && !ieq(eq + 1, ph->name))
            snprintf(ph->dis, sizeof ph->dis, "%s", eq + 1);
        }
      }
  }
  for (int i = 0; i < db->nph; i++) {
    tdb_phase *ph = &db->ph[i];
    if (ph->dis[0]) {
      int d = tm_tdb_find_phase(db, ph->dis);
      if (d < 0)
        return mge_error_set_at(c->err, MGE_E_INPUT, db->source, ph->line, 1,
                                "disordered part '%s' of phase '%s' is not "
                                "defined",
                                ph->dis, ph->name);
    }
  }
  return 0;
}

static void ctx_free_cmds(ctx *c) {
  for (int i = 0; i < c->ncmd; i++) {
    free(c->cmd[i].s);
    free(c->cmd[i].line);
    free(c->cmd[i].col);
  }
  free(c->cmd);
  free(c->par_cmd);
  free(c->par_body);
}

static int run(ctx *c) {
  int rc = 0;
  /* counts parameters for the body position arrays */
  int npar_max = 0;
  for (int i = 0; i < c->ncmd; i++) {
    int p = 0;
    char w[40];
    if (next_word(&c->cmd[i], &p, w, sizeof w) >= 0 && kw_match(w, "PARAMETER"))
      npar_max++;
  }
  c->par_cmd = malloc((size_t)(npar_max + 1) * sizeof *c->par_cmd);
  c->par_body = malloc((size_t)(npar_max + 1) * sizeof *c->par_body);
  if (!c->par_cmd || !c->par_body)
    return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  for (int i = 0; i < c->ncmd && !rc; i++) {
    tdb_cmd *cm = &c->cmd[i];
    int p = 0;
    char w[40];
    int pos = next_word(cm, &p, w, sizeof w);
    if (pos < 0) continue;
    if (kw_match(w, "ELEMENT"))
      rc = cmd_element(c, cm, p);
    else if (kw_match(w, "SPECIES"))
      rc = cmd_species(c, cm, p);
    else if (kw_match(w, "FUNCTION"))
      rc = cmd_function(c, i, p);
    else if (kw_match(w, "TYPE_DEFINITION"))
      rc = cmd_typedef(c, cm, p);
    else if (kw_match(w, "PHASE"))
      rc = cmd_phase(c, cm, p);
    else if (kw_match(w, "CONSTITUENT"))
      rc = cmd_constituent(c, cm, p);
    else if (kw_match(w, "PARAMETER"))
      rc = cmd_parameter(c, i, p);
    else if (kw_match(w, "DATABASE_INFO"))
      rc = cmd_info(c, cm, p);
    else if (is_refs_word(w))
      rc = cmd_refs(c, cm, p);
    else {
      int ok = 0;
      for (int k = 0; ignored[k]; k++)
        if (kw_match(w, ignored[k])) ok = 1;
      if (!ok) rc = err_at(c, cm, pos, "unknown command '%s'", w);
    }
  }
  if (rc) return rc;
  rc = apply_typedefs(c);
  if (rc) return rc;
  for (int i = 0; i < c->db->nph; i++)
    if (!c->db->ph[i].has_cons)
      return mge_error_set_at(
          c->err, MGE_E_INPUT, c->db->source, c->db->ph[i].line, 1,
          "phase '%s' has no CONSTITUENT command", c->db->ph[i].name);
  for (int i = 0; i < c->db->npar; i++) {
    int p = c->par_body[i];
    tdb_param *par = &c->db->par[i];
    c->depth = 0;
    c->unknown = 0;
    if (par->bad) {
      c->db->nbad++;
      if (tm_pw_const(&par->pw, 0))
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      continue;
    }
    rc = parse_piecewise(c, &c->cmd[c->par_cmd[i]], &p, &par->pw, par->ref,
                         sizeof par->ref);
    if (rc && c->unknown) {
      char buf[MGE_ERROR_MSG_MAX + MGE_ERROR_SOURCE_MAX + 40];
      par->bad = strdup(mge_error_format(c->err, buf, sizeof buf));
      c->db->nbad++;
      if (!par->bad || tm_pw_const(&par->pw, 0))
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      rc = 0;
    }
    if (rc) return rc;
  }
  /* functions nobody used are still checked */
  for (int i = 0; i < c->db->nfn; i++) {
    c->depth = 0;
    c->unknown = 0;
    rc = compile_function(c, i, &c->cmd[c->db->fn[i].cmd], c->db->fn[i].body);
    if (rc && c->unknown) rc = 0; /* kept as unresolved (state 3) */
    if (rc) return rc;
  }
  mge_error_clear(c->err);
  return 0;
}

int mge_tdb_parse(const char *text, size_t len, const char *source,
                  mge_tdb **out, mge_error *err) {
  *out = NULL;
  if (len > MGE_TDB_MAX_BYTES)
    return mge_error_set(err, MGE_E_LIMIT, "TDB text larger than %u bytes",
                         MGE_TDB_MAX_BYTES);
  mge_tdb *db = calloc(1, sizeof *db);
  if (!db) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  snprintf(db->source, sizeof db->source, "%s", source ? source : "<tdb>");
  ctx c;
  memset(&c, 0, sizeof c);
  c.db = db;
  c.err = err;
  int rc = split_commands(&c, text, len);
  if (!rc) rc = run(&c);
  ctx_free_cmds(&c);
  if (rc) {
    mge_tdb_free(db);
    return rc;
  }
  *out = db;
  return 0;
}

int mge_tdb_load(const char *path, mge_tdb **out, mge_error *err) {
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f) return mge_error_set(err, MGE_E_IO, "cannot open '%s'", path);
  char *buf = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (n == cap) {
      cap = cap ? 2 * cap : 65536;
      if (cap > (size_t)MGE_TDB_MAX_BYTES + 65536) {
        free(buf);
        fclose(f);
        return mge_error_set(err, MGE_E_LIMIT, "'%s' is larger than %u bytes",
                             path, MGE_TDB_MAX_BYTES);
      }
      char *nb = realloc(buf, cap);
      if (!nb) {
        free(buf);
        fclose(f);
        return mge_error_set(err, MGE_E_NOMEM, "out of memory");
      }
      buf = nb;
    }
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (r == 0) break;
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    return mge_error_set(err, MGE_E_IO, "error reading '%s'", path);
  }
  int rc = mge_tdb_parse(buf, n, path, out, err);
  free(buf);
  return rc;
}

void mge_tdb_free(mge_tdb *db) {
  if (!db) return;
  for (int i = 0; i < db->nfn; i++) {
    tm_pw_free(&db->fn[i].pw);
    free(db->fn[i].bad);
  }
  for (int i = 0; i < db->nph; i++)
    for (int s = 0; s < db->ph[i].nsub; s++) free(db->ph[i].cons[s]);
  for (int i = 0; i < db->npar; i++) {
    free(db->par[i].cons);
    free(db->par[i].bad);
    tm_pw_free(&db->par[i].pw);
  }
  for (int i = 0; i < db->nref; i++) free(db->ref[i].text);
  free(db->el);
  free(db->sp);
  free(db->fn);
  free(db->ty);
  free(db->ph);
  free(db->par);
  free(db->ref);
  free(db->info);
  free(db);
}

/* ------------------------------------------------------------ accessors */

int mge_tdb_n_elements(const mge_tdb *db) {
  return db->nel;
}
const char *mge_tdb_element(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nel ? db->el[i].name : NULL;
}
double mge_tdb_element_mass(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nel ? db->el[i].mass : NAN;
}
int mge_tdb_n_species(const mge_tdb *db) {
  return db->nsp;
}
int mge_tdb_n_functions(const mge_tdb *db) {
  return db->nfn;
}
int mge_tdb_n_parameters(const mge_tdb *db) {
  return db->npar;
}
int mge_tdb_n_phases(const mge_tdb *db) {
  return db->nph;
}
const char *mge_tdb_phase(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nph ? db->ph[i].name : NULL;
}
int mge_tdb_phase_index(const mge_tdb *db, const char *name) {
  char n[TM_NAME];
  snprintf(n, sizeof n, "%s", name);
  strip_phase_suffix(n);
  return tm_tdb_find_phase(db, n);
}
int mge_tdb_phase_nsub(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nph ? db->ph[i].nsub : 0;
}
double mge_tdb_phase_ratio(const mge_tdb *db, int i, int s) {
  if (i < 0 || i >= db->nph || s < 0 || s >= db->ph[i].nsub) return NAN;
  return db->ph[i].ratio[s];
}
int mge_tdb_phase_ncons(const mge_tdb *db, int i, int s) {
  if (i < 0 || i >= db->nph || s < 0 || s >= db->ph[i].nsub) return 0;
  return db->ph[i].ncons[s];
}
const char *mge_tdb_phase_cons(const mge_tdb *db, int i, int s, int k) {
  if (i < 0 || i >= db->nph || s < 0 || s >= db->ph[i].nsub || k < 0 ||
      k >= db->ph[i].ncons[s])
    return NULL;
  return db->sp[db->ph[i].cons[s][k]].name;
}
int mge_tdb_phase_magnetic(const mge_tdb *db, int i, double *afm, double *p) {
  if (i < 0 || i >= db->nph || !db->ph[i].magnetic) return 0;
  if (afm) *afm = db->ph[i].afm;
  if (p) *p = db->ph[i].pmag;
  return 1;
}
const char *mge_tdb_phase_disordered(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nph ? db->ph[i].dis : "";
}
const char *mge_tdb_info(const mge_tdb *db) {
  return db->info ? db->info : "";
}
int mge_tdb_n_refs(const mge_tdb *db) {
  return db->nref;
}
int mge_tdb_n_unresolved(const mge_tdb *db) {
  return db->nbad;
}
const char *mge_tdb_unresolved(const mge_tdb *db, int i) {
  for (int k = 0; k < db->npar; k++)
    if (db->par[k].bad && i-- == 0) return db->par[k].bad;
  return NULL;
}
const char *mge_tdb_ref_key(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nref ? db->ref[i].key : NULL;
}
const char *mge_tdb_ref_text(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nref ? db->ref[i].text : NULL;
}
