/* Internal interfaces of src/featurize (not installed). */
#ifndef MGE_FEATURIZE_INTERNAL_H
#define MGE_FEATURIZE_INTERNAL_H

#include <stddef.h>

#include "mge/chem.h"
#include "mge/featurize.h"

#define FEAT_ALLOY_N 14 /* features of the alloy set */

/* MGE_OK if c satisfies the mge_comp invariants, else MGE_E_INPUT. */
int feat_check_comp(const mge_comp *c, mge_error *err);

/* The 132 magpie features of a valid composition. */
void feat_magpie(const mge_comp *c, double *out);

/* The FEAT_ALLOY_N alloy features of a valid composition. */
int feat_alloy(const mge_comp *c, double *out, mge_error *err);

#endif
