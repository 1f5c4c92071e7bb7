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

int mge_format_g(double v, int digits, char *buf) {
  if (digits < 1) digits = 1;
  if (digits > 17) digits = 17;
  if (isnan(v)) return (int)(memcpy(buf, "nan", 4), 3);
  if (isinf(v)) {
    if (v > 0) return (int)(memcpy(buf, "inf", 4), 3);
    return (int)(memcpy(buf, "-inf", 5), 4);
  }
  if (v == 0) {
    if (signbit(v)) return (int)(memcpy(buf, "-0", 3), 2);
    return (int)(memcpy(buf, "0", 2), 1);
  }
  if (digits > 15) return slow(v, digits, buf);
  int neg = v < 0;
  double a = neg ? -v : v;
  int e2;
  frexp(a, &e2); /* a in [2^(e2-1), 2^e2) */
  int e10 = (int)floor((e2 - 1) * 0.30102999566398120); /* may be 1 low */
  int k = digits - 1 - e10;
  if (k < -22 || k > 22) return slow(v, digits, buf);
  double lo = pow10_tab[digits - 1], hi = pow10_tab[digits];
  double m = scale10(a, k);
  if (m >= hi) {
    e10++, k--;
    if (k < -22) return slow(v, digits, buf);
    m = scale10(a, k);
  }
  if (m < lo || m >= hi) return slow(v, digits, buf);
  double fl = floor(m), frac = m - fl;
  /* m carries a relative error below 2^-53; near .5 we cannot decide. */
  if (fabs(frac - 0.5) <= m * 2.3e-16) return slow(v, digits, buf);
  unsigned long long r = (unsigned long long)fl + (frac > 0.5);
  if ((double)r >= hi) r /= 10, e10++; /* 9.99..95 rounded up to 10.0 */
  char d[20];
  for (int i = digits - 1; i >= 0; i--) d[i] = (char)('0' + r % 10), r /= 10;
  int nd = digits; /* drop trailing zeros (no '#' flag) */
  while (nd > 1 && d[nd - 1] == '0') nd--;
  char *p = buf;
  if (neg) *p++ = '-';
  if (e10 >= -4 && e10 < digits) { /* fixed notation */
    if (e10 >= 0) {
      for (int i = 0; i <= e10; i++) *p++ = i < nd ? d[i] : '0';
      if (nd > e10 + 1) {
        *p++ = '.';
        for (int i = e10 + 1; i < nd; i++) *p++ = d[i];
      }
    } else {
      *p++ = '0', *p++ = '.';
      for (int i = 0; i < -e10 - 1; i++) *p++ = '0';
      for (int i = 0; i < nd; i++) *p++ = d[i];
    }
  } else { /* exponential notation */
    *p++ = d[0];
    if (nd > 1) {
      *p++ = '.';
      for (int i = 1; i < nd; i++) *p++ = d[i];
    }
    *p++ = 'e';
    int x = e10;
    *p++ = x < 0 ? '-' : '+';
    if (x < 0) x = -x;
    if (x >= 100) *p++ = (char)('0' + x / 100), x %= 100;
    *p++ = (char)('0' + x / 10), *p++ = (char)('0' + x % 10);
  }
  *p = 0;
  return (int)(p - buf);
}
