/* Algebra on piecewise polynomials (pw.c); used by the TDB compiler. */
#ifndef MGE_THERMO_PW_INTERNAL_H
#define MGE_THERMO_PW_INTERNAL_H

#include "thermo/thermo_internal.h"

void tm_poly_free(tm_poly *p);
int tm_poly_add_term(tm_poly *p, tm_term t);
int tm_poly_copy(tm_poly *dst, const tm_poly *src);
int tm_poly_axpy(tm_poly *dst, const tm_poly *a, double s, const tm_poly *b);
int tm_poly_mul(tm_poly *dst, const tm_poly *a, const tm_poly *b);
/* Takes ownership of *poly (left empty). */
int tm_pw_from_poly(tm_pw *p, tm_poly *poly);
/* op 0: dst = a + s * b; op 1: dst = a * b. */
int tm_pw_combine(tm_pw *dst, const tm_pw *a, const tm_pw *b, int op, double s);
int tm_pw_copy(tm_pw *dst, const tm_pw *src);
void tm_pw_scale(tm_pw *p, double s);

#endif
