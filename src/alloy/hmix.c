/* Binary mixing enthalpies: the Takeuchi-Inoue table, and Miedema's model for
 * the mixing enthalpy of binary liquid alloys where the table has no value.
 *
 * de Boer, Boom, Mattens, Miedema, Niessen, "Cohesion in Metals: Transition
 * Metal Alloys" (North-Holland, 1988); in the notation of Zhang et al.,
 * "Miedema Calculator", Comput Phys Commun 209 (2016) 58, eqs. for the
 * chemical enthalpy of solutions. For a liquid there is no elastic or
 * structural term, and the concentration function is the surface
 * concentration f_B^A = c_B^s:
 *
 *   dH = c_A c_B^s dH_inter(A in B)
 *   dH_inter(A in B) = 2 P V_A^(2/3) / (n_A^(-1/3) + n_B^(-1/3))
 *                      * [ -(dphi*)^2 + (Q/P) (dn^(1/3))^2 - R* / P ]
 *   c_A^s = c_A V_A^(2/3) / (c_A V_A^(2/3) + c_B V_B^(2/3))
 *   V_A^(2/3)(alloy) = V_A^(2/3) [1 + a_A c_B^s (phi_A - phi_B)]
 *
 * with Q/P = 9.4 V^2/(d.u.)^(2/3); P = 14.1 (both transition metals), 10.6
 * (neither) or 12.35 (one of each); R* / P = 0.73 (R_A/P)(R_B/P) when exactly
 * one is a transition metal, else 0 (0.73: the liquid-alloy reduction of the
 * hybridization term, de Boer et al. 1988). Units: phi* in V, n_ws^(1/3) in
 * (d.u.)^(1/3), V^(2/3) in cm^2; P is scaled so that dH comes out in kJ/mol.
 * The volume correction is solved by fixed-point iteration (it converges
 * for every parametrized pair: tests/unit/test_alloy_hmix.c checks them all).
 */
#include <math.h>

#include "alloy/hmix_table.h"
#include "mge/alloy.h"

#define MIEDEMA_Q_P 9.4
#define MIEDEMA_P_TT 14.1
#define MIEDEMA_P_NN 10.6
#define MIEDEMA_P_TN 12.35
#define MIEDEMA_R_LIQUID 0.73
#define MIEDEMA_MAX_ITER 60

double mge_alloy_miedema_liquid(int Za, int Zb, double xa) {
  if (Za < 1 || Za >= ALLOY_TAB_N || Zb < 1 || Zb >= ALLOY_TAB_N || Za == Zb ||
      !(xa >= 0.0 && xa <= 1.0))
    return NAN;
  const alloy_miedema_param *A = &alloy_miedema[Za], *B = &alloy_miedema[Zb];
  if (!A->valid || !B->valid) return NAN;
  double P, rp = 0.0;
  if (A->transition && B->transition) {
    P = MIEDEMA_P_TT;
  } else if (!A->transition && !B->transition) {
    P = MIEDEMA_P_NN;
  } else {
    P = MIEDEMA_P_TN;
    rp = MIEDEMA_R_LIQUID * A->r_p * B->r_p;
  }
  double dphi = A->phi_V - B->phi_V, dn = A->nws13 - B->nws13;
  double gamma = 2.0 * P * (-dphi * dphi + MIEDEMA_Q_P * dn * dn - rp) /
                 (1.0 / A->nws13 + 1.0 / B->nws13);
  double xb = 1.0 - xa, va = A->v23_cm2, vb = B->v23_cm2;
  for (int it = 0; it < MIEDEMA_MAX_ITER; it++) {
    double csa = xa * va / (xa * va + xb * vb), csb = 1.0 - csa;
    double va2 = A->v23_cm2 * (1.0 + A->a * csb * dphi);
    double vb2 = B->v23_cm2 * (1.0 - B->a * csa * dphi);
    double change = fabs(va2 - va) + fabs(vb2 - vb);
    va = va2;
    vb = vb2;
    if (change < 1e-13) break;
  }
  double csb = xb * vb / (xa * va + xb * vb);
  return xa * csb * va * gamma;
}

double mge_alloy_hmix_pair(int Za, int Zb, int *source) {
  if (source) *source = 0;
  if (Za < 1 || Za > MGE_Z_MAX || Zb < 1 || Zb > MGE_Z_MAX || Za == Zb)
    return NAN;
  short v = alloy_ti_hmix2[Za][Zb];
  if (v != ALLOY_TI_NONE) {
    if (source) *source = 1;
    return 0.5 * v;
  }
  double h = mge_alloy_miedema_liquid(Za, Zb, 0.5);
  if (source && !isnan(h)) *source = 2;
  return h;
}
