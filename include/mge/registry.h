/* mge registry: the catalogue of property models the design engine can use.
 *
 * A registry holds models (include/mge/model.h) by permanent numeric id and
 * by name. Built-in models come from each family module's list function
 * (mge_alloy_models, ...), gathered by mge_registry_add_builtin; models made
 * at run time (a parameterized thermodynamic model, a trained regression
 * model) are added with mge_registry_add or mge_registry_add_owned.
 * A family module that provides models declares its list function in the
 * section at the end of this header and adds one line to
 * src/design/builtin.c; its ids come from its own range (below).
 *
 * Properties. A property is one output of one model, named
 * "<model>.<output>" (the model "alloy" with output "density" gives the
 * property "alloy.density"). A model with a single output may also be named
 * by the model name alone.
 *
 * Ids are permanent and never reused: one list, cmake/model_ids.txt,
 * generated into mge/model_ids.h (each module's range and its MGE_MODEL_*
 * constants) and the table of docs/architecture.md. Models made at run
 * time (learned or user-defined) take ids from MGE_MODEL_ID_RUNTIME_MIN
 * up, unique within their registry; mge_registry_add_builtin refuses a
 * built-in model in that range.
 *
 * Thread safety: building a registry is single-threaded; once built, lookups
 * and the models' eval functions may be called from any number of threads.
 */
#ifndef MGE_REGISTRY_H
#define MGE_REGISTRY_H

#include <stddef.h>

#include "mge/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mge_registry mge_registry;

/* An empty registry, or NULL if out of memory. Free with mge_registry_free. */
MGE_API mge_registry *mge_registry_new(void);

/* Free r and every model added with mge_registry_add_owned. NULL: no-op. */
MGE_API void mge_registry_free(mge_registry *r);

/* Add a borrowed model (it must outlive r). Checks: id > 0 and not yet used,
 * name non-empty, of at most 63 characters and not yet used, n_out >= 1,
 * every output has a name and a unit that mge_unit_parse accepts, eval is
 * set. Errors: MGE_E_INPUT naming the problem, MGE_E_NOMEM. */
MGE_API int mge_registry_add(mge_registry *r, const mge_model *m,
                             mge_error *err);

/* As mge_registry_add, and r takes ownership: destroy(m) is called when r
 * is freed (also when the add fails). destroy may be NULL. */
MGE_API int mge_registry_add_owned(mge_registry *r, mge_model *m,
                                   void (*destroy)(mge_model *m),
                                   mge_error *err);

/* Add the n borrowed models of a family's list. */
MGE_API int mge_registry_add_list(mge_registry *r, const mge_model *const *list,
                                  size_t n, mge_error *err);

/* Add every built-in model of every family module linked in. */
MGE_API int mge_registry_add_builtin(mge_registry *r, mge_error *err);

/* A registry with the built-in models; NULL on failure (err set). */
MGE_API mge_registry *mge_registry_builtin(mge_error *err);

/* Number of models and the i-th, in order of addition (borrowed). */
MGE_API size_t mge_registry_count(const mge_registry *r);
MGE_API const mge_model *mge_registry_at(const mge_registry *r, size_t i);

/* The model with this name or id, or NULL. */
MGE_API const mge_model *mge_registry_find(const mge_registry *r,
                                           const char *name);
MGE_API const mge_model *mge_registry_find_id(const mge_registry *r, int id);

/* Resolve a property name (the first len characters of name) to a model and
 * an output index. Returns 0 and sets *m and *k, or MGE_E_INPUT with a
 * message naming the property (and the closest known one). */
MGE_API int mge_registry_property(const mge_registry *r, const char *name,
                                  size_t len, const mge_model **m, int *k,
                                  mge_error *err);

#ifdef __cplusplus
}
#endif
#endif
