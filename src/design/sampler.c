/* Samplers: grid, random, Sobol, Latin hypercube. Every sample is a pure
 * function of (problem, index) so that runs are independent of threads and
 * batches, and resumable. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design/family.h"
#include "design/internal.h"
#include "mge/design.h"

uint64_t dz_hash3(uint64_t seed, uint64_t index, uint64_t dim) {
  return mge_mix64(seed ^
                   mge_mix64(index ^ mge_mix64(dim + 0x632be59bd9b4e019ULL)));
}

/* A uniform double in [0, 1) from 53 bits. */
static double u53(uint64_t h) {
  return (double)(h >> 11) * 0x1.0p-53;
}

/* --------------------------------------------------------------- Sobol */

/* Joe & Kuo direction numbers, file new-joe-kuo-6.21201, dimensions 2..32:
 * degree s, coefficients a, initial m_1..m_s. S. Joe and F. Y. Kuo,
 * "Constructing Sobol sequences with better two-dimensional projections",
 * SIAM J. Sci. Comput. 30 (2008) 2635-2654; numbers from
 * https://web.maths.unsw.edu.au/~fkuo/sobol/new-joe-kuo-6.21201 (as quoted
 * in the header of a public Sobol generator; see docs/design.md). */
typedef struct jk_row {
  int s, a;
  int m[7];
} jk_row;

static const jk_row joe_kuo[] = {
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},
};

#define SOBOL_DIMS (1 + (int)(sizeof joe_kuo / sizeof joe_kuo[0]))

/* Direction numbers V[0..31] (V[k] = v_{k+1} scaled to 32 bits) of
 * dimension d (0-based). Dimension 0 is the van der Corput sequence. */
void dz_sobol_directions(int d, uint32_t v[32]) {
  if (d <= 0 || d >= SOBOL_DIMS) {
    for (int k = 0; k < 32; k++) v[k] = 1u << (31 - k);
    return;
  }
  const jk_row *r = &joe_kuo[d - 1];
  int s = r->s;
  for (int k = 0; k < s && k < 32; k++) v[k] = (uint32_t)r->m[k] << (31 - k);
  for (int k = s; k < 32; k++) {
    uint32_t x = v[k - s] ^ (v[k - s] >> s);
    for (int l = 1; l < s; l++)
      if ((r->a >> (s - 1 - l)) & 1) x ^= v[k - l];
    v[k] = x;
  }
}

uint32_t dz_sobol_point(const uint32_t v[32], uint64_t i) {
  uint64_t g = i ^ (i >> 1); /* Gray code: Antonov-Saleev ordering */
  uint32_t x = 0;
  for (int k = 0; g && k < 32; k++, g >>= 1)
    if (g & 1) x ^= v[k];
  return x;
}

uint32_t mge_sobol_raw(uint64_t i, int d) {
  uint32_t v[32];
  dz_sobol_directions(d, v);
  return dz_sobol_point(v, i);
}

/* --------------------------------------------------------------- LHS */

/* A pseudo-random permutation of [0, n): a balanced Feistel network on the
 * next even bit width, cycle-walked into range (expected < 4 steps). */
static uint64_t lhs_permute(uint64_t i, uint64_t n, uint64_t key) {
  int w = 2;
  while (w < 64 && (1ULL << w) < n) w += 2;
  int h = w / 2;
  uint64_t mask = (1ULL << h) - 1;
  uint64_t y = i;
  do {
    uint64_t l = y >> h, r = y & mask;
    for (int round = 0; round < 4; round++) {
      uint64_t f = mge_mix64(key ^ mge_mix64(r + (uint64_t)round)) & mask;
      uint64_t t = l ^ f;
      l = r;
      r = t;
    }
    y = (l << h) | r;
  } while (y >= n);
  return y;
}

/* ----------------------------------------------------------- sampling */

static double clampd(double v, double lo, double hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

/* Number of values of an integer or choice variable, and the k-th. */
static uint64_t discrete_count(const mge_design_var *v) {
  if (v->kind == MGE_VAR_CHOICE) return (uint64_t)v->n_choices;
  return (uint64_t)(v->hi - v->lo) + 1;
}

static double discrete_value(const mge_design_var *v, uint64_t k) {
  if (v->kind == MGE_VAR_CHOICE) return v->choice[k];
  return v->lo + (double)k;
}

int mge_problem_sample(const mge_problem *p, uint64_t index, double *x,
                       double *balance) {
  double sum = 0.0;
  uint64_t rest = index;
  for (int j = 0; j < p->n_vars; j++) {
    const mge_design_var *v = &p->vars[j];
    double u = 0.0, w = v->hi - v->lo;
    switch (p->sampler) {
      case MGE_SAMPLER_GRID: {
        uint64_t c = (uint64_t)p->grid_counts[j];
        uint64_t k = rest % c;
        rest /= c;
        if (v->kind != MGE_VAR_AMOUNT) {
          x[j] = discrete_value(v, k);
          continue;
        }
        x[j] =
            c > 1 ? clampd(v->lo + (double)k * v->step, v->lo, v->hi) : v->lo;
        sum += x[j];
        continue;
      }
      case MGE_SAMPLER_RANDOM:
        u = u53(dz_hash3(p->seed, index, (uint64_t)j));
        break;
      case MGE_SAMPLER_SOBOL:
        u = (double)(dz_sobol_point(p->sobol_v[j], index) ^ p->sobol_shift[j]) *
            0x1.0p-32;
        break;
      case MGE_SAMPLER_LHS: {
        uint64_t key = dz_hash3(p->seed, 0x4c4853ULL, (uint64_t)j);
        uint64_t stratum = lhs_permute(index, p->n, key);
        double r = u53(dz_hash3(p->seed ^ 0x5bd1e995ULL, index, (uint64_t)j));
        u = ((double)stratum + r) / (double)p->n;
        break;
      }
    }
    if (v->kind != MGE_VAR_AMOUNT) {
      uint64_t c = discrete_count(v);
      uint64_t k = (uint64_t)(u * (double)c);
      x[j] = discrete_value(v, k < c ? k : c - 1);
      continue;
    }
    x[j] = clampd(v->lo + u * w, v->lo, v->hi);
    sum += x[j];
  }
  if (!p->fam->has_balance) {
    *balance = 0.0;
    return 1;
  }
  double b = 100.0 - sum;
  /* amounts that sum to 100 up to rounding count as balance 0 */
  if (b < 0.0 && b > -1e-9) b = 0.0;
  *balance = b;
  return b >= 0.0 && b >= p->balance_lo - 1e-9 && b <= p->balance_hi + 1e-9;
}

size_t mge_problem_candidate_size(const mge_problem *p) {
  return p->fam->cand_size;
}

int mge_problem_decode_candidate(const mge_problem *p, const double *x,
                                 void *cand, mge_error *err) {
  return p->fam->decode(p, x, cand, err);
}

int mge_problem_decode(const mge_problem *p, const double *x, mge_comp *out,
                       mge_error *err) {
  if (!p->fam->to_comp)
    return mge_error_set(err, MGE_E_INPUT, "a %s has no composition",
                         p->fam->name);
  return p->fam->to_comp(p, x, out, err);
}

const char *mge_problem_basis_name(const mge_problem *p) {
  return p->fam->basis_name[p->basis == MGE_BASIS_MASS];
}

const char *mge_problem_var_unit(const mge_problem *p, int j) {
  if (j < 0 || j >= p->n_vars) return "1";
  switch (p->vars[j].kind) {
    case MGE_VAR_CHOICE: return "deg";
    case MGE_VAR_INT: return "1";
    default: return mge_problem_basis_name(p);
  }
}

int mge_problem_has_balance(const mge_problem *p) {
  return p->fam->has_balance;
}

int mge_problem_label(const mge_problem *p, const double *x, char *buf,
                      size_t cap) {
  return p->fam->label(p, x, buf, cap);
}
