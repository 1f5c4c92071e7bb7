/* libFuzzer target for the element lookups: mge_element_by_symbol_n and
 * mge_element_suggest on arbitrary bytes. A found element must carry exactly
 * the bytes looked up; a suggestion must be a real table entry. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mge/chem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  const mge_element *e = mge_element_by_symbol_n(s, size);
  if (e && (strlen(e->symbol) != size || memcmp(e->symbol, s, size) != 0))
    abort();
  const mge_element *g = mge_element_suggest(s, size);
  if (g && mge_element_by_Z(g->Z) != g) abort();
  /* NUL-terminated variant on a copy. */
  char *z = malloc(size + 1);
  if (!z) return 0;
  memcpy(z, data, size);
  z[size] = '\0';
  const mge_element *f = mge_element_by_symbol(z);
  if (f && strcmp(f->symbol, z) != 0) abort();
  free(z);
  return 0;
}
