/* Global equilibrium at fixed T, P and overall composition.
 *
 * 1. Every phase's sampled constitutions (model.c) are evaluated; the
 *    lower convex hull of (x, G) at the overall composition is found by a
 *    small revised simplex (the linear program min sum l_p G_p subject to
 *    sum l_p x_p = X, l >= 0), giving starting phases and chemical
 *    potentials.
 * 2. Newton on the full system: for each composition set j, stationarity
 *    dG_j/dy_k - sum_c mu_c dN_c/dy_k - lambda_s = 0, sublattice sums, the
 *    tangent condition G_j - sum_c mu_c N_c,j = 0; and the mass balances
 *    sum_j n_j N_c,j = X_c. Phases whose amount goes negative leave.
 * 3. Every phase is then checked against the tangent plane mu: its sampled
 *    points and a local minimisation of G - mu.N from the best of them. A
 *    phase (or a second composition set of a present phase, for a
 *    miscibility gap) below the plane by more than tol_df enters and step
 *    2 repeats. Only a result that passes is marked converged.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/linalg.h"
#include "thermo/thermo_internal.h"

void mge_thermo_options_default(mge_thermo_options *o) {
  o->tol_mass = 1e-10;
  o->tol_grad = 1e-6;
  o->tol_df = 1e-3;
  o->max_iter = 300;
  o->grid_check = 1;
}

typedef struct cset {
  int phase;
  double y[MGE_THERMO_MAX_Y];
  double n; /* moles of formula units */
  int nneg; /* consecutive Newton steps that wanted n < 0 */
} cset;

#define TM_BLK 16 /* grid points per pricing block */

typedef struct eqws {
  const mge_thermo_system *s;
  tm_tvals tv;
  tm_gout *go[MGE_THERMO_MAX_SETS]; /* one per set; separate blocks stay
                                       below the allocator's mmap size */
  double *J, *F;
  int *ipiv;
  int nmax;
  double *gpt; /* grid energies per atom, all phases */
  int *goff;   /* offset of each phase's points in gpt */
  double *dpt; /* plane distances of one phase's points (scratch) */
  /* pricing bounds: per block of TM_BLK points the smallest distance to
   * the plane pmu0 of its phase when last computed in full */
  double *bmin, *pmu0;
  int *boff, *pval;
  int gready;
  int ncand; /* local minima below the plane seen by check_plane */
  int nex;   /* refined points added to the hull after a failed attempt */
  /* the tables below are read only up to ncand and nex: ws_init leaves
   * them uninitialised (zeroing them cost 5% of a warm-started point) */
  int cand_p[32];
  double cand_y[32][MGE_THERMO_MAX_Y];
  int ex_phase[64];
  double ex_y[64][MGE_THERMO_MAX_Y], ex_g[64], ex_x[64][MGE_THERMO_MAX_COMP],
      ex_n[64];
} eqws;

/* Chemical potentials for a start: the weighted least-squares solution of
 * the stationarity conditions of every set (dG/dy_k = sum_c mu_c A_kc +
 * lambda_q, one multiplier per sublattice) and their tangent conditions
 * (G = mu.N, weighted 100). The hull alone fixes mu from the energies of
 * its points, which is ill-conditioned in a component they hardly contain
 * (a dilute one: mu off by 1e8 J/mol); the gradients fix that direction. */
static void mu_estimate(eqws *w, const cset *cs, int ns, double *mu) {
  const mge_thermo_system *s = w->s;
  int C = s->ncomp, m = 0, n = C;
  for (int j = 0; j < ns; j++) {
    m += s->ph[cs[j].phase].ny + 1;
    n += s->ph[cs[j].phase].nsub;
  }
  if (m < n) return;
  static const double wt = 100;
  /* sized to this system (up to 392 x 92 doubles: not on the stack) */
  int lw = 4 * (m + n); /* above mge_lstsq_work_min: room to block */
  double *A = calloc((size_t)m * n + (size_t)m + (size_t)lw, sizeof *A);
  if (!A) return; /* the hull's mu stand */
  double *b = A + (size_t)m * n, *work = b + m;
  tm_gout *o = w->go[MGE_THERMO_MAX_SETS - 1];
  int r = 0, l0 = C;
  for (int j = 0; j < ns; j++) {
    const tm_phase *ph = &s->ph[cs[j].phase];
    double N[MGE_THERMO_MAX_COMP];
    tm_phase_eval(s, ph, &w->tv, cs[j].y, TM_GRAD, o);
    tm_phase_moles(s, ph, cs[j].y, N);
    for (int k = 0; k < ph->ny; k++, r++) {
      for (int c = 0; c < C; c++) A[c * m + r] = ph->A[k * C + c];
      A[(l0 + ph->sub[k]) * m + r] = 1;
      b[r] = o->g[k];
    }
    for (int c = 0; c < C; c++) A[c * m + r] = wt * N[c];
    b[r] = wt * o->G;
    r++;
    l0 += ph->nsub;
  }
  int ok = !mge_lstsq(A, m, n, b, work, lw);
  for (int c = 0; c < C && ok; c++) ok = isfinite(b[c]);
  if (ok) memcpy(mu, b, sizeof(double) * C);
  free(A);
}

static int ws_init(eqws *w, const mge_thermo_system *s) {
  memset(w, 0, offsetof(eqws, cand_p));
  w->s = s;
  if (tm_tvals_init(&w->tv, s)) return -1;
  for (int j = 0; j < MGE_THERMO_MAX_SETS; j++) {
    w->go[j] = malloc(sizeof(tm_gout));
    if (!w->go[j]) return -1;
  }
  int maxy = 0, np = 0;
  for (int p = 0; p < s->nphase; p++) {
    if (s->ph[p].ny + s->ph[p].nsub > maxy) maxy = s->ph[p].ny + s->ph[p].nsub;
    np += s->ph[p].npts;
  }
  w->nmax = MGE_THERMO_MAX_SETS * (maxy + 1) + s->ncomp;
  w->J = malloc((size_t)w->nmax * w->nmax * sizeof(double));
  w->F = malloc((size_t)w->nmax * 2 * sizeof(double));
  w->ipiv = malloc((size_t)w->nmax * sizeof(int));
  w->gpt = malloc((size_t)(np > 0 ? np : 1) * sizeof(double));
  w->goff = malloc((size_t)(s->nphase + 1) * sizeof(int));
  int pmax = 1;
  for (int p = 0; p < s->nphase; p++)
    if (s->ph[p].npts > pmax) pmax = s->ph[p].npts;
  w->dpt = malloc((size_t)pmax * sizeof(double));
  w->boff = malloc((size_t)(s->nphase + 1) * sizeof(int));
  w->pval = calloc((size_t)(s->nphase + 1), sizeof(int));
  w->pmu0 = malloc((size_t)(s->nphase + 1) * s->ncomp * sizeof(double));
  if (!w->J || !w->F || !w->ipiv || !w->gpt || !w->goff || !w->dpt ||
      !w->boff || !w->pval || !w->pmu0)
    return -1;
  int nb = 0;
  for (int p = 0; p < s->nphase; p++) {
    w->boff[p] = nb;
    nb += (s->ph[p].npts + TM_BLK - 1) / TM_BLK;
  }
  w->bmin = malloc((size_t)(nb > 0 ? nb : 1) * sizeof(double));
  if (!w->bmin) return -1;
  for (int p = 0, off = 0; p < s->nphase; p++) {
    w->goff[p] = off;
    off += s->ph[p].npts;
  }
  return 0;
}

static void ws_free(eqws *w) {
  tm_tvals_free(&w->tv);
  for (int j = 0; j < MGE_THERMO_MAX_SETS; j++) free(w->go[j]);
  free(w->J);
  free(w->F);
  free(w->ipiv);
  free(w->gpt);
  free(w->goff);
  free(w->dpt);
  free(w->bmin);
  free(w->pmu0);
  free(w->boff);
  free(w->pval);
}

/* d[i] = G_i - mu.x_i for every grid point of phase p, per mole of atoms.
 * Component-major, so that the loops vectorise; per point the operations
 * are those of the plain sum over components, in the same order. */
static double *plane_dists(eqws *w, int p, const double *mu) {
  const tm_phase *ph = &w->s->ph[p];
  const double *g = w->gpt + w->goff[p];
  double *restrict d = w->dpt;
  int np = ph->npts, C = w->s->ncomp;
  memcpy(d, g, (size_t)np * sizeof(double));
  for (int c = 0; c < C; c++) {
    const double *restrict xc = ph->ptxT + (size_t)c * np;
    const double m = mu[c];
    for (int i = 0; i < np; i++) d[i] -= m * xc[i];
  }
  return d;
}

static void grid_energies(eqws *w) {
  if (w->gready) return;
  const mge_thermo_system *s = w->s;
  int off = 0;
  for (int p = 0; p < s->nphase; p++) {
    tm_grid_energies(&s->ph[p], &w->tv, w->gpt + off);
    off += s->ph[p].npts;
  }
  w->gready = 1;
}

/* The grid point of phase p furthest below the plane mu, if it is below
 * best: its index (the first of equals), or -1. The same answer as a scan
 * of plane_dists()
 * with less work: the grid energies do not change within one solve, and
 * as the points' mole fractions are non-negative and sum to one,
 *   d_i(mu) >= d_i(mu0) - max_c (mu_c - mu0_c),
 * so a block of points whose smallest distance at an earlier plane mu0,
 * less that shift, is not below best cannot hold the answer. Blocks that
 * can are evaluated exactly (the same operations as plane_dists); when
 * more than half can, the phase is evaluated in full and its bounds are
 * renewed at mu. */
static int price_phase(eqws *w, int p, const double *mu, double best) {
  const tm_phase *ph = &w->s->ph[p];
  int C = w->s->ncomp, np = ph->npts, nb = (np + TM_BLK - 1) / TM_BLK;
  double *bm = w->bmin + w->boff[p], *m0 = w->pmu0 + (size_t)p * C;
  if (w->pval[p]) {
    double sh = -INFINITY, mm = 0;
    for (int c = 0; c < C; c++) {
      sh = fmax(sh, mu[c] - m0[c]);
      mm = fmax(mm, fabs(mu[c]) + fabs(m0[c]));
    }
    double lim = best + sh + 1e-9 * (1 + mm); /* rounding margin */
    int nopen = 0;
    for (int b = 0; b < nb; b++)
      if (bm[b] < lim) nopen++;
    if (nopen == 0) return -1;
    if (2 * nopen <= nb) {
      const double *g = w->gpt + w->goff[p];
      int im = -1;
      double v = best;
      for (int b = 0; b < nb; b++) {
        if (!(bm[b] < lim)) continue;
        int i1 = (b + 1) * TM_BLK < np ? (b + 1) * TM_BLK : np;
        for (int i = b * TM_BLK; i < i1; i++) {
          const double *x = ph->ptx + (size_t)i * C;
          double d = g[i];
          for (int c = 0; c < C; c++) d -= mu[c] * x[c];
          if (d < v) {
            v = d;
            im = i;
          }
        }
      }
      return im;
    }
  }
  const double *dp = plane_dists(w, p, mu);
  double v = best;
  int vb = -1;
  for (int b = 0; b < nb; b++) {
    double m = INFINITY;
    int i1 = (b + 1) * TM_BLK < np ? (b + 1) * TM_BLK : np;
    for (int i = b * TM_BLK; i < i1; i++)
      if (dp[i] < m) m = dp[i];
    bm[b] = m;
    if (m < v) {
      v = m;
      vb = b;
    }
  }
  memcpy(m0, mu, (size_t)C * sizeof(double));
  w->pval[p] = 1;
  if (vb < 0) return -1;
  for (int i = vb * TM_BLK;; i++) /* the first point at the minimum */
    if (dp[i] == v) return i;
}

/* ------------------------------------------------------------------ hull */

static const double *pt_x(const eqws *w, int bp, int bi) {
  const mge_thermo_system *s = w->s;
  if (bp < s->nphase) return s->ph[bp].ptx + (size_t)bi * s->ncomp;
  return w->ex_x[bi];
}

/* Add a constitution of phase p as an extra hull point (kept unless the
 * table is full or it repeats one). */
static void add_extra(eqws *w, int p, const double *y) {
  const mge_thermo_system *s = w->s;
  const tm_phase *ph = &s->ph[p];
  for (int i = 0; i < w->nex; i++)
    if (w->ex_phase[i] == p) {
      double d = 0;
      for (int k = 0; k < ph->ny; k++) d = fmax(d, fabs(w->ex_y[i][k] - y[k]));
      if (d < 1e-6) return;
    }
  if (w->nex >= 64) return;
  int i = w->nex;
  double N[MGE_THERMO_MAX_COMP];
  double Na = tm_phase_moles(s, ph, y, N);
  if (!(Na > 1e-9)) return;
  tm_gout *o = w->go[MGE_THERMO_MAX_SETS - 1];
  tm_phase_eval(s, ph, &w->tv, y, 0, o);
  w->ex_phase[i] = p;
  memcpy(w->ex_y[i], y, sizeof(double) * ph->ny);
  for (int c = 0; c < s->ncomp; c++) w->ex_x[i][c] = N[c] / Na;
  w->ex_g[i] = o->G / Na;
  w->ex_n[i] = Na;
  w->nex++;
}

/* Lower convex hull at X: returns the number of hull points (<= ncomp)
 * with their phase, point index and atom fraction, and mu. */
static int hull(eqws *w, const double *X, int *hp, int *hi, double *hl,
                double *mu, char *why) {
  const mge_thermo_system *s = w->s;
  int C = s->ncomp;
  grid_energies(w);
  int bp[MGE_THERMO_MAX_COMP], bi[MGE_THERMO_MAX_COMP]; /* -1: artificial */
  double lam[MGE_THERMO_MAX_COMP], cost[MGE_THERMO_MAX_COMP];
  double big = 0;
  {
    int off = 0;
    for (int p = 0; p < s->nphase; p++) {
      for (int i = 0; i < s->ph[p].npts; i++)
        if (fabs(w->gpt[off + i]) > big) big = fabs(w->gpt[off + i]);
      off += s->ph[p].npts;
    }
  }
  big = 100 * big + 1e6;
  for (int c = 0; c < C; c++) {
    bp[c] = -1;
    bi[c] = c;
    lam[c] = X[c];
    cost[c] = big;
  }
  double B[MGE_THERMO_MAX_COMP * MGE_THERMO_MAX_COMP], rhs[MGE_THERMO_MAX_COMP];
  int ipiv[MGE_THERMO_MAX_COMP];
  int rot = 0;
  for (int it = 0; it < 2000; it++) {
    /* mu: B^T mu = cost (B column j = x of basis point j) */
    for (int j = 0; j < C; j++) {
      const double *xj = bp[j] < 0 ? NULL : pt_x(w, bp[j], bi[j]);
      for (int c = 0; c < C; c++) {
        double v = xj ? xj[c] : (c == bi[j] ? 1.0 : 0.0);
        B[c * C + j] = v; /* column-major of B^T: element (j, c) */
      }
      rhs[j] = cost[j];
    }
    if (mge_lu_solve(B, C, rhs, ipiv)) {
      snprintf(why, 160, "singular basis in the convex hull");
      return -1;
    }
    memcpy(mu, rhs, (size_t)C * sizeof(double));
    /* partial pricing: scan phases from a rotating start and stop after a
     * block of phases that produced an entering candidate; only a full scan
     * without one ends the iterations */
    double best = -1e-9 * (1 + big / 1e6);
    int qp = -1, qi = -1;
    int bland = it > 500;
    int np = s->nphase, scanned = 0;
    for (int pp = 0; pp < np && !(bland && qp >= 0); pp++) {
      int p = (pp + rot) % np;
      const tm_phase *ph = &s->ph[p];
      if (bland) {
        const double *dp = plane_dists(w, p, mu);
        for (int i = 0; i < ph->npts; i++)
          if (dp[i] < best) {
            best = dp[i];
            qp = p;
            qi = i;
            break;
          }
      } else {
        int im = price_phase(w, p, mu, best);
        if (im >= 0) {
          const double *x = ph->ptx + (size_t)im * C;
          double d = w->gpt[w->goff[p] + im];
          for (int c = 0; c < C; c++) d -= mu[c] * x[c];
          best = d;
          qp = p;
          qi = im;
        }
      }
      scanned += ph->npts;
      if (qp >= 0 && scanned > 400 && !bland) {
        rot = (p + 1) % np;
        break;
      }
    }
    for (int k = 0; k < w->nex && !(bland && qp >= 0); k++) {
      double d = w->ex_g[k];
      for (int c = 0; c < C; c++) d -= mu[c] * w->ex_x[k][c];
      if (d < best) {
        best = d;
        qp = s->nphase;
        qi = k;
      }
    }
    if (qp < 0) {
      int n = 0;
      for (int j = 0; j < C; j++) {
        if (bp[j] < 0 && lam[j] > 1e-12) {
          snprintf(why, 160, "no phase can hold %s", s->comp_name[bi[j]]);
          return -1;
        }
        if (bp[j] >= 0 && lam[j] > 1e-14) {
          hp[n] = bp[j];
          hi[n] = bi[j];
          hl[n] = lam[j];
          n++;
        }
      }
      return n;
    }
    /* direction: B d = x_q */
    double Bm[MGE_THERMO_MAX_COMP * MGE_THERMO_MAX_COMP];
    for (int j = 0; j < C; j++) {
      const double *xj = bp[j] < 0 ? NULL : pt_x(w, bp[j], bi[j]);
      for (int c = 0; c < C; c++)
        Bm[j * C + c] = xj ? xj[c] : (c == bi[j] ? 1.0 : 0.0);
    }
    const double *xq = pt_x(w, qp, qi);
    memcpy(rhs, xq, (size_t)C * sizeof(double));
    if (mge_lu_solve(Bm, C, rhs, ipiv)) {
      snprintf(why, 160, "singular basis in the convex hull");
      return -1;
    }
    int leave = -1;
    double tmin = INFINITY;
    for (int j = 0; j < C; j++)
      if (rhs[j] > 1e-12) {
        double t = lam[j] / rhs[j];
        if (t < tmin - 1e-15) {
          tmin = t;
          leave = j;
        }
      }
    if (leave < 0) {
      snprintf(why, 160, "unbounded convex hull problem");
      return -1;
    }
    for (int j = 0; j < C; j++) lam[j] -= tmin * rhs[j];
    lam[leave] = tmin;
    bp[leave] = qp;
    bi[leave] = qi;
    if (qp < s->nphase) {
      cost[leave] = w->gpt[w->goff[qp] + qi];
    } else {
      cost[leave] = w->ex_g[qi];
    }
  }
  snprintf(why, 160, "convex hull did not terminate");
  return -1;
}

/* 1 if G per atom of phase ph lies on or below the chord between a and b
 * at their midpoint: the points belong to one composition set; otherwise
 * (a miscibility gap between them) they are kept apart. */
static double ydist(const double *a, const double *b, int n) {
  double d = 0;
  for (int k = 0; k < n; k++)
    if (fabs(a[k] - b[k]) > d) d = fabs(a[k] - b[k]);
  return d;
}

static int convex_between(eqws *w, const tm_phase *ph, const double *a,
                          const double *b) {
  const mge_thermo_system *s = w->s;
  tm_gout *o = w->go[MGE_THERMO_MAX_SETS - 1];
  double ga, gb;
  tm_phase_eval(s, ph, &w->tv, a, 0, o);
  ga = o->G; /* per formula unit: the chord is linear in y as well */
  tm_phase_eval(s, ph, &w->tv, b, 0, o);
  gb = o->G;
  /* the midpoint for neighbours, the quarter points as well for sets
   * further apart */
  int nq = ydist(a, b, ph->ny) < 0.1 ? 1 : 3;
  for (int q = 1; q <= nq; q++) {
    double t = nq == 1 ? 0.5 : 0.25 * q, m[MGE_THERMO_MAX_Y];
    for (int k = 0; k < ph->ny; k++) m[k] = (1 - t) * a[k] + t * b[k];
    tm_phase_eval(s, ph, &w->tv, m, 0, o);
    if (o->G > (1 - t) * ga + t * gb + 1e-9 * (fabs(ga) + fabs(gb))) return 0;
  }
  return 1;
}

/* ---------------------------------------------------------------- Newton */

static void floor_y(const tm_phase *ph, double *y, double lo) {
  for (int s = 0; s < ph->nsub; s++) {
    double sum = 0;
    for (int k = ph->sub0[s]; k < ph->sub0[s + 1]; k++) {
      if (!(y[k] > lo)) y[k] = lo;
      sum += y[k];
    }
    for (int k = ph->sub0[s]; k < ph->sub0[s + 1]; k++) y[k] /= sum;
  }
}

static int nvars(const mge_thermo_system *s, const cset *cs, int ns) {
  int n = s->ncomp;
  for (int j = 0; j < ns; j++)
    n += s->ph[cs[j].phase].ny + s->ph[cs[j].phase].nsub + 1;
  return n;
}

/* Build residual F and Jacobian J (column-major) at the current state.
 * lam holds the sublattice multipliers of all sets (in order). Returns
 * the largest energy residual (J/mol) and mass residual in *emax, *mmax. */
static void build(eqws *w, const cset *cs, int ns, const double *lam,
                  const double *mu, const double *X, int withJ, double *emax,
                  double *mmax) {
  const mge_thermo_system *s = w->s;
  int C = s->ncomp, n = nvars(s, cs, ns);
  double *J = w->J, *F = w->F;
  if (withJ) memset(J, 0, (size_t)n * n * sizeof(double));
#define JM(r, c) J[(size_t)(c)*n + (r)]
  int mu0 = n - C;
  double Ntot[MGE_THERMO_MAX_COMP] = {0};
  *emax = 0;
  int row = 0, li = 0;
  for (int j = 0; j < ns; j++) {
    const tm_phase *ph = &s->ph[cs[j].phase];
    int ny = ph->ny, nsub = ph->nsub;
    tm_gout *o = w->go[j];
    tm_phase_eval(s, ph, &w->tv, cs[j].y,
                  TM_GRAD | (withJ ? TM_HESS : 0) | TM_TDER, o);
    double N[MGE_THERMO_MAX_COMP];
    tm_phase_moles(s, ph, cs[j].y, N);
    int y0 = row, l0 = row + ny, nj = row + ny + nsub;
    for (int k = 0; k < ny; k++) {
      double r = o->g[k] - lam[li + ph->sub[k]];
      for (int c = 0; c < C; c++) r -= mu[c] * ph->A[k * C + c];
      F[y0 + k] = r;
      if (fabs(r) > *emax) *emax = fabs(r);
      if (withJ) {
        for (int l = 0; l < ny; l++) JM(y0 + k, y0 + l) = o->H[k * ny + l];
        JM(y0 + k, l0 + ph->sub[k]) = -1;
        for (int c = 0; c < C; c++) JM(y0 + k, mu0 + c) = -ph->A[k * C + c];
      }
    }
    for (int q = 0; q < nsub; q++) {
      double sum = -1;
      for (int k = ph->sub0[q]; k < ph->sub0[q + 1]; k++) {
        sum += cs[j].y[k];
        if (withJ) JM(l0 + q, y0 + k) = 1;
      }
      F[l0 + q] = sum; /* counted with the mass residuals below */
    }
    double tg = o->G;
    for (int c = 0; c < C; c++) tg -= mu[c] * N[c];
    F[nj] = tg;
    if (fabs(tg) > *emax) *emax = fabs(tg);
    if (withJ) {
      for (int k = 0; k < ny; k++) {
        double v = o->g[k];
        for (int c = 0; c < C; c++) v -= mu[c] * ph->A[k * C + c];
        JM(nj, y0 + k) = v;
      }
      for (int c = 0; c < C; c++) JM(nj, mu0 + c) = -N[c];
    }
    for (int c = 0; c < C; c++) {
      Ntot[c] += cs[j].n * N[c];
      if (withJ) {
        JM(mu0 + c, nj) = N[c];
        for (int k = 0; k < ny; k++)
          JM(mu0 + c, y0 + k) = cs[j].n * ph->A[k * C + c];
      }
    }
    row = nj + 1;
    li += nsub;
  }
  *mmax = 0;
  for (int c = 0; c < C; c++) {
    F[mu0 + c] = Ntot[c] - X[c];
    if (fabs(F[mu0 + c]) > *mmax) *mmax = fabs(F[mu0 + c]);
  }
  /* sublattice sums count as mass residuals */
  row = 0;
  for (int j = 0; j < ns; j++) {
    const tm_phase *ph = &s->ph[cs[j].phase];
    for (int q = 0; q < ph->nsub; q++)
      if (fabs(F[row + ph->ny + q]) > *mmax) *mmax = fabs(F[row + ph->ny + q]);
    row += ph->ny + ph->nsub + 1;
  }
#undef JM
}

static void remove_set(cset *cs, int *ns, double *lam, int j,
                       const mge_thermo_system *s) {
  int li = 0;
  for (int q = 0; q < j; q++) li += s->ph[cs[q].phase].nsub;
  int nl = s->ph[cs[j].phase].nsub, tot = 0;
  for (int q = 0; q < *ns; q++) tot += s->ph[cs[q].phase].nsub;
  memmove(lam + li, lam + li + nl, (size_t)(tot - li - nl) * sizeof(double));
  memmove(cs + j, cs + j + 1, (size_t)(*ns - j - 1) * sizeof *cs);
  (*ns)--;
}

/* Merge composition sets of one phase that sit at the same constitution,
 * or (convex = 1) close together with the phase convex between them (no
 * gap there). The convex merge is for a singular Newton system only: two
 * sets on their way to the two sides of a narrow miscibility gap (near its
 * critical point, where the non-convexity is far below the test's
 * tolerance) may pass through a convex stretch, and merging them there
 * loses the gap. */
static int merge_duplicates(eqws *w, cset *cs, int *ns, double *lam,
                            int convex) {
  const mge_thermo_system *s = w->s;
  for (int a = 0; a < *ns; a++)
    for (int b = a + 1; b < *ns; b++) {
      if (cs[a].phase != cs[b].phase) continue;
      const tm_phase *ph = &s->ph[cs[a].phase];
      double d = ydist(cs[a].y, cs[b].y, ph->ny);
      if (d < 1e-3 ||
          (convex && d < 0.1 && convex_between(w, ph, cs[a].y, cs[b].y))) {
        double na = cs[a].n * tm_phase_moles(s, ph, cs[a].y, NULL),
               nb = cs[b].n * tm_phase_moles(s, ph, cs[b].y, NULL);
        if (na + nb > 0)
          for (int k = 0; k < ph->ny; k++)
            cs[a].y[k] = (na * cs[a].y[k] + nb * cs[b].y[k]) / (na + nb);
        double Na = tm_phase_moles(s, ph, cs[a].y, NULL);
        cs[a].n = (na + nb) / Na;
        remove_set(cs, ns, lam, b, s);
        return 1;
      }
    }
  return 0;
}

/* Newton on the phase set; returns 0 when converged. */
static int newton(eqws *w, cset *cs, int *ns, double *mu, const double *X,
                  const mge_thermo_options *o, int *iters, char *why) {
  const mge_thermo_system *s = w->s;
  int C = s->ncomp;
  double lam[MGE_THERMO_MAX_SETS * TM_MAXSUB] = {0};
  for (int it = 0; it < o->max_iter; it++) {
    (*iters)++;
    int n = nvars(s, cs, *ns);
    double emax, mmax;
    build(w, cs, *ns, lam, mu, X, 1, &emax, &mmax);
    int neg = 0;
    for (int j = 0; j < *ns; j++)
      if (cs[j].n < 0 || cs[j].nneg) neg = 1;
    if (emax < o->tol_grad && mmax < o->tol_mass && !neg) return 0;
    double *d = w->F;
    for (int i = 0; i < n; i++) d[i] = -d[i];
    if (mge_lu_solve(w->J, n, d, w->ipiv)) {
      if (merge_duplicates(w, cs, ns, lam, 1)) continue;
      if (*ns <= 1) {
        snprintf(why, 160, "singular equilibrium system");
        return -1;
      }
      int jmin = 0;
      for (int j = 1; j < *ns; j++)
        if (cs[j].n < cs[jmin].n) jmin = j;
      remove_set(cs, ns, lam, jmin, s);
      continue;
    }
    /* a damped step when the direction is wild (near-singular systems):
     * chemical potentials move at most 2e4 J/mol, amounts at most 1 mol of
     * atoms per step */
    {
      double sc = 1, dmu = 0;
      for (int c = 0; c < C; c++) dmu = fmax(dmu, fabs(d[n - C + c]));
      if (dmu > 2e4) sc = 2e4 / dmu;
      int r0 = 0;
      for (int j = 0; j < *ns; j++) {
        const tm_phase *ph = &s->ph[cs[j].phase];
        double Na = tm_phase_moles(s, ph, cs[j].y, NULL);
        double dn = fabs(d[r0 + ph->ny + ph->nsub]) * Na;
        if (dn * sc > 1) sc = 1 / dn;
        r0 += ph->ny + ph->nsub + 1;
      }
      if (sc < 1)
        for (int i = 0; i < n; i++) d[i] *= sc;
    }
    /* update */
    int row = 0, li = 0;
    double nmin = 0;
    int jneg = -1;
    for (int j = 0; j < *ns; j++) {
      const tm_phase *ph = &s->ph[cs[j].phase];
      /* one step length for the whole set keeps its site sums: at most a
       * 95% decrease of any site fraction, at most 0.5 change overall */
      double t = 1;
      for (int k = 0; k < ph->ny; k++) {
        double dk = d[row + k];
        if (dk < 0 && cs[j].y[k] + dk < 0.05 * cs[j].y[k])
          t = fmin(t, 0.95 * cs[j].y[k] / -dk);
        if (fabs(dk) * t > 0.5) t = 0.5 / fabs(dk);
      }
      for (int k = 0; k < ph->ny; k++) {
        if (ph->sub0[ph->sub[k] + 1] - ph->sub0[ph->sub[k]] == 1) continue;
        double yn = cs[j].y[k] + t * d[row + k];
        if (!(yn > 0)) yn = 0.05 * cs[j].y[k];
        cs[j].y[k] = yn;
      }
      for (int q = 0; q < ph->nsub; q++) lam[li + q] += d[row + ph->ny + q];
      cs[j].n += d[row + ph->ny + ph->nsub];
      if (cs[j].n < nmin) {
        nmin = cs[j].n;
        jneg = j;
      }
      row += ph->ny + ph->nsub + 1;
      li += ph->nsub;
    }
    for (int c = 0; c < C; c++) mu[c] += d[n - C + c];
    /* a set that keeps wanting a negative amount leaves; one step below
     * zero only clamps it (a phase that just entered starts at zero) */
    for (int j = 0; j < *ns; j++) {
      if (cs[j].n < 0) {
        cs[j].nneg++;
        cs[j].n = 0;
      } else {
        cs[j].nneg = 0;
      }
    }
    if (jneg >= 0 && *ns > 1 && cs[jneg].nneg >= 3) {
      remove_set(cs, ns, lam, jneg, s);
      for (int j = 0; j < *ns; j++) cs[j].nneg = 0;
    }
    if (*ns == 1 && !(cs[0].n > 0)) cs[0].n = 1e-3;
    if (merge_duplicates(w, cs, ns, lam, 0)) continue;
  }
  snprintf(why, 160, "Newton did not converge in %d iterations", o->max_iter);
  return -1;
}

static double plane_dist(eqws *w, const tm_phase *ph, const double *y,
                         const double *mu, int want) {
  const mge_thermo_system *s = w->s;
  tm_gout *o = w->go[MGE_THERMO_MAX_SETS - 1];
  double N[MGE_THERMO_MAX_COMP];
  tm_phase_eval(s, ph, &w->tv, y, want, o);
  double Na = tm_phase_moles(s, ph, y, N);
  double f = o->G;
  for (int c = 0; c < s->ncomp; c++) f -= mu[c] * N[c];
  return f / Na;
}

/* Minimise G - mu.N (per formula unit) for one phase from y; returns the
 * minimum per mole of atoms, y updated.
 *
 * Newton in the reduced variables: on each sublattice the largest site
 * fraction is eliminated through the site sum, so the step solves the
 * reduced Hessian Z^T H Z dz = -Z^T g by Cholesky. Where that Hessian is not
 * positive definite (inside a spinodal, or far from the minimum) a
 * multiple of the identity is added until it is, which keeps the step a
 * descent direction; near a minimum the step is the full Newton step and
 * converges quadratically. A step that raises the function is halved. */
static double local_min(eqws *w, int p, double *y, const double *mu) {
  const mge_thermo_system *s = w->s;
  const tm_phase *ph = &s->ph[p];
  int C = s->ncomp, ny = ph->ny;
  tm_gout *o = w->go[MGE_THERMO_MAX_SETS - 1];
  floor_y(ph, y, 1e-12);
  if (ph->fixed) return plane_dist(w, ph, y, mu, 0);
  /* reduced variables: var[i] is a constituent, ref[i] the eliminated one
   * on its sublattice */
  int var[MGE_THERMO_MAX_Y], ref[MGE_THERMO_MAX_Y], nv = 0;
  double Hr[MGE_THERMO_MAX_Y * MGE_THERMO_MAX_Y],
      L[MGE_THERMO_MAX_Y * MGE_THERMO_MAX_Y];
  double gt[MGE_THERMO_MAX_Y], dz[MGE_THERMO_MAX_Y], dy[MGE_THERMO_MAX_Y];
  double yprev[MGE_THERMO_MAX_Y];
  double RT = TM_R * w->tv.T, fprev = INFINITY, tprev = 0;
  for (int it = 0; it < 40; it++) {
    double f = plane_dist(w, ph, y, mu, TM_GRAD | TM_HESS);
    if (!isfinite(f)) return f;
    if (f > fprev + 1e-12 * (1 + fabs(fprev)) && tprev > 1e-12) {
      /* the step went uphill: go back half way */
      tprev *= 0.5;
      for (int k = 0; k < ny; k++) y[k] = yprev[k] + tprev * dy[k];
      floor_y(ph, y, 1e-300);
      continue;
    }
    fprev = f;
    nv = 0;
    for (int q = 0; q < ph->nsub; q++) {
      int a = ph->sub0[q], b = ph->sub0[q + 1];
      if (b - a < 2) continue;
      int r = a;
      for (int k = a + 1; k < b; k++)
        if (y[k] > y[r]) r = k;
      for (int k = a; k < b; k++)
        if (k != r) {
          var[nv] = k;
          ref[nv] = r;
          nv++;
        }
    }
    for (int k = 0; k < ny; k++) {
      gt[k] = o->g[k];
      for (int c = 0; c < C; c++) gt[k] -= mu[c] * ph->A[k * C + c];
    }
    double dmax = 0;
    for (int i = 0; i < nv; i++) {
      int k = var[i], r = ref[i];
      dz[i] = -(gt[k] - gt[r]);
      for (int j = 0; j <= i; j++) {
        int l = var[j], m = ref[j];
        double h = o->H[k * ny + l] - o->H[k * ny + m] - o->H[r * ny + l] +
                   o->H[r * ny + m];
        Hr[i * nv + j] = Hr[j * nv + i] = h;
      }
      dmax = fmax(dmax, fabs(Hr[i * nv + i]));
    }
    double shift = 0;
    int ok = 0;
    for (int tr = 0; tr < 30 && !ok; tr++) {
      memcpy(L, Hr, sizeof(double) * nv * nv);
      for (int i = 0; i < nv; i++) L[i * nv + i] += shift;
      ok = !mge_chol_small_factor(L, nv, 0);
      shift = shift == 0 ? fmax(1e-3 * RT, 1e-6 * dmax) : 4 * shift;
    }
    if (!ok) return f;
    mge_chol_small_solve(L, nv, dz);
    memset(dy, 0, sizeof(double) * ny);
    for (int i = 0; i < nv; i++) {
      dy[var[i]] += dz[i];
      dy[ref[i]] -= dz[i];
    }
    double gmax = 0;
    for (int k = 0; k < ny; k++) gmax = fmax(gmax, fabs(dy[k]));
    double t = 1;
    for (int k = 0; k < ny; k++)
      if (dy[k] < 0 && y[k] + t * dy[k] < 0.1 * y[k])
        t = fmin(t, -0.9 * y[k] / dy[k]);
    memcpy(yprev, y, sizeof(double) * ny);
    tprev = t;
    for (int k = 0; k < ny; k++) y[k] += t * dy[k];
    floor_y(ph, y, 1e-300);
    if (gmax * t < 1e-9) break; /* f is then exact to ~1e-12 J/mol */
  }
  return plane_dist(w, ph, y, mu, 0);
}

/* Phases or composition sets below the tangent plane: returns how many
 * were added to cs (0: the result is final). */
/* Candidates that entered and were thrown out again by Newton are barred
 * for a few rounds, so that the next best candidate gets its turn. */
#define TABU_N 8
typedef struct tabu {
  int n;
  int phase[TABU_N], age[TABU_N];
  double y[TABU_N][MGE_THERMO_MAX_Y];
} tabu;

static int is_tabu(const tabu *t, int p, const double *y, int ny) {
  for (int i = 0; i < t->n; i++)
    if (t->phase[i] == p && ydist(t->y[i], y, ny) < 1e-3) return 1;
  return 0;
}

static int check_plane(eqws *w, cset *cs, int *ns, const double *mu,
                       const mge_thermo_options *o, int full, double *worst,
                       const tabu *tb) {
  const mge_thermo_system *s = w->s;
  int C = s->ncomp, added = 0, bestp = -1;
  double besty[MGE_THERMO_MAX_Y], bestf = 0;
  if (full) grid_energies(w);
  *worst = 0;
  for (int p = 0; p < s->nphase; p++) {
    const tm_phase *ph = &s->ph[p];
    /* best grid point that is not at a present set of this phase */
    int bi = -1;
    double bd = INFINITY;
    const double *dp = full ? plane_dists(w, p, mu) : NULL;
    if (full)
      for (int i = 0; i < ph->npts; i++) {
        double d = dp[i];
        if (d >= bd) continue;
        int near = 0;
        for (int j = 0; j < *ns; j++)
          if (cs[j].phase == p &&
              ydist(cs[j].y, ph->pts + (size_t)i * ph->ny, ph->ny) < 0.1)
            near = 1;
        if (!near) {
          bd = d;
          bi = i;
        }
      }
    int present = 0;
    for (int j = 0; j < *ns; j++)
      if (cs[j].phase == p) present = 1;
    double y[MGE_THERMO_MAX_Y];
    if (bi >= 0) {
      memcpy(y, ph->pts + (size_t)bi * ph->ny, sizeof(double) * ph->ny);
    } else if (!present && !full) {
      /* no grid: start from the middle of each sublattice */
      for (int k = 0; k < ph->ny; k++)
        y[k] = 1.0 / (ph->sub0[ph->sub[k] + 1] - ph->sub0[ph->sub[k]]);
    } else {
      continue;
    }
    if (bi >= 0 && bd > 0.1 * TM_R * w->tv.T) continue; /* far above */
    double f = local_min(w, p, y, mu);
    if (!isfinite(f)) continue;
    /* the local minimum may have run onto a present set */
    int dup = 0;
    for (int j = 0; j < *ns; j++)
      if (cs[j].phase == p && ydist(cs[j].y, y, ph->ny) < 1e-3) dup = 1;
    if (dup) continue;
    if (f < *worst) *worst = f;
    if (f < -o->tol_df && w->ncand < 32) {
      w->cand_p[w->ncand] = p;
      memcpy(w->cand_y[w->ncand], y, sizeof(double) * ph->ny);
      w->ncand++;
    }
    if (f < bestf && !is_tabu(tb, p, y, ph->ny)) {
      bestf = f;
      bestp = p;
      memcpy(besty, y, sizeof(double) * ph->ny);
    }
  }
  if (bestp < 0 || !(bestf < -o->tol_df)) return 0;
  /* enter the phase with the largest driving force; with a full phase
   * set (Gibbs' phase rule), the set whose amount would first reach zero
   * along the new phase's composition leaves (a simplex pivot) */
  if (*ns >= C) {
    double B[MGE_THERMO_MAX_COMP * MGE_THERMO_MAX_COMP];
    double xq[MGE_THERMO_MAX_COMP], a[MGE_THERMO_MAX_COMP];
    int ipiv[MGE_THERMO_MAX_COMP];
    for (int j = 0; j < C; j++) {
      double N[MGE_THERMO_MAX_COMP];
      double Na = tm_phase_moles(s, &s->ph[cs[j].phase], cs[j].y, N);
      a[j] = cs[j].n * Na;
      for (int c = 0; c < C; c++) B[j * C + c] = N[c] / Na;
    }
    double Nq = tm_phase_moles(s, &s->ph[bestp], besty, xq);
    for (int c = 0; c < C; c++) xq[c] /= Nq;
    int leave = -1;
    if (!mge_lu_solve(B, C, xq, ipiv)) {
      double tmin = INFINITY;
      for (int j = 0; j < C; j++)
        if (xq[j] > 1e-12 && a[j] / xq[j] < tmin) {
          tmin = a[j] / xq[j];
          leave = j;
        }
    }
    if (leave < 0) { /* degenerate: drop the smallest amount */
      leave = 0;
      for (int j = 1; j < *ns; j++)
        if (cs[j].n < cs[leave].n) leave = j;
    }
    cs[leave] = cs[*ns - 1];
    (*ns)--;
  }
  if (*ns >= MGE_THERMO_MAX_SETS) return 0;
  cs[*ns].phase = bestp;
  memcpy(cs[*ns].y, besty, sizeof(double) * s->ph[bestp].ny);
  cs[*ns].n = 0;
  cs[*ns].nneg = 0;
  (*ns)++;
  added = 1;
  return added;
}

/* ------------------------------------------------------------ results */

static void fill_result(eqws *w, const cset *cs, int ns, const double *mu,
                        const double *X, mge_thermo_result *r) {
  const mge_thermo_system *s = w->s;
  int C = s->ncomp;
  r->nphase = ns;
  r->ncomp = C;
  double GM = 0, S = 0;
  for (int c = 0; c < C; c++) {
    r->mu[c] = mu[c];
    r->X[c] = X[c];
    GM += mu[c] * X[c];
  }
  for (int j = 0; j < ns; j++) {
    const tm_phase *ph = &s->ph[cs[j].phase];
    mge_thermo_phase_eq *pe = &r->ph[j];
    double N[MGE_THERMO_MAX_COMP];
    double Na = tm_phase_moles(s, ph, cs[j].y, N);
    tm_gout *o = w->go[j];
    tm_phase_eval(s, ph, &w->tv, cs[j].y, TM_TDER, o);
    pe->phase = cs[j].phase;
    pe->amount = cs[j].n * Na;
    pe->n_fu = cs[j].n;
    for (int c = 0; c < C; c++) pe->x[c] = N[c] / Na;
    pe->ny = ph->ny;
    memcpy(pe->y, cs[j].y, sizeof(double) * ph->ny);
    pe->gm = o->G / Na;
    S -= cs[j].n * o->GT;
  }
  r->GM = GM;
  r->SM = S;
  r->HM = GM + w->tv.T * S;
  /* equilibrium heat capacity by implicit differentiation of the Newton
   * system: dz/dT = -J^-1 dF/dT */
  double lam[MGE_THERMO_MAX_SETS * TM_MAXSUB] = {0};
  int li = 0, row = 0;
  /* multipliers at the solution: mean of stationarity without lambda */
  for (int j = 0; j < ns; j++) {
    const tm_phase *ph = &s->ph[cs[j].phase];
    tm_gout *o = w->go[j];
    tm_phase_eval(s, ph, &w->tv, cs[j].y, TM_GRAD, o);
    for (int q = 0; q < ph->nsub; q++) {
      int k = ph->sub0[q];
      double v = o->g[k];
      for (int c = 0; c < C; c++) v -= mu[c] * ph->A[k * C + c];
      lam[li + q] = v;
    }
    li += ph->nsub;
  }
  double em, mm;
  build(w, cs, ns, lam, mu, X, 1, &em, &mm);
  int n = nvars(s, cs, ns);
  double *dF = w->F + w->nmax;
  memset(dF, 0, sizeof(double) * n);
  row = 0;
  for (int j = 0; j < ns; j++) {
    const tm_phase *ph = &s->ph[cs[j].phase];
    tm_gout *o = w->go[j];
    for (int k = 0; k < ph->ny; k++) dF[row + k] = -o->gT[k];
    dF[row + ph->ny + ph->nsub] = -o->GT;
    row += ph->ny + ph->nsub + 1;
  }
  r->CPM = NAN;
  if (!mge_lu_solve(w->J, n, dF, w->ipiv)) {
    double dS = 0;
    row = 0;
    for (int j = 0; j < ns; j++) {
      const tm_phase *ph = &s->ph[cs[j].phase];
      tm_gout *o = w->go[j];
      double v = o->GTT;
      for (int k = 0; k < ph->ny; k++) v += o->gT[k] * dF[row + k];
      dS -= dF[row + ph->ny + ph->nsub] * o->GT + cs[j].n * v;
      row += ph->ny + ph->nsub + 1;
    }
    r->CPM = w->tv.T * dS;
  }
}

static int check_conditions(const mge_thermo_system *s,
                            const mge_thermo_conditions *c, double *X,
                            mge_error *err) {
  if (!(c->T_K > 0) || !isfinite(c->T_K) || c->T_K > 1e5)
    return mge_error_set(err, MGE_E_INPUT,
                         "temperature %g K is outside (0, 1e5]", c->T_K);
  if (!(c->P_Pa > 0) || !isfinite(c->P_Pa))
    return mge_error_set(err, MGE_E_INPUT, "pressure %g Pa is not positive",
                         c->P_Pa);
  double sum = 0;
  for (int i = 0; i < s->ncomp; i++) {
    if (!(c->X[i] >= 0) || !isfinite(c->X[i]))
      return mge_error_set(err, MGE_E_INPUT,
                           "X(%s) = %g is not a mole fraction", s->comp_name[i],
                           c->X[i]);
    sum += c->X[i];
  }
  if (fabs(sum - 1) > 1e-9)
    return mge_error_set(err, MGE_E_INPUT, "mole fractions sum to %.12g, not 1",
                         sum);
  for (int i = 0; i < s->ncomp; i++) X[i] = c->X[i] / sum;
  return 0;
}

/* Components at exactly zero: solve in the system without them (the same
 * phases, less the constituents made of absent elements) and map the
 * answer back; the chemical potential of an absent component is NaN (it is
 * minus infinity in the limit), its mole fractions 0. */
static int solve_reduced(const mge_thermo_system *s,
                         const mge_thermo_conditions *c,
                         const mge_thermo_options *o, mge_thermo_result *r,
                         mge_error *err) {
  const mge_tdb *db = s->db;
  const char *el[MGE_THERMO_MAX_COMP];
  int map[MGE_THERMO_MAX_COMP], nk = 0;
  for (int i = 0; i < s->ncomp; i++)
    if (c->X[i] > 0) {
      map[nk] = i;
      el[nk++] = s->comp_name[i];
    }
  if (nk == 0)
    return mge_error_set(err, MGE_E_INPUT, "all mole fractions are zero");
  const char **susp = malloc((size_t)(db->nph + 1) * sizeof *susp);
  if (!susp) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  int nsusp = 0;
  for (int p = 0; p < db->nph; p++) {
    int in = 0;
    for (int q = 0; q < s->nphase; q++)
      if (s->ph[q].dbphase == p) in = 1;
    if (!in) susp[nsusp++] = db->ph[p].name;
  }
  mge_thermo_system *sub = NULL;
  int rc = mge_thermo_system_new(db, el, nk, NULL, 0, susp, nsusp, &sub, err);
  free(susp);
  if (rc) return rc;
  mge_thermo_conditions c2 = *c;
  for (int k = 0; k < sub->ncomp; k++) {
    c2.X[k] = 0;
    for (int q = 0; q < nk; q++)
      if (!strcmp(sub->comp_name[k], el[q])) c2.X[k] = c->X[map[q]];
  }
  mge_thermo_result *rr = malloc(sizeof *rr);
  if (!rr) {
    mge_thermo_system_free(sub);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  rc = mge_thermo_equilibrium(sub, &c2, o, rr, err);
  memset(r, 0, sizeof *r);
  r->T_K = c->T_K;
  r->P_Pa = c->P_Pa;
  r->ncomp = s->ncomp;
  r->converged = rr->converged;
  r->iterations = rr->iterations;
  snprintf(r->reason, sizeof r->reason, "%s", rr->reason);
  double sum = 0;
  for (int i = 0; i < s->ncomp; i++) sum += c->X[i];
  for (int i = 0; i < s->ncomp; i++) {
    r->X[i] = c->X[i] / sum;
    r->mu[i] = NAN;
  }
  if (!rc) {
    for (int k = 0; k < sub->ncomp; k++)
      for (int i = 0; i < s->ncomp; i++)
        if (!strcmp(sub->comp_name[k], s->comp_name[i])) r->mu[i] = rr->mu[k];
    r->GM = rr->GM;
    r->HM = rr->HM;
    r->SM = rr->SM;
    r->CPM = rr->CPM;
    r->nphase = rr->nphase;
    for (int j = 0; j < rr->nphase; j++) {
      const tm_phase *sp = &sub->ph[rr->ph[j].phase];
      int p = -1;
      for (int q = 0; q < s->nphase; q++)
        if (s->ph[q].dbphase == sp->dbphase) p = q;
      const tm_phase *ph = &s->ph[p];
      mge_thermo_phase_eq *pe = &r->ph[j];
      *pe = rr->ph[j];
      pe->phase = p;
      for (int i = 0; i < s->ncomp; i++) {
        pe->x[i] = 0;
        for (int k = 0; k < sub->ncomp; k++)
          if (!strcmp(sub->comp_name[k], s->comp_name[i]))
            pe->x[i] = rr->ph[j].x[k];
      }
      pe->ny = ph->ny;
      for (int k = 0; k < ph->ny; k++) {
        pe->y[k] = 0;
        for (int q = 0; q < sp->ny; q++)
          if (sp->sub[q] == ph->sub[k] && sp->sp[q] == ph->sp[k])
            pe->y[k] = rr->ph[j].y[q];
      }
    }
  }
  free(rr);
  mge_thermo_system_free(sub);
  return rc;
}

/* The k-th best single-phase start: of the phases with a grid point
 * within 0.05 of X in every mole fraction, the k-th lowest in Gibbs energy
 * at its nearest point; that point alone, all the atoms in it. Returns 0
 * when there is no k-th such phase. */
static int single_start(eqws *w, const double *X, int k, cset *cs) {
  const mge_thermo_system *s = w->s;
  int C = s->ncomp;
  grid_energies(w);
  int cp[64], ci[64], nc = 0;
  double cg[64];
  for (int p = 0, off = 0; p < s->nphase; off += s->ph[p].npts, p++) {
    const tm_phase *ph = &s->ph[p];
    int holds = 1; /* it must hold every component present */
    for (int c = 0; c < C && holds; c++) {
      int any = 0;
      for (int q = 0; q < ph->ny; q++)
        if (ph->A[q * C + c] > 0) any = 1;
      if (X[c] > 0 && !any) holds = 0;
    }
    if (!holds) continue;
    int bi = -1;
    double bd = 0.05;
    for (int i = 0; i < ph->npts; i++) {
      const double *x = ph->ptx + (size_t)i * C;
      double d = 0;
      for (int c = 0; c < C; c++) d = fmax(d, fabs(x[c] - X[c]));
      if (d < bd) {
        bd = d;
        bi = i;
      }
    }
    if (bi < 0 || nc >= 64) continue;
    int j = nc++;
    for (; j > 0 && cg[j - 1] > w->gpt[off + bi]; j--) {
      cp[j] = cp[j - 1];
      ci[j] = ci[j - 1];
      cg[j] = cg[j - 1];
    }
    cp[j] = p;
    ci[j] = bi;
    cg[j] = w->gpt[off + bi];
  }
  if (k >= nc) return 0;
  const tm_phase *ph = &s->ph[cp[k]];
  cs->phase = cp[k];
  memcpy(cs->y, ph->pts + (size_t)ci[k] * ph->ny, sizeof(double) * ph->ny);
  cs->n = 1 / ph->ptn[ci[k]];
  cs->nneg = 0;
  return 1;
}

static int solve(const mge_thermo_system *s, const mge_thermo_conditions *c,
                 const mge_thermo_options *o, const mge_thermo_result *start,
                 mge_thermo_result *r, mge_error *err) {
  mge_thermo_options def;
  if (!o) {
    mge_thermo_options_default(&def);
    o = &def;
  }
  double X[MGE_THERMO_MAX_COMP];
  int rc = check_conditions(s, c, X, err);
  if (rc) return rc;
  for (int i = 0; i < s->ncomp; i++)
    if (X[i] == 0) return solve_reduced(s, c, o, r, err);
  /* copy the start before r (which may alias it) is written */
  cset cs[MGE_THERMO_MAX_SETS];
  double mu[MGE_THERMO_MAX_COMP];
  int ns = 0;
  if (start && start->converged && start->ncomp == s->ncomp) {
    ns = start->nphase;
    for (int j = 0; j < ns; j++) {
      cs[j].phase = start->ph[j].phase;
      memcpy(cs[j].y, start->ph[j].y, sizeof(double) * start->ph[j].ny);
      cs[j].n = start->ph[j].n_fu;
      cs[j].nneg = 0;
    }
    memcpy(mu, start->mu, sizeof(double) * s->ncomp);
  }
  eqws w;
  if (ws_init(&w, s)) {
    ws_free(&w);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  tm_tvals_set(&w.tv, s, c->T_K, c->P_Pa);
  memset(r, 0, sizeof *r);
  r->T_K = c->T_K;
  r->P_Pa = c->P_Pa;
  char why[160] = "";
  int iters = 0, ok = 0;
  /* pass 0 merges hull points of one phase only when they are neighbours;
   * pass 1, run only when pass 0 failed, merges any two between which the
   * phase is convex (two sets of one phase with no gap between them make
   * Newton's system singular; neighbours-only keeps the sets a gap needs).
   * Each pass: the warm start (if any), then up to four hull starts; pass 1
   * then up to six single-phase starts. */
  int ns0 = ns;
  for (int pass = 0; pass < 2 && !ok; pass++) {
    double merge_dist = pass ? 2.0 : 0.1;
    if (pass) {
      w.nex = 0;
      w.ncand = 0;
    }
    for (int attempt = ns0 && !pass ? 0 : 1; attempt < 5 + 6 * pass && !ok;
         attempt++) {
      if (attempt >= 5) {
        /* last resorts: the best single phases at the overall composition,
         * the others to be added by their driving forces */
        if (!single_start(&w, X, attempt - 5, &cs[0])) break;
        ns = 1;
      } else if (attempt >= 2) {
        /* the last attempt failed: its sets and the local minima found below
         * the plane become hull points, and the hull is solved again */
        int nex0 = w.nex;
        for (int j = 0; j < ns; j++) add_extra(&w, cs[j].phase, cs[j].y);
        for (int i = 0; i < w.ncand; i++)
          add_extra(&w, w.cand_p[i], w.cand_y[i]);
        w.ncand = 0;
        if (w.nex == nex0) { /* nothing new to try */
          if (!pass) break;
          attempt = 4;
          continue;
        }
      }
      if (attempt >= 1 && attempt < 5) {
        int hp[MGE_THERMO_MAX_COMP], hi[MGE_THERMO_MAX_COMP];
        double hl[MGE_THERMO_MAX_COMP];
        int nh = hull(&w, X, hp, hi, hl, mu, why);
        if (nh <= 0) break;
        ns = 0;
        for (int h = 0; h < nh; h++) {
          if (hp[h] >= s->nphase) { /* an extra point */
            int k = hi[h];
            hp[h] = w.ex_phase[k];
            if (ns >= MGE_THERMO_MAX_SETS) continue;
            cs[ns].phase = hp[h];
            memcpy(cs[ns].y, w.ex_y[k], sizeof(double) * s->ph[hp[h]].ny);
            cs[ns].n = hl[h] / w.ex_n[k];
            cs[ns].nneg = 0;
            ns++;
            continue;
          }
          const tm_phase *ph = &s->ph[hp[h]];
          const double *y = ph->pts + (size_t)hi[h] * ph->ny;
          int merged = 0;
          for (int j = 0; j < ns && !merged; j++)
            if (cs[j].phase == hp[h] &&
                ydist(cs[j].y, y, ph->ny) < merge_dist &&
                convex_between(&w, ph, cs[j].y, y)) {
              /* neighbouring grid points of one phase: average them */
              double nj = cs[j].n * tm_phase_moles(s, ph, cs[j].y, NULL);
              double wsum = nj + hl[h];
              for (int k = 0; k < ph->ny; k++)
                cs[j].y[k] = (nj * cs[j].y[k] + hl[h] * y[k]) / wsum;
              cs[j].n = wsum / tm_phase_moles(s, ph, cs[j].y, NULL);
              merged = 1;
            }
          if (merged) continue;
          cs[ns].phase = hp[h];
          memcpy(cs[ns].y, y, sizeof(double) * ph->ny);
          cs[ns].n = hl[h] / ph->ptn[hi[h]];
          cs[ns].nneg = 0;
          ns++;
        }
      }
      for (int j = 0; j < ns; j++) floor_y(&s->ph[cs[j].phase], cs[j].y, 1e-12);
      if (attempt >= 1) mu_estimate(&w, cs, ns, mu);
      int outer, last_p = -1;
      double last_y[MGE_THERMO_MAX_Y] = {0};
      tabu tb;
      tb.n = 0;
      for (outer = 0; outer < 40; outer++) {
        if (newton(&w, cs, &ns, mu, X, o, &iters, why)) break;
        double worst;
        int ns_before = ns;
        /* the last entrant, if Newton threw it out, becomes tabu */
        if (last_p >= 0) {
          int kept = 0;
          for (int j = 0; j < ns; j++)
            if (cs[j].phase == last_p) kept = 1;
          if (!kept && tb.n < TABU_N) {
            tb.phase[tb.n] = last_p;
            tb.age[tb.n] = 0;
            memcpy(tb.y[tb.n], last_y, sizeof last_y);
            tb.n++;
          }
        }
        for (int i = 0; i < tb.n; i++)
          if (++tb.age[i] > 4) {
            tb.phase[i] = tb.phase[tb.n - 1];
            tb.age[i] = tb.age[tb.n - 1];
            memcpy(tb.y[i], tb.y[tb.n - 1], sizeof last_y);
            tb.n--;
            i--;
          }
        int added = check_plane(&w, cs, &ns, mu, o, o->grid_check, &worst, &tb);
        last_p = -1;
        if (added) {
          last_p = cs[ns - 1].phase;
          memcpy(last_y, cs[ns - 1].y, sizeof last_y);
        }
        if (added && ns > ns_before) {
          /* a second composition set of a present phase: the present set
           * sits inside a miscibility gap. Split it: the new set takes the
           * point found below the plane, the present one moves to the
           * minimum on the other side (reflected start), amounts halved. */
          cset *nw = &cs[ns - 1];
          const tm_phase *ph = &s->ph[nw->phase];
          for (int j = 0; j < ns - 1; j++) {
            if (cs[j].phase != nw->phase) continue;
            double yb[MGE_THERMO_MAX_Y];
            for (int k = 0; k < ph->ny; k++) yb[k] = 2 * cs[j].y[k] - nw->y[k];
            floor_y(ph, yb, 1e-9);
            local_min(&w, nw->phase, yb, mu);
            if (ydist(yb, nw->y, ph->ny) > 1e-3) {
              memcpy(cs[j].y, yb, sizeof(double) * ph->ny);
              cs[j].n *= 0.5;
              nw->n = cs[j].n;
            }
            break;
          }
        }
        if (!added) {
          if (worst < -o->tol_df) {
            snprintf(why, 160,
                     "phases below the tangent plane were rejected by Newton "
                     "(cycling)");
            break;
          }
          ok = 1;
          break;
        }
      }
      if (!ok && outer == 40)
        snprintf(why, 160, "phase set did not settle after 40 additions");
    }
  }
  r->iterations = iters;
  if (ok) {
    fill_result(&w, cs, ns, mu, X, r);
    r->converged = 1;
    snprintf(r->reason, sizeof r->reason, "converged");
  } else {
    r->converged = 0;
    snprintf(r->reason, sizeof r->reason, "%s", why[0] ? why : "failed");
  }
  ws_free(&w);
  if (!ok)
    return mge_error_set(err, MGE_E_CONVERGE,
                         "equilibrium at T = %g K not found: %s", c->T_K,
                         r->reason);
  return 0;
}

int mge_thermo_equilibrium(const mge_thermo_system *s,
                           const mge_thermo_conditions *c,
                           const mge_thermo_options *opts, mge_thermo_result *r,
                           mge_error *err) {
  return solve(s, c, opts, NULL, r, err);
}

int mge_thermo_equilibrium_from(const mge_thermo_system *s,
                                const mge_thermo_conditions *c,
                                const mge_thermo_options *opts,
                                const mge_thermo_result *start,
                                mge_thermo_result *r, mge_error *err) {
  return solve(s, c, opts, start, r, err);
}

int mge_thermo_mass_to_mole(const mge_thermo_system *s, const double *w,
                            double *x, mge_error *err) {
  double sum = 0;
  for (int i = 0; i < s->ncomp; i++) {
    if (!(w[i] >= 0) || !isfinite(w[i]))
      return mge_error_set(err, MGE_E_INPUT, "bad mass fraction of %s",
                           s->comp_name[i]);
    if (!(s->comp_mass[i] > 0))
      return mge_error_set(err, MGE_E_INPUT, "no molar mass for %s",
                           s->comp_name[i]);
    x[i] = w[i] / s->comp_mass[i];
    sum += x[i];
  }
  if (!(sum > 0))
    return mge_error_set(err, MGE_E_INPUT, "mass fractions are all zero");
  for (int i = 0; i < s->ncomp; i++) x[i] /= sum;
  return 0;
}
