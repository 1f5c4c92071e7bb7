/* The model registry: built-in family lists plus models added at run time. */
#include "mge/registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/str.h"
#include "mge/units.h"

typedef struct reg_item {
  const mge_model *m;
  mge_model *owned;
  void (*destroy)(mge_model *);
} reg_item;

struct mge_registry {
  size_t n, cap;
  reg_item *items;
};

mge_registry *mge_registry_new(void) {
  return calloc(1, sizeof(mge_registry));
}

void mge_registry_free(mge_registry *r) {
  if (!r) return;
  for (size_t i = 0; i < r->n; i++)
    if (r->items[i].owned && r->items[i].destroy)
      r->items[i].destroy(r->items[i].owned);
  free(r->items);
  free(r);
}

static int check_model(const mge_registry *r, const mge_model *m,
                       mge_error *err) {
  if (!m) return mge_error_set(err, MGE_E_INPUT, "no model given");
  if (!m->name || !m->name[0] || strlen(m->name) > 63)
    return mge_error_set(err, MGE_E_INPUT,
                         "model %d: name must have 1 to 63 characters", m->id);
  if (m->id <= 0)
    return mge_error_set(err, MGE_E_INPUT, "model %s: id must be positive",
                         m->name);
  if (!m->eval)
    return mge_error_set(err, MGE_E_INPUT, "model %s: no eval function",
                         m->name);
  if (m->n_out < 1 || !m->out)
    return mge_error_set(err, MGE_E_INPUT, "model %s: no outputs", m->name);
  for (int k = 0; k < m->n_out; k++) {
    mge_unit u;
    mge_error e2;
    if (!m->out[k].name || !m->out[k].name[0])
      return mge_error_set(err, MGE_E_INPUT, "model %s: output %d has no name",
                           m->name, k);
    if (!m->out[k].unit || mge_unit_parse(m->out[k].unit, &u, &e2))
      return mge_error_set(err, MGE_E_INPUT,
                           "model %s: output %s has no valid unit", m->name,
                           m->out[k].name);
  }
  if (m->n_param < 0 || (m->n_param > 0 && !m->param))
    return mge_error_set(err, MGE_E_INPUT, "model %s: bad parameter table",
                         m->name);
  for (int k = 0; k < m->n_param; k++) {
    mge_unit u;
    mge_error e2;
    const mge_model_param *q = &m->param[k];
    if (!q->name || !q->name[0] || !q->unit ||
        mge_unit_parse(q->unit, &u, &e2) || !q->desc)
      return mge_error_set(err, MGE_E_INPUT,
                           "model %s: parameter %d needs a name, a valid unit "
                           "and a description",
                           m->name, k);
    for (int j = 0; j < k; j++)
      if (!strcmp(m->param[j].name, q->name))
        return mge_error_set(err, MGE_E_INPUT,
                             "model %s: parameter %s given twice", m->name,
                             q->name);
  }
  for (size_t i = 0; i < r->n; i++) {
    if (r->items[i].m->id == m->id)
      return mge_error_set(err, MGE_E_INPUT,
                           "model id %d of %s already used by %s", m->id,
                           m->name, r->items[i].m->name);
    if (strcmp(r->items[i].m->name, m->name) == 0)
      return mge_error_set(err, MGE_E_INPUT, "model name %s already used",
                           m->name);
  }
  return 0;
}

static int add(mge_registry *r, const mge_model *m, mge_model *owned,
               void (*destroy)(mge_model *), mge_error *err) {
  int rc = check_model(r, m, err);
  if (!rc && r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 16;
    reg_item *ni = realloc(r->items, cap * sizeof *ni);
    if (!ni)
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    else {
      r->items = ni;
      r->cap = cap;
    }
  }
  if (rc) {
    if (owned && destroy) destroy(owned);
    return rc;
  }
  r->items[r->n].m = m;
  r->items[r->n].owned = owned;
  r->items[r->n].destroy = destroy;
  r->n++;
  return 0;
}

int mge_registry_add(mge_registry *r, const mge_model *m, mge_error *err) {
  return add(r, m, NULL, NULL, err);
}

int mge_registry_add_owned(mge_registry *r, mge_model *m,
                           void (*destroy)(mge_model *m), mge_error *err) {
  return add(r, m, m, destroy, err);
}

int mge_registry_add_list(mge_registry *r, const mge_model *const *list,
                          size_t n, mge_error *err) {
  for (size_t i = 0; i < n; i++) {
    int rc = mge_registry_add(r, list[i], err);
    if (rc) return rc;
  }
  return 0;
}

size_t mge_registry_count(const mge_registry *r) {
  return r ? r->n : 0;
}

const mge_model *mge_registry_at(const mge_registry *r, size_t i) {
  return r && i < r->n ? r->items[i].m : NULL;
}

const mge_model *mge_registry_find(const mge_registry *r, const char *name) {
  for (size_t i = 0; r && name && i < r->n; i++)
    if (strcmp(r->items[i].m->name, name) == 0) return r->items[i].m;
  return NULL;
}

const mge_model *mge_registry_find_id(const mge_registry *r, int id) {
  for (size_t i = 0; r && i < r->n; i++)
    if (r->items[i].m->id == id) return r->items[i].m;
  return NULL;
}

static int name_eq(const char *a, size_t alen, const char *b) {
  return strlen(b) == alen && memcmp(a, b, alen) == 0;
}

int mge_registry_property(const mge_registry *r, const char *name, size_t len,
                          const mge_model **m, int *k, mge_error *err) {
  for (size_t i = 0; r && i < r->n; i++) {
    const mge_model *x = r->items[i].m;
    size_t nl = strlen(x->name);
    if (x->n_out == 1 && name_eq(name, len, x->name)) {
      *m = x;
      *k = 0;
      return 0;
    }
    if (len > nl + 1 && memcmp(name, x->name, nl) == 0 && name[nl] == '.') {
      for (int o = 0; o < x->n_out; o++)
        if (name_eq(name + nl + 1, len - nl - 1, x->out[o].name)) {
          *m = x;
          *k = o;
          return 0;
        }
    }
  }
  /* the closest known property name */
  char best[128] = "";
  size_t bestd = 4;
  for (size_t i = 0; r && i < r->n; i++) {
    const mge_model *x = r->items[i].m;
    for (int o = 0; o < x->n_out; o++) {
      char full[128];
      snprintf(full, sizeof full, "%s.%s", x->name, x->out[o].name);
      size_t d = mge_edit_distance(name, len, full, strlen(full));
      if (d < bestd) {
        bestd = d;
        snprintf(best, sizeof best, "%s", full);
      }
    }
  }
  if (best[0])
    return mge_error_set(err, MGE_E_INPUT,
                         "unknown property '%.*s' (did you mean %s?)",
                         (int)(len > 100 ? 100 : len), name, best);
  return mge_error_set(err, MGE_E_INPUT,
                       "unknown property '%.*s' (see `mge models`)",
                       (int)(len > 100 ? 100 : len), name);
}
