/* mge model: the interface every property model implements.
 *
 * A model is a pure, thread-safe function from a batch of candidates of one
 * family to a block of values. Physics models (alloy/, thermo/, composite/,
 * glass/) and learned models (learn/) look the same to the design engine.
 *
 * Candidates by family (what `cand` points at in eval):
 *   MGE_FAMILY_ALLOY     const mge_comp[n]      (include/mge/chem.h)
 *   MGE_FAMILY_GLASS     const mge_recipe[n]    (include/mge/chem.h)
 *   MGE_FAMILY_LAMINATE  const mge_laminate *[n] (include/mge/composite.h)
 *
 * Values are SI (see each output's unit). eval writes out[i * n_out + k] for
 * candidate i and output k; a candidate for which the model is undefined gets
 * NaN in its outputs (not an error). eval returns non-zero only when the whole
 * batch cannot be evaluated.
 */
#ifndef MGE_MODEL_H
#define MGE_MODEL_H

#include <stddef.h>

#include "mge/core.h"
#include "mge/model_ids.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mge_family {
  MGE_FAMILY_ALLOY = 1,
  MGE_FAMILY_GLASS = 2,
  MGE_FAMILY_LAMINATE = 3,
  MGE_FAMILY_POLYMER = 4
} mge_family;

typedef struct mge_output {
  const char *name; /* "density" */
  const char *unit; /* SI unit as text, "kg/m3", "1" for dimensionless */
  const char *desc; /* one line */
} mge_output;

/* A named constant of a model (as libxc's external parameters): the
 * numbers a model's eval uses that are not data tables, each with its unit
 * and what it is, so that `mge models` can list them and a reader can see
 * them without reading eval. Values are in the unit given (SI unless a
 * table says otherwise). */
typedef struct mge_model_param {
  const char *name; /* "thickness" */
  double value;     /* the default */
  const char *unit; /* "m", "1" */
  const char *desc; /* one line, with its source */
} mge_model_param;

typedef struct mge_model mge_model;

typedef int (*mge_model_eval_fn)(const mge_model *m, const void *cand, size_t n,
                                 double *out, mge_error *err);

struct mge_model {
  int id;           /* permanent numeric id, never reused: a built-in model
                       MGE_MODEL_* (mge/model_ids.h), a run-time model
                       MGE_MODEL_ID_RUNTIME_MIN or more */
  const char *name; /* "alloy.density" */
  mge_family family;
  int n_out;
  const mge_output *out; /* n_out outputs */
  const char *refs;      /* references (DOIs), "; "-separated */
  mge_model_eval_fn eval;
  const void *params; /* model-specific, owned by whoever made it */
  int n_param;        /* named constants of the model (may be 0) */
  const mge_model_param *param;
};

/* The parameter of m named name, or NULL. */
MGE_API const mge_model_param *mge_model_param_find(const mge_model *m,
                                                    const char *name);

/* Name of a family ("alloy", "glass", "laminate", "polymer"). */
MGE_API const char *mge_family_name(mge_family f);

#ifdef __cplusplus
}
#endif
#endif
