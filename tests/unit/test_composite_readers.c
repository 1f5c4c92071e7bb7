/* The composite readers on the core CSV and YAML readers: lamina CSV files
 * with comments and quoted fields, YAML material keys with the unit in the
 * key, laminate specs built from options (equal to the same laminate file),
 * the option overrides, the allowables data lists and files, and the
 * arguments of mge micro. */
// clang-format off
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
// clang-format on

#include "mge/composite.h"

static void write_file(const char *path, const char *text, size_t len) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(text, 1, len, f), len);
  fclose(f);
}

static void test_lamina_csv(void **st) {
  (void)st;
  const char *path = "test_composite_readers.tmp.csv";
  /* a BOM, comment lines (with quotes and commas), blank lines, blanks
   * around values, a quoted source with a comma and a line break */
  const char ok[] =
      "\xEF\xBB\xBFname,E1_GPa,E2_GPa,G12_GPa,nu12,t_ply_mm,source\n"
      "# a \"comment\", with commas\n"
      "   \n"
      "  # an indented one\n"
      "a, 40 ,10,4,0.3,0.2,\"Doe, J.\nline two\"\n"
      "\r\n"
      "b,50,12,5,0.25,,x\n";
  write_file(path, ok, sizeof ok - 1);
  mge_lamina *v = NULL;
  size_t n = 0;
  mge_error err;
  assert_int_equal(mge_lamina_read_csv(path, &v, &n, &err), 0);
  assert_int_equal(n, 2);
  assert_string_equal(v[0].name, "a");
  assert_true(v[0].E1_Pa == 40e9 && v[0].t_ply_m == 0.2 * 1e-3);
  assert_string_equal(v[0].source, "Doe, J.\nline two");
  assert_string_equal(v[1].name, "b");
  /* an empty cell and a missing column are unknown: NaN */
  assert_true(isnan(v[1].t_ply_m) && isnan(v[1].alpha1_per_K));
  assert_true(isnan(v[0].rho_kg_m3) && isnan(v[0].cost_USD_kg));
  free(v);
  /* the error after a two-line record is placed on its own line */
  const char bad[] =
      "name,E1_GPa,E2_GPa,G12_GPa,nu12,source\n"
      "# comment\n"
      "a,40,10,4,0.3,\"two\nlines\"\n"
      "b,40,10,4,x3,y\n";
  write_file(path, bad, sizeof bad - 1);
  assert_int_equal(mge_lamina_read_csv(path, &v, &n, &err), MGE_E_INPUT);
  assert_int_equal(err.line, 5);
  assert_int_equal(err.column, 11);
  assert_non_null(strstr(err.message, "nu12"));
  /* a NUL byte, an open quote, a wrong field count */
  const char nul[] = "name,E1_GPa,E2_GPa,G12_GPa,nu12\na,4\0,10,4,0.3\n";
  write_file(path, nul, sizeof nul - 1);
  assert_int_equal(mge_lamina_read_csv(path, &v, &n, &err), MGE_E_INPUT);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 4);
  const char quote[] = "name,E1_GPa,E2_GPa,G12_GPa,nu12\n\"a,40,10,4,0.3\n";
  write_file(path, quote, sizeof quote - 1);
  assert_int_equal(mge_lamina_read_csv(path, &v, &n, &err), MGE_E_INPUT);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 1);
  const char count[] = "name,E1_GPa,E2_GPa,G12_GPa,nu12\na,40,10,4\n";
  write_file(path, count, sizeof count - 1);
  assert_int_equal(mge_lamina_read_csv(path, &v, &n, &err), MGE_E_INPUT);
  assert_int_equal(err.line, 2);
  assert_non_null(strstr(err.message, "the header has 5"));
  assert_null(v);
  /* mge_lamina_read picks the reader by the name */
  const char yaml[] =
      "- {name: y, E1: 40 GPa, E2: 10 GPa, G12: 4 GPa, "
      "nu12: 0.3}\n";
  write_file("test_composite_readers.tmp.yaml", yaml, sizeof yaml - 1);
  assert_int_equal(
      mge_lamina_read("test_composite_readers.tmp.yaml", &v, &n, &err), 0);
  assert_int_equal(n, 1);
  free(v);
  remove("test_composite_readers.tmp.yaml");
  remove(path);
}

static int spec(const char *y, mge_laminate_spec *s, mge_error *e) {
  return mge_laminate_spec_parse(y, strlen(y), "t.yaml", NULL, 0, s, e);
}

/* `E1: 72 GPa`, the CSV column `E1_GPa: 72` and `E1_Msi: 10` give the same
 * field; a value with a unit under a NAME_UNIT key is refused. */
static void test_unit_keys(void **st) {
  (void)st;
  static mge_laminate_spec s;
  mge_error e;
  assert_int_equal(
      spec("material: {base: E-glass/LY556, E1_GPa: 72, Xt_ksi: 165, "
           "eps1t_pct: 2.5, alpha1_1e-6K: 4.8, density_kg_m3: 2000, "
           "t_ply_mm: 0.2, S_MPa: 70}\nlayup: '[0]'\n",
           &s, &e),
      0);
  const mge_lamina *m = &s.lam.mats[0];
  assert_true(fabs(m->E1_Pa - 72e9) < 1e-3);
  assert_true(fabs(m->Xt_Pa - 165 * 6894757.293168) < 1e-6);
  assert_true(fabs(m->eps1t - 0.025) < 1e-15);
  assert_true(fabs(m->alpha1_per_K - 4.8e-6) < 1e-20);
  assert_true(m->rho_kg_m3 == 2000);
  assert_true(fabs(s.lam.ply[0].t_m - 0.2e-3) < 1e-18);
  assert_true(fabs(m->S12_Pa - 70e6) < 1e-6);
  assert_int_equal(spec("material: {base: E-glass/LY556, E1_GPa: 72 GPa}\n"
                        "layup: '[0]'\nply_thickness: 1 mm\n",
                        &s, &e),
                   MGE_E_INPUT);
  assert_int_equal(e.line, 1);
  assert_int_equal(e.column, 41);
  assert_int_equal(spec("material: {base: E-glass/LY556, E1_mm: 72}\n"
                        "layup: '[0]'\nply_thickness: 1 mm\n",
                        &s, &e),
                   MGE_E_INPUT);
  assert_non_null(strstr(e.message, "E1_mm"));
  /* scalars go through the bounded core reader: a list is not a value */
  assert_int_equal(spec("material: E-glass/LY556\nlayup: [0]\n", &s, &e),
                   MGE_E_INPUT);
  assert_int_equal(e.line, 2);
}

/* Options give the spec of the same laminate file, byte for byte. */
static void test_options(void **st) {
  (void)st;
  static mge_laminate_spec a, b;
  mge_error e;
  assert_int_equal(spec("material: E-glass/MY750\nlayup: '[0/±45/90]s'\n"
                        "ply_thickness: 0.25mm\nloads:\n  N: [250kN/m, "
                        "500kN/m, 0]\n  M: [0, 1, 0]\n  dT: -100K\n",
                        &a, &e),
                   0);
  mge_laminate_options o = {0};
  o.material = "E-glass/MY750";
  o.layup = "[0/±45/90]s";
  o.ply_thickness = "0.25mm";
  o.N = "250kN/m,,500kN/m,0"; /* empty items are skipped */
  o.M = "0,1,0";
  o.dT = "-100K";
  assert_int_equal(mge_laminate_spec_from_options(&o, NULL, 0, &b, &e), 0);
  assert_int_equal(memcmp(&a, &b, sizeof a), 0);
  /* a long layup text is kept whole */
  static char text[MGE_LAYUP_TEXT_MAX + 8];
  strcpy(text, "[0");
  for (int i = 0; i < 120; i++) strcat(text, "/90");
  strcat(text, "]");
  o.layup = text;
  o.N = o.M = o.dT = NULL;
  assert_int_equal(mge_laminate_spec_from_options(&o, NULL, 0, &b, &e), 0);
  assert_int_equal(b.lam.n_plies, 121);
  assert_string_equal(b.layup, text);
  /* 257 plies, a text past MGE_LAYUP_TEXT_MAX, and the errors naming the
   * option */
  o.layup = "[0]257";
  assert_int_equal(mge_laminate_spec_from_options(&o, NULL, 0, &b, &e),
                   MGE_E_LIMIT);
  assert_non_null(strstr(e.message, "at most 256"));
  memset(text, ' ', MGE_LAYUP_TEXT_MAX);
  memcpy(text, "[0/90]", 6);
  text[MGE_LAYUP_TEXT_MAX] = 0;
  o.layup = text;
  assert_int_equal(mge_laminate_spec_from_options(&o, NULL, 0, &b, &e),
                   MGE_E_LIMIT);
  assert_string_equal(e.source, "--layup");
  o.layup = "[0/90";
  assert_int_equal(mge_laminate_spec_from_options(&o, NULL, 0, &b, &e),
                   MGE_E_INPUT);
  assert_string_equal(e.source, "--layup");
  assert_non_null(strstr(e.message, "column 6"));
  o.layup = "[0]";
  o.N = "1,2";
  assert_int_equal(mge_laminate_spec_from_options(&o, NULL, 0, &b, &e),
                   MGE_E_INPUT);
  assert_string_equal(e.source, "--N");
  o.N = NULL;
  o.ply_thickness = "5 MPa";
  assert_int_equal(mge_laminate_spec_from_options(&o, NULL, 0, &b, &e),
                   MGE_E_INPUT);
  assert_string_equal(e.source, "--ply-thickness");
  o.ply_thickness = "1.5m";
  assert_int_equal(mge_laminate_spec_from_options(&o, NULL, 0, &b, &e),
                   MGE_E_INPUT);
  assert_string_equal(e.source, "--ply-thickness");
  o.ply_thickness = NULL;
  o.material = "E-glass/LY556"; /* no nominal ply thickness */
  assert_int_equal(mge_laminate_spec_from_options(&o, NULL, 0, &b, &e),
                   MGE_E_INPUT);
  assert_non_null(strstr(e.message, "--ply-thickness"));
  /* a user lamina is found before the library */
  mge_lamina u = *mge_lamina_find("E-glass/MY750", NULL, 0);
  snprintf(u.name, sizeof u.name, "mine");
  o.material = "mine";
  assert_int_equal(mge_laminate_spec_from_options(&o, &u, 1, &b, &e), 0);
  assert_string_equal(b.lam.mats[0].name, "mine");
  o.material = "nope";
  assert_int_equal(mge_laminate_spec_from_options(&o, &u, 1, &b, &e),
                   MGE_E_INPUT);
  assert_string_equal(e.source, "--material");
}

static void test_override(void **st) {
  (void)st;
  static mge_laminate_spec s;
  mge_error e;
  assert_int_equal(spec("material: E-glass/MY750\nlayup: '[0/90]s'\n", &s, &e),
                   0);
  assert_int_equal(s.n_crit, MGE_CRIT_N);
  mge_laminate_options o = {0};
  o.criteria = "tsai-wu,,puck,tsai_wu";
  o.plane = "sx-txy";
  o.directions = 36;
  assert_int_equal(mge_laminate_spec_override(&s, &o, &e), 0);
  assert_int_equal(s.n_crit, 2);
  assert_int_equal(s.crit[0], MGE_CRIT_TSAI_WU);
  assert_int_equal(s.crit[1], MGE_CRIT_PUCK);
  assert_int_equal(s.plane, MGE_PLANE_SX_TXY);
  assert_int_equal(s.n_dir, 36);
  const struct {
    const char *criteria, *plane;
    int directions;
  } bad[] = {{"foo", NULL, 0}, {",", NULL, 0},    {NULL, "xy", 0},
             {NULL, NULL, 3},  {NULL, NULL, -36}, {NULL, NULL, 100001}};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    mge_laminate_options b = {0};
    b.criteria = bad[i].criteria;
    b.plane = bad[i].plane;
    b.directions = bad[i].directions;
    assert_int_equal(mge_laminate_spec_override(&s, &b, &e), MGE_E_INPUT);
  }
}

static void test_basis_data(void **st) {
  (void)st;
  mge_basis_data d = {0};
  mge_error e;
  assert_int_equal(mge_basis_data_add_list(&d, "100, 102,98,", "--values", &e),
                   0);
  assert_int_equal(d.n, 3);
  assert_true(d.x[1] == 102);
  assert_int_equal(mge_basis_data_add_list(&d, "1,nan,2", "--values", &e),
                   MGE_E_INPUT);
  assert_string_equal(e.message, "--values: bad number at column 3");
  assert_int_equal(mge_basis_data_add_list(&d, "1,,2", "--values", &e),
                   MGE_E_INPUT);
  const char *path = "test_composite_readers.tmp.csv";
  const char file[] =
      "# test data\nstrength_MPa,batch\n\n 105 ,A\n\"97\",B\n"
      "96\n";
  write_file(path, file, sizeof file - 1);
  mge_basis_data_free(&d);
  assert_int_equal(mge_basis_data_add_file(&d, path, &e), 0);
  assert_int_equal(d.n, 3);
  assert_true(d.x[0] == 105 && d.x[1] == 97 && d.x[2] == 96);
  const char bad[] = "100\n\n# c\n  x1\n";
  write_file(path, bad, sizeof bad - 1);
  assert_int_equal(mge_basis_data_add_file(&d, path, &e), MGE_E_INPUT);
  assert_int_equal(e.line, 4);
  assert_int_equal(e.column, 3);
  assert_string_equal(e.source, path);
  assert_int_equal(mge_basis_data_add_file(&d, "/nonexistent/x.csv", &e),
                   MGE_E_INPUT);
  mge_basis_data_free(&d);
  assert_null(d.x);
  remove(path);
}

static void test_micro_arg(void **st) {
  (void)st;
  mge_micro_input in;
  mge_micro_input_init(&in);
  mge_error e;
  assert_int_equal(mge_micro_input_arg(&in, "Ef=85GPa", &e), 0);
  assert_true(in.c.Ef_Pa == 85e9);
  assert_int_equal(mge_micro_input_arg(&in, "=5", &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "bad argument"));
  assert_int_equal(mge_micro_input_arg(&in, "Eff=1", &e), MGE_E_INPUT);
  const char y[] = "Em: 3.4 GPa\nnum: [0.3]\n";
  write_file("test_composite_readers.tmp.yaml", y, sizeof y - 1);
  assert_int_equal(
      mge_micro_input_arg(&in, "test_composite_readers.tmp.yaml", &e),
      MGE_E_INPUT);
  assert_int_equal(e.line, 2);
  assert_true(in.c.Em_Pa == 3.4e9);
  remove("test_composite_readers.tmp.yaml");
  assert_int_equal(mge_micro_input_arg(&in, "/nonexistent.yaml", &e),
                   MGE_E_INPUT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lamina_csv), cmocka_unit_test(test_unit_keys),
      cmocka_unit_test(test_options),    cmocka_unit_test(test_override),
      cmocka_unit_test(test_basis_data), cmocka_unit_test(test_micro_arg),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
