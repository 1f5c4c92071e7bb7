/* What the mge thermo subcommands (cli/cmd_thermo_*.c) share: the
 * database, the composition options (--comp, --X, --W, --phases,
 * --suspend) and the system they make, and the record of one equilibrium
 * (as text or JSON). No science: the library (include/mge/thermo.h) computes.
 */
#ifndef MGE_CLI_THERMO_COMMON_H
#define MGE_CLI_THERMO_COMMON_H

#include "cli.h"
#include "mge/thermo.h"
#include "opt.h"
#include "record.h"

/* The subcommands: argv[0] is the subcommand's name. */
int cmd_thermo_info(int argc, char **argv);   /* cli/cmd_thermo_info.c */
int cmd_thermo_eq(int argc, char **argv);     /* cli/cmd_thermo_eq.c */
int cmd_thermo_step(int argc, char **argv);   /* cli/cmd_thermo_step.c */
int cmd_thermo_scheil(int argc, char **argv); /* cli/cmd_thermo_scheil.c */
int cmd_thermo_map(int argc, char **argv);    /* cli/cmd_thermo_map.c */

/* The options of a subcommand that go to the system, filled by
 * cli_opt_parse and thermo_parse. */
typedef struct sysargs {
  const char *db_path; /* the positional argument DB */
  const char *comp;    /* --comp text (mge_comp_parse) */
  const char *X, *W;   /* --X, --W text */
  const char *amounts; /* the one of --X and --W given */
  int mass;            /* 1 for --W */
  const char *phases, *suspend;
  const char *T_text; /* --T: a temperature or FROM:TO[:STEP] */
  double T, T2, dT;   /* K; dT: the STEP of --T when it has one */
  int have_T, have_range;
  double P; /* Pa */
  int json;
} sysargs;

/* The rows of the options every system takes, and their help lines
 * (DB, --comp, --X, --W, --phases and --suspend, --P, --json), at a help
 * column of 18. */
#define THERMO_SYS_ROWS(sa)                                                \
  {.label = "DB",                                                          \
   .help = "a TDB file (data/thermo/cost507R.tdb for Al/Mg\nalloys)"},     \
      CLI_STR("--comp", &(sa)->comp, "TEXT",                               \
              "any mge composition: alloy notation in mass\npercent "      \
              "(Mg-9Al-1Zn), a formula (Al0.55Fe0.45)"),                   \
      CLI_STR("--X", &(sa)->X, "EL=x,...",                                 \
              "mole fractions; one element may be given without\na value " \
              "(the balance): --X AL=0.3,MG"),                             \
      CLI_STR("--W", &(sa)->W, "EL=w,...",                                 \
              "mass fractions, as --X: --W AL=0.09,ZN=0.01,MG"),           \
      CLI_STR("--phases", &(sa)->phases, "A,B",                            \
              "only these phases     --suspend A,B  not these"),           \
      CLI_STR("--suspend", &(sa)->suspend, "A,B", NULL),                   \
      {.name = "--P",                                                      \
       .kind = CLI_OPT_QTY,                                                \
       .dst = &(sa)->P,                                                    \
       .lo = THERMO_P_MIN_PA,                                              \
       .hi = THERMO_P_MAX_PA,                                              \
       .unit = "Pa",                                                       \
       .arg = "PA",                                                        \
       .help = "pressure in Pa (default 101325)"},                         \
      CLI_FLAG("--json", &(sa)->json, "JSON output")

/* The pressures --P takes (Pa): from a high vacuum to 1 TPa. */
#define THERMO_P_MIN_PA 1e-9
#define THERMO_P_MAX_PA 1e12

/* The row of --dT (K), a temperature step from 1 mK to 1000 K. */
#define THERMO_DT_ROW(p, h)                                                    \
  {                                                                            \
    .name = "--dT", .kind = CLI_OPT_DOUBLE, .dst = (p), .lo = 1e-3, .hi = 1e3, \
    .arg = "K", .help = (h)                                                    \
  }

/* Read the line against spec (whose rows write into sa): DB is the one
 * positional argument (NULL when none is given), the one of --X, --W and
 * --T are read. Returns CLI_OK, CLI_OPT_DONE after the help, or CLI_USAGE
 * after saying why. */
int thermo_parse(cli_opts *spec, sysargs *sa, int argc, char **argv);

/* Load the TDB file at path; CLI_OK or the error reported. */
int thermo_load_db(const char *path, mge_tdb **db);

/* The system of the database for the names of am (and --phases,
 * --suspend). */
int thermo_make_system(const sysargs *sa, const mge_tdb *db,
                       const mge_amounts *am, mge_thermo_system **s);

/* The system of the composition options and its overall mole fractions X
 * (MGE_THERMO_MAX_COMP of room). */
int thermo_composition_system(const sysargs *sa, const mge_tdb *db,
                              mge_thermo_system **s, double *X);

/* One equilibrium as fields appended to rec: T_K, P_Pa, converged,
 * X {comp: x}, phases [{name, amount, x {comp: x}, site_fractions
 * [{sublattice, species, y}], GM}], MU {comp: mu}, GM, HM, SM, CPM. */
void thermo_result_record(cli_record *rec, const mge_thermo_system *s,
                          const mge_thermo_result *r);
/* That record as a JSON object in j, or (j NULL) as text on stdout;
 * CLI_FAIL (said on stderr) when it ran out of memory, else CLI_OK. */
int thermo_put_result(cli_json *j, const mge_thermo_system *s,
                      const mge_thermo_result *r);

#endif
