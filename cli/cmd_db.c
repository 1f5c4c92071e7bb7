/* mge db: list, show and export the runs stored in a database. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "mge/store.h"
#include "opt.h"
#include "record.h"

static const char head[] =
    "usage: mge db runs [--db PATH] [--json]\n"
    "       mge db show RUN [--db PATH] [--json]\n"
    "       mge db export RUN --csv|--json [--db PATH] [-o FILE]\n\n"
    "runs    list the design runs in the database (default ./mge.db)\n"
    "show    a run: problem, counts, Pareto front and top candidates\n"
    "export  all kept candidates of a run with every value and unit\n";

/* A run as a record; with text, the problem file's text too. */
static void run_record(cli_record *rec, const mge_store_run *r, int text) {
  cli_rec_clear(rec);
  cli_rec_int(rec, "id", r->id);
  cli_rec_str(rec, "name", r->name);
  cli_rec_str(rec, "problem_path", r->problem_path);
  cli_rec_str(rec, "problem_hash", r->problem_hash);
  cli_rec_str(rec, "mge_version", r->mge_version);
  cli_rec_str(rec, "sampler", r->sampler);
  cli_rec_str(rec, "seed", r->seed);
  cli_rec_int(rec, "total", (long long)r->n_total);
  cli_rec_int(rec, "done", (long long)r->counts.next_index);
  cli_rec_int(rec, "rejected", (long long)r->counts.rejected);
  cli_rec_int(rec, "undefined", (long long)r->counts.undefined);
  cli_rec_int(rec, "infeasible", (long long)r->counts.infeasible);
  cli_rec_int(rec, "feasible", (long long)r->counts.feasible);
  cli_rec_str(rec, "started_at", r->started_at);
  cli_rec_str(rec, "ended_at", r->ended_at);
  cli_rec_str(rec, "status", r->status);
  if (text) cli_rec_str(rec, "problem_text", r->problem_text);
}

/* The table of mge db runs. */
static const cli_rec_col run_cols[] = {
    {"id", "run", 5, NULL, 0, NULL},
    {"status", "status", -11, NULL, 2, NULL},
    {"sampler", "sampler", -7, NULL, 0, NULL},
    {"done", "done", 12, NULL, 0, NULL},
    {"feasible", "feasible", 12, NULL, 0, NULL},
    {"started_at", "started (UTC)", -24, NULL, 2, NULL},
    {"name", "name", 0, NULL, 0, NULL},
};

/* A kept candidate as a record: its values (with units) under "values".
 * With c NULL, only the names and units are meant (a CSV header). */
static void cand_record(cli_record *rec, const mge_store_table *t,
                        const mge_store_cand *c) {
  cli_rec_clear(rec);
  cli_rec_int(rec, "index", c ? (long long)c->idx : 0);
  cli_rec_str(rec, "label", c ? c->label : "");
  unsigned flags = c ? c->flags : 0;
  cli_rec_bool(rec, "front", (flags & MGE_KEEP_FRONT) != 0);
  cli_rec_bool(rec, "top", (flags & MGE_KEEP_TOP) != 0);
  cli_rec_bool(rec, "sample", (flags & MGE_KEEP_SAMPLE) != 0);
  cli_rec_num(rec, "score", NULL, c ? c->score : NAN);
  cli_rec_begin(rec, "values");
  for (size_t k = 0; k < t->ncols; k++)
    cli_rec_num(rec, t->cols[k].name, t->cols[k].unit, c ? c->values[k] : NAN);
  cli_rec_end(rec);
}

/* The kept candidates (those with a flag of mask; all when mask is 0) as
 * a JSON array or, with csv, CSV lines under a header. */
static void write_cands(FILE *f, cli_json *j, const mge_store_table *t,
                        unsigned mask, cli_record *rec) {
  if (j) {
    cli_json_arr_begin(j);
  } else {
    cand_record(rec, t, NULL);
    cli_rec_csv_head(f, rec);
  }
  for (size_t i = 0; i < t->n; i++) {
    const mge_store_cand *c = &t->cands[i];
    if (mask && !(c->flags & mask)) continue;
    cand_record(rec, t, c);
    if (j) {
      cli_rec_json(j, rec);
    } else {
      cli_rec_csv_row(f, rec);
    }
  }
  if (j) cli_json_arr_end(j);
}

static void json_cols(cli_json *j, const mge_store_table *t) {
  cli_json_arr_begin(j);
  for (size_t k = 0; k < t->ncols; k++) {
    cli_json_obj_begin(j);
    cli_json_key(j, "name");
    cli_json_str(j, t->cols[k].name);
    cli_json_key(j, "unit");
    cli_json_str(j, t->cols[k].unit);
    cli_json_key(j, "role");
    cli_json_str(j, t->cols[k].role);
    cli_json_obj_end(j);
  }
  cli_json_arr_end(j);
}

static int cmp_score(const void *a, const void *b) {
  const mge_store_cand *x = *(const mge_store_cand *const *)a;
  const mge_store_cand *y = *(const mge_store_cand *const *)b;
  if (x->score != y->score) return x->score < y->score ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The candidates with a flag of mask, by score: index, label, the
 * properties and the score. */
static void print_cands(FILE *f, const mge_store_table *t, unsigned mask,
                        cli_record *rec) {
  size_t n = 0;
  for (size_t i = 0; i < t->n; i++) n += (t->cands[i].flags & mask) != 0;
  const mge_store_cand **v = malloc((n ? n : 1) * sizeof *v);
  cli_rec_col *cols = malloc((t->ncols + 3) * sizeof *cols);
  if (!v || !cols) {
    free(v);
    free(cols);
    return;
  }
  n = 0;
  for (size_t i = 0; i < t->n; i++)
    if (t->cands[i].flags & mask) v[n++] = &t->cands[i];
  qsort(v, n, sizeof *v, cmp_score);
  int w = 9;
  for (size_t i = 0; i < n; i++) {
    int len = (int)strlen(v[i]->label);
    if (len > w) w = len;
  }
  size_t nc = 0;
  cols[nc++] = (cli_rec_col){"index", "index", 8, NULL, 2, NULL};
  cols[nc++] = (cli_rec_col){"label", "candidate", -w, NULL, 2, NULL};
  for (size_t k = 0; k < t->ncols; k++)
    if (!strcmp(t->cols[k].role, "property"))
      cols[nc++] =
          (cli_rec_col){t->cols[k].name, t->cols[k].name, 14, "%.5g", 0, NULL};
  cols[nc++] = (cli_rec_col){"score", "score", 10, "%.5g", 0, NULL};
  cli_rec_table_head(f, cols, nc, NULL);
  for (size_t i = 0; i < n; i++) {
    cand_record(rec, t, v[i]);
    cli_rec_table_row(f, cols, nc, rec);
  }
  free(cols);
  free(v);
}

int cmd_db(int argc, char **argv) {
  const char *db = "mge.db", *outp = NULL;
  int json = 0, csv = 0, npos;
  cli_opt opt[] = {
      CLI_FLAG("--json", &json, NULL),
      CLI_FLAG("--csv", &csv, NULL),
      CLI_STR("--db", &db, "PATH", NULL),
      {.name = "--output",
       .alias = "-o",
       .kind = CLI_OPT_STR,
       .dst = &outp,
       .arg = "FILE"},
  };
  cli_opts spec = CLI_OPTS("db", head, opt, 0, NULL);
  int rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (npos > 2) return cli_usage_error("db: unexpected argument '%s'", argv[3]);
  const char *sub = npos > 0 ? argv[1] : NULL;
  const char *runarg = npos > 1 ? argv[2] : NULL;
  if (!sub) {
    cli_opt_usage(stderr, &spec);
    return cli_usage_error("db: runs, show or export?");
  }
  int is_runs = !strcmp(sub, "runs"), is_show = !strcmp(sub, "show"),
      is_export = !strcmp(sub, "export");
  if (!is_runs && !is_show && !is_export) {
    static const char *const subs[] = {"runs", "show", "export"};
    const char *near = cli_nearest(sub, subs, 3);
    if (near)
      return cli_usage_error("db: unknown subcommand '%s'; did you mean '%s'?",
                             sub, near);
    return cli_usage_error("db: unknown subcommand '%s' (runs, show, export)",
                           sub);
  }
  long long run = 0;
  if (!is_runs) {
    char *end;
    errno = 0;
    if (!runarg) return cli_usage_error("db %s: which RUN?", sub);
    run = strtoll(runarg, &end, 10);
    if (*end || errno || run <= 0)
      return cli_usage_error("db %s: RUN must be a run id, not '%s'", sub,
                             runarg);
  } else if (runarg) {
    return cli_usage_error("db runs: unexpected argument '%s'", runarg);
  }
  if (is_export && json == csv)
    return cli_usage_error("db export: give one of --csv or --json");
  if (access(db, F_OK) != 0)
    return cli_usage_error("db: no database at %s (use --db PATH)", db);
  mge_error err;
  mge_error_clear(&err);
  mge_store *st = NULL;
  if (mge_store_open(db, &st, &err)) return cli_report(&err, NULL);
  mge_store_run *runs = NULL;
  size_t n = 0;
  int code = CLI_OK;
  mge_store_table t = {0};
  cli_record *rec = NULL;
  if (mge_store_runs(st, run, &runs, &n, &err)) {
    code = cli_report(&err, NULL);
    goto out;
  }
  if (!(rec = cli_rec_new())) {
    cli_usage_error("out of memory");
    code = CLI_FAIL;
    goto out;
  }
  if (is_runs) {
    cli_rec_rows w;
    cli_rec_rows_begin(&w, stdout, json, run_cols,
                       sizeof run_cols / sizeof *run_cols);
    for (size_t i = 0; i < n; i++) {
      run_record(rec, &runs[i], 0);
      cli_rec_rows_add(&w, rec);
    }
    cli_rec_rows_end(&w);
    goto out;
  }
  if (n == 0) {
    code = cli_usage_error("db: no run %lld in %s", run, db);
    goto out;
  }
  if (mge_store_load(st, run, &t, &err)) {
    code = cli_report(&err, NULL);
    goto out;
  }
  FILE *f = stdout;
  mge_file *tx = NULL;
  if (outp && !(f = cli_out_open(outp, &tx))) {
    code = CLI_USAGE;
    goto out;
  }
  if (is_export && csv) {
    write_cands(f, NULL, &t, 0, rec);
  } else if (json) {
    cli_json j;
    cli_json_init(&j, f, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "run");
    run_record(rec, &runs[0], 1);
    cli_rec_json(&j, rec);
    cli_json_key(&j, "columns");
    json_cols(&j, &t);
    cli_json_key(&j, "candidates");
    write_cands(f, &j, &t, is_show ? (MGE_KEEP_FRONT | MGE_KEEP_TOP) : 0, rec);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    const mge_store_run *r = &runs[0];
    fprintf(f, "run %lld: %s [%s]\n", (long long)r->id, r->name, r->status);
    fprintf(f, "  problem %s (hash %s), mge %s\n", r->problem_path,
            r->problem_hash, r->mge_version);
    fprintf(f, "  %s sampler, seed %s: %llu of %llu candidates done\n",
            r->sampler, r->seed, (unsigned long long)r->counts.next_index,
            (unsigned long long)r->n_total);
    fprintf(f,
            "  outside the space: %llu  undefined: %llu  infeasible: %llu  "
            "feasible: %llu\n",
            (unsigned long long)r->counts.rejected,
            (unsigned long long)r->counts.undefined,
            (unsigned long long)r->counts.infeasible,
            (unsigned long long)r->counts.feasible);
    fprintf(f, "  started %s  ended %s\n", r->started_at,
            r->ended_at[0] ? r->ended_at : "-");
    fprintf(f, "\nPareto front:\n");
    print_cands(f, &t, MGE_KEEP_FRONT, rec);
    fprintf(f, "\nTop by score:\n");
    print_cands(f, &t, MGE_KEEP_TOP, rec);
  }
  code = cli_out_close(tx, code);
out:
  cli_rec_free(rec);
  mge_store_table_free(&t);
  mge_store_runs_free(runs, n);
  mge_store_close(st);
  return code;
}
