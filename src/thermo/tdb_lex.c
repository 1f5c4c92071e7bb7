/* TDB reader, lexing: the file is split into commands terminated by '!'
 * ('$' starts a comment to the end of the line; quotes protect text in
 * LIST_OF_REFERENCES). Each command keeps the line and column of every
 * character so that errors name file:line:column. Then the scanners of
 * words and numbers within a command. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thermo/tdb_internal.h"

int tdb_err_at(tdb_ctx *c, const tdb_cmd *cm, int pos, const char *fmt,
               const char *a) {
  int line = 0, col = 0;
  if (cm && cm->len > 0) {
    if (pos >= cm->len) pos = cm->len - 1;
    if (pos < 0) pos = 0;
    line = cm->line[pos];
    col = cm->col[pos];
  }
  char msg[300];
  snprintf(msg, sizeof msg, fmt, a ? a : "");
  return mge_error_set_at(c->err, MGE_E_INPUT, c->db->source, line, col, "%s",
                          msg);
}

char *tdb_error_text(const mge_error *e) {
  char buf[MGE_ERROR_MSG_MAX + MGE_ERROR_SOURCE_MAX + 40];
  return strdup(mge_error_format(e, buf, sizeof buf));
}

void tdb_upcase(char *s) {
  for (; *s; s++) *s = (char)toupper((unsigned char)*s);
}

/* ------------------------------------------------------------- splitting */

static int cmd_push(tdb_ctx *c, tdb_cmd *cur, int *cap, char ch, int line,
                    int col) {
  if (cur->len + 2 > *cap) {
    int nc = *cap ? 2 * *cap : 256;
    char *s = realloc(cur->s, (size_t)nc);
    if (!s) return -1;
    cur->s = s;
    int *l = realloc(cur->line, (size_t)nc * sizeof *l);
    if (!l) return -1;
    cur->line = l;
    int *k = realloc(cur->col, (size_t)nc * sizeof *k);
    if (!k) return -1;
    cur->col = k;
    *cap = nc;
  }
  cur->s[cur->len] = ch;
  cur->line[cur->len] = line;
  cur->col[cur->len] = col;
  cur->len++;
  cur->s[cur->len] = '\0';
  return 0;
}

/* Keyword abbreviation: every '_'/'-' separated part of w is a prefix of the
 * corresponding part of kw. */
int tdb_kw_match(const char *w, const char *kw) {
  while (*w) {
    const char *kp = kw;
    while (*w && *w != '_' && *w != '-') {
      if (!*kp || *kp == '_') return 0;
      if (toupper((unsigned char)*w) != *kp) return 0;
      w++;
      kp++;
    }
    while (*kp && *kp != '_') kp++;
    if (*w) {
      w++;
      if (!*kp) return 0;
      kp++;
    }
    kw = kp;
  }
  return 1;
}

int tdb_is_refs_word(const char *w) {
  return tdb_kw_match(w, "LIST_OF_REFERENCES") ||
         tdb_kw_match(w, "ADD_REFERENCES");
}

void tdb_cmd_free(tdb_cmd *cm) {
  free(cm->s);
  free(cm->line);
  free(cm->col);
}

/* 1 if the command has any non-space text. */
static int cmd_any(const tdb_cmd *cm) {
  for (int k = 0; k < cm->len; k++)
    if (cm->s[k] != ' ') return 1;
  return 0;
}

int tdb_split_commands(tdb_ctx *c, const char *text, size_t n) {
  tdb_cmd cur = {0};
  int cap = 0, line = 1, col = 0;
  int comment = 0, quote = 0, refs = -1; /* refs: -1 unknown, 0 no, 1 yes */
  char first[40];
  int nfirst = 0, first_done = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)text[i];
    if (ch == '\n') {
      line++;
      col = 0;
      comment = 0;
    } else {
      col++;
    }
    if (comment) continue;
    if (ch == '$' && !quote) {
      comment = 1;
      continue;
    }
    if (ch == '!' && !quote) {
      /* end of command: keep it if it has any non-space text */
      if (cmd_any(&cur)) {
        GROW(c->cmd, c->ncmd, c->capcmd);
        c->cmd[c->ncmd++] = cur;
      } else {
        tdb_cmd_free(&cur);
      }
      memset(&cur, 0, sizeof cur);
      cap = 0;
      nfirst = first_done = 0;
      refs = -1;
      quote = 0;
      continue;
    }
    char put = (ch < 32 || ch == 127) ? ' ' : (char)ch;
    if (ch == '\n' && refs == 1) put = '\n';
    if (!first_done) {
      if (put != ' ') {
        if (nfirst < (int)sizeof first - 1) first[nfirst++] = put;
      } else if (nfirst > 0) {
        first[nfirst] = '\0';
        first_done = 1;
        refs = tdb_is_refs_word(first);
      }
    }
    if (refs == 1 && ch == '\'') quote = !quote;
    if (cmd_push(c, &cur, &cap, put, line, col))
      return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
  }
  int any = cmd_any(&cur);
  if (any && refs == 1) { /* a reference list may run to the end of file */
    GROW(c->cmd, c->ncmd, c->capcmd);
    c->cmd[c->ncmd++] = cur;
    return 0;
  }
  if (any) {
    int p = 0;
    while (cur.s[p] == ' ' || cur.s[p] == '\n') p++;
    int r = mge_error_set_at(c->err, MGE_E_INPUT, c->db->source, cur.line[p],
                             cur.col[p],
                             "command not terminated by '!' at end of file");
    tdb_cmd_free(&cur);
    return r;
  }
  tdb_cmd_free(&cur);
  return 0;
}

/* ------------------------------------------------------------ scanning */

void tdb_skip_ws(const tdb_cmd *cm, int *p) {
  while (*p < cm->len && (cm->s[*p] == ' ' || cm->s[*p] == '\n')) (*p)++;
}

/* Next whitespace-delimited word into w (capacity cap). Returns its start
 * or -1 at end. */
int tdb_next_word(const tdb_cmd *cm, int *p, char *w, int cap) {
  tdb_skip_ws(cm, p);
  if (*p >= cm->len) return -1;
  int start = *p, k = 0;
  while (*p < cm->len && cm->s[*p] != ' ' && cm->s[*p] != '\n') {
    if (k < cap - 1) w[k++] = cm->s[*p];
    (*p)++;
  }
  w[k] = '\0';
  return start;
}

int tdb_scan_number(const tdb_cmd *cm, int *p, double *v) {
  int q = *p;
  const char *s = cm->s;
  if (q < cm->len && (s[q] == '+' || s[q] == '-')) q++;
  int digits = 0;
  while (q < cm->len && isdigit((unsigned char)s[q])) q++, digits++;
  if (q < cm->len && s[q] == '.') {
    q++;
    while (q < cm->len && isdigit((unsigned char)s[q])) q++, digits++;
  }
  if (!digits) return -1;
  if (q < cm->len &&
      (s[q] == 'E' || s[q] == 'e' || s[q] == 'D' || s[q] == 'd')) {
    int r = q + 1;
    if (r < cm->len && (s[r] == '+' || s[r] == '-')) r++;
    if (r < cm->len && isdigit((unsigned char)s[r])) {
      while (r < cm->len && isdigit((unsigned char)s[r])) r++;
      q = r;
    }
  }
  char buf[64];
  int n = q - *p;
  if (n >= (int)sizeof buf) return -1;
  memcpy(buf, s + *p, (size_t)n);
  buf[n] = '\0';
  for (int i = 0; i < n; i++)
    if (buf[i] == 'D' || buf[i] == 'd') buf[i] = 'E';
  *v = strtod(buf, NULL);
  if (!isfinite(*v)) return -1;
  *p = q;
  return 0;
}

int tdb_word_number(const char *w, double *v) {
  char *end;
  if (!*w || !(isdigit((unsigned char)*w) || strchr("+-.", *w))) return -1;
  *v = strtod(w, &end);
  if (*end == ',') end++; /* "0.400," */
  if (*end || !isfinite(*v)) return -1;
  return 0;
}
