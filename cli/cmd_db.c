/* mge db: list, show and export the runs stored in a database. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "opt.h"
#include "mge/store.h"

static const char head[] =
    "usage: mge db runs [--db PATH] [--json]\n"
    "       mge db show RUN [--db PATH] [--json]\n"
    "       mge db export RUN --csv|--json [--db PATH] [-o FILE]\n\n"
    "runs    list the design runs in the database (default ./mge.db)\n"
    "show    a run: problem, counts, Pareto front and top candidates\n"
    "export  all kept candidates of a run with every value and unit\n";

static void json_run(cli_json *j, const mge_store_run *r, int text) {
  cli_json_obj_begin(j);
  cli_json_key(j, "id");
  cli_json_int(j, r->id);
  cli_json_key(j, "name");
  cli_json_str(j, r->name);
  cli_json_key(j, "problem_path");
  cli_json_str(j, r->problem_path);
  cli_json_key(j, "problem_hash");
  cli_json_str(j, r->problem_hash);
  cli_json_key(j, "mge_version");
  cli_json_str(j, r->mge_version);
  cli_json_key(j, "sampler");
  cli_json_str(j, r->sampler);
  cli_json_key(j, "seed");
  cli_json_str(j, r->seed);
  cli_json_key(j, "total");
  cli_json_int(j, (long long)r->n_total);
  cli_json_key(j, "done");
  cli_json_int(j, (long long)r->counts.next_index);
  cli_json_key(j, "rejected");
  cli_json_int(j, (long long)r->counts.rejected);
  cli_json_key(j, "undefined");
  cli_json_int(j, (long long)r->counts.undefined);
  cli_json_key(j, "infeasible");
  cli_json_int(j, (long long)r->counts.infeasible);
  cli_json_key(j, "feasible");
  cli_json_int(j, (long long)r->counts.feasible);
  cli_json_key(j, "started_at");
  cli_json_str(j, r->started_at);
  cli_json_key(j, "ended_at");
  cli_json_str(j, r->ended_at);
  cli_json_key(j, "status");
  cli_json_str(j, r->status);
  if (text) {
    cli_json_key(j, "problem_text");
    cli_json_str(j, r->problem_text);
  }
  cli_json_obj_end(j);
}

static void json_cands(cli_json *j, const mge_store_table *t, unsigned mask) {
  cli_json_arr_begin(j);
  for (size_t i = 0; i < t->n; i++) {
    const mge_store_cand *c = &t->cands[i];
    if (mask && !(c->flags & mask)) continue;
    cli_json_obj_begin(j);
    cli_json_key(j, "index");
    cli_json_int(j, (long long)c->idx);
    cli_json_key(j, "label");
    cli_json_str(j, c->label);
    cli_json_key(j, "front");
    cli_json_bool(j, (c->flags & MGE_KEEP_FRONT) != 0);
    cli_json_key(j, "top");
    cli_json_bool(j, (c->flags & MGE_KEEP_TOP) != 0);
    cli_json_key(j, "sample");
    cli_json_bool(j, (c->flags & MGE_KEEP_SAMPLE) != 0);
    cli_json_key(j, "score");
    cli_json_num(j, c->score);
    cli_json_key(j, "values");
    cli_json_obj_begin(j);
    for (size_t k = 0; k < t->ncols; k++) {
      cli_json_key(j, t->cols[k].name);
      cli_json_num(j, c->values[k]);
    }
    cli_json_obj_end(j);
    cli_json_obj_end(j);
  }
  cli_json_arr_end(j);
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

static void export_csv(FILE *f, const mge_store_table *t) {
  fputs("index,label,front,top,sample,score", f);
  for (size_t k = 0; k < t->ncols; k++) {
    char h[128];
    snprintf(h, sizeof h, "%s [%s]", t->cols[k].name, t->cols[k].unit);
    fputc(',', f);
    cli_csv_field(f, h);
  }
  fputc('\n', f);
  for (size_t i = 0; i < t->n; i++) {
    const mge_store_cand *c = &t->cands[i];
    fprintf(f, "%llu,", (unsigned long long)c->idx);
    cli_csv_field(f, c->label);
    fprintf(f, ",%d,%d,%d,%.17g", !!(c->flags & MGE_KEEP_FRONT),
            !!(c->flags & MGE_KEEP_TOP), !!(c->flags & MGE_KEEP_SAMPLE),
            c->score);
    for (size_t k = 0; k < t->ncols; k++) {
      if (c->values[k] == c->values[k])
        fprintf(f, ",%.17g", c->values[k]);
      else
        fputc(',', f);
    }
    fputc('\n', f);
  }
}

static int cmp_score(const void *a, const void *b) {
  const mge_store_cand *x = *(const mge_store_cand *const *)a;
  const mge_store_cand *y = *(const mge_store_cand *const *)b;
  if (x->score != y->score) return x->score < y->score ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void print_cands(const mge_store_table *t, unsigned mask) {
  size_t n = 0;
  for (size_t i = 0; i < t->n; i++) n += (t->cands[i].flags & mask) != 0;
  const mge_store_cand **v = malloc((n ? n : 1) * sizeof *v);
  if (!v) return;
  n = 0;
  for (size_t i = 0; i < t->n; i++)
    if (t->cands[i].flags & mask) v[n++] = &t->cands[i];
  qsort(v, n, sizeof *v, cmp_score);
  int w = 9;
  for (size_t i = 0; i < n; i++) {
    int len = (int)strlen(v[i]->label);
    if (len > w) w = len;
  }
  printf("  %8s  %-*s", "index", w, "candidate");
  for (size_t k = 0; k < t->ncols; k++)
    if (!strcmp(t->cols[k].role, "property")) printf(" %14s", t->cols[k].name);
  printf(" %10s\n", "score");
  for (size_t i = 0; i < n; i++) {
    printf("  %8llu  %-*s", (unsigned long long)v[i]->idx, w, v[i]->label);
    for (size_t k = 0; k < t->ncols; k++)
      if (!strcmp(t->cols[k].role, "property"))
        printf(" %14.5g", v[i]->values[k]);
    printf(" %10.5g\n", v[i]->score);
  }
  free(v);
}

int cmd_db(int argc, char **argv) {
  const char *db = "mge.db", *outp = NULL;
  int json = 0, csv = 0, npos;
  cli_opt opt[] = {
      CLI_FLAG("--json", &json, NULL),
      CLI_FLAG("--csv", &csv, NULL),
      CLI_STR("--db", &db, "PATH", NULL),
      {.name = "--output", .alias = "-o", .kind = CLI_OPT_STR, .dst = &outp,
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
  if (mge_store_runs(st, run, &runs, &n, &err)) {
    code = cli_report(&err, NULL);
    goto out;
  }
  if (is_runs) {
    if (json) {
      cli_json j;
      cli_json_init(&j, stdout, 1);
      cli_json_arr_begin(&j);
      for (size_t i = 0; i < n; i++) json_run(&j, &runs[i], 0);
      cli_json_arr_end(&j);
      cli_json_end(&j);
    } else {
      printf("%5s  %-11s %-7s %12s %12s  %-24s %s\n", "run", "status",
             "sampler", "done", "feasible", "started (UTC)", "name");
      for (size_t i = 0; i < n; i++)
        printf("%5lld  %-11s %-7s %12llu %12llu  %-24s %s\n",
               (long long)runs[i].id, runs[i].status, runs[i].sampler,
               (unsigned long long)runs[i].counts.next_index,
               (unsigned long long)runs[i].counts.feasible, runs[i].started_at,
               runs[i].name);
    }
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
    export_csv(f, &t);
  } else if (json) {
    cli_json j;
    cli_json_init(&j, f, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "run");
    json_run(&j, &runs[0], 1);
    cli_json_key(&j, "columns");
    json_cols(&j, &t);
    cli_json_key(&j, "candidates");
    json_cands(&j, &t, is_show ? (MGE_KEEP_FRONT | MGE_KEEP_TOP) : 0);
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
    print_cands(&t, MGE_KEEP_FRONT);
    fprintf(f, "\nTop by score:\n");
    print_cands(&t, MGE_KEEP_TOP);
  }
  code = cli_out_close(tx, code);
out:
  mge_store_table_free(&t);
  mge_store_runs_free(runs, n);
  mge_store_close(st);
  return code;
}
