/* Scatter plots of design results, drawn on the canvas (canvas.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "mge/file.h"
#include "mge/report.h"

#define W 720.0
#define H 520.0
#define ML 90.0 /* margins */
#define MR 30.0
#define MT 50.0
#define MB 70.0

/* The data range padded by 4% and widened to whole nice steps. */
static void nice_range(double lo, double hi, mge_axis *a) {
  if (!(hi > lo)) {
    double d = fabs(lo) > 0 ? fabs(lo) * 0.05 : 1.0;
    lo -= d, hi += d;
  }
  double pad = (hi - lo) * 0.04;
  lo -= pad, hi += pad;
  a->step = mge_canvas_nice_step(hi - lo, 6);
  a->lo = floor(lo / a->step) * a->step;
  a->hi = ceil(hi / a->step) * a->step;
}

typedef struct fpt {
  double x, y;
} fpt;

static int cmp_fpt(const void *a, const void *b) {
  const fpt *p = a, *q = b;
  if (p->x != q->x) return p->x < q->x ? -1 : 1;
  return (p->y > q->y) - (p->y < q->y);
}

static int is_kind(const mge_scatter *s, size_t i, int kind) {
  return (s->kind ? s->kind[i] : 0) == kind && isfinite(s->x[i]) &&
         isfinite(s->y[i]);
}

/* The plot as an SVG document (*svg malloc'd). */
static int scatter_text(const mge_scatter *s, char **svg, size_t *len,
                        mge_error *err) {
  double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
  size_t nfin = 0;
  for (size_t i = 0; i < s->n; i++) {
    if (!isfinite(s->x[i]) || !isfinite(s->y[i])) continue;
    nfin++;
    xlo = fmin(xlo, s->x[i]), xhi = fmax(xhi, s->x[i]);
    ylo = fmin(ylo, s->y[i]), yhi = fmax(yhi, s->y[i]);
  }
  if (nfin == 0)
    return mge_error_set(err, MGE_E_INPUT, "nothing to plot: no finite point");
  mge_axis ax = {s->xlabel, 0, 0, 0, 6, 0, -1, 1, 0, NULL};
  mge_axis ay = {s->ylabel, 0, 0, 0, 6, 0, -1, 1, 0, NULL};
  nice_range(xlo, xhi, &ax);
  nice_range(ylo, yhi, &ay);
  mge_canvas *c = mge_canvas_new(W, H, 12);
  mge_canvas_plot_area(c, ML, MT, W - ML - MR, H - MT - MB);
  mge_canvas_title(c, s->title);
  mge_canvas_axis(c, MGE_AXIS_X, &ax);
  mge_canvas_axis(c, MGE_AXIS_Y, &ay);
  mge_canvas_frame(c, "#333");
  static const char *const fill[3] = {"#9a9a9a", "#1f6fd1", "#d62728"};
  static const double rad[3] = {2.0, 3.5, 3.5};
  static const char *const names[3] = {"feasible sample", "top by score",
                                       "Pareto front"};
  double *x = malloc((s->n ? s->n : 1) * sizeof *x);
  double *y = malloc((s->n ? s->n : 1) * sizeof *y);
  fpt *pts = malloc((s->n ? s->n : 1) * sizeof *pts);
  int rc =
      x && y && pts ? MGE_OK : mge_error_set(err, MGE_E_NOMEM, "out of memory");
  for (int kind = 0; kind < 3 && !rc; kind++) {
    size_t m = 0;
    for (size_t i = 0; i < s->n; i++)
      if (is_kind(s, i, kind)) x[m] = s->x[i], y[m++] = s->y[i];
    mge_style st = {NULL,     0, NULL, fill[kind], kind == 0 ? 0.5 : 0.9,
                    rad[kind]};
    mge_canvas_markers(c, MGE_SPACE_DATA, m, x, y, &st);
    mge_canvas_legend_add(c, MGE_LEGEND_MARKER, &st, names[kind]);
  }
  if (!rc && s->front_line && s->kind) {
    size_t nf = 0;
    for (size_t i = 0; i < s->n; i++)
      if (is_kind(s, i, MGE_PLOT_FRONT))
        pts[nf].x = s->x[i], pts[nf++].y = s->y[i];
    qsort(pts, nf, sizeof *pts, cmp_fpt);
    for (size_t i = 0; i < nf; i++) x[i] = pts[i].x, y[i] = pts[i].y;
    mge_style st = {"#d62728", 1.5, NULL, NULL, 0, 0};
    mge_canvas_polyline(c, MGE_SPACE_DATA, nf, x, y, 0, &st);
  }
  free(x), free(y), free(pts);
  if (rc) {
    mge_canvas_free(c);
    return rc;
  }
  return mge_canvas_finish(c, svg, len, err);
}

int mge_report_scatter_svg(const char *path, const mge_scatter *s,
                           mge_error *err) {
  char *svg;
  size_t len;
  int rc = scatter_text(s, &svg, &len, err);
  if (rc) return rc;
  rc = mge_file_write(path, svg, len, err);
  free(svg);
  return rc;
}

int mge_report_design_svg(const char *path, const mge_problem *p,
                          const mge_design_result *r, mge_error *err) {
  int n_obj = mge_problem_n_objectives(p);
  if (n_obj < 2)
    return mge_error_set(err, MGE_E_INPUT,
                         "a plot needs two objectives (the problem has %d)",
                         n_obj);
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
  const mge_design_objective *o0 = mge_problem_objective(p, 0),
                             *o1 = mge_problem_objective(p, 1);
  int px = o0->prop, py = o1->prop;
  const mge_design_prop *prx = mge_problem_prop(p, px),
                        *pry = mge_problem_prop(p, py);
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < mge_design_result_count(r, kinds[k]); i++) {
      const mge_design_entry *e = mge_design_result_get(r, kinds[k], i);
      x[j] = e->v[px], y[j] = e->v[py], kind[j] = (unsigned char)k;
      j++;
    }
  char xl[160], yl[160], title[200];
  snprintf(xl, sizeof xl, "%s [%s] (%s)", prx->name, prx->unit,
           o0->sense > 0 ? "minimize" : "maximize");
  snprintf(yl, sizeof yl, "%s [%s] (%s)", pry->name, pry->unit,
           o1->sense > 0 ? "minimize" : "maximize");
  snprintf(title, sizeof title, "%s", mge_problem_name(p));
  mge_scatter s = {title, xl, yl, n, x, y, kind, n_obj == 2};
  int rc = mge_report_scatter_svg(path, &s, err);
  free(x), free(y), free(kind);
  return rc;
}
