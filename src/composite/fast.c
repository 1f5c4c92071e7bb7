/* The first-ply failure fast path used by searches and the design models:
 * one laminate, one mechanical load, several criteria, no allocation. Q-bar
 * and trigonometry are computed once per distinct (material, angle); the
 * 6x6 system is solved by a scaled Cholesky factorisation (the intact ABD
 * is symmetric positive definite); a membrane state (curvature below 1e-12
 * of the midplane strain over h/2, e.g. a symmetric laminate under N)
 * evaluates each distinct ply once, else bottom, middle and top of every
 * ply. Results equal the general path (mge_laminate_fail) to round-off. */
#include <math.h>
#include <string.h>

#include "composite/internal.h"
#include "mge/linalg.h"

static inline double max_fi(const cmp_str *st, const double s12[3],
                            const mge_criterion *crit, int n_crit) {
  double f = 0;
  for (int ci = 0; ci < n_crit; ci++) {
    double v = cmp_fi(st, crit[ci], s12, 0, NULL);
    if (!(v <= f)) f = v; /* NaN propagates */
  }
  return f;
}

double mge_laminate_fpf(const mge_laminate *lam, const mge_load *load,
                        const mge_criterion *crit, int n_crit,
                        const mge_fail_opts *o) {
  if (mge_laminate_check(lam, 1, NULL) || cmp_check_load_(load, NULL) ||
      cmp_check_crit(crit, n_crit, NULL) ||
      mge_laminate_hygro_check(lam, load->dT_K, load->dC, NULL))
    return NAN;
  if (load->dT_K != 0 || load->dC != 0) { /* residual stresses: general */
    cmp_prep p;
    if (!cmp_prep_init(&p, lam, load, o, NULL)) return NAN;
    return cmp_prep_fpf(&p, lam, load->N, load->M, crit, n_crit);
  }
  int n = lam->n_plies;
  cmp_str st[MGE_LAMINATE_MAX_MATS];
  double Q[MGE_LAMINATE_MAX_MATS][3][3];
  for (int m = 0; m < lam->n_mats; m++) {
    mge_lamina_Q(&lam->mats[m], Q[m]);
    cmp_str_init(&lam->mats[m], o, &st[m]);
  }
  /* distinct (material, angle) */
  int uid[MGE_LAMINATE_MAX_PLIES], nu = 0;
  int umat[MGE_LAMINATE_MAX_PLIES];
  double uang[MGE_LAMINATE_MAX_PLIES], uc[MGE_LAMINATE_MAX_PLIES],
      us[MGE_LAMINATE_MAX_PLIES];
  double Qb[MGE_LAMINATE_MAX_PLIES][3][3];
  double h = 0;
  for (int k = 0; k < n; k++) {
    const mge_ply *p = &lam->ply[k];
    h += p->t_m;
    int u = 0;
    for (; u < nu; u++)
      if (umat[u] == p->mat && uang[u] == p->theta_deg) break;
    if (u == nu) {
      umat[nu] = p->mat;
      uang[nu] = p->theta_deg;
      double th = p->theta_deg * (M_PI / 180.0);
      uc[nu] = cos(th);
      us[nu] = sin(th);
      cmp_qbar_from_q((const double(*)[3])Q[p->mat], p->theta_deg, Qb[nu]);
      nu++;
    }
    uid[k] = u;
  }
  /* ABD, scaled: rows/columns 3..5 by 1/h (see laminate.c) */
  double M[6][6] = {{0}};
  double z0 = -0.5 * h, ih = 1.0 / h;
  for (int k = 0; k < n; k++) {
    double z1 = z0 + lam->ply[k].t_m;
    double d1 = z1 - z0, d2 = 0.5 * (z1 * z1 - z0 * z0) * ih,
           d3 = (z1 * z1 * z1 - z0 * z0 * z0) / 3.0 * ih * ih;
    const double(*q)[3] = (const double(*)[3])Qb[uid[k]];
    for (int i = 0; i < 3; i++)
      for (int j = i; j < 3; j++) {
        M[i][j] += q[i][j] * d1;
        M[i][j + 3] += q[i][j] * d2;
        M[i + 3][j + 3] += q[i][j] * d3;
      }
    for (int i = 1; i < 3; i++)
      for (int j = 0; j < i; j++) M[i][j + 3] += q[i][j] * d2;
    z0 = z1;
  }
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < i; j++) M[i][j] = M[j][i];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) M[i + 3][j] = M[j][i + 3];
  double x[6] = {load->N[0],      load->N[1],      load->N[2],
                 load->M[0] * ih, load->M[1] * ih, load->M[2] * ih};
  if (mge_chol_small_factor(&M[0][0], 6, 1e-12)) {
    /* not SPD: the general path decides */
    cmp_prep p;
    if (!cmp_prep_init(&p, lam, load, o, NULL)) return NAN;
    return cmp_prep_fpf(&p, lam, load->N, load->M, crit, n_crit);
  }
  mge_chol_small_solve(&M[0][0], 6, x);
  double e0[3] = {x[0], x[1], x[2]};
  double kap[3] = {x[3] * ih, x[4] * ih, x[5] * ih};
  double emax = fmax(fabs(e0[0]), fmax(fabs(e0[1]), fabs(e0[2])));
  double kmax = fmax(fabs(kap[0]), fmax(fabs(kap[1]), fabs(kap[2])));
  double fmax_ = 0;
  if (0.5 * h * kmax <= 1e-12 * emax) {
    for (int u = 0; u < nu; u++) {
      const double(*q)[3] = (const double(*)[3])Qb[u];
      double sx[3] = {q[0][0] * e0[0] + q[0][1] * e0[1] + q[0][2] * e0[2],
                      q[1][0] * e0[0] + q[1][1] * e0[1] + q[1][2] * e0[2],
                      q[2][0] * e0[0] + q[2][1] * e0[1] + q[2][2] * e0[2]};
      double s12[3];
      cmp_rot_stress(uc[u], us[u], sx, s12);
      double f = max_fi(&st[umat[u]], s12, crit, n_crit);
      if (!(f <= fmax_)) fmax_ = f;
    }
  } else {
    z0 = -0.5 * h;
    for (int k = 0; k < n; k++) {
      int u = uid[k];
      const double(*q)[3] = (const double(*)[3])Qb[u];
      for (int w = 0; w < 3; w++) {
        double z = z0 + 0.5 * w * lam->ply[k].t_m;
        double e[3] = {e0[0] + z * kap[0], e0[1] + z * kap[1],
                       e0[2] + z * kap[2]};
        double sx[3] = {q[0][0] * e[0] + q[0][1] * e[1] + q[0][2] * e[2],
                        q[1][0] * e[0] + q[1][1] * e[1] + q[1][2] * e[2],
                        q[2][0] * e[0] + q[2][1] * e[1] + q[2][2] * e[2]};
        double s12[3];
        cmp_rot_stress(uc[u], us[u], sx, s12);
        double f = max_fi(&st[umat[u]], s12, crit, n_crit);
        if (!(f <= fmax_)) fmax_ = f;
      }
      z0 += lam->ply[k].t_m;
    }
  }
  if (isnan(fmax_)) return NAN;
  return fmax_ > 0 ? 1.0 / fmax_ : INFINITY;
}
