/* Viscosity-temperature equations (VFT, MYEGA, Avramov-Milchev), their
 * fits to measured points, and characteristic temperatures. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glass/glass_internal.h"

const char *mge_visc_kind_name(mge_visc_kind k) {
  switch (k) {
    case MGE_VISC_VFT: return "VFT";
    case MGE_VISC_MYEGA: return "MYEGA";
    case MGE_VISC_AM: return "AM";
  }
  return "unknown";
}

int mge_visc_kind_parse(const char *s) {
  static const char *const names[] = {"vft", "myega", "am"};
  if (!s) return -1;
  for (int k = 0; k < 3; k++) {
    size_t n = strlen(names[k]);
    if (strlen(s) != n) continue;
    size_t i = 0;
    while (i < n && tolower((unsigned char)s[i]) == names[k][i]) i++;
    if (i == n) return k;
  }
  return -1;
}

static const double point_log10[MGE_VISC_T_N] = {13.5, 12.0, 12.0,
                                                 6.6,  3.0,  2.0};
static const char *const point_name[MGE_VISC_T_N] = {
    "strain",    "annealing", "glass_transition",
    "softening", "working",   "fiber_forming"};

double mge_visc_point_log10(int i) {
  return (i >= 0 && i < MGE_VISC_T_N) ? point_log10[i] : NAN;
}
const char *mge_visc_point_name(int i) {
  return (i >= 0 && i < MGE_VISC_T_N) ? point_name[i] : NULL;
}

/* MYEGA in x = Tg/T: l + (12-l) x exp((m/(12-l) - 1)(x - 1)). */
static double myega_x(const double *p, double x) {
  double d = 12 - p[0];
  return p[0] + d * x * exp((p[2] / d - 1) * (x - 1));
}
static double am_x(const double *p, double x) {
  double d = 12 - p[0];
  return p[0] + d * pow(x, p[2] / d);
}

double mge_visc_log10(const mge_visc *v, double T) {
  if (!v || !(T > 0)) return NAN;
  const double *p = v->p;
  switch (v->kind) {
    case MGE_VISC_VFT: return T > p[2] ? p[0] + p[1] / (T - p[2]) : NAN;
    case MGE_VISC_MYEGA:
      return (p[0] < 12 && p[1] > 0) ? myega_x(p, p[1] / T) : NAN;
    case MGE_VISC_AM: return (p[0] < 12 && p[1] > 0) ? am_x(p, p[1] / T) : NAN;
  }
  return NAN;
}

int mge_visc_temperature(const mge_visc *v, double y, double *T_K,
                         mge_error *err) {
  const double *p = v->p;
  *T_K = NAN;
  if (!isfinite(p[0]) || !isfinite(p[1]) || !isfinite(p[2]) || !isfinite(y))
    return mge_error_set(err, MGE_E_INPUT, "viscosity curve not finite");
  switch (v->kind) {
    case MGE_VISC_VFT:
      if (!(p[1] > 0) || !(y > p[0]))
        return mge_error_set(err, MGE_E_RANGE,
                             "VFT curve never reaches log10 eta = %g", y);
      *T_K = p[2] + p[1] / (y - p[0]);
      return MGE_OK;
    case MGE_VISC_AM: {
      double d = 12 - p[0], a = p[2] / d;
      if (!(d > 0) || !(a > 0) || !(p[1] > 0) || !(y > p[0]))
        return mge_error_set(err, MGE_E_RANGE,
                             "AM curve never reaches log10 eta = %g", y);
      *T_K = p[1] / pow((y - p[0]) / d, 1 / a);
      return MGE_OK;
    }
    case MGE_VISC_MYEGA: {
      double d = 12 - p[0];
      if (!(d > 0) || !(p[1] > 0) || !(p[2] > 0) || !(y > p[0]))
        return mge_error_set(err, MGE_E_RANGE,
                             "MYEGA curve never reaches log10 eta = %g", y);
      /* y(x) increases with x where 1 + kx > 0, k = m/d - 1 (always for
         m > d, the physical case); bisection on x = Tg/T. */
      double lo = 1e-6, hi = 1.0;
      while (myega_x(p, hi) < y && hi < 1e3) hi *= 2;
      if (myega_x(p, hi) < y || myega_x(p, lo) > y)
        return mge_error_set(err, MGE_E_RANGE,
                             "MYEGA curve never reaches log10 eta = %g", y);
      /* safeguarded Newton: bisection whenever a step leaves the bracket */
      double d2 = 12 - p[0], k = p[2] / d2 - 1, x = 0.5 * (lo + hi);
      for (int i = 0; i < 200; i++) {
        double E = exp(k * (x - 1)), f = p[0] + d2 * x * E - y;
        double fp = d2 * E * (1 + k * x);
        if (f < 0)
          lo = x;
        else
          hi = x;
        double xn = fp > 0 ? x - f / fp : 0.5 * (lo + hi);
        if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
        if (fabs(xn - x) <= 1e-15 * x || hi - lo <= 1e-15 * hi) {
          x = xn;
          break;
        }
        x = xn;
      }
      lo = hi = x;
      *T_K = p[1] / (0.5 * (lo + hi));
      return MGE_OK;
    }
  }
  return mge_error_set(err, MGE_E_INPUT, "unknown viscosity equation");
}

/* ------------------------------------------------------------------ fit */

typedef struct fit_ctx {
  mge_visc_kind kind;
  const double *T, *y, *s;
  size_t n;
} fit_ctx;

static int fit_resid(const double *p, double *r, double *J, void *vctx) {
  const fit_ctx *c = vctx;
  (void)J;
  mge_visc v = {.kind = c->kind, .p = {p[0], p[1], p[2]}};
  for (size_t i = 0; i < c->n; i++) {
    double f = mge_visc_log10(&v, c->T[i]);
    if (!isfinite(f)) return 1;
    r[i] = (c->y[i] - f) / (c->s ? c->s[i] : 1.0);
  }
  return 0;
}

/* VFT start: for C on a grid below min(T), (A, B) by linear least squares;
 * keep the best. */
static void vft_start(const double *T, const double *y, const double *s,
                      size_t n, double *p) {
  double Tmin = T[0];
  for (size_t i = 1; i < n; i++)
    if (T[i] < Tmin) Tmin = T[i];
  double best = INFINITY;
  p[0] = -3, p[1] = 5000, p[2] = 0.5 * Tmin;
  for (int k = 0; k < 96; k++) {
    double C = Tmin * k / 100.0;
    double S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
    for (size_t i = 0; i < n; i++) {
      double w = s ? 1 / (s[i] * s[i]) : 1, x = 1 / (T[i] - C);
      S += w, Sx += w * x, Sy += w * y[i], Sxx += w * x * x,
          Sxy += w * x * y[i];
    }
    double det = S * Sxx - Sx * Sx;
    if (!(fabs(det) > 0)) continue;
    double B = (S * Sxy - Sx * Sy) / det, A = (Sy - B * Sx) / S;
    double e = 0;
    for (size_t i = 0; i < n; i++) {
      double w = s ? 1 / (s[i] * s[i]) : 1, d = y[i] - A - B / (T[i] - C);
      e += w * d * d;
    }
    if (B > 0 && e < best) best = e, p[0] = A, p[1] = B, p[2] = C;
  }
}

int mge_visc_fit(mge_visc_kind kind, const double *T, const double *y,
                 const double *s, size_t n, mge_visc *out,
                 mge_visc_fit_info *info, mge_error *err) {
  if ((int)kind < 0 || kind > MGE_VISC_AM)
    return mge_error_set(err, MGE_E_INPUT, "unknown viscosity equation");
  if (n < 4)
    return mge_error_set(err, MGE_E_INPUT,
                         "viscosity fit needs at least 4 points, got %zu", n);
  if (n > 10000000)
    return mge_error_set(err, MGE_E_LIMIT, "too many points (%zu)", n);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(T[i]) || !(T[i] > 0) || !isfinite(y[i]))
      return mge_error_set(err, MGE_E_INPUT,
                           "point %zu: T = %g K, log10 eta = %g is not valid",
                           i + 1, T[i], y[i]);
    if (s && (!isfinite(s[i]) || !(s[i] > 0)))
      return mge_error_set(err, MGE_E_INPUT,
                           "point %zu: uncertainty %g must be > 0", i + 1,
                           s[i]);
  }
  double p[3];
  vft_start(T, y, s, n, p);
  if (kind != MGE_VISC_VFT) {
    mge_visc v = {.kind = MGE_VISC_VFT, .p = {p[0], p[1], p[2]}};
    double Tg = NAN;
    mge_visc_temperature(&v, 12, &Tg, NULL);
    double l = p[0] < -1 ? (p[0] > -8 ? p[0] : -8) : -1;
    double m = isfinite(Tg) ? p[1] * Tg / ((Tg - p[2]) * (Tg - p[2])) : 40;
    if (!(m > 12 - l + 1)) m = 12 - l + 1;
    if (!(m < 200)) m = 200;
    p[0] = l, p[1] = isfinite(Tg) ? Tg : 800, p[2] = m;
  }
  fit_ctx c = {kind, T, y, s, n};
  glass_lm_opts o = {.max_iter = 500,
                     .tol = 1e-12,
                     .fd_jac = 1,
                     .fd_step = 1e-7,
                     .lambda0 = 1e-3};
  double chi2 = 0, cov[9];
  int it = 0;
  int rc = glass_lm(fit_resid, &c, (int)n, 3, p, &o, &chi2, cov, &it, err);
  if (rc) return rc;
  out->kind = kind;
  memcpy(out->p, p, sizeof p);
  int dof = (int)n - 3;
  double scale = s ? 1.0 : (dof > 0 ? chi2 / dof : NAN);
  for (int k = 0; k < 9; k++) out->cov[k] = cov[k] * scale;
  out->has_cov =
      isfinite(out->cov[0]) && isfinite(out->cov[4]) && isfinite(out->cov[8]);
  if (info) {
    mge_visc v = *out;
    double ss = 0;
    for (size_t i = 0; i < n; i++) {
      double d = y[i] - mge_visc_log10(&v, T[i]);
      ss += d * d;
    }
    info->iterations = it;
    info->n = (int)n;
    info->dof = dof;
    info->chi2 = chi2;
    info->rms = sqrt(ss / (double)n);
    info->sigma_given = s != NULL;
  }
  return MGE_OK;
}

int mge_visc_char_temps(const mge_visc *v, mge_visc_temps *out,
                        mge_error *err) {
  int any = 0;
  for (int i = 0; i < MGE_VISC_T_N; i++) {
    out->T_K[i] = out->sd_K[i] = NAN;
    double T;
    if (mge_visc_temperature(v, point_log10[i], &T, NULL) != MGE_OK) continue;
    out->T_K[i] = T;
    any = 1;
    if (!v->has_cov) continue;
    double g[3];
    int ok = 1;
    for (int k = 0; k < 3 && ok; k++) {
      mge_visc w = *v;
      double h = 1e-6 * (fabs(v->p[k]) > 1 ? fabs(v->p[k]) : 1);
      w.p[k] += h;
      double T2;
      if (mge_visc_temperature(&w, point_log10[i], &T2, NULL) != MGE_OK)
        ok = 0;
      else
        g[k] = (T2 - T) / h;
    }
    if (!ok) continue;
    double var = 0;
    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++) var += g[a] * v->cov[a * 3 + b] * g[b];
    out->sd_K[i] = var >= 0 ? sqrt(var) : NAN;
  }
  if (!any)
    return mge_error_set(
        err, MGE_E_RANGE,
        "the viscosity curve reaches none of the fixed points");
  return MGE_OK;
}

int mge_visc_forming_window(const mge_visc *v, double T_liq, double *T_form,
                            double *window, mge_error *err) {
  if (!isfinite(T_liq) || !(T_liq > 0))
    return mge_error_set(err, MGE_E_INPUT, "liquidus temperature %g K", T_liq);
  double T;
  int rc = mge_visc_temperature(v, point_log10[MGE_VISC_T_FIBER], &T, err);
  if (rc) return rc;
  if (T_form) *T_form = T;
  if (window) *window = T - T_liq;
  return MGE_OK;
}
