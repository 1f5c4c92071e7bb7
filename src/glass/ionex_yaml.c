/* YAML input of the ion-exchange simulator, on the core YAML readers
 * (include/mge/yaml.h): positions, numbers and quantities with units. */
#include <errno.h>
#include <libfyaml.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glass/glass_internal.h"
#include "mge/units.h"
#include "mge/yaml.h"

#define YAML_MAX_LEN (1u << 20)

/* ------------------------------------------------------------ values */

/* A quantity under key whose name is base, of the dimension of unit (an SI
 * unit text): `base: 72 GPa` or a bare number in SI (`E: 7.2e10`, as this
 * format always read it), `base_UNIT: 72` (mge_yaml_quantity_key), or the
 * older keys with a compound unit written with '_' for '/' (`Q_kJ_mol`,
 * `D0_m2_s`). *matched is 1 when key is one of these. */
static int quantity(const mge_yaml_ctx *y, const char *key, struct fy_node *v,
                    const char *base, const char *unit, int *matched,
                    double *si) {
  *matched = 0;
  if (!strcmp(key, base)) {
    *matched = 1;
    char buf[MGE_YAML_SCALAR_MAX];
    int rc = mge_yaml_scalar(y, v, key, buf, sizeof buf);
    if (rc) return rc;
    mge_error sub;
    mge_error_clear(&sub);
    if (mge_quantity_parse_as(buf, unit, si, &sub))
      return mge_yaml_error(y, v, sub.column > 0 ? sub.column - 1 : 0, "%s: %s",
                            key, sub.message);
    return 0;
  }
  int rc = mge_yaml_quantity_key(y, key, v, base, unit, matched, si);
  if (rc || *matched) return rc;
  size_t bl = strlen(base), kl = strlen(key);
  if (strncmp(key, base, bl) || key[bl] != '_' || !strchr(key + bl + 1, '_') ||
      kl >= MGE_YAML_SCALAR_MAX)
    return 0;
  char alt[MGE_YAML_SCALAR_MAX];
  memcpy(alt, key, kl + 1);
  for (char *c = alt + bl + 1; *c; c++)
    if (*c == '_') *c = '/';
  rc = mge_yaml_quantity_key(y, alt, v, base, unit, matched, si);
  /* name the key as written in the message ("Q_kJ_mol: ...") */
  if (rc && y->err && !strncmp(y->err->message, alt, kl))
    memcpy(y->err->message, key, kl);
  return rc;
}

/* A quantity or number member of a struct: key base, SI unit (NULL for a
 * plain number), offset of the double in the struct. */
typedef struct field {
  const char *base;
  const char *unit;
  size_t off;
} field;

/* If key names one of f[0..n), read the value into the struct at obj: 1,
 * 0 when no field matches, -1 on an error. */
static int read_field(const mge_yaml_ctx *y, const field *f, int n,
                      const char *key, struct fy_node *v, void *obj) {
  for (int i = 0; i < n; i++) {
    double *dst = (double *)((char *)obj + f[i].off);
    int matched = 0, rc;
    if (!f[i].unit) {
      if (strcmp(key, f[i].base)) continue;
      matched = 1;
      rc = mge_yaml_number(y, v, key, dst);
    } else {
      rc = quantity(y, key, v, f[i].base, f[i].unit, &matched, dst);
    }
    if (rc) return -1;
    if (matched) return 1;
  }
  return 0;
}

#define NF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ------------------------------------------------------------ sections */

static const field F_STEP[] = {
    {"T", "K", offsetof(mge_ionex_step, T_K)},
    {"time", "s", offsetof(mge_ionex_step, time_s)},
    {"poison", NULL, offsetof(mge_ionex_step, poison)},
    {"NaNO3", NULL, offsetof(mge_ionex_step, poison)},
    {"LiNO3", NULL, offsetof(mge_ionex_step, poison)},
};

static int parse_step(const mge_yaml_ctx *y, struct fy_node *n,
                      mge_ionex_step *st) {
  if (!fy_node_is_mapping(n))
    return mge_yaml_error(
        y, n, 0, "a schedule step must be a mapping {T_C, time_h, poison}");
  st->T_K = st->time_s = NAN;
  st->poison = 0;
  mge_yaml_map_it m = {0};
  int more, rc;
  for (;;) {
    if ((rc = mge_yaml_map_next(y, n, &m, &more))) return rc;
    if (!more) break;
    int r = read_field(y, F_STEP, NF(F_STEP), m.name, m.val, st);
    if (r < 0) return MGE_E_INPUT;
    if (r == 0)
      return mge_yaml_error(y, m.key, 0,
                            "unknown schedule key '%s' (T_K, T_C, time_s, "
                            "time_min, time_h, poison)",
                            m.name);
  }
  if (isnan(st->T_K) || isnan(st->time_s))
    return mge_yaml_error(y, n, 0,
                          "a schedule step needs a temperature and a time");
  return 0;
}

static int parse_schedule(const mge_yaml_ctx *y, struct fy_node *key,
                          struct fy_node *n, mge_ionex_step *steps, int *ns) {
  if (!fy_node_is_sequence(n))
    return mge_yaml_error(y, n, 0, "schedule must be a list of steps");
  *ns = 0;
  void *it = NULL;
  struct fy_node *e;
  while ((e = fy_node_sequence_iterate(n, &it))) {
    if (*ns >= MGE_IONEX_MAX_STEPS)
      return mge_yaml_error(y, e, 0, "too many schedule steps (max 8)");
    if (parse_step(y, e, &steps[*ns])) return MGE_E_INPUT;
    (*ns)++;
  }
  if (*ns == 0) return mge_yaml_error(y, key, 0, "empty schedule");
  return 0;
}

/* recipe: E and nu by Makishima-Mackenzie (with the Fluegel density) where
 * the file does not give them. */
static int glass_recipe(const mge_yaml_ctx *y, struct fy_node *v, double *E_rec,
                        double *nu_rec) {
  char text[512];
  if (mge_yaml_scalar(y, v, "recipe", text, sizeof text)) return MGE_E_INPUT;
  mge_recipe r;
  mge_error e2;
  mge_error_clear(&e2);
  if (mge_recipe_parse(text, &r, &e2))
    return mge_yaml_error(y, v, 0, "recipe: %s", e2.message);
  mge_glass_props p;
  if (mge_glass_props_eval(&r, &p, &e2) || !isfinite(p.value[MGE_GP_YOUNG]) ||
      !isfinite(p.value[MGE_GP_POISSON]))
    return mge_yaml_error(y, v, 0,
                          "recipe: no Makishima-Mackenzie modulus (an oxide "
                          "without parameters?)");
  *E_rec = p.value[MGE_GP_YOUNG];
  *nu_rec = p.value[MGE_GP_POISSON];
  return 0;
}

static const field F_GLASS[] = {
    {"E", "Pa", offsetof(mge_ionex_glass, E_Pa)},
    {"nu", NULL, offsetof(mge_ionex_glass, nu)},
    {"B", NULL, offsetof(mge_ionex_glass, B)},
    {"D0", "m2/s", offsetof(mge_ionex_glass, D0_m2_s)},
    {"Q", "J/mol", offsetof(mge_ionex_glass, Q_J_mol)},
    {"ratio", NULL, offsetof(mge_ionex_glass, ratio)},
    {"C_init", NULL, offsetof(mge_ionex_glass, C_init)},
    {"K_eq", NULL, offsetof(mge_ionex_glass, K_eq)},
    {"tau0", "s", offsetof(mge_ionex_glass, tau0_s)},
    {"Q_relax", "J/mol", offsetof(mge_ionex_glass, Q_relax_J_mol)},
};

static int parse_glass(const mge_yaml_ctx *y, struct fy_node *n,
                       mge_ionex_glass *g) {
  if (!fy_node_is_mapping(n))
    return mge_yaml_error(y, n, 0, "glass must be a mapping");
  double E_rec = NAN, nu_rec = NAN;
  mge_yaml_map_it m = {0};
  int more, rc;
  for (;;) {
    if ((rc = mge_yaml_map_next(y, n, &m, &more))) return rc;
    if (!more) break;
    if (strcmp(m.name, "recipe") == 0) {
      if (glass_recipe(y, m.val, &E_rec, &nu_rec)) return MGE_E_INPUT;
      continue;
    }
    int r = read_field(y, F_GLASS, NF(F_GLASS), m.name, m.val, g);
    if (r < 0) return MGE_E_INPUT;
    if (r == 0)
      return mge_yaml_error(
          y, m.key, 0,
          "unknown glass key '%s' (recipe, E_GPa, nu, B, D0_m2_s, Q_kJ_mol, "
          "ratio, C_init, K_eq, tau0_s, Q_relax_kJ_mol)",
          m.name);
  }
  if (isnan(g->E_Pa)) g->E_Pa = E_rec;
  if (isnan(g->nu)) g->nu = nu_rec;
  return 0;
}

static const field F_MESH[] = {
    {"grading", NULL, offsetof(mge_ionex_opts, grading)},
    {"dt_growth", NULL, offsetof(mge_ionex_opts, dt_growth)},
    {"dol_fraction", NULL, offsetof(mge_ionex_opts, dol_frac)},
};

static int parse_mesh(const mge_yaml_ctx *y, struct fy_node *n,
                      mge_ionex_opts *o) {
  if (!fy_node_is_mapping(n))
    return mge_yaml_error(y, n, 0, "mesh must be a mapping");
  mge_yaml_map_it m = {0};
  int more, rc;
  for (;;) {
    if ((rc = mge_yaml_map_next(y, n, &m, &more))) return rc;
    if (!more) break;
    int *count = !strcmp(m.name, "nodes")        ? &o->n_nodes
                 : !strcmp(m.name, "time_steps") ? &o->n_time
                                                 : NULL;
    if (count) {
      uint64_t v;
      if ((rc = mge_yaml_integer(y, m.val, m.name, 1, 1000000, &v))) return rc;
      *count = (int)v;
      continue;
    }
    int r = read_field(y, F_MESH, NF(F_MESH), m.name, m.val, o);
    if (r < 0) return MGE_E_INPUT;
    if (r == 0)
      return mge_yaml_error(y, m.key, 0,
                            "unknown mesh key '%s' (nodes, grading, "
                            "time_steps, dt_growth, dol_fraction)",
                            m.name);
  }
  return 0;
}

static const field F_MEASURE[] = {
    {"CS", "Pa", offsetof(mge_ionex_measure, CS_Pa)},
    {"DOL", "m", offsetof(mge_ionex_measure, DOL_m)},
};

static int parse_measured(const mge_yaml_ctx *y, struct fy_node *n,
                          mge_ionex_measure *meas, int cap, int *nm) {
  if (!fy_node_is_sequence(n))
    return mge_yaml_error(y, n, 0, "measured must be a list");
  *nm = 0;
  void *it = NULL;
  struct fy_node *e;
  while ((e = fy_node_sequence_iterate(n, &it))) {
    if (*nm >= cap) return mge_yaml_error(y, e, 0, "too many measurements");
    if (!fy_node_is_mapping(e))
      return mge_yaml_error(
          y, e, 0,
          "a measurement must be a mapping {schedule, CS_MPa, DOL_um}");
    mge_ionex_measure *mm = &meas[*nm];
    memset(mm, 0, sizeof *mm);
    mm->CS_Pa = mm->DOL_m = NAN;
    mge_yaml_map_it m = {0};
    int more, rc;
    for (;;) {
      if ((rc = mge_yaml_map_next(y, e, &m, &more))) return rc;
      if (!more) break;
      if (strcmp(m.name, "schedule") == 0) {
        if (parse_schedule(y, m.key, m.val, mm->step, &mm->n_steps))
          return MGE_E_INPUT;
        continue;
      }
      int r = read_field(y, F_MEASURE, NF(F_MEASURE), m.name, m.val, mm);
      if (r < 0) return MGE_E_INPUT;
      if (r == 0)
        return mge_yaml_error(
            y, m.key, 0,
            "unknown measurement key '%s' (schedule, CS_MPa, DOL_um)", m.name);
    }
    if (mm->n_steps == 0 || isnan(mm->CS_Pa) || isnan(mm->DOL_m))
      return mge_yaml_error(y, e, 0,
                            "a measurement needs schedule, CS and DOL");
    (*nm)++;
  }
  return 0;
}

/* ------------------------------------------------------------ document */

static const field F_TOP[] = {
    {"thickness", "m", offsetof(mge_ionex_problem, thickness_m)},
};

/* One top-level pair of the document. */
static int parse_pair(const mge_yaml_ctx *y, const mge_yaml_map_it *m,
                      mge_ionex_problem *p, mge_ionex_measure *meas,
                      int meas_cap, int *n_meas, int *have) {
  const char *key = m->name;
  if (strcmp(key, "exchange") == 0) {
    char val[32];
    if (mge_yaml_scalar(y, m->val, key, val, sizeof val)) return MGE_E_INPUT;
    if (strcmp(val, "K-Na") == 0)
      p->pair = MGE_IONEX_K_NA;
    else if (strcmp(val, "Na-Li") == 0)
      p->pair = MGE_IONEX_NA_LI;
    else
      return mge_yaml_error(y, m->val, 0,
                            "exchange '%s': expected K-Na or Na-Li", val);
    return 0;
  }
  if (strcmp(key, "glass") == 0) {
    have[0] = 1;
    return parse_glass(y, m->val, &p->glass);
  }
  if (strcmp(key, "schedule") == 0) {
    have[1] = 1;
    return parse_schedule(y, m->key, m->val, p->step, &p->n_steps);
  }
  if (strcmp(key, "mesh") == 0) return parse_mesh(y, m->val, &p->opts);
  if (strcmp(key, "measured") == 0) {
    if (!meas || meas_cap <= 0)
      return mge_yaml_error(y, m->key, 0, "measured: not accepted here");
    int nm = 0, rc = parse_measured(y, m->val, meas, meas_cap, &nm);
    if (n_meas) *n_meas = nm;
    return rc;
  }
  int r = read_field(y, F_TOP, NF(F_TOP), key, m->val, p);
  if (r < 0) return MGE_E_INPUT;
  if (r == 0)
    return mge_yaml_error(y, m->key, 0,
                          "unknown key '%s' (exchange, thickness_mm, glass, "
                          "schedule, mesh, measured)",
                          key);
  return 0;
}

/* What must be there once the document is read. */
static int check_complete(const mge_ionex_problem *p, const int *have,
                          const char *src, mge_error *err) {
  if (isnan(p->thickness_m))
    return mge_error_set_at(err, MGE_E_INPUT, src, 0, 0,
                            "missing thickness_mm");
  if (!have[0] || !have[1])
    return mge_error_set_at(err, MGE_E_INPUT, src, 0, 0, "missing %s",
                            have[0] ? "schedule" : "glass");
  const char *need[] = {"E_GPa (or recipe)", "nu (or recipe)", "B", "D0_m2_s",
                        "Q_kJ_mol"};
  double val[] = {p->glass.E_Pa, p->glass.nu, p->glass.B, p->glass.D0_m2_s,
                  p->glass.Q_J_mol};
  for (int i = 0; i < 5; i++)
    if (isnan(val[i]))
      return mge_error_set_at(err, MGE_E_INPUT, src, 0, 0, "glass: missing %s",
                              need[i]);
  return 0;
}

int mge_ionex_parse_yaml(const char *text, size_t len, const char *source,
                         mge_ionex_problem *p, mge_ionex_measure *meas,
                         int meas_cap, int *n_meas, mge_error *err) {
  const char *src = source ? source : "<yaml>";
  if (n_meas) *n_meas = 0;
  if (len > YAML_MAX_LEN)
    return mge_error_set_at(err, MGE_E_LIMIT, src, 0, 0,
                            "input larger than %u bytes", YAML_MAX_LEN);
  memset(p, 0, sizeof *p);
  p->pair = MGE_IONEX_K_NA;
  p->thickness_m = NAN;
  p->glass.E_Pa = p->glass.nu = p->glass.B = NAN;
  p->glass.D0_m2_s = p->glass.Q_J_mol = NAN;
  p->glass.ratio = 1;
  p->glass.K_eq = 1;
  p->glass.Q_relax_J_mol = 0;
  mge_ionex_opts_default(&p->opts);
  int rc = mge_yaml_check_text(text, len, src, err);
  if (rc) return rc;
  struct fy_document *doc = NULL;
  if ((rc = mge_yaml_doc_parse(text, len, src, &doc, err))) return rc;
  mge_yaml_ctx y = {src, text, len, err};
  struct fy_node *root = fy_document_root(doc);
  if (!root || !fy_node_is_mapping(root)) {
    rc = mge_error_set_at(err, MGE_E_INPUT, src, 1, 1,
                          "the document must be a mapping");
  } else {
    int have[2] = {0, 0}; /* glass, schedule */
    mge_yaml_map_it m = {0};
    int more;
    for (;;) {
      if ((rc = mge_yaml_map_next(&y, root, &m, &more)) || !more) break;
      if ((rc = parse_pair(&y, &m, p, meas, meas_cap, n_meas, have))) break;
    }
    if (!rc) rc = check_complete(p, have, src, err);
  }
  mge_yaml_doc_free(doc);
  return rc;
}

int mge_ionex_read_yaml(const char *path, mge_ionex_problem *p,
                        mge_ionex_measure *meas, int meas_cap, int *n_meas,
                        mge_error *err) {
  if (n_meas) *n_meas = 0;
  FILE *f = fopen(path, "rb");
  if (!f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  char *text = malloc(YAML_MAX_LEN + 1);
  if (!text) {
    fclose(f);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  size_t len = fread(text, 1, YAML_MAX_LEN + 1, f);
  int bad = ferror(f);
  fclose(f);
  int rc = bad ? mge_error_set_at(err, MGE_E_IO, path, 0, 0, "read error")
               : mge_ionex_parse_yaml(text, len, path, p, meas, meas_cap,
                                      n_meas, err);
  free(text);
  return rc;
}
