/* Physics identities of laminate theory and failure analysis (exact
 * relations; tolerances are round-off: relative 1e-12 unless stated). */
// clang-format off
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
// clang-format on

#include "mge/composite.h"
#include "mge/report.h"

static const mge_lamina *lib(const char *name) {
  const mge_lamina *m = mge_lamina_find(name, NULL, 0);
  assert_non_null(m);
  return m;
}

static double rel(double a, double b) {
  return fabs(a - b) / (1.0 + fmax(fabs(a), fabs(b)));
}

static void make(mge_laminate *l, const char *mat, const char *layup,
                 double t) {
  assert_int_equal(mge_laminate_from_layup(l, lib(mat), layup, t, NULL), 0);
}

/* A [0/90]s cross-ply has no extension-shear (A16, A26) or bending-twist
 * (D16, D26) coupling; symmetric laminates have B = 0. */
static void test_crossply_symmetric(void **st) {
  (void)st;
  static mge_laminate l;
  mge_abd abd;
  make(&l, "E-glass/MY750", "[0/90]s", 0.25e-3);
  assert_int_equal(mge_laminate_abd(&l, &abd, NULL), 0);
  double A = abd.A[0][0], D = abd.D[0][0], Bs = A * abd.h_m;
  assert_true(fabs(abd.A[0][2]) < 1e-12 * A && fabs(abd.A[1][2]) < 1e-12 * A);
  assert_true(fabs(abd.D[0][2]) < 1e-12 * D && fabs(abd.D[1][2]) < 1e-12 * D);
  const char *sym[] = {"[0/±45/90]s", "[90/+30/-30]s", "[0_2/90]2s",
                       "[15/-70/33]s"};
  for (int s = 0; s < 4; s++) {
    make(&l, "AS4/3501-6", sym[s], 0.1375e-3);
    assert_int_equal(mge_laminate_abd(&l, &abd, NULL), 0);
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) assert_true(fabs(abd.B[i][j]) < 1e-12 * Bs);
  }
  /* an unsymmetric one does couple (the test can fail) */
  make(&l, "AS4/3501-6", "[0/90]", 0.1375e-3);
  mge_laminate_abd(&l, &abd, NULL);
  assert_true(fabs(abd.B[0][0]) > 1e-3 * abd.A[0][0] * abd.h_m);
}

/* [0/±60]s and [0/±45/90]s are quasi-isotropic: A11 = A22,
 * A66 = (A11 - A12)/2, A16 = A26 = 0, and Ex is the same for the laminate
 * rotated by any angle. */
static void test_quasi_isotropic(void **st) {
  (void)st;
  static mge_laminate l;
  mge_abd abd;
  const char *qi[] = {"[0/±60]s", "[0/±45/90]s"};
  for (int q = 0; q < 2; q++) {
    make(&l, "E-glass/LY556", qi[q], 0.2e-3);
    mge_laminate_abd(&l, &abd, NULL);
    double A11 = abd.A[0][0];
    assert_true(rel(abd.A[1][1], A11) < 1e-12);
    assert_true(rel(abd.A[2][2], 0.5 * (A11 - abd.A[0][1])) < 1e-12);
    assert_true(fabs(abd.A[0][2]) < 1e-12 * A11);
    mge_laminate_constants k0, k;
    mge_laminate_constants_compute(&abd, &k0, NULL);
    assert_true(rel(k0.Gxy_Pa, k0.Ex_Pa / (2 * (1 + k0.nuxy))) < 1e-12);
    /* rotate all plies by 17 deg: the in-plane modulus stays */
    for (int i = 0; i < l.n_plies; i++) l.ply[i].theta_deg += 17;
    mge_laminate_abd(&l, &abd, NULL);
    mge_laminate_constants_compute(&abd, &k, NULL);
    assert_true(rel(k.Ex_Pa, k0.Ex_Pa) < 1e-12);
  }
}

/* The inverse of ABD is an inverse; a [0] lamina gives the lamina constants
 * back; Q-bar(0) = Q; Q-bar(90) swaps 11 and 22. */
static void test_inverse_and_lamina(void **st) {
  (void)st;
  static mge_laminate l;
  mge_abd abd;
  make(&l, "T300/5208", "[0/30/-45/77]", 0.3e-3);
  mge_laminate_abd(&l, &abd, NULL);
  assert_true(abd.invertible);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      double p = 0, q = 0;
      for (int k = 0; k < 3; k++) {
        p += abd.A[i][k] * abd.a[k][j] + abd.B[i][k] * abd.c[k][j];
        q += abd.B[i][k] * abd.b[k][j] + abd.D[i][k] * abd.d[k][j];
      }
      assert_true(fabs(p - (i == j)) < 1e-10 && fabs(q - (i == j)) < 1e-10);
    }
  const mge_lamina *m = lib("T300/5208");
  make(&l, "T300/5208", "[0]", 1e-3);
  mge_laminate_abd(&l, &abd, NULL);
  mge_laminate_constants k;
  mge_laminate_constants_compute(&abd, &k, NULL);
  assert_true(rel(k.Ex_Pa, m->E1_Pa) < 1e-12);
  assert_true(rel(k.Ey_Pa, m->E2_Pa) < 1e-12);
  assert_true(rel(k.Gxy_Pa, m->G12_Pa) < 1e-12);
  assert_true(rel(k.nuxy, m->nu12) < 1e-12);
  assert_true(rel(k.Efx_Pa, m->E1_Pa) < 1e-12);
  double Q[3][3], Q0[3][3], Q90[3][3];
  mge_lamina_Q(m, Q);
  mge_lamina_Qbar(m, 0, Q0);
  mge_lamina_Qbar(m, 90, Q90);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) assert_true(rel(Q0[i][j], Q[i][j]) < 1e-12);
  assert_true(rel(Q90[0][0], Q[1][1]) < 1e-12);
  assert_true(fabs(Q90[0][2]) < 1e-6 * Q[0][0]);
  mge_angle_constants ac;
  mge_lamina_angle_constants(m, 90, &ac);
  assert_true(rel(ac.Ex_Pa, m->E2_Pa) < 1e-10);
}

/* Strength ratios scale inversely with the load (homogeneous criteria);
 * the reserve factor is 1 exactly at the predicted failure stress. */
static void test_strength_ratio(void **st) {
  (void)st;
  const mge_lamina *m = lib("E-glass/LY556");
  mge_fail_opts o;
  mge_fail_opts_default(&o);
  double s[3] = {300e6, 20e6, -30e6}, s2[3], t[3];
  for (int c = 0; c < MGE_CRIT_N; c++) {
    double r = mge_strength_ratio(m, c, &o, s, NULL, NULL);
    for (int i = 0; i < 3; i++) s2[i] = 2 * s[i];
    double r2 = mge_strength_ratio(m, c, &o, s2, NULL, NULL);
    assert_true(r > 0 && isfinite(r));
    if (c != MGE_CRIT_TSAI_WU && c != MGE_CRIT_HASHIN)
      assert_true(rel(r2, 0.5 * r) < 1e-12); /* homogeneous of degree 1 */
    for (int i = 0; i < 3; i++) t[i] = r * s[i];
    assert_true(rel(mge_strength_ratio(m, c, &o, t, NULL, NULL), 1.0) < 1e-9);
  }
  /* uniaxial strengths are reproduced by every criterion */
  double cases[5][3] = {
      {1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}};
  double want[5] = {m->Xt_Pa, m->Xc_Pa, m->Yt_Pa, m->Yc_Pa, m->S12_Pa};
  for (int c = 0; c < MGE_CRIT_N; c++)
    for (int k = 0; k < 5; k++) {
      if (c == MGE_CRIT_MAX_STRAIN) continue; /* strain allowables given */
      double r = mge_strength_ratio(m, c, &o, cases[k], NULL, NULL);
      if (rel(r, want[k]) > 1e-9)
        print_error("%s case %d: %g vs %g\n", mge_criterion_name(c), k, r,
                    want[k]);
      assert_true(rel(r, want[k]) < 1e-9);
    }
  /* with a residual stress, R solves F(R sm + sr) = 1 */
  double sr[3] = {0, 10e6, 0};
  for (int c = 0; c < MGE_CRIT_N; c++) {
    double r = mge_strength_ratio(m, c, &o, s, sr, NULL);
    for (int i = 0; i < 3; i++) t[i] = r * s[i] + sr[i];
    assert_true(rel(mge_strength_ratio(m, c, &o, t, NULL, NULL), 1.0) < 1e-9);
  }
}

/* Cross-ply [0/90]s under Nx: closed-form first-ply failure by maximum
 * stress in the 90 plies (transverse tension); after every ply's matrix is
 * discounted the 0 plies carry Nx alone, so the last-ply failure factor is
 * Xt (h/2) / Nx (fibre tension). */
static void test_crossply_fpf_lpf(void **st) {
  (void)st;
  static mge_laminate l;
  const mge_lamina *m = lib("E-glass/MY750");
  make(&l, "E-glass/MY750", "[0/90]s", 0.25e-3);
  double Q[3][3];
  mge_lamina_Q(m, Q);
  double h = 1e-3, A11 = 0.5 * h * (Q[0][0] + Q[1][1]), A12 = h * Q[0][1];
  double Nx = 1e5;
  double ex = Nx * A11 / (A11 * A11 - A12 * A12);
  double ey = -Nx * A12 / (A11 * A11 - A12 * A12);
  double s2_90 = Q[0][1] * ey + Q[1][1] * ex; /* 90 ply: 1 = y, 2 = x */
  mge_load ld;
  memset(&ld, 0, sizeof ld);
  ld.N[0] = Nx;
  mge_criterion c = MGE_CRIT_MAX_STRESS;
  double fpf = mge_laminate_fpf(&l, &ld, &c, 1, NULL);
  assert_true(rel(fpf, m->Yt_Pa / s2_90) < 1e-12);
  static mge_lpf_result lr;
  assert_int_equal(mge_laminate_lpf(&l, &ld, c, NULL, &lr, NULL), 0);
  assert_true(rel(lr.fpf, fpf) < 1e-12);
  /* a ±55 tube wall under 2:1 hoop:axial (WWFE-I case 9 laminate): after
   * matrix cracking only a fibre net is left, which at 55 deg (netting
   * angle 54.7 deg) collapses when the discount is complete; a partial
   * discount (d = 0.1) lets the fibres carry the load to fibre failure */
  static mge_laminate t;
  make(&t, "E-glass/MY750", "[+55/-55]s", 0.25e-3);
  mge_load lt;
  memset(&lt, 0, sizeof lt);
  lt.N[0] = 2.5e5;
  lt.N[1] = 5e5;
  mge_fail_opts od;
  mge_fail_opts_default(&od);
  static mge_lpf_result l1, l2;
  assert_int_equal(mge_laminate_lpf(&t, &lt, c, &od, &l1, NULL), 0);
  od.ply_discount = 0.1;
  assert_int_equal(mge_laminate_lpf(&t, &lt, c, &od, &l2, NULL), 0);
  assert_true(rel(l1.lpf, l1.fpf) < 1e-12);
  assert_true(l2.lpf > 5 * l2.fpf && isfinite(l2.lpf));
  assert_true(l2.step[l2.n_steps - 1].mode == MGE_MODE_FIBRE_T);
  /* tolerance 1e-5: the discounted terms keep 1e-6 of their stiffness */
  assert_true(rel(lr.lpf, m->Xt_Pa * h / (2 * Nx)) < 1e-5);
  assert_int_equal(lr.n_steps, 6);
  assert_int_equal(lr.step[5].mode, MGE_MODE_FIBRE_T);
}

/* Thermal resultants vanish for dT = 0 and a symmetric laminate gets no
 * thermal moment; a free laminate under dT alone has stresses that sum to
 * zero through the thickness. */
static void test_hygrothermal(void **st) {
  (void)st;
  static mge_laminate l;
  make(&l, "AS4/3501-6", "[0/90]s", 0.1375e-3);
  double NT[3], MT[3], NC[3], MC[3];
  mge_laminate_hygrothermal(&l, -100, 0, NT, MT, NC, MC);
  assert_true(NT[0] < 0 && fabs(MT[0]) < 1e-9 * fabs(NT[0]) * 1e-3);
  mge_abd abd;
  mge_laminate_abd(&l, &abd, NULL);
  mge_load ld;
  memset(&ld, 0, sizeof ld);
  ld.dT_K = -100;
  mge_laminate_response *r = malloc(sizeof *r);
  assert_int_equal(mge_laminate_solve(&l, &abd, &ld, r, NULL), 0);
  double sum = 0, mx = 0;
  for (int k = 0; k < l.n_plies; k++) {
    sum += r->pt[k][1].sig_xy_Pa[0] * l.ply[k].t_m;
    mx = fmax(mx, fabs(r->pt[k][1].sig_xy_Pa[0]));
  }
  assert_true(mx > 1e6 && fabs(sum) < 1e-9 * mx * 1e-3);
  free(r);
}

/* A library lamina without thermal expansion (S-glass/epoxy
 * (Daniel-Ishai): alpha empty in data/composites/laminae.csv, so NaN):
 * dT = 0 gives finite stresses, dT != 0 is refused by the solver, the
 * failure analysis and the envelope with a message naming the material, and
 * the fast FPF gives NaN; dC alike with beta. */
static void test_unknown_alpha(void **st) {
  (void)st;
  static mge_laminate l;
  const char *nm = "S-glass/epoxy (Daniel-Ishai)";
  make(&l, nm, "[0/90]s", 0.125e-3);
  assert_true(isnan(l.mats[0].alpha1_per_K) && isnan(l.mats[0].beta2));
  mge_abd abd;
  assert_int_equal(mge_laminate_abd(&l, &abd, NULL), 0);
  mge_load ld;
  memset(&ld, 0, sizeof ld);
  ld.N[0] = 1e5;
  mge_laminate_response *r = malloc(sizeof *r);
  assert_int_equal(mge_laminate_solve(&l, &abd, &ld, r, NULL), 0);
  for (int k = 0; k < l.n_plies; k++)
    for (int w = 0; w < 3; w++)
      for (int i = 0; i < 3; i++)
        assert_true(isfinite(r->pt[k][w].sig_12_Pa[i]));
  mge_criterion c = MGE_CRIT_TSAI_WU;
  assert_true(isfinite(mge_laminate_fpf(&l, &ld, &c, 1, NULL)));
  mge_error err;
  ld.dT_K = -100;
  assert_int_equal(mge_laminate_solve(&l, &abd, &ld, r, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message,
                         "alpha1 and alpha2 of "
                         "S-glass/epoxy (Daniel-Ishai)"));
  static mge_fail_result fr;
  assert_int_equal(mge_laminate_fail(&l, &ld, &c, 1, NULL, &fr, &err),
                   MGE_E_INPUT);
  assert_non_null(strstr(err.message, nm));
  assert_true(isnan(mge_laminate_fpf(&l, &ld, &c, 1, NULL)));
  double a[8], b[8];
  assert_int_equal(mge_laminate_envelope_hygro(&l, MGE_PLANE_SX_SY, c, NULL, 8,
                                               0, -100, 0, a, b, &err),
                   MGE_E_INPUT);
  ld.dT_K = 0;
  ld.dC = 0.01;
  assert_int_equal(mge_laminate_solve(&l, &abd, &ld, r, &err), MGE_E_INPUT);
  assert_non_null(strstr(err.message, "dC needs beta1 and beta2 of S-glass"));
  free(r);
}

/* The decoder: symmetric and balanced stacks and the adjacency limit. */
static void test_decoder(void **st) {
  (void)st;
  mge_layup_decoder d;
  memset(&d, 0, sizeof d);
  d.mat = lib("E-glass/MY750");
  d.t_ply_m = 0.25e-3;
  d.n_angles = 4;
  double a[4] = {0, 45, 90, 55};
  memcpy(d.angles_deg, a, sizeof a);
  d.symmetric = 1;
  d.balanced = 1;
  static mge_laminate l;
  int idx[2] = {1, 2}, cnt[2] = {1, 1};
  assert_int_equal(mge_layup_decode(&d, 2, idx, cnt, &l, NULL), 0);
  double want[] = {45, -45, 90, 90, -45, 45};
  assert_int_equal(l.n_plies, 6);
  for (int i = 0; i < 6; i++) assert_true(l.ply[i].theta_deg == want[i]);
  d.max_adjacent = 1;
  assert_int_equal(mge_layup_decode(&d, 2, idx, cnt, &l, NULL), MGE_E_RANGE);
  d.max_adjacent = 2;
  assert_int_equal(mge_layup_decode(&d, 2, idx, cnt, &l, NULL), 0);
  int bad_idx[1] = {7}, one[1] = {1};
  assert_int_equal(mge_layup_decode(&d, 1, bad_idx, one, &l, NULL),
                   MGE_E_INPUT);
}

/* The design-engine models evaluate a batch and agree with the direct
 * functions. */
static void test_models(void **st) {
  (void)st;
  size_t n;
  const mge_model *const *ms = mge_composite_models(&n);
  assert_int_equal(n, 4);
  static mge_laminate l1, l2;
  make(&l1, "E-glass/MY750", "[±55]s", 0.25e-3);
  make(&l2, "E-glass/MY750", "[0/90]s", 0.25e-3);
  const mge_laminate *c[2] = {&l1, &l2};
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(ms[i]->family, MGE_FAMILY_LAMINATE);
    double out[2 * 8];
    assert_int_equal(ms[i]->eval(ms[i], c, 2, out, NULL), 0);
    if (strcmp(ms[i]->name, "composite.areal_mass") == 0)
      assert_true(rel(out[0], 1992 * 1e-3) < 1e-12);
  }
  mge_composite_model_params p;
  memset(&p, 0, sizeof p);
  p.load.N[0] = 1e5;
  p.load.N[1] = 2e5; /* pipe: hoop (y) twice the axial (x) */
  p.opts.tsai_wu_F12star = -0.5;
  mge_model fm;
  mge_composite_fpf_model(&fm, &p);
  double out[2];
  assert_int_equal(fm.eval(&fm, c, 2, out, NULL), 0);
  mge_criterion all[MGE_CRIT_N] = {0, 1, 2, 3, 4, 5};
  assert_true(rel(out[0], mge_laminate_fpf(&l1, &p.load, all, 6, &p.opts)) <
              1e-15);
  assert_true(out[0] > out[1]); /* ±55 beats 0/90 for 2:1 (known result) */
}

/* The fast first-ply path agrees with the general per-ply analysis (1e-12
 * relative) with and without bending, for unsymmetric stacks, two
 * materials, and with a thermal residual. */
static void test_fast_path(void **st) {
  (void)st;
  static mge_laminate l;
  static mge_fail_result fr;
  const char *ups[] = {"[0/±45/90]s", "[0/30/-45]", "[±55]3", "[90/+30/-30]s"};
  mge_criterion all[MGE_CRIT_N] = {0, 1, 2, 3, 4, 5};
  for (int u = 0; u < 4; u++)
    for (int b = 0; b < 3; b++) {
      make(&l, "E-glass/LY556", ups[u], 0.3e-3);
      if (u == 3) { /* a second material in the middle plies */
        l.mats[1] = *lib("AS4/3501-6");
        l.n_mats = 2;
        l.ply[2].mat = l.ply[3].mat = 1;
      }
      mge_load ld;
      memset(&ld, 0, sizeof ld);
      ld.N[0] = 1e5;
      ld.N[1] = -5e4;
      ld.N[2] = 2e4;
      if (b >= 1) ld.M[0] = 10, ld.M[2] = -4;
      if (b == 2) ld.dT_K = -80;
      double f = mge_laminate_fpf(&l, &ld, all, 6, NULL);
      assert_int_equal(mge_laminate_fail(&l, &ld, all, 6, NULL, &fr, NULL), 0);
      double g = INFINITY;
      for (int c = 0; c < 6; c++) g = fmin(g, fr.fpf[c]);
      if (rel(f, g) > 1e-12)
        print_error("%s %d: %.15g %.15g\n", ups[u], b, f, g);
      assert_true(rel(f, g) < 1e-12);
    }
  /* bad input gives NaN, not a crash */
  mge_load ld;
  memset(&ld, 0, sizeof ld);
  ld.N[0] = NAN;
  assert_true(isnan(mge_laminate_fpf(&l, &ld, all, 6, NULL)));
  ld.N[0] = 0;
  assert_true(isinf(mge_laminate_fpf(&l, &ld, all, 6, NULL)));
}

/* The envelope plot (drawn by report/): escaped labels, the axes, one
 * polyline per curve. */
static void test_svg(void **st) {
  (void)st;
  static mge_laminate l;
  make(&l, "E-glass/LY556", "[0]", 1e-3);
  double a[2][72], b[2][72];
  for (int c = 0; c < 2; c++)
    assert_int_equal(mge_laminate_envelope(&l, MGE_PLANE_SX_TXY,
                                           c ? MGE_CRIT_PUCK : MGE_CRIT_TSAI_WU,
                                           NULL, 72, 0, a[c], b[c], NULL),
                     0);
  const double *ap[2] = {a[0], a[1]}, *bp[2] = {b[0], b[1]};
  const char *lb[2] = {"tsai-wu", "puck <&>"};
  char *buf = NULL;
  assert_int_equal(mge_report_envelope_svg(MGE_PLANE_SX_TXY, 2, ap, bp, 72, lb,
                                           "t", &buf, NULL),
                   0);
  assert_true(strlen(buf) > 500);
  assert_non_null(strstr(buf, "<svg"));
  assert_non_null(strstr(buf, "puck &lt;&amp;&gt;"));
  assert_non_null(strstr(buf, "τxy (MPa)"));
  int lines = 0;
  for (const char *p = buf; (p = strstr(p, "<polyline")); p++) lines++;
  assert_int_equal(lines, 2);
  free(buf);
  assert_int_equal(mge_report_envelope_svg(MGE_PLANE_SX_TXY, 0, ap, bp, 72, lb,
                                           "t", &buf, NULL),
                   MGE_E_INPUT);
  assert_null(buf);
  /* a cooled UD ply has no residual stress (free to contract); a cross-ply
   * has, and its envelope shrinks in transverse tension of the 90 plies */
  static mge_laminate x;
  make(&x, "E-glass/MY750", "[0/90]s", 0.25e-3);
  double a0[8], b0[8], a1[8], b1[8];
  assert_int_equal(
      mge_laminate_envelope_hygro(&l, MGE_PLANE_SX_SY, MGE_CRIT_PUCK, NULL, 8,
                                  0, -100, 0, a0, b0, NULL),
      0);
  assert_true(rel(a0[0], lib("E-glass/LY556")->Xt_Pa) < 1e-9);
  assert_int_equal(mge_laminate_envelope(&x, MGE_PLANE_SX_SY, MGE_CRIT_PUCK,
                                         NULL, 8, 0, a0, b0, NULL),
                   0);
  assert_int_equal(
      mge_laminate_envelope_hygro(&x, MGE_PLANE_SX_SY, MGE_CRIT_PUCK, NULL, 8,
                                  0, -100, 0, a1, b1, NULL),
      0);
  assert_true(a1[0] < a0[0]);
  assert_int_equal(mge_laminate_envelope(&l, MGE_PLANE_SX_SY, MGE_CRIT_PUCK,
                                         NULL, 3, 0, a[0], b[0], NULL),
                   MGE_E_INPUT);
}

/* The per-criterion forms are the single-criterion calls one after the
 * other (identical values, with and without a residual dT); an unloaded
 * laminate has no last-ply failure under any criterion. */
static void test_each_criterion(void **st) {
  (void)st;
  static mge_laminate l;
  make(&l, "E-glass/MY750", "[0/90]s", 0.25e-3);
  const mge_criterion cr[2] = {MGE_CRIT_TSAI_WU, MGE_CRIT_PUCK};
  double a[2 * 36], b[2 * 36], a1[36], b1[36];
  for (int t = 0; t < 2; t++) {
    double dT = t ? -100 : 0;
    assert_int_equal(mge_laminate_envelopes(&l, MGE_PLANE_SX_SY, cr, 2, NULL,
                                            36, 0, dT, 0, a, b, NULL),
                     0);
    for (int c = 0; c < 2; c++) {
      assert_int_equal(
          mge_laminate_envelope_hygro(&l, MGE_PLANE_SX_SY, cr[c], NULL, 36, 0,
                                      dT, 0, a1, b1, NULL),
          0);
      for (int k = 0; k < 36; k++) {
        assert_true(a[c * 36 + k] == a1[k] ||
                    (isnan(a1[k]) && isnan(a[c * 36 + k])));
        assert_true(b[c * 36 + k] == b1[k] ||
                    (isnan(b1[k]) && isnan(b[c * 36 + k])));
      }
    }
  }
  /* the cooled cross-ply fails earlier in transverse tension of the 90
   * plies (test_svg) */
  double a0[36], b0[36];
  assert_int_equal(mge_laminate_envelope(&l, MGE_PLANE_SX_SY, cr[1], NULL, 36,
                                         0, a0, b0, NULL),
                   0);
  assert_true(a[36] < a0[0]);
  assert_int_equal(mge_laminate_envelopes(&l, MGE_PLANE_SX_SY, cr, 0, NULL, 36,
                                          0, 0, 0, a, b, NULL),
                   MGE_E_INPUT);
  assert_int_equal(mge_laminate_envelopes(&l, MGE_PLANE_SX_SY, cr, 2, NULL, 3,
                                          0, 0, 0, a, b, NULL),
                   MGE_E_INPUT);
  mge_load ld;
  memset(&ld, 0, sizeof ld);
  ld.N[0] = 1e5;
  static mge_lpf_result lp[2], one;
  int ok[2];
  assert_int_equal(mge_laminate_lpf_each(&l, &ld, cr, 2, NULL, lp, ok), 2);
  for (int c = 0; c < 2; c++) {
    assert_int_equal(mge_laminate_lpf(&l, &ld, cr[c], NULL, &one, NULL), 0);
    assert_true(ok[c] && lp[c].lpf == one.lpf && lp[c].n_steps == one.n_steps);
  }
  ld.N[0] = 0;
  assert_int_equal(mge_laminate_lpf_each(&l, &ld, cr, 2, NULL, lp, ok), 0);
  assert_true(!ok[0] && !ok[1]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_crossply_symmetric),
      cmocka_unit_test(test_quasi_isotropic),
      cmocka_unit_test(test_inverse_and_lamina),
      cmocka_unit_test(test_strength_ratio),
      cmocka_unit_test(test_crossply_fpf_lpf),
      cmocka_unit_test(test_hygrothermal),
      cmocka_unit_test(test_unknown_alpha),
      cmocka_unit_test(test_decoder),
      cmocka_unit_test(test_models),
      cmocka_unit_test(test_fast_path),
      cmocka_unit_test(test_svg),
      cmocka_unit_test(test_each_criterion),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
