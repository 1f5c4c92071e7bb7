/* Element lookups over the generated table (elements_table.c). The symbol
 * lookup is in the featurization hot loop: it is one bounds check and one
 * load from a 702-entry index keyed by the symbol's two letters. */
#include <stddef.h>

#include "chem/elements_table.h"
#include "mge/chem.h"
#include "mge/str.h"

const char *const mge_magpie_names[MGE_MAGPIE_N] = {
    "Number",         "MendeleevNumber",
    "AtomicWeight",   "MeltingT",
    "Column",         "Row",
    "CovalentRadius", "Electronegativity",
    "NsValence",      "NpValence",
    "NdValence",      "NfValence",
    "NValence",       "NsUnfilled",
    "NpUnfilled",     "NdUnfilled",
    "NfUnfilled",     "NUnfilled",
    "GSvolume_pa",    "GSbandgap",
    "GSmagmom",       "SpaceGroupNumber"};

const mge_element *mge_element_by_Z(int Z) {
  if (Z < 1 || Z > MGE_Z_MAX) return NULL;
  return &mge_elt_table[Z - 1];
}

const mge_element *mge_element_by_symbol_n(const char *s, size_t len) {
  if (!s || len < 1 || len > 2) return NULL;
  unsigned c0 = (unsigned char)s[0] - 'A';
  if (c0 >= 26) return NULL;
  unsigned c1 = 0;
  if (len == 2) {
    c1 = (unsigned char)s[1] - 'a';
    if (c1 >= 26) return NULL;
    c1++;
  }
  int z = mge_elt_symbol_index[c0 * 27 + c1];
  return z ? &mge_elt_table[z - 1] : NULL;
}

const mge_element *mge_element_by_symbol(const char *symbol) {
  if (!symbol || !symbol[0]) return NULL;
  size_t len = symbol[1] ? (symbol[2] ? 3 : 2) : 1;
  return mge_element_by_symbol_n(symbol, len);
}

const char *mge_element_price_source(void) {
  return mge_elt_price_source;
}

static int lower(int c) {
  return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static int name_equal(const char *s, size_t len, const char *name) {
  size_t i = 0;
  for (; i < len && name[i]; i++)
    if (lower((unsigned char)s[i]) != lower((unsigned char)name[i])) return 0;
  return i == len && name[i] == '\0';
}

const mge_element *mge_element_suggest(const char *s, size_t len) {
  if (!s || len == 0) return NULL;
  for (int z = 1; z <= MGE_Z_MAX; z++)
    if (name_equal(s, len, mge_elt_table[z - 1].name))
      return &mge_elt_table[z - 1];
  if (len > 3) return NULL; /* symbols have at most 2 letters */
  const mge_element *best = NULL;
  size_t best_d = 2;
  for (int z = 1; z <= MGE_Z_MAX; z++) {
    const mge_element *e = &mge_elt_table[z - 1];
    size_t d = mge_edit_distance(s, len, e->symbol, e->symbol[1] ? 2 : 1);
    if (d == 0) return e; /* differs only in case */
    /* Among equals prefer one that keeps the first letter, then lower Z. */
    if (d < best_d ||
        (best && d == best_d && lower(e->symbol[0]) == lower(s[0]) &&
         lower(best->symbol[0]) != lower(s[0]))) {
      best = e;
      best_d = d;
    }
  }
  return best;
}
