/* mge glass props|visc|ionex: oxide glass properties, viscosity curves and
 * chemical strengthening. No science here: parse, call libmge, print. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "mge/glass.h"
#include "mge/report.h"
#include "mge/units.h"

static void usage(FILE *f) {
  fprintf(
      f,
      "usage: mge glass props RECIPE [--json]\n"
      "       mge glass visc fit FILE.csv [--model vft|myega|am] [--at "
      "T_C,...] "
      "[--json]\n"
      "       mge glass visc predict RECIPE [--liquidus T_C] [--at T_C,...] "
      "[--json]\n"
      "       mge glass visc train [--data DIR] [--folds K] [--seed S] "
      "[--json]\n"
      "       mge glass ionex FILE.yaml [--json] [--csv OUT.csv] "
      "[--svg OUT.svg]\n\n"
      "props   density (Fluegel 2007), E, G, K, nu (Makishima-Mackenzie),\n"
      "        molar volume, oxygen packing density, R2O/Al2O3, NBO/T; each\n"
      "        with its unit, reference and validity warnings.\n"
      "        RECIPE e.g. \"75SiO2-15Na2O-10CaO mol%%\" (or wt%%).\n"
      "visc    fit: VFT/MYEGA/AM to points in a CSV with a header of\n"
      "        T_K or T_C, then log10_eta_Pa_s, log10_eta_dPa_s or\n"
      "        log10_eta_poise, and an optional sigma column (log10 units);\n"
      "        prints parameters with standard errors and the fixed points\n"
      "        (strain 10^13.5, annealing 10^12, Tg 10^12, softening 10^6.6,\n"
      "        working 10^3, fibre forming 10^2 Pa s = 10^3 poise).\n"
      "        predict: the SciGlass-trained MYEGA model; --liquidus gives\n"
      "        the fibre forming window T(10^3 poise) - T_liquidus.\n"
      "        --at evaluates the curve at the given temperatures (C).\n"
      "        train: refit that model on data/glass (used by\n"
      "        tools/gen_glass_visc.py) with grouped cross-validation.\n"
      "ionex   K+/Na+ or Na+/Li+ exchange of a plate (see docs/glass.md and\n"
      "        examples/glass/*.yaml); prints CS, CT (Pa), DOL, DOC (m),\n"
      "        stored tensile energy, frangibility; calibrates D0, Q, B when\n"
      "        the file has a `measured:` list.\n\n"
      "Exit status: 0 success, 2 bad input, 1 internal failure.\n");
}

/* ------------------------------------------------------------- helpers */

static void print_warn(FILE *f, unsigned w) {
  if (!w) return;
  char buf[512];
  fprintf(f, "  [warning: %s]", mge_glass_warning_format(w, buf, sizeof buf));
}

static void json_warn(cli_json *j, unsigned w) {
  cli_json_key(j, "warnings");
  cli_json_arr_begin(j);
  for (unsigned b = 1; b <= MGE_GLASS_W_UNDEFINED; b <<= 1)
    if (w & b) cli_json_str(j, mge_glass_warning_text(b));
  cli_json_arr_end(j);
}

static int parse_recipe(const char *text, mge_recipe *r) {
  mge_error err;
  mge_error_clear(&err);
  if (mge_recipe_parse(text, r, &err)) return cli_report(&err, text);
  return CLI_OK;
}

/* --------------------------------------------------------------- props */

static int cmd_props(int argc, char **argv) {
  const char *text = NULL;
  int json = 0;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) return usage(stdout), CLI_OK;
    if (strcmp(argv[i], "--json") == 0)
      json = 1;
    else if (argv[i][0] == '-' && argv[i][1] == '-')
      return cli_usage_error("glass props: unknown option '%s'", argv[i]);
    else if (!text)
      text = argv[i];
    else
      return cli_usage_error("glass props: one RECIPE (quote it)");
  }
  if (!text) return cli_usage_error("glass props: missing RECIPE");
  mge_recipe r;
  int rc = parse_recipe(text, &r);
  if (rc) return rc;
  mge_glass_props p;
  mge_error err;
  mge_error_clear(&err);
  if (mge_glass_props_eval(&r, &p, &err)) return cli_report(&err, text);
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "recipe");
    cli_json_str(&j, text);
    cli_json_key(&j, "properties");
    cli_json_obj_begin(&j);
    for (int k = 0; k < MGE_GP_N; k++) {
      const mge_glass_prop_info *in = mge_glass_prop_info_get(k);
      cli_json_key(&j, in->name);
      cli_json_obj_begin(&j);
      cli_json_key(&j, "value");
      cli_json_num(&j, p.value[k]);
      cli_json_key(&j, "unit");
      cli_json_str(&j, in->unit);
      cli_json_key(&j, "reference");
      cli_json_str(&j, in->ref);
      cli_json_key(&j, "validity");
      cli_json_str(&j, in->validity);
      json_warn(&j, p.warn[k]);
      cli_json_obj_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_key(&j, "thermal_expansion");
    cli_json_str(&j, "not provided: no checked Appen-type coefficient table");
    cli_json_obj_end(&j);
    cli_json_end(&j);
    return CLI_OK;
  }
  printf("recipe: %s\n", text);
  for (int k = 0; k < MGE_GP_N; k++) {
    const mge_glass_prop_info *in = mge_glass_prop_info_get(k);
    printf("  %-24s %14.6g %-7s", in->name, p.value[k], in->unit);
    print_warn(stdout, p.warn[k]);
    printf("\n");
  }
  printf("references:\n");
  for (int k = 0; k < MGE_GP_N; k++) {
    const mge_glass_prop_info *in = mge_glass_prop_info_get(k);
    printf("  %-24s %s (valid: %s)\n", in->name, in->ref, in->validity);
  }
  printf("thermal expansion: not provided (no checked coefficient table)\n");
  return CLI_OK;
}

/* ---------------------------------------------------------------- visc */

static void print_curve(const mge_visc *v, const char *name) {
  static const char *pn[2][3] = {{"A (log10 Pa s)", "B (K)", "C (K)"},
                                 {"log10 eta_inf", "Tg (K)", "m"}};
  const char *const *n = pn[v->kind != MGE_VISC_VFT];
  printf("%s equation (eta in Pa s, T in K)\n", name);
  for (int k = 0; k < 3; k++) {
    printf("  %-16s %12.6g", n[k], v->p[k]);
    if (v->has_cov) printf("  +- %.3g", sqrt(v->cov[4 * k]));
    printf("\n");
  }
}

static void json_curve(cli_json *j, const mge_visc *v) {
  static const char *pn[2][3] = {{"A_log10_Pa_s", "B_K", "C_K"},
                                 {"log10_eta_inf_Pa_s", "Tg_K", "m"}};
  const char *const *n = pn[v->kind != MGE_VISC_VFT];
  cli_json_key(j, "model");
  cli_json_str(j, mge_visc_kind_name(v->kind));
  cli_json_key(j, "parameters");
  cli_json_obj_begin(j);
  for (int k = 0; k < 3; k++) {
    cli_json_key(j, n[k]);
    cli_json_num(j, v->p[k]);
  }
  cli_json_obj_end(j);
  if (v->has_cov) {
    cli_json_key(j, "covariance");
    cli_json_arr_begin(j);
    for (int k = 0; k < 9; k++) cli_json_num(j, v->cov[k]);
    cli_json_arr_end(j);
  }
}

/* A temperature in K shown in degC (units.h). */
static double celsius(double T_K) {
  mge_unit c;
  if (mge_unit_parse("degC", &c, NULL)) return NAN;
  return mge_unit_from_si(&c, T_K);
}

static void print_temps(const mge_visc_temps *t) {
  printf("characteristic temperatures\n");
  for (int i = 0; i < MGE_VISC_T_N; i++) {
    printf("  %-17s log10(eta/Pa s) = %4.1f  T = %8.2f K (%7.2f C)",
           mge_visc_point_name(i), mge_visc_point_log10(i), t->T_K[i],
           celsius(t->T_K[i]));
    if (isfinite(t->sd_K[i])) printf("  +- %.2f K", t->sd_K[i]);
    printf("\n");
  }
}

static void json_temps(cli_json *j, const mge_visc_temps *t) {
  cli_json_key(j, "temperatures");
  cli_json_obj_begin(j);
  for (int i = 0; i < MGE_VISC_T_N; i++) {
    cli_json_key(j, mge_visc_point_name(i));
    cli_json_obj_begin(j);
    cli_json_key(j, "log10_eta_Pa_s");
    cli_json_num(j, mge_visc_point_log10(i));
    cli_json_key(j, "T_K");
    cli_json_num(j, t->T_K[i]);
    cli_json_key(j, "sd_K");
    cli_json_num(j, t->sd_K[i]);
    cli_json_obj_end(j);
  }
  cli_json_obj_end(j);
}

#define MAX_AT 64

/* Parse "T1,T2,..." (degC unless a unit is written) into T_K; returns the
 * count or -1. */
static int parse_at(const char *s, double *T_K) {
  int n;
  return mge_glass_temperatures_parse(s, "degC", T_K, MAX_AT, &n, NULL) ? -1
                                                                        : n;
}

static void print_at(const mge_visc *v, const double *T, int n) {
  if (n <= 0) return;
  printf("viscosity\n");
  for (int i = 0; i < n; i++)
    printf("  T = %8.2f C  log10(eta/Pa s) = %8.4f\n", celsius(T[i]),
           mge_visc_log10(v, T[i]));
}

static void json_at(cli_json *j, const mge_visc *v, const double *T, int n) {
  if (n <= 0) return;
  cli_json_key(j, "at");
  cli_json_arr_begin(j);
  for (int i = 0; i < n; i++) {
    cli_json_obj_begin(j);
    cli_json_key(j, "T_K");
    cli_json_num(j, T[i]);
    cli_json_key(j, "log10_eta_Pa_s");
    cli_json_num(j, mge_visc_log10(v, T[i]));
    cli_json_obj_end(j);
  }
  cli_json_arr_end(j);
}

static int visc_fit(int argc, char **argv) {
  const char *path = NULL;
  int json = 0, kind = MGE_VISC_MYEGA, n_at = 0;
  double at[MAX_AT];
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) return usage(stdout), CLI_OK;
    if (strcmp(argv[i], "--json") == 0)
      json = 1;
    else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
      kind = mge_visc_kind_parse(argv[++i]);
      if (kind < 0)
        return cli_usage_error("--model: vft, myega or am, not '%s'", argv[i]);
    } else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
      n_at = parse_at(argv[++i], at);
      if (n_at < 0)
        return cli_usage_error(
            "--at: up to %d temperatures in C, comma-"
            "separated, not '%s'",
            MAX_AT, argv[i]);
    } else if (argv[i][0] == '-')
      return cli_usage_error("glass visc fit: unknown option '%s'", argv[i]);
    else if (!path)
      path = argv[i];
    else
      return cli_usage_error("glass visc fit: one FILE.csv");
  }
  if (!path) return cli_usage_error("glass visc fit: missing FILE.csv");
  mge_visc_points pts;
  mge_error err;
  mge_error_clear(&err);
  if (mge_visc_points_read(path, &pts, &err)) return cli_report(&err, NULL);
  mge_visc v;
  mge_visc_fit_info info;
  mge_visc_temps t;
  int rc = mge_visc_fit((mge_visc_kind)kind, pts.T_K, pts.log10_eta, pts.sigma,
                        pts.n, &v, &info, &err);
  mge_visc_points_free(&pts);
  if (rc) return cli_report(&err, NULL);
  mge_visc_char_temps(&v, &t, NULL);
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    json_curve(&j, &v);
    cli_json_key(&j, "points");
    cli_json_int(&j, info.n);
    cli_json_key(&j, "rms_log10_Pa_s");
    cli_json_num(&j, info.rms);
    cli_json_key(&j, "chi2");
    cli_json_num(&j, info.chi2);
    cli_json_key(&j, "sigma_given");
    cli_json_bool(&j, info.sigma_given);
    json_temps(&j, &t);
    json_at(&j, &v, at, n_at);
    cli_json_obj_end(&j);
    cli_json_end(&j);
    return CLI_OK;
  }
  print_curve(&v, mge_visc_kind_name(v.kind));
  printf("  %d points, RMS residual %.4f log10 Pa s, chi2 %.4g (%s)\n", info.n,
         info.rms, info.chi2,
         info.sigma_given ? "weighted by sigma" : "errors scaled by chi2/dof");
  print_temps(&t);
  print_at(&v, at, n_at);
  return CLI_OK;
}

static int visc_predict(int argc, char **argv) {
  const char *text = NULL;
  int json = 0, n_at = 0;
  double liq = NAN, at[MAX_AT];
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) return usage(stdout), CLI_OK;
    if (strcmp(argv[i], "--json") == 0)
      json = 1;
    else if (strcmp(argv[i], "--liquidus") == 0 && i + 1 < argc) {
      if (mge_quantity_parse_as(argv[++i], "degC", &liq, NULL))
        return cli_usage_error("--liquidus: a temperature in C, not '%s'",
                               argv[i]);
    } else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
      n_at = parse_at(argv[++i], at);
      if (n_at < 0)
        return cli_usage_error(
            "--at: up to %d temperatures in C, comma-"
            "separated, not '%s'",
            MAX_AT, argv[i]);
    } else if (argv[i][0] == '-' && argv[i][1] == '-')
      return cli_usage_error("glass visc predict: unknown option '%s'",
                             argv[i]);
    else if (!text)
      text = argv[i];
    else
      return cli_usage_error("glass visc predict: one RECIPE (quote it)");
  }
  if (!text) return cli_usage_error("glass visc predict: missing RECIPE");
  mge_recipe r;
  int rc = parse_recipe(text, &r);
  if (rc) return rc;
  mge_visc v;
  unsigned w = 0;
  mge_error err;
  mge_error_clear(&err);
  if (mge_visc_predict(&r, &v, &w, &err)) return cli_report(&err, text);
  if (w & (MGE_GLASS_W_UNKNOWN_OXIDE | MGE_GLASS_W_UNDEFINED)) {
    char buf[512];
    mge_error_set(&err, MGE_E_INPUT, "viscosity model: %s",
                  mge_glass_warning_format(w, buf, sizeof buf));
    return cli_report(&err, NULL);
  }
  mge_visc_temps t;
  mge_visc_char_temps(&v, &t, NULL);
  double Tf = NAN, win = NAN;
  if (isfinite(liq) && mge_visc_forming_window(&v, liq, &Tf, &win, &err))
    return cli_report(&err, NULL);
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "recipe");
    cli_json_str(&j, text);
    json_curve(&j, &v);
    json_temps(&j, &t);
    if (isfinite(liq)) {
      cli_json_key(&j, "liquidus_K");
      cli_json_num(&j, liq);
      cli_json_key(&j, "forming_window_K");
      cli_json_num(&j, win);
    }
    json_at(&j, &v, at, n_at);
    json_warn(&j, w);
    cli_json_key(&j, "model");
    cli_json_str(&j, mge_visc_model_info());
    cli_json_obj_end(&j);
    cli_json_end(&j);
    return CLI_OK;
  }
  printf("recipe: %s\n", text);
  print_curve(&v, "MYEGA (predicted from composition)");
  print_temps(&t);
  print_at(&v, at, n_at);
  if (isfinite(liq))
    printf(
        "forming window: T(10^3 poise) %.1f C - liquidus %.1f C = %.1f K%s\n",
        celsius(Tf), celsius(liq), win,
        win > 0 ? "" : "  (negative: forms below the liquidus)");
  if (w) {
    printf("warnings:");
    print_warn(stdout, w);
    printf("\n");
  }
  printf("model: %s\n", mge_visc_model_info());
  return CLI_OK;
}

static int visc_train(int argc, char **argv) {
  const char *dir = NULL;
  int folds = 5, json = 0;
  unsigned seed = 42;
  char def[4096];
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) return usage(stdout), CLI_OK;
    if (strcmp(argv[i], "--json") == 0)
      json = 1;
    else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
      dir = argv[++i];
    else if (strcmp(argv[i], "--folds") == 0 && i + 1 < argc) {
      folds = atoi(argv[++i]);
      if (folds < 0 || folds > 100)
        return cli_usage_error("--folds: 0 (none) or 2..100");
    } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
      seed = (unsigned)strtoul(argv[++i], NULL, 10);
    else
      return cli_usage_error("glass visc train: unknown option '%s'", argv[i]);
  }
  mge_error err;
  mge_error_clear(&err);
  if (!dir) {
    if (mge_data_find("glass/sciglass_viscnet_compositions.csv", def,
                      sizeof def, &err))
      return cli_report(&err, NULL);
    char *slash = strrchr(def, '/');
    if (slash) *slash = '\0';
    dir = def;
  }
  char pc[4200], pv[4200];
  snprintf(pc, sizeof pc, "%s/sciglass_viscnet_compositions.csv", dir);
  snprintf(pv, sizeof pv, "%s/sciglass_viscnet_viscosity.csv", dir);
  mge_visc_dataset *d;
  if (mge_visc_dataset_load(pc, pv, &d, &err)) return cli_report(&err, NULL);
  mge_visc_coefs *c = malloc(sizeof *c);
  if (!c) return mge_visc_dataset_free(d), CLI_FAIL;
  int rc = mge_visc_train(d, NULL, NULL, c, &err);
  mge_visc_cv_result cv = {0};
  if (!rc && folds >= 2) rc = mge_visc_cv(d, folds, seed, NULL, &cv, &err);
  int ng, np;
  mge_visc_dataset_counts(d, &ng, &np, NULL);
  mge_visc_dataset_free(d);
  if (rc) return free(c), cli_report(&err, NULL);
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "glasses");
    cli_json_int(&j, ng);
    cli_json_key(&j, "points");
    cli_json_int(&j, np);
    cli_json_key(&j, "log10_eta_inf");
    cli_json_num(&j, c->log_eta_inf);
    cli_json_key(&j, "train_rmse");
    cli_json_num(&j, c->rmse);
    cli_json_key(&j, "oxides");
    cli_json_arr_begin(&j);
    for (int k = 0; k < c->n_oxides; k++) {
      cli_json_obj_begin(&j);
      cli_json_key(&j, "name");
      cli_json_str(&j, c->oxide[k]);
      cli_json_key(&j, "n_glasses");
      cli_json_int(&j, c->n_glasses[k]);
      cli_json_key(&j, "x_max");
      cli_json_num(&j, c->x_max[k]);
      cli_json_obj_end(&j);
    }
    cli_json_arr_end(&j);
    cli_json_key(&j, "features");
    cli_json_arr_begin(&j);
    for (int f = 0; f < c->n_feat; f++) {
      cli_json_arr_begin(&j);
      cli_json_int(&j, c->feat_i[f]);
      cli_json_int(&j, c->feat_j[f]);
      cli_json_num(&j, c->tg_K[f]);
      cli_json_num(&j, c->m[f]);
      cli_json_arr_end(&j);
    }
    cli_json_arr_end(&j);
    if (folds >= 2) {
      cli_json_key(&j, "cv");
      cli_json_obj_begin(&j);
      cli_json_key(&j, "folds");
      cli_json_int(&j, cv.folds);
      cli_json_key(&j, "seed");
      cli_json_int(&j, seed);
      cli_json_key(&j, "rmse");
      cli_json_num(&j, cv.rmse);
      cli_json_key(&j, "mae");
      cli_json_num(&j, cv.mae);
      cli_json_key(&j, "points_alkali_aluminosilicate");
      cli_json_int(&j, cv.n_points_aas);
      cli_json_key(&j, "rmse_alkali_aluminosilicate");
      cli_json_num(&j, cv.rmse_aas);
      cli_json_key(&j, "mae_alkali_aluminosilicate");
      cli_json_num(&j, cv.mae_aas);
      cli_json_obj_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    printf(
        "trained on %d glasses, %d points: %d features, log10 eta_inf "
        "%.4f, training RMSE %.4f log10 Pa s\n",
        ng, np, c->n_feat, c->log_eta_inf, c->rmse);
    if (folds >= 2)
      printf(
          "%d-fold CV grouped by glass (seed %u): RMSE %.3f, MAE %.3f "
          "(all %d points); alkali aluminosilicates: RMSE %.3f, MAE %.3f "
          "(%d points)\n",
          cv.folds, seed, cv.rmse, cv.mae, cv.n_points, cv.rmse_aas, cv.mae_aas,
          cv.n_points_aas);
  }
  free(c);
  return CLI_OK;
}

static int cmd_visc(int argc, char **argv) {
  if (argc < 2 || cli_is_help(argv[1]))
    return usage(argc < 2 ? stderr : stdout), argc < 2 ? CLI_USAGE : CLI_OK;
  if (strcmp(argv[1], "fit") == 0) return visc_fit(argc - 1, argv + 1);
  if (strcmp(argv[1], "predict") == 0) return visc_predict(argc - 1, argv + 1);
  if (strcmp(argv[1], "train") == 0) return visc_train(argc - 1, argv + 1);
  return cli_usage_error(
      "glass visc: unknown subcommand '%s' (fit, predict, "
      "train)",
      argv[1]);
}

/* --------------------------------------------------------------- ionex */

static int write_csv(const char *path, const mge_ionex_result *r) {
  mge_file *out;
  FILE *f = cli_out_open(path, &out);
  if (!f) return CLI_USAGE;
  fprintf(f, "z_m,C,sigma_Pa\n");
  for (int i = 0; i < r->n; i++)
    fprintf(f, "%.9g,%.9g,%.9g\n", r->z_m[i], r->C[i], r->sigma_Pa[i]);
  return cli_out_close(out, CLI_OK);
}

static int cmd_ionex(int argc, char **argv) {
  const char *path = NULL, *csv = NULL, *svg = NULL;
  int json = 0;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) return usage(stdout), CLI_OK;
    if (strcmp(argv[i], "--json") == 0)
      json = 1;
    else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
      csv = argv[++i];
    else if (strcmp(argv[i], "--svg") == 0 && i + 1 < argc)
      svg = argv[++i];
    else if (argv[i][0] == '-')
      return cli_usage_error("glass ionex: unknown option '%s'", argv[i]);
    else if (!path)
      path = argv[i];
    else
      return cli_usage_error("glass ionex: one FILE.yaml");
  }
  if (!path) return cli_usage_error("glass ionex: missing FILE.yaml");
  mge_ionex_problem p;
  mge_ionex_measure meas[16];
  int nm = 0;
  mge_error err;
  mge_error_clear(&err);
  if (mge_ionex_read_yaml(path, &p, meas, 16, &nm, &err))
    return cli_report(&err, NULL);
  mge_ionex_calib_info ci = {0};
  if (nm > 0 && mge_ionex_calibrate(&p, meas, nm, &ci, &err))
    return cli_report(&err, NULL);
  mge_ionex_result r;
  if (mge_ionex_run(&p, &r, &err)) return cli_report(&err, NULL);
  int rc = CLI_OK;
  if (csv) rc = write_csv(csv, &r);
  if (!rc && svg) {
    char *s = NULL;
    rc = mge_report_ionex_svg(&r, path, &s, &err)
             ? cli_report(&err, NULL)
             : cli_write_file(svg, s, strlen(s));
    free(s);
  }
  if (rc) return mge_ionex_result_free(&r), rc;
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "CS");
    cli_json_num(&j, r.CS_Pa);
    cli_json_key(&j, "CT");
    cli_json_num(&j, r.CT_Pa);
    cli_json_key(&j, "DOL");
    cli_json_num(&j, r.DOL_m);
    cli_json_key(&j, "DOC");
    cli_json_num(&j, r.DOC_m);
    cli_json_key(&j, "units");
    cli_json_str(&j, "CS, CT in Pa; DOL, DOC in m; energy in J/m2");
    cli_json_key(&j, "tensile_energy");
    cli_json_num(&j, r.W_tensile_J_m2);
    cli_json_key(&j, "CT_limit");
    cli_json_num(&j, r.CT_limit_Pa);
    cli_json_key(&j, "frangible");
    cli_json_bool(&j, r.frangible);
    cli_json_key(&j, "frangibility_source");
    cli_json_str(&j, mge_ionex_ct_limit_source());
    if (nm > 0) {
      cli_json_key(&j, "calibration");
      cli_json_obj_begin(&j);
      cli_json_key(&j, "D0_m2_s");
      cli_json_num(&j, p.glass.D0_m2_s);
      cli_json_key(&j, "Q_J_mol");
      cli_json_num(&j, p.glass.Q_J_mol);
      cli_json_key(&j, "B");
      cli_json_num(&j, p.glass.B);
      cli_json_key(&j, "Q_fitted");
      cli_json_bool(&j, ci.fitted_Q);
      cli_json_key(&j, "rms_relative_misfit");
      cli_json_num(&j, ci.rms_rel);
      cli_json_obj_end(&j);
    }
    cli_json_key(&j, "profile");
    cli_json_obj_begin(&j);
    cli_json_key(&j, "z_m");
    cli_json_arr_begin(&j);
    for (int i = 0; i < r.n; i++) cli_json_num(&j, r.z_m[i]);
    cli_json_arr_end(&j);
    cli_json_key(&j, "C");
    cli_json_arr_begin(&j);
    for (int i = 0; i < r.n; i++) cli_json_num(&j, r.C[i]);
    cli_json_arr_end(&j);
    cli_json_key(&j, "sigma_Pa");
    cli_json_arr_begin(&j);
    for (int i = 0; i < r.n; i++) cli_json_num(&j, r.sigma_Pa[i]);
    cli_json_arr_end(&j);
    cli_json_obj_end(&j);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    if (nm > 0)
      printf(
          "calibrated on %d measurement(s): D0 %.4g m2/s, Q %.4g J/mol%s, "
          "B %.5g (RMS relative misfit %.2g)\n",
          nm, p.glass.D0_m2_s, p.glass.Q_J_mol,
          ci.fitted_Q ? "" : " (kept: one temperature)", p.glass.B, ci.rms_rel);
    printf("%s, %.4g m plate, %d step(s)\n",
           p.pair == MGE_IONEX_K_NA ? "K+ <-> Na+" : "Na+ <-> Li+",
           p.thickness_m, p.n_steps);
    printf(
        "  CS   %12.4g Pa\n  CT   %12.4g Pa\n  DOL  %12.4g m\n"
        "  DOC  %12.4g m\n  tensile energy %10.4g J/m2\n",
        r.CS_Pa, r.CT_Pa, r.DOL_m, r.DOC_m, r.W_tensile_J_m2);
    printf("  CT limit %.4g Pa: %s\n  (%s)\n", r.CT_limit_Pa,
           r.frangible ? "WARNING: CT above the frangibility limit"
                       : "below the frangibility limit",
           mge_ionex_ct_limit_source());
    printf("profile (half thickness, every %d-th node): z_m, C, sigma_Pa\n",
           r.n / 40 + 1);
    for (int i = 0; i <= r.n / 2; i += r.n / 40 + 1)
      printf("  %11.4e %8.5f %12.5e\n", r.z_m[i], r.C[i], r.sigma_Pa[i]);
  }
  mge_ionex_result_free(&r);
  return CLI_OK;
}

int cmd_glass(int argc, char **argv) {
  if (argc < 2) return usage(stderr), CLI_USAGE;
  if (cli_is_help(argv[1])) return usage(stdout), CLI_OK;
  if (strcmp(argv[1], "props") == 0) return cmd_props(argc - 1, argv + 1);
  if (strcmp(argv[1], "visc") == 0) return cmd_visc(argc - 1, argv + 1);
  if (strcmp(argv[1], "ionex") == 0) return cmd_ionex(argc - 1, argv + 1);
  return cli_usage_error("glass: unknown subcommand '%s' (props, visc, ionex)",
                         argv[1]);
}
