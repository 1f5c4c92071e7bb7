/* The glass family's models for the design engine (candidates are
 * const mge_recipe[n]). Model ids 6001-6004 are permanent. */
#include <math.h>

#include "glass/glass_internal.h"

static int eval_density(const mge_model *m, const void *cand, size_t n,
                        double *out, mge_error *err) {
  (void)m, (void)err;
  const mge_recipe *r = cand;
  for (size_t i = 0; i < n; i++)
    if (mge_glass_density(&r[i], &out[i], NULL, NULL)) out[i] = NAN;
  return MGE_OK;
}

static int eval_elastic(const mge_model *m, const void *cand, size_t n,
                        double *out, mge_error *err) {
  (void)m, (void)err;
  const mge_recipe *r = cand;
  for (size_t i = 0; i < n; i++) {
    mge_glass_props p;
    double *o = out + 3 * i;
    if (mge_glass_props_eval(&r[i], &p, NULL)) {
      o[0] = o[1] = o[2] = NAN;
      continue;
    }
    o[0] = p.value[MGE_GP_YOUNG];
    o[1] = p.value[MGE_GP_SHEAR];
    o[2] = p.value[MGE_GP_POISSON];
  }
  return MGE_OK;
}

static int eval_visc(const mge_model *m, const void *cand, size_t n,
                     double *out, mge_error *err) {
  (void)m, (void)err;
  const mge_recipe *r = cand;
  for (size_t i = 0; i < n; i++) {
    double *o = out + MGE_VISC_T_N * i;
    mge_visc v;
    mge_visc_temps t;
    unsigned w = 0;
    int ok = mge_visc_predict(&r[i], &v, &w, NULL) == MGE_OK &&
             !(w & (MGE_GLASS_W_UNKNOWN_OXIDE | MGE_GLASS_W_UNDEFINED)) &&
             mge_visc_char_temps(&v, &t, NULL) == MGE_OK;
    for (int k = 0; k < MGE_VISC_T_N; k++) o[k] = ok ? t.T_K[k] : NAN;
  }
  return MGE_OK;
}

/* Default schedule of glass.ionex_default: 0.7 mm plate, 410 C, 8 h, pure
 * KNO3; E and nu from Makishima-Mackenzie for each candidate; diffusion and
 * dilation parameters are those of examples/glass/ionex_aas.yaml (not
 * composition-dependent: the model ranks by modulus only through E/(1-nu)
 * and is NaN for glasses without Na2O). */
static int eval_ionex(const mge_model *m, const void *cand, size_t n,
                      double *out, mge_error *err) {
  (void)m, (void)err;
  const mge_recipe *r = cand;
  for (size_t i = 0; i < n; i++) {
    double *o = out + 3 * i;
    o[0] = o[1] = o[2] = NAN;
    mge_glass_props p;
    double x[GLASS_NOX], unk;
    if (glass_recipe_vector(&r[i], x, &unk, NULL) || x[OX_Na2O] <= 0) continue;
    if (mge_glass_props_eval(&r[i], &p, NULL)) continue;
    mge_ionex_problem pr = {0};
    pr.pair = MGE_IONEX_K_NA;
    pr.thickness_m = 0.7e-3;
    pr.glass = (mge_ionex_glass){.E_Pa = p.value[MGE_GP_YOUNG],
                                 .nu = p.value[MGE_GP_POISSON],
                                 .B = 0.0095,
                                 .D0_m2_s = 6.0e-6,
                                 .Q_J_mol = 120e3,
                                 .ratio = 5,
                                 .C_init = 0,
                                 .K_eq = 1};
    pr.n_steps = 1;
    pr.step[0] = (mge_ionex_step){683.15, 8 * 3600.0, 0.0};
    mge_ionex_opts_default(&pr.opts);
    pr.opts.n_nodes = 81;
    pr.opts.n_time = 80;
    pr.opts.dt_growth = 1.06;
    mge_ionex_result res;
    if (mge_ionex_run(&pr, &res, NULL)) continue;
    o[0] = res.CS_Pa, o[1] = res.DOL_m, o[2] = res.CT_Pa;
    mge_ionex_result_free(&res);
  }
  return MGE_OK;
}

static const mge_output out_density[] = {
    {"density", "kg/m3", "density at 20 C (Fluegel 2007)"}};
static const mge_output out_elastic[] = {
    {"young_modulus", "Pa", "Young's modulus (Makishima-Mackenzie)"},
    {"shear_modulus", "Pa", "shear modulus (Makishima-Mackenzie)"},
    {"poisson_ratio", "1", "Poisson ratio (Makishima-Mackenzie)"}};
static const mge_output out_visc[] = {
    {"T_strain", "K", "temperature of 10^13.5 Pa s"},
    {"T_annealing", "K", "temperature of 10^12 Pa s"},
    {"T_g", "K", "glass transition, 10^12 Pa s"},
    {"T_softening", "K", "temperature of 10^6.6 Pa s"},
    {"T_working", "K", "temperature of 10^3 Pa s"},
    {"T_fiber", "K", "fibre forming, 10^2 Pa s (10^3 poise)"}};
static const mge_output out_ionex[] = {
    {"CS", "Pa", "surface compressive stress, default schedule"},
    {"DOL", "m", "depth of layer, default schedule"},
    {"CT", "Pa", "central tension, default schedule"}};

static const mge_model models[] = {
    {6001, "glass.density", MGE_FAMILY_GLASS, 1, out_density,
     "A. Fluegel, J. Am. Ceram. Soc. 90 (2007) 2622", eval_density, NULL},
    {6002, "glass.elastic", MGE_FAMILY_GLASS, 3, out_elastic,
     "Makishima & Mackenzie, J. Non-Cryst. Solids 12 (1973) 35; 17 (1975) 147",
     eval_elastic, NULL},
    {6003, "glass.visc_temps", MGE_FAMILY_GLASS, MGE_VISC_T_N, out_visc,
     "Mauro et al., PNAS 106 (2009) 19780; SciGlass (c) 2019 EPAM Systems, "
     "ODbL",
     eval_visc, NULL},
    {6004, "glass.ionex_default", MGE_FAMILY_GLASS, 3, out_ionex,
     "US 2010/0035038 A1 (frangibility); docs/glass.md", eval_ionex, NULL},
};

static const mge_model *const model_list[] = {&models[0], &models[1],
                                              &models[2], &models[3]};

const mge_model *const *mge_glass_models(size_t *n) {
  if (n) *n = sizeof model_list / sizeof model_list[0];
  return model_list;
}
