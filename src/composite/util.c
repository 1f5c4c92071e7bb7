/* Small numerics and text helpers of the composite module. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "composite/internal.h"
#include "mge/units.h"

int cmp_inv6(const double m[6][6], double inv[6][6], double rel_tol) {
  double a[6][12];
  double scale = 0.0;
  for (int i = 0; i < 6; i++) {
    for (int j = 0; j < 6; j++) {
      a[i][j] = m[i][j];
      a[i][j + 6] = (i == j) ? 1.0 : 0.0;
    }
    if (fabs(m[i][i]) > scale) scale = fabs(m[i][i]);
  }
  if (!(scale > 0) || !isfinite(scale)) return 0;
  for (int col = 0; col < 6; col++) {
    int p = col;
    for (int r = col + 1; r < 6; r++)
      if (fabs(a[r][col]) > fabs(a[p][col])) p = r;
    if (!(fabs(a[p][col]) > rel_tol * scale)) return 0;
    if (p != col)
      for (int j = 0; j < 12; j++) {
        double t = a[p][j];
        a[p][j] = a[col][j];
        a[col][j] = t;
      }
    double piv = 1.0 / a[col][col];
    for (int j = col; j < 12; j++) a[col][j] *= piv;
    for (int r = 0; r < 6; r++) {
      if (r == col) continue;
      double f = a[r][col];
      if (f == 0.0) continue;
      for (int j = col; j < 12; j++) a[r][j] -= f * a[col][j];
    }
  }
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < 6; j++) inv[i][j] = a[i][j + 6];
  return 1;
}

int cmp_name_eq(const char *a, const char *b) {
  for (;; a++, b++) {
    int x = (unsigned char)*a, y = (unsigned char)*b;
    if (x == '_') x = '-';
    if (y == '_') y = '-';
    if (tolower(x) != tolower(y)) return 0;
    if (!x) return 1;
  }
}

typedef struct unit_row {
  const char *name;
  cmp_kind kind;
  double scale;
} unit_row;

static const unit_row units[] = {
    {"Pa", CMP_STRESS, 1.0},
    {"kPa", CMP_STRESS, 1e3},
    {"MPa", CMP_STRESS, 1e6},
    {"GPa", CMP_STRESS, 1e9},
    {"N/mm2", CMP_STRESS, 1e6},
    {"psi", CMP_STRESS, 6894.757293168}, /* 1 lbf/in2, NIST SP 811 */
    {"ksi", CMP_STRESS, 6894757.293168},
    {"Msi", CMP_STRESS, 6894757293.168},
    {"m", CMP_LENGTH, 1.0},
    {"cm", CMP_LENGTH, 1e-2},
    {"mm", CMP_LENGTH, 1e-3},
    {"um", CMP_LENGTH, 1e-6},
    {"in", CMP_LENGTH, 0.0254},
    {"1/K", CMP_PER_K, 1.0},
    {"/K", CMP_PER_K, 1.0},
    {"1e-6/K", CMP_PER_K, 1e-6},
    {"ppm/K", CMP_PER_K, 1e-6},
    {"1/degC", CMP_PER_K, 1.0},
    {"kg/m3", CMP_DENSITY, 1.0},
    {"kg/m^3", CMP_DENSITY, 1.0},
    {"g/cm3", CMP_DENSITY, 1e3},
    {"g/cm^3", CMP_DENSITY, 1e3},
    {"USD/kg", CMP_COST, 1.0},
    {"N/m", CMP_FORCE_LEN, 1.0},
    {"N/mm", CMP_FORCE_LEN, 1e3},
    {"kN/m", CMP_FORCE_LEN, 1e3},
    {"MN/m", CMP_FORCE_LEN, 1e6},
    {"N", CMP_FORCE, 1.0},
    {"N*m/m", CMP_FORCE, 1.0},
    {"Nm/m", CMP_FORCE, 1.0},
    {"kN", CMP_FORCE, 1e3},
    {"K", CMP_TEMP_DIFF, 1.0},
    {"degC", CMP_TEMP_DIFF, 1.0},
    {"C", CMP_TEMP_DIFF, 1.0},
    {"1", CMP_FRACTION, 1.0},
    {"%", CMP_FRACTION, 1e-2},
    {"deg", CMP_ANGLE, 1.0},
};

static const char *kind_name(cmp_kind k) {
  switch (k) {
    case CMP_STRESS: return "a stress (Pa, MPa, GPa, psi, ksi, Msi)";
    case CMP_LENGTH: return "a length (m, mm, um, in)";
    case CMP_PER_K: return "an expansion coefficient (1/K, 1e-6/K, ppm/K)";
    case CMP_DENSITY: return "a density (kg/m3, g/cm3)";
    case CMP_COST: return "a price (USD/kg)";
    case CMP_FORCE_LEN: return "a force per length (N/m, N/mm, kN/m)";
    case CMP_FORCE: return "a moment per length (N, N*m/m, kN)";
    case CMP_TEMP_DIFF: return "a temperature difference (K, degC)";
    case CMP_FRACTION: return "a fraction (1, %)";
    case CMP_ANGLE: return "an angle (deg)";
  }
  return "a quantity";
}

/* The SI reference unit of each kind, for the dimension check. */
static const char *kind_ref(cmp_kind k) {
  switch (k) {
    case CMP_STRESS: return "Pa";
    case CMP_LENGTH: return "m";
    case CMP_PER_K: return "1/K";
    case CMP_DENSITY: return "kg/m3";
    case CMP_COST: return "USD/kg";
    case CMP_FORCE_LEN: return "N/m";
    case CMP_FORCE: return "N";
    case CMP_TEMP_DIFF: return "K";
    case CMP_FRACTION: return "1";
    case CMP_ANGLE: return NULL;
  }
  return NULL;
}

int cmp_quantity(const char *text, cmp_kind kind, double *si, int *col,
                 mge_error *err) {
  if (col) *col = 0;
  if (!text) return mge_error_set(err, MGE_E_INPUT, "missing value");
  const char *p = text;
  while (*p == ' ' || *p == '\t') p++;
  char *end;
  errno = 0;
  double v = strtod(p, &end);
  if (end == p || errno == ERANGE || !isfinite(v)) {
    if (col) *col = (int)(p - text);
    return mge_error_set(err, MGE_E_INPUT,
                         "'%s' is not a finite number (expected %s)", text,
                         kind_name(kind));
  }
  const char *u = end;
  while (*u == ' ' || *u == '\t') u++;
  size_t ulen = strlen(u);
  while (ulen > 0 && (u[ulen - 1] == ' ' || u[ulen - 1] == '\t')) ulen--;
  if (ulen == 0) { /* a bare number is SI */
    *si = v;
    return MGE_OK;
  }
  /* the shared unit parser first (include/mge/units.h) */
  const char *ref = kind_ref(kind);
  if (ref) {
    double q;
    mge_unit un, want;
    if (mge_quantity_parse(text, &q, &un, NULL) == 0 &&
        mge_unit_parse(ref, &want, NULL) == 0 &&
        mge_unit_same_dim(&un, &want)) {
      /* temperatures here are differences: drop the affine offset */
      *si = kind == CMP_TEMP_DIFF ? q - un.offset : q;
      if (isfinite(*si)) return MGE_OK;
    }
  }
  /* then the few engineering units it does not know (psi, ksi, Msi, in,
   * ppm/K, 1e-6/K, deg) */
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    if (strlen(units[i].name) == ulen && strncmp(units[i].name, u, ulen) == 0) {
      if (units[i].kind != kind) break;
      *si = v * units[i].scale;
      return MGE_OK;
    }
  }
  if (col) *col = (int)(u - text);
  return mge_error_set(err, MGE_E_INPUT, "unit '%.*s' in '%s': expected %s",
                       (int)ulen, u, text, kind_name(kind));
}
