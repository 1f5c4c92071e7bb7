/* libFuzzer target for the composition parser: mge_comp_parse,
 * mge_comp_parse_info and mge_recipe_parse on a NUL-terminated copy of the
 * input, and mge_comp_parse_n on the fuzzer's own buffer (no NUL: any read
 * past len is caught by ASan). Checks the invariants of every result. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mge/chem.h"

static void check_comp(const mge_comp *c) {
  if (c->n < 1 || c->n > MGE_COMP_MAX) abort();
  double s = 0.0;
  for (int i = 0; i < c->n; i++) {
    if (!(c->x[i] > 0.0) || !mge_element_by_Z(c->Z[i])) abort();
    s += c->x[i];
  }
  if (fabs(s - 1.0) > 1e-12) abort();
  char buf[64];
  mge_comp_format(c, 6, buf, sizeof buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > MGE_PARSE_MAX_LEN + 16) return 0;
  {
    mge_comp c;
    mge_error err;
    if (mge_comp_parse_n((const char *)data, size, &c, NULL, &err) == MGE_OK)
      check_comp(&c);
  }
  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  mge_comp c;
  mge_comp_info info;
  mge_error err;
  if (mge_comp_parse_info(text, &c, &info, &err) == MGE_OK) {
    check_comp(&c);
    double w[MGE_COMP_MAX];
    mge_comp_mass_fractions(&c, w);
  } else if (err.column < 0 || err.column > (int)size + 2) {
    abort();
  }
  mge_recipe r;
  if (mge_recipe_parse(text, &r, &err) == MGE_OK) {
    if (r.n < 1 || r.n > MGE_RECIPE_MAX) abort();
    if (mge_recipe_to_comp(&r, &c, &err) == MGE_OK) check_comp(&c);
    double w[MGE_RECIPE_MAX];
    mge_recipe_mass_fractions(&r, w);
  }
  free(text);
  return 0;
}
