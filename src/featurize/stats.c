/* matminer's PropertyStats, the statistics of the magpie preset.
 *
 * Definitions (matminer.featurizers.utils.stats.PropertyStats, matminer
 * 0.9; ElementProperty.featurize passes the element amounts of
 * Composition.element_composition as the weights):
 *   minimum, maximum, range: over the present elements, NaN if any value
 *     is NaN;
 *   mean = numpy.average(v, weights=a) = sum(a v) / sum(a);
 *   avg_dev = numpy.average(|v - mean|, weights=a);
 *   mode = min(v[numpy.isclose(a, max(a))]): the value of the element with
 *     the largest amount, ties (isclose: |a_i - a_max| <= 1e-8 + 1e-5 a_max)
 *     broken by the smallest value; numpy's min is NaN if any is NaN.
 * NaN propagates through the sums exactly as through numpy's.
 */
#include <math.h>

#include "mge/featurize.h"

void mge_property_stats(const double *v, const double *a, int n,
                        double out[MGE_MAGPIE_STATS]) {
  double mn = INFINITY, mx = -INFINITY, sa = 0, sav = 0, amax = -INFINITY;
  int any_nan = 0;
  for (int i = 0; i < n; i++) {
    if (isnan(v[i])) any_nan = 1;
    if (v[i] < mn) mn = v[i];
    if (v[i] > mx) mx = v[i];
    sa += a[i];
    sav += a[i] * v[i];
    if (a[i] > amax) amax = a[i];
  }
  if (n <= 0) any_nan = 1;
  double mean = sav / sa, sdev = 0;
  for (int i = 0; i < n; i++) sdev += a[i] * fabs(v[i] - mean);
  double tol = 1e-8 + 1e-5 * fabs(amax), mode = INFINITY;
  int mode_nan = n <= 0;
  for (int i = 0; i < n; i++) {
    if (!(fabs(a[i] - amax) <= tol)) continue;
    if (isnan(v[i])) mode_nan = 1;
    if (v[i] < mode) mode = v[i];
  }
  out[0] = any_nan ? NAN : mn;
  out[1] = any_nan ? NAN : mx;
  out[2] = any_nan ? NAN : mx - mn;
  out[3] = any_nan ? NAN : mean;
  out[4] = any_nan ? NAN : sdev / sa;
  out[5] = mode_nan ? NAN : mode;
}
