/* Shared helpers of the mge command. No science lives in cli/: it parses
 * arguments, calls the library and formats the answer. */
#ifndef MGE_CLI_H
#define MGE_CLI_H

#include <stdio.h>

#include "mge/core.h"
#include "mge/file.h"

/* Exit codes of every command. */
#define CLI_OK 0
#define CLI_FAIL 1  /* internal failure */
#define CLI_USAGE 2 /* bad input or bad usage */

/* One subcommand: returns an exit code. argv[0] is the command's name. */
typedef int (*cli_cmd_fn)(int argc, char **argv);

/* Print "mge: error: <formatted err>" on stderr and return the exit code for
 * err->code (2 for MGE_E_INPUT / MGE_E_LIMIT, 1 otherwise). If input is
 * non-NULL and err has a column, the input and a caret under the column are
 * shown. */
int cli_report(const mge_error *err, const char *input);

/* Print "mge: error: <message>" on stderr; returns CLI_USAGE. */
int cli_usage_error(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* 1 if argv[i] is "-h" or "--help". */
int cli_is_help(const char *arg);

/* mge_nearest(s, names, n, MGE_NEAREST_SCALED) (mge/str.h): the name of
 * names[0..n) nearest to s by edit distance (insertions, deletions,
 * substitutions, swaps of neighbours; letters compared without case), or
 * NULL when none is close: at most 1 + strlen(name) / 5 edits and fewer
 * edits than s has characters. Ties go to the earlier name. For "did you
 * mean". */
const char *cli_nearest(const char *s, const char *const *names, size_t n);

/* Write len bytes of buf to path atomically (mge_file: a temporary beside
 * it, renamed over it), so a failed write never leaves a truncated file
 * (the old one stays). Returns CLI_OK, or reports "cannot write" and
 * returns CLI_USAGE (the temporary cannot be created) or CLI_FAIL. */
int cli_write_file(const char *path, const char *buf, size_t len);
/* The text a library renderer returned (render_rc its status, err its
 * error) written to path with cli_write_file, or the error reported;
 * frees text. For the SVG outputs. */
int cli_write_rendered(const char *path, int render_rc, char *text,
                       const mge_error *err);

/* Every output file of a command streams through these. cli_out_open
 * starts an atomic write of path and returns the stream to write (*out
 * gets the handle); NULL after reporting "cannot write" (the command then
 * exits CLI_USAGE). cli_out_close commits the file when rc is CLI_OK and
 * removes it otherwise; it returns rc, or CLI_FAIL after reporting a
 * failed commit (the old file stays). A NULL handle just returns rc. */
FILE *cli_out_open(const char *path, mge_file **out);
int cli_out_close(mge_file *out, int rc);

/* Write s to f as one CSV field (RFC 4180): quoted, with quotes doubled,
 * when it contains a comma, quote, CR or LF. */
void cli_csv_field(FILE *f, const char *s);

/* Minimal JSON writer to a FILE: nesting and commas are tracked for you.
 * Numbers that are not finite are written as null. */
#define CLI_JSON_DEPTH 32
typedef struct cli_json {
  FILE *f;
  int depth;
  int count[CLI_JSON_DEPTH]; /* items written at each depth */
  int pretty;
} cli_json;

void cli_json_init(cli_json *j, FILE *f, int pretty);
void cli_json_obj_begin(cli_json *j); /* { */
void cli_json_obj_end(cli_json *j);   /* } */
void cli_json_arr_begin(cli_json *j); /* [ */
void cli_json_arr_end(cli_json *j);   /* ] */
void cli_json_key(cli_json *j, const char *key);
void cli_json_str(cli_json *j, const char *s);
void cli_json_num(cli_json *j, double v);
void cli_json_int(cli_json *j, long long v);
void cli_json_bool(cli_json *j, int v);
void cli_json_null(cli_json *j);
/* Finish: writes a newline. */
void cli_json_end(cli_json *j);

/* Write s JSON-escaped, with quotes, to f. */
void cli_json_escape(FILE *f, const char *s);

#endif
