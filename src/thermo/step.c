/* Temperature steps with located transitions, and Scheil-Gulliver
 * solidification (Scheil, Z. Metallkd. 34 (1942) 70; Gulliver, J. Inst.
 * Met. 9 (1913) 120), both built on warm-started equilibria. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "thermo/thermo_internal.h"

int mge_thermo_system_liquid(const mge_thermo_system *s) {
  for (int i = 0; i < s->nphase; i++)
    if (!strcmp(s->ph[i].name, "LIQUID")) return i;
  for (int i = 0; i < s->nphase; i++)
    if (!strncmp(s->ph[i].name, "LIQ", 3)) return i;
  return -1;
}

int tm_result_sets(const mge_thermo_result *r, int p) {
  int n = 0;
  for (int j = 0; j < r->nphase; j++)
    if (r->ph[j].phase == p && r->ph[j].amount > 0) n++;
  return n;
}

static int has_phase(const mge_thermo_result *r, int p) {
  return tm_result_sets(r, p) > 0;
}

/* The same phases with the same number of composition sets */
static int same_set(const mge_thermo_system *s, const mge_thermo_result *a,
                    const mge_thermo_result *b) {
  for (int p = 0; p < s->nphase; p++)
    if (tm_result_sets(a, p) != tm_result_sets(b, p)) return 0;
  return 1;
}

static int only_liquid(const mge_thermo_result *r, int liq) {
  if (liq < 0 || !has_phase(r, liq)) return 0;
  for (int j = 0; j < r->nphase; j++)
    if (r->ph[j].phase != liq) return 0;
  return 1;
}

static int eq_at(const mge_thermo_system *s, const double *X, double P,
                 double T, const mge_thermo_options *o,
                 const mge_thermo_result *start, mge_thermo_result *r,
                 mge_error *err) {
  mge_thermo_conditions c;
  c.T_K = T;
  c.P_Pa = P;
  memcpy(c.X, X, sizeof(double) * s->ncomp);
  if (start) return mge_thermo_equilibrium_from(s, &c, o, start, r, err);
  return mge_thermo_equilibrium(s, &c, o, r, err);
}

typedef struct stepctx {
  mge_thermo_step *st;
  int liq;
  int down; /* stepping towards lower T */
} stepctx;

static void record(const mge_thermo_system *s, stepctx *k,
                   const mge_thermo_result *a, const mge_thermo_result *b) {
  mge_thermo_step *st = k->st;
  double T = 0.5 * (a->T_K + b->T_K);
  /* hi: the state above T, lo: below */
  const mge_thermo_result *hi = a->T_K > b->T_K ? a : b;
  const mge_thermo_result *lo = a->T_K > b->T_K ? b : a;
  for (int p = 0; p < s->nphase; p++) {
    /* a phase, or one more composition set of it (a gap opening) */
    int h = tm_result_sets(hi, p), l = tm_result_sets(lo, p);
    if (h == l || st->ntrans >= MGE_THERMO_MAX_TRANS) continue;
    mge_thermo_transition *t = &st->trans[st->ntrans++];
    t->T_K = T;
    t->phase = p;
    t->kind = l > h ? MGE_THERMO_APPEARS : MGE_THERMO_DISAPPEARS;
    t->sets_above = h;
    t->sets_below = l;
  }
  if (k->liq >= 0) {
    if (only_liquid(hi, k->liq) && has_phase(lo, k->liq) &&
        (isnan(st->liquidus_K) || T > st->liquidus_K))
      st->liquidus_K = T;
    if (!only_liquid(hi, k->liq) && has_phase(hi, k->liq) &&
        !has_phase(lo, k->liq) && (isnan(st->solidus_K) || T < st->solidus_K))
      st->solidus_K = T;
    /* straight from liquid to solid (congruent melting) */
    if (only_liquid(hi, k->liq) && !has_phase(lo, k->liq)) {
      if (isnan(st->liquidus_K) || T > st->liquidus_K) st->liquidus_K = T;
      if (isnan(st->solidus_K) || T < st->solidus_K) st->solidus_K = T;
    }
  }
}

/* Locate every change of phase set between a (converged at Ta) and b. */
static int locate(const mge_thermo_system *s, stepctx *k, const double *X,
                  double P, double tol, const mge_thermo_options *o,
                  const mge_thermo_result *a0, const mge_thermo_result *b,
                  mge_error *err) {
  mge_thermo_result *w = malloc(3 * sizeof *w);
  if (!w) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  mge_thermo_result *a = &w[0], *m = &w[1], *hb = &w[2];
  *a = *a0;
  int guard = 0;
  while (!same_set(s, a, b) && guard++ < 32) {
    *hb = *b;
    while (fabs(a->T_K - hb->T_K) > tol) {
      double Tm = 0.5 * (a->T_K + hb->T_K);
      int rc = eq_at(s, X, P, Tm, o, a, m, err);
      if (rc) {
        free(w);
        return rc;
      }
      if (same_set(s, m, a))
        *a = *m;
      else
        *hb = *m;
    }
    record(s, k, a, hb);
    *a = *hb;
  }
  free(w);
  return 0;
}

int mge_thermo_step_T(const mge_thermo_system *s, const double *X, double P_Pa,
                      double T_from, double T_to, double dT, double tol_T_K,
                      const mge_thermo_options *opts, mge_thermo_step **out,
                      mge_error *err) {
  *out = NULL;
  if (!(dT > 0) || !(tol_T_K > 0) || !isfinite(T_from) || !isfinite(T_to))
    return mge_error_set(err, MGE_E_INPUT,
                         "step needs finite temperatures and dT, tol > 0");
  double span = fabs(T_to - T_from);
  if (span / dT > 100000)
    return mge_error_set(err, MGE_E_LIMIT, "more than 100000 step points");
  int n = (int)floor(span / dT + 1e-9) + 1;
  if (fabs((n - 1) * dT - span) > 1e-9) n++;
  mge_thermo_step *st = calloc(1, sizeof *st);
  if (!st) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  st->pt = malloc((size_t)n * sizeof *st->pt);
  if (!st->pt) {
    free(st);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  st->liquidus_K = st->solidus_K = NAN;
  stepctx k = {st, mge_thermo_system_liquid(s), T_to < T_from};
  double sign = T_to < T_from ? -1 : 1;
  int rc = 0;
  for (int i = 0; i < n && !rc; i++) {
    double T = i == n - 1 ? T_to : T_from + sign * dT * i;
    rc = eq_at(s, X, P_Pa, T, opts, i ? &st->pt[i - 1] : NULL, &st->pt[i], err);
    if (rc && i) /* warm start failed: the global start already ran */
      break;
    st->n = i + 1;
    if (!rc && i && !same_set(s, &st->pt[i - 1], &st->pt[i]))
      rc = locate(s, &k, X, P_Pa, tol_T_K, opts, &st->pt[i - 1], &st->pt[i],
                  err);
  }
  if (rc) {
    mge_thermo_step_free(st);
    return rc;
  }
  /* transitions in T order, high to low */
  for (int i = 1; i < st->ntrans; i++)
    for (int j = i; j > 0 && st->trans[j].T_K > st->trans[j - 1].T_K; j--) {
      mge_thermo_transition t = st->trans[j];
      st->trans[j] = st->trans[j - 1];
      st->trans[j - 1] = t;
    }
  *out = st;
  return 0;
}

void mge_thermo_step_free(mge_thermo_step *st) {
  if (!st) return;
  free(st->pt);
  free(st);
}

double mge_thermo_result_phase_amount(const mge_thermo_result *r, int phase) {
  double f = 0;
  for (int j = 0; j < r->nphase; j++)
    if (r->ph[j].phase == phase) f += r->ph[j].amount;
  return f;
}

/* ----------------------------------------------------------------- Scheil */

static double liquid_amount(const mge_thermo_result *r, int liq, double *xl) {
  double f = 0;
  for (int j = 0; j < r->nphase; j++)
    if (r->ph[j].phase == liq) {
      f += r->ph[j].amount;
      if (xl) memcpy(xl, r->ph[j].x, sizeof(double) * r->ncomp);
    }
  return f;
}

static int sc_push(mge_thermo_scheil *sc, int *cap, double T, double fs,
                   const double *xl) {
  if (sc->n == *cap) {
    int nc = *cap ? 2 * *cap : 256;
    double *a = realloc(sc->T_K, (size_t)nc * sizeof *a);
    if (!a) return -1;
    sc->T_K = a;
    a = realloc(sc->f_solid, (size_t)nc * sizeof *a);
    if (!a) return -1;
    sc->f_solid = a;
    a = realloc(sc->x_liquid, (size_t)nc * sc->ncomp * sizeof *a);
    if (!a) return -1;
    sc->x_liquid = a;
    a = realloc(sc->phase_amount,
                (size_t)nc * MGE_THERMO_SCHEIL_MAXPH * sizeof *a);
    if (!a) return -1;
    sc->phase_amount = a;
    *cap = nc;
  }
  sc->T_K[sc->n] = T;
  sc->f_solid[sc->n] = fs;
  memcpy(sc->x_liquid + (size_t)sc->n * sc->ncomp, xl,
         sizeof(double) * sc->ncomp);
  memcpy(sc->phase_amount + (size_t)sc->n * MGE_THERMO_SCHEIL_MAXPH, sc->amount,
         sizeof sc->amount);
  sc->n++;
  return 0;
}

static int seq_index(const mge_thermo_scheil *sc, int p) {
  for (int i = 0; i < sc->nseq; i++)
    if (sc->seq_phase[i] == p) return i;
  return -1;
}

/* Adds the solids of r (scaled by the liquid left, scale) to the phases of
 * the sequence they belong to (registered before). */
static void add_solids(mge_thermo_scheil *sc, const mge_thermo_result *r,
                       int liq, double scale, double T) {
  for (int j = 0; j < r->nphase; j++) {
    int p = r->ph[j].phase, q = seq_index(sc, p);
    if (p == liq || !(r->ph[j].amount > 0) || q < 0) continue;
    sc->amount[q] += scale * r->ph[j].amount;
    if (T < sc->seq_last_K[q]) sc->seq_last_K[q] = T;
  }
}

/* An equilibrium from the warm start, then, if that does not converge,
 * from scratch. */
static int eq_retry(const mge_thermo_system *s, const double *X, double P,
                    double T, const mge_thermo_options *o,
                    const mge_thermo_result *start, mge_thermo_result *r,
                    mge_error *err) {
  int rc = eq_at(s, X, P, T, o, start, r, err);
  if (rc == MGE_E_CONVERGE && start) rc = eq_at(s, X, P, T, o, NULL, r, err);
  return rc;
}

/* Bisects [b, a] (a the upper temperature) to 0.01 K on test(r, p): where
 * it gives `above`, the point is on a's side. A midpoint that does not
 * converge is replaced by points 0.3 and 0.7 of the way (any point inside
 * the bracket narrows it). *at_a, if given, gets the state at the final a
 * (left alone if a never moves). */
static int bisect_T(const mge_thermo_system *s, const double *X, double P,
                    const mge_thermo_options *o, const mge_thermo_result *start,
                    int (*test)(const mge_thermo_result *, int), int p,
                    int above, double *a, double *b, mge_thermo_result *mid,
                    mge_thermo_result *at_a, mge_error *err) {
  static const double f[3] = {0.5, 0.3, 0.7};
  while (*a - *b > 0.01) {
    double m = 0;
    int rc = MGE_E_CONVERGE;
    for (int i = 0; i < 3 && rc == MGE_E_CONVERGE; i++) {
      m = *b + f[i] * (*a - *b);
      rc = eq_retry(s, X, P, m, o, start, mid, err);
    }
    if (rc) return rc;
    if (!test(mid, p) == !above) {
      *a = m;
      if (at_a) *at_a = *mid;
    } else {
      *b = m;
    }
  }
  return 0;
}

/* T_start is not fully liquid: search upwards for a fully liquid state
 * (doubling steps from 25 K, up to 6000 K), then bisect the liquidus to
 * 0.01 K. On return *liquid holds the fully liquid state at *T_liquid. */
static int find_liquidus(const mge_thermo_system *s, const double *X, double P,
                         double T_start, int liq, const mge_thermo_options *o,
                         mge_thermo_result *liquid, mge_thermo_result *mid,
                         double *T_liquid, double *liquidus, mge_error *err) {
  double lo = T_start, hi = T_start, step = 25;
  for (;;) {
    hi = lo + step;
    if (hi > 6000)
      return mge_error_set(err, MGE_E_RANGE,
                           "not fully liquid anywhere from %g K to 6000 K",
                           T_start);
    int rc = eq_at(s, X, P, hi, o, NULL, liquid, err);
    if (rc) return rc;
    if (only_liquid(liquid, liq)) break;
    lo = hi;
    step *= 2;
  }
  int rc = bisect_T(s, X, P, o, NULL, only_liquid, liq, 1, &hi, &lo, mid,
                    liquid, err);
  if (rc) return rc;
  *T_liquid = hi;
  *liquidus = 0.5 * (lo + hi);
  return 0;
}

int mge_thermo_scheil_run(const mge_thermo_system *s, const double *X,
                          double P_Pa, double T_start, double dT,
                          double f_liquid_end, const mge_thermo_options *opts,
                          mge_thermo_scheil **out, mge_error *err) {
  *out = NULL;
  int liq = mge_thermo_system_liquid(s);
  if (liq < 0)
    return mge_error_set(err, MGE_E_INPUT, "the system has no liquid phase");
  if (!(dT > 0) || !(T_start > dT) || !isfinite(T_start) ||
      !(f_liquid_end > 0 && f_liquid_end < 1))
    return mge_error_set(err, MGE_E_INPUT,
                         "Scheil needs T_start > dT > 0 and 0 < f_end < 1");
  mge_thermo_scheil *sc = calloc(1, sizeof *sc);
  mge_thermo_result *r = malloc(3 * sizeof *r);
  if (!sc || !r) {
    free(sc);
    free(r);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  mge_thermo_result *prev = &r[0], *cur = &r[1], *mid = &r[2];
  sc->ncomp = s->ncomp;
  sc->liquidus_K = sc->end_K = NAN;
  int cap = 0, rc;
  double xl[MGE_THERMO_MAX_COMP];
  memcpy(xl, X, sizeof(double) * s->ncomp);
  rc = eq_at(s, xl, P_Pa, T_start, opts, NULL, prev, err);
  if (!rc && !only_liquid(prev, liq))
    rc = find_liquidus(s, xl, P_Pa, T_start, liq, opts, prev, mid, &T_start,
                       &sc->liquidus_K, err);
  sc->start_K = T_start;
  if (!rc && sc_push(sc, &cap, T_start, 0, xl))
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  double fL = 1, T = T_start;
  int nstep = 0;
  while (!rc) {
    if (++nstep > 200000 || T - dT <= 1) {
      rc = mge_error_set(err, MGE_E_CONVERGE, "Scheil did not end above %g K",
                         T - dT);
      break;
    }
    /* a point that does not converge is retried at shorter steps (the run
     * goes on from there); no point is ever taken unconverged */
    double Tn = T - dT;
    rc = eq_retry(s, xl, P_Pa, Tn, opts, prev, cur, err);
    for (double h = 0.5; rc == MGE_E_CONVERGE && h > 0.1; h *= 0.5) {
      Tn = T - h * dT;
      rc = eq_retry(s, xl, P_Pa, Tn, opts, prev, cur, err);
    }
    if (rc) break;
    if (isnan(sc->liquidus_K) && !only_liquid(cur, liq)) {
      /* locate the first solid to 0.01 K */
      double a = T, b = Tn;
      rc = bisect_T(s, xl, P_Pa, opts, prev, only_liquid, liq, 1, &a, &b, mid,
                    NULL, err);
      if (rc) break;
      sc->liquidus_K = 0.5 * (a + b);
    }
    /* where each solid phase new to the sequence appears, to 0.01 K (the
     * first one at the liquidus) */
    for (int j = 0; j < cur->nphase && !rc; j++) {
      int p = cur->ph[j].phase;
      if (p == liq || !(cur->ph[j].amount > 0) || seq_index(sc, p) >= 0 ||
          sc->nseq >= MGE_THERMO_SCHEIL_MAXPH)
        continue;
      double a = T, b = Tn;
      if (sc->nseq == 0 && has_phase(cur, liq)) a = b = sc->liquidus_K;
      rc = bisect_T(s, xl, P_Pa, opts, prev, has_phase, p, 0, &a, &b, mid, NULL,
                    err);
      if (rc) break;
      int q = sc->nseq++;
      sc->seq_phase[q] = p;
      sc->seq_T_K[q] = 0.5 * (a + b);
      sc->seq_last_K[q] = sc->seq_T_K[q];
      sc->amount[q] = 0;
    }
    if (rc) break;
    double fl = liquid_amount(cur, liq, NULL);
    if (fl > 1) fl = 1; /* rounding in a liquid-only result */
    if (!has_phase(cur, liq)) {
      /* the remaining liquid is no longer stable: find where, and let it
       * solidify there (the eutectic end) */
      double a = T, b = Tn;
      rc = bisect_T(s, xl, P_Pa, opts, prev, has_phase, liq, 1, &a, &b, mid,
                    NULL, err);
      if (rc) break;
      sc->end_K = 0.5 * (a + b);
      add_solids(sc, cur, liq, fL, sc->end_K);
      if (sc_push(sc, &cap, sc->end_K, 1, xl))
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      sc->end_reason = MGE_THERMO_SCHEIL_EUTECTIC;
      sc->ended = 1;
      break;
    }
    add_solids(sc, cur, liq, fL, Tn);
    fL *= fl;
    liquid_amount(cur, liq, xl);
    /* renormalise: the liquid composition is the next overall one */
    double sum = 0;
    for (int c = 0; c < s->ncomp; c++) {
      /* a component the solids have taken (below 1e-12 of the liquid's
       * atoms) is used up: the liquid goes on without it */
      if (!(xl[c] > 1e-12)) xl[c] = 0;
      sum += xl[c];
    }
    for (int c = 0; c < s->ncomp; c++) xl[c] /= sum;
    T = Tn;
    if (sc_push(sc, &cap, T, 1 - fL, xl)) {
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      break;
    }
    if (fL < f_liquid_end) {
      sc->end_K = T;
      sc->end_reason = MGE_THERMO_SCHEIL_FRACTION;
      sc->ended = 1;
      break;
    }
    /* the warm start for the next point: the liquid alone */
    *prev = *cur;
    prev->nphase = 0;
    for (int j = 0; j < cur->nphase; j++)
      if (cur->ph[j].phase == liq) {
        prev->ph[0] = cur->ph[j];
        prev->ph[0].n_fu /= fl;
        prev->ph[0].amount = 1;
        prev->nphase = 1;
      }
    for (int j = 0; j < cur->nphase; j++)
      if (cur->ph[j].phase != liq && prev->nphase < MGE_THERMO_MAX_SETS) {
        prev->ph[prev->nphase] = cur->ph[j];
        prev->ph[prev->nphase].n_fu = 0;
        prev->nphase++;
      }
  }
  free(r);
  if (rc) {
    mge_thermo_scheil_free(sc);
    return rc;
  }
  *out = sc;
  return 0;
}

void mge_thermo_scheil_free(mge_thermo_scheil *sc) {
  if (!sc) return;
  free(sc->T_K);
  free(sc->f_solid);
  free(sc->x_liquid);
  free(sc->phase_amount);
  free(sc);
}

int mge_thermo_solidification(const mge_thermo_system *s, const double *X,
                              double P_Pa, double T_hi, double T_lo, double dT,
                              double tol_T_K, const mge_thermo_options *opts,
                              double *liquidus_K, double *solidus_K,
                              mge_error *err) {
  *liquidus_K = *solidus_K = NAN;
  int liq = mge_thermo_system_liquid(s);
  if (liq < 0)
    return mge_error_set(err, MGE_E_INPUT, "the system has no liquid phase");
  if (!(dT > 0) || !(tol_T_K > 0) || !(T_hi > T_lo) || !(T_lo > 0))
    return mge_error_set(err, MGE_E_INPUT,
                         "need T_hi > T_lo > 0 and dT, tol > 0");
  mge_thermo_result *r = malloc(2 * sizeof *r);
  if (!r) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  mge_thermo_step st;
  memset(&st, 0, sizeof st);
  st.liquidus_K = st.solidus_K = NAN;
  stepctx k = {&st, liq, 1};
  mge_thermo_result *prev = &r[0], *cur = &r[1];
  int rc = eq_at(s, X, P_Pa, T_hi, opts, NULL, prev, err);
  if (!rc && !only_liquid(prev, liq))
    rc = mge_error_set(err, MGE_E_RANGE, "not fully liquid at %g K", T_hi);
  for (double T = T_hi - dT; !rc; T -= dT) {
    if (T < T_lo) T = T_lo;
    rc = eq_at(s, X, P_Pa, T, opts, prev, cur, err);
    if (rc) break;
    if (!same_set(s, prev, cur))
      rc = locate(s, &k, X, P_Pa, tol_T_K, opts, prev, cur, err);
    if (rc || !has_phase(cur, liq) || T <= T_lo) break;
    mge_thermo_result *t = prev;
    prev = cur;
    cur = t;
  }
  free(r);
  *liquidus_K = st.liquidus_K;
  *solidus_K = st.solidus_K;
  return rc;
}
