/* libFuzzer target for the TDB reader: any bytes must give a database or a
 * clean error, never a crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>

#include "mge/thermo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 16) return 0;
  mge_tdb *db = NULL;
  mge_error err;
  mge_error_clear(&err);
  if (mge_tdb_parse((const char *)data, size, "<fuzz>", &db, &err) == 0) {
    (void)mge_tdb_n_phases(db);
    mge_tdb_free(db);
  }
  return 0;
}
