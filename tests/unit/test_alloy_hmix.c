/* Binary mixing enthalpies: the generated Takeuchi-Inoue table against its
 * source file, and the Miedema model against Takeuchi & Inoue, who derived
 * their table from the same model (Mater Trans 46 (2005) 2817). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
/* cmocka needs the headers above first */
#include <cmocka.h>

#include "alloy/hmix_table.h"
#include "mge/alloy.h"

static const char *const SYM[] = {
    "",   "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na",
    "Mg", "Al", "Si", "P",  "S",  "Cl", "Ar", "K",  "Ca", "Sc", "Ti", "V",
    "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br",
    "Kr", "Rb", "Sr", "Y",  "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag",
    "Cd", "In", "Sn", "Sb", "Te", "I",  "Xe", "Cs", "Ba", "La", "Ce", "Pr",
    "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
    "Hf", "Ta", "W",  "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi",
    "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U",  "Np", "Pu", "Am",
    "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr"};

static int z_of(const char *s) {
  for (int z = 1; z <= MGE_Z_MAX; z++)
    if (strcmp(SYM[z], s) == 0) return z;
  return 0;
}

/* Every line of the source TSV is in the generated table, exactly, both ways
 * round; nothing else is tabulated. */
static void test_table_matches_source(void **state) {
  (void)state;
  FILE *f =
      fopen(MGE_SOURCE_DIR "/data/elements/MiedemaLiquidDeltaHf.tsv", "r");
  assert_non_null(f);
  char a[8], b[8], hdr[64];
  double v;
  assert_non_null(fgets(hdr, sizeof hdr, f));
  int lines = 0;
  while (fscanf(f, "%7s %7s %lf", a, b, &v) == 3) {
    int za = z_of(a), zb = z_of(b), s1, s2;
    assert_true(za > 0 && zb > 0);
    assert_true(mge_alloy_hmix_pair(za, zb, &s1) == v);
    assert_true(mge_alloy_hmix_pair(zb, za, &s2) == v);
    assert_int_equal(s1, 1);
    assert_int_equal(s2, 1);
    lines++;
  }
  fclose(f);
  assert_int_equal(lines, 2628);
  int tab = 0;
  for (int i = 1; i <= MGE_Z_MAX; i++)
    for (int j = i + 1; j <= MGE_Z_MAX; j++) {
      int s;
      (void)mge_alloy_hmix_pair(i, j, &s);
      tab += s == 1;
    }
  assert_int_equal(tab, 2628);
}

/* Values quoted from the table in Takeuchi & Inoue 2005 as used for
 * CoCrFeNi in Guo & Liu, Prog Nat Sci 21 (2011) 433. Exact. */
static void test_known_pairs(void **state) {
  (void)state;
  int s;
  assert_true(mge_alloy_hmix_pair(27, 24, &s) == -4.0);  /* Co-Cr */
  assert_true(mge_alloy_hmix_pair(26, 28, &s) == -2.0);  /* Fe-Ni */
  assert_true(mge_alloy_hmix_pair(13, 28, &s) == -22.0); /* Al-Ni */
  assert_true(mge_alloy_hmix_pair(15, 3, &s) == -45.5);  /* P-Li, half */
  assert_int_equal(s, 1);
}

static void test_missing_and_bad(void **state) {
  (void)state;
  int s = 7;
  /* Pu has Miedema parameters but no Takeuchi-Inoue row. */
  double h = mge_alloy_hmix_pair(94, 26, &s);
  assert_int_equal(s, 2);
  assert_true(isfinite(h));
  assert_true(h == mge_alloy_miedema_liquid(94, 26, 0.5));
  /* At-Fe: At is in neither source. */
  assert_true(isnan(mge_alloy_hmix_pair(85, 26, &s)));
  assert_int_equal(s, 0);
  /* He has nothing at all. */
  assert_true(isnan(mge_alloy_hmix_pair(2, 26, &s)));
  assert_int_equal(s, 0);
  assert_true(isnan(mge_alloy_hmix_pair(26, 26, &s)));
  assert_true(isnan(mge_alloy_hmix_pair(0, 26, &s)));
  assert_true(isnan(mge_alloy_hmix_pair(26, 104, &s)));
  assert_true(isnan(mge_alloy_hmix_pair(-5, 26, NULL)));
  assert_true(isnan(mge_alloy_miedema_liquid(26, 28, 1.5)));
  assert_true(isnan(mge_alloy_miedema_liquid(26, 28, NAN)));
  assert_true(isnan(mge_alloy_miedema_liquid(26, 2, 0.5)));
}

/* Miedema: exact limits and symmetry (closed form + a converged fixed
 * point: 1e-9 kJ/mol), finite for every parametrized pair. */
static void test_miedema_shape(void **state) {
  (void)state;
  int npar = 0;
  for (int a = 1; a <= MGE_Z_MAX; a++) {
    if (isnan(mge_alloy_miedema_liquid(a, a == 26 ? 28 : 26, 0.5))) continue;
    npar++;
    for (int b = 1; b <= MGE_Z_MAX; b++) {
      if (a == b) continue;
      double h = mge_alloy_miedema_liquid(a, b, 0.3);
      if (isnan(h)) continue;
      assert_true(isfinite(h));
      assert_true(fabs(h - mge_alloy_miedema_liquid(b, a, 0.7)) < 1e-9);
      assert_true(mge_alloy_miedema_liquid(a, b, 0.0) == 0.0);
      assert_true(fabs(mge_alloy_miedema_liquid(a, b, 1.0)) < 1e-12);
    }
  }
  assert_int_equal(npar, 73); /* data/elements/Miedema.csv */
}

/* Miedema (this implementation) against Takeuchi-Inoue for pairs common in
 * high-entropy alloys. Tolerance 1.0 kJ/mol: the table is rounded to 1 (or
 * 0.5) kJ/mol, and Takeuchi's parameter set may differ in the last digit
 * from the matminer copy of de Boer's. */
static void test_miedema_vs_takeuchi_pairs(void **state) {
  (void)state;
  static const int pairs[][2] = {
      {27, 24}, {26, 28}, {13, 28}, {29, 22}, {13, 12}, {24, 26},
      {27, 28}, {25, 28}, {29, 28}, {22, 40}, {41, 73}, {42, 74},
      {23, 41}, {13, 27}, {13, 26}, {13, 22},
  };
  for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
    int a = pairs[k][0], b = pairs[k][1], s;
    double ti = mge_alloy_hmix_pair(a, b, &s);
    double mi = mge_alloy_miedema_liquid(a, b, 0.5);
    assert_int_equal(s, 1);
    if (fabs(mi - ti) > 1.0)
      fail_msg("%s-%s: Miedema %.3f, Takeuchi-Inoue %.1f kJ/mol", SYM[a],
               SYM[b], mi, ti);
  }
}

/* And over the whole table, so that no choice of test pairs can hide a
 * regression: for pairs of two transition metals (902 pairs), the mean
 * absolute difference is 2.5 kJ/mol and 85 % agree within 1 kJ/mol with this
 * implementation; the test bounds them at 3.0 kJ/mol and 80 %. Pairs with H,
 * N, Si, Ge, Ca, Sr, Ba, Eu, Yb and U differ systematically (Takeuchi
 * treated them differently; see docs/models/alloy.md), so the all-pairs
 * bound is looser: mean 4.0 kJ/mol. */
static void test_miedema_vs_takeuchi_table(void **state) {
  (void)state;
  double sum_tt = 0, sum_all = 0;
  int n_tt = 0, n_all = 0, within = 0;
  for (int a = 1; a <= MGE_Z_MAX; a++)
    for (int b = a + 1; b <= MGE_Z_MAX; b++) {
      int s;
      double ti = mge_alloy_hmix_pair(a, b, &s);
      double mi = mge_alloy_miedema_liquid(a, b, 0.5);
      if (s != 1 || isnan(mi)) continue;
      double e = fabs(mi - ti);
      sum_all += e;
      n_all++;
      if (alloy_miedema[a].transition && alloy_miedema[b].transition) {
        sum_tt += e;
        n_tt++;
        within += e <= 1.0;
      }
    }
  assert_int_equal(n_all, 2555);
  assert_int_equal(n_tt, 902);
  assert_true(sum_tt / n_tt < 3.0);
  assert_true((double)within / n_tt > 0.80);
  assert_true(sum_all / n_all < 4.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table_matches_source),
      cmocka_unit_test(test_known_pairs),
      cmocka_unit_test(test_missing_and_bad),
      cmocka_unit_test(test_miedema_shape),
      cmocka_unit_test(test_miedema_vs_takeuchi_pairs),
      cmocka_unit_test(test_miedema_vs_takeuchi_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
