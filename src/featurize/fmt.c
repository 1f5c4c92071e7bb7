/* A fast printf("%.*g") for doubles.
 *
 * The value is scaled by one exact power of ten (10^k is exact in binary for
 * |k| <= 22) with one rounded multiply or divide, giving m = |v| 10^k in
 * [10^(P-1), 10^P) within half an ulp. Rounding m to an integer is then the
 * correctly rounded P-digit significand unless m lies within that ulp of a
 * half-way point; in that rare case (and for P > 15 or |k| > 22, where the
 * argument fails) we call snprintf, so the output is always exactly what
 * printf would write. tests/unit/test_featurize_fmt.c checks this against
 * snprintf on random doubles.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mge/featurize.h"

static const double pow10_tab[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int slow(double v, int digits, char *buf) {
  return snprintf(buf, 32, "%.*g", digits, v);
}

/* m = a * 10^k, one rounding; k in [-22, 22]. */
static double scale10(double a, int k) {
  return k >= 0 ? a * pow10_tab[k] : a / pow10_tab[-k];
}

static const char dig2[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536"
    "37383940414243444546474849505152535455565758596061626364656667686970717273"
    "7475767778798081828384858687888990919293949596979899";

/* Decimal digits of r < 10^10 (or any r, slower) ending at end; returns the
 * first. Two 32-bit halves of 5 digits: no 64-bit divisions in the common
 * case. */
static inline char *utoa_end(unsigned long long r, char *end) {
  char *p = end;
  while (r >= 10000000000ull) {
    *--p = (char)('0' + r % 10);
    r /= 10;
  }
  unsigned hi = (unsigned)(r / 100000), lo = (unsigned)(r % 100000);
  if (hi) { /* lo has all 5 digits */
    unsigned a = lo / 100, b = lo % 100;
    p -= 2, memcpy(p, dig2 + 2 * b, 2);
    p -= 2, memcpy(p, dig2 + 2 * (a % 100), 2);
    *--p = (char)('0' + a / 100);
    lo = hi;
  }
  while (lo >= 100) {
    unsigned q = lo % 100;
    lo /= 100;
    p -= 2;
    memcpy(p, dig2 + 2 * q, 2);
  }
  if (lo >= 10) {
    p -= 2;
    memcpy(p, dig2 + 2 * lo, 2);
  } else {
    *--p = (char)('0' + lo);
  }
  return p;
}

int mge_format_g(double v, int digits, char *buf) {
  if (digits < 1) digits = 1;
  if (digits > 17) digits = 17;
  if (v != v) return (int)(memcpy(buf, "nan", 4), 3);
  int neg = signbit(v) != 0;
  double a = neg ? -v : v;
  char *p = buf;
  if (a == INFINITY) {
    if (neg) *p++ = '-';
    memcpy(p, "inf", 4);
    return (int)(p - buf) + 3;
  }
  if (digits > 15) return slow(v, digits, buf);
  double hi = pow10_tab[digits], lo = pow10_tab[digits - 1];
  char d[24], *end = d + 20;
  /* Integers below 10^digits print as themselves (fixed notation, no
   * point): the common case of table values. */
  if (a < hi && a == (double)(unsigned long long)a) {
    if (neg) *p++ = '-';
    char *q = utoa_end((unsigned long long)a, end);
    size_t n = (size_t)(end - q);
    memcpy(p, q, n);
    p[n] = 0;
    return (int)(p - buf) + (int)n;
  }
  unsigned long long bits;
  memcpy(&bits, &a, sizeof bits);
  int be = (int)(bits >> 52);
  if (be == 0) return slow(v, digits, buf); /* subnormal */
  int e2 = be - 1023;                       /* a in [2^e2, 2^(e2+1)) */
  int e10 = (e2 * 78913) >> 18;             /* floor(e2 log10 2), 1 low
                                               at most */
  int k = digits - 1 - e10;
  if (k < -22 || k > 22) return slow(v, digits, buf);
  double m = scale10(a, k);
  if (m >= hi) {
    e10++, k--;
    if (k < -22) return slow(v, digits, buf);
    m = scale10(a, k);
  }
  if (m < lo || m >= hi) return slow(v, digits, buf);
  unsigned long long r = (unsigned long long)m;
  double frac = m - (double)r;
  /* m carries a relative error below 2^-53; near .5 we cannot decide. */
  if (fabs(frac - 0.5) <= m * 2.3e-16) return slow(v, digits, buf);
  r += frac > 0.5;
  if ((double)r >= hi) r /= 10, e10++; /* 9.99..95 rounded up to 10.0 */
  char *q = utoa_end(r, end);          /* exactly `digits` digits */
  char *z = end;                       /* drop trailing zeros (no '#') */
  while (z > q + 1 && z[-1] == '0') z--;
  int nd = (int)(z - q);
  if (neg) *p++ = '-';
  if (e10 >= -4 && e10 < digits) { /* fixed notation */
    if (e10 >= 0) {
      int ni = e10 + 1; /* integer digits */
      if (nd <= ni) {
        memcpy(p, q, (size_t)nd);
        memset(p + nd, '0', (size_t)(ni - nd));
        p += ni;
      } else {
        memcpy(p, q, (size_t)ni);
        p += ni;
        *p++ = '.';
        memcpy(p, q + ni, (size_t)(nd - ni));
        p += nd - ni;
      }
    } else {
      *p++ = '0', *p++ = '.';
      for (int i = 0; i < -e10 - 1; i++) *p++ = '0';
      memcpy(p, q, (size_t)nd);
      p += nd;
    }
  } else { /* exponential notation */
    *p++ = q[0];
    if (nd > 1) {
      *p++ = '.';
      memcpy(p, q + 1, (size_t)(nd - 1));
      p += nd - 1;
    }
    *p++ = 'e';
    int x = e10;
    *p++ = x < 0 ? '-' : '+';
    if (x < 0) x = -x;
    if (x >= 100) *p++ = (char)('0' + x / 100), x %= 100;
    memcpy(p, dig2 + 2 * x, 2);
    p += 2;
  }
  *p = 0;
  return (int)(p - buf);
}
