/* mge design: run a design problem file, store and report the results. */
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "mge/design.h"
#include "mge/linalg.h"
#include "mge/report.h"
#include "mge/store.h"
#include "mge/store_learn.h"
#include "opt.h"
#include "record.h"

static volatile sig_atomic_t g_stop = 0;

static void on_signal(int sig) {
  (void)sig;
  g_stop = 1;
}

static const char head[] =
    "usage: mge design FILE [--json] [--db PATH] [--threads N] [--quiet]\n"
    "                       [--resume] [--force] [--no-plot]\n\n"
    "Screen the design space of the YAML problem FILE (see docs/design.md):\n"
    "sample candidates, compute their properties, apply the constraints,\n"
    "keep the top-k by score and the Pareto front of the objectives.\n\n";
static const char tail[] =
    "\nThe results go to the database; a plot of the first two objectives\n"
    "(with the Pareto front) is written next to it as NAME-runID.svg.\n"
    "Ctrl-C stops after the batch in flight; --resume continues.\n";

typedef struct progress {
  double t0;
  uint64_t start;
  int tty;
  double last;
  long throttle_ms; /* testing: sleep after each batch */
} progress;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void on_progress(void *user, const mge_design_counts *c,
                        uint64_t total) {
  progress *pr = user;
  if (pr->throttle_ms > 0) {
    struct timespec ts = {pr->throttle_ms / 1000,
                          (pr->throttle_ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
  }
  if (!pr->tty) return;
  double t = now_s();
  if (t - pr->last < 0.1 && c->next_index < total) return;
  pr->last = t;
  double frac = total ? (double)c->next_index / (double)total : 1.0;
  double rate = (double)(c->next_index - pr->start) / (t - pr->t0 + 1e-9);
  double eta = rate > 0 ? (double)(total - c->next_index) / rate : 0;
  char bar[31];
  int w = (int)(frac * 30);
  for (int i = 0; i < 30; i++) bar[i] = i < w ? '#' : '.';
  bar[30] = '\0';
  fprintf(stderr, "\r[%s] %5.1f%%  %.3g cand/s  ETA %.0fs   ", bar, 100 * frac,
          rate, eta);
  fflush(stderr);
}

/* Default database: mge.db in the directory of the problem file. */
static void default_db(const char *file, char *buf, size_t cap) {
  const char *slash = strrchr(file, '/');
  if (!slash)
    snprintf(buf, cap, "mge.db");
  else
    snprintf(buf, cap, "%.*s/mge.db", (int)(slash - file), file);
}

/* NAME-runID.svg beside the database, NAME from the problem file. */
static void plot_path(const char *db, const char *file, long long run,
                      char *buf, size_t cap) {
  const char *base = strrchr(file, '/');
  base = base ? base + 1 : file;
  const char *dot = strrchr(base, '.');
  int blen = dot ? (int)(dot - base) : (int)strlen(base);
  const char *slash = strrchr(db, '/');
  if (slash)
    snprintf(buf, cap, "%.*s/%.*s-run%lld.svg", (int)(slash - db), db, blen,
             base, run);
  else
    snprintf(buf, cap, "%.*s-run%lld.svg", blen, base, run);
}

/* A kept candidate as a record: its amounts and property values. label
 * (cap bytes) holds the text of its label. */
static void entry_record(cli_record *rec, const mge_problem *p,
                         const mge_design_entry *e, char *label, size_t cap) {
  mge_problem_label(p, e->x, label, cap);
  cli_rec_clear(rec);
  cli_rec_int(rec, "index", (long long)e->index);
  cli_rec_str(rec, "label", label);
  cli_rec_begin(rec, "amounts");
  for (int v = 0; v < mge_problem_n_vars(p); v++)
    cli_rec_num(rec, mge_problem_var(p, v)->symbol, NULL, e->x[v]);
  if (mge_problem_has_balance(p))
    cli_rec_num(rec, mge_problem_balance_symbol(p), NULL,
                e->x[mge_problem_n_vars(p)]);
  cli_rec_end(rec);
  cli_rec_begin(rec, "values");
  for (int k = 0; k < mge_problem_n_props(p); k++)
    cli_rec_num(rec, mge_problem_prop(p, k)->name, mge_problem_prop(p, k)->unit,
                e->v[k]);
  cli_rec_end(rec);
  cli_rec_num(rec, "score", NULL, e->score);
  cli_rec_bool(rec, "front", (e->flags & MGE_KEEP_FRONT) != 0);
  cli_rec_bool(rec, "top", (e->flags & MGE_KEEP_TOP) != 0);
}

/* The first limit entries of kind as a table: rank, label, the property
 * values under their names and units, the score. */
static void print_entries(const mge_problem *p, const mge_design_result *r,
                          unsigned kind, size_t limit, cli_record *rec) {
  size_t n = mge_design_result_count(r, kind);
  int w = 9;
  for (size_t i = 0; i < n && i < limit; i++) {
    char label[160];
    int len = mge_problem_label(p, mge_design_result_get(r, kind, i)->x, label,
                                sizeof label);
    if (len > w) w = len < 100 ? len : 100;
  }
  size_t nc = 0, ncols = (size_t)mge_problem_n_props(p) + 3;
  cli_rec_col *cols = malloc(ncols * sizeof *cols);
  const char **units = malloc(ncols * sizeof *units);
  char(*ubuf)[40] = malloc(ncols * sizeof *ubuf);
  if (!cols || !units || !ubuf) {
    free(cols);
    free(units);
    free(ubuf);
    return;
  }
  units[nc] = "";
  cols[nc++] = (cli_rec_col){"rank", "rank", 6, NULL, 2, NULL};
  units[nc] = "";
  cols[nc++] = (cli_rec_col){"label", "candidate", -w, NULL, 2, NULL};
  for (int k = 0; k < mge_problem_n_props(p); k++) {
    snprintf(ubuf[nc], sizeof ubuf[nc], "[%s]", mge_problem_prop(p, k)->unit);
    units[nc] = ubuf[nc];
    cols[nc++] = (cli_rec_col){mge_problem_prop(p, k)->name,
                               mge_problem_prop(p, k)->name,
                               14,
                               "%.5g",
                               0,
                               NULL};
  }
  cols[nc++] = (cli_rec_col){"score", "score", 10, "%.5g", 0, NULL};
  cli_rec_table_head(stdout, cols, nc, NULL);
  cli_rec_table_head(stdout, cols, nc - 1, units); /* no unit of the score */
  for (size_t i = 0; i < n && i < limit; i++) {
    char label[160];
    entry_record(rec, p, mge_design_result_get(r, kind, i), label,
                 sizeof label);
    cli_rec_int(rec, "rank", (long long)i + 1);
    cli_rec_table_row(stdout, cols, nc, rec);
  }
  if (n > limit)
    printf("  ... %zu more (mge db show RUN, mge db export RUN --csv)\n",
           n - limit);
  free(cols);
  free(units);
  free(ubuf);
}

static void json_entries(cli_json *j, const mge_problem *p,
                         const mge_design_result *r, unsigned kind,
                         cli_record *rec) {
  cli_json_arr_begin(j);
  for (size_t i = 0; i < mge_design_result_count(r, kind); i++) {
    char label[160];
    entry_record(rec, p, mge_design_result_get(r, kind, i), label,
                 sizeof label);
    cli_rec_json(j, rec);
  }
  cli_json_arr_end(j);
}

static void print_json(const mge_problem *p, const mge_design_result *r,
                       long long run, const char *db, const char *plot,
                       int threads, int complete, cli_record *rec) {
  const mge_design_counts *c = mge_design_result_counts(r);
  cli_json j;
  cli_json_init(&j, stdout, 1);
  cli_json_obj_begin(&j);
  cli_json_key(&j, "run");
  cli_json_int(&j, run);
  cli_json_key(&j, "db");
  cli_json_str(&j, db);
  cli_json_key(&j, "plot");
  if (plot)
    cli_json_str(&j, plot);
  else
    cli_json_null(&j);
  cli_json_key(&j, "complete");
  cli_json_bool(&j, complete);
  cli_json_key(&j, "problem");
  cli_json_obj_begin(&j);
  cli_json_key(&j, "name");
  cli_json_str(&j, mge_problem_name(p));
  cli_json_key(&j, "hash");
  cli_json_str(&j, mge_problem_hash(p));
  cli_json_key(&j, "family");
  cli_json_str(&j, mge_family_name(mge_problem_family(p)));
  cli_json_key(&j, "basis");
  cli_json_str(&j, mge_problem_basis_name(p));
  cli_json_key(&j, "seed");
  cli_json_int(&j, (long long)mge_problem_seed(p));
  cli_json_obj_end(&j);
  cli_json_key(&j, "counts");
  cli_json_obj_begin(&j);
  cli_json_key(&j, "total");
  cli_json_int(&j, (long long)mge_problem_size(p));
  cli_json_key(&j, "done");
  cli_json_int(&j, (long long)c->next_index);
  cli_json_key(&j, "rejected");
  cli_json_int(&j, (long long)c->rejected);
  cli_json_key(&j, "undefined");
  cli_json_int(&j, (long long)c->undefined);
  cli_json_key(&j, "infeasible");
  cli_json_int(&j, (long long)c->infeasible);
  cli_json_key(&j, "feasible");
  cli_json_int(&j, (long long)c->feasible);
  cli_json_obj_end(&j);
  cli_json_key(&j, "seconds");
  cli_json_num(&j, mge_design_result_seconds(r));
  cli_json_key(&j, "threads");
  cli_json_int(&j, threads);
  cli_json_key(&j, "properties");
  cli_json_arr_begin(&j);
  for (int k = 0; k < mge_problem_n_props(p); k++) {
    cli_json_obj_begin(&j);
    cli_json_key(&j, "name");
    cli_json_str(&j, mge_problem_prop(p, k)->name);
    cli_json_key(&j, "unit");
    cli_json_str(&j, mge_problem_prop(p, k)->unit);
    cli_json_obj_end(&j);
  }
  cli_json_arr_end(&j);
  cli_json_key(&j, "front");
  json_entries(&j, p, r, MGE_KEEP_FRONT, rec);
  cli_json_key(&j, "top");
  json_entries(&j, p, r, MGE_KEEP_TOP, rec);
  cli_json_obj_end(&j);
  cli_json_end(&j);
}

static void print_table(const mge_problem *p, const mge_design_result *r,
                        long long run, const char *db, const char *plot,
                        int threads, cli_record *rec) {
  const mge_design_counts *c = mge_design_result_counts(r);
  static const char *const sname[] = {"", "grid", "random", "sobol", "lhs"};
  double s = mge_design_result_seconds(r);
  printf("%s (run %lld)\n", mge_problem_name(p), run);
  printf("  %s sampler, seed %llu: %llu candidates in %.2f s on %d thread%s\n",
         sname[mge_problem_sampler(p)], (unsigned long long)mge_problem_seed(p),
         (unsigned long long)c->next_index, s, threads,
         threads == 1 ? "" : "s");
  printf(
      "  outside the space (%s): %llu   undefined: %llu   "
      "infeasible: %llu   feasible: %llu\n",
      mge_problem_has_balance(p) ? "balance out of range"
                                 : "layup rules or no plies",
      (unsigned long long)c->rejected, (unsigned long long)c->undefined,
      (unsigned long long)c->infeasible, (unsigned long long)c->feasible);
  if (mge_problem_n_constraints(p)) {
    printf("  constraints:");
    for (int k = 0; k < mge_problem_n_constraints(p); k++)
      printf("%s %s", k ? ";" : "", mge_problem_constraint(p, k)->text);
    printf("\n");
  }
  if (mge_problem_keep_pareto(p)) {
    printf("\nPareto front: %zu candidates (by %s)\n",
           mge_design_result_count(r, MGE_KEEP_FRONT),
           mge_problem_prop(p, mge_problem_objective(p, 0)->prop)->name);
    print_entries(p, r, MGE_KEEP_FRONT, 25, rec);
  }
  if (mge_problem_keep_top(p)) {
    printf("\nTop %zu by score (lower is better):\n",
           mge_design_result_count(r, MGE_KEEP_TOP));
    print_entries(p, r, MGE_KEEP_TOP, 25, rec);
  }
  printf("\nresults: %s (run %lld: mge db show %lld --db %s)\n", db, run, run,
         db);
  if (plot) printf("plot:    %s\n", plot);
}

int cmd_design(int argc, char **argv) {
  /* Thermo models solve small linear systems per equilibrium; BLAS
   * threads would only compete with the runner's (see docs/thermo.md). */
  mge_blas_threads(1);
  const char *db_arg = NULL;
  int json = 0, quiet = 0, resume = 0, force = 0, noplot = 0, threads = 0,
      batch = 0, throttle = 0, npos;
  long long stop_after = 0;
  cli_opt opt[] = {
      CLI_FLAG("--json", &json,
               "print the summary and the kept candidates as JSON"),
      CLI_STR("--db", &db_arg, "PATH",
              "SQLite database (default: mge.db beside FILE)"),
      CLI_INT("--threads", &threads, 1, 256, "N",
              "worker threads (default: all CPUs)"),
      {.name = "--quiet",
       .alias = "-q",
       .kind = CLI_OPT_FLAG,
       .dst = &quiet,
       .label = "--quiet",
       .help = "no progress bar"},
      CLI_FLAG("--resume", &resume,
               "continue the last unfinished run of FILE in the db"),
      CLI_FLAG("--force", &force,
               "allow grids above the size limit (10 million)"),
      CLI_FLAG("--no-plot", &noplot, "do not write the SVG plot"),
      CLI_INT("--batch", &batch, 1, 1 << 20, "N",
              "candidates per batch (default 8192; results do not\n"
              "depend on it)"),
      {.name = "--stop-after",
       .kind = CLI_OPT_LLONG,
       .dst = &stop_after,
       .lo = 0,
       .hi = 9.3e18,
       .arg = "N",
       .label = "--stop-after N, --throttle MS",
       .help = "  testing: stop after N candidates;\n"
               "sleep MS after each batch"},
      CLI_INT("--throttle", &throttle, 0, 10000, "MS", NULL),
  };
  cli_opts spec = CLI_OPTS("design", head, opt, 13, tail);
  int rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (npos > 1)
    return cli_usage_error("design: only one problem file, got '%s'", argv[2]);
  if (npos == 0) {
    cli_opt_usage(stderr, &spec);
    return cli_usage_error("design: no problem file given");
  }
  const char *file = argv[1];
  mge_error err;
  mge_error_clear(&err);
  mge_registry *reg = mge_registry_builtin(&err);
  if (!reg) return cli_report(&err, NULL);
  mge_problem *p = NULL;
  mge_problem_opts po = {force};
  int code = CLI_OK;
  mge_store *st = NULL;
  mge_design_result *res = NULL;
  cli_record *rec = cli_rec_new();
  char db[PATH_MAX];
  if (db_arg)
    snprintf(db, sizeof db, "%s", db_arg);
  else
    default_db(file, db, sizeof db);
  /* Models fitted with `mge learn fit` into this database are properties
   * learn.NAME and learn.NAME_sd. A database that does not exist yet holds
   * none, and is not created for a problem that fails to load. */
  if (access(db, F_OK) == 0 && (mge_store_open(db, &st, &err) ||
                                mge_store_register_learned(st, reg, &err))) {
    code = cli_report(&err, NULL);
    goto out;
  }
  if (mge_problem_load_ex(file, reg, &po, &p, &err)) {
    code = cli_report(&err, NULL);
    goto out;
  }
  if (!st && mge_store_open(db, &st, &err)) {
    code = cli_report(&err, NULL);
    goto out;
  }
  int64_t run = 0;
  if (resume) {
    if (mge_store_run_find_unfinished(st, mge_problem_hash(p), &run, &err)) {
      code = cli_report(&err, NULL);
      goto out;
    }
    if (!run) {
      code = cli_usage_error(
          "design: --resume: no unfinished run of %s (hash %s) in %s", file,
          mge_problem_hash(p), db);
      goto out;
    }
  } else if (mge_store_run_create(st, p, &run, &err)) {
    code = cli_report(&err, NULL);
    goto out;
  }
  mge_design_sink sink;
  mge_store_sink(st, run, &sink);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  progress pr = {now_s(), 0, isatty(2) && !quiet, 0, throttle};
  mge_design_opts o = {0};
  o.threads = threads;
  o.batch = batch ? (size_t)batch : mge_problem_batch_hint(p);
  o.resume = resume;
  o.stop = &g_stop;
  o.stop_after = (uint64_t)stop_after;
  if (pr.tty || throttle) {
    o.progress = on_progress;
    o.progress_user = &pr;
  }
  if (threads == 0) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    threads = c > 0 ? (int)(c > 256 ? 256 : c) : 1;
  }
  rc = mge_design_run(p, &o, &sink, &res, &err);
  if (pr.tty) fputs("\r\033[K", stderr);
  if (rc == MGE_E_INTERRUPT && !res) rc = MGE_E_NOMEM;
  if (rc == MGE_E_INTERRUPT) {
    mge_error e2;
    mge_store_run_finish(st, run, "interrupted", &e2);
    const mge_design_counts *c = mge_design_result_counts(res);
    fprintf(stderr,
            "mge: interrupted after %llu of %llu candidates (run %lld saved "
            "in %s); continue with: mge design %s --resume%s%s%s\n",
            (unsigned long long)c->next_index,
            (unsigned long long)mge_problem_size(p), (long long)run, db, file,
            force ? " --force" : "", db_arg ? " --db " : "",
            db_arg ? db_arg : "");
    if (json) print_json(p, res, (long long)run, db, NULL, threads, 0, rec);
    code = 130;
    goto out;
  }
  if (rc) {
    mge_error e2;
    mge_store_run_finish(st, run, "failed", &e2);
    code = cli_report(&err, NULL);
    goto out;
  }
  if (mge_store_run_finish(st, run, "done", &err)) {
    code = cli_report(&err, NULL);
    goto out;
  }
  char plot[PATH_MAX + 64];
  const char *plotp = NULL;
  if (!noplot && mge_problem_n_objectives(p) >= 2) {
    plot_path(db, file, (long long)run, plot, sizeof plot);
    mge_error e2;
    mge_error_clear(&e2);
    if (mge_report_design_svg(plot, p, res, &e2) == 0)
      plotp = plot;
    else if (e2.code != MGE_E_INPUT)
      fprintf(stderr, "mge: warning: no plot: %s\n", e2.message);
  }
  if (json)
    print_json(p, res, (long long)run, db, plotp, threads, 1, rec);
  else
    print_table(p, res, (long long)run, db, plotp, threads, rec);
out:
  if (code == CLI_OK && cli_rec_failed(rec)) {
    fprintf(stderr, "mge: error: out of memory\n");
    code = CLI_FAIL;
  }
  cli_rec_free(rec);
  mge_design_result_free(res);
  mge_store_close(st);
  mge_problem_free(p);
  mge_registry_free(reg);
  return code;
}
