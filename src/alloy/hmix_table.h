/* Internal: the generated tables of the alloy module (src/alloy/hmix_table.c,
 * written by tools/gen_hmix.py). Static const data, indexed by Z (0..103;
 * row/column 0 unused). */
#ifndef MGE_ALLOY_HMIX_TABLE_H
#define MGE_ALLOY_HMIX_TABLE_H

#define ALLOY_TAB_N 104        /* Z = 0..103 */
#define ALLOY_TI_NONE (-32768) /* pair not in the Takeuchi-Inoue table */

/* 2 * dH_mix of the equiatomic liquid in kJ/mol (Takeuchi & Inoue 2005);
 * symmetric, exact (values are multiples of 0.5 kJ/mol). */
extern const short alloy_ti_hmix2[ALLOY_TAB_N][ALLOY_TAB_N];

/* Miedema parameters of one element (de Boer et al. 1988). */
typedef struct alloy_miedema_param {
  int valid;      /* 0: element not parametrized (all other fields 0) */
  int transition; /* 1: transition metal (d groups 3-11, La-Lu, Ac-Lr) */
  double phi_V;   /* electronegativity phi*, V */
  double nws13;   /* n_ws^(1/3), (density units)^(1/3) */
  double v23_cm2; /* molar volume^(2/3), cm^2 */
  double a;       /* volume-correction constant */
  double r_p;     /* R/P, hybridization parameter, V^2 */
} alloy_miedema_param;

extern const alloy_miedema_param alloy_miedema[ALLOY_TAB_N];

#endif
