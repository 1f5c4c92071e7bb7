/* YAML input of the ion-exchange simulator, on the core YAML readers
 * (include/mge/yaml.h): positions, numbers and quantities with units. */
#include <libfyaml.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "glass/glass_internal.h"
#include "mge/file.h"
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

/* A mapping section: its fields, a hook for the keys that are not fields
 * (1: read, 0: not one of them, -1: error), and the text of its unknown-key
 * message ("unknown KIND key 'x' (KEYS)"). */
typedef int (*section_hook)(const mge_yaml_ctx *y, const mge_yaml_map_it *m,
                            void *obj, void *ctx);
typedef struct section {
  const char *kind; /* "glass " (with its blank), "" */
  const char *keys;
  const field *f;
  int nf;
  section_hook hook;
} section;

static int read_section(const mge_yaml_ctx *y, struct fy_node *n,
                        const section *s, void *obj, void *ctx) {
  mge_yaml_map_it m = {0};
  int more, rc;
  for (;;) {
    if ((rc = mge_yaml_map_next(y, n, &m, &more))) return rc;
    if (!more) return 0;
    int r = s->hook ? s->hook(y, &m, obj, ctx) : 0;
    if (r == 0) r = read_field(y, s->f, s->nf, m.name, m.val, obj);
    if (r < 0) return MGE_E_INPUT;
    if (r == 0)
      return mge_yaml_error(y, m.key, 0, "unknown %skey '%s' (%s)", s->kind,
                            m.name, s->keys);
  }
}

/* ------------------------------------------------------------ sections */

static const field F_STEP[] = {
    {"T", "K", offsetof(mge_ionex_step, T_K)},
    {"time", "s", offsetof(mge_ionex_step, time_s)},
    {"poison", NULL, offsetof(mge_ionex_step, poison)},
    {"NaNO3", NULL, offsetof(mge_ionex_step, poison)},
    {"LiNO3", NULL, offsetof(mge_ionex_step, poison)},
};
static const section S_STEP = {"schedule ",
                               "T_K, T_C, time_s, time_min, time_h, poison",
                               F_STEP, NF(F_STEP), NULL};

static int parse_step(const mge_yaml_ctx *y, struct fy_node *n,
                      mge_ionex_step *st) {
  if (!fy_node_is_mapping(n))
    return mge_yaml_error(
        y, n, 0, "a schedule step must be a mapping {T_C, time_h, poison}");
  st->T_K = st->time_s = NAN;
  st->poison = 0;
  int rc = read_section(y, n, &S_STEP, st, NULL);
  if (rc) return rc;
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
 * the file does not give them; ctx is double[2] {E, nu}. */
static int glass_hook(const mge_yaml_ctx *y, const mge_yaml_map_it *m,
                      void *obj, void *ctx) {
  (void)obj;
  if (strcmp(m->name, "recipe")) return 0;
  double *rec = ctx;
  char text[512];
  if (mge_yaml_scalar(y, m->val, "recipe", text, sizeof text)) return -1;
  mge_recipe r;
  mge_error e2;
  mge_error_clear(&e2);
  if (mge_recipe_parse(text, &r, &e2))
    return mge_yaml_error(y, m->val, 0, "recipe: %s", e2.message), -1;
  mge_glass_props p;
  if (mge_glass_props_eval(&r, &p, &e2) || !isfinite(p.value[MGE_GP_YOUNG]) ||
      !isfinite(p.value[MGE_GP_POISSON]))
    return mge_yaml_error(y, m->val, 0,
                          "recipe: no Makishima-Mackenzie modulus (an oxide "
                          "without parameters?)"),
           -1;
  rec[0] = p.value[MGE_GP_YOUNG];
  rec[1] = p.value[MGE_GP_POISSON];
  return 1;
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
static const section S_GLASS = {"glass ",
                                "recipe, E_GPa, nu, B, D0_m2_s, Q_kJ_mol, "
                                "ratio, C_init, K_eq, tau0_s, Q_relax_kJ_mol",
                                F_GLASS, NF(F_GLASS), glass_hook};

static int parse_glass(const mge_yaml_ctx *y, struct fy_node *n,
                       mge_ionex_glass *g) {
  if (!fy_node_is_mapping(n))
    return mge_yaml_error(y, n, 0, "glass must be a mapping");
  double rec[2] = {NAN, NAN};
  int rc = read_section(y, n, &S_GLASS, g, rec);
  if (rc) return rc;
  if (isnan(g->E_Pa)) g->E_Pa = rec[0];
  if (isnan(g->nu)) g->nu = rec[1];
  return 0;
}

/* nodes, time_steps: whole numbers. */
static int mesh_hook(const mge_yaml_ctx *y, const mge_yaml_map_it *m, void *obj,
                     void *ctx) {
  (void)ctx;
  mge_ionex_opts *o = obj;
  int *count = !strcmp(m->name, "nodes")        ? &o->n_nodes
               : !strcmp(m->name, "time_steps") ? &o->n_time
                                                : NULL;
  if (!count) return 0;
  uint64_t v;
  if (mge_yaml_integer(y, m->val, m->name, 1, 1000000, &v)) return -1;
  *count = (int)v;
  return 1;
}

static const field F_MESH[] = {
    {"grading", NULL, offsetof(mge_ionex_opts, grading)},
    {"dt_growth", NULL, offsetof(mge_ionex_opts, dt_growth)},
    {"dol_fraction", NULL, offsetof(mge_ionex_opts, dol_frac)},
};
static const section S_MESH = {
    "mesh ", "nodes, grading, time_steps, dt_growth, dol_fraction", F_MESH,
    NF(F_MESH), mesh_hook};

static int measure_hook(const mge_yaml_ctx *y, const mge_yaml_map_it *m,
                        void *obj, void *ctx) {
  (void)ctx;
  mge_ionex_measure *mm = obj;
  if (strcmp(m->name, "schedule")) return 0;
  return parse_schedule(y, m->key, m->val, mm->step, &mm->n_steps) ? -1 : 1;
}

static const field F_MEASURE[] = {
    {"CS", "Pa", offsetof(mge_ionex_measure, CS_Pa)},
    {"DOL", "m", offsetof(mge_ionex_measure, DOL_m)},
};
static const section S_MEASURE = {"measurement ", "schedule, CS_MPa, DOL_um",
                                  F_MEASURE, NF(F_MEASURE), measure_hook};

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
    int rc = read_section(y, e, &S_MEASURE, mm, NULL);
    if (rc) return rc;
    if (mm->n_steps == 0 || isnan(mm->CS_Pa) || isnan(mm->DOL_m))
      return mge_yaml_error(y, e, 0,
                            "a measurement needs schedule, CS and DOL");
    (*nm)++;
  }
  return 0;
}

/* ------------------------------------------------------------ document */

typedef struct top_ctx {
  mge_ionex_measure *meas;
  int meas_cap;
  int *n_meas;
  int have_glass, have_schedule;
} top_ctx;

static int top_hook(const mge_yaml_ctx *y, const mge_yaml_map_it *m, void *obj,
                    void *ctx) {
  mge_ionex_problem *p = obj;
  top_ctx *t = ctx;
  const char *key = m->name;
  int rc;
  if (strcmp(key, "exchange") == 0) {
    char val[32];
    if (mge_yaml_scalar(y, m->val, key, val, sizeof val)) return -1;
    if (strcmp(val, "K-Na") == 0)
      p->pair = MGE_IONEX_K_NA;
    else if (strcmp(val, "Na-Li") == 0)
      p->pair = MGE_IONEX_NA_LI;
    else
      return mge_yaml_error(y, m->val, 0,
                            "exchange '%s': expected K-Na or Na-Li", val),
             -1;
    return 1;
  }
  if (strcmp(key, "glass") == 0) {
    t->have_glass = 1;
    rc = parse_glass(y, m->val, &p->glass);
  } else if (strcmp(key, "schedule") == 0) {
    t->have_schedule = 1;
    rc = parse_schedule(y, m->key, m->val, p->step, &p->n_steps);
  } else if (strcmp(key, "mesh") == 0) {
    rc = !fy_node_is_mapping(m->val)
             ? mge_yaml_error(y, m->val, 0, "mesh must be a mapping")
             : read_section(y, m->val, &S_MESH, &p->opts, NULL);
  } else if (strcmp(key, "measured") == 0) {
    if (!t->meas || t->meas_cap <= 0)
      return mge_yaml_error(y, m->key, 0, "measured: not accepted here"), -1;
    int nm = 0;
    rc = parse_measured(y, m->val, t->meas, t->meas_cap, &nm);
    if (t->n_meas) *t->n_meas = nm;
  } else {
    return 0;
  }
  return rc ? -1 : 1;
}

static const field F_TOP[] = {
    {"thickness", "m", offsetof(mge_ionex_problem, thickness_m)},
};
static const section S_TOP = {
    "", "exchange, thickness_mm, glass, schedule, mesh, measured", F_TOP,
    NF(F_TOP), top_hook};

/* What must be there once the document is read. */
static int check_complete(const mge_ionex_problem *p, const top_ctx *t,
                          const char *src, mge_error *err) {
  if (isnan(p->thickness_m))
    return mge_error_set_at(err, MGE_E_INPUT, src, 0, 0,
                            "missing thickness_mm");
  if (!t->have_glass || !t->have_schedule)
    return mge_error_set_at(err, MGE_E_INPUT, src, 0, 0, "missing %s",
                            t->have_glass ? "schedule" : "glass");
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
    top_ctx t = {meas, meas_cap, n_meas, 0, 0};
    rc = read_section(&y, root, &S_TOP, p, &t);
    if (!rc) rc = check_complete(p, &t, src, err);
  }
  mge_yaml_doc_free(doc);
  return rc;
}

int mge_ionex_read_yaml(const char *path, mge_ionex_problem *p,
                        mge_ionex_measure *meas, int meas_cap, int *n_meas,
                        mge_error *err) {
  if (n_meas) *n_meas = 0;
  char *text;
  size_t len;
  int rc = mge_file_read_all(path, YAML_MAX_LEN, &text, &len, err);
  if (rc) return rc;
  rc = mge_ionex_parse_yaml(text, len, path, p, meas, meas_cap, n_meas, err);
  free(text);
  return rc;
}
