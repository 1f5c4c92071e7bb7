/* mge thermo eq: global equilibrium, one point or a CSV batch. No science here:
 * argument parsing, calls into libmge (include/mge/thermo.h) and formatting. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "mge/thermo.h"
#include "opt.h"
#include "thermo_common.h"

/* CSV: a header "T,X(AL),X(MG)" (or W(..), T in K) then one row per
 * equilibrium (mge_thermo_batch_read), solved by mge_thermo_eq_batch. */
static int run_batch(const sysargs *sa, const mge_tdb *db, const char *path,
                     const char *balance, int threads) {
  mge_error err;
  mge_error_clear(&err);
  mge_thermo_batch b;
  if (mge_thermo_batch_read(path, balance, &b, &err))
    return cli_report(&err, NULL);
  mge_thermo_system *s = NULL;
  int rc = thermo_make_system(sa, db, &b.cols, &s);
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
  if (!rc && mge_thermo_eq_batch(s, c, nrow, NULL, threads, res, &bad, &err))
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
          thermo_put_result(&j, s, &res[i]);
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

static const char head[] =
    "usage: mge thermo eq DB (--comp C|--X ..|--W ..) --T T [options]\n"
    "       mge thermo eq DB --batch FILE.csv [--balance EL] [--threads N]\n\n"
    "Global equilibrium: stable phases with amounts (fraction of\n"
    "atoms), compositions and site fractions, chemical potentials,\n"
    "GM, HM, SM, CPM per mole of atoms. A result that did not\n"
    "converge is reported as an error (exit 1), never printed.\n\n";

int cmd_thermo_eq(int argc, char **argv) {
  sysargs sa = {.P = 101325};
  const char *batch = NULL, *balance = NULL;
  int threads = 2;
  cli_opt opts[] = {
      THERMO_SYS_ROWS(&sa),
      CLI_STR("--T", &sa.T_text, "T", "temperature: 700, 700K or 427C"),
      CLI_STR("--batch", &batch, "FILE",
              "CSV with a header T,X(EL),... or\n"
              "T,W(EL),... (T in K); one equilibrium\n"
              "per row, rows in parallel (--threads,\n"
              "default 2); CSV or --json out. Each\n"
              "row's fractions must sum to 1, or"),
      CLI_STR("--balance", &balance, "EL", "EL takes 1 - the sum of each row"),
      CLI_INT("--threads", &threads, 1, 256, "N", NULL),
  };
  cli_opts spec = CLI_OPTS("thermo eq", head, opts, 18, NULL);
  int rc = thermo_parse(&spec, &sa, argc, argv);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (!sa.db_path) return cli_usage_error("thermo eq: no database given");
  /* options that the other mode would drop are refused, not ignored */
  if (batch && (sa.have_T || sa.comp || sa.amounts))
    return cli_usage_error(
        "thermo eq: --batch takes each row's T and composition from %s; "
        "--T, --comp, --X and --W cannot be combined with it",
        batch);
  if (!batch && balance)
    return cli_usage_error(
        "thermo eq: --balance is for --batch (with --X, leave the balance "
        "element without a value: --X AL=0.3,MG)");
  if (!batch && cli_opt_given(&spec, "--threads"))
    return cli_usage_error(
        "thermo eq: --threads is for --batch (one equilibrium runs on one "
        "thread)");
  mge_tdb *db = NULL;
  rc = thermo_load_db(sa.db_path, &db);
  if (rc) return rc;
  if (batch) {
    rc = run_batch(&sa, db, batch, balance, threads);
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
  rc = thermo_composition_system(&sa, db, &s, c.X);
  if (!rc) {
    mge_thermo_result r;
    mge_error err;
    mge_error_clear(&err);
    if (mge_thermo_equilibrium(s, &c, NULL, &r, &err)) {
      rc = cli_report(&err, NULL);
    } else if (sa.json) {
      cli_json j;
      cli_json_init(&j, stdout, 1);
      rc = thermo_put_result(&j, s, &r);
      cli_json_end(&j);
    } else {
      rc = thermo_put_result(NULL, s, &r);
    }
  }
  mge_thermo_system_free(s);
  mge_tdb_free(db);
  return rc;
}
