/* Laminate YAML files: materials, layup or explicit plies, loads, criteria,
 * envelope settings; lamina lists and micromechanics inputs. Read with the
 * core YAML helpers (mge/yaml.h); errors name file:line:column. */
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "composite/internal.h"
#include "mge/file.h"
#include "mge/yaml.h"

#define MAX_FILE (16u << 20)

typedef struct ctx {
  mge_yaml_ctx y;
  const mge_lamina *user;
  size_t n_user;
} ctx;

/* A quantity of kind at n (cmp_quantity: the engineering units too). */
static int quantity(ctx *c, struct fy_node *n, const char *what, cmp_kind kind,
                    double *v) {
  char buf[MGE_YAML_SCALAR_MAX];
  int rc = mge_yaml_scalar(&c->y, n, what, buf, sizeof buf);
  if (rc) return rc;
  mge_error e;
  int col;
  if (cmp_quantity(buf, kind, v, &col, &e))
    return mge_yaml_error(&c->y, n, col, "%s", e.message);
  return MGE_OK;
}

/* The lamina field under key: `E1: 72 GPa` (a quantity), the CSV column
 * `E1_GPa: 72` or any `E1_UNIT: 72` (a bare number in UNIT). NULL when
 * key names no field. */
static const cmp_field *lamina_field(ctx *c, const char *key,
                                     struct fy_node *val, double *v, int *rc) {
  *rc = MGE_OK;
  for (size_t i = 0; i < cmp_n_lamina_fields; i++) {
    const cmp_field *f = &cmp_lamina_fields[i];
    if (strcmp(key, f->key) == 0) {
      *rc = quantity(c, val, key, f->kind, v);
      return f;
    }
  }
  for (size_t i = 0; i < cmp_n_lamina_fields; i++) {
    const cmp_field *f = &cmp_lamina_fields[i];
    if (f->csv && strcmp(key, f->csv) == 0) {
      if (!(*rc = mge_yaml_number(&c->y, val, key, v))) *v *= f->csv_scale;
      return f;
    }
  }
  for (size_t i = 0; i < cmp_n_lamina_fields; i++) {
    const cmp_field *f = &cmp_lamina_fields[i];
    size_t n = strlen(f->key);
    if (strncmp(key, f->key, n) != 0 || key[n] != '_' || !key[n + 1]) continue;
    double x;
    if ((*rc = mge_yaml_number(&c->y, val, key, &x))) return f;
    char q[MGE_YAML_SCALAR_MAX + 32];
    snprintf(q, sizeof q, "%.17g %s", x, key + n + 1);
    mge_error e;
    if (cmp_quantity(q, f->kind, v, NULL, &e))
      *rc = mge_yaml_error(&c->y, val, 0, "%s: %s", key, e.message);
    return f;
  }
  return NULL;
}

/* A material: a library name (scalar) or a mapping of fields, optionally
 * starting from `base: NAME`. extra[0..n_extra) are the file's own. */
static int material(ctx *c, struct fy_node *n, struct fy_node *key,
                    const mge_lamina *extra, size_t n_extra, mge_lamina *out) {
  mge_yaml_ctx *y = &c->y;
  int rc;
  if (n && fy_node_is_scalar(n)) {
    char nm[MGE_LAMINA_NAME_MAX];
    if ((rc = mge_yaml_scalar(y, n, "material", nm, sizeof nm))) return rc;
    const mge_lamina *m = mge_lamina_find(nm, extra, n_extra);
    if (!m) m = mge_lamina_find(nm, c->user, c->n_user);
    if (!m)
      return mge_yaml_error(
          y, n, 0, "unknown material '%s' (see `mge laminate materials`)", nm);
    *out = *m;
    return MGE_OK;
  }
  if (!n || !fy_node_is_mapping(n))
    return mge_yaml_error(
        y, key, 0, "material: expected a name or a mapping of properties");
  memset(out, 0, sizeof *out);
  cmp_lamina_unknown(out);
  snprintf(out->name, sizeof out->name, "user");
  struct fy_node *b = mge_yaml_lookup(y, n, "base", NULL);
  if (b && (rc = material(c, b, b, extra, n_extra, out))) return rc;
  mge_yaml_map_it it = {0};
  int more;
  while (!(rc = mge_yaml_map_next(y, n, &it, &more)) && more) {
    const char *k = it.name;
    if (strcmp(k, "base") == 0) continue;
    if (strcmp(k, "name") == 0) {
      rc = mge_yaml_scalar(y, it.val, k, out->name, sizeof out->name);
    } else if (strcmp(k, "source") == 0) {
      rc = mge_yaml_scalar(y, it.val, k, out->source, sizeof out->source);
    } else {
      double v;
      const cmp_field *f = lamina_field(c, k, it.val, &v, &rc);
      if (!f)
        return mge_yaml_error(y, it.key, 0, "unknown material property '%s'",
                              k);
      if (!rc) *(double *)((char *)out + f->off) = v;
    }
    if (rc) return rc;
  }
  if (rc) return rc;
  mge_error e;
  if (mge_lamina_check(out, 0, &e))
    return mge_yaml_error(y, key, 0, "%s", e.message);
  return MGE_OK;
}

static int vec3(ctx *c, struct fy_node *n, struct fy_node *key,
                const char *what, cmp_kind k, double v[3]) {
  if (!n || !fy_node_is_sequence(n) || fy_node_sequence_item_count(n) != 3)
    return mge_yaml_error(&c->y, key, 0,
                          "expected a list of three values [x, y, xy]");
  for (int i = 0; i < 3; i++) {
    int rc = quantity(c, fy_node_sequence_get_by_index(n, i), what, k, &v[i]);
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
    return -mge_yaml_error(&c->y, at, 0,
                           "more than %d materials in one laminate",
                           MGE_LAMINATE_MAX_MATS);
  lam->mats[lam->n_mats] = *m;
  return lam->n_mats++;
}

static int loads(ctx *c, struct fy_node *map, struct fy_node *key,
                 mge_load *load) {
  mge_yaml_ctx *y = &c->y;
  if (!fy_node_is_mapping(map))
    return mge_yaml_error(y, key, 0,
                          "loads: expected a mapping (N:, M:, dT:, dC:)");
  mge_yaml_map_it it = {0};
  int more, rc;
  while (!(rc = mge_yaml_map_next(y, map, &it, &more)) && more) {
    const char *k = it.name;
    if (strcmp(k, "N") == 0)
      rc = vec3(c, it.val, it.key, k, CMP_FORCE_LEN, load->N);
    else if (strcmp(k, "M") == 0)
      rc = vec3(c, it.val, it.key, k, CMP_FORCE, load->M);
    else if (strcmp(k, "dT") == 0)
      rc = quantity(c, it.val, k, CMP_TEMP_DIFF, &load->dT_K);
    else if (strcmp(k, "dC") == 0)
      rc = quantity(c, it.val, k, CMP_FRACTION, &load->dC);
    else
      return mge_yaml_error(y, it.key, 0, "unknown load '%s' (N, M, dT, dC)",
                            k);
    if (rc) return rc;
  }
  return rc;
}

static int criteria(ctx *c, struct fy_node *seq, struct fy_node *key,
                    mge_laminate_spec *s) {
  mge_yaml_ctx *y = &c->y;
  if (!fy_node_is_sequence(seq))
    return mge_yaml_error(y, key, 0, "criteria: expected a list");
  void *it = NULL;
  struct fy_node *cn;
  while ((cn = fy_node_sequence_iterate(seq, &it))) {
    char nm[64];
    int rc = mge_yaml_scalar(y, cn, "criteria", nm, sizeof nm);
    if (rc) return rc;
    int ci = mge_criterion_parse(nm);
    if (ci < 0)
      return mge_yaml_error(y, cn, 0,
                            "unknown criterion '%s' (max-stress, max-strain, "
                            "tsai-hill, tsai-wu, hashin, puck)",
                            nm);
    int dup = 0;
    for (int j = 0; j < s->n_crit; j++) dup |= (int)s->crit[j] == ci;
    if (!dup) s->crit[s->n_crit++] = (mge_criterion)ci;
  }
  return MGE_OK;
}

static int envelope(ctx *c, struct fy_node *map, struct fy_node *key,
                    mge_laminate_spec *s) {
  mge_yaml_ctx *y = &c->y;
  if (!fy_node_is_mapping(map))
    return mge_yaml_error(y, key, 0,
                          "envelope: expected a mapping (plane:, directions:)");
  mge_yaml_map_it it = {0};
  int more, rc;
  while (!(rc = mge_yaml_map_next(y, map, &it, &more)) && more) {
    if (strcmp(it.name, "plane") == 0) {
      char nm[32];
      if ((rc = mge_yaml_scalar(y, it.val, it.name, nm, sizeof nm))) return rc;
      int pl = mge_stress_plane_parse(nm);
      if (pl < 0)
        return mge_yaml_error(y, it.val, 0,
                              "unknown plane '%s' (sx-sy, sx-txy, sy-txy)", nm);
      s->plane = (mge_stress_plane)pl;
    } else if (strcmp(it.name, "directions") == 0) {
      double d;
      if ((rc = mge_yaml_number(y, it.val, it.name, &d))) return rc;
      if (d != floor(d) || d < 4 || d > 100000)
        return mge_yaml_error(y, it.val, 0,
                              "directions must be an integer in 4..100000");
      s->n_dir = (int)d;
    } else {
      return mge_yaml_error(y, it.key, 0, "unknown envelope setting '%s'",
                            it.name);
    }
  }
  return rc;
}

/* One entry of plies: into lam (materials shared by equal value). */
static int ply(ctx *c, struct fy_node *pn, double t_ply, const mge_lamina *mat,
               const mge_lamina *extra, size_t n_extra, mge_laminate *lam) {
  mge_yaml_ctx *y = &c->y;
  if (lam->n_plies >= MGE_LAMINATE_MAX_PLIES)
    return mge_yaml_error(y, pn, 0, "more than %d plies",
                          MGE_LAMINATE_MAX_PLIES);
  if (!fy_node_is_mapping(pn))
    return mge_yaml_error(
        y, pn, 0, "a ply: expected {angle: .., thickness: .., material: ..}");
  mge_ply *p = &lam->ply[lam->n_plies];
  int got_angle = 0, have_pm = 0, more, rc;
  double t = t_ply;
  mge_lamina pm;
  struct fy_node *first = NULL;
  mge_yaml_map_it it = {0};
  while (!(rc = mge_yaml_map_next(y, pn, &it, &more)) && more) {
    const char *k = it.name;
    if (!first) first = it.key;
    if (strcmp(k, "angle") == 0) {
      if ((rc = quantity(c, it.val, k, CMP_ANGLE, &p->theta_deg))) return rc;
      if (fabs(p->theta_deg) > 360)
        return mge_yaml_error(y, it.val, 0,
                              "angle must be within -360..360 deg");
      got_angle = 1;
    } else if (strcmp(k, "thickness") == 0) {
      if ((rc = quantity(c, it.val, k, CMP_LENGTH, &t))) return rc;
      if (!(t > 0) || t > 1.0)
        return mge_yaml_error(y, it.val, 0, "thickness must be in (0, 1] m");
    } else if (strcmp(k, "material") == 0) {
      if ((rc = material(c, it.val, it.key, extra, n_extra, &pm))) return rc;
      have_pm = 1;
    } else {
      return mge_yaml_error(
          y, it.key, 0, "unknown ply key '%s' (angle, thickness, material)", k);
    }
  }
  if (rc) return rc;
  if (!got_angle) return mge_yaml_error(y, first, 0, "ply without angle:");
  if (!have_pm) {
    if (!mat) return mge_yaml_error(y, first, 0, "ply without material:");
    pm = *mat;
  }
  if (!(t > 0)) t = pm.t_ply_m;
  if (!(t > 0))
    return mge_yaml_error(y, first, 0,
                          "ply without thickness: (and no default)");
  int mi = add_mat(c, lam, &pm, first);
  if (mi < 0) return -mi;
  p->t_m = t;
  p->mat = mi;
  lam->n_plies++;
  return MGE_OK;
}

static int parse_root(ctx *c, struct fy_node *root, mge_laminate_spec *s) {
  mge_yaml_ctx *y = &c->y;
  if (!root || !fy_node_is_mapping(root))
    return mge_error_set_at(y->err, MGE_E_INPUT, y->source, 1, 1,
                            "expected a YAML mapping (material:, layup:, ...)");
  cmp_spec_init(s);
  mge_lamina extra[MGE_LAMINATE_MAX_MATS];
  size_t n_extra = 0;
  int rc, more;
  /* materials: first, so that `material:` and plies can name them */
  struct fy_node *mk, *ms = mge_yaml_lookup(y, root, "materials", &mk);
  if (ms) {
    if ((rc = mge_yaml_need_seq(y, ms, mk, "materials"))) return rc;
    void *it = NULL;
    struct fy_node *mn;
    while ((mn = fy_node_sequence_iterate(ms, &it))) {
      if (n_extra >= MGE_LAMINATE_MAX_MATS)
        return mge_yaml_error(y, mn, 0, "at most %d materials",
                              MGE_LAMINATE_MAX_MATS);
      if ((rc = material(c, mn, mn, extra, n_extra, &extra[n_extra])))
        return rc;
      n_extra++;
    }
  }
  mge_lamina mat;
  int have_mat = 0;
  double t_ply = 0;
  struct fy_node *layup = NULL, *plies = NULL;
  mge_yaml_map_it it = {0};
  while (!(rc = mge_yaml_map_next(y, root, &it, &more)) && more) {
    const char *k = it.name;
    struct fy_node *vn = it.val, *kn = it.key;
    if (strcmp(k, "materials") == 0) continue;
    if (strcmp(k, "material") == 0) {
      rc = material(c, vn, kn, extra, n_extra, &mat);
      have_mat = 1;
    } else if (strcmp(k, "layup") == 0) {
      layup = vn;
      rc = mge_yaml_scalar(y, vn, k, s->layup, sizeof s->layup);
    } else if (strcmp(k, "plies") == 0) {
      plies = vn;
    } else if (strcmp(k, "ply_thickness") == 0) {
      if ((rc = quantity(c, vn, k, CMP_LENGTH, &t_ply))) return rc;
      if (!(t_ply > 0) || t_ply > 1.0)
        return mge_yaml_error(y, vn, 0, "ply_thickness must be in (0, 1] m");
    } else if (strcmp(k, "loads") == 0 || strcmp(k, "load") == 0) {
      s->has_load = 1;
      rc = loads(c, vn, kn, &s->load);
    } else if (strcmp(k, "criteria") == 0) {
      rc = criteria(c, vn, kn, s);
    } else if (strcmp(k, "tsai_wu_F12") == 0) {
      if ((rc = quantity(c, vn, k, CMP_FRACTION, &s->opts.tsai_wu_F12star)))
        return rc;
      if (s->opts.tsai_wu_F12star < -1 || s->opts.tsai_wu_F12star > 1)
        return mge_yaml_error(y, vn, 0, "tsai_wu_F12 must be in [-1, 1]");
    } else if (strcmp(k, "ply_discount") == 0) {
      if ((rc = quantity(c, vn, k, CMP_FRACTION, &s->opts.ply_discount)))
        return rc;
      if (!(s->opts.ply_discount > 0 && s->opts.ply_discount < 1))
        return mge_yaml_error(y, vn, 0, "ply_discount must be in (0, 1)");
    } else if (strcmp(k, "envelope") == 0) {
      rc = envelope(c, vn, kn, s);
    } else if (strcmp(k, "name") != 0 && strcmp(k, "description") != 0) {
      return mge_yaml_error(y, kn, 0, "unknown key '%s'", k);
    }
    if (rc) return rc;
  }
  if (rc) return rc;
  mge_laminate *lam = &s->lam;
  if (layup && plies)
    return mge_yaml_error(y, plies, 0,
                          "give either layup: or plies:, not both");
  if (layup) {
    if (!have_mat)
      return mge_yaml_error(y, layup, 0,
                            "layup: needs a material: (name or properties)");
    double t = t_ply > 0 ? t_ply : mat.t_ply_m;
    if (!(t > 0))
      return mge_yaml_error(y, layup, 0,
                            "no ply thickness: give ply_thickness: (material "
                            "'%s' has no nominal t_ply)",
                            mat.name);
    mge_error e;
    rc = mge_laminate_from_layup(lam, &mat, s->layup, t, &e);
    if (rc) {
      /* the token mark is the first character of the text (inside the
       * quotes); no escapes are expected in a layup */
      mge_yaml_rethrow(y, layup, 0, &e);
      if (y->err) y->err->code = rc;
      return rc;
    }
  } else if (plies) {
    if ((rc = mge_yaml_need_seq(y, plies, NULL, "plies"))) return rc;
    void *i2 = NULL;
    struct fy_node *pn;
    while ((pn = fy_node_sequence_iterate(plies, &i2)))
      if ((rc = ply(c, pn, t_ply, have_mat ? &mat : NULL, extra, n_extra, lam)))
        return rc;
    if (lam->n_plies == 0)
      return mge_yaml_error(y, plies, 0, "plies: the list is empty");
  } else {
    return mge_error_set_at(y->err, MGE_E_INPUT, y->source, 1, 1,
                            "no layup: or plies: given");
  }
  return cmp_spec_finish(s, y->source, y->err);
}

/* ------------------------------------------------------------ documents */

/* The document of text (checked first: mge_yaml_check_text). */
static int parse_doc(const char *text, size_t len, const char *name,
                     struct fy_document **doc, mge_error *err) {
  *doc = NULL;
  int rc = mge_yaml_check_text(text, len, name, err);
  return rc ? rc : mge_yaml_doc_parse(text, len, name, doc, err);
}

int mge_laminate_spec_parse(const char *text, size_t len, const char *name,
                            const mge_lamina *user, size_t n_user,
                            mge_laminate_spec *out, mge_error *err) {
  if (!name) name = "<input>";
  if (!text || !out) return mge_error_set(err, MGE_E_INPUT, "no input");
  if (len > MAX_FILE)
    return mge_error_set_at(err, MGE_E_LIMIT, name, 0, 0,
                            "file larger than 16 MiB");
  struct fy_document *doc;
  int rc = parse_doc(text, len, name, &doc, err);
  if (rc) return rc;
  ctx c = {{name, text, len, err}, user, n_user};
  rc = parse_root(&c, fy_document_root(doc), out);
  mge_yaml_doc_free(doc);
  return rc;
}

int mge_laminate_spec_read(const char *path, const mge_lamina *user,
                           size_t n_user, mge_laminate_spec *out,
                           mge_error *err) {
  char *text;
  size_t len = 0;
  int rc = mge_file_read_all(path, MAX_FILE, &text, &len, err);
  if (rc) return rc;
  rc = mge_laminate_spec_parse(text, len, path, user, n_user, out, err);
  free(text);
  return rc;
}

int mge_micro_input_read(const char *path, mge_micro_input *in,
                         mge_error *err) {
  char *text;
  size_t len = 0;
  struct fy_document *doc = NULL;
  int rc = mge_file_read_all(path, 1u << 20, &text, &len, err);
  if (!rc) rc = parse_doc(text, len, path, &doc, err);
  mge_yaml_ctx y = {path, text, len, err};
  struct fy_node *root = doc ? fy_document_root(doc) : NULL;
  if (!rc && (!root || !fy_node_is_mapping(root)))
    rc = mge_error_set_at(err, MGE_E_INPUT, path, 1, 1,
                          "expected a mapping of inputs (Ef:, Em:, Vf:, ...)");
  mge_yaml_map_it it = {0};
  int more = 1;
  while (!rc && !(rc = mge_yaml_map_next(&y, root, &it, &more)) && more) {
    char val[MGE_YAML_SCALAR_MAX];
    if ((rc = mge_yaml_scalar(&y, it.val, it.name, val, sizeof val))) break;
    mge_error e;
    if (mge_micro_input_set(in, it.name, val, &e))
      rc = mge_yaml_error(&y, it.key, 0, "%s", e.message);
  }
  mge_yaml_doc_free(doc);
  free(text);
  return rc;
}

int mge_lamina_read_yaml(const char *path, mge_lamina **out, size_t *n_out,
                         mge_error *err) {
  *out = NULL;
  *n_out = 0;
  char *text;
  size_t len = 0;
  struct fy_document *doc = NULL;
  int rc = mge_file_read_all(path, 4u << 20, &text, &len, err);
  if (!rc) rc = parse_doc(text, len, path, &doc, err);
  ctx c = {{path, text, len, err}, NULL, 0};
  struct fy_node *root = doc ? fy_document_root(doc) : NULL, *list = root;
  if (root && fy_node_is_mapping(root))
    list = mge_yaml_lookup(&c.y, root, "materials", NULL);
  mge_lamina *v = NULL;
  size_t nv = 0;
  if (!rc && (!list || !fy_node_is_sequence(list)))
    rc = mge_error_set_at(err, MGE_E_INPUT, path, 1, 1,
                          "expected a list of materials (or materials:)");
  int cnt = rc ? 0 : fy_node_sequence_item_count(list);
  if (cnt > 10000)
    rc = mge_error_set_at(err, MGE_E_LIMIT, path, 1, 1,
                          "more than 10000 materials");
  else if (cnt > 0 && !(v = calloc((size_t)cnt, sizeof *v)))
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  void *it = NULL;
  struct fy_node *mn;
  while (!rc && cnt > 0 && (mn = fy_node_sequence_iterate(list, &it))) {
    if (!fy_node_is_mapping(mn))
      rc = mge_yaml_error(&c.y, mn, 0,
                          "a material: expected a mapping of properties");
    else
      rc = material(&c, mn, mn, v, nv, &v[nv]);
    if (!rc) nv++;
  }
  mge_yaml_doc_free(doc);
  free(text);
  if (rc) {
    free(v);
    return rc;
  }
  *out = v;
  *n_out = nv;
  return MGE_OK;
}
