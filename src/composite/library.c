/* The lamina library: built-in table (generated from data/composites/
 * laminae.csv) and a reader for user CSV files of the same layout. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "composite/internal.h"
#include "composite/laminae_table.h"

const mge_lamina *mge_lamina_builtin(size_t *n_out) {
  if (n_out) *n_out = sizeof builtin_laminae / sizeof builtin_laminae[0];
  return builtin_laminae;
}

const mge_lamina *mge_lamina_find(const char *name, const mge_lamina *user,
                                  size_t n_user) {
  if (!name) return NULL;
  for (size_t i = 0; i < n_user; i++)
    if (cmp_name_eq(name, user[i].name)) return &user[i];
  size_t n;
  const mge_lamina *b = mge_lamina_builtin(&n);
  for (size_t i = 0; i < n; i++)
    if (cmp_name_eq(name, b[i].name)) return &b[i];
  return NULL;
}

/* CSV column -> field offset and scale to SI. */
typedef struct col_def {
  const char *name;
  size_t off;
  double scale;
} col_def;

#define F(field) offsetof(mge_lamina, field)
static const col_def col_defs[] = {
    {"E1_GPa", F(E1_Pa), 1e9},
    {"E2_GPa", F(E2_Pa), 1e9},
    {"G12_GPa", F(G12_Pa), 1e9},
    {"nu12", F(nu12), 1},
    {"nu23", F(nu23), 1},
    {"Xt_MPa", F(Xt_Pa), 1e6},
    {"Xc_MPa", F(Xc_Pa), 1e6},
    {"Yt_MPa", F(Yt_Pa), 1e6},
    {"Yc_MPa", F(Yc_Pa), 1e6},
    {"S12_MPa", F(S12_Pa), 1e6},
    {"S23_MPa", F(S23_Pa), 1e6},
    {"eps1t_pct", F(eps1t), 1e-2},
    {"eps1c_pct", F(eps1c), 1e-2},
    {"eps2t_pct", F(eps2t), 1e-2},
    {"eps2c_pct", F(eps2c), 1e-2},
    {"gamma12u_pct", F(gamma12u), 1e-2},
    {"alpha1_1e-6K", F(alpha1_per_K), 1e-6},
    {"alpha2_1e-6K", F(alpha2_per_K), 1e-6},
    {"beta1", F(beta1), 1},
    {"beta2", F(beta2), 1},
    {"density_kg_m3", F(rho_kg_m3), 1},
    {"Vf", F(Vf), 1},
    {"t_ply_mm", F(t_ply_m), 1e-3},
    {"cost_USD_kg", F(cost_USD_kg), 1},
    {"puck_p12t", F(puck_p12t), 1},
    {"puck_p12c", F(puck_p12c), 1},
    {"puck_p22c", F(puck_p22c), 1},
};
#undef F

#define MAX_COLS 64
#define MAX_FIELD 512
#define MAX_ROWS 10000

/* Split one CSV line (RFC 4180 quoting) into fields; returns the count or
 * -1 with *bad_col set on an unterminated quote / overlong field. */
static int split(const char *line, char f[][MAX_FIELD], int *fcol, int max,
                 int *bad_col) {
  int n = 0;
  const char *p = line;
  for (;;) {
    if (n >= max) {
      *bad_col = (int)(p - line) + 1;
      return -1;
    }
    fcol[n] = (int)(p - line) + 1;
    size_t k = 0;
    if (*p == '"') {
      p++;
      for (;;) {
        if (*p == 0) {
          *bad_col = fcol[n];
          return -1;
        }
        if (*p == '"' && p[1] == '"') {
          p += 2;
          if (k < MAX_FIELD - 1) f[n][k++] = '"';
          continue;
        }
        if (*p == '"') {
          p++;
          break;
        }
        if (k >= MAX_FIELD - 1) {
          *bad_col = fcol[n];
          return -1;
        }
        f[n][k++] = *p++;
      }
    } else {
      while (*p && *p != ',') {
        if (k >= MAX_FIELD - 1) {
          *bad_col = fcol[n];
          return -1;
        }
        f[n][k++] = *p++;
      }
    }
    f[n][k] = 0;
    n++;
    if (*p == ',') {
      p++;
      continue;
    }
    if (*p == 0) return n;
    *bad_col = (int)(p - line) + 1; /* text after a closing quote */
    return -1;
  }
}

static void trim(char *s) {
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
  size_t i = 0;
  while (isspace((unsigned char)s[i])) i++;
  if (i) memmove(s, s + i, n - i + 1);
}

int mge_lamina_read_csv(const char *path, mge_lamina **out, size_t *n_out,
                        mge_error *err) {
  *out = NULL;
  *n_out = 0;
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  char(*fld)[MAX_FIELD] = malloc(sizeof(char[MAX_COLS][MAX_FIELD]));
  char *line = malloc(65536);
  int map[MAX_COLS], fcol[MAX_COLS], ncol = 0, name_col = -1, lineno = 0;
  mge_lamina *v = NULL;
  size_t nv = 0, capv = 0;
  int rc = MGE_OK;
  if (!fld || !line) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto done;
  }
  while (fgets(line, 65536, fp)) {
    lineno++;
    size_t L = strlen(line);
    if (L == 65535 && line[L - 1] != '\n') {
      rc = mge_error_set_at(err, MGE_E_LIMIT, path, lineno, 1,
                            "line longer than 65535 bytes");
      goto done;
    }
    while (L && (line[L - 1] == '\n' || line[L - 1] == '\r')) line[--L] = 0;
    if (memchr(line, 0, L) != NULL && strlen(line) != L) {
      rc = mge_error_set_at(err, MGE_E_INPUT, path, lineno, 1, "NUL byte");
      goto done;
    }
    const char *q = line;
    while (*q == ' ' || *q == '\t') q++;
    if (*q == '#' || *q == 0) continue;
    int bad = 0;
    int n = split(line, fld, fcol, MAX_COLS, &bad);
    if (n < 0) {
      rc = mge_error_set_at(err, MGE_E_INPUT, path, lineno, bad,
                            "malformed CSV field (quote or length)");
      goto done;
    }
    for (int i = 0; i < n; i++) trim(fld[i]);
    if (ncol == 0) { /* header */
      ncol = n;
      for (int i = 0; i < n; i++) {
        map[i] = -1;
        if (strcmp(fld[i], "name") == 0) name_col = i, map[i] = -2;
        for (size_t c = 0; c < sizeof col_defs / sizeof col_defs[0]; c++)
          if (strcmp(fld[i], col_defs[c].name) == 0) map[i] = (int)c;
        if (strcmp(fld[i], "source") == 0) map[i] = -3;
      }
      const char *req[] = {"name", "E1_GPa", "E2_GPa", "G12_GPa", "nu12"};
      for (size_t r = 0; r < 5; r++) {
        int found = 0;
        for (int i = 0; i < n; i++) found |= strcmp(fld[i], req[r]) == 0;
        if (!found) {
          rc = mge_error_set_at(err, MGE_E_INPUT, path, lineno, 1,
                                "header lacks the column '%s'", req[r]);
          goto done;
        }
      }
      continue;
    }
    if (n != ncol) {
      rc = mge_error_set_at(err, MGE_E_INPUT, path, lineno, 1,
                            "%d fields, the header has %d", n, ncol);
      goto done;
    }
    if (nv >= MAX_ROWS) {
      rc = mge_error_set_at(err, MGE_E_LIMIT, path, lineno, 1,
                            "more than %d materials", MAX_ROWS);
      goto done;
    }
    if (nv == capv) {
      size_t nc = capv ? 2 * capv : 16;
      mge_lamina *t = realloc(v, nc * sizeof *v);
      if (!t) {
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
        goto done;
      }
      v = t;
      capv = nc;
    }
    mge_lamina *m = &v[nv];
    memset(m, 0, sizeof *m);
    for (int i = 0; i < n; i++) {
      if (map[i] == -2) {
        if (strlen(fld[i]) >= MGE_LAMINA_NAME_MAX || fld[i][0] == 0) {
          rc = mge_error_set_at(err, MGE_E_INPUT, path, lineno, fcol[i],
                                "name empty or longer than %d bytes",
                                MGE_LAMINA_NAME_MAX - 1);
          goto done;
        }
        snprintf(m->name, sizeof m->name, "%s", fld[i]);
      } else if (map[i] == -3) {
        snprintf(m->source, sizeof m->source, "%s", fld[i]);
      } else if (map[i] >= 0 && fld[i][0]) {
        char *end;
        errno = 0;
        double x = strtod(fld[i], &end);
        if (*end || errno == ERANGE || !isfinite(x)) {
          rc = mge_error_set_at(err, MGE_E_INPUT, path, lineno, fcol[i],
                                "column '%s': '%s' is not a finite number",
                                col_defs[map[i]].name, fld[i]);
          goto done;
        }
        *(double *)((char *)m + col_defs[map[i]].off) =
            x * col_defs[map[i]].scale;
      }
    }
    mge_error e2;
    if (mge_lamina_check(m, 0, &e2)) {
      rc = mge_error_set_at(err, MGE_E_INPUT, path, lineno,
                            name_col >= 0 ? fcol[name_col] : 1, "%s",
                            e2.message);
      goto done;
    }
    nv++;
  }
  if (ferror(fp))
    rc = mge_error_set_at(err, MGE_E_IO, path, 0, 0, "read error");
  else if (ncol == 0)
    rc = mge_error_set_at(err, MGE_E_INPUT, path, lineno, 0, "no header line");
done:
  fclose(fp);
  free(fld);
  free(line);
  if (rc) {
    free(v);
    return rc;
  }
  *out = v;
  *n_out = nv;
  return MGE_OK;
}
