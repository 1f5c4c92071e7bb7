/* The design engine's families (internal to src/design).
 *
 * A material family registers one descriptor, a dz_family, in the static
 * table of family.c; the generic loader (problem.c), the samplers and the
 * runner learn everything family-specific from it and never branch on a
 * family's name or id. A family's descriptor and its readers live in one
 * file: problem_alloy.c, problem_glass.c, problem_laminate.c.
 * docs/architecture.md says how to add one.
 */
#ifndef MGE_DESIGN_FAMILY_H
#define MGE_DESIGN_FAMILY_H

#include <stddef.h>

#include "mge/design.h"
#include "mge/units.h"
#include "mge/yaml.h"

struct fy_node;

/* The state of one problem load, handed to the family readers. */
typedef struct dz_loader {
  mge_yaml_ctx y; /* source, text and err for the YAML readers */
  const char *source;
  mge_error *err;
  const mge_registry *reg;
  mge_registry *mreg; /* the same, when models may be added (thermo:) */
  mge_problem *p;
  int force;
  mge_unit prop_unit[MGE_DESIGN_MAX_PROPS];
} dz_loader;

/* A reader of one YAML section: val under key, root the whole document. */
typedef int (*dz_section_fn)(dz_loader *L, struct fy_node *root,
                             struct fy_node *val, struct fy_node *key);

/* A top-level section that only some families take ("load:", "thermo:"). */
typedef struct dz_section {
  const char *name;   /* the top-level key */
  int after_sampler;  /* 0: read right after space:, 1: after sampler: */
  const char *refuse; /* "NAME: REFUSE" when another family's problem has it */
  dz_section_fn read;
} dz_section;

/* A composition space: free components with amounts in percent of the
 * basis and a balance component taking the rest (alloy: elements; glass:
 * compounds). The shared reader is dz_read_composition (problem_comp.c). */
typedef struct dz_simplex {
  const char *noun;       /* "element", "compound" */
  const char *basis_help; /* "wt% or at%", in messages */
  const char *example;    /* balance example, "Mg" */
  /* Set p->basis from text at n (its own message if not a basis). */
  int (*basis)(dz_loader *L, struct fy_node *n, const char *text);
  /* The balance named `name` at n: p->balance_symbol and the family's
   * balance data. */
  int (*balance)(dz_loader *L, struct fy_node *n, const char *name);
  /* A new free component `name` (key node n) into v: checks it, its count
   * and that it is new; sets v->symbol and the family's fields. */
  int (*component)(dz_loader *L, struct fy_node *n, const char *name,
                   mge_design_var *v);
} dz_simplex;

typedef struct dz_family {
  mge_family id;
  const char *name;      /* as in the YAML `family:` key */
  const char *space_key; /* the key under space: ("composition", "layup") */
  dz_section_fn read_space;
  const dz_simplex *simplex; /* its composition space, NULL if none */
  const dz_section *sections;
  int n_sections;
  size_t data_size;          /* bytes of the family's problem data (p->fdata) */
  size_t cand_size;          /* bytes of one decoded candidate */
  int by_pointer;            /* models get const T *[n] rather than T[n] */
  int has_balance;           /* x[n_vars] is a balance */
  const char *basis_name[2]; /* by mge_basis (MOLE, MASS): "at%", "wt%" */
  /* Variables x to one candidate at cand (cand_size bytes). */
  int (*decode)(const mge_problem *p, const double *x, void *cand,
                mge_error *err);
  /* Variables x to an elemental composition; NULL if the family has none. */
  int (*to_comp)(const mge_problem *p, const double *x, mge_comp *out,
                 mge_error *err);
  int (*label)(const mge_problem *p, const double *x, char *buf, size_t cap);
  /* Bind model *m to the problem (it may need the problem's data, e.g. a
   * load case): may replace *m, or refuse at node n (offset off). NULL:
   * the registry's models are used as they are. */
  int (*bind)(dz_loader *L, struct fy_node *n, int off, const char *name,
              size_t len, const mge_model **m);
  /* Its built-in models (the family module's list). */
  const mge_model *const *(*models)(size_t *n);
} dz_family;

/* The registered families, in table order, and the one named `name`
 * (NULL if none). */
int dz_family_count(void);
const dz_family *dz_family_at(int i);
const dz_family *dz_family_find(const char *name);

extern const dz_family dz_family_alloy;
extern const dz_family dz_family_glass;
extern const dz_family dz_family_laminate;

/* The laminate family's problem data (p->fdata): n_groups ply groups,
 * variables 2k (angle) and 2k + 1 (ply count) of group k; the decoder's
 * material points at mat; the load case of composite.fpf. */
typedef struct dz_laminate_data {
  int n_groups;
  mge_layup_decoder layup;
  mge_lamina mat;
  int has_load; /* a load case was given: composite.fpf is bound to it */
  mge_composite_model_params fpf_params;
  mge_model fpf_model;
} dz_laminate_data;

/* The composition space reader (problem_comp.c) for families with a
 * simplex. */
int dz_read_composition(dz_loader *L, struct fy_node *root,
                        struct fy_node *comp, struct fy_node *ckey);

/* The balance of amounts x (100 - their sum, rounding to 0 within 1e-9). */
double dz_balance(const mge_problem *p, const double *x);

#endif
