/* Tests of the composition parser and conversions (src/chem/parse.c,
 * comp.c) on inputs that must parse.
 *
 * Atomic weights in the hand calculations below are the IUPAC 2021 standard
 * atomic weights (Prohaska et al., Pure Appl. Chem. 94, 573 (2022), Table 1)
 * and, for interval elements, the conventional values of the same report:
 * H 1.008, B 10.81, O 15.999, Na 22.98976928, Mg 24.305, Al 26.9815384,
 * Si 28.085, P 30.973761998, S 32.06, Ca 40.078, Cr 51.9961, Fe 55.845,
 * Co 58.933194, Ni 58.6934, Cu 63.546, Zn 65.38.
 * Tolerances: quantities computed from those weights by hand are compared to
 * 1e-9 relative (the digits below are the exact arithmetic, rounded to 10+
 * significant digits); handbook values (CRC) state their own tolerance. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "chem/comp_internal.h"
#include "mge/chem.h"

#define HAND_TOL 1e-9

static void assert_close(double got, double want, double rel) {
  if (!(fabs(got - want) <= rel * fmax(1.0, fabs(want)))) {
    print_error("got %.15g, want %.15g (rel tol %g)\n", got, want, rel);
    fail();
  }
}

static int Z(const char *sym) {
  const mge_element *e = mge_element_by_symbol(sym);
  assert_non_null(e);
  return e->Z;
}

static mge_comp parse_ok(const char *text) {
  mge_comp c;
  mge_error err;
  int rc = mge_comp_parse(text, &c, &err);
  if (rc) {
    print_error("'%s': %s (column %d)\n", text, err.message, err.column);
    fail();
  }
  /* The invariants of mge_comp. */
  assert_true(c.n >= 1 && c.n <= MGE_COMP_MAX);
  double s = 0.0;
  for (int i = 0; i < c.n; i++) {
    assert_true(c.x[i] > 0.0);
    for (int j = 0; j < i; j++) assert_int_not_equal(c.Z[i], c.Z[j]);
    s += c.x[i];
  }
  assert_close(s, 1.0, 1e-12);
  return c;
}

static double wt(const mge_comp *c, const char *sym) {
  double w[MGE_COMP_MAX];
  mge_comp_mass_fractions(c, w);
  for (int i = 0; i < c->n; i++)
    if (c->Z[i] == Z(sym)) return w[i];
  return 0.0;
}

/* Al2O3: M = 2(26.9815384) + 3(15.999) = 101.9600768 g/mol per formula
 * unit; w(Al) = 53.9630768 / 101.9600768 = 0.5292569258 (52.926 wt%);
 * per mole of atoms M/5 = 20.39201536 g/mol. */
static void test_alumina(void **state) {
  (void)state;
  mge_comp c = parse_ok("Al2O3");
  assert_int_equal(c.n, 2);
  assert_int_equal(c.Z[0], 13);
  assert_int_equal(c.Z[1], 8);
  assert_close(c.x[0], 0.4, 1e-15);
  assert_close(c.natoms, 5.0, 0.0);
  assert_close(wt(&c, "Al"), 0.5292569258, HAND_TOL);
  assert_close(mge_comp_formula_mass(&c), 101.9600768, HAND_TOL);
  assert_close(mge_comp_molar_mass(&c), 20.39201536, HAND_TOL);
}

/* CuSO4.5H2O: CRC Handbook of Chemistry and Physics, 97th ed., Physical
 * Constants of Inorganic Compounds, copper(II) sulfate pentahydrate:
 * 249.69 g/mol (older atomic weights). With IUPAC 2021 values by hand:
 * 63.546 + 32.06 + 9(15.999) + 10(1.008) = 249.677. Tolerance vs CRC
 * 0.02 g/mol (the S and H weight revisions move it by 0.01). All hydrate
 * spellings give the same. */
static void test_hydrate(void **state) {
  (void)state;
  const char *forms[] = {"CuSO4*5H2O",
                         "CuSO4\xC2\xB7"
                         "5H2O",
                         "CuSO4.5H2O",
                         "CuSO4\xE2\x8B\x85"
                         "5H2O",
                         "  CuSO4 * 5H2O "};
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    mge_comp c = parse_ok(forms[i]);
    assert_int_equal(c.n, 4);
    assert_close(c.natoms, 21.0, 0.0);
    assert_close(mge_comp_formula_mass(&c), 249.69, 0.02 / 249.69);
    assert_close(mge_comp_formula_mass(&c), 249.677, HAND_TOL);
    assert_close(mge_comp_get(&c, Z("H")), 10.0 / 21.0, 1e-15);
  }
  /* Blanks between terms are read as pymatgen reads them ("Al0.25 Co1 Fe1
   * Ni1", as in the MPEA dataset); a blank before a count is refused. */
  mge_comp d;
  mge_error err;
  assert_int_equal(mge_comp_parse("Al0.25 Co1 Fe1 Ni1", &d, &err), 0);
  assert_close(mge_comp_get(&d, Z("Al")), 0.25 / 3.25, 1e-15);
  assert_int_equal(mge_comp_parse("Cu SO4", &d, &err), 0);
  assert_int_equal(d.n, 3);
  assert_int_equal(mge_comp_parse("Fe 2", &d, &err), MGE_E_INPUT);
  assert_int_equal(err.column, 3);
  /* Hydrate dot without a multiplier, and after a letter. */
  mge_comp c = parse_ok("Na2SO4.H2O");
  assert_close(c.natoms, 10.0, 0.0);
  c = parse_ok("CaO.SiO2");
  assert_close(mge_comp_get(&c, Z("O")), 0.6, 1e-15);
}

/* Ca3(PO4)2: 3(40.078) + 2(30.973761998) + 8(15.999) = 310.173524 g/mol
 * (CRC 97th ed.: 310.18; tolerance 0.01). Brackets [] and () nest. */
static void test_groups(void **state) {
  (void)state;
  mge_comp c = parse_ok("Ca3(PO4)2");
  assert_close(c.natoms, 13.0, 0.0);
  assert_close(mge_comp_formula_mass(&c), 310.173523996, HAND_TOL);
  assert_close(mge_comp_formula_mass(&c), 310.18, 0.01 / 310.18);
  c = parse_ok("K4[Fe(CN)6]");
  assert_close(c.natoms, 17.0, 0.0);
  assert_close(mge_comp_get(&c, Z("N")), 6.0 / 17.0, 1e-15);
  c = parse_ok("[Fe(Ni)2]3");
  assert_close(mge_comp_get(&c, Z("Ni")), 2.0 / 3.0, 1e-15);
  /* Order of first appearance is kept. */
  c = parse_ok("Ca(OH)2");
  assert_int_equal(c.Z[0], 20);
  assert_int_equal(c.Z[1], 8);
  assert_int_equal(c.Z[2], 1);
}

/* CoCrFeNi equiatomic: x = 1/4 each; M = (58.933194 + 51.9961 + 55.845 +
 * 58.6934)/4 = 56.3669235 g/mol; w(Co) = 58.933194/225.467694 =
 * 0.2613819876. */
static void test_hea(void **state) {
  (void)state;
  mge_comp c = parse_ok("CoCrFeNi");
  assert_int_equal(c.n, 4);
  for (int i = 0; i < 4; i++) assert_close(c.x[i], 0.25, 1e-15);
  assert_close(mge_comp_molar_mass(&c), 56.3669235, HAND_TOL);
  assert_close(wt(&c, "Co"), 0.2613819876, HAND_TOL);
  c = parse_ok("AlCoCrFeNi");
  assert_int_equal(c.n, 5);
  assert_close(c.x[0], 0.2, 1e-15);
  c = parse_ok("Al0.5CoCrCuFeNi");
  assert_close(c.natoms, 5.5, 0.0);
  assert_close(mge_comp_get(&c, Z("Al")), 0.5 / 5.5, 1e-15);
  c = parse_ok("Fe0.7Cr0.2Ni0.1");
  assert_close(c.natoms, 1.0, 1e-15);
  assert_close(c.x[0], 0.7, 1e-15);
  assert_close(c.x[2], 0.1, 1e-15);
}

/* Mg-9Al-1Zn (wt%, balance Mg): n_i = w_i/A_i: 90/24.305, 9/26.9815384,
 * 1/65.38; x(Mg) = 0.9139007981, x(Al) = 0.08232428622, x(Zn) =
 * 0.003774915689. */
static void test_alloy_notation(void **state) {
  (void)state;
  mge_comp c = parse_ok("Mg-9Al-1Zn");
  mge_comp_info info;
  mge_error err;
  assert_int_equal(c.Z[0], 12);
  assert_close(c.x[0], 0.9139007981, HAND_TOL);
  assert_close(c.x[1], 0.08232428622, HAND_TOL);
  assert_close(c.x[2], 0.003774915689, HAND_TOL);
  assert_close(wt(&c, "Al"), 0.09, 1e-14);
  assert_int_equal(mge_comp_parse_info("Mg-9Al-1Zn", &c, &info, &err), 0);
  assert_int_equal(info.notation, MGE_NOTATION_ALLOY);
  assert_int_equal(info.basis, MGE_BASIS_MASS);
  /* En dash and blanks around separators. */
  mge_comp d = parse_ok("Mg \xE2\x80\x93 9Al \xE2\x80\x93 1Zn");
  assert_close(d.x[1], c.x[1], 1e-15);
  /* An explicit at% overrides: the amounts are mole percent. */
  c = parse_ok("Mg-9Al-1Zn at%");
  assert_close(c.x[0], 0.90, 1e-14);
  assert_close(c.x[2], 0.01, 1e-14);
  c = parse_ok("Mg-9Al-1Zn wt%");
  assert_close(c.x[0], 0.9139007981, HAND_TOL);
  c = parse_ok("Al-4.4Cu-1.5Mg-0.6Mn");
  assert_close(wt(&c, "Al"), 0.935, 1e-14);
  assert_close(wt(&c, "Cu"), 0.044, 1e-14);
  /* All parts with amounts (sum 100 within MGE_PARSE_SUM_TOL_PCT). */
  c = parse_ok("20Co-20Cr-20Fe-20Mn-20Ni at%");
  assert_close(c.x[3], 0.2, 1e-15);
  c = parse_ok("50Fe-50.4Ni");
  assert_close(wt(&c, "Fe"), 50.0 / 100.4, 1e-14);
  /* Balance exactly zero drops the element. */
  c = parse_ok("Mg-60Al-40Zn");
  assert_int_equal(c.n, 2);
  /* A formula with a wt% suffix: subscripts are masses. */
  c = parse_ok("Fe70Ni30 wt%");
  assert_close(wt(&c, "Fe"), 0.70, 1e-14);
}

/* 61SiO2-16Al2O3-13Na2O-4MgO-6B2O3 mol% (a boro-aluminosilicate): compound
 * masses SiO2 60.083, Al2O3 101.9600768, Na2O 61.97853856, MgO 40.304,
 * B2O3 69.617; wt(SiO2) = 61(60.083) / sum = 0.5485748112. Elements:
 * atoms per 100 formula units 183+80+39+8+30 = 340; x(Si) = 61/340,
 * x(O) = 205/340. */
static void test_recipe(void **state) {
  (void)state;
  const char *t = "61SiO2-16Al2O3-13Na2O-4MgO-6B2O3 mol%";
  mge_recipe r;
  mge_error err;
  assert_int_equal(mge_recipe_parse(t, &r, &err), 0);
  assert_int_equal(r.n, 5);
  assert_string_equal(r.formula[0], "SiO2");
  assert_string_equal(r.formula[4], "B2O3");
  assert_close(r.x[0], 0.61, 1e-15);
  assert_close(r.unit[1].natoms, 5.0, 0.0);
  double w[MGE_RECIPE_MAX];
  mge_recipe_mass_fractions(&r, w);
  assert_close(w[0], 0.5485748112, HAND_TOL);
  assert_close(w[1], 0.2441768881, HAND_TOL);
  mge_comp c;
  assert_int_equal(mge_recipe_to_comp(&r, &c, &err), 0);
  assert_close(mge_comp_get(&c, Z("Si")), 61.0 / 340.0, 1e-14);
  assert_close(mge_comp_get(&c, Z("O")), 205.0 / 340.0, 1e-14);
  /* mge_comp_parse gives the same elements directly. */
  mge_comp d = parse_ok(t);
  for (int i = 0; i < c.n; i++)
    assert_close(mge_comp_get(&d, c.Z[i]), c.x[i], 1e-14);
  /* wt% recipe: the mass fractions come back. */
  assert_int_equal(
      mge_recipe_parse("54.85748112SiO2-24.41768881Al2O3-12.05977213Na2O-"
                       "2.413029101MgO-6.252028841B2O3 wt%",
                       &r, &err),
      0);
  assert_close(r.x[0], 0.61, 1e-9);
  assert_close(r.x[3], 0.04, 1e-9);
  /* A balance compound keeps its place. */
  assert_int_equal(mge_recipe_parse("SiO2-15Na2O-10CaO mol%", &r, &err), 0);
  assert_string_equal(r.formula[0], "SiO2");
  assert_close(r.x[0], 0.75, 1e-15);
  /* Plain formula as a recipe of one compound. */
  assert_int_equal(mge_recipe_parse("Al2O3", &r, &err), 0);
  assert_int_equal(r.n, 1);
  assert_close(r.x[0], 1.0, 0.0);
  mge_comp_info info;
  assert_int_equal(mge_comp_parse_info(t, &c, &info, &err), 0);
  assert_int_equal(info.notation, MGE_NOTATION_RECIPE);
  assert_int_equal(info.basis, MGE_BASIS_MOLE);
}

static void test_from_amounts(void **state) {
  (void)state;
  int zs[3] = {26, 24, 26};
  double a[3] = {60.0, 20.0, 20.0};
  mge_comp c;
  mge_error err;
  assert_int_equal(mge_comp_from_amounts(zs, a, 3, MGE_BASIS_MOLE, &c, &err),
                   0);
  assert_int_equal(c.n, 2);
  assert_close(c.x[0], 0.8, 1e-15);
  /* wt% -> at% -> wt% round trip. */
  int z2[3] = {12, 13, 30};
  double w2[3] = {90.0, 9.0, 1.0};
  assert_int_equal(mge_comp_from_amounts(z2, w2, 3, MGE_BASIS_MASS, &c, &err),
                   0);
  assert_close(c.x[0], 0.9139007981, HAND_TOL);
  double w[MGE_COMP_MAX];
  mge_comp_mass_fractions(&c, w);
  for (int i = 0; i < 3; i++) assert_close(w[i], w2[i] / 100.0, 1e-14);
  /* Errors. */
  double bad[2] = {1.0, -1.0};
  int zb[2] = {26, 28};
  assert_int_equal(mge_comp_from_amounts(zb, bad, 2, MGE_BASIS_MOLE, &c, &err),
                   MGE_E_INPUT);
  bad[1] = NAN;
  assert_int_equal(mge_comp_from_amounts(zb, bad, 2, MGE_BASIS_MOLE, &c, &err),
                   MGE_E_INPUT);
  double zero[2] = {0.0, 0.0};
  assert_int_equal(mge_comp_from_amounts(zb, zero, 2, MGE_BASIS_MOLE, &c, &err),
                   MGE_E_INPUT);
  int zu[1] = {200};
  assert_int_equal(mge_comp_from_amounts(zu, a, 1, MGE_BASIS_MOLE, &c, &err),
                   MGE_E_INPUT);
  int many[40];
  double ones[40];
  for (int i = 0; i < 40; i++) many[i] = i + 1, ones[i] = 1.0;
  assert_int_equal(
      mge_comp_from_amounts(many, ones, 40, MGE_BASIS_MOLE, &c, &err),
      MGE_E_LIMIT);
}

static void test_normalize(void **state) {
  (void)state;
  mge_error err;
  double a[3] = {0.5, 0.3, 0.2000001};
  assert_int_equal(mge_normalize(a, 3, 1e-6, &err), 0);
  assert_close(a[0] + a[1] + a[2], 1.0, 1e-15);
  double b[2] = {0.5, 0.6};
  assert_int_equal(mge_normalize(b, 2, 1e-3, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message, "1.1"));
  assert_int_equal(mge_normalize(b, 2, -1.0, &err), 0);
  assert_close(b[1], 0.6 / 1.1, 1e-15);
  double c[2] = {0.5, -0.1};
  assert_int_equal(mge_normalize(c, 2, -1.0, &err), MGE_E_INPUT);
}

static void test_format_and_numbers(void **state) {
  (void)state;
  mge_comp c = parse_ok("Fe0.7Cr0.2Ni0.1");
  char buf[64];
  int n = mge_comp_format(&c, 6, buf, sizeof buf);
  assert_string_equal(buf, "Fe0.7Cr0.2Ni0.1");
  assert_int_equal(n, 15);
  char small[6];
  assert_int_equal(mge_comp_format(&c, 6, small, sizeof small), 15);
  assert_true(strlen(small) < sizeof small);
  /* The decimal scanner: correctly rounded for short inputs, locale-free. */
  double v;
  const char *s = "0.1";
  assert_int_equal(mge__scan_decimal(s, 0, 3, &v), 3);
  assert_true(v == 0.1);
  s = "123.456x";
  assert_int_equal(mge__scan_decimal(s, 0, 8, &v), 7);
  assert_true(v == 123.456);
  s = "0.000000000000000000000000001";
  mge__scan_decimal(s, 0, strlen(s), &v);
  assert_close(v, 1e-27, 1e-15);
  s = "12345678901234567890123";
  mge__scan_decimal(s, 0, strlen(s), &v);
  assert_close(v, 1.2345678901234567890123e22, 1e-15);
  s = "7.";
  assert_int_equal(mge__scan_decimal(s, 0, 2, &v), 1);
}

/* Same elements, order and fractions (unused slots are not compared). */
static void assert_same_comp(const mge_comp *a, const mge_comp *b) {
  assert_int_equal(a->n, b->n);
  for (int i = 0; i < a->n; i++) {
    assert_int_equal(a->Z[i], b->Z[i]);
    assert_true(a->x[i] == b->x[i]);
  }
  assert_true(a->natoms == b->natoms);
}

/* Bounded input: a field inside a larger buffer. */
static void test_parse_n(void **state) {
  (void)state;
  const char *line = "id,Mg-9Al-1Zn,Fe0.7Cr0.2Ni0.1\n";
  mge_comp c, ref;
  mge_comp_info info;
  mge_error err;
  ref = parse_ok("Mg-9Al-1Zn");
  assert_int_equal(mge_comp_parse_n(line + 3, 10, &c, &info, &err), 0);
  assert_same_comp(&c, &ref);
  assert_int_equal(info.notation, MGE_NOTATION_ALLOY);
  ref = parse_ok("Fe0.7Cr0.2Ni0.1");
  assert_int_equal(mge_comp_parse_n(line + 14, 15, &c, NULL, &err), 0);
  assert_same_comp(&c, &ref);
  /* Cut inside a number: "Fe0." is read as Fe0 then a hydrate dot. */
  assert_int_equal(mge_comp_parse_n(line + 14, 4, &c, NULL, &err), MGE_E_INPUT);
  assert_int_equal(mge_comp_parse_n("AZ91Dxxx", 5, &c, NULL, &err), 0);
  assert_int_equal(mge_comp_parse_n("Fe\0Ni", 5, &c, NULL, &err), MGE_E_INPUT);
  assert_int_equal(err.column, 3);
  assert_int_equal(
      mge_comp_parse_n("Fe", MGE_PARSE_MAX_LEN + 1, &c, NULL, &err),
      MGE_E_LIMIT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_alumina),
      cmocka_unit_test(test_hydrate),
      cmocka_unit_test(test_groups),
      cmocka_unit_test(test_hea),
      cmocka_unit_test(test_alloy_notation),
      cmocka_unit_test(test_recipe),
      cmocka_unit_test(test_from_amounts),
      cmocka_unit_test(test_normalize),
      cmocka_unit_test(test_format_and_numbers),
      cmocka_unit_test(test_parse_n),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
