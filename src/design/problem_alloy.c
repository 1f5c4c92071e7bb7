/* The alloy family of the design engine: a composition space of elements
 * (wt% or at%) with a balance element, decoded to mge_comp, labelled in
 * alloy notation ("Mg-3.5Al-0.75Zn wt%"); its thermo: section adds the
 * CALPHAD models (problem_thermo.c). */
#include <stdio.h>
#include <string.h>

#include "design/family.h"
#include "design/internal.h"
#include "mge/alloy.h"

static int basis(dz_loader *L, struct fy_node *n, const char *text) {
  if (!strcmp(text, "wt%") || !strcmp(text, "mass%"))
    L->p->basis = MGE_BASIS_MASS;
  else if (!strcmp(text, "at%") || !strcmp(text, "mol%"))
    L->p->basis = MGE_BASIS_MOLE;
  else
    return mge_yaml_error(&L->y, n, 0, "basis: expected wt%% or at%%, not '%s'",
                          text);
  return 0;
}

static int balance(dz_loader *L, struct fy_node *n, const char *name) {
  mge_problem *p = L->p;
  const mge_element *e = mge_element_by_symbol(name);
  if (!e)
    return mge_yaml_error(&L->y, n, 0, "balance: unknown element '%s'", name);
  p->balance_Z = e->Z;
  snprintf(p->balance_symbol, sizeof p->balance_symbol, "%s", e->symbol);
  return 0;
}

static int component(dz_loader *L, struct fy_node *n, const char *name,
                     mge_design_var *v) {
  mge_problem *p = L->p;
  const mge_element *e = mge_element_by_symbol(name);
  if (!e)
    return mge_yaml_error(&L->y, n, 0,
                          "unknown key '%s' in composition (expected basis, "
                          "balance or an element symbol such as Al)",
                          name);
  if (p->n_vars >= MGE_DESIGN_MAX_VARS)
    return mge_yaml_error(&L->y, n, 0, "at most %d free elements",
                          MGE_DESIGN_MAX_VARS);
  for (int j = 0; j < p->n_vars; j++)
    if (p->vars[j].Z == e->Z)
      return mge_yaml_error(&L->y, n, 0, "element %s given twice", e->symbol);
  memset(v, 0, sizeof *v);
  v->Z = e->Z;
  snprintf(v->symbol, sizeof v->symbol, "%s", e->symbol);
  return 0;
}

static int to_comp(const mge_problem *p, const double *x, mge_comp *out,
                   mge_error *err) {
  int Z[MGE_DESIGN_MAX_VARS + 1];
  double a[MGE_DESIGN_MAX_VARS + 1];
  int n = 0;
  for (int j = 0; j < p->n_vars; j++) {
    Z[n] = p->vars[j].Z;
    a[n++] = x[j];
  }
  double b = dz_balance(p, x);
  if (b < 0.0)
    return mge_error_set(err, MGE_E_INPUT, "balance %s would be %g %%",
                         p->balance_symbol, b);
  Z[n] = p->balance_Z;
  a[n++] = b;
  return mge_comp_from_amounts(Z, a, n, p->basis, out, err);
}

static int decode(const mge_problem *p, const double *x, void *cand,
                  mge_error *err) {
  return to_comp(p, x, cand, err);
}

/* "Mg-3.5Al-0.75Zn wt%": the balance first, amounts to 3 significant
 * digits, zero amounts left out. */
static int label(const mge_problem *p, const double *x, char *buf, size_t cap) {
  char tmp[512];
  size_t used = (size_t)snprintf(tmp, sizeof tmp, "%s", p->balance_symbol);
  for (int j = 0; j < p->n_vars && used < sizeof tmp; j++) {
    if (!(x[j] > 0.0)) continue;
    used += (size_t)snprintf(tmp + used, sizeof tmp - used, "-%.3g%s", x[j],
                             p->vars[j].symbol);
  }
  if (used < sizeof tmp)
    snprintf(tmp + used, sizeof tmp - used, " %s",
             p->basis == MGE_BASIS_MASS ? "wt%" : "at%");
  return snprintf(buf, cap, "%s", tmp);
}

static int read_thermo(dz_loader *L, struct fy_node *root, struct fy_node *val,
                       struct fy_node *key) {
  return dz_thermo_section(L->p, L->source, root, val, key, L->mreg, L->err);
}

static const dz_simplex simplex = {"element", "wt% or at%", "Mg",
                                   basis,     balance,      component};

static const dz_section sections[] = {
    {"thermo", 1, "only for the alloy family", read_thermo},
};

const dz_family dz_family_alloy = {
    .id = MGE_FAMILY_ALLOY,
    .name = "alloy",
    .space_key = "composition",
    .read_space = dz_read_composition,
    .simplex = &simplex,
    .sections = sections,
    .n_sections = 1,
    .data_size = 0,
    .cand_size = sizeof(mge_comp),
    .by_pointer = 0,
    .has_balance = 1,
    .basis_name = {"at%", "wt%"},
    .decode = decode,
    .to_comp = to_comp,
    .label = label,
    .bind = NULL,
    .models = mge_alloy_models,
};
