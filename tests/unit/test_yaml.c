/* The YAML readers of src/core/yaml.c: positions, bounded scalars,
 * numbers, whole numbers, booleans, quantities with units (both the
 * `E: 72 GPa` form and the old `E_GPa: 72` keys), mappings, and the checks
 * before libfyaml sees the text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>
#include <libfyaml.h>
#include <math.h>

#include "mge/yaml.h"

typedef struct doc {
  struct fy_document *d;
  struct fy_node *root;
  mge_error err;
  mge_yaml_ctx y;
} doc;

static void doc_open(doc *D, const char *text) {
  mge_error_clear(&D->err);
  D->y.source = "t.yaml";
  D->y.text = text;
  D->y.len = strlen(text);
  D->y.err = &D->err;
  assert_int_equal(
      mge_yaml_doc_parse(text, strlen(text), "t.yaml", &D->d, &D->err), 0);
  D->root = fy_document_root(D->d);
  assert_non_null(D->root);
}

static struct fy_node *val(doc *D, const char *key) {
  struct fy_node *v = mge_yaml_lookup(&D->y, D->root, key, NULL);
  assert_non_null(v);
  return v;
}

static void expect_err(doc *D, int rc, int line, int col, const char *part) {
  assert_int_equal(rc, MGE_E_INPUT);
  assert_int_equal(D->err.code, MGE_E_INPUT);
  assert_string_equal(D->err.source, "t.yaml");
  if (D->err.line != line || D->err.column != col ||
      !strstr(D->err.message, part))
    fail_msg("got %d:%d '%s', want %d:%d '%s'", D->err.line, D->err.column,
             D->err.message, line, col, part);
  mge_error_clear(&D->err);
}

static void test_text_checks(void **st) {
  (void)st;
  mge_error e;
  assert_int_equal(mge_yaml_check_text("a: 1\nb: é\n", 11, "x", &e), 0);
  assert_int_equal(mge_yaml_check_text("a: 1\n%YAML 1.2\n", 15, "x", &e),
                   MGE_E_INPUT);
  assert_int_equal(e.line, 2);
  assert_int_equal(e.column, 1);
  assert_int_equal(mge_yaml_check_text("a: \x01", 4, "x", &e), MGE_E_INPUT);
  assert_int_equal(e.column, 4);
  assert_int_equal(mge_yaml_check_text("a: \xff", 4, "x", &e), MGE_E_INPUT);
  assert_non_null(strstr(e.message, "UTF-8"));
  assert_int_equal(mge_yaml_check_text("a: \xc3", 4, "x", &e), MGE_E_INPUT);

  struct fy_document *d = NULL;
  const char *bad = "a: [1, 2\nb: 3\n";
  assert_int_equal(mge_yaml_doc_parse(bad, strlen(bad), "b.yaml", &d, &e),
                   MGE_E_INPUT);
  assert_null(d);
  assert_string_equal(e.source, "b.yaml");
  assert_true(e.line >= 1);
  assert_non_null(strstr(e.message, "YAML: "));
  mge_yaml_doc_free(NULL);
}

static void test_scalars(void **st) {
  (void)st;
  doc D;
  doc_open(&D,
           "name:  plain  \n"
           "q: 'quoted'\n"
           "esc: \"a\\tb\"\n"
           "blk: |\n  text\n"
           "list: [1, 2]\n"
           "long: abcdefghij\n"
           "ref: &r x\n"
           "alias: *r\n");
  char buf[64];
  assert_int_equal(mge_yaml_scalar(&D.y, val(&D, "name"), "name", buf, 64), 0);
  assert_string_equal(buf, "plain");
  int line, col;
  mge_yaml_pos(val(&D, "name"), &line, &col);
  assert_int_equal(line, 1);
  assert_int_equal(col, 8);
  mge_yaml_pos(val(&D, "list"), &line, &col); /* its first scalar */
  assert_int_equal(line, 6);
  assert_int_equal(col, 8);
  mge_yaml_pos(NULL, &line, &col);
  assert_int_equal(line + col, 0);
  assert_int_equal(mge_yaml_scalar(&D.y, val(&D, "q"), "q", buf, 64), 0);
  assert_string_equal(buf, "quoted");
  expect_err(&D, mge_yaml_scalar(&D.y, val(&D, "esc"), "esc", buf, 64), 3, 7,
             "esc: write the value on one line");
  expect_err(&D, mge_yaml_scalar(&D.y, val(&D, "blk"), "blk", buf, 64), 5, 1,
             "without escapes or block style");
  expect_err(&D, mge_yaml_scalar(&D.y, val(&D, "list"), "list", buf, 64), 6, 8,
             "list: expected a single value");
  expect_err(&D, mge_yaml_scalar(&D.y, val(&D, "long"), "long", buf, 10), 7, 7,
             "long: value longer than 9 characters");
  assert_int_equal(mge_yaml_scalar(&D.y, val(&D, "long"), "long", buf, 11), 0);
  expect_err(&D, mge_yaml_scalar(&D.y, val(&D, "alias"), "alias", buf, 64), 9,
             9, "alias: aliases are not supported");
  mge_yaml_doc_free(D.d);
}

static void test_numbers(void **st) {
  (void)st;
  doc D;
  doc_open(&D,
           "a: 1.5e3\nb: 0x10\nc: abc\nd: 1e999\ne: 7\nf: 7.5\ng: -1\n"
           "t: yes\nu: false\nv: maybe\n");
  double v;
  uint64_t k;
  int b;
  assert_int_equal(mge_yaml_number(&D.y, val(&D, "a"), "a", &v), 0);
  assert_true(v == 1500.0);
  expect_err(&D, mge_yaml_number(&D.y, val(&D, "b"), "b", &v), 2, 4,
             "'0x10' is not a decimal number");
  expect_err(&D, mge_yaml_number(&D.y, val(&D, "c"), "c", &v), 3, 4,
             "c: 'abc' is not a number");
  expect_err(&D, mge_yaml_number(&D.y, val(&D, "d"), "d", &v), 4, 4,
             "not a finite number");
  assert_int_equal(mge_yaml_integer(&D.y, val(&D, "e"), "e", 1, 7, &k), 0);
  assert_int_equal(k, 7);
  expect_err(&D, mge_yaml_integer(&D.y, val(&D, "e"), "e", 1, 6, &k), 5, 4,
             "e: expected a whole number in [1, 6]");
  expect_err(&D, mge_yaml_integer(&D.y, val(&D, "f"), "f", 0, 64, &k), 6, 4,
             "whole number");
  expect_err(&D, mge_yaml_integer(&D.y, val(&D, "g"), "g", 0, 64, &k), 7, 4,
             "[0, 64]");
  assert_int_equal(mge_yaml_bool(&D.y, val(&D, "t"), "t", &b), 0);
  assert_int_equal(b, 1);
  assert_int_equal(mge_yaml_bool(&D.y, val(&D, "u"), "u", &b), 0);
  assert_int_equal(b, 0);
  expect_err(&D, mge_yaml_bool(&D.y, val(&D, "v"), "v", &b), 10, 4,
             "v: expected true or false, not 'maybe'");
  mge_yaml_doc_free(D.d);
}

static void test_quantities(void **st) {
  (void)st;
  doc D;
  doc_open(&D,
           "E: 72 GPa\nbare: 72\nlen: 3 m\nbad: 3 parsec\nt: 0.125 mm\n"
           "E_GPa: 70\nT_C: 100\nE_m: 1\nE_xyz: 2\nE_MPa: abc\n");
  double v = 0.0;
  assert_int_equal(mge_yaml_quantity(&D.y, val(&D, "E"), "E", "Pa", &v), 0);
  assert_true(fabs(v - 72e9) < 1e-3);
  assert_int_equal(mge_yaml_quantity(&D.y, val(&D, "t"), "t", "m", &v), 0);
  assert_true(fabs(v - 0.125e-3) < 1e-15);
  expect_err(&D, mge_yaml_quantity(&D.y, val(&D, "bare"), "bare", "Pa", &v), 2,
             7, "bare: '72' is not in units of Pa");
  expect_err(&D, mge_yaml_quantity(&D.y, val(&D, "len"), "len", "Pa", &v), 3, 6,
             "is not in units of Pa");
  /* a mistake in the unit text is placed inside the scalar */
  assert_int_equal(mge_yaml_quantity(&D.y, val(&D, "bad"), "bad", "m", &v),
                   MGE_E_INPUT);
  assert_int_equal(D.err.line, 4);
  assert_true(D.err.column > 6);
  mge_error_clear(&D.err);

  int matched = -1;
  v = 0.0;
  assert_int_equal(
      mge_yaml_quantity_key(&D.y, "E", val(&D, "E"), "E", "Pa", &matched, &v),
      0);
  assert_int_equal(matched, 1);
  assert_true(fabs(v - 72e9) < 1e-3);
  assert_int_equal(mge_yaml_quantity_key(&D.y, "E_GPa", val(&D, "E_GPa"), "E",
                                         "Pa", &matched, &v),
                   0);
  assert_int_equal(matched, 1);
  assert_true(fabs(v - 70e9) < 1e-3);
  assert_int_equal(mge_yaml_quantity_key(&D.y, "T_C", val(&D, "T_C"), "T", "K",
                                         &matched, &v),
                   0);
  assert_int_equal(matched, 1);
  assert_true(fabs(v - 373.15) < 1e-9);
  /* another dimension, an unknown unit, another name: not this key */
  v = -1.0;
  assert_int_equal(mge_yaml_quantity_key(&D.y, "E_m", val(&D, "E_m"), "E", "Pa",
                                         &matched, &v),
                   0);
  assert_int_equal(matched, 0);
  assert_int_equal(mge_yaml_quantity_key(&D.y, "E_xyz", val(&D, "E_xyz"), "E",
                                         "Pa", &matched, &v),
                   0);
  assert_int_equal(matched, 0);
  assert_int_equal(mge_yaml_quantity_key(&D.y, "bare", val(&D, "bare"), "E",
                                         "Pa", &matched, &v),
                   0);
  assert_int_equal(matched, 0);
  assert_true(v == -1.0);
  /* a matched key with a bad value is an error at the value */
  assert_int_equal(mge_yaml_quantity_key(&D.y, "E_MPa", val(&D, "E_MPa"), "E",
                                         "Pa", &matched, &v),
                   MGE_E_INPUT);
  assert_int_equal(matched, 1);
  expect_err(&D, MGE_E_INPUT, 10, 8, "E_MPa: 'abc' is not a number");
  mge_yaml_doc_free(D.d);
}

static void test_collections(void **st) {
  (void)st;
  doc D;
  doc_open(&D,
           "m: {a: 1, b: [2, 3]}\n"
           "s: [1]\n"
           "k: {[1]: 2}\n"
           "n: {x: }\n"
           "r: &r 1\n"
           "al: {y: *r}\n");
  mge_yaml_map_it it = {0};
  int more;
  char names[8] = "";
  for (;;) {
    assert_int_equal(mge_yaml_map_next(&D.y, val(&D, "m"), &it, &more), 0);
    if (!more) break;
    strcat(names, it.name);
  }
  assert_string_equal(names, "ab");
  struct fy_node *key = NULL;
  struct fy_node *b = mge_yaml_lookup(&D.y, val(&D, "m"), "b", &key);
  assert_non_null(b);
  assert_non_null(key);
  assert_null(mge_yaml_lookup(&D.y, val(&D, "m"), "zz", &key));
  assert_null(key);
  assert_null(mge_yaml_lookup(&D.y, val(&D, "s"), "a", NULL));

  assert_int_equal(mge_yaml_need_seq(&D.y, b, NULL, "b"), 0);
  assert_int_equal(mge_yaml_need_map(&D.y, val(&D, "m"), NULL, "m"), 0);
  expect_err(&D, mge_yaml_need_map(&D.y, val(&D, "s"), NULL, "s"), 2, 5,
             "s: expected a mapping (key: value)");
  expect_err(&D, mge_yaml_need_seq(&D.y, val(&D, "m"), NULL, "m"), 1, 5,
             "m: expected a list");
  struct fy_node *mk = NULL;
  mge_yaml_lookup(&D.y, D.root, "m", &mk);
  expect_err(&D, mge_yaml_need_seq(&D.y, NULL, mk, "m"), 1, 1,
             "m: expected a list");

  mge_yaml_map_it i2 = {0};
  expect_err(&D, mge_yaml_map_next(&D.y, val(&D, "k"), &i2, &more), 3, 6,
             "keys must be plain names");
  /* an empty value is an empty scalar, not a missing one */
  mge_yaml_map_it i3 = {0};
  assert_int_equal(mge_yaml_map_next(&D.y, val(&D, "n"), &i3, &more), 0);
  assert_int_equal(more, 1);
  char buf[8] = "x";
  assert_int_equal(mge_yaml_scalar(&D.y, i3.val, "x", buf, sizeof buf), 0);
  assert_string_equal(buf, "");
  mge_yaml_map_it i4 = {0};
  expect_err(&D, mge_yaml_map_next(&D.y, val(&D, "al"), &i4, &more), 6, 10,
             "y: aliases are not supported");

  /* re-anchoring a sub-parser's column inside a scalar */
  mge_error sub;
  mge_error_set_at(&sub, MGE_E_INPUT, NULL, 1, 3, "bad thing");
  expect_err(&D, mge_yaml_rethrow(&D.y, val(&D, "r"), 1, &sub), 5, 10,
             "bad thing");
  mge_yaml_doc_free(D.d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_text_checks), cmocka_unit_test(test_scalars),
      cmocka_unit_test(test_numbers),     cmocka_unit_test(test_quantities),
      cmocka_unit_test(test_collections),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
