/* mge alloy: empirical descriptors of metallic alloys (Hume-Rothery type
 * parameters, Miedema/Takeuchi-Inoue mixing enthalpy, phase-formation rules),
 * density by the rule of mixtures, and raw-material cost.
 *
 * Equations and sources are in docs/models/alloy.md.
 * Thread safety: reentrant, no global state.
 */
#ifndef MGE_ALLOY_H
#define MGE_ALLOY_H

#include "mge/chem.h"
#include "mge/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Flags set in mge_alloy_desc.flags */
#define MGE_ALLOY_MIEDEMA_USED                \
  0x1 /* some pair not in Takeuchi-Inoue: the \
         Miedema model filled it in */
#define MGE_ALLOY_PAIR_MISSING                \
  0x2 /* some pair had no value at all (dHmix \
         and Omega are NaN) */
#define MGE_ALLOY_COST_UNKNOWN                  \
  0x4 /* an element's price is unknown (cost is \
         NaN) */
#define MGE_ALLOY_DATA_MISSING                   \
  0x8 /* an element lacks a property (radius,    \
         molar volume, melting point, VEC or     \
         Pauling chi): the descriptors that need \
         it are NaN */
#define MGE_ALLOY_OMEGA_INF                      \
  0x10 /* |dHmix| < MGE_ALLOY_HMIX_ZERO with     \
          dSmix > 0: omega is +infinity (entropy \
          wins outright; Yang-Zhang counts it as \
          Omega >= 1.1) */

/* |dHmix| below this (kJ/mol) counts as zero for Omega (rounding noise of a
 * sum of tabulated terms that cancel). */
#define MGE_ALLOY_HMIX_ZERO 1e-9

/* Ideal-gas constant, J/(mol K), CODATA 2018 (exact since the 2019 SI). */
#define MGE_ALLOY_R_J_MOLK 8.314462618

/* Phase predictions of the empirical rules. */
typedef enum mge_alloy_phase {
  MGE_PHASE_UNKNOWN = 0,
  MGE_PHASE_SS = 1,     /* solid solution (Yang & Zhang 2012: Omega >= 1.1
                           and delta <= 6.6 %) */
  MGE_PHASE_IM = 2,     /* intermetallics/multiphase expected */
  MGE_PHASE_FCC = 3,    /* Guo 2011: VEC >= 8.0 */
  MGE_PHASE_BCC = 4,    /* Guo 2011: VEC < 6.87 */
  MGE_PHASE_FCC_BCC = 5 /* Guo 2011: 6.87 <= VEC < 8.0 */
} mge_alloy_phase;

typedef struct mge_alloy_desc {
  double molar_mass_g_mol;  /* mean molar mass, g/mol */
  double density_kg_m3;     /* sum(x_i M_i) / sum(x_i V_i), kg/m^3 */
  double delta_pct;         /* atomic size mismatch, percent */
  double dSmix_J_molK;      /* ideal mixing entropy -R sum x ln x, J/(mol K) */
  double dHmix_kJ_mol;      /* sum_{i<j} 4 H_ij x_i x_j, kJ/mol */
  double omega;             /* Tm dSmix / |dHmix|, dimensionless */
  double vec;               /* valence electron concentration */
  double dchi_pauling;      /* sqrt(sum x_i (chi_i - mean)^2) */
  double tm_K;              /* mole-fraction mean melting point, K */
  double cost_usd_kg;       /* sum(w_i price_i), USD/kg, NaN if unknown */
  mge_alloy_phase ss_rule;  /* Yang & Zhang 2012 */
  mge_alloy_phase vec_rule; /* Guo et al. 2011 */
  unsigned flags;           /* MGE_ALLOY_* */
} mge_alloy_desc;

/* Compute all descriptors of c (equations and sources: docs/models/alloy.md).
 *
 *  molar_mass  sum x_i M_i (IUPAC 2021 atomic weights of the element table)
 *  density     sum x_i M_i / sum x_i V_i (rule of mixtures on molar volumes)
 *  delta       100 sqrt(sum x_i (1 - r_i / rbar)^2), rbar = sum x_i r_i,
 *              r = 12-coordinate metallic radius of the element table
 *  dSmix       -R sum x_i ln x_i, R = MGE_ALLOY_R_J_MOLK
 *  dHmix       sum_{i<j} 4 dH_ij x_i x_j, dH_ij of mge_alloy_hmix_pair
 *              (Takeuchi & Inoue 2005, Omega_ij = 4 dH_ij)
 *  omega       tm dSmix / |dHmix| (Yang & Zhang 2012), with tm in K, dSmix
 *              in J/(mol K), dHmix in J/mol; +inf and MGE_ALLOY_OMEGA_INF
 *              when |dHmix| < MGE_ALLOY_HMIX_ZERO and dSmix > 0; NaN for a
 *              pure element (0/0) or when a pair is missing
 *  vec         sum x_i VEC_i (Guo et al. 2011)
 *  dchi        sqrt(sum x_i (chi_i - sum x_j chi_j)^2), Pauling scale
 *  tm          sum x_i Tm_i
 *  cost        sum w_i price_i (w = mass fractions), NaN and
 *              MGE_ALLOY_COST_UNKNOWN if any price is unknown
 *  ss_rule     Yang & Zhang 2012: SS if omega >= 1.1 and delta <= 6.6 %,
 *              else IM; UNKNOWN if either is NaN
 *  vec_rule    Guo et al. 2011: FCC if vec >= 8.0, BCC if vec < 6.87, else
 *              FCC+BCC; UNKNOWN if vec is NaN (the rule presumes a solid
 *              solution forms)
 *
 * Never fails for a valid mge_comp: quantities that cannot be computed are
 * NaN and flagged. Returns MGE_E_INPUT (out untouched) only if c violates
 * the mge_comp invariants (n outside 1..MGE_COMP_MAX, Z unknown or repeated,
 * x not finite and > 0, |sum x - 1| > 1e-9). c and out must not alias.
 * No allocation, no global state: safe to call from any number of threads. */
MGE_API int mge_alloy_describe(const mge_comp *c, mge_alloy_desc *out,
                               mge_error *err);

/* Binary mixing enthalpy of the equiatomic liquid, kJ/mol, from the
 * Takeuchi-Inoue table (Mater Trans 46 (2005) 2817), else from the Miedema
 * model (mge_alloy_miedema_liquid at x = 0.5). *source (may be NULL) is set
 * to 1 if tabulated, 2 if computed by the Miedema model, 0 if unavailable
 * (NaN returned: an element without Miedema parameters, Za == Zb, or a Z
 * outside 1..MGE_Z_MAX). Symmetric in Za, Zb. */
MGE_API double mge_alloy_hmix_pair(int Za, int Zb, int *source);

/* Miedema's mixing enthalpy of the binary liquid A_xA B_(1-xA), kJ/mol
 * (de Boer et al., Cohesion in Metals, 1988, liquid: chemical term with
 * surface concentrations and the volume correction; constants as in Zhang et
 * al., Comput Phys Commun 209 (2016) 58). xA in [0, 1]. NaN if either
 * element has no Miedema parameters (73 elements have them), Za == Zb, or xA
 * is outside [0, 1]. */
MGE_API double mge_alloy_miedema_liquid(int Za, int Zb, double xA);

/* A short name of a phase prediction ("SS", "IM", "FCC", "BCC", "FCC+BCC",
 * "unknown"). Static string. */
MGE_API const char *mge_alloy_phase_name(mge_alloy_phase p);

/* The atomic size mismatch delta, percent, of n elements with mole
 * fractions x[i] (sum 1) and radii r[i] (any one length unit):
 * 100 sqrt(sum x_i (1 - r_i / rbar)^2), rbar = sum x_i r_i. For a radius
 * set other than the element table's (mge_alloy_describe uses r_metal_A).
 * NaN if n < 1, or any r is NaN or the mean radius is not positive. */
MGE_API double mge_alloy_delta_pct(int n, const double *x, const double *r);

/* A short name of one flag bit ("miedema_used", "pair_missing",
 * "cost_unknown", "data_missing", "omega_infinite"), or NULL if flag is not
 * exactly one known MGE_ALLOY_* bit. Static string. */
MGE_API const char *mge_alloy_flag_name(unsigned flag);

/* The published phase-formation rules that mge_alloy_describe applies. */
typedef enum mge_alloy_rule_id {
  MGE_ALLOY_RULE_YANG_ZHANG = 0, /* -> mge_alloy_desc.ss_rule */
  MGE_ALLOY_RULE_GUO_VEC = 1,    /* -> mge_alloy_desc.vec_rule */
  MGE_ALLOY_RULE_N = 2
} mge_alloy_rule_id;

typedef struct mge_alloy_rule {
  const char *name;       /* "Yang-Zhang 2012" */
  const char *thresholds; /* "Omega >= 1.1, delta <= 6.6 %" */
  const char *source;     /* full citation */
} mge_alloy_rule;

/* The description of rule id (static), or NULL if id is out of range. */
MGE_API const mge_alloy_rule *mge_alloy_rule_info(int id);

/* The prediction of rule id for d (MGE_PHASE_UNKNOWN if id is out of
 * range). */
MGE_API mge_alloy_phase mge_alloy_rule_prediction(const mge_alloy_desc *d,
                                                  int id);

/* The alloy models (src/alloy/models.c): the empirical descriptors above
 * as one model "alloy" (id 100). *n receives the count; the array and the
 * models are static. The design layer's registry gathers this list with the
 * other families' (mge_glass_models, mge_composite_models); the family does
 * not know the registry. */
MGE_API const mge_model *const *mge_alloy_models(size_t *n);

#ifdef __cplusplus
}
#endif
#endif
