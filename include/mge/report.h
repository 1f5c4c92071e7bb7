/* mge report: plots of results as standalone SVG documents.
 *
 * Every plot of the library is drawn through one small SVG canvas
 * (mge_canvas, below): the design scatter plots, the phase diagrams of
 * thermo/, the laminate failure envelopes of composite/ and the
 * ion-exchange profiles of glass/. The family modules hand their result
 * structs to the mge_report_* functions here; they never write SVG.
 *
 * Thread safety: reentrant; a canvas is used by one thread at a time.
 */
#ifndef MGE_REPORT_H
#define MGE_REPORT_H

#include <stddef.h>

#include "mge/composite.h"
#include "mge/design.h"
#include "mge/glass.h"
#include "mge/thermo.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ the canvas
 *
 * A figure of w x h px with a plot area inside it, up to three axes (x,
 * y on the left, y2 on the right), and primitives drawn in the order they
 * are called (later ones on top) in one of three coordinate spaces:
 * figure pixels (origin top left, y down), data (x, y) or data (x, y2).
 * Text and every attribute value the caller gives (colours, dash patterns)
 * are XML-escaped; control characters are dropped. The legend, if entries
 * were added, is drawn last at mge_canvas_finish: right of the plot area
 * when the figure leaves room there, otherwise in the corner of the plot
 * area that covers the fewest drawn data points and labels.
 *
 * Drawing calls return nothing: the first failure (out of memory, a bad
 * axis) stops the canvas, later calls do nothing, and mge_canvas_finish
 * reports it, in the manner of mge_str.
 */
typedef struct mge_canvas mge_canvas;

enum { MGE_SPACE_PX = 0, MGE_SPACE_DATA = 1, MGE_SPACE_DATA_Y2 = 2 };
enum { MGE_AXIS_X = 0, MGE_AXIS_Y = 1, MGE_AXIS_Y2 = 2 };
enum { MGE_ANCHOR_START = 0, MGE_ANCHOR_MIDDLE = 1, MGE_ANCHOR_END = 2 };
enum { MGE_LEGEND_MARKER = 0, MGE_LEGEND_LINE = 1, MGE_LEGEND_AREA = 2 };

/* How a shape is drawn. Zero fields take the defaults given. */
typedef struct mge_style {
  const char *stroke;  /* outline colour (SVG colour text); NULL: none */
  double stroke_width; /* px; 0: 1 */
  const char *dash;    /* stroke-dasharray ("4 3"); NULL: solid */
  const char *fill;    /* fill colour; NULL: none (markers: black) */
  double opacity;      /* fill-opacity in (0, 1]; 0: opaque */
  double radius;       /* marker radius, px; 0: 3 */
} mge_style;

/* How text is drawn. NULL or zero fields: the figure's font size, anchor
 * start, black, not rotated. */
typedef struct mge_text_style {
  double size;       /* font size, px */
  int anchor;        /* MGE_ANCHOR_* */
  const char *fill;  /* colour */
  double rotate_deg; /* clockwise about the anchor point */
} mge_text_style;

/* One axis. Ticks run from the first multiple of step at or above lo to
 * hi; with log set, at the powers of ten in [lo, hi] (lo > 0). */
typedef struct mge_axis {
  const char *label; /* with its unit; NULL: none */
  double lo, hi;     /* data range spanned by the plot area (lo < hi) */
  double step;       /* tick step; 0: mge_canvas_nice_step(hi - lo, ticks);
                        < 0: no ticks */
  int ticks;         /* ticks wanted when step is 0; 0: 5 */
  int log;           /* 1: log10 scale */
  int decimals;      /* tick labels with this many decimals; < 0: %g */
  int grid;          /* 1: light grid lines across the plot at the ticks */
  int marks;         /* 1: short tick marks outside the plot area */
  const char *color; /* colour of the label and tick labels; NULL: black */
} mge_axis;

/* A "nice" tick step for a span: 1, 2 or 5 times a power of ten, near
 * span / ticks. */
MGE_API double mge_canvas_nice_step(double span, int ticks);

/* A canvas of w x h px (white background, sans-serif at font_px). The
 * plot area is the whole figure until mge_canvas_plot_area. NULL when out
 * of memory (mge_canvas_finish(NULL) then reports it). */
MGE_API mge_canvas *mge_canvas_new(double w_px, double h_px, double font_px);

/* Free a canvas without finishing it. NULL does nothing. */
MGE_API void mge_canvas_free(mge_canvas *c);

/* The plot area, in figure px. Labels placed by mge_canvas_label stay
 * inside it. */
MGE_API void mge_canvas_plot_area(mge_canvas *c, double left, double top,
                                  double width, double height);

/* Set axis `which` (MGE_AXIS_*) and draw its grid, tick marks, tick labels
 * and label now (so call it before the data it should lie under). A range
 * that is empty, not finite, or not positive on a log axis stops the
 * canvas with MGE_E_INPUT. */
MGE_API void mge_canvas_axis(mge_canvas *c, int which, const mge_axis *a);

/* The outline of the plot area. */
MGE_API void mge_canvas_frame(mge_canvas *c, const char *stroke);

/* A title centred above the plot area. */
MGE_API void mge_canvas_title(mge_canvas *c, const char *text);

/* Figure px of a point given in `space`; 0, or -1 if the space's axes are
 * not set. */
MGE_API int mge_canvas_to_px(const mge_canvas *c, int space, double x, double y,
                             double *px, double *py);

/* A straight line from (x0, y0) to (x1, y1). */
MGE_API void mge_canvas_line(mge_canvas *c, int space, double x0, double y0,
                             double x1, double y1, const mge_style *st);

/* A polyline through n points (closed: back to the first); points that are
 * not finite are skipped. */
MGE_API void mge_canvas_polyline(mge_canvas *c, int space, size_t n,
                                 const double *x, const double *y, int closed,
                                 const mge_style *st);

/* A filled polygon through n points (non-finite ones skipped). */
MGE_API void mge_canvas_polygon(mge_canvas *c, int space, size_t n,
                                const double *x, const double *y,
                                const mge_style *st);

/* n circular markers of one style (one group); non-finite points are
 * skipped. */
MGE_API void mge_canvas_markers(mge_canvas *c, int space, size_t n,
                                const double *x, const double *y,
                                const mge_style *st);

/* Text at (x, y): the baseline point of its anchor. */
MGE_API void mge_canvas_text(mge_canvas *c, int space, double x, double y,
                             const char *text, const mge_text_style *ts);

/* A label centred at (x, y) that must not overlap another placed label nor
 * leave the plot area: tried at font size `size`, then 3 px smaller down to
 * min_size, and left out if it fits at none (width estimated at 0.6 em per
 * character). Returns 1 if drawn, 0 if left out. */
MGE_API int mge_canvas_label(mge_canvas *c, int space, double x, double y,
                             const char *text, double size, double min_size);

/* Add a legend entry (MGE_LEGEND_*: a marker, a line or a filled swatch in
 * style st, copied). */
MGE_API void mge_canvas_legend_add(mge_canvas *c, int kind, const mge_style *st,
                                   const char *label);

/* Draw the legend, close the document and free the canvas. *svg gets the
 * document (malloc'd, NUL-terminated, owned by the caller), *len (may be
 * NULL) its length. On failure *svg is NULL and err says why (MGE_E_NOMEM,
 * MGE_E_INPUT). */
MGE_API int mge_canvas_finish(mge_canvas *c, char **svg, size_t *len,
                              mge_error *err);

/* ------------------------------------------------------------ the plots */

/* Kinds of points in a scatter plot (drawn in this order). */
enum { MGE_PLOT_SAMPLE = 0, MGE_PLOT_TOP = 1, MGE_PLOT_FRONT = 2 };

typedef struct mge_scatter {
  const char *title;
  const char *xlabel, *ylabel; /* with units */
  size_t n;
  const double *x, *y;       /* n points; non-finite ones are skipped */
  const unsigned char *kind; /* n kinds (MGE_PLOT_*), NULL: all samples */
  int front_line;            /* 1: join the MGE_PLOT_FRONT points in x
                                order (a 2-objective front) */
} mge_scatter;

/* Write the scatter plot to path (replaced atomically, mge_file_write):
 * grey samples, blue top-k, red front, a legend. Errors: MGE_E_IO naming
 * the path, MGE_E_INPUT if there is no finite point. */
MGE_API int mge_report_scatter_svg(const char *path, const mge_scatter *s,
                                   mge_error *err);

/* Plot a design result: the first two objectives of p, the plot sample in
 * grey, the top-k in blue and the Pareto front in red (joined when the
 * problem has exactly two objectives). MGE_E_INPUT if p has fewer than two
 * objectives. */
MGE_API int mge_report_design_svg(const char *path, const mge_problem *p,
                                  const mge_design_result *r, mge_error *err);

/* A binary T-x phase diagram of mge_thermo_map_binary as SVG (*svg
 * malloc'd, owned by the caller): boundary points coloured by phase pair,
 * the invariants as dashed lines with their temperatures and phases in a
 * panel right of the plot, one label per phase field (labels that would
 * overlap are made smaller, then left out), axes in mole fraction of the
 * axis component and K. s gives the component names. Errors: MGE_E_NOMEM,
 * MGE_E_INPUT (an empty temperature range). */
MGE_API int mge_report_thermo_map_svg(const mge_thermo_system *s,
                                      const mge_thermo_map *m, char **svg,
                                      mge_error *err);

/* An isothermal section of mge_thermo_section_ternary as an SVG Gibbs
 * triangle (component 0 bottom left, 1 bottom right, 2 top): tie-lines,
 * tie-triangles, '?' at points that did not converge, field labels that do
 * not overlap. *svg malloc'd, owned by the caller. Errors: MGE_E_NOMEM. */
MGE_API int mge_report_thermo_section_svg(const mge_thermo_system *s,
                                          const mge_thermo_section *sec,
                                          char **svg, mge_error *err);

/* Failure envelopes of mge_laminate_envelope as SVG: n_curves closed curves
 * of n points each, a_Pa[c][i], b_Pa[c][i] the two average stresses of
 * `plane` (Pa; drawn in MPa, each axis symmetric about 0 with its own
 * scale), labels[c] the legend text of each curve (NULL: "curve"), title
 * optional. Points that are not finite are skipped. *svg malloc'd, owned
 * by the caller. Errors: MGE_E_INPUT (bad plane, n_curves < 1, n < 2, no
 * data), MGE_E_NOMEM. */
MGE_API int mge_report_envelope_svg(mge_stress_plane plane, int n_curves,
                                    const double *const *a_Pa,
                                    const double *const *b_Pa, int n,
                                    const char *const *labels,
                                    const char *title, char **svg,
                                    mge_error *err);

/* An ion-exchange result of mge_ionex_run as SVG: stress (MPa, left axis)
 * and concentration (site fraction, right axis) against depth (um) from
 * one face, to three times the larger of DOL and DOC (or the mid-plane),
 * with CS, CT, DOC and DOL below. title NULL: "ion exchange". *svg
 * malloc'd, owned by the caller. Errors: MGE_E_INPUT (fewer than two
 * points), MGE_E_NOMEM. */
MGE_API int mge_report_ionex_svg(const mge_ionex_result *r, const char *title,
                                 char **svg, mge_error *err);

#ifdef __cplusplus
}
#endif
#endif
