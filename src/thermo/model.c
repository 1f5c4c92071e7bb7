/* Compiled Gibbs energy models.
 *
 * G (per mole of formula units) of a phase with site fractions y is
 *   G = sum_params v_p(T) prod_m L_pm(y)           reference + excess
 *     + R T sum_s a_s sum_{k in s} y_k ln y_k      ideal mixing
 *     + R T ln(beta + 1) g(T / Tc)                 magnetic (IHJ)
 * where every parameter term is a product of affine factors L(y): the site
 * fractions it names and its Redlich-Kister factor, (y_i - y_j)^order for a
 * binary interaction or the Muggianu v_i = y_i + (1 - y_i - y_j - y_k)/3 for
 * a ternary one (Hillert, Phase Equilibria, Phase Diagrams and Phase
 * Transformations, 2nd ed., 2008, ch. 20-22). The magnetic function g is
 * that of Inden (1981) as simplified by Hillert and Jarl, Calphad 2 (1978)
 * 227. An ordered phase with a disordered part (DISORDERED_PART) is
 *   G = G_dis(x) + G_ord(y) - G_ord(y = x) + ideal(y),
 * x the disordered site fractions (Ansara et al., J. Alloys Compd. 247
 * (1997) 20). Gradient and Hessian in y and the T derivatives are exact.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thermo/thermo_internal.h"

static int ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (toupper((unsigned char)*a) != toupper((unsigned char)*b)) return 0;
  return *a == *b;
}

/* ------------------------------------------------------ parameter values */

int tm_tvals_init(tm_tvals *tv, const mge_thermo_system *s) {
  memset(tv, 0, sizeof *tv);
  size_t n = (size_t)(s->npar > 0 ? s->npar : 1);
  tv->v = calloc(3 * n, sizeof(double));
  if (!tv->v) return -1;
  tv->dv = tv->v + n;
  tv->d2v = tv->v + 2 * n;
  tv->T = -1;
  return 0;
}

void tm_tvals_free(tm_tvals *tv) {
  free(tv->v);
  memset(tv, 0, sizeof *tv);
}

void tm_tvals_set(tm_tvals *tv, const mge_thermo_system *s, double T,
                  double P) {
  if (tv->T == T && tv->P == P) return;
  double L = log(T), LP = log(P);
  for (int i = 0; i < s->npar; i++)
    tm_pw_eval_log(s->par[i], T, P, L, LP, &tv->v[i], &tv->dv[i], &tv->d2v[i]);
  tv->T = T;
  tv->P = P;
}

/* ------------------------------------------------------------ evaluation */

typedef struct rsum {
  double F, FT, FTT;
  double g[MGE_THERMO_MAX_Y], gT[MGE_THERMO_MAX_Y];
  double H[MGE_THERMO_MAX_Y * MGE_THERMO_MAX_Y];
} rsum;

static void rsum_zero(rsum *r, int ny, int want) {
  r->F = r->FT = r->FTT = 0;
  if (want & (TM_GRAD | TM_HESS)) {
    memset(r->g, 0, (size_t)ny * sizeof(double));
    memset(r->gT, 0, (size_t)ny * sizeof(double));
  }
  if (want & TM_HESS) memset(r->H, 0, (size_t)ny * ny * sizeof(double));
}

/* Sum of the records' terms at y, with derivatives. */
static void eval_recs(const tm_recset *rs, const tm_tvals *tv, const double *y,
                      int ny, int want, rsum *r) {
  rsum_zero(r, ny, want);
  for (int i = 0; i < rs->n; i++) {
    const tm_rec *rc = &rs->r[i];
    double v = tv->v[rc->ipar], vt = tv->dv[rc->ipar], vtt = tv->d2v[rc->ipar];
    int nf = rc->nf;
    double L[TM_MAXF], pre[TM_MAXF + 1], suf[TM_MAXF + 1];
    pre[0] = 1;
    for (int m = 0; m < nf; m++) {
      const tm_aff *f = &rc->f[m];
      double l = f->c0;
      for (int j = 0; j < f->n; j++) l += f->a[j] * y[f->k[j]];
      L[m] = l;
      pre[m + 1] = pre[m] * l;
    }
    double P = pre[nf];
    r->F += v * P;
    r->FT += vt * P;
    r->FTT += vtt * P;
    if (!(want & (TM_GRAD | TM_HESS))) continue;
    suf[nf] = 1;
    for (int m = nf - 1; m >= 0; m--) suf[m] = suf[m + 1] * L[m];
    for (int m = 0; m < nf; m++) {
      double ex = pre[m] * suf[m + 1];
      const tm_aff *f = &rc->f[m];
      for (int j = 0; j < f->n; j++) {
        r->g[f->k[j]] += v * f->a[j] * ex;
        r->gT[f->k[j]] += vt * f->a[j] * ex;
      }
    }
    if (!(want & TM_HESS)) continue;
    for (int m = 0; m < nf; m++) {
      double mid = 1;
      for (int n = m + 1; n < nf; n++) {
        double w = v * pre[m] * mid * suf[n + 1];
        mid *= L[n];
        if (w == 0) continue;
        const tm_aff *fm = &rc->f[m], *fn = &rc->f[n];
        for (int j = 0; j < fm->n; j++)
          for (int l = 0; l < fn->n; l++) {
            double h = w * fm->a[j] * fn->a[l];
            r->H[fm->k[j] * ny + fn->k[l]] += h;
            r->H[fn->k[l] * ny + fm->k[j]] += h;
          }
      }
    }
  }
}

/* IHJ g(tau) and its first two derivatives. */
static void ihj(double tau, double p, double *g, double *g1, double *g2) {
  double A = 518.0 / 1125.0 + 11692.0 / 15975.0 * (1.0 / p - 1.0);
  if (tau <= 1) {
    double b = 474.0 / 497.0 * (1.0 / p - 1.0);
    double t3 = tau * tau * tau, t9 = t3 * t3 * t3, t15 = t9 * t3 * t3;
    *g = 1 -
         (79.0 / (140.0 * p * tau) + b * (t3 / 6 + t9 / 135 + t15 / 600)) / A;
    *g1 = -(-79.0 / (140.0 * p * tau * tau) +
            b * (t3 / 2 + t9 / 15 + t15 / 40) / tau) /
          A;
    *g2 = -(2 * 79.0 / (140.0 * p * tau * tau * tau) +
            b * (t3 + t9 * 8.0 / 15 + t15 * 14.0 / 40) / (tau * tau)) /
          A;
  } else {
    double it = 1 / tau, i2 = it * it;
    double t5 = i2 * i2 * it, t15 = t5 * t5 * t5, t25 = t15 * t5 * t5;
    *g = -(t5 / 10 + t15 / 315 + t25 / 1500) / A;
    *g1 = (t5 / 2 + t15 / 21 + t25 / 60) / (A * tau);
    *g2 = -(3 * t5 + t15 * 16.0 / 21 + t25 * 26.0 / 60) / (A * tau * tau);
  }
}

/* g(tau) alone for the grid energies: ihj's expressions with tau and
 * 1/tau given and the divisions by constants as products (no division in
 * the loop over the grid points). c1 = 79 / (140 p), iA = 1 / A. */
static double ihj_g(double tau, double itau, double c1, double b, double iA) {
  if (tau <= 1) {
    double t3 = tau * tau * tau, t9 = t3 * t3 * t3, t15 = t9 * t3 * t3;
    return 1 - (c1 * itau +
                b * (t3 * (1.0 / 6) + t9 * (1.0 / 135) + t15 * (1.0 / 600))) *
                   iA;
  }
  double i2 = itau * itau;
  double t5 = i2 * i2 * itau, t15 = t5 * t5 * t5, t25 = t15 * t5 * t5;
  return -(t5 * 0.1 + t15 * (1.0 / 315) + t25 * (1.0 / 1500)) * iA;
}

/* Magnetic contribution from the TC and BMAGN sums, added into out. */
static void add_magnetic(const tm_phase *ph, const rsum *tc, const rsum *bm,
                         double T, int ny, int want, tm_gout *out) {
  double afm = ph->afm;
  double TC = tc->F, B = bm->F;
  double st = 1, sb = 1;
  if (TC < 0) st = 1.0 / afm;
  if (B < 0) sb = 1.0 / afm;
  TC *= st;
  B *= sb;
  if (!(TC > 0) || !(B > -1)) return; /* no magnetic ordering */
  double tau = T / TC, g, g1, g2;
  ihj(tau, ph->pmag, &g, &g1, &g2);
  double h = log(1 + B), h1 = 1 / (1 + B), h2 = -h1 * h1;
  double R = TM_R;
  out->G += R * T * h * g;
  if (want & TM_TDER) {
    out->GT += R * h * (g + tau * g1);
    out->GTT += R * h * (2 * g1 + tau * g2) / TC;
  }
  if (!(want & (TM_GRAD | TM_HESS))) return;
  double tt = -T / (TC * TC), ttt = 2 * T / (TC * TC * TC);
  double tk[MGE_THERMO_MAX_Y], bk[MGE_THERMO_MAX_Y];
  for (int k = 0; k < ny; k++) {
    tk[k] = st * tc->g[k];
    bk[k] = sb * bm->g[k];
    out->g[k] += R * T * (h1 * bk[k] * g + h * g1 * tt * tk[k]);
    out->gT[k] += R * (h1 * bk[k] * (g + tau * g1) +
                       h * (2 * g1 + tau * g2) * tt * tk[k]);
  }
  if (!(want & TM_HESS)) return;
  for (int k = 0; k < ny; k++)
    for (int l = 0; l < ny; l++) {
      double v = h2 * bk[k] * bk[l] * g + h1 * sb * bm->H[k * ny + l] * g +
                 h1 * g1 * tt * (bk[k] * tk[l] + bk[l] * tk[k]) +
                 h * (g2 * tt * tt + g1 * ttt) * tk[k] * tk[l] +
                 h * g1 * tt * st * tc->H[k * ny + l];
      out->H[k * ny + l] += R * T * v;
    }
}

/* Reference, excess and magnetic parts of a phase (no ideal mixing). */
static void eval_nonideal(const tm_phase *ph, const tm_tvals *tv,
                          const double *y, int want, tm_gout *out) {
  int ny = ph->ny;
  rsum r;
  eval_recs(&ph->g, tv, y, ny, want, &r);
  out->G += r.F;
  if (want & TM_TDER) {
    out->GT += r.FT;
    out->GTT += r.FTT;
  }
  if (want & (TM_GRAD | TM_HESS))
    for (int k = 0; k < ny; k++) {
      out->g[k] += r.g[k];
      out->gT[k] += r.gT[k];
    }
  if (want & TM_HESS)
    for (int k = 0; k < ny * ny; k++) out->H[k] += r.H[k];
  if (ph->magnetic) {
    rsum tc, bm;
    int w = want & TM_HESS ? (TM_GRAD | TM_HESS) : want & TM_GRAD;
    eval_recs(&ph->tc, tv, y, ny, w, &tc);
    eval_recs(&ph->bm, tv, y, ny, w, &bm);
    add_magnetic(ph, &tc, &bm, tv->T, ny, want, out);
  }
}

static void gout_zero(tm_gout *o, int ny, int want) {
  o->G = o->GT = o->GTT = 0;
  memset(o->g, 0, (size_t)ny * sizeof(double));
  memset(o->gT, 0, (size_t)ny * sizeof(double));
  if (want & TM_HESS) memset(o->H, 0, (size_t)ny * ny * sizeof(double));
}

/* out += s * (map^T sub), sub evaluated in n_sub variables, map n_sub x ny */
static void add_mapped(const tm_gout *sub, int nsub, const double *map, int ny,
                       double s, int want, tm_gout *out) {
  out->G += s * sub->G;
  out->GT += s * sub->GT;
  out->GTT += s * sub->GTT;
  if (!(want & (TM_GRAD | TM_HESS))) return;
  for (int i = 0; i < nsub; i++)
    for (int k = 0; k < ny; k++) {
      double m = map[i * ny + k];
      if (m == 0) continue;
      out->g[k] += s * m * sub->g[i];
      out->gT[k] += s * m * sub->gT[i];
    }
  if (!(want & TM_HESS)) return;
  for (int i = 0; i < nsub; i++)
    for (int j = 0; j < nsub; j++) {
      double h = sub->H[i * nsub + j];
      if (h == 0) continue;
      for (int k = 0; k < ny; k++) {
        double mk = map[i * ny + k];
        if (mk == 0) continue;
        for (int l = 0; l < ny; l++)
          out->H[k * ny + l] += s * h * mk * map[j * ny + l];
      }
    }
}

void tm_phase_eval(const mge_thermo_system *s, const tm_phase *ph,
                   const tm_tvals *tv, const double *y, int want,
                   tm_gout *out) {
  int ny = ph->ny;
  gout_zero(out, ny, want);
  double T = tv->T, R = TM_R;
  /* ideal mixing */
  for (int k = 0; k < ny; k++) {
    double a = ph->ratio[ph->sub[k]];
    double yk = y[k];
    double ly = yk > 0 ? log(yk) : -745.0;
    if (yk > 0) {
      out->G += R * T * a * yk * ly;
      out->GT += R * a * yk * ly;
    }
    if (want & (TM_GRAD | TM_HESS)) {
      out->g[k] += R * T * a * (ly + 1);
      out->gT[k] += R * a * (ly + 1);
    }
    if (want & TM_HESS)
      out->H[k * ny + k] += R * T * a / (yk > 1e-300 ? yk : 1e-300);
  }
  if (ph->dis < 0) {
    eval_nonideal(ph, tv, y, want, out);
    return;
  }
  /* order-disorder: G_dis(My) + G_ord(y) - G_ord(Qy) */
  const tm_phase *d = &s->dph[ph->dis];
  double x[MGE_THERMO_MAX_Y], yq[MGE_THERMO_MAX_Y];
  for (int i = 0; i < ph->ndy; i++) {
    x[i] = 0;
    for (int k = 0; k < ny; k++) x[i] += ph->M[i * ny + k] * y[k];
  }
  for (int i = 0; i < ny; i++) {
    yq[i] = 0;
    for (int k = 0; k < ny; k++) yq[i] += ph->Q[i * ny + k] * y[k];
  }
  tm_gout *tmp = malloc(sizeof *tmp);
  if (!tmp) {
    out->G = NAN;
    return;
  }
  gout_zero(tmp, d->ny, want);
  eval_nonideal(d, tv, x, want, tmp);
  add_mapped(tmp, d->ny, ph->M, ny, 1, want, out);
  eval_nonideal(ph, tv, y, want, out);
  gout_zero(tmp, ny, want);
  eval_nonideal(ph, tv, yq, want, tmp);
  add_mapped(tmp, ny, ph->Q, ny, -1, want, out);
  free(tmp);
}

double tm_phase_moles(const mge_thermo_system *s, const tm_phase *ph,
                      const double *y, double *N) {
  int nc = s->ncomp;
  double tot = 0;
  for (int c = 0; c < nc; c++) {
    double v = 0;
    for (int k = 0; k < ph->ny; k++) v += ph->A[k * nc + c] * y[k];
    if (N) N[c] = v;
    tot += v;
  }
  return tot;
}

/* ------------------------------------------------------------ compiling */

typedef struct bctx {
  mge_thermo_system *s;
  mge_error *err;
  int parcap;
} bctx;

static int add_par(bctx *b, const tm_pw *pw) {
  mge_thermo_system *s = b->s;
  if (s->npar == b->parcap) {
    int nc = b->parcap ? 2 * b->parcap : 64;
    const tm_pw **np = realloc(s->par, (size_t)nc * sizeof *np);
    if (!np) return -1;
    s->par = np;
    b->parcap = nc;
  }
  s->par[s->npar] = pw;
  return s->npar++;
}

static int species_allowed(const mge_tdb *db, int sp, const int *elok) {
  const tdb_species *S = &db->sp[sp];
  if (S->charge != 0) return 0;
  for (int i = 0; i < S->nel; i++)
    if (!elok[S->el[i]]) return 0;
  return 1;
}

static int rec_push(tm_recset *rs, const tm_rec *r) {
  tm_rec *nr = realloc(rs->r, (size_t)(rs->n + 1) * sizeof *nr);
  if (!nr) return -1;
  rs->r = nr;
  rs->r[rs->n++] = *r;
  return 0;
}

static int same_cons(const tdb_param *a, const tdb_param *b) {
  if (a->nsub != b->nsub) return 0;
  int n = 0;
  for (int s = 0; s < a->nsub; s++) {
    if (a->ncons[s] != b->ncons[s]) return 0;
    n += a->ncons[s];
  }
  return !memcmp(a->cons, b->cons, (size_t)n * sizeof(int));
}

static int perr(bctx *b, const tdb_param *p, const char *msg) {
  return mge_error_set_at(b->err, MGE_E_INPUT, b->s->db->source, p->line,
                          p->col, "%s", msg);
}

/* Compile the parameters of db phase dbp into ph's record sets. */
static int compile_params(bctx *b, tm_phase *ph, int dbp) {
  const mge_tdb *db = b->s->db;
  for (int i = 0; i < db->npar; i++) {
    const tdb_param *p = &db->par[i];
    if (p->phase != dbp || p->kind == TP_OTHER) continue;
    /* map each constituent to a site fraction index, skip if absent */
    /* a wildcard '*' alone on a sublattice stands for any constituent: its
     * site fractions sum to one, so it contributes no factor */
    int idx[64], n = 0, ok = 1;
    for (int s = 0, off = 0; s < p->nsub; s++) {
      for (int j = 0; j < p->ncons[s]; j++, off++) {
        int sp = p->cons[off], found = -1;
        if (sp == -1) {
          if (p->ncons[s] != 1)
            return perr(b, p, "wildcard '*' mixed with constituents");
          found = -1;
        } else {
          for (int k = ph->sub0[s]; k < ph->sub0[s + 1]; k++)
            if (ph->sp[k] == sp) found = k;
          if (found < 0) ok = 0;
        }
        if (n >= 64) return perr(b, p, "parameter has too many constituents");
        idx[n++] = found;
      }
    }
    if (!ok) continue;
    if (p->bad)
      return mge_error_set(
          b->err, MGE_E_INPUT,
          "%s (needed by phase %s; suspend the phase to go on without it)",
          p->bad, ph->name);
    if ((p->kind == TP_TC || p->kind == TP_BM) && tm_pw_depends_T(&p->pw))
      return perr(b, p, "temperature-dependent TC/BMAGN is not supported");
    tm_rec r;
    memset(&r, 0, sizeof r);
    for (int j = 0; j < n; j++) {
      if (idx[j] < 0) continue;
      if (r.nf >= TM_MAXF) return perr(b, p, "parameter has too many terms");
      r.f[r.nf].n = 1;
      r.f[r.nf].k[0] = idx[j];
      r.f[r.nf].a[0] = 1;
      r.nf++;
    }
    /* Redlich-Kister factors */
    int nmix = 0;
    for (int s = 0; s < p->nsub; s++)
      if (p->ncons[s] > 1) nmix++;
    for (int s = 0, off = 0; s < p->nsub; off += p->ncons[s], s++) {
      int m = p->ncons[s];
      if (m == 2) {
        for (int o = 0; o < p->order; o++) {
          if (r.nf >= TM_MAXF) return perr(b, p, "parameter order too high");
          tm_aff *f = &r.f[r.nf++];
          f->n = 2;
          f->k[0] = idx[off];
          f->a[0] = 1;
          f->k[1] = idx[off + 1];
          f->a[1] = -1;
        }
      } else if (m == 3 && nmix == 1) {
        int higher = p->order > 0;
        for (int q = 0; q < db->npar && !higher; q++)
          if (db->par[q].phase == dbp && db->par[q].kind == p->kind &&
              db->par[q].order > 0 && same_cons(&db->par[q], p))
            higher = 1;
        if (!higher) continue;
        if (p->order > 2) return perr(b, p, "ternary parameter order above 2");
        if (r.nf >= TM_MAXF) return perr(b, p, "parameter has too many terms");
        tm_aff *f = &r.f[r.nf++];
        f->n = 3;
        f->c0 = 1.0 / 3.0;
        for (int j = 0; j < 3; j++) {
          f->k[j] = idx[off + j];
          f->a[j] = (j == p->order ? 1.0 : 0.0) - 1.0 / 3.0;
        }
      } else if (m > 2 && p->order > 0) {
        return perr(b, p,
                    "interaction of more than two constituents with an order "
                    "above 0 is not supported here");
      }
    }
    int ip = add_par(b, &p->pw);
    if (ip < 0) return mge_error_set(b->err, MGE_E_NOMEM, "out of memory");
    r.ipar = ip;
    tm_recset *rs = p->kind == TP_G    ? &ph->g
                    : p->kind == TP_TC ? &ph->tc
                                       : &ph->bm;
    if (rec_push(rs, &r))
      return mge_error_set(b->err, MGE_E_NOMEM, "out of memory");
  }
  return 0;
}

/* Fill ph's constituents from db phase dbp; returns 1 if the phase exists
 * in this system, 0 if a sublattice has no constituent, <0 on error. */
static int setup_phase(bctx *b, tm_phase *ph, int dbp, const int *elok) {
  const mge_tdb *db = b->s->db;
  const tdb_phase *P = &db->ph[dbp];
  memset(ph, 0, sizeof *ph);
  ph->dbphase = dbp;
  ph->dis = -1;
  snprintf(ph->name, sizeof ph->name, "%s", P->name);
  ph->nsub = P->nsub;
  int ny = 0, atoms = 0;
  for (int s = 0; s < P->nsub; s++) {
    ph->ratio[s] = P->ratio[s];
    ph->sub0[s] = ny;
    for (int j = 0; j < P->ncons[s]; j++) {
      int sp = P->cons[s][j];
      if (!species_allowed(db, sp, elok)) continue;
      int dup = 0;
      for (int k = ph->sub0[s]; k < ny; k++)
        if (ph->sp[k] == sp) dup = 1;
      if (dup) continue;
      if (ny >= MGE_THERMO_MAX_Y) {
        mge_error_set(b->err, MGE_E_LIMIT,
                      "phase %s has more than %d site fractions", P->name,
                      MGE_THERMO_MAX_Y);
        return -1;
      }
      ph->sub[ny] = s;
      ph->sp[ny] = sp;
      const tdb_species *S = &db->sp[sp];
      ph->is_va[ny] = S->nel == 1 && ieq(db->el[S->el[0]].name, "VA");
      if (!ph->is_va[ny]) atoms = 1;
      ny++;
    }
    if (ny == ph->sub0[s]) return 0;
  }
  ph->sub0[P->nsub] = ny;
  ph->ny = ny;
  if (!atoms) return 0;
  mge_thermo_system *sys = b->s;
  for (int k = 0; k < ny; k++) {
    const tdb_species *S = &db->sp[ph->sp[k]];
    for (int c = 0; c < sys->ncomp; c++) {
      double st = 0;
      for (int i = 0; i < S->nel; i++)
        if (S->el[i] == sys->comp_el[c]) st += S->st[i];
      ph->A[k * sys->ncomp + c] = ph->ratio[ph->sub[k]] * st;
    }
  }
  ph->magnetic = P->magnetic;
  ph->afm = P->afm;
  ph->pmag = P->pmag;
  ph->fixed = 1;
  for (int s = 0; s < ph->nsub; s++)
    if (ph->sub0[s + 1] - ph->sub0[s] > 1) ph->fixed = 0;
  return 1;
}

static void free_phase(tm_phase *ph) {
  free(ph->g.r);
  free(ph->tc.r);
  free(ph->bm.r);
  free(ph->M);
  free(ph->Q);
  free(ph->pts);
  free(ph->ptx);
  free(ph->ptxT);
  free(ph->ptn);
  free(ph->gpar);
  free(ph->gc);
  free(ph->gsid);
  free(ph->gtc);
  free(ph->gitc);
  free(ph->gbm);
}

static double rec_prod(const tm_rec *rc, const double *y) {
  double P = 1;
  for (int m = 0; m < rc->nf; m++) {
    const tm_aff *f = &rc->f[m];
    double l = f->c0;
    for (int j = 0; j < f->n; j++) l += f->a[j] * y[f->k[j]];
    P *= l;
  }
  return P;
}

/* raw TC or BMAGN sum at y: the parameters are constants in T */
static double recs_const(const mge_thermo_system *s, const tm_recset *rs,
                         const double *y) {
  double v = 0;
  for (int i = 0; i < rs->n; i++) {
    double c;
    tm_pw_eval(s->par[rs->r[i].ipar], 1000, 1e5, &c, NULL, NULL);
    v += c * rec_prod(&rs->r[i], y);
  }
  return v;
}

/* Precompute the T-independent parts of every grid point's energy. */
static int build_grid(const mge_thermo_system *s, tm_phase *ph) {
  const tm_phase *d = ph->dis >= 0 ? &s->dph[ph->dis] : NULL;
  int ngc = ph->g.n + (d ? ph->g.n + d->g.n : 0);
  ph->ngc = ngc;
  int np = ph->npts;
  ph->gpar = malloc((size_t)(ngc > 0 ? ngc : 1) * sizeof(int));
  ph->gc = malloc((size_t)(np * ngc > 0 ? np * ngc : 1) * sizeof(double));
  ph->gsid = malloc((size_t)np * sizeof(double));
  ph->gtc = malloc((size_t)np * sizeof(double));
  ph->gitc = malloc((size_t)np * sizeof(double));
  ph->gbm = malloc((size_t)np * sizeof(double));
  if (!ph->gpar || !ph->gc || !ph->gsid || !ph->gtc || !ph->gitc || !ph->gbm)
    return -1;
  int c = 0;
  for (int i = 0; i < ph->g.n; i++) ph->gpar[c++] = ph->g.r[i].ipar;
  if (d) {
    for (int i = 0; i < ph->g.n; i++) ph->gpar[c++] = ph->g.r[i].ipar;
    for (int i = 0; i < d->g.n; i++) ph->gpar[c++] = d->g.r[i].ipar;
  }
  const tm_phase *mp = d ? d : ph;
  ph->gmag = mp->magnetic;
  ph->gafm = mp->afm;
  ph->gpmag = mp->pmag;
  for (int p = 0; p < np; p++) {
    const double *y = ph->pts + (size_t)p * ph->ny;
    double *col = ph->gc + p; /* coefficient c at col[c * np] */
    double x[MGE_THERMO_MAX_Y], yq[MGE_THERMO_MAX_Y];
    if (d) {
      for (int i = 0; i < ph->ndy; i++) {
        x[i] = 0;
        for (int k = 0; k < ph->ny; k++) x[i] += ph->M[i * ph->ny + k] * y[k];
      }
      for (int i = 0; i < ph->ny; i++) {
        yq[i] = 0;
        for (int k = 0; k < ph->ny; k++) yq[i] += ph->Q[i * ph->ny + k] * y[k];
      }
    }
    c = 0;
    for (int i = 0; i < ph->g.n; i++)
      col[(size_t)np * c++] = rec_prod(&ph->g.r[i], y);
    if (d) {
      for (int i = 0; i < ph->g.n; i++)
        col[(size_t)np * c++] = -rec_prod(&ph->g.r[i], yq);
      for (int i = 0; i < d->g.n; i++)
        col[(size_t)np * c++] = rec_prod(&d->g.r[i], x);
    }
    double sid = 0;
    for (int k = 0; k < ph->ny; k++)
      if (y[k] > 0) sid += TM_R * ph->ratio[ph->sub[k]] * y[k] * log(y[k]);
    ph->gsid[p] = sid;
    const double *ym = d ? x : y;
    double TC = ph->gmag ? recs_const(s, &mp->tc, ym) : 0;
    double B = ph->gmag ? recs_const(s, &mp->bm, ym) : 0;
    if (TC < 0) TC /= ph->gafm;
    if (B < 0) B /= ph->gafm;
    ph->gtc[p] = ph->gitc[p] = 0;
    ph->gbm[p] = 0;
    if (ph->gmag && TC > 0 && B > -1) {
      ph->gtc[p] = TC;
      ph->gitc[p] = 1 / TC;
      ph->gbm[p] = log(1 + B);
    }
  }
  return 0;
}

void tm_grid_energies(const tm_phase *ph, const tm_tvals *tv, double *out) {
  double v[4 * 256];
  int ngc = ph->ngc;
  double *vv = ngc <= 1024 ? v : malloc((size_t)ngc * sizeof(double));
  if (!vv) {
    for (int p = 0; p < ph->npts; p++) out[p] = NAN;
    return;
  }
  for (int c = 0; c < ngc; c++) vv[c] = tv->v[ph->gpar[c]];
  double T = tv->T, pm = ph->gpmag;
  double mA = 518.0 / 1125.0 + 11692.0 / 15975.0 * (1.0 / pm - 1.0);
  double mb = 474.0 / 497.0 * (1.0 / pm - 1.0);
  double iA = 1 / mA, c1 = 79.0 / (140.0 * pm), iT = 1 / T;
  /* component-major, so that the loops vectorise; per point the sum is
   * formed in the same order as a plain loop over the coefficients */
  int np = ph->npts;
  double *restrict o = out;
  for (int p = 0; p < np; p++) o[p] = T * ph->gsid[p];
  for (int c = 0; c < ngc; c++) {
    const double *restrict col = ph->gc + (size_t)c * np;
    const double vc = vv[c];
    for (int p = 0; p < np; p++) o[p] += col[p] * vc;
  }
  if (ph->gmag)
    for (int p = 0; p < np; p++)
      if (ph->gbm[p] != 0) { /* ordering points only */
        double g = ihj_g(T * ph->gitc[p], ph->gtc[p] * iT, c1, mb, iA);
        o[p] += TM_R * T * ph->gbm[p] * g;
      }
  for (int p = 0; p < np; p++) o[p] /= ph->ptn[p];
  if (vv != v) free(vv);
}

/* Disordered part of ordered phase ph: the first nsub_o - nsub_d + 1
 * sublattices of ph merge into the first of the disordered phase. */
static int setup_disorder(bctx *b, tm_phase *ph, const int *elok) {
  mge_thermo_system *s = b->s;
  const mge_tdb *db = s->db;
  const char *dname = db->ph[ph->dbphase].dis;
  int dbd = tm_tdb_find_phase(db, dname);
  tm_phase *nd = realloc(s->dph, (size_t)(s->ndis + 1) * sizeof *nd);
  if (!nd) return mge_error_set(b->err, MGE_E_NOMEM, "out of memory");
  s->dph = nd;
  tm_phase *d = &s->dph[s->ndis];
  int rc = setup_phase(b, d, dbd, elok);
  if (rc < 0) return MGE_E_LIMIT;
  if (rc == 0)
    return mge_error_set(b->err, MGE_E_INPUT,
                         "disordered part %s of %s has no constituents here",
                         dname, ph->name);
  s->ndis++;
  rc = compile_params(b, d, dbd);
  if (rc) return rc;
  if (ph->tc.n || ph->bm.n)
    return mge_error_set(b->err, MGE_E_INPUT,
                         "magnetic parameters on the ordered phase %s "
                         "(with a disordered part) are not supported",
                         ph->name);
  ph->magnetic = 0;
  int merge = ph->nsub - d->nsub + 1;
  if (merge < 1)
    return mge_error_set(b->err, MGE_E_INPUT,
                         "%s has fewer sublattices than its disordered part",
                         ph->name);
  ph->dis = s->ndis - 1;
  ph->ndy = d->ny;
  ph->M = calloc((size_t)d->ny * ph->ny, sizeof(double));
  ph->Q = calloc((size_t)ph->ny * ph->ny, sizeof(double));
  if (!ph->M || !ph->Q)
    return mge_error_set(b->err, MGE_E_NOMEM, "out of memory");
  double amerge = 0;
  for (int q = 0; q < merge; q++) amerge += ph->ratio[q];
  for (int i = 0; i < d->ny; i++) {
    int t = d->sub[i];
    for (int k = 0; k < ph->ny; k++) {
      int so = ph->sub[k];
      int to = so < merge ? 0 : so - merge + 1;
      if (to != t || ph->sp[k] != d->sp[i]) continue;
      ph->M[i * ph->ny + k] = so < merge ? ph->ratio[so] / amerge : 1.0;
    }
  }
  /* Q = P M: ordered constituent k takes the disordered fraction of its
   * species on its mapped sublattice */
  for (int k = 0; k < ph->ny; k++) {
    int so = ph->sub[k];
    int to = so < merge ? 0 : so - merge + 1;
    for (int i = 0; i < d->ny; i++)
      if (d->sub[i] == to && d->sp[i] == ph->sp[k])
        for (int l = 0; l < ph->ny; l++)
          ph->Q[k * ph->ny + l] = ph->M[i * ph->ny + l];
  }
  return 0;
}

/* ------------------------------------------------------------- sampling */

static uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static double urand(uint64_t *x) {
  return ((double)(splitmix(x) >> 11) + 0.5) / 9007199254740992.0;
}

static int push_point(tm_phase *ph, int *cap, const double *y) {
  if (ph->npts == *cap) {
    int nc = *cap ? 2 * *cap : 64;
    double *np = realloc(ph->pts, (size_t)nc * ph->ny * sizeof *np);
    if (!np) return -1;
    ph->pts = np;
    *cap = nc;
  }
  memcpy(ph->pts + (size_t)ph->npts * ph->ny, y, (size_t)ph->ny * sizeof *y);
  ph->npts++;
  return 0;
}

static int has_atoms(const tm_phase *ph, const double *y) {
  double n = 0;
  for (int k = 0; k < ph->ny; k++)
    if (!ph->is_va[k]) n += ph->ratio[ph->sub[k]] * y[k];
  return n > 1e-9;
}

/* Sample points: every endmember (up to a cap), a fine line for one
 * degree of freedom, and pseudo-random points on the product of simplices
 * (uniform and biased toward the edges) otherwise. Deterministic. */
static int sample_phase(tm_phase *ph, int seed, int density) {
  int cap = 0;
  double y[MGE_THERMO_MAX_Y];
  /* endmembers */
  int idx[TM_MAXSUB] = {0};
  for (int count = 0; count < 400; count++) {
    memset(y, 0, sizeof y);
    for (int s = 0; s < ph->nsub; s++) y[ph->sub0[s] + idx[s]] = 1;
    if (has_atoms(ph, y) && push_point(ph, &cap, y)) return -1;
    int s = 0;
    while (s < ph->nsub) {
      if (++idx[s] < ph->sub0[s + 1] - ph->sub0[s]) break;
      idx[s] = 0;
      s++;
    }
    if (s == ph->nsub) break;
  }
  if (ph->fixed) return 0;
  int dof = 0, line = -1;
  for (int s = 0; s < ph->nsub; s++) {
    int m = ph->sub0[s + 1] - ph->sub0[s];
    dof += m - 1;
    if (m == 2) line = s;
  }
  uint64_t st = 0x1234567ull + (uint64_t)seed * 7919u;
  if (dof == 1) {
    int n = 12 * density;
    for (int i = 1; i < n; i++) {
      double t = (double)i / n;
      /* denser near both ends */
      t = 0.5 - 0.5 * cos(M_PI * t);
      for (int s = 0; s < ph->nsub; s++) y[ph->sub0[s]] = 1;
      y[ph->sub0[line]] = t;
      y[ph->sub0[line] + 1] = 1 - t;
      if (has_atoms(ph, y) && push_point(ph, &cap, y)) return -1;
    }
    return 0;
  }
  int n = density * (20 * dof + 20);
  if (n > 60 * density * 4) n = 60 * density * 4;
  for (int i = 0; i < n; i++) {
    double pw = (i % 3 == 0) ? 1 : (i % 3 == 1 ? 3 : 8);
    for (int s = 0; s < ph->nsub; s++) {
      double sum = 0;
      for (int k = ph->sub0[s]; k < ph->sub0[s + 1]; k++) {
        y[k] = pow(-log(urand(&st)), pw);
        sum += y[k];
      }
      for (int k = ph->sub0[s]; k < ph->sub0[s + 1]; k++) y[k] /= sum;
    }
    if (has_atoms(ph, y) && push_point(ph, &cap, y)) return -1;
  }
  return 0;
}

/* ------------------------------------------------------------ public */

int mge_thermo_system_new(const mge_tdb *db, const char *const *elements,
                          int nel, const char *const *phases, int nph,
                          const char *const *suspend, int nsusp,
                          mge_thermo_system **out, mge_error *err) {
  *out = NULL;
  if (nel < 1 || nel > MGE_THERMO_MAX_COMP)
    return mge_error_set(err, MGE_E_INPUT,
                         "a system needs 1 to %d elements (got %d)",
                         MGE_THERMO_MAX_COMP, nel);
  mge_thermo_system *s = calloc(1, sizeof *s);
  int *elok = calloc((size_t)db->nel + 1, sizeof *elok);
  if (!s || !elok) {
    free(s);
    free(elok);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  s->db = db;
  bctx b = {s, err, 0};
  int rc = 0;
  for (int i = 0; i < db->nel; i++)
    if (ieq(db->el[i].name, "VA")) elok[i] = 1;
  for (int i = 0; i < nel && !rc; i++) {
    int e = -1;
    for (int k = 0; k < db->nel; k++)
      if (ieq(db->el[k].name, elements[i])) e = k;
    if (e < 0 || ieq(elements[i], "VA") || ieq(elements[i], "/-"))
      rc = mge_error_set(err, MGE_E_INPUT, "element '%s' is not in %s",
                         elements[i], db->source);
    else if (elok[e])
      rc = mge_error_set(err, MGE_E_INPUT, "element '%s' given twice",
                         elements[i]);
    else
      elok[e] = 2;
  }
  /* components in database order */
  for (int k = 0; k < db->nel && !rc; k++)
    if (elok[k] == 2) {
      s->comp_el[s->ncomp] = k;
      snprintf(s->comp_name[s->ncomp], 8, "%s", db->el[k].name);
      s->comp_mass[s->ncomp] = db->el[k].mass;
      s->ncomp++;
    }
  for (int i = 0; i < nph && phases && !rc; i++)
    if (tm_tdb_find_phase(db, phases[i]) < 0)
      rc = mge_error_set(err, MGE_E_INPUT, "phase '%s' is not in %s", phases[i],
                         db->source);
  for (int i = 0; i < nsusp && suspend && !rc; i++)
    if (tm_tdb_find_phase(db, suspend[i]) < 0)
      rc = mge_error_set(err, MGE_E_INPUT, "phase '%s' is not in %s",
                         suspend[i], db->source);
  if (!rc) {
    s->ph = calloc((size_t)db->nph + 1, sizeof *s->ph);
    if (!s->ph) rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  for (int p = 0; p < db->nph && !rc; p++) {
    int want = !phases || nph == 0;
    for (int i = 0; i < nph && phases; i++)
      if (ieq(phases[i], db->ph[p].name)) want = 2;
    for (int i = 0; i < nsusp && suspend; i++)
      if (ieq(suspend[i], db->ph[p].name)) want = 0;
    if (!want) continue;
    tm_phase *ph = &s->ph[s->nphase];
    int r = setup_phase(&b, ph, p, elok);
    if (r < 0) {
      rc = MGE_E_LIMIT;
      break;
    }
    if (r == 0) {
      free_phase(ph);
      if (want == 2)
        rc = mge_error_set(err, MGE_E_INPUT,
                           "phase '%s' has no constituents in these elements",
                           db->ph[p].name);
      continue;
    }
    s->nphase++;
    rc = compile_params(&b, ph, p);
    if (!rc && db->ph[p].dis[0]) rc = setup_disorder(&b, ph, elok);
    if (!rc && sample_phase(ph, p, 4))
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    if (!rc) {
      ph->ptx = malloc((size_t)ph->npts * s->ncomp * sizeof(double));
      ph->ptxT = malloc((size_t)ph->npts * s->ncomp * sizeof(double));
      ph->ptn = malloc((size_t)ph->npts * sizeof(double));
      if (!ph->ptx || !ph->ptxT || !ph->ptn)
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      for (int i = 0; !rc && i < ph->npts; i++) {
        double *x = ph->ptx + (size_t)i * s->ncomp;
        double N = tm_phase_moles(s, ph, ph->pts + (size_t)i * ph->ny, x);
        ph->ptn[i] = N;
        for (int c = 0; c < s->ncomp; c++) {
          x[c] /= N;
          ph->ptxT[(size_t)c * ph->npts + i] = x[c];
        }
      }
      if (!rc && build_grid(s, ph))
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    }
  }
  if (!rc && s->nphase == 0)
    rc = mge_error_set(err, MGE_E_INPUT, "no phase of %s exists in this system",
                       db->source);
  free(elok);
  if (rc) {
    mge_thermo_system_free(s);
    return rc;
  }
  *out = s;
  return 0;
}

void mge_thermo_system_free(mge_thermo_system *s) {
  if (!s) return;
  for (int i = 0; i < s->nphase; i++) free_phase(&s->ph[i]);
  for (int i = 0; i < s->ndis; i++) free_phase(&s->dph[i]);
  free(s->ph);
  free(s->dph);
  free(s->par);
  free(s);
}

int mge_thermo_system_ncomp(const mge_thermo_system *s) {
  return s->ncomp;
}
const char *mge_thermo_system_comp(const mge_thermo_system *s, int c) {
  return c >= 0 && c < s->ncomp ? s->comp_name[c] : NULL;
}
double mge_thermo_system_comp_mass(const mge_thermo_system *s, int c) {
  return c >= 0 && c < s->ncomp ? s->comp_mass[c] : NAN;
}
int mge_thermo_system_nphase(const mge_thermo_system *s) {
  return s->nphase;
}
const char *mge_thermo_system_phase(const mge_thermo_system *s, int p) {
  return p >= 0 && p < s->nphase ? s->ph[p].name : NULL;
}
int mge_thermo_system_phase_index(const mge_thermo_system *s,
                                  const char *name) {
  for (int i = 0; i < s->nphase; i++)
    if (ieq(s->ph[i].name, name)) return i;
  return -1;
}
int mge_thermo_phase_ny(const mge_thermo_system *s, int p) {
  return p >= 0 && p < s->nphase ? s->ph[p].ny : 0;
}
int mge_thermo_phase_y_sublattice(const mge_thermo_system *s, int p, int k) {
  if (p < 0 || p >= s->nphase || k < 0 || k >= s->ph[p].ny) return -1;
  return s->ph[p].sub[k];
}
const char *mge_thermo_phase_y_name(const mge_thermo_system *s, int p, int k) {
  if (p < 0 || p >= s->nphase || k < 0 || k >= s->ph[p].ny) return NULL;
  return s->db->sp[s->ph[p].sp[k]].name;
}

int mge_thermo_phase_props(const mge_thermo_system *s, int p, double T_K,
                           double P_Pa, const double *y, double *gm, double *sm,
                           double *hm, double *cpm, mge_error *err) {
  if (p < 0 || p >= s->nphase)
    return mge_error_set(err, MGE_E_INPUT, "no phase %d in the system", p);
  if (!(T_K > 0) || !(P_Pa > 0) || !isfinite(T_K) || !isfinite(P_Pa))
    return mge_error_set(err, MGE_E_INPUT, "T and P must be positive");
  const tm_phase *ph = &s->ph[p];
  for (int k = 0; k < ph->ny; k++)
    if (!(y[k] >= 0) || !isfinite(y[k]) || y[k] > 1 + 1e-12)
      return mge_error_set(err, MGE_E_INPUT,
                           "site fraction %d of %s is not in [0, 1]", k,
                           ph->name);
  double N = tm_phase_moles(s, ph, y, NULL);
  if (!(N > 0))
    return mge_error_set(err, MGE_E_INPUT, "constitution has no atoms");
  tm_tvals tv;
  if (tm_tvals_init(&tv, s))
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  tm_tvals_set(&tv, s, T_K, P_Pa);
  tm_gout *o = malloc(sizeof *o);
  if (!o) {
    tm_tvals_free(&tv);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  tm_phase_eval(s, ph, &tv, y, TM_TDER, o);
  double G = o->G / N, S = -o->GT / N;
  if (gm) *gm = G;
  if (sm) *sm = S;
  if (hm) *hm = G + T_K * S;
  if (cpm) *cpm = -T_K * o->GTT / N;
  free(o);
  tm_tvals_free(&tv);
  return 0;
}
