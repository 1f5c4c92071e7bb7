/* mge report: plots of results as standalone SVG files.
 *
 * Thread safety: reentrant; each call writes its own file.
 */
#ifndef MGE_REPORT_H
#define MGE_REPORT_H

#include <stddef.h>

#include "mge/design.h"

#ifdef __cplusplus
extern "C" {
#endif

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

/* Write the scatter plot to path (overwritten). Errors: MGE_E_IO naming the
 * path, MGE_E_INPUT if there is no finite point. */
MGE_API int mge_report_scatter_svg(const char *path, const mge_scatter *s,
                                   mge_error *err);

/* Plot a design result: the first two objectives of p, the plot sample in
 * grey, the top-k in blue and the Pareto front in red (joined when the
 * problem has exactly two objectives). MGE_E_INPUT if p has fewer than two
 * objectives. */
MGE_API int mge_report_design_svg(const char *path, const mge_problem *p,
                                  const mge_design_result *r, mge_error *err);

#ifdef __cplusplus
}
#endif
#endif
