/* Micromechanics of unidirectional laminae: rule of mixtures, inverse rule
 * of mixtures, Halpin-Tsai, Chamis, density, fractions, Schapery expansion,
 * cost (Kaw 2006, Ch. 3; Chamis, NASA TM-83320, 1983; Schapery, J Compos
 * Mater 2 (1968) 380). */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "composite/internal.h"

double mge_micro_Wf_from_Vf(double Vf, double rho_f, double rho_m) {
  double rc = rho_f * Vf + rho_m * (1.0 - Vf);
  return rc > 0 ? rho_f * Vf / rc : NAN;
}

double mge_micro_Vf_from_Wf(double Wf, double rho_f, double rho_m) {
  double vf = Wf / rho_f, vm = (1.0 - Wf) / rho_m;
  return (vf + vm) > 0 ? vf / (vf + vm) : NAN;
}

double mge_micro_void_fraction(double rho_theory, double rho_measured) {
  return rho_theory > 0 ? (rho_theory - rho_measured) / rho_theory : NAN;
}

static double halpin_tsai(double Pf, double Pm, double xi, double Vf) {
  double eta = (Pf / Pm - 1.0) / (Pf / Pm + xi);
  return Pm * (1.0 + xi * eta * Vf) / (1.0 - eta * Vf);
}

int mge_micro_compute(const mge_constituents *c, double Vf, double Vv,
                      double xi_E2, double xi_G12, mge_micro_result *out,
                      mge_error *err) {
  if (!c || !out) return mge_error_set(err, MGE_E_INPUT, "missing argument");
  if (!(Vf >= 0 && Vf <= 1))
    return mge_error_set(err, MGE_E_INPUT, "Vf = %g: must be in [0, 1]", Vf);
  if (!(Vv >= 0 && Vf + Vv < 1.0 + 1e-15))
    return mge_error_set(err, MGE_E_INPUT,
                         "void fraction %g: must be >= 0 and Vf + Vv <= 1", Vv);
  if (!(c->Ef_Pa > 0) || !isfinite(c->Ef_Pa))
    return mge_error_set(err, MGE_E_INPUT, "Ef must be positive");
  if (!(c->Em_Pa > 0) || !isfinite(c->Em_Pa))
    return mge_error_set(err, MGE_E_INPUT, "Em must be positive");
  if (!(c->nuf >= 0 && c->nuf < 0.5) || !(c->num >= 0 && c->num < 0.5))
    return mge_error_set(err, MGE_E_INPUT,
                         "Poisson ratios nuf, num must be in [0, 0.5)");
  const double opt[] = {c->E2f_Pa,        c->G12f_Pa,       c->Gm_Pa,
                        c->rho_f_kg_m3,   c->rho_m_kg_m3,   c->alpha_f_per_K,
                        c->alpha2f_per_K, c->alpha_m_per_K, c->cost_f_USD_kg,
                        c->cost_m_USD_kg};
  /* densities, expansions and prices may be NaN: not given */
  for (size_t i = 0; i < sizeof opt / sizeof opt[0]; i++)
    if ((!isfinite(opt[i]) && !(i >= 3 && isnan(opt[i]))) ||
        (i < 5 && opt[i] < 0) || (i >= 8 && opt[i] < 0))
      return mge_error_set(err, MGE_E_INPUT,
                           "constituent properties must be finite and the "
                           "moduli, densities and prices not negative");
  /* a property of the composite that needs both constituents' values is
   * refused when only one is given, and unknown (NaN) when neither is */
  int rf = c->rho_f_kg_m3 > 0, rm = c->rho_m_kg_m3 > 0;
  if (rf != rm)
    return mge_error_set(err, MGE_E_INPUT,
                         "the density needs both rho_f and rho_m (%s not "
                         "given)",
                         rf ? "rho_m" : "rho_f");
  int af_known = isfinite(c->alpha_f_per_K),
      am_known = isfinite(c->alpha_m_per_K);
  if (af_known != am_known)
    return mge_error_set(err, MGE_E_INPUT,
                         "the thermal expansion needs both alpha_f and "
                         "alpha_m (%s not given)",
                         af_known ? "alpha_m" : "alpha_f");
  double E2f = c->E2f_Pa > 0 ? c->E2f_Pa : c->Ef_Pa;
  double Gf = c->G12f_Pa > 0 ? c->G12f_Pa : c->Ef_Pa / (2.0 * (1.0 + c->nuf));
  double Gm = c->Gm_Pa > 0 ? c->Gm_Pa : c->Em_Pa / (2.0 * (1.0 + c->num));
  double xe = xi_E2 > 0 ? xi_E2 : MGE_HALPIN_TSAI_XI_E2;
  double xg = xi_G12 > 0 ? xi_G12 : MGE_HALPIN_TSAI_XI_G12;
  /* Volume fractions: voids take their share from the matrix. */
  double Vm = 1.0 - Vf - Vv;
  if (Vm < 0) Vm = 0;
  /* Stiffness relations use the solid fractions (voids not modelled in the
   * moduli; Kaw's relations are for Vv = 0). */
  double vf = Vf / (Vf + Vm), vm = 1.0 - vf;
  out->Vf = Vf;
  out->Vm = Vm;
  out->Vv = Vv;
  out->xi_E2 = xe;
  out->xi_G12 = xg;
  out->rho_kg_m3 =
      rf ? c->rho_f_kg_m3 * Vf + c->rho_m_kg_m3 * Vm : NAN; /* Eq. 3.6 */
  out->Wf = out->rho_kg_m3 > 0 ? c->rho_f_kg_m3 * Vf / out->rho_kg_m3 : NAN;
  out->E1_Pa = c->Ef_Pa * vf + c->Em_Pa * vm;         /* Eq. 3.27 */
  out->nu12 = c->nuf * vf + c->num * vm;              /* Eq. 3.40 */
  out->E2_inv_Pa = 1.0 / (vf / E2f + vm / c->Em_Pa);  /* Eq. 3.33 */
  out->G12_inv_Pa = 1.0 / (vf / Gf + vm / Gm);        /* Eq. 3.55 */
  out->E2_ht_Pa = halpin_tsai(E2f, c->Em_Pa, xe, vf); /* Eq. 3.46 */
  out->G12_ht_Pa = halpin_tsai(Gf, Gm, xg, vf);       /* Eq. 3.58 */
  double sv = sqrt(vf);
  out->E2_chamis_Pa = c->Em_Pa / (1.0 - sv * (1.0 - c->Em_Pa / E2f));
  out->G12_chamis_Pa = Gm / (1.0 - sv * (1.0 - Gm / Gf));
  /* Schapery 1968 (Kaw Eq. 3.138, 3.141) */
  double af = c->alpha_f_per_K, am = c->alpha_m_per_K;
  double a2f = isfinite(c->alpha2f_per_K) && c->alpha2f_per_K != 0
                   ? c->alpha2f_per_K
                   : af;
  if (af_known) {
    out->alpha1_per_K = (c->Ef_Pa * af * vf + c->Em_Pa * am * vm) / out->E1_Pa;
    out->alpha2_per_K = (1.0 + c->nuf) * a2f * vf + (1.0 + c->num) * am * vm -
                        out->alpha1_per_K * out->nu12;
  } else {
    out->alpha1_per_K = out->alpha2_per_K = NAN;
  }
  if (c->cost_f_USD_kg > 0 && c->cost_m_USD_kg > 0 && isfinite(out->Wf))
    out->cost_USD_kg =
        out->Wf * c->cost_f_USD_kg + (1.0 - out->Wf) * c->cost_m_USD_kg;
  else
    out->cost_USD_kg = NAN;
  return MGE_OK;
}

void mge_micro_input_init(mge_micro_input *in) {
  memset(in, 0, sizeof *in);
  in->Vf = in->Wf = -1;
  /* not given until set: never a 0 that would read as a value */
  in->c.rho_f_kg_m3 = in->c.rho_m_kg_m3 = NAN;
  in->c.alpha_f_per_K = in->c.alpha2f_per_K = in->c.alpha_m_per_K = NAN;
  in->c.cost_f_USD_kg = in->c.cost_m_USD_kg = NAN;
}

typedef struct mkey {
  const char *key;
  size_t off;
  cmp_kind kind;
} mkey;

#define C(x) offsetof(mge_micro_input, c.x)
#define I(x) offsetof(mge_micro_input, x)
static const mkey mkeys[] = {
    {"Ef", C(Ef_Pa), CMP_STRESS},
    {"E2f", C(E2f_Pa), CMP_STRESS},
    {"G12f", C(G12f_Pa), CMP_STRESS},
    {"nuf", C(nuf), CMP_FRACTION},
    {"Em", C(Em_Pa), CMP_STRESS},
    {"Gm", C(Gm_Pa), CMP_STRESS},
    {"num", C(num), CMP_FRACTION},
    {"rho_f", C(rho_f_kg_m3), CMP_DENSITY},
    {"rho_m", C(rho_m_kg_m3), CMP_DENSITY},
    {"alpha_f", C(alpha_f_per_K), CMP_PER_K},
    {"alpha2f", C(alpha2f_per_K), CMP_PER_K},
    {"alpha_m", C(alpha_m_per_K), CMP_PER_K},
    {"cost_f", C(cost_f_USD_kg), CMP_COST},
    {"cost_m", C(cost_m_USD_kg), CMP_COST},
    {"Vf", I(Vf), CMP_FRACTION},
    {"Wf", I(Wf), CMP_FRACTION},
    {"Vv", I(Vv), CMP_FRACTION},
    {"xi_E2", I(xi_E2), CMP_FRACTION},
    {"xi_G12", I(xi_G12), CMP_FRACTION},
    {"t_ply", I(t_ply_m), CMP_LENGTH},
};
#undef C
#undef I

int mge_micro_input_set(mge_micro_input *in, const char *key, const char *value,
                        mge_error *err) {
  for (size_t i = 0; i < sizeof mkeys / sizeof mkeys[0]; i++) {
    if (!cmp_name_eq(key, mkeys[i].key)) continue;
    double v;
    mge_error e;
    if (cmp_quantity(value, mkeys[i].kind, &v, NULL, &e))
      return mge_error_set(err, MGE_E_INPUT, "%s: %s", mkeys[i].key, e.message);
    *(double *)((char *)in + mkeys[i].off) = v;
    return MGE_OK;
  }
  return mge_error_set(err, MGE_E_INPUT,
                       "unknown micromechanics input '%s' (Ef, E2f, G12f, "
                       "nuf, Em, Gm, num, rho_f, rho_m, alpha_f, alpha2f, "
                       "alpha_m, cost_f, cost_m, Vf, Wf, Vv, xi_E2, xi_G12, "
                       "t_ply)",
                       key);
}

int mge_micro_input_compute(const mge_micro_input *in, mge_micro_result *out,
                            mge_error *err) {
  double Vf = in->Vf;
  if (Vf >= 0 && in->Wf >= 0)
    return mge_error_set(err, MGE_E_INPUT,
                         "give Vf or Wf, not both (Vf = %g, Wf = %g)", Vf,
                         in->Wf);
  if (Vf < 0) {
    if (in->Wf < 0) return mge_error_set(err, MGE_E_INPUT, "give Vf or Wf");
    if (!(in->c.rho_f_kg_m3 > 0 && in->c.rho_m_kg_m3 > 0))
      return mge_error_set(err, MGE_E_INPUT,
                           "Wf needs both densities rho_f and rho_m");
    if (!(in->Wf <= 1))
      return mge_error_set(err, MGE_E_INPUT, "Wf must be in [0, 1]");
    /* with voids: the solid part has the no-void fraction */
    Vf = mge_micro_Vf_from_Wf(in->Wf, in->c.rho_f_kg_m3, in->c.rho_m_kg_m3) *
         (1.0 - in->Vv);
  }
  int rc =
      mge_micro_compute(&in->c, Vf, in->Vv, in->xi_E2, in->xi_G12, out, err);
  if (rc) return rc;
  if (in->t_ply_m > 0 && out->rho_kg_m3 > 0) {
    out->areal_mass_kg_m2 = out->rho_kg_m3 * in->t_ply_m;
    out->cost_USD_m2 = out->cost_USD_kg * out->areal_mass_kg_m2;
  } else {
    out->areal_mass_kg_m2 = out->cost_USD_m2 = NAN;
  }
  return MGE_OK;
}

int mge_micro_input_arg(mge_micro_input *in, const char *arg, mge_error *err) {
  const char *eq = strchr(arg, '=');
  if (!eq) return mge_micro_input_read(arg, in, err);
  char key[64];
  size_t kl = (size_t)(eq - arg);
  if (kl == 0 || kl >= sizeof key)
    return mge_error_set(err, MGE_E_INPUT, "bad argument '%s' (KEY=VALUE)",
                         arg);
  memcpy(key, arg, kl);
  key[kl] = 0;
  return mge_micro_input_set(in, key, eq + 1, err);
}
