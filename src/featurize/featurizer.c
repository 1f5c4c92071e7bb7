/* Feature sets: names and per-composition vectors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "featurize/internal.h"
#include "mge/alloy.h"
#include "mge/featurize.h"

static const char *const stat_names[MGE_MAGPIE_STATS] = {
    "minimum", "maximum", "range", "mean", "avg_dev", "mode"};

/* The alloy set, in the order of alloy_values() below. */
static const char *const alloy_names[FEAT_ALLOY_N] = {
    "alloy_molar_mass_g_mol", /* mean molar mass */
    "alloy_density_kg_m3",    /* rule of mixtures on molar volumes */
    "alloy_delta_pct",        /* atomic size mismatch */
    "alloy_dSmix_J_molK",     /* ideal mixing entropy */
    "alloy_dHmix_kJ_mol",     /* Takeuchi-Inoue / Miedema */
    "alloy_omega",            /* Tm dSmix / |dHmix| */
    "alloy_vec",              /* valence electron concentration */
    "alloy_dchi_pauling",     /* electronegativity difference */
    "alloy_tm_K",             /* mean melting point */
    "alloy_cost_usd_kg",      /* raw-material cost */
    "alloy_ss_rule_SS",       /* Yang & Zhang 2012: 1 SS, 0 IM, NaN unknown */
    "alloy_vec_rule_FCC",     /* Guo 2011: 1 if VEC >= 8.0 */
    "alloy_vec_rule_BCC",     /* Guo 2011: 1 if VEC < 6.87 */
    "alloy_miedema_used",     /* 1 if some pair came from the Miedema model */
};

struct mge_featurizer {
  mge_feature_set set;
  int count;
  char *names[MGE_MAGPIE_FEATURES + FEAT_ALLOY_N];
  char *name_buf;
};

int mge_feature_set_parse(const char *name, mge_feature_set *out,
                          mge_error *err) {
  if (name && strcmp(name, "magpie") == 0)
    *out = MGE_FEATURES_MAGPIE;
  else if (name && strcmp(name, "alloy") == 0)
    *out = MGE_FEATURES_ALLOY;
  else if (name && strcmp(name, "all") == 0)
    *out = MGE_FEATURES_ALL;
  else
    return mge_error_set(err, MGE_E_INPUT,
                         "unknown feature set '%s' (valid: magpie, alloy, all)",
                         name ? name : "(null)");
  return MGE_OK;
}

int mge_featurizer_new(mge_feature_set set, mge_featurizer **out,
                       mge_error *err) {
  *out = NULL;
  if (set != MGE_FEATURES_MAGPIE && set != MGE_FEATURES_ALLOY &&
      set != MGE_FEATURES_ALL)
    return mge_error_set(err, MGE_E_INPUT, "invalid feature set %d", (int)set);
  mge_featurizer *f = calloc(1, sizeof *f);
  size_t cap = 0;
  if (set & MGE_FEATURES_MAGPIE)
    for (int p = 0; p < MGE_MAGPIE_N; p++)
      for (int s = 0; s < MGE_MAGPIE_STATS; s++)
        cap += strlen("MagpieData  ") + strlen(stat_names[s]) +
               strlen(mge_magpie_names[p]) + 1;
  if (set & MGE_FEATURES_ALLOY)
    for (int i = 0; i < FEAT_ALLOY_N; i++) cap += strlen(alloy_names[i]) + 1;
  if (f) f->name_buf = malloc(cap);
  if (!f || !f->name_buf) {
    free(f);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  f->set = set;
  char *p = f->name_buf;
  if (set & MGE_FEATURES_MAGPIE)
    for (int q = 0; q < MGE_MAGPIE_N; q++)
      for (int s = 0; s < MGE_MAGPIE_STATS; s++) {
        size_t room = (size_t)(f->name_buf + cap - p);
        int len = snprintf(p, room, "MagpieData %s %s", stat_names[s],
                           mge_magpie_names[q]);
        f->names[f->count++] = p;
        p += len + 1;
      }
  if (set & MGE_FEATURES_ALLOY)
    for (int i = 0; i < FEAT_ALLOY_N; i++) {
      size_t len = strlen(alloy_names[i]);
      memcpy(p, alloy_names[i], len + 1);
      f->names[f->count++] = p;
      p += len + 1;
    }
  *out = f;
  return MGE_OK;
}

void mge_featurizer_free(mge_featurizer *f) {
  if (!f) return;
  free(f->name_buf);
  free(f);
}

int mge_featurizer_count(const mge_featurizer *f) {
  return f ? f->count : 0;
}

const char *mge_featurizer_name(const mge_featurizer *f, int i) {
  if (!f || i < 0 || i >= f->count) return NULL;
  return f->names[i];
}

static double phase_is(mge_alloy_phase p, mge_alloy_phase yes,
                       mge_alloy_phase no1, mge_alloy_phase no2) {
  if (p == yes) return 1.0;
  if (p == no1 || p == no2) return 0.0;
  return NAN;
}

int feat_alloy(const mge_comp *c, double *out, mge_error *err) {
  mge_alloy_desc d;
  int rc = mge_alloy_describe(c, &d, err);
  if (rc) return rc;
  out[0] = d.molar_mass_g_mol;
  out[1] = d.density_kg_m3;
  out[2] = d.delta_pct;
  out[3] = d.dSmix_J_molK;
  out[4] = d.dHmix_kJ_mol;
  out[5] = d.omega;
  out[6] = d.vec;
  out[7] = d.dchi_pauling;
  out[8] = d.tm_K;
  out[9] = d.cost_usd_kg;
  out[10] = phase_is(d.ss_rule, MGE_PHASE_SS, MGE_PHASE_IM, MGE_PHASE_IM);
  out[11] =
      phase_is(d.vec_rule, MGE_PHASE_FCC, MGE_PHASE_BCC, MGE_PHASE_FCC_BCC);
  out[12] =
      phase_is(d.vec_rule, MGE_PHASE_BCC, MGE_PHASE_FCC, MGE_PHASE_FCC_BCC);
  out[13] = (d.flags & MGE_ALLOY_MIEDEMA_USED) ? 1.0 : 0.0;
  return MGE_OK;
}

int mge_featurize_comp(const mge_featurizer *f, const mge_comp *c, double *out,
                       mge_error *err) {
  int rc = feat_check_comp(c, err);
  if (rc) return rc;
  if (f->set & MGE_FEATURES_MAGPIE) {
    feat_magpie(c, out);
    out += MGE_MAGPIE_FEATURES;
  }
  if (f->set & MGE_FEATURES_ALLOY) return feat_alloy(c, out, err);
  return MGE_OK;
}

int mge_featurize_text(const mge_featurizer *f, const char *text, double *out,
                       mge_error *err) {
  mge_comp c;
  int rc = mge_comp_parse(text, &c, err);
  if (rc) return rc;
  return mge_featurize_comp(f, &c, out, err);
}
