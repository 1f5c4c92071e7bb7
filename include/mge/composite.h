/* mge composite: micromechanics, unidirectional laminae, laminates (classical
 * laminate theory), failure criteria, envelopes and design allowables.
 *
 * Conventions (kept everywhere in this module):
 *  - SI units inside: Pa, m, K, kg/m3, USD/kg; angles in degrees at the API.
 *  - Material axes 1 (fibre), 2 (transverse); laminate axes x, y. Engineering
 *    shear strain gamma_xy. Stress and strain vectors are {x, y, xy} or
 *    {1, 2, 12}.
 *  - Plies are listed from the bottom up: ply 0 (the first ply of the layup
 *    string) occupies z = -h/2 .. -h/2 + t_0 (Kaw 2006, Sec. 4.2). B changes
 *    sign if the other convention is used; A and D do not.
 *  - Strengths are positive magnitudes (Xc, Yc are compressive magnitudes).
 *  - Stress resultants N in N/m, moment resultants M in N (N m / m).
 *
 * Thread safety: every function is reentrant and uses no mutable global
 * state; inputs are const and may alias each other, outputs may not alias
 * inputs. Values (mge_lamina, mge_laminate) are plain structs the caller owns.
 */
#ifndef MGE_COMPOSITE_H
#define MGE_COMPOSITE_H

#include <stddef.h>

#include "mge/core.h"
#include "mge/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ laminae */

#define MGE_LAMINA_NAME_MAX 64
#define MGE_LAMINA_SOURCE_MAX 320

/* A unidirectional lamina (ply material). Zero in an optional field means
 * "not given"; the defaults are applied where the field is used and are
 * stated there. The fields that can be unknown (alpha1/2, beta1/2, density,
 * ply thickness, cost) are NaN when not given (every reader and the built-in
 * table); a computation that needs one refuses with MGE_E_INPUT naming the
 * property and the material, or gives NaN (areal mass, areal cost). */
typedef struct mge_lamina {
  char name[MGE_LAMINA_NAME_MAX];
  double E1_Pa, E2_Pa, G12_Pa; /* required, > 0 */
  double nu12;                 /* required, 0 <= nu12 < sqrt(E1/E2) */
  double nu23;                 /* optional (information only) */
  double Xt_Pa, Xc_Pa;         /* fibre-direction strengths */
  double Yt_Pa, Yc_Pa;         /* transverse strengths */
  double S12_Pa;               /* in-plane shear strength */
  double S23_Pa;               /* transverse shear strength (Hashin);
                                  0 -> Yc/2 */
  /* failure strains, positive; 0 -> strength / modulus */
  double eps1t, eps1c, eps2t, eps2c, gamma12u;
  double alpha1_per_K, alpha2_per_K; /* thermal expansion; NaN = unknown */
  double beta1, beta2; /* moisture expansion, strain per unit moisture
                          mass fraction; NaN = unknown */
  double rho_kg_m3;    /* density; NaN (or 0) = unknown */
  double Vf;           /* fibre volume fraction (information) */
  double t_ply_m;      /* nominal cured ply thickness; NaN (or 0) = not
                          given */
  double cost_USD_kg;  /* NaN (or 0) = unknown */
  /* Puck inclination parameters (Puck & Schuermann 2002); 0 -> the glass
   * defaults p_tp = 0.30, p_cp = 0.25, p_cc = 0.2225 */
  double puck_p12t, puck_p12c, puck_p22c;
  /* Puck fibre failure with the fibre's nu12f and E1f and the magnification
   * factor m_sigf (Puck suggests 1.3 for glass, 1.1 for carbon; 0 -> 1.0);
   * E1f = 0 -> the simple FF criterion sigma1/Xt (or /Xc) = 1. */
  double E1f_Pa, nu12f, m_sigf;
  char source[MGE_LAMINA_SOURCE_MAX];
} mge_lamina;

/* Check a lamina for completeness and physical admissibility (positive
 * moduli, positive-definite compliance, finite values (NaN allowed in the
 * fields that can be unknown), positive strengths
 * where failure analysis needs them when need_strength != 0). The message
 * names the field. */
MGE_API int mge_lamina_check(const mge_lamina *m, int need_strength,
                             mge_error *err);

/* Reduced stiffness Q (Pa) and compliance S (1/Pa) in material axes,
 * order {11, 22, 66} as a 3x3 matrix (Kaw 2006, Eq. 2.93, 2.95). */
MGE_API void mge_lamina_Q(const mge_lamina *m, double Q[3][3]);
MGE_API void mge_lamina_S(const mge_lamina *m, double S[3][3]);

/* Transformed reduced stiffness Q-bar (Pa) and compliance S-bar (1/Pa) of a
 * ply at theta_deg (counter-clockwise from x to the fibre), Kaw Eq. 2.104,
 * 2.103. */
MGE_API void mge_lamina_Qbar(const mge_lamina *m, double theta_deg,
                             double Qbar[3][3]);
MGE_API void mge_lamina_Sbar(const mge_lamina *m, double theta_deg,
                             double Sbar[3][3]);

/* Engineering constants of an angle lamina (Kaw Eq. 2.109): Ex, Ey, Gxy (Pa),
 * nuxy, and the shear coupling coefficients mx, my (1/Pa * Pa: the
 * dimensionless Sbar16 * E1, Sbar26 * E1 as in Kaw). */
typedef struct mge_angle_constants {
  double Ex_Pa, Ey_Pa, Gxy_Pa, nuxy, nuyx;
  double etax_xy, etay_xy; /* Sbar16 * Ex, Sbar26 * Ey (coefficients of
                              mutual influence, dimensionless) */
} mge_angle_constants;
MGE_API void mge_lamina_angle_constants(const mge_lamina *m, double theta_deg,
                                        mge_angle_constants *out);

/* Stress/strain transformation from laminate axes to material axes of a ply
 * at theta_deg (Kaw Eq. 2.94; strains with engineering shear). */
MGE_API void mge_stress_to_material(double theta_deg, const double sxy[3],
                                    double s12[3]);
MGE_API void mge_strain_to_material(double theta_deg, const double exy[3],
                                    double e12[3]);

/* ------------------------------------------------------- materials library */

/* The built-in library (mirrors data/composites/laminae.csv; a test checks
 * they agree): n_out receives the count; the table is static, never free it.
 */
MGE_API const mge_lamina *mge_lamina_builtin(size_t *n_out);

/* Find a lamina by name (case-insensitive) first in user[0..n_user), then in
 * the built-in library. Returns NULL if none. */
MGE_API const mge_lamina *mge_lamina_find(const char *name,
                                          const mge_lamina *user,
                                          size_t n_user);

/* Read laminae from a CSV file with the header of data/composites/
 * laminae.csv (columns may be in any order; `name`, `E1_GPa`, `E2_GPa`,
 * `G12_GPa`, `nu12` are required; '#' lines are comments). *out is
 * allocated (free with free()); errors name line and column. */
MGE_API int mge_lamina_read_csv(const char *path, mge_lamina **out,
                                size_t *n_out, mge_error *err);

/* Read laminae from a YAML file: a list of materials, or a mapping with a
 * `materials:` list; each entry is a mapping of properties with units as in
 * laminate files (name, base, E1, E2, G12, nu12, Xt, ...). *out is
 * allocated (free with free()). Errors name file:line:column. */
MGE_API int mge_lamina_read_yaml(const char *path, mge_lamina **out,
                                 size_t *n_out, mge_error *err);

/* Read laminae from path by its name: mge_lamina_read_yaml for a name
 * ending in .yaml or .yml, else mge_lamina_read_csv. */
MGE_API int mge_lamina_read(const char *path, mge_lamina **out, size_t *n_out,
                            mge_error *err);

/* ---------------------------------------------------------- micromechanics */

/* Constituent properties of fibre and matrix (isotropic matrix; the fibre
 * may be transversely isotropic: E2f_Pa, G12f_Pa = 0 -> isotropic, from
 * Ef and nuf). */
typedef struct mge_constituents {
  double Ef_Pa, E2f_Pa, G12f_Pa, nuf; /* fibre */
  double Em_Pa, Gm_Pa, num;           /* matrix; Gm_Pa = 0 -> Em/(2(1+num)) */
  /* optional: NaN = not given (mge_micro_input_init sets them so). A
   * composite property that needs them (density, Wf, expansion, cost) is
   * NaN when neither constituent's value is given, and mge_micro_compute
   * refuses when only one of a pair (rho_f/rho_m, alpha_f/alpha_m) is. */
  double rho_f_kg_m3, rho_m_kg_m3;
  double alpha_f_per_K, alpha2f_per_K; /* alpha2f NaN or 0 -> alpha_f */
  double alpha_m_per_K;
  double cost_f_USD_kg, cost_m_USD_kg; /* NaN or 0 = unknown */
} mge_constituents;

/* Halpin-Tsai reinforcing factors used unless given: xi = 2 for E2 and
 * xi = 1 for G12 (circular fibres in a square array, Halpin & Kardos 1976;
 * Kaw 2006 Sec. 3.3.2). */
#define MGE_HALPIN_TSAI_XI_E2 2.0
#define MGE_HALPIN_TSAI_XI_G12 1.0

typedef struct mge_micro_result {
  double Vf, Vm, Vv;                  /* volume fractions, Vf + Vm + Vv = 1 */
  double Wf;                          /* fibre mass fraction */
  double rho_kg_m3;                   /* composite density (voids empty) */
  double E1_Pa;                       /* rule of mixtures (Kaw Eq. 3.27) */
  double nu12;                        /* rule of mixtures (Kaw Eq. 3.40) */
  double E2_inv_Pa, G12_inv_Pa;       /* inverse rule of mixtures (Eq. 3.33,
                                         3.55) */
  double E2_ht_Pa, G12_ht_Pa;         /* Halpin-Tsai with xi_E2, xi_G12 */
  double xi_E2, xi_G12;               /* the xi used */
  double E2_chamis_Pa, G12_chamis_Pa; /* Chamis (NASA TM-83320, 1983) */
  double alpha1_per_K, alpha2_per_K;  /* Schapery 1968 (Kaw Eq. 3.138,
                                         3.141) */
  double cost_USD_kg;                 /* Wf cf + (1 - Wf) cm; NaN if unknown */
  double areal_mass_kg_m2;            /* rho t for a ply of t_ply_m; NaN if
                                         no thickness */
  double cost_USD_m2;                 /* cost_USD_kg * areal mass */
} mge_micro_result;

/* Micromechanics of a unidirectional lamina at fibre volume fraction Vf
 * and void volume fraction Vv (0 <= Vv < 1 - Vf); xi_E2 / xi_G12 <= 0 take
 * the defaults above. MGE_E_INPUT names the bad field. */
MGE_API int mge_micro_compute(const mge_constituents *c, double Vf, double Vv,
                              double xi_E2, double xi_G12,
                              mge_micro_result *out, mge_error *err);

/* Everything `mge micro` takes: constituents, Vf (or Wf), Vv, xi, and a
 * ply thickness for per-area figures. Vf < 0 means "use Wf". */
typedef struct mge_micro_input {
  mge_constituents c;
  double Vf, Wf, Vv;
  double xi_E2, xi_G12;
  double t_ply_m;
} mge_micro_input;

/* Reset to "nothing given" (Vf = Wf = -1, xi defaults, Vv = 0). */
MGE_API void mge_micro_input_init(mge_micro_input *in);

/* Set one input by key and text value with units: Ef, E2f, G12f, nuf, Em,
 * Gm, num (Pa units: "85 GPa"), rho_f, rho_m ("2.54 g/cm3"), alpha_f,
 * alpha2f, alpha_m ("5e-6 1/K", "5 ppm/K"), cost_f, cost_m ("2 USD/kg"), Vf,
 * Wf, Vv ("0.6" or "60 %"), xi_E2, xi_G12, t_ply ("0.2 mm"). Bare numbers
 * are SI. MGE_E_INPUT names the key. */
MGE_API int mge_micro_input_set(mge_micro_input *in, const char *key,
                                const char *value, mge_error *err);

/* Read the same keys from a flat YAML mapping file. */
MGE_API int mge_micro_input_read(const char *path, mge_micro_input *in,
                                 mge_error *err);

/* One argument of `mge micro`: KEY=VALUE (mge_micro_input_set; an empty
 * key or one of 64 bytes or more is MGE_E_INPUT "bad argument"), or else
 * the path of a YAML file (mge_micro_input_read). */
MGE_API int mge_micro_input_arg(mge_micro_input *in, const char *arg,
                                mge_error *err);

/* Compute (Wf converted to Vf when Vf is not given; needs both densities;
 * Vf and Wf together are refused). */
MGE_API int mge_micro_input_compute(const mge_micro_input *in,
                                    mge_micro_result *out, mge_error *err);

/* Fibre mass fraction from volume fraction and back (no voids, Kaw Eq.
 * 3.8, 3.9). */
MGE_API double mge_micro_Wf_from_Vf(double Vf, double rho_f, double rho_m);
MGE_API double mge_micro_Vf_from_Wf(double Wf, double rho_f, double rho_m);

/* Void volume fraction from the theoretical and measured densities (Kaw
 * Eq. 3.24): Vv = (rho_theory - rho_measured) / rho_theory. */
MGE_API double mge_micro_void_fraction(double rho_theory, double rho_measured);

/* ---------------------------------------------------------------- layups */

#define MGE_LAMINATE_MAX_PLIES 256
#define MGE_LAMINATE_MAX_MATS 8

typedef struct mge_ply {
  double theta_deg; /* fibre angle from x, counter-clockwise */
  double t_m;       /* cured thickness */
  int mat;          /* index into mge_laminate.mats */
} mge_ply;

/* A laminate: a plain value (no pointers inside), copyable with memcpy.
 * ply[0] is the bottom ply (z = -h/2). */
typedef struct mge_laminate {
  int n_plies;
  int n_mats;
  mge_lamina mats[MGE_LAMINATE_MAX_MATS];
  mge_ply ply[MGE_LAMINATE_MAX_PLIES];
} mge_laminate;

/* Parse stacking-sequence notation into angles (degrees), bottom ply first:
 *   [0/90]s  [0/±45/90]s  [0/+-45/90]s  [±55]3  [0_2/90]2s  [90/+30/-30]s
 *   [(0/90)2/45]s  [0/90]T  0/90/0
 * '±' (UTF-8) or "+-" gives +a then -a; '∓' or "-+" gives -a then +a;
 * "_n" repeats one ply n times; a count after ']' or ')' repeats the group;
 * a final 's' mirrors the whole sequence about the midplane (bottom half
 * first, as written). Whitespace is ignored. At most cap angles are
 * written; more is MGE_E_LIMIT. Errors (MGE_E_INPUT) give the 1-based
 * column in characters (a UTF-8 sequence counts one) in err->column.
 * *n_out receives the number of plies. */
MGE_API int mge_layup_parse(const char *text, double *angles_deg, int cap,
                            int *n_out, mge_error *err);

/* Build a laminate of one material from a layup string and one ply
 * thickness (> 0). */
MGE_API int mge_laminate_from_layup(mge_laminate *lam, const mge_lamina *mat,
                                    const char *layup, double t_ply_m,
                                    mge_error *err);

/* Check a laminate: ply count, thicknesses, material indices and each
 * material (need_strength as in mge_lamina_check). */
MGE_API int mge_laminate_check(const mge_laminate *lam, int need_strength,
                               mge_error *err);

/* Total thickness (m) and areal mass (kg/m2; NaN if a density is
 * unknown) and cost per area (USD/m2; NaN if a cost is unknown). */
MGE_API double mge_laminate_thickness(const mge_laminate *lam);
MGE_API double mge_laminate_areal_mass(const mge_laminate *lam);
MGE_API double mge_laminate_areal_cost(const mge_laminate *lam);

/* ------------------------------------------------------ laminate stiffness */

typedef struct mge_abd {
  double A[3][3]; /* N/m */
  double B[3][3]; /* N */
  double D[3][3]; /* N m */
  double h_m;
  /* inverse: [eps0; kappa] = [a b; c d] [N; M] (a in m/N, b and c in 1/N,
   * d in 1/(N m)); valid when invertible != 0 */
  double a[3][3], b[3][3], c[3][3], d[3][3];
  int invertible;
} mge_abd;

/* ABD matrices (Kaw Eq. 4.28) and their inverse. A singular ABD (for
 * example all plies discounted) is not an error: invertible = 0. */
MGE_API int mge_laminate_abd(const mge_laminate *lam, mge_abd *out,
                             mge_error *err);

/* Effective laminate constants (Kaw Sec. 4.6): in-plane from the inverse
 * ABD (a), flexural from d. */
typedef struct mge_laminate_constants {
  double Ex_Pa, Ey_Pa, Gxy_Pa, nuxy, nuyx;
  double Efx_Pa, Efy_Pa, Gfxy_Pa, nufxy, nufyx;
} mge_laminate_constants;
MGE_API int mge_laminate_constants_compute(const mge_abd *abd,
                                           mge_laminate_constants *out,
                                           mge_error *err);

/* MGE_E_INPUT when dT_K != 0 (dC != 0) and a material of lam lacks alpha1
 * or alpha2 (beta1 or beta2, NaN = not given); the message names the
 * properties and the material ("dT needs alpha1 and alpha2 of NAME; give
 * them with --materials"). mge_laminate_solve, the failure analyses and the
 * envelopes call it; mge_laminate_hygrothermal does not (its forces are NaN
 * then). */
MGE_API int mge_laminate_hygro_check(const mge_laminate *lam, double dT_K,
                                     double dC, mge_error *err);

/* Hygrothermal resultants for a temperature change dT_K (cured minus
 * stress-free, e.g. -100 K after a cure at 120 C used at 20 C) and a
 * moisture change dC (mass fraction): N_T (N/m), M_T (N), likewise N_C, M_C
 * (Kaw Eq. 4.47-4.50). */
MGE_API void mge_laminate_hygrothermal(const mge_laminate *lam, double dT_K,
                                       double dC, double NT[3], double MT[3],
                                       double NC[3], double MC[3]);

/* A load case: mechanical resultants plus a temperature and moisture
 * change. */
typedef struct mge_load {
  double N[3]; /* Nx, Ny, Nxy, N/m */
  double M[3]; /* Mx, My, Mxy, N */
  double dT_K; /* 0 = none */
  double dC;   /* 0 = none */
} mge_load;

/* Ply results at one point through the thickness: strains and stresses in
 * laminate axes and material axes. Stresses are mechanical stresses
 * Qbar (eps - alpha dT - beta dC). */
typedef struct mge_ply_point {
  double z_m;
  double eps_xy[3], sig_xy_Pa[3];
  double eps_12[3], sig_12_Pa[3];
} mge_ply_point;

enum { MGE_PLY_BOTTOM = 0, MGE_PLY_MIDDLE = 1, MGE_PLY_TOP = 2 };

typedef struct mge_laminate_response {
  double eps0[3];  /* midplane strains */
  double kappa[3]; /* curvatures, 1/m */
  int n_plies;
  mge_ply_point pt[MGE_LAMINATE_MAX_PLIES][3]; /* bottom, middle, top */
} mge_laminate_response;

/* Solve the laminate under a load (total N + N_T + N_C etc.) and give ply
 * strains and stresses. MGE_E_RANGE if ABD is singular. */
MGE_API int mge_laminate_solve(const mge_laminate *lam, const mge_abd *abd,
                               const mge_load *load, mge_laminate_response *out,
                               mge_error *err);

/* ------------------------------------------------------------- failure */

typedef enum mge_criterion {
  MGE_CRIT_MAX_STRESS = 0, /* Jenkins 1920; Kaw Sec. 2.8.1 */
  MGE_CRIT_MAX_STRAIN = 1, /* Waddoups 1967; Kaw Sec. 2.8.2 */
  MGE_CRIT_TSAI_HILL = 2,  /* Azzi & Tsai 1965; Kaw Sec. 2.8.3 */
  MGE_CRIT_TSAI_WU = 3,    /* Tsai & Wu 1971, J Compos Mater 5:58 */
  MGE_CRIT_HASHIN = 4,     /* Hashin 1980, J Appl Mech 47:329 */
  MGE_CRIT_PUCK = 5,       /* Puck & Schuermann 2002, CST 62:1633 */
  MGE_CRIT_N = 6
} mge_criterion;

/* Failure modes, reported per criterion. */
typedef enum mge_fail_mode {
  MGE_MODE_NONE = 0,
  MGE_MODE_FIBRE_T,  /* fibre tension */
  MGE_MODE_FIBRE_C,  /* fibre compression */
  MGE_MODE_MATRIX_T, /* transverse tension (Puck IFF mode A) */
  MGE_MODE_MATRIX_C, /* transverse compression (Puck IFF mode C) */
  MGE_MODE_SHEAR,    /* in-plane shear (Puck IFF mode B) */
  MGE_MODE_N
} mge_fail_mode;

/* Canonical names: "max-stress", "max-strain", "tsai-hill", "tsai-wu",
 * "hashin", "puck"; modes "fibre-tension", "fibre-compression",
 * "matrix-tension", "matrix-compression", "shear" ("puck-A", "puck-B",
 * "puck-C" are the IFF names for Puck). */
MGE_API const char *mge_criterion_name(mge_criterion c);
MGE_API const char *mge_criterion_ref(mge_criterion c);
MGE_API const char *mge_fail_mode_name(mge_fail_mode m, mge_criterion c);
/* Parse a criterion name (case-insensitive, '_' == '-'); -1 if unknown. */
MGE_API int mge_criterion_parse(const char *name);

typedef struct mge_fail_opts {
  double tsai_wu_F12star; /* F12* of F12 = F12* sqrt(F11 F22); default
                             -0.5 (Tsai & Hahn 1980) */
  double ply_discount;    /* last-ply failure: the fraction of stiffness a
                             failed ply keeps, in (0, 1); 0 -> 1e-6 */
} mge_fail_opts;

/* Defaults: F12* = -0.5, ply_discount = 1e-6. */
MGE_API void mge_fail_opts_default(mge_fail_opts *o);

/* Strength ratio (reserve factor) R of a ply stress state sigma_m
 * (material axes, Pa) under criterion c: failure at R * sigma_m. With a
 * residual (load-independent) stress sigma_r (may be NULL), R solves
 * F(R sigma_m + sigma_r) = 1 (0 if the residual alone fails the ply).
 * R = +inf for a zero load; *mode (may be NULL) receives the governing
 * mode. */
MGE_API double mge_strength_ratio(const mge_lamina *m, mge_criterion c,
                                  const mge_fail_opts *o,
                                  const double sigma_m[3],
                                  const double sigma_r[3], mge_fail_mode *mode);

/* Per-ply, per-criterion reserve factors of a laminate under a load, the
 * minimum over bottom, middle and top of the ply. The hygrothermal part of
 * the load is held fixed (residual) and the mechanical part is scaled. */
typedef struct mge_fail_result {
  int n_plies;
  int n_crit;
  mge_criterion crit[MGE_CRIT_N];
  double rf[MGE_LAMINATE_MAX_PLIES][MGE_CRIT_N];
  mge_fail_mode mode[MGE_LAMINATE_MAX_PLIES][MGE_CRIT_N];
  int where[MGE_LAMINATE_MAX_PLIES][MGE_CRIT_N]; /* MGE_PLY_BOTTOM.. */
  double fpf[MGE_CRIT_N];  /* first-ply failure load factor */
  int fpf_ply[MGE_CRIT_N]; /* ply that fails first */
} mge_fail_result;

/* Evaluate crit[0..n_crit) for every ply. */
MGE_API int mge_laminate_fail(const mge_laminate *lam, const mge_load *load,
                              const mge_criterion *crit, int n_crit,
                              const mge_fail_opts *o, mge_fail_result *out,
                              mge_error *err);

/* First-ply failure load factor only (fast path for searches): the minimum
 * over plies and criteria crit[0..n_crit) of the reserve factor under a
 * purely mechanical load (dT, dC honoured as residual). Returns the factor
 * (+inf if unloaded), NaN on invalid input (also dT or dC with an unknown
 * expansion coefficient, see mge_laminate_hygro_check). */
MGE_API double mge_laminate_fpf(const mge_laminate *lam, const mge_load *load,
                                const mge_criterion *crit, int n_crit,
                                const mge_fail_opts *o);

/* Last-ply failure by ply discount (stated scheme): the load is scaled to
 * the lowest reserve factor; the failed ply's stiffness is discounted
 * (fibre modes: all of Q times d; inter-fibre modes: Q22, Q12, Q66
 * times d, Q11 = E1 kept; d = opts->ply_discount, default 1e-6); the laminate
 * is re-analysed under the same criterion, and so on. Several plies within 1e-9
 * of the lowest factor fail together. Criteria without modes (Tsai-Wu,
 * Tsai-Hill) are split into fibre and inter-fibre by the largest of |s1|/X,
 * |s2|/Y, |t12|/S. A ply with inter-fibre failure is checked for fibre failure
 * only (sigma1 / X; Hashin's and Puck's own fibre modes for those). The
 * laminate has failed when every ply has failed in a fibre mode, when ABD is
 * singular, or when it collapses (deforms 1000 times more than the intact
 * laminate under the same load); the last-ply failure factor is the largest
 * load factor reached before that. */
/* The sequence is in load order. A ply whose own factor (that of the
 * laminate damaged so far) is below the highest load factor reached
 * before it fails at once at that load: the load the failed plies shed
 * overloads it (a cascade). Its load_factor is then that load, own_factor
 * the lower one, cascade 1. */
typedef struct mge_lpf_step {
  int ply;
  double load_factor; /* the load factor at which the ply fails */
  double own_factor;  /* the damaged laminate's factor for this ply */
  int cascade;        /* 1: own_factor < load_factor (fails at once) */
  mge_fail_mode mode;
} mge_lpf_step;

typedef struct mge_lpf_result {
  double fpf; /* first-ply failure factor */
  double lpf; /* last-ply failure factor */
  int n_steps;
  mge_lpf_step step[2 * MGE_LAMINATE_MAX_PLIES];
} mge_lpf_result;

MGE_API int mge_laminate_lpf(const mge_laminate *lam, const mge_load *load,
                             mge_criterion c, const mge_fail_opts *o,
                             mge_lpf_result *out, mge_error *err);

/* mge_laminate_lpf under each of crit[0..n_crit) (`mge laminate fail`):
 * out[c] and ok[c] = 1 where it succeeded, ok[c] = 0 where it did not (a
 * criterion without a last-ply failure). Returns how many succeeded. */
MGE_API int mge_laminate_lpf_each(const mge_laminate *lam, const mge_load *load,
                                  const mge_criterion *crit, int n_crit,
                                  const mge_fail_opts *o, mge_lpf_result *out,
                                  int *ok);

/* ------------------------------------------------------------ envelopes */

typedef enum mge_stress_plane {
  MGE_PLANE_SX_SY = 0,  /* average laminate stress sigma_x vs sigma_y */
  MGE_PLANE_SX_TXY = 1, /* sigma_x vs tau_xy */
  MGE_PLANE_SY_TXY = 2  /* sigma_y vs tau_xy */
} mge_stress_plane;

/* "sx-sy", "sx-txy", "sy-txy"; parse returns -1 if unknown. */
MGE_API const char *mge_stress_plane_name(mge_stress_plane p);
MGE_API int mge_stress_plane_parse(const char *name);

/* First-ply failure envelope: for n_dir directions phi_k = 360 k / n_dir
 * degrees in the plane, the average laminate stress (N / h, Pa) at first-ply
 * failure, a = R cos(phi), b = R sin(phi). With last_ply != 0 the last-ply
 * failure factor is used instead. Output arrays hold n_dir values. */
/* This one is mechanical (no hygrothermal residual stress). n_dir is
 * 4..100000 (4..3600 with last_ply). */
MGE_API int mge_laminate_envelope(const mge_laminate *lam,
                                  mge_stress_plane plane, mge_criterion c,
                                  const mge_fail_opts *o, int n_dir,
                                  int last_ply, double *a_Pa, double *b_Pa,
                                  mge_error *err);

/* The same with residual stresses from a temperature change dT_K and a
 * moisture change dC held fixed while the mechanical load is scaled (a
 * direction whose residual stress alone fails a ply gets the origin). */
MGE_API int mge_laminate_envelope_hygro(const mge_laminate *lam,
                                        mge_stress_plane plane, mge_criterion c,
                                        const mge_fail_opts *o, int n_dir,
                                        int last_ply, double dT_K, double dC,
                                        double *a_Pa, double *b_Pa,
                                        mge_error *err);

/* mge_laminate_envelope_hygro for each of crit[0..n_crit) (`mge laminate
 * envelope`, with the dT and dC of the file's loads): the curve of crit[c]
 * is a_Pa[c * n_dir .. (c + 1) * n_dir) and the same of b_Pa (arrays of
 * n_crit * n_dir values). Stops at the first criterion that fails. */
MGE_API int mge_laminate_envelopes(const mge_laminate *lam,
                                   mge_stress_plane plane,
                                   const mge_criterion *crit, int n_crit,
                                   const mge_fail_opts *o, int n_dir,
                                   int last_ply, double dT_K, double dC,
                                   double *a_Pa, double *b_Pa, mge_error *err);

/* -------------------------------------------------------- allowables */

typedef enum mge_basis_dist {
  MGE_DIST_NORMAL = 0,
  MGE_DIST_WEIBULL = 1, /* two-parameter, maximum likelihood */
  MGE_DIST_LOGNORMAL = 2
} mge_basis_dist;

typedef struct mge_basis_result {
  int n;
  double mean, sd, cv; /* of the data */
  double B, A;         /* basis values, same unit as data */
  double kB, kA;       /* normal / lognormal tolerance factors */
  double weibull_shape, weibull_scale; /* Weibull fit (MGE_DIST_WEIBULL) */
  double VB, VA;                       /* Weibull tolerance factors */
} mge_basis_result;

/* One-sided tolerance factors for B-basis (90% / 95%) and A-basis
 * (99% / 95%) of the normal distribution (CMH-17-1G Vol. 1 Sec. 8.3.4.3,
 * table data/composites/basis_value_k_factors.csv, n = 3..100; between
 * tabulated n linear in 1/sqrt(n); above 100 Natrella's approximation).
 * MGE_E_INPUT if n < 3. */
MGE_API int mge_basis_k(int n, double *kB, double *kA, mge_error *err);

/* B- and A-basis values of x[0..n) (CMH-17-1G Sec. 8.3.4). Weibull uses
 * the CMH-17 approximations V_B, V_A of Sec. 8.3.4.2.2; lognormal applies
 * the normal method to ln x (x > 0). */
MGE_API int mge_basis_values(const double *x, int n, mge_basis_dist dist,
                             mge_basis_result *out, mge_error *err);

MGE_API const char *mge_basis_dist_name(mge_basis_dist d);
MGE_API int mge_basis_dist_parse(const char *name);

/* Test values for basis values, gathered from lists and files; at most
 * MGE_BASIS_MAX_VALUES. Start from a zeroed struct; free with
 * mge_basis_data_free. */
#define MGE_BASIS_MAX_VALUES 100000
typedef struct mge_basis_data {
  double *x;
  int n, cap;
} mge_basis_data;

/* Append the comma-separated numbers of text ("100,102,98"; a final comma
 * is allowed). A bad item is MGE_E_INPUT "WHAT: bad number at column C"
 * (what names the text, e.g. "--values"); too many values MGE_E_LIMIT. */
MGE_API int mge_basis_data_add_list(mge_basis_data *d, const char *text,
                                    const char *what, mge_error *err);

/* Append the values of a file ("-": stdin), read as CSV (RFC 4180): the
 * first field of each record is a finite number; lines whose first
 * non-blank character is '#' and blank lines are skipped; a first record
 * that is not a number is a header. Errors name path:line:column. */
MGE_API int mge_basis_data_add_file(mge_basis_data *d, const char *path,
                                    mge_error *err);

/* Free the values and empty d. */
MGE_API void mge_basis_data_free(mge_basis_data *d);

/* ------------------------------------------------------- laminate files */

/* Capacity of a spec's layup text with its NUL: room for the longest
 * layup of MGE_LAMINATE_MAX_PLIES plies written out ply by ply. */
#define MGE_LAYUP_TEXT_MAX 4096

/* Everything a laminate YAML file describes (see docs/composites.md). */
typedef struct mge_laminate_spec {
  mge_laminate lam;
  mge_load load;
  int has_load;
  int n_crit;
  mge_criterion crit[MGE_CRIT_N];
  mge_fail_opts opts;
  mge_stress_plane plane;
  int n_dir;
  char layup[MGE_LAYUP_TEXT_MAX]; /* the layup text, or "" for explicit ply
                                    lists */
} mge_laminate_spec;

/* Parse a laminate YAML document (text of len bytes; name for messages).
 * user[0..n_user) are extra materials searched before the built-in
 * library. Errors name name:line:column. */
MGE_API int mge_laminate_spec_parse(const char *text, size_t len,
                                    const char *name, const mge_lamina *user,
                                    size_t n_user, mge_laminate_spec *out,
                                    mge_error *err);
/* Read and parse a file. */
MGE_API int mge_laminate_spec_read(const char *path, const mge_lamina *user,
                                   size_t n_user, mge_laminate_spec *out,
                                   mge_error *err);

/* A laminate described by options instead of a file (`mge laminate
 * --material NAME --layup TEXT ...`): text values as a user writes them
 * (NULL when not given) and the number of directions the command line has
 * read (0 when not given). Start from a zeroed struct. */
typedef struct mge_laminate_options {
  const char *material;      /* a lamina of user[] or the library */
  const char *layup;         /* stacking sequence (mge_layup_parse) */
  const char *ply_thickness; /* a length ("0.125mm", "0.005in"); NULL:
                                the material's t_ply */
  const char *N, *M;         /* "x,y,xy": N/m and N quantities; empty
                                items are skipped */
  const char *dT;            /* a temperature difference ("-100K") */
  /* N, M, dT, ply_thickness and these: settings of any spec
   * (mge_laminate_spec_override) */
  const char *criteria; /* "tsai-wu,puck": replaces the criteria */
  const char *plane;    /* "sx-sy", "sx-txy" or "sy-txy" */
  int directions;       /* envelope directions, 4..100000; 0: keep */
} mge_laminate_options;

/* Build the spec of material, layup, ply_thickness, N, M, dT of o (both
 * material and layup are needed) as a laminate file with those keys would
 * give, without any text limit but MGE_LAYUP_TEXT_MAX on the layup and
 * MGE_LAMINATE_MAX_PLIES on its plies (MGE_E_LIMIT). Errors name the
 * option ("--layup: layup column 6: missing ']'"). */
MGE_API int mge_laminate_spec_from_options(const mge_laminate_options *o,
                                           const mge_lamina *user,
                                           size_t n_user,
                                           mge_laminate_spec *out,
                                           mge_error *err);

/* Apply the options of o that are given to any spec s (one read from a
 * file included): --N, --M and --dT replace those parts of the load case
 * (the rest of the file's load stays), --ply-thickness becomes every ply's
 * thickness, and the criteria, plane and directions. Criteria are
 * comma-separated names, duplicates dropped; an unknown name or an empty
 * list is MGE_E_INPUT. (material and layup are not applied: they build a
 * spec, mge_laminate_spec_from_options.) */
MGE_API int mge_laminate_spec_override(mge_laminate_spec *s,
                                       const mge_laminate_options *o,
                                       mge_error *err);

/* -------------------------------------------------- design-engine models */

/* Parameters of the built-in laminate models (model.params). */
typedef struct mge_composite_model_params {
  mge_load load; /* load case for the reserve factor */
  mge_criterion crit[MGE_CRIT_N];
  int n_crit; /* 0 -> all six criteria */
  mge_fail_opts opts;
} mge_composite_model_params;

/* Built-in laminate property models (family MGE_FAMILY_LAMINATE, candidates
 * const mge_laminate *[n]):
 *   composite.areal_mass    areal_mass (kg/m2), thickness (m)
 *   composite.areal_cost    areal_cost (USD/m2)
 *   composite.moduli        Ex, Ey, Gxy (Pa), nuxy, Efx, Efy (Pa)
 *   composite.fpf           fpf_reserve (1): first-ply reserve factor under
 *                           the default load (Nx = 1 N/m) ...
 * The fpf model in the list uses default params (all criteria, unit Nx);
 * use mge_composite_fpf_model to bind a load case. Static, never free. */
MGE_API const mge_model *const *mge_composite_models(size_t *n);

/* Make the first-ply reserve-factor model for a load case: *m is filled
 * (eval, outputs) and points at p, which the caller keeps alive. */
MGE_API void mge_composite_fpf_model(mge_model *m,
                                     const mge_composite_model_params *p);

/* Decoder from design variables to a laminate.
 *
 * The stack is n_groups ply groups (the bottom half when symmetric). Group k
 * has angle angles_deg[angle_idx[k]] and count[k] plies (count 0 drops the
 * group). symmetric mirrors the stack; balanced adds, for each group at
 * +a (a not 0 or 90), a -a group right after it. max_adjacent > 0 limits
 * the run of equal adjacent angles (after mirroring); a violation is
 * MGE_E_RANGE (so that searches can reject it). */
typedef struct mge_layup_decoder {
  const mge_lamina *mat; /* borrowed */
  double t_ply_m;
  int n_angles;
  double angles_deg[16];
  int symmetric, balanced, max_adjacent;
} mge_layup_decoder;

MGE_API int mge_layup_decode(const mge_layup_decoder *d, int n_groups,
                             const int *angle_idx, const int *count,
                             mge_laminate *out, mge_error *err);

#ifdef __cplusplus
}
#endif
#endif
