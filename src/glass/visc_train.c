/* The composition-to-viscosity model: loading the SciGlass subset, fitting
 * MYEGA with Tg and m linear in composition (sparse Levenberg-Marquardt on
 * the normal equations, LAPACK dposv), and grouped cross-validation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glass/glass_internal.h"
#include "mge/linalg.h"
#include "mge/str.h"

#define MAX_GLASSES 100000
#define MAX_POINTS 10000000

struct mge_visc_dataset {
  int n_ox, n_g, n_p;
  char oxide[MGE_VISC_MAX_OXIDES][MGE_COMPOUND_NAME];
  char (*id)[32];     /* n_g glass ids */
  unsigned char *aas; /* 1 if family alkali_aluminosilicate */
  double *x;          /* n_g * n_ox mole fractions */
  int *pg;            /* n_p: glass index of point */
  double *T, *y;      /* n_p */
};

void mge_visc_dataset_free(mge_visc_dataset *d) {
  if (!d) return;
  free(d->id), free(d->aas), free(d->x), free(d->pg), free(d->T), free(d->y);
  free(d);
}

int mge_visc_dataset_counts(const mge_visc_dataset *d, int *ng, int *np,
                            int *nox) {
  if (ng) *ng = d->n_g;
  if (np) *np = d->n_p;
  if (nox) *nox = d->n_ox;
  return MGE_OK;
}

const char *mge_visc_dataset_oxide(const mge_visc_dataset *d, int k) {
  return (k >= 0 && k < d->n_ox) ? d->oxide[k] : NULL;
}

static int find_glass(const mge_visc_dataset *d, const char *id, int hint) {
  if (hint >= 0 && hint < d->n_g && strcmp(d->id[hint], id) == 0) return hint;
  for (int g = 0; g < d->n_g; g++)
    if (strcmp(d->id[g], id) == 0) return g;
  return -1;
}

/* The compositions file: glass_id,family,oxide... in mole fractions. */
static int load_comp(mge_visc_dataset *d, glass_csv *c) {
  int rc = glass_csv_next(c);
  if (rc < 0) return -rc;
  char id[64], fam[64];
  int col;
  if (rc == 0 || c->rec.nfields < 3 ||
      glass_csv_field(c, 0, id, sizeof id, &col) || strcmp(id, "glass_id") ||
      glass_csv_field(c, 1, fam, sizeof fam, &col) || strcmp(fam, "family"))
    return mge_error_set_at(c->err, MGE_E_INPUT, c->path, 1, 1,
                            "header must be glass_id,family,oxides...");
  if (c->rec.nfields > MGE_VISC_MAX_OXIDES + 2)
    return glass_csv_error(c, MGE_E_LIMIT,
                           glass_csv_col(c, MGE_VISC_MAX_OXIDES + 2),
                           "more than %d oxide columns", MGE_VISC_MAX_OXIDES);
  d->n_ox = c->rec.nfields - 2;
  for (int k = 0; k < d->n_ox; k++)
    if (glass_csv_field(c, k + 2, d->oxide[k], sizeof d->oxide[k], &col) ||
        !d->oxide[k][0])
      return glass_csv_error(c, MGE_E_INPUT, col, "bad oxide column name");
  int cap = 0;
  while ((rc = glass_csv_next(c)) == 1) {
    if (c->rec.nfields != d->n_ox + 2)
      return glass_csv_error(c, MGE_E_INPUT, 1, "expected %d fields, not %d",
                             d->n_ox + 2, c->rec.nfields);
    if (d->n_g >= MAX_GLASSES)
      return glass_csv_error(c, MGE_E_LIMIT, 1, "too many glasses");
    if (d->n_g == cap) {
      cap = cap ? 2 * cap : 1024;
      void *a = realloc(d->id, (size_t)cap * sizeof *d->id);
      if (a) d->id = a;
      void *b = realloc(d->aas, (size_t)cap);
      if (b) d->aas = b;
      void *x = realloc(d->x, (size_t)cap * (size_t)d->n_ox * sizeof *d->x);
      if (x) d->x = x;
      if (!a || !b || !x)
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    }
    int g = d->n_g;
    if ((rc = glass_csv_field(c, 0, d->id[g], sizeof d->id[g], &col)) ||
        (rc = glass_csv_field(c, 1, fam, sizeof fam, &col)))
      return rc;
    d->aas[g] = strcmp(fam, "alkali_aluminosilicate") == 0;
    double s = 0, *x = d->x + (size_t)g * d->n_ox;
    for (int k = 0; k < d->n_ox; k++) {
      if ((rc = glass_csv_number(c, k + 2, d->oxide[k], &x[k]))) return rc;
      if (x[k] < 0)
        return glass_csv_error(c, MGE_E_INPUT, glass_csv_col(c, k + 2),
                               "%s: negative mole fraction", d->oxide[k]);
      s += x[k];
    }
    if (!(s > 0.5 && s < 1.5))
      return glass_csv_error(c, MGE_E_INPUT, 1, "mole fractions sum to %g", s);
    for (int k = 0; k < d->n_ox; k++) x[k] /= s;
    d->n_g++;
  }
  if (rc < 0) return -rc;
  if (d->n_g == 0)
    return mge_error_set_at(c->err, MGE_E_INPUT, c->path, 0, 0, "no glasses");
  return MGE_OK;
}

/* The viscosity file: glass_id,T_K,log10_eta_Pa_s. */
static int load_visc(mge_visc_dataset *d, glass_csv *c) {
  int rc = glass_csv_next(c);
  if (rc < 0) return -rc;
  static const char *const head[3] = {"glass_id", "T_K", "log10_eta_Pa_s"};
  char name[64];
  int col, ok = rc == 1 && c->rec.nfields == 3;
  for (int j = 0; ok && j < 3; j++)
    ok = !glass_csv_field(c, j, name, sizeof name, &col) &&
         !strcmp(name, head[j]);
  if (!ok)
    return mge_error_set_at(c->err, MGE_E_INPUT, c->path, 1, 1,
                            "header must be glass_id,T_K,log10_eta_Pa_s");
  int cap = 0, hint = 0;
  char id[sizeof d->id[0]];
  while ((rc = glass_csv_next(c)) == 1) {
    double T, y;
    if (c->rec.nfields != 3)
      return glass_csv_error(c, MGE_E_INPUT, 1,
                             "expected glass_id,T_K>0,log10_eta");
    if ((rc = glass_csv_field(c, 0, id, sizeof id, &col)) ||
        (rc = glass_csv_temperature(c, 1, "K", "T_K", &T)) ||
        (rc = glass_csv_number(c, 2, "log10_eta_Pa_s", &y)))
      return rc;
    if (!(T > 0))
      return glass_csv_error(c, MGE_E_INPUT, glass_csv_col(c, 1),
                             "T_K: expected a temperature > 0 K");
    int g = find_glass(d, id, hint);
    if (g < 0)
      return glass_csv_error(c, MGE_E_INPUT, col, "unknown glass_id '%s'", id);
    hint = g;
    if (d->n_p >= MAX_POINTS)
      return glass_csv_error(c, MGE_E_LIMIT, 1, "too many points");
    if (d->n_p == cap) {
      cap = cap ? 2 * cap : 4096;
      void *a = realloc(d->pg, (size_t)cap * sizeof *d->pg);
      if (a) d->pg = a;
      void *b = realloc(d->T, (size_t)cap * sizeof *d->T);
      if (b) d->T = b;
      void *e = realloc(d->y, (size_t)cap * sizeof *d->y);
      if (e) d->y = e;
      if (!a || !b || !e)
        return mge_error_set(c->err, MGE_E_NOMEM, "out of memory");
    }
    d->pg[d->n_p] = g, d->T[d->n_p] = T, d->y[d->n_p] = y;
    d->n_p++;
  }
  if (rc < 0) return -rc;
  if (d->n_p == 0)
    return mge_error_set_at(c->err, MGE_E_INPUT, c->path, 0, 0, "no points");
  return MGE_OK;
}

/* Open path and run load on it. */
static int load_file(mge_visc_dataset *d, const char *path,
                     int (*load)(mge_visc_dataset *, glass_csv *),
                     mge_error *err) {
  glass_csv c;
  int rc = glass_csv_open(&c, path, 0, err);
  if (!rc) rc = load(d, &c);
  glass_csv_close(&c);
  return rc;
}

int mge_visc_dataset_load(const char *comp_csv, const char *visc_csv,
                          mge_visc_dataset **out, mge_error *err) {
  *out = NULL;
  mge_visc_dataset *d = calloc(1, sizeof *d);
  if (!d) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  int rc = load_file(d, comp_csv, load_comp, err);
  if (!rc) rc = load_file(d, visc_csv, load_visc, err);
  if (rc) {
    mge_visc_dataset_free(d);
    return rc;
  }
  *out = d;
  return MGE_OK;
}

#define COMP_CSV "sciglass_viscnet_compositions.csv"
#define VISC_CSV "sciglass_viscnet_viscosity.csv"

int mge_visc_dataset_load_dir(const char *dir, mge_visc_dataset **out,
                              mge_error *err) {
  *out = NULL;
  char def[4096];
  if (!dir) { /* the folder of the shipped compositions file */
    int rc = mge_data_find("glass/" COMP_CSV, def, sizeof def, err);
    if (rc) return rc;
    char *slash = strrchr(def, '/');
    if (slash) *slash = '\0';
    dir = slash ? def : ".";
  }
  mge_str *pc = mge_str_new(), *pv = mge_str_new();
  mge_str_printf(pc, "%s/" COMP_CSV, dir);
  mge_str_printf(pv, "%s/" VISC_CSV, dir);
  int rc = mge_str_errcode(pc) || mge_str_errcode(pv)
               ? mge_error_set(err, MGE_E_NOMEM, "out of memory")
               : mge_visc_dataset_load(mge_str_value(pc), mge_str_value(pv),
                                       out, err);
  mge_str_free(pc);
  mge_str_free(pv);
  return rc;
}

/* ------------------------------------------------------------- training */

#define TG_SCALE 1000.0
#define M_SCALE 10.0
#define TG_PRIOR 0.8 /* 800 K */
#define M_PRIOR 3.5  /* m = 35 */

/* Per-point model value and gradient wrt (Tg, m, l). */
static double myega_grad(double Tg, double m, double l, double T, double *gTg,
                         double *gm, double *gl) {
  double d = 12 - l, u = Tg / T, k = m / d - 1;
  double E = exp(k * (u - 1)), uE = u * E;
  *gTg = d * E * (1 + k * u) / T;
  *gm = uE * (u - 1);
  *gl = 1 - uE + uE * (u - 1) * m / d;
  return l + d * uE;
}

typedef struct sparse_glass {
  int nnz;
  int k[MGE_VISC_MAX_FEAT];
  double x[MGE_VISC_MAX_FEAT];
} sparse_glass;

static double feat_value(const mge_visc_coefs *c, int f, const double *x) {
  int i = c->feat_i[f], j = c->feat_j[f];
  return j < 0 ? x[i] : x[i] * x[j];
}

static void sparse_features(const mge_visc_coefs *c, const double *x,
                            sparse_glass *s) {
  s->nnz = 0;
  for (int f = 0; f < c->n_feat; f++) {
    double v = feat_value(c, f, x);
    if (v != 0) s->k[s->nnz] = f, s->x[s->nnz++] = v;
  }
}

/* chi2 (data + ridge) for parameters q (scaled: alpha, beta, l). */
static double objective(const mge_visc_dataset *d, const sparse_glass *sg,
                        const unsigned char *mask, const double *q,
                        double ridge, int K, const double *prior_tg,
                        const double *prior_m) {
  double f = 0;
  for (int i = 0; i < d->n_p; i++) {
    int g = d->pg[i];
    if (mask && !mask[g]) continue;
    double Tg = 0, m = 0, a, b, c;
    for (int j = 0; j < sg[g].nnz; j++)
      Tg += q[sg[g].k[j]] * sg[g].x[j], m += q[K + sg[g].k[j]] * sg[g].x[j];
    double r = d->y[i] - myega_grad(Tg * TG_SCALE, m * M_SCALE, q[2 * K],
                                    d->T[i], &a, &b, &c);
    if (!isfinite(r)) return INFINITY;
    f += r * r;
  }
  for (int k = 0; k < K; k++)
    f += ridge * ((q[k] - prior_tg[k]) * (q[k] - prior_tg[k]) +
                  (q[K + k] - prior_m[k]) * (q[K + k] - prior_m[k]));
  return f;
}

int mge_visc_train(const mge_visc_dataset *d, const unsigned char *mask,
                   const mge_visc_train_opts *opts, mge_visc_coefs *out,
                   mge_error *err) {
  double ridge = opts && opts->ridge > 0 ? opts->ridge : 3.0;
  int max_iter = opts && opts->max_iter > 0 ? opts->max_iter : 200;
  int NX = d->n_ox;
  memset(out, 0, sizeof *out);
  out->n_oxides = NX;
  for (int k = 0; k < NX; k++) strcpy(out->oxide[k], d->oxide[k]);
  for (int gl = 0; gl < d->n_g; gl++) {
    if (mask && !mask[gl]) continue;
    for (int k = 0; k < NX; k++) {
      double x = d->x[(size_t)gl * NX + k];
      if (x > 0) {
        out->n_glasses[k]++;
        if (x > out->x_max[k]) out->x_max[k] = x;
      }
    }
  }
  int K = 0;
  for (int k = 0; k < NX; k++) out->feat_i[K] = (short)k, out->feat_j[K++] = -1;
  for (int a = 0; a < NX; a++)
    for (int b = a; b < NX; b++)
      if (out->n_glasses[a] >= MGE_VISC_PAIR_MIN &&
          out->n_glasses[b] >= MGE_VISC_PAIR_MIN && K < MGE_VISC_MAX_FEAT)
        out->feat_i[K] = (short)a, out->feat_j[K++] = (short)b;
  out->n_feat = K;
  int P = 2 * K + 1;
  double prior_tg[MGE_VISC_MAX_FEAT], prior_m[MGE_VISC_MAX_FEAT];
  for (int f = 0; f < K; f++) {
    int lin = out->feat_j[f] < 0;
    prior_tg[f] = lin ? TG_PRIOR : 0;
    prior_m[f] = lin ? M_PRIOR : 0;
  }
  sparse_glass *sg = malloc((size_t)d->n_g * sizeof *sg);
  double *A = malloc((size_t)P * P * sizeof *A);
  double *H = malloc((size_t)P * P * sizeof *H);
  double *g = malloc((size_t)P * sizeof *g);
  double *q = malloc((size_t)P * sizeof *q);
  double *qt = malloc((size_t)P * sizeof *qt);
  int rc = MGE_OK;
  if (!sg || !A || !H || !g || !q || !qt) {
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    goto out;
  }
  for (int gl = 0; gl < d->n_g; gl++)
    sparse_features(out, d->x + (size_t)gl * NX, &sg[gl]);
  for (int k = 0; k < K; k++) q[k] = prior_tg[k], q[K + k] = prior_m[k];
  q[2 * K] = -2.9;
  double lambda = 1e-3;
  double f = objective(d, sg, mask, q, ridge, K, prior_tg, prior_m);
  int it;
  for (it = 0; it < max_iter; it++) {
    memset(H, 0, (size_t)P * P * sizeof *H);
    memset(g, 0, (size_t)P * sizeof *g);
    int idx[2 * MGE_VISC_MAX_FEAT + 1];
    double jr[2 * MGE_VISC_MAX_FEAT + 1];
    for (int i = 0; i < d->n_p; i++) {
      int gi = d->pg[i];
      if (mask && !mask[gi]) continue;
      const sparse_glass *s = &sg[gi];
      double Tg = 0, m = 0, gT, gm, gl;
      for (int j = 0; j < s->nnz; j++)
        Tg += q[s->k[j]] * s->x[j], m += q[K + s->k[j]] * s->x[j];
      double r = d->y[i] - myega_grad(Tg * TG_SCALE, m * M_SCALE, q[2 * K],
                                      d->T[i], &gT, &gm, &gl);
      int nz = 0;
      for (int j = 0; j < s->nnz; j++) {
        idx[nz] = s->k[j], jr[nz++] = gT * TG_SCALE * s->x[j];
        idx[nz] = K + s->k[j], jr[nz++] = gm * M_SCALE * s->x[j];
      }
      idx[nz] = 2 * K, jr[nz++] = gl;
      for (int a = 0; a < nz; a++) {
        g[idx[a]] += jr[a] * r;
        for (int b = 0; b < nz; b++)
          H[(size_t)idx[a] * P + idx[b]] += jr[a] * jr[b];
      }
    }
    for (int k = 0; k < 2 * K; k++) {
      double pr = k < K ? prior_tg[k] : prior_m[k - K];
      H[(size_t)k * P + k] += ridge;
      g[k] -= ridge * (q[k] - pr);
    }
    int accepted = 0;
    double fnew = f;
    for (int tries = 0; tries < 20; tries++) {
      memcpy(A, H, (size_t)P * P * sizeof *A);
      for (int k = 0; k < P; k++) A[(size_t)k * P + k] *= 1 + lambda;
      memcpy(qt, g, (size_t)P * sizeof *g);
      if (mge_spd_solve(A, P, 1, qt) == 0) {
        for (int k = 0; k < P; k++) qt[k] += q[k];
        if (qt[2 * K] < 11) {
          fnew = objective(d, sg, mask, qt, ridge, K, prior_tg, prior_m);
          if (fnew <= f) {
            accepted = 1;
            break;
          }
        }
      }
      lambda *= 10;
    }
    if (!accepted) break;
    memcpy(q, qt, (size_t)P * sizeof *q);
    double df = f - fnew;
    f = fnew;
    lambda = lambda / 10 > 1e-9 ? lambda / 10 : 1e-9;
    if (df <= 1e-12 * f) break;
  }
  if (it == max_iter) {
    rc = mge_error_set(err, MGE_E_CONVERGE,
                       "viscosity training did not converge in %d iterations",
                       max_iter);
    goto out;
  }
  for (int k = 0; k < K; k++)
    out->tg_K[k] = q[k] * TG_SCALE, out->m[k] = q[K + k] * M_SCALE;
  out->log_eta_inf = q[2 * K];
  {
    double ss = 0;
    int n = 0;
    for (int i = 0; i < d->n_p; i++) {
      if (mask && !mask[d->pg[i]]) continue;
      mge_visc v;
      mge_visc_coefs_curve(out, d->x + (size_t)d->pg[i] * NX, &v);
      double e = d->y[i] - mge_visc_log10(&v, d->T[i]);
      ss += e * e, n++;
    }
    out->rmse = n ? sqrt(ss / n) : NAN;
  }
out:
  free(sg), free(A), free(H), free(g), free(q), free(qt);
  return rc;
}

void mge_visc_coefs_curve(const mge_visc_coefs *c, const double *x,
                          mge_visc *v) {
  double Tg = 0, m = 0;
  for (int f = 0; f < c->n_feat; f++) {
    double phi = feat_value(c, f, x);
    Tg += c->tg_K[f] * phi, m += c->m[f] * phi;
  }
  memset(v, 0, sizeof *v);
  v->kind = MGE_VISC_MYEGA;
  v->p[0] = c->log_eta_inf, v->p[1] = Tg, v->p[2] = m;
}

int mge_visc_cv(const mge_visc_dataset *d, int folds, unsigned seed,
                const mge_visc_train_opts *opts, mge_visc_cv_result *res,
                mge_error *err) {
  if (folds < 2 || folds > d->n_g)
    return mge_error_set(err, MGE_E_INPUT, "folds must be 2..%d", d->n_g);
  int *fold = malloc((size_t)d->n_g * sizeof *fold);
  int *perm = malloc((size_t)d->n_g * sizeof *perm);
  unsigned char *mask = malloc((size_t)d->n_g);
  mge_visc_coefs *c = malloc(sizeof *c);
  if (!fold || !perm || !mask || !c) {
    free(fold), free(perm), free(mask), free(c);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  unsigned long long s = seed ? seed : 1;
  for (int g = 0; g < d->n_g; g++) perm[g] = g;
  for (int g = d->n_g - 1; g > 0; g--) { /* Fisher-Yates, xorshift64 */
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    int j = (int)(s % (unsigned long long)(g + 1));
    int t = perm[g];
    perm[g] = perm[j], perm[j] = t;
  }
  for (int i = 0; i < d->n_g; i++) fold[perm[i]] = i % folds;
  memset(res, 0, sizeof *res);
  res->folds = folds;
  res->n_glasses = d->n_g;
  double ss = 0, sa = 0, ss2 = 0, sa2 = 0;
  int rc = MGE_OK;
  for (int f = 0; f < folds && !rc; f++) {
    for (int g = 0; g < d->n_g; g++) mask[g] = fold[g] != f;
    rc = mge_visc_train(d, mask, opts, c, err);
    if (rc) break;
    for (int i = 0; i < d->n_p; i++) {
      int g = d->pg[i];
      if (mask[g]) continue;
      mge_visc v;
      mge_visc_coefs_curve(c, d->x + (size_t)g * d->n_ox, &v);
      double e = d->y[i] - mge_visc_log10(&v, d->T[i]);
      if (!isfinite(e)) e = 20; /* undefined prediction counts as a miss */
      ss += e * e, sa += fabs(e), res->n_points++;
      if (d->aas[g]) ss2 += e * e, sa2 += fabs(e), res->n_points_aas++;
    }
  }
  if (!rc) {
    res->rmse = sqrt(ss / res->n_points), res->mae = sa / res->n_points;
    if (res->n_points_aas)
      res->rmse_aas = sqrt(ss2 / res->n_points_aas),
      res->mae_aas = sa2 / res->n_points_aas;
  }
  free(fold), free(perm), free(mask), free(c);
  return rc;
}
