/* TDB reader, expressions: the bodies of FUNCTION and PARAMETER commands
 * ("Tlo expr ; Thi Y expr ; Thi N") compiled to piecewise polynomials in
 * T and P, functions inlined (each compiled once, on first use). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thermo/tdb_internal.h"

/* ------------------------------------------------------------ expressions */

static int parse_expr(tdb_ctx *c, const tdb_cmd *cm, int *p, tm_pw *out);

static int is_ident_start(char ch) {
  return isalpha((unsigned char)ch) || ch == '_';
}
static int is_ident(char ch) {
  return isalnum((unsigned char)ch) || ch == '_';
}

int tdb_find_function(const mge_tdb *db, const char *name) {
  for (int i = 0; i < db->nfn; i++)
    if (tdb_ieq(db->fn[i].name, name)) return i;
  return -1;
}

static int pw_ln(tdb_ctx *c, const tdb_cmd *cm, int pos, tm_pw *x) {
  for (int s = 0; s < x->nseg; s++) {
    tm_poly *q = &x->seg[s];
    if (q->n != 1 || q->t[0].c <= 0 || q->t[0].lnt || q->t[0].lnp)
      return tdb_err_at(c, cm, pos,
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

/* "( expr )" with *p at the '('. */
static int parse_paren(tdb_ctx *c, const tdb_cmd *cm, int *p, tm_pw *out) {
  (*p)++;
  int rc = parse_expr(c, cm, p, out);
  if (rc) return rc;
  tdb_skip_ws(cm, p);
  if (*p >= cm->len || cm->s[*p] != ')') {
    tm_pw_free(out);
    return tdb_err_at(c, cm, *p, "expected ')'%s", "");
  }
  (*p)++;
  return 0;
}

static int parse_primary(tdb_ctx *c, const tdb_cmd *cm, int *p, tm_pw *out) {
  tdb_skip_ws(cm, p);
  if (*p >= cm->len || cm->s[*p] == ';')
    return tdb_err_at(c, cm, *p,
                      "expected a number, T, P, a function name or "
                      "'(' in expression%s",
                      "");
  char ch = cm->s[*p];
  int start = *p;
  if (isdigit((unsigned char)ch) || ch == '.') {
    double v;
    if (tdb_scan_number(cm, p, &v))
      return tdb_err_at(c, cm, start, "bad number%s", "");
    if (tm_pw_const(out, v))
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    return 0;
  }
  if (ch == '(') return parse_paren(c, cm, p, out);
  if (!is_ident_start(ch))
    return tdb_err_at(c, cm, start, "unexpected character '%s' in expression",
                      (char[]){ch, 0});
  char name[TM_NAME];
  int k = 0;
  while (*p < cm->len && is_ident(cm->s[*p])) {
    if (k < TM_NAME - 1) name[k++] = cm->s[*p];
    (*p)++;
  }
  name[k] = '\0';
  tdb_upcase(name);
  tdb_skip_ws(cm, p);
  if (!strcmp(name, "LN") || !strcmp(name, "LOG") || !strcmp(name, "EXP")) {
    if (*p >= cm->len || cm->s[*p] != '(')
      return tdb_err_at(c, cm, *p, "expected '(' after %s", name);
    if (!strcmp(name, "EXP"))
      return tdb_err_at(c, cm, start, "EXP() is not supported by this reader%s",
                        "");
    int rc = parse_paren(c, cm, p, out);
    if (rc) return rc;
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
  int f = tdb_find_function(c->db, name);
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
    return tdb_err_at(c, cm, start, "unknown function '%s'", name);
  }
  int rc = tdb_compile_function(c, f, cm, start);
  if (rc) return rc;
  if (tm_pw_copy(out, &c->db->fn[f].pw))
    return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  return 0;
}

static int parse_int_exponent(tdb_ctx *c, const tdb_cmd *cm, int *p, int *e) {
  tdb_skip_ws(cm, p);
  int paren = 0, start = *p;
  if (*p < cm->len && cm->s[*p] == '(') {
    paren = 1;
    (*p)++;
    tdb_skip_ws(cm, p);
  }
  double v;
  if (tdb_scan_number(cm, p, &v) || v != floor(v) || fabs(v) > 60)
    return tdb_err_at(c, cm, start,
                      "exponent must be an integer between -60 and 60%s", "");
  if (paren) {
    tdb_skip_ws(cm, p);
    if (*p >= cm->len || cm->s[*p] != ')')
      return tdb_err_at(c, cm, *p, "expected ')'%s", "");
    (*p)++;
  }
  *e = (int)v;
  return 0;
}

static int pw_pow(tdb_ctx *c, const tdb_cmd *cm, int pos, tm_pw *x, int e) {
  if (e < 0) {
    for (int s = 0; s < x->nseg; s++) {
      tm_poly *q = &x->seg[s];
      if (q->n != 1 || q->t[0].c == 0)
        return tdb_err_at(c, cm, pos,
                          "negative power of a sum is not supported%s", "");
      tm_term *t = &q->t[0];
      if (t->lnt || t->lnp)
        return tdb_err_at(c, cm, pos, "negative power of LN is not supported%s",
                          "");
      t->c = pow(t->c, e);
      int tp = t->tp * e, pp = t->pp * e;
      if (abs(tp) > 100 || abs(pp) > 100)
        return tdb_err_at(c, cm, pos, "power too large%s", "");
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
      return tdb_err_at(c, cm, pos, "expression too large%s", "");
    }
    tm_pw_free(&r);
    r = t;
  }
  tm_pw_free(x);
  *x = r;
  return 0;
}

static int parse_factor(tdb_ctx *c, const tdb_cmd *cm, int *p, tm_pw *out) {
  tdb_skip_ws(cm, p);
  if (*p < cm->len && (cm->s[*p] == '+' || cm->s[*p] == '-')) {
    int neg = cm->s[*p] == '-';
    (*p)++;
    if (++c->depth > 200)
      return tdb_err_at(c, cm, *p, "expression too deep%s", "");
    int rc = parse_factor(c, cm, p, out);
    c->depth--;
    if (rc) return rc;
    if (neg) tm_pw_scale(out, -1);
    return 0;
  }
  int start = *p;
  int rc = parse_primary(c, cm, p, out);
  if (rc) return rc;
  tdb_skip_ws(cm, p);
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

/* out = out * b (mul) or out + s * b; b is freed, and out on failure
 * (pos names the operator). */
static int combine_into(tdb_ctx *c, const tdb_cmd *cm, int pos, tm_pw *out,
                        tm_pw *b, int mul, double s) {
  tm_pw r;
  int bad = tm_pw_combine(&r, out, b, mul, s);
  tm_pw_free(b);
  tm_pw_free(out);
  if (bad) return tdb_err_at(c, cm, pos, "expression too large%s", "");
  *out = r;
  return 0;
}

static int parse_term(tdb_ctx *c, const tdb_cmd *cm, int *p, tm_pw *out) {
  int rc = parse_factor(c, cm, p, out);
  if (rc) return rc;
  for (;;) {
    tdb_skip_ws(cm, p);
    if (*p >= cm->len) return 0;
    char ch = cm->s[*p];
    if (ch != '*' && ch != '/') return 0;
    if (ch == '*' && *p + 1 < cm->len && cm->s[*p + 1] == '*') return 0;
    int opos = *p;
    (*p)++;
    tm_pw b;
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
    rc = combine_into(c, cm, opos, out, &b, 1, 0);
    if (rc) return rc;
  }
}

static int parse_expr(tdb_ctx *c, const tdb_cmd *cm, int *p, tm_pw *out) {
  if (++c->depth > 200)
    return tdb_err_at(c, cm, *p, "expression too deep%s", "");
  int rc = parse_term(c, cm, p, out);
  while (!rc) {
    tdb_skip_ws(cm, p);
    if (*p >= cm->len || (cm->s[*p] != '+' && cm->s[*p] != '-')) break;
    double s = cm->s[*p] == '-' ? -1 : 1;
    int opos = *p;
    (*p)++;
    tm_pw b;
    rc = parse_term(c, cm, p, &b);
    if (rc) {
      tm_pw_free(out);
      break;
    }
    rc = combine_into(c, cm, opos, out, &b, 0, s);
  }
  c->depth--;
  return rc;
}

/* A temperature limit at *p: a number, or ',' for the default dflt. */
static int scan_limit(const tdb_cmd *cm, int *p, double dflt, double *v) {
  if (*p < cm->len && cm->s[*p] == ',') {
    *v = dflt;
    (*p)++;
    return 0;
  }
  return tdb_scan_number(cm, p, v);
}

/* "Tlo expr ; Thi Y expr ; Thi N [ref]" starting at *p. */
int tdb_parse_piecewise(tdb_ctx *c, const tdb_cmd *cm, int *p, tm_pw *out,
                        char *ref, int refcap) {
  memset(out, 0, sizeof *out);
  tdb_skip_ws(cm, p);
  double tlo;
  int start = *p;
  if (scan_limit(cm, p, 298.15, &tlo)) {
    return tdb_err_at(c, cm, start, "expected the lower temperature limit%s",
                      "");
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
    tdb_skip_ws(cm, p);
    if (*p >= cm->len || cm->s[*p] != ';') {
      tm_pw_free(&e);
      tm_pw_free(&acc);
      return tdb_err_at(c, cm, *p, "expected ';' after expression%s", "");
    }
    (*p)++;
    tdb_skip_ws(cm, p);
    double thi;
    int tpos = *p;
    if (scan_limit(cm, p, 6000, &thi)) {
      tm_pw_free(&e);
      tm_pw_free(&acc);
      return tdb_err_at(c, cm, tpos, "expected the upper temperature limit%s",
                        "");
    }
    if (thi < last) {
      tm_pw_free(&e);
      tm_pw_free(&acc);
      return tdb_err_at(c, cm, tpos, "temperature limits not ascending%s", "");
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
      return tdb_err_at(c, cm, tpos, "too many temperature ranges%s", "");
    }
    tdb_skip_ws(cm, p);
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
    if (tdb_next_word(cm, p, w, sizeof w) >= 0)
      snprintf(ref, (size_t)refcap, "%.31s", w);
  }
  return 0;
}

int tdb_compile_function(tdb_ctx *c, int f, const tdb_cmd *from, int pos) {
  tdb_function *fn = &c->db->fn[f];
  if (fn->state == 2) return 0;
  if (fn->state == 3) {
    c->unknown = 1;
    return mge_error_set(c->err, MGE_E_INPUT, "%s", fn->bad);
  }
  if (fn->state == 1)
    return tdb_err_at(c, from, pos, "function '%s' refers to itself", fn->name);
  if (c->depth > 150)
    return tdb_err_at(c, from, pos, "functions nested too deeply at '%s'",
                      fn->name);
  fn->state = 1;
  int p = fn->body;
  tm_pw pw;
  c->depth++;
  int rc = tdb_parse_piecewise(c, &c->cmd[fn->cmd], &p, &pw, NULL, 0);
  c->depth--;
  if (rc && c->unknown) {
    fn = &c->db->fn[f];
    fn->bad = tdb_error_text(c->err);
    fn->state = 3;
    if (!fn->bad) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  }
  if (rc) return rc;
  fn = &c->db->fn[f];
  fn->pw = pw;
  fn->state = 2;
  return 0;
}
