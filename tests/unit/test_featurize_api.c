/* The featurizer API (names, counts, vectors) and the CSV stream of
 * mge_featurize_csv: order with threads, error rows, limits, I/O failure. */
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

#include "mge/alloy.h"
#include "mge/featurize.h"

static void test_sets(void **state) {
  (void)state;
  mge_feature_set s;
  mge_error e;
  assert_int_equal(mge_feature_set_parse("magpie", &s, &e), MGE_OK);
  assert_int_equal(s, MGE_FEATURES_MAGPIE);
  assert_int_equal(mge_feature_set_parse("all", &s, &e), MGE_OK);
  assert_int_equal(mge_feature_set_parse("Magpie", &s, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "magpie, alloy, all"));
  mge_featurizer *f = NULL;
  assert_int_equal(mge_featurizer_new((mge_feature_set)7, &f, &e), MGE_E_INPUT);
  assert_null(f);
  mge_featurizer_free(NULL);

  assert_int_equal(mge_featurizer_new(MGE_FEATURES_MAGPIE, &f, &e), MGE_OK);
  assert_int_equal(mge_featurizer_count(f), 132);
  assert_string_equal(mge_featurizer_name(f, 0), "MagpieData minimum Number");
  assert_string_equal(mge_featurizer_name(f, 5), "MagpieData mode Number");
  assert_string_equal(mge_featurizer_name(f, 6),
                      "MagpieData minimum MendeleevNumber");
  assert_string_equal(mge_featurizer_name(f, 131),
                      "MagpieData mode SpaceGroupNumber");
  assert_null(mge_featurizer_name(f, 132));
  assert_null(mge_featurizer_name(f, -1));
  mge_featurizer_free(f);

  assert_int_equal(mge_featurizer_new(MGE_FEATURES_ALL, &f, &e), MGE_OK);
  int n = mge_featurizer_count(f);
  assert_true(n > 132);
  assert_string_equal(mge_featurizer_name(f, 132), "alloy_molar_mass_g_mol");
  for (int i = 0; i < n; i++)
    assert_null(strpbrk(mge_featurizer_name(f, i), ",\"\r\n"));
  mge_featurizer_free(f);
}

/* The alloy part is mge_alloy_describe, value for value; the magpie part
 * is mge_magpie_features. */
static void test_vectors(void **state) {
  (void)state;
  mge_featurizer *f;
  mge_error e;
  assert_int_equal(mge_featurizer_new(MGE_FEATURES_ALL, &f, &e), MGE_OK);
  double v[200], m[MGE_MAGPIE_FEATURES];
  assert_int_equal(mge_featurize_text(f, "CoCrFeNi", v, &e), MGE_OK);
  mge_comp c;
  assert_int_equal(mge_comp_parse("CoCrFeNi", &c, &e), MGE_OK);
  assert_int_equal(mge_magpie_features(&c, m, &e), MGE_OK);
  assert_memory_equal(v, m, sizeof m);
  mge_alloy_desc d;
  assert_int_equal(mge_alloy_describe(&c, &d, &e), MGE_OK);
  const double *a = v + MGE_MAGPIE_FEATURES;
  assert_true(a[0] == d.molar_mass_g_mol);
  assert_true(a[4] == d.dHmix_kJ_mol || (isnan(a[4]) && isnan(d.dHmix_kJ_mol)));
  assert_true(a[6] == d.vec);
  /* A parse error leaves out untouched and carries the column. */
  v[0] = 42;
  assert_int_equal(mge_featurize_text(f, "FeXx2", v, &e), MGE_E_INPUT);
  assert_true(v[0] == 42);
  assert_int_equal(e.column, 3);
  c.n = 0;
  assert_int_equal(mge_featurize_comp(f, &c, v, &e), MGE_E_INPUT);
  mge_featurizer_free(f);
}

/* Run the stream on text; returns the status, output in *out (malloc'd). */
static int run(const char *in, const mge_featurize_csv_opts *o, char **out,
               mge_featurize_csv_stats *st, mge_error *e) {
  FILE *fi = fmemopen((void *)in, strlen(in), "rb");
  size_t len;
  FILE *fo = open_memstream(out, &len);
  assert_non_null(fi);
  assert_non_null(fo);
  int rc = mge_featurize_csv(fi, "in.csv", fo, o, st, e);
  fclose(fi);
  fclose(fo);
  return rc;
}

static char *big_input(int rows) {
  static const char *const f[] = {
      "Fe2O3",           "NaCl",       "AlCoCrFeNi", "Qq", "\"Ni3Al\"", "",
      "Al0.5CoCrCuFeNi", "Mg-9Al-1Zn", "CuSO4*5H2O", "W"};
  char *s = malloc((size_t)rows * 40 + 64), *p = s;
  p += sprintf(p, "id,comp,tail\n");
  for (int i = 0; i < rows; i++)
    p += sprintf(p, "%d,%s,\"t,%d\"\r\n", i, f[i % 10], i);
  return s;
}

static void test_stream_threads(void **state) {
  (void)state;
  char *in = big_input(5000);
  mge_featurize_csv_opts o;
  mge_featurize_csv_opts_init(&o);
  o.column = "comp";
  o.set = MGE_FEATURES_ALL;
  o.chunk_rows = 37; /* many chunks */
  char *ref = NULL;
  mge_featurize_csv_stats st;
  mge_error e;
  assert_int_equal(run(in, &o, &ref, &st, &e), MGE_OK);
  assert_int_equal(st.rows, 5000);
  assert_int_equal(st.rows_failed, 1000); /* "Qq" and "" */
  const int threads[] = {2, 3, 8};
  for (int k = 0; k < 3; k++) {
    char *got = NULL;
    o.threads = threads[k];
    assert_int_equal(run(in, &o, &got, &st, &e), MGE_OK);
    assert_int_equal(st.rows, 5000);
    assert_string_equal(got, ref);
    free(got);
  }
  /* Rows keep their text and order. */
  const char *r3 = strstr(ref, "\n3,Qq,\"t,3\",,");
  assert_non_null(r3);
  assert_non_null(strstr(r3, "unknown element"));
  assert_non_null(strstr(ref, "\n5,,\"t,5\","));
  free(ref);
  free(in);
}

static void test_stream_errors(void **state) {
  (void)state;
  mge_featurize_csv_opts o;
  mge_featurize_csv_opts_init(&o);
  o.column = "c";
  o.set = MGE_FEATURES_ALLOY;
  char *out = NULL;
  mge_featurize_csv_stats st;
  mge_error e;
  for (int t = 1; t <= 2; t++) {
    o.threads = t;
    o.chunk_rows = 2;
    /* A malformed record after three good ones: they are written, the error
     * names file:line:column. */
    assert_int_equal(run("c\nFe\nNi\nCr\nC\"o\nW\n", &o, &out, &st, &e),
                     MGE_E_INPUT);
    assert_string_equal(e.source, "in.csv");
    assert_int_equal(e.line, 5);
    assert_int_equal(e.column, 2);
    assert_int_equal(st.rows, 3);
    int lines = 0;
    for (char *p = out; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 4);
    free(out);
  }
  o.threads = 1;
  /* A NUL byte inside a composition fails that row only. */
  static const char nul[] = "c\nFe\0Ni\nCr\n";
  FILE *fi = fmemopen((void *)nul, sizeof nul - 1, "rb");
  size_t olen;
  FILE *fo = open_memstream(&out, &olen);
  assert_int_equal(mge_featurize_csv(fi, "in.csv", fo, &o, &st, &e), MGE_OK);
  fclose(fi);
  fclose(fo);
  assert_int_equal(st.rows, 2);
  assert_int_equal(st.rows_failed, 1);
  assert_non_null(strstr(out + strlen(out) + 1, "NUL character"));
  free(out);
  assert_int_equal(run("", &o, &out, &st, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "header"));
  free(out);
  assert_int_equal(run("a,b\n1,2\n", &o, &out, &st, &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "no column 'c'"));
  free(out);
  o.max_record = 16;
  assert_int_equal(run("c\nFe\nAlCoCrFeNiCuTiVMoW\n", &o, &out, &st, &e),
                   MGE_E_LIMIT);
  free(out);
  o.max_record = 0;
  o.threads = 0;
  assert_int_equal(run("c\nFe\n", &o, &out, &st, &e), MGE_E_INPUT);
  free(out);
  o.threads = 1;
  o.column = NULL;
  assert_int_equal(run("c\nFe\n", &o, &out, &st, &e), MGE_E_INPUT);
  free(out);
}

/* A full disk: MGE_E_IO, whatever the thread count. */
static void test_write_failure(void **state) {
  (void)state;
  FILE *full = fopen("/dev/full", "wb");
  if (!full) skip();
  setvbuf(full, NULL, _IONBF, 0);
  char *in = big_input(3000);
  mge_featurize_csv_opts o;
  mge_featurize_csv_opts_init(&o);
  o.column = "comp";
  o.chunk_rows = 50;
  for (int t = 1; t <= 4; t += 3) {
    o.threads = t;
    FILE *fi = fmemopen(in, strlen(in), "rb");
    mge_error e;
    mge_featurize_csv_stats st;
    assert_int_equal(mge_featurize_csv(fi, "in.csv", full, &o, &st, &e),
                     MGE_E_IO);
    assert_int_equal(st.rows, 0);
    fclose(fi);
    clearerr(full);
  }
  fclose(full);
  free(in);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_sets),
                                     cmocka_unit_test(test_vectors),
                                     cmocka_unit_test(test_stream_threads),
                                     cmocka_unit_test(test_stream_errors),
                                     cmocka_unit_test(test_write_failure)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
