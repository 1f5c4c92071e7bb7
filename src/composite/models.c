/* Design-engine property models for laminates and the layup decoder. */
#include <math.h>
#include <string.h>

#include "composite/internal.h"

static const mge_laminate *cand_at(const void *cand, size_t i) {
  return ((const mge_laminate *const *)cand)[i];
}

static int eval_mass(const mge_model *m, const void *cand, size_t n,
                     double *out, mge_error *err) {
  (void)err;
  for (size_t i = 0; i < n; i++) {
    const mge_laminate *l = cand_at(cand, i);
    int ok = l && !mge_laminate_check(l, 0, NULL);
    out[i * m->n_out + 0] = ok ? mge_laminate_areal_mass(l) : NAN;
    out[i * m->n_out + 1] = ok ? mge_laminate_thickness(l) : NAN;
  }
  return MGE_OK;
}

static int eval_cost(const mge_model *m, const void *cand, size_t n,
                     double *out, mge_error *err) {
  (void)err;
  for (size_t i = 0; i < n; i++) {
    const mge_laminate *l = cand_at(cand, i);
    int ok = l && !mge_laminate_check(l, 0, NULL);
    out[i * m->n_out] = ok ? mge_laminate_areal_cost(l) : NAN;
  }
  return MGE_OK;
}

static int eval_moduli(const mge_model *m, const void *cand, size_t n,
                       double *out, mge_error *err) {
  (void)err;
  for (size_t i = 0; i < n; i++) {
    const mge_laminate *l = cand_at(cand, i);
    double *o = out + i * m->n_out;
    mge_abd abd;
    mge_laminate_constants k;
    if (!l || mge_laminate_abd(l, &abd, NULL) ||
        mge_laminate_constants_compute(&abd, &k, NULL)) {
      for (int j = 0; j < m->n_out; j++) o[j] = NAN;
      continue;
    }
    o[0] = k.Ex_Pa;
    o[1] = k.Ey_Pa;
    o[2] = k.Gxy_Pa;
    o[3] = k.nuxy;
    o[4] = k.Efx_Pa;
    o[5] = k.Efy_Pa;
  }
  return MGE_OK;
}

/* composite.fpf's constants: the load case when the problem gives none
 * (the laminate family's bind hook replaces it by the problem's load:) and
 * the Tsai-Wu interaction term. */
#define FPF_NX 1.0         /* N/m: a unit load, so the reserve is the load */
#define FPF_F12STAR (-0.5) /* Tsai & Hahn's recommended F12* */
static const mge_model_param fpf_params[] = {
    {"Nx", FPF_NX, "N/m",
     "default in-plane load Nx when the problem has no load: block (the "
     "reserve factor is then the failure load)"},
    {"tsai_wu_F12star", FPF_F12STAR, "1",
     "normalised Tsai-Wu interaction term F12* (Tsai & Hahn 1980)"}};

static const mge_composite_model_params default_params = {
    .load = {.N = {FPF_NX, 0.0, 0.0}},
    .crit = {MGE_CRIT_MAX_STRESS, MGE_CRIT_MAX_STRAIN, MGE_CRIT_TSAI_HILL,
             MGE_CRIT_TSAI_WU, MGE_CRIT_HASHIN, MGE_CRIT_PUCK},
    .n_crit = MGE_CRIT_N,
    .opts = {.tsai_wu_F12star = FPF_F12STAR}};

static int eval_fpf(const mge_model *m, const void *cand, size_t n, double *out,
                    mge_error *err) {
  const mge_composite_model_params *p =
      m->params ? (const mge_composite_model_params *)m->params
                : &default_params;
  mge_criterion all[MGE_CRIT_N];
  const mge_criterion *crit = p->crit;
  int nc = p->n_crit;
  if (nc <= 0) {
    for (int i = 0; i < MGE_CRIT_N; i++) all[i] = (mge_criterion)i;
    crit = all;
    nc = MGE_CRIT_N;
  }
  int rc = cmp_check_load(&p->load, err);
  if (rc) return rc;
  for (size_t i = 0; i < n; i++) {
    const mge_laminate *l = cand_at(cand, i);
    double r = l ? mge_laminate_fpf(l, &p->load, crit, nc, &p->opts) : NAN;
    out[i * m->n_out] = isfinite(r) ? r : (r > 0 ? INFINITY : NAN);
  }
  return MGE_OK;
}

static const mge_output out_mass[] = {
    {"areal_mass", "kg/m2", "mass per unit area of the laminate"},
    {"thickness", "m", "total cured thickness"}};
static const mge_output out_cost[] = {
    {"areal_cost", "USD/m2", "material cost per unit area (lamina price)"}};
static const mge_output out_moduli[] = {
    {"Ex", "Pa", "effective in-plane modulus in x (Kaw Eq. 4.35)"},
    {"Ey", "Pa", "effective in-plane modulus in y"},
    {"Gxy", "Pa", "effective in-plane shear modulus"},
    {"nuxy", "1", "effective in-plane Poisson ratio"},
    {"Efx", "Pa", "flexural modulus in x (Kaw Eq. 4.40)"},
    {"Efy", "Pa", "flexural modulus in y"}};
static const mge_output out_fpf[] = {
    {"fpf_reserve", "1",
     "first-ply failure reserve factor under the load case (min over plies "
     "and criteria)"}};

static const mge_model model_mass = {MGE_MODEL_COMPOSITE_AREAL_MASS,
                                     "composite.areal_mass",
                                     MGE_FAMILY_LAMINATE,
                                     2,
                                     out_mass,
                                     "Kaw 2006 (ISBN 978-0-8493-1343-1)",
                                     eval_mass,
                                     NULL,
                                     0,
                                     NULL};
static const mge_model model_cost = {MGE_MODEL_COMPOSITE_AREAL_COST,
                                     "composite.areal_cost",
                                     MGE_FAMILY_LAMINATE,
                                     1,
                                     out_cost,
                                     "definition: sum over plies of lamina "
                                     "price x density x thickness (prices "
                                     "from the material data)",
                                     eval_cost,
                                     NULL,
                                     0,
                                     NULL};
static const mge_model model_moduli = {MGE_MODEL_COMPOSITE_MODULI,
                                       "composite.moduli",
                                       MGE_FAMILY_LAMINATE,
                                       6,
                                       out_moduli,
                                       "Kaw 2006, Sec. 4.6",
                                       eval_moduli,
                                       NULL,
                                       0,
                                       NULL};
static const mge_model model_fpf = {
    MGE_MODEL_COMPOSITE_FPF,
    "composite.fpf",
    MGE_FAMILY_LAMINATE,
    1,
    out_fpf,
    "doi:10.1177/002199837100500106; doi:10.1115/1.3153664; "
    "doi:10.1016/S0266-3538(01)00208-1",
    eval_fpf,
    &default_params,
    sizeof fpf_params / sizeof fpf_params[0],
    fpf_params};

static const mge_model *const models[] = {&model_mass, &model_cost,
                                          &model_moduli, &model_fpf};

const mge_model *const *mge_composite_models(size_t *n) {
  if (n) *n = sizeof models / sizeof models[0];
  return models;
}

void mge_composite_fpf_model(mge_model *m,
                             const mge_composite_model_params *p) {
  *m = model_fpf;
  m->params = p;
}

/* ------------------------------------------------------------- decoder */

int mge_layup_decode(const mge_layup_decoder *d, int n_groups,
                     const int *angle_idx, const int *count, mge_laminate *out,
                     mge_error *err) {
  if (!d || !d->mat || !angle_idx || !count || !out)
    return mge_error_set(err, MGE_E_INPUT, "missing argument");
  if (d->n_angles < 1 || d->n_angles > 16)
    return mge_error_set(err, MGE_E_INPUT, "1..16 candidate angles expected");
  if (!(d->t_ply_m > 0))
    return mge_error_set(err, MGE_E_INPUT, "ply thickness must be positive");
  if (n_groups < 1 || n_groups > MGE_LAMINATE_MAX_PLIES)
    return mge_error_set(err, MGE_E_INPUT, "bad number of ply groups %d",
                         n_groups);
  double half[MGE_LAMINATE_MAX_PLIES];
  int nh = 0;
  int cap = d->symmetric ? MGE_LAMINATE_MAX_PLIES / 2 : MGE_LAMINATE_MAX_PLIES;
  for (int g = 0; g < n_groups; g++) {
    if (angle_idx[g] < 0 || angle_idx[g] >= d->n_angles)
      return mge_error_set(err, MGE_E_INPUT, "group %d: angle index %d", g,
                           angle_idx[g]);
    if (count[g] < 0)
      return mge_error_set(err, MGE_E_INPUT, "group %d: negative count", g);
    double a = d->angles_deg[angle_idx[g]];
    int pair = d->balanced && fmod(fabs(a), 90.0) != 0.0;
    for (int c = 0; c < count[g]; c++) {
      if (nh + 1 + pair > cap)
        return mge_error_set(err, MGE_E_LIMIT, "too many plies");
      half[nh++] = a;
      if (pair) half[nh++] = -a;
    }
  }
  if (nh == 0) return mge_error_set(err, MGE_E_RANGE, "no plies");
  memset(out, 0, sizeof *out);
  out->n_mats = 1;
  out->mats[0] = *d->mat;
  int n = 0;
  for (int k = 0; k < nh; k++) out->ply[n++].theta_deg = half[k];
  if (d->symmetric)
    for (int k = nh - 1; k >= 0; k--) out->ply[n++].theta_deg = half[k];
  out->n_plies = n;
  for (int k = 0; k < n; k++) {
    out->ply[k].t_m = d->t_ply_m;
    out->ply[k].mat = 0;
  }
  if (d->max_adjacent > 0) {
    int run = 1;
    for (int k = 1; k < n; k++) {
      run = out->ply[k].theta_deg == out->ply[k - 1].theta_deg ? run + 1 : 1;
      if (run > d->max_adjacent)
        return mge_error_set(err, MGE_E_RANGE,
                             "%d adjacent plies at %g deg (limit %d)", run,
                             out->ply[k].theta_deg, d->max_adjacent);
    }
  }
  return MGE_OK;
}
