/* The streaming CSV reader of src/featurize (RFC 4180). Every input is read
 * with several read sizes (1 byte at a time up to all at once), so that
 * records cut at every position by the read blocks are covered. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "mge/csv.h"

typedef struct mem {
  const char *s;
  size_t len, at, step;
} mem;

static long mem_read(void *ctx, char *dst, size_t cap) {
  mem *m = ctx;
  size_t n = m->len - m->at;
  if (n > cap) n = cap;
  if (n > m->step) n = m->step;
  memcpy(dst, m->s + m->at, n);
  m->at += n;
  return (long)n;
}

static const size_t steps[] = {1, 2, 3, 7, 1 << 20};

/* Read all records of s with want = -1 and render them as
 * "field|field;field|field;" with the line of each record "@L". */
static int render(const char *s, size_t len, size_t step, char *out, size_t cap,
                  mge_error *err) {
  mem m = {s, len, 0, step};
  mge_csv *r = mge_csv_new(mem_read, &m, "t.csv", 64);
  assert_non_null(r);
  size_t at = 0;
  out[0] = 0;
  mge_csv_rec rec;
  int rc;
  while ((rc = mge_csv_next(r, -1, &rec, err)) == 1) {
    at += (size_t)snprintf(out + at, cap - at, "@%ld:", rec.line);
    for (int i = 0; i < rec.nfield; i++)
      at += (size_t)snprintf(out + at, cap - at, "%s%s", i ? "|" : "",
                             rec.field[i]);
    at += (size_t)snprintf(out + at, cap - at, "[%.*s];", (int)rec.raw_len,
                           rec.raw);
  }
  mge_csv_free(r);
  return rc;
}

static void expect(const char *in, const char *want) {
  for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
    char got[2048];
    mge_error e;
    mge_error_clear(&e);
    int rc = render(in, strlen(in), steps[k], got, sizeof got, &e);
    if (rc != 0) fail_msg("step %zu: error %s", steps[k], e.message);
    if (strcmp(got, want) != 0)
      fail_msg("step %zu:\n got  %s\n want %s", steps[k], got, want);
  }
}

static void expect_error(const char *in, int code, int line, int col,
                         const char *part) {
  for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
    char got[2048];
    mge_error e;
    mge_error_clear(&e);
    int rc = render(in, strlen(in), steps[k], got, sizeof got, &e);
    assert_int_equal(rc, -code);
    assert_int_equal(e.code, code);
    assert_string_equal(e.source, "t.csv");
    if (e.line != line || e.column != col)
      fail_msg("step %zu: %s at %d:%d, want %d:%d", steps[k], e.message, e.line,
               e.column, line, col);
    assert_non_null(strstr(e.message, part));
  }
}

static void test_plain(void **state) {
  (void)state;
  expect("a,b\n1,2\n", "@1:a|b[a,b];@2:1|2[1,2];");
  expect("a,b\r\n1,2\r\n", "@1:a|b[a,b];@2:1|2[1,2];");
  expect("a,b\r1,2\r", "@1:a|b[a,b];@2:1|2[1,2];");
  expect("a,b\n1,2", "@1:a|b[a,b];@2:1|2[1,2];"); /* no final line end */
  expect("a,,c\n,,\n", "@1:a||c[a,,c];@2:||[,,];");
  expect("", "");
  expect("\n\r\n\n", "");
  expect("a\n\n\r\nb\n\n", "@1:a[a];@4:b[b];"); /* empty lines skipped */
}

static void test_quoted(void **state) {
  (void)state;
  expect("\"a,b\",c\n", "@1:a,b|c[\"a,b\",c];");
  expect("\"say \"\"hi\"\"\",x\n", "@1:say \"hi\"|x[\"say \"\"hi\"\"\",x];");
  expect("\"two\nlines\",x\r\ny,z\n",
         "@1:two\nlines|x[\"two\nlines\",x];@3:y|z[y,z];");
  expect("\"\",\"\"\n", "@1:|[\"\",\"\"];");
  expect("\"crlf\r\ninside\"\n", "@1:crlf\r\ninside[\"crlf\r\ninside\"];");
  expect("\"end\"", "@1:end[\"end\"];");
  expect("\"\"\"\"", "@1:\"[\"\"\"\"];");
}

static void test_malformed(void **state) {
  (void)state;
  expect_error("a,b\n1,x\"y\n", MGE_E_INPUT, 2, 4, "quote inside");
  expect_error("a,b\n\"1\"x,2\n", MGE_E_INPUT, 2, 4, "after the closing");
  expect_error("a,b\n1,\"open\n\n", MGE_E_INPUT, 2, 3, "not closed");
  expect_error("h\n\"a\nb\"c\n", MGE_E_INPUT, 3, 3, "after the closing");
  /* max_record is 64 in render() */
  char big[200];
  memset(big, 'x', sizeof big);
  big[sizeof big - 1] = 0;
  expect_error(big, MGE_E_LIMIT, 1, 1, "longer than 64");
  char open[300] = "\"";
  memset(open + 1, 'y', 250);
  expect_error(open, MGE_E_LIMIT, 1, 1, "longer than 64");
}

/* want >= 0 unescapes only that field. */
static void test_want(void **state) {
  (void)state;
  const char *in = "id,comp,note\n1,\"Fe2O3\",\"a, b\"\n2,NaCl\n";
  mem m = {in, strlen(in), 0, 5};
  mge_csv *r = mge_csv_new(mem_read, &m, "t.csv", 0);
  mge_csv_rec rec;
  mge_error e;
  assert_int_equal(mge_csv_next(r, 1, &rec, &e), 1);
  assert_int_equal(rec.nfields, 3);
  assert_string_equal(rec.field[0], "comp");
  assert_int_equal(mge_csv_next(r, 1, &rec, &e), 1);
  assert_int_equal(rec.nfield, 1);
  assert_string_equal(rec.field[0], "Fe2O3");
  assert_int_equal(rec.field_len[0], 5);
  assert_int_equal(mge_csv_next(r, 2, &rec, &e), 1);
  assert_int_equal(rec.nfields, 2);
  assert_string_equal(rec.field[0], ""); /* short record */
  assert_int_equal(mge_csv_next(r, 1, &rec, &e), 0);
  mge_csv_free(r);
  /* The first record already too short for the wanted field. */
  m = (mem){"a\nb,c\n", 7, 0, 3};
  r = mge_csv_new(mem_read, &m, "t.csv", 0);
  assert_int_equal(mge_csv_next(r, 1, &rec, &e), 1);
  assert_int_equal(rec.nfields, 1);
  assert_string_equal(rec.field[0], "");
  assert_int_equal(mge_csv_next(r, 1, &rec, &e), 1);
  assert_string_equal(rec.field[0], "c");
  mge_csv_free(r);
}

static void test_escape(void **state) {
  (void)state;
  char b[64];
  size_t n = mge_csv_escape(b, "plain", 5);
  assert_memory_equal(b, "plain", n);
  n = mge_csv_escape(b, "a,\"b\"", 5);
  b[n] = 0;
  assert_string_equal(b, "\"a,\"\"b\"\"\"");
  n = mge_csv_escape(b, "x\ny", 3);
  b[n] = 0;
  assert_string_equal(b, "\"x\ny\"");
}

/* A folder given as the file: bad input naming it, not a read failure. */
static void test_directory(void **state) {
  (void)state;
  mge_csv_table t;
  mge_error err;
  mge_error_clear(&err);
  assert_int_equal(mge_csv_table_read(".", &t, &err), MGE_E_INPUT);
  assert_string_equal(err.source, ".");
  assert_string_equal(err.message, "is a directory, not a file");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain),     cmocka_unit_test(test_quoted),
      cmocka_unit_test(test_malformed), cmocka_unit_test(test_want),
      cmocka_unit_test(test_escape),    cmocka_unit_test(test_directory)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
