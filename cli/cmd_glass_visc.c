/* mge glass visc fit|predict (and the dispatcher of visc): viscosity
 * curves fitted to points or predicted from the composition, their fixed
 * points and values at given temperatures. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "glass_common.h"
#include "mge/units.h"
#include "opt.h"

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

static void print_temps(const mge_visc_temps *t) {
  printf("characteristic temperatures\n");
  for (int i = 0; i < MGE_VISC_T_N; i++) {
    printf("  %-17s log10(eta/Pa s) = %4.1f  T = %8.2f K (%7.2f C)",
           mge_visc_point_name(i), mge_visc_point_log10(i), t->T_K[i],
           glass_celsius(t->T_K[i]));
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

/* Read the --at list "T1,T2,..." (degC unless a unit is written; NULL:
 * none) into T_K, *n the count; CLI_OK or CLI_USAGE after the message. */
static int read_at(const char *s, double *T_K, int *n) {
  *n = 0;
  if (s && mge_glass_temperatures_parse(s, "degC", T_K, MAX_AT, n, NULL))
    return cli_usage_error(
        "--at: up to %d temperatures in C, comma-separated, not '%s'", MAX_AT,
        s);
  return CLI_OK;
}

static void print_at(const mge_visc *v, const double *T, int n) {
  if (n <= 0) return;
  printf("viscosity\n");
  for (int i = 0; i < n; i++)
    printf("  T = %8.2f C  log10(eta/Pa s) = %8.4f\n", glass_celsius(T[i]),
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
  const char *model = NULL, *at_text = NULL;
  int json = 0, kind = MGE_VISC_MYEGA, n_at = 0;
  double at[MAX_AT];
  cli_opt opts[] = {
      CLI_FLAG("--json", &json, NULL),
      CLI_STR("--model", &model, "vft|myega|am", NULL),
      CLI_STR("--at", &at_text, "T_C,...", NULL),
  };
  cli_opts spec = CLI_OPTS("glass visc fit", glass_help, opts, 0, NULL);
  const char *path;
  int rc = glass_opt_parse1(&spec, argc, argv, "FILE.csv", "", &path);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (model && (kind = mge_visc_kind_parse(model)) < 0)
    return cli_usage_error("--model: vft, myega or am, not '%s'", model);
  if ((rc = read_at(at_text, at, &n_at))) return rc;
  mge_visc_points pts;
  mge_error err;
  mge_error_clear(&err);
  if (mge_visc_points_read(path, &pts, &err)) return cli_report(&err, NULL);
  mge_visc v;
  mge_visc_fit_info info;
  mge_visc_temps t;
  rc = mge_visc_fit((mge_visc_kind)kind, pts.T_K, pts.log10_eta, pts.sigma,
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
  const char *at_text = NULL;
  int json = 0, n_at = 0;
  double liq = NAN, at[MAX_AT];
  cli_opt opts[] = {
      CLI_FLAG("--json", &json, NULL),
      {.name = "--liquidus",
       .kind = CLI_OPT_QTY,
       .dst = &liq,
       .lo = 0,
       .hi = HUGE_VAL,
       .unit = "degC",
       .arg = "T_C"},
      CLI_STR("--at", &at_text, "T_C,...", NULL),
  };
  cli_opts spec = CLI_OPTS("glass visc predict", glass_help, opts, 0, NULL);
  const char *text;
  int rc = glass_opt_parse1(&spec, argc, argv, "RECIPE", " (quote it)", &text);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if ((rc = read_at(at_text, at, &n_at))) return rc;
  mge_recipe r;
  rc = glass_parse_recipe(text, &r);
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
    glass_json_warn(&j, w);
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
        glass_celsius(Tf), glass_celsius(liq), win,
        win > 0 ? "" : "  (negative: forms below the liquidus)");
  if (w) {
    printf("warnings:");
    glass_print_warn(stdout, w);
    printf("\n");
  }
  printf("model: %s\n", mge_visc_model_info());
  return CLI_OK;
}

int glass_visc(int argc, char **argv) {
  static const char *const subs[] = {"fit", "predict", "train"};
  static int (*const fns[])(int, char **) = {visc_fit, visc_predict,
                                             glass_visc_train};
  if (argc < 2) return fputs(glass_help, stderr), CLI_USAGE;
  return glass_dispatch("glass visc", subs, fns, 3, argc, argv);
}
