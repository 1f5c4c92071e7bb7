/* libFuzzer target: the problem-file loader with a registry it may add to
 * (mge_problem_parse_ex), so that the thermo: section
 * (src/design/problem_thermo.c) is read: any input must be rejected cleanly
 * (an error with a place) and never crash, leak or hang. Databases are
 * found as shipped files (data/thermo/NAME). Inputs are parsed only. */
#include <stddef.h>
#include <stdint.h>

#include "mge/design.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mge_error err;
  mge_registry *reg = mge_registry_builtin(&err);
  if (!reg) return 0;
  mge_problem *p = NULL;
  mge_problem_opts o = {0};
  int rc = mge_problem_parse_ex((const char *)data, size, "fuzz.yaml", reg, &o,
                                &p, &err);
  if (rc == 0) {
    /* a loaded problem must sample inside its bounds */
    double x[MGE_DESIGN_MAX_VARS], bal;
    for (uint64_t i = 0; i < 4 && i < mge_problem_size(p); i++) {
      mge_problem_sample(p, i, x, &bal);
      for (int j = 0; j < mge_problem_n_vars(p); j++)
        if (!(x[j] >= mge_problem_var(p, j)->lo &&
              x[j] <= mge_problem_var(p, j)->hi))
          __builtin_trap();
    }
  } else if (!err.message[0]) {
    __builtin_trap(); /* every failure says why */
  }
  mge_problem_free(p);
  mge_registry_free(reg);
  return 0;
}
