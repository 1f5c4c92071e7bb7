/* The thermo: section of a problem file: a CALPHAD database whose
 * liquidus, solidus, freezing-range, Scheil and phase-amount models
 * (src/thermo/models.c) are added to the registry before the properties are
 * resolved. Everything that can be checked before a run is checked here,
 * with file:line:column: the database file and its syntax, every element of
 * the space against the database, a system for all of them (phases that
 * need an undefined function), the suspended phases, the phase and T of
 * phase_amount, the temperature range. */
#include <ctype.h>
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "design/internal.h"
#include "mge/design.h"
#include "mge/thermo.h"
#include "mge/units.h"
#include "mge/yaml.h"

#define TXT_MAX 256
#define MAX_SUSP 64

typedef struct tctx {
  mge_problem *p;
  const char *source;
  mge_error *err;
  mge_yaml_ctx y; /* the same source and err, and the problem text */
} tctx;

/* ------------------------------------------------------------ nodes */

/* A scalar's text (mge_yaml_scalar), its messages under "thermo: WHAT". */
static int text(tctx *C, struct fy_node *n, const char *what, char *buf) {
  buf[0] = '\0';
  if (!n || fy_node_is_alias(n))
    return mge_yaml_error(&C->y, n, 0, "%s: aliases are not supported", what);
  char label[64];
  snprintf(label, sizeof label, "thermo: %s", what);
  return mge_yaml_scalar(&C->y, n, label, buf, TXT_MAX);
}

/* A temperature in K ("500 K", "227 C", a bare number is K), > 0. */
static int temperature(tctx *C, struct fy_node *n, const char *what,
                       double *T) {
  char buf[TXT_MAX];
  int rc = text(C, n, what, buf);
  if (rc) return rc;
  double si;
  mge_unit u, k;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_quantity_parse(buf, &si, &u, &sub))
    return mge_yaml_error(&C->y, n, 0, "thermo: %s: %s", what, sub.message);
  mge_error_clear(&sub);
  if (mge_unit_parse("K", &k, &sub))
    return mge_yaml_error(&C->y, n, 0, "internal: unit K");
  int bare = u.scale == 1.0 && u.offset == 0.0;
  for (int d = 0; d < MGE_DIM_N && bare; d++) bare = u.dim[d] == 0;
  if (!bare && !mge_unit_same_dim(&u, &k))
    return mge_yaml_error(&C->y, n, 0,
                          "thermo: %s: '%s' is not a temperature (K or C)",
                          what, buf);
  if (!isfinite(si) || !(si > 0) || si > 1e5)
    return mge_yaml_error(&C->y, n, 0,
                          "thermo: %s: %s is not a temperature in (0, 1e5] K",
                          what, buf);
  *T = si;
  return 0;
}

/* ------------------------------------------------------ shared database */

/* The database, freed with the last model that uses it (registry teardown
 * is single-threaded, so a plain counter does). */
typedef struct tdb_ref {
  mge_tdb *db;
  int refs;
} tdb_ref;

static void ref_drop(tdb_ref *r) {
  if (r && --r->refs == 0) {
    mge_tdb_free(r->db);
    free(r);
  }
}

/* A thermo model with a reference on its database. Its fields are the
 * inner model's; eval forwards (the inner eval is thread-safe). */
typedef struct twrap {
  mge_model m; /* first */
  mge_model *inner;
  tdb_ref *ref;
} twrap;

static int twrap_eval(const mge_model *m, const void *cand, size_t n,
                      double *out, mge_error *err) {
  const twrap *w = (const twrap *)m;
  return w->inner->eval(w->inner, cand, n, out, err);
}

static void twrap_free(mge_model *m) {
  if (!m) return;
  twrap *w = (twrap *)m;
  mge_thermo_model_free(w->inner);
  ref_drop(w->ref);
  free(w);
}

const char *dz_thermo_hint(const char *name, size_t len) {
  if (len == 19 && !memcmp(name, "thermo.phase_amount", 19))
    return "; thermo.phase_amount needs phase_amount: {phase: NAME, T: T} in "
           "the thermo: section (docs/design.md)";
  if (len > 7 && !memcmp(name, "thermo.", 7))
    return "; thermo.* properties need a thermo: section before them "
           "(thermo: {database: cost507R.tdb}; names: thermo.liquidus, "
           "thermo.solidus, thermo.freezing_range, thermo.scheil_solidus, "
           "thermo.solidification.liquidus/.solidus/.freezing_range, "
           "thermo.phase_amount)";
  return "";
}

size_t mge_problem_batch_hint(const mge_problem *p) {
  if (!p) return 0;
  for (int j = 0; j < p->n_models; j++)
    if (p->models[j] && p->models[j]->eval == twrap_eval) return 16;
  return 0;
}

typedef int (*ctor_fn)(const mge_tdb *db, const char *const *phases, int nph,
                       const mge_thermo_model_opts *o, mge_model **out,
                       mge_error *err);

static int add_model(tctx *C, struct fy_node *key, mge_registry *reg,
                     tdb_ref *ref, ctor_fn ctor,
                     const mge_thermo_model_opts *o) {
  mge_model *inner = NULL;
  mge_error sub;
  mge_error_clear(&sub);
  if (ctor(ref->db, NULL, 0, o, &inner, &sub))
    return mge_yaml_error(&C->y, key, 0, "thermo: %s", sub.message);
  twrap *w = calloc(1, sizeof *w);
  if (!w) {
    mge_thermo_model_free(inner);
    return mge_error_set(C->err, MGE_E_NOMEM, "out of memory");
  }
  w->m = *inner;
  w->m.eval = twrap_eval;
  w->m.params = w;
  w->inner = inner;
  w->ref = ref;
  ref->refs++;
  mge_error_clear(&sub);
  if (mge_registry_add_owned(reg, &w->m, twrap_free, &sub)) {
    if (sub.code == MGE_E_NOMEM)
      return mge_error_set(C->err, MGE_E_NOMEM, "out of memory");
    return mge_yaml_error(
        &C->y, key, 0,
        "thermo: cannot add the thermo models (%s); one problem with "
        "a thermo section per registry",
        sub.message);
  }
  return 0;
}

/* ------------------------------------------------------------ database */

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The database path: absolute as given; relative to the problem file's
 * folder; else a shipped file data/thermo/NAME. */
static int find_db(tctx *C, struct fy_node *n, const char *name, char *out,
                   size_t cap) {
  if (!name[0])
    return mge_yaml_error(&C->y, n, 0, "thermo: database: empty file name");
  char here[4096];
  if (name[0] == '/') {
    snprintf(here, sizeof here, "%s", name);
  } else {
    const char *slash = strrchr(C->source, '/');
    int dlen = slash ? (int)(slash - C->source) : 0;
    if (slash)
      snprintf(here, sizeof here, "%.*s/%s", dlen, C->source, name);
    else
      snprintf(here, sizeof here, "%s", name);
  }
  if (is_file(here)) {
    if (strlen(here) >= cap)
      return mge_yaml_error(&C->y, n, 0, "thermo: database: path too long");
    snprintf(out, cap, "%s", here);
    return 0;
  }
  if (name[0] != '/' && !strstr(name, "..")) {
    char rel[512];
    snprintf(rel, sizeof rel, "thermo/%s", name);
    mge_error sub;
    mge_error_clear(&sub);
    if (!mge_data_find(rel, out, cap, &sub) && is_file(out)) return 0;
  }
  return mge_yaml_error(
      &C->y, n, 0,
      "thermo: database '%s' not found (looked for %s and for a "
      "shipped data/thermo/%s)",
      name, here, name);
}

/* Index of element sym (any case) in db, -1 if absent. */
static int db_has(const mge_tdb *db, const char *sym) {
  int n = mge_tdb_n_elements(db);
  for (int i = 0; i < n; i++) {
    const char *e = mge_tdb_element(db, i);
    size_t k = 0;
    while (e[k] && sym[k] &&
           toupper((unsigned char)e[k]) == toupper((unsigned char)sym[k]))
      k++;
    if (!e[k] && !sym[k]) return i;
  }
  return -1;
}

/* The node where element sym of the space is written (its key in
 * space.composition, or the balance value), else fallback. */
static struct fy_node *elem_node(tctx *C, struct fy_node *root, const char *sym,
                                 int balance, struct fy_node *fallback) {
  struct fy_node *comp = mge_yaml_lookup(
      &C->y, mge_yaml_lookup(&C->y, root, "space", NULL), "composition", NULL);
  struct fy_node *k = NULL;
  struct fy_node *v =
      mge_yaml_lookup(&C->y, comp, balance ? "balance" : sym, &k);
  if (balance && v) return v;
  return k ? k : fallback;
}

static int check_space(tctx *C, struct fy_node *root, struct fy_node *dbn,
                       const mge_tdb *db, const char *dbname,
                       const char *const *susp, int nsusp, const char *pa,
                       struct fy_node *pa_n) {
  mge_problem *p = C->p;
  const char *el[MGE_DESIGN_MAX_VARS + 1];
  int nel = 0;
  for (int j = -1; j < p->n_vars; j++) {
    const char *sym = j < 0 ? p->balance_symbol : p->vars[j].symbol;
    int i = db_has(db, sym);
    if (i < 0) {
      char list[512];
      size_t o = 0;
      list[0] = '\0';
      for (int q = 0; q < mge_tdb_n_elements(db) && o < sizeof list - 8; q++) {
        const char *e = mge_tdb_element(db, q);
        if (!strcmp(e, "VA") || !strcmp(e, "/-")) continue;
        int w = snprintf(list + o, sizeof list - o, "%s%s", o ? " " : "", e);
        if (w > 0) o += (size_t)w;
      }
      return mge_yaml_error(
          &C->y, elem_node(C, root, sym, j < 0, dbn), 0,
          "thermo: element %s of the space is not in %s (it has: %s)", sym,
          dbname, list);
    }
    el[nel++] = mge_tdb_element(db, i);
  }
  if (nel > MGE_THERMO_MAX_COMP)
    return mge_yaml_error(
        &C->y, dbn, 0,
        "thermo: the space has %d elements, more than the %d a "
        "thermodynamic system allows",
        nel, MGE_THERMO_MAX_COMP);
  /* a system for every element of the space: finds phases that cannot be
   * built (an undefined function) before the run, where each candidate
   * would silently get NaN */
  mge_thermo_system *s = NULL;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_thermo_system_new(db, el, nel, NULL, 0, susp, nsusp, &s, &sub))
    return mge_yaml_error(&C->y, dbn, 0,
                          "thermo: %s for the space's elements: %s", dbname,
                          sub.message);
  int liq = mge_thermo_system_liquid(s);
  int pa_ok = !pa || mge_thermo_system_phase_index(s, pa) >= 0;
  mge_thermo_system_free(s);
  if (!pa_ok)
    return mge_yaml_error(
        &C->y, pa_n, 0,
        "thermo: phase_amount: phase '%s' has no constituents in the "
        "space's elements or is suspended",
        pa);
  if (liq < 0)
    return mge_yaml_error(
        &C->y, dbn, 0,
        "thermo: %s has no liquid phase for the space's elements "
        "(or it is suspended)",
        dbname);
  return 0;
}

/* ------------------------------------------------------------ section */

int dz_thermo_section(mge_problem *p, const char *source, struct fy_node *root,
                      struct fy_node *val, struct fy_node *key,
                      mge_registry *reg, mge_error *err) {
  tctx C = {p, source, err, {source, p->text, p->text_len, err}};
  if (!reg)
    return mge_yaml_error(&C.y, key, 0,
                          "thermo: this loader cannot add models (use "
                          "mge_problem_load_ex / mge_problem_parse_ex)");
  if (!val || !fy_node_is_mapping(val))
    return mge_yaml_error(&C.y, val ? val : key, 0,
                          "thermo: expected a mapping (database: ...)");
  struct fy_node *db_n = NULL, *susp_n = NULL, *pa_n = NULL, *pa_k = NULL,
                 *thi_n = NULL, *tlo_n = NULL, *dt_n = NULL;
  void *it = NULL;
  struct fy_node_pair *pr;
  while ((pr = fy_node_mapping_iterate(val, &it))) {
    struct fy_node *k = fy_node_pair_key(pr), *v = fy_node_pair_value(pr);
    char name[TXT_MAX];
    if (!k || !fy_node_is_scalar(k))
      return mge_yaml_error(&C.y, k ? k : val, 0,
                            "thermo: keys must be plain names");
    int rc = text(&C, k, "key", name);
    if (rc) return rc;
    if (!v)
      return mge_yaml_error(&C.y, k, 0, "thermo: %s: missing value", name);
    if (fy_node_is_alias(v))
      return mge_yaml_error(&C.y, v, 0, "thermo: %s: aliases are not supported",
                            name);
    struct fy_node **slot = NULL;
    if (!strcmp(name, "database"))
      slot = &db_n;
    else if (!strcmp(name, "suspend"))
      slot = &susp_n;
    else if (!strcmp(name, "phase_amount"))
      slot = &pa_n, pa_k = k;
    else if (!strcmp(name, "T_max"))
      slot = &thi_n;
    else if (!strcmp(name, "T_min"))
      slot = &tlo_n;
    else if (!strcmp(name, "dT"))
      slot = &dt_n;
    else
      return mge_yaml_error(
          &C.y, k, 0,
          "unknown key '%s' in thermo (expected database, suspend, "
          "phase_amount, T_max, T_min, dT)",
          name);
    if (*slot)
      return mge_yaml_error(&C.y, k, 0, "thermo: %s given twice", name);
    *slot = v;
  }
  if (!db_n)
    return mge_yaml_error(&C.y, key, 0,
                          "thermo: database missing (database: cost507R.tdb)");

  mge_thermo_model_opts o;
  mge_thermo_model_opts_default(&o);
  int rc;
  if (thi_n && (rc = temperature(&C, thi_n, "T_max", &o.T_hi_K))) return rc;
  if (tlo_n && (rc = temperature(&C, tlo_n, "T_min", &o.T_lo_K))) return rc;
  if (dt_n && (rc = temperature(&C, dt_n, "dT", &o.dT_K))) return rc;
  if (!(o.T_hi_K > o.T_lo_K))
    return mge_yaml_error(&C.y, thi_n ? thi_n : tlo_n, 0,
                          "thermo: T_max (%g K) must be above T_min (%g K)",
                          o.T_hi_K, o.T_lo_K);
  if (dt_n && !(o.dT_K <= 100 && o.dT_K <= o.T_hi_K - o.T_lo_K))
    return mge_yaml_error(
        &C.y, dt_n, 0,
        "thermo: dT %g K is too coarse (at most 100 K and the range)", o.dT_K);

  /* suspended phases (names checked once the database is read) */
  char susp[MAX_SUSP][TXT_MAX];
  const char *susp_ptr[MAX_SUSP];
  struct fy_node *susp_node[MAX_SUSP];
  int nsusp = 0;
  if (susp_n) {
    if (!fy_node_is_sequence(susp_n))
      return mge_yaml_error(&C.y, susp_n, 0,
                            "thermo: suspend: expected a list of phases");
    void *si = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(susp_n, &si))) {
      if (nsusp >= MAX_SUSP)
        return mge_yaml_error(&C.y, item, 0,
                              "thermo: suspend: at most %d phases", MAX_SUSP);
      if ((rc = text(&C, item, "suspend", susp[nsusp]))) return rc;
      if (!susp[nsusp][0])
        return mge_yaml_error(&C.y, item, 0, "thermo: suspend: empty name");
      susp_ptr[nsusp] = susp[nsusp];
      susp_node[nsusp] = item;
      nsusp++;
    }
  }

  /* phase_amount: {phase: NAME, T: 500 K} */
  char pa_phase[TXT_MAX] = "";
  struct fy_node *pa_phase_n = NULL;
  if (pa_n) {
    if (!fy_node_is_mapping(pa_n))
      return mge_yaml_error(
          &C.y, pa_n, 0, "thermo: phase_amount: expected {phase: NAME, T: T}");
    void *pi = NULL;
    struct fy_node *tn = NULL;
    while ((pr = fy_node_mapping_iterate(pa_n, &pi))) {
      struct fy_node *k = fy_node_pair_key(pr), *v = fy_node_pair_value(pr);
      char name[TXT_MAX];
      if (!k || !fy_node_is_scalar(k))
        return mge_yaml_error(&C.y, k ? k : pa_n, 0,
                              "thermo: keys must be plain names");
      if ((rc = text(&C, k, "key", name))) return rc;
      if (!v)
        return mge_yaml_error(&C.y, k, 0,
                              "thermo: phase_amount: %s: missing value", name);
      if (!strcmp(name, "phase") && !pa_phase_n) {
        pa_phase_n = v;
        if ((rc = text(&C, v, "phase_amount phase", pa_phase))) return rc;
      } else if (!strcmp(name, "T") && !tn) {
        tn = v;
        if ((rc = temperature(&C, v, "phase_amount T", &o.T_K))) return rc;
      } else {
        return mge_yaml_error(
            &C.y, k, 0,
            "thermo: phase_amount: unexpected key '%s' (phase, T, "
            "each once)",
            name);
      }
    }
    if (!pa_phase_n || !pa_phase[0])
      return mge_yaml_error(&C.y, pa_k, 0,
                            "thermo: phase_amount: phase missing");
    if (!tn)
      return mge_yaml_error(&C.y, pa_k, 0, "thermo: phase_amount: T missing");
  }

  /* the database */
  char dbname[TXT_MAX], path[4096];
  if ((rc = text(&C, db_n, "database", dbname))) return rc;
  if ((rc = find_db(&C, db_n, dbname, path, sizeof path))) return rc;
  mge_tdb *db = NULL;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_tdb_load(path, &db, &sub)) {
    if (sub.code == MGE_E_NOMEM)
      return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    if (sub.line > 0)
      return mge_yaml_error(&C.y, db_n, 0, "thermo: database %s: %s:%d:%d: %s",
                            dbname, sub.source, sub.line, sub.column,
                            sub.message);
    return mge_yaml_error(&C.y, db_n, 0, "thermo: database %s: %s", dbname,
                          sub.message);
  }
  tdb_ref *ref = calloc(1, sizeof *ref);
  if (!ref) {
    mge_tdb_free(db);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  ref->db = db;
  ref->refs = 1; /* ours, dropped at the end */
  for (int i = 0; i < nsusp && !rc; i++)
    if (mge_tdb_phase_index(db, susp[i]) < 0)
      rc = mge_yaml_error(&C.y, susp_node[i], 0,
                          "thermo: suspend: phase '%s' is not in %s", susp[i],
                          dbname);
  if (!rc && pa_n && mge_tdb_phase_index(db, pa_phase) < 0)
    rc = mge_yaml_error(&C.y, pa_phase_n, 0,
                        "thermo: phase_amount: phase '%s' is not in %s",
                        pa_phase, dbname);
  if (!rc)
    rc = check_space(&C, root, db_n, db, dbname, susp_ptr, nsusp,
                     pa_n ? pa_phase : NULL, pa_phase_n);
  o.suspend = nsusp ? susp_ptr : NULL;
  o.nsusp = nsusp;
  o.phase = pa_n ? pa_phase : NULL;
  if (!rc) rc = add_model(&C, key, reg, ref, mge_thermo_model_liquidus_new, &o);
  if (!rc) rc = add_model(&C, key, reg, ref, mge_thermo_model_solidus_new, &o);
  if (!rc)
    rc = add_model(&C, key, reg, ref, mge_thermo_model_freezing_range_new, &o);
  if (!rc)
    rc = add_model(&C, key, reg, ref, mge_thermo_model_scheil_solidus_new, &o);
  if (!rc)
    rc = add_model(&C, key, reg, ref, mge_thermo_model_solidification_new, &o);
  if (!rc && pa_n)
    rc = add_model(&C, pa_k, reg, ref, mge_thermo_model_phase_amount_new, &o);
  ref_drop(ref);
  return rc;
}
