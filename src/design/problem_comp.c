/* The composition space of a problem (space: composition:), shared by the
 * families whose candidates are amounts of components with a balance
 * (alloy: elements, glass: compounds): the basis, the balance and its
 * range, each free component's [min, max(, step)] in percent, and the
 * checks that the bounds can be met. The family's dz_simplex names its
 * components and reads them. */
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "design/family.h"
#include "design/internal.h"

static int balance_range(dz_loader *L, struct fy_node *n, const char *name) {
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

int dz_read_composition(dz_loader *L, struct fy_node *root,
                        struct fy_node *comp, struct fy_node *ckey) {
  (void)root;
  mge_problem *p = L->p;
  const dz_simplex *S = p->fam->simplex;
  int rc = mge_yaml_need_map(&L->y, comp, ckey, "composition");
  if (rc) return rc;
  mge_yaml_map_it m = {0};
  int more, have_basis = 0;
  struct fy_node *bal_node = NULL;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, comp, &m, &more))) return rc;
    if (!more) break;
    char buf[MGE_YAML_SCALAR_MAX];
    if (!strcmp(m.name, "basis")) {
      if ((rc = mge_yaml_scalar(&L->y, m.val, "basis", buf, sizeof buf)))
        return rc;
      if ((rc = S->basis(L, m.val, buf))) return rc;
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
      if ((rc = S->balance(L, bn, buf))) return rc;
      continue;
    }
    mge_design_var *v =
        &p->vars[p->n_vars < MGE_DESIGN_MAX_VARS ? p->n_vars
                                                 : MGE_DESIGN_MAX_VARS - 1];
    if ((rc = S->component(L, m.key, m.name, v))) return rc;
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
    return mge_yaml_error(&L->y, ckey, 0, "composition: basis missing (%s)",
                          S->basis_help);
  if (!bal_node)
    return mge_yaml_error(&L->y, ckey, 0,
                          "composition: balance missing (the %s that takes "
                          "the rest, e.g. balance: %s)",
                          S->noun, S->example);
  if (p->n_vars == 0)
    return mge_yaml_error(&L->y, ckey, 0, "composition: no free %ss given",
                          S->noun);
  double sum_lo = 0.0;
  for (int j = 0; j < p->n_vars; j++) {
    if (!strcmp(p->vars[j].symbol, p->balance_symbol))
      return mge_yaml_error(&L->y, bal_node, 0,
                            "balance %s %s must not also have a range", S->noun,
                            p->balance_symbol);
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

double dz_balance(const mge_problem *p, const double *x) {
  double sum = 0.0;
  for (int j = 0; j < p->n_vars; j++) sum += x[j];
  double b = 100.0 - sum;
  if (b < 0.0 && b > -1e-9) b = 0.0;
  return b;
}
