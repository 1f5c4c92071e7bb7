/* YAML input of the ion-exchange simulator (libfyaml). */
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glass/glass_internal.h"

#define YAML_MAX_LEN (1u << 20)

typedef struct yctx {
  const char *src;
  mge_error *err;
} yctx;

static void node_pos(struct fy_node *n, int *line, int *col) {
  *line = *col = 0;
  struct fy_token *t = n ? fy_node_get_scalar_token(n) : NULL;
  if (!t) return;
  const struct fy_mark *m = fy_token_start_mark(t);
  if (m) *line = m->line + 1, *col = m->column + 1;
}

static int fail(yctx *c, struct fy_node *n, const char *fmt, const char *a) {
  int l, col;
  node_pos(n, &l, &col);
  char msg[300];
  snprintf(msg, sizeof msg, fmt, a);
  return mge_error_set_at(c->err, MGE_E_INPUT, c->src, l, col, "%s", msg);
}

static int scalar(yctx *c, struct fy_node *n, char *buf, size_t cap,
                  const char *what) {
  if (!n || !fy_node_is_scalar(n))
    return fail(c, n, "%s: expected a value", what);
  size_t len;
  const char *s = fy_node_get_scalar(n, &len);
  if (!s || len >= cap) return fail(c, n, "%s: value too long", what);
  memcpy(buf, s, len);
  buf[len] = '\0';
  return 0;
}

static int number(yctx *c, struct fy_node *n, const char *what, double *v) {
  char buf[64];
  if (scalar(c, n, buf, sizeof buf, what)) return MGE_E_INPUT;
  char *end;
  *v = strtod(buf, &end);
  if (end == buf || *end || !isfinite(*v))
    return fail(c, n, "%s: not a finite number", what);
  return 0;
}

/* A key with a unit suffix: name_suffix -> SI = scale * v + offset. */
typedef struct ukey {
  const char *key;
  double scale, offset;
} ukey;

/* If key matches one of u[], parse the value into *si and return 1; 0 if no
 * match; -1 on error. */
static int unit_value(yctx *c, const char *key, struct fy_node *val,
                      const ukey *u, int nu, double *si) {
  for (int i = 0; i < nu; i++)
    if (strcmp(key, u[i].key) == 0) {
      double v;
      if (number(c, val, key, &v)) return -1;
      *si = u[i].scale * v + u[i].offset;
      return 1;
    }
  return 0;
}

static const ukey K_T[] = {{"T_K", 1, 0}, {"T_C", 1, 273.15}};
static const ukey K_TIME[] = {
    {"time_s", 1, 0}, {"time_min", 60, 0}, {"time_h", 3600, 0}};
static const ukey K_POISON[] = {
    {"poison", 1, 0}, {"NaNO3", 1, 0}, {"LiNO3", 1, 0}};

static int parse_step(yctx *c, struct fy_node *n, mge_ionex_step *st) {
  if (!fy_node_is_mapping(n))
    return fail(c, n, "%s",
                "a schedule step must be a mapping {T_C, time_h, poison}");
  st->T_K = st->time_s = NAN;
  st->poison = 0;
  void *it = NULL;
  struct fy_node_pair *pr;
  while ((pr = fy_node_mapping_iterate(n, &it))) {
    struct fy_node *k = fy_node_pair_key(pr), *v = fy_node_pair_value(pr);
    char key[64];
    if (scalar(c, k, key, sizeof key, "key")) return MGE_E_INPUT;
    int r;
    if ((r = unit_value(c, key, v, K_T, 2, &st->T_K))) {
    } else if ((r = unit_value(c, key, v, K_TIME, 3, &st->time_s))) {
    } else if ((r = unit_value(c, key, v, K_POISON, 3, &st->poison))) {
    } else {
      return fail(c, k,
                  "unknown schedule key '%s' (T_K, T_C, time_s, time_min, "
                  "time_h, poison)",
                  key);
    }
    if (r < 0) return MGE_E_INPUT;
  }
  if (isnan(st->T_K) || isnan(st->time_s))
    return fail(c, n, "%s", "a schedule step needs a temperature and a time");
  return 0;
}

static int parse_schedule(yctx *c, struct fy_node *n, mge_ionex_step *steps,
                          int *ns) {
  if (!fy_node_is_sequence(n))
    return fail(c, n, "%s", "schedule must be a list of steps");
  *ns = 0;
  void *it = NULL;
  struct fy_node *e;
  while ((e = fy_node_sequence_iterate(n, &it))) {
    if (*ns >= MGE_IONEX_MAX_STEPS)
      return fail(c, e, "%s", "too many schedule steps (max 8)");
    if (parse_step(c, e, &steps[*ns])) return MGE_E_INPUT;
    (*ns)++;
  }
  if (*ns == 0) return fail(c, n, "%s", "empty schedule");
  return 0;
}

/* recipe: E and nu by Makishima-Mackenzie (with the Fluegel density) where
 * the file does not give them. */
static int glass_recipe(yctx *c, struct fy_node *v, mge_ionex_glass *g,
                        double *E_rec, double *nu_rec) {
  char text[512];
  if (scalar(c, v, text, sizeof text, "recipe")) return MGE_E_INPUT;
  mge_recipe r;
  mge_error e2;
  mge_error_clear(&e2);
  if (mge_recipe_parse(text, &r, &e2)) {
    int l, col;
    node_pos(v, &l, &col);
    return mge_error_set_at(c->err, MGE_E_INPUT, c->src, l, col, "recipe: %s",
                            e2.message);
  }
  mge_glass_props p;
  if (mge_glass_props_eval(&r, &p, &e2) || !isfinite(p.value[MGE_GP_YOUNG]) ||
      !isfinite(p.value[MGE_GP_POISSON]))
    return fail(c, v, "%s",
                "recipe: no Makishima-Mackenzie modulus (an oxide without "
                "parameters?)");
  (void)g;
  *E_rec = p.value[MGE_GP_YOUNG];
  *nu_rec = p.value[MGE_GP_POISSON];
  return 0;
}

static int parse_glass(yctx *c, struct fy_node *n, mge_ionex_glass *g) {
  static const ukey kE[] = {{"E", 1, 0}, {"E_Pa", 1, 0}, {"E_GPa", 1e9, 0}};
  static const ukey kn[] = {{"nu", 1, 0}};
  static const ukey kB[] = {{"B", 1, 0}};
  static const ukey kD[] = {{"D0", 1, 0}, {"D0_m2_s", 1, 0}};
  static const ukey kQ[] = {
      {"Q", 1, 0}, {"Q_J_mol", 1, 0}, {"Q_kJ_mol", 1000, 0}};
  static const ukey kr[] = {{"ratio", 1, 0}};
  static const ukey kc[] = {{"C_init", 1, 0}};
  static const ukey kk[] = {{"K_eq", 1, 0}};
  static const ukey kt[] = {{"tau0_s", 1, 0}};
  static const ukey kq[] = {{"Q_relax_J_mol", 1, 0},
                            {"Q_relax_kJ_mol", 1000, 0}};
  if (!fy_node_is_mapping(n))
    return fail(c, n, "%s", "glass must be a mapping");
  void *it = NULL;
  struct fy_node_pair *pr;
  double E_rec = NAN, nu_rec = NAN;
  while ((pr = fy_node_mapping_iterate(n, &it))) {
    struct fy_node *k = fy_node_pair_key(pr), *v = fy_node_pair_value(pr);
    char key[64];
    if (scalar(c, k, key, sizeof key, "key")) return MGE_E_INPUT;
    int r;
    if (strcmp(key, "recipe") == 0) {
      if (glass_recipe(c, v, g, &E_rec, &nu_rec)) return MGE_E_INPUT;
      continue;
    }
    if ((r = unit_value(c, key, v, kE, 3, &g->E_Pa))) {
    } else if ((r = unit_value(c, key, v, kn, 1, &g->nu))) {
    } else if ((r = unit_value(c, key, v, kB, 1, &g->B))) {
    } else if ((r = unit_value(c, key, v, kD, 2, &g->D0_m2_s))) {
    } else if ((r = unit_value(c, key, v, kQ, 3, &g->Q_J_mol))) {
    } else if ((r = unit_value(c, key, v, kr, 1, &g->ratio))) {
    } else if ((r = unit_value(c, key, v, kc, 1, &g->C_init))) {
    } else if ((r = unit_value(c, key, v, kk, 1, &g->K_eq))) {
    } else if ((r = unit_value(c, key, v, kt, 1, &g->tau0_s))) {
    } else if ((r = unit_value(c, key, v, kq, 2, &g->Q_relax_J_mol))) {
    } else {
      return fail(
          c, k,
          "unknown glass key '%s' (recipe, E_GPa, nu, B, D0_m2_s, Q_kJ_mol, "
          "ratio, C_init, K_eq, tau0_s, Q_relax_kJ_mol)",
          key);
    }
    if (r < 0) return MGE_E_INPUT;
  }
  if (isnan(g->E_Pa)) g->E_Pa = E_rec;
  if (isnan(g->nu)) g->nu = nu_rec;
  return 0;
}

static int parse_mesh(yctx *c, struct fy_node *n, mge_ionex_opts *o) {
  if (!fy_node_is_mapping(n)) return fail(c, n, "%s", "mesh must be a mapping");
  void *it = NULL;
  struct fy_node_pair *pr;
  while ((pr = fy_node_mapping_iterate(n, &it))) {
    struct fy_node *k = fy_node_pair_key(pr), *v = fy_node_pair_value(pr);
    char key[64];
    double x;
    if (scalar(c, k, key, sizeof key, "key")) return MGE_E_INPUT;
    if (number(c, v, key, &x)) return MGE_E_INPUT;
    if (strcmp(key, "nodes") == 0 || strcmp(key, "time_steps") == 0) {
      if (x != floor(x) || x < 1 || x > 1e6)
        return fail(c, v, "%s: expected a positive integer", key);
      if (key[0] == 'n')
        o->n_nodes = (int)x;
      else
        o->n_time = (int)x;
    } else if (strcmp(key, "grading") == 0) {
      o->grading = x;
    } else if (strcmp(key, "dt_growth") == 0) {
      o->dt_growth = x;
    } else if (strcmp(key, "dol_fraction") == 0) {
      o->dol_frac = x;
    } else {
      return fail(c, k,
                  "unknown mesh key '%s' (nodes, grading, time_steps, "
                  "dt_growth, dol_fraction)",
                  key);
    }
  }
  return 0;
}

static int parse_measured(yctx *c, struct fy_node *n, mge_ionex_measure *m,
                          int cap, int *nm) {
  static const ukey kcs[] = {{"CS_Pa", 1, 0}, {"CS_MPa", 1e6, 0}};
  static const ukey kdl[] = {{"DOL_m", 1, 0}, {"DOL_um", 1e-6, 0}};
  if (!fy_node_is_sequence(n))
    return fail(c, n, "%s", "measured must be a list");
  *nm = 0;
  void *it = NULL;
  struct fy_node *e;
  while ((e = fy_node_sequence_iterate(n, &it))) {
    if (*nm >= cap) return fail(c, e, "%s", "too many measurements");
    if (!fy_node_is_mapping(e))
      return fail(c, e, "%s",
                  "a measurement must be a mapping {schedule, CS_MPa, DOL_um}");
    mge_ionex_measure *mm = &m[*nm];
    memset(mm, 0, sizeof *mm);
    mm->CS_Pa = mm->DOL_m = NAN;
    void *it2 = NULL;
    struct fy_node_pair *pr;
    while ((pr = fy_node_mapping_iterate(e, &it2))) {
      struct fy_node *k = fy_node_pair_key(pr), *v = fy_node_pair_value(pr);
      char key[64];
      if (scalar(c, k, key, sizeof key, "key")) return MGE_E_INPUT;
      int r;
      if (strcmp(key, "schedule") == 0) {
        if (parse_schedule(c, v, mm->step, &mm->n_steps)) return MGE_E_INPUT;
        continue;
      }
      if ((r = unit_value(c, key, v, kcs, 2, &mm->CS_Pa))) {
      } else if ((r = unit_value(c, key, v, kdl, 2, &mm->DOL_m))) {
      } else {
        return fail(c, k,
                    "unknown measurement key '%s' (schedule, CS_MPa, DOL_um)",
                    key);
      }
      if (r < 0) return MGE_E_INPUT;
    }
    if (mm->n_steps == 0 || isnan(mm->CS_Pa) || isnan(mm->DOL_m))
      return fail(c, e, "%s", "a measurement needs schedule, CS and DOL");
    (*nm)++;
  }
  return 0;
}

typedef struct diagbuf {
  char msg[256];
} diagbuf;

static void diag_out(struct fy_diag *d, void *user, const char *buf,
                     size_t len) {
  (void)d;
  diagbuf *b = user;
  if (b->msg[0]) return; /* keep the first message */
  size_t n = len < sizeof b->msg - 1 ? len : sizeof b->msg - 1;
  memcpy(b->msg, buf, n);
  b->msg[n] = '\0';
  for (char *p = b->msg; *p; p++)
    if (*p == '\n' || (unsigned char)*p < 0x20) *p = ' ';
}

/* Reject what the format never needs and what libfyaml 0.7 handles badly
 * (a directive followed by invalid UTF-8 makes its scanner loop forever;
 * keys made of escaped quotes leak): NUL and control bytes, invalid UTF-8,
 * directives ('%' at the start of a line) and "'''". Returns 0 or fills err
 * with the line and column. */
static int precheck(const char *src, const unsigned char *s, size_t n,
                    mge_error *err) {
  int line = 1, col = 1;
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    if (c == '\n') {
      line++, col = 1, i++;
      continue;
    }
    if (c == '%' && col == 1)
      return mge_error_set_at(err, MGE_E_INPUT, src, line, col,
                              "YAML directives are not supported");
    /* runs of escaped single quotes make libfyaml 0.7 leak a buffer */
    if (c == '\'' && i + 2 < n && s[i + 1] == '\'' && s[i + 2] == '\'')
      return mge_error_set_at(err, MGE_E_INPUT, src, line, col,
                              "escaped quotes are not supported");
    if (c < 0x20 && c != '\t' && c != '\r')
      return mge_error_set_at(err, MGE_E_INPUT, src, line, col,
                              "control character 0x%02x", c);
    size_t k = c < 0x80         ? 1
               : (c >> 5) == 6  ? 2
               : (c >> 4) == 14 ? 3
               : (c >> 3) == 30 ? 4
                                : 0;
    if (k == 0 || i + k > n)
      return mge_error_set_at(err, MGE_E_INPUT, src, line, col,
                              "invalid UTF-8");
    for (size_t j = 1; j < k; j++)
      if ((s[i + j] & 0xC0) != 0x80)
        return mge_error_set_at(err, MGE_E_INPUT, src, line, col,
                                "invalid UTF-8");
    i += k, col++;
  }
  return 0;
}

int mge_ionex_parse_yaml(const char *text, size_t len, const char *source,
                         mge_ionex_problem *p, mge_ionex_measure *meas,
                         int meas_cap, int *n_meas, mge_error *err) {
  yctx c = {source ? source : "<yaml>", err};
  if (n_meas) *n_meas = 0;
  if (len > YAML_MAX_LEN)
    return mge_error_set_at(err, MGE_E_LIMIT, c.src, 0, 0,
                            "input larger than %u bytes", YAML_MAX_LEN);
  memset(p, 0, sizeof *p);
  if (precheck(c.src, (const unsigned char *)text, len, err))
    return MGE_E_INPUT;
  p->pair = MGE_IONEX_K_NA;
  p->thickness_m = NAN;
  p->glass.E_Pa = p->glass.nu = p->glass.B = NAN;
  p->glass.D0_m2_s = p->glass.Q_J_mol = NAN;
  p->glass.ratio = 1;
  p->glass.K_eq = 1;
  p->glass.Q_relax_J_mol = 0;
  mge_ionex_opts_default(&p->opts);

  diagbuf db = {{0}};
  struct fy_diag_cfg dc;
  fy_diag_cfg_default(&dc);
  dc.fp = NULL;
  dc.output_fn = diag_out;
  dc.user = &db;
  dc.colorize = false;
  struct fy_diag *diag = fy_diag_create(&dc);
  if (!diag) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  struct fy_parse_cfg cfg = {NULL, FYPCF_QUIET, NULL, diag};
  struct fy_document *doc = fy_document_build_from_string(&cfg, text, len);
  int rc = MGE_OK;
  if (!doc) {
    rc = mge_error_set_at(err, MGE_E_INPUT, c.src, 0, 0, "YAML syntax: %s",
                          db.msg[0] ? db.msg : "cannot parse");
    goto out;
  }
  struct fy_node *root = fy_document_root(doc);
  if (!root || !fy_node_is_mapping(root)) {
    rc = mge_error_set_at(err, MGE_E_INPUT, c.src, 1, 1,
                          "the document must be a mapping");
    goto out;
  }
  static const ukey kth[] = {{"thickness", 1, 0},
                             {"thickness_m", 1, 0},
                             {"thickness_mm", 1e-3, 0},
                             {"thickness_um", 1e-6, 0}};
  int have_sched = 0, have_glass = 0;
  void *it = NULL;
  struct fy_node_pair *pr;
  while ((pr = fy_node_mapping_iterate(root, &it))) {
    struct fy_node *k = fy_node_pair_key(pr), *v = fy_node_pair_value(pr);
    char key[64];
    if (scalar(&c, k, key, sizeof key, "key")) {
      rc = MGE_E_INPUT;
      goto out;
    }
    int r = 0;
    if (strcmp(key, "exchange") == 0) {
      char val[32];
      if (scalar(&c, v, val, sizeof val, key))
        r = -1;
      else if (strcmp(val, "K-Na") == 0)
        p->pair = MGE_IONEX_K_NA;
      else if (strcmp(val, "Na-Li") == 0)
        p->pair = MGE_IONEX_NA_LI;
      else {
        fail(&c, v, "exchange '%s': expected K-Na or Na-Li", val);
        r = -1;
      }
    } else if (strcmp(key, "glass") == 0) {
      r = parse_glass(&c, v, &p->glass) ? -1 : 1;
      have_glass = 1;
    } else if (strcmp(key, "schedule") == 0) {
      r = parse_schedule(&c, v, p->step, &p->n_steps) ? -1 : 1;
      have_sched = 1;
    } else if (strcmp(key, "mesh") == 0) {
      r = parse_mesh(&c, v, &p->opts) ? -1 : 1;
    } else if (strcmp(key, "measured") == 0) {
      int nm = 0;
      if (!meas || meas_cap <= 0) {
        r = -1;
        fail(&c, k, "%s", "measured: not accepted here");
      } else {
        r = parse_measured(&c, v, meas, meas_cap, &nm) ? -1 : 1;
        if (n_meas) *n_meas = nm;
      }
    } else if ((r = unit_value(&c, key, v, kth, 4, &p->thickness_m))) {
    } else {
      fail(&c, k,
           "unknown key '%s' (exchange, thickness_mm, glass, schedule, mesh, "
           "measured)",
           key);
      r = -1;
    }
    if (r < 0) {
      rc = MGE_E_INPUT;
      goto out;
    }
  }
  if (isnan(p->thickness_m)) {
    rc =
        mge_error_set_at(err, MGE_E_INPUT, c.src, 0, 0, "missing thickness_mm");
    goto out;
  }
  if (!have_glass || !have_sched) {
    rc = mge_error_set_at(err, MGE_E_INPUT, c.src, 0, 0, "missing %s",
                          have_glass ? "schedule" : "glass");
    goto out;
  }
  const char *need[] = {"E_GPa (or recipe)", "nu (or recipe)", "B", "D0_m2_s",
                        "Q_kJ_mol"};
  double have[] = {p->glass.E_Pa, p->glass.nu, p->glass.B, p->glass.D0_m2_s,
                   p->glass.Q_J_mol};
  for (int i = 0; i < 5; i++)
    if (isnan(have[i])) {
      rc = mge_error_set_at(err, MGE_E_INPUT, c.src, 0, 0, "glass: missing %s",
                            need[i]);
      goto out;
    }
out:
  if (doc) fy_document_destroy(doc);
  fy_diag_destroy(diag);
  return rc;
}
