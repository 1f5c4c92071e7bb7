/* libFuzzer target for the composite module's readers; the first byte
 * selects: 0 the layup notation parser, 1 the laminate YAML reader, 2 the
 * lamina CSV reader, 3 the lamina YAML reader, 4 the micromechanics YAML
 * reader (the last three through a temporary file), 5 the allowables data
 * readers (a comma list and a CSV file), 6 laminate specs from options (the
 * text split at newlines into material, layup, ply thickness, N, M, dT,
 * criteria, plane, directions). None may crash, hang or leak; a parsed
 * layup must stay within capacity and every angle within -360..360;
 * accepted materials must pass mge_lamina_check, accepted specs
 * mge_laminate_check. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mge/composite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 4096) return 0;
  char *s = malloc(size);
  if (!s) return 0;
  memcpy(s, data + 1, size - 1);
  s[size - 1] = 0;
  int mode = data[0] % 7;
  if (mode == 6) {
    const char *f[9] = {0};
    char *p = s;
    for (int i = 0; i < 9 && p; i++) {
      f[i] = p;
      p = strchr(p, '\n');
      if (p) *p++ = 0;
    }
    long d = f[8] ? strtol(f[8], NULL, 10) : 0; /* the CLI reads an int */
    int nd = d < -1000000 ? -1000000 : d > 1000000 ? 1000000 : (int)d;
    mge_laminate_options o = {f[0], f[1], f[2], f[3], f[4],
                              f[5], f[6], f[7], nd};
    static mge_laminate_spec spec;
    if (mge_laminate_spec_from_options(&o, NULL, 0, &spec, NULL) == 0) {
      if (mge_laminate_check(&spec.lam, 0, NULL) != 0) abort();
      if (mge_laminate_spec_override(&spec, &o, NULL) == 0 &&
          (spec.n_crit < 1 || spec.n_crit > MGE_CRIT_N))
        abort();
    }
  } else if (mode >= 2) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_layup_%ld.txt", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (f) {
      fwrite(s, 1, size - 1, f);
      fclose(f);
      mge_lamina *v = NULL;
      size_t n = 0;
      int rc = mode == 2   ? mge_lamina_read_csv(path, &v, &n, NULL)
               : mode == 3 ? mge_lamina_read_yaml(path, &v, &n, NULL)
                           : -1;
      if (mode == 5) {
        mge_basis_data d = {0};
        mge_basis_data_add_list(&d, s, "fuzz", NULL);
        mge_basis_data_add_file(&d, path, NULL);
        for (int i = 0; i < d.n; i++)
          if (!isfinite(d.x[i])) abort();
        mge_basis_data_free(&d);
      } else if (mode == 4) {
        mge_micro_input in;
        mge_micro_input_init(&in);
        mge_micro_result r;
        if (mge_micro_input_read(path, &in, NULL) == 0)
          mge_micro_input_compute(&in, &r, NULL);
      } else if (rc == 0) {
        for (size_t i = 0; i < n; i++)
          if (mge_lamina_check(&v[i], 0, NULL) != 0) abort();
      }
      free(v);
      remove(path);
    }
  } else if (mode == 1) {
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
