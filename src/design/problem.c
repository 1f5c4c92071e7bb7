/* Problem files: YAML (libfyaml document API) to a checked mge_problem.
 * Every mistake is reported with file:line:column before any work starts. */
#include <ctype.h>
#include <errno.h>
#include <libfyaml.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design/internal.h"
#include "mge/composite.h"
#include "mge/design.h"
#include "mge/glass.h"
#include "mge/units.h"
#include "mge/yaml.h"

typedef struct loader {
  mge_yaml_ctx y; /* source, text and err for the YAML readers */
  const char *source;
  mge_error *err;
  const mge_registry *reg;
  mge_registry *mreg; /* the same, when models may be added (thermo:) */
  mge_problem *p;
  int force;
  mge_unit prop_unit[MGE_DESIGN_MAX_PROPS];
} loader;

/* ------------------------------------------------------------ sections */

/* A compound of a glass space, named at node n by `name`: a formula that
 * mge_recipe_parse reads as one compound (so the recipe text round-trips)
 * and that a glass composition model has a term for. *unit receives its
 * formula unit. */
static int glass_compound(loader *L, struct fy_node *n, const char *name,
                          mge_comp *unit) {
  if (strlen(name) >= MGE_DESIGN_NAME)
    return mge_yaml_error(&L->y, n, 0,
                          "compound '%.40s': formula longer than %d characters",
                          name, MGE_DESIGN_NAME - 1);
  mge_recipe r;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_recipe_parse(name, &r, &sub))
    return mge_yaml_error(&L->y, n, sub.column > 0 ? sub.column - 1 : 0,
                          "unknown compound '%s': %s", name, sub.message);
  if (r.n != 1 || strcmp(r.formula[0], name))
    return mge_yaml_error(
        &L->y, n, 0,
        "'%s' is not one compound formula (write e.g. Al2O3: [12, 22])", name);
  r.x[0] = 1.0;
  mge_glass_props gp;
  if (mge_glass_props_eval(&r, &gp, NULL) ||
      ((gp.warn[MGE_GP_DENSITY] & MGE_GLASS_W_UNKNOWN_OXIDE) &&
       (gp.warn[MGE_GP_YOUNG] & MGE_GLASS_W_UNKNOWN_OXIDE)))
    return mge_yaml_error(
        &L->y, n, 0,
        "unknown compound '%s': no glass model has a term for it (see "
        "docs/glass.md for the oxides covered)",
        name);
  *unit = r.unit[0];
  return 0;
}

/* The [min, max] percent range of the balance at node n. */
static int balance_range(loader *L, struct fy_node *n, const char *name) {
  mge_problem *p = L->p;
  if (!fy_node_is_sequence(n) || fy_node_sequence_item_count(n) != 2)
    return mge_yaml_error(&L->y, n, 0,
                          "balance %s: expected [min, max] in percent", name);
  void *it = NULL;
  struct fy_node *lo_n = fy_node_sequence_iterate(n, &it);
  struct fy_node *hi_n = fy_node_sequence_iterate(n, &it);
  int rc;
  if ((rc = mge_yaml_number(&L->y, lo_n, name, &p->balance_lo))) return rc;
  if ((rc = mge_yaml_number(&L->y, hi_n, name, &p->balance_hi))) return rc;
  if (p->balance_lo < 0.0)
    return mge_yaml_error(&L->y, lo_n, 0, "balance %s: min %g %% is negative",
                          name, p->balance_lo);
  if (p->balance_hi > 100.0)
    return mge_yaml_error(&L->y, hi_n, 0,
                          "balance %s: max %g %% exceeds 100 %%", name,
                          p->balance_hi);
  if (p->balance_lo > p->balance_hi)
    return mge_yaml_error(&L->y, hi_n, 0, "balance %s: min %g > max %g", name,
                          p->balance_lo, p->balance_hi);
  return 0;
}

static int load_composition(loader *L, struct fy_node *comp,
                            struct fy_node *ckey) {
  mge_problem *p = L->p;
  int rc = mge_yaml_need_map(&L->y, comp, ckey, "composition");
  if (rc) return rc;
  mge_yaml_map_it m = {0};
  int more, have_basis = 0, glass = p->family == MGE_FAMILY_GLASS;
  struct fy_node *bal_node = NULL;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, comp, &m, &more))) return rc;
    if (!more) break;
    char buf[MGE_YAML_SCALAR_MAX];
    if (!strcmp(m.name, "basis")) {
      if ((rc = mge_yaml_scalar(&L->y, m.val, "basis", buf, sizeof buf)))
        return rc;
      if (!strcmp(buf, "wt%") || !strcmp(buf, "mass%"))
        p->basis = MGE_BASIS_MASS;
      else if (glass && !strcmp(buf, "mol%"))
        p->basis = MGE_BASIS_MOLE;
      else if (!glass && (!strcmp(buf, "at%") || !strcmp(buf, "mol%")))
        p->basis = MGE_BASIS_MOLE;
      else if (glass)
        return mge_yaml_error(
            &L->y, m.val, 0,
            "basis: expected mol%% or wt%% for a glass, not '%s'", buf);
      else
        return mge_yaml_error(&L->y, m.val, 0,
                              "basis: expected wt%% or at%%, not '%s'", buf);
      have_basis = 1;
      continue;
    }
    if (!strcmp(m.name, "balance")) {
      /* balance: NAME, or balance: {NAME: [min, max]} */
      struct fy_node *bn = m.val;
      if (fy_node_is_mapping(m.val)) {
        mge_yaml_map_it bm = {0};
        int bmore;
        if (fy_node_mapping_item_count(m.val) != 1)
          return mge_yaml_error(
              &L->y, m.val, 0,
              "balance: expected a name or {name: [min, max]}");
        if ((rc = mge_yaml_map_next(&L->y, m.val, &bm, &bmore))) return rc;
        bn = bm.key;
        snprintf(buf, sizeof buf, "%s", bm.name);
        if ((rc = balance_range(L, bm.val, bm.name))) return rc;
      } else if ((rc = mge_yaml_scalar(&L->y, m.val, "balance", buf,
                                       sizeof buf))) {
        return rc;
      }
      bal_node = bn;
      if (glass) {
        if ((rc = glass_compound(L, bn, buf, &p->balance_unit))) return rc;
        snprintf(p->balance_symbol, sizeof p->balance_symbol, "%s", buf);
        continue;
      }
      const mge_element *e = mge_element_by_symbol(buf);
      if (!e)
        return mge_yaml_error(&L->y, bn, 0, "balance: unknown element '%s'",
                              buf);
      p->balance_Z = e->Z;
      snprintf(p->balance_symbol, sizeof p->balance_symbol, "%s", e->symbol);
      continue;
    }
    mge_design_var *v =
        &p->vars[p->n_vars < MGE_DESIGN_MAX_VARS ? p->n_vars
                                                 : MGE_DESIGN_MAX_VARS - 1];
    if (glass) {
      if (p->n_vars >= MGE_RECIPE_MAX - 1)
        return mge_yaml_error(&L->y, m.key, 0, "at most %d free compounds",
                              MGE_RECIPE_MAX - 1);
      mge_comp unit;
      if ((rc = glass_compound(L, m.key, m.name, &unit))) return rc;
      for (int j = 0; j < p->n_vars; j++)
        if (!strcmp(p->vars[j].symbol, m.name))
          return mge_yaml_error(&L->y, m.key, 0, "compound %s given twice",
                                m.name);
      memset(v, 0, sizeof *v);
      v->unit = unit;
      snprintf(v->symbol, sizeof v->symbol, "%s", m.name);
    } else {
      const mge_element *e = mge_element_by_symbol(m.name);
      if (!e)
        return mge_yaml_error(
            &L->y, m.key, 0,
            "unknown key '%s' in composition (expected basis, balance "
            "or an element symbol such as Al)",
            m.name);
      if (p->n_vars >= MGE_DESIGN_MAX_VARS)
        return mge_yaml_error(&L->y, m.key, 0, "at most %d free elements",
                              MGE_DESIGN_MAX_VARS);
      for (int j = 0; j < p->n_vars; j++)
        if (p->vars[j].Z == e->Z)
          return mge_yaml_error(&L->y, m.key, 0, "element %s given twice",
                                e->symbol);
      memset(v, 0, sizeof *v);
      v->Z = e->Z;
      snprintf(v->symbol, sizeof v->symbol, "%s", e->symbol);
    }
    struct fy_node *lo_n = m.val, *hi_n = m.val, *step_n = NULL;
    if (fy_node_is_scalar(m.val)) {
      if ((rc = mge_yaml_number(&L->y, m.val, m.name, &v->lo))) return rc;
      v->hi = v->lo;
    } else if (fy_node_is_sequence(m.val)) {
      int cnt = fy_node_sequence_item_count(m.val);
      if (cnt < 2 || cnt > 3)
        return mge_yaml_error(
            &L->y, m.val, 0,
            "%s: expected [min, max] or [min, max, step] in percent", m.name);
      void *it = NULL;
      lo_n = fy_node_sequence_iterate(m.val, &it);
      hi_n = fy_node_sequence_iterate(m.val, &it);
      if (cnt == 3) step_n = fy_node_sequence_iterate(m.val, &it);
      if ((rc = mge_yaml_number(&L->y, lo_n, m.name, &v->lo))) return rc;
      if ((rc = mge_yaml_number(&L->y, hi_n, m.name, &v->hi))) return rc;
      if (step_n && (rc = mge_yaml_number(&L->y, step_n, m.name, &v->step)))
        return rc;
    } else {
      return mge_yaml_error(&L->y, m.val, 0,
                            "%s: expected [min, max(, step)] or a number",
                            m.name);
    }
    if (v->lo < 0.0)
      return mge_yaml_error(&L->y, lo_n, 0,
                            "%s: bad range: min %g %% is negative", m.name,
                            v->lo);
    if (v->hi > 100.0)
      return mge_yaml_error(&L->y, hi_n, 0,
                            "%s: bad range: max %g %% exceeds 100 %%", m.name,
                            v->hi);
    if (v->lo > v->hi)
      return mge_yaml_error(&L->y, hi_n, 0, "%s: bad range: min %g > max %g",
                            m.name, v->lo, v->hi);
    if (step_n) {
      if (!(v->step > 0.0))
        return mge_yaml_error(&L->y, step_n, 0, "%s: step must be positive",
                              m.name);
      double q = (v->hi - v->lo) / v->step;
      double r = floor(q + 0.5);
      if (fabs(q - r) > 1e-9 * (1.0 + r))
        return mge_yaml_error(&L->y, step_n, 0,
                              "%s: step %g does not divide the range [%g, %g]",
                              m.name, v->step, v->lo, v->hi);
      if (r > 1e7)
        return mge_yaml_error(&L->y, step_n, 0,
                              "%s: step %g gives more than 1e7 points", m.name,
                              v->step);
    }
    p->n_vars++;
  }
  if (!have_basis)
    return mge_yaml_error(&L->y, ckey, 0,
                          glass ? "composition: basis missing (mol%% or wt%%)"
                                : "composition: basis missing (wt%% or at%%)");
  if (!bal_node)
    return mge_yaml_error(
        &L->y, ckey, 0,
        glass ? "composition: balance missing (the compound that takes "
                "the rest, e.g. balance: SiO2)"
              : "composition: balance missing (the element that takes "
                "the rest, e.g. balance: Mg)");
  if (p->n_vars == 0)
    return mge_yaml_error(&L->y, ckey, 0,
                          glass ? "composition: no free compounds given"
                                : "composition: no free elements given");
  double sum_lo = 0.0;
  for (int j = 0; j < p->n_vars; j++) {
    if (glass ? !strcmp(p->vars[j].symbol, p->balance_symbol)
              : p->vars[j].Z == p->balance_Z)
      return mge_yaml_error(&L->y, bal_node, 0,
                            "balance %s %s must not also have a range",
                            glass ? "compound" : "element", p->balance_symbol);
    sum_lo += p->vars[j].lo;
  }
  if (sum_lo > 100.0 + 1e-9)
    return mge_yaml_error(
        &L->y, ckey, 0,
        "composition bounds are unsatisfiable: the minimum amounts sum "
        "to %g %% > 100 %%, so the balance %s would be negative",
        sum_lo, p->balance_symbol);
  double sum_hi = 0.0;
  for (int j = 0; j < p->n_vars; j++) sum_hi += p->vars[j].hi;
  if (sum_lo + p->balance_lo > 100.0 + 1e-9)
    return mge_yaml_error(
        &L->y, bal_node, 0,
        "composition bounds are unsatisfiable: the minimum amounts sum "
        "to %g %%, which leaves less than the balance %s minimum of "
        "%g %%",
        sum_lo, p->balance_symbol, p->balance_lo);
  if (sum_hi + p->balance_hi < 100.0 - 1e-9)
    return mge_yaml_error(
        &L->y, bal_node, 0,
        "composition bounds are unsatisfiable: the maximum amounts sum "
        "to %g %%, so the balance %s would exceed its maximum of %g %%",
        sum_hi, p->balance_symbol, p->balance_hi);
  return 0;
}

static int load_layup(loader *L, struct fy_node *lay, struct fy_node *key) {
  mge_problem *p = L->p;
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
      p->layup_mat = *mat;
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
      if ((rc = mge_yaml_bool(&L->y, m.val, "symmetric", &p->layup.symmetric)))
        return rc;
    } else if (!strcmp(m.name, "balanced")) {
      if ((rc = mge_yaml_bool(&L->y, m.val, "balanced", &p->layup.balanced)))
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
  if (t_ply == 0.0) t_ply = p->layup_mat.t_ply_m;
  if (!(t_ply > 0.0))
    return mge_yaml_error(
        &L->y, key, 0,
        "layup: t_ply missing (material %s has no nominal ply "
        "thickness)",
        p->layup_mat.name);
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_lamina_check(&p->layup_mat, 0, &sub))
    return mge_yaml_error(&L->y, mat_n, 0, "material %s: %s", p->layup_mat.name,
                          sub.message);
  p->layup.mat = &p->layup_mat;
  p->layup.t_ply_m = t_ply;
  p->layup.n_angles = n_angles;
  memcpy(p->layup.angles_deg, angles, sizeof(double) * (size_t)n_angles);
  p->layup.max_adjacent = (int)adj;
  p->n_groups = (int)groups;
  double amin = angles[0], amax = angles[0];
  for (int k = 1; k < n_angles; k++) {
    if (angles[k] < amin) amin = angles[k];
    if (angles[k] > amax) amax = angles[k];
  }
  for (int g = 0; g < p->n_groups; g++) {
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
  p->n_vars = 2 * p->n_groups;
  return 0;
}

/* The load case of composite.fpf: resultants Nx, Ny, Nxy (N/m) and Mx, My,
 * Mxy (N), or a closed thin-walled pipe under internal pressure with its
 * mean radius (x axial: Nx = p r / 2, Ny = p r, hoop to axial 2:1). */
static int load_load(loader *L, struct fy_node *s, struct fy_node *key) {
  mge_problem *p = L->p;
  int rc = mge_yaml_need_map(&L->y, s, key, "load");
  if (rc) return rc;
  if (p->family != MGE_FAMILY_LAMINATE)
    return mge_yaml_error(&L->y, key, 0,
                          "load: only laminate problems take a load case");
  static const char *const names[6] = {"Nx", "Ny", "Nxy", "Mx", "My", "Mxy"};
  mge_load *ld = &p->fpf_params.load;
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
  p->fpf_params.n_crit = 0; /* all criteria: the minimum over them */
  mge_fail_opts_default(&p->fpf_params.opts);
  mge_composite_fpf_model(&p->fpf_model, &p->fpf_params);
  p->has_load = 1;
  return 0;
}

static int load_space(loader *L, struct fy_node *space, struct fy_node *key) {
  int rc = mge_yaml_need_map(&L->y, space, key, "space");
  if (rc) return rc;
  mge_yaml_map_it m = {0};
  int more, have = 0;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, space, &m, &more))) return rc;
    if (!more) break;
    int lam = L->p->family == MGE_FAMILY_LAMINATE;
    if (!lam && !strcmp(m.name, "composition")) {
      if ((rc = load_composition(L, m.val, m.key))) return rc;
      have = 1;
    } else if (lam && !strcmp(m.name, "layup")) {
      if ((rc = load_layup(L, m.val, m.key))) return rc;
      have = 1;
    } else {
      return mge_yaml_error(&L->y, m.key, 0,
                            "unknown key '%s' in space (expected %s)", m.name,
                            lam ? "layup" : "composition");
    }
  }
  if (!have)
    return mge_yaml_error(
        &L->y, key, 0, "space: %s missing",
        L->p->family == MGE_FAMILY_LAMINATE ? "layup" : "composition");
  return 0;
}

static int load_sampler(loader *L, struct fy_node *s, struct fy_node *key,
                        struct fy_node **n_node) {
  mge_problem *p = L->p;
  int rc = mge_yaml_need_map(&L->y, s, key, "sampler");
  if (rc) return rc;
  mge_yaml_map_it m = {0};
  int more;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, s, &m, &more))) return rc;
    if (!more) break;
    char buf[MGE_YAML_SCALAR_MAX];
    if (!strcmp(m.name, "kind")) {
      if ((rc = mge_yaml_scalar(&L->y, m.val, "kind", buf, sizeof buf)))
        return rc;
      if (!strcmp(buf, "grid"))
        p->sampler = MGE_SAMPLER_GRID;
      else if (!strcmp(buf, "random"))
        p->sampler = MGE_SAMPLER_RANDOM;
      else if (!strcmp(buf, "sobol"))
        p->sampler = MGE_SAMPLER_SOBOL;
      else if (!strcmp(buf, "lhs"))
        p->sampler = MGE_SAMPLER_LHS;
      else
        return mge_yaml_error(
            &L->y, m.val, 0,
            "sampler kind '%s' unknown (grid, random, sobol or lhs)", buf);
    } else if (!strcmp(m.name, "n")) {
      if ((rc =
               mge_yaml_integer(&L->y, m.val, "n", 1, MGE_DESIGN_MAX_N, &p->n)))
        return rc;
      *n_node = m.val;
    } else if (!strcmp(m.name, "seed")) {
      if ((rc = mge_yaml_scalar(&L->y, m.val, "seed", buf, sizeof buf)))
        return rc;
      char *end;
      errno = 0;
      unsigned long long v = strtoull(buf, &end, 10);
      if (!isdigit((unsigned char)buf[0]) || *end || errno == ERANGE)
        return mge_yaml_error(&L->y, m.val, 0,
                              "seed: expected a whole number >= 0");
      p->seed = v;
    } else {
      return mge_yaml_error(&L->y, m.key, 0,
                            "unknown key '%s' in sampler (kind, n, seed)",
                            m.name);
    }
  }
  if (!p->sampler)
    return mge_yaml_error(&L->y, key, 0,
                          "sampler: kind missing (grid, random, sobol, lhs)");
  if (p->sampler == MGE_SAMPLER_GRID && *n_node)
    return mge_yaml_error(
        &L->y, *n_node, 0,
        "sampler: a grid has no n (its size follows from the steps)");
  if (p->sampler != MGE_SAMPLER_GRID && !*n_node)
    return mge_yaml_error(&L->y, key, 0,
                          "sampler: n missing (number of samples)");
  return 0;
}

/* Add property `name` (len chars) if new; *idx receives its index. */
static int add_prop(loader *L, struct fy_node *n, int off, const char *name,
                    size_t len, int *idx) {
  mge_problem *p = L->p;
  for (int i = 0; i < p->n_props; i++)
    if (strlen(p->props[i].name) == len &&
        !memcmp(p->props[i].name, name, len)) {
      *idx = i;
      return 0;
    }
  const mge_model *m;
  int k;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_registry_property(L->reg, name, len, &m, &k, &sub))
    return mge_yaml_error(&L->y, n, off, "%s%s", sub.message,
                          dz_thermo_hint(name, len));
  if (m->family != p->family)
    return mge_yaml_error(
        &L->y, n, off, "property %.*s is for %s candidates, not %s", (int)len,
        name, mge_family_name(m->family), mge_family_name(p->family));
  if (m->family == MGE_FAMILY_LAMINATE && !strcmp(m->name, "composite.fpf")) {
    if (!p->has_load)
      return mge_yaml_error(
          &L->y, n, off,
          "%.*s needs the problem's load case (load: {Nx: ..., Ny: "
          "...} or load: {pressure: ..., radius: ...})",
          (int)len, name);
    m = &p->fpf_model; /* the same model, bound to the problem's load */
  }
  if (p->n_props >= MGE_DESIGN_MAX_PROPS)
    return mge_yaml_error(&L->y, n, off, "at most %d properties",
                          MGE_DESIGN_MAX_PROPS);
  mge_design_prop *d = &p->props[p->n_props];
  snprintf(d->name, sizeof d->name, "%.*s", (int)len, name);
  d->model = m;
  d->output = k;
  d->unit = m->out[k].unit;
  if (mge_unit_parse(d->unit, &L->prop_unit[p->n_props], &sub))
    return mge_yaml_error(&L->y, n, off, "model %s: bad unit '%s'", m->name,
                          d->unit);
  *idx = p->n_props++;
  return 0;
}

static int load_properties(loader *L, struct fy_node *s, struct fy_node *key) {
  int rc = mge_yaml_need_seq(&L->y, s, key, "properties");
  if (rc) return rc;
  void *it = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(s, &it))) {
    char buf[MGE_YAML_SCALAR_MAX];
    int idx;
    if ((rc = mge_yaml_scalar(&L->y, item, "property", buf, sizeof buf)))
      return rc;
    if ((rc = add_prop(L, item, 0, buf, strlen(buf), &idx))) return rc;
  }
  return 0;
}

/* A quantity for property idx, converted to the property's unit. A bare
 * number is taken to be in the property's unit already. */
static int quantity_for(loader *L, struct fy_node *n, int off, const char *text,
                        int idx, double *v) {
  double si;
  mge_unit u;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_quantity_parse(text, &si, &u, &sub))
    return mge_yaml_rethrow(&L->y, n, off, &sub);
  const mge_unit *pu = &L->prop_unit[idx];
  int bare = u.scale == 1.0 && u.offset == 0.0;
  for (int k = 0; k < MGE_DIM_N; k++) bare = bare && u.dim[k] == 0;
  if (bare) {
    int dimless = 1;
    for (int k = 0; k < MGE_DIM_N; k++) dimless = dimless && pu->dim[k] == 0;
    if (!dimless)
      return mge_yaml_error(&L->y, n, off, "'%s' needs a unit: %s is in %s",
                            text, L->p->props[idx].name, L->p->props[idx].unit);
    *v = si; /* a bare number is in the property's own unit ("%", "1") */
    return 0;
  }
  if (!mge_unit_same_dim(&u, pu)) {
    char a[64], b[64];
    mge_unit_format_si(&u, a, sizeof a);
    mge_unit_format_si(pu, b, sizeof b);
    return mge_yaml_error(
        &L->y, n, off, "unit mismatch: '%s' is in %s but %s is in %s (%s)",
        text, a, L->p->props[idx].name, L->p->props[idx].unit, b);
  }
  *v = (si - pu->offset) / pu->scale;
  return 0;
}

static int load_constraints(loader *L, struct fy_node *s, struct fy_node *key) {
  mge_problem *p = L->p;
  int rc = mge_yaml_need_seq(&L->y, s, key, "constraints");
  if (rc) return rc;
  void *it = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(s, &it))) {
    char buf[MGE_YAML_SCALAR_MAX];
    if ((rc = mge_yaml_scalar(&L->y, item, "constraint", buf, sizeof buf)))
      return rc;
    if (p->n_constraints >= MGE_DESIGN_MAX_CONSTRAINTS)
      return mge_yaml_error(&L->y, item, 0, "at most %d constraints",
                            MGE_DESIGN_MAX_CONSTRAINTS);
    int q = 0;
    const char *c = buf;
    while (*c == ' ') c++;
    const char *nb = c;
    while (*c && (isalnum((unsigned char)*c) || *c == '.' || *c == '_')) c++;
    size_t nlen = (size_t)(c - nb);
    if (nlen == 0)
      return mge_yaml_error(&L->y, item, q + (int)(nb - buf),
                            "constraint: expected 'PROPERTY < VALUE [UNIT]'");
    mge_design_constraint *k = &p->constraints[p->n_constraints];
    if ((rc = add_prop(L, item, q + (int)(nb - buf), nb, nlen, &k->prop)))
      return rc;
    while (*c == ' ') c++;
    const char *ob = c;
    if (!strncmp(c, "<=", 2))
      k->op = MGE_OP_LE, c += 2;
    else if (!strncmp(c, ">=", 2))
      k->op = MGE_OP_GE, c += 2;
    else if (!strncmp(c, "==", 2))
      k->op = MGE_OP_EQ, c += 2;
    else if (*c == '<')
      k->op = MGE_OP_LT, c++;
    else if (*c == '>')
      k->op = MGE_OP_GT, c++;
    else if (*c == '=')
      k->op = MGE_OP_EQ, c++;
    else
      return mge_yaml_error(
          &L->y, item, q + (int)(ob - buf),
          "constraint: expected <, <=, >, >= or == after %.*s", (int)nlen, nb);
    while (*c == ' ') c++;
    if ((rc = quantity_for(L, item, q + (int)(c - buf), c, k->prop, &k->value)))
      return rc;
    snprintf(k->text, sizeof k->text, "%.95s", buf);
    p->n_constraints++;
  }
  return 0;
}

static int load_objectives(loader *L, struct fy_node *s, struct fy_node *key) {
  mge_problem *p = L->p;
  int rc = mge_yaml_need_seq(&L->y, s, key, "objectives");
  if (rc) return rc;
  void *it = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(s, &it))) {
    if ((rc = mge_yaml_need_map(&L->y, item, key, "objective"))) return rc;
    if (p->n_obj >= MGE_DESIGN_MAX_OBJ)
      return mge_yaml_error(&L->y, item, 0, "at most %d objectives",
                            MGE_DESIGN_MAX_OBJ);
    mge_design_objective *o = &p->obj[p->n_obj];
    o->sense = 0;
    o->weight = 1.0;
    o->scale = 1.0;
    o->prop = -1;
    struct fy_node *scale_n = NULL;
    char scale_txt[MGE_YAML_SCALAR_MAX] = "";
    mge_yaml_map_it m = {0};
    int more;
    for (;;) {
      if ((rc = mge_yaml_map_next(&L->y, item, &m, &more))) return rc;
      if (!more) break;
      char buf[MGE_YAML_SCALAR_MAX];
      if (!strcmp(m.name, "minimize") || !strcmp(m.name, "maximize")) {
        if (o->sense)
          return mge_yaml_error(&L->y, m.key, 0,
                                "objective: give one of minimize/maximize");
        o->sense = m.name[1] == 'i' ? 1 : -1;
        if ((rc = mge_yaml_scalar(&L->y, m.val, m.name, buf, sizeof buf)))
          return rc;
        if ((rc = add_prop(L, m.val, 0, buf, strlen(buf), &o->prop))) return rc;
      } else if (!strcmp(m.name, "weight")) {
        if ((rc = mge_yaml_number(&L->y, m.val, "weight", &o->weight)))
          return rc;
        if (o->weight < 0.0)
          return mge_yaml_error(&L->y, m.val, 0, "weight must not be negative");
      } else if (!strcmp(m.name, "scale")) {
        if ((rc = mge_yaml_scalar(&L->y, m.val, "scale", scale_txt,
                                  sizeof scale_txt)))
          return rc;
        scale_n = m.val;
      } else {
        return mge_yaml_error(
            &L->y, m.key, 0,
            "unknown key '%s' in objective (minimize, maximize, weight, "
            "scale)",
            m.name);
      }
    }
    if (!o->sense)
      return mge_yaml_error(&L->y, item, 0,
                            "objective: minimize or maximize missing");
    if (scale_n) {
      if ((rc = quantity_for(L, scale_n, 0, scale_txt, o->prop, &o->scale)))
        return rc;
      if (!(o->scale > 0.0))
        return mge_yaml_error(&L->y, scale_n, 0, "scale must be positive");
    }
    for (int j = 0; j < p->n_obj; j++)
      if (p->obj[j].prop == o->prop)
        return mge_yaml_error(&L->y, item, 0, "objective on %s given twice",
                              p->props[o->prop].name);
    p->n_obj++;
  }
  if (p->n_obj == 0)
    return mge_yaml_error(&L->y, key, 0, "objectives: the list is empty");
  return 0;
}

static int load_keep(loader *L, struct fy_node *s, struct fy_node *key) {
  mge_problem *p = L->p;
  int rc = mge_yaml_need_map(&L->y, s, key, "keep");
  if (rc) return rc;
  mge_yaml_map_it m = {0};
  int more;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, s, &m, &more))) return rc;
    if (!more) break;
    uint64_t v = 0;
    if (!strcmp(m.name, "top")) {
      if ((rc = mge_yaml_integer(&L->y, m.val, "top", 0, MGE_DESIGN_MAX_TOP,
                                 &v)))
        return rc;
      p->keep_top = (int)v;
    } else if (!strcmp(m.name, "sample")) {
      if ((rc = mge_yaml_integer(&L->y, m.val, "sample", 0,
                                 MGE_DESIGN_MAX_SAMPLE, &v)))
        return rc;
      p->keep_sample = (int)v;
    } else if (!strcmp(m.name, "pareto")) {
      if ((rc = mge_yaml_bool(&L->y, m.val, "pareto", &p->keep_pareto)))
        return rc;
    } else {
      return mge_yaml_error(&L->y, m.key, 0,
                            "unknown key '%s' in keep (top, pareto, sample)",
                            m.name);
    }
  }
  return 0;
}

/* ------------------------------------------------------------ finish */

static int finish(loader *L, struct fy_node *root, struct fy_node *samp_key) {
  mge_problem *p = L->p;
  if (p->sampler == MGE_SAMPLER_GRID) {
    uint64_t total = 1;
    for (int j = 0; j < p->n_vars; j++) {
      mge_design_var *v = &p->vars[j];
      int c = 1;
      if (v->kind == MGE_VAR_CHOICE)
        c = v->n_choices;
      else if (v->kind == MGE_VAR_INT)
        c = (int)(v->hi - v->lo) + 1;
      else if (v->hi > v->lo) {
        if (!(v->step > 0.0))
          return mge_yaml_error(
              &L->y, samp_key, 0,
              "grid sampler: %s needs a step ([min, max, step])", v->symbol);
        c = (int)floor((v->hi - v->lo) / v->step + 0.5) + 1;
      }
      p->grid_counts[j] = c;
      if (total > MGE_DESIGN_MAX_N / (uint64_t)c)
        return mge_error_set_at(L->err, MGE_E_LIMIT, L->source, 0, 0,
                                "grid has more than %llu points",
                                (unsigned long long)MGE_DESIGN_MAX_N);
      total *= (uint64_t)c;
    }
    if (total > MGE_GRID_LIMIT && !L->force) {
      int line, col;
      mge_yaml_pos(samp_key, &line, &col);
      return mge_error_set_at(
          L->err, MGE_E_LIMIT, L->source, line, col,
          "grid has %llu points, more than the limit of %llu; coarsen the "
          "steps, use another sampler, or pass --force",
          (unsigned long long)total, (unsigned long long)MGE_GRID_LIMIT);
    }
    p->n = total;
  }
  if (p->sampler == MGE_SAMPLER_SOBOL) {
    for (int j = 0; j < p->n_vars; j++) {
      dz_sobol_directions(j, p->sobol_v[j]);
      /* random digital shift from the seed (seed 0: still shifted, so
       * that point 0 is not the corner) */
      p->sobol_shift[j] =
          (uint32_t)(dz_hash3(p->seed, 0x50b01ULL, (uint64_t)j) >> 32);
    }
  }
  if (p->n_obj == 0)
    return mge_yaml_error(&L->y, root, 0, "objectives missing");
  /* distinct models and value offsets */
  p->n_values = 0;
  for (int i = 0; i < p->n_props; i++) {
    int mi = -1;
    for (int j = 0; j < p->n_models; j++)
      if (p->models[j] == p->props[i].model) mi = j;
    if (mi < 0) {
      mi = p->n_models++;
      p->models[mi] = p->props[i].model;
      p->model_off[mi] = p->n_values;
      p->n_values += p->props[i].model->n_out;
    }
    p->prop_slot[i] = p->model_off[mi] + p->props[i].output;
  }
  return 0;
}

static uint64_t fnv1a(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

static int load_root(loader *L, struct fy_node *root) {
  mge_problem *p = L->p;
  int rc;
  if (!root || !fy_node_is_mapping(root))
    return mge_error_set_at(L->err, MGE_E_INPUT, L->source, 1, 1,
                            "a problem file is a YAML mapping (name:, family:, "
                            "space:, sampler:, ...)");
  mge_yaml_map_it m = {0};
  int more;
  struct fy_node *family_n = NULL, *space_n = NULL, *space_k = NULL,
                 *samp_n = NULL, *samp_k = NULL, *n_node = NULL;
  struct fy_node *thermo_n = NULL, *thermo_k = NULL;
  struct fy_node *props_n = NULL, *props_k = NULL, *cons_n = NULL,
                 *cons_k = NULL, *obj_n = NULL, *obj_k = NULL, *keep_n = NULL,
                 *keep_k = NULL, *load_n = NULL, *load_k = NULL;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, root, &m, &more))) return rc;
    if (!more) break;
    if (!strcmp(m.name, "name")) {
      char buf[MGE_YAML_SCALAR_MAX];
      if ((rc = mge_yaml_scalar(&L->y, m.val, "name", buf, sizeof buf)))
        return rc;
      snprintf(p->name, sizeof p->name, "%.127s", buf);
    } else if (!strcmp(m.name, "description")) {
      /* free text, not read (any scalar style) */
      if (!fy_node_is_scalar(m.val))
        return mge_yaml_error(&L->y, m.val, 0, "description: expected text");
    } else if (!strcmp(m.name, "family")) {
      family_n = m.val;
    } else if (!strcmp(m.name, "space")) {
      space_n = m.val, space_k = m.key;
    } else if (!strcmp(m.name, "sampler")) {
      samp_n = m.val, samp_k = m.key;
    } else if (!strcmp(m.name, "properties")) {
      props_n = m.val, props_k = m.key;
    } else if (!strcmp(m.name, "constraints")) {
      cons_n = m.val, cons_k = m.key;
    } else if (!strcmp(m.name, "objectives")) {
      obj_n = m.val, obj_k = m.key;
    } else if (!strcmp(m.name, "keep")) {
      keep_n = m.val, keep_k = m.key;
    } else if (!strcmp(m.name, "load")) {
      load_n = m.val, load_k = m.key;
    } else if (!strcmp(m.name, "thermo")) {
      thermo_n = m.val, thermo_k = m.key;
    } else {
      return mge_yaml_error(
          &L->y, m.key, 0,
          "unknown key '%s' (expected name, description, family, space, "
          "sampler, properties, constraints, objectives, keep, load, "
          "thermo)",
          m.name);
    }
  }
  /* in dependency order, not file order */
  if (!family_n)
    return mge_yaml_error(&L->y, root, 0,
                          "family missing (family: alloy or family: glass)");
  char fam[MGE_YAML_SCALAR_MAX];
  if ((rc = mge_yaml_scalar(&L->y, family_n, "family", fam, sizeof fam)))
    return rc;
  if (!strcmp(fam, "alloy"))
    p->family = MGE_FAMILY_ALLOY;
  else if (!strcmp(fam, "glass"))
    p->family = MGE_FAMILY_GLASS;
  else if (!strcmp(fam, "laminate"))
    p->family = MGE_FAMILY_LAMINATE;
  else
    return mge_yaml_error(
        &L->y, family_n, 0,
        "family '%s' is not supported by the design engine (alloy, "
        "glass, laminate)",
        fam);
  if (!space_n) return mge_yaml_error(&L->y, root, 0, "space missing");
  if ((rc = load_space(L, space_n, space_k))) return rc;
  if (load_n && (rc = load_load(L, load_n, load_k))) return rc;
  if (!samp_n) return mge_yaml_error(&L->y, root, 0, "sampler missing");
  if ((rc = load_sampler(L, samp_n, samp_k, &n_node))) return rc;
  if (thermo_n && (rc = dz_thermo_section(L->p, L->source, root, thermo_n,
                                          thermo_k, L->mreg, L->err)))
    return rc;
  if (props_n && (rc = load_properties(L, props_n, props_k))) return rc;
  if (cons_n && (rc = load_constraints(L, cons_n, cons_k))) return rc;
  if (!obj_n) return mge_yaml_error(&L->y, root, 0, "objectives missing");
  if ((rc = load_objectives(L, obj_n, obj_k))) return rc;
  if (keep_n && (rc = load_keep(L, keep_n, keep_k))) return rc;
  return finish(L, root, samp_k);
}

static int parse(const char *text, size_t len, const char *source,
                 const mge_registry *reg, mge_registry *mreg,
                 const mge_problem_opts *opts, mge_problem **out,
                 mge_error *err) {
  *out = NULL;
  if (!source) source = "<problem>";
  if (len > MGE_PROBLEM_MAX_BYTES)
    return mge_error_set_at(err, MGE_E_LIMIT, source, 0, 0,
                            "problem larger than %d bytes",
                            MGE_PROBLEM_MAX_BYTES);
  mge_problem *p = calloc(1, sizeof *p);
  if (!p) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  p->text = malloc(len + 1);
  if (!p->text) {
    free(p);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  memcpy(p->text, text, len);
  p->text[len] = '\0';
  p->text_len = len;
  snprintf(p->hash, sizeof p->hash, "%016llx",
           (unsigned long long)fnv1a(text, len));
  snprintf(p->source, sizeof p->source, "%s", source);
  p->keep_top = 20;
  p->keep_pareto = 1;
  p->balance_hi = 100.0;
  p->keep_sample = 1000;

  int vrc = mge_yaml_check_text(p->text, len, source, err);
  if (vrc) {
    mge_problem_free(p);
    return vrc;
  }
  loader L;
  memset(&L, 0, sizeof L);
  L.source = source, L.err = err, L.reg = reg, L.p = p;
  L.mreg = mreg;
  L.force = opts ? opts->force : 0;
  L.y.source = source, L.y.text = p->text, L.y.len = len, L.y.err = err;
  struct fy_document *doc = NULL;
  int rc = mge_yaml_doc_parse(p->text, len, source, &doc, err);
  if (!rc) rc = load_root(&L, fy_document_root(doc));
  mge_yaml_doc_free(doc);
  if (!rc && !p->name[0]) {
    const char *b = strrchr(source, '/');
    snprintf(p->name, sizeof p->name, "%s", b ? b + 1 : source);
  }
  if (rc) {
    mge_problem_free(p);
    return rc;
  }
  *out = p;
  return 0;
}

int mge_problem_parse(const char *text, size_t len, const char *source,
                      const mge_registry *reg, const mge_problem_opts *opts,
                      mge_problem **out, mge_error *err) {
  return parse(text, len, source, reg, NULL, opts, out, err);
}

int mge_problem_parse_ex(const char *text, size_t len, const char *source,
                         mge_registry *reg, const mge_problem_opts *opts,
                         mge_problem **out, mge_error *err) {
  return parse(text, len, source, reg, reg, opts, out, err);
}

static int load(const char *path, const mge_registry *reg, mge_registry *mreg,
                const mge_problem_opts *opts, mge_problem **out,
                mge_error *err) {
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  char *buf = malloc(MGE_PROBLEM_MAX_BYTES + 1);
  if (!buf) {
    fclose(f);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  size_t n = fread(buf, 1, MGE_PROBLEM_MAX_BYTES + 1, f);
  int bad = ferror(f);
  fclose(f);
  int rc;
  if (bad)
    rc = mge_error_set_at(err, MGE_E_IO, path, 0, 0, "read error");
  else if (n > MGE_PROBLEM_MAX_BYTES)
    rc = mge_error_set_at(err, MGE_E_LIMIT, path, 0, 0,
                          "problem file larger than %d bytes",
                          MGE_PROBLEM_MAX_BYTES);
  else
    rc = parse(buf, n, path, reg, mreg, opts, out, err);
  free(buf);
  return rc;
}

int mge_problem_load(const char *path, const mge_registry *reg,
                     const mge_problem_opts *opts, mge_problem **out,
                     mge_error *err) {
  return load(path, reg, NULL, opts, out, err);
}

int mge_problem_load_ex(const char *path, mge_registry *reg,
                        const mge_problem_opts *opts, mge_problem **out,
                        mge_error *err) {
  return load(path, reg, reg, opts, out, err);
}

void mge_problem_free(mge_problem *p) {
  if (!p) return;
  free(p->text);
  free(p);
}
