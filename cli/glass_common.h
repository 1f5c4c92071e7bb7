/* What the files of mge glass share (cli/cmd_glass*.c): the help text, the
 * subcommands the dispatcher calls, the warnings and the recipe argument. */
#ifndef MGE_CLI_GLASS_COMMON_H
#define MGE_CLI_GLASS_COMMON_H

#include <stdio.h>

#include "cli.h"
#include "mge/glass.h"

/* The help of mge glass and of each of its subcommands (cli/cmd_glass.c). */
extern const char glass_help[];

/* The subcommands: argv[0] is the subcommand's name. */
int glass_props(int argc, char **argv);      /* cli/cmd_glass_props.c */
int glass_visc(int argc, char **argv);       /* cli/cmd_glass_visc.c */
int glass_visc_train(int argc, char **argv); /* cli/cmd_glass_visc_train.c */
int glass_ionex(int argc, char **argv);      /* cli/cmd_glass_ionex.c */

/* "  [warning: ...]" for the warning bits w (nothing when w is 0). */
void glass_print_warn(FILE *f, unsigned w);
/* "warnings": [the text of each bit of w]. */
void glass_json_warn(cli_json *j, unsigned w);
/* Parse an oxide recipe argument; CLI_OK, or the exit status after the
 * message naming the place in text. */
int glass_parse_recipe(const char *text, mge_recipe *r);
/* A temperature in K shown in degC (units.h). */
double glass_celsius(double T_K);

#endif
