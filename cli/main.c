/* mge: the materials genome engine command. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "mge/core.h"

typedef struct command {
  const char *name;
  cli_cmd_fn fn;
  const char *summary;
} command;

/* One row per subcommand. */
static int cmd_version(int argc, char **argv) {
  if (argc > 1 && cli_is_help(argv[1])) {
    printf(
        "usage: mge version   (also mge --version)\n\n"
        "Prints the version of mge.\n");
    return CLI_OK;
  }
  if (argc > 1)
    return cli_usage_error("version: takes no arguments (got '%s')", argv[1]);
  printf("mge %s\n", mge_version());
  return CLI_OK;
}

static const command commands[] = {
    {"help", NULL, "this list; mge help COMMAND [SUB]: a command's help"},
    {"version", cmd_version, "print the version"},
    {"elements", cmd_elements, "print element data"},
    {"comp", cmd_comp, "parse and convert a composition"},
    {"alloy", cmd_alloy, "alloy descriptors and phase-formation rules"},
    {"featurize", cmd_featurize, "add feature columns to a CSV file"},
    {"design", cmd_design, "screen a design space and rank candidates"},
    {"models", cmd_models, "list the property models"},
    {"db", cmd_db, "list, show and export stored runs"},
    {"learn", cmd_learn,
     "datasets, surrogate models, Matbench, next experiments"},
    {"thermo", cmd_thermo, "CALPHAD databases and equilibria"},
    {"glass", cmd_glass, "oxide glass properties, viscosity, ion exchange"},
    {"laminate", cmd_laminate, "laminate props, stress, failure, envelopes"},
    {"micro", cmd_micro, "micromechanics of a unidirectional lamina"},
    {"allowables", cmd_allowables, "CMH-17 B- and A-basis design values"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f) {
  fprintf(f,
          "usage: mge COMMAND [options]   (mge COMMAND --help for more)\n\n"
          "commands:\n");
  for (size_t i = 0; i < NCOMMANDS; i++)
    fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(f, "\nExit status: 0 success, 2 bad input, 1 internal failure.\n");
}

static const command *find(const char *name) {
  for (size_t i = 0; i < NCOMMANDS; i++)
    if (strcmp(name, commands[i].name) == 0) return &commands[i];
  return NULL;
}

/* "unknown command 'X'", with the nearest name when one is close (and the
 * list of commands when none is). */
static int unknown(const char *name) {
  const char *names[NCOMMANDS];
  for (size_t i = 0; i < NCOMMANDS; i++) names[i] = commands[i].name;
  const char *near = cli_nearest(name, names, NCOMMANDS);
  if (near) {
    fprintf(stderr, "mge: error: unknown command '%s'; did you mean '%s'?\n",
            name, near);
  } else {
    fprintf(stderr, "mge: error: unknown command '%s'\n", name);
    usage(stderr);
  }
  return CLI_USAGE;
}

/* mge help [COMMAND [SUB]]: the list, or what mge COMMAND [SUB] --help
 * prints. */
static int help(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return CLI_OK;
  }
  if (argc > 4)
    return cli_usage_error(
        "help: a command and at most two subcommands (mge help glass visc "
        "fit)");
  const command *c = find(argv[1]);
  if (!c) return unknown(argv[1]);
  char opt[] = "--help";
  char *args[5] = {NULL};
  int n = 0;
  for (int i = 1; i < argc; i++) args[n++] = argv[i];
  args[n++] = opt; /* mge COMMAND [SUB [SUB]] --help */
  return c->fn(n, args);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  if (cli_is_help(argv[1])) {
    usage(stdout);
    return CLI_OK;
  }
  if (strcmp(argv[1], "--version") == 0) return cmd_version(1, argv);
  const command *c = find(argv[1]);
  if (!c) return unknown(argv[1]);
  return c->fn ? c->fn(argc - 1, argv + 1) : help(argc - 1, argv + 1);
}
