/* The SVG canvas (src/report/canvas.c): nice ticks, linear and log axes,
 * data-to-pixel mapping, escaping of text and attributes, skipped
 * non-finite points, labels that do not overlap, a legend that avoids the
 * data, and the error state. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/report.h"

static int count(const char *s, const char *needle) {
  int n = 0;
  for (const char *p = s; (p = strstr(p, needle)); p++) n++;
  return n;
}

/* a canvas of 400 x 300 with the plot area (100, 50) + 280 x 100 */
static mge_canvas *plot(double xlo, double xhi, int xlog) {
  mge_canvas *c = mge_canvas_new(400, 300, 12);
  assert_non_null(c);
  mge_canvas_plot_area(c, 100, 50, 280, 100);
  mge_axis ax = {"x", xlo, xhi, 0, 5, xlog, -1, 1, 1, NULL};
  mge_axis ay = {"y", 0, 10, 2, 0, 0, 0, 0, 0, NULL};
  mge_canvas_axis(c, MGE_AXIS_X, &ax);
  mge_canvas_axis(c, MGE_AXIS_Y, &ay);
  return c;
}

static char *done(mge_canvas *c) {
  char *svg = NULL;
  size_t len = 0;
  mge_error err;
  assert_int_equal(mge_canvas_finish(c, &svg, &len, &err), MGE_OK);
  assert_non_null(svg);
  assert_int_equal(strlen(svg), len);
  assert_non_null(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  assert_non_null(strstr(svg, "</svg>\n"));
  return svg;
}

static void test_nice_step(void **st) {
  (void)st;
  assert_true(fabs(mge_canvas_nice_step(7, 5) - 1) < 1e-12);
  assert_true(fabs(mge_canvas_nice_step(10, 5) - 2) < 1e-12);
  assert_true(fabs(mge_canvas_nice_step(0.35, 5) - 0.05) < 1e-12);
  assert_true(fabs(mge_canvas_nice_step(700, 7) - 100) < 1e-9);
  assert_true(fabs(mge_canvas_nice_step(4e6, 4) - 1e6) < 1e-3);
  assert_true(mge_canvas_nice_step(0, 5) == 1);
}

static void test_axes_and_mapping(void **st) {
  (void)st;
  mge_canvas *c = plot(0, 1, 0);
  double px, py;
  assert_int_equal(mge_canvas_to_px(c, MGE_SPACE_DATA, 0.5, 5, &px, &py), 0);
  assert_true(fabs(px - 240) < 1e-9 && fabs(py - 100) < 1e-9);
  assert_int_equal(mge_canvas_to_px(c, MGE_SPACE_DATA, 0, 10, &px, &py), 0);
  assert_true(fabs(px - 100) < 1e-9 && fabs(py - 50) < 1e-9);
  assert_int_equal(mge_canvas_to_px(c, MGE_SPACE_DATA_Y2, 0, 1, &px, &py), -1);
  char *svg = done(c);
  /* x: 0, 0.2, ..., 1 (%g), with grid lines and marks; y: 0..10 by 2 */
  assert_non_null(strstr(svg, ">0.2</text>"));
  assert_non_null(strstr(svg, ">1</text>"));
  assert_null(strstr(svg, ">1.2</text>"));
  assert_non_null(strstr(svg, ">10</text>"));
  assert_int_equal(count(svg, "stroke=\"#ddd\""), 6);
  assert_non_null(strstr(svg, "rotate(-90"));
  free(svg);
  /* log axis: ticks at the powers of ten */
  c = plot(1, 1000, 1);
  assert_int_equal(mge_canvas_to_px(c, MGE_SPACE_DATA, 10, 0, &px, &py), 0);
  assert_true(fabs(px - (100 + 280.0 / 3)) < 1e-9);
  svg = done(c);
  assert_non_null(strstr(svg, ">100</text>"));
  assert_non_null(strstr(svg, ">1000</text>"));
  assert_null(strstr(svg, ">500</text>"));
  free(svg);
}

static void test_escaping(void **st) {
  (void)st;
  mge_canvas *c = plot(0, 1, 0);
  mge_text_style ts = {0, MGE_ANCHOR_END, "red\" onload=\"x", 0};
  mge_canvas_text(c, MGE_SPACE_PX, 10, 10, "a<b&\"c'\x01", &ts);
  mge_style s = {"#000", 0, "4 3<", "<x>", 0.5, 2};
  double x[3] = {0.1, NAN, 0.3}, y[3] = {1, 2, INFINITY};
  mge_canvas_markers(c, MGE_SPACE_DATA, 3, x, y, &s);
  char *svg = done(c);
  assert_non_null(strstr(svg, ">a&lt;b&amp;&quot;c&apos;</text>"));
  assert_non_null(strstr(svg, "fill=\"red&quot; onload=&quot;x\""));
  assert_null(strstr(svg, "onload=\"x"));
  assert_non_null(strstr(svg, "fill=\"&lt;x&gt;\""));
  assert_non_null(strstr(svg, "text-anchor=\"end\""));
  assert_int_equal(count(svg, "<circle"), 1); /* the finite point only */
  assert_null(strchr(svg, '\x01'));
  free(svg);
}

static void test_shapes(void **st) {
  (void)st;
  mge_canvas *c = plot(0, 1, 0);
  double x[4] = {0, 1, NAN, 1}, y[4] = {0, 0, 5, 10};
  mge_style s = {"blue", 1.5, "4 3", NULL, 0, 0};
  mge_canvas_polyline(c, MGE_SPACE_DATA, 4, x, y, 1, &s);
  mge_style f = {NULL, 0, NULL, "#d62728", 0.25, 0};
  mge_canvas_polygon(c, MGE_SPACE_DATA, 3, x, y, &f);
  mge_canvas_line(c, MGE_SPACE_PX, 0, 0, 5, 5, NULL);
  mge_canvas_frame(c, "#333");
  mge_canvas_title(c, "T");
  char *svg = done(c);
  /* the NaN vertex skipped, the closing vertex added */
  assert_non_null(strstr(svg,
                         "points=\"100.00,150.00 380.00,150.00 "
                         "380.00,50.00 100.00,150.00\""));
  assert_non_null(strstr(svg, "stroke-dasharray=\"4 3\""));
  assert_non_null(strstr(svg, "fill=\"#d62728\" fill-opacity=\"0.25\""));
  assert_int_equal(count(svg, "<polygon"), 1);
  assert_non_null(strstr(svg, "font-size=\"15\">T</text>"));
  free(svg);
}

static void test_labels(void **st) {
  (void)st;
  mge_canvas *c = plot(0, 1, 0);
  assert_int_equal(mge_canvas_label(c, MGE_SPACE_DATA, 0.5, 5, "LIQUID", 11, 8),
                   1);
  /* the same place again: no size fits, left out */
  assert_int_equal(mge_canvas_label(c, MGE_SPACE_DATA, 0.5, 5, "LIQUID", 11, 8),
                   0);
  /* near the edge: slid inside the area */
  assert_int_equal(
      mge_canvas_label(c, MGE_SPACE_DATA, 0.99, 2, "FCC_A1", 11, 8), 1);
  /* far too long for the area at any size */
  assert_int_equal(
      mge_canvas_label(
          c, MGE_SPACE_DATA, 0.5, 8,
          "A_VERY_LONG_PHASE_FIELD_NAME_THAT_CANNOT_FIT_IN_THE_PLOT_AREA", 11,
          8),
      0);
  char *svg = done(c);
  assert_int_equal(count(svg, ">LIQUID<"), 1);
  /* FCC_A1 (6 characters at 11 px: 39.6 px wide) ends 1 px inside x = 380 */
  assert_non_null(strstr(svg, "x=\"359.20\""));
  free(svg);
}

/* the x of the legend box (its <rect fill="white") */
static double legend_x(const char *svg) {
  const char *p = strstr(svg, "fill-opacity=\"0.85\"");
  assert_non_null(p);
  while (p > svg && strncmp(p, "<rect", 5)) p--;
  return strtod(strstr(p, "x=\"") + 3, NULL);
}

static void test_legend(void **st) {
  (void)st;
  /* data in the top right corner: the legend goes to the top left */
  mge_canvas *c = plot(0, 1, 0);
  double x[50], y[50];
  for (int i = 0; i < 50; i++) x[i] = 0.6 + 0.008 * i, y[i] = 7 + 0.06 * i;
  mge_style m = {NULL, 0, NULL, "#1f6fd1", 0.9, 3.5};
  mge_canvas_markers(c, MGE_SPACE_DATA, 50, x, y, &m);
  mge_canvas_legend_add(c, MGE_LEGEND_MARKER, &m, "top <3>");
  char *svg = done(c);
  assert_true(legend_x(svg) < 240);
  assert_non_null(strstr(svg, ">top &lt;3&gt;</text>"));
  free(svg);
  /* the other way round */
  c = plot(0, 1, 0);
  for (int i = 0; i < 50; i++) x[i] = 0.008 * i;
  mge_canvas_markers(c, MGE_SPACE_DATA, 50, x, y, &m);
  mge_canvas_legend_add(c, MGE_LEGEND_MARKER, &m, "top");
  svg = done(c);
  assert_true(legend_x(svg) > 240);
  free(svg);
  /* room right of the plot area: the legend stands there, unboxed */
  c = mge_canvas_new(600, 300, 12);
  mge_canvas_plot_area(c, 100, 50, 200, 100);
  mge_style l = {"red", 3, NULL, NULL, 0, 0};
  mge_canvas_legend_add(c, MGE_LEGEND_LINE, &l, "tsai-wu");
  mge_canvas_legend_add(c, MGE_LEGEND_AREA, &m, "area");
  svg = done(c);
  assert_null(strstr(svg, "fill-opacity=\"0.85\""));
  assert_non_null(strstr(svg, "<line x1=\"312.00\""));
  assert_non_null(strstr(svg, ">area</text>"));
  free(svg);
}

static void test_errors(void **st) {
  (void)st;
  char *svg = (char *)1;
  mge_error err;
  assert_int_equal(mge_canvas_finish(NULL, &svg, NULL, &err), MGE_E_NOMEM);
  assert_null(svg);
  /* an empty range, a log axis through zero, data before axes */
  mge_canvas *c = mge_canvas_new(100, 100, 0);
  mge_axis a = {"x", 1, 1, 0, 0, 0, -1, 0, 0, NULL};
  mge_canvas_axis(c, MGE_AXIS_X, &a);
  assert_int_equal(mge_canvas_finish(c, &svg, NULL, &err), MGE_E_INPUT);
  assert_null(svg);
  c = mge_canvas_new(100, 100, 0);
  mge_axis l = {"x", 0, 10, 0, 0, 1, -1, 0, 0, NULL};
  mge_canvas_axis(c, MGE_AXIS_X, &l);
  assert_int_equal(mge_canvas_finish(c, &svg, NULL, &err), MGE_E_INPUT);
  c = mge_canvas_new(100, 100, 0);
  double x = 1, y = 1;
  mge_canvas_markers(c, MGE_SPACE_DATA, 1, &x, &y, NULL);
  mge_canvas_text(c, MGE_SPACE_PX, 1, 1, "later calls do nothing", NULL);
  assert_int_equal(mge_canvas_finish(c, &svg, NULL, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message, "before its axes"));
  mge_canvas_free(NULL);
  mge_canvas_free(mge_canvas_new(10, 10, 10));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_nice_step), cmocka_unit_test(test_axes_and_mapping),
      cmocka_unit_test(test_escaping),  cmocka_unit_test(test_shapes),
      cmocka_unit_test(test_labels),    cmocka_unit_test(test_legend),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
