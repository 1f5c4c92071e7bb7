/* Alloy designations against the composition limits of their standards.
 *
 * Ranges (wt%, alloying elements with a min-max range; the rest are impurity
 * maxima and are not part of the nominal composition):
 *  - wrought Al: Aluminum Association, "International Alloy Designations and
 *    Chemical Composition Limits for Wrought Aluminum and Wrought Aluminum
 *    Alloys" (Teal Sheets), Table 2.1; the same limits as ASTM B209 / B221.
 *  - cast Al: Aluminum Association Pink Sheets, A356.0 and A380.0 (ASTM B26 /
 *    B108, ASTM B85).
 *  - Mg: ASTM B90 (AZ31B), B91/B107 (AZ61A, ZK60A), B93/B94 (AZ91D, AM50A,
 *    AM60B, AE44), B80/B107 (WE43).
 * The nominal composition is the midpoint of each range; ZK60A's Zr has
 * only a minimum (0.45) and is taken at it; WE43's and AE44's rare-earth
 * groups are represented by Nd (WE43, Nd 2.0-2.5) and Ce (AE44, RE
 * 3.6-4.6). Tolerance: 1e-12 in wt% (the table must hold exactly these
 * midpoints), i.e. this checks data/alloys/designations.csv and the
 * generated table against the ranges typed here independently. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/chem.h"

typedef struct range {
  const char *sym;
  double lo, hi; /* wt% */
} range;

typedef struct spec {
  const char *name;
  const char *balance;
  const char *standard_word; /* must appear in the standard string */
  range r[5];
} spec;

static const spec specs[] = {
    {"1100", "Al", "Teal", {{"Cu", 0.05, 0.20}}},
    {"2024",
     "Al",
     "B209",
     {{"Cu", 3.8, 4.9}, {"Mn", 0.30, 0.9}, {"Mg", 1.2, 1.8}}},
    {"3003", "Al", "B209", {{"Cu", 0.05, 0.20}, {"Mn", 1.0, 1.5}}},
    {"5052", "Al", "B209", {{"Mg", 2.2, 2.8}, {"Cr", 0.15, 0.35}}},
    {"5083",
     "Al",
     "B209",
     {{"Mn", 0.40, 1.0}, {"Mg", 4.0, 4.9}, {"Cr", 0.05, 0.25}}},
    {"6061",
     "Al",
     "B209",
     {{"Si", 0.40, 0.8},
      {"Cu", 0.15, 0.40},
      {"Mg", 0.8, 1.2},
      {"Cr", 0.04, 0.35}}},
    {"6063", "Al", "B221", {{"Si", 0.20, 0.6}, {"Mg", 0.45, 0.9}}},
    {"7075",
     "Al",
     "B209",
     {{"Cu", 1.2, 2.0},
      {"Mg", 2.1, 2.9},
      {"Cr", 0.18, 0.28},
      {"Zn", 5.1, 6.1}}},
    {"A356", "Al", "B108", {{"Si", 6.5, 7.5}, {"Mg", 0.25, 0.45}}},
    {"A380", "Al", "B85", {{"Si", 7.5, 9.5}, {"Cu", 3.0, 4.0}}},
    {"AZ31B",
     "Mg",
     "B90",
     {{"Al", 2.5, 3.5}, {"Zn", 0.6, 1.4}, {"Mn", 0.20, 1.0}}},
    {"AZ61A",
     "Mg",
     "B91",
     {{"Al", 5.8, 7.2}, {"Zn", 0.40, 1.5}, {"Mn", 0.15, 0.50}}},
    {"AZ91D",
     "Mg",
     "B94",
     {{"Al", 8.3, 9.7}, {"Zn", 0.35, 1.0}, {"Mn", 0.15, 0.50}}},
    {"AM50A", "Mg", "B94", {{"Al", 4.4, 5.4}, {"Mn", 0.26, 0.6}}},
    {"AM60B", "Mg", "B94", {{"Al", 5.5, 6.5}, {"Mn", 0.24, 0.6}}},
    {"ZK60A", "Mg", "B91", {{"Zn", 4.8, 6.2}, {"Zr", 0.45, 0.45}}},
    {"WE43",
     "Mg",
     "B80",
     {{"Y", 3.7, 4.3}, {"Nd", 2.0, 2.5}, {"Zr", 0.40, 1.0}}},
    {"AE44",
     "Mg",
     "B94",
     {{"Al", 3.6, 4.4}, {"Ce", 3.6, 4.6}, {"Mn", 0.15, 0.50}}},
};

static double wt_pct(const mge_comp *c, const char *sym) {
  double w[MGE_COMP_MAX];
  mge_comp_mass_fractions(c, w);
  const mge_element *e = mge_element_by_symbol(sym);
  assert_non_null(e);
  for (int i = 0; i < c->n; i++)
    if (c->Z[i] == e->Z) return 100.0 * w[i];
  return 0.0;
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

static void test_midpoints(void **state) {
  (void)state;
  int n = (int)(sizeof specs / sizeof specs[0]);
  assert_true(mge_designation_count() >= n);
  for (int s = 0; s < n; s++) {
    const spec *p = &specs[s];
    mge_comp c;
    mge_error err;
    const char *standard = NULL;
    if (mge_designation_lookup(p->name, &c, &standard, &err)) {
      print_error("%s: %s\n", p->name, err.message);
      fail();
    }
    assert_non_null(standard);
    if (!strstr(standard, p->standard_word)) {
      print_error("%s: standard '%s' lacks '%s'\n", p->name, standard,
                  p->standard_word);
      fail();
    }
    double rest = 100.0;
    int k = 0;
    for (; k < 5 && p->r[k].sym; k++) {
      double want = 0.5 * (p->r[k].lo + p->r[k].hi);
      double got = wt_pct(&c, p->r[k].sym);
      if (fabs(got - want) > 1e-12) {
        print_error("%s %s: %.15g wt%%, want %.15g\n", p->name, p->r[k].sym,
                    got, want);
        fail();
      }
      rest -= want;
    }
    assert_int_equal(c.n, k + 1); /* nothing else but the balance */
    assert_true(fabs(wt_pct(&c, p->balance) - rest) < 1e-12);
    assert_int_equal(c.Z[0], mge_element_by_symbol(p->balance)->Z);
  }
}

/* The spellings people write. */
static void test_spellings(void **state) {
  (void)state;
  const char *same6061[] = {"6061",    "AA6061",       "AA 6061", "aa6061",
                            "6061-T6", "AA 6061-T651", " 6061 ",  "6061-O"};
  mge_comp ref, c;
  mge_error err;
  assert_int_equal(mge_comp_parse("6061", &ref, &err), 0);
  for (size_t i = 0; i < sizeof same6061 / sizeof same6061[0]; i++) {
    if (mge_comp_parse(same6061[i], &c, &err)) {
      print_error("'%s': %s\n", same6061[i], err.message);
      fail();
    }
    assert_same_comp(&c, &ref);
  }
  mge_comp_info info;
  assert_int_equal(mge_comp_parse_info("AZ91D", &c, &info, &err), 0);
  assert_int_equal(info.notation, MGE_NOTATION_DESIGNATION);
  assert_string_equal(mge_designation_name(info.designation), "AZ91D");
  assert_int_equal(mge_comp_parse("az91d", &c, &err), 0);
  assert_int_equal(mge_comp_parse("A356.0", &c, &err), 0);
  assert_int_equal(mge_comp_parse("AA A356.0", &c, &err), 0);
  /* Unknown designations and tempers are errors. */
  assert_int_equal(mge_comp_parse("6061-X9", &c, &err), MGE_E_INPUT);
  assert_int_equal(mge_designation_lookup("7076", &c, NULL, &err), MGE_E_INPUT);
  assert_int_equal(mge_designation_lookup(NULL, &c, NULL, &err), MGE_E_INPUT);
  assert_null(mge_designation_name(-1));
  assert_null(mge_designation_standard(mge_designation_count()));
  assert_int_equal(mge_designation_comp(999, &c, &err), MGE_E_INPUT);
  /* Recipes of a designation: its elements as compounds. */
  mge_recipe r;
  assert_int_equal(mge_recipe_parse("AZ91D", &r, &err), 0);
  assert_string_equal(r.formula[0], "Mg");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_midpoints),
      cmocka_unit_test(test_spellings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
