/* Failure envelopes in a plane of average laminate stress (their plot is
 * mge_report_envelope_svg in report/). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "composite/internal.h"

static const char *const plane_names[] = {"sx-sy", "sx-txy", "sy-txy"};

const char *mge_stress_plane_name(mge_stress_plane p) {
  return (p >= 0 && p <= 2) ? plane_names[p] : "unknown";
}

int mge_stress_plane_parse(const char *name) {
  if (!name) return -1;
  for (int i = 0; i < 3; i++)
    if (cmp_name_eq(name, plane_names[i])) return i;
  return -1;
}

static void plane_load(mge_stress_plane pl, double h, double a, double b,
                       double N[3]) {
  N[0] = N[1] = N[2] = 0;
  switch (pl) {
    case MGE_PLANE_SX_SY: N[0] = a * h, N[1] = b * h; break;
    case MGE_PLANE_SX_TXY: N[0] = a * h, N[2] = b * h; break;
    case MGE_PLANE_SY_TXY: N[1] = a * h, N[2] = b * h; break;
  }
}

int mge_laminate_envelope(const mge_laminate *lam, mge_stress_plane plane,
                          mge_criterion c, const mge_fail_opts *o, int n_dir,
                          int last_ply, double *a_Pa, double *b_Pa,
                          mge_error *err) {
  return mge_laminate_envelope_hygro(lam, plane, c, o, n_dir, last_ply, 0.0,
                                     0.0, a_Pa, b_Pa, err);
}

int mge_laminate_envelope_hygro(const mge_laminate *lam, mge_stress_plane plane,
                                mge_criterion c, const mge_fail_opts *o,
                                int n_dir, int last_ply, double dT_K, double dC,
                                double *a_Pa, double *b_Pa, mge_error *err) {
  int rc;
  if (!isfinite(dT_K) || !isfinite(dC))
    return mge_error_set(err, MGE_E_INPUT, "dT or dC is not finite");
  mge_load res;
  memset(&res, 0, sizeof res);
  res.dT_K = dT_K;
  res.dC = dC;
  if ((rc = mge_laminate_check(lam, 1, err))) return rc;
  if ((rc = mge_laminate_hygro_check(lam, dT_K, dC, err))) return rc;
  if (plane < 0 || plane > 2)
    return mge_error_set(err, MGE_E_INPUT, "unknown stress plane");
  if (c < 0 || c >= MGE_CRIT_N)
    return mge_error_set(err, MGE_E_INPUT, "unknown criterion");
  if (n_dir < 4 || n_dir > 100000)
    return mge_error_set(err, MGE_E_INPUT,
                         "number of directions %d: must be in 4..100000",
                         n_dir);
  if (last_ply && n_dir > 3600)
    return mge_error_set(err, MGE_E_LIMIT,
                         "last-ply envelopes take at most 3600 directions");
  double h = mge_laminate_thickness(lam);
  cmp_prep p;
  if (!last_ply && !cmp_prep_init(&p, lam, &res, o, NULL))
    return mge_error_set(err, MGE_E_RANGE, "the ABD matrix is singular");
  const double M0[3] = {0, 0, 0};
  for (int k = 0; k < n_dir; k++) {
    double phi = 2.0 * M_PI * k / n_dir;
    double ca = cos(phi), sb = sin(phi);
    if (fabs(ca) < 1e-15) ca = 0;
    if (fabs(sb) < 1e-15) sb = 0;
    double N[3], R;
    plane_load(plane, h, ca, sb, N);
    if (last_ply) {
      mge_load ld = res;
      memcpy(ld.N, N, sizeof N);
      mge_lpf_result lr;
      R = mge_laminate_lpf(lam, &ld, c, o, &lr, NULL) ? NAN : lr.lpf;
    } else {
      R = cmp_prep_fpf(&p, lam, N, M0, &c, 1);
    }
    if (!isfinite(R)) R = NAN;
    a_Pa[k] = R * ca;
    b_Pa[k] = R * sb;
  }
  return MGE_OK;
}

int mge_laminate_envelopes(const mge_laminate *lam, mge_stress_plane plane,
                           const mge_criterion *crit, int n_crit,
                           const mge_fail_opts *o, int n_dir, int last_ply,
                           double dT_K, double dC, double *a_Pa, double *b_Pa,
                           mge_error *err) {
  int rc;
  if ((rc = cmp_check_crit(crit, n_crit, err))) return rc;
  for (int c = 0; c < n_crit; c++)
    if ((rc = mge_laminate_envelope_hygro(
             lam, plane, crit[c], o, n_dir, last_ply, dT_K, dC,
             a_Pa + (size_t)c * n_dir, b_Pa + (size_t)c * n_dir, err)))
      return rc;
  return MGE_OK;
}
