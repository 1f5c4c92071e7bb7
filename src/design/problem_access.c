/* Accessors of the opaque mge_problem (include/mge/design.h). */
#include "design/internal.h"

const char *mge_problem_name(const mge_problem *p) {
  return p->name;
}
const char *mge_problem_source(const mge_problem *p) {
  return p->source;
}
const char *mge_problem_text(const mge_problem *p, size_t *len) {
  if (len) *len = p->text_len;
  return p->text;
}
const char *mge_problem_hash(const mge_problem *p) {
  return p->hash;
}
mge_family mge_problem_family(const mge_problem *p) {
  return p->family;
}
mge_basis mge_problem_basis(const mge_problem *p) {
  return p->basis;
}
const char *mge_problem_balance_symbol(const mge_problem *p) {
  return p->balance_symbol;
}
void mge_problem_balance_range(const mge_problem *p, double *lo, double *hi) {
  if (lo) *lo = p->balance_lo;
  if (hi) *hi = p->balance_hi;
}
int mge_problem_n_vars(const mge_problem *p) {
  return p->n_vars;
}
const mge_design_var *mge_problem_var(const mge_problem *p, int i) {
  return i >= 0 && i < p->n_vars ? &p->vars[i] : NULL;
}
int mge_problem_n_props(const mge_problem *p) {
  return p->n_props;
}
const mge_design_prop *mge_problem_prop(const mge_problem *p, int i) {
  return i >= 0 && i < p->n_props ? &p->props[i] : NULL;
}
int mge_problem_n_constraints(const mge_problem *p) {
  return p->n_constraints;
}
const mge_design_constraint *mge_problem_constraint(const mge_problem *p,
                                                    int i) {
  return i >= 0 && i < p->n_constraints ? &p->constraints[i] : NULL;
}
int mge_problem_n_objectives(const mge_problem *p) {
  return p->n_obj;
}
const mge_design_objective *mge_problem_objective(const mge_problem *p, int i) {
  return i >= 0 && i < p->n_obj ? &p->obj[i] : NULL;
}
mge_sampler_kind mge_problem_sampler(const mge_problem *p) {
  return p->sampler;
}
uint64_t mge_problem_seed(const mge_problem *p) {
  return p->seed;
}
uint64_t mge_problem_size(const mge_problem *p) {
  return p->n;
}
int mge_problem_keep_top(const mge_problem *p) {
  return p->keep_top;
}
int mge_problem_keep_pareto(const mge_problem *p) {
  return p->keep_pareto;
}
int mge_problem_keep_sample(const mge_problem *p) {
  return p->keep_sample;
}
int mge_problem_n_models(const mge_problem *p) {
  return p->n_models;
}
int mge_problem_grid_count(const mge_problem *p, int j) {
  return p->sampler == MGE_SAMPLER_GRID && j >= 0 && j < p->n_vars
             ? p->grid_counts[j]
             : 0;
}
