/* mge thermo step: equilibria against T with the transitions. No science here:
 * argument parsing, calls into libmge (include/mge/thermo.h) and formatting. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "mge/thermo.h"
#include "opt.h"
#include "thermo_common.h"

static const char head[] =
    "usage: mge thermo step DB (--comp C|--X ..|--W ..) --T FROM:TO[:STEP]\n\n"
    "Equilibria from FROM to TO (default step 1 K) with every\n"
    "change of the phase set located to 0.01 K: the liquidus,\n"
    "the solidus and each phase's solvus (appears/disappears).\n"
    "Prints the transitions and a table of phase fractions.\n\n";

int cmd_thermo_step(int argc, char **argv) {
  sysargs sa = {.P = 101325};
  double dT = 1;
  cli_opt opts[] = {
      THERMO_SYS_ROWS(&sa),
      CLI_STR("--T", &sa.T_text, "FROM:TO[:STEP]", NULL),
      THERMO_DT_ROW(&dT, NULL),
  };
  cli_opts spec = CLI_OPTS("thermo step", head, opts, 18, NULL);
  int rc = thermo_parse(&spec, &sa, argc, argv);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (!sa.db_path) return cli_usage_error("thermo step: no database given");
  if (!(sa.dT > 0)) sa.dT = dT; /* the STEP of --T wins */
  if ((!sa.amounts && !sa.comp) || !sa.have_range)
    return cli_usage_error(
        "thermo step: need --comp, --X or --W and --T "
        "FROM:TO");
  mge_tdb *db = NULL;
  rc = thermo_load_db(sa.db_path, &db);
  if (rc) return rc;
  double X[MGE_THERMO_MAX_COMP];
  mge_thermo_system *s = NULL;
  mge_thermo_step *st = NULL;
  rc = thermo_composition_system(&sa, db, &s, X);
  if (!rc) {
    mge_error err;
    mge_error_clear(&err);
    if (mge_thermo_step_T(s, X, sa.P, sa.T, sa.T2, sa.dT, 0.01, NULL, &st,
                          &err))
      rc = cli_report(&err, NULL);
  }
  if (!rc) {
    int np = mge_thermo_system_nphase(s);
    int *seen = calloc((size_t)np, sizeof *seen);
    for (int i = 0; i < st->n && seen; i++)
      for (int k = 0; k < st->pt[i].nphase; k++)
        seen[st->pt[i].ph[k].phase] = 1;
    if (sa.json) {
      cli_json j;
      cli_json_init(&j, stdout, 0);
      cli_json_obj_begin(&j);
      cli_json_key(&j, "transitions");
      cli_json_obj_begin(&j);
      cli_json_key(&j, "liquidus");
      cli_json_num(&j, st->liquidus_K);
      cli_json_key(&j, "solidus");
      cli_json_num(&j, st->solidus_K);
      cli_json_obj_end(&j);
      cli_json_key(&j, "events");
      cli_json_arr_begin(&j);
      for (int t = 0; t < st->ntrans; t++) {
        cli_json_obj_begin(&j);
        cli_json_key(&j, "T_K");
        cli_json_num(&j, st->trans[t].T_K);
        cli_json_key(&j, "phase");
        cli_json_str(&j, mge_thermo_system_phase(s, st->trans[t].phase));
        cli_json_key(&j, "kind");
        cli_json_str(&j, st->trans[t].kind == MGE_THERMO_APPEARS
                             ? "appears"
                             : "disappears");
        cli_json_key(&j, "sets_above");
        cli_json_int(&j, st->trans[t].sets_above);
        cli_json_key(&j, "sets_below");
        cli_json_int(&j, st->trans[t].sets_below);
        char name[96];
        snprintf(name, sizeof name, "%s of %s",
                 st->trans[t].sets_above && st->trans[t].sets_below
                     ? "miscibility gap"
                     : "solvus",
                 mge_thermo_system_phase(s, st->trans[t].phase));
        cli_json_key(&j, "name");
        cli_json_str(&j, name);
        cli_json_obj_end(&j);
      }
      cli_json_arr_end(&j);
      cli_json_key(&j, "points");
      cli_json_arr_begin(&j);
      for (int i = 0; i < st->n; i++) thermo_put_result(&j, s, &st->pt[i]);
      cli_json_arr_end(&j);
      cli_json_obj_end(&j);
      cli_json_end(&j);
    } else {
      const double lq[2] = {st->liquidus_K, st->solidus_K};
      for (int q = 0; q < 2; q++) {
        printf("%s", q ? "  solidus " : "liquidus ");
        if (isnan(lq[q]))
          printf("none in the range");
        else
          printf("%.2f K", lq[q]);
      }
      printf("\n");
      for (int t = 0; t < st->ntrans; t++) {
        const mge_thermo_transition *tr = &st->trans[t];
        printf("  %9.2f K  %-14s %s", tr->T_K,
               mge_thermo_system_phase(s, tr->phase),
               tr->kind == MGE_THERMO_APPEARS ? "appears" : "disappears");
        if (tr->sets_above && tr->sets_below)
          printf(" (miscibility gap: %d composition sets above, %d below)",
                 tr->sets_above, tr->sets_below);
        printf("\n");
      }
      printf("\n%9s", "T_K");
      for (int p = 0; p < np; p++)
        if (seen && seen[p]) printf(" %12.12s", mge_thermo_system_phase(s, p));
      printf(" %12s %10s\n", "HM", "CPM");
      for (int i = 0; i < st->n; i++) {
        printf("%9.2f", st->pt[i].T_K);
        for (int p = 0; p < np; p++) {
          if (!seen || !seen[p]) continue;
          printf(" %12.6f", mge_thermo_result_phase_amount(&st->pt[i], p));
        }
        printf(" %12.3f %10.4f\n", st->pt[i].HM, st->pt[i].CPM);
      }
    }
    free(seen);
  }
  mge_thermo_step_free(st);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
  return rc;
}
