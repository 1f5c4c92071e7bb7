/* mge allowables: CMH-17 B- and A-basis values from test data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "mge/composite.h"

static void help(FILE *f) {
  fprintf(f,
          "usage: mge allowables [FILE|-] [--values a,b,c] [--dist "
          "normal|weibull|lognormal|all] [--json]\n\n"
          "B-basis (90%% of the population, 95%% confidence) and A-basis "
          "(99%%, 95%%)\nby CMH-17-1G Vol. 1 Sec. 8.3.4. FILE holds one number "
          "per line ('#' comments;\nthe first field of a CSV line; a header "
          "line is skipped). Values keep\ntheir unit (e.g. MPa).\n");
}

int cmd_allowables(int argc, char **argv) {
  const char *file = NULL, *values = NULL, *dist = "all";
  int json = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) {
      help(stdout);
      return CLI_OK;
    } else if (strcmp(a, "--json") == 0) {
      json = 1;
    } else if (strcmp(a, "--values") == 0 || strcmp(a, "--dist") == 0) {
      if (i + 1 >= argc) return cli_usage_error("%s needs a value", a);
      if (a[2] == 'v')
        values = argv[++i];
      else
        dist = argv[++i];
    } else if (a[0] == '-' && a[1] == '-') {
      return cli_usage_error("unknown option '%s'", a);
    } else if (!file) {
      file = a;
    } else {
      return cli_usage_error("unexpected argument '%s'", a);
    }
  }
  if (!file && !values) {
    help(stderr);
    return CLI_USAGE;
  }
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
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "method");
    cli_json_str(&j, "CMH-17-1G Vol. 1 Sec. 8.3.4");
    for (int d = d0; d <= d1; d++) {
      cli_json_key(&j, mge_basis_dist_name((mge_basis_dist)d));
      if (!ok[d]) {
        cli_json_null(&j);
        continue;
      }
      cli_json_obj_begin(&j);
      const char *k[] = {"n",
                         "mean",
                         "sd",
                         "cv",
                         "B_basis",
                         "A_basis",
                         "kB",
                         "kA",
                         "weibull_shape",
                         "weibull_scale",
                         "VB",
                         "VA"};
      const double x[] = {r[d].n,
                          r[d].mean,
                          r[d].sd,
                          r[d].cv,
                          r[d].B,
                          r[d].A,
                          r[d].kB,
                          r[d].kA,
                          r[d].weibull_shape,
                          r[d].weibull_scale,
                          r[d].VB,
                          r[d].VA};
      for (int q = 0; q < 12; q++) {
        if (d != MGE_DIST_WEIBULL && q >= 8) break;
        if (d == MGE_DIST_WEIBULL && (q == 6 || q == 7)) continue;
        cli_json_key(&j, k[q]);
        cli_json_num(&j, x[q]);
      }
      cli_json_obj_end(&j);
    }
    cli_json_obj_end(&j);
    cli_json_end(&j);
    return CLI_OK;
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
