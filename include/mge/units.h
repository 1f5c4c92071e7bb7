/* mge units: parse quantities with units at the edges ("1.85 g/cm3",
 * "700K", "427C", "4 USD/kg") and convert them to SI.
 *
 * Dimensions are exponents of (kg, m, s, K, mol, USD). Temperatures in degC
 * or degF are affine (an offset), valid only for absolute values.
 * Thread safety: reentrant, static tables only.
 */
#ifndef MGE_UNITS_H
#define MGE_UNITS_H

#include "mge/core.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
  MGE_DIM_KG,
  MGE_DIM_M,
  MGE_DIM_S,
  MGE_DIM_K,
  MGE_DIM_MOL,
  MGE_DIM_USD,
  MGE_DIM_N
};

typedef struct mge_unit {
  signed char dim[MGE_DIM_N]; /* exponents */
  double scale;               /* SI value = scale * value + offset */
  double offset;
} mge_unit;

/* Parse a unit expression ("g/cm3", "kg/m^3", "MPa", "GPa", "Pa", "K",
 * "degC", "C", "J/mol", "kJ/mol", "J/(mol K)", "USD/kg", "mm", "%", "1").
 * Returns MGE_E_INPUT with the column of the bad token if unknown. */
MGE_API int mge_unit_parse(const char *text, mge_unit *out, mge_error *err);

/* Parse "value [unit]" ("1.85 g/cm3", "700K", "427 C"). If the unit is absent,
 * *unit is dimensionless with scale 1. *si receives scale*value+offset. */
MGE_API int mge_quantity_parse(const char *text, double *si, mge_unit *unit,
                               mge_error *err);

/* Parse "value [unit]" where a bare number is in the unit text `unit`
 * ("600" with unit "degC" is 873.15 K; "873.15 K" with unit "degC" is
 * 873.15 K too). A value with a unit of another dimension than `unit` is
 * MGE_E_INPUT ("'600 Pa' is not in units of degC") at the column of its
 * unit; errors inside the text as mge_quantity_parse, and a bad `unit` as
 * mge_unit_parse. *si receives the value in SI. */
MGE_API int mge_quantity_parse_as(const char *text, const char *unit,
                                  double *si, mge_error *err);

/* The value of si (an SI value of u's dimension) in unit u:
 * (si - offset) / scale, e.g. 873.15 K in degC is 600. For display. */
MGE_API double mge_unit_from_si(const mge_unit *u, double si);

/* An SI value expressed in the unit named by `unit` ("degC", "GPa"); NaN
 * when the unit does not parse. For display: mge_si_to(T_K, "degC"). */
MGE_API double mge_si_to(double si, const char *unit);

/* 1 if a and b have the same dimension. */
MGE_API int mge_unit_same_dim(const mge_unit *a, const mge_unit *b);

/* Format a dimension as an SI unit string ("kg m^-3") into buf. */
MGE_API char *mge_unit_format_si(const mge_unit *u, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
