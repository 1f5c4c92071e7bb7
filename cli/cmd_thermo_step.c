/* mge thermo step: equilibria against T with the transitions. No science here:
 * argument parsing, calls into libmge (include/mge/thermo.h) and formatting. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "mge/thermo.h"
#include "opt.h"
#include "record.h"
#include "thermo_common.h"

static const char head[] =
    "usage: mge thermo step DB (--comp C|--X ..|--W ..) --T FROM:TO[:STEP]\n\n"
    "Equilibria from FROM to TO (default step 1 K) with every\n"
    "change of the phase set located to 0.01 K: the liquidus,\n"
    "the solidus and each phase's solvus (appears/disappears).\n"
    "Prints the transitions and a table of phase fractions.\n\n";

/* The step as a record: transitions {liquidus, solidus}, events [{T_K,
 * phase, kind, sets_above, sets_below, name}] and points [the
 * equilibria], names the room of the events' names (ntrans). */
static void step_record(cli_record *rec, const mge_thermo_system *s,
                        const mge_thermo_step *st, char (*names)[96],
                        int heating) {
  cli_rec_begin(rec, "transitions");
  cli_rec_num(rec, "liquidus", "K", st->liquidus_K);
  cli_rec_num(rec, "solidus", "K", st->solidus_K);
  cli_rec_end(rec);
  cli_rec_arr_begin(rec, "events");
  /* the library lists transitions from high to low T and words them on
   * cooling; a heating run (FROM < TO) lists them from low to high and
   * words them as they happen on heating */
  int liq = mge_thermo_system_liquid(s);
  for (int q = 0; q < st->ntrans && names; q++) {
    int t = heating ? st->ntrans - 1 - q : q;
    const mge_thermo_transition *tr = &st->trans[t];
    if (tr->phase == liq && !(tr->sets_above && tr->sets_below))
      snprintf(
          names[t], sizeof names[t], "%s",
          fabs(tr->T_K - st->solidus_K) < 1e-9 ? "solidus" : "liquid boundary");
    else if (fabs(tr->T_K - st->liquidus_K) < 1e-9 && !tr->sets_above)
      snprintf(names[t], sizeof names[t], "liquidus (%s)",
               mge_thermo_system_phase(s, tr->phase)); /* the first solid */
    else
      snprintf(names[t], sizeof names[t], "%s of %s",
               tr->sets_above && tr->sets_below ? "miscibility gap" : "solvus",
               mge_thermo_system_phase(s, tr->phase));
    int appears = (tr->kind == MGE_THERMO_APPEARS) != heating;
    cli_rec_begin(rec, NULL);
    cli_rec_num(rec, "T_K", "K", tr->T_K);
    cli_rec_str(rec, "phase", mge_thermo_system_phase(s, tr->phase));
    cli_rec_str(rec, "kind", appears ? "appears" : "disappears");
    cli_rec_int(rec, "sets_above", tr->sets_above);
    cli_rec_int(rec, "sets_below", tr->sets_below);
    cli_rec_str(rec, "name", names[t]);
    cli_rec_end(rec);
  }
  cli_rec_arr_end(rec);
  cli_rec_arr_begin(rec, "points");
  for (int i = 0; i < st->n; i++) {
    cli_rec_begin(rec, NULL);
    thermo_result_record(rec, s, &st->pt[i]);
    cli_rec_end(rec);
  }
  cli_rec_arr_end(rec);
}

/* The liquidus, the solidus and the events of the record of step_record,
 * as text. */
static void print_transitions(const cli_record *rec) {
  static const char *const lq[2] = {"transitions.liquidus",
                                    "transitions.solidus"};
  for (int q = 0; q < 2; q++) {
    double T = cli_rec_get_num(rec, lq[q]);
    printf("%s", q ? "  solidus " : "liquidus ");
    if (isnan(T))
      printf("none in the range");
    else
      printf("%.2f K", T);
  }
  printf("\n");
  cli_record *e = cli_rec_new();
  for (size_t t = 0; cli_rec_elem(rec, "events", t, e); t++) {
    int above = (int)cli_rec_get_num(e, "sets_above");
    int below = (int)cli_rec_get_num(e, "sets_below");
    printf("  %9.2f K  %-14s %s", cli_rec_get_num(e, "T_K"),
           cli_rec_get_str(e, "phase"), cli_rec_get_str(e, "kind"));
    if (above && below)
      printf(" (miscibility gap: %d composition sets above, %d below)", above,
             below);
    printf("\n");
  }
  cli_rec_free(e);
}

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
    cli_record *rec = cli_rec_new();
    char(*names)[96] = malloc((size_t)(st->ntrans + 1) * sizeof *names);
    step_record(rec, s, st, names, sa.T < sa.T2);
    if (!names || cli_rec_failed(rec)) {
      fprintf(stderr, "mge: out of memory\n");
      rc = CLI_FAIL;
    } else if (sa.json) {
      cli_json j;
      cli_json_init(&j, stdout, 0);
      cli_rec_json(&j, rec);
      cli_json_end(&j);
    } else {
      print_transitions(rec);
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
    free(names);
    cli_rec_free(rec);
    free(seen);
  }
  mge_thermo_step_free(st);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
  return rc;
}
