/* mge thermo: CALPHAD databases and equilibria. The dispatcher and its
 * usage; each subcommand is one file (cli/cmd_thermo_NAME.c), what they
 * share is cli/thermo_common.c. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "mge/linalg.h"
#include "thermo_common.h"

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
  if (!strcmp(argv[1], "info")) return cmd_thermo_info(argc - 1, argv + 1);
  if (!strcmp(argv[1], "eq")) return cmd_thermo_eq(argc - 1, argv + 1);
  if (!strcmp(argv[1], "step")) return cmd_thermo_step(argc - 1, argv + 1);
  if (!strcmp(argv[1], "scheil")) return cmd_thermo_scheil(argc - 1, argv + 1);
  if (!strcmp(argv[1], "map")) return cmd_thermo_map(argc - 1, argv + 1);
  fprintf(stderr, "mge: error: thermo: unknown subcommand '%s'\n", argv[1]);
  usage(stderr);
  return CLI_USAGE;
}
