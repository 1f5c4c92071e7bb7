/* One writer for the results of the commands: a record is a list of named
 * fields, each a number (with its unit), an integer, a text, a yes/no or
 * unknown, possibly grouped into named sub-records. The same record is
 * rendered
 *
 *   - as JSON (cli_rec_json): an object of the fields in order, sub-records
 *     as nested objects, unknown (and non-finite numbers) as null; or with
 *     cli_rec_json_units each value as {"value": v, "unit": "u"};
 *   - as CSV (cli_rec_csv_head, cli_rec_csv_row): one column per field,
 *     sub-records flattened, headed "name [unit]"; numbers with 17
 *     significant digits (they read back exactly), unknown as empty;
 *   - as a table (cli_rec_table_head, cli_rec_table_row): the columns a
 *     cli_rec_col layout picks by name, each with its width and format;
 *   - as a list of labelled values (cli_rec_list), one field a line.
 *
 * A record may also hold arrays (cli_rec_arr_begin .. cli_rec_arr_end) of
 * numbers or of sub-records; JSON renders them as arrays, CSV, the table
 * row and the list leave them out, and the command renders them as it
 * chooses, say one table row an element (cli_rec_len, cli_rec_elem). A
 * field may carry its own printf format (cli_rec_fmt) for the table, the
 * list and CSV.
 *
 * So a command builds its result once, and --json, --csv and the table
 * cannot drift apart:
 *
 *   cli_record *r = cli_rec_new();
 *   cli_rec_int(r, "id", run->id);
 *   cli_rec_num(r, "density", "kg/m^3", rho);
 *   if (json) cli_rec_json(&j, r); else cli_rec_table_row(stdout, cols, n, r);
 *   cli_rec_free(r);
 *
 * A record that ran out of memory renders nothing (cli_rec_failed says so).
 * Strings are not copied: they must outlive the record's use. */
#ifndef MGE_CLI_RECORD_H
#define MGE_CLI_RECORD_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"

typedef struct cli_record cli_record;

cli_record *cli_rec_new(void);
void cli_rec_free(cli_record *r);
/* Empty the record, to fill it again (the memory is kept). */
void cli_rec_clear(cli_record *r);
/* 1 if an append ran out of memory since the last clear. */
int cli_rec_failed(const cli_record *r);

/* Append a field. unit may be NULL (none); a NaN number is unknown. */
void cli_rec_num(cli_record *r, const char *name, const char *unit, double v);
void cli_rec_int(cli_record *r, const char *name, long long v);
void cli_rec_str(cli_record *r, const char *name, const char *s);
void cli_rec_bool(cli_record *r, const char *name, int v);
void cli_rec_null(cli_record *r, const char *name);
/* The fields appended between begin and end form the sub-record name. */
void cli_rec_begin(cli_record *r, const char *name);
void cli_rec_end(cli_record *r);
/* The values appended between arr_begin and arr_end form the array name:
 * their names are not used, a cli_rec_begin (name NULL) .. cli_rec_end
 * in it is one object element. */
void cli_rec_arr_begin(cli_record *r, const char *name);
void cli_rec_arr_end(cli_record *r);
/* The printf format of the last field appended (a number: "%.6f",
 * "%10.3f"; an integer: "%5lld"), for the table, the list and CSV (not
 * JSON); a column's own format goes first. Not copied. */
void cli_rec_fmt(cli_record *r, const char *fmt);

/* The number of elements of the top-level array name (0: none), and its
 * element k copied into out (emptied first): an object element's fields,
 * or a number element as one field called name. 0 when there is none. */
size_t cli_rec_len(const cli_record *r, const char *array);
int cli_rec_elem(const cli_record *r, const char *array, size_t k,
                 cli_record *out);
/* The value of the field name (the first at any depth, outside arrays;
 * "a.b": else the field b of the sub-record a, as a table column too):
 * a number (an integer as a number; NaN when unknown or missing) or a
 * text (NULL when not a text). */
double cli_rec_get_num(const cli_record *r, const char *name);
const char *cli_rec_get_str(const cli_record *r, const char *name);

/* The record as a JSON object (a value: after a key, in an array, or at the
 * top level). */
void cli_rec_json(cli_json *j, const cli_record *r);
/* The same with each top-level field as {"value": v, "unit": "u"}. */
void cli_rec_json_units(cli_json *j, const cli_record *r);

/* CSV: the header line ("name [unit]" where a field has a unit) and a row. */
void cli_rec_csv_head(FILE *f, const cli_record *r);
void cli_rec_csv_row(FILE *f, const cli_record *r);

/* A table column: the field (by name, the first of that name at any depth;
 * else "a.b": b of the sub-record a), the heading, the width (negative:
 * left-aligned), the printf format of a
 * number or integer (NULL: %.6g, %lld), the spaces before the column (0:
 * one, none before the first), and the text of an unknown value (NULL:
 * "-"). A yes/no shows as yes or no. */
typedef struct cli_rec_col {
  const char *name;
  const char *head;
  int width;
  const char *fmt;
  int gap;
  const char *unknown;
} cli_rec_col;

/* A heading line of the columns (heads[k], or their heads when heads is
 * NULL: a second line, of units say, takes its own), and one row of r in
 * those columns. */
void cli_rec_table_head(FILE *f, const cli_rec_col *c, size_t n,
                        const char *const *heads);
void cli_rec_table_row(FILE *f, const cli_rec_col *c, size_t n,
                       const cli_record *r);

/* A list of records, as one JSON array (json) or as a table of the columns
 * under their heading line:
 *
 *   cli_rec_rows w;
 *   cli_rec_rows_begin(&w, stdout, json, cols, ncols);
 *   for (...) { fill r; cli_rec_rows_add(&w, r); }
 *   cli_rec_rows_end(&w);
 */
typedef struct cli_rec_rows {
  FILE *f;
  int json;
  cli_json j;
  const cli_rec_col *cols;
  size_t ncols;
} cli_rec_rows;

void cli_rec_rows_begin(cli_rec_rows *w, FILE *f, int json,
                        const cli_rec_col *cols, size_t ncols);
void cli_rec_rows_add(cli_rec_rows *w, const cli_record *r);
void cli_rec_rows_end(cli_rec_rows *w);

/* One line a top-level field: "  LABEL VALUE  UNIT" with labels[i] (the
 * field's name when NULL) padded to label_w and the value, formatted with
 * fmt, right-aligned in value_w; the unit is left out when it is NULL or
 * "1"; unknown values print as unknown, infinities as inf / -inf. */
void cli_rec_list(FILE *f, const cli_record *r, const char *const *labels,
                  int label_w, int value_w, const char *fmt,
                  const char *unknown);

#endif
