/* mge thermo scheil: Scheil-Gulliver solidification. No science here: argument
 * parsing, calls into libmge (include/mge/thermo.h) and formatting. */
#include <stdio.h>

#include "cli.h"
#include "mge/thermo.h"
#include "opt.h"
#include "record.h"
#include "thermo_common.h"

/* The phases in order of appearance, one record each: the rows of the
 * table and the objects of the JSON "sequence". */
static const cli_rec_col seq_cols[] = {
    {"phase", "phase", -14, NULL, 2, NULL},
    {"from_K", "from_K", 9, "%.2f", 0, NULL},
    {"to_K", "to_K", 9, "%.2f", 0, NULL},
    {"amount", "fraction of all atoms", 0, "%.4f", 2, NULL},
};

static void seq_record(cli_record *r, const mge_thermo_system *s,
                       const mge_thermo_scheil *sc, int q) {
  cli_rec_clear(r);
  cli_rec_str(r, "phase", mge_thermo_system_phase(s, sc->seq_phase[q]));
  cli_rec_num(r, "from_K", "K", sc->seq_T_K[q]);
  cli_rec_num(r, "to_K", "K", sc->seq_last_K[q]);
  cli_rec_num(r, "amount", NULL, sc->amount[q]);
}

static void scheil_json(const mge_thermo_system *s, const mge_thermo_scheil *sc,
                        cli_record *r) {
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
    seq_record(r, s, sc, q);
    cli_rec_json(&j, r);
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
                         const mge_thermo_scheil *sc, double stop,
                         cli_record *r) {
  printf("liquidus %.2f K, end %.2f K (%s)\n", sc->liquidus_K, sc->end_K,
         sc->end_reason == MGE_THERMO_SCHEIL_EUTECTIC
             ? "eutectic: the last liquid solidified"
             : "the liquid fraction fell below --stop");
  if (sc->end_reason != MGE_THERMO_SCHEIL_EUTECTIC)
    printf("  (liquid fraction at the end below %g)\n", stop);
  size_t ncol = sizeof seq_cols / sizeof seq_cols[0];
  cli_rec_table_head(stdout, seq_cols, ncol, NULL);
  for (int q = 0; q < sc->nseq; q++) {
    seq_record(r, s, sc, q);
    cli_rec_table_row(stdout, seq_cols, ncol, r);
  }
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

static const char head[] =
    "usage: mge thermo scheil DB (--comp C|--X ..|--W ..) --T START "
    "[--dT 1] [--stop 1e-6]\n\n"
    "Scheil-Gulliver solidification from START: solid fraction\n"
    "against T, the cumulative amount of each solid phase and the\n"
    "liquid composition at each step, the phases in order of\n"
    "appearance and the temperature where the liquid is used up\n"
    "(a eutectic end, located to 0.01 K, or the liquid fraction\n"
    "falling below --stop). If START is below the liquidus the\n"
    "liquidus is found above it and the run starts there.\n\n";

int cmd_thermo_scheil(int argc, char **argv) {
  sysargs sa = {.P = 101325};
  double dT = 1, stop = 1e-6;
  cli_opt opts[] = {
      THERMO_DT_ROW(&dT, "temperature step (default 1 K)"),
      {.name = "--stop",
       .kind = CLI_OPT_DOUBLE,
       .dst = &stop,
       .lo = 1e-12,
       .hi = 1,
       .flags = CLI_OPT_HI_OPEN,
       .arg = "F",
       .help = "liquid fraction at which to stop\n(default 1e-6)"},
      THERMO_SYS_ROWS(&sa),
      CLI_STR("--T", &sa.T_text, "START", NULL),
  };
  cli_opts spec = CLI_OPTS("thermo scheil", head, opts, 18, NULL);
  int rc = thermo_parse(&spec, &sa, argc, argv);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (!sa.db_path) return cli_usage_error("thermo scheil: no database given");
  if ((!sa.amounts && !sa.comp) || !sa.have_T || sa.have_range)
    return cli_usage_error(
        "thermo scheil: need --comp, --X or --W and --T "
        "START");
  mge_tdb *db = NULL;
  rc = thermo_load_db(sa.db_path, &db);
  if (rc) return rc;
  double X[MGE_THERMO_MAX_COMP];
  mge_thermo_system *s = NULL;
  mge_thermo_scheil *sc = NULL;
  rc = thermo_composition_system(&sa, db, &s, X);
  if (!rc) {
    mge_error err;
    mge_error_clear(&err);
    if (mge_thermo_scheil_run(s, X, sa.P, sa.T, dT, stop, NULL, &sc, &err))
      rc = cli_report(&err, NULL);
  }
  if (!rc && sc->start_K != sa.T)
    fprintf(stderr,
            "mge: note: %.2f K is below the liquidus (%.2f K); the Scheil "
            "run starts at %.2f K\n",
            sa.T, sc->liquidus_K, sc->start_K);
  cli_record *r = rc ? NULL : cli_rec_new();
  if (!rc && !r)
    rc = (cli_usage_error("thermo scheil: out of memory"), CLI_FAIL);
  if (!rc) {
    if (sa.json)
      scheil_json(s, sc, r);
    else
      scheil_table(s, sc, stop, r);
    if (cli_rec_failed(r))
      rc = (cli_usage_error("thermo scheil: out of memory"), CLI_FAIL);
  }
  cli_rec_free(r);
  mge_thermo_scheil_free(sc);
  mge_thermo_system_free(s);
  mge_tdb_free(db);
  return rc;
}
