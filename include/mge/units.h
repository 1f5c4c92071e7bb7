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

/* Parse "value [unit]" where a bare number is in `unit` ("700" with unit
 * "K" is 700 K) and a written unit must have the dimension of `unit`
 * ("427 C" is 700.15 K; "5 MPa" for "K" is refused, naming both
 * dimensions). *si receives the value in SI. Errors as mge_quantity_parse,
 * and MGE_E_INPUT for a unit of another dimension. */
MGE_API int mge_quantity_parse_as(const char *text, const char *unit,
                                  double *si, mge_error *err);

/* The value in unit u of an SI value (the inverse of scale*value+offset). */
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
