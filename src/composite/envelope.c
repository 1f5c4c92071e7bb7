/* Failure envelopes in a plane of average laminate stress, and their SVG
 * plot (a small hand-written SVG: axes, grid, one polyline per curve). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "composite/internal.h"

static const char *const plane_names[] = {"sx-sy", "sx-txy", "sy-txy"};

const char *mge_stress_plane_name(mge_stress_plane p) {
  return (p >= 0 && p <= 2) ? plane_names[p] : "unknown";
}

int mge_stress_plane_parse(const char *name) {
  if (!name) return -1;
  for (int i = 0; i < 3; i++)
    if (cmp_name_eq(name, plane_names[i])) return i;
  return -1;
}

static void plane_load(mge_stress_plane pl, double h, double a, double b,
                       double N[3]) {
  N[0] = N[1] = N[2] = 0;
  switch (pl) {
    case MGE_PLANE_SX_SY: N[0] = a * h, N[1] = b * h; break;
    case MGE_PLANE_SX_TXY: N[0] = a * h, N[2] = b * h; break;
    case MGE_PLANE_SY_TXY: N[1] = a * h, N[2] = b * h; break;
  }
}

int mge_laminate_envelope(const mge_laminate *lam, mge_stress_plane plane,
                          mge_criterion c, const mge_fail_opts *o, int n_dir,
                          int last_ply, double *a_Pa, double *b_Pa,
                          mge_error *err) {
  return mge_laminate_envelope_hygro(lam, plane, c, o, n_dir, last_ply, 0.0,
                                     0.0, a_Pa, b_Pa, err);
}

int mge_laminate_envelope_hygro(const mge_laminate *lam, mge_stress_plane plane,
                                mge_criterion c, const mge_fail_opts *o,
                                int n_dir, int last_ply, double dT_K, double dC,
                                double *a_Pa, double *b_Pa, mge_error *err) {
  int rc;
  if (!isfinite(dT_K) || !isfinite(dC))
    return mge_error_set(err, MGE_E_INPUT, "dT or dC is not finite");
  mge_load res;
  memset(&res, 0, sizeof res);
  res.dT_K = dT_K;
  res.dC = dC;
  if ((rc = mge_laminate_check(lam, 1, err))) return rc;
  if (plane < 0 || plane > 2)
    return mge_error_set(err, MGE_E_INPUT, "unknown stress plane");
  if (c < 0 || c >= MGE_CRIT_N)
    return mge_error_set(err, MGE_E_INPUT, "unknown criterion");
  if (n_dir < 4 || n_dir > 100000)
    return mge_error_set(err, MGE_E_INPUT,
                         "number of directions %d: must be in 4..100000",
                         n_dir);
  if (last_ply && n_dir > 3600)
    return mge_error_set(err, MGE_E_LIMIT,
                         "last-ply envelopes take at most 3600 directions");
  double h = mge_laminate_thickness(lam);
  cmp_prep p;
  if (!last_ply && !cmp_prep_init(&p, lam, &res, o, NULL))
    return mge_error_set(err, MGE_E_RANGE, "the ABD matrix is singular");
  const double M0[3] = {0, 0, 0};
  for (int k = 0; k < n_dir; k++) {
    double phi = 2.0 * M_PI * k / n_dir;
    double ca = cos(phi), sb = sin(phi);
    if (fabs(ca) < 1e-15) ca = 0;
    if (fabs(sb) < 1e-15) sb = 0;
    double N[3], R;
    plane_load(plane, h, ca, sb, N);
    if (last_ply) {
      mge_load ld = res;
      memcpy(ld.N, N, sizeof N);
      mge_lpf_result lr;
      R = mge_laminate_lpf(lam, &ld, c, o, &lr, NULL) ? NAN : lr.lpf;
    } else {
      R = cmp_prep_fpf(&p, lam, N, M0, &c, 1);
    }
    if (!isfinite(R)) R = NAN;
    a_Pa[k] = R * ca;
    b_Pa[k] = R * sb;
  }
  return MGE_OK;
}

/* ------------------------------------------------------------------ SVG */

typedef struct sbuf {
  char *buf;
  size_t cap, len;
} sbuf;

#ifdef __GNUC__
__attribute__((format(printf, 2, 3)))
#endif
static void
put(sbuf *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  size_t room = s->len < s->cap ? s->cap - s->len : 0;
  int k = vsnprintf(s->buf ? s->buf + (s->len < s->cap ? s->len : 0) : NULL,
                    s->buf ? room : 0, fmt, ap);
  va_end(ap);
  if (k > 0) s->len += (size_t)k;
}

static void put_escaped(sbuf *s, const char *t) {
  for (; t && *t; t++) {
    switch (*t) {
      case '<': put(s, "&lt;"); break;
      case '>': put(s, "&gt;"); break;
      case '&': put(s, "&amp;"); break;
      case '"': put(s, "&quot;"); break;
      default: put(s, "%c", *t);
    }
  }
}

static double nice_step(double range) {
  double raw = range / 5.0, e = pow(10.0, floor(log10(raw))), f = raw / e;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * e;
}

int mge_envelope_svg(mge_stress_plane plane, int n_curves,
                     const double *const *a_Pa, const double *const *b_Pa,
                     int n, const char *const *labels, const char *title,
                     char *buf, size_t cap, size_t *len, mge_error *err) {
  static const char *const colors[] = {"#1f77b4", "#d62728", "#2ca02c",
                                       "#9467bd", "#ff7f0e", "#8c564b",
                                       "#e377c2", "#17becf"};
  static const char *const ax_a[] = {"σx (MPa)", "σx (MPa)", "σy (MPa)"};
  static const char *const ax_b[] = {"σy (MPa)", "τxy (MPa)", "τxy (MPa)"};
  if (plane < 0 || plane > 2 || n_curves < 1 || n < 2 || !a_Pa || !b_Pa)
    return mge_error_set(err, MGE_E_INPUT, "nothing to plot");
  double ma = 0, mb = 0;
  for (int c = 0; c < n_curves; c++)
    for (int i = 0; i < n; i++) {
      if (isfinite(a_Pa[c][i]) && fabs(a_Pa[c][i]) > ma) ma = fabs(a_Pa[c][i]);
      if (isfinite(b_Pa[c][i]) && fabs(b_Pa[c][i]) > mb) mb = fabs(b_Pa[c][i]);
    }
  if (!(ma > 0)) ma = 1e6;
  if (!(mb > 0)) mb = 1e6;
  ma *= 1e-6; /* MPa */
  mb *= 1e-6;
  /* each axis has its own scale (tau_xy is often far smaller than sigma) */
  double sa = nice_step(2.0 * ma), la = ceil(1.05 * ma / sa) * sa;
  double sb = nice_step(2.0 * mb), lb = ceil(1.05 * mb / sb) * sb;
  const double W = 720, H = 600, L = 80, T = 50, P = 480; /* plot square */
  sbuf s = {buf, cap, 0};
#define X(v) (L + ((v) + la) / (2 * la) * P)
#define Y(v) (T + (lb - (v)) / (2 * lb) * P)
  put(&s,
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" "
      "viewBox=\"0 0 %g %g\" font-family=\"sans-serif\" font-size=\"12\">\n",
      W, H, W, H);
  put(&s, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
  if (title) {
    put(&s,
        "<text x=\"%g\" y=\"28\" text-anchor=\"middle\" "
        "font-size=\"15\">",
        L + P / 2);
    put_escaped(&s, title);
    put(&s, "</text>\n");
  }
  for (double v = -la; v <= la + 0.5 * sa; v += sa) {
    double vv = fabs(v) < 1e-9 * sa ? 0 : v;
    put(&s,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
        "stroke=\"#ddd\"/>\n",
        X(vv), Y(-lb), X(vv), Y(lb));
    put(&s, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
        X(vv), Y(-lb) + 16, vv);
  }
  for (double v = -lb; v <= lb + 0.5 * sb; v += sb) {
    double vv = fabs(v) < 1e-9 * sb ? 0 : v;
    put(&s,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
        "stroke=\"#ddd\"/>\n",
        X(-la), Y(vv), X(la), Y(vv));
    put(&s, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
        X(-la) - 6, Y(vv) + 4, vv);
  }
  put(&s,
      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>"
      "\n<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
      "stroke=\"#555\"/>\n",
      X(0), Y(-lb), X(0), Y(lb), X(-la), Y(0), X(la), Y(0));
  put(&s,
      "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"none\" "
      "stroke=\"#555\"/>\n",
      L, T, P, P);
  put(&s, "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">%s</text>\n",
      L + P / 2, T + P + 40, ax_a[plane]);
  put(&s,
      "<text x=\"20\" y=\"%g\" text-anchor=\"middle\" "
      "transform=\"rotate(-90 20 %g)\">%s</text>\n",
      T + P / 2, T + P / 2, ax_b[plane]);
  for (int c = 0; c < n_curves; c++) {
    const char *col = colors[c % 8];
    put(&s,
        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" "
        "points=\"",
        col);
    int first = -1;
    for (int i = 0; i < n; i++) {
      if (!isfinite(a_Pa[c][i]) || !isfinite(b_Pa[c][i])) continue;
      if (first < 0) first = i;
      put(&s, "%.1f,%.1f ", X(a_Pa[c][i] * 1e-6), Y(b_Pa[c][i] * 1e-6));
    }
    if (first >= 0)
      put(&s, "%.1f,%.1f", X(a_Pa[c][first] * 1e-6), Y(b_Pa[c][first] * 1e-6));
    put(&s, "\"/>\n");
    double ly = T + 16 + 18 * c;
    put(&s,
        "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"%s\" "
        "stroke-width=\"3\"/>\n<text x=\"%g\" y=\"%g\">",
        L + P + 8, ly, L + P + 28, ly, col, L + P + 32, ly + 4);
    put_escaped(&s, labels && labels[c] ? labels[c] : "curve");
    put(&s, "</text>\n");
  }
  put(&s, "</svg>\n");
#undef X
#undef Y
  if (len) *len = s.len;
  if (buf && s.len >= cap)
    return mge_error_set(err, MGE_E_LIMIT,
                         "SVG needs %zu bytes, buffer holds %zu", s.len + 1,
                         cap);
  return MGE_OK;
}
