/* Binary T-x phase diagrams from temperature steps at many compositions:
 * every two-phase equilibrium gives a tie-line whose ends lie on the phase
 * boundaries; transitions with three phases around them are invariants. */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thermo/thermo_internal.h"

typedef struct mjob {
  const mge_thermo_system *s;
  int axis, nx, nT;
  double T_lo, T_hi, dT;
  const mge_thermo_options *o;
  /* per composition */
  mge_thermo_tieline **tl;
  int *ntl;
  double (*inv)[MGE_THERMO_MAX_TRANS];
  char (**invt)[128];
  int *ninv;
  char (*cell)[128]; /* nx * nT */
  int *rc;
  char (*msg)[MGE_ERROR_MSG_MAX];
  int next;
  pthread_mutex_t mu;
} mjob;

static void set_text(const mge_thermo_system *s, const int *ph, int n,
                     char *out) {
  /* sorted by phase index, repeated phases (gaps) written twice */
  int idx[MGE_THERMO_MAX_SETS * 2];
  for (int i = 0; i < n; i++) idx[i] = ph[i];
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && idx[j] < idx[j - 1]; j--) {
      int t = idx[j];
      idx[j] = idx[j - 1];
      idx[j - 1] = t;
    }
  out[0] = '\0';
  size_t k = 0;
  for (int i = 0; i < n; i++) {
    int w =
        snprintf(out + k, 128 - k, "%s%s", i ? "+" : "", s->ph[idx[i]].name);
    if (w < 0 || (size_t)w >= 128 - k) break;
    k += (size_t)w;
  }
}

static void result_text(const mge_thermo_system *s, const mge_thermo_result *r,
                        char *out) {
  int ph[MGE_THERMO_MAX_SETS];
  for (int j = 0; j < r->nphase; j++) ph[j] = r->ph[j].phase;
  set_text(s, ph, r->nphase, out);
}

static void do_comp(mjob *J, int i) {
  const mge_thermo_system *s = J->s;
  double xa = (i + 0.5) / J->nx;
  double X[2];
  X[J->axis] = xa;
  X[1 - J->axis] = 1 - xa;
  mge_thermo_step *st = NULL;
  mge_error err;
  mge_error_clear(&err);
  J->rc[i] = mge_thermo_step_T(s, X, 101325, J->T_hi, J->T_lo, J->dT, 0.01,
                               J->o, &st, &err);
  if (J->rc[i]) {
    snprintf(J->msg[i], MGE_ERROR_MSG_MAX, "%s", err.message);
    return;
  }
  J->tl[i] = malloc((size_t)st->n * sizeof **J->tl);
  J->invt[i] = calloc(MGE_THERMO_MAX_TRANS, 128);
  if (!J->tl[i] || !J->invt[i]) {
    J->rc[i] = MGE_E_NOMEM;
    snprintf(J->msg[i], MGE_ERROR_MSG_MAX, "out of memory");
    mge_thermo_step_free(st);
    return;
  }
  for (int k = 0; k < st->n && k < J->nT; k++) {
    const mge_thermo_result *r = &st->pt[k];
    result_text(s, r, J->cell[(size_t)i * J->nT + k]);
    if (r->nphase == 2) {
      mge_thermo_tieline *t = &J->tl[i][J->ntl[i]++];
      t->T_K = r->T_K;
      for (int q = 0; q < 2; q++) {
        t->phase[q] = r->ph[q].phase;
        t->x[q] = r->ph[q].x[J->axis];
      }
    }
  }
  /* invariants: two or more phases changing at one temperature (the
   * bisection gives them one T), with the phases present on both sides */
  for (int t = 0; t < st->ntrans; t++) {
    double T = st->trans[t].T_K;
    int ph[2 * MGE_THERMO_MAX_SETS + MGE_THERMO_MAX_TRANS], n = 0, nchg = 0;
    for (int u = 0; u < st->ntrans; u++)
      if (st->trans[u].T_K == T) {
        ph[n++] = st->trans[u].phase;
        nchg++;
      }
    if (nchg < 2 || (t > 0 && st->trans[t - 1].T_K == T)) continue;
    int k = 0;
    while (k + 1 < st->n && st->pt[k + 1].T_K > T) k++;
    if (k + 1 >= st->n) continue;
    for (int j = 0; j < st->pt[k].nphase; j++) {
      int p = st->pt[k].ph[j].phase, both = 0, dup = 0;
      for (int q = 0; q < st->pt[k + 1].nphase; q++)
        if (st->pt[k + 1].ph[q].phase == p) both = 1;
      for (int m = 0; m < n; m++)
        if (ph[m] == p) dup = 1;
      if (both && !dup) ph[n++] = p;
    }
    if (n != 3 || J->ninv[i] >= MGE_THERMO_MAX_TRANS) continue;
    J->inv[i][J->ninv[i]] = T;
    set_text(s, ph, n, J->invt[i][J->ninv[i]]);
    J->ninv[i]++;
  }
  mge_thermo_step_free(st);
}

static void *mworker(void *arg) {
  mjob *J = arg;
  for (;;) {
    pthread_mutex_lock(&J->mu);
    int i = J->next++;
    pthread_mutex_unlock(&J->mu);
    if (i >= J->nx) return NULL;
    do_comp(J, i);
  }
}

void mge_thermo_map_free(mge_thermo_map *m) {
  if (!m) return;
  free(m->tl);
  free(m->lab);
  free(m);
}

int mge_thermo_map_binary(const mge_thermo_system *s, int axis, double T_lo,
                          double T_hi, double dT, int nx, int nthreads,
                          const mge_thermo_options *opts, mge_thermo_map **out,
                          mge_error *err) {
  *out = NULL;
  if (s->ncomp != 2)
    return mge_error_set(err, MGE_E_INPUT,
                         "a binary map needs two components (got %d)",
                         s->ncomp);
  if (axis < 0 || axis > 1 || !(T_hi > T_lo) || !(T_lo > 0) || !(dT > 0) ||
      nx < 2 || nx > 2000 || nthreads < 1 || nthreads > 256 ||
      (T_hi - T_lo) / dT > 20000)
    return mge_error_set(err, MGE_E_INPUT, "bad map ranges");
  mjob J;
  memset(&J, 0, sizeof J);
  J.s = s;
  J.axis = axis;
  J.nx = nx;
  J.T_lo = T_lo;
  J.T_hi = T_hi;
  J.dT = dT;
  J.o = opts;
  J.nT = (int)floor((T_hi - T_lo) / dT + 1e-9) + 2;
  pthread_mutex_init(&J.mu, NULL);
  J.tl = calloc((size_t)nx, sizeof *J.tl);
  J.ntl = calloc((size_t)nx, sizeof *J.ntl);
  J.inv = calloc((size_t)nx, sizeof *J.inv);
  J.invt = calloc((size_t)nx, sizeof *J.invt);
  J.ninv = calloc((size_t)nx, sizeof *J.ninv);
  J.cell = calloc((size_t)nx * J.nT, sizeof *J.cell);
  J.rc = calloc((size_t)nx, sizeof *J.rc);
  J.msg = calloc((size_t)nx, sizeof *J.msg);
  mge_thermo_map *m = calloc(1, sizeof *m);
  int rc = 0;
  if (!J.tl || !J.ntl || !J.inv || !J.invt || !J.ninv || !J.cell || !J.rc ||
      !J.msg || !m)
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  if (!rc) {
    pthread_t th[256];
    int started = 0;
    for (int t = 1; t < nthreads; t++) {
      if (pthread_create(&th[started], NULL, mworker, &J)) break;
      started++;
    }
    mworker(&J);
    for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
    for (int i = 0; i < nx && !rc; i++)
      if (J.rc[i])
        rc = mge_error_set(err, J.rc[i], "map at X = %.4f: %s", (i + 0.5) / nx,
                           J.msg[i]);
  }
  if (!rc) {
    m->axis = axis;
    m->T_lo_K = T_lo;
    m->T_hi_K = T_hi;
    int tot = 0;
    for (int i = 0; i < nx; i++) tot += J.ntl[i];
    m->tl = malloc((size_t)(tot > 0 ? tot : 1) * sizeof *m->tl);
    m->lab = calloc((size_t)nx * J.nT + 1, sizeof *m->lab);
    if (!m->tl || !m->lab)
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    /* tie-lines, without repeats (one two-phase field at one T gives the
     * same tie-line at every composition inside it) */
    for (int i = 0; i < nx && !rc; i++)
      for (int k = 0; k < J.ntl[i]; k++) {
        const mge_thermo_tieline *t = &J.tl[i][k];
        int dup = 0;
        for (int q = m->n - 1; q >= 0 && q >= m->n - 4000; q--) {
          const mge_thermo_tieline *u = &m->tl[q];
          if (u->T_K == t->T_K && u->phase[0] == t->phase[0] &&
              u->phase[1] == t->phase[1] && fabs(u->x[0] - t->x[0]) < 1e-7 &&
              fabs(u->x[1] - t->x[1]) < 1e-7) {
            dup = 1;
            break;
          }
        }
        if (!dup) m->tl[m->n++] = *t;
      }
    for (int i = 0; i < nx && !rc; i++)
      for (int k = 0; k < J.ninv[i]; k++) {
        int dup = 0;
        for (int q = 0; q < m->ninv; q++)
          if (fabs(m->inv_T_K[q] - J.inv[i][k]) < 0.1 &&
              !strcmp(m->inv_text[q], J.invt[i][k]))
            dup = 1;
        if (dup || m->ninv >= MGE_THERMO_MAX_TRANS) continue;
        m->inv_T_K[m->ninv] = J.inv[i][k];
        snprintf(m->inv_text[m->ninv], 128, "%s", J.invt[i][k]);
        m->ninv++;
      }
    /* labels: the cell nearest the centroid of each phase field */
    int ncell = nx * J.nT;
    char *done = calloc((size_t)ncell, 1);
    if (!done && !rc) rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    for (int c0 = 0; c0 < ncell && !rc; c0++) {
      if (done[c0] || !J.cell[c0][0]) continue;
      double sx = 0, sT = 0;
      int cnt = 0;
      for (int c = c0; c < ncell; c++)
        if (!done[c] && !strcmp(J.cell[c], J.cell[c0])) {
          sx += (c / J.nT + 0.5) / nx;
          sT += T_hi - (c % J.nT) * dT;
          cnt++;
        }
      sx /= cnt;
      sT /= cnt;
      int best = c0;
      double bd = INFINITY;
      for (int c = c0; c < ncell; c++)
        if (!done[c] && !strcmp(J.cell[c], J.cell[c0])) {
          double x = (c / J.nT + 0.5) / nx, T = T_hi - (c % J.nT) * dT;
          double d = pow(x - sx, 2) + pow((T - sT) / (T_hi - T_lo), 2);
          if (d < bd) {
            bd = d;
            best = c;
          }
        }
      mge_thermo_map_label *L = &m->lab[m->nlab++];
      L->x = (best / J.nT + 0.5) / nx;
      L->T_K = T_hi - (best % J.nT) * dT;
      if (L->T_K < T_lo) L->T_K = T_lo;
      snprintf(L->text, sizeof L->text, "%s", J.cell[c0]);
      for (int c = c0; c < ncell; c++)
        if (!strcmp(J.cell[c], J.cell[c0])) done[c] = 1;
    }
    free(done);
  }
  for (int i = 0; i < nx; i++) {
    if (J.tl) free(J.tl[i]);
    if (J.invt) free(J.invt[i]);
  }
  free(J.tl);
  free(J.ntl);
  free(J.inv);
  free(J.invt);
  free(J.ninv);
  free(J.cell);
  free(J.rc);
  free(J.msg);
  pthread_mutex_destroy(&J.mu);
  if (rc) {
    mge_thermo_map_free(m);
    return rc;
  }
  *out = m;
  return 0;
}

/* ------------------------------------------------------------------- SVG */

typedef struct sbuf {
  char *s;
  size_t n, cap;
  int bad;
} sbuf;

#ifdef __GNUC__
__attribute__((format(printf, 2, 3)))
#endif
static void
sb_printf(sbuf *b, const char *fmt, ...) {
  if (b->bad) return;
  for (;;) {
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    if (w < 0) {
      b->bad = 1;
      return;
    }
    if ((size_t)w < b->cap - b->n) {
      b->n += (size_t)w;
      return;
    }
    size_t nc = 2 * b->cap + (size_t)w + 1024;
    char *ns = realloc(b->s, nc);
    if (!ns) {
      b->bad = 1;
      return;
    }
    b->s = ns;
    b->cap = nc;
  }
}

static void xml_text(sbuf *b, const char *t) {
  for (; *t; t++) {
    if (*t == '<')
      sb_printf(b, "&lt;");
    else if (*t == '>')
      sb_printf(b, "&gt;");
    else if (*t == '&')
      sb_printf(b, "&amp;");
    else
      sb_printf(b, "%c", *t);
  }
}

int mge_thermo_map_svg(const mge_thermo_system *s, const mge_thermo_map *m,
                       char **svg, mge_error *err) {
  *svg = NULL;
  sbuf b = {malloc(4096), 0, 4096, 0};
  if (!b.s) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  b.s[0] = '\0';
  const double W = 720, H = 540, L = 70, R = 20, T0 = 30, B = 60;
  double pw = W - L - R, ph = H - T0 - B;
#define PX(x) (L + (x)*pw)
#define PY(T) (T0 + (m->T_hi_K - (T)) / (m->T_hi_K - m->T_lo_K) * ph)
  sb_printf(&b,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" "
            "height=\"%g\" font-family=\"sans-serif\" font-size=\"11\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
            "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" "
            "fill=\"none\" stroke=\"black\"/>\n",
            W, H, L, T0, pw, ph);
  for (int i = 0; i <= 10; i += 2)
    sb_printf(&b,
              "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">%.1f</text>\n",
              PX(i / 10.0), T0 + ph + 16, i / 10.0);
  double step = (m->T_hi_K - m->T_lo_K) > 500 ? 100 : 50;
  for (double T = ceil(m->T_lo_K / step) * step; T <= m->T_hi_K + 1e-9;
       T += step)
    sb_printf(&b,
              "<text x=\"%g\" y=\"%g\" text-anchor=\"end\">%.0f</text>\n"
              "<line x1=\"%g\" x2=\"%g\" y1=\"%g\" y2=\"%g\" "
              "stroke=\"black\"/>\n",
              L - 6, PY(T) + 4, T, L - 4, L, PY(T), PY(T));
  sb_printf(&b,
            "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\" "
            "font-size=\"13\">mole fraction %s</text>\n"
            "<text x=\"16\" y=\"%g\" text-anchor=\"middle\" font-size=\"13\" "
            "transform=\"rotate(-90 16 %g)\">T (K)</text>\n",
            L + pw / 2, H - 18, s->comp_name[m->axis], T0 + ph / 2,
            T0 + ph / 2);
  static const char *const col[] = {"#1f77b4", "#d62728", "#2ca02c",
                                    "#9467bd", "#ff7f0e", "#8c564b",
                                    "#e377c2", "#17becf", "#7f7f7f"};
  for (int i = 0; i < m->n; i++) {
    const mge_thermo_tieline *t = &m->tl[i];
    const char *c = col[(t->phase[0] * 7 + t->phase[1] * 3) % 9];
    for (int q = 0; q < 2; q++)
      sb_printf(&b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"1.4\" fill=\"%s\"/>\n",
                PX(t->x[q]), PY(t->T_K), c);
  }
  for (int i = 0; i < m->ninv; i++) {
    sb_printf(&b,
              "<line x1=\"%g\" x2=\"%g\" y1=\"%.2f\" y2=\"%.2f\" "
              "stroke=\"black\" stroke-dasharray=\"4 3\" "
              "stroke-width=\"0.8\"/>\n<text x=\"%g\" y=\"%.2f\" "
              "text-anchor=\"end\" font-size=\"9\">%.2f K ",
              L, L + pw, PY(m->inv_T_K[i]), PY(m->inv_T_K[i]), L + pw - 2,
              PY(m->inv_T_K[i]) - 2, m->inv_T_K[i]);
    xml_text(&b, m->inv_text[i]);
    sb_printf(&b, "</text>\n");
  }
  for (int i = 0; i < m->nlab; i++) {
    sb_printf(&b, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">",
              PX(m->lab[i].x), PY(m->lab[i].T_K));
    xml_text(&b, m->lab[i].text);
    sb_printf(&b, "</text>\n");
  }
  sb_printf(&b, "</svg>\n");
#undef PX
#undef PY
  if (b.bad) {
    free(b.s);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  *svg = b.s;
  return 0;
}
