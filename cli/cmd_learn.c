/* mge learn: datasets, surrogate models, honest evaluation, Matbench, and
 * Bayesian choice of the next experiments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mge/design.h"
#include "mge/learn.h"
#include "mge/store_learn.h"
#include "opt.h"
#include "record.h"

static const char *usage_text =
    "usage: mge learn SUBCOMMAND [options]\n"
    "\n"
    "  import CSV --composition COL --target COL [--name NAME] [--unit U]\n"
    "         [--group COL] [--on-bad fail|drop] [--replace]\n"
    "                       store a dataset (bad rows reported by line)\n"
    "  datasets             list stored datasets\n"
    "  fit DATASET [--model xgb|gp|ridge] [--features magpie|alloy|all]\n"
    "         [--name NAME] [-o FILE] [--replace]\n"
    "                       fit a model, store it as learn.NAME, optionally\n"
    "                       also write it to FILE\n"
    "  models               list stored models\n"
    "  predict MODEL IN.csv --column COL [-o OUT.csv]\n"
    "                       MODEL is a stored name or a file from fit -o\n"
    "  cv DATASET [--folds K] [--group COL] [--model ...] [--features ...]\n"
    "  matbench TASK|all [--model ...] [--features ...]\n"
    "                       the official Matbench protocol (steels,\n"
    "                       expt_gap, expt_is_metal, glass)\n"
    "  suggest DATASET --space PROBLEM.yaml [--batch N] [--acq ei|ucb]\n"
    "         [--beta B] [--maximize] [--pool N]\n"
    "                       propose the next experiments (GP + EI/UCB,\n"
    "                       kriging-believer batches)\n"
    "\n"
    "common options: --db PATH (default mge.db), --json, --threads N\n"
    "  (XGBoost threads, default 1; with more, set OMP_WAIT_POLICY=PASSIVE\n"
    "  on a busy machine),\n"
    "  --seed S, --ensemble K (xgb members, for an uncertainty)\n";

typedef struct opts {
  const char *pos[2];
  int npos;
  const char *db, *comp, *target, *name, *unit, *group, *on_bad, *model,
      *features, *out, *column, *space, *acq;
  int json, replace, folds, batch, maximize, pool, threads, ensemble;
  long long seed;
  double beta;
} opts;

/* The options of every subcommand, in o (defaults first); the
 * positional arguments after the subcommand in o->pos. */
static int parse_opts(int argc, char **argv, opts *o, const char **sub) {
  memset(o, 0, sizeof *o);
  o->db = "mge.db";
  o->model = "xgb";
  o->features = "magpie";
  o->folds = 5;
  o->batch = 1;
  o->pool = 20000;
  o->threads = 1;
  o->ensemble = 0;
  o->seed = -1;
  o->beta = 2.0;
  o->acq = "ei";
  cli_opt opt[] = {
      CLI_STR("--db", &o->db, "PATH", NULL),
      CLI_STR("--composition", &o->comp, "COL", NULL),
      CLI_STR("--target", &o->target, "COL", NULL),
      CLI_STR("--name", &o->name, "NAME", NULL),
      CLI_STR("--unit", &o->unit, "U", NULL),
      CLI_STR("--group", &o->group, "COL", NULL),
      CLI_STR("--on-bad", &o->on_bad, "fail|drop", NULL),
      CLI_STR("--model", &o->model, "xgb|gp|ridge", NULL),
      CLI_STR("--features", &o->features, "magpie|alloy|all", NULL),
      {.name = "--output",
       .alias = "-o",
       .kind = CLI_OPT_STR,
       .dst = &o->out,
       .arg = "FILE"},
      CLI_STR("--column", &o->column, "COL", NULL),
      CLI_STR("--space", &o->space, "PROBLEM.yaml", NULL),
      CLI_STR("--acq", &o->acq, "ei|ucb", NULL),
      CLI_FLAG("--json", &o->json, NULL),
      CLI_FLAG("--replace", &o->replace, NULL),
      CLI_FLAG("--maximize", &o->maximize, NULL),
      CLI_INT("--folds", &o->folds, 2, MGE_CV_MAX_FOLDS, "K", NULL),
      CLI_INT("--batch", &o->batch, 1, 1000, "N", NULL),
      CLI_INT("--pool", &o->pool, 10, 1000000, "N", NULL),
      CLI_INT("--threads", &o->threads, 1, 256, "N", NULL),
      CLI_INT("--ensemble", &o->ensemble, 1, 100, "K", NULL),
      {.name = "--seed",
       .kind = CLI_OPT_LLONG,
       .dst = &o->seed,
       .lo = 0,
       .hi = 2147483647.0,
       .arg = "S"},
      {.name = "--beta",
       .kind = CLI_OPT_DOUBLE,
       .dst = &o->beta,
       .lo = 0,
       .hi = 100,
       .arg = "B",
       .flags = CLI_OPT_HI_OPEN},
  };
  cli_opts spec = CLI_OPTS("learn", usage_text, opt, 0, NULL);
  int npos, rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc;
  if (npos == 0) {
    cli_opt_usage(stderr, &spec);
    return CLI_USAGE;
  }
  if (npos > 3) return cli_usage_error("learn: unexpected '%s'", argv[4]);
  *sub = argv[1];
  /* an option that means nothing for the subcommand is refused, not
   * ignored (one table serves every subcommand) */
  static const struct {
    const char *sub, *allowed;
  } subopts[] = {
      {"import",
       " --composition --target --name --unit --group --on-bad "
       "--replace "},
      {"datasets", " "},
      {"models", " "},
      {"fit", " --model --features --name --output --replace --ensemble "},
      {"predict", " --column --output "},
      {"cv", " --folds --group --model --features --ensemble "},
      {"matbench", " --model --features --ensemble "},
      {"suggest", " --space --batch --acq --beta --maximize --pool "},
  };
  /* --json is common but for predict, which writes CSV */
  const char *common = strcmp(*sub, "predict")
                           ? " --db --json --threads --seed "
                           : " --db --threads --seed ";
  for (size_t k = 0; k < sizeof subopts / sizeof subopts[0]; k++) {
    if (strcmp(*sub, subopts[k].sub) != 0) continue;
    char allowed[256], what[32];
    snprintf(allowed, sizeof allowed, "%s%s", subopts[k].allowed, common);
    snprintf(what, sizeof what, "learn %s", *sub);
    if ((rc = cli_opt_only(&spec, allowed, what, "learn"))) return rc;
  }
  o->npos = npos - 1;
  for (int i = 0; i < o->npos; i++) o->pos[i] = argv[2 + i];
  return 0;
}

/* Model options from the command line. */
static int learn_opts(const opts *o, mge_learn_opts *lo, mge_feature_set *fs) {
  mge_learn_kind k = mge_learn_kind_from_name(o->model);
  if (!k)
    return cli_usage_error("--model: '%s' is not one of xgb, gp, ridge",
                           o->model);
  if (o->ensemble && k != MGE_LEARN_XGB)
    return cli_usage_error(
        "--ensemble is for --model xgb (a %s model gives its uncertainty "
        "itself or not at all)",
        o->model);
  mge_learn_opts_default(lo, k);
  lo->threads = o->threads;
  if (o->seed >= 0) lo->seed = (uint64_t)o->seed;
  if (o->ensemble) lo->xgb_ensemble = o->ensemble;
  mge_error e;
  if (fs && mge_feature_set_parse(o->features, fs, &e))
    return cli_report(&e, NULL);
  return 0;
}

/* The settings of a fit as fields of rec: model, features, seed and those
 * of the model. */
static void opts_fields(cli_record *rec, const mge_learn_opts *lo,
                        const char *fs) {
  cli_rec_str(rec, "model", mge_learn_kind_name(lo->kind));
  cli_rec_str(rec, "features", fs);
  cli_rec_int(rec, "seed", (long long)lo->seed);
  if (lo->kind == MGE_LEARN_XGB) {
    cli_rec_int(rec, "rounds", lo->xgb_rounds);
    cli_rec_int(rec, "max_depth", lo->xgb_max_depth);
    cli_rec_num(rec, "eta", NULL, lo->xgb_eta);
    cli_rec_num(rec, "subsample", NULL, lo->xgb_subsample);
    cli_rec_num(rec, "colsample_bytree", NULL, lo->xgb_colsample);
    cli_rec_int(rec, "ensemble", lo->xgb_ensemble);
  } else if (lo->kind == MGE_LEARN_GP) {
    cli_rec_str(rec, "kernel",
                lo->gp_kernel == MGE_GP_RBF ? "rbf" : "matern52");
    cli_rec_int(rec, "restarts", lo->gp_restarts);
  } else {
    cli_rec_num(rec, "alpha", NULL, lo->ridge_alpha);
  }
}

/* The settings as the JSON member "settings" (rec: room for them). */
static void json_opts(cli_json *j, const mge_learn_opts *lo, const char *fs,
                      cli_record *rec) {
  cli_rec_clear(rec);
  opts_fields(rec, lo, fs);
  cli_json_key(j, "settings");
  cli_rec_json(j, rec);
}

/* A record as the JSON of stdout; CLI_FAIL when it ran out of memory. */
static int put_json(const cli_record *rec) {
  if (cli_rec_failed(rec)) {
    fprintf(stderr, "mge: out of memory\n");
    return CLI_FAIL;
  }
  cli_json j;
  cli_json_init(&j, stdout, 1);
  cli_rec_json(&j, rec);
  cli_json_end(&j);
  return CLI_OK;
}

/* The database of o; only import creates one (a read command given a
 * mistyped --db must not leave an empty database behind). */
static int open_store(const opts *o, mge_store **s, int create) {
  if (!create && access(o->db, F_OK) != 0)
    return cli_usage_error(
        "learn: no database at %s (mge learn import creates one; --db PATH)",
        o->db);
  mge_error e;
  if (mge_store_open(o->db, s, &e)) return cli_report(&e, NULL);
  return 0;
}

/* ------------------------------------------------------------ import */

static int do_import(const opts *o) {
  if (o->npos < 1 || !o->comp || !o->target)
    return cli_usage_error(
        "usage: mge learn import CSV --composition COL --target COL");
  int drop = 0;
  if (o->on_bad) {
    if (strcmp(o->on_bad, "drop") == 0)
      drop = 1;
    else if (strcmp(o->on_bad, "fail") != 0)
      return cli_usage_error("--on-bad: '%s' is not fail or drop", o->on_bad);
  }
  mge_dataset_read_opts ro = {o->comp, o->target, o->group,
                              o->name, o->unit,   drop};
  mge_dataset *d;
  mge_row_issue *iss;
  size_t niss;
  mge_error e;
  int rc = mge_dataset_read_csv(o->pos[0], &ro, &d, &iss, &niss, &e);
  for (size_t i = 0; i < niss; i++)
    fprintf(stderr, "mge: %s:%ld: %s (%s): %s\n", o->pos[0], iss[i].line,
            drop ? "dropped" : "bad row", mge_row_issue_name(iss[i].kind),
            iss[i].message);
  free(iss);
  if (rc) return cli_report(&e, NULL);
  mge_store *s;
  if ((rc = open_store(o, &s, 1))) {
    mge_dataset_free(d);
    return rc;
  }
  rc = mge_store_dataset_put(s, d, o->replace, &e);
  mge_store_close(s);
  if (rc) {
    mge_dataset_free(d);
    return cli_report(&e, NULL);
  }
  cli_record *rec = cli_rec_new();
  cli_rec_str(rec, "dataset", d->name);
  cli_rec_int(rec, "rows", (long long)d->n);
  cli_rec_int(rec, "dropped", (long long)d->n_dropped);
  cli_rec_bool(rec, "classification", d->classification);
  cli_rec_str(rec, "source_hash", d->hash);
  cli_rec_str(rec, "db", o->db);
  if (o->json)
    rc = put_json(rec);
  else /* with the target, named in the dataset */
    printf(
        "stored dataset '%s' in %s: %lld rows (%lld dropped), target "
        "'%s'%s%s%s\n",
        cli_rec_get_str(rec, "dataset"), cli_rec_get_str(rec, "db"),
        (long long)cli_rec_get_num(rec, "rows"),
        (long long)cli_rec_get_num(rec, "dropped"), d->target_col,
        d->unit[0] ? " [" : "", d->unit, d->unit[0] ? "]" : "");
  cli_rec_free(rec);
  mge_dataset_free(d);
  return rc;
}

static int do_datasets(const opts *o) {
  mge_store *s;
  int rc = open_store(o, &s, 0);
  if (rc) return rc;
  mge_store_dataset_info *v;
  size_t n;
  mge_error e;
  rc = mge_store_datasets(s, &v, &n, &e);
  mge_store_close(s);
  if (rc) return cli_report(&e, NULL);
  static const cli_rec_col cols[] = {
      {"name", "name", -24, NULL, 0, NULL},
      {"rows", "rows", 7, NULL, 0, NULL},
      {"dropped", "dropped", 7, NULL, 0, NULL},
      {"target", "target", -20, NULL, 2, NULL},
      {"created_at", "created", -20, NULL, 0, NULL},
      {"source", "source", 0, NULL, 0, NULL},
  };
  cli_record *rec = cli_rec_new();
  cli_rec_rows w;
  cli_rec_rows_begin(&w, stdout, o->json, cols, sizeof cols / sizeof *cols);
  for (size_t i = 0; i < n; i++) {
    cli_rec_clear(rec);
    cli_rec_str(rec, "name", v[i].name);
    cli_rec_int(rec, "rows", (long long)v[i].n_rows);
    cli_rec_int(rec, "dropped", (long long)v[i].n_dropped);
    cli_rec_str(rec, "target", v[i].target);
    cli_rec_str(rec, "unit", v[i].unit);
    cli_rec_bool(rec, "classification", v[i].classification);
    cli_rec_str(rec, "source", v[i].source);
    cli_rec_str(rec, "source_hash", v[i].hash);
    cli_rec_str(rec, "created_at", v[i].created_at);
    cli_rec_rows_add(&w, rec);
  }
  cli_rec_rows_end(&w);
  cli_rec_free(rec);
  free(v);
  return CLI_OK;
}

static int load_dataset(const opts *o, mge_store **s, mge_dataset **d) {
  int rc = open_store(o, s, 0);
  if (rc) return rc;
  mge_error e;
  if (mge_store_dataset_get(*s, o->pos[0], d, &e)) {
    mge_store_close(*s);
    return cli_report(&e, NULL);
  }
  return 0;
}

/* --------------------------------------------------------------- fit */

static int do_fit(const opts *o) {
  if (o->npos < 1) return cli_usage_error("usage: mge learn fit DATASET");
  mge_learn_opts lo;
  mge_feature_set fs;
  int rc = learn_opts(o, &lo, &fs);
  if (rc) return rc;
  mge_store *s;
  mge_dataset *d;
  if ((rc = load_dataset(o, &s, &d))) return rc;
  mge_learned *l = NULL;
  mge_error e;
  char settings[512];
  mge_learn_opts_settings(&lo, o->features, settings, sizeof settings);
  const char *name = o->name ? o->name : d->name;
  rc = mge_learned_fit(d, fs, &lo, &l, &e);
  if (!rc) rc = mge_store_model_put(s, name, d, l, settings, o->replace, &e);
  if (rc) {
    rc = cli_report(&e, NULL);
  } else if (o->out) {
    char *buf;
    size_t len;
    if (mge_learned_save(l, &buf, &len, &e))
      rc = cli_report(&e, NULL);
    else {
      rc = cli_write_file(o->out, buf, len);
      free(buf);
    }
  }
  if (!rc) {
    char prop[160];
    snprintf(prop, sizeof prop, "learn.%s", name);
    cli_record *rec = cli_rec_new();
    cli_rec_str(rec, "model", name);
    cli_rec_str(rec, "property", prop);
    cli_rec_str(rec, "dataset", d->name);
    cli_rec_int(rec, "rows", (long long)d->n);
    cli_rec_begin(rec, "settings");
    opts_fields(rec, &lo, o->features);
    cli_rec_end(rec);
    cli_rec_str(rec, "file", o->out);
    if (o->json)
      rc = put_json(rec);
    else
      printf(
          "fitted %s on %s (%lld rows, %s features); stored as %s in "
          "%s%s%s\n",
          cli_rec_get_str(rec, "settings.model"),
          cli_rec_get_str(rec, "dataset"),
          (long long)cli_rec_get_num(rec, "rows"),
          cli_rec_get_str(rec, "settings.features"),
          cli_rec_get_str(rec, "property"), o->db,
          o->out ? ", written to " : "", o->out ? o->out : "");
    cli_rec_free(rec);
  }
  mge_learned_free(l);
  mge_dataset_free(d);
  mge_store_close(s);
  return rc;
}

static int do_models(const opts *o) {
  mge_store *s;
  int rc = open_store(o, &s, 0);
  if (rc) return rc;
  mge_store_model_info *v;
  size_t n;
  mge_error e;
  rc = mge_store_models(s, &v, &n, &e);
  mge_store_close(s);
  if (rc) return cli_report(&e, NULL);
  static const cli_rec_col cols[] = {
      {"property", "property", -28, NULL, 0, NULL},
      {"dataset", "dataset", -20, NULL, 0, NULL},
      {"model", "model", -6, NULL, 0, NULL},
      {"features", "features", -8, NULL, 0, NULL},
      {"created_at", "created", 0, NULL, 0, NULL},
  };
  cli_record *rec = cli_rec_new();
  cli_rec_rows w;
  cli_rec_rows_begin(&w, stdout, o->json, cols, sizeof cols / sizeof *cols);
  for (size_t i = 0; i < n; i++) {
    char prop[160];
    snprintf(prop, sizeof prop, "learn.%s", v[i].name);
    cli_rec_clear(rec);
    cli_rec_str(rec, "name", v[i].name);
    cli_rec_str(rec, "property", prop);
    cli_rec_str(rec, "dataset", v[i].dataset);
    cli_rec_str(rec, "model", v[i].kind);
    cli_rec_str(rec, "features", v[i].features);
    cli_rec_str(rec, "unit", v[i].unit);
    cli_rec_str(rec, "created_at", v[i].created_at);
    cli_rec_rows_add(&w, rec);
  }
  cli_rec_rows_end(&w);
  cli_rec_free(rec);
  free(v);
  return CLI_OK;
}

/* ----------------------------------------------------------- predict */

static int do_predict(const opts *o) {
  if (o->npos < 2 || !o->column)
    return cli_usage_error(
        "usage: mge learn predict MODEL IN.csv --column COL");
  mge_error e;
  mge_learned *l = NULL;
  int rc = mge_learned_read(o->pos[0], &l, &e);
  if (rc && rc != MGE_E_IO) return cli_report(&e, NULL);
  if (rc) { /* not a file: a stored model */
    mge_store *s;
    if (access(o->db, F_OK) != 0)
      return cli_usage_error(
          "learn predict: '%s' is neither a model file nor a stored model "
          "(no database at %s; --db PATH)",
          o->pos[0], o->db);
    if ((rc = open_store(o, &s, 0))) return rc;
    rc = mge_store_model_get(s, o->pos[0], &l, NULL, &e);
    mge_store_close(s);
    if (rc) return cli_report(&e, NULL);
  }
  /* every row is kept, in order; one that fails gets its error */
  mge_dataset *d = NULL;
  rc = mge_dataset_read_column(o->pos[1], o->column, &d, &e);
  if (rc) {
    mge_learned_free(l);
    return cli_report(&e, NULL);
  }
  FILE *out = stdout;
  mge_file *tx = NULL;
  if (o->out && !(out = cli_out_open(o->out, &tx))) {
    mge_learned_free(l);
    mge_dataset_free(d);
    return CLI_USAGE;
  }
  for (size_t j = 0; j < d->n_extra; j++) {
    cli_csv_field(out, d->extra_name[j]);
    fputc(',', out);
  }
  fprintf(out, "prediction,sd,error\n");
  for (size_t i = 0; i < d->n; i++) {
    for (size_t j = 0; j < d->n_extra; j++) {
      cli_csv_field(out, d->extra[i * d->n_extra + j]);
      fputc(',', out);
    }
    mge_error pe;
    double mu, sd;
    if (mge_learned_predict_text(l, d->comp[i], &mu, &sd, &pe) != MGE_OK) {
      fputs(",,", out);
      cli_csv_field(out, pe.message);
    } else {
      fprintf(out, "%.10g,", mu);
      if (isfinite(sd)) fprintf(out, "%.6g", sd);
      fputc(',', out);
    }
    fputc('\n', out);
  }
  rc = cli_out_close(tx, CLI_OK);
  mge_learned_free(l);
  mge_dataset_free(d);
  return rc;
}

/* ---------------------------------------------------------------- cv */

/* The metrics of a fold as a record: those of the task (regression: MAE,
 * RMSE, R2; classification: ROC-AUC, accuracy) or, with all, every one
 * (those that do not apply unknown), as the table shows them. */
static void metrics_record(cli_record *rec, const mge_metrics *m, int cls,
                           int all) {
  cli_rec_clear(rec);
  cli_rec_int(rec, "n", (long long)m->n);
  if (cls) {
    cli_rec_num(rec, "roc_auc", NULL, m->roc_auc);
    cli_rec_num(rec, "accuracy", NULL, m->accuracy);
  }
  if (!cls || all) {
    cli_rec_num(rec, "mae", NULL, m->mae);
    cli_rec_num(rec, "rmse", NULL, m->rmse);
    cli_rec_num(rec, "r2", NULL, m->r2);
  }
}

static void print_cv(const mge_cv_result *r, int classification,
                     const char *unit, cli_record *rec) {
  static const cli_rec_col cols[] = {
      {"fold", "fold", 6, NULL, 0, NULL},
      {"n", "n", 8, NULL, 0, NULL},
      {"mae", "MAE", 12, "%.5g", 0, "nan"},
      {"rmse", "RMSE", 12, "%.5g", 0, "nan"},
      {"r2", "R2", 10, "%.4f", 0, "nan"},
      {"roc_auc", "ROC-AUC", 10, "%.4f", 0, "nan"},
      {"accuracy", "acc", 8, "%.4f", 0, "nan"},
  };
  size_t nc = sizeof cols / sizeof cols[0];
  cli_rec_table_head(stdout, cols, nc, NULL);
  for (int f = 0; f <= r->folds; f++) {
    char name[16];
    snprintf(name, sizeof name, f < r->folds ? "%d" : "mean", f);
    metrics_record(rec, f < r->folds ? &r->fold[f] : &r->mean, classification,
                   1);
    cli_rec_str(rec, "fold", name);
    cli_rec_table_row(stdout, cols, nc, rec);
  }
  printf("MAE and RMSE in %s; %.2f s for featurize + fit + predict\n",
         unit && unit[0] ? unit : "the target's unit", r->seconds);
}

static void json_cv(cli_json *j, const mge_cv_result *r, int cls,
                    cli_record *rec) {
  cli_json_key(j, "folds");
  cli_json_arr_begin(j);
  for (int f = 0; f < r->folds; f++) {
    metrics_record(rec, &r->fold[f], cls, 0);
    cli_rec_json(j, rec);
  }
  cli_json_arr_end(j);
  cli_json_key(j, "mean");
  metrics_record(rec, &r->mean, cls, 0);
  cli_rec_json(j, rec);
  cli_json_key(j, "seconds");
  cli_json_num(j, r->seconds);
}

static int do_cv(const opts *o) {
  if (o->npos < 1) return cli_usage_error("usage: mge learn cv DATASET");
  mge_learn_opts lo;
  mge_feature_set fs;
  int rc = learn_opts(o, &lo, &fs);
  if (rc) return rc;
  mge_store *s;
  mge_dataset *d;
  if ((rc = load_dataset(o, &s, &d))) return rc;
  mge_store_close(s);
  mge_error e;
  mge_cv_result r;
  if (!o->group || !(rc = mge_dataset_set_group(d, o->group, &e)))
    rc = mge_dataset_cv(d, fs, &lo, o->folds, &r, &e);
  cli_record *rec = cli_rec_new();
  if (rc) {
    rc = cli_report(&e, NULL);
  } else if (o->json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "dataset");
    cli_json_str(&j, d->name);
    cli_json_key(&j, "grouped_by");
    cli_json_str(&j, d->group ? d->group_col : "composition");
    cli_json_key(&j, "unit");
    cli_json_str(&j, d->unit);
    json_opts(&j, &lo, o->features, rec);
    json_cv(&j, &r, d->classification, rec);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    printf("%d-fold cross-validation of %s on %s (%zu rows), groups by %s\n",
           o->folds, mge_learn_kind_name(lo.kind), d->name, d->n,
           d->group ? d->group_col : "composition");
    print_cv(&r, d->classification, d->unit, rec);
  }
  cli_rec_free(rec);
  mge_dataset_free(d);
  return rc;
}

/* ---------------------------------------------------------- matbench */

static int do_matbench(const opts *o) {
  if (o->npos < 1) return cli_usage_error("usage: mge learn matbench TASK|all");
  mge_learn_opts lo;
  mge_feature_set fs;
  int rc = learn_opts(o, &lo, &fs);
  if (rc) return rc;
  const mge_matbench_task *list[8];
  int nt = 0;
  if (strcmp(o->pos[0], "all") == 0) {
    for (int i = 0; i < mge_matbench_count(); i++)
      list[nt++] = mge_matbench_get(i);
  } else {
    const mge_matbench_task *t = mge_matbench_find(o->pos[0]);
    if (!t)
      return cli_usage_error(
          "unknown Matbench task '%s' (steels, expt_gap, expt_is_metal, "
          "glass or all)",
          o->pos[0]);
    list[nt++] = t;
  }
  cli_record *rec = cli_rec_new();
  cli_json j;
  if (o->json) {
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    json_opts(&j, &lo, o->features, rec);
    cli_json_key(&j, "tasks");
    cli_json_arr_begin(&j);
  }
  for (int i = 0; i < nt; i++) {
    const mge_matbench_task *t = list[i];
    mge_cv_result r;
    mge_error e;
    mge_learn_opts to = lo;
    to.classification = t->classification;
    rc = mge_matbench_run(t, fs, &to, &r, &e);
    if (rc) {
      if (o->json) {
        cli_json_arr_end(&j);
        cli_json_obj_end(&j);
        cli_json_end(&j);
      }
      cli_rec_free(rec);
      return cli_report(&e, NULL);
    }
    double score = t->classification ? r.mean.roc_auc : r.mean.mae;
    const char *metric = t->classification ? "roc_auc" : "mae";
    if (o->json) {
      cli_json_obj_begin(&j);
      cli_json_key(&j, "task");
      cli_json_str(&j, t->name);
      cli_json_key(&j, "metric");
      cli_json_str(&j, metric);
      cli_json_key(&j, "unit");
      cli_json_str(&j, t->unit);
      cli_json_key(&j, "score");
      cli_json_num(&j, score);
      json_cv(&j, &r, t->classification, rec);
      cli_json_key(&j, "published");
      cli_json_obj_begin(&j);
      cli_json_key(&j, "rf_scm_magpie");
      cli_json_num(&j, t->rf_scm_magpie);
      cli_json_key(&j, "best");
      cli_json_num(&j, t->best);
      cli_json_key(&j, "best_model");
      cli_json_str(&j, t->best_name);
      cli_json_obj_end(&j);
      cli_json_obj_end(&j);
    } else {
      printf("%s: %s-fold official Matbench folds, %s on %s features\n",
             t->name, "5", mge_learn_kind_name(lo.kind), o->features);
      print_cv(&r, t->classification, t->unit, rec);
      printf(
          "mean %s %.4g %s   published: RF-SCM/Magpie %.4g, best %.4g "
          "(%s)\n\n",
          t->classification ? "ROC-AUC" : "MAE", score,
          t->classification ? "" : t->unit, t->rf_scm_magpie, t->best,
          t->best_name);
    }
  }
  if (o->json) {
    cli_json_arr_end(&j);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  }
  cli_rec_free(rec);
  return CLI_OK;
}

/* ----------------------------------------------------------- suggest */

/* The suggestions as a record: dataset, observations, candidates,
 * acquisition, batch_method, goal, basis and suggestions [{composition
 * {balance, variables}, predicted, sd, acquisition}]. */
static void suggestions_record(cli_record *rec, const mge_problem *p,
                               const mge_dataset *d,
                               const mge_design_suggest_opts *so,
                               const mge_design_suggestions *sg) {
  int nv = mge_problem_n_vars(p);
  cli_rec_str(rec, "dataset", d->name);
  cli_rec_int(rec, "observations", (long long)sg->n_obs);
  cli_rec_int(rec, "candidates", (long long)sg->n_candidates);
  cli_rec_str(rec, "acquisition", so->bo.acq == MGE_ACQ_EI ? "log_ei" : "ucb");
  cli_rec_str(rec, "batch_method", "kriging believer");
  cli_rec_str(rec, "goal", so->maximize ? "maximize" : "minimize");
  cli_rec_str(rec, "basis", mge_problem_basis_name(p));
  cli_rec_arr_begin(rec, "suggestions");
  for (int b = 0; b < sg->n; b++) {
    const double *x = sg->x + (size_t)b * (size_t)sg->nx;
    cli_rec_begin(rec, NULL);
    cli_rec_begin(rec, "composition");
    cli_rec_num(rec, mge_problem_balance_symbol(p), NULL, x[nv]);
    cli_rec_fmt(rec, "%7.3f");
    for (int v = 0; v < nv; v++) {
      cli_rec_num(rec, mge_problem_var(p, v)->symbol, NULL, x[v]);
      cli_rec_fmt(rec, "%7.3f");
    }
    cli_rec_end(rec);
    cli_rec_num(rec, "predicted", NULL, sg->mean[b]);
    cli_rec_fmt(rec, "%12.5g");
    cli_rec_num(rec, "sd", NULL, sg->sd[b]);
    cli_rec_fmt(rec, "%10.4g");
    cli_rec_num(rec, "acquisition", NULL, sg->acq[b]);
    cli_rec_fmt(rec, "%10.4g");
    cli_rec_end(rec);
  }
  cli_rec_arr_end(rec);
}

/* The suggestions as JSON or as a table of one row a suggestion: the
 * variables, the balance, the prediction, its sd and the acquisition. */
static int print_suggestions(const opts *o, const mge_problem *p,
                             const mge_dataset *d,
                             const mge_design_suggest_opts *so,
                             const mge_design_suggestions *sg) {
  cli_record *rec = cli_rec_new();
  suggestions_record(rec, p, d, so, sg);
  if (o->json || cli_rec_failed(rec)) {
    int rc = put_json(rec);
    cli_rec_free(rec);
    return rc;
  }
  int nv = mge_problem_n_vars(p);
  printf(
      "%d suggestion(s) for %s %s (%zu observations, %zu feasible "
      "candidates, %s, kriging-believer batch)\n",
      sg->n, so->maximize ? "maximizing" : "minimizing", d->target_col,
      sg->n_obs, sg->n_candidates, so->bo.acq == MGE_ACQ_EI ? "log EI" : "UCB");
  printf("%4s", "#");
  for (int v = 0; v < nv; v++) printf(" %7s", mge_problem_var(p, v)->symbol);
  printf(" %7s %12s %10s %10s   (%s)\n", mge_problem_balance_symbol(p),
         "predicted", "sd", "acq", cli_rec_get_str(rec, "basis"));
  cli_rec_col *cols = malloc((size_t)(nv + 4) * sizeof *cols);
  cli_record *e = cli_rec_new();
  for (int v = 0; cols && v <= nv; v++) /* the variables, the balance */
    cols[v] = (cli_rec_col){
        v < nv ? mge_problem_var(p, v)->symbol : mge_problem_balance_symbol(p),
        NULL,
        0,
        NULL,
        1,
        NULL};
  static const char *const tail[] = {"predicted", "sd", "acquisition"};
  for (int k = 0; cols && k < 3; k++)
    cols[nv + 1 + k] = (cli_rec_col){tail[k], NULL, 0, NULL, 1, NULL};
  for (size_t b = 0; cols && cli_rec_elem(rec, "suggestions", b, e); b++) {
    printf("%4zu", b + 1);
    cli_rec_table_row(stdout, cols, (size_t)nv + 4, e);
  }
  int rc = cols && !cli_rec_failed(e) ? CLI_OK : CLI_FAIL;
  if (rc) fprintf(stderr, "mge: out of memory\n");
  free(cols);
  cli_rec_free(e);
  cli_rec_free(rec);
  return rc;
}

static int do_suggest(const opts *o) {
  if (o->npos < 1 || !o->space)
    return cli_usage_error(
        "usage: mge learn suggest DATASET --space PROBLEM.yaml --batch N");
  mge_error e;
  mge_design_suggest_opts so;
  mge_design_suggest_opts_default(&so);
  if (strcmp(o->acq, "ei") == 0)
    so.bo.acq = MGE_ACQ_EI;
  else if (strcmp(o->acq, "ucb") == 0)
    so.bo.acq = MGE_ACQ_UCB;
  else
    return cli_usage_error("--acq: '%s' is not ei or ucb", o->acq);
  so.bo.beta = o->beta;
  if (o->seed >= 0) so.bo.gp.seed = (uint64_t)o->seed;
  so.batch = o->batch;
  so.maximize = o->maximize;
  so.pool = (size_t)o->pool;
  mge_registry *reg = mge_registry_builtin(&e);
  if (!reg) return cli_report(&e, NULL);
  mge_store *s;
  mge_dataset *d;
  int rc;
  if ((rc = load_dataset(o, &s, &d))) {
    mge_registry_free(reg);
    return rc;
  }
  mge_problem *p = NULL;
  mge_design_suggestions *sg = NULL;
  rc = mge_store_register_learned(s, reg, &e);
  if (!rc) rc = mge_problem_load(o->space, reg, NULL, &p, &e);
  if (!rc) rc = mge_design_suggest(p, d, &so, &sg, &e);
  if (rc)
    rc = cli_report(&e, NULL);
  else
    rc = print_suggestions(o, p, d, &so, sg);
  mge_design_suggestions_free(sg);
  mge_problem_free(p);
  mge_dataset_free(d);
  mge_store_close(s);
  mge_registry_free(reg);
  return rc;
}

int cmd_learn(int argc, char **argv) {
  opts o;
  const char *sub = NULL;
  int rc = parse_opts(argc, argv, &o, &sub);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  static const char *const subs[] = {"import",   "datasets", "fit",
                                     "models",   "predict",  "cv",
                                     "matbench", "suggest"};
  static int (*const fns[])(const opts *) = {do_import,   do_datasets, do_fit,
                                             do_models,   do_predict,  do_cv,
                                             do_matbench, do_suggest};
  for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
    if (strcmp(sub, subs[i]) == 0) return fns[i](&o);
  const char *near = cli_nearest(sub, subs, sizeof subs / sizeof subs[0]);
  if (near)
    return cli_usage_error("learn: unknown subcommand '%s'; did you mean '%s'?",
                           sub, near);
  return cli_usage_error("learn: unknown subcommand '%s' (mge learn --help)",
                         sub);
}
