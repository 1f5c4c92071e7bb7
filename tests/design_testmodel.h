/* A small model for the design-engine tests (not a physical model): it
 * depends only on the element table, so the tests of sampling, ranking and
 * resuming do not depend on the alloy descriptors.
 *   test.mass   kg/mol  mean molar mass sum(x M)
 *   test.spread 1       max(x) - min(x) over the elements present
 *   test.maybe  1       NaN when the first element's fraction > 0.6, else 1
 */
#ifndef MGE_TEST_DESIGN_MODEL_H
#define MGE_TEST_DESIGN_MODEL_H

#include <math.h>

#include "mge/chem.h"
#include "mge/registry.h"

static int tm_eval(const mge_model *m, const void *cand, size_t n, double *out,
                   mge_error *err) {
  (void)m, (void)err;
  const mge_comp *c = cand;
  for (size_t i = 0; i < n; i++) {
    double M = 0, lo = 1, hi = 0;
    for (int k = 0; k < c[i].n; k++) {
      M += c[i].x[k] * mge_element_by_Z(c[i].Z[k])->atomic_weight;
      if (c[i].x[k] < lo) lo = c[i].x[k];
      if (c[i].x[k] > hi) hi = c[i].x[k];
    }
    out[i * 3 + 0] = M * 1e-3;
    out[i * 3 + 1] = hi - lo;
    out[i * 3 + 2] = c[i].x[0] > 0.6 ? NAN : 1.0;
  }
  return 0;
}

static const mge_output tm_out[3] = {
    {"mass", "kg/mol", "mean molar mass"},
    {"spread", "1", "max x - min x"},
    {"maybe", "1", "NaN if x[0] > 0.6"},
};

static const mge_model test_model = {.id = MGE_MODEL_ID_RUNTIME_MIN + 999,
                                     .name = "test",
                                     .family = MGE_FAMILY_ALLOY,
                                     .n_out = 3,
                                     .out = tm_out,
                                     .refs = "none (test model)",
                                     .eval = tm_eval};

static mge_registry *test_registry(void) {
  mge_registry *r = mge_registry_new();
  if (r && mge_registry_add(r, &test_model, NULL)) {
    mge_registry_free(r);
    return NULL;
  }
  return r;
}

#endif
