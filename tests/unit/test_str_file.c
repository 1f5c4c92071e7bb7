/* Tests of the string builder (src/core/str.c) and of atomic output files
 * (src/core/file.c): appends of every kind, growth, the error state, and
 * commit / abort / failed writes that leave the old file as it was; the
 * whole-file reader; edit distances and nearest names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mge/file.h"
#include "mge/str.h"

static void test_str_append(void **st) {
  (void)st;
  mge_str *b = mge_str_new();
  assert_non_null(b);
  assert_int_equal(mge_str_length(b), 0);
  assert_string_equal(mge_str_value(b), "");
  mge_str_append(b, "abc", 2);
  mge_str_appendall(b, "-");
  mge_str_appendall(b, NULL);
  mge_str_appendchar(b, 3, 'x');
  mge_str_printf(b, "%d|%.2f|%s", 42, 1.5, "q");
  assert_string_equal(mge_str_value(b), "ab-xxx42|1.50|q");
  assert_int_equal(mge_str_length(b), 15);
  assert_int_equal(mge_str_errcode(b), MGE_OK);
  /* growth far past the first buffer, in pieces larger and smaller than it */
  for (int i = 0; i < 10000; i++) mge_str_printf(b, "%05d", i);
  mge_str_appendchar(b, 5000, 'y');
  assert_int_equal(mge_str_length(b), 15 + 50000 + 5000);
  const char *v = mge_str_value(b);
  assert_memory_equal(v + 15, "00000000010000200003", 20);
  assert_memory_equal(v + 15 + 5 * 9999, "09999y", 6);
  assert_int_equal(v[mge_str_length(b)], '\0');
  size_t len = 0;
  char *s = mge_str_finish(b, &len);
  assert_non_null(s);
  assert_int_equal(len, 55015);
  assert_int_equal(strlen(s), len);
  free(s);
}

static void test_str_reset_empty(void **st) {
  (void)st;
  mge_str *b = mge_str_new();
  size_t len = 9;
  char *s = mge_str_finish(b, &len); /* nothing appended: "" */
  assert_non_null(s);
  assert_string_equal(s, "");
  assert_int_equal(len, 0);
  free(s);
  b = mge_str_new();
  mge_str_appendall(b, "old");
  mge_str_reset(b);
  mge_str_appendall(b, "new");
  assert_string_equal(mge_str_value(b), "new");
  mge_str_free(b);
  mge_str_free(NULL);
}

static void test_str_error_state(void **st) {
  (void)st;
  /* NULL is a builder in the error state */
  mge_str_appendall(NULL, "x");
  mge_str_printf(NULL, "%d", 1);
  assert_int_equal(mge_str_errcode(NULL), MGE_E_NOMEM);
  assert_int_equal(mge_str_length(NULL), 0);
  assert_string_equal(mge_str_value(NULL), "");
  assert_null(mge_str_finish(NULL, NULL));
  /* a size that cannot be had stops the builder; later appends do nothing */
  mge_str *b = mge_str_new();
  mge_str_appendall(b, "abc");
  mge_str_appendchar(b, SIZE_MAX - 2, 'z');
  assert_int_equal(mge_str_errcode(b), MGE_E_NOMEM);
  mge_str_appendall(b, "more");
  assert_int_equal(mge_str_length(b), 0);
  assert_string_equal(mge_str_value(b), "");
  size_t len = 7;
  assert_null(mge_str_finish(b, &len));
  assert_int_equal(len, 0);
  /* reset clears the error */
  b = mge_str_new();
  mge_str_appendchar(b, SIZE_MAX, 'z');
  assert_int_equal(mge_str_errcode(b), MGE_E_NOMEM);
  mge_str_reset(b);
  mge_str_appendall(b, "ok");
  assert_int_equal(mge_str_errcode(b), MGE_OK);
  char *s = mge_str_finish(b, NULL);
  assert_string_equal(s, "ok");
  free(s);
}

/* ------------------------------------------------------------- files */

static char dir[64];

static int setup(void **st) {
  (void)st;
  snprintf(dir, sizeof dir, "/tmp/mge_test_file_XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st) {
  (void)st;
  DIR *d = opendir(dir);
  struct dirent *e;
  char p[512];
  while (d && (e = readdir(d)))
    if (e->d_name[0] != '.') {
      snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
      remove(p);
    }
  if (d) closedir(d);
  return rmdir(dir);
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  static char buf[4096];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

static int n_entries(void) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  while (d && (e = readdir(d)))
    if (e->d_name[0] != '.') n++;
  if (d) closedir(d);
  return n;
}

static void test_file_write(void **st) {
  (void)st;
  char p[128];
  snprintf(p, sizeof p, "%s/a.txt", dir);
  mge_error err;
  assert_int_equal(mge_file_write(p, "first\n", 6, &err), MGE_OK);
  assert_string_equal(slurp(p), "first\n");
  chmod(p, 0640);
  assert_int_equal(mge_file_write(p, "second\n", 7, &err), MGE_OK);
  assert_string_equal(slurp(p), "second\n");
  struct stat s;
  assert_int_equal(stat(p, &s), 0);
  assert_int_equal(s.st_mode & 0777, 0640); /* the old file's mode kept */
  assert_int_equal(n_entries(), 1);         /* no temporary left */
  assert_int_equal(mge_file_write(p, "", 0, &err), MGE_OK);
  assert_string_equal(slurp(p), "");
  assert_int_equal(mge_file_write("", "x", 1, &err), MGE_E_INPUT);
  remove(p);
}

static void test_file_commit_abort(void **st) {
  (void)st;
  char p[128];
  snprintf(p, sizeof p, "%s/b.csv", dir);
  mge_error err;
  assert_int_equal(mge_file_write(p, "old\n", 4, &err), MGE_OK);
  mge_file *h = NULL;
  assert_int_equal(mge_file_open(p, &h, &err), MGE_OK);
  assert_string_equal(mge_file_path(h), p);
  FILE *f = mge_file_stream(h);
  for (int i = 0; i < 1000; i++) fprintf(f, "%d\n", i);
  /* not yet visible: the target is the old file, a temporary beside it */
  assert_string_equal(slurp(p), "old\n");
  assert_int_equal(n_entries(), 2);
  mge_file_abort(h);
  assert_string_equal(slurp(p), "old\n");
  assert_int_equal(n_entries(), 1);
  mge_file_abort(NULL);
  /* two handles at once get two temporaries; the last commit wins */
  mge_file *h1, *h2;
  assert_int_equal(mge_file_open(p, &h1, &err), MGE_OK);
  assert_int_equal(mge_file_open(p, &h2, &err), MGE_OK);
  assert_int_equal(n_entries(), 3);
  fputs("one\n", mge_file_stream(h1));
  fputs("two\n", mge_file_stream(h2));
  assert_int_equal(mge_file_commit(h1, &err), MGE_OK);
  assert_string_equal(slurp(p), "one\n");
  assert_int_equal(mge_file_commit(h2, &err), MGE_OK);
  assert_string_equal(slurp(p), "two\n");
  assert_int_equal(n_entries(), 1);
  assert_int_equal(mge_file_commit(NULL, &err), MGE_E_INPUT);
}

static void test_file_failures(void **st) {
  (void)st;
  char p[128];
  mge_error err;
  /* a folder that is not there: nothing is created */
  snprintf(p, sizeof p, "%s/missing/c.txt", dir);
  mge_file *h = (mge_file *)&err;
  assert_int_equal(mge_file_open(p, &h, &err), MGE_E_IO);
  assert_null(h);
  assert_string_equal(err.source, p);
  assert_non_null(strstr(err.message, "No such file"));
  assert_int_equal(mge_file_write(p, "x", 1, &err), MGE_E_IO);
  /* a device that refuses the bytes: the error comes at commit */
  if (access("/dev/full", W_OK) == 0) {
    assert_int_equal(mge_file_open("/dev/full", &h, &err), MGE_OK);
    for (int i = 0; i < 10000; i++) fputs("0123456789", mge_file_stream(h));
    assert_int_equal(mge_file_commit(h, &err), MGE_E_IO);
    assert_string_equal(err.source, "/dev/full");
    assert_int_equal(mge_file_write("/dev/full", "x", 1, &err), MGE_E_IO);
  }
  /* a rename that cannot happen (the target is a folder): the old content
   * and the folder stay, the temporary goes */
  snprintf(p, sizeof p, "%s/sub", dir);
  assert_int_equal(mkdir(p, 0755), 0);
  assert_int_equal(mge_file_write(p, "x", 1, &err), MGE_E_IO);
  struct stat s;
  assert_int_equal(stat(p, &s), 0);
  assert_true(S_ISDIR(s.st_mode));
  assert_int_equal(n_entries(), 2); /* b.csv from before, and sub */
  rmdir(p);
}

static void test_file_read_all(void **st) {
  (void)st;
  char p[512], *buf = (char *)1;
  size_t len = 9;
  mge_error err = {0};
  /* a file written by mge_file_write comes back byte for byte, NULs too */
  snprintf(p, sizeof p, "%s/r.txt", dir);
  assert_int_equal(mge_file_write(p, "ab\0cd", 5, &err), 0);
  assert_int_equal(mge_file_read_all(p, 5, &buf, &len, &err), 0);
  assert_int_equal(len, 5);
  assert_memory_equal(buf, "ab\0cd", 6); /* and the NUL after it */
  free(buf);
  /* one byte over the limit */
  assert_int_equal(mge_file_read_all(p, 4, &buf, &len, &err), MGE_E_LIMIT);
  assert_null(buf);
  assert_int_equal(len, 0);
  assert_string_equal(err.source, p);
  assert_string_equal(err.message, "file larger than 4 bytes");
  /* an empty file is "" */
  assert_int_equal(mge_file_write(p, "", 0, &err), 0);
  assert_int_equal(mge_file_read_all(p, 0, &buf, NULL, &err), 0);
  assert_string_equal(buf, "");
  free(buf);
  /* past the first 64 KiB block, with no limit to speak of */
  size_t big = 300000;
  char *text = malloc(big);
  assert_non_null(text);
  for (size_t i = 0; i < big; i++) text[i] = (char)('a' + i % 26);
  assert_int_equal(mge_file_write(p, text, big, &err), 0);
  assert_int_equal(mge_file_read_all(p, SIZE_MAX, &buf, &len, &err), 0);
  assert_int_equal(len, big);
  assert_memory_equal(buf, text, big);
  assert_int_equal(buf[big], '\0');
  free(buf);
  assert_int_equal(mge_file_read_all(p, big, &buf, &len, &err), 0);
  free(buf);
  assert_int_equal(mge_file_read_all(p, big - 1, &buf, &len, &err),
                   MGE_E_LIMIT);
  free(text);
  /* a missing file: bad input, naming it */
  snprintf(p, sizeof p, "%s/none.txt", dir);
  assert_int_equal(mge_file_read_all(p, 10, &buf, &len, &err), MGE_E_INPUT);
  assert_null(buf);
  assert_string_equal(err.source, p);
  assert_non_null(strstr(err.message, "cannot open: "));
  assert_int_equal(mge_file_read_all("", 10, &buf, &len, &err), MGE_E_INPUT);
  assert_int_equal(mge_file_read_all(NULL, 10, &buf, &len, &err), MGE_E_INPUT);
  /* a folder given as the file is bad input (exit 2), not an I/O failure */
  snprintf(p, sizeof p, "%s/sub2", dir);
  assert_int_equal(mkdir(p, 0700), 0);
  assert_int_equal(mge_file_read_all(p, 10, &buf, &len, &err), MGE_E_INPUT);
  assert_string_equal(err.message, "is a directory, not a file");
  assert_string_equal(err.source, p);
  rmdir(p);
}

/* Distances worked by hand: kitten/sitting is the textbook Levenshtein
 * example (3); "ca"/"abc" is 3 in optimal string alignment (a swap is not
 * edited again), 2 in unrestricted Damerau distance. */
static void test_edit_distance(void **st) {
  (void)st;
  assert_int_equal(mge_edit_distance("kitten", 6, "sitting", 7), 3);
  assert_int_equal(mge_edit_distance("", 0, "abc", 3), 3);
  assert_int_equal(mge_edit_distance("abc", 3, "", 0), 3);
  assert_int_equal(mge_edit_distance(NULL, 0, NULL, 0), 0);
  assert_int_equal(mge_edit_distance("FeNi", 4, "feni", 4), 0); /* case */
  assert_int_equal(mge_edit_distance("Oc", 2, "Co", 2), 1);     /* swap */
  assert_int_equal(mge_edit_distance("elemnets", 8, "elements", 8), 1);
  assert_int_equal(mge_edit_distance("ca", 2, "abc", 3), 3);
  assert_int_equal(mge_edit_distance("Fee", 2, "Fe", 2), 0); /* lengths */
  char big[MGE_EDIT_MAX + 2];
  memset(big, 'a', sizeof big);
  assert_int_equal(mge_edit_distance(big, MGE_EDIT_MAX, big, 1),
                   MGE_EDIT_MAX - 1);
  assert_true(mge_edit_distance(big, MGE_EDIT_MAX + 1, big, 1) == SIZE_MAX);
  assert_true(mge_edit_distance(NULL, 1, "a", 1) == SIZE_MAX);
}

static void test_nearest(void **st) {
  (void)st;
  const char *const names[] = {"thermo", "elements", NULL, "db", "design"};
  /* scaled: 1 + strlen(candidate) / 5 edits, fewer than the name's length */
  assert_string_equal(mge_nearest("therm", names, 5, MGE_NEAREST_SCALED),
                      "thermo");
  assert_string_equal(mge_nearest("ELEMNETS", names, 5, MGE_NEAREST_SCALED),
                      "elements");
  assert_string_equal(mge_nearest("dv", names, 5, MGE_NEAREST_SCALED), "db");
  assert_null(mge_nearest("x", names, 5, MGE_NEAREST_SCALED));
  /* 3 edits from thermo, which allows 1 + 6 / 5 = 2 scaled */
  assert_null(mge_nearest("tharmxx", names, 5, MGE_NEAREST_SCALED));
  assert_string_equal(mge_nearest("tharmxx", names, 5, 3), "thermo");
  /* ties go to the earlier candidate */
  const char *const two[] = {"ab", "ac"};
  assert_string_equal(mge_nearest("ax", two, 2, 1), "ab");
  assert_string_equal(mge_nearest("ax", two + 1, 1, 1), "ac");
  assert_null(mge_nearest(NULL, names, 5, 3));
  assert_null(mge_nearest("db", NULL, 5, 3));
  assert_null(mge_nearest("db", names, 0, 3));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_str_append),
      cmocka_unit_test(test_str_reset_empty),
      cmocka_unit_test(test_str_error_state),
      cmocka_unit_test(test_file_write),
      cmocka_unit_test(test_file_commit_abort),
      cmocka_unit_test(test_file_failures),
      cmocka_unit_test(test_file_read_all),
      cmocka_unit_test(test_edit_distance),
      cmocka_unit_test(test_nearest),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
