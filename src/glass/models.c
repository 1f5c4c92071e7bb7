/* The glass family's models for the design engine (candidates are
 * const mge_recipe[n]). Model ids: MGE_MODEL_GLASS_* (mge/model_ids.h). */
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

/* glass.ionex_default: one schedule for every candidate, its numbers in
 * the model's parameter table (below): E and nu from Makishima-Mackenzie
 * for each candidate; the diffusion and dilation parameters are those of
 * examples/glass/ionex_aas.yaml (not composition-dependent: the model ranks
 * by modulus only through E/(1-nu) and is NaN for glasses without Na2O). */
enum {
  IX_THICKNESS,
  IX_T,
  IX_TIME,
  IX_B,
  IX_D0,
  IX_Q,
  IX_RATIO,
  IX_K_EQ,
  IX_NODES,
  IX_STEPS,
  IX_DT_GROWTH,
  IX_N
};
static const mge_model_param ionex_params[IX_N] = {
    [IX_THICKNESS] = {"thickness", 0.7e-3, "m", "plate thickness"},
    [IX_T] = {"T", 683.15, "K", "bath temperature (410 C)"},
    [IX_TIME] = {"time", 8 * 3600.0, "s", "time in the bath (8 h)"},
    [IX_B] = {"B", 0.0095, "1",
              "linear network dilation per unit of exchanged fraction "
              "(examples/glass/ionex_aas.yaml)"},
    [IX_D0] = {"D0", 6.0e-6, "m^2/s",
               "pre-exponential of the K+ self-diffusion coefficient"},
    [IX_Q] = {"Q", 120e3, "J/mol", "activation energy of that diffusion"},
    [IX_RATIO] = {"ratio", 5, "1", "D(Na+) / D(K+)"},
    [IX_K_EQ] = {"K_eq", 1, "1",
                 "ion-exchange equilibrium constant (pure KNO3 bath)"},
    [IX_NODES] = {"n_nodes", 81, "1", "grid nodes through the half thickness"},
    [IX_STEPS] = {"n_time", 80, "1", "time steps of the schedule"},
    [IX_DT_GROWTH] = {"dt_growth", 1.06, "1",
                      "growth factor of successive time steps"},
};

static int eval_ionex(const mge_model *m, const void *cand, size_t n,
                      double *out, mge_error *err) {
  (void)err;
  const mge_model_param *q = m->param;
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
    pr.thickness_m = q[IX_THICKNESS].value;
    pr.glass = (mge_ionex_glass){.E_Pa = p.value[MGE_GP_YOUNG],
                                 .nu = p.value[MGE_GP_POISSON],
                                 .B = q[IX_B].value,
                                 .D0_m2_s = q[IX_D0].value,
                                 .Q_J_mol = q[IX_Q].value,
                                 .ratio = q[IX_RATIO].value,
                                 .C_init = 0,
                                 .K_eq = q[IX_K_EQ].value};
    pr.n_steps = 1;
    pr.step[0] = (mge_ionex_step){q[IX_T].value, q[IX_TIME].value, 0.0};
    mge_ionex_opts_default(&pr.opts);
    pr.opts.n_nodes = (int)q[IX_NODES].value;
    pr.opts.n_time = (int)q[IX_STEPS].value;
    pr.opts.dt_growth = q[IX_DT_GROWTH].value;
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
    {MGE_MODEL_GLASS_DENSITY, "glass.density", MGE_FAMILY_GLASS, 1, out_density,
     "A. Fluegel, J. Am. Ceram. Soc. 90 (2007) 2622", eval_density, NULL, 0,
     NULL},
    {MGE_MODEL_GLASS_ELASTIC, "glass.elastic", MGE_FAMILY_GLASS, 3, out_elastic,
     "Makishima & Mackenzie, J. Non-Cryst. Solids 12 (1973) 35; 17 (1975) 147",
     eval_elastic, NULL, 0, NULL},
    {MGE_MODEL_GLASS_VISC_TEMPS, "glass.visc_temps", MGE_FAMILY_GLASS,
     MGE_VISC_T_N, out_visc,
     "Mauro et al., PNAS 106 (2009) 19780; SciGlass (c) 2019 EPAM Systems, "
     "ODbL",
     eval_visc, NULL, 0, NULL},
    {MGE_MODEL_GLASS_IONEX_DEFAULT, "glass.ionex_default", MGE_FAMILY_GLASS, 3,
     out_ionex, "US 2010/0035038 A1 (frangibility); docs/glass.md", eval_ionex,
     NULL, IX_N, ionex_params},
};

static const mge_model *const model_list[] = {&models[0], &models[1],
                                              &models[2], &models[3]};

const mge_model *const *mge_glass_models(size_t *n) {
  if (n) *n = sizeof model_list / sizeof model_list[0];
  return model_list;
}
