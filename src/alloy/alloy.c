/* Empirical alloy descriptors: Hume-Rothery-type parameters, mixing enthalpy
 * (Takeuchi-Inoue table, Miedema fallback), Omega, VEC, density, cost and the
 * phase-formation rules. Equations and sources: docs/models/alloy.md.
 *
 * Hot path: mge_alloy_describe touches only static const tables, allocates
 * nothing and loops over the n(n-1)/2 pairs once. */
#include "mge/alloy.h"

#include <math.h>

#include "alloy/hmix_table.h"

/* Yang & Zhang 2012 thresholds. */
#define YZ_OMEGA_MIN 1.1
#define YZ_DELTA_MAX_PCT 6.6
/* Guo et al. 2011 thresholds. */
#define GUO_VEC_FCC 8.0
#define GUO_VEC_BCC 6.87

#define SUM_TOL 1e-9

static const mge_alloy_rule rules[MGE_ALLOY_RULE_N] = {
    {"Yang-Zhang 2012", "Omega >= 1.1, delta <= 6.6 %",
     "X. Yang, Y. Zhang, Prediction of high-entropy stabilized solid-solution "
     "in multi-component alloys, Mater. Chem. Phys. 132 (2012) 233-238"},
    {"Guo VEC 2011", "VEC >= 8.0 FCC, VEC < 6.87 BCC, else FCC+BCC",
     "S. Guo, C. Ng, J. Lu, C.T. Liu, Effect of valence electron concentration "
     "on stability of fcc or bcc phase in high entropy alloys, J. Appl. Phys. "
     "109 (2011) 103505"},
};

const mge_alloy_rule *mge_alloy_rule_info(int id) {
  return id >= 0 && id < MGE_ALLOY_RULE_N ? &rules[id] : NULL;
}

mge_alloy_phase mge_alloy_rule_prediction(const mge_alloy_desc *d, int id) {
  if (!d) return MGE_PHASE_UNKNOWN;
  switch (id) {
    case MGE_ALLOY_RULE_YANG_ZHANG: return d->ss_rule;
    case MGE_ALLOY_RULE_GUO_VEC: return d->vec_rule;
    default: return MGE_PHASE_UNKNOWN;
  }
}

const char *mge_alloy_phase_name(mge_alloy_phase p) {
  switch (p) {
    case MGE_PHASE_SS: return "SS";
    case MGE_PHASE_IM: return "IM";
    case MGE_PHASE_FCC: return "FCC";
    case MGE_PHASE_BCC: return "BCC";
    case MGE_PHASE_FCC_BCC: return "FCC+BCC";
    default: return "unknown";
  }
}

const char *mge_alloy_flag_name(unsigned flag) {
  switch (flag) {
    case MGE_ALLOY_MIEDEMA_USED: return "miedema_used";
    case MGE_ALLOY_PAIR_MISSING: return "pair_missing";
    case MGE_ALLOY_COST_UNKNOWN: return "cost_unknown";
    case MGE_ALLOY_DATA_MISSING: return "data_missing";
    case MGE_ALLOY_OMEGA_INF: return "omega_infinite";
    default: return NULL;
  }
}

double mge_alloy_delta_pct(int n, const double *x, const double *r) {
  if (n < 1 || !x || !r) return NAN;
  double rbar = 0, d2 = 0;
  for (int i = 0; i < n; i++) rbar += x[i] * r[i];
  if (!(rbar > 0)) return NAN;
  for (int i = 0; i < n; i++) {
    double u = 1.0 - r[i] / rbar;
    d2 += x[i] * u * u;
  }
  return 100.0 * sqrt(d2);
}

static int check_comp(const mge_comp *c, mge_error *err) {
  if (!c) return mge_error_set(err, MGE_E_INPUT, "alloy: no composition");
  if (c->n < 1 || c->n > MGE_COMP_MAX)
    return mge_error_set(err, MGE_E_INPUT,
                         "alloy: composition has %d elements (1..%d allowed)",
                         c->n, MGE_COMP_MAX);
  double sum = 0.0;
  for (int i = 0; i < c->n; i++) {
    if (!mge_element_by_Z(c->Z[i]))
      return mge_error_set(err, MGE_E_INPUT,
                           "alloy: element %d has unknown Z = %d", i + 1,
                           c->Z[i]);
    if (!(c->x[i] > 0.0 && c->x[i] <= 1.0))
      return mge_error_set(err, MGE_E_INPUT,
                           "alloy: element %d has mole fraction %g (must be "
                           "in (0, 1])",
                           i + 1, c->x[i]);
    for (int j = 0; j < i; j++)
      if (c->Z[j] == c->Z[i])
        return mge_error_set(err, MGE_E_INPUT,
                             "alloy: element Z = %d appears twice", c->Z[i]);
    sum += c->x[i];
  }
  if (fabs(sum - 1.0) > SUM_TOL)
    return mge_error_set(err, MGE_E_INPUT,
                         "alloy: mole fractions sum to %.12g, not 1", sum);
  return MGE_OK;
}

int mge_alloy_describe(const mge_comp *c, mge_alloy_desc *out, mge_error *err) {
  int st = check_comp(c, err);
  if (st) return st;
  if (!out) return mge_error_set(err, MGE_E_INPUT, "alloy: no output");

  const int n = c->n;
  const mge_element *el[MGE_COMP_MAX];
  unsigned flags = 0;
  double m = 0, v = 0, r = 0, vec = 0, chi = 0, tm = 0, s = 0, cost = 0;
  for (int i = 0; i < n; i++) {
    const mge_element *e = mge_element_by_Z(c->Z[i]);
    double x = c->x[i];
    el[i] = e;
    m += x * e->atomic_weight;
    v += x * e->vm_m3_mol;
    r += x * e->r_metal_A;
    vec += x * e->vec;
    chi += x * e->chi_pauling;
    tm += x * e->t_melt_K;
    s -= x * log(x);
    cost += x * e->atomic_weight * e->price_usd_kg;
  }
  /* NaN propagates through the sums: flag what is missing. */
  if (isnan(m) || isnan(v) || isnan(r) || isnan(vec) || isnan(chi) || isnan(tm))
    flags |= MGE_ALLOY_DATA_MISSING;
  if (!isfinite(cost)) flags |= MGE_ALLOY_COST_UNKNOWN;

  double d2 = 0, c2 = 0, h = 0;
  for (int i = 0; i < n; i++) {
    double x = c->x[i];
    double u = 1.0 - el[i]->r_metal_A / r, w = el[i]->chi_pauling - chi;
    d2 += x * u * u;
    c2 += x * w * w;
    for (int j = 0; j < i; j++) {
      short t = alloy_ti_hmix2[c->Z[i]][c->Z[j]];
      double hij;
      if (t != ALLOY_TI_NONE) {
        hij = 0.5 * t;
      } else {
        int src;
        hij = mge_alloy_hmix_pair(c->Z[i], c->Z[j], &src);
        flags |= src == 2 ? MGE_ALLOY_MIEDEMA_USED : MGE_ALLOY_PAIR_MISSING;
      }
      h += 4.0 * hij * x * c->x[j];
    }
  }

  out->molar_mass_g_mol = m;
  out->density_kg_m3 = m * 1e-3 / v;
  out->delta_pct = 100.0 * sqrt(d2);
  out->dSmix_J_molK = MGE_ALLOY_R_J_MOLK * s;
  out->dHmix_kJ_mol = h;
  out->vec = vec;
  out->dchi_pauling = sqrt(c2);
  out->tm_K = tm;
  out->cost_usd_kg = (flags & MGE_ALLOY_COST_UNKNOWN) ? NAN : cost / m;

  double ds = out->dSmix_J_molK;
  if (isnan(h) || isnan(tm)) {
    out->omega = NAN;
  } else if (fabs(h) < MGE_ALLOY_HMIX_ZERO) {
    if (ds > 0) {
      out->omega = INFINITY;
      flags |= MGE_ALLOY_OMEGA_INF;
    } else {
      out->omega = NAN; /* a pure element: 0 / 0 */
    }
  } else {
    out->omega = tm * ds / (fabs(h) * 1e3);
  }

  if (isnan(out->omega) || isnan(out->delta_pct))
    out->ss_rule = MGE_PHASE_UNKNOWN;
  else if (out->omega >= YZ_OMEGA_MIN && out->delta_pct <= YZ_DELTA_MAX_PCT)
    out->ss_rule = MGE_PHASE_SS;
  else
    out->ss_rule = MGE_PHASE_IM;

  if (isnan(vec))
    out->vec_rule = MGE_PHASE_UNKNOWN;
  else if (vec >= GUO_VEC_FCC)
    out->vec_rule = MGE_PHASE_FCC;
  else if (vec < GUO_VEC_BCC)
    out->vec_rule = MGE_PHASE_BCC;
  else
    out->vec_rule = MGE_PHASE_FCC_BCC;
  out->flags = flags;
  return MGE_OK;
}
