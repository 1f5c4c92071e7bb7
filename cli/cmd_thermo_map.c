/* mge thermo map: a binary T-x diagram or a ternary isothermal section. No
 * science here: argument parsing, calls into libmge (include/mge/thermo.h) and
 * formatting. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "mge/report.h"
#include "mge/thermo.h"
#include "opt.h"
#include "thermo_common.h"

static int run_section(sysargs *sa, const char *db_path, const mge_amounts *am,
                       int div, int threads, const char *svg, const char *csv,
                       int json) {
  mge_tdb *db = NULL;
  int rc = thermo_load_db(db_path, &db);
  if (rc) return rc;
  mge_thermo_system *s = NULL;
  mge_thermo_section *sec = NULL;
  rc = thermo_make_system(sa, db, am, &s);
  if (!rc) {
    mge_error err;
    mge_error_clear(&err);
    if (mge_thermo_section_ternary(s, sa->T, div, threads, NULL, &sec, &err))
      rc = cli_report(&err, NULL);
  }
  if (!rc && sec->nfail)
    fprintf(stderr,
            "mge: warning: %d of the grid points did not converge and are "
            "left out (marked '?' in the SVG)\n",
            sec->nfail);
  if (!rc && svg) {
    char *text = NULL;
    mge_error err;
    int r = mge_report_thermo_section_svg(s, sec, &text, &err);
    rc = cli_write_rendered(svg, r, text, &err);
  }
  if (!rc) {
    FILE *f = stdout;
    mge_file *out = NULL;
    if (csv && !(f = cli_out_open(csv, &out))) rc = CLI_USAGE;
    if (!rc && (csv || !json)) {
      fprintf(f, "nph");
      for (int q = 1; q <= 3; q++) {
        fprintf(f, ",phase%d", q);
        for (int c = 0; c < 3; c++)
          fprintf(f, ",X%d(%s)", q, mge_thermo_system_comp(s, c));
      }
      fprintf(f, "\n");
      for (int i = 0; i < sec->n; i++) {
        const mge_thermo_section_tie *t = &sec->tie[i];
        fprintf(f, "%d", t->nph);
        for (int q = 0; q < 3; q++) {
          if (q < t->nph) {
            fprintf(f, ",%s", mge_thermo_system_phase(s, t->phase[q]));
            for (int c = 0; c < 3; c++) fprintf(f, ",%.6f", t->x[q][c]);
          } else {
            fprintf(f, ",,,,");
          }
        }
        fprintf(f, "\n");
      }
    }
    rc = cli_out_close(out, rc);
    if (!rc && json) {
      cli_json j;
      cli_json_init(&j, stdout, 1);
      cli_json_obj_begin(&j);
      cli_json_key(&j, "T_K");
      cli_json_num(&j, sec->T_K);
      int n2 = 0, n3 = 0;
      for (int i = 0; i < sec->n; i++) {
        if (sec->tie[i].nph == 2)
          n2++;
        else
          n3++;
      }
      cli_json_key(&j, "n_tielines");
      cli_json_int(&j, n2);
      cli_json_key(&j, "n_triangles");
      cli_json_int(&j, n3);
      cli_json_key(&j, "failed_points");
      cli_json_arr_begin(&j);
      for (int i = 0; i < sec->nfail; i++) {
        cli_json_obj_begin(&j);
        for (int c = 0; c < 3; c++) {
          cli_json_key(&j, mge_thermo_system_comp(s, c));
          cli_json_num(&j, sec->fail_x[i][c]);
        }
        cli_json_obj_end(&j);
      }
      cli_json_arr_end(&j);
      cli_json_key(&j, "fields");
      cli_json_arr_begin(&j);
      for (int i = 0; i < sec->nlab; i++) cli_json_str(&j, sec->lab[i].text);
      cli_json_arr_end(&j);
      cli_json_obj_end(&j);
      cli_json_end(&j);
    }
  }
  mge_thermo_section_free(sec);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
  return rc;
}

/* --------------------------------------------------------------- map */

static const char head[] =
    "usage: mge thermo map DB --el A,B --T LO:HI[:STEP] [options]\n"
    "       mge thermo map DB --el A,B,C --T T [--div N] [options]\n\n"
    "Binary T-x phase diagram (x: mole fraction of B): temperature\n"
    "steps at --nx compositions (default 40), each two-phase\n"
    "equilibrium giving a tie-line whose ends are on the phase\n"
    "boundaries, invariants from three-phase transitions.\n"
    "Ternary isothermal section (three elements, one --T): equilibria\n"
    "on a triangular grid of --div divisions (default 30), tie-lines\n"
    "and tie-triangles, fields labelled.\n\n";

int cmd_thermo_map(int argc, char **argv) {
  sysargs sa = {.dT = 5};
  const char *els = NULL, *svg = NULL, *csv = NULL;
  int nx = 40, threads = 2, div = 30;
  cli_opt opts[] = {
      CLI_STR("--csv", &csv, "FILE",
              "tie-lines T_K,phase1,x1,phase2,x2 (default: stdout)"),
      CLI_STR("--svg", &svg, "FILE", "the diagram with phase fields labelled"),
      CLI_INT("--threads", &threads, 1, 256, "N",
              "compositions in parallel (default 2)"),
      {.name = "--phases",
       .kind = CLI_OPT_STR,
       .dst = &sa.phases,
       .arg = "A,B",
       .label = "--phases A,B / --suspend A,B",
       .help = " phase selection"},
      CLI_STR("--suspend", &sa.suspend, "A,B", NULL),
      CLI_FLAG("--json", &sa.json, "invariants and labels as JSON"),
      CLI_STR("--el", &els, "A,B", NULL),
      CLI_STR("--T", &sa.T_text, "LO:HI[:STEP]", NULL),
      CLI_INT("--nx", &nx, 2, 2000, "N", "binary: compositions (default 40)"),
      CLI_INT("--div", &div, 3, 200, "N",
              "ternary: grid divisions (default 30)"),
  };
  cli_opts spec = CLI_OPTS("thermo map", head, opts, 13, NULL);
  int rc = thermo_parse(&spec, &sa, argc, argv);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  const char *db_path = sa.db_path;
  int json = sa.json;
  if (!db_path || !els || !sa.T_text)
    return cli_usage_error("thermo map: need DB, --el A,B and --T LO:HI");
  mge_amounts am = {0}; /* the names only: a map spans the compositions */
  am.balance = -1;
  char buf[256];
  snprintf(buf, sizeof buf, "%s", els);
  char *save = NULL;
  for (char *t = strtok_r(buf, ",", &save); t && am.n < 4;
       t = strtok_r(NULL, ",", &save))
    snprintf(am.name[am.n++], sizeof am.name[0], "%s", t);
  int n = am.n;
  if (n != 2 && n != 3)
    return cli_usage_error("thermo map: --el needs two or three elements");
  if (n == 3 && cli_opt_given(&spec, "--nx"))
    return cli_usage_error(
        "thermo map: --nx is for a binary diagram; a ternary section takes "
        "--div");
  if (n == 2 && cli_opt_given(&spec, "--div"))
    return cli_usage_error(
        "thermo map: --div is for a ternary section; a binary diagram takes "
        "--nx");
  if (n == 3) {
    if (sa.have_range)
      return cli_usage_error("thermo map: a ternary section needs one --T");
    return run_section(&sa, db_path, &am, div, threads, svg, csv, json);
  }
  if (!sa.have_range)
    return cli_usage_error("thermo map: bad --T (want LO:HI[:STEP])");
  double lo = fmin(sa.T, sa.T2), hi = fmax(sa.T, sa.T2);
  mge_tdb *db = NULL;
  rc = thermo_load_db(db_path, &db);
  if (rc) return rc;
  mge_thermo_system *s = NULL;
  mge_thermo_map *m = NULL;
  rc = thermo_make_system(&sa, db, &am, &s);
  if (!rc) {
    int axis = strcasecmp(mge_thermo_system_comp(s, 0), am.name[1]) ? 1 : 0;
    mge_error err;
    mge_error_clear(&err);
    if (mge_thermo_map_binary(s, axis, lo, hi, sa.dT, nx, threads, NULL, &m,
                              &err))
      rc = cli_report(&err, NULL);
  }
  if (!rc && svg) {
    char *text = NULL;
    mge_error err;
    int r = mge_report_thermo_map_svg(s, m, &text, &err);
    rc = cli_write_rendered(svg, r, text, &err);
  }
  if (!rc) {
    FILE *f = stdout;
    mge_file *out = NULL;
    if (csv && !(f = cli_out_open(csv, &out))) rc = CLI_USAGE;
    if (!rc && (csv || !json)) {
      fprintf(f, "T_K,phase1,x1,phase2,x2\n");
      for (int i = 0; i < m->n; i++)
        fprintf(f, "%.4f,%s,%.6f,%s,%.6f\n", m->tl[i].T_K,
                mge_thermo_system_phase(s, m->tl[i].phase[0]), m->tl[i].x[0],
                mge_thermo_system_phase(s, m->tl[i].phase[1]), m->tl[i].x[1]);
    }
    rc = cli_out_close(out, rc);
    if (!rc && json) {
      cli_json j;
      cli_json_init(&j, stdout, 1);
      cli_json_obj_begin(&j);
      cli_json_key(&j, "axis");
      cli_json_str(&j, mge_thermo_system_comp(s, m->axis));
      cli_json_key(&j, "n_tielines");
      cli_json_int(&j, m->n);
      cli_json_key(&j, "invariants");
      cli_json_arr_begin(&j);
      for (int i = 0; i < m->ninv; i++) {
        cli_json_obj_begin(&j);
        cli_json_key(&j, "T_K");
        cli_json_num(&j, m->inv_T_K[i]);
        cli_json_key(&j, "phases");
        cli_json_str(&j, m->inv_text[i]);
        cli_json_obj_end(&j);
      }
      cli_json_arr_end(&j);
      cli_json_key(&j, "fields");
      cli_json_arr_begin(&j);
      for (int i = 0; i < m->nlab; i++) cli_json_str(&j, m->lab[i].text);
      cli_json_arr_end(&j);
      cli_json_obj_end(&j);
      cli_json_end(&j);
    }
  }
  mge_thermo_map_free(m);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
  return rc;
}
