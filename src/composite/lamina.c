/* Lamina stiffness, compliance, transformations and angle constants
 * (Kaw, Mechanics of Composite Materials, 2nd ed., CRC 2006, Ch. 2). */
#include <math.h>
#include <string.h>

#include "composite/internal.h"

static int bad_field(mge_error *err, const mge_lamina *m, const char *f,
                     const char *why) {
  return mge_error_set(err, MGE_E_INPUT, "lamina '%s': %s %s", m->name, f, why);
}

int mge_lamina_check(const mge_lamina *m, int need_strength, mge_error *err) {
  if (!m) return mge_error_set(err, MGE_E_INPUT, "no lamina");
  const struct {
    const char *name;
    double v;
  } req[] = {{"E1", m->E1_Pa}, {"E2", m->E2_Pa}, {"G12", m->G12_Pa}};
  for (size_t i = 0; i < sizeof req / sizeof req[0]; i++)
    if (!isfinite(req[i].v) || req[i].v <= 0)
      return bad_field(err, m, req[i].name, "must be a positive modulus");
  if (!isfinite(m->nu12) || m->nu12 < 0 ||
      m->nu12 * m->nu12 >= m->E1_Pa / m->E2_Pa)
    return bad_field(err, m, "nu12",
                     "must satisfy 0 <= nu12 < sqrt(E1/E2) (positive "
                     "definite compliance)");
  const double opt[] = {m->nu23,      m->S23_Pa,    m->eps1t,     m->eps1c,
                        m->eps2t,     m->eps2c,     m->gamma12u,  m->Vf,
                        m->puck_p12t, m->puck_p12c, m->puck_p22c, m->E1f_Pa,
                        m->nu12f,     m->m_sigf};
  for (size_t i = 0; i < sizeof opt / sizeof opt[0]; i++)
    if (!isfinite(opt[i]))
      return bad_field(err, m, "a property", "is not a finite number");
  /* the fields that can be unknown: NaN, or a finite number */
  const double unk[] = {m->alpha1_per_K, m->alpha2_per_K, m->beta1,
                        m->beta2,        m->rho_kg_m3,    m->t_ply_m,
                        m->cost_USD_kg};
  for (size_t i = 0; i < sizeof unk / sizeof unk[0]; i++)
    if (isinf(unk[i]))
      return bad_field(err, m, "a property", "is not a finite number");
  if (m->rho_kg_m3 < 0 || m->t_ply_m < 0 || m->cost_USD_kg < 0 ||
      m->S23_Pa < 0 || m->Vf < 0 || m->Vf > 1)
    return bad_field(err, m, "density/thickness/cost/S23/Vf",
                     "must not be negative (Vf <= 1)");
  if (need_strength) {
    const struct {
      const char *name;
      double v;
    } s[] = {{"Xt", m->Xt_Pa},
             {"Xc", m->Xc_Pa},
             {"Yt", m->Yt_Pa},
             {"Yc", m->Yc_Pa},
             {"S12", m->S12_Pa}};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
      if (!isfinite(s[i].v) || s[i].v <= 0)
        return bad_field(err, m, s[i].name,
                         "must be a positive strength for failure analysis");
  }
  return MGE_OK;
}

void mge_lamina_Q(const mge_lamina *m, double Q[3][3]) {
  /* Kaw Eq. 2.93 */
  double nu21 = m->nu12 * m->E2_Pa / m->E1_Pa;
  double den = 1.0 - m->nu12 * nu21;
  memset(Q, 0, 9 * sizeof(double));
  Q[0][0] = m->E1_Pa / den;
  Q[1][1] = m->E2_Pa / den;
  Q[0][1] = Q[1][0] = m->nu12 * m->E2_Pa / den;
  Q[2][2] = m->G12_Pa;
}

void mge_lamina_S(const mge_lamina *m, double S[3][3]) {
  memset(S, 0, 9 * sizeof(double));
  S[0][0] = 1.0 / m->E1_Pa;
  S[1][1] = 1.0 / m->E2_Pa;
  S[0][1] = S[1][0] = -m->nu12 / m->E1_Pa;
  S[2][2] = 1.0 / m->G12_Pa;
}

void cmp_qbar_from_q(const double Q[3][3], double theta_deg, double Qb[3][3]) {
  double t = theta_deg * (M_PI / 180.0);
  double c = cos(t), s = sin(t);
  double c2 = c * c, s2 = s * s, cs = c * s;
  double c4 = c2 * c2, s4 = s2 * s2, s2c2 = s2 * c2;
  double Q11 = Q[0][0], Q12 = Q[0][1], Q22 = Q[1][1], Q66 = Q[2][2];
  /* Kaw Eq. 2.104 */
  Qb[0][0] = Q11 * c4 + Q22 * s4 + 2.0 * (Q12 + 2.0 * Q66) * s2c2;
  Qb[0][1] = (Q11 + Q22 - 4.0 * Q66) * s2c2 + Q12 * (c4 + s4);
  Qb[1][1] = Q11 * s4 + Q22 * c4 + 2.0 * (Q12 + 2.0 * Q66) * s2c2;
  Qb[0][2] =
      (Q11 - Q12 - 2.0 * Q66) * c2 * cs - (Q22 - Q12 - 2.0 * Q66) * s2 * cs;
  Qb[1][2] =
      (Q11 - Q12 - 2.0 * Q66) * s2 * cs - (Q22 - Q12 - 2.0 * Q66) * c2 * cs;
  Qb[2][2] = (Q11 + Q22 - 2.0 * Q12 - 2.0 * Q66) * s2c2 + Q66 * (s4 + c4);
  Qb[1][0] = Qb[0][1];
  Qb[2][0] = Qb[0][2];
  Qb[2][1] = Qb[1][2];
}

void mge_lamina_Qbar(const mge_lamina *m, double theta_deg, double Qbar[3][3]) {
  double Q[3][3];
  mge_lamina_Q(m, Q);
  cmp_qbar_from_q((const double(*)[3])Q, theta_deg, Qbar);
}

void mge_lamina_Sbar(const mge_lamina *m, double theta_deg, double Sb[3][3]) {
  double S[3][3];
  mge_lamina_S(m, S);
  double t = theta_deg * (M_PI / 180.0);
  double c = cos(t), s = sin(t);
  double c2 = c * c, s2 = s * s, cs = c * s;
  double c4 = c2 * c2, s4 = s2 * s2, s2c2 = s2 * c2;
  double S11 = S[0][0], S12 = S[0][1], S22 = S[1][1], S66 = S[2][2];
  /* Kaw Eq. 2.103 */
  Sb[0][0] = S11 * c4 + (2.0 * S12 + S66) * s2c2 + S22 * s4;
  Sb[0][1] = S12 * (s4 + c4) + (S11 + S22 - S66) * s2c2;
  Sb[1][1] = S11 * s4 + (2.0 * S12 + S66) * s2c2 + S22 * c4;
  Sb[0][2] = (2.0 * S11 - 2.0 * S12 - S66) * cs * c2 -
             (2.0 * S22 - 2.0 * S12 - S66) * cs * s2;
  Sb[1][2] = (2.0 * S11 - 2.0 * S12 - S66) * cs * s2 -
             (2.0 * S22 - 2.0 * S12 - S66) * cs * c2;
  Sb[2][2] =
      2.0 * (2.0 * S11 + 2.0 * S22 - 4.0 * S12 - S66) * s2c2 + S66 * (s4 + c4);
  Sb[1][0] = Sb[0][1];
  Sb[2][0] = Sb[0][2];
  Sb[2][1] = Sb[1][2];
}

void mge_lamina_angle_constants(const mge_lamina *m, double theta_deg,
                                mge_angle_constants *out) {
  double Sb[3][3];
  mge_lamina_Sbar(m, theta_deg, Sb);
  /* Kaw Eq. 2.109 */
  out->Ex_Pa = 1.0 / Sb[0][0];
  out->Ey_Pa = 1.0 / Sb[1][1];
  out->Gxy_Pa = 1.0 / Sb[2][2];
  out->nuxy = -Sb[0][1] * out->Ex_Pa;
  out->nuyx = -Sb[0][1] * out->Ey_Pa;
  out->etax_xy = Sb[0][2] * out->Ex_Pa;
  out->etay_xy = Sb[1][2] * out->Ey_Pa;
}

void mge_stress_to_material(double theta_deg, const double sxy[3],
                            double s12[3]) {
  double t = theta_deg * (M_PI / 180.0);
  double c = cos(t), s = sin(t);
  cmp_rot_stress(c, s, sxy, s12);
}

void mge_strain_to_material(double theta_deg, const double exy[3],
                            double e12[3]) {
  double t = theta_deg * (M_PI / 180.0);
  double c = cos(t), s = sin(t);
  cmp_rot_strain(c, s, exy, e12);
}
