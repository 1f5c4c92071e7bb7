/* YAML readers shared by every YAML input (include/mge/yaml.h): node
 * positions, bounded scalars, numbers, whole numbers, booleans, quantities
 * with units, mapping iteration. Moved down from src/design/problem.c. */
#include "mge/yaml.h"

#include <ctype.h>
#include <errno.h>
#include <libfyaml.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/units.h"

/* ------------------------------------------------------------ text */

int mge_yaml_check_text(const char *t, size_t n, const char *source,
                        mge_error *err) {
  int line = 1, col = 1;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)t[i];
    size_t k = 0;
    if (c == '\n') {
      line++, col = 1, i++;
      continue;
    }
    if (c == '%' && col == 1)
      return mge_error_set_at(err, MGE_E_INPUT, source, line, col,
                              "YAML directives (%%...) are not supported");
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\r')
        return mge_error_set_at(err, MGE_E_INPUT, source, line, col,
                                "control character 0x%02x in the file", c);
      i++, col++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf)
      k = 1;
    else if (c >= 0xe0 && c <= 0xef)
      k = 2;
    else if (c >= 0xf0 && c <= 0xf4)
      k = 3;
    else
      return mge_error_set_at(err, MGE_E_INPUT, source, line, col,
                              "not UTF-8 text (byte 0x%02x)", c);
    for (size_t j = 1; j <= k; j++)
      if (i + j >= n || ((unsigned char)t[i + j] & 0xc0) != 0x80)
        return mge_error_set_at(err, MGE_E_INPUT, source, line, col,
                                "not UTF-8 text (bad continuation byte)");
    i += k + 1, col++;
  }
  return 0;
}

static void diag_quiet(struct fy_diag *d, void *u, const char *b, size_t l) {
  (void)d, (void)u, (void)b, (void)l;
}

int mge_yaml_doc_parse(const char *text, size_t len, const char *source,
                       struct fy_document **out, mge_error *err) {
  *out = NULL;
  struct fy_diag_cfg dcfg;
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = NULL;
  dcfg.output_fn = diag_quiet;
  dcfg.colorize = false;
  struct fy_diag *diag = fy_diag_create(&dcfg);
  if (!diag) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  fy_diag_set_collect_errors(diag, true);
  struct fy_parse_cfg cfg = {0};
  cfg.flags = FYPCF_QUIET | FYPCF_DISABLE_MMAP_OPT;
  cfg.diag = diag;
  int rc = 0;
  struct fy_document *doc = fy_document_build_from_string(&cfg, text, len);
  if (!doc) {
    void *it = NULL;
    struct fy_diag_error *de = fy_diag_errors_iterate(diag, &it);
    if (de)
      rc = mge_error_set_at(err, MGE_E_INPUT, source, de->line + 1,
                            de->column + 1, "YAML: %s",
                            de->msg ? de->msg : "syntax error");
    else
      rc = mge_error_set_at(err, MGE_E_INPUT, source, 0, 0,
                            "YAML: not a valid document");
  }
  fy_diag_destroy(diag); /* the document holds its own reference */
  *out = doc;
  return rc;
}

void mge_yaml_doc_free(struct fy_document *doc) {
  if (doc) fy_document_destroy(doc);
}

/* ------------------------------------------------------------ marks */

void mge_yaml_pos(struct fy_node *n, int *line, int *col) {
  *line = *col = 0;
  for (int guard = 0; n && guard < 64; guard++) {
    if (fy_node_is_scalar(n) || fy_node_is_alias(n)) {
      struct fy_token *t = fy_node_get_scalar_token(n);
      const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
      if (m) {
        *line = m->line + 1;
        *col = m->column + 1;
      }
      return;
    }
    void *it = NULL;
    if (fy_node_is_mapping(n)) {
      struct fy_node_pair *pr = fy_node_mapping_iterate(n, &it);
      n = pr ? fy_node_pair_key(pr) : NULL;
    } else if (fy_node_is_sequence(n)) {
      n = fy_node_sequence_iterate(n, &it);
    } else {
      return;
    }
  }
}

int mge_yaml_error(const mge_yaml_ctx *y, struct fy_node *n, int offset,
                   const char *fmt, ...) {
  int line, col;
  mge_yaml_pos(n, &line, &col);
  if (col > 0) col += offset;
  char msg[MGE_ERROR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return mge_error_set_at(y->err, MGE_E_INPUT, y->source, line, col, "%s", msg);
}

int mge_yaml_rethrow(const mge_yaml_ctx *y, struct fy_node *n, int offset,
                     const mge_error *sub) {
  int extra = sub->column > 0 ? sub->column - 1 : 0;
  return mge_yaml_error(y, n, offset + extra, "%s", sub->message);
}

/* ------------------------------------------------------------ scalars */

int mge_yaml_scalar(const mge_yaml_ctx *y, struct fy_node *n, const char *what,
                    char *buf, size_t cap) {
  buf[0] = '\0';
  if (!n || fy_node_is_alias(n))
    return mge_yaml_error(y, n, 0, "%s: aliases are not supported", what);
  if (!fy_node_is_scalar(n))
    return mge_yaml_error(y, n, 0, "%s: expected a single value", what);
  struct fy_token *t = fy_node_get_scalar_token(n);
  const struct fy_mark *b = t ? fy_token_start_mark(t) : NULL;
  const struct fy_mark *e = t ? fy_token_end_mark(t) : NULL;
  if (!b || !e || e->input_pos < b->input_pos || e->input_pos > y->len)
    return 0;
  size_t len = e->input_pos - b->input_pos;
  const char *s = y->text + b->input_pos;
  if (len >= cap)
    return mge_yaml_error(y, n, 0, "%s: value longer than %zu characters", what,
                          cap - 1);
  enum fy_node_style st = fy_node_get_style(n);
  int ok = !memchr(s, '\n', len) && !memchr(s, '\r', len);
  if (st == FYNS_SINGLE_QUOTED)
    ok = ok && !memchr(s, '\'', len);
  else if (st == FYNS_DOUBLE_QUOTED)
    ok = ok && !memchr(s, '\\', len);
  else if (st != FYNS_PLAIN)
    ok = 0;
  if (!ok)
    return mge_yaml_error(y, n, 0,
                          "%s: write the value on one line, without escapes "
                          "or block style",
                          what);
  memcpy(buf, s, len);
  while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\t')) len--;
  buf[len] = '\0';
  return 0;
}

int mge_yaml_number(const mge_yaml_ctx *y, struct fy_node *n, const char *what,
                    double *v) {
  char buf[MGE_YAML_SCALAR_MAX];
  int rc = mge_yaml_scalar(y, n, what, buf, sizeof buf);
  if (rc) return rc;
  char *end = NULL;
  errno = 0;
  const char *b = buf;
  while (*b == ' ') b++;
  if (!*b ||
      !(isdigit((unsigned char)*b) || *b == '-' || *b == '+' || *b == '.'))
    return mge_yaml_error(y, n, 0, "%s: '%s' is not a number", what, buf);
  *v = strtod(b, &end);
  while (end && *end == ' ') end++;
  if (end == b || (end && *end) || !isfinite(*v) || errno == ERANGE)
    return mge_yaml_error(y, n, 0, "%s: '%s' is not a finite number", what,
                          buf);
  if (strchr(buf, 'x') || strchr(buf, 'X'))
    return mge_yaml_error(y, n, 0, "%s: '%s' is not a decimal number", what,
                          buf);
  return 0;
}

int mge_yaml_integer(const mge_yaml_ctx *y, struct fy_node *n, const char *what,
                     uint64_t lo, uint64_t hi, uint64_t *v) {
  double d;
  int rc = mge_yaml_number(y, n, what, &d);
  if (rc) return rc;
  if (d != floor(d) || d < (double)lo || d > (double)hi)
    return mge_yaml_error(y, n, 0,
                          "%s: expected a whole number in [%llu, %llu]", what,
                          (unsigned long long)lo, (unsigned long long)hi);
  *v = (uint64_t)d;
  return 0;
}

int mge_yaml_bool(const mge_yaml_ctx *y, struct fy_node *n, const char *what,
                  int *v) {
  char buf[MGE_YAML_SCALAR_MAX];
  int rc = mge_yaml_scalar(y, n, what, buf, sizeof buf);
  if (rc) return rc;
  if (!strcmp(buf, "true") || !strcmp(buf, "yes")) {
    *v = 1;
    return 0;
  }
  if (!strcmp(buf, "false") || !strcmp(buf, "no")) {
    *v = 0;
    return 0;
  }
  return mge_yaml_error(y, n, 0, "%s: expected true or false, not '%s'", what,
                        buf);
}

/* ------------------------------------------------------------ quantities */

int mge_yaml_quantity(const mge_yaml_ctx *y, struct fy_node *n,
                      const char *what, const char *unit, double *si) {
  char buf[MGE_YAML_SCALAR_MAX];
  int rc = mge_yaml_scalar(y, n, what, buf, sizeof buf);
  if (rc) return rc;
  mge_unit u, want;
  mge_error sub;
  mge_error_clear(&sub);
  if (mge_quantity_parse(buf, si, &u, &sub))
    return mge_yaml_rethrow(y, n, 0, &sub);
  if (mge_unit_parse(unit, &want, &sub) || !mge_unit_same_dim(&u, &want))
    return mge_yaml_error(y, n, 0, "%s: '%s' is not in units of %s", what, buf,
                          unit);
  if (!isfinite(*si))
    return mge_yaml_error(y, n, 0, "%s: not a finite value", what);
  return 0;
}

int mge_yaml_quantity_key(const mge_yaml_ctx *y, const char *key,
                          struct fy_node *val, const char *base,
                          const char *unit, int *matched, double *si) {
  *matched = 0;
  size_t bl = strlen(base);
  if (!strcmp(key, base)) {
    *matched = 1;
    return mge_yaml_quantity(y, val, key, unit, si);
  }
  if (strncmp(key, base, bl) || key[bl] != '_' || !key[bl + 1]) return 0;
  mge_unit u, want;
  if (mge_unit_parse(key + bl + 1, &u, NULL) ||
      mge_unit_parse(unit, &want, NULL) || !mge_unit_same_dim(&u, &want))
    return 0;
  *matched = 1;
  double v;
  int rc = mge_yaml_number(y, val, key, &v);
  if (rc) return rc;
  *si = u.scale * v + u.offset;
  if (!isfinite(*si))
    return mge_yaml_error(y, val, 0, "%s: not a finite value", key);
  return 0;
}

/* ------------------------------------------------------------ collections */

int mge_yaml_map_next(const mge_yaml_ctx *y, struct fy_node *map,
                      mge_yaml_map_it *m, int *more) {
  struct fy_node_pair *pr = fy_node_mapping_iterate(map, &m->it);
  *more = pr != NULL;
  if (!pr) return 0;
  m->key = fy_node_pair_key(pr);
  m->val = fy_node_pair_value(pr);
  if (!m->key || !fy_node_is_scalar(m->key))
    return mge_yaml_error(y, m->key ? m->key : map, 0,
                          "keys must be plain names");
  int rc = mge_yaml_scalar(y, m->key, "key", m->name, sizeof m->name);
  if (rc) return rc;
  if (!m->val)
    return mge_yaml_error(y, m->key, 0, "%s: missing value", m->name);
  if (fy_node_is_alias(m->val))
    return mge_yaml_error(y, m->val, 0, "%s: aliases are not supported",
                          m->name);
  return 0;
}

struct fy_node *mge_yaml_lookup(const mge_yaml_ctx *y, struct fy_node *map,
                                const char *name, struct fy_node **key_out) {
  if (key_out) *key_out = NULL;
  if (!map || !fy_node_is_mapping(map)) return NULL;
  mge_yaml_ctx quiet = *y;
  quiet.err = NULL;
  void *it = NULL;
  struct fy_node_pair *pr;
  while ((pr = fy_node_mapping_iterate(map, &it))) {
    struct fy_node *k = fy_node_pair_key(pr);
    char buf[MGE_YAML_SCALAR_MAX];
    if (!k || !fy_node_is_scalar(k) ||
        mge_yaml_scalar(&quiet, k, "key", buf, sizeof buf))
      continue;
    if (!strcmp(buf, name)) {
      if (key_out) *key_out = k;
      return fy_node_pair_value(pr);
    }
  }
  return NULL;
}

int mge_yaml_need_map(const mge_yaml_ctx *y, struct fy_node *n,
                      struct fy_node *key, const char *what) {
  if (!n || !fy_node_is_mapping(n))
    return mge_yaml_error(y, n ? n : key, 0,
                          "%s: expected a mapping (key: value)", what);
  return 0;
}

int mge_yaml_need_seq(const mge_yaml_ctx *y, struct fy_node *n,
                      struct fy_node *key, const char *what) {
  if (!n || !fy_node_is_sequence(n))
    return mge_yaml_error(y, n ? n : key, 0, "%s: expected a list", what);
  return 0;
}
