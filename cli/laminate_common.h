/* What the subcommands of mge laminate share (cli/cmd_laminate.c reads the
 * options and the laminate, then calls one of them): the options, the
 * JSON pieces of more than one subcommand, the names of the ply points;
 * and the JSON record printer of the composite commands. */
#ifndef MGE_CLI_LAMINATE_COMMON_H
#define MGE_CLI_LAMINATE_COMMON_H

#include <stddef.h>

#include "cli.h"
#include "mge/composite.h"
#include "record.h"

typedef struct lam_opts {
  const char *sub, *file, *materials, *csv, *svg;
  mge_laminate_options lo; /* --material, --layup, ..., --directions */
  int json, last_ply;
} lam_opts;

/* "bottom", "middle", "top": MGE_PLY_BOTTOM.. */
extern const char *const lam_where_names[3];

/* "key": [[...], [...], [...]] and "key": [x, y, xy]. */
void lam_json_mat3(cli_json *j, const char *key, double m[3][3]);
void lam_json_vec3(cli_json *j, const char *key, const double v[3]);

/* Print rec on stdout as one JSON object (indented) and free it; CLI_OK,
 * or CLI_FAIL when it ran out of memory. Also for mge micro and mge
 * allowables. */
int lam_print_record(cli_record *rec);

/* The subcommands (cli/cmd_laminate_SUB.c): the laminate s (read from the
 * file or the options) to stdout, or the files of o; an exit code. */
int lam_props(const lam_opts *o, const mge_laminate_spec *s);
int lam_stress(const lam_opts *o, const mge_laminate_spec *s);
int lam_fail(const lam_opts *o, const mge_laminate_spec *s);
int lam_envelope(const lam_opts *o, const mge_laminate_spec *s);
/* The laminae of user[0..n_user) (--materials) and of the library. */
int lam_materials(const lam_opts *o, const mge_lamina *user, size_t n_user);

#endif
