/* The lamina library and its CSV, the k-factor table, basis values, the
 * YAML laminate files and the micromechanics inputs. */
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

static double rel(double a, double b) {
  return fabs(a - b) / (1.0 + fmax(fabs(a), fabs(b)));
}

/* The built-in table is generated from data/composites/laminae.csv: the two
 * agree field by field (1e-12 relative: decimal scaling may differ by an
 * ulp; an empty cell is NaN in both). */
static void test_builtin_matches_csv(void **st) {
  (void)st;
  mge_lamina *v;
  size_t n, nb;
  mge_error err;
  int rc = mge_lamina_read_csv(MGE_SOURCE_DIR "/data/composites/laminae.csv",
                               &v, &n, &err);
  if (rc)
    print_error("%s:%d:%d %s\n", err.source, err.line, err.column, err.message);
  assert_int_equal(rc, 0);
  const mge_lamina *b = mge_lamina_builtin(&nb);
  assert_int_equal(n, nb);
  for (size_t i = 0; i < n; i++) {
    assert_string_equal(v[i].name, b[i].name);
    const double *x = &v[i].E1_Pa, *y = &b[i].E1_Pa;
    size_t nd = (offsetof(mge_lamina, source) - offsetof(mge_lamina, E1_Pa)) /
                sizeof(double);
    for (size_t k = 0; k < nd; k++) /* NaN: not given in both */
      assert_true((isnan(x[k]) && isnan(y[k])) || rel(x[k], y[k]) < 1e-12);
    assert_int_equal(mge_lamina_check(&b[i], 1, NULL), 0);
  }
  free(v);
  assert_non_null(mge_lamina_find("e-glass/ly556", NULL, 0));
  assert_null(mge_lamina_find("unobtainium", NULL, 0));
}

/* An empty cell is unknown (NaN), an explicit 0 is 0; mge_lamina_check
 * accepts NaN in the fields that can be unknown and refuses it elsewhere.
 * The built-in IM7/8552 has no density and S-glass/epoxy (Daniel-Ishai) no
 * thermal expansion (data/composites/laminae.csv). */
static void test_unknown_cells(void **st) {
  (void)st;
  const char *path = "test_composite_library.unk.csv";
  FILE *f = fopen(path, "w");
  fprintf(f,
          "name,E1_GPa,E2_GPa,G12_GPa,nu12,alpha1_1e-6K,density_kg_m3,"
          "cost_USD_kg\nu,40,10,4,0.3,,0,\n");
  fclose(f);
  mge_lamina *v = NULL;
  size_t n;
  mge_error err;
  assert_int_equal(mge_lamina_read_csv(path, &v, &n, &err), 0);
  remove(path);
  assert_int_equal(n, 1);
  assert_true(isnan(v[0].alpha1_per_K) && isnan(v[0].alpha2_per_K));
  assert_true(isnan(v[0].cost_USD_kg) && isnan(v[0].t_ply_m));
  assert_true(isnan(v[0].beta1) && isnan(v[0].beta2));
  assert_true(v[0].rho_kg_m3 == 0 && v[0].Vf == 0);
  assert_int_equal(mge_lamina_check(&v[0], 0, NULL), 0);
  v[0].nu23 = NAN;
  assert_int_equal(mge_lamina_check(&v[0], 0, NULL), MGE_E_INPUT);
  v[0].nu23 = 0;
  v[0].alpha1_per_K = INFINITY;
  assert_int_equal(mge_lamina_check(&v[0], 0, NULL), MGE_E_INPUT);
  free(v);
  const mge_lamina *im7 = mge_lamina_find("IM7/8552", NULL, 0);
  const mge_lamina *sg =
      mge_lamina_find("S-glass/epoxy (Daniel-Ishai)", NULL, 0);
  assert_non_null(im7);
  assert_non_null(sg);
  assert_true(isnan(im7->rho_kg_m3) && im7->t_ply_m == 0.131e-3);
  assert_true(isnan(sg->alpha1_per_K) && sg->rho_kg_m3 == 2000);
  static mge_laminate l;
  assert_int_equal(mge_laminate_from_layup(&l, im7, "[0/90]s", 0.131e-3, NULL),
                   0);
  assert_true(isnan(mge_laminate_areal_mass(&l)));
  assert_true(isnan(mge_laminate_areal_cost(&l)));
}

static void test_csv_errors(void **st) {
  (void)st;
  const char *path = "test_composite_library.tmp.csv";
  FILE *f = fopen(path, "w");
  fprintf(f,
          "name,E1_GPa,E2_GPa,G12_GPa,nu12\nok,40,10,4,0.3\n"
          "bad,40,x10,4,0.3\n");
  fclose(f);
  mge_lamina *v = NULL;
  size_t n;
  mge_error err;
  assert_int_equal(mge_lamina_read_csv(path, &v, &n, &err), MGE_E_INPUT);
  assert_int_equal(err.line, 3);
  assert_int_equal(err.column, 8);
  assert_null(v);
  f = fopen(path, "w");
  fprintf(f, "name,E1_GPa,E2_GPa,nu12\nok,40,10,0.3\n");
  fclose(f);
  assert_int_equal(mge_lamina_read_csv(path, &v, &n, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message, "G12_GPa"));
  f = fopen(path, "w");
  fprintf(f, "name,E1_GPa,E2_GPa,G12_GPa,nu12\nneg,40,10,4,3\n");
  fclose(f);
  assert_int_equal(mge_lamina_read_csv(path, &v, &n, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message, "nu12"));
  remove(path);
  assert_int_equal(mge_lamina_read_csv("/nonexistent/x.csv", &v, &n, &err),
                   MGE_E_INPUT); /* a missing input file is bad input */
}

/* k-factors: the table copy equals data/composites/basis_value_k_factors.csv
 * (3 decimals as printed); between rows and above n = 100 the
 * interpolation / Natrella values stay within 0.01 of the noncentral-t
 * factors of neighbours (monotone decreasing in n). */
static void test_k_factors(void **st) {
  (void)st;
  FILE *f =
      fopen(MGE_SOURCE_DIR "/data/composites/basis_value_k_factors.csv", "r");
  assert_non_null(f);
  char line[256];
  int rows = 0;
  while (fgets(line, sizeof line, f)) {
    int n;
    double kb, ka;
    if (sscanf(line, "%d,%lf,%lf", &n, &kb, &ka) != 3) continue;
    double gb, ga;
    assert_int_equal(mge_basis_k(n, &gb, &ga, NULL), 0);
    assert_true(fabs(gb - kb) < 1e-12 && fabs(ga - ka) < 1e-12);
    rows++;
  }
  fclose(f);
  assert_int_equal(rows, 16);
  double prev = INFINITY, kb, ka;
  for (int n = 3; n <= 300; n++) {
    assert_int_equal(mge_basis_k(n, &kb, &ka, NULL), 0);
    assert_true(kb < prev && ka > kb);
    prev = kb;
  }
  /* n = 100 by Natrella vs the table (1.527 / 2.684): within 0.01 */
  assert_true(fabs(1.527 - 1.5243) < 0.01);
  assert_int_equal(mge_basis_k(101, &kb, &ka, NULL), 0);
  assert_true(fabs(kb - 1.527) < 0.01 && fabs(ka - 2.684) < 0.02);
  assert_int_equal(mge_basis_k(2, &kb, &ka, NULL), MGE_E_INPUT);
}

/* Basis values: normal = mean - k s (CMH-17-1G Eq. 8.3.4.3(a)); lognormal
 * the same on ln x; Weibull: the MLE shape solves its likelihood equation
 * and B = q exp(-V / (b sqrt n)) (Sec. 8.3.4.2). */
static void test_basis(void **st) {
  (void)st;
  const double x[10] = {100, 102, 98, 105, 97, 101, 99, 103, 100, 96};
  mge_basis_result r;
  assert_int_equal(mge_basis_values(x, 10, MGE_DIST_NORMAL, &r, NULL), 0);
  double m = 0, s = 0;
  for (int i = 0; i < 10; i++) m += x[i] / 10;
  for (int i = 0; i < 10; i++) s += (x[i] - m) * (x[i] - m) / 9;
  s = sqrt(s);
  assert_true(rel(r.B, m - 2.355 * s) < 1e-12);
  assert_true(rel(r.A, m - 3.981 * s) < 1e-12);
  assert_int_equal(mge_basis_values(x, 10, MGE_DIST_LOGNORMAL, &r, NULL), 0);
  double lm = 0, ls = 0;
  for (int i = 0; i < 10; i++) lm += log(x[i]) / 10;
  for (int i = 0; i < 10; i++) ls += pow(log(x[i]) - lm, 2) / 9;
  assert_true(rel(r.B, exp(lm - 2.355 * sqrt(ls))) < 1e-12);
  assert_int_equal(mge_basis_values(x, 10, MGE_DIST_WEIBULL, &r, NULL), 0);
  double b = r.weibull_shape, a = r.weibull_scale, s0 = 0, s1 = 0;
  for (int i = 0; i < 10; i++) {
    s0 += pow(x[i], b);
    s1 += pow(x[i], b) * log(x[i]);
  }
  assert_true(fabs(s1 / s0 - 1 / b - lm) < 1e-9);
  assert_true(rel(a, pow(s0 / 10, 1 / b)) < 1e-9);
  double VB = 3.803 + exp(1.79 - 0.516 * log(10) + 5.1 / 9);
  assert_true(rel(r.B, a * pow(0.10536, 1 / b) * exp(-VB / (b * sqrt(10)))) <
              1e-12);
  assert_true(r.A < r.B && r.B < m);
  double bad[3] = {1, NAN, 2};
  assert_int_equal(mge_basis_values(bad, 3, MGE_DIST_NORMAL, &r, NULL),
                   MGE_E_INPUT);
  double neg[3] = {1, -1, 2};
  assert_int_equal(mge_basis_values(neg, 3, MGE_DIST_WEIBULL, &r, NULL),
                   MGE_E_INPUT);
}

static int spec(const char *y, mge_laminate_spec *s, mge_error *e) {
  return mge_laminate_spec_parse(y, strlen(y), "t.yaml", NULL, 0, s, e);
}

static void test_yaml(void **st) {
  (void)st;
  static mge_laminate_spec s;
  mge_error e;
  assert_int_equal(spec("material: E-glass/LY556\nlayup: \"[0/±45/90]s\"\n"
                        "ply_thickness: 0.25 mm\nloads:\n  N: [1 kN/m, 0, 0]\n"
                        "  dT: -100 K\ncriteria: [tsai-wu, puck]\n",
                        &s, &e),
                   0);
  assert_int_equal(s.lam.n_plies, 8);
  assert_true(rel(s.lam.ply[0].t_m, 0.25e-3) < 1e-15);
  assert_true(s.load.N[0] == 1000 && s.load.dT_K == -100 && s.has_load);
  assert_int_equal(s.n_crit, 2);
  assert_true(s.opts.tsai_wu_F12star == -0.5 && s.opts.ply_discount == 1e-6);
  /* units through mge_quantity_parse (dimension-checked) and the few
   * engineering units it lacks; dT is a difference, so degC = K */
  assert_int_equal(spec("material: {base: E-glass/LY556, E1: 7.8 Msi, Xt: "
                        "165 ksi, alpha1: 4.8 ppm/K}\nlayup: '[0]'\n"
                        "ply_thickness: 0.01 in\nloads:\n  N: [1 MPa*m, 2 "
                        "N/mm, 0]\n  dT: -100 degC\n",
                        &s, &e),
                   0);
  assert_true(rel(s.lam.mats[0].E1_Pa, 7.8 * 6894757293.168) < 1e-12);
  assert_true(rel(s.lam.mats[0].Xt_Pa, 165 * 6894757.293168) < 1e-12);
  assert_true(rel(s.lam.mats[0].alpha1_per_K, 4.8e-6) < 1e-15);
  assert_true(rel(s.lam.ply[0].t_m, 0.000254) < 1e-15);
  assert_true(s.load.N[0] == 1e6 && s.load.N[1] == 2000);
  assert_true(s.load.dT_K == -100);
  assert_int_equal(spec("material: {base: E-glass/LY556, E1: 45 N/m}\n"
                        "layup: '[0]'\nply_thickness: 1 mm\n",
                        &s, &e),
                   MGE_E_INPUT); /* wrong dimension */
  /* inline material with units */
  assert_int_equal(spec("material: {E1: 45 GPa, E2: 12 GPa, G12: 5 GPa, "
                        "nu12: 0.3, t_ply: 0.2 mm}\nlayup: '[0/90]'\n",
                        &s, &e),
                   0);
  assert_true(s.lam.mats[0].E1_Pa == 45e9);
  /* the layup error column is the column in the file */
  assert_int_equal(spec("material: E-glass/LY556\nply_thickness: 1 mm\n"
                        "layup: \"[0/9x]\"\n",
                        &s, &e),
                   MGE_E_INPUT);
  assert_int_equal(e.line, 3);
  assert_int_equal(e.column, 13);
  assert_int_equal(spec("material: E-glass/LY556\nply_thickness: 1 mm\n"
                        "layup:   '[0/±4x]'\n",
                        &s, &e),
                   MGE_E_INPUT);
  assert_int_equal(e.column, 16); /* layup column 6 (± counts one) */
  /* unknown key, unknown material, wrong unit kind, YAML syntax */
  assert_int_equal(spec("material: E-glass/LY556\nlayop: x\n", &s, &e),
                   MGE_E_INPUT);
  assert_int_equal(e.line, 2);
  assert_int_equal(e.column, 1);
  assert_int_equal(spec("material: nope\nlayup: '[0]'\n", &s, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "nope"));
  assert_int_equal(spec("material: E-glass/LY556\nlayup: '[0]'\n"
                        "ply_thickness: 3 MPa\n",
                        &s, &e),
                   MGE_E_INPUT);
  assert_int_equal(e.line, 3);
  assert_int_equal(spec("material: [unclosed\n", &s, &e), MGE_E_INPUT);
  assert_true(e.line >= 1);
  assert_int_equal(spec("plies:\n  - {angle: 0, thickness: 0.2 mm, "
                        "material: AS4/3501-6}\n  - {angle: 90, thickness: "
                        "0.3 mm, material: E-glass/MY750}\n",
                        &s, &e),
                   0);
  assert_int_equal(s.lam.n_mats, 2);
  assert_int_equal(s.lam.ply[1].mat, 1);
  assert_int_equal(spec("material: E-glass/LY556\nlayup: '[0]'\n", &s, &e),
                   MGE_E_INPUT); /* LY556 has no nominal ply thickness */
  assert_int_equal(spec("material: E-glass/LY556\nlayup: '[0]'\n"
                        "ply_thickness: 1 mm\nloads: {N: [nan, 0, 0]}\n",
                        &s, &e),
                   MGE_E_INPUT);
}

static void test_micro_input(void **st) {
  (void)st;
  mge_micro_input in;
  mge_micro_input_init(&in);
  const char *kv[][2] = {{"Ef", "85 GPa"},       {"nuf", "0.2"},
                         {"Em", "3.4GPa"},       {"num", "0.3"},
                         {"rho_f", "2.5 g/cm3"}, {"rho_m", "1200 kg/m3"},
                         {"Wf", "82.94 %"},      {"t_ply", "0.2 mm"}};
  for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
    assert_int_equal(mge_micro_input_set(&in, kv[i][0], kv[i][1], NULL), 0);
  mge_micro_result r;
  assert_int_equal(mge_micro_input_compute(&in, &r, NULL), 0);
  /* Kaw's glass/epoxy at Vf = 0.7 (kaw_examples.json), from Wf = 0.8294 */
  assert_true(fabs(r.Vf - 0.7) < 2e-4);
  assert_true(rel(r.areal_mass_kg_m2, r.rho_kg_m3 * 0.2e-3) < 1e-12);
  mge_error e;
  assert_int_equal(mge_micro_input_set(&in, "Ef", "85 mm", &e), MGE_E_INPUT);
  assert_int_equal(mge_micro_input_set(&in, "Eff", "85 GPa", &e), MGE_E_INPUT);
  /* voids: Vf + Vm + Vv = 1 and density drops by the void share */
  mge_constituents c = in.c;
  mge_micro_result r0, r1;
  assert_int_equal(mge_micro_compute(&c, 0.6, 0.0, 0, 0, &r0, NULL), 0);
  assert_int_equal(mge_micro_compute(&c, 0.6, 0.02, 0, 0, &r1, NULL), 0);
  assert_true(rel(r1.Vf + r1.Vm + r1.Vv, 1) < 1e-15);
  assert_true(rel(r0.rho_kg_m3 - r1.rho_kg_m3, 0.02 * 1200) < 1e-12);
  assert_true(rel(mge_micro_void_fraction(r0.rho_kg_m3, r1.rho_kg_m3),
                  0.02 * 1200 / r0.rho_kg_m3) < 1e-12);
  assert_int_equal(mge_micro_compute(&c, 0.9, 0.2, 0, 0, &r1, NULL),
                   MGE_E_INPUT);
  /* Vf and Wf together: refused, not one of them dropped */
  assert_int_equal(mge_micro_input_set(&in, "Vf", "0.7", NULL), 0);
  assert_int_equal(mge_micro_input_compute(&in, &r, &e), MGE_E_INPUT);
}

/* What was not given is unknown (NaN), never 0 (issue 21): no densities,
 * no density, Wf or areal mass; no expansions, no alpha1/alpha2; one of a
 * pair only is refused, naming the missing one. */
static void test_micro_unknown(void **st) {
  (void)st;
  mge_micro_input in;
  mge_micro_input_init(&in);
  const char *kv[][2] = {{"Ef", "85 GPa"}, {"nuf", "0.2"}, {"Em", "3.4GPa"},
                         {"num", "0.3"},   {"Vf", "0.6"},  {"t_ply", "0.2mm"}};
  for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
    assert_int_equal(mge_micro_input_set(&in, kv[i][0], kv[i][1], NULL), 0);
  mge_micro_result r;
  assert_int_equal(mge_micro_input_compute(&in, &r, NULL), 0);
  assert_true(isnan(r.rho_kg_m3) && isnan(r.Wf) && isnan(r.areal_mass_kg_m2));
  assert_true(isnan(r.alpha1_per_K) && isnan(r.alpha2_per_K));
  assert_true(isnan(r.cost_USD_kg));
  assert_true(r.E1_Pa > 0); /* the moduli need no density */
  mge_error e;
  assert_int_equal(mge_micro_input_set(&in, "rho_f", "2500 kg/m3", NULL), 0);
  assert_int_equal(mge_micro_input_compute(&in, &r, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "rho_m"));
  assert_int_equal(mge_micro_input_set(&in, "rho_m", "1200 kg/m3", NULL), 0);
  assert_int_equal(mge_micro_input_set(&in, "alpha_m", "60e-6 1/K", NULL), 0);
  assert_int_equal(mge_micro_input_compute(&in, &r, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "alpha_f"));
  assert_int_equal(mge_micro_input_set(&in, "alpha_f", "5e-6 1/K", NULL), 0);
  assert_int_equal(mge_micro_input_compute(&in, &r, &e), 0);
  /* computed by hand from Kaw Eq. 3.6 and 3.138 with these inputs:
   * 1980 kg/m3 and 6.42857e-6 1/K */
  assert_true(fabs(r.rho_kg_m3 - 1980) < 1e-9);
  assert_true(fabs(r.alpha1_per_K - 6.42857e-6) < 1e-10);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_builtin_matches_csv),
      cmocka_unit_test(test_unknown_cells),
      cmocka_unit_test(test_csv_errors),
      cmocka_unit_test(test_k_factors),
      cmocka_unit_test(test_micro_unknown),
      cmocka_unit_test(test_basis),
      cmocka_unit_test(test_yaml),
      cmocka_unit_test(test_micro_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
