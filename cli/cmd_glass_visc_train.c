/* mge glass visc train: refit the composition-to-viscosity model on the
 * SciGlass subset, with grouped cross-validation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "glass_common.h"

int glass_visc_train(int argc, char **argv) {
  const char *dir = NULL;
  int folds = 5, json = 0;
  unsigned seed = 42;
  char def[4096];
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) return fputs(glass_help, stdout), CLI_OK;
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
