/* Internal helpers of src/design (not installed). */
#ifndef MGE_DESIGN_INTERNAL_H
#define MGE_DESIGN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

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
