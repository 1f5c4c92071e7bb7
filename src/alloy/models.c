/* The alloy descriptors (mge_alloy_describe) as one property model, so that
 * the design engine computes them all in one pass per candidate. Values are
 * converted to the SI units named in the outputs (dHmix: kJ/mol -> J/mol;
 * molar mass: g/mol -> kg/mol). */
#include <math.h>

#include "mge/alloy.h"

enum {
  OUT_DENSITY,
  OUT_COST,
  OUT_DELTA,
  OUT_DHMIX,
  OUT_DSMIX,
  OUT_OMEGA,
  OUT_VEC,
  OUT_DCHI,
  OUT_TM,
  OUT_MOLAR_MASS,
  OUT_SS,
  OUT_FCC,
  OUT_BCC,
  OUT_MIEDEMA,
  OUT_N
};

static const mge_output alloy_outputs[OUT_N] = {
    {"density", "kg/m3", "rule-of-mixtures density sum(x M)/sum(x V)"},
    {"cost", "USD/kg",
     "raw-material cost sum(w_i price_i); NaN if a price "
     "is unknown"},
    {"delta", "%", "atomic size mismatch 100 sqrt(sum x (1 - r/rbar)^2)"},
    {"dHmix", "J/mol",
     "mixing enthalpy sum_{i<j} 4 H_ij x_i x_j "
     "(Takeuchi-Inoue, Miedema where missing)"},
    {"dSmix", "J/(mol K)", "ideal mixing entropy -R sum x ln x"},
    {"omega", "1", "Omega = Tm dSmix / |dHmix|"},
    {"VEC", "1", "valence electron concentration sum x VEC_i"},
    {"dchi", "1",
     "Pauling electronegativity difference "
     "sqrt(sum x (chi - chibar)^2)"},
    {"Tm", "K", "mole-fraction mean melting point"},
    {"molar_mass", "kg/mol", "mean molar mass per mole of atoms"},
    {"ss", "1",
     "1 if a solid solution is predicted (Yang & Zhang 2012: "
     "Omega >= 1.1 and delta <= 6.6 %), else 0"},
    {"fcc", "1", "1 if FCC is predicted by VEC >= 8.0 (Guo et al. 2011)"},
    {"bcc", "1", "1 if BCC is predicted by VEC < 6.87 (Guo et al. 2011)"},
    {"miedema", "1", "1 if some pair enthalpy came from the Miedema model"},
};

static int alloy_eval(const mge_model *m, const void *cand, size_t n,
                      double *out, mge_error *err) {
  (void)m;
  (void)err;
  const mge_comp *c = cand;
  for (size_t i = 0; i < n; i++) {
    double *o = out + i * OUT_N;
    mge_alloy_desc d;
    if (mge_alloy_describe(&c[i], &d, NULL)) {
      for (int k = 0; k < OUT_N; k++) o[k] = NAN;
      continue;
    }
    o[OUT_DENSITY] = d.density_kg_m3;
    o[OUT_COST] = d.cost_usd_kg;
    o[OUT_DELTA] = d.delta_pct;
    o[OUT_DHMIX] = d.dHmix_kJ_mol * 1e3;
    o[OUT_DSMIX] = d.dSmix_J_molK;
    o[OUT_OMEGA] = d.omega;
    o[OUT_VEC] = d.vec;
    o[OUT_DCHI] = d.dchi_pauling;
    o[OUT_TM] = d.tm_K;
    o[OUT_MOLAR_MASS] = d.molar_mass_g_mol * 1e-3;
    o[OUT_SS] = d.ss_rule == MGE_PHASE_SS   ? 1.0
                : d.ss_rule == MGE_PHASE_IM ? 0.0
                                            : NAN;
    o[OUT_FCC] =
        d.vec_rule == MGE_PHASE_UNKNOWN ? NAN : d.vec_rule == MGE_PHASE_FCC;
    o[OUT_BCC] =
        d.vec_rule == MGE_PHASE_UNKNOWN ? NAN : d.vec_rule == MGE_PHASE_BCC;
    o[OUT_MIEDEMA] = (d.flags & MGE_ALLOY_MIEDEMA_USED) ? 1.0 : 0.0;
  }
  return 0;
}

static const mge_model alloy_model = {
    MGE_MODEL_ALLOY,
    "alloy",
    MGE_FAMILY_ALLOY,
    OUT_N,
    alloy_outputs,
    "Zhang et al., Adv. Eng. Mater. 10 (2008) 534, "
    "doi:10.1002/adem.200700240 (delta, dSmix); "
    "Takeuchi & Inoue, Mater. Trans. 46 (2005) 2817, "
    "doi:10.2320/matertrans.46.2817 (dHmix); "
    "Yang & Zhang, Mater. Chem. Phys. 132 (2012) 233, "
    "doi:10.1016/j.matchemphys.2011.11.021 (Omega, ss); "
    "Guo et al., J. Appl. Phys. 109 (2011) 103505, doi:10.1063/1.3587228 "
    "(VEC, fcc, bcc); see docs/models/alloy.md",
    alloy_eval,
    NULL,
    0,
    NULL,
};

static const mge_model *const alloy_models[] = {&alloy_model};

const mge_model *const *mge_alloy_models(size_t *n) {
  if (n) *n = sizeof alloy_models / sizeof alloy_models[0];
  return alloy_models;
}
