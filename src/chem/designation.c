/* Alloy designations: lookup by the names people write ("AA 6061",
 * "6061-T6", "A356.0", "az91d") in the generated table. */
#include <stdio.h>
#include <string.h>

#include "chem/comp_internal.h"
#include "mge/chem.h"

static char upper(char c) {
  return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
}
static int digit(char c) {
  return c >= '0' && c <= '9';
}

/* Reduce s[0..n) to the canonical form of the table, upper case, into buf
 * (capacity cap): drops blanks, an "AA" prefix, a casting suffix ".0" and a
 * temper suffix ("-T6", "-T651", "-O", "-H32", "-F"). Returns the length or
 * 0 if the name cannot be a designation. */
static size_t canonical(const char *s, size_t n, char *buf, size_t cap) {
  while (n && (s[0] == ' ' || s[0] == '\t')) s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n == 0 || n >= cap) return 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == ' ') continue;
    buf[k++] = upper(s[i]);
  }
  buf[k] = '\0';
  /* Temper: '-' then O, F, W, Hnn or Tnn. */
  char *dash = strrchr(buf, '-');
  if (dash) {
    const char *t = dash + 1;
    int ok = (*t == 'O' || *t == 'F' || *t == 'W' || *t == 'H' || *t == 'T');
    for (const char *q = t + 1; ok && *q; q++) ok = digit(*q);
    if (!ok || ((*t == 'H' || *t == 'T') && !digit(t[1]))) return 0;
    *dash = '\0';
    k = (size_t)(dash - buf);
  }
  if (k > 2 && buf[k - 2] == '.' && buf[k - 1] == '0') buf[k -= 2] = '\0';
  if (k > 2 && buf[0] == 'A' && buf[1] == 'A' &&
      (digit(buf[2]) || (buf[2] == 'A' && digit(buf[3])))) {
    memmove(buf, buf + 2, k - 1);
    k -= 2;
  }
  return k;
}

int mge__designation_find(const char *s, size_t n) {
  char buf[32];
  if (!s || !canonical(s, n, buf, sizeof buf)) return -1;
  for (int i = 0; i < mge__designations_n; i++)
    if (strcmp(buf, mge__designations[i].name) == 0) return i;
  return -1;
}

int mge_designation_count(void) {
  return mge__designations_n;
}

static const mge__designation *get(int i) {
  return (i >= 0 && i < mge__designations_n) ? &mge__designations[i] : NULL;
}

const char *mge_designation_name(int i) {
  const mge__designation *d = get(i);
  return d ? d->name : NULL;
}

const char *mge_designation_standard(int i) {
  const mge__designation *d = get(i);
  return d ? d->standard : NULL;
}

const char *mge_designation_method(int i) {
  const mge__designation *d = get(i);
  return d ? d->method : NULL;
}

int mge_designation_comp(int i, mge_comp *out, mge_error *err) {
  const mge__designation *d = get(i);
  if (!d || !out)
    return mge_error_set(err, MGE_E_INPUT, "no designation %d", i);
  int Z[MGE__DESIG_MAX_EL + 1];
  double w[MGE__DESIG_MAX_EL + 1];
  double rest = 100.0;
  Z[0] = d->balance_Z;
  for (int k = 0; k < d->n; k++) {
    Z[k + 1] = d->Z[k];
    w[k + 1] = d->wt_pct[k];
    rest -= d->wt_pct[k];
  }
  w[0] = rest;
  return mge_comp_from_amounts(Z, w, d->n + 1, MGE_BASIS_MASS, out, err);
}

int mge_designation_lookup(const char *name, mge_comp *out,
                           const char **standard, mge_error *err) {
  int i = name ? mge__designation_find(name, strlen(name)) : -1;
  if (i < 0)
    return mge_error_set(err, MGE_E_INPUT, "unknown alloy designation '%.40s'",
                         name ? name : "(null)");
  if (standard) *standard = mge__designations[i].standard;
  return mge_designation_comp(i, out, err);
}
