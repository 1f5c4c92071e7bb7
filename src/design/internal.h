/* Internal helpers of src/design (not installed). */
#ifndef MGE_DESIGN_INTERNAL_H
#define MGE_DESIGN_INTERNAL_H

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

#endif
