/* mge glass: composition-property models for oxide glasses, viscosity and
 * processing temperatures, and an ion-exchange (chemical strengthening)
 * simulator.
 *
 * Inputs are oxide recipes (mge_recipe, include/mge/chem.h): compounds named
 * by their formula text ("SiO2", "Na2O") with mole fractions. Compounds are
 * recognised by that text only (the elemental unit is not needed), so a
 * recipe can be built by hand as well as by mge_recipe_parse.
 *
 * Units: SI everywhere (K, Pa, m, s, kg, mol, J/mol); viscosity as
 * log10(eta / Pa s). Every model states its reference and validity range;
 * a result outside the range carries warning bits (MGE_GLASS_W_*), never a
 * silent extrapolation. Derived, documented in docs/glass.md.
 *
 * Thread safety: every function is reentrant and uses no mutable global
 * state (tables are static const); outputs must not alias inputs.
 */
#ifndef MGE_GLASS_H
#define MGE_GLASS_H

#include <stddef.h>

#include "mge/chem.h"
#include "mge/core.h"
#include "mge/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- warnings */

/* Warning bits attached to a property value (OR-ed together). */
enum {
  MGE_GLASS_W_UNKNOWN_OXIDE = 1u << 0, /* a compound the model has no term
                                          for (counted as Remainder or NaN) */
  MGE_GLASS_W_RANGE = 1u << 1,         /* composition outside the model's
                                          stated validity range */
  MGE_GLASS_W_NO_SILICA = 1u << 2,     /* SiO2 below the model's minimum */
  MGE_GLASS_W_EXTRAPOLATED = 1u << 3,  /* a derived quantity outside its
                                          usual physical range */
  MGE_GLASS_W_UNDEFINED = 1u << 4      /* value undefined (e.g. no Al2O3 for
                                          R2O/Al2O3): NaN or infinity */
};

/* A one-line description of a single warning bit (static string). */
MGE_API const char *mge_glass_warning_text(unsigned bit);

/* Format all bits of warn as "; "-separated text into buf (capacity cap,
 * always NUL-terminated when cap > 0). Returns buf. */
MGE_API char *mge_glass_warning_format(unsigned warn, char *buf, size_t cap);

/* ------------------------------------------------------ composition models */

/* Properties computed by mge_glass_props_eval, in this order. */
typedef enum mge_glass_prop {
  MGE_GP_DENSITY = 0,    /* kg/m3, Fluegel 2007 global model, 20 C */
  MGE_GP_MOLAR_MASS,     /* kg/mol, per mole of oxide formula units */
  MGE_GP_MOLAR_VOLUME,   /* m3/mol, M / rho */
  MGE_GP_OXYGEN_PACKING, /* mol O / m3 (oxygen packing density) */
  MGE_GP_YOUNG,          /* Pa, Makishima-Mackenzie 1973 */
  MGE_GP_SHEAR,          /* Pa, Makishima-Mackenzie 1975 */
  MGE_GP_BULK,           /* Pa, Makishima-Mackenzie 1975 */
  MGE_GP_POISSON,        /* 1, Makishima-Mackenzie 1975 */
  MGE_GP_PACKING,        /* 1, MM packing density V_t */
  MGE_GP_R2O_AL2O3,      /* 1, molar (Li2O+Na2O+K2O+Rb2O+Cs2O)/Al2O3 */
  MGE_GP_NBO_T,          /* 1, non-bridging oxygen per tetrahedron */
  MGE_GP_N
} mge_glass_prop;

/* Static description of one property: name ("density"), SI unit ("kg/m3"),
 * a one-line description, its reference and its validity range as text. */
typedef struct mge_glass_prop_info {
  const char *name;
  const char *unit;
  const char *desc;
  const char *ref;
  const char *validity;
} mge_glass_prop_info;

/* Info on property p (0 <= p < MGE_GP_N), or NULL. Borrowed, static. */
MGE_API const mge_glass_prop_info *mge_glass_prop_info_get(int p);

typedef struct mge_glass_props {
  double value[MGE_GP_N];  /* SI, see mge_glass_prop; NaN if undefined */
  unsigned warn[MGE_GP_N]; /* MGE_GLASS_W_* bits per property */
} mge_glass_props;

/* Evaluate every composition property of recipe r. Errors (MGE_E_INPUT): a
 * mole fraction that is negative or not finite, an empty recipe, fractions
 * that do not sum to 1 within 1e-6. Compounds unknown to a model do not fail
 * the call: they set MGE_GLASS_W_UNKNOWN_OXIDE on the affected properties. */
MGE_API int mge_glass_props_eval(const mge_recipe *r, mge_glass_props *out,
                                 mge_error *err);

/* Density alone (Fluegel 2007), kg/m3, with its warning bits (warn may be
 * NULL). The fast path used by the design engine and the benchmark. */
MGE_API int mge_glass_density(const mge_recipe *r, double *rho_kg_m3,
                              unsigned *warn, mge_error *err);

/* Thermal expansion is not provided: no coefficient table (Appen 1961 or
 * newer) with its source and its concentration-dependent rules could be
 * obtained and checked for this release; see docs/glass.md. */

/* --------------------------------------------------------------- viscosity */

typedef enum mge_visc_kind {
  MGE_VISC_VFT = 0,   /* log10 eta = A + B / (T - C); p = {A, B/K, C/K} */
  MGE_VISC_MYEGA = 1, /* Mauro et al. 2009; p = {log10 eta_inf, Tg/K, m} */
  MGE_VISC_AM = 2     /* Avramov-Milchev 1988 in the Tg, m form:
                         log10 eta = l + (12 - l) (Tg/T)^(m / (12 - l));
                         p = {log10 eta_inf, Tg/K, m} */
} mge_visc_kind;

/* Name of a kind ("VFT", "MYEGA", "AM") and the kind for a name (case-
 * insensitive; returns -1 if unknown). */
MGE_API const char *mge_visc_kind_name(mge_visc_kind k);
MGE_API int mge_visc_kind_parse(const char *name);

/* A viscosity curve: its equation and parameters (eta in Pa s, T in K). For
 * MYEGA and AM, Tg is the temperature of 10^12 Pa s and m the fragility
 * index by construction. cov is the 3x3 parameter covariance (row major)
 * when has_cov is 1. */
typedef struct mge_visc {
  mge_visc_kind kind;
  double p[3];
  double cov[9];
  int has_cov;
} mge_visc;

/* log10(eta / Pa s) at T_K (> 0). NaN where undefined (VFT with T <= C). */
MGE_API double mge_visc_log10(const mge_visc *v, double T_K);

/* The temperature at which log10(eta / Pa s) = log10_eta. Errors:
 * MGE_E_RANGE when the curve never reaches that value, MGE_E_INPUT for a bad
 * curve (non-finite parameters). */
MGE_API int mge_visc_temperature(const mge_visc *v, double log10_eta,
                                 double *T_K, mge_error *err);

typedef struct mge_visc_fit_info {
  int iterations;
  int n;           /* points */
  int dof;         /* n - 3 */
  double chi2;     /* sum of squared weighted residuals */
  double rms;      /* unweighted RMS residual, log10 Pa s */
  int sigma_given; /* 1 if point uncertainties were used as weights; 0: the
                      covariance is scaled by chi2/dof */
} mge_visc_fit_info;

/* Fit an equation to n >= 4 measured points (T_K[i], log10_eta[i] in
 * log10 Pa s) with optional standard uncertainties sigma[i] (log10 units, >
 * 0; NULL for none) by Levenberg-Marquardt (normal equations solved with
 * LAPACK dposv). The covariance is (J^T W J)^-1, scaled by chi2/dof when no
 * uncertainties are given. info may be NULL. Errors: MGE_E_INPUT (too few
 * points, non-finite values, non-positive T or sigma), MGE_E_CONVERGE. */
MGE_API int mge_visc_fit(mge_visc_kind kind, const double *T_K,
                         const double *log10_eta, const double *sigma, size_t n,
                         mge_visc *out, mge_visc_fit_info *info,
                         mge_error *err);

/* Measured points, as mge_visc_points_read gives them. */
typedef struct mge_visc_points {
  size_t n;
  double *T_K;       /* n temperatures, K */
  double *log10_eta; /* n values of log10(eta / Pa s) */
  double *sigma;     /* n uncertainties (log10 units); NULL when the file
                        has no sigma column */
} mge_visc_points;

/* Read measured points (the CSV of `mge glass visc fit`) from the file at
 * path with the core CSV reader (include/mge/csv.h). Lines starting with
 * '#' are comments, empty lines are skipped, fields may be padded with
 * blanks. The header names 2 or 3 columns: T_K or T_C (each value a bare
 * number in that unit, or a temperature with its own unit, "873.15 K",
 * through mge_quantity_parse_as); log10_eta_Pa_s, log10_eta_dPa_s or
 * log10_eta_poise (converted to Pa s: 1 Pa s = 10 poise = 10 dPa s); and
 * optionally standard uncertainties in log10 units (any name). Every record
 * has the header's number of fields. Errors name path:line:column:
 * MGE_E_INPUT (a missing file, a bad header, a field that is not a finite
 * number, another number of fields, malformed CSV), MGE_E_LIMIT (more than
 * 100,000 points, a record over 64 KiB), MGE_E_NOMEM, MGE_E_IO. Values are
 * not range-checked here (mge_visc_fit does). On failure *out is empty.
 * Release with mge_visc_points_free (which leaves it empty; NULL: no-op). */
MGE_API int mge_visc_points_read(const char *path, mge_visc_points *out,
                                 mge_error *err);
MGE_API void mge_visc_points_free(mge_visc_points *p);

/* Parse a comma-separated list of temperatures ("600,700.5", "600,873 K")
 * into T_K (capacity cap), *n the count: each item is a bare number in the
 * unit text `unit` ("degC", "K") or a temperature with its own unit
 * (mge_quantity_parse_as). An empty text is an empty list and a trailing
 * comma is allowed. Errors carry the column in text and no source:
 * MGE_E_INPUT (an item that is not a temperature, an empty item),
 * MGE_E_LIMIT (more than cap items). */
MGE_API int mge_glass_temperatures_parse(const char *text, const char *unit,
                                         double *T_K, int cap, int *n,
                                         mge_error *err);

/* Characteristic (fixed-point) temperatures, by log10(eta / Pa s). */
enum {
  MGE_VISC_T_STRAIN = 0, /* 13.5 */
  MGE_VISC_T_ANNEALING,  /* 12.0 */
  MGE_VISC_T_GLASS,      /* 12.0: Tg by the 10^12 Pa s definition */
  MGE_VISC_T_SOFTENING,  /* 6.6 (Littleton) */
  MGE_VISC_T_WORKING,    /* 3.0 */
  MGE_VISC_T_FIBER,      /* 2.0: fibre forming "log 3" = 10^3 poise =
                            10^2 Pa s (1 Pa s = 10 poise) */
  MGE_VISC_T_N
};

/* log10(eta / Pa s) of fixed point i, and its name ("strain", ...). */
MGE_API double mge_visc_point_log10(int i);
MGE_API const char *mge_visc_point_name(int i);

typedef struct mge_visc_temps {
  double T_K[MGE_VISC_T_N];  /* NaN where the curve does not reach it */
  double sd_K[MGE_VISC_T_N]; /* standard uncertainty from the covariance by
                                the delta method; NaN without covariance */
} mge_visc_temps;

MGE_API int mge_visc_char_temps(const mge_visc *v, mge_visc_temps *out,
                                mge_error *err);

/* Composition-to-viscosity model: MYEGA with Tg and m linear in the oxide
 * mole fractions and one global log10 eta_inf, fitted to the SciGlass subset
 * in data/glass/ (847 glasses, 17,584 points; SciGlass Copyright (c) 2019
 * EPAM Systems, ODbL 1.0). Coefficients in src/glass/visc_table.c, generated
 * by tools/gen_glass_visc.py. Oxides outside the 39 of the training set set
 * MGE_GLASS_W_UNKNOWN_OXIDE and give NaN parameters; compositions far from
 * the training data set MGE_GLASS_W_RANGE (see docs/glass.md). */
MGE_API int mge_visc_predict(const mge_recipe *r, mge_visc *out, unsigned *warn,
                             mge_error *err);

/* Attribution and fit statistics of the shipped model (static string). */
MGE_API const char *mge_visc_model_info(void);

/* Forming window of a fibre glass: delta_T = T(log10 eta = 2, i.e. 10^3
 * poise) - T_liquidus, in K. Positive means forming above the liquidus. */
MGE_API int mge_visc_forming_window(const mge_visc *v, double T_liquidus_K,
                                    double *T_forming_K, double *window_K,
                                    mge_error *err);

/* ---- training the composition model (used by tools/gen_glass_visc.py) */

typedef struct mge_visc_dataset mge_visc_dataset;

/* Load the SciGlass/ViscNet pair of CSV files (compositions: glass_id,
 * family, one column per oxide in mole fractions; viscosity: glass_id, T_K,
 * log10_eta_Pa_s) with the core CSV reader. Errors name file:line:column:
 * MGE_E_INPUT (a missing file, a bad header or value, an unknown glass_id),
 * MGE_E_LIMIT, MGE_E_NOMEM. Caller frees with mge_visc_dataset_free.
 * Limits: 64 oxides, 100,000 glasses, 10^7 points, records of 64 KiB. */
MGE_API int mge_visc_dataset_load(const char *comp_csv, const char *visc_csv,
                                  mge_visc_dataset **out, mge_error *err);
/* The same pair from the folder dir: dir/sciglass_viscnet_compositions.csv
 * and dir/sciglass_viscnet_viscosity.csv; dir NULL: the shipped data/glass,
 * found with mge_data_find (whose MGE_E_IO says where it looked). Errors as
 * mge_visc_dataset_load. */
MGE_API int mge_visc_dataset_load_dir(const char *dir, mge_visc_dataset **out,
                                      mge_error *err);
MGE_API void mge_visc_dataset_free(mge_visc_dataset *d);
MGE_API int mge_visc_dataset_counts(const mge_visc_dataset *d, int *n_glasses,
                                    int *n_points, int *n_oxides);
/* Name of oxide column k (borrowed from d). */
MGE_API const char *mge_visc_dataset_oxide(const mge_visc_dataset *d, int k);

#define MGE_VISC_MAX_OXIDES 64
#define MGE_VISC_MAX_FEAT 256

/* Fitted coefficients of a Scheffe-type quadratic mixture model:
 *   Tg = sum_f tg_K[f] phi_f(x),  m = sum_f m[f] phi_f(x),
 *   log10 eta_inf = log_eta_inf,
 * with features phi_f = x_i (feat_j[f] < 0) or x_i x_j (pairs of the oxides
 * present in at least MGE_VISC_PAIR_MIN training glasses). */
#define MGE_VISC_PAIR_MIN 50
typedef struct mge_visc_coefs {
  int n_oxides;
  char oxide[MGE_VISC_MAX_OXIDES][MGE_COMPOUND_NAME];
  int n_glasses[MGE_VISC_MAX_OXIDES]; /* training glasses containing it */
  double x_max[MGE_VISC_MAX_OXIDES];  /* largest training mole fraction */
  int n_feat;
  short feat_i[MGE_VISC_MAX_FEAT], feat_j[MGE_VISC_MAX_FEAT];
  double tg_K[MGE_VISC_MAX_FEAT];
  double m[MGE_VISC_MAX_FEAT];
  double log_eta_inf;
  double rmse; /* training RMSE, log10 Pa s */
} mge_visc_coefs;

/* Training options: ridge weight lambda (pulls each linear coefficient
 * toward the prior Tg 800 K, m 35 and each pair coefficient toward 0;
 * default 3), iterations (default 200). */
typedef struct mge_visc_train_opts {
  double ridge;
  int max_iter;
} mge_visc_train_opts;

/* Fit on the glasses with train_mask[g] != 0 (NULL: all). */
MGE_API int mge_visc_train(const mge_visc_dataset *d,
                           const unsigned char *train_mask,
                           const mge_visc_train_opts *opts, mge_visc_coefs *out,
                           mge_error *err);

/* Evaluate a coefficient set on composition x (mole fractions in the
 * dataset's oxide order). */
MGE_API void mge_visc_coefs_curve(const mge_visc_coefs *c, const double *x,
                                  mge_visc *out);

typedef struct mge_visc_cv_result {
  int folds;
  int n_points, n_glasses;
  double rmse, mae; /* log10 Pa s, all held-out points */
  int n_points_aas; /* family alkali_aluminosilicate */
  double rmse_aas, mae_aas;
} mge_visc_cv_result;

/* K-fold cross-validation grouped by glass (no glass in both train and test
 * folds; folds assigned by a seeded shuffle of glasses). */
MGE_API int mge_visc_cv(const mge_visc_dataset *d, int folds, unsigned seed,
                        const mge_visc_train_opts *opts,
                        mge_visc_cv_result *out, mge_error *err);

/* ------------------------------------------------------------ ion exchange */

/* Exchange pair: incoming ion from the bath <-> outgoing ion in the glass. */
typedef enum mge_ionex_pair {
  MGE_IONEX_K_NA = 0, /* K+ (KNO3 bath) replaces Na+ */
  MGE_IONEX_NA_LI = 1 /* Na+ (NaNO3 bath) replaces Li+ */
} mge_ionex_pair;

typedef struct mge_ionex_glass {
  double E_Pa;    /* Young's modulus */
  double nu;      /* Poisson ratio */
  double B;       /* linear network dilation coefficient: strain per
                     unit of C (fraction of exchangeable sites held by
                     the incoming ion) */
  double D0_m2_s; /* pre-exponential of the incoming ion's self-
                     diffusion coefficient D_in = D0 exp(-Q/RT) */
  double Q_J_mol; /* its activation energy */
  double ratio;   /* D_out / D_in (Arrhenius with the same Q) */
  double C_init;  /* initial C in the glass (usually 0) */
  double K_eq;    /* ion-exchange equilibrium constant (ideal: 1):
                     C_s/(1-C_s) = K_eq (1-p)/p for a bath with
                     poisoning mole fraction p */
  double tau0_s;  /* structural (stress) relaxation time pre-exponential,
                     tau = tau0 exp(Q_relax/RT); <= 0: no relaxation */
  double Q_relax_J_mol;
} mge_ionex_glass;

typedef struct mge_ionex_step {
  double T_K;
  double time_s;
  double poison; /* mole fraction of the outgoing ion's nitrate in the bath
                    (NaNO3 in KNO3), 0 <= poison < 1 */
} mge_ionex_step;

#define MGE_IONEX_MAX_STEPS 8

typedef struct mge_ionex_opts {
  int n_nodes;       /* mesh nodes over the half-thickness (default 161) */
  double grading;    /* mesh grading beta, z = h (e^(beta s)-1)/(e^beta-1),
                        s uniform (default 5; 0 = uniform) */
  int n_time;        /* implicit steps per schedule step (default 200),
                        geometrically growing from the step start */
  double dt_growth;  /* ratio of successive time steps (default 1.03) */
  double dol_frac;   /* DOL: depth where C - C_init falls to dol_frac of its
                        surface value (default 0.01) */
  double picard_tol; /* nonlinear tolerance on C (default 1e-10) */
} mge_ionex_opts;

/* Fill o with the defaults above. */
MGE_API void mge_ionex_opts_default(mge_ionex_opts *o);

typedef struct mge_ionex_problem {
  mge_ionex_pair pair;
  mge_ionex_glass glass;
  double thickness_m; /* plate thickness, exchanged from both faces */
  int n_steps;        /* 1..MGE_IONEX_MAX_STEPS */
  mge_ionex_step step[MGE_IONEX_MAX_STEPS];
  mge_ionex_opts opts;
} mge_ionex_problem;

/* Surface concentration set by a bath (C_s from K_eq and poison). */
MGE_API double mge_ionex_surface_C(const mge_ionex_glass *g, double poison);

/* Interdiffusion coefficient (Nernst-Planck, electroneutral binary):
 * D = D_in D_out / (C D_in + (1 - C) D_out), m2/s, at T_K and C. */
MGE_API double mge_ionex_D(const mge_ionex_glass *g, double T_K, double C);

/* Central-tension frangibility limit for thickness t (m), Pa:
 * CT_lim = (-38.7 ln(t / 1 mm) + 48.2) MPa, Barefoot et al., US patent
 * application 2010/0035038 A1 (Corning), for t up to about 1 mm. */
MGE_API double mge_ionex_ct_limit(double thickness_m);
MGE_API const char *mge_ionex_ct_limit_source(void);

typedef struct mge_ionex_result {
  int n;                 /* nodes over the full thickness */
  double *z_m;           /* depth from the first face, 0..thickness */
  double *C;             /* fraction of sites held by the incoming ion */
  double *sigma_Pa;      /* in-plane stress, compression negative */
  double CS_Pa;          /* surface compressive stress, positive */
  double CT_Pa;          /* central tension (maximum tensile stress) */
  double DOL_m;          /* depth of layer (see mge_ionex_opts.dol_frac) */
  double DOC_m;          /* depth of compression: first zero of sigma */
  double W_tensile_J_m2; /* stored tensile energy per unit area,
                            (1-nu)/E * integral of sigma^2 where sigma > 0 */
  double CT_limit_Pa;    /* mge_ionex_ct_limit(thickness) */
  int frangible;         /* 1 if CT > CT_limit */
  double uptake_m;       /* integral of (C - C_init) dz over the plate */
  double surface_flux_m; /* time integral of the inward surface fluxes;
                            equals uptake_m for a conservative scheme */
} mge_ionex_result;

/* Run the simulation. The caller owns r's arrays: release them with
 * mge_ionex_result_free (which leaves r zeroed). Errors (MGE_E_INPUT):
 * non-finite or non-positive thickness, times, temperatures, moduli,
 * diffusivities; nu outside (-1, 0.5); poison outside [0, 1); mesh options
 * outside n_nodes 8..20000, n_time 1..100000. MGE_E_NOMEM. */
MGE_API int mge_ionex_run(const mge_ionex_problem *p, mge_ionex_result *r,
                          mge_error *err);
MGE_API void mge_ionex_result_free(mge_ionex_result *r);

/* One measurement for calibration: a schedule and what a surface stress
 * meter reported for it. */
typedef struct mge_ionex_measure {
  int n_steps;
  mge_ionex_step step[MGE_IONEX_MAX_STEPS];
  double CS_Pa;
  double DOL_m;
} mge_ionex_measure;

typedef struct mge_ionex_calib_info {
  int iterations;
  double rms_rel;             /* RMS relative misfit of CS and DOL */
  int fitted_Q;               /* 1 if Q was fitted (needs two temperatures) */
  double sd_lnD0, sd_Q, sd_B; /* standard errors from J^T J */
} mge_ionex_calib_info;

/* Fit D0, Q (only when the measurements span at least two temperatures;
 * otherwise Q is kept) and B of p->glass to n measurements by Levenberg-
 * Marquardt on relative residuals; p->glass is updated in place. info may
 * be NULL. Errors: MGE_E_INPUT, MGE_E_CONVERGE. */
MGE_API int mge_ionex_calibrate(mge_ionex_problem *p,
                                const mge_ionex_measure *m, int n,
                                mge_ionex_calib_info *info, mge_error *err);

/* Parse an ion-exchange problem from YAML text (len bytes, at most 1 MiB;
 * source names it in errors) with the core YAML readers (mge/yaml.h). Keys:
 * see docs/glass.md and examples/glass/ionex_*.yaml. A quantity is written
 * with its unit (`thickness: 0.7 mm`, `E: 71.5 GPa`, `T: 410 C`), as a bare
 * number in SI (`E: 7.15e10`), or the older way with the unit in the key
 * (`thickness_mm: 0.7`, `T_C: 410`, `time_h: 8`, `Q_kJ_mol: 120`,
 * `D0_m2_s: 6e-6`, '_' standing for '/'). meas (capacity meas_cap)
 * receives the optional `measured:` list, *n_meas its length (0 if
 * absent). Mistakes (unknown keys, bad values, units of another dimension)
 * are MGE_E_INPUT with line and column; a longer text is MGE_E_LIMIT. */
MGE_API int mge_ionex_parse_yaml(const char *text, size_t len,
                                 const char *source, mge_ionex_problem *p,
                                 mge_ionex_measure *meas, int meas_cap,
                                 int *n_meas, mge_error *err);

/* mge_ionex_parse_yaml on the file at path (named so in errors); a missing
 * or unreadable file is MGE_E_INPUT "cannot open", a read error MGE_E_IO. */
MGE_API int mge_ionex_read_yaml(const char *path, mge_ionex_problem *p,
                                mge_ionex_measure *meas, int meas_cap,
                                int *n_meas, mge_error *err);

/* ------------------------------------------------------ design-engine models
 */

/* The glass family's property models for the design engine (candidates are
 * const mge_recipe[n]): "glass.density", "glass.elastic",
 * "glass.visc_temps", "glass.ionex_default". Returns a static array of
 * *n pointers. */
MGE_API const mge_model *const *mge_glass_models(size_t *n);

#ifdef __cplusplus
}
#endif
#endif
