/* What the mge thermo subcommands share (cli/thermo_common.h): the
 * database, the composition options and the system, the common options and
 * the record of one equilibrium, as text or JSON. */
#include "thermo_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mge/thermo.h"
#include "mge/units.h"
#include "opt.h"
#include "record.h"

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

/* A text for a text field: cli_json_str prints NULL as "". */
static const char *text(const char *s) {
  return s ? s : "";
}

void thermo_result_record(cli_record *rec, const mge_thermo_system *s,
                          const mge_thermo_result *r) {
  int C = mge_thermo_system_ncomp(s);
  cli_rec_num(rec, "T_K", "K", r->T_K);
  cli_rec_num(rec, "P_Pa", "Pa", r->P_Pa);
  cli_rec_bool(rec, "converged", r->converged);
  cli_rec_begin(rec, "X");
  for (int c = 0; c < C; c++)
    cli_rec_num(rec, mge_thermo_system_comp(s, c), NULL, r->X[c]);
  cli_rec_end(rec);
  cli_rec_arr_begin(rec, "phases");
  for (int k = 0; k < r->nphase; k++) {
    const mge_thermo_phase_eq *pe = &r->ph[k];
    cli_rec_begin(rec, NULL);
    cli_rec_str(rec, "name", text(mge_thermo_system_phase(s, pe->phase)));
    cli_rec_num(rec, "amount", NULL, pe->amount);
    cli_rec_fmt(rec, "%.6f");
    cli_rec_begin(rec, "x");
    for (int c = 0; c < C; c++) {
      cli_rec_num(rec, mge_thermo_system_comp(s, c), NULL, pe->x[c]);
      cli_rec_fmt(rec, "%.6f");
    }
    cli_rec_end(rec);
    cli_rec_arr_begin(rec, "site_fractions");
    for (int q = 0; q < pe->ny; q++) {
      cli_rec_begin(rec, NULL);
      cli_rec_int(rec, "sublattice",
                  mge_thermo_phase_y_sublattice(s, pe->phase, q));
      cli_rec_str(rec, "species",
                  text(mge_thermo_phase_y_name(s, pe->phase, q)));
      cli_rec_num(rec, "y", NULL, pe->y[q]);
      cli_rec_end(rec);
    }
    cli_rec_arr_end(rec);
    cli_rec_num(rec, "GM", "J/mol", pe->gm);
    cli_rec_end(rec);
  }
  cli_rec_arr_end(rec);
  cli_rec_begin(rec, "MU");
  for (int c = 0; c < C; c++)
    cli_rec_num(rec, mge_thermo_system_comp(s, c), "J/mol", r->mu[c]);
  cli_rec_end(rec);
  cli_rec_num(rec, "GM", "J/mol", r->GM);
  cli_rec_num(rec, "HM", "J/mol", r->HM);
  cli_rec_num(rec, "SM", "J/(mol K)", r->SM);
  cli_rec_num(rec, "CPM", "J/(mol K)", r->CPM);
}

/* The record of thermo_result_record as text on stdout: the conditions, a
 * table of one row a phase, the chemical potentials and the integral
 * quantities. */
static void print_record(const cli_record *rec, const mge_thermo_system *s) {
  int C = mge_thermo_system_ncomp(s);
  double T = cli_rec_get_num(rec, "T_K");
  printf("T = %.2f K (%.2f C), P = %g Pa\n", T, mge_si_to(T, "degC"),
         cli_rec_get_num(rec, "P_Pa"));
  printf("%-14s %10s", "phase", "fraction");
  cli_rec_col cols[2 + MGE_THERMO_MAX_COMP] = {
      {"name", NULL, -14, NULL, 0, NULL}, {"amount", NULL, 10, NULL, 0, NULL}};
  char names[MGE_THERMO_MAX_COMP][64];
  for (int c = 0; c < C && c < MGE_THERMO_MAX_COMP; c++) {
    const char *comp = mge_thermo_system_comp(s, c);
    printf("  X(%s)%*s", comp, (int)(5 - strlen(comp)), "");
    snprintf(names[c], sizeof names[c], "x.%s", comp);
    cols[2 + c] = (cli_rec_col){names[c], NULL, 9, NULL, 2, NULL};
  }
  printf("\n");
  size_t ncol = 2 + (size_t)(C < MGE_THERMO_MAX_COMP ? C : MGE_THERMO_MAX_COMP);
  cli_record *ph = cli_rec_new();
  for (size_t k = 0; cli_rec_elem(rec, "phases", k, ph); k++)
    cli_rec_table_row(stdout, cols, ncol, ph);
  cli_rec_free(ph);
  printf("chemical potentials (J/mol):");
  for (int c = 0; c < C; c++) {
    char mu[72];
    snprintf(mu, sizeof mu, "MU.%s", mge_thermo_system_comp(s, c));
    printf(" MU(%s) %.3f", mge_thermo_system_comp(s, c),
           cli_rec_get_num(rec, mu));
  }
  printf(
      "\nGM %.3f J/mol  HM %.3f J/mol  SM %.5f J/(mol K)  CPM %.5f "
      "J/(mol K)\n",
      cli_rec_get_num(rec, "GM"), cli_rec_get_num(rec, "HM"),
      cli_rec_get_num(rec, "SM"), cli_rec_get_num(rec, "CPM"));
}

int thermo_put_result(cli_json *j, const mge_thermo_system *s,
                      const mge_thermo_result *r) {
  cli_record *rec = cli_rec_new();
  thermo_result_record(rec, s, r);
  int failed = cli_rec_failed(rec);
  if (failed)
    fprintf(stderr, "mge: out of memory\n");
  else if (j)
    cli_rec_json(j, rec);
  else
    print_record(rec, s);
  cli_rec_free(rec);
  return failed ? CLI_FAIL : CLI_OK;
}
