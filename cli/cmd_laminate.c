/* mge laminate props|stress|fail|envelope|materials: classical laminate
 * theory from a YAML file (or a few options). This file reads the options
 * and the laminate and calls the subcommand (cli/cmd_laminate_SUB.c). No
 * science here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "laminate_common.h"
#include "mge/composite.h"
#include "opt.h"

static const char head[] =
    "usage: mge laminate SUBCOMMAND [FILE.yaml] [options]\n\n"
    "subcommands:\n"
    "  props      ABD matrices, inverse, effective constants, areal mass\n"
    "  stress     midplane strains, curvatures, ply strains/stresses "
    "(bottom,\n"
    "             middle, top of each ply; laminate and material axes)\n"
    "  fail       reserve factor per ply and criterion, first- and last-ply\n"
    "             failure\n"
    "  envelope   failure envelope as CSV (stdout or --csv) and SVG (--svg)\n"
    "  materials  list the built-in lamina library\n\n"
    "options:\n";
static const char tail[] =
    "\nWith FILE, --ply-thickness, --N, --M, --dT, --criteria, --plane and\n"
    "--directions override the file's values; --material and --layup are\n"
    "refused. Plies are listed bottom up: ply 1 at z = -h/2. See "
    "docs/composites.md.\n";

static int load_spec(const lam_opts *o, mge_laminate_spec *spec,
                     mge_lamina *user, size_t n_user) {
  mge_error err;
  mge_error_clear(&err);
  if (!o->file && (!o->lo.material || !o->lo.layup))
    return cli_usage_error(
        "give FILE.yaml, or --material NAME and --layup TEXT "
        "(mge laminate --help)");
  /* a file lists its plies and their materials: options that would build
   * another laminate are refused, not dropped */
  if (o->file && o->lo.layup)
    return cli_usage_error(
        "laminate: --layup cannot be combined with a file that lists plies "
        "(%s)",
        o->file);
  if (o->file && o->lo.material)
    return cli_usage_error(
        "laminate: --material cannot be combined with a file that names the "
        "plies' materials (%s)",
        o->file);
  int rc = o->file ? mge_laminate_spec_read(o->file, user, n_user, spec, &err)
                   : mge_laminate_spec_from_options(&o->lo, user, n_user, spec,
                                                    &err);
  if (!rc) rc = mge_laminate_spec_override(spec, &o->lo, &err);
  return rc ? cli_report(&err, NULL) : CLI_OK;
}

int cmd_laminate(int argc, char **argv) {
  lam_opts o;
  memset(&o, 0, sizeof o);
  mge_laminate_options *lo = &o.lo;
  cli_opt opt[] = {
      CLI_FLAG("--json", &o.json, "machine-readable output (SI units)"),
      CLI_STR("--materials", &o.materials, "F.csv",
              "extra laminae (columns as data/composites/laminae.csv,\n"
              "or a .yaml list as in laminate files)"),
      CLI_STR("--material", &lo->material, "NAME",
              "instead of a file: a library lamina"),
      CLI_STR("--layup", &lo->layup, "TEXT",
              "instead of a file: e.g. \"[0/±45/90]s\""),
      /* a length with the composite units (in, um, ...): the library
       * reads it (mge_laminate_spec_from_options) */
      CLI_STR("--ply-thickness", &lo->ply_thickness, "Q", "e.g. 0.125mm"),
      CLI_STR("--N", &lo->N, "a,b,c",
              "Nx,Ny,Nxy in N/m;  --M a,b,c  in N;  --dT Q (K)"),
      CLI_STR("--M", &lo->M, "a,b,c", NULL),
      CLI_STR("--dT", &lo->dT, "Q", NULL),
      CLI_STR("--criteria", &lo->criteria, "a,b",
              "max-stress,max-strain,tsai-hill,tsai-wu,hashin,puck"),
      CLI_STR("--plane", &lo->plane, "P", "sx-sy | sx-txy | sy-txy (envelope)"),
      CLI_INT("--directions", &lo->directions, 4, 100000, "N",
              "envelope directions (default 360)"),
      CLI_FLAG("--last-ply", &o.last_ply, "envelope of last-ply failure"),
      {.name = "--csv",
       .kind = CLI_OPT_STR,
       .dst = &o.csv,
       .arg = "FILE",
       .help = "envelope outputs",
       .label = "--csv FILE, --svg FILE  "},
      CLI_STR("--svg", &o.svg, "FILE", NULL),
  };
  cli_opts spec = CLI_OPTS("laminate", head, opt, 20, tail);
  int npos, rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (npos > 2) return cli_usage_error("unexpected argument '%s'", argv[3]);
  o.sub = npos > 0 ? argv[1] : NULL;
  o.file = npos > 1 ? argv[2] : NULL;
  if (!o.sub) {
    cli_opt_usage(stderr, &spec);
    return CLI_USAGE;
  }
  static const char *const subs[] = {"props", "stress", "fail", "envelope",
                                     "materials"};
  /* materials (NULL here) lists laminae and reads no laminate */
  static int (*const fns[])(const lam_opts *, const mge_laminate_spec *) = {
      lam_props, lam_stress, lam_fail, lam_envelope, NULL};
  size_t k = 0;
  while (k < 5 && strcmp(o.sub, subs[k]) != 0) k++;
  if (k == 5) {
    const char *near = cli_nearest(o.sub, subs, 5);
    if (near)
      return cli_usage_error(
          "laminate: unknown subcommand '%s'; did you mean '%s'?", o.sub, near);
    return cli_usage_error(
        "unknown subcommand '%s' (props, stress, fail, "
        "envelope, materials)",
        o.sub);
  }
  /* an option that means nothing for the subcommand is refused, not
   * ignored (one table serves every subcommand) */
  static const char *const allowed[] = {
      /* props */
      " --json --materials --material --layup --ply-thickness "
      "--dT ",
      /* stress */
      " --json --materials --material --layup --ply-thickness "
      "--N --M --dT ",
      /* fail */
      " --json --materials --material --layup --ply-thickness "
      "--N --M --dT --criteria ",
      /* envelope */
      " --json --materials --material --layup "
      "--ply-thickness --dT --criteria --plane --directions "
      "--last-ply --csv --svg ",
      /* materials */ " --json --materials "};
  char what[32];
  snprintf(what, sizeof what, "laminate %s", subs[k]);
  if ((rc = cli_opt_only(&spec, allowed[k], what, "laminate"))) return rc;
  mge_lamina *user = NULL;
  size_t nu = 0;
  if (o.materials) {
    mge_error err;
    mge_error_clear(&err);
    if (mge_lamina_read(o.materials, &user, &nu, &err))
      return cli_report(&err, NULL);
  }
  if (!fns[k]) {
    rc = lam_materials(&o, user, nu);
    free(user);
    return rc;
  }
  mge_laminate_spec *sp = malloc(sizeof *sp);
  if (!sp) {
    free(user);
    return CLI_FAIL;
  }
  rc = load_spec(&o, sp, user, nu);
  if (rc == CLI_OK) rc = fns[k](&o, sp);
  free(sp);
  free(user);
  return rc;
}
