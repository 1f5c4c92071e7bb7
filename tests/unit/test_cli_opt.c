/* The command line's own pieces (cli/): the nearest-name suggestion, the
 * option table (positions, --opt=value, "--", bounds, quantities with
 * units, the generated help) and the record writer (JSON, CSV, table,
 * list). The messages on stderr are checked by tests/cli/help.sh. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* cmocka needs the headers above first */
#include <cmocka.h>

#include "cli.h"
#include "opt.h"
#include "record.h"

/* A stream whose text is read back with done(). */
typedef struct mem {
  char *buf;
  size_t len;
  FILE *f;
} mem;

static FILE *mem_open(mem *m) {
  m->buf = NULL;
  m->len = 0;
  m->f = open_memstream(&m->buf, &m->len);
  assert_non_null(m->f);
  return m->f;
}

static char *done(mem *m) {
  fclose(m->f);
  return m->buf;
}

static void test_nearest(void **state) {
  (void)state;
  static const char *const cmds[] = {"elements", "thermo", "db", "design"};
  assert_string_equal(cli_nearest("therm", cmds, 4), "thermo");
  assert_string_equal(cli_nearest("Thermo", cmds, 4), "thermo");     /* case */
  assert_string_equal(cli_nearest("elemnets", cmds, 4), "elements"); /* swap */
  assert_string_equal(cli_nearest("dv", cmds, 4), "db");
  assert_null(cli_nearest("x", cmds, 4));             /* fewer edits than s */
  assert_null(cli_nearest("nosuchcommand", cmds, 4)); /* too far */
  static const char *const opts[] = {"--threads", "--json", "--db"};
  assert_string_equal(cli_nearest("--thread", opts, 3), "--threads");
  assert_string_equal(cli_nearest("--jsn", opts, 3), "--json");
}

typedef struct vals {
  int json, threads;
  long long seed;
  double beta, T;
  const char *db, *out;
} vals;

static int parse(vals *v, int argc, char **argv, int *npos) {
  memset(v, 0, sizeof *v);
  v->threads = 1;
  v->db = "mge.db";
  cli_opt opt[] = {
      CLI_FLAG("--json", &v->json, "JSON"),
      CLI_INT("--threads", &v->threads, 1, 256, "N", "worker threads"),
      {.name = "--seed",
       .kind = CLI_OPT_LLONG,
       .dst = &v->seed,
       .lo = 0,
       .hi = 9.3e18,
       .arg = "S"},
      {.name = "--beta",
       .kind = CLI_OPT_DOUBLE,
       .dst = &v->beta,
       .lo = 0,
       .hi = 100,
       .flags = CLI_OPT_HI_OPEN,
       .arg = "B"},
      {.name = "--T",
       .kind = CLI_OPT_QTY,
       .dst = &v->T,
       .unit = "K",
       .lo = 0,
       .hi = 1e4,
       .arg = "T"},
      CLI_STR("--db", &v->db, "PATH", "the database"),
      {.name = "--output",
       .alias = "-o",
       .kind = CLI_OPT_STR,
       .dst = &v->out,
       .arg = "F"},
  };
  cli_opts s = CLI_OPTS("test", "usage\n", opt, 10, NULL);
  return cli_opt_parse(&s, argc, argv, npos);
}

#define ARGV(...)                       \
  char *argv[] = {"test", __VA_ARGS__}; \
  int argc = (int)(sizeof argv / sizeof argv[0])

static void test_parse_anywhere(void **state) {
  (void)state;
  vals v;
  int npos;
  ARGV("a", "--json", "b", "--threads", "4", "-o", "-", "--db=x.db", "-", "-5",
       "--", "--json2");
  assert_int_equal(parse(&v, argc, argv, &npos), 0);
  assert_int_equal(v.json, 1);
  assert_int_equal(v.threads, 4);
  assert_string_equal(v.out, "-");
  assert_string_equal(v.db, "x.db");
  assert_int_equal(npos, 5); /* a b - -5 --json2, in order */
  assert_string_equal(argv[1], "a");
  assert_string_equal(argv[2], "b");
  assert_string_equal(argv[3], "-");
  assert_string_equal(argv[4], "-5");
  assert_string_equal(argv[5], "--json2");
}

static void test_parse_refused(void **state) {
  (void)state;
  vals v;
  int npos;
  {
    ARGV("--threads", "0");
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
  {
    ARGV("--threads", "4x");
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
  {
    ARGV("--threads");
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
  {
    ARGV("--thread", "2");
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
  {
    ARGV("--json=1");
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
  {
    ARGV("--beta", "100"); /* open above */
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
  {
    ARGV("--seed", "-1");
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
  {
    ARGV("--seed", "99999999999999999999"); /* overflows long long */
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
  {
    ARGV("--T", "3 m"); /* a length is not a temperature */
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
  {
    ARGV("--T", "-5K"); /* below the bound */
    assert_int_equal(parse(&v, argc, argv, &npos), CLI_USAGE);
  }
}

static void test_parse_values(void **state) {
  (void)state;
  vals v;
  int npos;
  {
    ARGV("--beta", "99.5", "--seed", "12345678901", "--T", "700K");
    assert_int_equal(parse(&v, argc, argv, &npos), 0);
    assert_true(v.beta == 99.5);
    assert_true(v.seed == 12345678901LL);
    assert_true(v.T == 700.0);
  }
  {
    ARGV("--T", "450degC"); /* 450 + 273.15 K */
    assert_int_equal(parse(&v, argc, argv, &npos), 0);
    assert_true(fabs(v.T - 723.15) < 1e-9);
  }
  {
    ARGV("--T=700"); /* a plain number is in the table's unit */
    assert_int_equal(parse(&v, argc, argv, &npos), 0);
    assert_true(v.T == 700.0);
  }
  {
    ARGV("x", "-h", "--threads", "0"); /* help wins, whatever else */
    FILE *keep = stdout;
    mem m;
    stdout = mem_open(&m);
    int rc = parse(&v, argc, argv, &npos);
    free(done(&m));
    stdout = keep;
    assert_int_equal(rc, CLI_OPT_DONE);
  }
}

static void test_help(void **state) {
  (void)state;
  int a = 0, n = 0;
  const char *s = NULL;
  cli_opt opt[] = {
      CLI_FLAG("--json", &a, "all fields as JSON"),
      {.name = "--output",
       .alias = "-o",
       .kind = CLI_OPT_STR,
       .dst = &s,
       .arg = "F",
       .help = "output file\n(default stdout)"},
      CLI_INT("--hidden", &n, 1, 2, "N", NULL),
      CLI_HELP_ROW,
  };
  cli_opts spec = CLI_OPTS("t", "usage: t\n", opt, 14, "end\n");
  char *argv[] = {"t", "--json", "x"};
  int npos;
  assert_int_equal(cli_opt_parse(&spec, 3, argv, &npos), 0);
  assert_true(cli_opt_given(&spec, "--json"));
  assert_false(cli_opt_given(&spec, "--output"));
  assert_int_equal(npos, 1);
  mem m;
  cli_opt_usage(mem_open(&m), &spec);
  char *text = done(&m);
  assert_string_equal(text,
                      "usage: t\n"
                      "  --json         all fields as JSON\n"
                      "  -o, --output F output file\n"
                      "                 (default stdout)\n"
                      "  -h, --help     this help\n"
                      "end\n");
  free(text);
}

/* Arrays inside a record and the formats of fields (cli_rec_arr_begin,
 * cli_rec_fmt, cli_rec_len, cli_rec_elem, cli_rec_get_*): the expected
 * texts are those of the printf formats given. */
static void test_record_arrays(void **state) {
  (void)state;
  cli_record *r = cli_rec_new();
  cli_rec_num(r, "T", "K", 1000);
  cli_rec_fmt(r, "%.2f");
  cli_rec_arr_begin(r, "v");
  cli_rec_num(r, NULL, NULL, 1.5);
  cli_rec_num(r, NULL, NULL, NAN);
  cli_rec_arr_end(r);
  cli_rec_arr_begin(r, "phases");
  for (int k = 0; k < 2; k++) {
    cli_rec_begin(r, NULL);
    cli_rec_str(r, "name", k ? "FCC" : "LIQ");
    cli_rec_num(r, "amount", NULL, k ? 0.75 : 0.25);
    cli_rec_fmt(r, "%10.6f");
    cli_rec_arr_begin(r, "y");
    cli_rec_end(r);
    cli_rec_end(r);
  }
  cli_rec_arr_end(r);
  cli_rec_int(r, "n", 2);
  assert_false(cli_rec_failed(r));

  mem m;
  cli_json j;
  cli_json_init(&j, mem_open(&m), 0);
  cli_rec_json(&j, r);
  char *text = done(&m);
  assert_string_equal(text,
                      "{\"T\":1000,\"v\":[1.5,null],\"phases\":["
                      "{\"name\":\"LIQ\",\"amount\":0.25,\"y\":[]},"
                      "{\"name\":\"FCC\",\"amount\":0.75,\"y\":[]}],"
                      "\"n\":2}");
  free(text);

  /* CSV and the list leave the arrays out and use the field's format. */
  FILE *f = mem_open(&m);
  cli_rec_csv_head(f, r);
  cli_rec_csv_row(f, r);
  cli_rec_list(f, r, NULL, 2, 8, NULL, NULL);
  text = done(&m);
  assert_string_equal(text,
                      "T [K],n\n1000.00,2\n  T   1000.00  K\n  n         2\n");
  free(text);

  /* One table row an element; a column's format goes before the field's. */
  assert_int_equal(cli_rec_len(r, "phases"), 2);
  assert_int_equal(cli_rec_len(r, "v"), 2);
  assert_int_equal(cli_rec_len(r, "none"), 0);
  assert_true(isnan(cli_rec_get_num(r, "amount"))); /* inside an array */
  assert_true(cli_rec_get_num(r, "T") == 1000);
  cli_record *g = cli_rec_new();
  cli_rec_num(g, "AL", NULL, 1);
  cli_rec_begin(g, "MU");
  cli_rec_num(g, "AL", NULL, 2);
  cli_rec_begin(g, "p");
  cli_rec_num(g, "q", NULL, 3);
  cli_rec_end(g);
  cli_rec_end(g);
  cli_rec_num(g, "MU.x", NULL, 4);
  assert_true(cli_rec_get_num(g, "AL") == 1);
  assert_true(cli_rec_get_num(g, "MU.AL") == 2);
  assert_true(cli_rec_get_num(g, "MU.p.q") == 3);
  assert_true(cli_rec_get_num(g, "q") == 3);
  assert_true(cli_rec_get_num(g, "MU.x") == 4); /* the exact name first */
  assert_true(cli_rec_get_num(g, "MU.q") == 3); /* at any depth in MU */
  assert_true(isnan(cli_rec_get_num(g, "MU.z")));
  assert_true(isnan(cli_rec_get_num(g, "M.AL")));
  cli_rec_free(g);
  const cli_rec_col cols[] = {{"name", "phase", -5, NULL, 0, NULL},
                              {"amount", "fraction", 10, NULL, 0, NULL},
                              {"amount", "%", 6, "%.1f", 0, NULL}};
  cli_record *e = cli_rec_new();
  f = mem_open(&m);
  for (size_t k = 0; cli_rec_elem(r, "phases", k, e); k++)
    cli_rec_table_row(f, cols, 3, e);
  assert_false(cli_rec_elem(r, "phases", 2, e));
  text = done(&m);
  assert_string_equal(text,
                      "LIQ     0.250000    0.2\n"
                      "FCC     0.750000    0.8\n");
  free(text);
  assert_true(cli_rec_elem(r, "phases", 1, e));
  assert_string_equal(cli_rec_get_str(e, "name"), "FCC");
  assert_null(cli_rec_get_str(e, "amount"));
  assert_true(cli_rec_elem(r, "v", 0, e));
  assert_true(cli_rec_get_num(e, "v") == 1.5);
  assert_true(cli_rec_elem(r, "v", 1, e));
  assert_true(isnan(cli_rec_get_num(e, "v")));
  cli_rec_free(e);
  cli_rec_free(r);
}

static cli_record *sample(void) {
  cli_record *r = cli_rec_new();
  cli_rec_int(r, "id", 7);
  cli_rec_str(r, "name", "a,b");
  cli_rec_num(r, "rho", "kg/m^3", 2700.5);
  cli_rec_num(r, "E", NULL, NAN);
  cli_rec_bool(r, "ok", 1);
  cli_rec_begin(r, "values");
  cli_rec_num(r, "x", "1", 0.25);
  cli_rec_end(r);
  assert_false(cli_rec_failed(r));
  return r;
}

static void test_record_json_csv(void **state) {
  (void)state;
  cli_record *r = sample();
  mem m;
  cli_json j;
  cli_json_init(&j, mem_open(&m), 0);
  cli_rec_json(&j, r);
  char *text = done(&m);
  assert_string_equal(text,
                      "{\"id\":7,\"name\":\"a,b\",\"rho\":2700.5,\"E\":null,"
                      "\"ok\":true,\"values\":{\"x\":0.25}}");
  free(text);
  FILE *f = mem_open(&m);
  cli_rec_csv_head(f, r);
  cli_rec_csv_row(f, r);
  text = done(&m);
  assert_string_equal(text,
                      "id,name,rho [kg/m^3],E,ok,x [1]\n"
                      "7,\"a,b\",2700.5,,1,0.25\n");
  free(text);
  cli_json_init(&j, mem_open(&m), 0);
  cli_rec_clear(r);
  cli_rec_num(r, "d", "kg/m^3", 1.5);
  cli_rec_json_units(&j, r);
  text = done(&m);
  assert_string_equal(text, "{\"d\":{\"value\":1.5,\"unit\":\"kg/m^3\"}}");
  free(text);
  cli_rec_free(r);
}

static void test_record_table_list(void **state) {
  (void)state;
  cli_record *r = sample();
  static const cli_rec_col cols[] = {
      {"id", "run", 4, NULL, 0, NULL},    {"name", "name", -5, NULL, 2, NULL},
      {"rho", "rho", 8, "%.1f", 0, NULL}, {"E", "E", 4, NULL, 0, "n/a"},
      {"ok", "ok", 0, NULL, 0, NULL},     {"x", "x", 5, "%.2f", 0, NULL},
      {"missing", "m", 2, NULL, 0, NULL},
  };
  static const char *const units[] = {"", "", "kg/m3", "", "", "", ""};
  mem m;
  FILE *f = mem_open(&m);
  cli_rec_table_head(f, cols, 7, NULL);
  cli_rec_table_head(f, cols, 3, units);
  cli_rec_table_row(f, cols, 7, r);
  char *text = done(&m);
  assert_string_equal(text,
                      " run  name       rho    E ok     x  m\n"
                      "               kg/m3\n"
                      "   7  a,b     2700.5  n/a yes  0.25  -\n");
  free(text);
  cli_rec_clear(r);
  cli_rec_num(r, "rho", "kg/m^3", 2700.4);
  cli_rec_num(r, "Omega", "1", INFINITY);
  cli_rec_num(r, "dH", "kJ/mol", NAN);
  const char *labels[] = {"density", NULL, "mixing enthalpy"};
  f = mem_open(&m);
  cli_rec_list(f, r, labels, 16, 7, "%.4g", "n/a");
  text = done(&m);
  assert_string_equal(text,
                      "  density             2700  kg/m^3\n"
                      "  Omega                inf\n"
                      "  mixing enthalpy      n/a  kJ/mol\n");
  free(text);
  cli_rec_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_nearest),
      cmocka_unit_test(test_parse_anywhere),
      cmocka_unit_test(test_parse_refused),
      cmocka_unit_test(test_parse_values),
      cmocka_unit_test(test_help),
      cmocka_unit_test(test_record_json_csv),
      cmocka_unit_test(test_record_table_list),
      cmocka_unit_test(test_record_arrays),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
