/* Composite benchmarks (one thread; times are this thread's CPU time, so
 * that the figures are per core even on a shared machine):
 *  1. first-ply failure of 8-ply laminates under a load case, all six
 *     criteria, laminates per second (membrane load, and with moments);
 *  2. a 360-direction first-ply failure envelope (each criterion);
 *  3. a layup search: every 16-ply symmetric stack of {0, +45, -45, 90}
 *     (4^8 = 65536) through the decoder and the fpf model, for the pipe
 *     load Ny:Nx = 2:1, best reserve factor per ply count. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mge/composite.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(void) {
  const mge_lamina *m = mge_lamina_find("E-glass/MY750", NULL, 0);
  if (!m) return 1;
  enum { NL = 512 };
  static mge_laminate lams[NL];
  const double angs[] = {0, 45, -45, 90, 30, -30, 60, -60};
  unsigned seed = 12345;
  for (int i = 0; i < NL; i++) {
    memset(&lams[i], 0, sizeof lams[i]);
    lams[i].n_mats = 1;
    lams[i].mats[0] = *m;
    lams[i].n_plies = 8;
    for (int k = 0; k < 4; k++) {
      seed = seed * 1103515245u + 12345u;
      double a = angs[(seed >> 16) % 8];
      lams[i].ply[k].theta_deg = lams[i].ply[7 - k].theta_deg = a;
    }
    for (int k = 0; k < 8; k++) lams[i].ply[k].t_m = 0.25e-3;
  }
  mge_criterion all[MGE_CRIT_N] = {0, 1, 2, 3, 4, 5};
  mge_fail_opts o;
  mge_fail_opts_default(&o);
  for (int withM = 0; withM < 2; withM++) {
    mge_load ld;
    memset(&ld, 0, sizeof ld);
    ld.N[0] = 1e5;
    ld.N[1] = 2e5;
    ld.N[2] = 1e4;
    if (withM) ld.M[0] = 20.0, ld.M[2] = 5.0;
    double sink = 0, t0 = now(), t;
    long n = 0;
    do {
      for (int i = 0; i < NL; i++)
        sink += mge_laminate_fpf(&lams[i], &ld, all, MGE_CRIT_N, &o);
      n += NL;
      t = now() - t0;
    } while (t < 1.0);
    printf(
        "fpf 8-ply, 6 criteria, %s: %.0f laminates/s (%.3f us each; "
        "checksum %.6g)\n",
        withM ? "N and M (3 points per ply)" : "membrane N", n / t, 1e6 * t / n,
        sink / n);
  }
  double a[360], b[360];
  for (int c = 0; c < MGE_CRIT_N; c++) {
    double t0 = now(), t;
    long n = 0;
    do {
      mge_laminate_envelope(&lams[0], MGE_PLANE_SX_SY, c, &o, 360, 0, a, b,
                            NULL);
      n++;
      t = now() - t0;
    } while (t < 0.2);
    printf("envelope 360 directions, %-10s: %.1f us per envelope\n",
           mge_criterion_name(c), 1e6 * t / n);
  }
  {
    double t0 = now(), t;
    long n = 0;
    do {
      mge_laminate_envelope(&lams[0], MGE_PLANE_SX_SY, MGE_CRIT_TSAI_WU, &o,
                            360, 1, a, b, NULL);
      n++;
      t = now() - t0;
    } while (t < 0.5);
    printf(
        "envelope 360 directions, last-ply (tsai-wu): %.2f ms per "
        "envelope\n",
        1e3 * t / n);
  }
  /* layup search */
  mge_layup_decoder d;
  memset(&d, 0, sizeof d);
  d.mat = m;
  d.t_ply_m = 0.25e-3;
  d.n_angles = 4;
  d.angles_deg[0] = 0;
  d.angles_deg[1] = 45;
  d.angles_deg[2] = -45;
  d.angles_deg[3] = 90;
  d.symmetric = 1;
  d.max_adjacent = 4;
  mge_composite_model_params p;
  memset(&p, 0, sizeof p);
  p.load.N[0] = 1e5;
  p.load.N[1] = 2e5;
  p.opts = o;
  mge_model fm;
  mge_composite_fpf_model(&fm, &p);
  enum { B = 256 };
  static mge_laminate batch[B];
  const mge_laminate *ptr[B];
  double out[B], best = 0;
  int best_code = -1, nb = 0, codes[B];
  long evaluated = 0, rejected = 0;
  double t0 = now();
  for (int code = 0; code < 65536; code++) {
    int idx[8], cnt[8];
    for (int g = 0; g < 8; g++) idx[g] = (code >> (2 * g)) & 3, cnt[g] = 1;
    if (mge_layup_decode(&d, 8, idx, cnt, &batch[nb], NULL)) {
      rejected++;
    } else {
      ptr[nb] = &batch[nb];
      codes[nb++] = code;
    }
    if (nb == B || (code == 65535 && nb > 0)) {
      fm.eval(&fm, ptr, (size_t)nb, out, NULL);
      for (int i = 0; i < nb; i++)
        if (out[i] > best) best = out[i], best_code = codes[i];
      evaluated += nb;
      nb = 0;
    }
  }
  double t = now() - t0;
  printf(
      "layup search: %ld candidates (+%ld rejected by adjacency) in %.3f s "
      "= %.0f/s; best fpf reserve %.4g for [",
      evaluated, rejected, t, (evaluated + rejected) / t, best);
  for (int g = 0; g < 8; g++)
    printf("%s%g", g ? "/" : "", d.angles_deg[(best_code >> (2 * g)) & 3]);
  printf("]s\n");
  return 0;
}
