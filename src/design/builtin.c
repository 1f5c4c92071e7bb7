/* The built-in models of every family module, gathered into a registry.
 * Kept apart from registry.c so that the registry itself does not pull in
 * the family modules. */
#include <stdlib.h>

#include "mge/alloy.h"
#include "mge/composite.h"
#include "mge/glass.h"
#include "mge/registry.h"

int mge_registry_add_builtin(mge_registry *r, mge_error *err) {
  /* One line per family module that provides models. */
  size_t n = 0;
  const mge_model *const *list = mge_alloy_models(&n);
  int rc = mge_registry_add_list(r, list, n, err);
  if (!rc) {
    list = mge_glass_models(&n);
    rc = mge_registry_add_list(r, list, n, err);
  }
  if (!rc) {
    list = mge_composite_models(&n);
    rc = mge_registry_add_list(r, list, n, err);
  }
  return rc;
}

mge_registry *mge_registry_builtin(mge_error *err) {
  mge_registry *r = mge_registry_new();
  if (!r) {
    mge_error_set(err, MGE_E_NOMEM, "out of memory");
    return NULL;
  }
  if (mge_registry_add_builtin(r, err)) {
    mge_registry_free(r);
    return NULL;
  }
  return r;
}
