/* Named fractions ("AL=0.55,FE") with a balance, for CALPHAD systems
 * (include/mge/chem.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/chem.h"

int mge_fractions_close(double *a, int n, int bal, double *sum) {
  *sum = 0;
  for (int i = 0; i < n; i++)
    if (i != bal) *sum += a[i];
  if (bal >= 0) {
    if (!(*sum <= 1)) return 1;
    a[bal] = 1 - *sum;
    return 0;
  }
  return fabs(*sum - 1) > 1e-6 ? 2 : 0;
}

int mge_amounts_parse(const char *text, int mass, int max, mge_amounts *out,
                      mge_error *err) {
  if (max < 1 || max > MGE_AMOUNTS_MAX) max = MGE_AMOUNTS_MAX;
  memset(out, 0, sizeof *out);
  out->mass = mass != 0;
  out->balance = -1;
  const char *p = text ? text : "";
  int k = 0;
  for (;;) {
    const char *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (len) { /* empty items (",,") are skipped as before */
      if (k >= max)
        return mge_error_set(err, MGE_E_INPUT,
                             "give 1 to %d elements as EL=amount,...", max);
      char item[64];
      if (len >= sizeof item)
        return mge_error_set(err, MGE_E_INPUT, "item too long: '%.*s...'", 20,
                             p);
      memcpy(item, p, len);
      item[len] = '\0';
      char *eq = strchr(item, '=');
      if (eq) *eq = '\0';
      if (!item[0] || strlen(item) >= sizeof out->name[0])
        return mge_error_set(err, MGE_E_INPUT, "bad element name '%s'", item);
      snprintf(out->name[k], sizeof out->name[k], "%s", item);
      if (!eq) {
        if (out->balance >= 0)
          return mge_error_set(err, MGE_E_INPUT,
                               "more than one balance element");
        out->balance = k;
        out->a[k] = 0;
      } else {
        char *e;
        out->a[k] = strtod(eq + 1, &e);
        if (e == eq + 1 || *e || !(out->a[k] >= 0) || !isfinite(out->a[k]))
          return mge_error_set(err, MGE_E_INPUT, "bad amount '%s' for %s",
                               eq + 1, item);
      }
      k++;
    }
    if (!end) break;
    p = end + 1;
  }
  if (k < 1)
    return mge_error_set(err, MGE_E_INPUT,
                         "give 1 to %d elements as EL=amount,...", max);
  out->n = k;
  double sum;
  int c = mge_fractions_close(out->a, k, out->balance, &sum);
  if (out->balance >= 0 && !(sum < 1)) /* a balance element must be present */
    return mge_error_set(err, MGE_E_INPUT, "amounts sum to %g, no balance left",
                         sum);
  if (c == 2)
    return mge_error_set(err, MGE_E_INPUT,
                         "the fractions sum to %.9g, not 1; give every element "
                         "or leave one without a value as the balance "
                         "(AL=0.3,MG)",
                         sum);
  return MGE_OK;
}

int mge_amounts_from_comp(const char *text, int max, mge_amounts *out,
                          mge_error *err) {
  if (max < 1 || max > MGE_AMOUNTS_MAX) max = MGE_AMOUNTS_MAX;
  memset(out, 0, sizeof *out);
  out->balance = -1;
  mge_comp c;
  int rc = mge_comp_parse(text, &c, err);
  if (rc) return rc;
  if (c.n > max)
    return mge_error_set(err, MGE_E_LIMIT, "more than %d elements", max);
  for (int i = 0; i < c.n; i++) {
    const mge_element *e = mge_element_by_Z(c.Z[i]);
    if (!e) return mge_error_set(err, MGE_E_INPUT, "bad element Z=%d", c.Z[i]);
    snprintf(out->name[i], sizeof out->name[i], "%s", e->symbol);
    out->a[i] = c.x[i];
  }
  out->n = c.n;
  return MGE_OK;
}
