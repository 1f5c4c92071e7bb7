/* Lamina failure criteria and strength ratios.
 *   max stress   Jenkins 1920; Kaw 2006 Sec. 2.8.1
 *   max strain   Waddoups 1967; Kaw 2006 Sec. 2.8.2
 *   Tsai-Hill    Azzi & Tsai, Exp Mech 5 (1965) 283; Kaw Sec. 2.8.3
 *   Tsai-Wu      Tsai & Wu, J Compos Mater 5 (1971) 58; F12 = F12* sqrt(F11
 *                F22), F12* = -0.5 (Tsai & Hahn 1980)
 *   Hashin       Hashin, J Appl Mech 47 (1980) 329, plane-stress form
 *   Puck         Puck & Schuermann, Compos Sci Technol 62 (2002) 1633
 *                (plane-stress IFF modes A, B, C; FF) */
#include <math.h>
#include <string.h>

#include "composite/internal.h"

static const char *const crit_names[MGE_CRIT_N] = {
    "max-stress", "max-strain", "tsai-hill", "tsai-wu", "hashin", "puck"};

static const char *const crit_refs[MGE_CRIT_N] = {
    "Kaw, Mechanics of Composite Materials, 2nd ed., CRC 2006, Sec. 2.8.1",
    "Kaw 2006, Sec. 2.8.2 (Waddoups 1967)",
    "Azzi & Tsai, Exp. Mech. 5 (1965) 283; Kaw 2006, Sec. 2.8.3",
    "Tsai & Wu, J. Compos. Mater. 5 (1971) 58, doi:10.1177/"
    "002199837100500106; F12* = -0.5 (Tsai & Hahn 1980)",
    "Hashin, J. Appl. Mech. 47 (1980) 329, doi:10.1115/1.3153664",
    "Puck & Schuermann, Compos. Sci. Technol. 62 (2002) 1633, doi:10.1016/"
    "S0266-3538(01)00208-1"};

const char *mge_criterion_name(mge_criterion c) {
  return (c >= 0 && c < MGE_CRIT_N) ? crit_names[c] : "unknown";
}

const char *mge_criterion_ref(mge_criterion c) {
  return (c >= 0 && c < MGE_CRIT_N) ? crit_refs[c] : "";
}

int mge_criterion_parse(const char *name) {
  if (!name) return -1;
  for (int i = 0; i < MGE_CRIT_N; i++)
    if (cmp_name_eq(name, crit_names[i])) return i;
  if (cmp_name_eq(name, "maxstress")) return MGE_CRIT_MAX_STRESS;
  if (cmp_name_eq(name, "maxstrain")) return MGE_CRIT_MAX_STRAIN;
  if (cmp_name_eq(name, "tsaiwu")) return MGE_CRIT_TSAI_WU;
  if (cmp_name_eq(name, "tsaihill")) return MGE_CRIT_TSAI_HILL;
  return -1;
}

const char *mge_fail_mode_name(mge_fail_mode m, mge_criterion c) {
  if (c == MGE_CRIT_PUCK) {
    if (m == MGE_MODE_MATRIX_T) return "puck-A";
    if (m == MGE_MODE_SHEAR) return "puck-B";
    if (m == MGE_MODE_MATRIX_C) return "puck-C";
  }
  switch (m) {
    case MGE_MODE_NONE: return "none";
    case MGE_MODE_FIBRE_T: return "fibre-tension";
    case MGE_MODE_FIBRE_C: return "fibre-compression";
    case MGE_MODE_MATRIX_T: return "matrix-tension";
    case MGE_MODE_MATRIX_C: return "matrix-compression";
    case MGE_MODE_SHEAR: return "shear";
    default: return "unknown";
  }
}

void mge_fail_opts_default(mge_fail_opts *o) {
  o->tsai_wu_F12star = -0.5;
  o->ply_discount = CMP_DISCOUNT;
}

static double pos_or(double v, double def) {
  return v > 0 ? v : def;
}

void cmp_str_init(const mge_lamina *m, const mge_fail_opts *o, cmp_str *s) {
  double f12s = o ? o->tsai_wu_F12star : -0.5;
  s->Xt = m->Xt_Pa;
  s->Xc = m->Xc_Pa;
  s->Yt = m->Yt_Pa;
  s->Yc = m->Yc_Pa;
  s->S = m->S12_Pa;
  s->S23 = pos_or(m->S23_Pa, 0.5 * m->Yc_Pa);
  s->e1t = pos_or(m->eps1t, m->Xt_Pa / m->E1_Pa);
  s->e1c = pos_or(m->eps1c, m->Xc_Pa / m->E1_Pa);
  s->e2t = pos_or(m->eps2t, m->Yt_Pa / m->E2_Pa);
  s->e2c = pos_or(m->eps2c, m->Yc_Pa / m->E2_Pa);
  s->g12u = pos_or(m->gamma12u, m->S12_Pa / m->G12_Pa);
  s->S11 = 1.0 / m->E1_Pa;
  s->S22 = 1.0 / m->E2_Pa;
  s->S12 = -m->nu12 / m->E1_Pa;
  s->S66 = 1.0 / m->G12_Pa;
  s->F1 = 1.0 / s->Xt - 1.0 / s->Xc;
  s->F2 = 1.0 / s->Yt - 1.0 / s->Yc;
  s->F11 = 1.0 / (s->Xt * s->Xc);
  s->F22 = 1.0 / (s->Yt * s->Yc);
  s->F66 = 1.0 / (s->S * s->S);
  s->F12 = f12s * sqrt(s->F11 * s->F22);
  double q = s->Yc / (2.0 * s->S23);
  s->hb = (q * q - 1.0) / s->Yc;
  s->iXt = 1.0 / s->Xt;
  s->iXc = 1.0 / s->Xc;
  s->iYt = 1.0 / s->Yt;
  s->iYc = 1.0 / s->Yc;
  s->iS = 1.0 / s->S;
  s->i2S23 = 0.5 / s->S23;
  s->ie1t = 1.0 / s->e1t;
  s->ie1c = 1.0 / s->e1c;
  s->ie2t = 1.0 / s->e2t;
  s->ie2c = 1.0 / s->e2c;
  s->ig12u = 1.0 / s->g12u;
  s->p12t = pos_or(m->puck_p12t, 0.30);
  s->p12c = pos_or(m->puck_p12c, 0.25);
  s->p22c = pos_or(m->puck_p22c, 0.2225);
  s->RA = s->Yc / (2.0 * (1.0 + s->p22c));
  s->tau21c = s->S * sqrt(1.0 + 2.0 * s->p22c);
  s->puckA = (1.0 - s->p12t * s->Yt / s->S) / s->Yt;
  s->puckC = 1.0 / (2.0 * (1.0 + s->p22c) * s->S);
  s->ff_k = (m->E1f_Pa > 0) ? m->nu12 - m->nu12f * pos_or(m->m_sigf, 1.0) *
                                            m->E1_Pa / m->E1f_Pa
                            : 0.0;
}

/* Failure index (effort) FI = 1/R of a quadratic criterion a R^2 + b R = 1
 * (a >= 0): FI^2 = a + b FI, so FI = (b + sqrt(b^2 + 4a)) / 2. */
static inline double quad_fi(double a, double b) {
  return 0.5 * (b + sqrt(b * b + 4.0 * a));
}

/* Dominant-ratio mode (for criteria without modes). */
static mge_fail_mode dominant(const cmp_str *s, const double *g) {
  double r1 = g[0] >= 0 ? g[0] * s->iXt : -g[0] * s->iXc;
  double r2 = g[1] >= 0 ? g[1] * s->iYt : -g[1] * s->iYc;
  double r6 = fabs(g[2]) * s->iS;
  if (r1 >= r2 && r1 >= r6)
    return g[0] >= 0 ? MGE_MODE_FIBRE_T : MGE_MODE_FIBRE_C;
  if (r2 >= r6) return g[1] >= 0 ? MGE_MODE_MATRIX_T : MGE_MODE_MATRIX_C;
  return MGE_MODE_SHEAR;
}

/* Fibre-direction index of the simple form sigma1 / X. */
static inline double fibre_simple(const cmp_str *s, double s1,
                                  mge_fail_mode *md) {
  if (s1 > 0) {
    *md = MGE_MODE_FIBRE_T;
    return s1 * s->iXt;
  }
  if (s1 < 0) {
    *md = MGE_MODE_FIBRE_C;
    return -s1 * s->iXc;
  }
  *md = MGE_MODE_NONE;
  return 0.0;
}

double cmp_fi(const cmp_str *s, mge_criterion c, const double g[3],
              int fibre_only, mge_fail_mode *mode) {
  double s1 = g[0], s2 = g[1], t = g[2];
  double F = 0, r;
  mge_fail_mode md = MGE_MODE_NONE, m2;
  switch (c) {
    case MGE_CRIT_MAX_STRESS: {
      F = fibre_simple(s, s1, &md);
      if (fibre_only) break;
      if (s2 > 0 && (r = s2 * s->iYt) > F) F = r, md = MGE_MODE_MATRIX_T;
      if (s2 < 0 && (r = -s2 * s->iYc) > F) F = r, md = MGE_MODE_MATRIX_C;
      if ((r = fabs(t) * s->iS) > F) F = r, md = MGE_MODE_SHEAR;
      break;
    }
    case MGE_CRIT_MAX_STRAIN: {
      double e1 = s->S11 * s1 + s->S12 * s2;
      double e2 = s->S12 * s1 + s->S22 * s2;
      double g12 = s->S66 * t;
      if (e1 > 0) F = e1 * s->ie1t, md = MGE_MODE_FIBRE_T;
      if (e1 < 0) F = -e1 * s->ie1c, md = MGE_MODE_FIBRE_C;
      if (fibre_only) break;
      if (e2 > 0 && (r = e2 * s->ie2t) > F) F = r, md = MGE_MODE_MATRIX_T;
      if (e2 < 0 && (r = -e2 * s->ie2c) > F) F = r, md = MGE_MODE_MATRIX_C;
      if ((r = fabs(g12) * s->ig12u) > F) F = r, md = MGE_MODE_SHEAR;
      break;
    }
    case MGE_CRIT_TSAI_HILL: {
      if (fibre_only) {
        F = fibre_simple(s, s1, &md);
        break;
      }
      double iX2 = s1 >= 0 ? s->iXt * s->iXt : s->iXc * s->iXc;
      double iY = s2 >= 0 ? s->iYt : s->iYc;
      double f =
          (s1 * s1 - s1 * s2) * iX2 + s2 * s2 * iY * iY + t * t * s->iS * s->iS;
      F = f > 0 ? sqrt(f) : 0.0;
      if (mode) md = dominant(s, g);
      break;
    }
    case MGE_CRIT_TSAI_WU: {
      if (fibre_only) {
        F = fibre_simple(s, s1, &md);
        break;
      }
      double a = s->F11 * s1 * s1 + s->F22 * s2 * s2 + s->F66 * t * t +
                 2.0 * s->F12 * s1 * s2;
      double b = s->F1 * s1 + s->F2 * s2;
      F = a > 0 ? quad_fi(a, b) : (b > 0 ? b : 0.0);
      if (mode) md = dominant(s, g);
      break;
    }
    case MGE_CRIT_HASHIN: {
      double u = t * s->iS, tt = u * u;
      if (s1 > 0) {
        double v = s1 * s->iXt;
        F = sqrt(v * v + tt), md = MGE_MODE_FIBRE_T;
      } else if (s1 < 0) {
        F = -s1 * s->iXc, md = MGE_MODE_FIBRE_C;
      }
      if (fibre_only) break;
      if (s2 >= 0) {
        double v = s2 * s->iYt;
        r = sqrt(v * v + tt);
        m2 = MGE_MODE_MATRIX_T;
      } else {
        double q = s2 * s->i2S23;
        r = quad_fi(q * q + tt, s->hb * s2);
        m2 = MGE_MODE_MATRIX_C;
      }
      if (r > F) F = r, md = m2;
      break;
    }
    case MGE_CRIT_PUCK: {
      double se = s1 - s->ff_k * s2;
      F = fibre_simple(s, se, &md);
      if (fibre_only) break;
      double u = t * s->iS;
      if (s2 >= 0) { /* mode A */
        double v = s->puckA * s2;
        r = sqrt(u * u + v * v) + s->p12t * s2 * s->iS;
        m2 = MGE_MODE_MATRIX_T;
      } else if (-s2 * s->tau21c <= s->RA * fabs(t)) { /* mode B */
        double pc = s->p12c * s2;
        r = (sqrt(t * t + pc * pc) + pc) * s->iS;
        m2 = MGE_MODE_SHEAR;
      } else { /* mode C */
        double w = t * s->puckC, v = s2 * s->iYc;
        r = (w * w + v * v) * s->Yc / (-s2);
        m2 = MGE_MODE_MATRIX_C;
      }
      if (r > F) F = r, md = m2;
      break;
    }
    default: F = NAN; break;
  }
  if (mode) *mode = md;
  return F;
}

double cmp_sr(const cmp_str *s, mge_criterion c, const double g[3],
              int fibre_only, mge_fail_mode *mode) {
  double f = cmp_fi(s, c, g, fibre_only, mode);
  return f > 0 ? 1.0 / f : (f == 0 ? INFINITY : NAN);
}

double cmp_sr_resid(const cmp_str *s, mge_criterion c, const double sm[3],
                    const double sr[3], int fibre_only, mge_fail_mode *mode) {
  mge_fail_mode md;
  double r0 = cmp_sr(s, c, sr, fibre_only, &md);
  if (r0 <= 1.0) { /* the residual stress alone fails the ply */
    if (mode) *mode = md;
    return 0.0;
  }
  /* failed(l): the state l sm + sr is on or outside the envelope, i.e. its
   * own strength ratio is <= 1 (the envelope is star-shaped about 0). */
  double lo = 0.0, hi = cmp_sr(s, c, sm, fibre_only, NULL);
  if (!(hi < INFINITY)) hi = 1.0;
  double x[3];
  int grow = 0;
  for (;;) {
    for (int i = 0; i < 3; i++) x[i] = hi * sm[i] + sr[i];
    if (cmp_sr(s, c, x, fibre_only, NULL) <= 1.0) break;
    lo = hi;
    hi *= 2.0;
    if (++grow > 200) {
      if (mode) *mode = MGE_MODE_NONE;
      return INFINITY;
    }
  }
  for (int it = 0; it < 80 && hi - lo > 1e-13 * hi; it++) {
    double mid = 0.5 * (lo + hi);
    for (int i = 0; i < 3; i++) x[i] = mid * sm[i] + sr[i];
    if (cmp_sr(s, c, x, fibre_only, NULL) <= 1.0)
      hi = mid;
    else
      lo = mid;
  }
  for (int i = 0; i < 3; i++) x[i] = hi * sm[i] + sr[i];
  cmp_sr(s, c, x, fibre_only, &md);
  if (mode) *mode = md;
  return hi;
}

double mge_strength_ratio(const mge_lamina *m, mge_criterion c,
                          const mge_fail_opts *o, const double sigma_m[3],
                          const double sigma_r[3], mge_fail_mode *mode) {
  if (mge_lamina_check(m, 1, NULL) || c < 0 || c >= MGE_CRIT_N) return NAN;
  cmp_str s;
  cmp_str_init(m, o, &s);
  if (sigma_r && (sigma_r[0] != 0 || sigma_r[1] != 0 || sigma_r[2] != 0))
    return cmp_sr_resid(&s, c, sigma_m, sigma_r, 0, mode);
  return cmp_sr(&s, c, sigma_m, 0, mode);
}
