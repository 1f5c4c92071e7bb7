/* What the mge thermo subcommands share (cli/thermo_common.h): the
 * database, the composition options and the system, the common options and
 * the print and JSON forms of one equilibrium. */
#include "thermo_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mge/thermo.h"
#include "mge/units.h"
#include "opt.h"

int thermo_load_db(const char *path, mge_tdb **db) {
  mge_error err;
  mge_error_clear(&err);
  if (mge_tdb_load(path, db, &err)) return cli_report(&err, NULL);
  return CLI_OK;
}

/* Temperature: "700", "700K", "427C", "427degC" (a bare number in K). */
static int parse_T(const char *t, double *T) {
  if (mge_quantity_parse_as(t, "K", T, NULL)) return -1;
  return *T > 0 ? 0 : -1;
}

/* An error of the composition options: with its column and the text under
 * it when it has one (a --comp parse error), else as "thermo: ...". */
static int amounts_error(const mge_error *err, const char *text) {
  if (err->column > 0 || err->source[0]) return cli_report(err, text);
  return cli_usage_error("thermo: %s", err->message);
}

/* The composition from --comp (any mge notation) or --X/--W. */
static int get_amounts(const sysargs *sa, mge_amounts *am) {
  mge_error err;
  mge_error_clear(&err);
  if (sa->comp) {
    if (mge_amounts_from_comp(sa->comp, MGE_THERMO_MAX_COMP, am, &err))
      return amounts_error(&err, sa->comp);
    return CLI_OK;
  }
  if (!sa->amounts)
    return cli_usage_error(
        "thermo: give the composition with --comp, --X "
        "or --W");
  if (mge_amounts_parse(sa->amounts, sa->mass, MGE_THERMO_MAX_COMP, am, &err))
    return amounts_error(&err, NULL);
  return CLI_OK;
}

int thermo_make_system(const sysargs *sa, const mge_tdb *db,
                       const mge_amounts *am, mge_thermo_system **s) {
  mge_error err;
  mge_error_clear(&err);
  if (mge_thermo_system_from_amounts(db, am, sa->phases, sa->suspend, s, &err))
    return cli_report(&err, NULL);
  return CLI_OK;
}

/* The system of the composition options and its overall mole fractions. */
int thermo_composition_system(const sysargs *sa, const mge_tdb *db,
                              mge_thermo_system **s, double *X) {
  mge_amounts am;
  int rc = get_amounts(sa, &am);
  if (!rc) rc = thermo_make_system(sa, db, &am, s);
  if (rc) return rc;
  mge_error err;
  mge_error_clear(&err);
  if (mge_thermo_amounts_X(*s, &am, NULL, X, &err))
    return cli_report(&err, NULL);
  return CLI_OK;
}

/* The --T text: one temperature or FROM:TO[:STEP]. */
static int parse_T_text(sysargs *sa, const char *t) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s", t);
  char *c1 = strchr(buf, ':');
  if (!c1) {
    if (parse_T(buf, &sa->T)) return -1;
    sa->have_T = 1;
    return 0;
  }
  *c1 = '\0';
  char *c2 = strchr(c1 + 1, ':');
  if (c2) *c2 = '\0';
  if (parse_T(buf, &sa->T) || parse_T(c1 + 1, &sa->T2)) return -1;
  if (c2) {
    char *end;
    sa->dT = strtod(c2 + 1, &end);
    if (*end || !(sa->dT > 0)) return -1;
  }
  sa->have_T = sa->have_range = 1;
  return 0;
}

int thermo_parse(cli_opts *spec, sysargs *sa, int argc, char **argv) {
  int npos, rc = cli_opt_parse(spec, argc, argv, &npos);
  if (rc) return rc;
  if (npos > 1)
    return cli_usage_error("%s: unexpected argument '%s'", spec->cmd, argv[2]);
  sa->db_path = npos ? argv[1] : NULL;
  if (sa->X && sa->W)
    return cli_usage_error("%s: give one of --X and --W", spec->cmd);
  sa->amounts = sa->X ? sa->X : sa->W;
  sa->mass = sa->W != NULL;
  if (sa->T_text && parse_T_text(sa, sa->T_text))
    return cli_usage_error(
        "%s: --T wants a temperature (700, 700K, 427C) or a range "
        "FROM:TO[:STEP], not '%s'",
        spec->cmd, sa->T_text);
  return CLI_OK;
}

void thermo_json_result(cli_json *j, const mge_thermo_system *s,
                        const mge_thermo_result *r) {
  int C = mge_thermo_system_ncomp(s);
  cli_json_obj_begin(j);
  cli_json_key(j, "T_K");
  cli_json_num(j, r->T_K);
  cli_json_key(j, "P_Pa");
  cli_json_num(j, r->P_Pa);
  cli_json_key(j, "converged");
  cli_json_bool(j, r->converged);
  cli_json_key(j, "X");
  cli_json_obj_begin(j);
  for (int c = 0; c < C; c++) {
    cli_json_key(j, mge_thermo_system_comp(s, c));
    cli_json_num(j, r->X[c]);
  }
  cli_json_obj_end(j);
  cli_json_key(j, "phases");
  cli_json_arr_begin(j);
  for (int k = 0; k < r->nphase; k++) {
    const mge_thermo_phase_eq *pe = &r->ph[k];
    cli_json_obj_begin(j);
    cli_json_key(j, "name");
    cli_json_str(j, mge_thermo_system_phase(s, pe->phase));
    cli_json_key(j, "amount");
    cli_json_num(j, pe->amount);
    cli_json_key(j, "x");
    cli_json_obj_begin(j);
    for (int c = 0; c < C; c++) {
      cli_json_key(j, mge_thermo_system_comp(s, c));
      cli_json_num(j, pe->x[c]);
    }
    cli_json_obj_end(j);
    cli_json_key(j, "site_fractions");
    cli_json_arr_begin(j);
    for (int q = 0; q < pe->ny; q++) {
      cli_json_obj_begin(j);
      cli_json_key(j, "sublattice");
      cli_json_int(j, mge_thermo_phase_y_sublattice(s, pe->phase, q));
      cli_json_key(j, "species");
      cli_json_str(j, mge_thermo_phase_y_name(s, pe->phase, q));
      cli_json_key(j, "y");
      cli_json_num(j, pe->y[q]);
      cli_json_obj_end(j);
    }
    cli_json_arr_end(j);
    cli_json_key(j, "GM");
    cli_json_num(j, pe->gm);
    cli_json_obj_end(j);
  }
  cli_json_arr_end(j);
  cli_json_key(j, "MU");
  cli_json_obj_begin(j);
  for (int c = 0; c < C; c++) {
    cli_json_key(j, mge_thermo_system_comp(s, c));
    cli_json_num(j, r->mu[c]);
  }
  cli_json_obj_end(j);
  cli_json_key(j, "GM");
  cli_json_num(j, r->GM);
  cli_json_key(j, "HM");
  cli_json_num(j, r->HM);
  cli_json_key(j, "SM");
  cli_json_num(j, r->SM);
  cli_json_key(j, "CPM");
  cli_json_num(j, r->CPM);
  cli_json_obj_end(j);
}

void thermo_print_result(const mge_thermo_system *s,
                         const mge_thermo_result *r) {
  int C = mge_thermo_system_ncomp(s);
  printf("T = %.2f K (%.2f C), P = %g Pa\n", r->T_K, mge_si_to(r->T_K, "degC"),
         r->P_Pa);
  printf("%-14s %10s", "phase", "fraction");
  for (int c = 0; c < C; c++)
    printf("  X(%s)%*s", mge_thermo_system_comp(s, c),
           (int)(5 - strlen(mge_thermo_system_comp(s, c))), "");
  printf("\n");
  for (int k = 0; k < r->nphase; k++) {
    printf("%-14s %10.6f", mge_thermo_system_phase(s, r->ph[k].phase),
           r->ph[k].amount);
    for (int c = 0; c < C; c++) printf("  %9.6f", r->ph[k].x[c]);
    printf("\n");
  }
  printf("chemical potentials (J/mol):");
  for (int c = 0; c < C; c++)
    printf(" MU(%s) %.3f", mge_thermo_system_comp(s, c), r->mu[c]);
  printf(
      "\nGM %.3f J/mol  HM %.3f J/mol  SM %.5f J/(mol K)  CPM %.5f "
      "J/(mol K)\n",
      r->GM, r->HM, r->SM, r->CPM);
}
