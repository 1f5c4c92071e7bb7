/* mge thermo: computational thermodynamics (CALPHAD).
 *
 * Databases in the Thermo-Calc TDB format are read into an immutable
 * mge_tdb. A system (mge_thermo_system) is compiled from a database for a
 * set of elements and phases: every model parameter is reduced to a
 * piecewise polynomial in T (functions inlined), and every phase to flat
 * arrays of terms over its site fractions, so that evaluation never walks
 * an expression tree.
 *
 * Units: T in K, P in Pa, energies in J/mol (per mole of atoms unless said
 * otherwise), entropies and heat capacities in J/(mol K).
 *
 * Thread safety: an mge_tdb and an mge_thermo_system are immutable after
 * construction and may be shared between threads; every function taking
 * them const is reentrant. Results are written to caller-owned structs.
 */
#ifndef MGE_THERMO_H
#define MGE_THERMO_H

#include <stddef.h>

#include "mge/chem.h"
#include "mge/core.h"
#include "mge/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits of one system: components (elements) and site fractions of one
 * phase (all sublattices together). */
#define MGE_THERMO_MAX_COMP 12
#define MGE_THERMO_MAX_Y 48

/* ---------------------------------------------------------------- TDB */

typedef struct mge_tdb mge_tdb;

/* Parser limits: a file larger than this is rejected with MGE_E_LIMIT. */
#define MGE_TDB_MAX_BYTES (64u << 20)

/* Read a TDB database from a file. On error returns MGE_E_INPUT (a file
 * that cannot be opened: err's source is the path, its message "cannot
 * open: " and the system's reason; syntax or reference errors: err names
 * file:line:column and the construct), MGE_E_IO (a read that failed after
 * the open), MGE_E_LIMIT or MGE_E_NOMEM; *out is then NULL. The caller
 * owns *out (mge_tdb_free). */
MGE_API int mge_tdb_load(const char *path, mge_tdb **out, mge_error *err);

/* As mge_tdb_load for text in memory (len bytes, need not be
 * NUL-terminated); source names the text in error messages. */
MGE_API int mge_tdb_parse(const char *text, size_t len, const char *source,
                          mge_tdb **out, mge_error *err);

/* Free a database; NULL is a no-op. Systems made from it must be freed
 * first (they borrow it). */
MGE_API void mge_tdb_free(mge_tdb *db);

/* Counts and names (borrowed strings, valid while db lives). Element names
 * are as in the file (upper case, "VA" and "/-" included). */
MGE_API int mge_tdb_n_elements(const mge_tdb *db);
MGE_API const char *mge_tdb_element(const mge_tdb *db, int i);
/* Molar mass of element i, g/mol, as stated in the file. */
MGE_API double mge_tdb_element_mass(const mge_tdb *db, int i);
MGE_API int mge_tdb_n_species(const mge_tdb *db);
MGE_API int mge_tdb_n_functions(const mge_tdb *db);
MGE_API int mge_tdb_n_parameters(const mge_tdb *db);
MGE_API int mge_tdb_n_phases(const mge_tdb *db);
MGE_API const char *mge_tdb_phase(const mge_tdb *db, int i);
/* Index of a phase by name (case-insensitive), -1 if absent. */
MGE_API int mge_tdb_phase_index(const mge_tdb *db, const char *name);
MGE_API int mge_tdb_phase_nsub(const mge_tdb *db, int i);
MGE_API double mge_tdb_phase_ratio(const mge_tdb *db, int i, int s);
MGE_API int mge_tdb_phase_ncons(const mge_tdb *db, int i, int s);
MGE_API const char *mge_tdb_phase_cons(const mge_tdb *db, int i, int s, int k);
/* Magnetic model of phase i: returns 1 and sets the antiferromagnetic
 * factor and structure factor p if it has one, else 0. */
MGE_API int mge_tdb_phase_magnetic(const mge_tdb *db, int i, double *afm,
                                   double *p);
/* Name of the disordered part of phase i ("" if none). */
MGE_API const char *mge_tdb_phase_disordered(const mge_tdb *db, int i);
/* DATABASE_INFO text ("" if none), and the references (key, text). */
MGE_API const char *mge_tdb_info(const mge_tdb *db);
MGE_API int mge_tdb_n_refs(const mge_tdb *db);
MGE_API const char *mge_tdb_ref_key(const mge_tdb *db, int i);
MGE_API const char *mge_tdb_ref_text(const mge_tdb *db, int i);
/* Parameters that name an undefined function or species (some published
 * files have them). They do not stop loading; building a system that needs
 * one fails with this text ("file:line:column: unknown function 'X'"). */
MGE_API int mge_tdb_n_unresolved(const mge_tdb *db);
MGE_API const char *mge_tdb_unresolved(const mge_tdb *db, int i);

/* -------------------------------------------------------------- systems */

typedef struct mge_thermo_system mge_thermo_system;

/* Compile a system from db for the elements named in elements[0..nel-1]
 * (TDB symbols, case-insensitive; VA is added implicitly). phases[0..nph-1]
 * selects phases by name (NULL or nph == 0: every phase that has
 * constituents in these elements); suspend[0..nsusp-1] removes phases.
 * Species with a charge are left out (ionic models are not supported).
 * Errors (MGE_E_INPUT): unknown element or phase, a requested phase with no
 * constituents in these elements, a needed parameter that names an
 * undefined function (the message gives its file:line:column), wildcard
 * energy parameters, temperature-dependent TC or BMAGN. db is borrowed and
 * must outlive the system. The caller owns *out. */
MGE_API int mge_thermo_system_new(const mge_tdb *db,
                                  const char *const *elements, int nel,
                                  const char *const *phases, int nph,
                                  const char *const *suspend, int nsusp,
                                  mge_thermo_system **out, mge_error *err);
MGE_API void mge_thermo_system_free(mge_thermo_system *s);

/* Components (elements, in database order) and phases of a system. */
MGE_API int mge_thermo_system_ncomp(const mge_thermo_system *s);
MGE_API const char *mge_thermo_system_comp(const mge_thermo_system *s, int c);
/* Molar mass of component c, g/mol (from the database's ELEMENT line). */
MGE_API double mge_thermo_system_comp_mass(const mge_thermo_system *s, int c);
MGE_API int mge_thermo_system_nphase(const mge_thermo_system *s);
MGE_API const char *mge_thermo_system_phase(const mge_thermo_system *s, int p);
/* Index of a phase by name (case-insensitive), -1 if not in the system. */
MGE_API int mge_thermo_system_phase_index(const mge_thermo_system *s,
                                          const char *name);
/* Site fractions of phase p: their number, and for each the sublattice and
 * the constituent's name. */
MGE_API int mge_thermo_phase_ny(const mge_thermo_system *s, int p);
MGE_API int mge_thermo_phase_y_sublattice(const mge_thermo_system *s, int p,
                                          int k);
MGE_API const char *mge_thermo_phase_y_name(const mge_thermo_system *s, int p,
                                            int k);

/* Properties of one phase at fixed site fractions y[0..ny-1] (each
 * sublattice summing to 1), per mole of atoms: gm (J/mol), sm (J/(mol K)),
 * hm (J/mol), cpm (J/(mol K)); any output pointer may be NULL. Errors:
 * MGE_E_INPUT for a bad phase index, non-finite or negative y, T <= 0,
 * P <= 0, a constitution with no atoms. */
MGE_API int mge_thermo_phase_props(const mge_thermo_system *s, int p,
                                   double T_K, double P_Pa, const double *y,
                                   double *gm, double *sm, double *hm,
                                   double *cpm, mge_error *err);

/* ---------------------------------------------------------- equilibrium */

#define MGE_THERMO_MAX_SETS 8 /* phases (composition sets) in one result */

/* Solver options; mge_thermo_options_default gives the documented
 * defaults. */
typedef struct mge_thermo_options {
  double tol_mass; /* mass-balance residual, mol (default 1e-10) */
  double tol_grad; /* stationarity residual, J/mol (default 1e-6) */
  double tol_df;   /* a phase whose driving force exceeds this, J/mol,
                      makes the result non-final (default 1e-3) */
  int max_iter;    /* Newton iterations per phase set (default 300) */
  int grid_check;  /* 1: check the result against every sampled
                      constitution of every phase (default 1) */
} mge_thermo_options;

MGE_API void mge_thermo_options_default(mge_thermo_options *o);

/* Conditions: T (K), P (Pa) and the overall mole fractions X of the
 * system's components (in mge_thermo_system_comp order, each >= 0, sum 1).
 * A component at exactly 0 is solved in the system without it (built on
 * the fly, slower): its chemical potential is then NaN and its mole
 * fractions 0. */
typedef struct mge_thermo_conditions {
  double T_K, P_Pa;
  double X[MGE_THERMO_MAX_COMP];
} mge_thermo_conditions;

/* Mass fractions w (component order) to mole fractions x. Errors for
 * negative, non-finite or all-zero w. */
MGE_API int mge_thermo_mass_to_mole(const mge_thermo_system *s, const double *w,
                                    double *x, mge_error *err);

typedef struct mge_thermo_phase_eq {
  int phase;                     /* system phase index */
  double amount;                 /* fraction of all atoms in this phase */
  double x[MGE_THERMO_MAX_COMP]; /* its mole fractions of components */
  int ny;
  double y[MGE_THERMO_MAX_Y]; /* its site fractions */
  double gm;                  /* its Gibbs energy, J/mol of atoms */
  double n_fu;                /* moles of formula units (internal) */
} mge_thermo_phase_eq;

typedef struct mge_thermo_result {
  int converged;    /* 1 only when every check passed */
  char reason[160]; /* why not, or "converged" */
  double T_K, P_Pa;
  int ncomp;
  double X[MGE_THERMO_MAX_COMP];
  int nphase; /* stable phases (composition sets) */
  mge_thermo_phase_eq ph[MGE_THERMO_MAX_SETS];
  double mu[MGE_THERMO_MAX_COMP]; /* chemical potentials, J/mol */
  double GM, HM, SM, CPM;         /* per mole of atoms; CPM includes the
                                     heat of phase changes (equilibrium
                                     heat capacity at fixed phase set) */
  int iterations;
} mge_thermo_result;

/* Global equilibrium at the conditions: sample every phase, take the lower
 * convex hull (linear program), refine with Newton on the full system
 * (site fractions, phase amounts, chemical potentials), add phases and
 * composition sets by driving force, and check the answer against the
 * sampled grid. Returns 0 with r->converged = 1, or MGE_E_CONVERGE with
 * r->converged = 0 and r->reason set (r then holds no answer: never report
 * it as one), or MGE_E_INPUT for bad conditions. opts may be NULL.
 * Thread-safe: s is only read. */
MGE_API int mge_thermo_equilibrium(const mge_thermo_system *s,
                                   const mge_thermo_conditions *c,
                                   const mge_thermo_options *opts,
                                   mge_thermo_result *r, mge_error *err);

/* As mge_thermo_equilibrium, starting from a converged result at nearby
 * conditions (stepping); falls back to the global start if the warm start
 * fails. The grid check is the same. start and r may alias. */
MGE_API int mge_thermo_equilibrium_from(const mge_thermo_system *s,
                                        const mge_thermo_conditions *c,
                                        const mge_thermo_options *opts,
                                        const mge_thermo_result *start,
                                        mge_thermo_result *r, mge_error *err);

/* The fraction of all atoms in phase p (a system phase index) at the
 * equilibrium r: the sum over its composition sets (a miscibility gap
 * gives a phase two); 0 when the phase is not stable at r. */
MGE_API double mge_thermo_result_phase_amount(const mge_thermo_result *r,
                                              int phase);

/* ----------------------------------------------------- steps and Scheil */

/* The liquid phase of a system: the phase named LIQUID (or the first whose
 * name begins with LIQ), -1 if none. */
MGE_API int mge_thermo_system_liquid(const mge_thermo_system *s);

/* Read going down in T. A phase "appears" also when one more composition
 * set of it appears (a miscibility gap opens): sets_above/sets_below say
 * how many sets there are on each side. */
typedef enum mge_thermo_transition_kind {
  MGE_THERMO_APPEARS = 1,   /* more sets of the phase below T than above */
  MGE_THERMO_DISAPPEARS = 2 /* fewer sets below T than above */
} mge_thermo_transition_kind;

typedef struct mge_thermo_transition {
  double T_K;                 /* located by bisection to within tol_T_K */
  int phase;                  /* system phase index */
  int kind;                   /* mge_thermo_transition_kind */
  int sets_above, sets_below; /* composition sets of the phase above and
                                 below T (0: absent) */
} mge_thermo_transition;

#define MGE_THERMO_MAX_TRANS 64

typedef struct mge_thermo_step {
  int n;                 /* points */
  mge_thermo_result *pt; /* n converged equilibria, in step order */
  int ntrans;
  mge_thermo_transition trans[MGE_THERMO_MAX_TRANS]; /* in T order, high
                                                        to low */
  double liquidus_K; /* highest T with a solid and liquid below and only
                        liquid above; NaN if not crossed */
  double solidus_K;  /* T below which no liquid remains; NaN if not
                        crossed */
} mge_thermo_step;

/* Equilibria at T = T_from, T_from - dT, ... down to T_to (or up, if
 * T_to > T_from; dT > 0 always), warm-started point to point, with every
 * change of the phase set located by bisection to tol_T_K (> 0, e.g.
 * 0.01 K). X: overall mole fractions (component order). A point that does
 * not converge fails the whole step with MGE_E_CONVERGE (no partial
 * answer). At most 100000 points. The caller owns *out
 * (mge_thermo_step_free). */
MGE_API int mge_thermo_step_T(const mge_thermo_system *s, const double *X,
                              double P_Pa, double T_from, double T_to,
                              double dT, double tol_T_K,
                              const mge_thermo_options *opts,
                              mge_thermo_step **out, mge_error *err);
MGE_API void mge_thermo_step_free(mge_thermo_step *st);

#define MGE_THERMO_SCHEIL_MAXPH 16

/* Why a Scheil run ended (mge_thermo_scheil.end_reason). */
enum {
  MGE_THERMO_SCHEIL_EUTECTIC = 1, /* the remaining liquid was no longer
                                     stable (a eutectic-type end): it
                                     solidified at end_K, located to 0.01 K */
  MGE_THERMO_SCHEIL_FRACTION = 2  /* the liquid fraction fell below
                                     f_liquid_end */
};

/* A Scheil-Gulliver solidification: no diffusion in the solids, complete
 * mixing in the liquid. At each temperature the remaining liquid is
 * brought to equilibrium; the solid formed is removed. */
typedef struct mge_thermo_scheil {
  int n;
  double *T_K;          /* n temperatures, decreasing */
  double *f_solid;      /* n cumulative solid fractions (of all atoms) */
  double *x_liquid;     /* n x ncomp liquid mole fractions (row i: step i) */
  double *phase_amount; /* n x MGE_THERMO_SCHEIL_MAXPH: cumulative fraction
                           of all atoms solidified as seq phase q by step i
                           (entry i * MGE_THERMO_SCHEIL_MAXPH + q) */
  int ncomp;
  int nseq; /* phases in order of appearance */
  int seq_phase[MGE_THERMO_SCHEIL_MAXPH];
  double seq_T_K[MGE_THERMO_SCHEIL_MAXPH];    /* T at which each appeared */
  double seq_last_K[MGE_THERMO_SCHEIL_MAXPH]; /* lowest T at which it still
                                                 formed */
  double amount[MGE_THERMO_SCHEIL_MAXPH];     /* fraction of atoms that
                                                 solidified as this phase */
  double start_K;    /* where the run started: T_start, or the liquidus when
                        T_start was below it */
  double liquidus_K; /* first solid, located to 0.01 K */
  double end_K;      /* T where the liquid is used up (see end_reason) */
  int end_reason;    /* MGE_THERMO_SCHEIL_EUTECTIC or _FRACTION */
  int ended;         /* 1 if it ran to the end */
} mge_thermo_scheil;

/* Scheil solidification from T_start in steps of dT down, until the liquid
 * fraction falls below f_liquid_end (e.g. 1e-6) or the liquid is no longer
 * stable. When T_start is not fully liquid the liquidus is searched above
 * it (up to 6000 K) and the run starts there (start_K says where). Errors:
 * no liquid phase or bad arguments (MGE_E_INPUT), no fully liquid state up
 * to 6000 K (MGE_E_RANGE), a non-converged point (MGE_E_CONVERGE). The
 * caller owns *out (mge_thermo_scheil_free). */
MGE_API int mge_thermo_scheil_run(const mge_thermo_system *s, const double *X,
                                  double P_Pa, double T_start, double dT,
                                  double f_liquid_end,
                                  const mge_thermo_options *opts,
                                  mge_thermo_scheil **out, mge_error *err);
MGE_API void mge_thermo_scheil_free(mge_thermo_scheil *sc);

/* Solidification range of one composition: steps down from T_hi (which
 * must be fully liquid, else *liquidus_K is NaN and the call fails with
 * MGE_E_RANGE) in steps of dT until the liquid is gone or T_lo is reached,
 * locating the liquidus and solidus to tol_T_K. *solidus_K is NaN if the
 * liquid survives to T_lo. */
MGE_API int mge_thermo_solidification(const mge_thermo_system *s,
                                      const double *X, double P_Pa, double T_hi,
                                      double T_lo, double dT, double tol_T_K,
                                      const mge_thermo_options *opts,
                                      double *liquidus_K, double *solidus_K,
                                      mge_error *err);

/* ------------------------------------------------ design-engine models */

/* Options of the thermo property models (mge_thermo_model_opts_default:
 * T_hi 1600 K, T_lo 300 K, dT 5 K, tol 0.01 K, P 101325 Pa, no phase, no
 * suspended phases). */
typedef struct mge_thermo_model_opts {
  double T_hi_K, T_lo_K; /* search range for liquidus/solidus, K */
  double dT_K;           /* coarse step before bisection, K */
  double tol_K;          /* transition tolerance, K */
  double P_Pa;
  const char *phase; /* phase_amount: the phase (database name); the
                        string is copied */
  double T_K;        /* phase_amount: temperature, K */

  /* phases left out of every system (as mge_thermo_system_new's suspend);
   * the names are copied. NULL: none */
  const char *const *suspend;
  int nsusp;
} mge_thermo_model_opts;

MGE_API void mge_thermo_model_opts_default(mge_thermo_model_opts *o);

/* Property models (include/mge/model.h) of the alloy family: candidates
 * are const mge_comp[n] (mole fractions by Z). Each candidate's elements
 * are matched to the database's by symbol (case-insensitive); a system is
 * compiled for that element set (once per run of equal sets in a batch)
 * from db with the phase selection phases[0..nph-1] (NULL: all). A
 * candidate with an element the database lacks, or whose calculation does
 * not converge, gets NaN outputs (never a guess). Outputs in K except
 * phase_amount (fraction of atoms, "1"). db is borrowed and must outlive
 * the model; free with mge_thermo_model_free. Thread-safe eval.
 *   liquidus       id 4001  "thermo.liquidus"        liquidus (K)
 *   solidus        id 4002  "thermo.solidus"         solidus (K)
 *   freezing range id 4003  "thermo.freezing_range"  liquidus - solidus
 *   Scheil solidus id 4004  "thermo.scheil_solidus"  end of Scheil
 *                                                    solidification (K)
 *   phase amount   id 4005  "thermo.phase_amount"    fraction of opts.phase
 *                                                    at opts.T_K
 *   solidification id 4006  "thermo.solidification"  liquidus, solidus,
 *                                                    freezing_range */
MGE_API int mge_thermo_model_liquidus_new(const mge_tdb *db,
                                          const char *const *phases, int nph,
                                          const mge_thermo_model_opts *o,
                                          mge_model **out, mge_error *err);
MGE_API int mge_thermo_model_solidus_new(const mge_tdb *db,
                                         const char *const *phases, int nph,
                                         const mge_thermo_model_opts *o,
                                         mge_model **out, mge_error *err);
MGE_API int mge_thermo_model_freezing_range_new(
    const mge_tdb *db, const char *const *phases, int nph,
    const mge_thermo_model_opts *o, mge_model **out, mge_error *err);
MGE_API int mge_thermo_model_scheil_solidus_new(
    const mge_tdb *db, const char *const *phases, int nph,
    const mge_thermo_model_opts *o, mge_model **out, mge_error *err);
MGE_API int mge_thermo_model_phase_amount_new(const mge_tdb *db,
                                              const char *const *phases,
                                              int nph,
                                              const mge_thermo_model_opts *o,
                                              mge_model **out, mge_error *err);
MGE_API int mge_thermo_model_solidification_new(
    const mge_tdb *db, const char *const *phases, int nph,
    const mge_thermo_model_opts *o, mge_model **out, mge_error *err);
/* Free a model made by one of the constructors above; NULL is a no-op. */
MGE_API void mge_thermo_model_free(mge_model *m);

/* ------------------------------------------------- binary phase diagrams */

typedef struct mge_thermo_tieline {
  double T_K;
  int phase[2]; /* system phase indices (the same for a miscibility gap) */
  double x[2];  /* mole fraction of the axis component in each phase */
} mge_thermo_tieline;

typedef struct mge_thermo_map_label {
  double x, T_K;  /* where to put it */
  char text[128]; /* stable phases joined by '+' */
} mge_thermo_map_label;

/* A binary T-x phase diagram: the tie-lines of every two-phase equilibrium
 * met (their ends are the phase boundaries), the invariant temperatures
 * (three phases), and one label per phase field. */
typedef struct mge_thermo_map {
  int axis; /* component on the x axis */
  double T_lo_K, T_hi_K;
  int n;
  mge_thermo_tieline *tl;
  int ninv;
  double inv_T_K[MGE_THERMO_MAX_TRANS];
  char inv_text[MGE_THERMO_MAX_TRANS][128];
  int nlab;
  mge_thermo_map_label *lab;
} mge_thermo_map;

/* Map a two-component system from T_lo to T_hi: steps in T (dT, with
 * transitions located to 0.01 K) at nx compositions of the axis component
 * spread over (0, 1), on nthreads threads (1: the calling thread only).
 * Errors: not two components, bad ranges (MGE_E_INPUT); a step that does
 * not converge (MGE_E_CONVERGE). The caller owns *out. */
MGE_API int mge_thermo_map_binary(const mge_thermo_system *s, int axis,
                                  double T_lo, double T_hi, double dT, int nx,
                                  int nthreads, const mge_thermo_options *opts,
                                  mge_thermo_map **out, mge_error *err);
MGE_API void mge_thermo_map_free(mge_thermo_map *m);
/* (Drawn as SVG by mge_report_thermo_map_svg in mge/report.h.) */

/* ---------------------------------------------- isothermal ternary sections */

typedef struct mge_thermo_section_tie {
  int nph; /* 2: a tie-line, 3: a tie-triangle */
  int phase[3];
  double x[3][MGE_THERMO_MAX_COMP]; /* mole fractions of each phase */
} mge_thermo_section_tie;

typedef struct mge_thermo_section {
  double T_K;
  int n;
  mge_thermo_section_tie *tie;
  int nlab;
  mge_thermo_map_label *lab; /* x holds X of component 1, T_K holds X of
                                component 2 (the label's composition) */
  int nfail;                 /* grid points whose equilibrium did not
                                converge: left out, never guessed */
  double (*fail_x)[3];       /* their compositions */
} mge_thermo_section;

/* Isothermal section of a three-component system at T: equilibria on a
 * triangular grid of `div` divisions (compositions i/div, j/div, k/div with
 * i, j, k >= 1), on nthreads threads; two-phase results are tie-lines,
 * three-phase results tie-triangles, each field gets a label. Points that
 * do not converge are left out and listed (nfail, fail_x). The caller owns
 * *out. */
MGE_API int mge_thermo_section_ternary(const mge_thermo_system *s, double T_K,
                                       int div, int nthreads,
                                       const mge_thermo_options *opts,
                                       mge_thermo_section **out,
                                       mge_error *err);
MGE_API void mge_thermo_section_free(mge_thermo_section *sec);
/* (Drawn as SVG by mge_report_thermo_section_svg in mge/report.h.) */

/* ------------------------------------------ systems from user amounts */

/* A system of the components named in *am (case as the database writes
 * them or not), with phases and suspend as comma-separated lists of phase
 * names (NULL or "": all phases, none suspended). Errors as
 * mge_thermo_system_new. */
MGE_API int mge_thermo_system_from_amounts(
    const mge_tdb *db, const mge_amounts *am, const char *phases,
    const char *suspend, mge_thermo_system **out, mge_error *err);

/* The overall mole fractions X (system component order) of amounts a[0..
 * am->n) named as in *am (a == NULL: am->a), mass fractions converted when
 * am->mass. A component the amounts do not name gets 0. */
MGE_API int mge_thermo_amounts_X(const mge_thermo_system *s,
                                 const mge_amounts *am, const double *a,
                                 double *X, mge_error *err);

/* ---------------------------------------------------- batch equilibria */

/* A table of equilibrium conditions: a CSV file with a header naming a
 * temperature column (T or T_K, kelvin) and one column per component,
 * X(EL) for mole fractions or W(EL) for mass fractions (not mixed), then
 * one row per equilibrium (RFC 4180, blank lines skipped). */
#define MGE_THERMO_BATCH_MAX_ROWS 1000000
typedef struct mge_thermo_batch {
  int nrow;
  mge_amounts cols; /* the component names, the basis and the balance;
                       cols.a is unused */
  double *T;        /* nrow temperatures, K */
  double *A;        /* nrow x cols.n fractions, closed (sum 1) */
  long *line;       /* nrow: the line of each row in the file */
} mge_thermo_batch;

/* Read the table at path. balance (NULL: none) names one more component
 * that is not a column and takes 1 - the sum of each row; without it each
 * row must sum to 1 within 1e-6. Errors (MGE_E_INPUT, at file:line:column):
 * a missing or empty file, a header cell that is not T, X(EL) or W(EL), no
 * T or no component column, too many components, a cell that is not a
 * finite number, a negative fraction, a row whose sum is not 1 (or over 1
 * with a balance), more than MGE_THERMO_BATCH_MAX_ROWS rows. On failure *b
 * is empty. */
MGE_API int mge_thermo_batch_read(const char *path, const char *balance,
                                  mge_thermo_batch *b, mge_error *err);
MGE_API void mge_thermo_batch_free(mge_thermo_batch *b);

/* The batch's rows as conditions of system s (built from b->cols) at
 * pressure P_Pa: c[0..b->nrow). */
MGE_API int mge_thermo_batch_conditions(const mge_thermo_system *s,
                                        const mge_thermo_batch *b, double P_Pa,
                                        mge_thermo_conditions *c,
                                        mge_error *err);

/* Global equilibria of n conditions on `threads` threads (the caller
 * included; < 1 means 1), results in input order. A row that fails does not
 * stop the others: res[i].converged is 0 and res[i].reason says why (the
 * solver's message). *nfail (may be NULL) counts them. Returns MGE_OK
 * unless the threads or memory cannot be had (then err says so). Thread
 * safety: s is only read. */
MGE_API int mge_thermo_eq_batch(const mge_thermo_system *s,
                                const mge_thermo_conditions *c, size_t n,
                                const mge_thermo_options *opts, int threads,
                                mge_thermo_result *res, size_t *nfail,
                                mge_error *err);

#ifdef __cplusplus
}
#endif
#endif
