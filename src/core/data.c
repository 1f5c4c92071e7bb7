#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "mge/core.h"

#ifndef MGE_DATA_INSTALL_DIR
#define MGE_DATA_INSTALL_DIR ""
#endif
#ifndef MGE_DATA_SOURCE_DIR
#define MGE_DATA_SOURCE_DIR ""
#endif

static int is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int mge_data_find(const char *relpath, char *out, size_t cap, mge_error *err) {
  const char *env = getenv("MGE_DATA");
  const char *dirs[3] = {env && env[0] ? env : NULL, MGE_DATA_INSTALL_DIR,
                         MGE_DATA_SOURCE_DIR};
  for (int i = 0; i < 3; i++) {
    if (!dirs[i] || !dirs[i][0]) continue;
    int k = snprintf(out, cap, "%s/%s", dirs[i], relpath);
    if (k < 0 || (size_t)k >= cap)
      return mge_error_set(err, MGE_E_LIMIT, "data path too long: %s/%s",
                           dirs[i], relpath);
    if (is_file(out)) return MGE_OK;
  }
  if (cap) out[0] = '\0';
  return mge_error_set(
      err, MGE_E_IO, "data file %s not found in $MGE_DATA (%s), %s or %s",
      relpath, env ? env : "unset", MGE_DATA_INSTALL_DIR, MGE_DATA_SOURCE_DIR);
}
