/* Compositions: conversions between bases, normalization, molar mass and
 * formatting. The parser lives in parse.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chem/comp_internal.h"
#include "mge/chem.h"

static double weight(int Z) {
  const mge_element *e = mge_element_by_Z(Z);
  return e ? e->atomic_weight : NAN;
}

double mge_comp_molar_mass(const mge_comp *c) {
  if (!c || c->n < 1) return NAN;
  double m = 0.0;
  for (int i = 0; i < c->n; i++) m += c->x[i] * weight(c->Z[i]);
  return m;
}

double mge_comp_formula_mass(const mge_comp *c) {
  if (!c) return NAN;
  return mge_comp_molar_mass(c) * c->natoms;
}

void mge_comp_mass_fractions(const mge_comp *c, double *w) {
  if (!c || !w) return;
  double m = mge_comp_molar_mass(c);
  for (int i = 0; i < c->n; i++) w[i] = c->x[i] * weight(c->Z[i]) / m;
}

int mge_normalize(double *a, int n, double tol, mge_error *err) {
  if (!a || n < 1)
    return mge_error_set(err, MGE_E_INPUT, "nothing to normalize");
  double s = 0.0;
  for (int i = 0; i < n; i++) {
    if (!isfinite(a[i]) || a[i] < 0.0)
      return mge_error_set(err, MGE_E_INPUT,
                           "amount %d is %g: amounts must be finite and >= 0",
                           i + 1, a[i]);
    s += a[i];
  }
  if (!(s > 0.0) || !isfinite(s))
    return mge_error_set(err, MGE_E_INPUT, "amounts sum to %g", s);
  if (tol >= 0.0 && fabs(s - 1.0) > tol)
    return mge_error_set(err, MGE_E_INPUT,
                         "amounts sum to %.10g, not 1 within %g", s, tol);
  for (int i = 0; i < n; i++) a[i] /= s;
  return MGE_OK;
}

int mge__comp_from_moles(const int *Z, const double *mol, int n, mge_comp *out,
                         mge_error *err) {
  double s = 0.0;
  int k = 0;
  for (int i = 0; i < n; i++) {
    if (mol[i] > 0.0) {
      out->Z[k] = Z[i];
      out->x[k] = mol[i];
      s += mol[i];
      k++;
    }
  }
  if (k == 0 || !(s > 0.0) || !isfinite(s))
    return mge_error_set(err, MGE_E_INPUT,
                         "the composition has no positive amount");
  for (int i = 0; i < k; i++) out->x[i] /= s;
  out->n = k;
  return MGE_OK;
}

int mge_comp_from_amounts(const int *Z, const double *a, int n, mge_basis basis,
                          mge_comp *out, mge_error *err) {
  if (!Z || !a || !out || n < 1)
    return mge_error_set(err, MGE_E_INPUT, "no elements given");
  if (basis != MGE_BASIS_MOLE && basis != MGE_BASIS_MASS)
    return mge_error_set(err, MGE_E_INPUT, "unknown basis %d", (int)basis);
  int zs[MGE_COMP_MAX];
  double mol[MGE_COMP_MAX];
  int k = 0;
  for (int i = 0; i < n; i++) {
    const mge_element *e = mge_element_by_Z(Z[i]);
    if (!e)
      return mge_error_set(err, MGE_E_INPUT, "element %d: unknown Z = %d",
                           i + 1, Z[i]);
    if (!isfinite(a[i]) || a[i] < 0.0)
      return mge_error_set(err, MGE_E_INPUT,
                           "amount of %s is %g: must be finite and >= 0",
                           e->symbol, a[i]);
    if (a[i] == 0.0) continue;
    double m = a[i];
    if (basis == MGE_BASIS_MASS) {
      if (!(e->atomic_weight > 0.0))
        return mge_error_set(err, MGE_E_INPUT,
                             "%s has no atomic weight: cannot convert a mass",
                             e->symbol);
      m = a[i] / e->atomic_weight;
    }
    int j = 0;
    while (j < k && zs[j] != Z[i]) j++;
    if (j == k) {
      if (k == MGE_COMP_MAX)
        return mge_error_set(err, MGE_E_LIMIT, "more than %d distinct elements",
                             MGE_COMP_MAX);
      zs[k] = Z[i];
      mol[k] = 0.0;
      k++;
    }
    mol[j] += m;
  }
  int rc = mge__comp_from_moles(zs, mol, k, out, err);
  if (rc) return rc;
  out->natoms = 1.0;
  return MGE_OK;
}

double mge_comp_get(const mge_comp *c, int Z) {
  if (!c) return 0.0;
  for (int i = 0; i < c->n; i++)
    if (c->Z[i] == Z) return c->x[i];
  return 0.0;
}

int mge_comp_format(const mge_comp *c, int digits, char *buf, size_t cap) {
  if (digits < 1) digits = 1;
  if (digits > 17) digits = 17;
  size_t need = 0;
  if (buf && cap) buf[0] = '\0';
  if (!c) return 0;
  for (int i = 0; i < c->n; i++) {
    const mge_element *e = mge_element_by_Z(c->Z[i]);
    char part[64];
    int w = snprintf(part, sizeof part, "%s%.*g", e ? e->symbol : "?", digits,
                     c->x[i]);
    if (w < 0) return -1;
    if (buf && need + (size_t)w < cap)
      memcpy(buf + need, part, (size_t)w + 1);
    else if (buf && cap)
      buf[need < cap ? need : cap - 1] = '\0';
    need += (size_t)w;
  }
  return (int)need;
}

/* ----------------------------------------------------------------- recipes */

static double unit_mass(const mge_recipe *r, int i) {
  return mge_comp_formula_mass(&r->unit[i]);
}

void mge_recipe_mass_fractions(const mge_recipe *r, double *w) {
  if (!r || !w) return;
  double s = 0.0;
  for (int i = 0; i < r->n; i++) {
    w[i] = r->x[i] * unit_mass(r, i);
    s += w[i];
  }
  for (int i = 0; i < r->n; i++) w[i] /= s;
}

int mge_recipe_to_comp(const mge_recipe *r, mge_comp *out, mge_error *err) {
  if (!r || !out || r->n < 1 || r->n > MGE_RECIPE_MAX)
    return mge_error_set(err, MGE_E_INPUT, "empty recipe");
  int zs[MGE_COMP_MAX];
  double mol[MGE_COMP_MAX];
  int k = 0;
  for (int i = 0; i < r->n; i++) {
    const mge_comp *u = &r->unit[i];
    if (!(r->x[i] >= 0.0) || !isfinite(r->x[i]) || u->n < 1 ||
        u->n > MGE_COMP_MAX)
      return mge_error_set(err, MGE_E_INPUT, "compound %d is malformed", i + 1);
    for (int j = 0; j < u->n; j++) {
      int m = 0;
      while (m < k && zs[m] != u->Z[j]) m++;
      if (m == k) {
        if (k == MGE_COMP_MAX)
          return mge_error_set(err, MGE_E_LIMIT,
                               "more than %d distinct elements", MGE_COMP_MAX);
        zs[k] = u->Z[j];
        mol[k] = 0.0;
        k++;
      }
      mol[m] += r->x[i] * u->natoms * u->x[j];
    }
  }
  int rc = mge__comp_from_moles(zs, mol, k, out, err);
  if (rc) return rc;
  out->natoms = 1.0;
  return MGE_OK;
}
