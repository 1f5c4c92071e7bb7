/* The glass family of the design engine: a composition space of compounds
 * (oxides, in mol% or wt%) with a balance compound, decoded to a recipe
 * (mge_recipe) and labelled as a recipe that mge_recipe_parse reads
 * ("65.2SiO2-15Al2O3-13Na2O mol%"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design/family.h"
#include "design/internal.h"
#include "mge/glass.h"

/* A compound of a glass space, named at node n by `name`: a formula that
 * mge_recipe_parse reads as one compound (so the recipe text round-trips)
 * and that a glass composition model has a term for. *unit receives its
 * formula unit. */
static int glass_compound(dz_loader *L, struct fy_node *n, const char *name,
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
static int basis(dz_loader *L, struct fy_node *n, const char *text) {
  if (!strcmp(text, "wt%") || !strcmp(text, "mass%"))
    L->p->basis = MGE_BASIS_MASS;
  else if (!strcmp(text, "mol%"))
    L->p->basis = MGE_BASIS_MOLE;
  else
    return mge_yaml_error(&L->y, n, 0,
                          "basis: expected mol%% or wt%% for a glass, not '%s'",
                          text);
  return 0;
}

static int balance(dz_loader *L, struct fy_node *n, const char *name) {
  mge_problem *p = L->p;
  int rc = glass_compound(L, n, name, &p->balance_unit);
  if (rc) return rc;
  snprintf(p->balance_symbol, sizeof p->balance_symbol, "%s", name);
  return 0;
}

static int component(dz_loader *L, struct fy_node *n, const char *name,
                     mge_design_var *v) {
  mge_problem *p = L->p;
  if (p->n_vars >= MGE_RECIPE_MAX - 1)
    return mge_yaml_error(&L->y, n, 0, "at most %d free compounds",
                          MGE_RECIPE_MAX - 1);
  mge_comp unit;
  int rc = glass_compound(L, n, name, &unit);
  if (rc) return rc;
  for (int j = 0; j < p->n_vars; j++)
    if (!strcmp(p->vars[j].symbol, name))
      return mge_yaml_error(&L->y, n, 0, "compound %s given twice", name);
  memset(v, 0, sizeof *v);
  v->unit = unit;
  snprintf(v->symbol, sizeof v->symbol, "%s", name);
  return 0;
}

int mge_problem_decode_recipe(const mge_problem *p, const double *x,
                              mge_recipe *out, mge_error *err) {
  if (p->fam != &dz_family_glass)
    return mge_error_set(err, MGE_E_INPUT, "not a glass problem");
  double b = dz_balance(p, x);
  if (b < 0.0)
    return mge_error_set(err, MGE_E_INPUT, "balance %s would be %g %%",
                         p->balance_symbol, b);
  int n = 0;
  double tot = 0.0;
  for (int j = 0; j <= p->n_vars; j++) {
    double a = j < p->n_vars ? x[j] : b;
    const mge_comp *u = j < p->n_vars ? &p->vars[j].unit : &p->balance_unit;
    const char *f = j < p->n_vars ? p->vars[j].symbol : p->balance_symbol;
    if (!(a > 0.0)) continue;
    /* wt%: moles of formula units per 100 g */
    double mol = p->basis == MGE_BASIS_MASS ? a / mge_comp_formula_mass(u) : a;
    snprintf(out->formula[n], sizeof out->formula[n], "%s", f);
    out->unit[n] = *u;
    out->x[n] = mol;
    tot += mol;
    n++;
  }
  if (n == 0 || !(tot > 0.0) || tot != tot)
    return mge_error_set(err, MGE_E_INPUT, "empty recipe");
  for (int k = 0; k < n; k++) out->x[k] /= tot;
  out->n = n;
  return 0;
}

static int decode(const mge_problem *p, const double *x, void *cand,
                  mge_error *err) {
  return mge_problem_decode_recipe(p, x, cand, err);
}

/* The recipe reduced to elements. */
static int to_comp(const mge_problem *p, const double *x, mge_comp *out,
                   mge_error *err) {
  mge_recipe r;
  int rc = mge_problem_decode_recipe(p, x, &r, err);
  return rc ? rc : mge_recipe_to_comp(&r, out, err);
}

/* An amount for a glass label: 3 significant digits, never in exponent
 * form (mge_recipe_parse reads plain decimals). */
static void amount_text(double a, char *buf, size_t cap) {
  snprintf(buf, cap, "%.3g", a);
  if (strchr(buf, 'e')) snprintf(buf, cap, "%.6f", a);
}

static int label(const mge_problem *p, const double *x, char *buf, size_t cap) {
  char tmp[768], a[40];
  double b = 100.0;
  for (int j = 0; j < p->n_vars; j++) b -= x[j];
  amount_text(b > 0.0 ? b : 0.0, a, sizeof a);
  size_t used = (size_t)snprintf(tmp, sizeof tmp, "%s%s", a, p->balance_symbol);
  for (int j = 0; j < p->n_vars && used < sizeof tmp; j++) {
    if (!(x[j] > 0.0)) continue;
    amount_text(x[j], a, sizeof a);
    if (strtod(a, NULL) == 0.0) continue; /* rounds to zero */
    used += (size_t)snprintf(tmp + used, sizeof tmp - used, "-%s%s", a,
                             p->vars[j].symbol);
  }
  if (used < sizeof tmp)
    snprintf(tmp + used, sizeof tmp - used, " %s", mge_problem_basis_name(p));
  return snprintf(buf, cap, "%s", tmp);
}

static const dz_simplex simplex = {"compound", "mol% or wt%", "SiO2",
                                   basis,      balance,       component};

const dz_family dz_family_glass = {
    .id = MGE_FAMILY_GLASS,
    .name = "glass",
    .space_key = "composition",
    .read_space = dz_read_composition,
    .simplex = &simplex,
    .sections = NULL,
    .n_sections = 0,
    .data_size = 0,
    .cand_size = sizeof(mge_recipe),
    .by_pointer = 0,
    .has_balance = 1,
    .basis_name = {"mol%", "wt%"},
    .decode = decode,
    .to_comp = to_comp,
    .label = label,
    .bind = NULL,
    .models = mge_glass_models,
};
