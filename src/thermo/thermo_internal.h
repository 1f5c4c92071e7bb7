/* Internal structures of the thermo module: the parsed database (tdb.c,
 * tdb_lex.c, tdb_expr.c), piecewise temperature polynomials (pw.c), the
 * compiled system and its Gibbs energy evaluation (model.c), equilibrium
 * (eq.c). */
#ifndef MGE_THERMO_INTERNAL_H
#define MGE_THERMO_INTERNAL_H

#include "mge/thermo.h"

#define TM_NAME 64
/* The gas constant as the SGTE/Thermo-Calc databases use it, J/(mol K). */
#define TM_R 8.31451
#define TM_MAXSUB 10

/* One term c * T^tp * ln(T)^lnt * P^pp * ln(P)^lnp. */
typedef struct tm_term {
  double c;
  signed char tp, lnt, pp, lnp;
} tm_term;

typedef struct tm_poly {
  int n, cap;
  tm_term *t;
} tm_poly;

/* Piecewise polynomial in T: nseg segments separated by nseg-1 internal
 * breakpoints bp[] (ascending). Segment i covers [bp[i-1], bp[i]); the first
 * and last segments extrapolate. tlo/thi: the range the source stated. */
typedef struct tm_pw {
  int nseg;
  double *bp;
  tm_poly *seg;
  double tlo, thi;
} tm_pw;

void tm_pw_free(tm_pw *p);
int tm_pw_const(tm_pw *p, double c);
/* value, first and second T derivatives at (T, P). */
void tm_pw_eval(const tm_pw *p, double T, double P, double *v, double *dv,
                double *d2v);
/* The same with L = ln T and LP = ln P given (one pair of logarithms for
 * all the parameters of a system at one T, P). */
void tm_pw_eval_log(const tm_pw *p, double T, double P, double L, double LP,
                    double *v, double *dv, double *d2v);
/* 1 if the piecewise function depends on T or P (any non-constant term). */
int tm_pw_depends_T(const tm_pw *p);

typedef struct tdb_element {
  char name[8];
  char ref[TM_NAME];
  double mass, h298, s298;
} tdb_element;

typedef struct tdb_species {
  char name[TM_NAME];
  int nel;
  int el[12];    /* element indices */
  double st[12]; /* stoichiometry */
  double charge;
  int line;
} tdb_species;

typedef struct tdb_function {
  char name[TM_NAME];
  int cmd;   /* command index holding the body */
  int body;  /* offset of the body in the command text */
  int state; /* 0 not compiled, 1 compiling, 2 done, 3 unresolved */
  char *bad; /* state 3: the error, "file:line:col: message" */
  tm_pw pw;
} tdb_function;

typedef struct tdb_typedef {
  char code;
  int magnetic;
  double afm, p;
  char dis[TM_NAME];
} tdb_typedef;

typedef struct tdb_phase {
  char name[TM_NAME];
  char types[16];
  int nsub;
  double ratio[TM_MAXSUB];
  int ncons[TM_MAXSUB];
  int *cons[TM_MAXSUB]; /* species indices; -1 wildcard */
  int has_cons;
  int magnetic;
  double afm, pmag;
  char dis[TM_NAME]; /* disordered part phase name, "" if none */
  int line;
} tdb_phase;

/* Parameter kinds. */
enum { TP_G = 0, TP_TC = 1, TP_BM = 2, TP_OTHER = 3 };

typedef struct tdb_param {
  int phase;
  int kind;
  char type[16];
  int nsub;
  int ncons[TM_MAXSUB];
  int *cons; /* flattened species indices, -1 wildcard, -2 unknown */
  int order;
  tm_pw pw;
  char ref[32];
  int line, col;
  char *bad; /* unresolved (unknown function or species): the error text;
                such a parameter makes any system that needs it fail */
} tdb_param;

typedef struct tdb_ref {
  char key[32];
  char *text;
} tdb_ref;

typedef struct tdb_cmd {
  char *s;   /* text, comments removed, NUL-terminated */
  int *line; /* per character */
  int *col;
  int len;
} tdb_cmd;

struct mge_tdb {
  char source[256];
  int nel, nsp, nfn, nty, nph, npar, nref, nbad;
  tdb_element *el;
  tdb_species *sp;
  tdb_function *fn;
  tdb_typedef *ty;
  tdb_phase *ph;
  tdb_param *par;
  tdb_ref *ref;
  char *info;
};

int tm_tdb_find_phase(const mge_tdb *db, const char *name);

/* ------------------------------------------------------- compiled system */

#define TM_MAXF 12 /* affine factors in one parameter term */

/* An affine factor c0 + sum a[j] * y[k[j]]. */
typedef struct tm_aff {
  int n;
  int k[3];
  double a[3];
  double c0;
} tm_aff;

/* One compiled parameter term: value(T) * prod of affine factors. */
typedef struct tm_rec {
  int nf;
  tm_aff f[TM_MAXF];
  int ipar; /* index into the system's parameter values */
} tm_rec;

typedef struct tm_recset {
  int n;
  tm_rec *r;
} tm_recset;

typedef struct tm_phase {
  int dbphase;
  char name[TM_NAME];
  int nsub, ny;
  double ratio[TM_MAXSUB];
  int sub0[TM_MAXSUB +
           1]; /* constituents of sublattice s: sub0[s]..sub0[s+1] */
  int sub[MGE_THERMO_MAX_Y]; /* sublattice of each constituent */
  int sp[MGE_THERMO_MAX_Y];  /* species of each constituent */
  int is_va[MGE_THERMO_MAX_Y];
  /* dN_c/dy_k = ratio[sub[k]] * stoich: A[k * ncomp + c] */
  double A[MGE_THERMO_MAX_Y * MGE_THERMO_MAX_COMP];
  tm_recset g, tc, bm;
  int magnetic;
  double afm, pmag;
  /* order-disorder: index of the disordered phase in the system's list of
   * disordered models (dis >= 0), and the maps x = M y (disordered fractions)
   * and y' = Q y (ordered fractions with disordered sublattices averaged). */
  int dis;
  int ndy;
  double *M; /* ndy x ny */
  double *Q; /* ny x ny */
  /* sampling grid: npts points of ny site fractions */
  int npts;
  double *pts;
  double *ptx;  /* npts x ncomp mole fractions of the points */
  double *ptxT; /* the same, ncomp x npts (vectorised plane distances) */
  double *ptn;  /* npts atoms per formula unit */
  /* precomputed grid: G_fu(point) = sum_c gc[c * npts + point] * v[gpar[c]]
   * + T * gsid[point] + R T gbm[point] g(T / gtc[point]) */
  int ngc;
  int *gpar;
  double *gc, *gsid;
  /* magnetic term of the grid points: gtc the Curie or Neel temperature
   * (AFM factor applied; 0 where the point does not order), gitc its
   * inverse and gbm ln(beta + 1) */
  double *gtc, *gitc, *gbm;
  int gmag;           /* 1 if the grid has a magnetic term */
  double gafm, gpmag; /* its AFM factor and p */
  int fixed;          /* no internal degrees of freedom */
} tm_phase;

typedef struct mge_thermo_system mge_thermo_system;
struct mge_thermo_system {
  const mge_tdb *db;
  int ncomp;
  int comp_el[MGE_THERMO_MAX_COMP]; /* db element index */
  char comp_name[MGE_THERMO_MAX_COMP][8];
  double comp_mass[MGE_THERMO_MAX_COMP]; /* g/mol */
  int nphase;
  tm_phase *ph;
  int ndis;
  tm_phase *dph; /* disordered parts (not themselves candidate phases) */
  int npar;
  const tm_pw **par; /* pointers into the db's parameters */
};

/* Parameter values at one (T, P): v, dv/dT, d2v/dT2 per system parameter. */
typedef struct tm_tvals {
  double T, P;
  double *v, *dv, *d2v;
} tm_tvals;

int tm_tvals_init(tm_tvals *tv, const mge_thermo_system *s);
void tm_tvals_free(tm_tvals *tv);
void tm_tvals_set(tm_tvals *tv, const mge_thermo_system *s, double T, double P);

/* Gibbs energy of one phase per mole of formula units and derivatives.
 * want: bit 1 gradient, bit 2 Hessian, bit 4 T derivatives. */
typedef struct tm_gout {
  double G, GT, GTT;
  double g[MGE_THERMO_MAX_Y];
  double gT[MGE_THERMO_MAX_Y];
  double H[MGE_THERMO_MAX_Y * MGE_THERMO_MAX_Y];
} tm_gout;

enum { TM_GRAD = 1, TM_HESS = 2, TM_TDER = 4 };

void tm_phase_eval(const mge_thermo_system *s, const tm_phase *ph,
                   const tm_tvals *tv, const double *y, int want, tm_gout *out);
/* moles of each component per formula unit; returns total atoms. */
/* Gibbs energy per mole of atoms of every grid point of ph at tv (out has
 * ph->npts entries). */
void tm_grid_energies(const tm_phase *ph, const tm_tvals *tv, double *out);
double tm_phase_moles(const mge_thermo_system *s, const tm_phase *ph,
                      const double *y, double *N);

/* Composition sets of phase p present (amount > 0) in r: 2 or more is a
 * miscibility gap (step.c). */
int tm_result_sets(const mge_thermo_result *r, int p);

#endif
