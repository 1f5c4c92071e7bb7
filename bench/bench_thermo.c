/* bench_thermo: CALPHAD speed on COST 507 (data/thermo/cost507R.tdb).
 *
 * Measures (wall and process CPU time; the CPU figure is the fair one on a
 * shared machine):
 *  - warm single-point equilibria of a binary (Al-Mg) and of Mg-Al-Zn-Mn:
 *    the system compiled once, each point a full global solve (grid, hull,
 *    Newton, grid check), and warm-started points along a T path;
 *  - an AZ91 temperature step 950 K -> 500 K in 1 K steps, transitions
 *    located to 0.01 K;
 *  - the Al-Mg phase diagram 300 K - 1000 K (40 compositions, 5 K steps);
 *  - a Scheil run of AZ91 (1 K steps).
 * Every figure is the best of three repetitions (the machine is shared:
 * the best run is the one least disturbed by other work).
 * Peer figures (mge issue 4): OpenCalphad about 1.5 ms per point,
 * pycalphad about 200 ms per point (its FAQ) and 6-12 s per binary diagram
 * (its benchmarks). Targets: 0.15 ms per binary point, AZ91 step under
 * 50 ms, Al-Mg diagram under 1 s.
 *
 * usage: bench_thermo [SOURCE_DIR]  (default: the build's source tree) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mge/chem.h"
#include "mge/linalg.h"
#include "mge/thermo.h"

#define NREP 3 /* repetitions of each measurement; the best is printed */

#ifndef MGE_BENCH_SRC
#define MGE_BENCH_SRC "."
#endif

static double wall(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}
static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void die(const char *what, const mge_error *e) {
  fprintf(stderr, "bench_thermo: %s: %s\n", what, e->message);
  exit(1);
}

static mge_thermo_system *sys_for(const mge_tdb *db, const char *comp,
                                  double *X) {
  mge_comp c;
  mge_error e;
  if (mge_comp_parse(comp, &c, &e)) die(comp, &e);
  const char *el[MGE_THERMO_MAX_COMP];
  for (int i = 0; i < c.n; i++) el[i] = mge_element_by_Z(c.Z[i])->symbol;
  mge_thermo_system *s = NULL;
  if (mge_thermo_system_new(db, el, c.n, NULL, 0, NULL, 0, &s, &e))
    die(comp, &e);
  for (int k = 0; k < mge_thermo_system_ncomp(s); k++)
    for (int i = 0; i < c.n; i++)
      if (!strcasecmp(mge_thermo_system_comp(s, k), el[i])) X[k] = c.x[i];
  return s;
}

static void points(const char *label, const mge_thermo_system *s,
                   const double *X, double T, int n, double peer_ms) {
  mge_thermo_conditions c = {T, 101325, {0}};
  memcpy(c.X, X, sizeof(double) * mge_thermo_system_ncomp(s));
  mge_thermo_result r;
  mge_error e;
  if (mge_thermo_equilibrium(s, &c, NULL, &r, &e)) die(label, &e);
  double w = INFINITY, u = INFINITY;
  for (int rep = 0; rep < NREP; rep++) {
    double w0 = wall(), c0 = cpu();
    for (int i = 0; i < n; i++) {
      c.T_K = T + (i % 20) * 0.5;
      if (mge_thermo_equilibrium(s, &c, NULL, &r, &e)) die(label, &e);
    }
    w = fmin(w, (wall() - w0) / n * 1e3);
    u = fmin(u, (cpu() - c0) / n * 1e3);
  }
  printf(
      "%-34s %9.4f ms/pt wall %9.4f ms/pt cpu  %8.0f pts/s (cpu)  "
      "x%.1f vs OpenCalphad 1.5 ms, x%.0f vs pycalphad 200 ms\n",
      label, w, u, 1e3 / u, peer_ms / u, 200.0 / u);
  /* warm-started along a T path (how step and map use the solver) */
  w = u = INFINITY;
  for (int rep = 0; rep < NREP; rep++) {
    double w0 = wall(), c0 = cpu();
    for (int i = 0; i < n; i++) {
      c.T_K = T + (i % 20) * 0.5;
      if (mge_thermo_equilibrium_from(s, &c, NULL, &r, &r, &e)) die(label, &e);
    }
    w = fmin(w, (wall() - w0) / n * 1e3);
    u = fmin(u, (cpu() - c0) / n * 1e3);
  }
  printf("%-34s %9.4f ms/pt wall %9.4f ms/pt cpu  %8.0f pts/s (cpu)\n",
         "  same, warm-started", w, u, 1e3 / u);
}

/* One of the long measurements; its last result is kept for printing. */
enum { JOB_STEP, JOB_MAP, JOB_SCHEIL };
typedef struct job {
  int kind;
  const mge_thermo_system *s;
  const double *X;
  int axis; /* JOB_MAP: the component on the x axis */
  mge_thermo_step *st;
  mge_thermo_map *m;
  mge_thermo_scheil *sc;
} job;

static void run_job(job *j) {
  mge_error e;
  if (j->kind == JOB_STEP) {
    mge_thermo_step_free(j->st);
    j->st = NULL;
    if (mge_thermo_step_T(j->s, j->X, 101325, 950, 500, 1, 0.01, NULL, &j->st,
                          &e))
      die("AZ91 step", &e);
  } else if (j->kind == JOB_MAP) {
    mge_thermo_map_free(j->m);
    j->m = NULL;
    if (mge_thermo_map_binary(j->s, j->axis, 300, 1000, 5, 40, 1, NULL, &j->m,
                              &e))
      die("Al-Mg map", &e);
  } else {
    mge_thermo_scheil_free(j->sc);
    j->sc = NULL;
    if (mge_thermo_scheil_run(j->s, j->X, 101325, 950, 1, 1e-4, NULL, &j->sc,
                              &e))
      die("AZ91 Scheil", &e);
  }
}

/* the best of NREP runs, in ms */
static void best_of(job *j, double *w, double *u) {
  *w = *u = INFINITY;
  for (int rep = 0; rep < NREP; rep++) {
    double w0 = wall(), c0 = cpu();
    run_job(j);
    *w = fmin(*w, (wall() - w0) * 1e3);
    *u = fmin(*u, (cpu() - c0) * 1e3);
  }
}

int main(int argc, char **argv) {
  mge_blas_threads(1);
  const char *src = argc > 1 ? argv[1] : MGE_BENCH_SRC;
  char path[1024];
  snprintf(path, sizeof path, "%s/data/thermo/cost507R.tdb", src);
  mge_tdb *db = NULL;
  mge_error e;
  double w0 = wall(), c0 = cpu();
  if (mge_tdb_load(path, &db, &e)) die(path, &e);
  printf("load cost507R.tdb: %.1f ms wall %.1f ms cpu\n", (wall() - w0) * 1e3,
         (cpu() - c0) * 1e3);
  double X[MGE_THERMO_MAX_COMP] = {0};
  w0 = wall();
  c0 = cpu();
  mge_thermo_system *almg = sys_for(db, "Al0.9Mg0.1", X);
  printf("compile Al-Mg system: %.2f ms wall %.2f ms cpu\n",
         (wall() - w0) * 1e3, (cpu() - c0) * 1e3);
  points("binary Al-Mg (X(Mg) 0.1, 700 K)", almg, X, 700, 2000, 1.5);
  double Xq[MGE_THERMO_MAX_COMP] = {0};
  mge_thermo_system *q = sys_for(db, "Mg-9Al-1Zn-0.3Mn", Xq);
  points("Mg-Al-Zn-Mn (AZ91 + 0.3Mn, 700 K)", q, Xq, 700, 300, 1.5);

  double Xa[MGE_THERMO_MAX_COMP] = {0};
  mge_thermo_system *az = sys_for(db, "Mg-9Al-1Zn", Xa);
  job jb = {JOB_STEP, az, Xa, 0, NULL, NULL, NULL};
  double w, u;
  best_of(&jb, &w, &u);
  printf(
      "AZ91 step 950->500 K, 1 K (%d pts, %d transitions): %.1f ms wall "
      "%.1f ms cpu (target 50 ms: %s)\n",
      jb.st->n, jb.st->ntrans, w, u, u < 50 ? "met" : "NOT met");

  jb.kind = JOB_MAP;
  jb.s = almg;
  jb.axis = strcmp(mge_thermo_system_comp(almg, 0), "MG") ? 1 : 0;
  best_of(&jb, &w, &u);
  printf(
      "Al-Mg diagram 300-1000 K (40 x, 5 K, 1 thread; %d tie-lines, %d "
      "invariants): %.0f ms wall %.0f ms cpu (target 1 s: %s; x%.0f-%.0f "
      "vs pycalphad 6-12 s)\n",
      jb.m->n, jb.m->ninv, w, u, u < 1000 ? "met" : "NOT met", 6000 / u,
      12000 / u);

  jb.kind = JOB_SCHEIL;
  jb.s = az;
  best_of(&jb, &w, &u);
  printf(
      "AZ91 Scheil 950 K, 1 K steps (%d pts, ends %.2f K, ran to the end: "
      "%s): %.1f ms wall %.1f ms cpu\n",
      jb.sc->n, jb.sc->end_K, jb.sc->ended ? "yes" : "no", w, u);
  mge_thermo_step_free(jb.st);
  mge_thermo_map_free(jb.m);
  mge_thermo_scheil_free(jb.sc);
  mge_thermo_system_free(almg);
  mge_thermo_system_free(q);
  mge_thermo_system_free(az);
  mge_tdb_free(db);
  return 0;
}
