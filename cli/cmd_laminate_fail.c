/* mge laminate fail: reserve factors per ply and criterion, first- and
 * last-ply failure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "laminate_common.h"

int lam_fail(const lam_opts *o, const mge_laminate_spec *s) {
  mge_error err;
  mge_error_clear(&err);
  if (!s->has_load)
    return cli_usage_error(
        "fail needs loads: (N, M, dT) in the file or "
        "--N/--M/--dT");
  mge_fail_result *fr = malloc(sizeof *fr);
  mge_lpf_result *lp = malloc(sizeof *lp * MGE_CRIT_N);
  if (!fr || !lp) {
    free(fr);
    free(lp);
    return CLI_FAIL;
  }
  if (mge_laminate_fail(&s->lam, &s->load, s->crit, s->n_crit, &s->opts, fr,
                        &err)) {
    free(fr);
    free(lp);
    return cli_report(&err, NULL);
  }
  int lok[MGE_CRIT_N];
  mge_laminate_lpf_each(&s->lam, &s->load, s->crit, s->n_crit, &s->opts, lp,
                        lok);
  if (o->json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "tsai_wu_F12star");
    cli_json_num(&j, s->opts.tsai_wu_F12star);
    cli_json_key(&j, "ply_discount");
    cli_json_num(&j, s->opts.ply_discount);
    cli_json_key(&j, "ply_discount_scheme");
    cli_json_str(&j,
                 "fibre failure: Q x d; inter-fibre failure: Q22, Q12, "
                 "Q66 x d; collapse at 1000x the intact deformation");
    cli_json_key(&j, "criteria");
    cli_json_arr_begin(&j);
    for (int c = 0; c < s->n_crit; c++)
      cli_json_str(&j, mge_criterion_name(s->crit[c]));
    cli_json_arr_end(&j);
    cli_json_key(&j, "plies");
    cli_json_arr_begin(&j);
    for (int k = 0; k < fr->n_plies; k++) {
      cli_json_obj_begin(&j);
      cli_json_key(&j, "ply");
      cli_json_int(&j, k + 1);
      cli_json_key(&j, "angle_deg");
      cli_json_num(&j, s->lam.ply[k].theta_deg);
      cli_json_key(&j, "reserve_factor");
      cli_json_obj_begin(&j);
      for (int c = 0; c < s->n_crit; c++) {
        cli_json_key(&j, mge_criterion_name(s->crit[c]));
        cli_json_num(&j, fr->rf[k][c]);
      }
      cli_json_obj_end(&j);
      cli_json_key(&j, "mode");
      cli_json_obj_begin(&j);
      for (int c = 0; c < s->n_crit; c++) {
        cli_json_key(&j, mge_criterion_name(s->crit[c]));
        cli_json_str(&j, mge_fail_mode_name(fr->mode[k][c], s->crit[c]));
      }
      cli_json_obj_end(&j);
      cli_json_key(&j, "where");
      cli_json_obj_begin(&j);
      for (int c = 0; c < s->n_crit; c++) {
        cli_json_key(&j, mge_criterion_name(s->crit[c]));
        cli_json_str(&j, lam_where_names[fr->where[k][c]]);
      }
      cli_json_obj_end(&j);
      cli_json_obj_end(&j);
    }
    cli_json_arr_end(&j);
    cli_json_key(&j, "first_ply_failure");
    cli_json_obj_begin(&j);
    for (int c = 0; c < s->n_crit; c++) {
      cli_json_key(&j, mge_criterion_name(s->crit[c]));
      cli_json_obj_begin(&j);
      cli_json_key(&j, "reserve_factor");
      cli_json_num(&j, fr->fpf[c]);
      cli_json_key(&j, "ply"); /* null: no failure under this load */
      if (fr->fpf_ply[c] >= 0)
        cli_json_int(&j, fr->fpf_ply[c] + 1);
      else
        cli_json_null(&j);
      cli_json_obj_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_key(&j, "last_ply_failure");
    cli_json_obj_begin(&j);
    for (int c = 0; c < s->n_crit; c++) {
      cli_json_key(&j, mge_criterion_name(s->crit[c]));
      if (!lok[c]) {
        cli_json_null(&j);
        continue;
      }
      cli_json_obj_begin(&j);
      cli_json_key(&j, "reserve_factor");
      cli_json_num(&j, lp[c].lpf);
      cli_json_key(&j, "sequence");
      cli_json_arr_begin(&j);
      for (int i = 0; i < lp[c].n_steps; i++) {
        cli_json_obj_begin(&j);
        cli_json_key(&j, "ply");
        cli_json_int(&j, lp[c].step[i].ply + 1);
        cli_json_key(&j, "load_factor");
        cli_json_num(&j, lp[c].step[i].load_factor);
        if (lp[c].step[i].cascade) { /* fails at once at the load reached */
          cli_json_key(&j, "cascade");
          cli_json_bool(&j, 1);
          cli_json_key(&j, "own_factor");
          cli_json_num(&j, lp[c].step[i].own_factor);
        }
        cli_json_key(&j, "mode");
        cli_json_str(&j, mge_fail_mode_name(lp[c].step[i].mode, s->crit[c]));
        cli_json_obj_end(&j);
      }
      cli_json_arr_end(&j);
      cli_json_obj_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    printf("reserve factors (failure at RF x load; Tsai-Wu F12* = %g):\n",
           s->opts.tsai_wu_F12star);
    printf("%4s %7s", "ply", "angle");
    for (int c = 0; c < s->n_crit; c++)
      printf(" %11s", mge_criterion_name(s->crit[c]));
    printf("\n");
    for (int k = 0; k < fr->n_plies; k++) {
      printf("%4d %7.3g", k + 1, s->lam.ply[k].theta_deg);
      for (int c = 0; c < s->n_crit; c++) printf(" %11.4g", fr->rf[k][c]);
      printf("\n");
    }
    printf("%-12s %10s %5s %-20s %10s\n", "criterion", "FPF", "ply", "mode",
           "LPF");
    for (int c = 0; c < s->n_crit; c++) {
      int k = fr->fpf_ply[c];
      if (k < 0) { /* nothing fails at any multiple of this load */
        printf("%-12s %10s %5s %-20s %10s\n", mge_criterion_name(s->crit[c]),
               "-", "-", "no failure", "-");
        continue;
      }
      char lpf[32] = "-";
      if (lok[c]) snprintf(lpf, sizeof lpf, "%.4g", lp[c].lpf);
      printf("%-12s %10.4g %5d %-20s %10s\n", mge_criterion_name(s->crit[c]),
             fr->fpf[c], k + 1, mge_fail_mode_name(fr->mode[k][c], s->crit[c]),
             lpf);
    }
    printf(
        "LPF: ply discount d = %g (fibre failure: Q x d; inter-fibre: "
        "Q22, Q12, Q66 x d)\n",
        s->opts.ply_discount);
  }
  free(fr);
  free(lp);
  return CLI_OK;
}
