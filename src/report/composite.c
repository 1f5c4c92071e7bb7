/* Laminate failure envelopes of composite/ drawn on the canvas. */
#include <math.h>
#include <stdlib.h>

#include "mge/report.h"

int mge_report_envelope_svg(mge_stress_plane plane, int n_curves,
                            const double *const *a_Pa,
                            const double *const *b_Pa, int n,
                            const char *const *labels, const char *title,
                            char **svg, mge_error *err) {
  static const char *const colors[] = {"#1f77b4", "#d62728", "#2ca02c",
                                       "#9467bd", "#ff7f0e", "#8c564b",
                                       "#e377c2", "#17becf"};
  static const char *const ax_a[] = {"σx (MPa)", "σx (MPa)", "σy (MPa)"};
  static const char *const ax_b[] = {"σy (MPa)", "τxy (MPa)", "τxy (MPa)"};
  *svg = NULL;
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
  /* each axis symmetric, with its own scale (tau_xy is often far smaller
   * than sigma) */
  double sa = mge_canvas_nice_step(2.0 * ma, 5), la = ceil(1.05 * ma / sa) * sa;
  double sb = mge_canvas_nice_step(2.0 * mb, 5), lb = ceil(1.05 * mb / sb) * sb;
  const double W = 720, H = 600, L = 80, T = 50, P = 480; /* plot square */
  mge_canvas *cv = mge_canvas_new(W, H, 12);
  mge_canvas_plot_area(cv, L, T, P, P);
  mge_canvas_title(cv, title);
  mge_axis ax = {ax_a[plane], -la, la, sa, 0, 0, -1, 1, 0, NULL};
  mge_axis ay = {ax_b[plane], -lb, lb, sb, 0, 0, -1, 1, 0, NULL};
  mge_canvas_axis(cv, MGE_AXIS_X, &ax);
  mge_canvas_axis(cv, MGE_AXIS_Y, &ay);
  const mge_style zero = {"#555", 0, NULL, NULL, 0, 0};
  mge_canvas_line(cv, MGE_SPACE_DATA, 0, -lb, 0, lb, &zero);
  mge_canvas_line(cv, MGE_SPACE_DATA, -la, 0, la, 0, &zero);
  mge_canvas_frame(cv, "#555");
  double *x = malloc((size_t)n * sizeof *x), *y = malloc((size_t)n * sizeof *y);
  if (!x || !y) {
    free(x), free(y);
    mge_canvas_free(cv);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  for (int c = 0; c < n_curves; c++) {
    for (int i = 0; i < n; i++)
      x[i] = a_Pa[c][i] * 1e-6, y[i] = b_Pa[c][i] * 1e-6;
    mge_style st = {colors[c % 8], 1.6, NULL, NULL, 0, 0};
    mge_canvas_polyline(cv, MGE_SPACE_DATA, (size_t)n, x, y, 1, &st);
    st.stroke_width = 3;
    mge_canvas_legend_add(cv, MGE_LEGEND_LINE, &st,
                          labels && labels[c] ? labels[c] : "curve");
  }
  free(x), free(y);
  return mge_canvas_finish(cv, svg, NULL, err);
}
