/* SVG plots (src/report/svg.c): the file is written with one circle per
 * finite point (plus the legend), the front joined when asked, and errors
 * for nothing to plot and an unwritable path. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/report.h"

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

static int count(const char *s, const char *needle) {
  int n = 0;
  for (const char *p = s; (p = strstr(p, needle)); p++) n++;
  return n;
}

static void test_scatter(void **state) {
  (void)state;
  char path[] = "/tmp/mge_svg_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  double x[6] = {1, 2, 3, NAN, 2.5, 1.5}, y[6] = {3, 2, 1, 0, 2.5, 2.9};
  unsigned char k[6] = {MGE_PLOT_FRONT,  MGE_PLOT_FRONT,  MGE_PLOT_FRONT,
                        MGE_PLOT_SAMPLE, MGE_PLOT_SAMPLE, MGE_PLOT_TOP};
  mge_scatter s = {"a <b> & c", "x [kg/m3]", "y [USD/kg]", 6, x, y, k, 1};
  mge_error err;
  assert_int_equal(mge_report_scatter_svg(path, &s, &err), 0);
  const char *t = slurp(path);
  assert_non_null(strstr(t, "<svg"));
  assert_non_null(strstr(t, "</svg>"));
  assert_non_null(strstr(t, "a &lt;b&gt; &amp; c"));
  assert_int_equal(count(t, "<circle"), 5 + 3); /* finite points + legend */
  assert_int_equal(count(t, "<polyline"), 1);
  s.front_line = 0;
  assert_int_equal(mge_report_scatter_svg(path, &s, &err), 0);
  assert_int_equal(count(slurp(path), "<polyline"), 0);
  double nx[1] = {NAN}, ny[1] = {1};
  mge_scatter e = {"t", "x", "y", 1, nx, ny, NULL, 0};
  assert_int_equal(mge_report_scatter_svg(path, &e, &err), MGE_E_INPUT);
  assert_int_equal(mge_report_scatter_svg("/nonexistent-dir/p.svg", &s, &err),
                   MGE_E_IO);
  unlink(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_scatter)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
