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

#ifdef __cplusplus
extern "C" {
#endif

/* Flags set in mge_alloy_desc.flags */
#define MGE_ALLOY_MIEDEMA_USED 0x1  /* some pair not in Takeuchi-Inoue: the
                                       Miedema model filled it in */
#define MGE_ALLOY_PAIR_MISSING 0x2  /* some pair had no value at all (dHmix
                                       and Omega are NaN) */
#define MGE_ALLOY_COST_UNKNOWN 0x4  /* an element's price is unknown (cost is
                                       NaN) */

/* Phase predictions of the empirical rules. */
typedef enum mge_alloy_phase {
  MGE_PHASE_UNKNOWN = 0,
  MGE_PHASE_SS = 1,      /* solid solution (Yang & Zhang 2012: Omega >= 1.1
                            and delta <= 6.6 %) */
  MGE_PHASE_IM = 2,      /* intermetallics/multiphase expected */
  MGE_PHASE_FCC = 3,     /* Guo 2011: VEC >= 8.0 */
  MGE_PHASE_BCC = 4,     /* Guo 2011: VEC < 6.87 */
  MGE_PHASE_FCC_BCC = 5  /* Guo 2011: 6.87 <= VEC < 8.0 */
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

/* Compute all descriptors of c. Never fails for a valid mge_comp: quantities
 * that cannot be computed are NaN and flagged. Returns MGE_E_INPUT only if c
 * violates the mge_comp invariants. */
MGE_API int mge_alloy_describe(const mge_comp *c, mge_alloy_desc *out,
                               mge_error *err);

/* Binary mixing enthalpy of the equiatomic liquid, kJ/mol, from the
 * Takeuchi-Inoue table (Mater Trans 46 (2005) 2817). *source is set to 1 if
 * tabulated, 2 if computed by the Miedema model, 0 if unavailable (NaN
 * returned). */
MGE_API double mge_alloy_hmix_pair(int Za, int Zb, int *source);

/* A short name of a phase prediction ("SS", "IM", "FCC", "BCC", "FCC+BCC"). */
MGE_API const char *mge_alloy_phase_name(mge_alloy_phase p);

#ifdef __cplusplus
}
#endif
#endif
