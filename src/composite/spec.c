/* Laminate YAML files (libfyaml): materials, layup or explicit plies, loads,
 * criteria, envelope settings. Errors name file:line:column. */
#include <errno.h>
#include <libfyaml.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "composite/internal.h"

#define MAX_FILE (16u << 20)

typedef struct ctx {
  const char *name;
  mge_error *err;
  const mge_lamina *user;
  size_t n_user;
} ctx;

static void mark_of(struct fy_node *n, int *line, int *col) {
  *line = *col = 0;
  /* collections have no token of their own: use their first scalar */
  for (int depth = 0; n && depth < 64 && !fy_node_is_scalar(n); depth++) {
    void *it = NULL;
    if (fy_node_is_mapping(n)) {
      struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
      n = p ? fy_node_pair_key(p) : NULL;
    } else if (fy_node_is_sequence(n)) {
      n = fy_node_sequence_iterate(n, &it);
    } else {
      n = NULL;
    }
  }
  if (!n) return;
  struct fy_token *t = fy_node_get_scalar_token(n);
  if (!t) return;
  const struct fy_mark *m = fy_token_start_mark(t);
  if (!m) return;
  *line = m->line + 1;
  *col = m->column + 1;
}

#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
static int
bad(ctx *c, struct fy_node *at, const char *fmt, ...) {
  char msg[MGE_ERROR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  int line, col;
  mark_of(at, &line, &col);
  return mge_error_set_at(c->err, MGE_E_INPUT, c->name, line, col, "%s", msg);
}

/* Scalar text of n into buf; error if not a scalar. */
static int scalar(ctx *c, struct fy_node *n, struct fy_node *key, char *buf,
                  size_t cap) {
  if (!n || !fy_node_is_scalar(n))
    return bad(c, key ? key : n, "expected a single value");
  size_t len;
  const char *s = fy_node_get_scalar(n, &len);
  if (!s || len >= cap || memchr(s, 0, len))
    return bad(c, n, "value too long or not text");
  memcpy(buf, s, len);
  buf[len] = 0;
  return MGE_OK;
}

static int quantity(ctx *c, struct fy_node *n, struct fy_node *key,
                    cmp_kind kind, double *v) {
  char buf[128];
  int rc = scalar(c, n, key, buf, sizeof buf);
  if (rc) return rc;
  mge_error e;
  int col;
  if (cmp_quantity(buf, kind, v, &col, &e)) {
    int line, c0;
    mark_of(n, &line, &c0);
    return mge_error_set_at(c->err, MGE_E_INPUT, c->name, line, c0 + col, "%s",
                            e.message);
  }
  return MGE_OK;
}

static const char *key_text(struct fy_node_pair *p, struct fy_node **kn) {
  *kn = fy_node_pair_key(p);
  if (!*kn || !fy_node_is_scalar(*kn)) return NULL;
  return fy_node_get_scalar0(*kn);
}

/* Material fields: YAML key -> offset, kind. */
typedef struct mfield {
  const char *key;
  size_t off;
  cmp_kind kind;
} mfield;

#define F(x) offsetof(mge_lamina, x)
static const mfield mfields[] = {
    {"E1", F(E1_Pa), CMP_STRESS},
    {"E2", F(E2_Pa), CMP_STRESS},
    {"G12", F(G12_Pa), CMP_STRESS},
    {"nu12", F(nu12), CMP_FRACTION},
    {"nu23", F(nu23), CMP_FRACTION},
    {"Xt", F(Xt_Pa), CMP_STRESS},
    {"Xc", F(Xc_Pa), CMP_STRESS},
    {"Yt", F(Yt_Pa), CMP_STRESS},
    {"Yc", F(Yc_Pa), CMP_STRESS},
    {"S12", F(S12_Pa), CMP_STRESS},
    {"S", F(S12_Pa), CMP_STRESS},
    {"S23", F(S23_Pa), CMP_STRESS},
    {"eps1t", F(eps1t), CMP_FRACTION},
    {"eps1c", F(eps1c), CMP_FRACTION},
    {"eps2t", F(eps2t), CMP_FRACTION},
    {"eps2c", F(eps2c), CMP_FRACTION},
    {"gamma12u", F(gamma12u), CMP_FRACTION},
    {"alpha1", F(alpha1_per_K), CMP_PER_K},
    {"alpha2", F(alpha2_per_K), CMP_PER_K},
    {"beta1", F(beta1), CMP_FRACTION},
    {"beta2", F(beta2), CMP_FRACTION},
    {"density", F(rho_kg_m3), CMP_DENSITY},
    {"Vf", F(Vf), CMP_FRACTION},
    {"t_ply", F(t_ply_m), CMP_LENGTH},
    {"cost", F(cost_USD_kg), CMP_COST},
    {"puck_p12t", F(puck_p12t), CMP_FRACTION},
    {"puck_p12c", F(puck_p12c), CMP_FRACTION},
    {"puck_p22c", F(puck_p22c), CMP_FRACTION},
    {"E1f", F(E1f_Pa), CMP_STRESS},
    {"nu12f", F(nu12f), CMP_FRACTION},
    {"m_sigf", F(m_sigf), CMP_FRACTION},
};
#undef F

/* A material: a library name (scalar) or a mapping of fields, optionally
 * starting from `base: NAME`. extra[0..n_extra) are the file's own. */
static int material(ctx *c, struct fy_node *n, struct fy_node *key,
                    const mge_lamina *extra, size_t n_extra, mge_lamina *out) {
  if (n && fy_node_is_scalar(n)) {
    char nm[MGE_LAMINA_NAME_MAX];
    int rc = scalar(c, n, key, nm, sizeof nm);
    if (rc) return rc;
    const mge_lamina *m = mge_lamina_find(nm, extra, n_extra);
    if (!m) m = mge_lamina_find(nm, c->user, c->n_user);
    if (!m)
      return bad(c, n, "unknown material '%s' (see `mge laminate materials`)",
                 nm);
    *out = *m;
    return MGE_OK;
  }
  if (!n || !fy_node_is_mapping(n))
    return bad(c, key, "material: expected a name or a mapping of properties");
  memset(out, 0, sizeof *out);
  snprintf(out->name, sizeof out->name, "user");
  struct fy_node *b = fy_node_mapping_lookup_by_string(n, "base", FY_NT);
  if (b) {
    int rc = material(c, b, b, extra, n_extra, out);
    if (rc) return rc;
  }
  void *it = NULL;
  struct fy_node_pair *p;
  while ((p = fy_node_mapping_iterate(n, &it))) {
    struct fy_node *kn, *vn = fy_node_pair_value(p);
    const char *k = key_text(p, &kn);
    if (!k) return bad(c, kn, "expected a property name");
    if (strcmp(k, "base") == 0) continue;
    if (strcmp(k, "name") == 0) {
      int rc = scalar(c, vn, kn, out->name, sizeof out->name);
      if (rc) return rc;
      continue;
    }
    if (strcmp(k, "source") == 0) {
      int rc = scalar(c, vn, kn, out->source, sizeof out->source);
      if (rc) return rc;
      continue;
    }
    size_t i = 0;
    for (; i < sizeof mfields / sizeof mfields[0]; i++)
      if (strcmp(k, mfields[i].key) == 0) break;
    if (i == sizeof mfields / sizeof mfields[0])
      return bad(c, kn, "unknown material property '%s'", k);
    double v;
    int rc = quantity(c, vn, kn, mfields[i].kind, &v);
    if (rc) return rc;
    *(double *)((char *)out + mfields[i].off) = v;
  }
  mge_error e;
  if (mge_lamina_check(out, 0, &e)) return bad(c, key, "%s", e.message);
  return MGE_OK;
}

static int vec3(ctx *c, struct fy_node *n, struct fy_node *key, cmp_kind k,
                double v[3]) {
  if (!n || !fy_node_is_sequence(n) || fy_node_sequence_item_count(n) != 3)
    return bad(c, key, "expected a list of three values [x, y, xy]");
  for (int i = 0; i < 3; i++) {
    int rc = quantity(c, fy_node_sequence_get_by_index(n, i), key, k, &v[i]);
    if (rc) return rc;
  }
  return MGE_OK;
}

static int add_mat(ctx *c, mge_laminate *lam, const mge_lamina *m,
                   struct fy_node *at) {
  for (int i = 0; i < lam->n_mats; i++)
    if (strcmp(lam->mats[i].name, m->name) == 0 &&
        memcmp(&lam->mats[i], m, sizeof *m) == 0)
      return i;
  if (lam->n_mats >= MGE_LAMINATE_MAX_MATS)
    return -bad(c, at, "more than %d materials in one laminate",
                MGE_LAMINATE_MAX_MATS);
  lam->mats[lam->n_mats] = *m;
  return lam->n_mats++;
}

static int parse_root(ctx *c, struct fy_node *root, mge_laminate_spec *s) {
  if (!root || !fy_node_is_mapping(root))
    return mge_error_set_at(c->err, MGE_E_INPUT, c->name, 1, 1,
                            "expected a YAML mapping (material:, layup:, ...)");
  memset(s, 0, sizeof *s);
  mge_fail_opts_default(&s->opts);
  s->n_dir = 360;
  s->plane = MGE_PLANE_SX_SY;
  mge_lamina extra[MGE_LAMINATE_MAX_MATS];
  size_t n_extra = 0;
  int rc;
  /* materials: first, so that `material:` and plies can name them */
  struct fy_node *ms =
      fy_node_mapping_lookup_by_string(root, "materials", FY_NT);
  if (ms) {
    if (!fy_node_is_sequence(ms))
      return bad(c, ms, "materials: expected a list");
    void *it = NULL;
    struct fy_node *mn;
    while ((mn = fy_node_sequence_iterate(ms, &it))) {
      if (n_extra >= MGE_LAMINATE_MAX_MATS)
        return bad(c, mn, "at most %d materials", MGE_LAMINATE_MAX_MATS);
      if ((rc = material(c, mn, mn, extra, n_extra, &extra[n_extra])))
        return rc;
      n_extra++;
    }
  }
  mge_lamina mat;
  int have_mat = 0;
  double t_ply = 0;
  struct fy_node *layup = NULL, *plies = NULL, *tpk = NULL;
  void *it = NULL;
  struct fy_node_pair *p;
  while ((p = fy_node_mapping_iterate(root, &it))) {
    struct fy_node *kn, *vn = fy_node_pair_value(p);
    const char *k = key_text(p, &kn);
    if (!k) return bad(c, kn, "expected a key");
    if (strcmp(k, "materials") == 0) continue;
    if (strcmp(k, "material") == 0) {
      if ((rc = material(c, vn, kn, extra, n_extra, &mat))) return rc;
      have_mat = 1;
    } else if (strcmp(k, "layup") == 0) {
      layup = vn;
      if ((rc = scalar(c, vn, kn, s->layup, sizeof s->layup))) return rc;
    } else if (strcmp(k, "plies") == 0) {
      plies = vn;
    } else if (strcmp(k, "ply_thickness") == 0) {
      tpk = kn;
      if ((rc = quantity(c, vn, kn, CMP_LENGTH, &t_ply))) return rc;
      if (!(t_ply > 0) || t_ply > 1.0)
        return bad(c, vn, "ply_thickness must be in (0, 1] m");
    } else if (strcmp(k, "loads") == 0 || strcmp(k, "load") == 0) {
      if (!fy_node_is_mapping(vn))
        return bad(c, kn, "loads: expected a mapping (N:, M:, dT:, dC:)");
      s->has_load = 1;
      void *i2 = NULL;
      struct fy_node_pair *q;
      while ((q = fy_node_mapping_iterate(vn, &i2))) {
        struct fy_node *k2, *v2 = fy_node_pair_value(q);
        const char *kk = key_text(q, &k2);
        if (!kk) return bad(c, k2, "expected a key");
        if (strcmp(kk, "N") == 0)
          rc = vec3(c, v2, k2, CMP_FORCE_LEN, s->load.N);
        else if (strcmp(kk, "M") == 0)
          rc = vec3(c, v2, k2, CMP_FORCE, s->load.M);
        else if (strcmp(kk, "dT") == 0)
          rc = quantity(c, v2, k2, CMP_TEMP_DIFF, &s->load.dT_K);
        else if (strcmp(kk, "dC") == 0)
          rc = quantity(c, v2, k2, CMP_FRACTION, &s->load.dC);
        else
          return bad(c, k2, "unknown load '%s' (N, M, dT, dC)", kk);
        if (rc) return rc;
      }
    } else if (strcmp(k, "criteria") == 0) {
      if (!fy_node_is_sequence(vn))
        return bad(c, kn, "criteria: expected a list");
      void *i2 = NULL;
      struct fy_node *cn;
      while ((cn = fy_node_sequence_iterate(vn, &i2))) {
        char nm[64];
        if ((rc = scalar(c, cn, kn, nm, sizeof nm))) return rc;
        int ci = mge_criterion_parse(nm);
        if (ci < 0)
          return bad(c, cn,
                     "unknown criterion '%s' (max-stress, max-strain, "
                     "tsai-hill, tsai-wu, hashin, puck)",
                     nm);
        int dup = 0;
        for (int j = 0; j < s->n_crit; j++) dup |= (int)s->crit[j] == ci;
        if (!dup) s->crit[s->n_crit++] = (mge_criterion)ci;
      }
    } else if (strcmp(k, "tsai_wu_F12") == 0) {
      if ((rc = quantity(c, vn, kn, CMP_FRACTION, &s->opts.tsai_wu_F12star)))
        return rc;
      if (s->opts.tsai_wu_F12star < -1 || s->opts.tsai_wu_F12star > 1)
        return bad(c, vn, "tsai_wu_F12 must be in [-1, 1]");
    } else if (strcmp(k, "ply_discount") == 0) {
      if ((rc = quantity(c, vn, kn, CMP_FRACTION, &s->opts.ply_discount)))
        return rc;
      if (!(s->opts.ply_discount > 0 && s->opts.ply_discount < 1))
        return bad(c, vn, "ply_discount must be in (0, 1)");
    } else if (strcmp(k, "envelope") == 0) {
      if (!fy_node_is_mapping(vn))
        return bad(c, kn, "envelope: expected a mapping (plane:, directions:)");
      void *i2 = NULL;
      struct fy_node_pair *q;
      while ((q = fy_node_mapping_iterate(vn, &i2))) {
        struct fy_node *k2, *v2 = fy_node_pair_value(q);
        const char *kk = key_text(q, &k2);
        if (!kk) return bad(c, k2, "expected a key");
        if (strcmp(kk, "plane") == 0) {
          char nm[32];
          if ((rc = scalar(c, v2, k2, nm, sizeof nm))) return rc;
          int pl = mge_stress_plane_parse(nm);
          if (pl < 0)
            return bad(c, v2, "unknown plane '%s' (sx-sy, sx-txy, sy-txy)", nm);
          s->plane = (mge_stress_plane)pl;
        } else if (strcmp(kk, "directions") == 0) {
          double d;
          if ((rc = quantity(c, v2, k2, CMP_FRACTION, &d))) return rc;
          if (d != floor(d) || d < 4 || d > 100000)
            return bad(c, v2, "directions must be an integer in 4..100000");
          s->n_dir = (int)d;
        } else {
          return bad(c, k2, "unknown envelope setting '%s'", kk);
        }
      }
    } else if (strcmp(k, "name") == 0 || strcmp(k, "description") == 0) {
      /* free text */
    } else {
      return bad(c, kn, "unknown key '%s'", k);
    }
  }
  mge_laminate *lam = &s->lam;
  if (layup && plies)
    return bad(c, plies, "give either layup: or plies:, not both");
  if (layup) {
    if (!have_mat)
      return bad(c, layup, "layup: needs a material: (name or properties)");
    double t = t_ply > 0 ? t_ply : mat.t_ply_m;
    if (!(t > 0))
      return bad(c, layup,
                 "no ply thickness: give ply_thickness: (material '%s' has "
                 "no nominal t_ply)",
                 mat.name);
    mge_error e;
    rc = mge_laminate_from_layup(lam, &mat, s->layup, t, &e);
    if (rc) {
      int line, col;
      mark_of(layup, &line, &col);
      /* the token mark is the first character of the text (inside the
       * quotes); no escapes are expected in a layup */
      int q = 0;
      return mge_error_set_at(c->err, rc, c->name, line,
                              e.column > 0 ? col + q + e.column - 1 : col, "%s",
                              e.message);
    }
  } else if (plies) {
    if (!fy_node_is_sequence(plies))
      return bad(c, plies, "plies: expected a list");
    memset(lam, 0, sizeof *lam);
    void *i2 = NULL;
    struct fy_node *pn;
    while ((pn = fy_node_sequence_iterate(plies, &i2))) {
      if (lam->n_plies >= MGE_LAMINATE_MAX_PLIES)
        return bad(c, pn, "more than %d plies", MGE_LAMINATE_MAX_PLIES);
      if (!fy_node_is_mapping(pn))
        return bad(c, pn,
                   "a ply: expected {angle: .., thickness: .., material: ..}");
      mge_ply *ply = &lam->ply[lam->n_plies];
      int got_angle = 0;
      double t = t_ply;
      mge_lamina pm;
      int have_pm = 0;
      void *i3 = NULL;
      struct fy_node_pair *q;
      struct fy_node *k_first = NULL;
      while ((q = fy_node_mapping_iterate(pn, &i3))) {
        struct fy_node *k2, *v2 = fy_node_pair_value(q);
        const char *kk = key_text(q, &k2);
        if (!kk) return bad(c, k2, "expected a key");
        if (!k_first) k_first = k2;
        if (strcmp(kk, "angle") == 0) {
          if ((rc = quantity(c, v2, k2, CMP_ANGLE, &ply->theta_deg))) return rc;
          if (fabs(ply->theta_deg) > 360)
            return bad(c, v2, "angle must be within -360..360 deg");
          got_angle = 1;
        } else if (strcmp(kk, "thickness") == 0) {
          if ((rc = quantity(c, v2, k2, CMP_LENGTH, &t))) return rc;
          if (!(t > 0) || t > 1.0)
            return bad(c, v2, "thickness must be in (0, 1] m");
        } else if (strcmp(kk, "material") == 0) {
          if ((rc = material(c, v2, k2, extra, n_extra, &pm))) return rc;
          have_pm = 1;
        } else {
          return bad(c, k2,
                     "unknown ply key '%s' (angle, thickness, "
                     "material)",
                     kk);
        }
      }
      if (!got_angle) return bad(c, k_first, "ply without angle:");
      if (!have_pm) {
        if (!have_mat) return bad(c, k_first, "ply without material:");
        pm = mat;
      }
      if (!(t > 0)) t = pm.t_ply_m;
      if (!(t > 0))
        return bad(c, k_first, "ply without thickness: (and no default)");
      int mi = add_mat(c, lam, &pm, k_first);
      if (mi < 0) return -mi;
      ply->t_m = t;
      ply->mat = mi;
      lam->n_plies++;
    }
    if (lam->n_plies == 0) return bad(c, plies, "plies: the list is empty");
  } else {
    return mge_error_set_at(c->err, MGE_E_INPUT, c->name, 1, 1,
                            "no layup: or plies: given");
  }
  (void)tpk;
  if (s->n_crit == 0) {
    s->n_crit = MGE_CRIT_N;
    for (int i = 0; i < MGE_CRIT_N; i++) s->crit[i] = (mge_criterion)i;
  }
  mge_error e;
  if (mge_laminate_check(lam, 0, &e))
    return mge_error_set_at(c->err, MGE_E_INPUT, c->name, 0, 0, "%s",
                            e.message);
  return MGE_OK;
}

/* Check that text is UTF-8 without NUL bytes (libfyaml 0.7.12 can loop
 * forever on some invalid sequences, e.g. "%\xff"); report line:column of
 * the first bad byte. */
static int check_utf8(const char *text, size_t len, const char *name,
                      mge_error *err) {
  const unsigned char *s = (const unsigned char *)text;
  int line = 1, col = 1;
  for (size_t i = 0; i < len;) {
    unsigned c = s[i];
    size_t n = c < 0x80         ? 1
               : (c >> 5) == 6  ? 2
               : (c >> 4) == 14 ? 3
               : (c >> 3) == 30 ? 4
                                : 0;
    int ok = n > 0 && i + n <= len && c != 0 && !(n == 2 && c < 0xC2) &&
             !(n == 4 && c > 0xF4);
    for (size_t k = 1; ok && k < n; k++) ok = (s[i + k] & 0xC0) == 0x80;
    if (ok && n == 3) {
      unsigned v = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6);
      ok = v >= 0x800 && !(v >= 0xD800 && v <= 0xDFFF);
    }
    if (ok && n == 4) {
      unsigned v = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12);
      ok = v >= 0x10000 && v <= 0x10FFFF;
    }
    if (!ok)
      return mge_error_set_at(err, MGE_E_INPUT, name, line, col,
                              "not UTF-8 text (byte 0x%02x)", c);
    if (c == '\n')
      line++, col = 1;
    else
      col++;
    i += n;
  }
  return MGE_OK;
}

static void quiet(struct fy_diag *d, void *u, const char *b, size_t l) {
  (void)d, (void)u, (void)b, (void)l;
}

int mge_laminate_spec_parse(const char *text, size_t len, const char *name,
                            const mge_lamina *user, size_t n_user,
                            mge_laminate_spec *out, mge_error *err) {
  if (!name) name = "<input>";
  if (!text || !out) return mge_error_set(err, MGE_E_INPUT, "no input");
  if (len > MAX_FILE)
    return mge_error_set_at(err, MGE_E_LIMIT, name, 0, 0,
                            "file larger than 16 MiB");
  int rc = check_utf8(text, len, name, err);
  if (rc) return rc;
  struct fy_diag_cfg dc;
  fy_diag_cfg_default(&dc);
  dc.fp = NULL;
  dc.output_fn = quiet;
  struct fy_diag *diag = fy_diag_create(&dc);
  if (!diag) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  fy_diag_set_collect_errors(diag, true);
  struct fy_parse_cfg cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.flags = FYPCF_QUIET | FYPCF_DISABLE_RECYCLING;
  cfg.diag = diag;
  struct fy_document *doc = fy_document_build_from_string(&cfg, text, len);
  if (!doc) {
    void *it = NULL;
    struct fy_diag_error *de = fy_diag_errors_iterate(diag, &it);
    rc = mge_error_set_at(err, MGE_E_INPUT, name, de ? de->line + 1 : 0,
                          de ? de->column + 1 : 0, "YAML: %s",
                          de && de->msg ? de->msg : "syntax error");
  } else {
    ctx c = {name, err, user, n_user};
    rc = parse_root(&c, fy_document_root(doc), out);
    fy_document_destroy(doc);
  }
  fy_diag_destroy(diag);
  return rc;
}

int mge_laminate_spec_read(const char *path, const mge_lamina *user,
                           size_t n_user, mge_laminate_spec *out,
                           mge_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  char *buf = malloc(MAX_FILE + 1);
  if (!buf) {
    fclose(f);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  size_t n = fread(buf, 1, MAX_FILE + 1, f);
  int ioerr = ferror(f);
  fclose(f);
  int rc;
  if (ioerr)
    rc = mge_error_set_at(err, MGE_E_IO, path, 0, 0, "read error");
  else if (n > MAX_FILE)
    rc = mge_error_set_at(err, MGE_E_LIMIT, path, 0, 0,
                          "file larger than 16 MiB");
  else
    rc = mge_laminate_spec_parse(buf, n, path, user, n_user, out, err);
  free(buf);
  return rc;
}

int mge_micro_input_read(const char *path, mge_micro_input *in,
                         mge_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  enum { CAP = 1 << 20 };
  char *text = malloc(CAP + 1);
  if (!text) {
    fclose(f);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  size_t len = fread(text, 1, CAP + 1, f);
  fclose(f);
  int rc0 = len > CAP ? mge_error_set_at(err, MGE_E_LIMIT, path, 0, 0,
                                         "file larger than 1 MiB")
                      : check_utf8(text, len, path, err);
  if (rc0) {
    free(text);
    return rc0;
  }
  struct fy_diag_cfg dc;
  fy_diag_cfg_default(&dc);
  dc.fp = NULL;
  dc.output_fn = quiet;
  struct fy_diag *diag = fy_diag_create(&dc);
  if (!diag) {
    free(text);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  fy_diag_set_collect_errors(diag, true);
  struct fy_parse_cfg cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.flags = FYPCF_QUIET | FYPCF_DISABLE_RECYCLING;
  cfg.diag = diag;
  struct fy_document *doc = fy_document_build_from_string(&cfg, text, len);
  int rc = MGE_OK;
  if (!doc) {
    void *it = NULL;
    struct fy_diag_error *de = fy_diag_errors_iterate(diag, &it);
    rc = mge_error_set_at(err, MGE_E_INPUT, path, de ? de->line + 1 : 0,
                          de ? de->column + 1 : 0, "%s",
                          de && de->msg ? de->msg : "cannot read");
    fy_diag_destroy(diag);
    free(text);
    return rc;
  }
  ctx c = {path, err, NULL, 0};
  struct fy_node *root = fy_document_root(doc);
  if (!root || !fy_node_is_mapping(root)) {
    rc = mge_error_set_at(err, MGE_E_INPUT, path, 1, 1,
                          "expected a mapping of inputs (Ef:, Em:, Vf:, ...)");
  } else {
    void *it = NULL;
    struct fy_node_pair *p;
    while (!rc && (p = fy_node_mapping_iterate(root, &it))) {
      struct fy_node *kn, *vn = fy_node_pair_value(p);
      const char *k = key_text(p, &kn);
      char val[128];
      if (!k) {
        rc = bad(&c, kn, "expected a key");
        break;
      }
      if ((rc = scalar(&c, vn, kn, val, sizeof val))) break;
      mge_error e;
      if (mge_micro_input_set(in, k, val, &e)) {
        int line, col;
        mark_of(kn, &line, &col);
        rc = mge_error_set_at(err, MGE_E_INPUT, path, line, col, "%s",
                              e.message);
      }
    }
  }
  fy_document_destroy(doc);
  fy_diag_destroy(diag);
  free(text);
  return rc;
}

int mge_lamina_read_yaml(const char *path, mge_lamina **out, size_t *n_out,
                         mge_error *err) {
  *out = NULL;
  *n_out = 0;
  FILE *f = fopen(path, "rb");
  if (!f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  enum { CAP = 4 << 20 };
  char *text = malloc(CAP + 1);
  if (!text) {
    fclose(f);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  size_t len = fread(text, 1, CAP + 1, f);
  fclose(f);
  int rc = len > CAP ? mge_error_set_at(err, MGE_E_LIMIT, path, 0, 0,
                                        "file larger than 4 MiB")
                     : check_utf8(text, len, path, err);
  if (rc) {
    free(text);
    return rc;
  }
  struct fy_diag_cfg dc;
  fy_diag_cfg_default(&dc);
  dc.fp = NULL;
  dc.output_fn = quiet;
  struct fy_diag *diag = fy_diag_create(&dc);
  if (!diag) {
    free(text);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  fy_diag_set_collect_errors(diag, true);
  struct fy_parse_cfg cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.flags = FYPCF_QUIET | FYPCF_DISABLE_RECYCLING;
  cfg.diag = diag;
  struct fy_document *doc = fy_document_build_from_string(&cfg, text, len);
  mge_lamina *v = NULL;
  size_t nv = 0;
  if (!doc) {
    void *it = NULL;
    struct fy_diag_error *de = fy_diag_errors_iterate(diag, &it);
    rc = mge_error_set_at(err, MGE_E_INPUT, path, de ? de->line + 1 : 0,
                          de ? de->column + 1 : 0, "YAML: %s",
                          de && de->msg ? de->msg : "syntax error");
  } else {
    ctx c = {path, err, NULL, 0};
    struct fy_node *root = fy_document_root(doc), *list = root;
    if (root && fy_node_is_mapping(root))
      list = fy_node_mapping_lookup_by_string(root, "materials", FY_NT);
    if (!list || !fy_node_is_sequence(list)) {
      rc = mge_error_set_at(err, MGE_E_INPUT, path, 1, 1,
                            "expected a list of materials (or materials:)");
    } else {
      int cnt = fy_node_sequence_item_count(list);
      if (cnt > 10000) {
        rc = mge_error_set_at(err, MGE_E_LIMIT, path, 1, 1,
                              "more than 10000 materials");
      } else if (cnt > 0 && !(v = calloc((size_t)cnt, sizeof *v))) {
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      } else {
        void *it = NULL;
        struct fy_node *mn;
        while (!rc && (mn = fy_node_sequence_iterate(list, &it))) {
          if (!fy_node_is_mapping(mn))
            rc = bad(&c, mn, "a material: expected a mapping of properties");
          else
            rc = material(&c, mn, mn, v, nv, &v[nv]);
          if (!rc) nv++;
        }
      }
    }
    fy_document_destroy(doc);
  }
  fy_diag_destroy(diag);
  free(text);
  if (rc) {
    free(v);
    return rc;
  }
  *out = v;
  *n_out = nv;
  return MGE_OK;
}
