/* Shared helpers of the glass tests: build recipes by hand. */
#ifndef MGE_GLASS_TEST_UTIL_H
#define MGE_GLASS_TEST_UTIL_H

#include <string.h>

#include "mge/chem.h"

/* A recipe from n compounds with amounts a[] on a mole basis (any scale);
 * with M != NULL the amounts are masses and M[] the molar masses (g/mol). */
static inline mge_recipe glass_test_recipe(int n, const char *const *f,
                                           const double *a, const double *M) {
  mge_recipe r;
  memset(&r, 0, sizeof r);
  r.n = n;
  double s = 0;
  for (int i = 0; i < n; i++) {
    strncpy(r.formula[i], f[i], MGE_COMPOUND_NAME - 1);
    r.x[i] = M ? a[i] / M[i] : a[i];
    s += r.x[i];
  }
  for (int i = 0; i < n; i++) r.x[i] /= s;
  return r;
}

#endif
