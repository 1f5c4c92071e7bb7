/* Binary T-x phase diagrams from temperature steps at many compositions:
 * every two-phase equilibrium gives a tie-line whose ends lie on the phase
 * boundaries; transitions with three phases around them are invariants. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/pool.h"
#include "thermo/thermo_internal.h"

typedef struct mjob {
  const mge_thermo_system *s;
  int axis, nx, nT;
  double T_lo, T_hi, dT;
  const mge_thermo_options *o;
  /* per composition */
  mge_thermo_tieline **tl;
  int *ntl;
  double (*inv)[MGE_THERMO_MAX_TRANS];
  char (**invt)[128];
  int *ninv;
  char (*cell)[128]; /* nx * nT */
  int *rc;
  char (*msg)[MGE_ERROR_MSG_MAX];
} mjob;

static void set_text(const mge_thermo_system *s, const int *ph, int n,
                     char *out) {
  /* sorted by phase index, repeated phases (gaps) written twice */
  int idx[MGE_THERMO_MAX_SETS * 2];
  for (int i = 0; i < n; i++) idx[i] = ph[i];
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && idx[j] < idx[j - 1]; j--) {
      int t = idx[j];
      idx[j] = idx[j - 1];
      idx[j - 1] = t;
    }
  out[0] = '\0';
  size_t k = 0;
  for (int i = 0; i < n; i++) {
    int w =
        snprintf(out + k, 128 - k, "%s%s", i ? "+" : "", s->ph[idx[i]].name);
    if (w < 0 || (size_t)w >= 128 - k) break;
    k += (size_t)w;
  }
}

static void result_text(const mge_thermo_system *s, const mge_thermo_result *r,
                        char *out) {
  int ph[MGE_THERMO_MAX_SETS];
  for (int j = 0; j < r->nphase; j++) ph[j] = r->ph[j].phase;
  set_text(s, ph, r->nphase, out);
}

static void do_comp(mjob *J, int i) {
  const mge_thermo_system *s = J->s;
  double xa = (i + 0.5) / J->nx;
  double X[2];
  X[J->axis] = xa;
  X[1 - J->axis] = 1 - xa;
  mge_thermo_step *st = NULL;
  mge_error err;
  mge_error_clear(&err);
  J->rc[i] = mge_thermo_step_T(s, X, 101325, J->T_hi, J->T_lo, J->dT, 0.01,
                               J->o, &st, &err);
  if (J->rc[i]) {
    snprintf(J->msg[i], MGE_ERROR_MSG_MAX, "%s", err.message);
    return;
  }
  J->tl[i] = malloc((size_t)st->n * sizeof **J->tl);
  J->invt[i] = calloc(MGE_THERMO_MAX_TRANS, 128);
  if (!J->tl[i] || !J->invt[i]) {
    J->rc[i] = MGE_E_NOMEM;
    snprintf(J->msg[i], MGE_ERROR_MSG_MAX, "out of memory");
    mge_thermo_step_free(st);
    return;
  }
  for (int k = 0; k < st->n && k < J->nT; k++) {
    const mge_thermo_result *r = &st->pt[k];
    result_text(s, r, J->cell[(size_t)i * J->nT + k]);
    if (r->nphase == 2) {
      mge_thermo_tieline *t = &J->tl[i][J->ntl[i]++];
      t->T_K = r->T_K;
      for (int q = 0; q < 2; q++) {
        t->phase[q] = r->ph[q].phase;
        t->x[q] = r->ph[q].x[J->axis];
      }
    }
  }
  /* invariants: two or more phases (or composition sets) changing at one
   * temperature (the bisection gives them one T), three phases counted
   * with their sets on the wider side of each (a eutectic L + a = a + b,
   * a monotectoid a' + a'' = a + b) */
  for (int t = 0; t < st->ntrans; t++) {
    double T = st->trans[t].T_K;
    int ph[2 * MGE_THERMO_MAX_SETS], n = 0, nchg = 0;
    for (int u = 0; u < st->ntrans; u++)
      if (st->trans[u].T_K == T) nchg++;
    if (nchg < 2 || (t > 0 && st->trans[t - 1].T_K == T)) continue;
    int k = 0;
    while (k + 1 < st->n && st->pt[k + 1].T_K > T) k++;
    if (k + 1 >= st->n) continue;
    /* the states just above and below T (the bisection brackets T to
     * 0.01 K), not the grid points, which may straddle other transitions */
    mge_thermo_result side[2];
    int ok = 1;
    for (int q = 0; q < 2 && ok; q++) {
      mge_thermo_conditions c = {T + (q ? -0.02 : 0.02), 101325, {0}};
      memcpy(c.X, X, sizeof X);
      ok = !mge_thermo_equilibrium_from(s, &c, J->o, &st->pt[k + q], &side[q],
                                        &err);
    }
    if (!ok) continue;
    for (int p = 0; p < s->nphase; p++) {
      int na = tm_result_sets(&side[0], p), nb = tm_result_sets(&side[1], p);
      for (int q = 0; q < (na > nb ? na : nb) && n < 2 * MGE_THERMO_MAX_SETS;
           q++)
        ph[n++] = p;
    }
    if (n != 3 || J->ninv[i] >= MGE_THERMO_MAX_TRANS) continue;
    J->inv[i][J->ninv[i]] = T;
    set_text(s, ph, n, J->invt[i][J->ninv[i]]);
    J->ninv[i]++;
  }
  mge_thermo_step_free(st);
}

static int mwork(void *ctx, size_t i, int worker) {
  (void)worker;
  do_comp(ctx, (int)i);
  return 0; /* a composition's failure is in J->rc[i] */
}

void mge_thermo_map_free(mge_thermo_map *m) {
  if (!m) return;
  free(m->tl);
  free(m->lab);
  free(m);
}

int mge_thermo_map_binary(const mge_thermo_system *s, int axis, double T_lo,
                          double T_hi, double dT, int nx, int nthreads,
                          const mge_thermo_options *opts, mge_thermo_map **out,
                          mge_error *err) {
  *out = NULL;
  if (s->ncomp != 2)
    return mge_error_set(err, MGE_E_INPUT,
                         "a binary map needs two components (got %d)",
                         s->ncomp);
  if (axis < 0 || axis > 1 || !(T_hi > T_lo) || !(T_lo > 0) || !(dT > 0) ||
      nx < 2 || nx > 2000 || nthreads < 1 || nthreads > 256 ||
      (T_hi - T_lo) / dT > 20000)
    return mge_error_set(err, MGE_E_INPUT, "bad map ranges");
  mjob J;
  memset(&J, 0, sizeof J);
  J.s = s;
  J.axis = axis;
  J.nx = nx;
  J.T_lo = T_lo;
  J.T_hi = T_hi;
  J.dT = dT;
  J.o = opts;
  J.nT = (int)floor((T_hi - T_lo) / dT + 1e-9) + 2;
  J.tl = calloc((size_t)nx, sizeof *J.tl);
  J.ntl = calloc((size_t)nx, sizeof *J.ntl);
  J.inv = calloc((size_t)nx, sizeof *J.inv);
  J.invt = calloc((size_t)nx, sizeof *J.invt);
  J.ninv = calloc((size_t)nx, sizeof *J.ninv);
  J.cell = calloc((size_t)nx * J.nT, sizeof *J.cell);
  J.rc = calloc((size_t)nx, sizeof *J.rc);
  J.msg = calloc((size_t)nx, sizeof *J.msg);
  mge_thermo_map *m = calloc(1, sizeof *m);
  int rc = 0;
  if (!J.tl || !J.ntl || !J.inv || !J.invt || !J.ninv || !J.cell || !J.rc ||
      !J.msg || !m)
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  if (!rc) {
    rc = mge_parallel_for(nthreads, (size_t)nx, mwork, &J, err);
    for (int i = 0; i < nx && !rc; i++)
      if (J.rc[i])
        rc = mge_error_set(err, J.rc[i], "map at X = %.4f: %s", (i + 0.5) / nx,
                           J.msg[i]);
  }
  if (!rc) {
    m->axis = axis;
    m->T_lo_K = T_lo;
    m->T_hi_K = T_hi;
    int tot = 0;
    for (int i = 0; i < nx; i++) tot += J.ntl[i];
    m->tl = malloc((size_t)(tot > 0 ? tot : 1) * sizeof *m->tl);
    m->lab = calloc((size_t)nx * J.nT + 1, sizeof *m->lab);
    if (!m->tl || !m->lab)
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    /* tie-lines, without repeats (one two-phase field at one T gives the
     * same tie-line at every composition inside it) */
    for (int i = 0; i < nx && !rc; i++)
      for (int k = 0; k < J.ntl[i]; k++) {
        const mge_thermo_tieline *t = &J.tl[i][k];
        int dup = 0;
        for (int q = m->n - 1; q >= 0 && q >= m->n - 4000; q--) {
          const mge_thermo_tieline *u = &m->tl[q];
          if (u->T_K == t->T_K && u->phase[0] == t->phase[0] &&
              u->phase[1] == t->phase[1] && fabs(u->x[0] - t->x[0]) < 1e-7 &&
              fabs(u->x[1] - t->x[1]) < 1e-7) {
            dup = 1;
            break;
          }
        }
        if (!dup) m->tl[m->n++] = *t;
      }
    for (int i = 0; i < nx && !rc; i++)
      for (int k = 0; k < J.ninv[i]; k++) {
        int dup = 0;
        for (int q = 0; q < m->ninv; q++)
          if (fabs(m->inv_T_K[q] - J.inv[i][k]) < 0.1 &&
              !strcmp(m->inv_text[q], J.invt[i][k]))
            dup = 1;
        if (dup || m->ninv >= MGE_THERMO_MAX_TRANS) continue;
        m->inv_T_K[m->ninv] = J.inv[i][k];
        snprintf(m->inv_text[m->ninv], 128, "%s", J.invt[i][k]);
        m->ninv++;
      }
    /* labels: the cell nearest the centroid of each phase field */
    int ncell = nx * J.nT;
    char *done = calloc((size_t)ncell, 1);
    if (!done && !rc) rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    for (int c0 = 0; c0 < ncell && !rc; c0++) {
      if (done[c0] || !J.cell[c0][0]) continue;
      double sx = 0, sT = 0;
      int cnt = 0;
      for (int c = c0; c < ncell; c++)
        if (!done[c] && !strcmp(J.cell[c], J.cell[c0])) {
          sx += (c / J.nT + 0.5) / nx;
          sT += T_hi - (c % J.nT) * dT;
          cnt++;
        }
      sx /= cnt;
      sT /= cnt;
      int best = c0;
      double bd = INFINITY;
      for (int c = c0; c < ncell; c++)
        if (!done[c] && !strcmp(J.cell[c], J.cell[c0])) {
          double x = (c / J.nT + 0.5) / nx, T = T_hi - (c % J.nT) * dT;
          double d = pow(x - sx, 2) + pow((T - sT) / (T_hi - T_lo), 2);
          if (d < bd) {
            bd = d;
            best = c;
          }
        }
      mge_thermo_map_label *L = &m->lab[m->nlab++];
      L->x = (best / J.nT + 0.5) / nx;
      L->T_K = T_hi - (best % J.nT) * dT;
      if (L->T_K < T_lo) L->T_K = T_lo;
      snprintf(L->text, sizeof L->text, "%s", J.cell[c0]);
      for (int c = c0; c < ncell; c++)
        if (!strcmp(J.cell[c], J.cell[c0])) done[c] = 1;
    }
    free(done);
  }
  for (int i = 0; i < nx; i++) {
    if (J.tl) free(J.tl[i]);
    if (J.invt) free(J.invt[i]);
  }
  free(J.tl);
  free(J.ntl);
  free(J.inv);
  free(J.invt);
  free(J.ninv);
  free(J.cell);
  free(J.rc);
  free(J.msg);
  if (rc) {
    mge_thermo_map_free(m);
    return rc;
  }
  *out = m;
  return 0;
}

/* ---------------------------------------------------- ternary sections */

typedef struct sjob {
  const mge_thermo_system *s;
  double T;
  int div, npts;
  int (*ijk)[3];
  mge_thermo_result *res;
  int *rc;
  char (*msg)[MGE_ERROR_MSG_MAX];
  const mge_thermo_options *o;
} sjob;

static int swork(void *ctx, size_t i, int worker) {
  (void)worker;
  sjob *J = ctx;
  {
    mge_thermo_conditions c;
    c.T_K = J->T;
    c.P_Pa = 101325;
    for (int q = 0; q < 3; q++) c.X[q] = (double)J->ijk[i][q] / J->div;
    mge_error err;
    mge_error_clear(&err);
    J->rc[i] = mge_thermo_equilibrium(J->s, &c, J->o, &J->res[i], &err);
    if (J->rc[i]) snprintf(J->msg[i], MGE_ERROR_MSG_MAX, "%s", err.message);
  }
  return 0; /* a point's failure is in J->rc[i] */
}

void mge_thermo_section_free(mge_thermo_section *sec) {
  if (!sec) return;
  free(sec->tie);
  free(sec->lab);
  free(sec->fail_x);
  free(sec);
}

static int same_tie(const mge_thermo_section_tie *a,
                    const mge_thermo_section_tie *b) {
  if (a->nph != b->nph) return 0;
  for (int q = 0; q < a->nph; q++) {
    if (a->phase[q] != b->phase[q]) return 0;
    for (int c = 0; c < 3; c++)
      if (fabs(a->x[q][c] - b->x[q][c]) > 1e-6) return 0;
  }
  return 1;
}

int mge_thermo_section_ternary(const mge_thermo_system *s, double T_K, int div,
                               int nthreads, const mge_thermo_options *opts,
                               mge_thermo_section **out, mge_error *err) {
  *out = NULL;
  if (s->ncomp != 3)
    return mge_error_set(err, MGE_E_INPUT,
                         "an isothermal section needs three components");
  if (!(T_K > 0) || !isfinite(T_K) || div < 3 || div > 200 || nthreads < 1 ||
      nthreads > 256)
    return mge_error_set(err, MGE_E_INPUT, "bad section parameters");
  sjob J;
  memset(&J, 0, sizeof J);
  J.s = s;
  J.T = T_K;
  J.div = div;
  J.o = opts;
  int cap = div * div;
  J.ijk = malloc((size_t)cap * sizeof *J.ijk);
  for (int i = 1; J.ijk && i < div; i++)
    for (int j = 1; i + j < div; j++) {
      J.ijk[J.npts][0] = i;
      J.ijk[J.npts][1] = j;
      J.ijk[J.npts][2] = div - i - j;
      J.npts++;
    }
  J.res = malloc((size_t)cap * sizeof *J.res);
  J.rc = calloc((size_t)cap, sizeof *J.rc);
  J.msg = calloc((size_t)cap, sizeof *J.msg);
  mge_thermo_section *sec = calloc(1, sizeof *sec);
  int rc = 0;
  if (!J.ijk || !J.res || !J.rc || !J.msg || !sec)
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  if (!rc) {
    rc = mge_parallel_for(nthreads, (size_t)J.npts, swork, &J, err);
    for (int i = 0; i < J.npts && !rc; i++)
      if (J.rc[i] && J.rc[i] != MGE_E_CONVERGE)
        rc = mge_error_set(err, J.rc[i], "section: %s", J.msg[i]);
    sec->fail_x = malloc((size_t)(J.npts + 1) * sizeof *sec->fail_x);
    if (!rc && !sec->fail_x)
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    for (int i = 0; i < J.npts && !rc; i++)
      if (J.rc[i]) {
        for (int q = 0; q < 3; q++)
          sec->fail_x[sec->nfail][q] = (double)J.ijk[i][q] / div;
        sec->nfail++;
      }
  }
  if (!rc) {
    sec->T_K = T_K;
    sec->tie = malloc((size_t)(J.npts + 1) * sizeof *sec->tie);
    sec->lab = calloc((size_t)J.npts + 1, sizeof *sec->lab);
    if (!sec->tie || !sec->lab)
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    char(*text)[128] = rc ? NULL : calloc((size_t)J.npts + 1, 128);
    if (!rc && !text) rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    for (int i = 0; i < J.npts && !rc; i++) {
      const mge_thermo_result *r = &J.res[i];
      if (J.rc[i]) {
        snprintf(text[i], 128, "?");
        continue;
      }
      result_text(s, r, text[i]);
      if (r->nphase < 2 || r->nphase > 3) continue;
      mge_thermo_section_tie t;
      memset(&t, 0, sizeof t);
      t.nph = r->nphase;
      /* phases in index order so that repeats compare equal */
      int ord[3] = {0, 1, 2};
      for (int a = 1; a < t.nph; a++)
        for (int b = a; b > 0 && r->ph[ord[b]].phase < r->ph[ord[b - 1]].phase;
             b--) {
          int tmp = ord[b];
          ord[b] = ord[b - 1];
          ord[b - 1] = tmp;
        }
      for (int q = 0; q < t.nph; q++) {
        t.phase[q] = r->ph[ord[q]].phase;
        for (int c = 0; c < 3; c++) t.x[q][c] = r->ph[ord[q]].x[c];
      }
      int dup = 0;
      for (int k = 0; k < sec->n && !dup; k++) dup = same_tie(&sec->tie[k], &t);
      if (!dup) sec->tie[sec->n++] = t;
    }
    /* labels at the grid point nearest each field's centroid */
    char *done = rc ? NULL : calloc((size_t)J.npts + 1, 1);
    if (!rc && !done) rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    for (int i = 0; i < J.npts && !rc; i++) {
      if (done[i] || J.rc[i]) continue;
      double c1 = 0, c2 = 0;
      int cnt = 0;
      for (int k = i; k < J.npts; k++)
        if (!done[k] && !strcmp(text[k], text[i])) {
          c1 += J.ijk[k][1];
          c2 += J.ijk[k][2];
          cnt++;
        }
      c1 /= cnt;
      c2 /= cnt;
      int best = i;
      double bd = INFINITY;
      for (int k = i; k < J.npts; k++)
        if (!done[k] && !strcmp(text[k], text[i])) {
          double d = pow(J.ijk[k][1] - c1, 2) + pow(J.ijk[k][2] - c2, 2);
          if (d < bd) {
            bd = d;
            best = k;
          }
        }
      mge_thermo_map_label *L = &sec->lab[sec->nlab++];
      L->x = (double)J.ijk[best][1] / div;
      L->T_K = (double)J.ijk[best][2] / div;
      snprintf(L->text, sizeof L->text, "%s", text[i]);
      for (int k = i; k < J.npts; k++)
        if (!strcmp(text[k], text[i])) done[k] = 1;
    }
    free(done);
    free(text);
  }
  free(J.ijk);
  free(J.res);
  free(J.rc);
  free(J.msg);
  if (rc) {
    mge_thermo_section_free(sec);
    return rc;
  }
  *out = sec;
  return 0;
}
