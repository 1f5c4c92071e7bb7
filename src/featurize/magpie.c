/* The magpie feature set: matminer's ElementProperty.from_preset("magpie")
 * (Ward et al., npj Comput Mater 2, 16028 (2016)): for each of the 22
 * properties of mge_magpie_names, the 6 PropertyStats of stats.c over the
 * elements of the composition, weighted by their amounts. */
#include <math.h>

#include "featurize/internal.h"

int feat_check_comp(const mge_comp *c, mge_error *err) {
  if (!c || c->n < 1 || c->n > MGE_COMP_MAX)
    return mge_error_set(err, MGE_E_INPUT, "invalid composition (n = %d)",
                         c ? c->n : 0);
  for (int i = 0; i < c->n; i++)
    if (!mge_element_by_Z(c->Z[i]) || !(c->x[i] > 0) || !isfinite(c->x[i]))
      return mge_error_set(err, MGE_E_INPUT,
                           "invalid composition (element %d: Z %d, x %g)", i,
                           c->Z[i], c->x[i]);
  return MGE_OK;
}

int mge_magpie_features(const mge_comp *c, double out[MGE_MAGPIE_FEATURES],
                        mge_error *err) {
  int rc = feat_check_comp(c, err);
  if (rc) return rc;
  feat_magpie(c, out);
  return MGE_OK;
}

void feat_magpie(const mge_comp *c, double *out) {
  /* matminer weights by the amounts as written (Fe2O3: 2 and 3); recover
   * them from the fractions so that mode's isclose test sees the same
   * scale. */
  double s = c->natoms > 0 && isfinite(c->natoms) ? c->natoms : 1.0;
  double a[MGE_COMP_MAX], v[MGE_COMP_MAX];
  const mge_element *el[MGE_COMP_MAX];
  for (int i = 0; i < c->n; i++) {
    a[i] = c->x[i] * s;
    el[i] = mge_element_by_Z(c->Z[i]);
  }
  for (int p = 0; p < MGE_MAGPIE_N; p++) {
    for (int i = 0; i < c->n; i++) v[i] = el[i]->magpie[p];
    mge_property_stats(v, a, c->n, out + p * MGE_MAGPIE_STATS);
  }
}
