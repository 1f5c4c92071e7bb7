/* The alloy property model (src/alloy/models.c) through the registry:
 * outputs equal mge_alloy_describe with the stated unit conversions, and
 * the registry resolves every listed property name.
 *
 * Golden values, CoCrFeNi (equiatomic): dHmix = 4 sum_{i<j} x_i x_j H_ij
 * with the Takeuchi-Inoue pair values Co-Cr -4, Co-Fe -1, Co-Ni 0, Cr-Fe
 * -1, Cr-Ni -7, Fe-Ni -2 kJ/mol (Mater. Trans. 46 (2005) 2817, Table 2)
 * = 4 (1/16)(-15) = -3.75 kJ/mol = -3750 J/mol; VEC = (9+6+8+10)/4 = 8.25
 * (Guo et al. 2011); dSmix = R ln 4 (R = 8.314462618 J/(mol K), CODATA
 * 2018). Tolerance: 1e-9 relative (sums of a few tabulated numbers). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/alloy.h"
#include "mge/registry.h"

static void close_rel(double got, double want, double rel) {
  if (!(fabs(got - want) <= rel * fmax(1.0, fabs(want)))) {
    print_error("got %.12g want %.12g\n", got, want);
    fail();
  }
}

static double prop(const mge_registry *r, const char *name, const mge_comp *c) {
  const mge_model *m;
  int k;
  mge_error err;
  assert_int_equal(mge_registry_property(r, name, strlen(name), &m, &k, &err),
                   0);
  double out[64];
  assert_true(m->n_out <= 64);
  assert_int_equal(m->eval(m, c, 1, out, &err), 0);
  return out[k];
}

static void test_cocrfeni(void **state) {
  (void)state;
  mge_error err;
  mge_registry *r = mge_registry_builtin(&err);
  assert_non_null(r);
  mge_comp c;
  assert_int_equal(mge_comp_parse("CoCrFeNi", &c, &err), 0);
  close_rel(prop(r, "alloy.dHmix", &c), -3750.0, 1e-9);
  close_rel(prop(r, "alloy.VEC", &c), 8.25, 1e-9);
  close_rel(prop(r, "alloy.dSmix", &c), 8.314462618 * log(4.0), 1e-9);
  assert_true(prop(r, "alloy.fcc", &c) == 1.0);
  assert_true(prop(r, "alloy.bcc", &c) == 0.0);
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(&c, &d, &err), 0);
  close_rel(prop(r, "alloy.density", &c), d.density_kg_m3, 1e-15);
  close_rel(prop(r, "alloy.molar_mass", &c), d.molar_mass_g_mol * 1e-3, 1e-15);
  close_rel(prop(r, "alloy.Tm", &c), d.tm_K, 1e-15);
  close_rel(prop(r, "alloy.delta", &c), d.delta_pct, 1e-15);
  assert_true(prop(r, "alloy.ss", &c) ==
              (d.ss_rule == MGE_PHASE_SS ? 1.0 : 0.0));
  mge_registry_free(r);
}

static void test_every_output_resolves(void **state) {
  (void)state;
  mge_error err;
  mge_registry *r = mge_registry_builtin(&err);
  assert_non_null(r);
  assert_true(mge_registry_count(r) >= 1);
  for (size_t i = 0; i < mge_registry_count(r); i++) {
    const mge_model *m = mge_registry_at(r, i);
    assert_true(m->id > 0 && m->refs && m->refs[0]);
    for (int k = 0; k < m->n_out; k++) {
      char name[160];
      snprintf(name, sizeof name, "%s.%s", m->name, m->out[k].name);
      const mge_model *m2;
      int k2;
      assert_int_equal(
          mge_registry_property(r, name, strlen(name), &m2, &k2, &err), 0);
      assert_ptr_equal(m2, m);
      assert_int_equal(k2, k);
    }
  }
  /* a batch: eval is per candidate, no state between candidates */
  const mge_model *m = mge_registry_find(r, "alloy");
  assert_non_null(m);
  mge_comp c[3];
  assert_int_equal(mge_comp_parse("CoCrFeNi", &c[0], &err), 0);
  assert_int_equal(mge_comp_parse("Al0.5CoCrCuFeNi", &c[1], &err), 0);
  c[2] = c[0];
  double out[3 * 64];
  assert_int_equal(m->eval(m, c, 3, out, &err), 0);
  assert_memory_equal(out, out + 2 * m->n_out,
                      sizeof(double) * (size_t)m->n_out);
  mge_registry_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cocrfeni),
      cmocka_unit_test(test_every_output_resolves),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
