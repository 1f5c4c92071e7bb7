/* mge featurize: composition columns of CSV files -> feature columns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "mge/featurize.h"
#include "opt.h"
#include "record.h"

static const char head[] =
    "usage: mge featurize IN.csv --column NAME [-o OUT.csv]\n"
    "                     [--set magpie|alloy|all] [--threads N]\n"
    "                     [--digits N] [--stats]\n"
    "       mge featurize --formula TEXT [--set S] [--json]\n"
    "       mge featurize --names [--set S]\n\n"
    "Adds feature columns to a CSV file with a header. Every input row\n"
    "gives one output row, in order, with all its columns kept; a row\n"
    "whose composition does not parse gets empty features and the\n"
    "reason in the 'error' column. '-' is stdin / stdout.\n\n";
static const char tail[] =
    "\nExit status: 0 success (also when some rows failed), 2 bad input\n"
    "(malformed CSV, unknown column), 1 internal or I/O failure.\n";

static int one_formula(const char *text, mge_feature_set set, int json,
                       int digits) {
  mge_featurizer *f;
  mge_error err;
  mge_error_clear(&err);
  if (mge_featurizer_new(set, &f, &err)) return cli_report(&err, NULL);
  int n = mge_featurizer_count(f);
  double *v = malloc((size_t)n * sizeof *v);
  if (!v) {
    mge_featurizer_free(f);
    return cli_usage_error("out of memory"), CLI_FAIL;
  }
  int rc = mge_featurize_text(f, text, v, &err);
  if (rc) {
    free(v);
    mge_featurizer_free(f);
    return cli_report(&err, text);
  }
  cli_record *r = cli_rec_new();
  cli_rec_str(r, "composition", text);
  cli_rec_begin(r, "features");
  for (int i = 0; i < n; i++)
    cli_rec_num(r, mge_featurizer_name(f, i), NULL, v[i]);
  cli_rec_end(r);
  if (cli_rec_failed(r)) {
    rc = CLI_FAIL;
    fprintf(stderr, "mge: out of memory\n");
  } else if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_rec_json(&j, r);
    cli_json_end(&j);
  } else { /* one line a feature, in mge_format_g's digits */
    char b[32], key[160];
    for (int i = 0; i < n; i++) {
      snprintf(key, sizeof key, "features.%s", mge_featurizer_name(f, i));
      mge_format_g(cli_rec_get_num(r, key), digits, b);
      printf("%-40s %s\n", mge_featurizer_name(f, i), b);
    }
  }
  cli_rec_free(r);
  free(v);
  mge_featurizer_free(f);
  return rc;
}

static int names(mge_feature_set set) {
  mge_featurizer *f;
  mge_error err;
  mge_error_clear(&err);
  if (mge_featurizer_new(set, &f, &err)) return cli_report(&err, NULL);
  for (int i = 0; i < mge_featurizer_count(f); i++)
    puts(mge_featurizer_name(f, i));
  mge_featurizer_free(f);
  return CLI_OK;
}

int cmd_featurize(int argc, char **argv) {
  const char *out_path = NULL, *formula = NULL, *set = NULL;
  mge_featurize_csv_opts o;
  mge_featurize_csv_opts_init(&o);
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  o.threads = ncpu < 1 ? 1 : ncpu > 256 ? 256 : (int)ncpu;
  int json = 0, list = 0, stats = 0, npos;
  cli_opt opt[] = {
      CLI_STR("--column", &o.column, "NAME",
              "header name of the composition column"),
      {.name = "--output",
       .alias = "-o",
       .kind = CLI_OPT_STR,
       .dst = &out_path,
       .arg = "F",
       .help = "output file (default stdout)"},
      CLI_STR("--set", &set, "S",
              "magpie (132 matminer Magpie features, default),\n"
              "alloy (alloy descriptors), all (both)"),
      CLI_INT("--threads", &o.threads, 1, 256, "N",
              "worker threads (default: online CPUs)"),
      CLI_INT("--digits", &o.digits, 1, 17, "N",
              "significant digits of values, 1..17 (10)"),
      CLI_FLAG("--stats", &stats, "print rows, failures and rate on stderr"),
      CLI_STR("--formula", &formula, "TEXT",
              "featurize one composition and print a table"),
      CLI_FLAG("--json", &json, "with --formula: print a JSON object"),
      CLI_FLAG("--names", &list, "print the feature names, one per line"),
  };
  cli_opts spec = CLI_OPTS("featurize", head, opt, 15, tail);
  int rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  mge_error err;
  mge_error_clear(&err);
  if (set && mge_feature_set_parse(set, &o.set, &err))
    return cli_report(&err, NULL);
  if (npos > 1)
    return cli_usage_error("featurize: more than one input ('%s', '%s')",
                           argv[1], argv[2]);
  const char *in_path = npos ? argv[1] : NULL;
  if (list) return names(o.set);
  if (formula && in_path)
    return cli_usage_error(
        "featurize: give a CSV file or --formula TEXT, not both");
  if (formula) return one_formula(formula, o.set, json, o.digits);
  if (json) /* a CSV's rows are written as CSV */
    return cli_usage_error(
        "featurize: --json is for --formula TEXT; a CSV input is written as "
        "CSV (-o FILE)");
  if (!in_path) {
    cli_opt_usage(stderr, &spec);
    return CLI_USAGE;
  }
  if (!o.column)
    return cli_usage_error(
        "featurize: --column NAME is required (the header "
        "name of the composition column)");
  int use_stdin = strcmp(in_path, "-") == 0;
  int use_stdout = !out_path || strcmp(out_path, "-") == 0;
  FILE *in = use_stdin ? stdin : fopen(in_path, "rb");
  if (!in) return cli_usage_error("cannot open '%s' for reading", in_path);
  mge_file *tx = NULL;
  FILE *out = use_stdout ? stdout : cli_out_open(out_path, &tx);
  if (!out) {
    if (!use_stdin) fclose(in);
    return CLI_USAGE;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  mge_featurize_csv_stats st;
  rc = mge_featurize_csv(in, use_stdin ? "<stdin>" : in_path, out, &o, &st,
                         &err);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (!use_stdin) fclose(in);
  /* the rows before a bad input row are kept (and said so below); a
   * failed write or any other failure leaves the old file as it was */
  if (rc == MGE_E_IO && tx && !err.source[0])
    snprintf(err.source, sizeof err.source, "%s", out_path);
  int keep = rc == MGE_OK || rc == MGE_E_INPUT || rc == MGE_E_LIMIT;
  if (tx && keep && mge_file_commit(tx, rc ? NULL : &err) && rc == MGE_OK)
    rc = err.code;
  else if (tx && !keep)
    mge_file_abort(tx);
  if (rc) {
    int code = cli_report(&err, NULL);
    if (st.rows > 0 && keep)
      fprintf(stderr, "mge: the output holds the %lld rows before the error\n",
              st.rows);
    return code;
  }
  double dt =
      (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  if (stats)
    fprintf(stderr,
            "mge: featurize: %lld rows, %lld failed, %.3f s, %.0f rows/s, "
            "%d thread%s\n",
            st.rows, st.rows_failed, dt, dt > 0 ? (double)st.rows / dt : 0.0,
            o.threads, o.threads == 1 ? "" : "s");
  else if (st.rows_failed > 0)
    fprintf(stderr,
            "mge: featurize: %lld of %lld rows failed (see the error "
            "column)\n",
            st.rows_failed, st.rows);
  return CLI_OK;
}
