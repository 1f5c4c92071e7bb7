/* TDB (Thermo-Calc database) reader: the command handlers and the public
 * API. The text is split into commands (tdb_lex.c). Pass 1 records
 * elements, species, functions (their body text), type definitions,
 * phases, constituents and parameters; pass 2 compiles every parameter to
 * a piecewise polynomial, inlining functions (tdb_expr.c). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/file.h"
#include "thermo/tdb_internal.h"

/* ------------------------------------------------------------ commands */

static int find_element(const mge_tdb *db, const char *name) {
  for (int i = 0; i < db->nel; i++)
    if (tdb_ieq(db->el[i].name, name)) return i;
  return -1;
}

static int find_species(const mge_tdb *db, const char *name) {
  for (int i = 0; i < db->nsp; i++)
    if (tdb_ieq(db->sp[i].name, name)) return i;
  return -1;
}

int tm_tdb_find_phase(const mge_tdb *db, const char *name) {
  for (int i = 0; i < db->nph; i++)
    if (tdb_ieq(db->ph[i].name, name)) return i;
  return -1;
}

static int cmd_element(tdb_ctx *c, tdb_cmd *cm, int p) {
  char w[TM_NAME];
  int pos = tdb_next_word(cm, &p, w, sizeof w);
  if (pos < 0) return tdb_err_at(c, cm, p, "ELEMENT needs a name%s", "");
  tdb_upcase(w);
  if (strlen(w) > 3) return tdb_err_at(c, cm, pos, "bad element name '%s'", w);
  if (find_element(c->db, w) >= 0)
    return tdb_err_at(c, cm, pos, "element '%s' defined twice", w);
  GROW(c->db->el, c->db->nel, c->el_cap);
  tdb_element *e = &c->db->el[c->db->nel];
  memset(e, 0, sizeof *e);
  snprintf(e->name, sizeof e->name, "%s", w);
  if (tdb_next_word(cm, &p, w, sizeof w) >= 0)
    snprintf(e->ref, sizeof e->ref, "%s", w);
  double v[3] = {0, 0, 0};
  for (int i = 0; i < 3; i++) {
    int q = tdb_next_word(cm, &p, w, sizeof w);
    if (q < 0) break;
    if (tdb_word_number(w, &v[i]))
      return tdb_err_at(c, cm, q, "bad number '%s' in ELEMENT", w);
  }
  e->mass = v[0];
  e->h298 = v[1];
  e->s298 = v[2];
  c->db->nel++;
  /* every element is also a species */
  GROW(c->db->sp, c->db->nsp, c->sp_cap);
  tdb_species *s = &c->db->sp[c->db->nsp++];
  memset(s, 0, sizeof *s);
  snprintf(s->name, sizeof s->name, "%s", e->name);
  s->nel = 1;
  s->el[0] = c->db->nel - 1;
  s->st[0] = 1;
  s->line = cm->line[pos];
  return 0;
}

static int cmd_species(tdb_ctx *c, tdb_cmd *cm, int p) {
  char name[TM_NAME], f[128];
  int pos = tdb_next_word(cm, &p, name, sizeof name);
  int fpos = tdb_next_word(cm, &p, f, sizeof f);
  if (pos < 0 || fpos < 0)
    return tdb_err_at(c, cm, p, "SPECIES needs a name and a formula%s", "");
  tdb_upcase(name);
  tdb_upcase(f);
  if (find_species(c->db, name) >= 0) return 0; /* repeated: keep first */
  GROW(c->db->sp, c->db->nsp, c->sp_cap);
  tdb_species *s = &c->db->sp[c->db->nsp];
  memset(s, 0, sizeof *s);
  snprintf(s->name, sizeof s->name, "%s", name);
  s->line = cm->line[pos];
  const char *q = f;
  while (*q && *q != '/') {
    int e = -1, len = 0;
    for (int l = 2; l >= 1 && e < 0; l--) {
      char sym[3] = {0};
      if ((int)strlen(q) < l) continue;
      memcpy(sym, q, (size_t)l);
      if (!isalpha((unsigned char)sym[0])) continue;
      e = find_element(c->db, sym);
      if (e >= 0) len = l;
    }
    if (e < 0)
      return tdb_err_at(c, cm, fpos, "unknown element in species formula '%s'",
                        f);
    q += len;
    double n = 1;
    if (isdigit((unsigned char)*q) || *q == '.') {
      char *end;
      n = strtod(q, &end);
      q = end;
    }
    if (s->nel >= 12)
      return tdb_err_at(c, cm, fpos, "species formula too long '%s'", f);
    s->el[s->nel] = e;
    s->st[s->nel] = n;
    s->nel++;
  }
  if (*q == '/') s->charge = strtod(q + 1, NULL);
  c->db->nsp++;
  return 0;
}

static int cmd_function(tdb_ctx *c, int ci, int p) {
  tdb_cmd *cm = &c->cmd[ci];
  char name[TM_NAME];
  int pos = tdb_next_word(cm, &p, name, sizeof name);
  if (pos < 0) return tdb_err_at(c, cm, p, "FUNCTION needs a name%s", "");
  tdb_upcase(name);
  if (tdb_find_function(c->db, name) >= 0) return 0; /* first definition wins */
  GROW(c->db->fn, c->db->nfn, c->fn_cap);
  tdb_function *f = &c->db->fn[c->db->nfn++];
  memset(f, 0, sizeof *f);
  snprintf(f->name, sizeof f->name, "%s", name);
  f->cmd = ci;
  f->body = p;
  return 0;
}

static int cmd_typedef(tdb_ctx *c, tdb_cmd *cm, int p) {
  char w[TM_NAME];
  int pos = tdb_next_word(cm, &p, w, sizeof w);
  if (pos < 0)
    return tdb_err_at(c, cm, p, "TYPE_DEFINITION needs a code%s", "");
  GROW(c->db->ty, c->db->nty, c->ty_cap);
  tdb_typedef *t = &c->db->ty[c->db->nty];
  memset(t, 0, sizeof *t);
  t->code = w[0];
  char ges[TM_NAME], apd[TM_NAME], ph[TM_NAME], kind[TM_NAME] = "";
  if (tdb_next_word(cm, &p, ges, sizeof ges) < 0 || !tdb_ieq(ges, "GES")) {
    c->db->nty++;
    return 0; /* SEQ and other kinds carry no model information */
  }
  if (tdb_next_word(cm, &p, apd, sizeof apd) < 0 ||
      tdb_next_word(cm, &p, ph, sizeof ph) < 0) {
    c->db->nty++;
    return 0;
  }
  int kpos = tdb_next_word(cm, &p, kind, sizeof kind);
  tdb_upcase(kind);
  if (kpos >= 0 && tdb_kw_match(kind, "MAGNETIC")) {
    double v[2];
    for (int i = 0; i < 2; i++) {
      int q = tdb_next_word(cm, &p, w, sizeof w);
      if (q < 0 || tdb_word_number(w, &v[i]))
        return tdb_err_at(c, cm, q < 0 ? p : q,
                          "MAGNETIC needs the AFM factor and p%s", "");
    }
    t->magnetic = 1;
    t->afm = v[0];
    t->p = v[1];
    if (v[1] <= 0 || v[1] > 1)
      return tdb_err_at(c, cm, kpos,
                        "magnetic structure factor p outside (0,1]%s", "");
  } else if (kpos >= 0 && (tdb_kw_match(kind, "DIS_PART") ||
                           tdb_kw_match(kind, "DISORDERED_PART"))) {
    if (tdb_next_word(cm, &p, w, sizeof w) < 0)
      return tdb_err_at(c, cm, kpos, "DIS_PART needs a phase name%s", "");
    char *comma = strchr(w, ',');
    if (comma) *comma = '\0';
    tdb_upcase(w);
    snprintf(t->dis, sizeof t->dis, "%s", w);
  }
  tdb_upcase(ph);
  /* remember the target phase in dis when magnetic, as "@name" */
  if (t->magnetic)
    snprintf(t->dis, sizeof t->dis, "@%.60s", ph);
  else if (t->dis[0]) {
    char tmp[TM_NAME];
    snprintf(tmp, sizeof tmp, "%s", t->dis);
    snprintf(t->dis, sizeof t->dis, "%.30s=%.30s", ph, tmp);
  }
  c->db->nty++;
  return 0;
}

static void strip_phase_suffix(char *name) {
  char *colon = strchr(name, ':');
  if (colon) *colon = '\0';
  tdb_upcase(name);
}

static int cmd_phase(tdb_ctx *c, tdb_cmd *cm, int p) {
  /* MatCalc-style comments: everything after '>' is ignored */
  for (int i = p; i < cm->len; i++)
    if (cm->s[i] == '>') {
      cm->len = i;
      cm->s[i] = '\0';
      break;
    }
  char name[TM_NAME], w[TM_NAME];
  int pos = tdb_next_word(cm, &p, name, sizeof name);
  if (pos < 0) return tdb_err_at(c, cm, p, "PHASE needs a name%s", "");
  strip_phase_suffix(name);
  if (tm_tdb_find_phase(c->db, name) >= 0)
    return tdb_err_at(c, cm, pos, "phase '%s' defined twice", name);
  GROW(c->db->ph, c->db->nph, c->ph_cap);
  tdb_phase *ph = &c->db->ph[c->db->nph];
  memset(ph, 0, sizeof *ph);
  snprintf(ph->name, sizeof ph->name, "%s", name);
  ph->line = cm->line[pos];
  int q = tdb_next_word(cm, &p, w, sizeof w);
  if (q < 0) return tdb_err_at(c, cm, p, "PHASE needs type codes%s", "");
  snprintf(ph->types, sizeof ph->types, "%.15s", w);
  double ns;
  q = tdb_next_word(cm, &p, w, sizeof w);
  if (q < 0 || tdb_word_number(w, &ns) || ns != floor(ns) || ns < 1 ||
      ns > TM_MAXSUB)
    return tdb_err_at(c, cm, q < 0 ? p : q,
                      "PHASE needs a number of sublattices from 1 to 10%s", "");
  ph->nsub = (int)ns;
  for (int s = 0; s < ph->nsub; s++) {
    q = tdb_next_word(cm, &p, w, sizeof w);
    if (q < 0 || tdb_word_number(w, &ph->ratio[s]) || !(ph->ratio[s] > 0))
      return tdb_err_at(
          c, cm, q < 0 ? p : q,
          "PHASE needs a positive site ratio for each sublattice%s", "");
  }
  c->db->nph++;
  return 0;
}

/* Append v to list (n used, cap allocated). -1 when out of memory (list is
 * then unchanged). */
static int push_int(int **list, int *n, int *cap, int v) {
  if (*n == *cap) {
    int nc = *cap ? 2 * *cap : 8;
    int *nl = realloc(*list, (size_t)nc * sizeof *nl);
    if (!nl) return -1;
    *list = nl;
    *cap = nc;
  }
  (*list)[(*n)++] = v;
  return 0;
}

static int cmd_constituent(tdb_ctx *c, tdb_cmd *cm, int p) {
  char name[TM_NAME];
  tdb_skip_ws(cm, &p);
  int pos = p, k = 0;
  while (p < cm->len && cm->s[p] != ' ' && cm->s[p] != ':') {
    if (k < TM_NAME - 1) name[k++] = cm->s[p];
    p++;
  }
  /* "LIQUID:L :AL,..." : a one-letter suffix after the name */
  if (p + 2 < cm->len && cm->s[p] == ':' &&
      isalpha((unsigned char)cm->s[p + 1]) &&
      (cm->s[p + 2] == ' ' || cm->s[p + 2] == ':'))
    p += 2;
  name[k] = '\0';
  strip_phase_suffix(name);
  int ph = tm_tdb_find_phase(c->db, name);
  if (ph < 0)
    return tdb_err_at(c, cm, pos, "CONSTITUENT for undefined phase '%s'", name);
  tdb_phase *P = &c->db->ph[ph];
  if (P->has_cons)
    return tdb_err_at(c, cm, pos, "constituents of '%s' given twice", name);
  tdb_skip_ws(cm, &p);
  if (p >= cm->len || cm->s[p] != ':')
    return tdb_err_at(c, cm, p, "expected ':' before the constituents%s", "");
  p++;
  for (int s = 0; s < P->nsub; s++) {
    int n = 0, cap = 0;
    int *list = NULL;
    for (;;) {
      tdb_skip_ws(cm, &p);
      char sp[TM_NAME];
      int spos = p, m = 0;
      while (p < cm->len && cm->s[p] != ',' && cm->s[p] != ':' &&
             cm->s[p] != ' ') {
        if (m < TM_NAME - 1) sp[m++] = cm->s[p];
        p++;
      }
      sp[m] = '\0';
      while (m > 0 && (sp[m - 1] == '%' || sp[m - 1] == '#')) sp[--m] = '\0';
      tdb_upcase(sp);
      tdb_skip_ws(cm, &p);
      if (!m) {
        free(list);
        return tdb_err_at(c, cm, spos, "expected a constituent name%s", "");
      }
      int si = find_species(c->db, sp);
      if (si < 0) {
        free(list);
        return tdb_err_at(c, cm, spos, "unknown species '%s'", sp);
      }
      if (push_int(&list, &n, &cap, si)) {
        free(list);
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      }
      if (p < cm->len && cm->s[p] == ',') {
        p++;
        continue;
      }
      if (p < cm->len && cm->s[p] == ':') {
        p++;
        break;
      }
      free(list);
      return tdb_err_at(c, cm, p, "expected ',' or ':' in constituents of '%s'",
                        name);
    }
    P->cons[s] = list;
    P->ncons[s] = n;
  }
  tdb_skip_ws(cm, &p);
  if (p < cm->len)
    return tdb_err_at(c, cm, p, "more sublattices than phase '%s' has", name);
  P->has_cons = 1;
  return 0;
}

/* The text "file:line:col: message" of an error at character pos of cm
 * (fmt has one %s, filled with a), for a parameter kept as unresolved;
 * malloc'ed, NULL when out of memory. */
static char *bad_at(const mge_tdb *db, const tdb_cmd *cm, int pos,
                    const char *fmt, const char *a) {
  char msg[300];
  snprintf(msg, sizeof msg, fmt, a);
  mge_error e;
  mge_error_clear(&e);
  mge_error_set_at(&e, MGE_E_INPUT, db->source, cm->line[pos], cm->col[pos],
                   "%s", msg);
  return tdb_error_text(&e);
}

static int cmd_parameter(tdb_ctx *c, int ci, int p) {
  tdb_cmd *cm = &c->cmd[ci];
  tdb_skip_ws(cm, &p);
  int pos = p;
  char type[16];
  int k = 0;
  while (p < cm->len && cm->s[p] != '(' && cm->s[p] != ' ') {
    if (k < 15) type[k++] = cm->s[p];
    p++;
  }
  type[k] = '\0';
  tdb_upcase(type);
  tdb_skip_ws(cm, &p);
  if (p >= cm->len || cm->s[p] != '(')
    return tdb_err_at(c, cm, p, "expected '(' after parameter type%s", "");
  p++;
  char phname[TM_NAME];
  tdb_skip_ws(cm, &p);
  int phpos = p;
  k = 0;
  while (p < cm->len && cm->s[p] != ',' && cm->s[p] != '&' && cm->s[p] != ')' &&
         cm->s[p] != ' ') {
    if (k < TM_NAME - 1) phname[k++] = cm->s[p];
    p++;
  }
  phname[k] = '\0';
  strip_phase_suffix(phname);
  int ph = tm_tdb_find_phase(c->db, phname);
  if (ph < 0) { /* kept as unresolved: it can never be used */
    GROW(c->db->par, c->db->npar, c->par_cap);
    tdb_param *bp = &c->db->par[c->db->npar];
    memset(bp, 0, sizeof *bp);
    bp->phase = -1;
    bp->kind = TP_OTHER;
    bp->line = cm->line[pos];
    bp->col = cm->col[pos];
    bp->bad =
        bad_at(c->db, cm, phpos, "parameter for undefined phase '%s'", phname);
    if (!bp->bad) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    c->par_cmd[c->db->npar] = ci;
    c->par_body[c->db->npar] = p;
    c->db->npar++;
    return 0;
  }
  if (p < cm->len && cm->s[p] == '&') { /* mobility species: skip */
    while (p < cm->len && cm->s[p] != ',' && cm->s[p] != ')') p++;
  }
  tdb_skip_ws(cm, &p);
  if (p >= cm->len || cm->s[p] != ',')
    return tdb_err_at(c, cm, p, "expected ',' after the phase name%s", "");
  p++;
  GROW(c->db->par, c->db->npar, c->par_cap);
  tdb_param *par = &c->db->par[c->db->npar];
  memset(par, 0, sizeof *par);
  par->phase = ph;
  par->line = cm->line[pos];
  par->col = cm->col[pos];
  snprintf(par->type, sizeof par->type, "%.15s", type);
  if (!strcmp(type, "G") || !strcmp(type, "L"))
    par->kind = TP_G;
  else if (!strcmp(type, "TC"))
    par->kind = TP_TC;
  else if (!strcmp(type, "BMAGN") || !strcmp(type, "BM"))
    par->kind = TP_BM;
  else
    par->kind = TP_OTHER;
  int cap = 0, n = 0, s = 0, rc = 0;
  int *list = NULL;
  for (;;) {
    tdb_skip_ws(cm, &p);
    char sp[TM_NAME];
    int spos = p, m = 0;
    while (p < cm->len && !strchr(",:;) ", cm->s[p])) {
      if (m < TM_NAME - 1) sp[m++] = cm->s[p];
      p++;
    }
    sp[m] = '\0';
    tdb_upcase(sp);
    tdb_skip_ws(cm, &p);
    if (!m) {
      rc = tdb_err_at(c, cm, spos, "expected a constituent in parameter%s", "");
      goto fail;
    }
    int wild = !strcmp(sp, "*");
    int si = wild ? -1 : find_species(c->db, sp);
    if (si < 0 && !wild) si = -2; /* unknown species */
    if (si == -2 && !par->bad) {
      par->bad =
          bad_at(c->db, cm, spos, "unknown species '%s' in parameter", sp);
      if (!par->bad) goto nomem;
    }
    if (push_int(&list, &n, &cap, si)) goto nomem;
    par->ncons[s]++;
    if (p >= cm->len) {
      rc = tdb_err_at(c, cm, p, "unterminated parameter name%s", "");
      goto fail;
    }
    char d = cm->s[p++];
    if (d == ',') continue;
    if (d == ':') {
      if (++s >= TM_MAXSUB) {
        rc = tdb_err_at(c, cm, p, "too many sublattices in parameter%s", "");
        goto fail;
      }
      continue;
    }
    if (d == ';' || d == ')') {
      s++;
      double ord = 0;
      if (d == ';') {
        tdb_skip_ws(cm, &p);
        int opos = p;
        if (tdb_scan_number(cm, &p, &ord) || ord != floor(ord) || ord < 0 ||
            ord > 20) {
          rc = tdb_err_at(c, cm, opos, "bad parameter order%s", "");
          goto fail;
        }
        tdb_skip_ws(cm, &p);
        if (p >= cm->len || cm->s[p] != ')') {
          rc = tdb_err_at(c, cm, p, "expected ')'%s", "");
          goto fail;
        }
        p++;
      }
      par->order = (int)ord;
      break;
    }
    rc = tdb_err_at(c, cm, p - 1, "unexpected character in parameter name%s",
                    "");
    goto fail;
  }
  par->nsub = s;
  if (par->kind != TP_OTHER && c->db->ph[ph].nsub != s) {
    rc = tdb_err_at(c, cm, phpos,
                    "parameter has a different number of sublattices than "
                    "phase '%s'",
                    phname);
    goto fail;
  }
  par->cons = list;
  /* the body is compiled in pass 2 */
  c->par_cmd[c->db->npar] = ci;
  c->par_body[c->db->npar] = p;
  c->db->npar++;
  return 0;
nomem:
  rc = mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
fail:
  free(list);
  free(par->bad);
  par->bad = NULL;
  return rc;
}

static int add_ref(tdb_ctx *c, const char *key, char *text) {
  if (c->db->nref >= c->ref_cap) {
    int nc = c->ref_cap ? 2 * c->ref_cap : 16;
    tdb_ref *nr = realloc(c->db->ref, (size_t)nc * sizeof *nr);
    if (!nr) {
      free(text);
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    }
    c->db->ref = nr;
    c->ref_cap = nc;
  }
  snprintf(c->db->ref[c->db->nref].key, 32, "%.31s", key);
  c->db->ref[c->db->nref].text = text;
  c->db->nref++;
  return 0;
}

/* Reference lists without quotes: one reference per line, key first. */
static int refs_by_line(tdb_ctx *c, tdb_cmd *cm, int p) {
  while (p < cm->len) {
    int e = p;
    while (e < cm->len && cm->s[e] != '\n') e++;
    int q = p;
    while (q < e && cm->s[q] == ' ') q++;
    if (q < e) {
      char key[32];
      int k = 0;
      while (q < e && cm->s[q] != ' ') {
        if (k < 31) key[k++] = cm->s[q];
        q++;
      }
      key[k] = '\0';
      while (q < e && cm->s[q] == ' ') q++;
      int len = e - q;
      char *text = malloc((size_t)len + 1);
      if (!text) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      memcpy(text, cm->s + q, (size_t)len);
      while (len > 0 && text[len - 1] == ' ') len--;
      text[len] = '\0';
      int rc = add_ref(c, key, text);
      if (rc) return rc;
    }
    p = e + 1;
  }
  return 0;
}

static int cmd_refs(tdb_ctx *c, tdb_cmd *cm, int p) {
  if (!memchr(cm->s + p, '\'', (size_t)(cm->len - p)))
    return refs_by_line(c, cm, p);
  for (int i = p; i < cm->len; i++)
    if (cm->s[i] == '\n') cm->s[i] = ' ';
  for (;;) {
    char key[32];
    int pos = tdb_next_word(cm, &p, key, sizeof key);
    if (pos < 0) return 0;
    tdb_skip_ws(cm, &p);
    char *text = NULL;
    if (p < cm->len && cm->s[p] == '\'') {
      int q = ++p;
      while (p < cm->len && cm->s[p] != '\'') p++;
      int len = p - q;
      text = malloc((size_t)len + 1);
      if (!text) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      /* collapse runs of spaces (line breaks in the file) */
      int m = 0;
      for (int i = 0; i < len; i++) {
        char ch = cm->s[q + i];
        if (ch == ' ' && m > 0 && text[m - 1] == ' ') continue;
        text[m++] = ch;
      }
      text[m] = '\0';
      if (p < cm->len) p++;
    } else {
      text = malloc(1);
      if (!text) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      text[0] = '\0';
    }
    int rc = add_ref(c, key, text);
    if (rc) return rc;
  }
}

static int cmd_info(tdb_ctx *c, tdb_cmd *cm, int p) {
  tdb_skip_ws(cm, &p);
  int len = cm->len - p;
  char *t = malloc((size_t)len + 1);
  if (!t) return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  int m = 0;
  for (int i = 0; i < len; i++) {
    char ch = cm->s[p + i];
    if (ch == '\'') ch = '\n';
    if (ch == ' ' && m > 0 && (t[m - 1] == ' ' || t[m - 1] == '\n')) continue;
    t[m++] = ch;
  }
  while (m > 0 && t[m - 1] == ' ') m--;
  t[m] = '\0';
  free(c->db->info);
  c->db->info = t;
  return 0;
}

static const char *const ignored[] = {
    "DEFINE_SYSTEM_DEFAULT", "DEFAULT_COMMAND", "TEMPERATURE_LIMITS",
    "VERSION_DATE",          "VERSION_DATA",    "DEFINE_ELEMENTS",
    "ASSESSED_SYSTEMS",      "REFERENCE_FILE",  "DIFFUSION",
    "ZERO_VOLUME_SPECIES",   "TABLE",           "OPTIONS",
    "DATABASE_OPTION",       "FTP_FILE",        NULL};

/* Apply type definitions to phases: a magnetic GES A_P_D definition
 * applies to every phase that lists its code (as pycalphad does); a
 * DIS_PART definition applies to the phase it names, when that phase lists
 * the code. */
static int apply_typedefs(tdb_ctx *c) {
  mge_tdb *db = c->db;
  for (int i = 0; i < db->nph; i++) {
    tdb_phase *ph = &db->ph[i];
    for (const char *t = ph->types; *t; t++)
      for (int j = 0; j < db->nty; j++) {
        tdb_typedef *ty = &db->ty[j];
        if (ty->code != *t) continue;
        if (ty->magnetic) {
          ph->magnetic = 1;
          ph->afm = ty->afm;
          ph->pmag = ty->p;
        } else if (!ty->magnetic && ty->dis[0]) {
          const char *eq = strchr(ty->dis, '=');
          if (!eq) continue;
          char target[TM_NAME];
          snprintf(target, sizeof target, "%.*s", (int)(eq - ty->dis), ty->dis);
          if (tdb_ieq(target, ph->name) && !tdb_ieq(eq + 1, ph->name))
            snprintf(ph->dis, sizeof ph->dis, "%s", eq + 1);
        }
      }
  }
  for (int i = 0; i < db->nph; i++) {
    tdb_phase *ph = &db->ph[i];
    if (ph->dis[0]) {
      int d = tm_tdb_find_phase(db, ph->dis);
      if (d < 0)
        return mge_error_set_at(c->err, MGE_E_INPUT, db->source, ph->line, 1,
                                "disordered part '%s' of phase '%s' is not "
                                "defined",
                                ph->dis, ph->name);
    }
  }
  return 0;
}

static void ctx_free_cmds(tdb_ctx *c) {
  for (int i = 0; i < c->ncmd; i++) tdb_cmd_free(&c->cmd[i]);
  free(c->cmd);
  free(c->par_cmd);
  free(c->par_body);
}

static int run(tdb_ctx *c) {
  int rc = 0;
  /* counts parameters for the body position arrays */
  int npar_max = 0;
  for (int i = 0; i < c->ncmd; i++) {
    int p = 0;
    char w[40];
    if (tdb_next_word(&c->cmd[i], &p, w, sizeof w) >= 0 &&
        tdb_kw_match(w, "PARAMETER"))
      npar_max++;
  }
  c->par_cmd = malloc((size_t)(npar_max + 1) * sizeof *c->par_cmd);
  c->par_body = malloc((size_t)(npar_max + 1) * sizeof *c->par_body);
  if (!c->par_cmd || !c->par_body)
    return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  for (int i = 0; i < c->ncmd && !rc; i++) {
    tdb_cmd *cm = &c->cmd[i];
    int p = 0;
    char w[40];
    int pos = tdb_next_word(cm, &p, w, sizeof w);
    if (pos < 0) continue;
    if (tdb_kw_match(w, "ELEMENT"))
      rc = cmd_element(c, cm, p);
    else if (tdb_kw_match(w, "SPECIES"))
      rc = cmd_species(c, cm, p);
    else if (tdb_kw_match(w, "FUNCTION"))
      rc = cmd_function(c, i, p);
    else if (tdb_kw_match(w, "TYPE_DEFINITION"))
      rc = cmd_typedef(c, cm, p);
    else if (tdb_kw_match(w, "PHASE"))
      rc = cmd_phase(c, cm, p);
    else if (tdb_kw_match(w, "CONSTITUENT"))
      rc = cmd_constituent(c, cm, p);
    else if (tdb_kw_match(w, "PARAMETER"))
      rc = cmd_parameter(c, i, p);
    else if (tdb_kw_match(w, "DATABASE_INFO"))
      rc = cmd_info(c, cm, p);
    else if (tdb_is_refs_word(w))
      rc = cmd_refs(c, cm, p);
    else {
      int ok = 0;
      for (int k = 0; ignored[k]; k++)
        if (tdb_kw_match(w, ignored[k])) ok = 1;
      if (!ok) rc = tdb_err_at(c, cm, pos, "unknown command '%s'", w);
    }
  }
  if (rc) return rc;
  rc = apply_typedefs(c);
  if (rc) return rc;
  for (int i = 0; i < c->db->nph; i++)
    if (!c->db->ph[i].has_cons)
      return mge_error_set_at(
          c->err, MGE_E_INPUT, c->db->source, c->db->ph[i].line, 1,
          "phase '%s' has no CONSTITUENT command", c->db->ph[i].name);
  for (int i = 0; i < c->db->npar; i++) {
    int p = c->par_body[i];
    tdb_param *par = &c->db->par[i];
    c->depth = 0;
    c->unknown = 0;
    if (par->bad) {
      c->db->nbad++;
      if (tm_pw_const(&par->pw, 0))
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      continue;
    }
    rc = tdb_parse_piecewise(c, &c->cmd[c->par_cmd[i]], &p, &par->pw, par->ref,
                             sizeof par->ref);
    if (rc && c->unknown) {
      par->bad = tdb_error_text(c->err);
      c->db->nbad++;
      if (!par->bad || tm_pw_const(&par->pw, 0))
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
      rc = 0;
    }
    if (rc) return rc;
  }
  /* functions nobody used are still checked */
  for (int i = 0; i < c->db->nfn; i++) {
    c->depth = 0;
    c->unknown = 0;
    rc = tdb_compile_function(c, i, &c->cmd[c->db->fn[i].cmd],
                              c->db->fn[i].body);
    if (rc && c->unknown) rc = 0; /* kept as unresolved (state 3) */
    if (rc) return rc;
  }
  mge_error_clear(c->err);
  return 0;
}

int mge_tdb_parse(const char *text, size_t len, const char *source,
                  mge_tdb **out, mge_error *err) {
  *out = NULL;
  if (len > MGE_TDB_MAX_BYTES)
    return mge_error_set(err, MGE_E_LIMIT, "TDB text larger than %u bytes",
                         MGE_TDB_MAX_BYTES);
  mge_tdb *db = calloc(1, sizeof *db);
  if (!db) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  snprintf(db->source, sizeof db->source, "%s", source ? source : "<tdb>");
  tdb_ctx c;
  memset(&c, 0, sizeof c);
  c.db = db;
  c.err = err;
  int rc = tdb_split_commands(&c, text, len);
  if (!rc) rc = run(&c);
  ctx_free_cmds(&c);
  if (rc) {
    mge_tdb_free(db);
    return rc;
  }
  *out = db;
  return 0;
}

int mge_tdb_load(const char *path, mge_tdb **out, mge_error *err) {
  *out = NULL;
  char *buf;
  size_t n;
  int rc = mge_file_read_all(path, MGE_TDB_MAX_BYTES, &buf, &n, err);
  if (rc) return rc;
  rc = mge_tdb_parse(buf, n, path, out, err);
  free(buf);
  return rc;
}

void mge_tdb_free(mge_tdb *db) {
  if (!db) return;
  for (int i = 0; i < db->nfn; i++) {
    tm_pw_free(&db->fn[i].pw);
    free(db->fn[i].bad);
  }
  for (int i = 0; i < db->nph; i++)
    for (int s = 0; s < db->ph[i].nsub; s++) free(db->ph[i].cons[s]);
  for (int i = 0; i < db->npar; i++) {
    free(db->par[i].cons);
    free(db->par[i].bad);
    tm_pw_free(&db->par[i].pw);
  }
  for (int i = 0; i < db->nref; i++) free(db->ref[i].text);
  free(db->el);
  free(db->sp);
  free(db->fn);
  free(db->ty);
  free(db->ph);
  free(db->par);
  free(db->ref);
  free(db->info);
  free(db);
}

/* ------------------------------------------------------------ accessors */

int mge_tdb_n_elements(const mge_tdb *db) {
  return db->nel;
}
const char *mge_tdb_element(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nel ? db->el[i].name : NULL;
}
double mge_tdb_element_mass(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nel ? db->el[i].mass : NAN;
}
int mge_tdb_n_species(const mge_tdb *db) {
  return db->nsp;
}
int mge_tdb_n_functions(const mge_tdb *db) {
  return db->nfn;
}
int mge_tdb_n_parameters(const mge_tdb *db) {
  return db->npar;
}
int mge_tdb_n_phases(const mge_tdb *db) {
  return db->nph;
}
const char *mge_tdb_phase(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nph ? db->ph[i].name : NULL;
}
int mge_tdb_phase_index(const mge_tdb *db, const char *name) {
  char n[TM_NAME];
  snprintf(n, sizeof n, "%s", name);
  strip_phase_suffix(n);
  return tm_tdb_find_phase(db, n);
}
int mge_tdb_phase_nsub(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nph ? db->ph[i].nsub : 0;
}
double mge_tdb_phase_ratio(const mge_tdb *db, int i, int s) {
  if (i < 0 || i >= db->nph || s < 0 || s >= db->ph[i].nsub) return NAN;
  return db->ph[i].ratio[s];
}
int mge_tdb_phase_ncons(const mge_tdb *db, int i, int s) {
  if (i < 0 || i >= db->nph || s < 0 || s >= db->ph[i].nsub) return 0;
  return db->ph[i].ncons[s];
}
const char *mge_tdb_phase_cons(const mge_tdb *db, int i, int s, int k) {
  if (i < 0 || i >= db->nph || s < 0 || s >= db->ph[i].nsub || k < 0 ||
      k >= db->ph[i].ncons[s])
    return NULL;
  return db->sp[db->ph[i].cons[s][k]].name;
}
int mge_tdb_phase_magnetic(const mge_tdb *db, int i, double *afm, double *p) {
  if (i < 0 || i >= db->nph || !db->ph[i].magnetic) return 0;
  if (afm) *afm = db->ph[i].afm;
  if (p) *p = db->ph[i].pmag;
  return 1;
}
const char *mge_tdb_phase_disordered(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nph ? db->ph[i].dis : "";
}
const char *mge_tdb_info(const mge_tdb *db) {
  return db->info ? db->info : "";
}
int mge_tdb_n_refs(const mge_tdb *db) {
  return db->nref;
}
int mge_tdb_n_unresolved(const mge_tdb *db) {
  return db->nbad;
}
const char *mge_tdb_unresolved(const mge_tdb *db, int i) {
  for (int k = 0; k < db->npar; k++)
    if (db->par[k].bad && i-- == 0) return db->par[k].bad;
  return NULL;
}
const char *mge_tdb_ref_key(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nref ? db->ref[i].key : NULL;
}
const char *mge_tdb_ref_text(const mge_tdb *db, int i) {
  return i >= 0 && i < db->nref ? db->ref[i].text : NULL;
}
