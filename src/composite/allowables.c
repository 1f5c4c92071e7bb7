/* Design allowables: B-basis (90% content, 95% confidence) and A-basis (99%,
 * 95%) by the normal, lognormal and two-parameter Weibull methods of
 * CMH-17-1G, Vol. 1, Sec. 8.3.4. */
#include <math.h>
#include <string.h>

#include "composite/internal.h"

/* From data/composites/basis_value_k_factors.csv (noncentral-t one-sided
 * tolerance factors; agree with CMH-17-1G Vol. 1 Ch. 8 tables). A test
 * checks this copy against the file. */
static const struct {
  int n;
  double kB, kA;
} ktab[] = {{3, 6.155, 10.553}, {4, 4.162, 7.042},  {5, 3.407, 5.741},
            {6, 3.006, 5.062},  {8, 2.582, 4.354},  {10, 2.355, 3.981},
            {12, 2.210, 3.747}, {15, 2.068, 3.520}, {18, 1.974, 3.370},
            {20, 1.926, 3.295}, {25, 1.838, 3.158}, {30, 1.777, 3.064},
            {40, 1.697, 2.941}, {50, 1.646, 2.862}, {75, 1.570, 2.748},
            {100, 1.527, 2.684}};

/* Natrella's approximation (NBS Handbook 91, 1963, Eq. 2-6) of the one-sided
 * tolerance factor, used above n = 100. */
static double natrella(int n, double zp) {
  const double zg = 1.6448536269514722; /* 95% one-sided */
  double a = 1.0 - zg * zg / (2.0 * (n - 1));
  double b = zp * zp - zg * zg / n;
  return (zp + sqrt(zp * zp - a * b)) / a;
}

int mge_basis_k(int n, double *kB, double *kA, mge_error *err) {
  const int nt = (int)(sizeof ktab / sizeof ktab[0]);
  if (n < 3)
    return mge_error_set(err, MGE_E_INPUT,
                         "basis values need at least 3 observations (n = %d)",
                         n);
  if (n > ktab[nt - 1].n) {
    *kB = natrella(n, 1.2815515655446004);
    *kA = natrella(n, 2.3263478740408408);
    return MGE_OK;
  }
  for (int i = 0; i < nt; i++) {
    if (ktab[i].n == n) {
      *kB = ktab[i].kB;
      *kA = ktab[i].kA;
      return MGE_OK;
    }
    if (ktab[i].n > n) { /* linear in 1/sqrt(n) between tabulated rows */
      double x0 = 1 / sqrt(ktab[i - 1].n), x1 = 1 / sqrt(ktab[i].n),
             x = 1 / sqrt(n), f = (x - x0) / (x1 - x0);
      *kB = ktab[i - 1].kB + f * (ktab[i].kB - ktab[i - 1].kB);
      *kA = ktab[i - 1].kA + f * (ktab[i].kA - ktab[i - 1].kA);
      return MGE_OK;
    }
  }
  return mge_error_set(err, MGE_E_INTERNAL, "k-factor table lookup failed");
}

static void mean_sd(const double *x, int n, int logs, double *m, double *s) {
  double a = 0;
  for (int i = 0; i < n; i++) a += logs ? log(x[i]) : x[i];
  a /= n;
  double q = 0;
  for (int i = 0; i < n; i++) {
    double d = (logs ? log(x[i]) : x[i]) - a;
    q += d * d;
  }
  *m = a;
  *s = sqrt(q / (n - 1));
}

/* Weibull maximum likelihood (CMH-17-1G Eq. 8.3.2.2(b)): the shape b solves
 * sum x^b ln x / sum x^b - 1/b - mean(ln x) = 0; scale = (mean x^b)^(1/b).
 * Data are scaled by their maximum to keep x^b in range. */
static int weibull_mle(const double *x, int n, double *shape, double *scale) {
  double xm = 0, ml = 0;
  for (int i = 0; i < n; i++) xm = x[i] > xm ? x[i] : xm;
  for (int i = 0; i < n; i++) ml += log(x[i] / xm);
  ml /= n;
  double lo = 1e-3, hi = 1e4;
#define G(b, out)                                \
  do {                                           \
    double s0 = 0, s1 = 0;                       \
    for (int i = 0; i < n; i++) {                \
      double l = log(x[i] / xm), p = exp((b)*l); \
      s0 += p;                                   \
      s1 += p * l;                               \
    }                                            \
    out = s1 / s0 - 1.0 / (b)-ml;                \
  } while (0)
  double glo, ghi;
  G(lo, glo);
  G(hi, ghi);
  if (!(glo < 0 && ghi > 0)) return 0;
  for (int it = 0; it < 200; it++) {
    double mid = sqrt(lo * hi), g;
    G(mid, g);
    if (g < 0)
      lo = mid;
    else
      hi = mid;
    if (hi / lo - 1.0 < 1e-14) break;
  }
#undef G
  double b = sqrt(lo * hi), s0 = 0;
  for (int i = 0; i < n; i++) s0 += exp(b * log(x[i] / xm));
  *shape = b;
  *scale = xm * pow(s0 / n, 1.0 / b);
  return 1;
}

int mge_basis_values(const double *x, int n, mge_basis_dist dist,
                     mge_basis_result *out, mge_error *err) {
  if (!x || !out) return mge_error_set(err, MGE_E_INPUT, "missing argument");
  memset(out, 0, sizeof *out);
  int rc;
  if ((rc = mge_basis_k(n, &out->kB, &out->kA, err))) return rc;
  for (int i = 0; i < n; i++) {
    if (!isfinite(x[i]))
      return mge_error_set(err, MGE_E_INPUT, "value %d is not finite", i + 1);
    if (dist != MGE_DIST_NORMAL && !(x[i] > 0))
      return mge_error_set(err, MGE_E_INPUT,
                           "value %d = %g: the %s method needs positive data",
                           i + 1, x[i], mge_basis_dist_name(dist));
  }
  out->n = n;
  mean_sd(x, n, 0, &out->mean, &out->sd);
  out->cv = out->mean != 0 ? out->sd / out->mean : NAN;
  out->weibull_shape = out->weibull_scale = out->VB = out->VA = NAN;
  switch (dist) {
    case MGE_DIST_NORMAL: /* CMH-17-1G Eq. 8.3.4.3(a) */
      out->B = out->mean - out->kB * out->sd;
      out->A = out->mean - out->kA * out->sd;
      break;
    case MGE_DIST_LOGNORMAL: { /* Sec. 8.3.4.4: normal method on ln x */
      double m, s;
      mean_sd(x, n, 1, &m, &s);
      out->B = exp(m - out->kB * s);
      out->A = exp(m - out->kA * s);
      break;
    }
    case MGE_DIST_WEIBULL: { /* Sec. 8.3.4.2 */
      if (out->sd == 0)
        return mge_error_set(err, MGE_E_INPUT,
                             "all values are equal: no Weibull fit");
      double b, a;
      if (!weibull_mle(x, n, &b, &a))
        return mge_error_set(err, MGE_E_CONVERGE,
                             "Weibull maximum-likelihood fit failed");
      out->weibull_shape = b;
      out->weibull_scale = a;
      /* CMH-17-1G Eq. 8.3.4.2.2(a)-(c): V approximations */
      out->VB = 3.803 + exp(1.79 - 0.516 * log(n) + 5.1 / (n - 1));
      out->VA = 6.649 + exp(2.55 - 0.526 * log(n) + 4.76 / n);
      double qB = a * pow(0.10536, 1.0 / b); /* -ln(0.90) */
      double qA = a * pow(0.01005, 1.0 / b); /* -ln(0.99) */
      out->B = qB * exp(-out->VB / (b * sqrt((double)n)));
      out->A = qA * exp(-out->VA / (b * sqrt((double)n)));
      break;
    }
    default: return mge_error_set(err, MGE_E_INPUT, "unknown distribution");
  }
  return MGE_OK;
}

const char *mge_basis_dist_name(mge_basis_dist d) {
  switch (d) {
    case MGE_DIST_NORMAL: return "normal";
    case MGE_DIST_WEIBULL: return "weibull";
    case MGE_DIST_LOGNORMAL: return "lognormal";
  }
  return "unknown";
}

int mge_basis_dist_parse(const char *name) {
  for (int d = 0; d <= 2; d++)
    if (cmp_name_eq(name, mge_basis_dist_name((mge_basis_dist)d))) return d;
  return -1;
}
