/* Internal helpers of the glass module (not installed). */
#ifndef MGE_GLASS_INTERNAL_H
#define MGE_GLASS_INTERNAL_H

#include <stdio.h>

#include "glass/tables.h"
#include "mge/csv.h"
#include "mge/glass.h"

/* Index of an oxide in glass_oxides by formula text, or -1. */
int glass_oxide_index(const char *formula);

/* Mole fractions of recipe r over glass_oxides (x, capacity GLASS_NOX);
 * *x_unknown receives the total fraction of unrecognised compounds. Fails
 * with MGE_E_INPUT on an empty recipe, bad or non-normalised fractions. */
int glass_recipe_vector(const mge_recipe *r, double *x, double *x_unknown,
                        mge_error *err);

/* Fluegel density (g/cm3) from a vector; warn receives bits. */
double glass_fluegel_density(const double *x, double x_unknown, unsigned *warn);

/* Levenberg-Marquardt on residuals r(p) (m residuals, np <= 8 params).
 * fn fills r (length m) and, if J != NULL, the Jacobian J (m x np, row
 * major); when J is NULL the caller wants residuals only. With fd_jac set
 * the Jacobian is taken by forward differences instead. cov (np*np) gets
 * (J^T J)^-1 at the solution (may be NULL). Returns MGE_OK, MGE_E_CONVERGE
 * or MGE_E_NOMEM. */
typedef int (*glass_lm_fn)(const double *p, double *r, double *J, void *ctx);
typedef struct glass_lm_opts {
  int max_iter;
  double tol;     /* relative change in chi2 and in step */
  int fd_jac;     /* 1: forward-difference Jacobian */
  double fd_step; /* relative step for fd_jac (default 1e-6) */
  double lambda0; /* initial damping (default 1e-3) */
} glass_lm_opts;
int glass_lm(glass_lm_fn fn, void *ctx, int m, int np, double *p,
             const glass_lm_opts *o, double *chi2, double *cov, int *iters,
             mge_error *err);

/* ---- CSV files of the glass module (src/glass/visc_data.c) on the core
 * streaming reader (mge/csv.h). */

/* A read callback over a stream (f) that drops the text of lines starting
 * with '#' and keeps their line ends, so that the CSV reader skips them as
 * empty lines and still counts lines as the file has them. */
typedef struct comment_filter {
  FILE *f;
  int bol;     /* at the beginning of a line */
  int comment; /* inside a comment line */
} comment_filter;
long glass_read_uncommented(void *ctx, char *dst, size_t cap);

/* A CSV file being read: the current record is rec. */
typedef struct glass_csv {
  const char *path;
  mge_error *err;
  FILE *f;
  mge_csv *r;
  comment_filter filter;
  mge_csv_rec rec;
} glass_csv;

/* Open path (records of at most 64 KiB; with comments, '#' lines are
 * skipped). MGE_E_INPUT "cannot open" naming path, MGE_E_NOMEM. Close with
 * glass_csv_close (also after a failed open). */
int glass_csv_open(glass_csv *c, const char *path, int comments,
                   mge_error *err);
void glass_csv_close(glass_csv *c);
/* The next record into c->rec (all fields): 1, 0 at the end, or a negated
 * status with the error filled (as mge_csv_next). */
int glass_csv_next(glass_csv *c);
/* 1-based column of field j of the current record. */
int glass_csv_col(const glass_csv *c, int j);
/* Set the error at the current record's line and column col; returns code. */
int glass_csv_error(const glass_csv *c, int code, int col, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Field j without surrounding blanks into buf (capacity cap); *col receives
 * the column of its first character. MGE_E_INPUT when it does not fit. */
int glass_csv_field(const glass_csv *c, int j, char *buf, size_t cap, int *col);
/* Field j as a finite decimal number; what names it in errors. */
int glass_csv_number(const glass_csv *c, int j, const char *what, double *v);
/* Field j as a temperature in K: a bare number in unit ("K", "degC") or a
 * value with its own temperature unit (mge_quantity_parse_as). */
int glass_csv_temperature(const glass_csv *c, int j, const char *unit,
                          const char *what, double *T_K);

#endif
