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

static void help(FILE *f) {
  fprintf(f,
          "usage: mge laminate SUBCOMMAND [FILE.yaml] [options]\n\n"
          "subcommands:\n"
          "  props      ABD matrices, inverse, effective constants, areal "
          "mass\n"
          "  stress     midplane strains, curvatures, ply strains/stresses "
          "(bottom,\n"
          "             middle, top of each ply; laminate and material axes)\n"
          "  fail       reserve factor per ply and criterion, first- and "
          "last-ply\n"
          "             failure\n"
          "  envelope   failure envelope as CSV (stdout or --csv) and SVG "
          "(--svg)\n"
          "  materials  list the built-in lamina library\n\n"
          "options:\n"
          "  --json               machine-readable output (SI units)\n"
          "  --materials F.csv    extra laminae (columns as "
          "data/composites/laminae.csv,\n"
          "                       or a .yaml list as in laminate files)\n"
          "  --material NAME      instead of a file: a library lamina\n"
          "  --layup TEXT         instead of a file: e.g. \"[0/±45/90]s\"\n"
          "  --ply-thickness Q    e.g. 0.125mm\n"
          "  --N a,b,c            Nx,Ny,Nxy in N/m;  --M a,b,c  in N;  --dT "
          "Q (K)\n"
          "  --criteria a,b       max-stress,max-strain,tsai-hill,tsai-wu,"
          "hashin,puck\n"
          "  --plane P            sx-sy | sx-txy | sy-txy (envelope)\n"
          "  --directions N       envelope directions (default 360)\n"
          "  --last-ply           envelope of last-ply failure\n"
          "  --csv FILE, --svg FILE   envelope outputs\n\n"
          "Plies are listed bottom up: ply 1 at z = -h/2. See "
          "docs/composites.md.\n");
}

static int load_spec(const lam_opts *o, mge_laminate_spec *spec,
                     mge_lamina *user, size_t n_user) {
  mge_error err;
  mge_error_clear(&err);
  if (!o->file && (!o->lo.material || !o->lo.layup))
    return cli_usage_error(
        "give FILE.yaml, or --material NAME and --layup TEXT "
        "(mge laminate --help)");
  int rc = o->file ? mge_laminate_spec_read(o->file, user, n_user, spec, &err)
                   : mge_laminate_spec_from_options(&o->lo, user, n_user, spec,
                                                    &err);
  if (!rc) rc = mge_laminate_spec_override(spec, &o->lo, &err);
  return rc ? cli_report(&err, NULL) : CLI_OK;
}

int cmd_laminate(int argc, char **argv) {
  lam_opts o;
  memset(&o, 0, sizeof o);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char **slot = NULL;
    if (cli_is_help(a)) {
      help(stdout);
      return CLI_OK;
    } else if (strcmp(a, "--json") == 0) {
      o.json = 1;
    } else if (strcmp(a, "--last-ply") == 0) {
      o.last_ply = 1;
    } else if (strcmp(a, "--materials") == 0) {
      slot = &o.materials;
    } else if (strcmp(a, "--material") == 0) {
      slot = &o.lo.material;
    } else if (strcmp(a, "--layup") == 0) {
      slot = &o.lo.layup;
    } else if (strcmp(a, "--ply-thickness") == 0) {
      slot = &o.lo.ply_thickness;
    } else if (strcmp(a, "--N") == 0) {
      slot = &o.lo.N;
    } else if (strcmp(a, "--M") == 0) {
      slot = &o.lo.M;
    } else if (strcmp(a, "--dT") == 0) {
      slot = &o.lo.dT;
    } else if (strcmp(a, "--criteria") == 0) {
      slot = &o.lo.criteria;
    } else if (strcmp(a, "--plane") == 0) {
      slot = &o.lo.plane;
    } else if (strcmp(a, "--directions") == 0) {
      slot = &o.lo.directions;
    } else if (strcmp(a, "--csv") == 0) {
      slot = &o.csv;
    } else if (strcmp(a, "--svg") == 0) {
      slot = &o.svg;
    } else if (a[0] == '-' && a[1] == '-') {
      return cli_usage_error("unknown option '%s' (mge laminate --help)", a);
    } else if (!o.sub) {
      o.sub = a;
    } else if (!o.file) {
      o.file = a;
    } else {
      return cli_usage_error("unexpected argument '%s'", a);
    }
    if (slot) {
      if (i + 1 >= argc) return cli_usage_error("%s needs a value", a);
      *slot = argv[++i];
    }
  }
  if (!o.sub) {
    help(stderr);
    return CLI_USAGE;
  }
  mge_lamina *user = NULL;
  size_t nu = 0;
  if (o.materials) {
    mge_error err;
    mge_error_clear(&err);
    if (mge_lamina_read(o.materials, &user, &nu, &err))
      return cli_report(&err, NULL);
  }
  int rc;
  if (strcmp(o.sub, "materials") == 0) {
    rc = lam_materials(&o, user, nu);
    free(user);
    return rc;
  }
  int (*fn)(const lam_opts *, const mge_laminate_spec *) = NULL;
  if (strcmp(o.sub, "props") == 0) fn = lam_props;
  if (strcmp(o.sub, "stress") == 0) fn = lam_stress;
  if (strcmp(o.sub, "fail") == 0) fn = lam_fail;
  if (strcmp(o.sub, "envelope") == 0) fn = lam_envelope;
  if (!fn) {
    free(user);
    return cli_usage_error(
        "unknown subcommand '%s' (props, stress, fail, "
        "envelope, materials)",
        o.sub);
  }
  mge_laminate_spec *spec = malloc(sizeof *spec);
  if (!spec) {
    free(user);
    return CLI_FAIL;
  }
  rc = load_spec(&o, spec, user, nu);
  if (rc == CLI_OK) rc = fn(&o, spec);
  free(spec);
  free(user);
  return rc;
}
