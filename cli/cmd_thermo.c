/* mge thermo: CALPHAD databases and equilibria. No science here: argument
 * parsing, calls into libmge (include/mge/thermo.h) and formatting. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "commands.h"
#include "mge/chem.h"
#include "mge/linalg.h"
#include "mge/report.h"
#include "mge/thermo.h"
#include "mge/units.h"

static void usage(FILE *f) {
  fprintf(f,
          "usage: mge thermo SUBCOMMAND [options]\n\n"
          "subcommands:\n"
          "  info DB [--json]   elements, phases (sublattices, models),\n"
          "                     references of a TDB database\n"
          "  eq DB ...          global equilibrium (one point or a CSV batch)\n"
          "  step DB ...        equilibria against T with transitions\n"
          "  scheil DB ...      Scheil-Gulliver solidification\n"
          "  map DB ...         binary T-x diagram or ternary isothermal\n"
          "                     section (CSV, SVG)\n"
          "\nExit status: 0 success, 2 bad input, 1 internal failure.\n");
}

static int load_db(const char *path, mge_tdb **db) {
  mge_error err;
  mge_error_clear(&err);
  if (mge_tdb_load(path, db, &err)) return cli_report(&err, NULL);
  return CLI_OK;
}

static int cmd_info(int argc, char **argv) {
  const char *path = NULL;
  int json = 0;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      printf(
          "usage: mge thermo info DB [--json]\n\n"
          "Reads the TDB database DB and lists its elements, phases with\n"
          "their sublattices (site ratios and constituents) and models\n"
          "(magnetic, disordered part), and its references.\n");
      return CLI_OK;
    }
    if (!strcmp(argv[i], "--json"))
      json = 1;
    else if (argv[i][0] == '-')
      return cli_usage_error("thermo info: unknown option '%s'", argv[i]);
    else if (!path)
      path = argv[i];
    else
      return cli_usage_error("thermo info: more than one database given");
  }
  if (!path) return cli_usage_error("thermo info: no database given");
  mge_tdb *db = NULL;
  int rc = load_db(path, &db);
  if (rc) return rc;
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "database");
    cli_json_str(&j, path);
    cli_json_key(&j, "elements");
    cli_json_arr_begin(&j);
    for (int i = 0; i < mge_tdb_n_elements(db); i++) {
      cli_json_obj_begin(&j);
      cli_json_key(&j, "name");
      cli_json_str(&j, mge_tdb_element(db, i));
      cli_json_key(&j, "mass_g_mol");
      cli_json_num(&j, mge_tdb_element_mass(db, i));
      cli_json_obj_end(&j);
    }
    cli_json_arr_end(&j);
    cli_json_key(&j, "n_species");
    cli_json_int(&j, mge_tdb_n_species(db));
    cli_json_key(&j, "n_functions");
    cli_json_int(&j, mge_tdb_n_functions(db));
    cli_json_key(&j, "n_parameters");
    cli_json_int(&j, mge_tdb_n_parameters(db));
    cli_json_key(&j, "phases");
    cli_json_arr_begin(&j);
    for (int p = 0; p < mge_tdb_n_phases(db); p++) {
      cli_json_obj_begin(&j);
      cli_json_key(&j, "name");
      cli_json_str(&j, mge_tdb_phase(db, p));
      cli_json_key(&j, "sublattices");
      cli_json_arr_begin(&j);
      for (int s = 0; s < mge_tdb_phase_nsub(db, p); s++) {
        cli_json_obj_begin(&j);
        cli_json_key(&j, "sites");
        cli_json_num(&j, mge_tdb_phase_ratio(db, p, s));
        cli_json_key(&j, "constituents");
        cli_json_arr_begin(&j);
        for (int k = 0; k < mge_tdb_phase_ncons(db, p, s); k++)
          cli_json_str(&j, mge_tdb_phase_cons(db, p, s, k));
        cli_json_arr_end(&j);
        cli_json_obj_end(&j);
      }
      cli_json_arr_end(&j);
      double afm, pm;
      if (mge_tdb_phase_magnetic(db, p, &afm, &pm)) {
        cli_json_key(&j, "magnetic");
        cli_json_obj_begin(&j);
        cli_json_key(&j, "afm");
        cli_json_num(&j, afm);
        cli_json_key(&j, "p");
        cli_json_num(&j, pm);
        cli_json_obj_end(&j);
      }
      if (mge_tdb_phase_disordered(db, p)[0]) {
        cli_json_key(&j, "disordered_part");
        cli_json_str(&j, mge_tdb_phase_disordered(db, p));
      }
      cli_json_obj_end(&j);
    }
    cli_json_arr_end(&j);
    cli_json_key(&j, "references");
    cli_json_obj_begin(&j);
    for (int i = 0; i < mge_tdb_n_refs(db); i++) {
      cli_json_key(&j, mge_tdb_ref_key(db, i));
      cli_json_str(&j, mge_tdb_ref_text(db, i));
    }
    cli_json_obj_end(&j);
    cli_json_key(&j, "unresolved");
    cli_json_arr_begin(&j);
    for (int i = 0; i < mge_tdb_n_unresolved(db); i++)
      cli_json_str(&j, mge_tdb_unresolved(db, i));
    cli_json_arr_end(&j);
    cli_json_key(&j, "info");
    cli_json_str(&j, mge_tdb_info(db));
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    printf("database: %s\n", path);
    printf("elements (%d):", mge_tdb_n_elements(db));
    for (int i = 0; i < mge_tdb_n_elements(db); i++)
      printf(" %s", mge_tdb_element(db, i));
    printf("\nspecies %d, functions %d, parameters %d, references %d\n",
           mge_tdb_n_species(db), mge_tdb_n_functions(db),
           mge_tdb_n_parameters(db), mge_tdb_n_refs(db));
    printf("phases (%d):\n", mge_tdb_n_phases(db));
    for (int p = 0; p < mge_tdb_n_phases(db); p++) {
      printf("  %-16s", mge_tdb_phase(db, p));
      for (int s = 0; s < mge_tdb_phase_nsub(db, p); s++) {
        printf(" (%g)", mge_tdb_phase_ratio(db, p, s));
        for (int k = 0; k < mge_tdb_phase_ncons(db, p, s); k++)
          printf("%s%s", k ? "," : "", mge_tdb_phase_cons(db, p, s, k));
      }
      double afm, pm;
      if (mge_tdb_phase_magnetic(db, p, &afm, &pm))
        printf("  [magnetic afm %g p %g]", afm, pm);
      if (mge_tdb_phase_disordered(db, p)[0])
        printf("  [disordered part %s]", mge_tdb_phase_disordered(db, p));
      printf("\n");
    }
    int nu = mge_tdb_n_unresolved(db);
    if (nu) {
      printf("unresolved parameters (%d; systems needing them fail):\n", nu);
      for (int i = 0; i < nu && i < 20; i++)
        printf("  %s\n", mge_tdb_unresolved(db, i));
      if (nu > 20) printf("  ... %d more\n", nu - 20);
    }
    if (mge_tdb_n_refs(db)) {
      printf("references:\n");
      for (int i = 0; i < mge_tdb_n_refs(db); i++)
        printf("  %-8s %s\n", mge_tdb_ref_key(db, i), mge_tdb_ref_text(db, i));
    }
  }
  mge_tdb_free(db);
  return CLI_OK;
}

/* ------------------------------------------------------------ shared */

typedef struct sysargs {
  const char *db_path;
  const char *amounts; /* --X or --W text */
  const char *comp;    /* --comp text (mge_comp_parse) */
  int mass;            /* 1 for --W */
  const char *phases, *suspend;
  double T, T2, dT;
  int have_T, have_range;
  double P;
  int json;
  const char *batch;
  int threads;
  const char *out;
  double stop;         /* scheil: liquid fraction at which to stop */
  const char *balance; /* eq --batch: the element taking 1 - sum */
} sysargs;

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

static int make_system(const sysargs *sa, const mge_tdb *db,
                       const mge_amounts *am, mge_thermo_system **s) {
  mge_error err;
  mge_error_clear(&err);
  if (mge_thermo_system_from_amounts(db, am, sa->phases, sa->suspend, s, &err))
    return cli_report(&err, NULL);
  return CLI_OK;
}

/* The system of the composition options and its overall mole fractions. */
static int composition_system(const sysargs *sa, const mge_tdb *db,
                              mge_thermo_system **s, double *X) {
  mge_amounts am;
  int rc = get_amounts(sa, &am);
  if (!rc) rc = make_system(sa, db, &am, s);
  if (rc) return rc;
  mge_error err;
  mge_error_clear(&err);
  if (mge_thermo_amounts_X(*s, &am, NULL, X, &err))
    return cli_report(&err, NULL);
  return CLI_OK;
}

static const char *sys_usage =
    "  DB                 a TDB file (data/thermo/cost507R.tdb for Al/Mg\n"
    "                     alloys)\n"
    "  --comp TEXT        any mge composition: alloy notation in mass\n"
    "                     percent (Mg-9Al-1Zn), a formula (Al0.55Fe0.45)\n"
    "  --X EL=x,...       mole fractions; one element may be given without\n"
    "                     a value (the balance): --X AL=0.3,MG\n"
    "  --W EL=w,...       mass fractions, as --X: --W AL=0.09,ZN=0.01,MG\n"
    "  --phases A,B       only these phases     --suspend A,B  not these\n"
    "  --P PA             pressure in Pa (default 101325)\n"
    "  --json             JSON output\n";

/* Common options; returns -1 if argv[i] is not one of them, else the
 * number of arguments used (or CLI_USAGE * -10 on a bad value). */
static int common_opt(sysargs *sa, int argc, char **argv, int i) {
  const char *a = argv[i];
  int has = i + 1 < argc;
  if (!strcmp(a, "--json")) {
    sa->json = 1;
    return 1;
  }
  if (!strcmp(a, "--comp") && has) {
    sa->comp = argv[i + 1];
    return 2;
  }
  if ((!strcmp(a, "--X") || !strcmp(a, "--W")) && has) {
    sa->amounts = argv[i + 1];
    sa->mass = a[2] == 'W';
    return 2;
  }
  if (!strcmp(a, "--phases") && has) {
    sa->phases = argv[i + 1];
    return 2;
  }
  if (!strcmp(a, "--suspend") && has) {
    sa->suspend = argv[i + 1];
    return 2;
  }
  if (!strcmp(a, "--P") && has) {
    char *end;
    sa->P = strtod(argv[i + 1], &end);
    if (*end || !(sa->P > 0)) return -20;
    return 2;
  }
  if (!strcmp(a, "--T") && has) {
    char buf[128];
    snprintf(buf, sizeof buf, "%s", argv[i + 1]);
    char *c1 = strchr(buf, ':');
    if (!c1) {
      if (parse_T(buf, &sa->T)) return -20;
      sa->have_T = 1;
      return 2;
    }
    *c1 = '\0';
    char *c2 = strchr(c1 + 1, ':');
    if (c2) *c2 = '\0';
    if (parse_T(buf, &sa->T) || parse_T(c1 + 1, &sa->T2)) return -20;
    if (c2) {
      char *end;
      sa->dT = strtod(c2 + 1, &end);
      if (*end || !(sa->dT > 0)) return -20;
    }
    sa->have_T = sa->have_range = 1;
    return 2;
  }
  return -1;
}

static int parse_common(sysargs *sa, int argc, char **argv, const char *cmd) {
  for (int i = 1; i < argc;) {
    int k = common_opt(sa, argc, argv, i);
    if (k == -20)
      return cli_usage_error("thermo %s: bad value for %s", cmd, argv[i]);
    if (k > 0) {
      i += k;
      continue;
    }
    if (!strcmp(argv[i], "--batch") && i + 1 < argc) {
      sa->batch = argv[i + 1];
      i += 2;
      continue;
    }
    if (!strcmp(argv[i], "--balance") && i + 1 < argc && !strcmp(cmd, "eq")) {
      sa->balance = argv[i + 1];
      i += 2;
      continue;
    }
    if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
      sa->threads = atoi(argv[i + 1]);
      if (sa->threads < 1 || sa->threads > 256)
        return cli_usage_error("thermo %s: --threads from 1 to 256", cmd);
      i += 2;
      continue;
    }
    if (!strcmp(argv[i], "--dT") && i + 1 < argc) {
      char *end;
      sa->dT = strtod(argv[i + 1], &end);
      if (*end || !(sa->dT > 0))
        return cli_usage_error("thermo %s: bad --dT", cmd);
      i += 2;
      continue;
    }
    if (!strcmp(argv[i], "--stop") && i + 1 < argc && !strcmp(cmd, "scheil")) {
      char *end;
      sa->stop = strtod(argv[i + 1], &end);
      if (*end || !(sa->stop > 0 && sa->stop < 1))
        return cli_usage_error(
            "thermo %s: --stop needs a liquid fraction between 0 and 1", cmd);
      i += 2;
      continue;
    }
    if (!strcmp(argv[i], "--out") && i + 1 < argc) {
      sa->out = argv[i + 1];
      i += 2;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1])
      return cli_usage_error("thermo %s: unknown option '%s'", cmd, argv[i]);
    if (sa->db_path)
      return cli_usage_error("thermo %s: unexpected argument '%s'", cmd,
                             argv[i]);
    sa->db_path = argv[i];
    i++;
  }
  if (!sa->db_path) return cli_usage_error("thermo %s: no database given", cmd);
  return CLI_OK;
}

static void json_result(cli_json *j, const mge_thermo_system *s,
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

static void print_result(const mge_thermo_system *s,
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

/* ---------------------------------------------------------------- eq */

/* CSV: a header "T,X(AL),X(MG)" (or W(..), T in K) then one row per
 * equilibrium (mge_thermo_batch_read), solved by mge_thermo_eq_batch. */
static int run_batch(const sysargs *sa, const mge_tdb *db) {
  mge_error err;
  mge_error_clear(&err);
  mge_thermo_batch b;
  if (mge_thermo_batch_read(sa->batch, sa->balance, &b, &err))
    return cli_report(&err, NULL);
  mge_thermo_system *s = NULL;
  int rc = make_system(sa, db, &b.cols, &s);
  size_t nrow = (size_t)b.nrow, nb = nrow ? nrow : 1;
  mge_thermo_conditions *c = NULL;
  mge_thermo_result *res = NULL;
  if (!rc) {
    c = malloc(nb * sizeof *c);
    res = malloc(nb * sizeof *res);
    if (!c || !res) rc = cli_usage_error("thermo eq: out of memory");
  }
  if (!rc && mge_thermo_batch_conditions(s, &b, sa->P, c, &err))
    rc = cli_report(&err, NULL);
  size_t bad = 0;
  if (!rc && mge_thermo_eq_batch(s, c, nrow, NULL,
                                 sa->threads > 0 ? sa->threads : 2, res, &bad,
                                 &err))
    rc = cli_report(&err, NULL);
  if (!rc) {
    int C = mge_thermo_system_ncomp(s);
    if (sa->json) {
      cli_json j;
      cli_json_init(&j, stdout, 0);
      cli_json_arr_begin(&j);
      for (size_t i = 0; i < nrow; i++) {
        if (!res[i].converged) {
          cli_json_obj_begin(&j);
          cli_json_key(&j, "T_K");
          cli_json_num(&j, c[i].T_K);
          cli_json_key(&j, "converged");
          cli_json_bool(&j, 0);
          cli_json_key(&j, "error");
          cli_json_str(&j, res[i].reason);
          cli_json_obj_end(&j);
        } else {
          json_result(&j, s, &res[i]);
        }
      }
      cli_json_arr_end(&j);
      cli_json_end(&j);
    } else {
      printf("row,T_K,converged,phases,GM,HM,SM,CPM");
      for (int k = 0; k < C; k++)
        printf(",MU(%s)", mge_thermo_system_comp(s, k));
      printf("\n");
      for (size_t i = 0; i < nrow; i++) {
        if (!res[i].converged) {
          printf("%zu,%.6g,0,,,,,", i + 1, c[i].T_K);
          for (int k = 0; k < C; k++) printf(",");
          printf("\n");
          fprintf(stderr, "mge: row %zu: %s\n", i + 1, res[i].reason);
          continue;
        }
        printf("%zu,%.6g,1,", i + 1, c[i].T_K);
        for (int k = 0; k < res[i].nphase; k++)
          printf("%s%s", k ? "+" : "",
                 mge_thermo_system_phase(s, res[i].ph[k].phase));
        printf(",%.6f,%.6f,%.8f,%.8f", res[i].GM, res[i].HM, res[i].SM,
               res[i].CPM);
        for (int k = 0; k < C; k++) printf(",%.6f", res[i].mu[k]);
        printf("\n");
      }
    }
    if (bad) rc = CLI_FAIL;
  }
  free(c);
  free(res);
  mge_thermo_batch_free(&b);
  mge_thermo_system_free(s);
  return rc;
}

static int cmd_eq(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      printf(
          "usage: mge thermo eq DB (--comp C|--X ..|--W ..) --T T [options]\n"
          "       mge thermo eq DB --batch FILE.csv [--balance EL] "
          "[--threads N]\n\n"
          "Global equilibrium: stable phases with amounts (fraction of\n"
          "atoms), compositions and site fractions, chemical potentials,\n"
          "GM, HM, SM, CPM per mole of atoms. A result that did not\n"
          "converge is reported as an error (exit 1), never printed.\n\n"
          "%s"
          "  --T T              temperature: 700, 700K or 427C\n"
          "  --batch FILE       CSV with a header T,X(EL),... or\n"
          "                     T,W(EL),... (T in K); one equilibrium\n"
          "                     per row, rows in parallel (--threads,\n"
          "                     default 2); CSV or --json out. Each\n"
          "                     row's fractions must sum to 1, or\n"
          "  --balance EL       EL takes 1 - the sum of each row\n",
          sys_usage);
      return CLI_OK;
    }
  sysargs sa = {0};
  sa.P = 101325;
  int rc = parse_common(&sa, argc, argv, "eq");
  if (rc) return rc;
  mge_tdb *db = NULL;
  rc = load_db(sa.db_path, &db);
  if (rc) return rc;
  if (sa.batch) {
    rc = run_batch(&sa, db);
    mge_tdb_free(db);
    return rc;
  }
  if ((!sa.amounts && !sa.comp) || !sa.have_T || sa.have_range) {
    mge_tdb_free(db);
    return cli_usage_error("thermo eq: need --comp, --X or --W and one --T");
  }
  mge_thermo_system *s = NULL;
  mge_thermo_conditions c;
  c.T_K = sa.T;
  c.P_Pa = sa.P;
  rc = composition_system(&sa, db, &s, c.X);
  if (!rc) {
    mge_thermo_result r;
    mge_error err;
    mge_error_clear(&err);
    if (mge_thermo_equilibrium(s, &c, NULL, &r, &err)) {
      rc = cli_report(&err, NULL);
    } else if (sa.json) {
      cli_json j;
      cli_json_init(&j, stdout, 1);
      json_result(&j, s, &r);
      cli_json_end(&j);
    } else {
      print_result(s, &r);
    }
  }
  mge_thermo_system_free(s);
  mge_tdb_free(db);
  return rc;
}

/* -------------------------------------------------------------- step */

static int cmd_step(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      printf(
          "usage: mge thermo step DB (--comp C|--X ..|--W ..) --T "
          "FROM:TO[:STEP]\n\n"
          "Equilibria from FROM to TO (default step 1 K) with every\n"
          "change of the phase set located to 0.01 K: the liquidus,\n"
          "the solidus and each phase's solvus (appears/disappears).\n"
          "Prints the transitions and a table of phase fractions.\n\n%s",
          sys_usage);
      return CLI_OK;
    }
  sysargs sa = {0};
  sa.P = 101325;
  sa.dT = 1;
  int rc = parse_common(&sa, argc, argv, "step");
  if (rc) return rc;
  if ((!sa.amounts && !sa.comp) || !sa.have_range)
    return cli_usage_error(
        "thermo step: need --comp, --X or --W and --T "
        "FROM:TO");
  mge_tdb *db = NULL;
  rc = load_db(sa.db_path, &db);
  if (rc) return rc;
  double X[MGE_THERMO_MAX_COMP];
  mge_thermo_system *s = NULL;
  mge_thermo_step *st = NULL;
  rc = composition_system(&sa, db, &s, X);
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
      for (int i = 0; i < st->n; i++) json_result(&j, s, &st->pt[i]);
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
          double f = 0;
          for (int k = 0; k < st->pt[i].nphase; k++)
            if (st->pt[i].ph[k].phase == p) f += st->pt[i].ph[k].amount;
          printf(" %12.6f", f);
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

/* ------------------------------------------------------------ scheil */

static void scheil_json(const mge_thermo_system *s,
                        const mge_thermo_scheil *sc) {
  cli_json j;
  cli_json_init(&j, stdout, 0);
  cli_json_obj_begin(&j);
  cli_json_key(&j, "start_K");
  cli_json_num(&j, sc->start_K);
  cli_json_key(&j, "liquidus_K");
  cli_json_num(&j, sc->liquidus_K);
  cli_json_key(&j, "end_K");
  cli_json_num(&j, sc->end_K);
  cli_json_key(&j, "end_reason");
  cli_json_str(&j, sc->end_reason == MGE_THERMO_SCHEIL_EUTECTIC
                       ? "eutectic"
                       : "liquid_fraction");
  cli_json_key(&j, "sequence");
  cli_json_arr_begin(&j);
  for (int q = 0; q < sc->nseq; q++) {
    cli_json_obj_begin(&j);
    cli_json_key(&j, "phase");
    cli_json_str(&j, mge_thermo_system_phase(s, sc->seq_phase[q]));
    cli_json_key(&j, "from_K");
    cli_json_num(&j, sc->seq_T_K[q]);
    cli_json_key(&j, "to_K");
    cli_json_num(&j, sc->seq_last_K[q]);
    cli_json_key(&j, "amount");
    cli_json_num(&j, sc->amount[q]);
    cli_json_obj_end(&j);
  }
  cli_json_arr_end(&j);
  cli_json_key(&j, "T_K");
  cli_json_arr_begin(&j);
  for (int i = 0; i < sc->n; i++) cli_json_num(&j, sc->T_K[i]);
  cli_json_arr_end(&j);
  cli_json_key(&j, "f_solid");
  cli_json_arr_begin(&j);
  for (int i = 0; i < sc->n; i++) cli_json_num(&j, sc->f_solid[i]);
  cli_json_arr_end(&j);
  cli_json_key(&j, "phase_amounts");
  cli_json_obj_begin(&j);
  for (int q = 0; q < sc->nseq; q++) {
    cli_json_key(&j, mge_thermo_system_phase(s, sc->seq_phase[q]));
    cli_json_arr_begin(&j);
    for (int i = 0; i < sc->n; i++)
      cli_json_num(&j, sc->phase_amount[i * MGE_THERMO_SCHEIL_MAXPH + q]);
    cli_json_arr_end(&j);
  }
  cli_json_obj_end(&j);
  cli_json_key(&j, "x_liquid");
  cli_json_obj_begin(&j);
  for (int c = 0; c < sc->ncomp; c++) {
    cli_json_key(&j, mge_thermo_system_comp(s, c));
    cli_json_arr_begin(&j);
    for (int i = 0; i < sc->n; i++)
      cli_json_num(&j, sc->x_liquid[i * sc->ncomp + c]);
    cli_json_arr_end(&j);
  }
  cli_json_obj_end(&j);
  cli_json_obj_end(&j);
  cli_json_end(&j);
}

static void scheil_table(const mge_thermo_system *s,
                         const mge_thermo_scheil *sc, double stop) {
  printf("liquidus %.2f K, end %.2f K (%s)\n", sc->liquidus_K, sc->end_K,
         sc->end_reason == MGE_THERMO_SCHEIL_EUTECTIC
             ? "eutectic: the last liquid solidified"
             : "the liquid fraction fell below --stop");
  if (sc->end_reason != MGE_THERMO_SCHEIL_EUTECTIC)
    printf("  (liquid fraction at the end below %g)\n", stop);
  printf("  %-14s %9s %9s  %s\n", "phase", "from_K", "to_K",
         "fraction of all atoms");
  for (int q = 0; q < sc->nseq; q++)
    printf("  %-14s %9.2f %9.2f  %.4f\n",
           mge_thermo_system_phase(s, sc->seq_phase[q]), sc->seq_T_K[q],
           sc->seq_last_K[q], sc->amount[q]);
  printf("\n%9s %10s", "T_K", "f_solid");
  for (int q = 0; q < sc->nseq; q++)
    printf(" %12.12s", mge_thermo_system_phase(s, sc->seq_phase[q]));
  for (int c = 0; c < sc->ncomp; c++) {
    char h[24];
    snprintf(h, sizeof h, "XL(%s)", mge_thermo_system_comp(s, c));
    printf(" %10s", h);
  }
  printf("\n");
  for (int i = 0; i < sc->n; i++) {
    printf("%9.2f %10.6f", sc->T_K[i], sc->f_solid[i]);
    for (int q = 0; q < sc->nseq; q++)
      printf(" %12.6f", sc->phase_amount[i * MGE_THERMO_SCHEIL_MAXPH + q]);
    for (int c = 0; c < sc->ncomp; c++)
      printf(" %10.6f", sc->x_liquid[i * sc->ncomp + c]);
    printf("\n");
  }
}

static int cmd_scheil(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      printf(
          "usage: mge thermo scheil DB (--comp C|--X ..|--W ..) --T START "
          "[--dT 1] [--stop 1e-6]\n\n"
          "Scheil-Gulliver solidification from START: solid fraction\n"
          "against T, the cumulative amount of each solid phase and the\n"
          "liquid composition at each step, the phases in order of\n"
          "appearance and the temperature where the liquid is used up\n"
          "(a eutectic end, located to 0.01 K, or the liquid fraction\n"
          "falling below --stop). If START is below the liquidus the\n"
          "liquidus is found above it and the run starts there.\n\n"
          "  --dT K             temperature step (default 1 K)\n"
          "  --stop F           liquid fraction at which to stop\n"
          "                     (default 1e-6)\n%s",
          sys_usage);
      return CLI_OK;
    }
  sysargs sa = {0};
  sa.P = 101325;
  sa.dT = 1;
  sa.stop = 1e-6;
  int rc = parse_common(&sa, argc, argv, "scheil");
  if (rc) return rc;
  if ((!sa.amounts && !sa.comp) || !sa.have_T || sa.have_range)
    return cli_usage_error(
        "thermo scheil: need --comp, --X or --W and --T "
        "START");
  mge_tdb *db = NULL;
  rc = load_db(sa.db_path, &db);
  if (rc) return rc;
  double X[MGE_THERMO_MAX_COMP];
  mge_thermo_system *s = NULL;
  mge_thermo_scheil *sc = NULL;
  rc = composition_system(&sa, db, &s, X);
  if (!rc) {
    mge_error err;
    mge_error_clear(&err);
    if (mge_thermo_scheil_run(s, X, sa.P, sa.T, sa.dT, sa.stop, NULL, &sc,
                              &err))
      rc = cli_report(&err, NULL);
  }
  if (!rc && sc->start_K != sa.T)
    fprintf(stderr,
            "mge: note: %.2f K is below the liquidus (%.2f K); the Scheil "
            "run starts at %.2f K\n",
            sa.T, sc->liquidus_K, sc->start_K);
  if (!rc) {
    if (sa.json)
      scheil_json(s, sc);
    else
      scheil_table(s, sc, sa.stop);
  }
  mge_thermo_scheil_free(sc);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
  return rc;
}

/* ----------------------------------------------------------- section */

static int run_section(sysargs *sa, const char *db_path, const mge_amounts *am,
                       int div, int threads, const char *svg, const char *csv,
                       int json) {
  mge_tdb *db = NULL;
  int rc = load_db(db_path, &db);
  if (rc) return rc;
  mge_thermo_system *s = NULL;
  mge_thermo_section *sec = NULL;
  rc = make_system(sa, db, am, &s);
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
    if (mge_report_thermo_section_svg(s, sec, &text, &err))
      rc = cli_report(&err, NULL);
    else
      rc = cli_write_file(svg, text, strlen(text));
    free(text);
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

static int cmd_map(int argc, char **argv) {
  const char *db_path = NULL, *els = NULL, *svg = NULL, *csv = NULL,
             *trange = NULL, *phases = NULL, *suspend = NULL;
  int nx = 40, threads = 2, json = 0, div = 30;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int has = i + 1 < argc;
    if (cli_is_help(a)) {
      printf(
          "usage: mge thermo map DB --el A,B --T LO:HI[:STEP] [options]\n\n"
          "Binary T-x phase diagram (x: mole fraction of B): temperature\n"
          "steps at --nx compositions (default 40), each two-phase\n"
          "equilibrium giving a tie-line whose ends are on the phase\n"
          "boundaries, invariants from three-phase transitions.\n\n"
          "  --csv FILE    tie-lines T_K,phase1,x1,phase2,x2 (default: "
          "stdout)\n"
          "  --svg FILE    the diagram with phase fields labelled\n"
          "  --threads N   compositions in parallel (default 2)\n"
          "  --phases A,B / --suspend A,B  phase selection\n"
          "  --json        invariants and labels as JSON\n");
      return CLI_OK;
    }
    if (!strcmp(a, "--el") && has)
      els = argv[++i];
    else if (!strcmp(a, "--T") && has)
      trange = argv[++i];
    else if (!strcmp(a, "--svg") && has)
      svg = argv[++i];
    else if (!strcmp(a, "--csv") && has)
      csv = argv[++i];
    else if (!strcmp(a, "--phases") && has)
      phases = argv[++i];
    else if (!strcmp(a, "--suspend") && has)
      suspend = argv[++i];
    else if (!strcmp(a, "--nx") && has) {
      nx = atoi(argv[++i]);
      if (nx < 2 || nx > 2000)
        return cli_usage_error("thermo map: --nx from 2 to 2000");
    } else if (!strcmp(a, "--div") && has) {
      div = atoi(argv[++i]);
      if (div < 3 || div > 200)
        return cli_usage_error("thermo map: --div from 3 to 200");
    } else if (!strcmp(a, "--threads") && has) {
      threads = atoi(argv[++i]);
      if (threads < 1 || threads > 256)
        return cli_usage_error("thermo map: --threads from 1 to 256");
    } else if (!strcmp(a, "--json"))
      json = 1;
    else if (a[0] == '-')
      return cli_usage_error("thermo map: unknown option '%s'", a);
    else if (!db_path)
      db_path = a;
    else
      return cli_usage_error("thermo map: unexpected argument '%s'", a);
  }
  if (!db_path || !els || !trange)
    return cli_usage_error("thermo map: need DB, --el A,B and --T LO:HI");
  sysargs sa = {0};
  sa.dT = 5;
  sa.phases = phases;
  sa.suspend = suspend;
  char *targv[3] = {"map", "--T", (char *)trange};
  int k = common_opt(&sa, 3, targv, 1);
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
  if (n == 3) {
    if (k < 0 || sa.have_range)
      return cli_usage_error("thermo map: a ternary section needs one --T");
    return run_section(&sa, db_path, &am, div, threads, svg, csv, json);
  }
  if (k < 0 || !sa.have_range)
    return cli_usage_error("thermo map: bad --T (want LO:HI[:STEP])");
  double lo = fmin(sa.T, sa.T2), hi = fmax(sa.T, sa.T2);
  mge_tdb *db = NULL;
  int rc = load_db(db_path, &db);
  if (rc) return rc;
  mge_thermo_system *s = NULL;
  mge_thermo_map *m = NULL;
  rc = make_system(&sa, db, &am, &s);
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
    if (mge_report_thermo_map_svg(s, m, &text, &err))
      rc = cli_report(&err, NULL);
    else
      rc = cli_write_file(svg, text, strlen(text));
    free(text);
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

/* The solver's linear systems are small (tens of unknowns); a threaded
 * BLAS spends more time waking its threads than solving, and the command
 * runs its own threads over points: it asks for one BLAS thread (the
 * application's choice, not the library's; OPENBLAS_NUM_THREADS does the
 * same from the environment). */
int cmd_thermo(int argc, char **argv) {
  mge_blas_threads(1);
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  if (cli_is_help(argv[1])) {
    usage(stdout);
    return CLI_OK;
  }
  if (!strcmp(argv[1], "info")) return cmd_info(argc - 1, argv + 1);
  if (!strcmp(argv[1], "eq")) return cmd_eq(argc - 1, argv + 1);
  if (!strcmp(argv[1], "step")) return cmd_step(argc - 1, argv + 1);
  if (!strcmp(argv[1], "scheil")) return cmd_scheil(argc - 1, argv + 1);
  if (!strcmp(argv[1], "map")) return cmd_map(argc - 1, argv + 1);
  fprintf(stderr, "mge: error: thermo: unknown subcommand '%s'\n", argv[1]);
  usage(stderr);
  return CLI_USAGE;
}
