/* Every error path of the composition parser: status, 1-based column of
 * the offending token, source "<input>" and the key words of the message. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/chem.h"

typedef struct bad {
  const char *text;
  int code;
  int column;
  const char *words; /* must appear in the message ("" for none) */
} bad;

static void check(const bad *b, int recipe) {
  mge_error err;
  mge_comp c;
  mge_recipe r;
  mge_error_clear(&err);
  int rc = recipe ? mge_recipe_parse(b->text, &r, &err)
                  : mge_comp_parse(b->text, &c, &err);
  if (rc != b->code || err.code != b->code || err.column != b->column ||
      strcmp(err.source, "<input>") != 0 || !strstr(err.message, b->words)) {
    print_error(
        "%s('%s'): rc %d column %d source '%s' message '%s'; want "
        "rc %d column %d and '%s'\n",
        recipe ? "recipe" : "comp", b->text, rc, err.column, err.source,
        err.message, b->code, b->column, b->words);
    fail();
  }
}

static const bad cases[] = {
    /* Unknown elements, with suggestions. */
    {"Fe0.7Cr0.2Nx", MGE_E_INPUT, 11, "unknown element 'Nx'"},
    {"Fe0.7Cr0.2Nx", MGE_E_INPUT, 11, "Ni"},
    {"Fe0.7Cr0.2Nx", MGE_E_INPUT, 11, "Nb"},
    {"fe", MGE_E_INPUT, 1, "did you mean Fe?"},
    {"Xx", MGE_E_INPUT, 1, "did you mean Xe?"},
    /* a swap of the two letters is one edit (mge_edit_distance) */
    {"Fe-10Oc", MGE_E_INPUT, 6, "did you mean O, Os, C, Sc, Co or Tc?"},
    {"Mg-9Al-1Qq", MGE_E_INPUT, 9, "unknown element 'Qq'"},
    {"Fe2O3x", MGE_E_INPUT, 6, "unknown element 'x'"},
    /* Amounts: negative, non-numeric, NaN/inf, malformed, over 100. */
    {"Mg--9Al", MGE_E_INPUT, 4, "negative"},
    {"-5Fe-95Ni", MGE_E_INPUT, 1, "negative"},
    {"Mg-nanAl", MGE_E_INPUT, 4, "non-numeric amount 'nan'"},
    {"Mg-NaNAl", MGE_E_INPUT, 4, "non-numeric amount"},
    {"Mg-infAl", MGE_E_INPUT, 4, "non-numeric amount 'inf'"},
    {"Mg-InfinityAl", MGE_E_INPUT, 4, "non-numeric amount 'Infinity'"},
    {"Fe0.7Crnan", MGE_E_INPUT, 8, "non-numeric count 'nan'"},
    {"(FeNi)inf", MGE_E_INPUT, 7, "non-numeric"},
    {"Mg-9.xAl", MGE_E_INPUT, 4, "malformed number"},
    {"Mg-101Al", MGE_E_INPUT, 4, "over 100%"},
    {"Mg-9", MGE_E_INPUT, 5, "not followed by an element"},
    {"Fe.5Ni.5", MGE_E_INPUT, 3, "ambiguous '.'"},
    {"2Fe", MGE_E_INPUT, 1, "not 100%"},
    {"Fe+Ni", MGE_E_INPUT, 3, "unexpected '+'"},
    /* Balance below zero; sums off 100; a second part without amount. */
    {"Mg-9Al-1Zn-95Cu", MGE_E_INPUT, 1, "below zero"},
    {"Al-60Cu-50Zn wt%", MGE_E_INPUT, 1, "110%"},
    {"50Fe-40Ni", MGE_E_INPUT, 1, "sum to 90%"},
    {"Mg-Al-1Zn", MGE_E_INPUT, 4, "only one part"},
    /* Empty input and empty parts. */
    {"", MGE_E_INPUT, 1, "empty"},
    {"   \t ", MGE_E_INPUT, 1, "empty"},
    {"Mg-9Al-", MGE_E_INPUT, 7, "nothing after the last '-'"},
    {" wt%", MGE_E_INPUT, 2, "no composition before"},
    {"Fe()", MGE_E_INPUT, 3, "empty '()'"},
    {"CuSO4*", MGE_E_INPUT, 6, "nothing after the separator"},
    {"*H2O", MGE_E_INPUT, 1, "nothing before the separator"},
    /* Brackets. */
    {"Fe(Ni", MGE_E_INPUT, 3, "unbalanced '('"},
    {"Fe)Ni", MGE_E_INPUT, 3, "unbalanced ')'"},
    {"Ca3(PO4]2", MGE_E_INPUT, 8, "closes the '('"},
    {"Ca3(PO4*H2O)2", MGE_E_INPUT, 8, "hydrate separator inside"},
    /* Trailing garbage and stray characters. */
    {"Al2O3 !", MGE_E_INPUT, 6, "unexpected character ' '"},
    {"Al2O3#", MGE_E_INPUT, 6, "unexpected character '#'"},
    {"Al2O3\xC3\xA9", MGE_E_INPUT, 6, "byte 0xC3"},
    {"Fe2 3", MGE_E_INPUT, 4, "unexpected character ' '"},
    {"Fe1e5", MGE_E_INPUT, 4, "unknown element 'e'"},
    /* Basis. */
    {"61SiO2-16Al2O3-13Na2O-4MgO-6B2O3", MGE_E_INPUT, 3, "needs its basis"},
    {"Fe-18Cr-8Ni vol%", MGE_E_INPUT, 13, "unknown basis 'vol%'"},
    {"60SiO2-16Al2O3 mol%", MGE_E_INPUT, 1, "sum to 76%"},
    /* Designations. */
    {"6062", MGE_E_INPUT, 1, "unknown alloy designation '6062'"},
    {"AZ92", MGE_E_INPUT, 1, "unknown alloy designation"},
    /* Limits and overflow. */
    {"Fe9999999", MGE_E_LIMIT, 3, "larger than"},
    {"Fe99999999999999999999999999999999", MGE_E_LIMIT, 3, "larger than"},
    {"(Fe)1000001", MGE_E_LIMIT, 5, "larger than"},
    {"CuSO4*10000000H2O", MGE_E_LIMIT, 7, "larger than"},
    {"(((((((((Fe)))))))))", MGE_E_LIMIT, 9, "nested deeper than 8"},
};

static void test_comp_errors(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check(&cases[i], 0);
}

/* The recipe parser shares the paths; spot-check it. */
static void test_recipe_errors(void **state) {
  (void)state;
  static const bad rc[] = {
      {"61SiO2-16Al2O3-13Na2O-4MgO-6B2O3", MGE_E_INPUT, 3, "basis"},
      {"61SiO2-16Al2O3-13Na2O-4MgO-6B2Q3 mol%", MGE_E_INPUT, 31,
       "unknown element 'Q'"},
      {"SiO2-80Na2O-30CaO mol%", MGE_E_INPUT, 1, "below zero"},
      {"75SiO2-15Na2O-10CaOOOOOOOOOOOOOOOOOOOOOOO mol%", MGE_E_LIMIT, 17,
       "longer than 23"},
      {"", MGE_E_INPUT, 1, "empty"},
  };
  for (size_t i = 0; i < sizeof rc / sizeof rc[0]; i++) check(&rc[i], 1);
  /* More than MGE_RECIPE_MAX compounds. */
  char buf[1024];
  size_t k = 0;
  const char *ox[] = {
      "SiO2", "Al2O3", "Na2O", "MgO",  "B2O3", "CaO",   "K2O", "Li2O", "ZnO",
      "BaO",  "SrO",   "TiO2", "ZrO2", "P2O5", "Fe2O3", "FeO", "MnO",  "Cr2O3",
      "NiO",  "CoO",   "CuO",  "PbO",  "SnO2", "La2O3", "CeO2"};
  for (int i = 0; i < 25; i++)
    k +=
        (size_t)snprintf(buf + k, sizeof buf - k, "%s4%s", i ? "-" : "", ox[i]);
  snprintf(buf + k, sizeof buf - k, " mol%%");
  mge_recipe r;
  mge_error err;
  assert_int_equal(mge_recipe_parse(buf, &r, &err), MGE_E_LIMIT);
  assert_non_null(strstr(err.message, "more than 24 compounds"));
  /* The same list is a fine elemental composition. */
  mge_comp c;
  assert_int_equal(mge_comp_parse(buf, &c, &err), 0);
}

static void test_limits(void **state) {
  (void)state;
  static char big[MGE_PARSE_MAX_LEN + 2];
  mge_error err;
  mge_comp c;
  /* Exactly MGE_PARSE_MAX_LEN characters is allowed ... */
  memset(big, ' ', MGE_PARSE_MAX_LEN);
  memcpy(big, "Fe", 2);
  big[MGE_PARSE_MAX_LEN] = '\0';
  assert_int_equal(mge_comp_parse(big, &c, &err), 0);
  /* ... one more is not. */
  big[MGE_PARSE_MAX_LEN] = ' ';
  big[MGE_PARSE_MAX_LEN + 1] = '\0';
  assert_int_equal(mge_comp_parse(big, &c, &err), MGE_E_LIMIT);
  assert_int_equal(err.column, MGE_PARSE_MAX_LEN + 1);
  /* 33 distinct elements. */
  char buf[256];
  size_t k = 0;
  for (int Z = 1; Z <= 33; Z++)
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s",
                          mge_element_by_Z(Z)->symbol);
  assert_int_equal(mge_comp_parse(buf, &c, &err), MGE_E_LIMIT);
  assert_non_null(strstr(err.message, "more than 32 distinct"));
  assert_int_equal(err.column, (int)k - 1); /* As, the 33rd */
  /* 32 are fine. */
  buf[k - 2] = '\0';
  assert_int_equal(mge_comp_parse(buf, &c, &err), 0);
  assert_int_equal(c.n, 32);
  /* Depth 8 is allowed; multipliers compound without overflow. */
  assert_int_equal(
      mge_comp_parse("((((((((FeNi999999)999999)999999)999999)999999)999999)"
                     "999999)999999)",
                     &c, &err),
      0);
  assert_true(isfinite(c.x[0]) && c.x[0] > 0.0);
  /* NULL arguments. */
  assert_int_equal(mge_comp_parse(NULL, &c, &err), MGE_E_INPUT);
  assert_int_equal(mge_comp_parse("Fe", NULL, &err), MGE_E_INPUT);
  assert_int_equal(mge_comp_parse("Fe", &c, NULL), 0);
  assert_int_equal(mge_comp_parse("Qq", &c, NULL), MGE_E_INPUT);
  /* A zero composition. */
  assert_int_equal(mge_comp_parse("Fe0Ni0", &c, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message, "positive"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_comp_errors),
      cmocka_unit_test(test_recipe_errors),
      cmocka_unit_test(test_limits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
