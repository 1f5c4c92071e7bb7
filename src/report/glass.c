/* Ion-exchange profiles of glass/ drawn on the canvas. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "mge/report.h"

int mge_report_ionex_svg(const mge_ionex_result *r, const char *title,
                         char **svg, mge_error *err) {
  *svg = NULL;
  if (!r || r->n < 2 || !r->z_m)
    return mge_error_set(err, MGE_E_INPUT, "svg: empty result");
  const double W = 720, H = 420, x0 = 70, x1 = 650, y0 = 40, y1 = 360;
  /* the profile is symmetric: plot the half from one face to mid-plane */
  int nh = r->n / 2 + 1;
  double L = r->z_m[nh - 1], smin = 0, smax = 0;
  /* and only as deep as the exchanged layer matters (3x DOL or DOC) */
  double deep = 3 * fmax(isfinite(r->DOL_m) ? r->DOL_m : 0,
                         isfinite(r->DOC_m) ? r->DOC_m : 0);
  if (deep > 0 && deep < L) {
    L = deep;
    while (nh > 2 && r->z_m[nh - 1] > L) nh--;
  }
  for (int i = 0; i < nh; i++) {
    if (r->sigma_Pa[i] < smin) smin = r->sigma_Pa[i];
    if (r->sigma_Pa[i] > smax) smax = r->sigma_Pa[i];
  }
  if (smax - smin <= 0) smax = smin + 1;
  double pad = 0.05 * (smax - smin);
  smin -= pad, smax += pad;
  double *z = malloc((size_t)nh * sizeof *z);
  double *sg = malloc((size_t)nh * sizeof *sg);
  if (!z || !sg) {
    free(z), free(sg);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  for (int i = 0; i < nh; i++)
    z[i] = r->z_m[i] * 1e6, sg[i] = r->sigma_Pa[i] / 1e6;
  mge_canvas *c = mge_canvas_new(W, H, 12);
  mge_canvas_plot_area(c, x0, y0, x1 - x0, y1 - y0);
  mge_canvas_title(c, title ? title : "ion exchange");
  mge_axis az = {
      "depth z from the surface (um)", 0, L * 1e6, 0, 4, 0, -1, 0, 1, NULL};
  mge_axis as = {"stress (MPa, compression < 0)",
                 smin / 1e6,
                 smax / 1e6,
                 0,
                 4,
                 0,
                 -1,
                 0,
                 1,
                 "#c0392b"};
  mge_axis ac = {"C (site fraction of incoming ion)",
                 0,
                 1,
                 0.25,
                 0,
                 0,
                 2,
                 0,
                 1,
                 "#2471a3"};
  mge_canvas_axis(c, MGE_AXIS_X, &az);
  mge_canvas_axis(c, MGE_AXIS_Y, &as);
  mge_canvas_axis(c, MGE_AXIS_Y2, &ac);
  mge_canvas_frame(c, "black");
  const mge_style zero = {"#999", 0, "4 3", NULL, 0, 0};
  mge_canvas_line(c, MGE_SPACE_DATA, 0, 0, L * 1e6, 0, &zero);
  const mge_style red = {"#c0392b", 1.5, NULL, NULL, 0, 0};
  const mge_style blue = {"#2471a3", 1.5, NULL, NULL, 0, 0};
  mge_canvas_polyline(c, MGE_SPACE_DATA, (size_t)nh, z, sg, 0, &red);
  mge_canvas_polyline(c, MGE_SPACE_DATA_Y2, (size_t)nh, z, r->C, 0, &blue);
  free(z), free(sg);
  char line[200];
  snprintf(line, sizeof line,
           "CS %.1f MPa, CT %.1f MPa, DOC %.1f um, DOL %.1f um", r->CS_Pa / 1e6,
           r->CT_Pa / 1e6, r->DOC_m * 1e6, r->DOL_m * 1e6);
  mge_canvas_text(c, MGE_SPACE_PX, x0, H - 6, line, NULL);
  return mge_canvas_finish(c, svg, NULL, err);
}
