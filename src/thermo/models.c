/* Design-engine property models over CALPHAD equilibria: liquidus,
 * solidus, freezing range, Scheil solidus and the amount of a phase, for
 * alloy candidates (mge_comp, mole fractions by Z). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/chem.h"
#include "thermo/thermo_internal.h"

enum { K_LIQ = 1, K_SOL, K_FR, K_SCHEIL, K_PHASE, K_SOLID };

typedef struct tmodel {
  mge_model m; /* first: mge_thermo_model_free recovers the container */
  int kind;
  const mge_tdb *db;
  int nph;
  char (*phases)[TM_NAME];
  const char **phase_ptr;
  mge_thermo_model_opts o;
  char phase[TM_NAME];
  int nsusp;
  char (*susp)[TM_NAME];
  const char **susp_ptr;
  mge_output out[3];
  mge_model_param par[8]; /* the model's constants (tm_param) */
} tmodel;

/* The thermo models' parameter table: the options the model was made with
 * and the Scheil settings, which eval reads from here. */
enum {
  TP_T_HI,
  TP_T_LO,
  TP_DT,
  TP_TOL,
  TP_P,
  TP_SCHEIL_DT,
  TP_SCHEIL_STOP,
  TP_T_PHASE,
  TP_N
};
static const mge_model_param tm_param[TP_N] = {
    [TP_T_HI] = {"T_hi", 0, "K", "upper end of the liquidus/solidus search"},
    [TP_T_LO] = {"T_lo", 0, "K", "lower end of the liquidus/solidus search"},
    [TP_DT] = {"dT", 0, "K", "coarse step before the bisection"},
    [TP_TOL] = {"tol", 0, "K", "tolerance of a transition temperature"},
    [TP_P] = {"P", 0, "Pa", "pressure"},
    [TP_SCHEIL_DT] = {"scheil_dT", 1.0, "K", "Scheil temperature step"},
    [TP_SCHEIL_STOP] = {"scheil_stop", 1e-3, "1",
                        "liquid fraction at which Scheil solidification "
                        "is taken as ended"},
    [TP_T_PHASE] = {"T", 0, "K", "temperature of phase_amount"},
};

void mge_thermo_model_opts_default(mge_thermo_model_opts *o) {
  o->T_hi_K = 1600;
  o->T_lo_K = 300;
  o->dT_K = 5;
  o->tol_K = 0.01;
  o->P_Pa = 101325;
  o->phase = NULL;
  o->T_K = NAN;
  o->suspend = NULL;
  o->nsusp = 0;
}

static int ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (toupper((unsigned char)*a) != toupper((unsigned char)*b)) return 0;
  return *a == *b;
}

/* Database element index of Z, -1 if the database lacks it. */
static int db_element(const mge_tdb *db, int Z) {
  const mge_element *e = mge_element_by_Z(Z);
  if (!e) return -1;
  for (int i = 0; i < db->nel; i++)
    if (ieq(db->el[i].name, e->symbol)) return i;
  return -1;
}

static void eval_one(const tmodel *t, const mge_thermo_system *s,
                     const mge_comp *c, double *out) {
  double X[MGE_THERMO_MAX_COMP];
  for (int k = 0; k < s->ncomp; k++) {
    X[k] = 0;
    for (int i = 0; i < c->n; i++)
      if (db_element(t->db, c->Z[i]) == s->comp_el[k]) X[k] += c->x[i];
  }
  const mge_thermo_model_opts *o = &t->o;
  mge_error err;
  double liq = NAN, sol = NAN;
  switch (t->kind) {
    case K_LIQ:
    case K_SOL:
    case K_FR:
    case K_SOLID:
      if (mge_thermo_solidification(s, X, o->P_Pa, o->T_hi_K, o->T_lo_K,
                                    o->dT_K, o->tol_K, NULL, &liq, &sol, &err))
        liq = sol = NAN;
      if (t->kind == K_LIQ) out[0] = liq;
      if (t->kind == K_SOL) out[0] = sol;
      if (t->kind == K_FR) out[0] = liq - sol;
      if (t->kind == K_SOLID) {
        out[0] = liq;
        out[1] = sol;
        out[2] = liq - sol;
      }
      return;
    case K_SCHEIL: {
      mge_thermo_scheil *sc = NULL;
      out[0] = NAN;
      if (!mge_thermo_scheil_run(
              s, X, o->P_Pa, o->T_hi_K, t->par[TP_SCHEIL_DT].value,
              t->par[TP_SCHEIL_STOP].value, NULL, &sc, &err) &&
          sc->ended)
        out[0] = sc->end_K;
      mge_thermo_scheil_free(sc);
      return;
    }
    case K_PHASE: {
      mge_thermo_conditions cd;
      cd.T_K = o->T_K;
      cd.P_Pa = o->P_Pa;
      memcpy(cd.X, X, sizeof X);
      mge_thermo_result r;
      out[0] = NAN;
      int p = mge_thermo_system_phase_index(s, t->phase);
      if (mge_thermo_equilibrium(s, &cd, NULL, &r, &err)) return;
      out[0] = mge_thermo_result_phase_amount(&r, p);
      return;
    }
  }
}

static int tmodel_eval(const mge_model *m, const void *cand, size_t n,
                       double *out, mge_error *err) {
  const tmodel *t = (const tmodel *)m;
  const mge_comp *c = cand;
  int nout = m->n_out;
  mge_thermo_system *s = NULL;
  unsigned char mask[512], smask[512];
  int have = 0;
  for (size_t i = 0; i < n; i++) {
    for (int k = 0; k < nout; k++) out[i * nout + k] = NAN;
    /* the candidate's element set, as database element indices */
    memset(mask, 0, sizeof mask);
    int ok = c[i].n > 0 && t->db->nel < 512;
    const char *el[MGE_THERMO_MAX_COMP];
    int nel = 0;
    for (int q = 0; q < c[i].n && ok; q++) {
      int e = db_element(t->db, c[i].Z[q]);
      if (e < 0 || !(c[i].x[q] > 0)) {
        ok = e >= 0 && c[i].x[q] == 0;
        continue;
      }
      if (!mask[e]) {
        if (nel >= MGE_THERMO_MAX_COMP)
          ok = 0;
        else
          el[nel++] = t->db->el[e].name;
      }
      mask[e] = 1;
    }
    if (!ok || nel == 0) continue;
    if (!have || memcmp(mask, smask, sizeof mask)) {
      mge_thermo_system_free(s);
      s = NULL;
      have = 0;
      mge_error e2;
      if (mge_thermo_system_new(t->db, el, nel, t->nph ? t->phase_ptr : NULL,
                                t->nph, t->nsusp ? t->susp_ptr : NULL, t->nsusp,
                                &s, &e2))
        continue;
      memcpy(smask, mask, sizeof mask);
      have = 1;
    }
    if (t->kind == K_PHASE && mge_thermo_system_phase_index(s, t->phase) < 0)
      continue;
    eval_one(t, s, &c[i], out + i * nout);
  }
  mge_thermo_system_free(s);
  (void)err;
  return 0;
}

static const char *const refs =
    "COST 507 database: Ansara, Dinsdale, Rand (eds.), Luxembourg 1998, "
    "ISBN 92-828-3902-8; Scheil, Z. Metallkd. 34 (1942) 70";

static int make(int kind, const mge_tdb *db, const char *const *phases, int nph,
                const mge_thermo_model_opts *o, mge_model **out,
                mge_error *err) {
  *out = NULL;
  mge_thermo_model_opts def;
  if (!o) {
    mge_thermo_model_opts_default(&def);
    o = &def;
  }
  if (!(o->T_hi_K > o->T_lo_K) || !(o->T_lo_K > 0) || !(o->dT_K > 0) ||
      !(o->tol_K > 0) || !(o->P_Pa > 0))
    return mge_error_set(err, MGE_E_INPUT, "bad thermo model options");
  if (kind == K_PHASE && (!o->phase || !(o->T_K > 0) || !isfinite(o->T_K)))
    return mge_error_set(err, MGE_E_INPUT,
                         "phase_amount needs a phase and a temperature");
  if (kind == K_PHASE && tm_tdb_find_phase(db, o->phase) < 0)
    return mge_error_set(err, MGE_E_INPUT, "phase '%s' is not in %s", o->phase,
                         db->source);
  for (int i = 0; i < nph; i++)
    if (tm_tdb_find_phase(db, phases[i]) < 0)
      return mge_error_set(err, MGE_E_INPUT, "phase '%s' is not in %s",
                           phases[i], db->source);
  if (o->nsusp < 0 || (o->nsusp > 0 && !o->suspend))
    return mge_error_set(err, MGE_E_INPUT, "bad thermo model options");
  for (int i = 0; i < o->nsusp; i++)
    if (!o->suspend[i] || tm_tdb_find_phase(db, o->suspend[i]) < 0)
      return mge_error_set(err, MGE_E_INPUT, "phase '%s' is not in %s",
                           o->suspend[i] ? o->suspend[i] : "(null)",
                           db->source);
  tmodel *t = calloc(1, sizeof *t);
  if (!t) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  t->kind = kind;
  t->db = db;
  t->o = *o;
  t->o.phase = NULL;
  t->o.suspend = NULL;
  t->o.nsusp = 0;
  if (o->nsusp > 0) {
    t->susp = calloc((size_t)o->nsusp, sizeof *t->susp);
    t->susp_ptr = calloc((size_t)o->nsusp, sizeof *t->susp_ptr);
    if (!t->susp || !t->susp_ptr) {
      free(t->susp);
      free(t->susp_ptr);
      free(t);
      return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    }
    for (int i = 0; i < o->nsusp; i++) {
      snprintf(t->susp[i], TM_NAME, "%s", o->suspend[i]);
      t->susp_ptr[i] = t->susp[i];
    }
    t->nsusp = o->nsusp;
  }
  if (kind == K_PHASE) snprintf(t->phase, sizeof t->phase, "%s", o->phase);
  if (nph > 0) {
    t->phases = calloc((size_t)nph, sizeof *t->phases);
    t->phase_ptr = calloc((size_t)nph, sizeof *t->phase_ptr);
    if (!t->phases || !t->phase_ptr) {
      free(t->phases);
      free(t->phase_ptr);
      free(t->susp);
      free(t->susp_ptr);
      free(t);
      return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    }
    for (int i = 0; i < nph; i++) {
      snprintf(t->phases[i], TM_NAME, "%s", phases[i]);
      t->phase_ptr[i] = t->phases[i];
    }
    t->nph = nph;
  }
  static const mge_output o_liq = {"liquidus", "K",
                                   "equilibrium liquidus temperature"};
  static const mge_output o_sol = {"solidus", "K",
                                   "equilibrium solidus temperature"};
  static const mge_output o_fr = {"freezing_range", "K",
                                  "liquidus minus solidus"};
  static const mge_output o_sch = {
      "scheil_solidus", "K",
      "temperature where Scheil solidification ends (liquid < 0.1%)"};
  static const mge_output o_ph = {
      "phase_amount", "1", "fraction of atoms in the phase at the given T"};
  int n = 1;
  switch (kind) {
    case K_LIQ:
      t->m.id = MGE_MODEL_THERMO_LIQUIDUS;
      t->m.name = "thermo.liquidus";
      t->out[0] = o_liq;
      break;
    case K_SOL:
      t->m.id = MGE_MODEL_THERMO_SOLIDUS;
      t->m.name = "thermo.solidus";
      t->out[0] = o_sol;
      break;
    case K_FR:
      t->m.id = MGE_MODEL_THERMO_FREEZING_RANGE;
      t->m.name = "thermo.freezing_range";
      t->out[0] = o_fr;
      break;
    case K_SCHEIL:
      t->m.id = MGE_MODEL_THERMO_SCHEIL_SOLIDUS;
      t->m.name = "thermo.scheil_solidus";
      t->out[0] = o_sch;
      break;
    case K_PHASE:
      t->m.id = MGE_MODEL_THERMO_PHASE_AMOUNT;
      t->m.name = "thermo.phase_amount";
      t->out[0] = o_ph;
      break;
    default:
      t->m.id = MGE_MODEL_THERMO_SOLIDIFICATION;
      t->m.name = "thermo.solidification";
      t->out[0] = o_liq;
      t->out[1] = o_sol;
      t->out[2] = o_fr;
      n = 3;
  }
  t->m.family = MGE_FAMILY_ALLOY;
  t->m.n_out = n;
  t->m.out = t->out;
  t->m.refs = refs;
  t->m.eval = tmodel_eval;
  t->m.params = t;
  memcpy(t->par, tm_param, sizeof tm_param);
  t->par[TP_T_HI].value = o->T_hi_K;
  t->par[TP_T_LO].value = o->T_lo_K;
  t->par[TP_DT].value = o->dT_K;
  t->par[TP_TOL].value = o->tol_K;
  t->par[TP_P].value = o->P_Pa;
  t->par[TP_T_PHASE].value = o->T_K;
  t->m.n_param = kind == K_PHASE ? TP_N : TP_T_PHASE;
  t->m.param = t->par;
  *out = &t->m;
  return 0;
}

int mge_thermo_model_liquidus_new(const mge_tdb *db, const char *const *phases,
                                  int nph, const mge_thermo_model_opts *o,
                                  mge_model **out, mge_error *err) {
  return make(K_LIQ, db, phases, nph, o, out, err);
}
int mge_thermo_model_solidus_new(const mge_tdb *db, const char *const *phases,
                                 int nph, const mge_thermo_model_opts *o,
                                 mge_model **out, mge_error *err) {
  return make(K_SOL, db, phases, nph, o, out, err);
}
int mge_thermo_model_freezing_range_new(const mge_tdb *db,
                                        const char *const *phases, int nph,
                                        const mge_thermo_model_opts *o,
                                        mge_model **out, mge_error *err) {
  return make(K_FR, db, phases, nph, o, out, err);
}
int mge_thermo_model_scheil_solidus_new(const mge_tdb *db,
                                        const char *const *phases, int nph,
                                        const mge_thermo_model_opts *o,
                                        mge_model **out, mge_error *err) {
  return make(K_SCHEIL, db, phases, nph, o, out, err);
}
int mge_thermo_model_phase_amount_new(const mge_tdb *db,
                                      const char *const *phases, int nph,
                                      const mge_thermo_model_opts *o,
                                      mge_model **out, mge_error *err) {
  return make(K_PHASE, db, phases, nph, o, out, err);
}
int mge_thermo_model_solidification_new(const mge_tdb *db,
                                        const char *const *phases, int nph,
                                        const mge_thermo_model_opts *o,
                                        mge_model **out, mge_error *err) {
  return make(K_SOLID, db, phases, nph, o, out, err);
}

void mge_thermo_model_free(mge_model *m) {
  if (!m) return;
  tmodel *t = (tmodel *)m;
  free(t->phases);
  free(t->phase_ptr);
  free(t->susp);
  free(t->susp_ptr);
  free(t);
}
