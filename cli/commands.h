/* The subcommands of mge, one file each (cli/cmd_NAME.c). To add one:
 * declare it here and add a row to the table in cli/main.c. */
#ifndef MGE_CLI_COMMANDS_H
#define MGE_CLI_COMMANDS_H

int cmd_laminate(int argc, char **argv);   /* cli/cmd_laminate.c */
int cmd_micro(int argc, char **argv);      /* cli/cmd_micro.c */
int cmd_allowables(int argc, char **argv); /* cli/cmd_allowables.c */

#endif
