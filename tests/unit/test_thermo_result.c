/* mge_thermo_result_phase_amount: the amount of a phase summed over its
 * composition sets. The results are built by hand (the numbers are made
 * up: the sum is exact arithmetic, no published value is involved). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/thermo.h"

static void test_phase_amount_sets(void **state) {
  (void)state;
  mge_thermo_result r;
  memset(&r, 0, sizeof r);
  r.nphase = 3; /* phase 2 in two composition sets (a miscibility gap) */
  r.ph[0].phase = 2;
  r.ph[0].amount = 0.25;
  r.ph[1].phase = 0;
  r.ph[1].amount = 0.5;
  r.ph[2].phase = 2;
  r.ph[2].amount = 0.25;
  assert_true(mge_thermo_result_phase_amount(&r, 2) == 0.5);
  assert_true(mge_thermo_result_phase_amount(&r, 0) == 0.5);
  assert_true(mge_thermo_result_phase_amount(&r, 1) == 0); /* not stable */
  assert_true(mge_thermo_result_phase_amount(&r, 7) == 0);
  r.nphase = 0;
  assert_true(mge_thermo_result_phase_amount(&r, 2) == 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_phase_amount_sets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
