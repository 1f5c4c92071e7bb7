/* Internal helpers of the composite module (prefix cmp_). */
#ifndef MGE_COMPOSITE_INTERNAL_H
#define MGE_COMPOSITE_INTERNAL_H

#include <stdio.h>

#include "mge/composite.h"
#include "mge/csv.h"

/* Q-bar from Q in material axes (Kaw Eq. 2.104). */
void cmp_qbar_from_q(const double Q[3][3], double theta_deg, double Qb[3][3]);

/* Laminate-axes stress / engineering strain to material axes (Kaw 2.94). */
static inline void cmp_rot_stress(double c, double s, const double a[3],
                                  double b[3]) {
  double c2 = c * c, s2 = s * s, cs = c * s;
  b[0] = c2 * a[0] + s2 * a[1] + 2.0 * cs * a[2];
  b[1] = s2 * a[0] + c2 * a[1] - 2.0 * cs * a[2];
  b[2] = -cs * a[0] + cs * a[1] + (c2 - s2) * a[2];
}
static inline void cmp_rot_strain(double c, double s, const double a[3],
                                  double b[3]) {
  double c2 = c * c, s2 = s * s, cs = c * s;
  b[0] = c2 * a[0] + s2 * a[1] + cs * a[2];
  b[1] = s2 * a[0] + c2 * a[1] - cs * a[2];
  b[2] = -2.0 * cs * a[0] + 2.0 * cs * a[1] + (c2 - s2) * a[2];
}

/* Invert the 6x6 matrix m (row-major) into inv by Gauss-Jordan with partial
 * pivoting; returns 0 if a pivot falls below rel_tol times the largest
 * diagonal entry (singular), 1 otherwise. A hand-written 6x6 elimination is
 * used instead of LAPACK because it runs millions of times per second in
 * layup searches and the call overhead of dgesv_ dominates at this size. */
int cmp_inv6(const double m[6][6], double inv[6][6], double rel_tol);

/* Quantity kinds for the internal unit parser. */
typedef enum cmp_kind {
  CMP_STRESS,    /* Pa, kPa, MPa, GPa, psi, ksi, Msi */
  CMP_LENGTH,    /* m, cm, mm, um, in */
  CMP_PER_K,     /* 1/K, 1e-6/K, ppm/K */
  CMP_DENSITY,   /* kg/m3, g/cm3 */
  CMP_COST,      /* USD/kg */
  CMP_FORCE_LEN, /* N/m, N/mm, kN/m */
  CMP_FORCE,     /* N (moment per length), N*m/m, kN */
  CMP_TEMP_DIFF, /* K, degC (a difference) */
  CMP_FRACTION,  /* 1, %, bare */
  CMP_ANGLE      /* deg (bare numbers) */
} cmp_kind;

/* Parse "value [unit]" of kind into SI. A bare number is taken as SI (as
 * the default unit of the kind: Pa, m, 1/K, kg/m3, USD/kg, N/m, N, K, 1,
 * deg). Units go through mge_quantity_parse (include/mge/units.h) with a
 * dimension check against the kind; a small table adds the engineering
 * units it lacks (psi, ksi, Msi, in, ppm/K, 1e-6/K, deg). Temperatures are
 * differences (degC = K). Returns MGE_E_INPUT with a message naming the
 * unit; column (0-based offset into text) of the problem in *col when col
 * != NULL. */
int cmp_quantity(const char *text, cmp_kind kind, double *si, int *col,
                 mge_error *err);

/* Case-insensitive ASCII comparison; '_' and '-' compare equal. */
int cmp_name_eq(const char *a, const char *b);

/* ABD and inverse from per-ply Q-bar (Pa), z from -h/2 (laminate.c). */
void cmp_abd_from_qbar(const mge_laminate *lam, const double (*Qb)[3][3],
                       mge_abd *out);

/* Set the lamina fields that can be unknown (alpha1/2, beta1/2, density,
 * t_ply, cost) to NaN: the start of every reader's lamina (library.c). */
void cmp_lamina_unknown(mge_lamina *m);

/* Free hygrothermal strain of a ply in laminate axes (engineering shear); a
 * term whose dT or dC is 0 is 0 even with an unknown (NaN) coefficient. */
void cmp_free_strain(const mge_lamina *m, double theta_deg, double dT,
                     double dC, double e[3]);

/* Ply discount (last-ply failure): discounted stiffness terms are multiplied
 * by CMP_DISCOUNT (not 0, so that ABD stays invertible); the laminate has
 * collapsed when it deforms CMP_COLLAPSE times more than intact. */
#define CMP_DISCOUNT 1e-6
#define CMP_COLLAPSE 1e3

/* Strength constants of a lamina, prepared once per analysis. */
typedef struct cmp_str {
  double Xt, Xc, Yt, Yc, S, S23;
  double e1t, e1c, e2t, e2c, g12u;
  double S11, S12, S22, S66;           /* compliance (max strain) */
  double F1, F2, F11, F22, F66, F12;   /* Tsai-Wu */
  double hb;                           /* Hashin MC linear coefficient */
  double p12t, p12c, p22c, RA, tau21c; /* Puck */
  double ff_k;                         /* Puck FF: nu12 - nu12f m E1/E1f */
  /* reciprocals, so that the hot path multiplies */
  double iXt, iXc, iYt, iYc, iS, i2S23, ie1t, ie1c, ie2t, ie2c, ig12u;
  double puckA, puckC; /* (1 - p12t Yt/S)/Yt, 1/(2(1+p22c)S) */
} cmp_str;

void cmp_str_init(const mge_lamina *m, const mge_fail_opts *o, cmp_str *s);

/* Strength ratio of a ply stress (material axes) without residual stress;
 * fibre_only != 0 checks the fibre modes only (discounted plies). */
double cmp_sr(const cmp_str *s, mge_criterion c, const double sig[3],
              int fibre_only, mge_fail_mode *mode);

/* Failure index (effort) FI = 1/R for a proportional load (homogeneous of
 * degree 1 except Tsai-Wu and Hashin matrix compression, whose linear terms
 * make FI the inverse root of their quadratic); 0 for an unloaded ply. */
double cmp_fi(const cmp_str *s, mge_criterion c, const double sig[3],
              int fibre_only, mge_fail_mode *mode);

/* With a residual stress held fixed: R solves F(R sm + sr) = 1. */
double cmp_sr_resid(const cmp_str *s, mge_criterion c, const double sm[3],
                    const double sr[3], int fibre_only, mge_fail_mode *mode);

/* A laminate prepared for repeated failure analysis under scaled loads. */
typedef struct cmp_prep {
  int n;
  double h;
  double c[MGE_LAMINATE_MAX_PLIES], s[MGE_LAMINATE_MAX_PLIES];
  double z0[MGE_LAMINATE_MAX_PLIES], t[MGE_LAMINATE_MAX_PLIES];
  int mat[MGE_LAMINATE_MAX_PLIES];
  int state[MGE_LAMINATE_MAX_PLIES]; /* 0 intact, 1 IFF, 2 FF */
  double Qb[MGE_LAMINATE_MAX_PLIES][3][3];
  cmp_str str[MGE_LAMINATE_MAX_MATS];
  mge_abd abd;
  int has_resid;
  double sr[MGE_LAMINATE_MAX_PLIES][3][3]; /* residual, material axes */
} cmp_prep;

/* Prepare lam (checked by the caller) with ply states (NULL: all intact);
 * load supplies dT, dC for the residual stresses (may be NULL). Returns 0
 * when ABD is singular, 1 otherwise. */
int cmp_prep_init(cmp_prep *p, const mge_laminate *lam, const mge_load *load,
                  const mge_fail_opts *o, const int *state);

/* Mechanical material-axes stress of ply k at point w (0 bottom, 1 middle,
 * 2 top) for midplane strains e0 and curvatures kap. */
void cmp_prep_ply_stress(const cmp_prep *p, int k, int w, const double e0[3],
                         const double kap[3], double s12[3]);

/* Midplane strains and curvatures for mechanical N, M. */
void cmp_prep_deform(const cmp_prep *p, const double N[3], const double M[3],
                     double e0[3], double kap[3]);

/* First-ply failure factor of a prepared laminate under mechanical N, M. */
double cmp_prep_fpf(const cmp_prep *p, const mge_laminate *lam,
                    const double N[3], const double M[3],
                    const mge_criterion *crit, int n_crit);

int cmp_check_load(const mge_load *load, mge_error *err);
int cmp_check_load_(const mge_load *load, mge_error *err);
int cmp_check_crit(const mge_criterion *crit, int n_crit, mge_error *err);
double cmp_ply_point_sr(const cmp_prep *p, int k, int w, const double s12[3],
                        mge_criterion c, mge_fail_mode *md);

/* ------------------------------------------------------------ readers */

/* A lamina property as the readers know it: the YAML key (quantity of kind,
 * "E1: 72 GPa"), the CSV column of data/composites/laminae.csv (a bare
 * number times csv_scale to SI; NULL: not a CSV column) and the field. */
typedef struct cmp_field {
  const char *key, *csv;
  size_t off;
  cmp_kind kind;
  double csv_scale;
} cmp_field;
extern const cmp_field cmp_lamina_fields[];
extern const size_t cmp_n_lamina_fields;

/* The core CSV reader (mge/csv.h) over a file ("-": stdin) in which lines
 * whose first non-blank character is '#' and lines of blanks read as empty
 * lines (skipped, line numbers kept), a UTF-8 byte-order mark at the start
 * is dropped and a NUL byte is MGE_E_INPUT at its line and column. */
typedef struct cmp_csv {
  mge_csv *r;
  FILE *f;
  char buf[4096];
  size_t pos, len, blanks;
  int bol, quote, comment, start;
  long line, col, nul_line, nul_col;
} cmp_csv;

/* Open path for reading (max_record as mge_csv_new). MGE_E_INPUT "cannot
 * open" for a missing file; cmp_csv_close even after a failure. */
int cmp_csv_open(cmp_csv *c, const char *path, size_t max_record,
                 mge_error *err);
/* The next record, as mge_csv_next. */
int cmp_csv_next(cmp_csv *c, int want, mge_csv_rec *rec, mge_error *err);
void cmp_csv_close(cmp_csv *c);

/* 1-based line and column where field i of rec starts. */
void cmp_csv_field_pos(const mge_csv_rec *rec, int i, int *line, int *col);

/* A spec with the defaults of a laminate file: no plies, no load, all six
 * criteria unset (n_crit 0), default fail options, 360 directions in the
 * sx-sy plane. */
void cmp_spec_init(mge_laminate_spec *s);

/* Finish a spec: all criteria when none was chosen, then the laminate check
 * (an error names source only). */
int cmp_spec_finish(mge_laminate_spec *s, const char *source, mge_error *err);

#endif
