/* File hashes of the inputs learn records (the CSV tables it reads are
 * mge_csv_table, src/core/csv_table.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_table.h"

int learn_file_hash(const char *path, char hex[17], mge_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) return mge_error_set(err, MGE_E_IO, "cannot open %s", path);
  unsigned long long h = MGE_FNV1A64_INIT;
  unsigned char buf[65536];
  size_t k;
  while ((k = fread(buf, 1, sizeof buf, f)) > 0)
    h = mge_fnv1a64_step(h, buf, k);
  int bad = ferror(f);
  fclose(f);
  if (bad) return mge_error_set(err, MGE_E_IO, "cannot read %s", path);
  snprintf(hex, 17, "%016llx", h);
  return MGE_OK;
}
