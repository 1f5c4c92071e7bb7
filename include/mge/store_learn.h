/* mge store, learning tables: datasets (every row with its source line and
 * the file's other columns) and fitted models, in the project database
 * (include/mge/store.h). Each write is one transaction: a dataset or model
 * is stored whole or not at all, and nothing stored is overwritten unless
 * replace is set.
 *
 * Tables: learn_datasets(id, name, source, source_hash, comp_col,
 * target_col, target_unit, group_col, classification, n_rows, n_dropped,
 * extra_cols, created_at, mge_version); learn_rows(dataset_id, idx, line,
 * composition, target, grp, extra) with extra the other columns' values
 * joined by U+001F; learn_models(id, name, dataset, dataset_hash, kind,
 * features, target_unit, settings, model, created_at, mge_version).
 *
 * Thread safety: as the store (one mge_store per thread).
 */
#ifndef MGE_STORE_LEARN_H
#define MGE_STORE_LEARN_H

#include "mge/learn.h"
#include "mge/registry.h"
#include "mge/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Store d under d->name. An existing dataset of that name: MGE_E_INPUT
 * unless replace (then it is replaced in the same transaction). */
MGE_API int mge_store_dataset_put(mge_store *s, const mge_dataset *d,
                                  int replace, mge_error *err);

/* Read the dataset called name (MGE_E_INPUT naming it if absent). */
MGE_API int mge_store_dataset_get(mge_store *s, const char *name,
                                  mge_dataset **out, mge_error *err);

typedef struct mge_store_dataset_info {
  char name[128], source[256], hash[17], target[64], unit[32];
  char created_at[32];
  size_t n_rows, n_dropped;
  int classification;
} mge_store_dataset_info;

/* All datasets, by name; free *out with free(). */
MGE_API int mge_store_datasets(mge_store *s, mge_store_dataset_info **out,
                               size_t *n, mge_error *err);

/* Store a fitted model as name (letters, digits, '_' and '-' only), with
 * the dataset it was fitted on and its settings (free text, JSON). */
MGE_API int mge_store_model_put(mge_store *s, const char *name,
                                const mge_dataset *d, const mge_learned *l,
                                const char *settings, int replace,
                                mge_error *err);

/* Read the model called name; *unit (capacity 32, may be NULL) receives the
 * target's unit. */
MGE_API int mge_store_model_get(mge_store *s, const char *name,
                                mge_learned **out, char *unit,
                                mge_error *err);

typedef struct mge_store_model_info {
  char name[64], dataset[128], kind[16], features[16], unit[32];
  char created_at[32];
} mge_store_model_info;

MGE_API int mge_store_models(mge_store *s, mge_store_model_info **out,
                             size_t *n, mge_error *err);

/* Add every stored model to reg as two property models, "learn.NAME" (the
 * prediction) and "learn.NAME_sd" (its uncertainty), with ids from 1000. */
MGE_API int mge_store_register_learned(mge_store *s, mge_registry *reg,
                                       mge_error *err);

#ifdef __cplusplus
}
#endif
#endif
