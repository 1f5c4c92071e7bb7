/* Piecewise polynomials in T (and P): the compiled form of every TDB
 * expression. Terms are c * T^a * ln(T)^b * P^d * ln(P)^e with integer
 * exponents; sums, products, integer powers and ln of a monomial are
 * closed in this form, which covers the TDB expressions in use. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "thermo/pw_internal.h"

void tm_poly_free(tm_poly *p) {
  free(p->t);
  p->t = NULL;
  p->n = p->cap = 0;
}

static int same_mono(const tm_term *a, const tm_term *b) {
  return a->tp == b->tp && a->lnt == b->lnt && a->pp == b->pp &&
         a->lnp == b->lnp;
}

int tm_poly_add_term(tm_poly *p, tm_term t) {
  if (t.c == 0) return 0;
  for (int i = 0; i < p->n; i++)
    if (same_mono(&p->t[i], &t)) {
      p->t[i].c += t.c;
      return 0;
    }
  if (p->n == p->cap) {
    int nc = p->cap ? 2 * p->cap : 4;
    if (nc > 4096) return -1;
    tm_term *nt = realloc(p->t, (size_t)nc * sizeof *nt);
    if (!nt) return -1;
    p->t = nt;
    p->cap = nc;
  }
  p->t[p->n++] = t;
  return 0;
}

int tm_poly_copy(tm_poly *dst, const tm_poly *src) {
  memset(dst, 0, sizeof *dst);
  for (int i = 0; i < src->n; i++)
    if (tm_poly_add_term(dst, src->t[i])) return -1;
  return 0;
}

/* dst = a + s * b */
int tm_poly_axpy(tm_poly *dst, const tm_poly *a, double s, const tm_poly *b) {
  memset(dst, 0, sizeof *dst);
  for (int i = 0; i < a->n; i++)
    if (tm_poly_add_term(dst, a->t[i])) return -1;
  for (int i = 0; i < b->n; i++) {
    tm_term t = b->t[i];
    t.c *= s;
    if (tm_poly_add_term(dst, t)) return -1;
  }
  return 0;
}

static int add_exp(signed char *r, int a, int b) {
  int v = a + b;
  if (v > 100 || v < -100) return -1;
  *r = (signed char)v;
  return 0;
}

int tm_poly_mul(tm_poly *dst, const tm_poly *a, const tm_poly *b) {
  memset(dst, 0, sizeof *dst);
  for (int i = 0; i < a->n; i++)
    for (int j = 0; j < b->n; j++) {
      tm_term t;
      t.c = a->t[i].c * b->t[j].c;
      if (add_exp(&t.tp, a->t[i].tp, b->t[j].tp) ||
          add_exp(&t.lnt, a->t[i].lnt, b->t[j].lnt) ||
          add_exp(&t.pp, a->t[i].pp, b->t[j].pp) ||
          add_exp(&t.lnp, a->t[i].lnp, b->t[j].lnp) ||
          tm_poly_add_term(dst, t)) {
        tm_poly_free(dst);
        return -1;
      }
    }
  return 0;
}

void tm_pw_free(tm_pw *p) {
  if (!p) return;
  for (int i = 0; i < p->nseg; i++) tm_poly_free(&p->seg[i]);
  free(p->seg);
  free(p->bp);
  memset(p, 0, sizeof *p);
}

int tm_pw_const(tm_pw *p, double c) {
  memset(p, 0, sizeof *p);
  p->seg = calloc(1, sizeof *p->seg);
  if (!p->seg) return -1;
  p->nseg = 1;
  p->tlo = 0;
  p->thi = INFINITY;
  tm_term t = {c, 0, 0, 0, 0};
  return tm_poly_add_term(&p->seg[0], t);
}

int tm_pw_from_poly(tm_pw *p, tm_poly *poly) {
  memset(p, 0, sizeof *p);
  p->seg = malloc(sizeof *p->seg);
  if (!p->seg) return -1;
  p->nseg = 1;
  p->seg[0] = *poly;
  memset(poly, 0, sizeof *poly);
  p->tlo = 0;
  p->thi = INFINITY;
  return 0;
}

static int seg_index(const tm_pw *p, double T) {
  int i = 0;
  while (i < p->nseg - 1 && T >= p->bp[i]) i++;
  return i;
}

/* Combine a and b segment-wise with op (0 add with scale s, 1 multiply). */
int tm_pw_combine(tm_pw *dst, const tm_pw *a, const tm_pw *b, int op,
                  double s) {
  memset(dst, 0, sizeof *dst);
  int nb = (a->nseg - 1) + (b->nseg - 1);
  double *bp = malloc((size_t)(nb > 0 ? nb : 1) * sizeof *bp);
  if (!bp) return -1;
  int n = 0, i = 0, j = 0;
  while (i < a->nseg - 1 || j < b->nseg - 1) {
    double v;
    if (j >= b->nseg - 1 || (i < a->nseg - 1 && a->bp[i] <= b->bp[j]))
      v = a->bp[i++];
    else
      v = b->bp[j++];
    if (n == 0 || v > bp[n - 1]) bp[n++] = v;
  }
  dst->nseg = n + 1;
  dst->bp = bp;
  dst->seg = calloc((size_t)dst->nseg, sizeof *dst->seg);
  if (!dst->seg) {
    tm_pw_free(dst);
    return -1;
  }
  for (int k = 0; k < dst->nseg; k++) {
    double mid;
    if (n == 0)
      mid = 1000;
    else if (k == 0)
      mid = bp[0] - 1;
    else if (k == n)
      mid = bp[n - 1] + 1;
    else
      mid = 0.5 * (bp[k - 1] + bp[k]);
    const tm_poly *pa = &a->seg[seg_index(a, mid)];
    const tm_poly *pb = &b->seg[seg_index(b, mid)];
    int rc = op == 0 ? tm_poly_axpy(&dst->seg[k], pa, s, pb)
                     : tm_poly_mul(&dst->seg[k], pa, pb);
    if (rc) {
      tm_pw_free(dst);
      return -1;
    }
  }
  dst->tlo = a->tlo > b->tlo ? a->tlo : b->tlo;
  dst->thi = a->thi < b->thi ? a->thi : b->thi;
  return 0;
}

int tm_pw_copy(tm_pw *dst, const tm_pw *src) {
  memset(dst, 0, sizeof *dst);
  dst->nseg = src->nseg;
  dst->tlo = src->tlo;
  dst->thi = src->thi;
  dst->seg = calloc((size_t)src->nseg, sizeof *dst->seg);
  dst->bp =
      malloc((size_t)(src->nseg > 1 ? src->nseg - 1 : 1) * sizeof *dst->bp);
  if (!dst->seg || !dst->bp) {
    tm_pw_free(dst);
    return -1;
  }
  for (int i = 0; i < src->nseg - 1; i++) dst->bp[i] = src->bp[i];
  for (int i = 0; i < src->nseg; i++)
    if (tm_poly_copy(&dst->seg[i], &src->seg[i])) {
      tm_pw_free(dst);
      return -1;
    }
  return 0;
}

void tm_pw_scale(tm_pw *p, double s) {
  for (int i = 0; i < p->nseg; i++)
    for (int j = 0; j < p->seg[i].n; j++) p->seg[i].t[j].c *= s;
}

static double ipow(double x, int n) {
  if (n == 0) return 1;
  if (n < 0) return 1.0 / ipow(x, -n);
  double r = 1;
  while (n) {
    if (n & 1) r *= x;
    x *= x;
    n >>= 1;
  }
  return r;
}

void tm_pw_eval(const tm_pw *p, double T, double P, double *v, double *dv,
                double *d2v) {
  tm_pw_eval_log(p, T, P, log(T), log(P), v, dv, d2v);
}

void tm_pw_eval_log(const tm_pw *p, double T, double P, double L, double LP,
                    double *v, double *dv, double *d2v) {
  const tm_poly *q = &p->seg[seg_index(p, T)];
  double s0 = 0, s1 = 0, s2 = 0;
  for (int i = 0; i < q->n; i++) {
    const tm_term *t = &q->t[i];
    double pf = t->c * ipow(P, t->pp) * ipow(LP, t->lnp);
    int a = t->tp, b = t->lnt;
    double Ta = ipow(T, a);
    double Lb = ipow(L, b), Lb1 = b >= 1 ? ipow(L, b - 1) : 0,
           Lb2 = b >= 2 ? ipow(L, b - 2) : 0;
    s0 += pf * Ta * Lb;
    s1 += pf * (Ta / T) * (a * Lb + b * Lb1);
    s2 += pf * (Ta / (T * T)) *
          ((double)a * (a - 1) * Lb + (double)b * (2 * a - 1) * Lb1 +
           (double)b * (b - 1) * Lb2);
  }
  *v = s0;
  if (dv) *dv = s1;
  if (d2v) *d2v = s2;
}

int tm_pw_depends_T(const tm_pw *p) {
  for (int i = 0; i < p->nseg; i++)
    for (int j = 0; j < p->seg[i].n; j++) {
      const tm_term *t = &p->seg[i].t[j];
      if (t->tp || t->lnt || t->pp || t->lnp) return 1;
    }
  return 0;
}
