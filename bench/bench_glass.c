/* Benchmark of the glass module: composition-property predictions per
 * second for a million recipes (one thread), and the time of one ion-
 * exchange run (0.7 mm plate, 410 C, 8 h) with its CS error against a
 * 8x refined run. Measures only; correctness is in tests/. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mge/glass.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static mge_ionex_problem plate(int nodes, int steps, double growth) {
  mge_ionex_problem p;
  memset(&p, 0, sizeof p);
  p.pair = MGE_IONEX_K_NA;
  p.thickness_m = 0.7e-3;
  p.glass = (mge_ionex_glass){.E_Pa = 71.5e9,
                              .nu = 0.21,
                              .B = 0.0095,
                              .D0_m2_s = 6e-6,
                              .Q_J_mol = 120e3,
                              .ratio = 5,
                              .K_eq = 1};
  p.n_steps = 1;
  p.step[0] = (mge_ionex_step){683.15, 8 * 3600.0, 0.005};
  mge_ionex_opts_default(&p.opts);
  if (nodes) {
    p.opts.n_nodes = nodes;
    p.opts.n_time = steps;
    p.opts.dt_growth = growth;
  }
  return p;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atol(argv[1]) : 1000000;
  if (n < 1 || n > 100000000) n = 1000000;
  /* mge_recipe is ~10 kB (it carries each compound's elemental unit), so a
   * million distinct recipes would be 10 GB: cycle through a pool of 4096
   * distinct random recipes instead (the per-recipe work is the same). */
  size_t pool = 4096;
  mge_recipe *r = malloc(pool * sizeof *r);
  if (!r) return 1;
  const char *f[] = {"SiO2", "Al2O3", "Na2O", "MgO", "B2O3", "K2O"};
  const double lo[] = {55, 12, 11, 0, 0, 0}, hi[] = {70, 22, 18, 5, 6.5, 1};
  unsigned long long s = 88172645463325252ULL;
  for (size_t i = 0; i < pool; i++) {
    memset(&r[i], 0, sizeof r[i]);
    r[i].n = 6;
    double sum = 0;
    for (int k = 0; k < 6; k++) {
      s ^= s << 13, s ^= s >> 7, s ^= s << 17;
      double u = (double)(s >> 11) / 9007199254740992.0;
      strcpy(r[i].formula[k], f[k]);
      r[i].x[k] = lo[k] + u * (hi[k] - lo[k]);
      sum += r[i].x[k];
    }
    for (int k = 0; k < 6; k++) r[i].x[k] /= sum;
  }
  double acc = 0, t0 = now();
  for (size_t i = 0; i < n; i++) {
    double rho;
    if (mge_glass_density(&r[i % pool], &rho, NULL, NULL) == MGE_OK) acc += rho;
  }
  double t1 = now();
  for (size_t i = 0; i < n; i++) {
    mge_glass_props p;
    if (mge_glass_props_eval(&r[i % pool], &p, NULL) == MGE_OK)
      acc += p.value[MGE_GP_YOUNG] * 1e-9;
  }
  double t2 = now();
  size_t nv = n / 10;
  for (size_t i = 0; i < nv; i++) {
    mge_visc v;
    mge_visc_temps t;
    if (mge_visc_predict(&r[i % pool], &v, NULL, NULL) == MGE_OK &&
        mge_visc_char_temps(&v, &t, NULL) == MGE_OK)
      acc += t.T_K[MGE_VISC_T_WORKING] * 1e-3;
  }
  double t3 = now();
  printf(
      "glass properties, %zu alkali aluminosilicate recipes (pool of %zu), "
      "1 thread\n",
      n, pool);
  printf("  density (Fluegel 2007)             %12.0f recipes/s\n",
         n / (t1 - t0));
  printf(
      "  all props (density, MM moduli, Vm, OPD, ratios) %8.0f "
      "recipes/s\n",
      n / (t2 - t1));
  printf("  viscosity model + 6 fixed points   %12.0f recipes/s (%zu)\n",
         nv / (t3 - t2), nv);

  mge_ionex_problem ref = plate(1281, 1600, 1.00375);
  mge_ionex_result rr, rd;
  if (mge_ionex_run(&ref, &rr, NULL)) return 1;
  mge_ionex_problem p = plate(0, 0, 0);
  int runs = 50;
  double t4 = now();
  for (int k = 0; k < runs; k++) {
    if (mge_ionex_run(&p, &rd, NULL)) return 1;
    if (k < runs - 1) mge_ionex_result_free(&rd);
  }
  double t5 = now();
  printf(
      "ion exchange, 0.7 mm, 410 C, 8 h, KNO3 + 0.5%% NaNO3 (defaults: "
      "%d nodes, %d steps)\n",
      p.opts.n_nodes, p.opts.n_time);
  printf("  %.3f ms per run (%.0f runs/s)\n", 1e3 * (t5 - t4) / runs,
         runs / (t5 - t4));
  printf(
      "  CS %.3f MPa (reference %.3f, |error| %.3f MPa), CT %.3f MPa "
      "(|error| %.3f), DOL %.3f um (ref %.3f)\n",
      rd.CS_Pa / 1e6, rr.CS_Pa / 1e6, fabs(rd.CS_Pa - rr.CS_Pa) / 1e6,
      rd.CT_Pa / 1e6, fabs(rd.CT_Pa - rr.CT_Pa) / 1e6, rd.DOL_m * 1e6,
      rr.DOL_m * 1e6);
  mge_ionex_result_free(&rd);
  mge_ionex_result_free(&rr);
  free(r);
  return acc == 12345.678 ? 2 : 0;
}
