/* Internal to src/chem: helpers shared by the composition parser, the
 * conversions and the designation table. Not installed. */
#ifndef MGE_CHEM_COMP_INTERNAL_H
#define MGE_CHEM_COMP_INTERNAL_H

#include <stddef.h>

#include "mge/chem.h"

/* Fill out->n, Z, x from n (Z, moles) pairs: drops non-positive amounts and
 * normalizes. Z must be distinct and valid; leaves natoms alone. */
int mge__comp_from_moles(const int *Z, const double *mol, int n, mge_comp *out,
                         mge_error *err);

/* Scan a decimal number [0-9]+(.[0-9]+)? at s[i..e) without locale or
 * allocation. Returns the index after it (i if there is no number) and sets
 * *v. Beyond 19 significant digits further digits are dropped (relative
 * error < 1e-18 before the final rounding). */
size_t mge__scan_decimal(const char *s, size_t i, size_t e, double *v);

/* One designation of the generated table (designations_table.c). */
#define MGE__DESIG_MAX_EL 8
typedef struct mge__designation {
  const char *name;     /* canonical, upper case: "6061", "A356", "AZ91D" */
  const char *family;   /* "wrought aluminium alloy", ... */
  const char *standard; /* the defining standard(s) */
  const char *method;   /* "midpoint of the specified ranges", "nominal" */
  int balance_Z;        /* the balance element (Al, Mg) */
  int n;                /* alloying elements listed */
  int Z[MGE__DESIG_MAX_EL];
  double wt_pct[MGE__DESIG_MAX_EL]; /* nominal mass percent */
} mge__designation;

extern const mge__designation mge__designations[];
extern const int mge__designations_n;

/* Index of the designation written in s[0..n) ("AA 6061", "6061-T6",
 * "A356.0", "az91d"), or -1. */
int mge__designation_find(const char *s, size_t n);

#endif
