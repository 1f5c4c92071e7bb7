/* mge glass visc train: refit the composition-to-viscosity model on the
 * SciGlass subset, with grouped cross-validation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "glass_common.h"
#include "opt.h"

int glass_visc_train(int argc, char **argv) {
  const char *dir = NULL;
  int folds = 5, json = 0;
  long long seed_ll = 42;
  cli_opt opts[] = {
      CLI_FLAG("--json", &json, NULL),
      CLI_STR("--data", &dir, "DIR", NULL),
      CLI_INT("--folds", &folds, 0, 100, "K", NULL),
      {.name = "--seed",
       .kind = CLI_OPT_LLONG,
       .dst = &seed_ll,
       .lo = 0,
       .hi = 4294967295.0,
       .arg = "S"},
  };
  cli_opts spec = CLI_OPTS("glass visc train", glass_help, opts, 0, NULL);
  int npos, rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (npos > 0)
    return cli_usage_error("glass visc train: unexpected argument '%s'",
                           argv[1]);
  unsigned seed = (unsigned)seed_ll;
  mge_error err;
  mge_error_clear(&err);
  mge_visc_dataset *d;
  if (mge_visc_dataset_load_dir(dir, &d, &err)) return cli_report(&err, NULL);
  mge_visc_coefs *c = malloc(sizeof *c);
  if (!c) return mge_visc_dataset_free(d), CLI_FAIL;
  rc = mge_visc_train(d, NULL, NULL, c, &err);
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
