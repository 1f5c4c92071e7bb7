/* SVG scatter plots (no dependencies: the format is plain text). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/report.h"

#define W 720.0
#define H 520.0
#define ML 90.0 /* margins */
#define MR 30.0
#define MT 50.0
#define MB 70.0

static void xml_text(FILE *f, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
      case '<': fputs("&lt;", f); break;
      case '>': fputs("&gt;", f); break;
      case '&': fputs("&amp;", f); break;
      case '"': fputs("&quot;", f); break;
      default:
        if ((unsigned char)*s >= 0x20 || *s == '\t') fputc(*s, f);
    }
  }
}

/* A "nice" tick step for a span (1, 2 or 5 times a power of ten). */
static double nice_step(double span, int ticks) {
  double raw = span / ticks;
  double p = pow(10.0, floor(log10(raw)));
  double m = raw / p;
  return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * p;
}

typedef struct axis {
  double lo, hi, step;
} axis;

static axis make_axis(double lo, double hi) {
  axis a;
  if (!(hi > lo)) {
    double d = fabs(lo) > 0 ? fabs(lo) * 0.05 : 1.0;
    lo -= d, hi += d;
  }
  double pad = (hi - lo) * 0.04;
  lo -= pad, hi += pad;
  a.step = nice_step(hi - lo, 6);
  a.lo = floor(lo / a.step) * a.step;
  a.hi = ceil(hi / a.step) * a.step;
  return a;
}

typedef struct fpt {
  double x, y;
} fpt;

static int cmp_fpt(const void *a, const void *b) {
  const fpt *p = a, *q = b;
  if (p->x != q->x) return p->x < q->x ? -1 : 1;
  return (p->y > q->y) - (p->y < q->y);
}

int mge_report_scatter_svg(const char *path, const mge_scatter *s,
                           mge_error *err) {
  double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
  size_t nfin = 0;
  for (size_t i = 0; i < s->n; i++) {
    if (!isfinite(s->x[i]) || !isfinite(s->y[i])) continue;
    nfin++;
    if (s->x[i] < xlo) xlo = s->x[i];
    if (s->x[i] > xhi) xhi = s->x[i];
    if (s->y[i] < ylo) ylo = s->y[i];
    if (s->y[i] > yhi) yhi = s->y[i];
  }
  if (nfin == 0)
    return mge_error_set(err, MGE_E_INPUT, "nothing to plot: no finite point");
  axis ax = make_axis(xlo, xhi), ay = make_axis(ylo, yhi);
  FILE *f = fopen(path, "w");
  if (!f)
    return mge_error_set_at(err, MGE_E_IO, path, 0, 0, "cannot write: %s",
                            strerror(errno));
  double pw = W - ML - MR, ph = H - MT - MB;
#define PX(v) (ML + ((v)-ax.lo) / (ax.hi - ax.lo) * pw)
#define PY(v) (MT + ph - ((v)-ay.lo) / (ay.hi - ay.lo) * ph)
  fprintf(f,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
          "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
          "font-family=\"sans-serif\" font-size=\"12\">\n"
          "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
          W, H, W, H);
  fputs("<text x=\"360\" y=\"28\" text-anchor=\"middle\" font-size=\"15\">", f);
  xml_text(f, s->title);
  fputs("</text>\n", f);
  fprintf(f,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
          "fill=\"none\" stroke=\"#333\"/>\n",
          ML, MT, pw, ph);
  for (int i = 0; i <= 40; i++) {
    double v = ax.lo + i * ax.step;
    if (v > ax.hi + ax.step * 1e-9) break;
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%.1f\" "
            "text-anchor=\"middle\">%.6g</text>\n",
            PX(v), MT, PX(v), MT + ph, PX(v), MT + ph + 18, v);
  }
  for (int i = 0; i <= 40; i++) {
    double v = ay.lo + i * ay.step;
    if (v > ay.hi + ay.step * 1e-9) break;
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%.1f\" "
            "text-anchor=\"end\">%.6g</text>\n",
            ML, PY(v), ML + pw, PY(v), ML - 6, PY(v) + 4, v);
  }
  fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", ML + pw / 2,
          H - 22);
  xml_text(f, s->xlabel);
  fprintf(f,
          "</text>\n<text transform=\"translate(22 %.1f) rotate(-90)\" "
          "text-anchor=\"middle\">",
          MT + ph / 2);
  xml_text(f, s->ylabel);
  fputs("</text>\n", f);
  static const char *const fill[3] = {"#9a9a9a", "#1f6fd1", "#d62728"};
  static const double rad[3] = {2.0, 3.5, 3.5};
  for (int kind = 0; kind < 3; kind++) {
    fprintf(f, "<g fill=\"%s\" fill-opacity=\"%s\">\n", fill[kind],
            kind == 0 ? "0.5" : "0.9");
    for (size_t i = 0; i < s->n; i++) {
      int k = s->kind ? s->kind[i] : 0;
      if (k != kind || !isfinite(s->x[i]) || !isfinite(s->y[i])) continue;
      fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\"/>\n", PX(s->x[i]),
              PY(s->y[i]), rad[kind]);
    }
    fputs("</g>\n", f);
  }
  if (s->front_line && s->kind) {
    size_t nf = 0;
    for (size_t i = 0; i < s->n; i++)
      if (s->kind[i] == MGE_PLOT_FRONT && isfinite(s->x[i]) &&
          isfinite(s->y[i]))
        nf++;
    fpt *pts = malloc((nf ? nf : 1) * sizeof *pts);
    if (pts) {
      size_t j = 0;
      for (size_t i = 0; i < s->n; i++)
        if (s->kind[i] == MGE_PLOT_FRONT && isfinite(s->x[i]) &&
            isfinite(s->y[i]))
          pts[j].x = s->x[i], pts[j++].y = s->y[i];
      qsort(pts, nf, sizeof *pts, cmp_fpt);
      fputs(
          "<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" "
          "points=\"",
          f);
      for (size_t i = 0; i < nf; i++)
        fprintf(f, "%s%.2f,%.2f", i ? " " : "", PX(pts[i].x), PY(pts[i].y));
      fputs("\"/>\n", f);
      free(pts);
    }
  }
  /* legend */
  static const char *const names[3] = {"feasible sample", "top by score",
                                       "Pareto front"};
  for (int k = 0; k < 3; k++)
    fprintf(f,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>"
            "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
            ML + pw - 130, MT + 16 + 16.0 * k, fill[k], ML + pw - 120,
            MT + 20 + 16.0 * k, names[k]);
  fputs("</svg>\n", f);
#undef PX
#undef PY
  int bad = ferror(f);
  if (fclose(f) || bad)
    return mge_error_set_at(err, MGE_E_IO, path, 0, 0, "write failed");
  return 0;
}

int mge_report_design_svg(const char *path, const mge_problem *p,
                          const mge_design_result *r, mge_error *err) {
  if (p->n_obj < 2)
    return mge_error_set(err, MGE_E_INPUT,
                         "a plot needs two objectives (the problem has %d)",
                         p->n_obj);
  static const unsigned kinds[3] = {MGE_KEEP_SAMPLE, MGE_KEEP_TOP,
                                    MGE_KEEP_FRONT};
  size_t n = 0;
  for (int k = 0; k < 3; k++) n += mge_design_result_count(r, kinds[k]);
  double *x = malloc((n ? n : 1) * sizeof *x);
  double *y = malloc((n ? n : 1) * sizeof *y);
  unsigned char *kind = malloc(n ? n : 1);
  if (!x || !y || !kind) {
    free(x), free(y), free(kind);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  size_t j = 0;
  int px = p->obj[0].prop, py = p->obj[1].prop;
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < mge_design_result_count(r, kinds[k]); i++) {
      const mge_design_entry *e = mge_design_result_get(r, kinds[k], i);
      x[j] = e->v[px], y[j] = e->v[py], kind[j] = (unsigned char)k;
      j++;
    }
  char xl[160], yl[160], title[200];
  snprintf(xl, sizeof xl, "%s [%s] (%s)", p->props[px].name, p->props[px].unit,
           p->obj[0].sense > 0 ? "minimize" : "maximize");
  snprintf(yl, sizeof yl, "%s [%s] (%s)", p->props[py].name, p->props[py].unit,
           p->obj[1].sense > 0 ? "minimize" : "maximize");
  snprintf(title, sizeof title, "%s", p->name);
  mge_scatter s = {title, xl, yl, n, x, y, kind, p->n_obj == 2};
  int rc = mge_report_scatter_svg(path, &s, err);
  free(x), free(y), free(kind);
  return rc;
}
