/* mge design: problems, samplers, the runner, Pareto archives and the sink
 * interface through which results are stored.
 *
 * A problem (usually a YAML file, see docs/design.md) is a composition
 * space (bounded amounts of some elements in wt% or at%, a balance element
 * taking the rest; for `family: glass`, of some compounds such as oxides in
 * mol% or wt%, a balance compound taking the rest), a sampler (grid, random,
 * Sobol, Latin hypercube), the properties to compute (registry names such as
 * "alloy.density"), constraints on them, and 1-5 objectives.
 *
 * Determinism. Candidate i of a run is a pure function of (problem, i): the
 * samplers derive every sample from its index with counter-based hashing
 * (splitmix64 of seed, index and dimension), never from a shared stream.
 * Everything the runner keeps (top-k, Pareto front, the plot sample) is a
 * set defined independently of the order of evaluation, with ties broken by
 * the candidate index. So results do not depend on the thread count or the
 * batch size, and a resumed run ends exactly as an uninterrupted one.
 *
 * Memory. The runner streams candidates through in batches and keeps only:
 * the top-k by score, the Pareto front (at most MGE_FRONT_MAX points, else
 * MGE_E_LIMIT), a sample of at most keep.sample feasible candidates (those
 * with the smallest hash of their index, for the plot), and per-thread batch
 * buffers. Nothing grows with the number of candidates.
 *
 * Families. An alloy problem's candidates are mge_comp (elements); a glass
 * problem's are mge_recipe (compounds named by their formula text, as
 * mge_recipe_parse writes them); a laminate problem's are mge_laminate
 * (ply groups with an angle from a set and a ply count, decoded by the
 * composite module's mge_layup_decode). Every property must belong to the
 * problem's family (checked when the problem is loaded).
 *
 * Units. Composition variables are in percent of the problem's basis (wt%
 * or at%; glass: wt% or mol%). Property values are in the unit of the model
 * output (see `mge models`); constraint thresholds given with units are
 * converted to it when the problem is loaded.
 *
 * Thread safety: a loaded problem is immutable and may be shared; a run
 * uses its own threads and calls the sink and progress callbacks from the
 * calling thread only.
 */
#ifndef MGE_DESIGN_H
#define MGE_DESIGN_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "mge/chem.h"
#include "mge/composite.h"
#include "mge/learn.h"
#include "mge/model.h"
#include "mge/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ limits */

#define MGE_DESIGN_MAX_VARS 31  /* free elements (MGE_COMP_MAX - 1) */
#define MGE_DESIGN_MAX_PROPS 32 /* properties per problem */
#define MGE_DESIGN_MAX_CONSTRAINTS 32
#define MGE_DESIGN_MAX_OBJ                                               \
  5                                    /* objectives (the Pareto archive \
                                          handles 1-5) */
#define MGE_DESIGN_MAX_N 4294967296ULL /* samples per run (2^32: Sobol) */
#define MGE_GRID_LIMIT 10000000ULL     /* grid points allowed without force */
#define MGE_DESIGN_MAX_TOP 10000
#define MGE_DESIGN_MAX_SAMPLE 100000
#define MGE_FRONT_MAX 200000          /* Pareto points kept at most */
#define MGE_PROBLEM_MAX_BYTES 1048576 /* problem file size */
/* Capacity of a variable's name: an element symbol or a compound formula
 * with its NUL (as MGE_COMPOUND_NAME). */
#define MGE_DESIGN_NAME 24

/* ------------------------------------------------------------ problem */

typedef enum mge_sampler_kind {
  MGE_SAMPLER_GRID = 1,
  MGE_SAMPLER_RANDOM = 2,
  MGE_SAMPLER_SOBOL = 3,
  MGE_SAMPLER_LHS = 4
} mge_sampler_kind;

typedef enum mge_cmp_op {
  MGE_OP_LT = 1,
  MGE_OP_LE,
  MGE_OP_GT,
  MGE_OP_GE,
  MGE_OP_EQ
} mge_cmp_op;

/* Kinds of design variables. */
typedef enum mge_var_kind {
  MGE_VAR_AMOUNT = 0, /* percent of the basis in [lo, hi] (alloy, glass) */
  MGE_VAR_INT = 1,    /* whole number in [lo, hi] (laminate ply counts) */
  MGE_VAR_CHOICE = 2  /* one of choice[0..n_choices) (laminate angles) */
} mge_var_kind;

#define MGE_DESIGN_MAX_CHOICES 16

/* One design variable. Alloy and glass: a free element or compound of the
 * composition, amount in [lo, hi] percent of the basis; step (> 0) is used
 * by the grid sampler, 0 if not given. Laminate: per ply group, its angle
 * (a choice, in degrees) and its ply count (an integer); x holds the
 * chosen value itself (the angle, the count). */
typedef struct mge_design_var {
  int Z;                        /* alloy: atomic number; else 0 */
  char symbol[MGE_DESIGN_NAME]; /* "Al", "Al2O3", "g1.angle", "g1.plies" */
  double lo, hi, step;
  mge_comp unit; /* glass: elements of one formula unit (natoms set) */
  mge_var_kind kind;
  int n_choices;
  double choice[MGE_DESIGN_MAX_CHOICES];
} mge_design_var;

/* A computed property: output `output` of `model`, in `unit`. */
typedef struct mge_design_prop {
  char name[64];          /* "alloy.density" */
  const mge_model *model; /* borrowed from the registry */
  int output;
  const char *unit; /* the output's unit text, borrowed */
} mge_design_prop;

/* prop OP value, value in the property's unit. */
typedef struct mge_design_constraint {
  int prop; /* index into props */
  mge_cmp_op op;
  double value;
  char text[96]; /* as written, for reports */
} mge_design_constraint;

/* Score term: weight * value / scale, with sense +1 (minimize) or -1
 * (maximize); lower score is better. scale is in the property's unit
 * (default 1). */
typedef struct mge_design_objective {
  int prop;
  int sense;
  double weight;
  double scale;
} mge_design_objective;

/* A loaded problem (opaque). Read-only after mge_problem_load/parse; free
 * with mge_problem_free. Read it through the accessors below. */
typedef struct mge_problem mge_problem;

/* The problem's name (its name: key), the source given to the loader, the
 * text as read (*len its length; not NUL-terminated in general) and the
 * FNV-1a 64 hash of that text as 16 hex digits. */
MGE_API const char *mge_problem_name(const mge_problem *p);
MGE_API const char *mge_problem_source(const mge_problem *p);
MGE_API const char *mge_problem_text(const mge_problem *p, size_t *len);
MGE_API const char *mge_problem_hash(const mge_problem *p);

/* The family of its candidates, and the basis of a composition space. */
MGE_API mge_family mge_problem_family(const mge_problem *p);
MGE_API mge_basis mge_problem_basis(const mge_problem *p);

/* The balance element or compound ("" for a laminate) and its range in
 * percent of the basis (default [0, 100]). */
MGE_API const char *mge_problem_balance_symbol(const mge_problem *p);
MGE_API void mge_problem_balance_range(const mge_problem *p, double *lo,
                                       double *hi);

/* The design variables, properties, constraints and objectives, in the
 * order of the problem file: counts, and the i-th (0 <= i < count;
 * borrowed, valid while p lives). */
MGE_API int mge_problem_n_vars(const mge_problem *p);
MGE_API const mge_design_var *mge_problem_var(const mge_problem *p, int i);
MGE_API int mge_problem_n_props(const mge_problem *p);
MGE_API const mge_design_prop *mge_problem_prop(const mge_problem *p, int i);
MGE_API int mge_problem_n_constraints(const mge_problem *p);
MGE_API const mge_design_constraint *mge_problem_constraint(
    const mge_problem *p, int i);
MGE_API int mge_problem_n_objectives(const mge_problem *p);
MGE_API const mge_design_objective *mge_problem_objective(const mge_problem *p,
                                                          int i);

/* The sampler, its seed, and the number of candidate indices (0 .. n-1;
 * grid: the grid size). */
MGE_API mge_sampler_kind mge_problem_sampler(const mge_problem *p);
MGE_API uint64_t mge_problem_seed(const mge_problem *p);
MGE_API uint64_t mge_problem_size(const mge_problem *p);

/* What the runner keeps: the top-k by score, whether the Pareto front,
 * and how many feasible candidates for the plot. */
MGE_API int mge_problem_keep_top(const mge_problem *p);
MGE_API int mge_problem_keep_pareto(const mge_problem *p);
MGE_API int mge_problem_keep_sample(const mge_problem *p);

/* The distinct models the problem evaluates, and the grid points of
 * variable j of a grid problem (0 otherwise). */
MGE_API int mge_problem_n_models(const mge_problem *p);
MGE_API int mge_problem_grid_count(const mge_problem *p, int j);

/* Options of the loader. */
typedef struct mge_problem_opts {
  int force; /* 1: allow grids larger than MGE_GRID_LIMIT */
} mge_problem_opts;

/* Parse a problem from text (len bytes, no NUL needed); source names it in
 * errors. reg resolves property names and must outlive the problem. Every
 * mistake is MGE_E_INPUT (MGE_E_LIMIT for sizes) with err->source, line and
 * column set. opts may be NULL. */
MGE_API int mge_problem_parse(const char *text, size_t len, const char *source,
                              const mge_registry *reg,
                              const mge_problem_opts *opts, mge_problem **out,
                              mge_error *err);

/* Read and parse the file at path (at most MGE_PROBLEM_MAX_BYTES). */
MGE_API int mge_problem_load(const char *path, const mge_registry *reg,
                             const mge_problem_opts *opts, mge_problem **out,
                             mge_error *err);

/* As mge_problem_parse and mge_problem_load, with a registry the loader may
 * add to: a `thermo:` section (docs/design.md) loads its database (a path
 * relative to the problem file, else data/thermo/NAME via mge_data_find),
 * checks it against the space, and adds the thermo models
 * (thermo.liquidus, thermo.solidus, thermo.freezing_range,
 * thermo.scheil_solidus, thermo.solidification, and thermo.phase_amount
 * when asked for; include/mge/thermo.h) to reg before the properties are
 * resolved. reg owns them (and the database) from then on, also when the
 * parse fails later, and must outlive the problem. The plain functions
 * refuse a thermo: section. Not thread-safe with other users of reg. */
MGE_API int mge_problem_parse_ex(const char *text, size_t len,
                                 const char *source, mge_registry *reg,
                                 const mge_problem_opts *opts,
                                 mge_problem **out, mge_error *err);
MGE_API int mge_problem_load_ex(const char *path, mge_registry *reg,
                                const mge_problem_opts *opts, mge_problem **out,
                                mge_error *err);

/* A batch size suited to p's models (for mge_design_opts.batch when the
 * user gave none): small (16) when p evaluates a thermo model (about 10 ms
 * a candidate, so that every thread gets work), 0 (the runner's default)
 * otherwise. Results never depend on the batch size. */
MGE_API size_t mge_problem_batch_hint(const mge_problem *p);

/* Free p. NULL: no-op. */
MGE_API void mge_problem_free(mge_problem *p);

/* The variable values x (n_vars amounts in percent of the basis) and the
 * balance of candidate `index`. Returns 1 if the candidate lies in the space
 * (balance >= 0 and within [balance_lo, balance_hi]), 0 if the sampler drew
 * a point whose balance would be negative or outside its range (the runner
 * counts these as rejected; *balance is still set). Every x[j] lies in
 * [lo_j, hi_j]. */
MGE_API int mge_problem_sample(const mge_problem *p, uint64_t index, double *x,
                               double *balance);

/* The elemental composition of a candidate with amounts x (as from
 * mge_problem_sample). For a glass problem, the recipe reduced to elements
 * (mge_recipe_to_comp). */
MGE_API int mge_problem_decode(const mge_problem *p, const double *x,
                               mge_comp *out, mge_error *err);

/* The recipe of a glass candidate with amounts x (as from
 * mge_problem_sample): the compounds with a non-zero amount, the free ones
 * in the order of the problem file and the balance last, as mole fractions
 * of compounds (sum 1; wt% amounts converted with the formula masses).
 * MGE_E_INPUT if p is not a glass problem or the balance is negative. */
MGE_API int mge_problem_decode_recipe(const mge_problem *p, const double *x,
                                      mge_recipe *out, mge_error *err);

/* The laminate of a laminate candidate with variables x (as from
 * mge_problem_sample), through the composite module's mge_layup_decode.
 * MGE_E_RANGE if the layup breaks the limit on adjacent equal plies or has
 * no plies (the runner counts these as rejected), MGE_E_INPUT if p is not
 * a laminate problem. */
MGE_API int mge_problem_decode_laminate(const mge_problem *p, const double *x,
                                        mge_laminate *out, mge_error *err);

/* Bytes of one decoded candidate of p's family (alloy: sizeof(mge_comp);
 * glass: sizeof(mge_recipe); laminate: sizeof(mge_laminate), which the
 * models receive through an array of pointers, const mge_laminate *[n]). */
MGE_API size_t mge_problem_candidate_size(const mge_problem *p);

/* Decode variables x into one candidate of p's family at cand (capacity
 * mge_problem_candidate_size(p)): mge_problem_decode,
 * mge_problem_decode_recipe or mge_problem_decode_laminate. */
MGE_API int mge_problem_decode_candidate(const mge_problem *p, const double *x,
                                         void *cand, mge_error *err);

/* The basis of the amounts as text: "wt%", "at%" (alloy) or "mol%"
 * (glass); "1" for a laminate. Static string. */
MGE_API const char *mge_problem_basis_name(const mge_problem *p);

/* The unit of variable j (0 <= j < n_vars) as text: the basis for amounts,
 * "deg" for angles, "1" for ply counts. Static string. */
MGE_API const char *mge_problem_var_unit(const mge_problem *p, int j);

/* 1 if p has a balance (alloy and glass), 0 if not (laminate: x[n_vars]
 * of a kept entry is then 0). */
MGE_API int mge_problem_has_balance(const mge_problem *p);

/* A readable label of a candidate. Alloy: alloy notation, balance first,
 * with the basis: "Mg-3.5Al-0.75Zn wt%" (amounts to 3 significant digits,
 * zero amounts left out). Glass: a recipe that mge_recipe_parse reads,
 * balance first with its amount: "65.2SiO2-15Al2O3-13Na2O mol%".
 * Laminate: the decoded stacking sequence as mge_layup_parse reads it,
 * "[55_2/-55_2/90]s" ("(invalid)" if it does not decode). Returns the
 * length needed (as snprintf). */
MGE_API int mge_problem_label(const mge_problem *p, const double *x, char *buf,
                              size_t cap);

/* Raw Sobol point (32-bit integers, no shift) of dimension d (0-based,
 * d < MGE_DESIGN_MAX_VARS + 1) at index i, from the Joe-Kuo
 * new-joe-kuo-6.21201 direction numbers. For tests. */
MGE_API uint32_t mge_sobol_raw(uint64_t i, int d);

/* mge_mix64, the splitmix64 step, is declared in mge/core.h. */

/* ------------------------------------------------------------ Pareto */

/* An exact Pareto archive of points with m (1..5) objectives, all
 * minimized. A point p is kept iff no other point dominates it (q <= p in
 * every objective and q < p in one) and no point with identical objectives
 * has a smaller id. The kept set therefore depends only on the set of points
 * offered, not their order. Points with a NaN objective are refused. */
typedef struct mge_pareto mge_pareto;

MGE_API mge_pareto *mge_pareto_new(int m);
MGE_API void mge_pareto_free(mge_pareto *a);

/* Offer point f (m values) with id. Returns 1 if it was kept, 0 if not, -1
 * if out of memory. */
MGE_API int mge_pareto_insert(mge_pareto *a, const double *f, uint64_t id);

/* 1 if f (with id) would be refused by the archive as it is now. */
MGE_API int mge_pareto_rejects(const mge_pareto *a, const double *f,
                               uint64_t id);

MGE_API size_t mge_pareto_size(const mge_pareto *a);
/* The i-th kept point (objectives, borrowed) and its id. Order unspecified;
 * invalidated by the next insert. */
MGE_API const double *mge_pareto_get(const mge_pareto *a, size_t i,
                                     uint64_t *id);

/* ------------------------------------------------------------ runs */

#define MGE_KEEP_FRONT 0x1  /* on the Pareto front */
#define MGE_KEEP_TOP 0x2    /* in the top-k by score */
#define MGE_KEEP_SAMPLE 0x4 /* in the plot sample */

/* One kept candidate. x: n_vars amounts (percent of the basis), then the
 * balance; v: the problem's n_props property values (property units). */
typedef struct mge_design_entry {
  uint64_t index;
  unsigned flags; /* MGE_KEEP_* */
  double score;
  const double *x;
  const double *v;
} mge_design_entry;

typedef struct mge_design_counts {
  uint64_t next_index; /* candidates [0, next_index) are done */
  uint64_t rejected;   /* outside the space (balance < 0) */
  uint64_t undefined;  /* a constraint or objective property was NaN */
  uint64_t infeasible; /* violated a constraint */
  uint64_t feasible;
} mge_design_counts;

/* What changed in the kept set with one batch. */
typedef struct mge_design_delta {
  uint64_t batch_first, batch_end; /* the batch's candidate indices */
  size_t n_upsert;                 /* joined or changed flags */
  const mge_design_entry *upsert;
  size_t n_remove; /* left the kept set */
  const uint64_t *remove;
  mge_design_counts counts; /* after the batch */
} mge_design_delta;

/* A checkpoint read back: counts and the kept set (indices and flags). The
 * arrays are owned by the sink and valid until its next call. */
typedef struct mge_design_checkpoint {
  int found;
  mge_design_counts counts;
  size_t n;
  const uint64_t *index;
  const unsigned *flags;
} mge_design_checkpoint;

/* Where results go. write_batch is called after every batch (in index order)
 * and commit right after it: together they must be atomic (the store writes
 * the batch in one transaction and commits it). read_checkpoint returns the
 * last committed state (for --resume). Any callback may be NULL. A non-zero
 * return stops the run with that status. */
typedef struct mge_design_sink {
  void *ctx;
  int (*write_batch)(void *ctx, const mge_problem *p, const mge_design_delta *d,
                     mge_error *err);
  int (*commit)(void *ctx, const mge_design_counts *c, mge_error *err);
  int (*read_checkpoint)(void *ctx, mge_design_checkpoint *cp, mge_error *err);
} mge_design_sink;

typedef struct mge_design_opts {
  int threads;  /* worker threads, 0: number of online CPUs */
  size_t batch; /* candidates per batch, 0: 8192; at most 16 MiB of
                   decoded candidates per thread (a glass batch holds
                   about 1600 recipes) */
  int resume;   /* 1: start from sink->read_checkpoint */
  const volatile sig_atomic_t *stop; /* checked between batches; non-zero
                                        ends the run with MGE_E_INTERRUPT
                                        after the last commit. May be NULL */
  uint64_t stop_after; /* stop after exactly this many candidates (the
                          last round is cut there), 0: never */
  void (*progress)(void *user, const mge_design_counts *c, uint64_t total);
  void *progress_user;
} mge_design_opts;

typedef struct mge_design_result mge_design_result;

/* Run problem p: sample, evaluate, filter, rank. sink and opts may be NULL.
 * On success *out holds the result (free with mge_design_result_free). On
 * MGE_E_INTERRUPT *out still holds the partial result. */
MGE_API int mge_design_run(const mge_problem *p, const mge_design_opts *opts,
                           const mge_design_sink *sink, mge_design_result **out,
                           mge_error *err);

MGE_API void mge_design_result_free(mge_design_result *r);

MGE_API const mge_design_counts *mge_design_result_counts(
    const mge_design_result *r);

/* Kept candidates of one kind (MGE_KEEP_FRONT: sorted by the first
 * objective then index; MGE_KEEP_TOP: best score first; MGE_KEEP_SAMPLE: by
 * index). Borrowed from r. */
MGE_API size_t mge_design_result_count(const mge_design_result *r,
                                       unsigned kind);
MGE_API const mge_design_entry *mge_design_result_get(
    const mge_design_result *r, unsigned kind, size_t i);

/* Wall time of the run in seconds (this invocation only). */
MGE_API double mge_design_result_seconds(const mge_design_result *r);

/* ------------------------------------------------------------ evaluation */

/* Property values of n decoded candidates (evaluate.c): each of p's models
 * is evaluated once on the whole batch. in is what the models take: for an
 * alloy problem const mge_comp[n] (mge_problem_decode), for glass
 * const mge_recipe[n], for a laminate const mge_laminate *[n] (see
 * mge_problem_candidate_size). values (capacity n * p->n_props) receives
 * values[i * n_props + k], property k of candidate i in the property's
 * unit (NaN where a model has no value). Errors: the first failing model's,
 * MGE_E_NOMEM. Thread-safe: p and in are only read; n = 0 does nothing. */
MGE_API int mge_problem_evaluate(const mge_problem *p, const void *in, size_t n,
                                 double *values, mge_error *err);

/* 1 if property values v (p->n_props of them, as from mge_problem_evaluate)
 * meet every constraint of p, 0 if not. A constraint on a value that is NaN
 * or infinite is not met. */
MGE_API int mge_problem_meets_constraints(const mge_problem *p,
                                          const double *v);

/* ------------------------------------------ Bayesian suggestions (learn) */

/* Proposals at most (the batch) and candidates at most (the pool). */
#define MGE_SUGGEST_MAX_BATCH 1000
#define MGE_SUGGEST_MAX_POOL 1000000

typedef struct mge_design_suggest_opts {
  int batch;      /* proposals, 1..MGE_SUGGEST_MAX_BATCH (default 1) */
  int maximize;   /* 1: maximize the dataset's target; 0: minimize (default) */
  size_t pool;    /* feasible candidates to choose from at most,
                     1..MGE_SUGGEST_MAX_POOL (default 20000) */
  mge_bo_opts bo; /* acquisition (default log EI), UCB beta (2) and the GP
                     surrogate with its seed (mge_bo_opts_default) */
} mge_design_suggest_opts;

/* Fill o with the documented defaults. */
MGE_API void mge_design_suggest_opts_default(mge_design_suggest_opts *o);

/* The proposals of mge_design_suggest. Arrays of n entries (x: n * nx),
 * owned by the result. */
typedef struct mge_design_suggestions {
  size_t n_obs;        /* dataset rows inside the space: the observations */
  size_t n_candidates; /* feasible candidates the batch was chosen from */
  int n;               /* proposals (the batch), in the order chosen */
  int nx;              /* doubles per proposal in x: n_vars + 1 */
  double *x;           /* amounts (percent of the basis), then the balance */
  uint64_t *index;     /* the candidate's index in the problem's sampler */
  double *mean;        /* GP prediction of the target (its unit and sign) */
  double *sd;          /* GP standard deviation (the target's unit) */
  double *acq;         /* acquisition at the time of choice: log EI, or -LCB,
                          of the minimized objective (the negated target when
                          maximizing) */
} mge_design_suggestions;

/* Propose the next experiments in p's composition space from the measured
 * dataset d (the Bayesian proposer of the design engine, on learn/'s GP and
 * acquisition functions).
 *
 * Observations: the rows of d whose composition parses and lies in the
 * space's elements (the free elements and the balance make up more than 99
 * percent of it), with GP inputs the amounts of the free elements in
 * percent of p's basis. Candidates: the first pool samples of p's sampler
 * (from index 0, at most 50 * pool indices tried) that lie inside the space
 * and decode, of which those meeting p's constraints are kept
 * (mge_problem_evaluate, mge_problem_meets_constraints). The batch:
 * mge_bo_propose (kriging believer) on the target, negated when maximizing. The
 * GP inputs are element amounts, so only an alloy problem can have
 * observations.
 *
 * On success *out holds the proposals (free with
 * mge_design_suggestions_free). Errors: MGE_E_INPUT for fewer than 2
 * observations, fewer feasible candidates than the batch, options out of
 * range; the models' and the GP's errors; MGE_E_NOMEM. Deterministic for
 * given (p, d, o); thread-safe (p and d are only read). */
MGE_API int mge_design_suggest(const mge_problem *p, const mge_dataset *d,
                               const mge_design_suggest_opts *o,
                               mge_design_suggestions **out, mge_error *err);

/* Free s. NULL: no-op. */
MGE_API void mge_design_suggestions_free(mge_design_suggestions *s);

#ifdef __cplusplus
}
#endif
#endif
