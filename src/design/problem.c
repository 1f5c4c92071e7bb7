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

#include "design/family.h"
#include "design/internal.h"
#include "mge/design.h"
#include "mge/file.h"
#include "mge/units.h"
#include "mge/yaml.h"

typedef dz_loader loader;

/* ------------------------------------------------------------ sections */

static int load_space(loader *L, struct fy_node *root, struct fy_node *space,
                      struct fy_node *key) {
  const dz_family *f = L->p->fam;
  int rc = mge_yaml_need_map(&L->y, space, key, "space");
  if (rc) return rc;
  mge_yaml_map_it m = {0};
  int more, have = 0;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, space, &m, &more))) return rc;
    if (!more) break;
    if (!strcmp(m.name, f->space_key)) {
      if ((rc = f->read_space(L, root, m.val, m.key))) return rc;
      have = 1;
    } else {
      return mge_yaml_error(&L->y, m.key, 0,
                            "unknown key '%s' in space (expected %s)", m.name,
                            f->space_key);
    }
  }
  if (!have)
    return mge_yaml_error(&L->y, key, 0, "space: %s missing", f->space_key);
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
  int k, rc;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_registry_property(L->reg, name, len, &m, &k, &sub))
    return mge_yaml_error(&L->y, n, off, "%s%s", sub.message,
                          dz_thermo_hint(name, len));
  if (m->family != p->family)
    return mge_yaml_error(
        &L->y, n, off, "property %.*s is for %s candidates, not %s", (int)len,
        name, mge_family_name(m->family), mge_family_name(p->family));
  if (p->fam->bind && (rc = p->fam->bind(L, n, off, name, len, &m))) return rc;
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

/* One item of a list section (properties, constraints, objectives); key is
 * the section's key. */
typedef int (*item_fn)(loader *L, struct fy_node *item, struct fy_node *key);

/* Each item of the sequence s (the section `what` under key) through fn, in
 * order; the first error stops. */
static int load_list(loader *L, struct fy_node *s, struct fy_node *key,
                     const char *what, item_fn fn) {
  int rc = mge_yaml_need_seq(&L->y, s, key, what);
  void *it = NULL;
  struct fy_node *item;
  while (!rc && (item = fy_node_sequence_iterate(s, &it)))
    rc = fn(L, item, key);
  return rc;
}

static int load_property(loader *L, struct fy_node *item, struct fy_node *key) {
  char buf[MGE_YAML_SCALAR_MAX];
  int idx;
  int rc = mge_yaml_scalar(&L->y, item, "property", buf, sizeof buf);
  return rc ? rc : add_prop(L, item, 0, buf, strlen(buf), &idx);
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

static int load_constraint(loader *L, struct fy_node *item,
                           struct fy_node *key) {
  mge_problem *p = L->p;
  int rc;
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
    return mge_yaml_error(&L->y, item, q + (int)(ob - buf),
                          "constraint: expected <, <=, >, >= or == after %.*s",
                          (int)nlen, nb);
  while (*c == ' ') c++;
  if ((rc = quantity_for(L, item, q + (int)(c - buf), c, k->prop, &k->value)))
    return rc;
  snprintf(k->text, sizeof k->text, "%.95s", buf);
  p->n_constraints++;
  return 0;
}

static int load_objective(loader *L, struct fy_node *item,
                          struct fy_node *key) {
  mge_problem *p = L->p;
  int rc;
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
      if ((rc = mge_yaml_number(&L->y, m.val, "weight", &o->weight))) return rc;
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

/* The family sections ("load:", "thermo:") of every registered family, in
 * the order they are read (after space:, then after sampler:) and, within
 * that, of the family table. */
#define MAX_SECTIONS 16

typedef struct section_slot {
  const dz_section *sec;
  const dz_family *owner;
  struct fy_node *val, *key;
} section_slot;

static int gather_sections(section_slot *s) {
  int n = 0;
  for (int phase = 0; phase < 2; phase++)
    for (int i = 0; i < dz_family_count(); i++) {
      const dz_family *f = dz_family_at(i);
      for (int k = 0; k < f->n_sections && n < MAX_SECTIONS; k++)
        if (f->sections[k].after_sampler == phase) {
          memset(&s[n], 0, sizeof s[n]);
          s[n].sec = &f->sections[k];
          s[n++].owner = f;
        }
    }
  return n;
}

/* Read the sections of one phase that were given: the problem's family
 * reads its own, another family's is refused. */
static int read_sections(loader *L, struct fy_node *root, section_slot *s,
                         int n, int phase) {
  for (int i = 0; i < n; i++) {
    if (!s[i].val || s[i].sec->after_sampler != phase) continue;
    if (s[i].owner != L->p->fam)
      return mge_yaml_error(&L->y, s[i].key, 0, "%s: %s", s[i].sec->name,
                            s[i].sec->refuse);
    int rc = s[i].sec->read(L, root, s[i].val, s[i].key);
    if (rc) return rc;
  }
  return 0;
}

/* "alloy, glass, laminate" */
static void family_names(char *buf, size_t cap) {
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < dz_family_count() && used < cap; i++)
    used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? ", " : "",
                             dz_family_at(i)->name);
}

static int load_root(loader *L, struct fy_node *root) {
  mge_problem *p = L->p;
  int rc;
  if (!root || !fy_node_is_mapping(root))
    return mge_error_set_at(L->err, MGE_E_INPUT, L->source, 1, 1,
                            "a problem file is a YAML mapping (name:, family:, "
                            "space:, sampler:, ...)");
  section_slot sec[MAX_SECTIONS];
  int n_sec = gather_sections(sec);
  char extra[256] = "";
  size_t used = 0;
  for (int i = 0; i < n_sec && used < sizeof extra; i++)
    used += (size_t)snprintf(extra + used, sizeof extra - used, ", %s",
                             sec[i].sec->name);
  mge_yaml_map_it m = {0};
  int more;
  struct fy_node *family_n = NULL, *space_n = NULL, *space_k = NULL,
                 *samp_n = NULL, *samp_k = NULL, *n_node = NULL;
  struct fy_node *props_n = NULL, *props_k = NULL, *cons_n = NULL,
                 *cons_k = NULL, *obj_n = NULL, *obj_k = NULL, *keep_n = NULL,
                 *keep_k = NULL;
  for (;;) {
    if ((rc = mge_yaml_map_next(&L->y, root, &m, &more))) return rc;
    if (!more) break;
    int si = -1;
    for (int i = 0; i < n_sec; i++)
      if (!strcmp(m.name, sec[i].sec->name)) si = i;
    if (si >= 0) {
      sec[si].val = m.val, sec[si].key = m.key;
    } else if (!strcmp(m.name, "name")) {
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
    } else {
      return mge_yaml_error(
          &L->y, m.key, 0,
          "unknown key '%s' (expected name, description, family, space, "
          "sampler, properties, constraints, objectives, keep%s)",
          m.name, extra);
    }
  }
  /* in dependency order, not file order */
  if (!family_n)
    return mge_yaml_error(&L->y, root, 0,
                          "family missing (family: alloy or family: glass)");
  char fam[MGE_YAML_SCALAR_MAX];
  if ((rc = mge_yaml_scalar(&L->y, family_n, "family", fam, sizeof fam)))
    return rc;
  const dz_family *f = dz_family_find(fam);
  if (!f) {
    char names[256];
    family_names(names, sizeof names);
    return mge_yaml_error(
        &L->y, family_n, 0,
        "family '%s' is not supported by the design engine (%s)", fam, names);
  }
  p->fam = f;
  p->family = f->id;
  if (f->data_size && !(p->fdata = calloc(1, f->data_size)))
    return mge_error_set(L->err, MGE_E_NOMEM, "out of memory");
  if (!space_n) return mge_yaml_error(&L->y, root, 0, "space missing");
  if ((rc = load_space(L, root, space_n, space_k))) return rc;
  if ((rc = read_sections(L, root, sec, n_sec, 0))) return rc;
  if (!samp_n) return mge_yaml_error(&L->y, root, 0, "sampler missing");
  if ((rc = load_sampler(L, samp_n, samp_k, &n_node))) return rc;
  if ((rc = read_sections(L, root, sec, n_sec, 1))) return rc;
  if (props_n &&
      (rc = load_list(L, props_n, props_k, "properties", load_property)))
    return rc;
  if (cons_n &&
      (rc = load_list(L, cons_n, cons_k, "constraints", load_constraint)))
    return rc;
  if (!obj_n) return mge_yaml_error(&L->y, root, 0, "objectives missing");
  if ((rc = load_list(L, obj_n, obj_k, "objectives", load_objective)))
    return rc;
  if (p->n_obj == 0)
    return mge_yaml_error(&L->y, obj_k, 0, "objectives: the list is empty");
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
  char *buf;
  size_t n;
  int rc = mge_file_read_all(path, MGE_PROBLEM_MAX_BYTES, &buf, &n, err);
  if (rc) return rc;
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
  free(p->fdata);
  free(p->text);
  free(p);
}
