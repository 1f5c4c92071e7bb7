/* Units at the edges: a small recursive-descent parser for unit expressions
 * ("g/cm3", "kg/m^3", "J/(mol K)", "USD/kg") over a table of named atoms, and
 * "value unit" quantities. Dimensions are exponents of (kg, m, s, K, mol,
 * USD); SI value = scale * value + offset. */
#include "mge/units.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_MAX_LEN 128
#define UNIT_MAX_DEPTH 4
#define UNIT_MAX_EXP 9

typedef struct atom {
  const char *name;
  double scale;
  signed char dim[MGE_DIM_N]; /* kg m s K mol USD */
} atom;

/* Multiplicative units. Prefixed forms are listed explicitly: the table is
 * the whole vocabulary, so a typo is an error rather than a silent prefix. */
static const atom atoms[] = {
    {"kg", 1.0, {1, 0, 0, 0, 0, 0}},
    {"g", 1e-3, {1, 0, 0, 0, 0, 0}},
    {"mg", 1e-6, {1, 0, 0, 0, 0, 0}},
    {"t", 1e3, {1, 0, 0, 0, 0, 0}},
    {"m", 1.0, {0, 1, 0, 0, 0, 0}},
    {"km", 1e3, {0, 1, 0, 0, 0, 0}},
    {"cm", 1e-2, {0, 1, 0, 0, 0, 0}},
    {"mm", 1e-3, {0, 1, 0, 0, 0, 0}},
    {"um", 1e-6, {0, 1, 0, 0, 0, 0}},
    {"\xc2\xb5m", 1e-6, {0, 1, 0, 0, 0, 0}}, /* U+00B5 micro sign */
    {"nm", 1e-9, {0, 1, 0, 0, 0, 0}},
    {"A", 1e-10, {0, 1, 0, 0, 0, 0}}, /* angstrom */
    {"L", 1e-3, {0, 3, 0, 0, 0, 0}},
    {"s", 1.0, {0, 0, 1, 0, 0, 0}},
    {"min", 60.0, {0, 0, 1, 0, 0, 0}},
    {"h", 3600.0, {0, 0, 1, 0, 0, 0}},
    {"K", 1.0, {0, 0, 0, 1, 0, 0}},
    {"mol", 1.0, {0, 0, 0, 0, 1, 0}},
    {"kmol", 1e3, {0, 0, 0, 0, 1, 0}},
    {"USD", 1.0, {0, 0, 0, 0, 0, 1}},
    {"N", 1.0, {1, 1, -2, 0, 0, 0}},
    {"kN", 1e3, {1, 1, -2, 0, 0, 0}},
    {"J", 1.0, {1, 2, -2, 0, 0, 0}},
    {"kJ", 1e3, {1, 2, -2, 0, 0, 0}},
    {"MJ", 1e6, {1, 2, -2, 0, 0, 0}},
    {"eV", 1.602176634e-19, {1, 2, -2, 0, 0, 0}}, /* exact, SI 2019 */
    {"W", 1.0, {1, 2, -3, 0, 0, 0}},
    {"Pa", 1.0, {1, -1, -2, 0, 0, 0}},
    {"kPa", 1e3, {1, -1, -2, 0, 0, 0}},
    {"MPa", 1e6, {1, -1, -2, 0, 0, 0}},
    {"GPa", 1e9, {1, -1, -2, 0, 0, 0}},
    {"bar", 1e5, {1, -1, -2, 0, 0, 0}},
};

/* Units that stand alone only: percentages (dimensionless, 1 % = 0.01) and
 * the affine temperatures. */
typedef struct whole {
  const char *name;
  double scale, offset;
  signed char dim[MGE_DIM_N];
} whole;

static const whole wholes[] = {
    {"1", 1.0, 0.0, {0}},
    {"%", 0.01, 0.0, {0}},
    {"wt%", 0.01, 0.0, {0}},
    {"at%", 0.01, 0.0, {0}},
    {"mol%", 0.01, 0.0, {0}},
    {"ppm", 1e-6, 0.0, {0}},
    {"degC", 1.0, 273.15, {0, 0, 0, 1, 0, 0}},
    {"C", 1.0, 273.15, {0, 0, 0, 1, 0, 0}},
    {"\xc2\xb0"
     "C",
     1.0,
     273.15,
     {0, 0, 0, 1, 0, 0}}, /* degree sign */
    {"degF", 5.0 / 9.0, 459.67 * 5.0 / 9.0, {0, 0, 0, 1, 0, 0}},
    {"\xc2\xb0"
     "F",
     5.0 / 9.0,
     459.67 * 5.0 / 9.0,
     {0, 0, 0, 1, 0, 0}},
};

typedef struct uparser {
  const char *s; /* whole text */
  size_t i;
  size_t len;
  int col0; /* column of s[0] in the caller's text, 1-based */
  mge_error *err;
} uparser;

static int perr(uparser *p, const char *what) {
  return mge_error_set_at(p->err, MGE_E_INPUT, NULL, 0, p->col0 + (int)p->i,
                          "%s in unit '%.*s'", what, (int)p->len, p->s);
}

static void skip_sp(uparser *p) {
  while (p->i < p->len && p->s[p->i] == ' ') p->i++;
}

static int is_atom_char(unsigned char c) {
  return isalpha(c) || c >= 0x80;
}

static void unit_mul(mge_unit *a, const mge_unit *b, int power) {
  for (int k = 0; k < MGE_DIM_N; k++)
    a->dim[k] += (signed char)(b->dim[k] * power);
  a->scale *= pow(b->scale, power);
}

static int parse_product(uparser *p, mge_unit *out, int depth);

/* An optional exponent: "3", "^3", "^-1", "-1" (as in "m-3"). */
static int parse_exponent(uparser *p, int *e) {
  *e = 1;
  if (p->i >= p->len) return 0;
  size_t j = p->i;
  int has_caret = 0;
  if (p->s[j] == '^') {
    has_caret = 1;
    j++;
  }
  int neg = 0;
  if (j < p->len && (p->s[j] == '-' || p->s[j] == '+')) {
    neg = p->s[j] == '-';
    j++;
  }
  if (j >= p->len || !isdigit((unsigned char)p->s[j])) {
    if (has_caret || neg) {
      p->i = j;
      return perr(p, "expected an integer exponent");
    }
    return 0;
  }
  int v = 0;
  while (j < p->len && isdigit((unsigned char)p->s[j])) {
    v = v * 10 + (p->s[j] - '0');
    if (v > UNIT_MAX_EXP) {
      p->i = j;
      return perr(p, "exponent too large");
    }
    j++;
  }
  p->i = j;
  *e = neg ? -v : v;
  return 0;
}

static int parse_factor(uparser *p, mge_unit *out, int depth) {
  memset(out, 0, sizeof *out);
  out->scale = 1.0;
  skip_sp(p);
  if (p->i >= p->len) return perr(p, "expected a unit");
  int rc, e;
  if (p->s[p->i] == '(') {
    if (depth >= UNIT_MAX_DEPTH) return perr(p, "too deeply nested");
    p->i++;
    if ((rc = parse_product(p, out, depth + 1))) return rc;
    skip_sp(p);
    if (p->i >= p->len || p->s[p->i] != ')') return perr(p, "expected ')'");
    p->i++;
  } else if (p->s[p->i] == '1') {
    p->i++; /* "1/K" */
    return 0;
  } else {
    size_t b = p->i;
    while (p->i < p->len && is_atom_char((unsigned char)p->s[p->i])) p->i++;
    size_t n = p->i - b;
    const atom *a = NULL;
    for (size_t k = 0; k < sizeof atoms / sizeof atoms[0]; k++)
      if (strlen(atoms[k].name) == n && memcmp(atoms[k].name, p->s + b, n) == 0)
        a = &atoms[k];
    if (!a) {
      p->i = b;
      if (n == 0) return perr(p, "unexpected character");
      return mge_error_set_at(p->err, MGE_E_INPUT, NULL, 0, p->col0 + (int)b,
                              "unknown unit '%.*s' in '%.*s'", (int)n, p->s + b,
                              (int)p->len, p->s);
    }
    memcpy(out->dim, a->dim, sizeof out->dim);
    out->scale = a->scale;
  }
  if ((rc = parse_exponent(p, &e))) return rc;
  if (e != 1) {
    mge_unit base = *out;
    memset(out->dim, 0, sizeof out->dim);
    out->scale = 1.0;
    unit_mul(out, &base, e);
  }
  return 0;
}

static int parse_product(uparser *p, mge_unit *out, int depth) {
  int rc = parse_factor(p, out, depth);
  if (rc) return rc;
  for (;;) {
    size_t before = p->i;
    skip_sp(p);
    if (p->i >= p->len || p->s[p->i] == ')') return 0;
    int power = 1;
    char c = p->s[p->i];
    if (c == '/') {
      power = -1;
      p->i++;
    } else if (c == '*' || c == '.') {
      p->i++;
    } else if (p->i == before) {
      return perr(p, "unexpected character");
    }
    mge_unit f;
    if ((rc = parse_factor(p, &f, depth))) return rc;
    unit_mul(out, &f, power);
  }
}

static int check_dims(uparser *p, const mge_unit *u) {
  for (int k = 0; k < MGE_DIM_N; k++)
    if (u->dim[k] > 2 * UNIT_MAX_EXP || u->dim[k] < -2 * UNIT_MAX_EXP) {
      p->i = 0;
      return perr(p, "exponent too large");
    }
  return 0;
}

static int unit_parse_n(const char *text, size_t len, int col0, mge_unit *out,
                        mge_error *err) {
  uparser p = {text, 0, len, col0, err};
  /* trim */
  while (p.len > 0 && text[p.len - 1] == ' ') p.len--;
  skip_sp(&p);
  if (p.len > UNIT_MAX_LEN)
    return mge_error_set_at(err, MGE_E_LIMIT, NULL, 0, col0,
                            "unit longer than %d characters", UNIT_MAX_LEN);
  if (p.i >= p.len) return perr(&p, "empty unit");
  size_t rest = p.len - p.i;
  for (size_t k = 0; k < sizeof wholes / sizeof wholes[0]; k++)
    if (strlen(wholes[k].name) == rest &&
        memcmp(wholes[k].name, text + p.i, rest) == 0) {
      memcpy(out->dim, wholes[k].dim, sizeof out->dim);
      out->scale = wholes[k].scale;
      out->offset = wholes[k].offset;
      return 0;
    }
  mge_unit u;
  int rc = parse_product(&p, &u, 0);
  if (rc) return rc;
  skip_sp(&p);
  if (p.i < p.len) return perr(&p, "unexpected ')'");
  if ((rc = check_dims(&p, &u))) return rc;
  u.offset = 0.0;
  *out = u;
  return 0;
}

int mge_unit_parse(const char *text, mge_unit *out, mge_error *err) {
  if (!text || !out) return mge_error_set(err, MGE_E_INPUT, "no unit given");
  size_t n = strnlen(text, UNIT_MAX_LEN + 2);
  return unit_parse_n(text, n, 1, out, err);
}

/* Parse "value [unit]": *v the number as written, *u its unit (scale 1,
 * dimensionless when absent), *ucol the 1-based column of the unit text (0
 * when there is none). */
static int quantity_split(const char *text, double *value, mge_unit *unit,
                          int *ucol, mge_error *err) {
  if (!text) return mge_error_set(err, MGE_E_INPUT, "no quantity given");
  size_t len = strnlen(text, UNIT_MAX_LEN * 2 + 2);
  if (len > UNIT_MAX_LEN * 2)
    return mge_error_set_at(err, MGE_E_LIMIT, NULL, 0, 1,
                            "quantity longer than %d characters",
                            UNIT_MAX_LEN * 2);
  size_t i = 0;
  while (i < len && text[i] == ' ') i++;
  /* a decimal number: [+-] digits [. digits] [e [+-] digits] */
  size_t b = i, j = i;
  if (j < len && (text[j] == '+' || text[j] == '-')) j++;
  size_t digits = 0;
  while (j < len && isdigit((unsigned char)text[j])) j++, digits++;
  if (j < len && text[j] == '.') {
    j++;
    while (j < len && isdigit((unsigned char)text[j])) j++, digits++;
  }
  if (digits == 0)
    return mge_error_set_at(err, MGE_E_INPUT, NULL, 0, (int)b + 1,
                            "expected a number in '%s'", text);
  if (j < len && (text[j] == 'e' || text[j] == 'E')) {
    size_t k = j + 1;
    if (k < len && (text[k] == '+' || text[k] == '-')) k++;
    if (k < len && isdigit((unsigned char)text[k])) {
      while (k < len && isdigit((unsigned char)text[k])) k++;
      j = k;
    }
  }
  char num[80];
  if (j - b >= sizeof num)
    return mge_error_set_at(err, MGE_E_INPUT, NULL, 0, (int)b + 1,
                            "number too long in '%s'", text);
  memcpy(num, text + b, j - b);
  num[j - b] = '\0';
  double v = strtod(num, NULL);
  if (!isfinite(v))
    return mge_error_set_at(err, MGE_E_INPUT, NULL, 0, (int)b + 1,
                            "number out of range in '%s'", text);
  mge_unit u = {{0}, 1.0, 0.0};
  size_t k = j;
  while (k < len && text[k] == ' ') k++;
  *ucol = 0;
  if (k < len) {
    int rc = unit_parse_n(text + k, len - k, (int)k + 1, &u, err);
    if (rc) return rc;
    *ucol = (int)k + 1;
  }
  *value = v;
  *unit = u;
  return 0;
}

/* scale * v + offset into *si; MGE_E_INPUT when it is not finite. */
static int to_si(const char *text, double v, const mge_unit *u, double *si,
                 mge_error *err) {
  *si = u->scale * v + u->offset;
  if (!isfinite(*si))
    return mge_error_set_at(err, MGE_E_INPUT, NULL, 0,
                            1 + (int)strspn(text, " "),
                            "value out of range in '%s'", text);
  return 0;
}

int mge_quantity_parse(const char *text, double *si, mge_unit *unit,
                       mge_error *err) {
  if (!si) return mge_error_set(err, MGE_E_INPUT, "no quantity given");
  double v;
  mge_unit u;
  int ucol, rc = quantity_split(text, &v, &u, &ucol, err);
  if (rc) return rc;
  if ((rc = to_si(text, v, &u, si, err))) return rc;
  if (unit) *unit = u;
  return 0;
}

int mge_quantity_parse_as(const char *text, const char *unit, double *si,
                          mge_error *err) {
  if (!si) return mge_error_set(err, MGE_E_INPUT, "no quantity given");
  mge_unit want, u;
  int rc = mge_unit_parse(unit, &want, err);
  if (rc) return rc;
  double v;
  int ucol;
  if ((rc = quantity_split(text, &v, &u, &ucol, err))) return rc;
  if (ucol == 0)
    u = want; /* a bare number is in `unit` */
  else if (!mge_unit_same_dim(&u, &want))
    return mge_error_set_at(err, MGE_E_INPUT, NULL, 0, ucol,
                            "'%s' is not in units of %s", text, unit);
  return to_si(text, v, &u, si, err);
}

double mge_unit_from_si(const mge_unit *u, double si) {
  return (si - u->offset) / u->scale;
}

double mge_si_to(double si, const char *unit) {
  mge_unit u;
  if (mge_unit_parse(unit, &u, NULL)) return NAN;
  return mge_unit_from_si(&u, si);
}

int mge_unit_same_dim(const mge_unit *a, const mge_unit *b) {
  return memcmp(a->dim, b->dim, sizeof a->dim) == 0;
}

char *mge_unit_format_si(const mge_unit *u, char *buf, size_t cap) {
  static const char *const names[MGE_DIM_N] = {"kg", "m",   "s",
                                               "K",  "mol", "USD"};
  if (!buf || cap == 0) return buf;
  buf[0] = '\0';
  size_t used = 0;
  for (int k = 0; k < MGE_DIM_N; k++) {
    if (!u->dim[k]) continue;
    int w = u->dim[k] == 1 ? snprintf(buf + used, cap - used, "%s%s",
                                      used ? " " : "", names[k])
                           : snprintf(buf + used, cap - used, "%s%s^%d",
                                      used ? " " : "", names[k], u->dim[k]);
    if (w < 0 || (size_t)w >= cap - used) {
      buf[cap - 1] = '\0';
      return buf;
    }
    used += (size_t)w;
  }
  if (used == 0) snprintf(buf, cap, "1");
  return buf;
}
