/* Laminate specs from options (mge laminate --material --layup ...), built
 * directly (no YAML text in between), and the settings that options change
 * in any spec (loads, ply thickness, criteria, plane, directions). Shared with
 * the YAML reader: the defaults of a spec and its final check. */
#include <stdlib.h>
#include <string.h>

#include "composite/internal.h"

void cmp_spec_init(mge_laminate_spec *s) {
  memset(s, 0, sizeof *s);
  mge_fail_opts_default(&s->opts);
  s->n_dir = 360;
  s->plane = MGE_PLANE_SX_SY;
}

int cmp_spec_finish(mge_laminate_spec *s, const char *source, mge_error *err) {
  if (s->n_crit == 0) {
    s->n_crit = MGE_CRIT_N;
    for (int i = 0; i < MGE_CRIT_N; i++) s->crit[i] = (mge_criterion)i;
  }
  mge_error e;
  if (mge_laminate_check(&s->lam, 0, &e))
    return mge_error_set_at(err, MGE_E_INPUT, source, 0, 0, "%s", e.message);
  return MGE_OK;
}

/* The quantity text of option opt. */
static int quantity(const char *opt, const char *text, cmp_kind kind, double *v,
                    mge_error *err) {
  mge_error e;
  if (cmp_quantity(text, kind, v, NULL, &e))
    return mge_error_set_at(err, MGE_E_INPUT, opt, 0, 0, "%s", e.message);
  return MGE_OK;
}

/* Split text at commas into a malloc'd copy; tok[] points at the non-empty
 * items (at most cap; *n counts them all). NULL when out of memory. */
static char *split(const char *text, char **tok, int cap, int *n) {
  size_t len = strlen(text);
  char *s = malloc(len + 1);
  *n = 0;
  if (!s) return NULL;
  memcpy(s, text, len + 1);
  for (char *p = s;;) {
    char *e = strchr(p, ',');
    if (e) *e = 0;
    if (*p) {
      if (*n < cap) tok[*n] = p;
      ++*n;
    }
    if (!e) break;
    p = e + 1;
  }
  return s;
}

static int vec3(const char *opt, const char *text, cmp_kind kind, double v[3],
                mge_error *err) {
  char *tok[3];
  int n;
  char *s = split(text, tok, 3, &n);
  if (!s) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  int rc = MGE_OK;
  if (n != 3)
    rc = mge_error_set_at(err, MGE_E_INPUT, opt, 0, 0,
                          "expected three values x,y,xy (%d given)", n);
  for (int i = 0; i < 3 && !rc; i++)
    rc = quantity(opt, tok[i], kind, &v[i], err);
  free(s);
  return rc;
}

int mge_laminate_spec_from_options(const mge_laminate_options *o,
                                   const mge_lamina *user, size_t n_user,
                                   mge_laminate_spec *out, mge_error *err) {
  if (!o || !out) return mge_error_set(err, MGE_E_INPUT, "missing argument");
  if (!o->material || !o->layup)
    return mge_error_set(err, MGE_E_INPUT, "give a material and a layup");
  cmp_spec_init(out);
  const mge_lamina *mat = mge_lamina_find(o->material, user, n_user);
  if (!mat)
    return mge_error_set_at(
        err, MGE_E_INPUT, "--material", 0, 0,
        "unknown material '%s' (see `mge laminate materials`)", o->material);
  double t = mat->t_ply_m;
  int rc;
  if (o->ply_thickness) {
    if ((rc = quantity("--ply-thickness", o->ply_thickness, CMP_LENGTH, &t,
                       err)))
      return rc;
    if (!(t > 0) || t > 1.0)
      return mge_error_set_at(err, MGE_E_INPUT, "--ply-thickness", 0, 0,
                              "must be in (0, 1] m");
  }
  mge_load *L = &out->load;
  if ((o->N && (rc = vec3("--N", o->N, CMP_FORCE_LEN, L->N, err))) ||
      (o->M && (rc = vec3("--M", o->M, CMP_FORCE, L->M, err))) ||
      (o->dT && (rc = quantity("--dT", o->dT, CMP_TEMP_DIFF, &L->dT_K, err))))
    return rc;
  out->has_load = o->N || o->M || o->dT;
  if (!(t > 0))
    return mge_error_set_at(err, MGE_E_INPUT, "--layup", 0, 0,
                            "no ply thickness: give --ply-thickness (material "
                            "'%s' has no nominal t_ply)",
                            mat->name);
  mge_error e;
  if ((rc = mge_laminate_from_layup(&out->lam, mat, o->layup, t, &e)))
    return mge_error_set_at(err, rc, "--layup", 0, 0, "%s", e.message);
  size_t len = strlen(o->layup);
  if (len >= sizeof out->layup)
    return mge_error_set_at(err, MGE_E_LIMIT, "--layup", 0, 0,
                            "layup text longer than %zu characters",
                            sizeof out->layup - 1);
  memcpy(out->layup, o->layup, len + 1);
  return cmp_spec_finish(out, "<options>", err);
}

int mge_laminate_spec_override(mge_laminate_spec *s,
                               const mge_laminate_options *o, mge_error *err) {
  int rc;
  /* loads: each option given replaces that part of the spec's load case */
  mge_load *L = &s->load;
  if ((o->N && (rc = vec3("--N", o->N, CMP_FORCE_LEN, L->N, err))) ||
      (o->M && (rc = vec3("--M", o->M, CMP_FORCE, L->M, err))) ||
      (o->dT && (rc = quantity("--dT", o->dT, CMP_TEMP_DIFF, &L->dT_K, err))))
    return rc;
  if (o->N || o->M || o->dT) s->has_load = 1;
  /* the ply thickness: every ply takes it */
  if (o->ply_thickness) {
    double t;
    if ((rc = quantity("--ply-thickness", o->ply_thickness, CMP_LENGTH, &t,
                       err)))
      return rc;
    if (!(t > 0) || t > 1.0)
      return mge_error_set_at(err, MGE_E_INPUT, "--ply-thickness", 0, 0,
                              "must be in (0, 1] m");
    for (int i = 0; i < s->lam.n_plies; i++) s->lam.ply[i].t_m = t;
  }
  if (o->criteria) {
    char *tok[64];
    int n;
    char *t = split(o->criteria, tok, 64, &n);
    if (!t) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    rc = n > 64
             ? mge_error_set(err, MGE_E_INPUT, "--criteria: more than 64 names")
             : MGE_OK;
    s->n_crit = 0;
    for (int i = 0; i < n && !rc; i++) {
      int c = mge_criterion_parse(tok[i]);
      if (c < 0) {
        rc = mge_error_set(err, MGE_E_INPUT, "unknown criterion '%s'", tok[i]);
        break;
      }
      int dup = 0;
      for (int j = 0; j < s->n_crit; j++) dup |= (int)s->crit[j] == c;
      if (!dup) s->crit[s->n_crit++] = (mge_criterion)c;
    }
    free(t);
    if (rc) return rc;
    if (s->n_crit == 0)
      return mge_error_set(err, MGE_E_INPUT, "--criteria is empty");
  }
  if (o->plane) {
    int p = mge_stress_plane_parse(o->plane);
    if (p < 0)
      return mge_error_set(err, MGE_E_INPUT,
                           "unknown plane '%s' (sx-sy, sx-txy, sy-txy)",
                           o->plane);
    s->plane = (mge_stress_plane)p;
  }
  if (o->directions) {
    if (o->directions < 4 || o->directions > 100000)
      return mge_error_set(err, MGE_E_INPUT,
                           "--directions must be an integer in 4..100000");
    s->n_dir = o->directions;
  }
  return MGE_OK;
}
