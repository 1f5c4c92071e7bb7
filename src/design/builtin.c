/* The built-in models of every family module, gathered into a registry
 * from the design engine's family table (family.c). Kept apart from
 * registry.c so that the registry itself does not pull in the family
 * modules. */
#include <stdlib.h>

#include "design/family.h"
#include "mge/registry.h"

int mge_registry_add_builtin(mge_registry *r, mge_error *err) {
  /* The models of every family in the design engine's table. */
  int rc = 0;
  for (int i = 0; !rc && i < dz_family_count(); i++) {
    size_t n = 0;
    const mge_model *const *list = dz_family_at(i)->models(&n);
    for (size_t k = 0; k < n; k++)
      if (list[k]->id >= MGE_MODEL_ID_RUNTIME_MIN)
        return mge_error_set(err, MGE_E_INTERNAL,
                             "built-in model %s has id %d in the run-time "
                             "range (cmake/model_ids.txt)",
                             list[k]->name, list[k]->id);
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
