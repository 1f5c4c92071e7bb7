/* What the files of mge glass share (cli/cmd_glass*.c): the help text, the
 * subcommands the dispatcher calls, the warnings and the recipe argument. */
#ifndef MGE_CLI_GLASS_COMMON_H
#define MGE_CLI_GLASS_COMMON_H

#include <stdio.h>

#include "cli.h"
#include "mge/glass.h"
#include "opt.h"

/* The help of mge glass and of each of its subcommands (cli/cmd_glass.c). */
extern const char glass_help[];

/* The subcommands: argv[0] is the subcommand's name. */
int glass_props(int argc, char **argv);      /* cli/cmd_glass_props.c */
int glass_visc(int argc, char **argv);       /* cli/cmd_glass_visc.c */
int glass_visc_train(int argc, char **argv); /* cli/cmd_glass_visc_train.c */
int glass_ionex(int argc, char **argv);      /* cli/cmd_glass_ionex.c */

/* Run the subcommand of cmd ("glass", "glass visc") named on the line
 * argv[1..argc), one of subs (fns[k] runs subs[k]): the help when -h or
 * --help is anywhere (before "--"); else the first argument that is neither
 * an option nor the value of one names it, so options may come before it
 * ("mge glass --json props R"). It moves to argv[1] and fns[k](argc - 1,
 * argv + 1) runs. A missing or unknown name is refused (exit 2), with the
 * nearest name when there is one. */
int glass_dispatch(const char *cmd, const char *const *subs,
                   int (*const *fns)(int, char **), size_t n, int argc,
                   char **argv);

/* Read argv against the table s (cli_opt_parse), wanting one positional
 * argument, named what ("RECIPE"), into *arg: 0, CLI_OPT_DONE after the
 * help, or CLI_USAGE after the message ("glass props: missing RECIPE",
 * "glass props: one RECIPE (quote it)" with hint " (quote it)"). */
int glass_opt_parse1(cli_opts *s, int argc, char **argv, const char *what,
                     const char *hint, const char **arg);

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
