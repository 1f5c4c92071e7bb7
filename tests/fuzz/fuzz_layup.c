/* libFuzzer target: the layup notation parser and the laminate YAML reader
 * (first byte selects which). Neither may crash, hang or leak; a parsed
 * layup must stay within capacity and every angle within -360..360. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mge/composite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 4096) return 0;
  char *s = malloc(size);
  if (!s) return 0;
  memcpy(s, data + 1, size - 1);
  s[size - 1] = 0;
  if (data[0] & 1) {
    static mge_laminate_spec spec;
    mge_error err;
    if (mge_laminate_spec_parse(s, size - 1, "fuzz", NULL, 0, &spec, &err) ==
        0) {
      if (mge_laminate_check(&spec.lam, 0, NULL) != 0) abort();
      mge_abd abd;
      mge_laminate_abd(&spec.lam, &abd, NULL);
    }
  } else {
    double a[MGE_LAMINATE_MAX_PLIES];
    int n = -1;
    mge_error err;
    int rc = mge_layup_parse(s, a, MGE_LAMINATE_MAX_PLIES, &n, &err);
    if (rc == 0) {
      if (n < 1 || n > MGE_LAMINATE_MAX_PLIES) abort();
      for (int i = 0; i < n; i++)
        if (!(fabs(a[i]) <= 360.0)) abort();
    } else if (err.message[0] == 0) {
      abort(); /* every failure explains itself */
    }
  }
  free(s);
  return 0;
}
