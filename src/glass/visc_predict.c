/* Prediction with the shipped composition-to-viscosity model. */
#include <math.h>
#include <string.h>

#include "glass/glass_internal.h"
#include "glass/visc_table.h"

int mge_visc_predict(const mge_recipe *r, mge_visc *out, unsigned *warn,
                     mge_error *err) {
  const mge_visc_coefs *c = &glass_visc_shipped;
  double x[MGE_VISC_MAX_OXIDES] = {0};
  unsigned w = 0;
  if (!r || r->n < 1 || r->n > MGE_RECIPE_MAX)
    return mge_error_set(err, MGE_E_INPUT, "empty or oversized recipe");
  double s = 0;
  for (int i = 0; i < r->n; i++) {
    double v = r->x[i];
    if (!isfinite(v) || v < 0)
      return mge_error_set(err, MGE_E_INPUT, "recipe: bad mole fraction %g", v);
    s += v;
    int k;
    for (k = 0; k < c->n_oxides; k++)
      if (strncmp(c->oxide[k], r->formula[i], MGE_COMPOUND_NAME) == 0) break;
    if (k == c->n_oxides) {
      if (v > 0) w |= MGE_GLASS_W_UNKNOWN_OXIDE;
      continue;
    }
    x[k] += v;
  }
  if (fabs(s - 1) > 1e-6)
    return mge_error_set(err, MGE_E_INPUT,
                         "recipe: mole fractions sum to %.9g, not 1", s);
  for (int k = 0; k < c->n_oxides; k++)
    if (x[k] > 0 && (x[k] > c->x_max[k] + 1e-9 || c->n_glasses[k] < 5))
      w |= MGE_GLASS_W_RANGE;
  mge_visc_coefs_curve(c, x, out);
  if (w & MGE_GLASS_W_UNKNOWN_OXIDE) out->p[1] = out->p[2] = NAN;
  if (!(out->p[1] > 0) || !(out->p[2] > 12 - out->p[0]))
    w |= MGE_GLASS_W_UNDEFINED;
  if (warn) *warn = w;
  return MGE_OK;
}

const char *mge_visc_model_info(void) {
  return glass_visc_info;
}
