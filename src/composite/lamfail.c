/* Laminate failure: per-ply reserve factors, first-ply failure and
 * last-ply failure by ply discount. The mechanical load is scaled; the
 * hygrothermal stresses are held fixed. */
#include <math.h>
#include <string.h>

#include "composite/internal.h"

int cmp_prep_init(cmp_prep *p, const mge_laminate *lam, const mge_load *load,
                  const mge_fail_opts *o, const int *state) {
  int n = lam->n_plies;
  p->n = n;
  double dis = (o && o->ply_discount > 0 && o->ply_discount < 1)
                   ? o->ply_discount
                   : CMP_DISCOUNT;
  double Q[MGE_LAMINATE_MAX_MATS][3][3];
  for (int m = 0; m < lam->n_mats; m++) {
    mge_lamina_Q(&lam->mats[m], Q[m]);
    cmp_str_init(&lam->mats[m], o, &p->str[m]);
  }
  double z = 0, h = 0;
  for (int k = 0; k < n; k++) h += lam->ply[k].t_m;
  p->h = h;
  z = -0.5 * h;
  for (int k = 0; k < n; k++) {
    const mge_ply *ply = &lam->ply[k];
    p->mat[k] = ply->mat;
    p->state[k] = state ? state[k] : 0;
    p->z0[k] = z;
    p->t[k] = ply->t_m;
    z += ply->t_m;
    double th = ply->theta_deg * (M_PI / 180.0);
    p->c[k] = cos(th);
    p->s[k] = sin(th);
    /* reuse Q-bar of an earlier ply with the same material, angle, state */
    int j = k - 1;
    for (; j >= 0; j--)
      if (lam->ply[j].mat == ply->mat &&
          lam->ply[j].theta_deg == ply->theta_deg && p->state[j] == p->state[k])
        break;
    if (j >= 0) {
      memcpy(p->Qb[k], p->Qb[j], sizeof p->Qb[k]);
      continue;
    }
    double Qd[3][3];
    memcpy(Qd, Q[ply->mat], sizeof Qd);
    if (p->state[k] == 1) { /* inter-fibre failure: keep E1 only */
      Qd[0][0] = lam->mats[ply->mat].E1_Pa;
      Qd[0][1] *= dis;
      Qd[1][0] *= dis;
      Qd[1][1] *= dis;
      Qd[2][2] *= dis;
    } else if (p->state[k] >= 2) {
      for (int i = 0; i < 3; i++)
        for (int jj = 0; jj < 3; jj++) Qd[i][jj] *= dis;
    }
    cmp_qbar_from_q((const double(*)[3])Qd, ply->theta_deg, p->Qb[k]);
  }
  cmp_abd_from_qbar(lam, (const double(*)[3][3])p->Qb, &p->abd);
  p->has_resid = load && (load->dT_K != 0 || load->dC != 0);
  if (!p->abd.invertible) return 0;
  if (p->has_resid) {
    /* residual resultants and the resulting ply stresses */
    double NH[3] = {0, 0, 0}, MH[3] = {0, 0, 0}, ef[MGE_LAMINATE_MAX_PLIES][3];
    for (int k = 0; k < n; k++) {
      const mge_ply *ply = &lam->ply[k];
      cmp_free_strain(&lam->mats[ply->mat], ply->theta_deg, load->dT_K,
                      load->dC, ef[k]);
      double z0 = p->z0[k], z1 = z0 + p->t[k];
      for (int i = 0; i < 3; i++) {
        double q = p->Qb[k][i][0] * ef[k][0] + p->Qb[k][i][1] * ef[k][1] +
                   p->Qb[k][i][2] * ef[k][2];
        NH[i] += q * (z1 - z0);
        MH[i] += 0.5 * q * (z1 * z1 - z0 * z0);
      }
    }
    double e0[3], kap[3];
    cmp_prep_deform(p, NH, MH, e0, kap);
    for (int k = 0; k < n; k++)
      for (int w = 0; w < 3; w++) {
        double zz = p->z0[k] + 0.5 * w * p->t[k], em[3], sx[3];
        for (int i = 0; i < 3; i++) em[i] = e0[i] + zz * kap[i] - ef[k][i];
        for (int i = 0; i < 3; i++)
          sx[i] = p->Qb[k][i][0] * em[0] + p->Qb[k][i][1] * em[1] +
                  p->Qb[k][i][2] * em[2];
        cmp_rot_stress(p->c[k], p->s[k], sx, p->sr[k][w]);
      }
  }
  return 1;
}

void cmp_prep_deform(const cmp_prep *p, const double N[3], const double M[3],
                     double e0[3], double kap[3]) {
  const mge_abd *a = &p->abd;
  for (int i = 0; i < 3; i++) {
    e0[i] = a->a[i][0] * N[0] + a->a[i][1] * N[1] + a->a[i][2] * N[2] +
            a->b[i][0] * M[0] + a->b[i][1] * M[1] + a->b[i][2] * M[2];
    kap[i] = a->c[i][0] * N[0] + a->c[i][1] * N[1] + a->c[i][2] * N[2] +
             a->d[i][0] * M[0] + a->d[i][1] * M[1] + a->d[i][2] * M[2];
  }
}

void cmp_prep_ply_stress(const cmp_prep *p, int k, int w, const double e0[3],
                         const double kap[3], double s12[3]) {
  double z = p->z0[k] + 0.5 * w * p->t[k];
  double e[3] = {e0[0] + z * kap[0], e0[1] + z * kap[1], e0[2] + z * kap[2]};
  const double(*Q)[3] = p->Qb[k];
  double sx[3] = {Q[0][0] * e[0] + Q[0][1] * e[1] + Q[0][2] * e[2],
                  Q[1][0] * e[0] + Q[1][1] * e[1] + Q[1][2] * e[2],
                  Q[2][0] * e[0] + Q[2][1] * e[1] + Q[2][2] * e[2]};
  cmp_rot_stress(p->c[k], p->s[k], sx, s12);
}

double cmp_ply_point_sr(const cmp_prep *p, int k, int w, const double s12[3],
                        mge_criterion c, mge_fail_mode *md) {
  const cmp_str *st = &p->str[p->mat[k]];
  int fo = p->state[k] == 1;
  if (p->has_resid) return cmp_sr_resid(st, c, s12, p->sr[k][w], fo, md);
  return cmp_sr(st, c, s12, fo, md);
}

int cmp_check_load_(const mge_load *load, mge_error *err) {
  if (!load) return mge_error_set(err, MGE_E_INPUT, "no load case");
  for (int i = 0; i < 3; i++)
    if (!isfinite(load->N[i]) || !isfinite(load->M[i]))
      return mge_error_set(err, MGE_E_INPUT, "load is not finite");
  if (!isfinite(load->dT_K) || !isfinite(load->dC))
    return mge_error_set(err, MGE_E_INPUT, "dT or dC is not finite");
  return MGE_OK;
}

int cmp_check_crit(const mge_criterion *crit, int n_crit, mge_error *err) {
  if (!crit || n_crit < 1 || n_crit > MGE_CRIT_N)
    return mge_error_set(err, MGE_E_INPUT, "1..%d criteria expected",
                         MGE_CRIT_N);
  for (int i = 0; i < n_crit; i++)
    if (crit[i] < 0 || crit[i] >= MGE_CRIT_N)
      return mge_error_set(err, MGE_E_INPUT, "unknown criterion %d",
                           (int)crit[i]);
  return MGE_OK;
}

int mge_laminate_fail(const mge_laminate *lam, const mge_load *load,
                      const mge_criterion *crit, int n_crit,
                      const mge_fail_opts *o, mge_fail_result *out,
                      mge_error *err) {
  int rc;
  if ((rc = mge_laminate_check(lam, 1, err))) return rc;
  if ((rc = cmp_check_load_(load, err))) return rc;
  if ((rc = mge_laminate_hygro_check(lam, load->dT_K, load->dC, err)))
    return rc;
  if ((rc = cmp_check_crit(crit, n_crit, err))) return rc;
  cmp_prep p;
  if (!cmp_prep_init(&p, lam, load, o, NULL))
    return mge_error_set(err, MGE_E_RANGE, "the ABD matrix is singular");
  double e0[3], kap[3];
  cmp_prep_deform(&p, load->N, load->M, e0, kap);
  out->n_plies = lam->n_plies;
  out->n_crit = n_crit;
  for (int ci = 0; ci < n_crit; ci++) {
    out->crit[ci] = crit[ci];
    out->fpf[ci] = INFINITY;
    out->fpf_ply[ci] = -1;
  }
  for (int k = 0; k < lam->n_plies; k++) {
    double s12[3][3];
    for (int w = 0; w < 3; w++) cmp_prep_ply_stress(&p, k, w, e0, kap, s12[w]);
    for (int ci = 0; ci < n_crit; ci++) {
      double best = INFINITY;
      mge_fail_mode bm = MGE_MODE_NONE;
      int bw = MGE_PLY_MIDDLE;
      for (int w = 0; w < 3; w++) {
        mge_fail_mode md;
        double r = cmp_ply_point_sr(&p, k, w, s12[w], crit[ci], &md);
        if (r < best) best = r, bm = md, bw = w;
      }
      out->rf[k][ci] = best;
      out->mode[k][ci] = bm;
      out->where[k][ci] = bw;
      if (best < out->fpf[ci]) out->fpf[ci] = best, out->fpf_ply[ci] = k;
    }
  }
  return MGE_OK;
}

double cmp_prep_fpf(const cmp_prep *p, const mge_laminate *lam,
                    const double N[3], const double M[3],
                    const mge_criterion *crit, int n_crit) {
  double e0[3], kap[3];
  cmp_prep_deform(p, N, M, e0, kap);
  int bending = kap[0] != 0 || kap[1] != 0 || kap[2] != 0 || p->has_resid;
  double best = INFINITY;
  for (int k = 0; k < lam->n_plies; k++) {
    if (!bending) {
      /* membrane state: a ply equal to an earlier one has equal stresses */
      int j = k - 1;
      for (; j >= 0; j--)
        if (lam->ply[j].mat == lam->ply[k].mat &&
            lam->ply[j].theta_deg == lam->ply[k].theta_deg)
          break;
      if (j >= 0) continue;
    }
    for (int w = 0; w < 3; w++) {
      if (!bending && w != MGE_PLY_MIDDLE) continue;
      double s12[3];
      cmp_prep_ply_stress(p, k, w, e0, kap, s12);
      for (int ci = 0; ci < n_crit; ci++) {
        double r = cmp_ply_point_sr(p, k, w, s12, crit[ci], NULL);
        if (r < best) best = r;
      }
    }
  }
  return best;
}

int cmp_check_load(const mge_load *load, mge_error *err) {
  return cmp_check_load_(load, err);
}

static int is_fibre(mge_fail_mode m) {
  return m == MGE_MODE_FIBRE_T || m == MGE_MODE_FIBRE_C;
}

int mge_laminate_lpf(const mge_laminate *lam, const mge_load *load,
                     mge_criterion c, const mge_fail_opts *o,
                     mge_lpf_result *out, mge_error *err) {
  int rc;
  if ((rc = mge_laminate_check(lam, 1, err))) return rc;
  if ((rc = cmp_check_load_(load, err))) return rc;
  if ((rc = mge_laminate_hygro_check(lam, load->dT_K, load->dC, err)))
    return rc;
  if ((rc = cmp_check_crit(&c, 1, err))) return rc;
  int state[MGE_LAMINATE_MAX_PLIES] = {0};
  int n = lam->n_plies;
  out->n_steps = 0;
  out->fpf = out->lpf = NAN;
  double lmax = 0, flex0 = 0;
  cmp_prep p;
  for (int iter = 0; iter < 2 * n + 1; iter++) {
    if (!cmp_prep_init(&p, lam, load, o, state)) break;
    double e0[3], kap[3];
    cmp_prep_deform(&p, load->N, load->M, e0, kap);
    /* collapse: the damaged laminate deforms CMP_COLLAPSE times more than
     * the intact one under the same load (a mechanism held only by the
     * discounted residual stiffness) */
    double flex = 0;
    for (int i = 0; i < 3; i++)
      flex = fmax(flex, fmax(fabs(e0[i]), 0.5 * p.h * fabs(kap[i])));
    if (iter == 0)
      flex0 = flex;
    else if (flex > CMP_COLLAPSE * flex0)
      break;
    double rk[MGE_LAMINATE_MAX_PLIES];
    mge_fail_mode mk[MGE_LAMINATE_MAX_PLIES];
    double best = INFINITY;
    for (int k = 0; k < n; k++) {
      rk[k] = INFINITY;
      mk[k] = MGE_MODE_NONE;
      if (state[k] >= 2) continue;
      for (int w = 0; w < 3; w++) {
        double s12[3];
        mge_fail_mode md;
        cmp_prep_ply_stress(&p, k, w, e0, kap, s12);
        double r = cmp_ply_point_sr(&p, k, w, s12, c, &md);
        if (r < rk[k]) rk[k] = r, mk[k] = md;
      }
      if (rk[k] < best) best = rk[k];
    }
    if (!(best < INFINITY)) break; /* nothing left that the load stresses */
    if (iter == 0) out->fpf = best;
    double reached = lmax; /* the highest load factor before this step */
    if (best > lmax) lmax = best;
    int all_ff = 1;
    for (int k = 0; k < n; k++) {
      if (state[k] < 2 && rk[k] <= best * (1.0 + 1e-9)) {
        int fibre = is_fibre(mk[k]) || state[k] == 1;
        state[k] = fibre ? 2 : 1;
        if (out->n_steps < 2 * MGE_LAMINATE_MAX_PLIES) {
          mge_lpf_step *s = &out->step[out->n_steps++];
          s->ply = k;
          s->own_factor = best;
          s->cascade = best < reached;
          s->load_factor = s->cascade ? reached : best;
          s->mode = mk[k];
        }
      }
      if (state[k] < 2) all_ff = 0;
    }
    if (all_ff) break;
  }
  if (out->n_steps == 0)
    return mge_error_set(err, MGE_E_RANGE,
                         "the load does not stress the laminate (or ABD is "
                         "singular): no failure load");
  out->lpf = lmax;
  return MGE_OK;
}

int mge_laminate_lpf_each(const mge_laminate *lam, const mge_load *load,
                          const mge_criterion *crit, int n_crit,
                          const mge_fail_opts *o, mge_lpf_result *out,
                          int *ok) {
  int n_ok = 0;
  for (int c = 0; c < n_crit; c++) {
    ok[c] = mge_laminate_lpf(lam, load, crit[c], o, &out[c], NULL) == 0;
    n_ok += ok[c];
  }
  return n_ok;
}
