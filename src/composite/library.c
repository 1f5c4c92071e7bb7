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

#define F(x) offsetof(mge_lamina, x)
const cmp_field cmp_lamina_fields[] = {
    {"E1", "E1_GPa", F(E1_Pa), CMP_STRESS, 1e9},
    {"E2", "E2_GPa", F(E2_Pa), CMP_STRESS, 1e9},
    {"G12", "G12_GPa", F(G12_Pa), CMP_STRESS, 1e9},
    {"nu12", "nu12", F(nu12), CMP_FRACTION, 1},
    {"nu23", "nu23", F(nu23), CMP_FRACTION, 1},
    {"Xt", "Xt_MPa", F(Xt_Pa), CMP_STRESS, 1e6},
    {"Xc", "Xc_MPa", F(Xc_Pa), CMP_STRESS, 1e6},
    {"Yt", "Yt_MPa", F(Yt_Pa), CMP_STRESS, 1e6},
    {"Yc", "Yc_MPa", F(Yc_Pa), CMP_STRESS, 1e6},
    {"S12", "S12_MPa", F(S12_Pa), CMP_STRESS, 1e6},
    {"S", NULL, F(S12_Pa), CMP_STRESS, 0},
    {"S23", "S23_MPa", F(S23_Pa), CMP_STRESS, 1e6},
    {"eps1t", "eps1t_pct", F(eps1t), CMP_FRACTION, 1e-2},
    {"eps1c", "eps1c_pct", F(eps1c), CMP_FRACTION, 1e-2},
    {"eps2t", "eps2t_pct", F(eps2t), CMP_FRACTION, 1e-2},
    {"eps2c", "eps2c_pct", F(eps2c), CMP_FRACTION, 1e-2},
    {"gamma12u", "gamma12u_pct", F(gamma12u), CMP_FRACTION, 1e-2},
    {"alpha1", "alpha1_1e-6K", F(alpha1_per_K), CMP_PER_K, 1e-6},
    {"alpha2", "alpha2_1e-6K", F(alpha2_per_K), CMP_PER_K, 1e-6},
    {"beta1", "beta1", F(beta1), CMP_FRACTION, 1},
    {"beta2", "beta2", F(beta2), CMP_FRACTION, 1},
    {"density", "density_kg_m3", F(rho_kg_m3), CMP_DENSITY, 1},
    {"Vf", "Vf", F(Vf), CMP_FRACTION, 1},
    {"t_ply", "t_ply_mm", F(t_ply_m), CMP_LENGTH, 1e-3},
    {"cost", "cost_USD_kg", F(cost_USD_kg), CMP_COST, 1},
    {"puck_p12t", "puck_p12t", F(puck_p12t), CMP_FRACTION, 1},
    {"puck_p12c", "puck_p12c", F(puck_p12c), CMP_FRACTION, 1},
    {"puck_p22c", "puck_p22c", F(puck_p22c), CMP_FRACTION, 1},
    {"E1f", NULL, F(E1f_Pa), CMP_STRESS, 0},
    {"nu12f", NULL, F(nu12f), CMP_FRACTION, 0},
    {"m_sigf", NULL, F(m_sigf), CMP_FRACTION, 0},
};
#undef F
const size_t cmp_n_lamina_fields =
    sizeof cmp_lamina_fields / sizeof cmp_lamina_fields[0];

void cmp_lamina_unknown(mge_lamina *m) {
  m->alpha1_per_K = m->alpha2_per_K = m->beta1 = m->beta2 = NAN;
  m->rho_kg_m3 = m->t_ply_m = m->cost_USD_kg = NAN;
}

#define MAX_ROWS 10000
#define MAX_RECORD (64u << 10)

/* Field i of rec without leading and trailing blanks: start and length. */
static const char *trimmed(const mge_csv_rec *rec, int i, size_t *n) {
  const char *s = rec->field[i];
  size_t len = rec->field_len[i];
  while (len && isspace((unsigned char)*s)) s++, len--;
  while (len && isspace((unsigned char)s[len - 1])) len--;
  *n = len;
  return s;
}

/* Header columns: index into cmp_lamina_fields, or one of these. */
enum { COL_NONE = -1, COL_NAME = -2, COL_SOURCE = -3 };

static int header(const char *path, const mge_csv_rec *rec, int *map,
                  mge_error *err) {
  static const char *const req[] = {"name", "E1_GPa", "E2_GPa", "G12_GPa",
                                    "nu12"};
  int found[5] = {0};
  for (int i = 0; i < rec->nfields; i++) {
    size_t n;
    const char *s = trimmed(rec, i, &n);
    map[i] = COL_NONE;
    if (n == 4 && !memcmp(s, "name", 4)) map[i] = COL_NAME;
    if (n == 6 && !memcmp(s, "source", 6)) map[i] = COL_SOURCE;
    for (size_t c = 0; c < cmp_n_lamina_fields; c++) {
      const char *col = cmp_lamina_fields[c].csv;
      if (col && strlen(col) == n && !memcmp(s, col, n)) map[i] = (int)c;
    }
    for (int r = 0; r < 5; r++)
      found[r] |= strlen(req[r]) == n && !memcmp(s, req[r], n);
  }
  for (int r = 0; r < 5; r++)
    if (!found[r])
      return mge_error_set_at(err, MGE_E_INPUT, path, (int)rec->line, 1,
                              "header lacks the column '%s'", req[r]);
  return MGE_OK;
}

/* One record into m. */
static int row(const char *path, const mge_csv_rec *rec, const int *map,
               mge_lamina *m, mge_error *err) {
  memset(m, 0, sizeof *m);
  cmp_lamina_unknown(m);
  int line, col, name_line = (int)rec->line, name_col = 1;
  for (int i = 0; i < rec->nfields; i++) {
    size_t n;
    const char *s = trimmed(rec, i, &n);
    cmp_csv_field_pos(rec, i, &line, &col);
    if (map[i] == COL_NAME) {
      if (n == 0 || n >= MGE_LAMINA_NAME_MAX)
        return mge_error_set_at(err, MGE_E_INPUT, path, line, col,
                                "name empty or longer than %d bytes",
                                MGE_LAMINA_NAME_MAX - 1);
      memcpy(m->name, s, n);
      name_line = line, name_col = col;
    } else if (map[i] == COL_SOURCE) {
      if (n >= MGE_LAMINA_SOURCE_MAX)
        return mge_error_set_at(err, MGE_E_INPUT, path, line, col,
                                "source longer than %d bytes",
                                MGE_LAMINA_SOURCE_MAX - 1);
      memcpy(m->source, s, n);
    } else if (map[i] >= 0 && n > 0) {
      const cmp_field *fd = &cmp_lamina_fields[map[i]];
      char num[64];
      char *end = num;
      double x = NAN;
      if (n < sizeof num) {
        memcpy(num, s, n);
        num[n] = 0;
        errno = 0;
        x = strtod(num, &end);
        if (errno == ERANGE) end = num;
      }
      if (end == num || *end || !isfinite(x))
        return mge_error_set_at(err, MGE_E_INPUT, path, line, col,
                                "column '%s': '%.*s' is not a finite number",
                                fd->csv, n < 64 ? (int)n : 64, s);
      *(double *)((char *)m + fd->off) = x * fd->csv_scale;
    }
  }
  mge_error e;
  if (mge_lamina_check(m, 0, &e))
    return mge_error_set_at(err, MGE_E_INPUT, path, name_line, name_col, "%s",
                            e.message);
  return MGE_OK;
}

int mge_lamina_read_csv(const char *path, mge_lamina **out, size_t *n_out,
                        mge_error *err) {
  *out = NULL;
  *n_out = 0;
  cmp_csv in;
  int rc = cmp_csv_open(&in, path, MAX_RECORD, err);
  mge_lamina *v = NULL;
  int *map = NULL, ncol = 0;
  size_t nv = 0, capv = 0;
  mge_csv_rec rec;
  while (!rc && (rc = -cmp_csv_next(&in, -1, &rec, err)) == -1) {
    rc = MGE_OK;
    if (!map) { /* the header */
      ncol = rec.nfields;
      if (!(map = malloc(sizeof *map * (size_t)ncol)))
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      else
        rc = header(path, &rec, map, err);
      continue;
    }
    if (rec.nfields != ncol) {
      rc = mge_error_set_at(err, MGE_E_INPUT, path, (int)rec.line, 1,
                            "%d fields, the header has %d", rec.nfields, ncol);
    } else if (nv >= MAX_ROWS) {
      rc = mge_error_set_at(err, MGE_E_LIMIT, path, (int)rec.line, 1,
                            "more than %d materials", MAX_ROWS);
    } else if (nv == capv) {
      size_t nc = capv ? 2 * capv : 16;
      mge_lamina *t = realloc(v, nc * sizeof *v);
      if (!t)
        rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      else
        v = t, capv = nc;
    }
    if (!rc && !(rc = row(path, &rec, map, &v[nv], err))) nv++;
  }
  if (!rc && !map)
    rc = mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "no header line");
  cmp_csv_close(&in);
  free(map);
  if (rc) {
    free(v);
    return rc;
  }
  *out = v;
  *n_out = nv;
  return MGE_OK;
}

int mge_lamina_read(const char *path, mge_lamina **out, size_t *n_out,
                    mge_error *err) {
  size_t n = strlen(path);
  int yaml = (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
             (n > 4 && strcmp(path + n - 4, ".yml") == 0);
  return (yaml ? mge_lamina_read_yaml : mge_lamina_read_csv)(path, out, n_out,
                                                             err);
}
