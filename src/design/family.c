/* The table of families the design engine knows (family.h): one entry per
 * family, in the order of their names in messages ("alloy, glass,
 * laminate") and of their built-in models in the registry. Adding a family
 * is one line here (docs/architecture.md). */
#include "design/family.h"

#include <string.h>

static const dz_family *const families[] = {
    &dz_family_alloy,
    &dz_family_glass,
    &dz_family_laminate,
};

#define N_FAMILIES ((int)(sizeof families / sizeof families[0]))

int dz_family_count(void) {
  return N_FAMILIES;
}

const dz_family *dz_family_at(int i) {
  return i >= 0 && i < N_FAMILIES ? families[i] : NULL;
}

const dz_family *dz_family_find(const char *name) {
  for (int i = 0; i < N_FAMILIES; i++)
    if (!strcmp(families[i]->name, name)) return families[i];
  return NULL;
}
