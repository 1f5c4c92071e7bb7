/* Classical laminate theory: ABD, its inverse, effective constants,
 * hygrothermal resultants, ply strains and stresses (Kaw 2006, Ch. 4).
 * z convention: ply 0 at the bottom, z from -h/2 upwards. */
#include <math.h>
#include <string.h>

#include "composite/internal.h"

int mge_laminate_check(const mge_laminate *lam, int need_strength,
                       mge_error *err) {
  if (!lam) return mge_error_set(err, MGE_E_INPUT, "no laminate");
  if (lam->n_plies < 1 || lam->n_plies > MGE_LAMINATE_MAX_PLIES)
    return mge_error_set(err, MGE_E_INPUT,
                         "laminate has %d plies (1..%d allowed)", lam->n_plies,
                         MGE_LAMINATE_MAX_PLIES);
  if (lam->n_mats < 1 || lam->n_mats > MGE_LAMINATE_MAX_MATS)
    return mge_error_set(err, MGE_E_INPUT, "laminate has %d materials",
                         lam->n_mats);
  for (int m = 0; m < lam->n_mats; m++) {
    int rc = mge_lamina_check(&lam->mats[m], need_strength, err);
    if (rc) return rc;
  }
  for (int k = 0; k < lam->n_plies; k++) {
    const mge_ply *p = &lam->ply[k];
    if (p->mat < 0 || p->mat >= lam->n_mats)
      return mge_error_set(err, MGE_E_INPUT, "ply %d: material index %d", k + 1,
                           p->mat);
    if (!isfinite(p->t_m) || p->t_m <= 0 || p->t_m > 1.0)
      return mge_error_set(err, MGE_E_INPUT,
                           "ply %d: thickness %g m must be in (0, 1] m", k + 1,
                           p->t_m);
    if (!isfinite(p->theta_deg) || fabs(p->theta_deg) > 360.0)
      return mge_error_set(err, MGE_E_INPUT,
                           "ply %d: angle %g deg out of -360..360", k + 1,
                           p->theta_deg);
  }
  return MGE_OK;
}

int mge_laminate_from_layup(mge_laminate *lam, const mge_lamina *mat,
                            const char *layup, double t_ply_m, mge_error *err) {
  if (!lam || !mat || !layup)
    return mge_error_set(err, MGE_E_INPUT, "missing argument");
  if (!isfinite(t_ply_m) || t_ply_m <= 0)
    return mge_error_set(err, MGE_E_INPUT,
                         "ply thickness must be positive (given %g m)",
                         t_ply_m);
  double ang[MGE_LAMINATE_MAX_PLIES];
  int n;
  int rc = mge_layup_parse(layup, ang, MGE_LAMINATE_MAX_PLIES, &n, err);
  if (rc) return rc;
  memset(lam, 0, sizeof *lam);
  lam->n_mats = 1;
  lam->mats[0] = *mat;
  lam->n_plies = n;
  for (int k = 0; k < n; k++) {
    lam->ply[k].theta_deg = ang[k];
    lam->ply[k].t_m = t_ply_m;
    lam->ply[k].mat = 0;
  }
  return MGE_OK;
}

double mge_laminate_thickness(const mge_laminate *lam) {
  double h = 0;
  for (int k = 0; k < lam->n_plies; k++) h += lam->ply[k].t_m;
  return h;
}

double mge_laminate_areal_mass(const mge_laminate *lam) {
  double m = 0;
  for (int k = 0; k < lam->n_plies; k++) {
    double rho = lam->mats[lam->ply[k].mat].rho_kg_m3;
    if (!(rho > 0)) return NAN;
    m += rho * lam->ply[k].t_m;
  }
  return m;
}

double mge_laminate_areal_cost(const mge_laminate *lam) {
  double c = 0;
  for (int k = 0; k < lam->n_plies; k++) {
    const mge_lamina *m = &lam->mats[lam->ply[k].mat];
    if (!(m->rho_kg_m3 > 0) || !(m->cost_USD_kg > 0)) return NAN;
    c += m->cost_USD_kg * m->rho_kg_m3 * lam->ply[k].t_m;
  }
  return c;
}

/* Fill ABD from per-ply Q-bar (already computed) and fill the inverse. */
void cmp_abd_from_qbar(const mge_laminate *lam, const double (*Qb)[3][3],
                       mge_abd *out) {
  memset(out, 0, sizeof *out);
  double h = mge_laminate_thickness(lam);
  out->h_m = h;
  double z0 = -0.5 * h;
  for (int k = 0; k < lam->n_plies; k++) {
    double z1 = z0 + lam->ply[k].t_m;
    double d1 = z1 - z0, d2 = 0.5 * (z1 * z1 - z0 * z0),
           d3 = (z1 * z1 * z1 - z0 * z0 * z0) / 3.0;
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        double q = Qb[k][i][j];
        out->A[i][j] += q * d1;
        out->B[i][j] += q * d2;
        out->D[i][j] += q * d3;
      }
    z0 = z1;
  }
  double m[6][6], inv[6][6];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      m[i][j] = out->A[i][j];
      m[i][j + 3] = out->B[i][j];
      m[i + 3][j] = out->B[i][j];
      m[i + 3][j + 3] = out->D[i][j];
    }
  /* Scale to make the units comparable (A ~ E h, B ~ E h^2, D ~ E h^3):
   * invert S M S with S = diag(1, 1, 1, 1/h, 1/h, 1/h). */
  double s[6] = {1, 1, 1, 1 / h, 1 / h, 1 / h};
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 6; j++) m[i][j] *= s[i] * s[j];
  out->invertible = cmp_inv6((const double(*)[6])m, inv, 1e-10);
  if (out->invertible)
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        out->a[i][j] = inv[i][j] * s[i] * s[j];
        out->b[i][j] = inv[i][j + 3] * s[i] * s[j + 3];
        out->c[i][j] = inv[i + 3][j] * s[i + 3] * s[j];
        out->d[i][j] = inv[i + 3][j + 3] * s[i + 3] * s[j + 3];
      }
}

int mge_laminate_abd(const mge_laminate *lam, mge_abd *out, mge_error *err) {
  int rc = mge_laminate_check(lam, 0, err);
  if (rc) return rc;
  double Q[MGE_LAMINATE_MAX_MATS][3][3];
  for (int m = 0; m < lam->n_mats; m++) mge_lamina_Q(&lam->mats[m], Q[m]);
  double Qb[MGE_LAMINATE_MAX_PLIES][3][3];
  for (int k = 0; k < lam->n_plies; k++)
    cmp_qbar_from_q((const double(*)[3])Q[lam->ply[k].mat],
                    lam->ply[k].theta_deg, Qb[k]);
  cmp_abd_from_qbar(lam, (const double(*)[3][3])Qb, out);
  return MGE_OK;
}

int mge_laminate_constants_compute(const mge_abd *abd,
                                   mge_laminate_constants *out,
                                   mge_error *err) {
  if (!abd->invertible)
    return mge_error_set(err, MGE_E_RANGE,
                         "the ABD matrix is singular: no effective constants");
  double h = abd->h_m, h3 = h * h * h;
  /* Kaw Eq. 4.35-4.38 (in-plane) and 4.40-4.43 (flexural) */
  out->Ex_Pa = 1.0 / (h * abd->a[0][0]);
  out->Ey_Pa = 1.0 / (h * abd->a[1][1]);
  out->Gxy_Pa = 1.0 / (h * abd->a[2][2]);
  out->nuxy = -abd->a[0][1] / abd->a[0][0];
  out->nuyx = -abd->a[0][1] / abd->a[1][1];
  out->Efx_Pa = 12.0 / (h3 * abd->d[0][0]);
  out->Efy_Pa = 12.0 / (h3 * abd->d[1][1]);
  out->Gfxy_Pa = 12.0 / (h3 * abd->d[2][2]);
  out->nufxy = -abd->d[0][1] / abd->d[0][0];
  out->nufyx = -abd->d[0][1] / abd->d[1][1];
  return MGE_OK;
}

/* Free expansion strains of a ply in laminate axes for dT, dC. */
void cmp_free_strain(const mge_lamina *m, double theta_deg, double dT,
                     double dC, double e[3]) {
  double t = theta_deg * (M_PI / 180.0);
  double c = cos(t), s = sin(t);
  /* a zero dT or dC contributes nothing, even with an unknown coefficient */
  double e1 =
      (dT != 0 ? m->alpha1_per_K * dT : 0) + (dC != 0 ? m->beta1 * dC : 0);
  double e2 =
      (dT != 0 ? m->alpha2_per_K * dT : 0) + (dC != 0 ? m->beta2 * dC : 0);
  /* Kaw Eq. 4.45: alpha_x, alpha_y, alpha_xy (engineering) */
  e[0] = e1 * c * c + e2 * s * s;
  e[1] = e1 * s * s + e2 * c * c;
  e[2] = 2.0 * (e1 - e2) * s * c;
}

int mge_laminate_hygro_check(const mge_laminate *lam, double dT, double dC,
                             mge_error *err) {
  for (int i = 0; i < lam->n_mats; i++) {
    const mge_lamina *m = &lam->mats[i];
    if (dT != 0 && !(isfinite(m->alpha1_per_K) && isfinite(m->alpha2_per_K)))
      return mge_error_set(err, MGE_E_INPUT,
                           "dT needs alpha1 and alpha2 of %s; give them with "
                           "--materials",
                           m->name);
    if (dC != 0 && !(isfinite(m->beta1) && isfinite(m->beta2)))
      return mge_error_set(err, MGE_E_INPUT,
                           "dC needs beta1 and beta2 of %s; give them with "
                           "--materials",
                           m->name);
  }
  return MGE_OK;
}

static void resultants(const mge_laminate *lam, double dT, double dC,
                       double N[3], double M[3]) {
  double h = mge_laminate_thickness(lam), z0 = -0.5 * h;
  memset(N, 0, 3 * sizeof(double));
  memset(M, 0, 3 * sizeof(double));
  for (int k = 0; k < lam->n_plies; k++) {
    const mge_ply *p = &lam->ply[k];
    double z1 = z0 + p->t_m, Qb[3][3], e[3];
    mge_lamina_Qbar(&lam->mats[p->mat], p->theta_deg, Qb);
    cmp_free_strain(&lam->mats[p->mat], p->theta_deg, dT, dC, e);
    for (int i = 0; i < 3; i++) {
      double q = Qb[i][0] * e[0] + Qb[i][1] * e[1] + Qb[i][2] * e[2];
      N[i] += q * (z1 - z0);
      M[i] += 0.5 * q * (z1 * z1 - z0 * z0);
    }
    z0 = z1;
  }
}

void mge_laminate_hygrothermal(const mge_laminate *lam, double dT_K, double dC,
                               double NT[3], double MT[3], double NC[3],
                               double MC[3]) {
  resultants(lam, dT_K, 0.0, NT, MT);
  resultants(lam, 0.0, dC, NC, MC);
}

int mge_laminate_solve(const mge_laminate *lam, const mge_abd *abd,
                       const mge_load *load, mge_laminate_response *out,
                       mge_error *err) {
  int rc = mge_laminate_check(lam, 0, err);
  if (rc) return rc;
  if (!abd->invertible)
    return mge_error_set(err, MGE_E_RANGE, "the ABD matrix is singular");
  for (int i = 0; i < 3; i++)
    if (!isfinite(load->N[i]) || !isfinite(load->M[i]))
      return mge_error_set(err, MGE_E_INPUT, "load is not finite");
  if (!isfinite(load->dT_K) || !isfinite(load->dC))
    return mge_error_set(err, MGE_E_INPUT, "dT or dC is not finite");
  if ((rc = mge_laminate_hygro_check(lam, load->dT_K, load->dC, err)))
    return rc;
  double N[3], M[3], NH[3] = {0, 0, 0}, MH[3] = {0, 0, 0};
  if (load->dT_K != 0 || load->dC != 0)
    resultants(lam, load->dT_K, load->dC, NH, MH);
  for (int i = 0; i < 3; i++) {
    N[i] = load->N[i] + NH[i];
    M[i] = load->M[i] + MH[i];
  }
  for (int i = 0; i < 3; i++) {
    out->eps0[i] = out->kappa[i] = 0;
    for (int j = 0; j < 3; j++) {
      out->eps0[i] += abd->a[i][j] * N[j] + abd->b[i][j] * M[j];
      out->kappa[i] += abd->c[i][j] * N[j] + abd->d[i][j] * M[j];
    }
  }
  out->n_plies = lam->n_plies;
  double z0 = -0.5 * abd->h_m;
  for (int k = 0; k < lam->n_plies; k++) {
    const mge_ply *p = &lam->ply[k];
    const mge_lamina *m = &lam->mats[p->mat];
    double Qb[3][3], ef[3];
    mge_lamina_Qbar(m, p->theta_deg, Qb);
    cmp_free_strain(m, p->theta_deg, load->dT_K, load->dC, ef);
    double t = p->theta_deg * (M_PI / 180.0), c = cos(t), s = sin(t);
    double zs[3] = {z0, z0 + 0.5 * p->t_m, z0 + p->t_m};
    for (int w = 0; w < 3; w++) {
      mge_ply_point *pt = &out->pt[k][w];
      pt->z_m = zs[w];
      double em[3];
      for (int i = 0; i < 3; i++) {
        pt->eps_xy[i] = out->eps0[i] + zs[w] * out->kappa[i];
        em[i] = pt->eps_xy[i] - ef[i];
      }
      for (int i = 0; i < 3; i++)
        pt->sig_xy_Pa[i] =
            Qb[i][0] * em[0] + Qb[i][1] * em[1] + Qb[i][2] * em[2];
      cmp_rot_strain(c, s, pt->eps_xy, pt->eps_12);
      cmp_rot_stress(c, s, pt->sig_xy_Pa, pt->sig_12_Pa);
    }
    z0 += p->t_m;
  }
  return MGE_OK;
}
