/* Tests of the viscosity data readers (src/glass/visc_data.c,
 * src/glass/visc_train.c): points CSV with units and comments, errors at
 * file:line:column, temperature lists, the SciGlass dataset pair.
 *
 * Numbers: degC = K - 273.15 (SI Brochure, 9th ed.); 1 Pa s = 10 poise =
 * 10 dPa s, so log10(eta / Pa s) = log10(eta / dPa s) - 1. */
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

#include "mge/glass.h"

static char tmpdir[] = "/tmp/mge-test-glass-XXXXXX";

static int setup(void **st) {
  (void)st;
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **st) {
  (void)st;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

/* Write text to tmpdir/name; returns the path (static buffer). */
static const char *put(const char *name, const char *text) {
  static char path[256];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

static void points_ok(void **st) {
  (void)st;
  mge_visc_points p;
  mge_error e;
  mge_error_clear(&e);
  /* comments (with quotes and commas), CRLF, blank lines, padded fields,
   * a value with its own unit; degC and dPa s converted */
  const char *path = put("ok.csv",
                         "# a \"quoted\", comment\r\n\r\n"
                         "T_C , log10_eta_dPa_s\r\n"
                         "540, 13.1350\r\n"
                         "# between\r\n"
                         "580 ,11.3696 \r\n"
                         "900 K,9\r\n"
                         "\t620\t,\t8.5\n");
  assert_int_equal(mge_visc_points_read(path, &p, &e), MGE_OK);
  assert_int_equal(p.n, 4);
  assert_null(p.sigma);
  assert_true(p.T_K[0] == 540 + 273.15);
  assert_true(p.T_K[1] == 580 + 273.15);
  assert_true(p.T_K[2] == 900);
  assert_true(p.T_K[3] == 620 + 273.15);
  assert_true(p.log10_eta[0] == 13.1350 - 1);
  assert_true(p.log10_eta[3] == 8.5 - 1);
  mge_visc_points_free(&p);
  assert_int_equal(p.n, 0);
  assert_null(p.T_K);
  mge_visc_points_free(NULL);
  /* K and Pa s as written, and a sigma column */
  path = put("s.csv", "T_K,log10_eta_Pa_s,sigma\n800,12,0.05\n900,10,0.1\n");
  assert_int_equal(mge_visc_points_read(path, &p, &e), MGE_OK);
  assert_int_equal(p.n, 2);
  assert_non_null(p.sigma);
  assert_true(p.T_K[1] == 900 && p.log10_eta[1] == 10 && p.sigma[1] == 0.1);
  mge_visc_points_free(&p);
  /* poise and a UTF-8 byte-order mark before the header */
  path = put("bom.csv", "\xef\xbb\xbfT_K,log10_eta_poise\n800,13\n");
  assert_int_equal(mge_visc_points_read(path, &p, &e), MGE_OK);
  assert_true(p.n == 1 && p.log10_eta[0] == 12);
  mge_visc_points_free(&p);
  /* the shipped example: 22 points of DGG-1 (examples/glass/dgg1.csv) */
  char ex[512];
  snprintf(ex, sizeof ex, "%s/examples/glass/dgg1.csv", MGE_SOURCE_DIR);
  assert_int_equal(mge_visc_points_read(ex, &p, &e), MGE_OK);
  assert_int_equal(p.n, 22);
  assert_true(p.T_K[0] == 540 + 273.15);
  mge_visc_points_free(&p);
}

static void check_bad(const char *name, const char *text, int code, int line,
                      int col, const char *want) {
  mge_visc_points p;
  mge_error e;
  mge_error_clear(&e);
  const char *path = put(name, text);
  int rc = mge_visc_points_read(path, &p, &e);
  if (rc != code || e.line != line || e.column != col ||
      !strstr(e.message, want))
    print_error("%s: rc %d at %d:%d: %s\n", name, rc, e.line, e.column,
                e.message);
  assert_int_equal(rc, code);
  assert_int_equal(e.line, line);
  assert_int_equal(e.column, col);
  assert_non_null(strstr(e.message, want));
  assert_non_null(strstr(e.source, name));
  assert_int_equal(p.n, 0);
  assert_null(p.T_K);
}

static void points_bad(void **st) {
  (void)st;
  check_bad("b1.csv", "T_K,log10_eta_Pa_s\n800,12\n900,x\n", MGE_E_INPUT, 3, 5,
            "'x' is not a finite number");
  check_bad("b2.csv", "T_K,log10_eta_Pa_s\n800,nan\n", MGE_E_INPUT, 2, 5,
            "not a finite number");
  check_bad("b3.csv", "T_K,log10_eta_Pa_s\n0x10,1\n", MGE_E_INPUT, 2, 2, "T_K");
  check_bad("b4.csv", "# c\nT_C,log10_eta_Pa_s\n  abc,1\n", MGE_E_INPUT, 3, 3,
            "expected a number");
  check_bad("b5.csv", "T_C,log10_eta_Pa_s\n600 Pa,1\n", MGE_E_INPUT, 2, 5,
            "not in units of degC");
  check_bad("b6.csv", "T_F,log10_eta_Pa_s\n", MGE_E_INPUT, 1, 1,
            "first column must be T_K or T_C");
  check_bad("b7.csv", "T_K, eta\n", MGE_E_INPUT, 1, 6, "second column");
  check_bad("b8.csv", "T_K\n800\n", MGE_E_INPUT, 1, 1, "header");
  check_bad("b9.csv", "T_K,log10_eta_Pa_s,s,extra\n", MGE_E_INPUT, 1, 22,
            "at most 3 columns");
  check_bad("b10.csv", "# nothing\n\n", MGE_E_INPUT, 0, 0, "missing header");
  check_bad("b11.csv", "T_K,log10_eta_Pa_s\n800,12,1\n", MGE_E_INPUT, 2, 8,
            "2 fields, not 3");
  check_bad("b12.csv", "T_K,log10_eta_Pa_s,sigma\n800,12\n", MGE_E_INPUT, 2, 1,
            "3 fields, not 2");
  check_bad("b13.csv", "T_K,log10_eta_Pa_s\n800,\"12\n", MGE_E_INPUT, 2, 5,
            "malformed CSV");
  mge_visc_points p;
  mge_error e;
  assert_int_equal(mge_visc_points_read("/nonexistent/x.csv", &p, &e),
                   MGE_E_INPUT);
  assert_non_null(strstr(e.message, "cannot open"));
  assert_string_equal(e.source, "/nonexistent/x.csv");
}

static void temperature_list(void **st) {
  (void)st;
  double T[4];
  int n = -1;
  mge_error e;
  assert_int_equal(
      mge_glass_temperatures_parse("600,700.5,-20,1e3", "degC", T, 4, &n, &e),
      MGE_OK);
  assert_int_equal(n, 4);
  assert_true(T[0] == 600 + 273.15 && T[1] == 700.5 + 273.15);
  assert_true(T[2] == -20 + 273.15 && T[3] == 1e3 + 273.15);
  assert_int_equal(
      mge_glass_temperatures_parse("600,873.15 K,", "degC", T, 4, &n, &e),
      MGE_OK);
  assert_true(n == 2 && T[1] == 873.15);
  assert_int_equal(mge_glass_temperatures_parse("", "degC", T, 4, &n, &e),
                   MGE_OK);
  assert_int_equal(n, 0);
  assert_int_equal(mge_glass_temperatures_parse("700", "K", T, 4, &n, &e),
                   MGE_OK);
  assert_true(n == 1 && T[0] == 700);
  assert_int_equal(mge_glass_temperatures_parse("600,x", "degC", T, 4, &n, &e),
                   MGE_E_INPUT);
  assert_int_equal(e.column, 5);
  assert_int_equal(
      mge_glass_temperatures_parse("600,,700", "degC", T, 4, &n, &e),
      MGE_E_INPUT);
  assert_int_equal(e.column, 5);
  assert_int_equal(
      mge_glass_temperatures_parse("600,5 GPa", "degC", T, 4, &n, &e),
      MGE_E_INPUT);
  assert_int_equal(e.column, 7);
  assert_int_equal(
      mge_glass_temperatures_parse("1,2,3,4,5", "degC", T, 4, &n, &e),
      MGE_E_LIMIT);
  assert_int_equal(e.column, 9);
}

static void dataset(void **st) {
  (void)st;
  char comp[256], visc[256];
  snprintf(comp, sizeof comp, "%s",
           put("c.csv",
               "glass_id,family,SiO2,Na2O\r\n"
               "g1,alkali_aluminosilicate,0.8,0.2\r\n"
               "\r\n"
               "\"g2\",x,0.7,0.35\r\n"));
  snprintf(visc, sizeof visc, "%s",
           put("v.csv",
               "glass_id,T_K,log10_eta_Pa_s\ng2,800,12\ng1,900,10\n"
               "g1,1000,8\n"));
  mge_visc_dataset *d = NULL;
  mge_error e;
  int rc0 = mge_visc_dataset_load(comp, visc, &d, &e);
  if (rc0) print_error("%s:%d:%d: %s\n", e.source, e.line, e.column, e.message);
  assert_int_equal(rc0, MGE_OK);
  int ng, np, nox;
  mge_visc_dataset_counts(d, &ng, &np, &nox);
  assert_true(ng == 2 && np == 3 && nox == 2);
  assert_string_equal(mge_visc_dataset_oxide(d, 1), "Na2O");
  mge_visc_dataset_free(d);
  /* errors at file:line:column */
  struct {
    const char *comp, *visc;
    int code, line, col;
    const char *want;
  } bad[] = {
      {"id,family,SiO2\n", "", MGE_E_INPUT, 1, 1, "header must be"},
      {"glass_id,family,SiO2,Na2O\ng1,x,0.8,abc\n", "", MGE_E_INPUT, 2, 10,
       "Na2O: 'abc' is not a finite number"},
      {"glass_id,family,SiO2,Na2O\ng1,x,0.8,-0.2\n", "", MGE_E_INPUT, 2, 10,
       "negative"},
      {"glass_id,family,SiO2,Na2O\ng1,x,0.8\n", "", MGE_E_INPUT, 2, 1,
       "expected 4 fields, not 3"},
      {"glass_id,family,SiO2,Na2O\ng1,x,0.1,0.1\n", "", MGE_E_INPUT, 2, 1,
       "sum to"},
      {"glass_id,family,SiO2\n", "", MGE_E_INPUT, 0, 0, "no glasses"},
      {"glass_id,family,SiO2\ng1,x,1\n", "glass_id,T,log10_eta_Pa_s\n",
       MGE_E_INPUT, 1, 1, "header must be glass_id,T_K"},
      {"glass_id,family,SiO2\ng1,x,1\n",
       "glass_id,T_K,log10_eta_Pa_s\ng1,-800,12\n", MGE_E_INPUT, 2, 4, "> 0"},
      {"glass_id,family,SiO2\ng1,x,1\n",
       "glass_id,T_K,log10_eta_Pa_s\ng1,800,12\ng3,800,12\n", MGE_E_INPUT, 3, 1,
       "unknown glass_id 'g3'"},
      {"glass_id,family,SiO2\ng1,x,1\n",
       "glass_id,T_K,log10_eta_Pa_s\ng1,800 K,x\n", MGE_E_INPUT, 2, 10,
       "not a finite number"},
      {"glass_id,family,SiO2\ng1,x,1\n", "glass_id,T_K,log10_eta_Pa_s\n",
       MGE_E_INPUT, 0, 0, "no points"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    snprintf(comp, sizeof comp, "%s", put("c.csv", bad[i].comp));
    snprintf(visc, sizeof visc, "%s", put("v.csv", bad[i].visc));
    mge_error_clear(&e);
    int rc = mge_visc_dataset_load(comp, visc, &d, &e);
    if (rc != bad[i].code || e.line != bad[i].line || e.column != bad[i].col ||
        !strstr(e.message, bad[i].want))
      print_error("case %zu: rc %d at %d:%d: %s\n", i, rc, e.line, e.column,
                  e.message);
    assert_int_equal(rc, bad[i].code);
    assert_int_equal(e.line, bad[i].line);
    assert_int_equal(e.column, bad[i].col);
    assert_non_null(strstr(e.message, bad[i].want));
    assert_null(d);
  }
  assert_int_equal(mge_visc_dataset_load("/nonexistent/c.csv", visc, &d, &e),
                   MGE_E_INPUT);
  assert_non_null(strstr(e.message, "cannot open"));
}

/* mge_visc_dataset_load_dir: the two files by their names in a folder. */
static void dataset_dir(void **st) {
  (void)st;
  put("sciglass_viscnet_compositions.csv",
      "glass_id,family,SiO2,Na2O\ng1,x,0.8,0.2\n");
  put("sciglass_viscnet_viscosity.csv",
      "glass_id,T_K,log10_eta_Pa_s\ng1,800,12\ng1,900,10\n");
  mge_visc_dataset *d = NULL;
  mge_error e;
  mge_error_clear(&e);
  assert_int_equal(mge_visc_dataset_load_dir(tmpdir, &d, &e), MGE_OK);
  int ng, np, nox;
  mge_visc_dataset_counts(d, &ng, &np, &nox);
  assert_true(ng == 1 && np == 2 && nox == 2);
  mge_visc_dataset_free(d);
  assert_int_equal(mge_visc_dataset_load_dir("/nonexistent", &d, &e),
                   MGE_E_INPUT);
  assert_non_null(strstr(e.message, "cannot open"));
  assert_non_null(strstr(e.source, "/nonexistent/sciglass_viscnet_"));
  assert_null(d);
  /* the shipped subset: 847 glasses, 17,584 points (include/mge/glass.h) */
  assert_int_equal(mge_visc_dataset_load_dir(NULL, &d, &e), MGE_OK);
  mge_visc_dataset_counts(d, &ng, &np, NULL);
  assert_int_equal(ng, 847);
  assert_int_equal(np, 17584);
  mge_visc_dataset_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(points_ok),        cmocka_unit_test(points_bad),
      cmocka_unit_test(temperature_list), cmocka_unit_test(dataset_dir),
      cmocka_unit_test(dataset),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
