/* The options of a command as one table (as Redis keeps its configuration
 * in one table): each row names the option, its type and bounds, where the
 * value goes and its help line. cli_opt_parse reads a command line against
 * the table, the same way for every command:
 *
 *   - an option anywhere on the line takes effect (before, between or after
 *     the positional arguments); the last of a repeated option wins;
 *   - a value follows as the next argument or after '=' (--threads=4);
 *   - "--" ends the options; "-" alone and "-5" are positional;
 *   - -h or --help anywhere prints the help (to stdout);
 *   - an unknown option, a missing value or a value of the wrong type or
 *     out of bounds is refused, with exit 2 and a message naming the
 *     option ("featurize: --threads wants an integer in 1..256, not 'x'",
 *     "design: unknown option '--thread'; did you mean '--threads'?").
 *
 * The help is generated from the table: a head (usage, description), one
 * line per listed option, aligned at the command's column, and a tail.
 *
 *   int json = 0, threads = 1;
 *   const char *db = "mge.db";
 *   cli_opt opts[] = {
 *       CLI_FLAG("--json", &json, "JSON output"),
 *       CLI_INT("--threads", &threads, 1, 256, "N", "worker threads"),
 *       CLI_STR("--db", &db, "PATH", "the database"),
 *       CLI_HELP_ROW,
 *   };
 *   cli_opts spec = CLI_OPTS("models", head, opts, 12, tail);
 *   int npos, rc = cli_opt_parse(&spec, argc, argv, &npos);
 *   if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
 *   ... positional arguments are now argv[1..npos] ...
 */
#ifndef MGE_CLI_OPT_H
#define MGE_CLI_OPT_H

#include <stddef.h>
#include <stdio.h>

typedef enum cli_opt_kind {
  CLI_OPT_FLAG,   /* no value: *(int *)dst = 1 */
  CLI_OPT_INT,    /* an integer in [lo, hi]: *(int *)dst */
  CLI_OPT_LLONG,  /* an integer in [lo, hi]: *(long long *)dst */
  CLI_OPT_DOUBLE, /* a number in [lo, hi] (hi open with CLI_OPT_HI_OPEN) */
  CLI_OPT_STR,    /* any text: *(const char **)dst points into argv */
  CLI_OPT_QTY,    /* a quantity ("700K", "450degC", "700" = 700 unit),
                     converted to the SI value of unit, in [lo, hi] (SI):
                     *(double *)dst */
  CLI_OPT_HELP    /* -h, --help: a row of the help only */
} cli_opt_kind;

#define CLI_OPT_HI_OPEN 1u /* DOUBLE, QTY: the value must be below hi */
#define CLI_OPT_SET 2u     /* set by cli_opt_parse when the option is given */

typedef struct cli_opt {
  const char *name;  /* "--threads" */
  const char *alias; /* "-o", or NULL */
  cli_opt_kind kind;
  void *dst;
  double lo, hi;     /* bounds of INT, LLONG, DOUBLE, QTY */
  const char *unit;  /* QTY: the unit of the value ("K", "Pa") */
  const char *arg;   /* the value's name in the help ("N", "PATH") */
  const char *help;  /* the help, lines split by '\n'; NULL: not listed */
  const char *label; /* the help's left column, if not "ALIAS, NAME ARG" */
  unsigned flags;    /* CLI_OPT_HI_OPEN; CLI_OPT_SET after parsing */
} cli_opt;

#define CLI_FLAG(nm, p, h) \
  { .name = (nm), .kind = CLI_OPT_FLAG, .dst = (p), .help = (h) }
#define CLI_INT(nm, p, l, u, a, h)                                       \
  {                                                                      \
    .name = (nm), .kind = CLI_OPT_INT, .dst = (p), .lo = (l), .hi = (u), \
    .arg = (a), .help = (h)                                              \
  }
#define CLI_STR(nm, p, a, h) \
  { .name = (nm), .kind = CLI_OPT_STR, .dst = (p), .arg = (a), .help = (h) }
#define CLI_HELP_ROW \
  { .name = "--help", .alias = "-h", .kind = CLI_OPT_HELP, .help = "this help" }

/* A command's table and the text around its generated option list. */
typedef struct cli_opts {
  const char *cmd;  /* for messages: "featurize" */
  const char *head; /* the help before the options (usage, description) */
  cli_opt *opt;
  size_t n;
  int width;        /* the width of the left column of the option list */
  const char *tail; /* the help after the options; NULL: none */
} cli_opts;

#define CLI_OPTS(cmd, head, tab, width, tail) \
  { (cmd), (head), (tab), sizeof(tab) / sizeof((tab)[0]), (width), (tail) }

/* cli_opt_parse's answer when it printed the help: the command exits 0. */
#define CLI_OPT_DONE (-1)

/* Read argv[1..argc) against the table: options go to their dst (and get
 * CLI_OPT_SET), the positional arguments are moved, in order, to
 * argv[1..*npos]. Returns 0; CLI_OPT_DONE after printing the help; or
 * CLI_USAGE after printing why on stderr. */
int cli_opt_parse(cli_opts *s, int argc, char **argv, int *npos);

/* The help generated from the table: head, option lines, tail. */
void cli_opt_usage(FILE *f, const cli_opts *s);

/* 1 if the option of that name was given on the line. */
int cli_opt_given(const cli_opts *s, const char *name);

/* For a table that serves several subcommands: 0 when every option given
 * is in allowed (names between spaces: " --a --b "), else CLI_USAGE after
 * "WHAT: --x means nothing here (see mge CMD --help)" on stderr, so that a
 * subcommand refuses what it does not use instead of ignoring it. */
int cli_opt_only(const cli_opts *s, const char *allowed, const char *what,
                 const char *cmd);

#endif
