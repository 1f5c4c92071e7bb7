/* Tests of the element table (src/chem/element.c, elements_table.c).
 *
 * Golden values name their source. Tolerances: values copied from a table
 * are compared to 1e-9 relative (they must be the table's digits); derived
 * values (V^(2/3), molar volume against density) state their own. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/chem.h"

#define TABLE_TOL 1e-9

static const mge_element *el(const char *sym) {
  const mge_element *e = mge_element_by_symbol(sym);
  assert_non_null(e);
  return e;
}

static void assert_close(double got, double want, double rel) {
  if (!(fabs(got - want) <= rel * fmax(1.0, fabs(want)))) {
    print_error("got %.12g, want %.12g (rel tol %g)\n", got, want, rel);
    fail();
  }
}

/* Standard atomic weights, IUPAC/CIAAW 2021: Prohaska et al., Pure Appl.
 * Chem. 94, 573 (2022), Table 1; conventional values for interval elements
 * (H, C, O, Pb); bracketed mass numbers for elements with no standard atomic
 * weight (Tc 97, Pm 145, Lr 266). Table digits, tolerance TABLE_TOL. */
static void test_iupac_2021_weights(void **state) {
  (void)state;
  assert_close(el("Fe")->atomic_weight, 55.845, TABLE_TOL);
  assert_close(el("Al")->atomic_weight, 26.9815384, TABLE_TOL);
  assert_close(el("O")->atomic_weight, 15.999, TABLE_TOL);
  assert_close(el("H")->atomic_weight, 1.008, TABLE_TOL);
  assert_close(el("C")->atomic_weight, 12.011, TABLE_TOL);
  assert_close(el("Ni")->atomic_weight, 58.6934, TABLE_TOL);
  assert_close(el("Co")->atomic_weight, 58.933194, TABLE_TOL);
  /* Changed in 2021 (the report's abstract): Hf 178.49 -> 178.486, Yb
   * 173.054 -> 173.045, Pb -> [206.14, 207.94] (conventional 207.2). */
  assert_close(el("Hf")->atomic_weight, 178.486, TABLE_TOL);
  assert_close(el("Yb")->atomic_weight, 173.045, TABLE_TOL);
  assert_close(el("Pb")->atomic_weight, 207.2, TABLE_TOL);
  assert_close(el("Tc")->atomic_weight, 97, TABLE_TOL);
  assert_close(el("Pm")->atomic_weight, 145, TABLE_TOL);
  assert_close(el("Lr")->atomic_weight, 266, TABLE_TOL);
  for (int z = 1; z <= MGE_Z_MAX; z++) {
    const mge_element *e = mge_element_by_Z(z);
    assert_true(isfinite(e->atomic_weight) && e->atomic_weight > z);
  }
}

/* Magpie values are the Magpie tables' own (data/elements/magpie/NAME.table,
 * line Z), not pymatgen's or IUPAC's: matminer's magpie preset uses them. */
static void test_magpie_values(void **state) {
  (void)state;
  const mge_element *fe = el("Fe"), *al = el("Al"), *w = el("W");
  const mge_element *lr = el("Lr"), *si = el("Si"), *ce = el("Ce");
  assert_close(fe->magpie[MGE_MAGPIE_NUMBER], 26, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_MENDELEEV_NUMBER], 55, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_ATOMIC_WEIGHT], 55.845, TABLE_TOL);
  /* AtomicWeight.table line 13: 26.9815386 (older than IUPAC 2021). */
  assert_close(al->magpie[MGE_MAGPIE_ATOMIC_WEIGHT], 26.9815386, TABLE_TOL);
  assert_true(al->magpie[MGE_MAGPIE_ATOMIC_WEIGHT] != al->atomic_weight);
  /* MeltingT.table line 58: 1071 (pymatgen gives 1068 K). */
  assert_close(ce->magpie[MGE_MAGPIE_MELTING_T], 1071, TABLE_TOL);
  assert_close(ce->t_melt_K, 1068, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_COLUMN], 8, TABLE_TOL);
  assert_close(w->magpie[MGE_MAGPIE_ROW], 6, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_COVALENT_RADIUS], 132, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_ELECTRONEGATIVITY], 1.83, TABLE_TOL);
  assert_close(w->magpie[MGE_MAGPIE_NS_VALENCE], 2, TABLE_TOL);
  assert_close(w->magpie[MGE_MAGPIE_ND_VALENCE], 4, TABLE_TOL);
  assert_close(w->magpie[MGE_MAGPIE_NF_VALENCE], 14, TABLE_TOL);
  assert_close(w->magpie[MGE_MAGPIE_N_VALENCE], 20, TABLE_TOL);
  assert_close(al->magpie[MGE_MAGPIE_NP_VALENCE], 1, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_N_UNFILLED], 4, TABLE_TOL);
  assert_close(ce->magpie[MGE_MAGPIE_N_UNFILLED], 22, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_ND_UNFILLED], 4, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_GS_VOLUME_PA], 10.73, TABLE_TOL);
  assert_close(si->magpie[MGE_MAGPIE_GS_BANDGAP], 0.773, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_GS_MAGMOM], 2.1106628, TABLE_TOL);
  assert_close(fe->magpie[MGE_MAGPIE_SPACE_GROUP_NUMBER], 229, TABLE_TOL);
  assert_close(al->magpie[MGE_MAGPIE_SPACE_GROUP_NUMBER], 225, TABLE_TOL);
  /* "Missing" in the tables is NaN. */
  assert_true(isnan(lr->magpie[MGE_MAGPIE_ELECTRONEGATIVITY]));
  assert_true(isnan(lr->magpie[MGE_MAGPIE_COVALENT_RADIUS]));
  assert_true(isnan(lr->magpie[MGE_MAGPIE_SPACE_GROUP_NUMBER]));
  assert_true(isnan(el("He")->magpie[MGE_MAGPIE_MELTING_T]));
  /* Number is Z for every element. */
  for (int z = 1; z <= MGE_Z_MAX; z++)
    assert_close(mge_element_by_Z(z)->magpie[MGE_MAGPIE_NUMBER], z, 0);
}

static void test_magpie_names(void **state) {
  (void)state;
  /* matminer ElementProperty.from_preset("magpie") feature order. */
  assert_string_equal(mge_magpie_names[MGE_MAGPIE_NUMBER], "Number");
  assert_string_equal(mge_magpie_names[MGE_MAGPIE_MELTING_T], "MeltingT");
  assert_string_equal(mge_magpie_names[MGE_MAGPIE_N_UNFILLED], "NUnfilled");
  assert_string_equal(mge_magpie_names[MGE_MAGPIE_GS_VOLUME_PA], "GSvolume_pa");
  assert_string_equal(mge_magpie_names[MGE_MAGPIE_SPACE_GROUP_NUMBER],
                      "SpaceGroupNumber");
  for (int k = 0; k < MGE_MAGPIE_N; k++) {
    assert_non_null(mge_magpie_names[k]);
    for (int m = 0; m < k; m++)
      assert_true(strcmp(mge_magpie_names[k], mge_magpie_names[m]) != 0);
  }
}

/* VEC for alloys, Guo et al., J. Appl. Phys. 109, 103505 (2011): the group
 * number for groups 1-12, s+p electrons for 13-18; 3 for the rare earths
 * (our choice, data/elements/README.md). Exact integers. */
static void test_vec(void **state) {
  (void)state;
  static const struct {
    const char *sym;
    double vec;
  } cases[] = {{"Co", 9},  {"Cr", 6},  {"Fe", 8}, {"Ni", 10}, {"Al", 3},
               {"Cu", 11}, {"Zn", 12}, {"Si", 4}, {"Ti", 4},  {"Mn", 7},
               {"Mo", 6},  {"W", 6},   {"Nb", 5}, {"Li", 1},  {"Mg", 2},
               {"Sn", 4},  {"Ce", 3},  {"La", 3}, {"Lu", 3},  {"U", 3}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    assert_close(el(cases[i].sym)->vec, cases[i].vec, 0);
}

static void test_group_period_block(void **state) {
  (void)state;
  static const struct {
    const char *sym;
    int group, period;
    char block;
  } cases[] = {{"H", 1, 1, 's'},   {"He", 18, 1, 's'}, {"B", 13, 2, 'p'},
               {"Sc", 3, 4, 'd'},  {"Zn", 12, 4, 'd'}, {"Ga", 13, 4, 'p'},
               {"La", 3, 6, 'f'},  {"Lu", 3, 6, 'f'},  {"Hf", 4, 6, 'd'},
               {"Rn", 18, 6, 'p'}, {"Fr", 1, 7, 's'},  {"Ac", 3, 7, 'f'},
               {"Lr", 3, 7, 'f'}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const mge_element *e = el(cases[i].sym);
    assert_int_equal(e->group, cases[i].group);
    assert_int_equal(e->period, cases[i].period);
    assert_int_equal(e->block, cases[i].block);
  }
  /* Magpie's Column agrees with our group wherever it is given. */
  for (int z = 1; z <= MGE_Z_MAX; z++) {
    const mge_element *e = mge_element_by_Z(z);
    assert_close(e->magpie[MGE_MAGPIE_COLUMN], e->group, 0);
    assert_close(e->magpie[MGE_MAGPIE_ROW], e->period, 0);
  }
}

/* pymatgen 2022.11.7 periodic_table.json: Pauling X, "Metallic radius"
 * (12-coordinate), melting point, density of solid, molar volume. */
static void test_pymatgen_fields(void **state) {
  (void)state;
  const mge_element *fe = el("Fe"), *al = el("Al");
  assert_close(fe->chi_pauling, 1.83, TABLE_TOL);
  assert_close(el("O")->chi_pauling, 3.44, TABLE_TOL);
  assert_close(al->r_metal_A, 1.43, TABLE_TOL);
  assert_close(el("Ni")->r_metal_A, 1.246, TABLE_TOL);
  assert_close(fe->r_metal_A, 1.277, TABLE_TOL);
  assert_close(al->t_melt_K, 933.47, TABLE_TOL);
  assert_close(fe->t_melt_K, 1811, TABLE_TOL);
  assert_close(al->rho_kg_m3, 2700, TABLE_TOL);
  assert_close(al->vm_m3_mol, 10.00e-6, TABLE_TOL);
  /* "(white P) 317.3 K": the qualifier is dropped. */
  assert_close(el("P")->t_melt_K, 317.3, TABLE_TOL);
  /* "about 1900 K" is kept as the estimate it is. */
  assert_close(el("Lr")->t_melt_K, 1900, TABLE_TOL);
  /* The radii are 12-coordinate metallic radii: they agree to 0.02 A with
   * the "metallic" column (pm, 12-coordination) of Wikipedia's "Atomic radii
   * of the elements (data page)", which pymatgen PR #1192 names as a source,
   * and for bcc metals they exceed half the bcc nearest-neighbour distance
   * (Fe 1.241 A, the kind of value many HEA papers tabulate) by the
   * Goldschmidt 8 -> 12 coordination factor of about 1.03. */
  static const struct {
    const char *sym;
    double r_pm;
  } wiki[] = {{"Al", 143}, {"Ti", 147}, {"V", 134},  {"Cr", 128}, {"Fe", 126},
              {"Co", 125}, {"Ni", 124}, {"Cu", 128}, {"Zn", 134}, {"Zr", 160},
              {"Nb", 146}, {"Mo", 139}, {"Mg", 160}};
  for (size_t i = 0; i < sizeof wiki / sizeof wiki[0]; i++)
    assert_true(fabs(el(wiki[i].sym)->r_metal_A - wiki[i].r_pm / 100) <= 0.02);
  /* bcc: half the nearest-neighbour distance is sqrt(3)/4 a, with the
   * room-temperature lattice parameters a = 2.8665 (Fe), 2.8847 (Cr),
   * 3.1652 (W), 3.1470 (Mo) angstrom (standard X-ray values; compilations
   * differ in the 4th digit, far inside the tolerance of 0.005 on 1.03). */
  static const struct {
    const char *sym;
    double a_A;
  } bcc[] = {{"Fe", 2.8665}, {"Cr", 2.8847}, {"W", 3.1652}, {"Mo", 3.1470}};
  for (size_t i = 0; i < sizeof bcc / sizeof bcc[0]; i++)
    assert_close(el(bcc[i].sym)->r_metal_A / (sqrt(3.0) / 4 * bcc[i].a_A), 1.03,
                 0.005);
  /* Consistency: V_m = M / rho for Fe and Al to 1 % (the molar volumes are
   * given to 3 significant figures). */
  assert_close(fe->vm_m3_mol, fe->atomic_weight * 1e-3 / fe->rho_kg_m3, 1e-2);
  assert_close(al->vm_m3_mol / (al->atomic_weight * 1e-3 / al->rho_kg_m3), 1,
               1e-2);
}

/* Unknown is NaN (or 0 for the year), never a made-up 0.0. */
static void test_unknown_is_nan(void **state) {
  (void)state;
  assert_true(isnan(el("He")->chi_pauling)); /* "X": no value */
  assert_true(isnan(el("Si")->r_metal_A));   /* "no data" */
  assert_true(isnan(el("H")->r_metal_A));
  assert_true(isnan(el("Lr")->rho_kg_m3)); /* "no data kg m-3" */
  assert_true(isnan(el("Lr")->vm_m3_mol));
  assert_true(isnan(el("Fr")->t_melt_K));      /* "maybe about 300 K" */
  assert_true(isnan(el("He")->miedema_phi_V)); /* not in Miedema.csv */
  assert_true(isnan(el("O")->miedema_nws13));
  assert_true(isnan(el("Lr")->price_usd_kg));
  assert_int_equal(el("Lr")->price_year, 0);
  for (int z = 1; z <= MGE_Z_MAX; z++) {
    const mge_element *e = mge_element_by_Z(z);
    assert_true(isnan(e->chi_pauling) || e->chi_pauling > 0);
    assert_true(isnan(e->r_metal_A) || e->r_metal_A > 0);
    assert_true(isnan(e->t_melt_K) || e->t_melt_K > 0);
    assert_true(isnan(e->rho_kg_m3) || e->rho_kg_m3 > 0);
    assert_true(isnan(e->vm_m3_mol) || e->vm_m3_mol > 0);
    assert_true(isnan(e->price_usd_kg) == (e->price_year == 0));
    assert_true(isnan(e->price_usd_kg) || e->price_usd_kg > 0);
  }
}

/* Miedema parameters, data/elements/Miedema.csv (de Boer et al., Cohesion in
 * Metals, 1988, as tabulated by matminer). */
static void test_miedema(void **state) {
  (void)state;
  const mge_element *fe = el("Fe");
  assert_close(fe->miedema_phi_V, 4.93, TABLE_TOL);
  assert_close(fe->miedema_nws13, 5.55, TABLE_TOL);
  /* V^(2/3) from molar_volume 7.09 cm^3: 7.09^(2/3) = 3.6906 (to 1e-4). */
  assert_close(fe->miedema_vm23_cm2, 3.6906, 1e-4);
  assert_close(fe->miedema_valence, 8, TABLE_TOL);
  assert_close(el("Al")->miedema_R, 1.9, TABLE_TOL);
  assert_close(el("C")->miedema_H_trans, 180, TABLE_TOL);
  assert_int_equal(fe->miedema_transition, 1);
  assert_int_equal(el("Cu")->miedema_transition, 1);
  assert_int_equal(el("La")->miedema_transition, 1);
  assert_int_equal(el("Zn")->miedema_transition, 0);
  assert_int_equal(el("Al")->miedema_transition, 0);
  assert_int_equal(el("Si")->miedema_transition, 0);
}

/* Every symbol round-trips; every other 1- and 2-byte string is NULL. */
static void test_lookup(void **state) {
  (void)state;
  for (int z = 1; z <= MGE_Z_MAX; z++) {
    const mge_element *e = mge_element_by_Z(z);
    assert_non_null(e);
    assert_int_equal(e->Z, z);
    assert_ptr_equal(mge_element_by_symbol(e->symbol), e);
    char buf[8];
    size_t n = strlen(e->symbol);
    memcpy(buf, e->symbol, n);
    memcpy(buf + n, "xyz", 3); /* no NUL after the symbol */
    assert_ptr_equal(mge_element_by_symbol_n(buf, n), e);
  }
  assert_null(mge_element_by_Z(0));
  assert_null(mge_element_by_Z(MGE_Z_MAX + 1));
  assert_null(mge_element_by_Z(-1));
  int found = 0;
  for (int a = 0; a < 256; a++) {
    for (int b = -1; b < 256; b++) {
      char s[3] = {(char)a, (char)(b < 0 ? 0 : b), 0};
      size_t len = b < 0 ? 1 : 2;
      const mge_element *e = mge_element_by_symbol_n(s, len);
      const mge_element *want = NULL;
      for (int z = 1; z <= MGE_Z_MAX; z++) {
        const char *sym = mge_element_by_Z(z)->symbol;
        if (strlen(sym) == len && memcmp(sym, s, len) == 0)
          want = mge_element_by_Z(z);
      }
      assert_ptr_equal(e, want);
      found += e != NULL;
    }
  }
  assert_int_equal(found, MGE_Z_MAX);
  assert_null(mge_element_by_symbol(NULL));
  assert_null(mge_element_by_symbol(""));
  assert_null(mge_element_by_symbol("FE"));
  assert_null(mge_element_by_symbol("fe"));
  assert_null(mge_element_by_symbol("Fex"));
  assert_null(mge_element_by_symbol_n("Fe", 0));
  assert_null(mge_element_by_symbol_n("Fe", 3));
  assert_null(mge_element_by_symbol_n(NULL, 2));
}

static void test_suggest(void **state) {
  (void)state;
  assert_ptr_equal(mge_element_suggest("fe", 2), el("Fe"));
  assert_ptr_equal(mge_element_suggest("FE", 2), el("Fe"));
  assert_ptr_equal(mge_element_suggest("Xx", 2), el("Xe"));
  assert_ptr_equal(mge_element_suggest("Fee", 3), el("Fe"));
  assert_ptr_equal(mge_element_suggest("iron", 4), el("Fe"));
  assert_ptr_equal(mge_element_suggest("Aluminum", 8), el("Al"));
  assert_null(mge_element_suggest("Qq", 2));
  assert_null(mge_element_suggest("Unobtainium", 11));
  assert_null(mge_element_suggest("", 0));
  assert_null(mge_element_suggest(NULL, 2));
}

/* Prices: data/elements/prices.csv, copied from pymatgen 2022.11.7
 * pymatgen/analysis/costdb_elements.csv (Wolfram Alpha, Sept. 2013, for
 * these). Table digits, TABLE_TOL. */
static void test_prices(void **state) {
  (void)state;
  const char *s = mge_element_price_source();
  assert_non_null(s);
  assert_non_null(strstr(s, "costdb_elements.csv"));
  assert_close(el("Ni")->price_usd_kg, 22.8839556, TABLE_TOL);
  assert_int_equal(el("Ni")->price_year, 2013);
  assert_close(el("Co")->price_usd_kg, 36.0896294, TABLE_TOL);
  assert_close(el("Al")->price_usd_kg, 2.46035592, TABLE_TOL);
  assert_close(el("Ba")->price_usd_kg, 0.2605, TABLE_TOL);
  assert_int_equal(el("Ba")->price_year, 2019);
  /* Ne is left out on purpose (the source's value is neptunium's). */
  assert_true(isnan(el("Ne")->price_usd_kg));
  assert_int_equal(el("Ne")->price_year, 0);
  /* The alloying and glass-former elements all have a price. */
  static const char *const need[] = {
      "Al", "Mg", "Zn", "Cu", "Mn", "Si", "Fe", "Ni", "Co", "Cr", "Ti",
      "V",  "Mo", "W",  "Nb", "Ta", "Zr", "Hf", "Ca", "Li", "Sn", "Y",
      "Nd", "Ce", "La", "Gd", "B",  "C",  "Na", "K",  "Sr", "Ba"};
  for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
    const mge_element *e = el(need[i]);
    assert_true(isfinite(e->price_usd_kg) && e->price_usd_kg > 0);
    assert_true(e->price_year >= 2013 && e->price_year <= 2020);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_iupac_2021_weights),
      cmocka_unit_test(test_magpie_values),
      cmocka_unit_test(test_magpie_names),
      cmocka_unit_test(test_vec),
      cmocka_unit_test(test_group_period_block),
      cmocka_unit_test(test_pymatgen_fields),
      cmocka_unit_test(test_unknown_is_nan),
      cmocka_unit_test(test_miedema),
      cmocka_unit_test(test_lookup),
      cmocka_unit_test(test_suggest),
      cmocka_unit_test(test_prices),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
