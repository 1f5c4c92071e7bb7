/* Ion exchange (chemical strengthening) of a glass plate: 1D binary
 * interdiffusion with the Nernst-Planck interdiffusion coefficient,
 * implicit finite volumes on a graded mesh, network-dilation stress with
 * optional Maxwell relaxation, and calibration of D0, Q and B. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glass/glass_internal.h"

#define R_GAS 8.314462618 /* J/(mol K), CODATA 2018 */

void mge_ionex_opts_default(mge_ionex_opts *o) {
  o->n_nodes = 161;
  o->grading = 5.0;
  o->n_time = 200;
  o->dt_growth = 1.03;
  o->dol_frac = 0.01;
  o->picard_tol = 1e-10;
}

double mge_ionex_surface_C(const mge_ionex_glass *g, double p) {
  if (p <= 0) return 1.0;
  double a = g->K_eq * (1 - p);
  return a / (p + a);
}

static double d_in(const mge_ionex_glass *g, double T) {
  return g->D0_m2_s * exp(-g->Q_J_mol / (R_GAS * T));
}

static double interdiff(double Di, double Do, double C) {
  if (C < 0) C = 0;
  if (C > 1) C = 1;
  return Di * Do / (C * Di + (1 - C) * Do);
}

double mge_ionex_D(const mge_ionex_glass *g, double T, double C) {
  double Di = d_in(g, T);
  return interdiff(Di, g->ratio * Di, C);
}

double mge_ionex_ct_limit(double t_m) {
  return (-38.7 * log(t_m / 1e-3) + 48.2) * 1e6;
}

const char *mge_ionex_ct_limit_source(void) {
  return "CT_lim = -38.7 MPa ln(t/mm) + 48.2 MPa: K.L. Barefoot et al., US "
         "patent application 2010/0035038 A1 (Corning), non-frangible "
         "chemically strengthened glass, t <= ~1 mm";
}

void mge_ionex_result_free(mge_ionex_result *r) {
  if (!r) return;
  free(r->z_m), free(r->C), free(r->sigma_Pa);
  memset(r, 0, sizeof *r);
}

static int bad(mge_error *err, const char *what, double v) {
  return mge_error_set(err, MGE_E_INPUT, "ion exchange: %s = %g is not valid",
                       what, v);
}

static int validate(const mge_ionex_problem *p, mge_error *err) {
  const mge_ionex_glass *g = &p->glass;
  const mge_ionex_opts *o = &p->opts;
  if (p->pair != MGE_IONEX_K_NA && p->pair != MGE_IONEX_NA_LI)
    return mge_error_set(err, MGE_E_INPUT, "ion exchange: unknown pair");
  if (!isfinite(p->thickness_m) || !(p->thickness_m > 0) || p->thickness_m > 1)
    return bad(err, "thickness_m", p->thickness_m);
  if (!isfinite(g->E_Pa) || !(g->E_Pa > 0)) return bad(err, "E_Pa", g->E_Pa);
  if (!isfinite(g->nu) || !(g->nu > -1 && g->nu < 0.5))
    return bad(err, "nu", g->nu);
  if (!isfinite(g->B)) return bad(err, "B", g->B);
  if (!isfinite(g->D0_m2_s) || !(g->D0_m2_s > 0))
    return bad(err, "D0_m2_s", g->D0_m2_s);
  if (!isfinite(g->Q_J_mol) || g->Q_J_mol < 0 || g->Q_J_mol > 2e6)
    return bad(err, "Q_J_mol", g->Q_J_mol);
  if (!isfinite(g->ratio) || !(g->ratio > 0) || g->ratio > 1e8 ||
      g->ratio < 1e-8)
    return bad(err, "ratio", g->ratio);
  if (!isfinite(g->C_init) || g->C_init < 0 || g->C_init > 1)
    return bad(err, "C_init", g->C_init);
  if (!isfinite(g->K_eq) || !(g->K_eq > 0)) return bad(err, "K_eq", g->K_eq);
  if (!isfinite(g->tau0_s)) return bad(err, "tau0_s", g->tau0_s);
  if (g->tau0_s > 0 && (!isfinite(g->Q_relax_J_mol) || g->Q_relax_J_mol < 0))
    return bad(err, "Q_relax_J_mol", g->Q_relax_J_mol);
  if (p->n_steps < 1 || p->n_steps > MGE_IONEX_MAX_STEPS)
    return mge_error_set(err, MGE_E_INPUT,
                         "ion exchange: 1..%d schedule steps, got %d",
                         MGE_IONEX_MAX_STEPS, p->n_steps);
  for (int s = 0; s < p->n_steps; s++) {
    const mge_ionex_step *st = &p->step[s];
    if (!isfinite(st->T_K) || !(st->T_K > 200) || st->T_K > 2000)
      return bad(err, "step T_K", st->T_K);
    if (!isfinite(st->time_s) || !(st->time_s > 0) || st->time_s > 1e9)
      return bad(err, "step time_s", st->time_s);
    if (!isfinite(st->poison) || st->poison < 0 || st->poison >= 1)
      return bad(err, "step poison", st->poison);
  }
  if (o->n_nodes < 8 || o->n_nodes > 20000)
    return bad(err, "mesh nodes", o->n_nodes);
  if (!isfinite(o->grading) || o->grading < 0 || o->grading > 30)
    return bad(err, "mesh grading", o->grading);
  if (o->n_time < 1 || o->n_time > 100000)
    return bad(err, "time steps", o->n_time);
  if (!isfinite(o->dt_growth) || o->dt_growth < 1 || o->dt_growth > 2)
    return bad(err, "dt_growth", o->dt_growth);
  if (!isfinite(o->dol_frac) || !(o->dol_frac > 0 && o->dol_frac < 1))
    return bad(err, "dol_frac", o->dol_frac);
  if (!isfinite(o->picard_tol) || !(o->picard_tol > 0))
    return bad(err, "picard_tol", o->picard_tol);
  return MGE_OK;
}

/* Thomas algorithm: a sub, b diag, c super, d rhs -> d solution. */
static void tridiag(int n, const double *a, double *b, const double *c,
                    double *d) {
  for (int i = 1; i < n; i++) {
    double w = a[i] / b[i - 1];
    b[i] -= w * c[i - 1];
    d[i] -= w * d[i - 1];
  }
  d[n - 1] /= b[n - 1];
  for (int i = n - 2; i >= 0; i--) d[i] = (d[i] - c[i] * d[i + 1]) / b[i];
}

int mge_ionex_run(const mge_ionex_problem *p, mge_ionex_result *r,
                  mge_error *err) {
  memset(r, 0, sizeof *r);
  int rc = validate(p, err);
  if (rc) return rc;
  const mge_ionex_glass *g = &p->glass;
  const mge_ionex_opts *o = &p->opts;
  int N = o->n_nodes;
  double h = p->thickness_m / 2, beta = o->grading;
  double *z = malloc((size_t)N * sizeof *z), *w = malloc((size_t)N * sizeof *w);
  double *C = malloc((size_t)N * sizeof *C),
         *Co = malloc((size_t)N * sizeof *C);
  double *Ck = malloc((size_t)N * sizeof *C),
         *sig = malloc((size_t)N * sizeof *C);
  double *A = malloc((size_t)N * sizeof *A),
         *Bd = malloc((size_t)N * sizeof *A);
  double *Cu = malloc((size_t)N * sizeof *A),
         *Df = malloc((size_t)N * sizeof *A);
  if (!z || !w || !C || !Co || !Ck || !sig || !A || !Bd || !Cu || !Df) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto out;
  }
  for (int i = 0; i < N; i++) {
    double s = (double)i / (N - 1);
    z[i] = beta > 1e-9 ? h * (exp(beta * s) - 1) / (exp(beta) - 1) : h * s;
  }
  z[N - 1] = h;
  for (int i = 0; i < N; i++) {
    double lo = i > 0 ? 0.5 * (z[i] + z[i - 1]) : z[0];
    double hi = i < N - 1 ? 0.5 * (z[i] + z[i + 1]) : z[N - 1];
    w[i] = hi - lo;
    C[i] = g->C_init;
    sig[i] = 0;
  }
  double Emod = g->E_Pa / (1 - g->nu) * g->B;
  double flux_total = 0;
  for (int s = 0; s < p->n_steps; s++) {
    const mge_ionex_step *st = &p->step[s];
    double Di = d_in(g, st->T_K), Do = g->ratio * Di;
    double Cs = mge_ionex_surface_C(g, st->poison);
    double q = o->dt_growth, n = o->n_time;
    double dt =
        q > 1 + 1e-12 ? st->time_s * (q - 1) / (pow(q, n) - 1) : st->time_s / n;
    double tau = g->tau0_s > 0
                     ? g->tau0_s * exp(g->Q_relax_J_mol / (R_GAS * st->T_K))
                     : INFINITY;
    for (int k = 0; k < o->n_time; k++) {
      memcpy(Co, C, (size_t)N * sizeof *C);
      memcpy(Ck, C, (size_t)N * sizeof *C);
      Ck[0] = Cs;
      int it;
      for (it = 0; it < 100; it++) {
        for (int i = 0; i < N - 1; i++)
          Df[i] =
              interdiff(Di, Do, 0.5 * (Ck[i] + Ck[i + 1])) / (z[i + 1] - z[i]);
        /* row 0: Dirichlet */
        A[0] = 0, Bd[0] = 1, Cu[0] = 0;
        double *d = C;
        d[0] = Cs;
        for (int i = 1; i < N; i++) {
          double left = Df[i - 1], right = i < N - 1 ? Df[i] : 0;
          A[i] = -dt * left;
          Cu[i] = -dt * right;
          Bd[i] = w[i] + dt * (left + right);
          d[i] = w[i] * Co[i];
        }
        /* eliminate the Dirichlet row into row 1 */
        d[1] -= A[1] * Cs;
        A[1] = 0;
        tridiag(N - 1, A + 1, Bd + 1, Cu + 1, d + 1);
        double dmax = 0;
        for (int i = 0; i < N; i++) {
          double e = fabs(C[i] - Ck[i]);
          if (e > dmax) dmax = e;
        }
        memcpy(Ck, C, (size_t)N * sizeof *C);
        if (dmax < o->picard_tol) break;
      }
      if (it == 100) {
        rc = mge_error_set(err, MGE_E_CONVERGE,
                           "ion exchange: nonlinear iteration did not "
                           "converge (step %d)",
                           s + 1);
        goto out;
      }
      /* inward flux through one face over dt: the content change of the
         surface half-cell plus the flux it passes to node 1, with the face
         coefficient of the last solve (an independent check of the
         discrete mass balance) */
      flux_total += 2 * (w[0] * (C[0] - Co[0]) - dt * Df[0] * (C[1] - C[0]));
      {
        double dmean = 0;
        for (int i = 0; i < N; i++) dmean += w[i] * (C[i] - Co[i]);
        dmean /= h;
        double f = isfinite(tau) ? exp(-dt / tau) : 1.0;
        for (int i = 0; i < N; i++)
          sig[i] = f * sig[i] - Emod * ((C[i] - Co[i]) - dmean);
      }
      dt *= q;
    }
  }
  /* mirror onto the full thickness */
  int M = 2 * N - 1;
  r->z_m = malloc((size_t)M * sizeof *r->z_m);
  r->C = malloc((size_t)M * sizeof *r->C);
  r->sigma_Pa = malloc((size_t)M * sizeof *r->sigma_Pa);
  if (!r->z_m || !r->C || !r->sigma_Pa) {
    mge_ionex_result_free(r);
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto out;
  }
  r->n = M;
  for (int i = 0; i < N; i++) {
    r->z_m[i] = z[i], r->C[i] = C[i], r->sigma_Pa[i] = sig[i];
    int j = M - 1 - i;
    r->z_m[j] = p->thickness_m - z[i], r->C[j] = C[i], r->sigma_Pa[j] = sig[i];
  }
  double up = 0, wt = 0, ct = -INFINITY;
  for (int i = 0; i < N; i++) {
    up += w[i] * (C[i] - g->C_init);
    if (sig[i] > 0) wt += w[i] * sig[i] * sig[i];
    if (sig[i] > ct) ct = sig[i];
  }
  r->uptake_m = 2 * up;
  r->surface_flux_m = flux_total;
  r->CS_Pa = -sig[0];
  r->CT_Pa = ct > 0 ? ct : 0;
  r->W_tensile_J_m2 = 2 * wt * (1 - g->nu) / g->E_Pa;
  r->CT_limit_Pa = mge_ionex_ct_limit(p->thickness_m);
  r->frangible = r->CT_Pa > r->CT_limit_Pa;
  r->DOC_m = NAN;
  for (int i = 0; i < N - 1; i++)
    if (sig[i] < 0 && sig[i + 1] >= 0) {
      r->DOC_m = z[i] + (z[i + 1] - z[i]) * (-sig[i]) / (sig[i + 1] - sig[i]);
      break;
    }
  r->DOL_m = NAN;
  double c0 = C[0] - g->C_init, thr = o->dol_frac * c0;
  if (c0 > 0)
    for (int i = 0; i < N - 1; i++) {
      double a = C[i] - g->C_init, b = C[i + 1] - g->C_init;
      if (a >= thr && b < thr) {
        r->DOL_m = z[i] + (z[i + 1] - z[i]) * (a - thr) / (a - b);
        break;
      }
    }
out:
  free(z), free(w), free(C), free(Co), free(Ck), free(sig);
  free(A), free(Bd), free(Cu), free(Df);
  return rc;
}

/* ----------------------------------------------------------- calibration */

typedef struct cal_ctx {
  mge_ionex_problem base;
  const mge_ionex_measure *m;
  int n, fit_Q;
} cal_ctx;

static void cal_apply(const cal_ctx *c, const double *q, mge_ionex_glass *g) {
  g->D0_m2_s = exp(q[0]);
  g->B = q[1] / 100;
  if (c->fit_Q) g->Q_J_mol = q[2] * 1e5;
}

static int cal_resid(const double *q, double *res, double *J, void *vctx) {
  const cal_ctx *c = vctx;
  (void)J;
  mge_ionex_problem p = c->base;
  cal_apply(c, q, &p.glass);
  if (!(p.glass.Q_J_mol >= 0)) return 1;
  for (int k = 0; k < c->n; k++) {
    p.n_steps = c->m[k].n_steps;
    memcpy(p.step, c->m[k].step, sizeof p.step);
    mge_ionex_result r;
    if (mge_ionex_run(&p, &r, NULL)) return 1;
    res[2 * k] = (r.CS_Pa - c->m[k].CS_Pa) / c->m[k].CS_Pa;
    res[2 * k + 1] = (r.DOL_m - c->m[k].DOL_m) / c->m[k].DOL_m;
    int ok = isfinite(res[2 * k]) && isfinite(res[2 * k + 1]);
    mge_ionex_result_free(&r);
    if (!ok) return 1;
  }
  return 0;
}

int mge_ionex_calibrate(mge_ionex_problem *p, const mge_ionex_measure *m, int n,
                        mge_ionex_calib_info *info, mge_error *err) {
  if (n < 1 || n > 64)
    return mge_error_set(err, MGE_E_INPUT,
                         "calibration needs 1..64 measurements, got %d", n);
  double T0 = NAN;
  int two_T = 0;
  for (int k = 0; k < n; k++) {
    if (!isfinite(m[k].CS_Pa) || !(m[k].CS_Pa > 0) || !isfinite(m[k].DOL_m) ||
        !(m[k].DOL_m > 0))
      return mge_error_set(err, MGE_E_INPUT,
                           "measurement %d: CS and DOL must be > 0", k + 1);
    if (m[k].n_steps < 1 || m[k].n_steps > MGE_IONEX_MAX_STEPS)
      return mge_error_set(err, MGE_E_INPUT,
                           "measurement %d: 1..%d schedule steps", k + 1,
                           MGE_IONEX_MAX_STEPS);
    for (int s = 0; s < m[k].n_steps; s++) {
      double T = m[k].step[s].T_K;
      if (isnan(T0))
        T0 = T;
      else if (fabs(T - T0) > 0.5)
        two_T = 1;
    }
  }
  mge_ionex_problem q = *p;
  q.n_steps = m[0].n_steps;
  memcpy(q.step, m[0].step, sizeof q.step);
  int rc = validate(&q, err);
  if (rc) return rc;
  cal_ctx c = {*p, m, n, two_T};
  double par[3] = {log(p->glass.D0_m2_s), 100 * p->glass.B,
                   p->glass.Q_J_mol / 1e5};
  if (!(par[1] > 0)) par[1] = 1.0;
  int np = two_T ? 3 : 2;
  glass_lm_opts o = {.max_iter = 100,
                     .tol = 1e-12,
                     .fd_jac = 1,
                     .fd_step = 1e-6,
                     .lambda0 = 1e-2};
  double chi2, cov[9];
  int it;
  if (2 * n < np)
    return mge_error_set(err, MGE_E_INPUT, "too few measurements");
  rc = glass_lm(cal_resid, &c, 2 * n, np, par, &o, &chi2, cov, &it, err);
  if (rc) return rc;
  cal_apply(&c, par, &p->glass);
  if (info) {
    int dof = 2 * n - np;
    double s2 = dof > 0 ? chi2 / dof : NAN;
    info->iterations = it;
    info->rms_rel = sqrt(chi2 / (2 * n));
    info->fitted_Q = two_T;
    info->sd_lnD0 = sqrt(cov[0] * s2);
    info->sd_B = sqrt(cov[np + 1] * s2) / 100;
    info->sd_Q = two_T ? sqrt(cov[8] * s2) * 1e5 : NAN;
  }
  return MGE_OK;
}
