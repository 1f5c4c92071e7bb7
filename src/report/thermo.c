/* Phase diagrams of thermo/ (binary T-x maps, isothermal ternary sections)
 * drawn on the canvas: thermo/ computes them, report/ draws them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/report.h"

/* one colour per phase pair */
static const char *const pair_col[9] = {"#1f77b4", "#d62728", "#2ca02c",
                                        "#9467bd", "#ff7f0e", "#8c564b",
                                        "#e377c2", "#17becf", "#7f7f7f"};

static int pair_colour(const mge_thermo_tieline *t) {
  return (t->phase[0] * 7 + t->phase[1] * 3) % 9;
}

int mge_report_thermo_map_svg(const mge_thermo_system *s,
                              const mge_thermo_map *m, char **svg,
                              mge_error *err) {
  *svg = NULL;
  /* invariants are listed in a panel right of the plot, each joined to its
   * line by a leader, so that close invariants stay readable */
  double R = 20;
  for (int i = 0; i < m->ninv; i++)
    R = fmax(R, 30 + 5.4 * (double)(strlen(m->inv_text[i]) + 10));
  const double H = 540, L = 70, T0 = 30, B = 60, W = 650 + R;
  double pw = W - L - R, ph = H - T0 - B;
  char xlabel[160];
  snprintf(xlabel, sizeof xlabel, "mole fraction %s",
           mge_thermo_system_comp(s, m->axis));
  mge_canvas *c = mge_canvas_new(W, H, 11);
  mge_canvas_plot_area(c, L, T0, pw, ph);
  mge_canvas_frame(c, "black");
  mge_axis ax = {xlabel, 0, 1, 0.2, 0, 0, 1, 0, 0, NULL};
  double step = (m->T_hi_K - m->T_lo_K) > 500 ? 100 : 50;
  mge_axis ay = {"T (K)", m->T_lo_K, m->T_hi_K, step, 0, 0, 0, 0, 1, NULL};
  mge_canvas_axis(c, MGE_AXIS_X, &ax);
  mge_canvas_axis(c, MGE_AXIS_Y, &ay);
  /* boundary points, one group per colour */
  double *x = malloc((size_t)(2 * m->n + 1) * sizeof *x);
  double *T = malloc((size_t)(2 * m->n + 1) * sizeof *T);
  if (!x || !T) {
    free(x), free(T);
    mge_canvas_free(c);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  for (int k = 0; k < 9; k++) {
    size_t n = 0;
    for (int i = 0; i < m->n; i++)
      if (pair_colour(&m->tl[i]) == k)
        for (int q = 0; q < 2; q++) x[n] = m->tl[i].x[q], T[n++] = m->tl[i].T_K;
    mge_style st = {NULL, 0, NULL, pair_col[k], 0, 1.4};
    if (n) mge_canvas_markers(c, MGE_SPACE_DATA, n, x, T, &st);
  }
  free(x), free(T);
  /* the invariants from the top, label rows at least 11 px apart */
  int order[MGE_THERMO_MAX_TRANS];
  for (int i = 0; i < m->ninv; i++) {
    int j = i;
    for (; j > 0 && m->inv_T_K[order[j - 1]] < m->inv_T_K[i]; j--)
      order[j] = order[j - 1];
    order[j] = i;
  }
  double ylast = -1e9;
  const mge_style dashed = {"black", 0.8, "4 3", NULL, 0, 0};
  const mge_style leader = {"#888", 0.6, NULL, NULL, 0, 0};
  const mge_text_style small = {9, MGE_ANCHOR_START, NULL, 0};
  for (int k = 0; k < m->ninv; k++) {
    int i = order[k];
    double px, y;
    mge_canvas_to_px(c, MGE_SPACE_DATA, 0, m->inv_T_K[i], &px, &y);
    double ly = fmax(y + 3, ylast + 11);
    ylast = ly;
    mge_canvas_line(c, MGE_SPACE_DATA, 0, m->inv_T_K[i], 1, m->inv_T_K[i],
                    &dashed);
    double lx[3] = {L + pw, L + pw + 10, L + pw + 14};
    double lyv[3] = {y, ly - 3, ly - 3};
    mge_canvas_polyline(c, MGE_SPACE_PX, 3, lx, lyv, 0, &leader);
    char text[160];
    snprintf(text, sizeof text, "%.2f K %s", m->inv_T_K[i], m->inv_text[i]);
    mge_canvas_text(c, MGE_SPACE_PX, L + pw + 16, ly, text, &small);
  }
  for (int i = 0; i < m->nlab; i++)
    mge_canvas_label(c, MGE_SPACE_DATA, m->lab[i].x, m->lab[i].T_K,
                     m->lab[i].text, 11, 8);
  return mge_canvas_finish(c, svg, NULL, err);
}

int mge_report_thermo_section_svg(const mge_thermo_system *s,
                                  const mge_thermo_section *sec, char **svg,
                                  mge_error *err) {
  *svg = NULL;
  const double side = 560, L = 60, base = 560, W = 680, H = 620;
  const double top = base - side * 0.8660254037844386;
  /* component 0 at bottom left, 1 at bottom right, 2 at the top */
#define TX(x) (L + side * ((x)[1] + 0.5 * (x)[2]))
#define TY(x) (base - side * 0.8660254037844386 * (x)[2])
  mge_canvas *c = mge_canvas_new(W, H, 10);
  /* labels may use the whole figure */
  mge_canvas_plot_area(c, 0, 0, W, H);
  double cx[3] = {L, L + side, L + side / 2}, cy[3] = {base, base, top};
  const mge_style outline = {"black", 0, NULL, NULL, 0, 0};
  mge_canvas_polygon(c, MGE_SPACE_PX, 3, cx, cy, &outline);
  mge_text_style big = {13, MGE_ANCHOR_START, NULL, 0};
  mge_canvas_text(c, MGE_SPACE_PX, L - 20, base + 18,
                  mge_thermo_system_comp(s, 0), &big);
  mge_canvas_text(c, MGE_SPACE_PX, L + side, base + 18,
                  mge_thermo_system_comp(s, 1), &big);
  char tl[64];
  snprintf(tl, sizeof tl, "%.2f K", sec->T_K);
  mge_canvas_text(c, MGE_SPACE_PX, 20, 24, tl, &big);
  big.anchor = MGE_ANCHOR_MIDDLE;
  mge_canvas_text(c, MGE_SPACE_PX, L + side / 2, top - 8,
                  mge_thermo_system_comp(s, 2), &big);
  const mge_style tie = {"#1f77b4", 0.7, NULL, NULL, 0, 0};
  const mge_style tri = {"#d62728", 0.7, NULL, "#d62728", 0.25, 0};
  for (int i = 0; i < sec->n; i++) {
    const mge_thermo_section_tie *t = &sec->tie[i];
    if (t->nph == 2) {
      mge_canvas_line(c, MGE_SPACE_PX, TX(t->x[0]), TY(t->x[0]), TX(t->x[1]),
                      TY(t->x[1]), &tie);
    } else {
      double px[3], py[3];
      for (int q = 0; q < 3; q++) px[q] = TX(t->x[q]), py[q] = TY(t->x[q]);
      mge_canvas_polygon(c, MGE_SPACE_PX, 3, px, py, &tri);
    }
  }
  const mge_text_style grey = {0, MGE_ANCHOR_MIDDLE, "#999", 0};
  for (int i = 0; i < sec->nfail; i++)
    mge_canvas_text(c, MGE_SPACE_PX, TX(sec->fail_x[i]), TY(sec->fail_x[i]),
                    "?", &grey);
  for (int i = 0; i < sec->nlab; i++) {
    double x[3] = {1 - sec->lab[i].x - sec->lab[i].T_K, sec->lab[i].x,
                   sec->lab[i].T_K};
    mge_canvas_label(c, MGE_SPACE_PX, TX(x), TY(x), sec->lab[i].text, 10, 7);
  }
#undef TX
#undef TY
  return mge_canvas_finish(c, svg, NULL, err);
}
