#include "mge/model.h"

#include <string.h>

const char *mge_family_name(mge_family f) {
  switch (f) {
    case MGE_FAMILY_ALLOY: return "alloy";
    case MGE_FAMILY_GLASS: return "glass";
    case MGE_FAMILY_LAMINATE: return "laminate";
    case MGE_FAMILY_POLYMER: return "polymer";
  }
  return "unknown";
}

const mge_model_param *mge_model_param_find(const mge_model *m,
                                            const char *name) {
  if (!m || !name) return NULL;
  for (int i = 0; i < m->n_param; i++)
    if (strcmp(m->param[i].name, name) == 0) return &m->param[i];
  return NULL;
}
