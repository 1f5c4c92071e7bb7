/* Internal helpers of src/design (not installed). */
#ifndef MGE_DESIGN_INTERNAL_H
#define MGE_DESIGN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mge/design.h"

/* The loaded problem (opaque outside src/design: include/mge/design.h has
 * its accessors, problem.c). */
/* A loaded problem. Read-only after mge_problem_load/parse; not to be
 * copied by value (it owns its text and family data); free with
 * mge_problem_free. */
struct mge_problem {
  char name[128];
  char source[256]; /* file name given to the loader */
  char *text;       /* the problem text as read (owned) */
  size_t text_len;
  char hash[17];     /* FNV-1a 64 of text, 16 hex digits */
  mge_family family; /* MGE_FAMILY_ALLOY, _GLASS or _LAMINATE */
  mge_basis basis;   /* of the composition amounts */
  int balance_Z;     /* alloy: the balance element; glass: 0 */
  char balance_symbol[MGE_DESIGN_NAME]; /* element or compound formula */
  mge_comp balance_unit; /* glass: the balance compound's formula unit */
  double balance_lo, balance_hi; /* percent range of the balance (default
                                    [0, 100]; balance: {SiO2: [55, 70]}) */
  /* internal: the family's descriptor (src/design/family.h) and its own
   * problem data (laminate: the layup decoder and the load case) */
  const struct dz_family *fam;
  void *fdata;
  int n_vars;
  mge_design_var vars[MGE_DESIGN_MAX_VARS];
  mge_sampler_kind sampler;
  uint64_t seed;
  uint64_t n; /* candidate indices 0..n-1 (grid: the grid size) */
  int grid_counts[MGE_DESIGN_MAX_VARS]; /* grid points per variable */
  int n_props;
  mge_design_prop props[MGE_DESIGN_MAX_PROPS];
  int n_constraints;
  mge_design_constraint constraints[MGE_DESIGN_MAX_CONSTRAINTS];
  int n_obj;
  mge_design_objective obj[MGE_DESIGN_MAX_OBJ];
  int keep_top;    /* top-k by score (default 20) */
  int keep_pareto; /* 1: keep the Pareto front (default) */
  int keep_sample; /* feasible candidates kept for the plot (1000) */
  /* internal: models to evaluate (distinct), Sobol direction numbers */
  int n_models;
  const mge_model *models[MGE_DESIGN_MAX_PROPS];
  int prop_slot[MGE_DESIGN_MAX_PROPS]; /* offset of a prop in a value row */
  int model_off[MGE_DESIGN_MAX_PROPS]; /* offset of a model's outputs */
  int n_values;                        /* total outputs of all models */
  uint32_t sobol_v[MGE_DESIGN_MAX_VARS][32];
  uint32_t sobol_shift[MGE_DESIGN_MAX_VARS];
};

/* Counter-based hash of (seed, index, dim): the only randomness source. */
uint64_t dz_hash3(uint64_t seed, uint64_t index, uint64_t dim);

/* Sobol direction numbers of dimension d (0-based) and the point at index
 * i (Gray-code order), 32-bit. */
void dz_sobol_directions(int d, uint32_t v[32]);
uint32_t dz_sobol_point(const uint32_t v[32], uint64_t i);

/* Empty a Pareto archive, keeping its memory. */
struct mge_pareto;
void dz_pareto_clear(struct mge_pareto *a);

/* The thermo: section of a problem (problem_thermo.c): reads it, loads the
 * database, checks it against the space (already loaded into p) and adds
 * the thermo models to reg (NULL: the section is refused, the loader was
 * given a read-only registry). Errors name file:line:column in source. */
struct fy_node;
struct mge_problem;
struct mge_registry;
struct mge_error;
int dz_thermo_section(struct mge_problem *p, const char *source,
                      struct fy_node *root, struct fy_node *val,
                      struct fy_node *key, struct mge_registry *reg,
                      struct mge_error *err);

/* A hint to append to an unknown-property message for a thermo.* name
 * (what section it needs), "" otherwise. */
const char *dz_thermo_hint(const char *name, size_t len);

#endif
