/* mge laminate envelope: failure envelopes as CSV (stdout or --csv), JSON
 * and SVG (--svg). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laminate_common.h"
#include "mge/report.h"
#include "mge/str.h"

int lam_envelope(const lam_opts *o, const mge_laminate_spec *s) {
  mge_error err;
  mge_error_clear(&err);
  int n = s->n_dir, nc = s->n_crit;
  double *a = malloc(sizeof(double) * (size_t)n * nc);
  double *b = malloc(sizeof(double) * (size_t)n * nc);
  if (!a || !b) {
    free(a);
    free(b);
    return CLI_FAIL;
  }
  int rc = CLI_OK;
  if (mge_laminate_envelopes(&s->lam, s->plane, s->crit, nc, &s->opts, n,
                             o->last_ply, s->load.dT_K, s->load.dC, a, b, &err))
    rc = cli_report(&err, NULL);
  static const char *const an[] = {"sigma_x", "sigma_x", "sigma_y"};
  static const char *const bn[] = {"sigma_y", "tau_xy", "tau_xy"};
  if (rc == CLI_OK && o->svg) {
    const double *ap[MGE_CRIT_N], *bp[MGE_CRIT_N];
    const char *lb[MGE_CRIT_N];
    for (int c = 0; c < nc; c++) {
      ap[c] = a + (size_t)c * n;
      bp[c] = b + (size_t)c * n;
      lb[c] = mge_criterion_name(s->crit[c]);
    }
    mge_str *title = mge_str_new();
    mge_str_printf(title, "%s %s, %s failure", s->lam.mats[0].name, s->layup,
                   o->last_ply ? "last-ply" : "first-ply");
    char *buf = NULL;
    if (mge_str_errcode(title)) {
      rc = CLI_FAIL;
    } else {
      int r = mge_report_envelope_svg(s->plane, nc, ap, bp, n, lb,
                                      mge_str_value(title), &buf, &err);
      rc = cli_write_rendered(o->svg, r, buf, &err);
    }
    mge_str_free(title);
  }
  if (rc == CLI_OK && o->json) {
    cli_json j;
    cli_json_init(&j, stdout, 0);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "plane");
    cli_json_str(&j, mge_stress_plane_name(s->plane));
    cli_json_key(&j, "axes");
    cli_json_arr_begin(&j);
    cli_json_str(&j, an[s->plane]);
    cli_json_str(&j, bn[s->plane]);
    cli_json_arr_end(&j);
    cli_json_key(&j, "unit");
    cli_json_str(&j, "Pa (average laminate stress N/h)");
    cli_json_key(&j, "last_ply");
    cli_json_bool(&j, o->last_ply);
    cli_json_key(&j, "curves");
    cli_json_obj_begin(&j);
    for (int c = 0; c < nc; c++) {
      cli_json_key(&j, mge_criterion_name(s->crit[c]));
      cli_json_arr_begin(&j);
      for (int i = 0; i < n; i++) {
        cli_json_arr_begin(&j);
        cli_json_num(&j, a[(size_t)c * n + i]);
        cli_json_num(&j, b[(size_t)c * n + i]);
        cli_json_arr_end(&j);
      }
      cli_json_arr_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  }
  /* the CSV goes to --csv whatever else is asked, to stdout only when no
   * other output is */
  if (rc == CLI_OK && (o->csv || (!o->svg && !o->json))) {
    mge_file *out = NULL;
    FILE *f = o->csv ? cli_out_open(o->csv, &out) : stdout;
    if (!f) {
      rc = CLI_USAGE;
    } else {
      fprintf(f, "criterion,direction_deg,%s_MPa,%s_MPa\n", an[s->plane],
              bn[s->plane]);
      for (int c = 0; c < nc; c++)
        for (int i = 0; i < n; i++)
          fprintf(f, "%s,%.6g,%.6g,%.6g\n", mge_criterion_name(s->crit[c]),
                  360.0 * i / n, a[(size_t)c * n + i] / 1e6,
                  b[(size_t)c * n + i] / 1e6);
      rc = cli_out_close(out, rc);
    }
  }
  free(a);
  free(b);
  return rc;
}
