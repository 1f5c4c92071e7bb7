/* The laminate family of the design engine: a layup space (ply groups,
 * each an angle from a set and a ply count, decoded by the composite
 * module's mge_layup_decode), the optional load case to which composite.fpf
 * is bound, and the stacking-sequence label. */
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design/family.h"
#include "design/internal.h"
#include "mge/composite.h"

static int read_layup(dz_loader *L, struct fy_node *root, struct fy_node *lay,
                      struct fy_node *key) {
  (void)root;
  mge_problem *p = L->p;
  dz_laminate_data *D = p->fdata;
  int rc = mge_yaml_need_map(&L->y, lay, key, "layup");
  if (rc) return rc;
  mge_yaml_map_it m = {0};
  int more, n_angles = 0, have_plies = 0;
  uint64_t groups = 0, pmin = 0, pmax = 0, adj = 0;
  double angles[MGE_DESIGN_MAX_CHOICES], t_ply = 0.0;
  struct fy_node *mat_n = NULL;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, lay, &m, &more))) return rc;
    if (!more) break;
    char buf[MGE_YAML_SCALAR_MAX];
    if (!strcmp(m.name, "material")) {
      if ((rc = mge_yaml_scalar(&L->y, m.val, "material", buf, sizeof buf)))
        return rc;
      const mge_lamina *mat = mge_lamina_find(buf, NULL, 0);
      if (!mat)
        return mge_yaml_error(
            &L->y, m.val, 0,
            "material: unknown lamina '%s' (see mge laminate materials "
            "for the library)",
            buf);
      D->mat = *mat;
      mat_n = m.val;
    } else if (!strcmp(m.name, "t_ply")) {
      if ((rc = mge_yaml_quantity(&L->y, m.val, "t_ply", "m", &t_ply)))
        return rc;
      if (!(t_ply > 0.0) || t_ply > 0.1)
        return mge_yaml_error(&L->y, m.val, 0, "t_ply must be in (0, 100 mm]");
    } else if (!strcmp(m.name, "angles")) {
      if ((rc = mge_yaml_need_seq(&L->y, m.val, m.key, "angles"))) return rc;
      void *it = NULL;
      struct fy_node *item;
      while ((item = fy_node_sequence_iterate(m.val, &it))) {
        double a;
        if ((rc = mge_yaml_number(&L->y, item, "angle", &a))) return rc;
        if (n_angles >= MGE_DESIGN_MAX_CHOICES)
          return mge_yaml_error(&L->y, item, 0, "at most %d angles",
                                MGE_DESIGN_MAX_CHOICES);
        if (a < -90.0 || a > 90.0)
          return mge_yaml_error(&L->y, item, 0,
                                "angle %g is outside [-90, 90] degrees", a);
        for (int k = 0; k < n_angles; k++)
          if (angles[k] == a)
            return mge_yaml_error(&L->y, item, 0, "angle %g given twice", a);
        angles[n_angles++] = a;
      }
      if (n_angles == 0)
        return mge_yaml_error(&L->y, m.key, 0, "angles: the list is empty");
    } else if (!strcmp(m.name, "groups")) {
      if ((rc = mge_yaml_integer(&L->y, m.val, "groups", 1,
                                 MGE_DESIGN_MAX_VARS / 2, &groups)))
        return rc;
    } else if (!strcmp(m.name, "plies")) {
      if (!fy_node_is_sequence(m.val) ||
          fy_node_sequence_item_count(m.val) != 2)
        return mge_yaml_error(&L->y, m.val, 0,
                              "plies: expected [min, max] plies per group");
      void *it = NULL;
      struct fy_node *lo_n = fy_node_sequence_iterate(m.val, &it);
      struct fy_node *hi_n = fy_node_sequence_iterate(m.val, &it);
      if ((rc = mge_yaml_integer(&L->y, lo_n, "plies", 0, 64, &pmin)))
        return rc;
      if ((rc = mge_yaml_integer(&L->y, hi_n, "plies", 0, 64, &pmax)))
        return rc;
      if (pmin > pmax)
        return mge_yaml_error(&L->y, hi_n, 0, "plies: min %llu > max %llu",
                              (unsigned long long)pmin,
                              (unsigned long long)pmax);
      if (pmax == 0)
        return mge_yaml_error(&L->y, hi_n, 0, "plies: max must be at least 1");
      have_plies = 1;
    } else if (!strcmp(m.name, "symmetric")) {
      if ((rc = mge_yaml_bool(&L->y, m.val, "symmetric", &D->layup.symmetric)))
        return rc;
    } else if (!strcmp(m.name, "balanced")) {
      if ((rc = mge_yaml_bool(&L->y, m.val, "balanced", &D->layup.balanced)))
        return rc;
    } else if (!strcmp(m.name, "max_adjacent")) {
      if ((rc = mge_yaml_integer(&L->y, m.val, "max_adjacent", 0,
                                 MGE_LAMINATE_MAX_PLIES, &adj)))
        return rc;
    } else {
      return mge_yaml_error(
          &L->y, m.key, 0,
          "unknown key '%s' in layup (material, t_ply, angles, groups, "
          "plies, symmetric, balanced, max_adjacent)",
          m.name);
    }
  }
  if (!mat_n) return mge_yaml_error(&L->y, key, 0, "layup: material missing");
  if (!n_angles) return mge_yaml_error(&L->y, key, 0, "layup: angles missing");
  if (!groups) return mge_yaml_error(&L->y, key, 0, "layup: groups missing");
  if (!have_plies)
    return mge_yaml_error(&L->y, key, 0, "layup: plies missing ([min, max])");
  if (t_ply == 0.0) t_ply = D->mat.t_ply_m;
  if (!(t_ply > 0.0))
    return mge_yaml_error(
        &L->y, key, 0,
        "layup: t_ply missing (material %s has no nominal ply "
        "thickness)",
        D->mat.name);
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_lamina_check(&D->mat, 0, &sub))
    return mge_yaml_error(&L->y, mat_n, 0, "material %s: %s", D->mat.name,
                          sub.message);
  D->layup.mat = &D->mat;
  D->layup.t_ply_m = t_ply;
  D->layup.n_angles = n_angles;
  memcpy(D->layup.angles_deg, angles, sizeof(double) * (size_t)n_angles);
  D->layup.max_adjacent = (int)adj;
  D->n_groups = (int)groups;
  double amin = angles[0], amax = angles[0];
  for (int k = 1; k < n_angles; k++) {
    if (angles[k] < amin) amin = angles[k];
    if (angles[k] > amax) amax = angles[k];
  }
  for (int g = 0; g < D->n_groups; g++) {
    mge_design_var *a = &p->vars[2 * g], *c = &p->vars[2 * g + 1];
    memset(a, 0, sizeof *a);
    memset(c, 0, sizeof *c);
    a->kind = MGE_VAR_CHOICE;
    snprintf(a->symbol, sizeof a->symbol, "g%d.angle", g + 1);
    a->n_choices = n_angles;
    memcpy(a->choice, angles, sizeof(double) * (size_t)n_angles);
    a->lo = amin, a->hi = amax;
    c->kind = MGE_VAR_INT;
    snprintf(c->symbol, sizeof c->symbol, "g%d.plies", g + 1);
    c->lo = (double)pmin, c->hi = (double)pmax, c->step = 1.0;
  }
  p->n_vars = 2 * D->n_groups;
  return 0;
}

/* The load case of composite.fpf: resultants Nx, Ny, Nxy (N/m) and Mx, My,
 * Mxy (N), or a closed thin-walled pipe under internal pressure with its
 * mean radius (x axial: Nx = p r / 2, Ny = p r, hoop to axial 2:1). */
static int read_load(dz_loader *L, struct fy_node *root, struct fy_node *s,
                     struct fy_node *key) {
  (void)root;
  dz_laminate_data *D = L->p->fdata;
  int rc = mge_yaml_need_map(&L->y, s, key, "load");
  if (rc) return rc;
  static const char *const names[6] = {"Nx", "Ny", "Nxy", "Mx", "My", "Mxy"};
  mge_load *ld = &D->fpf_params.load;
  memset(ld, 0, sizeof *ld);
  double pr = 0.0, r = 0.0;
  int have_p = 0, have_r = 0, have_n = 0;
  mge_yaml_map_it m = {0};
  int more;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, s, &m, &more))) return rc;
    if (!more) break;
    int k = -1;
    for (int i = 0; i < 6; i++)
      if (!strcmp(m.name, names[i])) k = i;
    if (k >= 0) {
      double v;
      if ((rc = mge_yaml_quantity(&L->y, m.val, m.name, k < 3 ? "N/m" : "N",
                                  &v)))
        return rc;
      if (k < 3)
        ld->N[k] = v;
      else
        ld->M[k - 3] = v;
      have_n = 1;
    } else if (!strcmp(m.name, "pressure")) {
      if ((rc = mge_yaml_quantity(&L->y, m.val, "pressure", "Pa", &pr)))
        return rc;
      have_p = 1;
    } else if (!strcmp(m.name, "radius")) {
      if ((rc = mge_yaml_quantity(&L->y, m.val, "radius", "m", &r))) return rc;
      if (!(r > 0.0))
        return mge_yaml_error(&L->y, m.val, 0, "radius must be positive");
      have_r = 1;
    } else {
      return mge_yaml_error(
          &L->y, m.key, 0,
          "unknown key '%s' in load (Nx, Ny, Nxy, Mx, My, Mxy, or "
          "pressure and radius)",
          m.name);
    }
  }
  if (have_p != have_r)
    return mge_yaml_error(&L->y, key, 0,
                          "load: pressure and radius go together");
  if (have_p && have_n)
    return mge_yaml_error(
        &L->y, key, 0,
        "load: give either resultants (Nx, ...) or pressure and radius");
  if (have_p) {
    ld->N[0] = pr * r / 2.0;
    ld->N[1] = pr * r;
  }
  int any = 0;
  for (int i = 0; i < 3; i++) any |= ld->N[i] != 0.0 || ld->M[i] != 0.0;
  if (!any) return mge_yaml_error(&L->y, key, 0, "load: the load case is zero");
  D->fpf_params.n_crit = 0; /* all criteria: the minimum over them */
  mge_fail_opts_default(&D->fpf_params.opts);
  mge_composite_fpf_model(&D->fpf_model, &D->fpf_params);
  D->has_load = 1;
  return 0;
}

int mge_problem_decode_laminate(const mge_problem *p, const double *x,
                                mge_laminate *out, mge_error *err) {
  if (p->fam != &dz_family_laminate)
    return mge_error_set(err, MGE_E_INPUT, "not a laminate problem");
  const dz_laminate_data *D = p->fdata;
  int idx[MGE_DESIGN_MAX_VARS / 2], cnt[MGE_DESIGN_MAX_VARS / 2];
  for (int g = 0; g < D->n_groups; g++) {
    const mge_design_var *a = &p->vars[2 * g];
    idx[g] = -1;
    for (int k = 0; k < a->n_choices; k++)
      if (a->choice[k] == x[2 * g]) idx[g] = k;
    double c = x[2 * g + 1];
    if (idx[g] < 0 || !(c >= 0.0) || c > (double)MGE_LAMINATE_MAX_PLIES ||
        c != floor(c))
      return mge_error_set(err, MGE_E_INPUT,
                           "group %d: angle %g or ply count %g not in the "
                           "space",
                           g + 1, x[2 * g], c);
    cnt[g] = (int)c;
  }
  return mge_layup_decode(&D->layup, D->n_groups, idx, cnt, out, err);
}

/* The decoded stack, run-length encoded: "[55_2/-55_2/90]s". */
static int laminate_label(const mge_problem *p, const double *x, char *buf,
                          size_t cap) {
  const dz_laminate_data *D = p->fdata;
  mge_laminate *lam = malloc(sizeof *lam);
  if (!lam || mge_problem_decode_laminate(p, x, lam, NULL)) {
    free(lam);
    return snprintf(buf, cap, "(invalid)");
  }
  int n = D->layup.symmetric ? lam->n_plies / 2 : lam->n_plies;
  char tmp[2048];
  size_t used = (size_t)snprintf(tmp, sizeof tmp, "[");
  const mge_ply *q = lam->ply;
  for (int i = 0; i < n && used < sizeof tmp;) {
    double a = q[i].theta_deg;
    const char *sep = i ? "/" : "";
    if (i + 1 < n && a != 0.0 && q[i + 1].theta_deg == -a) {
      /* r repeats of the pair a/-a: "(55/-55)3" */
      int r = 1;
      while (i + 2 * r + 1 < n && q[i + 2 * r].theta_deg == a &&
             q[i + 2 * r + 1].theta_deg == -a)
        r++;
      if (r > 1)
        used += (size_t)snprintf(tmp + used, sizeof tmp - used, "%s(%g/%g)%d",
                                 sep, a, -a, r);
      else
        used += (size_t)snprintf(tmp + used, sizeof tmp - used, "%s%g/%g", sep,
                                 a, -a);
      i += 2 * r;
      continue;
    }
    int r = 1;
    while (i + r < n && q[i + r].theta_deg == a) r++;
    used += (size_t)snprintf(tmp + used, sizeof tmp - used, "%s%g", sep, a);
    if (r > 1 && used < sizeof tmp)
      used += (size_t)snprintf(tmp + used, sizeof tmp - used, "_%d", r);
    i += r;
  }
  if (used < sizeof tmp)
    snprintf(tmp + used, sizeof tmp - used, "]%s",
             D->layup.symmetric ? "s" : "");
  free(lam);
  return snprintf(buf, cap, "%s", tmp);
}

static int decode(const mge_problem *p, const double *x, void *cand,
                  mge_error *err) {
  return mge_problem_decode_laminate(p, x, cand, err);
}

/* composite.fpf (recognised by its evaluator, not its name) needs the
 * problem's load case: the property uses the same model bound to it. */
static int bind(dz_loader *L, struct fy_node *n, int off, const char *name,
                size_t len, const mge_model **m) {
  dz_laminate_data *D = L->p->fdata;
  mge_model fpf;
  mge_composite_model_params none;
  memset(&none, 0, sizeof none);
  mge_composite_fpf_model(&fpf, &none);
  if ((*m)->eval != fpf.eval) return 0;
  if (!D->has_load)
    return mge_yaml_error(&L->y, n, off,
                          "%.*s needs the problem's load case (load: {Nx: "
                          "..., Ny: ...} or load: {pressure: ..., radius: "
                          "...})",
                          (int)len, name);
  *m = &D->fpf_model; /* the same model, bound to the problem's load */
  return 0;
}

static const mge_model *const *models(size_t *n) {
  return mge_composite_models(n);
}

static const dz_section sections[] = {
    {"load", 0, "only laminate problems take a load case", read_load},
};

const dz_family dz_family_laminate = {
    .id = MGE_FAMILY_LAMINATE,
    .name = "laminate",
    .space_key = "layup",
    .read_space = read_layup,
    .simplex = NULL,
    .sections = sections,
    .n_sections = 1,
    .data_size = sizeof(dz_laminate_data),
    .cand_size = sizeof(mge_laminate),
    .by_pointer = 1,
    .has_balance = 0,
    .basis_name = {"1", "1"},
    .decode = decode,
    .to_comp = NULL,
    .label = laminate_label,
    .bind = bind,
    .models = models,
};
