/* mge allowables: CMH-17 B- and A-basis values from test data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "laminate_common.h"
#include "mge/composite.h"
#include "opt.h"
#include "record.h"

static const char head[] =
    "usage: mge allowables [FILE|-] [--values a,b,c] [--dist "
    "normal|weibull|lognormal|all] [--json]\n\n"
    "B-basis (90% of the population, 95% confidence) and A-basis "
    "(99%, 95%)\nby CMH-17-1G Vol. 1 Sec. 8.3.4. FILE holds one number "
    "per line ('#' comments;\nthe first field of a CSV line; a header "
    "line is skipped). Values keep\ntheir unit (e.g. MPa).\n";

int cmd_allowables(int argc, char **argv) {
  const char *file = NULL, *values = NULL, *dist = "all";
  int json = 0, npos;
  cli_opt opt[] = {
      CLI_STR("--values", &values, "a,b,c", NULL),
      CLI_STR("--dist", &dist, "normal|weibull|lognormal|all", NULL),
      CLI_FLAG("--json", &json, NULL),
  };
  cli_opts spec = CLI_OPTS("allowables", head, opt, 0, NULL);
  int rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (npos > 1) return cli_usage_error("unexpected argument '%s'", argv[2]);
  if (npos) file = argv[1];
  if (!file && !values) {
    cli_opt_usage(stderr, &spec);
    return CLI_USAGE;
  }
  if (file && values) /* one sample: pooling two sources would be silent */
    return cli_usage_error(
        "allowables: give FILE or --values, not both (one sample at a time)");
  mge_basis_data data = {0};
  mge_error err;
  mge_error_clear(&err);
  if ((values && mge_basis_data_add_list(&data, values, "--values", &err)) ||
      (file && mge_basis_data_add_file(&data, file, &err))) {
    mge_basis_data_free(&data);
    return cli_report(&err, NULL);
  }
  double *v = data.x;
  int n = data.n;
  int d0 = 0, d1 = 2;
  if (strcmp(dist, "all") != 0) {
    int d = mge_basis_dist_parse(dist);
    if (d < 0) {
      free(v);
      return cli_usage_error("unknown distribution '%s'", dist);
    }
    d0 = d1 = d;
  }
  mge_basis_result r[3];
  int ok[3] = {0, 0, 0};
  for (int d = d0; d <= d1; d++) {
    ok[d] = mge_basis_values(v, n, (mge_basis_dist)d, &r[d], &err) == 0;
    if (!ok[d] && d0 == d1) {
      free(v);
      return cli_report(&err, NULL);
    }
  }
  free(v);
  if (!ok[d0] && !ok[1] && !ok[2]) return cli_report(&err, NULL);
  if (json) {
    cli_record *rec = cli_rec_new();
    cli_rec_str(rec, "method", "CMH-17-1G Vol. 1 Sec. 8.3.4");
    for (int d = d0; d <= d1; d++) {
      const char *name = mge_basis_dist_name((mge_basis_dist)d);
      if (!ok[d]) {
        cli_rec_null(rec, name);
        continue;
      }
      cli_rec_begin(rec, name);
      cli_rec_int(rec, "n", r[d].n);
      cli_rec_num(rec, "mean", NULL, r[d].mean);
      cli_rec_num(rec, "sd", NULL, r[d].sd);
      cli_rec_num(rec, "cv", NULL, r[d].cv);
      cli_rec_num(rec, "B_basis", NULL, r[d].B);
      cli_rec_num(rec, "A_basis", NULL, r[d].A);
      if (d == MGE_DIST_WEIBULL) {
        cli_rec_num(rec, "weibull_shape", NULL, r[d].weibull_shape);
        cli_rec_num(rec, "weibull_scale", NULL, r[d].weibull_scale);
        cli_rec_num(rec, "VB", NULL, r[d].VB);
        cli_rec_num(rec, "VA", NULL, r[d].VA);
      } else {
        cli_rec_num(rec, "kB", NULL, r[d].kB);
        cli_rec_num(rec, "kA", NULL, r[d].kA);
      }
      cli_rec_end(rec);
    }
    return lam_print_record(rec);
  }
  int f = ok[0] ? 0 : ok[1] ? 1 : 2;
  printf("n = %d  mean = %.6g  sd = %.6g  cv = %.3g%%\n", r[f].n, r[f].mean,
         r[f].sd, 100 * r[f].cv);
  printf("%-10s %12s %12s  %s\n", "method", "B-basis", "A-basis", "factors");
  for (int d = d0; d <= d1; d++) {
    if (!ok[d]) {
      printf("%-10s %12s %12s\n", mge_basis_dist_name((mge_basis_dist)d), "-",
             "-");
      continue;
    }
    if (d == MGE_DIST_WEIBULL)
      printf("%-10s %12.6g %12.6g  shape %.4g scale %.6g VB %.4g VA %.4g\n",
             "weibull", r[d].B, r[d].A, r[d].weibull_shape, r[d].weibull_scale,
             r[d].VB, r[d].VA);
    else
      printf("%-10s %12.6g %12.6g  kB %.4g kA %.4g\n",
             mge_basis_dist_name((mge_basis_dist)d), r[d].B, r[d].A, r[d].kB,
             r[d].kA);
  }
  return CLI_OK;
}
