/* The subcommands of mge, one file each (cli/cmd_NAME.c). To add one:
 * declare it here and add a row to the table in cli/main.c. */
#ifndef MGE_CLI_COMMANDS_H
#define MGE_CLI_COMMANDS_H

int cmd_thermo(int argc, char **argv); /* cli/cmd_thermo.c */

/* mge elements [SYMBOL...] [--json] (cli/cmd_elements.c) */
int cmd_elements(int argc, char **argv);

/* mge comp TEXT [--to at|wt] [--json] (cli/cmd_comp.c) */
int cmd_comp(int argc, char **argv);
int cmd_design(int argc, char **argv); /* cli/cmd_design.c */
int cmd_models(int argc, char **argv); /* cli/cmd_models.c */
int cmd_db(int argc, char **argv);     /* cli/cmd_db.c */
int cmd_laminate(int argc, char **argv);   /* cli/cmd_laminate.c */
int cmd_micro(int argc, char **argv);      /* cli/cmd_micro.c */
int cmd_allowables(int argc, char **argv); /* cli/cmd_allowables.c */

/* mge alloy TEXT [--json] (cli/cmd_alloy.c) */
int cmd_alloy(int argc, char **argv);

/* mge featurize IN.csv --column NAME ... (cli/cmd_featurize.c) */
int cmd_featurize(int argc, char **argv);

/* mge glass props|visc|ionex ... (cli/cmd_glass.c) */
int cmd_glass(int argc, char **argv);
/* mge featurize IN.csv --column NAME ... (cli/cmd_featurize.c) */
int cmd_featurize(int argc, char **argv);
/* mge learn import|datasets|fit|models|predict|cv|matbench|suggest */
int cmd_learn(int argc, char **argv);

#endif
