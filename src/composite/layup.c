/* Stacking-sequence notation parser: [0/±45/90]s, [0_2/90]2s, [±55]3, ... */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "composite/internal.h"

#define MAX_DEPTH 16
#define MAX_COUNT 4096

typedef struct lp {
  const char *s;
  size_t i;
  double *out;
  int cap, n;
  int depth;
  mge_error *err;
} lp;

/* 1-based column in characters (UTF-8 continuation bytes not counted). */
static int column(const lp *p, size_t off) {
  int col = 1;
  for (size_t k = 0; k < off && p->s[k]; k++)
    if (((unsigned char)p->s[k] & 0xC0) != 0x80) col++;
  return col;
}

static int fail(lp *p, size_t off, int code, const char *msg) {
  return mge_error_set_at(p->err, code, "<layup>", 0, column(p, off),
                          "layup column %d: %s", column(p, off), msg);
}

static int too_many(lp *p, size_t off) {
  char msg[80];
  snprintf(msg, sizeof msg, "too many plies for the laminate (at most %d)",
           p->cap);
  return fail(p, off, MGE_E_LIMIT, msg);
}

static void skip_ws(lp *p) {
  while (p->s[p->i] == ' ' || p->s[p->i] == '\t') p->i++;
}

static int emit(lp *p, double a) {
  if (p->n >= p->cap) return too_many(p, p->i);
  p->out[p->n++] = a;
  return MGE_OK;
}

/* Repeat out[start..n) so that it occurs count times. */
static int repeat(lp *p, int start, long count, size_t at) {
  int len = p->n - start;
  if ((long)len * (count - 1) > (long)(p->cap - p->n)) return too_many(p, at);
  for (long r = 1; r < count; r++)
    for (int k = 0; k < len; k++) p->out[p->n++] = p->out[start + k];
  return MGE_OK;
}

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* An unsigned integer count; *count = 1 if absent (when optional). */
static int count_opt(lp *p, long *count) {
  skip_ws(p);
  *count = 1;
  if (!is_digit(p->s[p->i])) return MGE_OK;
  size_t at = p->i;
  long v = 0;
  while (is_digit(p->s[p->i])) {
    v = v * 10 + (p->s[p->i] - '0');
    if (v > MAX_COUNT)
      return fail(p, at, MGE_E_LIMIT, "repeat count too large (max 4096)");
    p->i++;
  }
  if (v == 0) return fail(p, at, MGE_E_INPUT, "repeat count must be >= 1");
  *count = v;
  return MGE_OK;
}

/* An angle: digits with an optional fraction. sign already consumed. */
static int number(lp *p, double *v) {
  skip_ws(p);
  size_t at = p->i;
  if (!is_digit(p->s[p->i]))
    return fail(p, at, MGE_E_INPUT,
                "expected an angle in degrees, '(' or a sign (+, -, ±)");
  double x = 0;
  while (is_digit(p->s[p->i])) {
    x = x * 10 + (p->s[p->i] - '0');
    if (x > 1e6) return fail(p, at, MGE_E_INPUT, "angle out of range");
    p->i++;
  }
  if (p->s[p->i] == '.') {
    p->i++;
    double f = 0.1;
    if (!is_digit(p->s[p->i]))
      return fail(p, p->i, MGE_E_INPUT, "expected a digit after '.'");
    while (is_digit(p->s[p->i])) {
      x += f * (p->s[p->i] - '0');
      f *= 0.1;
      p->i++;
    }
  }
  if (x > 360.0)
    return fail(p, at, MGE_E_INPUT, "angle must be within -360..360 deg");
  *v = x;
  return MGE_OK;
}

static int seq(lp *p, char close);

static int item(lp *p) {
  skip_ws(p);
  size_t at = p->i;
  const unsigned char *u = (const unsigned char *)p->s + p->i;
  int start = p->n;
  int rc;
  if (*u == '(' || *u == '[') {
    char close = *u == '(' ? ')' : ']';
    if (++p->depth > MAX_DEPTH)
      return fail(p, at, MGE_E_LIMIT, "groups nested too deeply");
    p->i++;
    if ((rc = seq(p, close))) return rc;
    p->depth--;
    skip_ws(p);
    if (p->s[p->i] != close)
      return fail(p, p->i, MGE_E_INPUT,
                  close == ')' ? "expected ')'" : "expected ']'");
    p->i++;
    skip_ws(p);
    if (p->s[p->i] == '_') p->i++;
    long cnt;
    if ((rc = count_opt(p, &cnt))) return rc;
    skip_ws(p);
    if (p->s[p->i] == 's' || p->s[p->i] == 'S') {
      /* an inner symmetric group: mirror it */
      p->i++;
      int len = p->n - start;
      if (len > p->cap - p->n) return too_many(p, p->i - 1);
      for (int k = len - 1; k >= 0; k--) p->out[p->n++] = p->out[start + k];
    }
    return repeat(p, start, cnt, at);
  }
  int pm = 0; /* 0 single, +1 '±', -1 '∓' */
  double sign = 1.0;
  if (u[0] == 0xC2 && u[1] == 0xB1) {
    pm = 1;
    p->i += 2;
  } else if (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x93) {
    pm = -1;
    p->i += 3;
  } else if (u[0] == '+' && u[1] == '-') {
    pm = 1;
    p->i += 2;
  } else if (u[0] == '-' && u[1] == '+') {
    pm = -1;
    p->i += 2;
  } else if (u[0] == '+') {
    p->i++;
  } else if (u[0] == '-') {
    sign = -1.0;
    p->i++;
  }
  double a = 0;
  if ((rc = number(p, &a))) return rc;
  if (pm) {
    if ((rc = emit(p, pm * a))) return rc;
    if ((rc = emit(p, -pm * a))) return rc;
  } else {
    if ((rc = emit(p, sign * a + 0.0))) return rc;
  }
  skip_ws(p);
  if (p->s[p->i] == '_') {
    p->i++;
    size_t c_at = p->i;
    skip_ws(p);
    if (!is_digit(p->s[p->i]))
      return fail(p, c_at, MGE_E_INPUT, "expected a ply count after '_'");
    long cnt;
    if ((rc = count_opt(p, &cnt))) return rc;
    return repeat(p, start, cnt, at);
  }
  return MGE_OK;
}

static int seq(lp *p, char close) {
  int rc;
  for (;;) {
    if ((rc = item(p))) return rc;
    skip_ws(p);
    char c = p->s[p->i];
    if (c == '/') {
      p->i++;
      continue;
    }
    if (c == close) return MGE_OK;
    if (close == 0 && c == 0) return MGE_OK;
    if (c == 0)
      return fail(p, p->i, MGE_E_INPUT,
                  close == ')' ? "missing ')'" : "missing ']'");
    return fail(p, p->i, MGE_E_INPUT,
                close ? "expected '/' or the end of the group"
                      : "expected '/' or the end of the layup");
  }
}

int mge_layup_parse(const char *text, double *angles_deg, int cap, int *n_out,
                    mge_error *err) {
  if (n_out) *n_out = 0;
  if (!text || !angles_deg || cap <= 0 || !n_out)
    return mge_error_set(err, MGE_E_INPUT, "missing argument");
  lp p = {text, 0, angles_deg, cap, 0, 0, err};
  int rc;
  skip_ws(&p);
  if (text[p.i] == 0) return fail(&p, p.i, MGE_E_INPUT, "empty layup");
  if (text[p.i] == '[') {
    p.i++;
    if ((rc = seq(&p, ']'))) return rc;
    p.i++; /* ']' */
    long cnt;
    if ((rc = count_opt(&p, &cnt))) return rc;
    if ((rc = repeat(&p, 0, cnt, p.i))) return rc;
    skip_ws(&p);
    char c = text[p.i];
    if (c == 's' || c == 'S') {
      size_t at = p.i;
      p.i++;
      if (p.n > p.cap - p.n) return too_many(&p, at);
      for (int k = p.n - 1; k >= 0; k--) p.out[p.n++] = p.out[k];
    } else if (c == 'T' || c == 't') {
      p.i++;
    }
    skip_ws(&p);
    if (text[p.i] != 0)
      return fail(&p, p.i, MGE_E_INPUT,
                  "unexpected text after the layup (expected a count, 's' "
                  "or 'T')");
  } else {
    if ((rc = seq(&p, 0))) return rc;
  }
  *n_out = p.n;
  return MGE_OK;
}
