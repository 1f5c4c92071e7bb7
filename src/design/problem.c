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

#define SCALAR_MAX 256

typedef struct loader {
  const char *source;
  mge_error *err;
  const mge_registry *reg;
  mge_registry *mreg; /* the same, when models may be added (thermo:) */
  mge_problem *p;
  int force;
  mge_unit prop_unit[MGE_DESIGN_MAX_PROPS];
} loader;

/* ------------------------------------------------------------ marks */

/* 1-based line and column of a node: a scalar's own token, else the first
 * scalar inside it; 0 if none. */
static void node_pos(struct fy_node *n, int *line, int *col) {
  *line = *col = 0;
  for (int guard = 0; n && guard < 64; guard++) {
    if (fy_node_is_scalar(n) || fy_node_is_alias(n)) {
      struct fy_token *t = fy_node_get_scalar_token(n);
      const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
      if (m) {
        *line = m->line + 1;
        *col = m->column + 1;
      }
      return;
    }
    void *it = NULL;
    if (fy_node_is_mapping(n)) {
      struct fy_node_pair *pr = fy_node_mapping_iterate(n, &it);
      n = pr ? fy_node_pair_key(pr) : NULL;
    } else if (fy_node_is_sequence(n)) {
      n = fy_node_sequence_iterate(n, &it);
    } else {
      return;
    }
  }
}

static int at(loader *L, struct fy_node *n, int offset, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int at(loader *L, struct fy_node *n, int offset, const char *fmt, ...) {
  int line, col;
  node_pos(n, &line, &col);
  if (col > 0) col += offset;
  char msg[MGE_ERROR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return mge_error_set_at(L->err, MGE_E_INPUT, L->source, line, col, "%s", msg);
}

/* Re-anchor an error from a sub-parser (units, properties) at node n. */
static int rethrow(loader *L, struct fy_node *n, int offset,
                   const mge_error *sub) {
  int extra = sub->column > 0 ? sub->column - 1 : 0;
  return at(L, n, offset + extra, "%s", sub->message);
}

/* ------------------------------------------------------------ scalars */

/* The text of a scalar, copied from the input between the token's marks.
 * fy_node_get_scalar is avoided: libfyaml 0.7.12 leaks the buffer it
 * allocates for scalars that need unescaping (found by fuzz_problem), so
 * values with escapes, line folding or block style are refused instead. */
static int scalar(loader *L, struct fy_node *n, const char *what, char *buf) {
  if (!n || fy_node_is_alias(n))
    return at(L, n, 0, "%s: aliases are not supported", what);
  if (!fy_node_is_scalar(n))
    return at(L, n, 0, "%s: expected a single value", what);
  struct fy_token *t = fy_node_get_scalar_token(n);
  const struct fy_mark *b = t ? fy_token_start_mark(t) : NULL;
  const struct fy_mark *e = t ? fy_token_end_mark(t) : NULL;
  if (!b || !e || e->input_pos < b->input_pos ||
      e->input_pos > L->p->text_len) {
    buf[0] = '\0';
    return 0;
  }
  size_t len = e->input_pos - b->input_pos;
  const char *s = L->p->text + b->input_pos;
  if (len >= SCALAR_MAX)
    return at(L, n, 0, "%s: value longer than %d characters", what,
              SCALAR_MAX - 1);
  enum fy_node_style st = fy_node_get_style(n);
  int ok = !memchr(s, '\n', len) && !memchr(s, '\r', len);
  if (st == FYNS_SINGLE_QUOTED)
    ok = ok && !memchr(s, '\'', len);
  else if (st == FYNS_DOUBLE_QUOTED)
    ok = ok && !memchr(s, '\\', len);
  else if (st != FYNS_PLAIN)
    ok = 0;
  if (!ok)
    return at(L, n, 0,
              "%s: write the value on one line, without escapes or block "
              "style",
              what);
  memcpy(buf, s, len);
  while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\t')) len--;
  buf[len] = '\0';
  return 0;
}

/* Offset of the text inside a scalar from its mark: libfyaml marks a quoted
 * scalar's token at its first character inside the quotes, so 0. */
static int quote_off(struct fy_node *n) {
  (void)n;
  return 0;
}

static int number(loader *L, struct fy_node *n, const char *what, double *v) {
  char buf[SCALAR_MAX];
  int rc = scalar(L, n, what, buf);
  if (rc) return rc;
  char *end = NULL;
  errno = 0;
  const char *b = buf;
  while (*b == ' ') b++;
  if (!*b ||
      !(isdigit((unsigned char)*b) || *b == '-' || *b == '+' || *b == '.'))
    return at(L, n, 0, "%s: '%s' is not a number", what, buf);
  *v = strtod(b, &end);
  while (end && *end == ' ') end++;
  if (end == b || (end && *end) || !isfinite(*v) || errno == ERANGE)
    return at(L, n, 0, "%s: '%s' is not a finite number", what, buf);
  if (strchr(buf, 'x') || strchr(buf, 'X'))
    return at(L, n, 0, "%s: '%s' is not a decimal number", what, buf);
  return 0;
}

static int integer(loader *L, struct fy_node *n, const char *what, double lo,
                   double hi, uint64_t *v) {
  double d;
  int rc = number(L, n, what, &d);
  if (rc) return rc;
  if (d != floor(d) || d < lo || d > hi)
    return at(L, n, 0, "%s: expected a whole number in [%.0f, %.0f]", what, lo,
              hi);
  *v = (uint64_t)d;
  return 0;
}

static int boolean(loader *L, struct fy_node *n, const char *what, int *v) {
  char buf[SCALAR_MAX];
  int rc = scalar(L, n, what, buf);
  if (rc) return rc;
  if (!strcmp(buf, "true") || !strcmp(buf, "yes")) {
    *v = 1;
    return 0;
  }
  if (!strcmp(buf, "false") || !strcmp(buf, "no")) {
    *v = 0;
    return 0;
  }
  return at(L, n, 0, "%s: expected true or false, not '%s'", what, buf);
}

/* Iterate a mapping; keys must be scalars. */
typedef struct map_it {
  void *it;
  struct fy_node *key, *val;
  char name[SCALAR_MAX];
} map_it;

static int map_next(loader *L, struct fy_node *map, map_it *m, int *more) {
  struct fy_node_pair *pr = fy_node_mapping_iterate(map, &m->it);
  *more = pr != NULL;
  if (!pr) return 0;
  m->key = fy_node_pair_key(pr);
  m->val = fy_node_pair_value(pr);
  if (!m->key || !fy_node_is_scalar(m->key))
    return at(L, m->key ? m->key : map, 0, "keys must be plain names");
  int rc = scalar(L, m->key, "key", m->name);
  if (rc) return rc;
  if (!m->val) return at(L, m->key, 0, "%s: missing value", m->name);
  if (fy_node_is_alias(m->val))
    return at(L, m->val, 0, "%s: aliases are not supported", m->name);
  return 0;
}

static int need_map(loader *L, struct fy_node *n, struct fy_node *key,
                    const char *what) {
  if (!n || !fy_node_is_mapping(n))
    return at(L, n ? n : key, 0, "%s: expected a mapping (key: value)", what);
  return 0;
}

static int need_seq(loader *L, struct fy_node *n, struct fy_node *key,
                    const char *what) {
  if (!n || !fy_node_is_sequence(n))
    return at(L, n ? n : key, 0, "%s: expected a list", what);
  return 0;
}

/* ------------------------------------------------------------ sections */

/* A compound of a glass space, named at node n by `name`: a formula that
 * mge_recipe_parse reads as one compound (so the recipe text round-trips)
 * and that a glass composition model has a term for. *unit receives its
 * formula unit. */
static int glass_compound(loader *L, struct fy_node *n, const char *name,
                          mge_comp *unit) {
  if (strlen(name) >= MGE_DESIGN_NAME)
    return at(L, n, 0, "compound '%.40s': formula longer than %d characters",
              name, MGE_DESIGN_NAME - 1);
  mge_recipe r;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_recipe_parse(name, &r, &sub))
    return at(L, n, sub.column > 0 ? sub.column - 1 : 0,
              "unknown compound '%s': %s", name, sub.message);
  if (r.n != 1 || strcmp(r.formula[0], name))
    return at(L, n, 0,
              "'%s' is not one compound formula (write e.g. Al2O3: [12, 22])",
              name);
  r.x[0] = 1.0;
  mge_glass_props gp;
  if (mge_glass_props_eval(&r, &gp, NULL) ||
      ((gp.warn[MGE_GP_DENSITY] & MGE_GLASS_W_UNKNOWN_OXIDE) &&
       (gp.warn[MGE_GP_YOUNG] & MGE_GLASS_W_UNKNOWN_OXIDE)))
    return at(L, n, 0,
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
    return at(L, n, 0, "balance %s: expected [min, max] in percent", name);
  void *it = NULL;
  struct fy_node *lo_n = fy_node_sequence_iterate(n, &it);
  struct fy_node *hi_n = fy_node_sequence_iterate(n, &it);
  int rc;
  if ((rc = number(L, lo_n, name, &p->balance_lo))) return rc;
  if ((rc = number(L, hi_n, name, &p->balance_hi))) return rc;
  if (p->balance_lo < 0.0)
    return at(L, lo_n, 0, "balance %s: min %g %% is negative", name,
              p->balance_lo);
  if (p->balance_hi > 100.0)
    return at(L, hi_n, 0, "balance %s: max %g %% exceeds 100 %%", name,
              p->balance_hi);
  if (p->balance_lo > p->balance_hi)
    return at(L, hi_n, 0, "balance %s: min %g > max %g", name, p->balance_lo,
              p->balance_hi);
  return 0;
}

static int load_composition(loader *L, struct fy_node *comp,
                            struct fy_node *ckey) {
  mge_problem *p = L->p;
  int rc = need_map(L, comp, ckey, "composition");
  if (rc) return rc;
  map_it m = {0};
  int more, have_basis = 0, glass = p->family == MGE_FAMILY_GLASS;
  struct fy_node *bal_node = NULL;
  for (;;) {
    if ((rc = map_next(L, comp, &m, &more))) return rc;
    if (!more) break;
    char buf[SCALAR_MAX];
    if (!strcmp(m.name, "basis")) {
      if ((rc = scalar(L, m.val, "basis", buf))) return rc;
      if (!strcmp(buf, "wt%") || !strcmp(buf, "mass%"))
        p->basis = MGE_BASIS_MASS;
      else if (glass && !strcmp(buf, "mol%"))
        p->basis = MGE_BASIS_MOLE;
      else if (!glass && (!strcmp(buf, "at%") || !strcmp(buf, "mol%")))
        p->basis = MGE_BASIS_MOLE;
      else if (glass)
        return at(L, m.val, 0,
                  "basis: expected mol%% or wt%% for a glass, not '%s'", buf);
      else
        return at(L, m.val, 0, "basis: expected wt%% or at%%, not '%s'", buf);
      have_basis = 1;
      continue;
    }
    if (!strcmp(m.name, "balance")) {
      /* balance: NAME, or balance: {NAME: [min, max]} */
      struct fy_node *bn = m.val;
      if (fy_node_is_mapping(m.val)) {
        map_it bm = {0};
        int bmore;
        if (fy_node_mapping_item_count(m.val) != 1)
          return at(L, m.val, 0,
                    "balance: expected a name or {name: [min, max]}");
        if ((rc = map_next(L, m.val, &bm, &bmore))) return rc;
        bn = bm.key;
        snprintf(buf, sizeof buf, "%s", bm.name);
        if ((rc = balance_range(L, bm.val, bm.name))) return rc;
      } else if ((rc = scalar(L, m.val, "balance", buf))) {
        return rc;
      }
      bal_node = bn;
      if (glass) {
        if ((rc = glass_compound(L, bn, buf, &p->balance_unit))) return rc;
        snprintf(p->balance_symbol, sizeof p->balance_symbol, "%s", buf);
        continue;
      }
      const mge_element *e = mge_element_by_symbol(buf);
      if (!e) return at(L, bn, 0, "balance: unknown element '%s'", buf);
      p->balance_Z = e->Z;
      snprintf(p->balance_symbol, sizeof p->balance_symbol, "%s", e->symbol);
      continue;
    }
    mge_design_var *v =
        &p->vars[p->n_vars < MGE_DESIGN_MAX_VARS ? p->n_vars
                                                 : MGE_DESIGN_MAX_VARS - 1];
    if (glass) {
      if (p->n_vars >= MGE_RECIPE_MAX - 1)
        return at(L, m.key, 0, "at most %d free compounds", MGE_RECIPE_MAX - 1);
      mge_comp unit;
      if ((rc = glass_compound(L, m.key, m.name, &unit))) return rc;
      for (int j = 0; j < p->n_vars; j++)
        if (!strcmp(p->vars[j].symbol, m.name))
          return at(L, m.key, 0, "compound %s given twice", m.name);
      memset(v, 0, sizeof *v);
      v->unit = unit;
      snprintf(v->symbol, sizeof v->symbol, "%s", m.name);
    } else {
      const mge_element *e = mge_element_by_symbol(m.name);
      if (!e)
        return at(L, m.key, 0,
                  "unknown key '%s' in composition (expected basis, balance "
                  "or an element symbol such as Al)",
                  m.name);
      if (p->n_vars >= MGE_DESIGN_MAX_VARS)
        return at(L, m.key, 0, "at most %d free elements", MGE_DESIGN_MAX_VARS);
      for (int j = 0; j < p->n_vars; j++)
        if (p->vars[j].Z == e->Z)
          return at(L, m.key, 0, "element %s given twice", e->symbol);
      memset(v, 0, sizeof *v);
      v->Z = e->Z;
      snprintf(v->symbol, sizeof v->symbol, "%s", e->symbol);
    }
    struct fy_node *lo_n = m.val, *hi_n = m.val, *step_n = NULL;
    if (fy_node_is_scalar(m.val)) {
      if ((rc = number(L, m.val, m.name, &v->lo))) return rc;
      v->hi = v->lo;
    } else if (fy_node_is_sequence(m.val)) {
      int cnt = fy_node_sequence_item_count(m.val);
      if (cnt < 2 || cnt > 3)
        return at(L, m.val, 0,
                  "%s: expected [min, max] or [min, max, step] in percent",
                  m.name);
      void *it = NULL;
      lo_n = fy_node_sequence_iterate(m.val, &it);
      hi_n = fy_node_sequence_iterate(m.val, &it);
      if (cnt == 3) step_n = fy_node_sequence_iterate(m.val, &it);
      if ((rc = number(L, lo_n, m.name, &v->lo))) return rc;
      if ((rc = number(L, hi_n, m.name, &v->hi))) return rc;
      if (step_n && (rc = number(L, step_n, m.name, &v->step))) return rc;
    } else {
      return at(L, m.val, 0, "%s: expected [min, max(, step)] or a number",
                m.name);
    }
    if (v->lo < 0.0)
      return at(L, lo_n, 0, "%s: bad range: min %g %% is negative", m.name,
                v->lo);
    if (v->hi > 100.0)
      return at(L, hi_n, 0, "%s: bad range: max %g %% exceeds 100 %%", m.name,
                v->hi);
    if (v->lo > v->hi)
      return at(L, hi_n, 0, "%s: bad range: min %g > max %g", m.name, v->lo,
                v->hi);
    if (step_n) {
      if (!(v->step > 0.0))
        return at(L, step_n, 0, "%s: step must be positive", m.name);
      double q = (v->hi - v->lo) / v->step;
      double r = floor(q + 0.5);
      if (fabs(q - r) > 1e-9 * (1.0 + r))
        return at(L, step_n, 0,
                  "%s: step %g does not divide the range [%g, %g]", m.name,
                  v->step, v->lo, v->hi);
      if (r > 1e7)
        return at(L, step_n, 0, "%s: step %g gives more than 1e7 points",
                  m.name, v->step);
    }
    p->n_vars++;
  }
  if (!have_basis)
    return at(L, ckey, 0,
              glass ? "composition: basis missing (mol%% or wt%%)"
                    : "composition: basis missing (wt%% or at%%)");
  if (!bal_node)
    return at(L, ckey, 0,
              glass ? "composition: balance missing (the compound that takes "
                      "the rest, e.g. balance: SiO2)"
                    : "composition: balance missing (the element that takes "
                      "the rest, e.g. balance: Mg)");
  if (p->n_vars == 0)
    return at(L, ckey, 0,
              glass ? "composition: no free compounds given"
                    : "composition: no free elements given");
  double sum_lo = 0.0;
  for (int j = 0; j < p->n_vars; j++) {
    if (glass ? !strcmp(p->vars[j].symbol, p->balance_symbol)
              : p->vars[j].Z == p->balance_Z)
      return at(L, bal_node, 0, "balance %s %s must not also have a range",
                glass ? "compound" : "element", p->balance_symbol);
    sum_lo += p->vars[j].lo;
  }
  if (sum_lo > 100.0 + 1e-9)
    return at(L, ckey, 0,
              "composition bounds are unsatisfiable: the minimum amounts sum "
              "to %g %% > 100 %%, so the balance %s would be negative",
              sum_lo, p->balance_symbol);
  double sum_hi = 0.0;
  for (int j = 0; j < p->n_vars; j++) sum_hi += p->vars[j].hi;
  if (sum_lo + p->balance_lo > 100.0 + 1e-9)
    return at(L, bal_node, 0,
              "composition bounds are unsatisfiable: the minimum amounts sum "
              "to %g %%, which leaves less than the balance %s minimum of "
              "%g %%",
              sum_lo, p->balance_symbol, p->balance_lo);
  if (sum_hi + p->balance_hi < 100.0 - 1e-9)
    return at(L, bal_node, 0,
              "composition bounds are unsatisfiable: the maximum amounts sum "
              "to %g %%, so the balance %s would exceed its maximum of %g %%",
              sum_hi, p->balance_symbol, p->balance_hi);
  return 0;
}

/* A quantity at node n (text with a unit) in SI, of the dimension of
 * `unit` ("m", "N/m", "Pa", "N"). */
static int quantity_dim(loader *L, struct fy_node *n, const char *what,
                        const char *unit, double *v) {
  char buf[SCALAR_MAX];
  int rc = scalar(L, n, what, buf);
  if (rc) return rc;
  mge_unit u, want;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_quantity_parse(buf, v, &u, &sub)) return rethrow(L, n, 0, &sub);
  if (mge_unit_parse(unit, &want, &sub) || !mge_unit_same_dim(&u, &want))
    return at(L, n, 0, "%s: '%s' is not in units of %s", what, buf, unit);
  if (!isfinite(*v)) return at(L, n, 0, "%s: not a finite value", what);
  return 0;
}

static int load_layup(loader *L, struct fy_node *lay, struct fy_node *key) {
  mge_problem *p = L->p;
  int rc = need_map(L, lay, key, "layup");
  if (rc) return rc;
  map_it m = {0};
  int more, n_angles = 0, have_plies = 0;
  uint64_t groups = 0, pmin = 0, pmax = 0, adj = 0;
  double angles[MGE_DESIGN_MAX_CHOICES], t_ply = 0.0;
  struct fy_node *mat_n = NULL;
  for (;;) {
    if ((rc = map_next(L, lay, &m, &more))) return rc;
    if (!more) break;
    char buf[SCALAR_MAX];
    if (!strcmp(m.name, "material")) {
      if ((rc = scalar(L, m.val, "material", buf))) return rc;
      const mge_lamina *mat = mge_lamina_find(buf, NULL, 0);
      if (!mat)
        return at(L, m.val, 0,
                  "material: unknown lamina '%s' (see mge laminate materials "
                  "for the library)",
                  buf);
      p->layup_mat = *mat;
      mat_n = m.val;
    } else if (!strcmp(m.name, "t_ply")) {
      if ((rc = quantity_dim(L, m.val, "t_ply", "m", &t_ply))) return rc;
      if (!(t_ply > 0.0) || t_ply > 0.1)
        return at(L, m.val, 0, "t_ply must be in (0, 100 mm]");
    } else if (!strcmp(m.name, "angles")) {
      if ((rc = need_seq(L, m.val, m.key, "angles"))) return rc;
      void *it = NULL;
      struct fy_node *item;
      while ((item = fy_node_sequence_iterate(m.val, &it))) {
        double a;
        if ((rc = number(L, item, "angle", &a))) return rc;
        if (n_angles >= MGE_DESIGN_MAX_CHOICES)
          return at(L, item, 0, "at most %d angles", MGE_DESIGN_MAX_CHOICES);
        if (a < -90.0 || a > 90.0)
          return at(L, item, 0, "angle %g is outside [-90, 90] degrees", a);
        for (int k = 0; k < n_angles; k++)
          if (angles[k] == a) return at(L, item, 0, "angle %g given twice", a);
        angles[n_angles++] = a;
      }
      if (n_angles == 0) return at(L, m.key, 0, "angles: the list is empty");
    } else if (!strcmp(m.name, "groups")) {
      if ((rc = integer(L, m.val, "groups", 1, MGE_DESIGN_MAX_VARS / 2,
                        &groups)))
        return rc;
    } else if (!strcmp(m.name, "plies")) {
      if (!fy_node_is_sequence(m.val) ||
          fy_node_sequence_item_count(m.val) != 2)
        return at(L, m.val, 0, "plies: expected [min, max] plies per group");
      void *it = NULL;
      struct fy_node *lo_n = fy_node_sequence_iterate(m.val, &it);
      struct fy_node *hi_n = fy_node_sequence_iterate(m.val, &it);
      if ((rc = integer(L, lo_n, "plies", 0, 64, &pmin))) return rc;
      if ((rc = integer(L, hi_n, "plies", 0, 64, &pmax))) return rc;
      if (pmin > pmax)
        return at(L, hi_n, 0, "plies: min %llu > max %llu",
                  (unsigned long long)pmin, (unsigned long long)pmax);
      if (pmax == 0) return at(L, hi_n, 0, "plies: max must be at least 1");
      have_plies = 1;
    } else if (!strcmp(m.name, "symmetric")) {
      if ((rc = boolean(L, m.val, "symmetric", &p->layup.symmetric))) return rc;
    } else if (!strcmp(m.name, "balanced")) {
      if ((rc = boolean(L, m.val, "balanced", &p->layup.balanced))) return rc;
    } else if (!strcmp(m.name, "max_adjacent")) {
      if ((rc = integer(L, m.val, "max_adjacent", 0, MGE_LAMINATE_MAX_PLIES,
                        &adj)))
        return rc;
    } else {
      return at(L, m.key, 0,
                "unknown key '%s' in layup (material, t_ply, angles, groups, "
                "plies, symmetric, balanced, max_adjacent)",
                m.name);
    }
  }
  if (!mat_n) return at(L, key, 0, "layup: material missing");
  if (!n_angles) return at(L, key, 0, "layup: angles missing");
  if (!groups) return at(L, key, 0, "layup: groups missing");
  if (!have_plies) return at(L, key, 0, "layup: plies missing ([min, max])");
  if (t_ply == 0.0) t_ply = p->layup_mat.t_ply_m;
  if (!(t_ply > 0.0))
    return at(L, key, 0,
              "layup: t_ply missing (material %s has no nominal ply "
              "thickness)",
              p->layup_mat.name);
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_lamina_check(&p->layup_mat, 0, &sub))
    return at(L, mat_n, 0, "material %s: %s", p->layup_mat.name, sub.message);
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
  int rc = need_map(L, s, key, "load");
  if (rc) return rc;
  if (p->family != MGE_FAMILY_LAMINATE)
    return at(L, key, 0, "load: only laminate problems take a load case");
  static const char *const names[6] = {"Nx", "Ny", "Nxy", "Mx", "My", "Mxy"};
  mge_load *ld = &p->fpf_params.load;
  memset(ld, 0, sizeof *ld);
  double pr = 0.0, r = 0.0;
  int have_p = 0, have_r = 0, have_n = 0;
  map_it m = {0};
  int more;
  for (;;) {
    if ((rc = map_next(L, s, &m, &more))) return rc;
    if (!more) break;
    int k = -1;
    for (int i = 0; i < 6; i++)
      if (!strcmp(m.name, names[i])) k = i;
    if (k >= 0) {
      double v;
      if ((rc = quantity_dim(L, m.val, m.name, k < 3 ? "N/m" : "N", &v)))
        return rc;
      if (k < 3)
        ld->N[k] = v;
      else
        ld->M[k - 3] = v;
      have_n = 1;
    } else if (!strcmp(m.name, "pressure")) {
      if ((rc = quantity_dim(L, m.val, "pressure", "Pa", &pr))) return rc;
      have_p = 1;
    } else if (!strcmp(m.name, "radius")) {
      if ((rc = quantity_dim(L, m.val, "radius", "m", &r))) return rc;
      if (!(r > 0.0)) return at(L, m.val, 0, "radius must be positive");
      have_r = 1;
    } else {
      return at(L, m.key, 0,
                "unknown key '%s' in load (Nx, Ny, Nxy, Mx, My, Mxy, or "
                "pressure and radius)",
                m.name);
    }
  }
  if (have_p != have_r)
    return at(L, key, 0, "load: pressure and radius go together");
  if (have_p && have_n)
    return at(L, key, 0,
              "load: give either resultants (Nx, ...) or pressure and radius");
  if (have_p) {
    ld->N[0] = pr * r / 2.0;
    ld->N[1] = pr * r;
  }
  int any = 0;
  for (int i = 0; i < 3; i++) any |= ld->N[i] != 0.0 || ld->M[i] != 0.0;
  if (!any) return at(L, key, 0, "load: the load case is zero");
  p->fpf_params.n_crit = 0; /* all criteria: the minimum over them */
  mge_fail_opts_default(&p->fpf_params.opts);
  mge_composite_fpf_model(&p->fpf_model, &p->fpf_params);
  p->has_load = 1;
  return 0;
}

static int load_space(loader *L, struct fy_node *space, struct fy_node *key) {
  int rc = need_map(L, space, key, "space");
  if (rc) return rc;
  map_it m = {0};
  int more, have = 0;
  for (;;) {
    if ((rc = map_next(L, space, &m, &more))) return rc;
    if (!more) break;
    int lam = L->p->family == MGE_FAMILY_LAMINATE;
    if (!lam && !strcmp(m.name, "composition")) {
      if ((rc = load_composition(L, m.val, m.key))) return rc;
      have = 1;
    } else if (lam && !strcmp(m.name, "layup")) {
      if ((rc = load_layup(L, m.val, m.key))) return rc;
      have = 1;
    } else {
      return at(L, m.key, 0, "unknown key '%s' in space (expected %s)", m.name,
                lam ? "layup" : "composition");
    }
  }
  if (!have)
    return at(L, key, 0, "space: %s missing",
              L->p->family == MGE_FAMILY_LAMINATE ? "layup" : "composition");
  return 0;
}

static int load_sampler(loader *L, struct fy_node *s, struct fy_node *key,
                        struct fy_node **n_node) {
  mge_problem *p = L->p;
  int rc = need_map(L, s, key, "sampler");
  if (rc) return rc;
  map_it m = {0};
  int more;
  for (;;) {
    if ((rc = map_next(L, s, &m, &more))) return rc;
    if (!more) break;
    char buf[SCALAR_MAX];
    if (!strcmp(m.name, "kind")) {
      if ((rc = scalar(L, m.val, "kind", buf))) return rc;
      if (!strcmp(buf, "grid"))
        p->sampler = MGE_SAMPLER_GRID;
      else if (!strcmp(buf, "random"))
        p->sampler = MGE_SAMPLER_RANDOM;
      else if (!strcmp(buf, "sobol"))
        p->sampler = MGE_SAMPLER_SOBOL;
      else if (!strcmp(buf, "lhs"))
        p->sampler = MGE_SAMPLER_LHS;
      else
        return at(L, m.val, 0,
                  "sampler kind '%s' unknown (grid, random, sobol or lhs)",
                  buf);
    } else if (!strcmp(m.name, "n")) {
      if ((rc = integer(L, m.val, "n", 1, (double)MGE_DESIGN_MAX_N, &p->n)))
        return rc;
      *n_node = m.val;
    } else if (!strcmp(m.name, "seed")) {
      if ((rc = scalar(L, m.val, "seed", buf))) return rc;
      char *end;
      errno = 0;
      unsigned long long v = strtoull(buf, &end, 10);
      if (!isdigit((unsigned char)buf[0]) || *end || errno == ERANGE)
        return at(L, m.val, 0, "seed: expected a whole number >= 0");
      p->seed = v;
    } else {
      return at(L, m.key, 0, "unknown key '%s' in sampler (kind, n, seed)",
                m.name);
    }
  }
  if (!p->sampler)
    return at(L, key, 0, "sampler: kind missing (grid, random, sobol, lhs)");
  if (p->sampler == MGE_SAMPLER_GRID && *n_node)
    return at(L, *n_node, 0,
              "sampler: a grid has no n (its size follows from the steps)");
  if (p->sampler != MGE_SAMPLER_GRID && !*n_node)
    return at(L, key, 0, "sampler: n missing (number of samples)");
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
    return at(L, n, off, "%s%s", sub.message, dz_thermo_hint(name, len));
  if (m->family != p->family)
    return at(L, n, off, "property %.*s is for %s candidates, not %s", (int)len,
              name, mge_family_name(m->family), mge_family_name(p->family));
  if (m->family == MGE_FAMILY_LAMINATE && !strcmp(m->name, "composite.fpf")) {
    if (!p->has_load)
      return at(L, n, off,
                "%.*s needs the problem's load case (load: {Nx: ..., Ny: "
                "...} or load: {pressure: ..., radius: ...})",
                (int)len, name);
    m = &p->fpf_model; /* the same model, bound to the problem's load */
  }
  if (p->n_props >= MGE_DESIGN_MAX_PROPS)
    return at(L, n, off, "at most %d properties", MGE_DESIGN_MAX_PROPS);
  mge_design_prop *d = &p->props[p->n_props];
  snprintf(d->name, sizeof d->name, "%.*s", (int)len, name);
  d->model = m;
  d->output = k;
  d->unit = m->out[k].unit;
  if (mge_unit_parse(d->unit, &L->prop_unit[p->n_props], &sub))
    return at(L, n, off, "model %s: bad unit '%s'", m->name, d->unit);
  *idx = p->n_props++;
  return 0;
}

static int load_properties(loader *L, struct fy_node *s, struct fy_node *key) {
  int rc = need_seq(L, s, key, "properties");
  if (rc) return rc;
  void *it = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(s, &it))) {
    char buf[SCALAR_MAX];
    int idx;
    if ((rc = scalar(L, item, "property", buf))) return rc;
    if ((rc = add_prop(L, item, quote_off(item), buf, strlen(buf), &idx)))
      return rc;
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
  if (mge_quantity_parse(text, &si, &u, &sub)) return rethrow(L, n, off, &sub);
  const mge_unit *pu = &L->prop_unit[idx];
  int bare = u.scale == 1.0 && u.offset == 0.0;
  for (int k = 0; k < MGE_DIM_N; k++) bare = bare && u.dim[k] == 0;
  if (bare) {
    int dimless = 1;
    for (int k = 0; k < MGE_DIM_N; k++) dimless = dimless && pu->dim[k] == 0;
    if (!dimless)
      return at(L, n, off, "'%s' needs a unit: %s is in %s", text,
                L->p->props[idx].name, L->p->props[idx].unit);
    *v = si; /* a bare number is in the property's own unit ("%", "1") */
    return 0;
  }
  if (!mge_unit_same_dim(&u, pu)) {
    char a[64], b[64];
    mge_unit_format_si(&u, a, sizeof a);
    mge_unit_format_si(pu, b, sizeof b);
    return at(L, n, off, "unit mismatch: '%s' is in %s but %s is in %s (%s)",
              text, a, L->p->props[idx].name, L->p->props[idx].unit, b);
  }
  *v = (si - pu->offset) / pu->scale;
  return 0;
}

static int load_constraints(loader *L, struct fy_node *s, struct fy_node *key) {
  mge_problem *p = L->p;
  int rc = need_seq(L, s, key, "constraints");
  if (rc) return rc;
  void *it = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(s, &it))) {
    char buf[SCALAR_MAX];
    if ((rc = scalar(L, item, "constraint", buf))) return rc;
    if (p->n_constraints >= MGE_DESIGN_MAX_CONSTRAINTS)
      return at(L, item, 0, "at most %d constraints",
                MGE_DESIGN_MAX_CONSTRAINTS);
    int q = quote_off(item);
    const char *c = buf;
    while (*c == ' ') c++;
    const char *nb = c;
    while (*c && (isalnum((unsigned char)*c) || *c == '.' || *c == '_')) c++;
    size_t nlen = (size_t)(c - nb);
    if (nlen == 0)
      return at(L, item, q + (int)(nb - buf),
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
      return at(L, item, q + (int)(ob - buf),
                "constraint: expected <, <=, >, >= or == after %.*s", (int)nlen,
                nb);
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
  int rc = need_seq(L, s, key, "objectives");
  if (rc) return rc;
  void *it = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(s, &it))) {
    if ((rc = need_map(L, item, key, "objective"))) return rc;
    if (p->n_obj >= MGE_DESIGN_MAX_OBJ)
      return at(L, item, 0, "at most %d objectives", MGE_DESIGN_MAX_OBJ);
    mge_design_objective *o = &p->obj[p->n_obj];
    o->sense = 0;
    o->weight = 1.0;
    o->scale = 1.0;
    o->prop = -1;
    struct fy_node *scale_n = NULL;
    char scale_txt[SCALAR_MAX] = "";
    map_it m = {0};
    int more;
    for (;;) {
      if ((rc = map_next(L, item, &m, &more))) return rc;
      if (!more) break;
      char buf[SCALAR_MAX];
      if (!strcmp(m.name, "minimize") || !strcmp(m.name, "maximize")) {
        if (o->sense)
          return at(L, m.key, 0, "objective: give one of minimize/maximize");
        o->sense = m.name[1] == 'i' ? 1 : -1;
        if ((rc = scalar(L, m.val, m.name, buf))) return rc;
        if ((rc = add_prop(L, m.val, quote_off(m.val), buf, strlen(buf),
                           &o->prop)))
          return rc;
      } else if (!strcmp(m.name, "weight")) {
        if ((rc = number(L, m.val, "weight", &o->weight))) return rc;
        if (o->weight < 0.0)
          return at(L, m.val, 0, "weight must not be negative");
      } else if (!strcmp(m.name, "scale")) {
        if ((rc = scalar(L, m.val, "scale", scale_txt))) return rc;
        scale_n = m.val;
      } else {
        return at(L, m.key, 0,
                  "unknown key '%s' in objective (minimize, maximize, weight, "
                  "scale)",
                  m.name);
      }
    }
    if (!o->sense)
      return at(L, item, 0, "objective: minimize or maximize missing");
    if (scale_n) {
      if ((rc = quantity_for(L, scale_n, quote_off(scale_n), scale_txt, o->prop,
                             &o->scale)))
        return rc;
      if (!(o->scale > 0.0)) return at(L, scale_n, 0, "scale must be positive");
    }
    for (int j = 0; j < p->n_obj; j++)
      if (p->obj[j].prop == o->prop)
        return at(L, item, 0, "objective on %s given twice",
                  p->props[o->prop].name);
    p->n_obj++;
  }
  if (p->n_obj == 0) return at(L, key, 0, "objectives: the list is empty");
  return 0;
}

static int load_keep(loader *L, struct fy_node *s, struct fy_node *key) {
  mge_problem *p = L->p;
  int rc = need_map(L, s, key, "keep");
  if (rc) return rc;
  map_it m = {0};
  int more;
  for (;;) {
    if ((rc = map_next(L, s, &m, &more))) return rc;
    if (!more) break;
    uint64_t v = 0;
    if (!strcmp(m.name, "top")) {
      if ((rc = integer(L, m.val, "top", 0, MGE_DESIGN_MAX_TOP, &v))) return rc;
      p->keep_top = (int)v;
    } else if (!strcmp(m.name, "sample")) {
      if ((rc = integer(L, m.val, "sample", 0, MGE_DESIGN_MAX_SAMPLE, &v)))
        return rc;
      p->keep_sample = (int)v;
    } else if (!strcmp(m.name, "pareto")) {
      if ((rc = boolean(L, m.val, "pareto", &p->keep_pareto))) return rc;
    } else {
      return at(L, m.key, 0, "unknown key '%s' in keep (top, pareto, sample)",
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
          return at(L, samp_key, 0,
                    "grid sampler: %s needs a step ([min, max, step])",
                    v->symbol);
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
      node_pos(samp_key, &line, &col);
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
  if (p->n_obj == 0) return at(L, root, 0, "objectives missing");
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

/* Text only: valid UTF-8, no control characters but tab and newlines, no
 * YAML directives (libfyaml 0.7.12 can hang on a directive followed by
 * invalid bytes; found by fuzz_problem). */
static int check_text(const char *t, size_t n, const char *source,
                      mge_error *err) {
  int line = 1, col = 1;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)t[i];
    size_t k = 0;
    if (c == '\n') {
      line++, col = 1, i++;
      continue;
    }
    if (c == '%' && col == 1)
      return mge_error_set_at(err, MGE_E_INPUT, source, line, col,
                              "YAML directives (%%...) are not supported");
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\r')
        return mge_error_set_at(err, MGE_E_INPUT, source, line, col,
                                "control character 0x%02x in the file", c);
      i++, col++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf)
      k = 1;
    else if (c >= 0xe0 && c <= 0xef)
      k = 2;
    else if (c >= 0xf0 && c <= 0xf4)
      k = 3;
    else
      return mge_error_set_at(err, MGE_E_INPUT, source, line, col,
                              "not UTF-8 text (byte 0x%02x)", c);
    for (size_t j = 1; j <= k; j++)
      if (i + j >= n || ((unsigned char)t[i + j] & 0xc0) != 0x80)
        return mge_error_set_at(err, MGE_E_INPUT, source, line, col,
                                "not UTF-8 text (bad continuation byte)");
    i += k + 1, col++;
  }
  return 0;
}

static void diag_quiet(struct fy_diag *d, void *u, const char *b, size_t l) {
  (void)d, (void)u, (void)b, (void)l;
}

static int load_root(loader *L, struct fy_node *root) {
  mge_problem *p = L->p;
  int rc;
  if (!root || !fy_node_is_mapping(root))
    return mge_error_set_at(L->err, MGE_E_INPUT, L->source, 1, 1,
                            "a problem file is a YAML mapping (name:, family:, "
                            "space:, sampler:, ...)");
  map_it m = {0};
  int more;
  struct fy_node *family_n = NULL, *space_n = NULL, *space_k = NULL,
                 *samp_n = NULL, *samp_k = NULL, *n_node = NULL;
  struct fy_node *thermo_n = NULL, *thermo_k = NULL;
  struct fy_node *props_n = NULL, *props_k = NULL, *cons_n = NULL,
                 *cons_k = NULL, *obj_n = NULL, *obj_k = NULL, *keep_n = NULL,
                 *keep_k = NULL, *load_n = NULL, *load_k = NULL;
  for (;;) {
    if ((rc = map_next(L, root, &m, &more))) return rc;
    if (!more) break;
    if (!strcmp(m.name, "name")) {
      char buf[SCALAR_MAX];
      if ((rc = scalar(L, m.val, "name", buf))) return rc;
      snprintf(p->name, sizeof p->name, "%.127s", buf);
    } else if (!strcmp(m.name, "description")) {
      /* free text, not read (any scalar style) */
      if (!fy_node_is_scalar(m.val))
        return at(L, m.val, 0, "description: expected text");
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
      return at(L, m.key, 0,
                "unknown key '%s' (expected name, description, family, space, "
                "sampler, properties, constraints, objectives, keep, load, "
                "thermo)",
                m.name);
    }
  }
  /* in dependency order, not file order */
  if (!family_n)
    return at(L, root, 0, "family missing (family: alloy or family: glass)");
  char fam[SCALAR_MAX];
  if ((rc = scalar(L, family_n, "family", fam))) return rc;
  if (!strcmp(fam, "alloy"))
    p->family = MGE_FAMILY_ALLOY;
  else if (!strcmp(fam, "glass"))
    p->family = MGE_FAMILY_GLASS;
  else if (!strcmp(fam, "laminate"))
    p->family = MGE_FAMILY_LAMINATE;
  else
    return at(L, family_n, 0,
              "family '%s' is not supported by the design engine (alloy, "
              "glass, laminate)",
              fam);
  if (!space_n) return at(L, root, 0, "space missing");
  if ((rc = load_space(L, space_n, space_k))) return rc;
  if (load_n && (rc = load_load(L, load_n, load_k))) return rc;
  if (!samp_n) return at(L, root, 0, "sampler missing");
  if ((rc = load_sampler(L, samp_n, samp_k, &n_node))) return rc;
  if (thermo_n && (rc = dz_thermo_section(L->p, L->source, root, thermo_n,
                                          thermo_k, L->mreg, L->err)))
    return rc;
  if (props_n && (rc = load_properties(L, props_n, props_k))) return rc;
  if (cons_n && (rc = load_constraints(L, cons_n, cons_k))) return rc;
  if (!obj_n) return at(L, root, 0, "objectives missing");
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

  int vrc = check_text(p->text, len, source, err);
  if (vrc) {
    mge_problem_free(p);
    return vrc;
  }
  loader L;
  memset(&L, 0, sizeof L);
  L.source = source, L.err = err, L.reg = reg, L.p = p;
  L.mreg = mreg;
  L.force = opts ? opts->force : 0;
  struct fy_diag_cfg dcfg;
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = NULL;
  dcfg.output_fn = diag_quiet;
  dcfg.colorize = false;
  struct fy_diag *diag = fy_diag_create(&dcfg);
  int rc = 0;
  if (!diag) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  fy_diag_set_collect_errors(diag, true);
  struct fy_parse_cfg cfg = {0};
  cfg.flags = FYPCF_QUIET | FYPCF_DISABLE_MMAP_OPT;
  cfg.diag = diag;
  struct fy_document *doc = fy_document_build_from_string(&cfg, p->text, len);
  if (!doc) {
    void *it = NULL;
    struct fy_diag_error *de = fy_diag_errors_iterate(diag, &it);
    if (de)
      rc = mge_error_set_at(err, MGE_E_INPUT, source, de->line + 1,
                            de->column + 1, "YAML: %s",
                            de->msg ? de->msg : "syntax error");
    else
      rc = mge_error_set_at(err, MGE_E_INPUT, source, 0, 0,
                            "YAML: not a valid document");
  } else {
    rc = load_root(&L, fy_document_root(doc));
    fy_document_destroy(doc);
  }
  fy_diag_destroy(diag);
  if (!rc && !p->name[0]) {
    const char *b = strrchr(source, '/');
    snprintf(p->name, sizeof p->name, "%s", b ? b + 1 : source);
  }
done:
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
