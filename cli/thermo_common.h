/* What the mge thermo subcommands (cli/cmd_thermo_*.c) share: the
 * database, the composition options (--comp, --X, --W, --phases,
 * --suspend) and the system they make, and the print and JSON forms of one
 * equilibrium. No science: the library (include/mge/thermo.h) computes. */
#ifndef MGE_CLI_THERMO_COMMON_H
#define MGE_CLI_THERMO_COMMON_H

#include "cli.h"
#include "mge/thermo.h"

/* The subcommands: argv[0] is the subcommand's name. */
int cmd_thermo_info(int argc, char **argv);   /* cli/cmd_thermo_info.c */
int cmd_thermo_eq(int argc, char **argv);     /* cli/cmd_thermo_eq.c */
int cmd_thermo_step(int argc, char **argv);   /* cli/cmd_thermo_step.c */
int cmd_thermo_scheil(int argc, char **argv); /* cli/cmd_thermo_scheil.c */
int cmd_thermo_map(int argc, char **argv);    /* cli/cmd_thermo_map.c */

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

/* The help lines of the composition and common options. */
extern const char *const thermo_sys_usage;

/* Common options; returns -1 if argv[i] is not one of them, else the
 * number of arguments used (or CLI_USAGE * -10 on a bad value). */
int thermo_common_opt(sysargs *sa, int argc, char **argv, int i);

/* The options of eq, step and scheil into sa (cmd: for the messages). */
int thermo_parse_common(sysargs *sa, int argc, char **argv, const char *cmd);

/* One equilibrium as a JSON object, and as text on stdout. */
void thermo_json_result(cli_json *j, const mge_thermo_system *s,
                        const mge_thermo_result *r);
void thermo_print_result(const mge_thermo_system *s,
                         const mge_thermo_result *r);

#endif
