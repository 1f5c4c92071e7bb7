/* Tests of the glass family of the design engine: problem loading and its
 * errors (unknown compounds, wrong basis, properties of another family,
 * balance ranges), the samplers' bounds and sums on a compound simplex, the
 * decoding to mge_recipe (mol% and wt%), the labels (which mge_recipe_parse
 * reads back), and a small run with the built-in glass models whose kept
 * values equal the models evaluated directly. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/design.h"
#include "mge/glass.h"

/* The composition range of examples/glass_cover.yaml (issue 6, mol%). */
#define GLASS_SPACE(basis)          \
  "space:\n"                        \
  "  composition:\n"                \
  "    basis: " basis               \
  "\n"                              \
  "    balance: {SiO2: [55, 70]}\n" \
  "    Al2O3: [12, 22, 1]\n"        \
  "    Na2O: [11, 18, 1]\n"         \
  "    MgO: [0, 5, 1]\n"            \
  "    B2O3: [0, 6.5, 0.5]\n"       \
  "    K2O: [0, 1, 0.5]\n"

/* The balance range of a problem (percent of the basis). */
static double dz_bal_lo(const mge_problem *p) {
  double lo, hi;
  mge_problem_balance_range(p, &lo, &hi);
  return lo;
}
static double dz_bal_hi(const mge_problem *p) {
  double lo, hi;
  mge_problem_balance_range(p, &lo, &hi);
  return hi;
}

static const char *const glass_problem =
    "name: cover glass\n"
    "family: glass\n" GLASS_SPACE(
        "%s") "sampler: {kind: %s%s, seed: 3}\n"
              "properties: [glass.density, glass.elastic.young_modulus]\n"
              "constraints:\n"
              "  - glass.density < 2.6 g/cm3\n"
              "objectives:\n"
              "  - minimize: glass.density\n"
              "  - maximize: glass.elastic.young_modulus\n"
              "keep: {top: 10, pareto: true, sample: 20}\n";

static mge_problem *load(const mge_registry *reg, const char *text,
                         mge_error *err) {
  mge_problem *p = NULL;
  mge_error_clear(err);
  if (mge_problem_parse(text, strlen(text), "g.yaml", reg, NULL, &p, err))
    return NULL;
  return p;
}

static mge_problem *load_glass(const mge_registry *reg, const char *basis,
                               const char *kind, int n) {
  char nbuf[32] = "", buf[4096];
  if (n > 0) snprintf(nbuf, sizeof nbuf, ", n: %d", n);
  snprintf(buf, sizeof buf, glass_problem, basis, kind, nbuf);
  mge_error err;
  mge_problem *p = load(reg, buf, &err);
  if (!p)
    print_error("%s:%d:%d: %s\n", err.source, err.line, err.column,
                err.message);
  assert_non_null(p);
  return p;
}

static void test_load_glass(void **state) {
  (void)state;
  mge_registry *reg = mge_registry_builtin(NULL);
  assert_non_null(reg);
  mge_problem *p = load_glass(reg, "mol%", "sobol", 64);
  assert_int_equal(mge_problem_family(p), MGE_FAMILY_GLASS);
  assert_int_equal(mge_problem_basis(p), MGE_BASIS_MOLE);
  assert_string_equal(mge_problem_basis_name(p), "mol%");
  assert_string_equal(mge_problem_balance_symbol(p), "SiO2");
  assert_true(dz_bal_lo(p) == 55.0 && dz_bal_hi(p) == 70.0);
  assert_int_equal(mge_problem_n_vars(p), 5);
  assert_string_equal(mge_problem_var(p, 0)->symbol, "Al2O3");
  assert_string_equal(mge_problem_var(p, 4)->symbol, "K2O");
  assert_int_equal(mge_problem_var(p, 0)->unit.n, 2);
  assert_true(mge_problem_var(p, 0)->unit.natoms == 5.0);
  assert_int_equal(mge_problem_n_props(p), 2);
  /* 2.6 g/cm3 in the model's kg/m3 */
  assert_true(fabs(mge_problem_constraint(p, 0)->value - 2600.0) < 1e-9);
  assert_int_equal(mge_problem_candidate_size(p), sizeof(mge_recipe));
  mge_problem_free(p);
  p = load_glass(reg, "wt%", "grid", 0);
  assert_string_equal(mge_problem_basis_name(p), "wt%");
  /* grid: 11 * 8 * 6 * 14 * 3 points */
  assert_int_equal(mge_problem_size(p), 11 * 8 * 6 * 14 * 3);
  mge_problem_free(p);
  mge_registry_free(reg);
}

typedef struct bad_case {
  const char *text;
  int line, col;
  const char *msg;
} bad_case;

#define GHEAD "family: glass\n"
#define GCOMP "space:\n  composition:\n    basis: mol%\n    balance: SiO2\n"
#define GSAMP "sampler: {kind: random, n: 100}\n"
#define GOBJ "objectives: [{minimize: glass.density}]\n"

static const bad_case bad_cases[] = {
    /* an element symbol that does not exist inside a formula: the column is
     * that of the bad symbol */
    {GHEAD GCOMP "    Na2O: [10, 20]\n    Xx2O3: [0, 5]\n" GSAMP GOBJ, 7, 5,
     "unknown compound 'Xx2O3'"},
    /* a valid formula that no glass model knows (typo for Al2O3) */
    {GHEAD GCOMP "    Al2O: [0, 5]\n" GSAMP GOBJ, 6, 5,
     "no glass model has a term for it"},
    {GHEAD "space:\n  composition:\n    basis: mol%\n    balance: SiO3\n    "
           "Na2O: [10, 20]\n" GSAMP GOBJ,
     5, 14, "unknown compound 'SiO3'"},
    {GHEAD "space:\n  composition:\n    basis: at%\n    balance: SiO2\n    "
           "Na2O: [10, 20]\n" GSAMP GOBJ,
     4, 12, "expected mol% or wt% for a glass"},
    /* a property of another family, in properties, constraints, objectives */
    {GHEAD GCOMP "    Na2O: [10, 20]\n" GSAMP
                 "properties: [alloy.density]\n" GOBJ,
     8, 14, "property alloy.density is for alloy candidates, not glass"},
    {GHEAD GCOMP "    Na2O: [10, 20]\n" GSAMP
                 "constraints: [alloy.cost < 3 USD/kg]\n" GOBJ,
     8, 15, "is for alloy candidates"},
    {GHEAD GCOMP "    Na2O: [10, 20]\n" GSAMP
                 "objectives: [{minimize: alloy.density}]\n",
     8, 25, "is for alloy candidates"},
    {"family: alloy\nspace:\n  composition:\n    basis: wt%\n    balance: "
     "Mg\n    Al: [0, 10]\n" GSAMP "objectives: [{minimize: glass.density}]\n",
     8, 25, "property glass.density is for glass candidates, not alloy"},
    /* alloy keys are not compounds of a glass space */
    {GHEAD GCOMP "    Na: [10, 20]\n" GSAMP GOBJ, 6, 5,
     "no glass model has a term for it"},
    {GHEAD GCOMP "    SiO2: [50, 60]\n" GSAMP GOBJ, 5, 14,
     "balance compound SiO2 must not also have a range"},
    {GHEAD
     "space:\n  composition:\n    basis: mol%\n    Na2O: [10, 20]\n" GSAMP GOBJ,
     3, 3, "balance missing (the compound"},
    /* balance ranges */
    {GHEAD "space:\n  composition:\n    basis: mol%\n    balance: {SiO2: [70, "
           "60]}\n    Na2O: [10, 20]\n" GSAMP GOBJ,
     5, 26, "min 70 > max 60"},
    {GHEAD
     "space:\n  composition:\n    basis: mol%\n    balance: {SiO2: 60}\n    "
     "Na2O: [10, 20]\n" GSAMP GOBJ,
     5, 21, "expected [min, max]"},
    {GHEAD "space:\n  composition:\n    basis: mol%\n    balance: {SiO2: [95, "
           "99]}\n    Na2O: [10, 20]\n" GSAMP GOBJ,
     5, 15, "leaves less than the balance SiO2 minimum of 95"},
    {GHEAD "space:\n  composition:\n    basis: mol%\n    balance: {SiO2: [40, "
           "60]}\n    Na2O: [10, 20]\n" GSAMP GOBJ,
     5, 15, "would exceed its maximum of 60"},
    {GHEAD "space:\n  composition:\n    basis: mol%\n    balance: {SiO2: [40, "
           "60], B2O3: [0, 1]}\n    Na2O: [10, 20]\n" GSAMP GOBJ,
     5, 15, "expected a name or {name: [min, max]}"},
};

static void test_load_errors(void **state) {
  (void)state;
  mge_registry *reg = mge_registry_builtin(NULL);
  assert_non_null(reg);
  int fails = 0;
  for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
    const bad_case *b = &bad_cases[i];
    mge_error err;
    mge_problem *p = load(reg, b->text, &err);
    if (p) {
      print_error("case %zu accepted:\n%s\n", i, b->text);
      mge_problem_free(p);
      fails++;
      continue;
    }
    int ok = err.code == MGE_E_INPUT && strstr(err.message, b->msg) &&
             strcmp(err.source, "g.yaml") == 0 && err.line == b->line &&
             (b->col == 0 || err.column == b->col);
    if (!ok)
      print_error(
          "case %zu: got %s:%d:%d: %s (code %d)\nwant line %d col %d "
          "'%s'\n",
          i, err.source, err.line, err.column, err.message, err.code, b->line,
          b->col, b->msg);
    fails += !ok;
  }
  assert_int_equal(fails, 0);
  mge_registry_free(reg);
}

/* Every sampler: amounts within their bounds, the balance within its range
 * for accepted points, the recipe's fractions sum to 1 and are the amounts
 * (mol%) or convert back to them (wt%), and the label parses back. */
static void check_sampler(const mge_registry *reg, const char *basis,
                          const char *kind, int n) {
  mge_problem *p = load_glass(reg, basis, kind, n);
  uint64_t accepted = 0;
  for (uint64_t i = 0; i < mge_problem_size(p);
       i += (mge_problem_size(p) > 4000 ? 7 : 1)) {
    double x[MGE_DESIGN_MAX_VARS + 1], bal;
    int in = mge_problem_sample(p, i, x, &bal);
    double sum = bal;
    for (int j = 0; j < mge_problem_n_vars(p); j++) {
      assert_true(x[j] >= mge_problem_var(p, j)->lo &&
                  x[j] <= mge_problem_var(p, j)->hi);
      sum += x[j];
    }
    assert_true(fabs(sum - 100.0) < 1e-9);
    if (!in) {
      assert_true(bal < dz_bal_lo(p) || bal > dz_bal_hi(p));
      continue;
    }
    accepted++;
    assert_true(bal >= 55.0 - 1e-9 && bal <= 70.0 + 1e-9);
    x[mge_problem_n_vars(p)] = bal;
    mge_recipe r;
    mge_error err;
    assert_int_equal(mge_problem_decode_recipe(p, x, &r, &err), 0);
    double s = 0.0;
    for (int k = 0; k < r.n; k++) s += r.x[k];
    assert_true(fabs(s - 1.0) < 1e-12);
    /* the balance is last; fractions in the recipe's own basis */
    assert_string_equal(r.formula[r.n - 1], "SiO2");
    double w[MGE_RECIPE_MAX];
    if (mge_problem_basis(p) == MGE_BASIS_MASS)
      mge_recipe_mass_fractions(&r, w);
    else
      memcpy(w, r.x, sizeof w);
    int k = 0;
    for (int j = 0; j < mge_problem_n_vars(p); j++) {
      if (!(x[j] > 0.0)) continue;
      assert_string_equal(r.formula[k], mge_problem_var(p, j)->symbol);
      assert_true(fabs(w[k] - x[j] / 100.0) < 1e-12);
      k++;
    }
    assert_true(fabs(w[k] - bal / 100.0) < 1e-12);
    /* the label is a recipe mge_recipe_parse reads (3 digits) */
    char label[256];
    mge_problem_label(p, x, label, sizeof label);
    mge_recipe back;
    if (mge_recipe_parse(label, &back, &err))
      print_error("label '%s': %s\n", label, err.message);
    assert_int_equal(mge_recipe_parse(label, &back, &err), 0);
    /* amounts that print as 0 at 6 decimals are left out of the label */
    for (int q = 0; q < r.n; q++) {
      int hit = -1;
      for (int t = 0; t < back.n; t++)
        if (!strcmp(back.formula[t], r.formula[q])) hit = t;
      if (hit < 0)
        assert_true(r.x[q] < 1e-6);
      else
        assert_true(fabs(back.x[hit] - r.x[q]) < 1e-3);
    }
    /* the elemental composition agrees with the recipe's */
    mge_comp c, c2;
    assert_int_equal(mge_problem_decode(p, x, &c, &err), 0);
    assert_int_equal(mge_recipe_to_comp(&r, &c2, &err), 0);
    for (int e = 0; e < c.n; e++)
      assert_true(fabs(mge_comp_get(&c2, c.Z[e]) - c.x[e]) < 1e-12);
  }
  assert_true(accepted > 0);
  mge_problem_free(p);
}

static void test_sampler_bounds(void **state) {
  (void)state;
  mge_registry *reg = mge_registry_builtin(NULL);
  assert_non_null(reg);
  const char *kinds[] = {"random", "sobol", "lhs"};
  for (int k = 0; k < 3; k++) {
    check_sampler(reg, "mol%", kinds[k], 2000);
    check_sampler(reg, "wt%", kinds[k], 500);
  }
  check_sampler(reg, "mol%", "grid", 0);
  mge_registry_free(reg);
}

/* A negative balance is refused by the decoder; an alloy problem has no
 * recipe. */
static void test_decode_errors(void **state) {
  (void)state;
  mge_registry *reg = mge_registry_builtin(NULL);
  assert_non_null(reg);
  mge_problem *p = load_glass(reg, "mol%", "random", 10);
  double x[6] = {22, 18, 5, 6.5, 50, 0};
  mge_recipe r;
  mge_error err;
  mge_error_clear(&err);
  assert_int_equal(mge_problem_decode_recipe(p, x, &r, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message, "balance SiO2"));
  mge_problem_free(p);
  const char *alloy =
      "family: alloy\nspace: {composition: {basis: wt%, balance: Mg, Al: [0, "
      "10]}}\nsampler: {kind: random, n: 10}\n"
      "objectives: [{minimize: alloy.density}]\n";
  p = load(reg, alloy, &err);
  assert_non_null(p);
  assert_string_equal(mge_problem_basis_name(p), "wt%");
  assert_int_equal(mge_problem_decode_recipe(p, x, &r, &err), MGE_E_INPUT);
  mge_problem_free(p);
  mge_registry_free(reg);
}

/* A small run: the kept candidates' values are the glass models evaluated
 * on the decoded recipe, the constraint holds, and the front is not
 * dominated by any kept top-k candidate. */
static void test_run_glass(void **state) {
  (void)state;
  mge_registry *reg = mge_registry_builtin(NULL);
  assert_non_null(reg);
  mge_problem *p = load_glass(reg, "mol%", "sobol", 3000);
  mge_design_opts o = {0};
  o.threads = 2;
  mge_design_result *r = NULL;
  mge_error err;
  assert_int_equal(mge_design_run(p, &o, NULL, &r, &err), 0);
  const mge_design_counts *c = mge_design_result_counts(r);
  assert_int_equal(c->next_index, 3000);
  assert_int_equal(c->rejected + c->undefined + c->infeasible + c->feasible,
                   3000);
  assert_true(c->rejected > 0); /* SiO2 outside [55, 70] */
  size_t nf = mge_design_result_count(r, MGE_KEEP_FRONT);
  assert_true(nf > 0);
  assert_int_equal(mge_design_result_count(r, MGE_KEEP_TOP), 10);
  for (size_t i = 0; i < nf; i++) {
    const mge_design_entry *e = mge_design_result_get(r, MGE_KEEP_FRONT, i);
    mge_recipe rec;
    assert_int_equal(mge_problem_decode_recipe(p, e->x, &rec, &err), 0);
    double rho;
    mge_glass_props gp;
    assert_int_equal(mge_glass_density(&rec, &rho, NULL, &err), 0);
    assert_int_equal(mge_glass_props_eval(&rec, &gp, &err), 0);
    assert_true(e->v[0] == rho);
    assert_true(e->v[1] == gp.value[MGE_GP_YOUNG]);
    assert_true(rho < 2600.0);
    for (size_t k = 0; k < mge_design_result_count(r, MGE_KEEP_TOP); k++) {
      const mge_design_entry *t = mge_design_result_get(r, MGE_KEEP_TOP, k);
      int dominates = t->v[0] <= e->v[0] && t->v[1] >= e->v[1] &&
                      (t->v[0] < e->v[0] || t->v[1] > e->v[1]);
      assert_false(dominates);
    }
  }
  /* the same result with one thread and small batches */
  mge_design_result *r1 = NULL;
  o.threads = 1;
  o.batch = 97;
  assert_int_equal(mge_design_run(p, &o, NULL, &r1, &err), 0);
  assert_int_equal(mge_design_result_count(r1, MGE_KEEP_FRONT), nf);
  for (size_t i = 0; i < nf; i++)
    assert_true(mge_design_result_get(r, MGE_KEEP_FRONT, i)->index ==
                mge_design_result_get(r1, MGE_KEEP_FRONT, i)->index);
  mge_design_result_free(r1);
  mge_design_result_free(r);
  mge_problem_free(p);
  mge_registry_free(reg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_load_glass),
      cmocka_unit_test(test_load_errors),
      cmocka_unit_test(test_sampler_bounds),
      cmocka_unit_test(test_decode_errors),
      cmocka_unit_test(test_run_glass),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
