/* Datasets: bad rows are reported by line (bad composition, bad target,
 * duplicates), fail or drop as asked; groups and grouped folds; the learned
 * pipeline round-trips through its serialized form and a file; dataset
 * cross-validation is the documented pipeline; issue names and the
 * settings text of a fit. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/learn.h"

static char path[256];

static void write_csv(const char *text) {
  snprintf(path, sizeof path, "/tmp/mge_test_ds_%d.csv", (int)getpid());
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static const char *csv =
    "id,formula,y,lab\n"    /* line 1 */
    "a,Fe2O3,1.5,g1\n"      /* 2 */
    "b,NaCl,2.5,g2\n"       /* 3 */
    "c,Xx2O,3.0,g1\n"       /* 4: unknown element */
    "d,Al2O3,abc,g2\n"      /* 5: target not a number */
    "e,O3Fe2,4.0,g3\n"      /* 6: duplicate of line 2 (same comp) */
    "f,\"Ca3(PO4)2\",,g3\n" /* 7: missing target */
    "g,MgO,0.25,g4\n";      /* 8 */

static void test_bad_rows_fail(void **state) {
  (void)state;
  write_csv(csv);
  mge_dataset_read_opts o = {"formula", "y", NULL, NULL, NULL, 0};
  mge_dataset *d = (mge_dataset *)1;
  mge_row_issue *iss;
  size_t n;
  mge_error e;
  assert_int_equal(mge_dataset_read_csv(path, &o, &d, &iss, &n, &e),
                   MGE_E_INPUT);
  assert_null(d);
  assert_int_equal(n, 4);
  assert_int_equal(e.line, 4); /* the first bad row in file order */
  long lines[4] = {0};
  for (size_t i = 0; i < n; i++) lines[i] = iss[i].line;
  int seen4 = 0, seen5 = 0, seen6 = 0, seen7 = 0;
  for (size_t i = 0; i < n; i++) {
    seen4 += lines[i] == 4 && iss[i].kind == MGE_ROW_BAD_COMPOSITION;
    seen5 += lines[i] == 5 && iss[i].kind == MGE_ROW_BAD_TARGET;
    seen6 += lines[i] == 6 && iss[i].kind == MGE_ROW_DUPLICATE;
    seen7 += lines[i] == 7 && iss[i].kind == MGE_ROW_BAD_TARGET;
  }
  assert_true(seen4 && seen5 && seen6 && seen7);
  free(iss);
  unlink(path);
}

static void test_bad_rows_drop_and_groups(void **state) {
  (void)state;
  write_csv(csv);
  mge_dataset_read_opts o = {"formula", "y", NULL, "toy", "eV", 1};
  mge_dataset *d;
  mge_row_issue *iss;
  size_t n;
  mge_error e;
  assert_int_equal(mge_dataset_read_csv(path, &o, &d, &iss, &n, &e), 0);
  free(iss);
  assert_int_equal(d->n, 3);
  assert_int_equal(d->n_dropped, 4);
  assert_string_equal(d->name, "toy");
  assert_string_equal(d->unit, "eV");
  assert_string_equal(d->comp[2], "MgO");
  assert_int_equal(d->line[2], 8);
  assert_true(d->y[1] == 2.5);
  assert_int_equal(d->n_extra, 2); /* id, lab */
  assert_string_equal(d->extra[2 * 2 + 1], "g4");
  assert_int_equal(strlen(d->hash), 16);
  assert_int_equal(mge_dataset_set_group(d, "lab", &e), 0);
  assert_int_equal(mge_dataset_set_group(d, "nope", &e), MGE_E_INPUT);
  mge_dataset_free(d);
  unlink(path);
}

static void test_missing_column_and_booleans(void **state) {
  (void)state;
  write_csv("composition,is_metal\nFe,True\nNaCl,False\nCu,true\n");
  mge_dataset_read_opts o = {"composition", "gap", NULL, NULL, NULL, 0};
  mge_dataset *d;
  mge_error e;
  assert_int_equal(mge_dataset_read_csv(path, &o, &d, NULL, NULL, &e),
                   MGE_E_INPUT);
  assert_non_null(strstr(e.message, "gap"));
  o.target_col = "is_metal";
  assert_int_equal(mge_dataset_read_csv(path, &o, &d, NULL, NULL, &e), 0);
  assert_int_equal(d->classification, 1);
  assert_true(d->y[0] == 1 && d->y[1] == 0 && d->y[2] == 1);
  mge_dataset_free(d);
  write_csv("composition,y\nFe,\"1.0\nCu,2\n"); /* unterminated quote */
  assert_int_equal(mge_dataset_read_csv(path, &o, &d, NULL, NULL, &e),
                   MGE_E_INPUT);
  unlink(path);
}

/* Two spellings of one composition share a group: grouped folds never put
 * them on both sides. */
static void test_groups_by_composition(void **state) {
  (void)state;
  const char *comp[6] = {"Fe2O3", "O3Fe2", "NaCl", "ClNa", "MgO", "CaO"};
  double y[6] = {1, 1, 2, 2, 3, 4};
  mge_dataset *d;
  mge_error e;
  assert_int_equal(mge_dataset_new("g", 6, comp, y, 0, &d, &e), 0);
  uint64_t g[6];
  mge_dataset_groups(d, g);
  assert_true(g[0] == g[1] && g[2] == g[3] && g[0] != g[2] && g[4] != g[5]);
  int fold[6];
  assert_int_equal(mge_folds_grouped(g, 6, 3, 7, fold, &e), 0);
  assert_int_equal(fold[0], fold[1]);
  assert_int_equal(fold[2], fold[3]);
  mge_dataset_free(d);
}

/* y = a smooth function of composition on Fe-Ni alloys. */
static mge_dataset *fe_ni(int n) {
  char buf[64][32];
  const char *comp[64];
  double y[64];
  for (int i = 0; i < n; i++) {
    double a = 0.05 + 0.9 * i / (n - 1);
    snprintf(buf[i], sizeof buf[i], "Fe%.3fNi%.3f", a, 1 - a);
    comp[i] = buf[i];
    y[i] = 3 * a * a - a + 0.5;
  }
  mge_dataset *d;
  mge_error e;
  assert_int_equal(mge_dataset_new("fe", (size_t)n, comp, y, 0, &d, &e), 0);
  return d;
}

static void test_learned_roundtrip(void **state) {
  (void)state;
  /* y = mean Pauling-like trend on binary Fe-Ni-Cr alloys: any smooth
   * function of composition; the pipeline must reproduce its own
   * predictions exactly after save/load. */
  mge_dataset *d = fe_ni(30);
  mge_error e;
  snprintf(d->target_col, sizeof d->target_col, "y");
  mge_learn_opts o;
  mge_learn_opts_default(&o, MGE_LEARN_RIDGE);
  mge_learned *l;
  assert_int_equal(mge_learned_fit(d, MGE_FEATURES_MAGPIE, &o, &l, &e), 0);
  mge_comp c;
  assert_int_equal(mge_comp_parse("Fe0.5Ni0.5", &c, &e), 0);
  double m1, s1, m2, s2;
  assert_int_equal(mge_learned_predict(l, &c, 1, &m1, &s1, &e), 0);
  assert_true(isfinite(m1));
  char *b;
  size_t len;
  assert_int_equal(mge_learned_save(l, &b, &len, &e), 0);
  mge_learned *l2;
  assert_int_equal(mge_learned_load(b, len, &l2, &e), 0);
  assert_int_equal(mge_learned_predict(l2, &c, 1, &m2, &s2, &e), 0);
  assert_true(m1 == m2);
  assert_string_equal(mge_learned_target(l2), "y");
  /* as a property model */
  mge_model *pm;
  /* an id below the run-time range would collide with built-in models */
  assert_int_equal(
      mge_learned_model_new(l2, "learn.fe", 6001, "eV", 0, &pm, &e),
      MGE_E_INPUT);
  assert_int_equal(
      mge_learned_model_new(l2, "learn.fe", MGE_MODEL_ID_RUNTIME_MIN, "eV", 0,
                            &pm, &e),
      0);
  double out;
  assert_int_equal(pm->eval(pm, &c, 1, &out, &e), 0);
  assert_true(out == m1);
  mge_learned_model_free(pm); /* frees l2 */
  b[len / 2] = '\0';
  assert_int_not_equal(mge_learned_load(b, len / 2, &l2, &e), 0);
  free(b);
  mge_learned_free(l);
  mge_dataset_free(d);
}

static void test_issue_names(void **state) {
  (void)state;
  assert_string_equal(mge_row_issue_name(MGE_ROW_BAD_COMPOSITION),
                      "bad composition");
  assert_string_equal(mge_row_issue_name(MGE_ROW_BAD_TARGET), "bad target");
  assert_string_equal(mge_row_issue_name(MGE_ROW_DUPLICATE), "duplicate");
}

/* mge_dataset_cv is the documented pipeline: grouped folds with the seed,
 * features of the set, mge_cv_run. */
static void test_dataset_cv(void **state) {
  (void)state;
  mge_dataset *d = fe_ni(30);
  mge_learn_opts o;
  mge_learn_opts_default(&o, MGE_LEARN_RIDGE);
  o.seed = 5;
  mge_error e;
  mge_cv_result r, want;
  assert_int_equal(mge_dataset_cv(d, MGE_FEATURES_MAGPIE, &o, 4, &r, &e), 0);
  uint64_t g[30];
  int fold[30];
  mge_dataset_groups(d, g);
  assert_int_equal(mge_folds_grouped(g, 30, 4, 5, fold, &e), 0);
  mge_featurizer *f;
  double *X;
  assert_int_equal(mge_featurizer_new(MGE_FEATURES_MAGPIE, &f, &e), 0);
  assert_int_equal(mge_dataset_features(d, f, &X, &e), 0);
  assert_int_equal(mge_cv_run(&o, X, d->y, 30, (size_t)mge_featurizer_count(f),
                              fold, 4, &want, &e),
                   0);
  assert_int_equal(r.folds, 4);
  for (int k = 0; k < 4; k++) {
    assert_int_equal(r.fold[k].n, want.fold[k].n);
    assert_true(r.fold[k].mae == want.fold[k].mae);
    assert_true(r.fold[k].rmse == want.fold[k].rmse);
  }
  assert_true(r.mean.mae == want.mean.mae && r.mean.mae > 0);
  assert_int_equal(mge_dataset_cv(d, MGE_FEATURES_MAGPIE, &o, 1, &r, &e),
                   MGE_E_INPUT);
  assert_int_equal(mge_dataset_cv(d, MGE_FEATURES_MAGPIE, &o, 31, &r, &e),
                   MGE_E_INPUT);
  mge_featurizer_free(f);
  free(X);
  mge_dataset_free(d);
}

static void test_learned_file_and_text(void **state) {
  (void)state;
  mge_dataset *d = fe_ni(20);
  mge_learn_opts o;
  mge_learn_opts_default(&o, MGE_LEARN_RIDGE);
  mge_learned *l, *l2;
  mge_error e;
  assert_int_equal(mge_learned_fit(d, MGE_FEATURES_MAGPIE, &o, &l, &e), 0);
  char *b;
  size_t len;
  assert_int_equal(mge_learned_save(l, &b, &len, &e), 0);
  char mp[256];
  snprintf(mp, sizeof mp, "/tmp/mge_test_model_%d", (int)getpid());
  FILE *f = fopen(mp, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(b, 1, len, f), len);
  fclose(f);
  assert_int_equal(mge_learned_read(mp, &l2, &e), 0);
  mge_comp c;
  assert_int_equal(mge_comp_parse("Fe0.3Ni0.7", &c, &e), 0);
  double m1, m2, s2;
  assert_int_equal(mge_learned_predict(l, &c, 1, &m1, NULL, &e), 0);
  assert_int_equal(mge_learned_predict_text(l2, "Fe0.3Ni0.7", &m2, &s2, &e), 0);
  assert_true(m1 == m2 && isnan(s2)); /* ridge: no uncertainty */
  assert_int_equal(mge_learned_predict_text(l2, "Fe0.3Ni0.7", &m2, NULL, &e),
                   0);
  assert_int_not_equal(mge_learned_predict_text(l2, "Xx2", &m2, &s2, &e), 0);
  assert_non_null(strstr(e.message, "Xx"));
  mge_learned_free(l2);
  /* a junk file is the loader's error, a missing one an I/O error */
  f = fopen(mp, "wb");
  fputs("not a model\n", f);
  fclose(f);
  int rc = mge_learned_read(mp, &l2, &e);
  assert_true(rc != 0 && rc != MGE_E_IO);
  assert_null(l2);
  remove(mp);
  assert_int_equal(mge_learned_read(mp, &l2, &e), MGE_E_IO);
  assert_null(l2);
  free(b);
  mge_learned_free(l);
  mge_dataset_free(d);
}

static void test_opts_settings(void **state) {
  (void)state;
  mge_learn_opts o;
  mge_learn_opts_default(&o, MGE_LEARN_RIDGE);
  o.seed = 42;
  char buf[512];
  int n = mge_learn_opts_settings(&o, "magpie", buf, sizeof buf);
  char want[512];
  snprintf(want, sizeof want,
           "{\"model\":\"ridge\",\"features\":\"magpie\",\"seed\":42,"
           "\"rounds\":%d,\"max_depth\":%d,\"eta\":%g,\"ensemble\":%d,"
           "\"alpha\":%g}",
           o.xgb_rounds, o.xgb_max_depth, o.xgb_eta, o.xgb_ensemble,
           o.ridge_alpha);
  assert_string_equal(buf, want);
  assert_int_equal(n, (int)strlen(want));
  assert_int_equal(mge_learn_opts_settings(&o, "magpie", NULL, 0), n);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bad_rows_fail),
      cmocka_unit_test(test_bad_rows_drop_and_groups),
      cmocka_unit_test(test_missing_column_and_booleans),
      cmocka_unit_test(test_groups_by_composition),
      cmocka_unit_test(test_learned_roundtrip),
      cmocka_unit_test(test_issue_names),
      cmocka_unit_test(test_dataset_cv),
      cmocka_unit_test(test_learned_file_and_text),
      cmocka_unit_test(test_opts_settings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
