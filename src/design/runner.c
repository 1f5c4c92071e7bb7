/* The runner: batches of candidates on a thread pool, merged in index order
 * into the top-k, the Pareto front and the plot sample, each batch handed to
 * the sink and committed before the next one is merged.
 *
 * Rounds: each round gives one batch to each of T threads (the calling
 * thread is one of them). Workers read the kept sets as they were at the
 * start of the round (read-only) to pre-select what could enter them; the
 * calling thread then merges the batches in order. Pre-selection with older
 * thresholds only keeps more candidates for the merge, never fewer, so the
 * final sets are the same for any thread count. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "design/family.h"
#include "design/internal.h"
#include "mge/design.h"
#include "mge/pool.h"

/* ------------------------------------------------------------ kept pools */

/* A bounded set of the k smallest keys (a, b, c) with entry data, as a
 * binary max-heap of handles into pool arrays. */
typedef struct key3 {
  double a;
  uint64_t b, c;
} key3;

static int key_less(const key3 *x, const key3 *y) {
  if (x->a != y->a) return x->a < y->a;
  if (x->b != y->b) return x->b < y->b;
  return x->c < y->c;
}

typedef struct best_k {
  int k, n;
  int nx, nv; /* doubles of x and v per entry */
  int *heap;  /* handles, max at 0 */
  key3 *key;  /* by handle */
  uint64_t *idx;
  double *score;
  double *x, *v;
} best_k;

static int bk_init(best_k *s, int k, int nx, int nv) {
  memset(s, 0, sizeof *s);
  s->k = k, s->nx = nx, s->nv = nv;
  if (k == 0) return 0;
  s->heap = malloc(sizeof(int) * (size_t)k);
  s->key = malloc(sizeof(key3) * (size_t)k);
  s->idx = malloc(sizeof(uint64_t) * (size_t)k);
  s->score = malloc(sizeof(double) * (size_t)k);
  s->x = malloc(sizeof(double) * (size_t)k * (size_t)nx);
  s->v = malloc(sizeof(double) * (size_t)k * (size_t)(nv ? nv : 1));
  return s->heap && s->key && s->idx && s->score && s->x && s->v ? 0 : -1;
}

static void bk_free(best_k *s) {
  free(s->heap), free(s->key), free(s->idx), free(s->score), free(s->x),
      free(s->v);
}

static void bk_sift_down(best_k *s, int i) {
  for (;;) {
    int l = 2 * i + 1, r = l + 1, m = i;
    if (l < s->n && key_less(&s->key[s->heap[m]], &s->key[s->heap[l]])) m = l;
    if (r < s->n && key_less(&s->key[s->heap[m]], &s->key[s->heap[r]])) m = r;
    if (m == i) return;
    int t = s->heap[i];
    s->heap[i] = s->heap[m];
    s->heap[m] = t;
    i = m;
  }
}

static void bk_sift_up(best_k *s, int i) {
  while (i > 0) {
    int par = (i - 1) / 2;
    if (!key_less(&s->key[s->heap[par]], &s->key[s->heap[i]])) return;
    int t = s->heap[i];
    s->heap[i] = s->heap[par];
    s->heap[par] = t;
    i = par;
  }
}

/* 1 if key would enter the set now. */
static int bk_admits(const best_k *s, const key3 *key) {
  if (s->k == 0) return 0;
  if (s->n < s->k) return 1;
  return key_less(key, &s->key[s->heap[0]]);
}

static void bk_offer(best_k *s, const key3 *key, uint64_t idx, double score,
                     const double *x, const double *v) {
  if (!bk_admits(s, key)) return;
  int h;
  if (s->n < s->k) {
    h = s->n;
    s->heap[s->n++] = h;
    s->key[h] = *key;
    bk_sift_up(s, s->n - 1);
  } else {
    h = s->heap[0];
    s->key[h] = *key;
    bk_sift_down(s, 0);
  }
  s->idx[h] = idx;
  s->score[h] = score;
  memcpy(s->x + (size_t)h * s->nx, x, sizeof(double) * (size_t)s->nx);
  memcpy(s->v + (size_t)h * s->nv, v, sizeof(double) * (size_t)s->nv);
}

/* The Pareto front with entry data (kept in step with the archive). */
typedef struct front_pool {
  mge_pareto *arch;
  int m, nx, nv;
  size_t n, cap;
  uint64_t *idx;
  double *score, *x, *v;
  uint64_t *ids; /* scratch: sorted archive ids */
  size_t ids_cap;
} front_pool;

static int fp_push(front_pool *fp, uint64_t idx, double score, const double *x,
                   const double *v) {
  if (fp->n == fp->cap) {
    size_t cap = fp->cap ? fp->cap * 2 : 256;
    uint64_t *ni = realloc(fp->idx, cap * sizeof *ni);
    if (!ni) return -1;
    fp->idx = ni;
    double *ns = realloc(fp->score, cap * sizeof *ns);
    if (!ns) return -1;
    fp->score = ns;
    double *nx = realloc(fp->x, cap * (size_t)fp->nx * sizeof *nx);
    if (!nx) return -1;
    fp->x = nx;
    double *nv =
        realloc(fp->v, cap * (size_t)(fp->nv ? fp->nv : 1) * sizeof *nv);
    if (!nv) return -1;
    fp->v = nv;
    fp->cap = cap;
  }
  fp->idx[fp->n] = idx;
  fp->score[fp->n] = score;
  memcpy(fp->x + fp->n * (size_t)fp->nx, x, sizeof(double) * (size_t)fp->nx);
  memcpy(fp->v + fp->n * (size_t)fp->nv, v, sizeof(double) * (size_t)fp->nv);
  fp->n++;
  return 0;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Drop pool entries no longer in the archive. */
static int fp_compact(front_pool *fp) {
  size_t na = mge_pareto_size(fp->arch);
  if (na == 0) { /* nothing kept yet (qsort and bsearch want a buffer) */
    fp->n = 0;
    return 0;
  }
  if (na > fp->ids_cap) {
    uint64_t *ni = realloc(fp->ids, na * 2 * sizeof *ni);
    if (!ni) return -1;
    fp->ids = ni;
    fp->ids_cap = na * 2;
  }
  for (size_t i = 0; i < na; i++) mge_pareto_get(fp->arch, i, &fp->ids[i]);
  qsort(fp->ids, na, sizeof *fp->ids, cmp_u64);
  size_t w = 0;
  for (size_t i = 0; i < fp->n; i++) {
    if (!bsearch(&fp->idx[i], fp->ids, na, sizeof *fp->ids, cmp_u64)) continue;
    if (w != i) {
      fp->idx[w] = fp->idx[i];
      fp->score[w] = fp->score[i];
      memcpy(fp->x + w * (size_t)fp->nx, fp->x + i * (size_t)fp->nx,
             sizeof(double) * (size_t)fp->nx);
      memcpy(fp->v + w * (size_t)fp->nv, fp->v + i * (size_t)fp->nv,
             sizeof(double) * (size_t)fp->nv);
    }
    w++;
  }
  fp->n = w;
  return 0;
}

/* ------------------------------------------------------------ batches */

typedef struct slot {
  uint64_t first, end;
  size_t nf; /* feasible candidates in the buffers */
  uint64_t *idx;
  double *x, *v, *f, *score;
  uint64_t *hash;
  unsigned *flags; /* pre-selection: MGE_KEEP_* */
  mge_pareto *local;
  mge_design_counts c; /* this batch only (next_index unused) */
  int rc;
  mge_error err;
} slot;

typedef struct scratch {
  unsigned char *cands; /* decoded candidates of the problem's family */
  const void **ptrs;    /* laminate: pointers to them (what eval takes) */
  const void *eval_in;  /* cands, or ptrs for laminates */
  double *cx;           /* x of evaluated candidates */
  uint64_t *cidx;
  double *mout; /* all models' outputs, candidate-major per model */
} scratch;

typedef struct runner {
  const mge_problem *p;
  size_t B;
  size_t csize; /* bytes of one candidate */
  int T, nx, nv, m;
  slot *slots;
  scratch *scr;
  /* kept sets */
  best_k top, sample;
  front_pool front;
  /* round state, read-only for workers */
  int nslots;
  mge_pool *pool; /* T threads, the caller included */
} runner;

static void eval_candidates(runner *R, scratch *S, size_t nc, slot *sl);

/* Sample and evaluate the candidates of one batch into its slot. */
static void run_batch(runner *R, scratch *S, slot *sl) {
  const mge_problem *p = R->p;
  sl->nf = 0;
  memset(&sl->c, 0, sizeof sl->c);
  sl->rc = 0;
  size_t nc = 0;
  for (uint64_t i = sl->first; i < sl->end; i++) {
    double *x = S->cx + nc * (size_t)R->nx;
    double bal;
    if (!mge_problem_sample(p, i, x, &bal)) {
      sl->c.rejected++;
      continue;
    }
    x[p->n_vars] = bal;
    mge_error e;
    int drc = mge_problem_decode_candidate(p, x, S->cands + nc * R->csize, &e);
    if (drc == MGE_E_RANGE) { /* a laminate rule (adjacent plies) broken */
      sl->c.rejected++;
      continue;
    }
    if (drc) {
      sl->c.undefined++;
      continue;
    }
    S->cidx[nc++] = i;
  }
  eval_candidates(R, S, nc, sl);
}

static void eval_candidates(runner *R, scratch *S, size_t nc, slot *sl) {
  const mge_problem *p = R->p;
  for (int j = 0; j < p->n_models; j++) {
    const mge_model *md = p->models[j];
    double *out = S->mout + (size_t)p->model_off[j] * R->B;
    if (nc && md->eval(md, S->eval_in, nc, out, &sl->err)) {
      sl->rc = sl->err.code ? sl->err.code : MGE_E_INTERNAL;
      return;
    }
  }
  const best_k *top = &R->top, *smp = &R->sample;
  for (size_t c = 0; c < nc; c++) {
    double *v = sl->v + sl->nf * (size_t)R->nv;
    for (int k = 0; k < p->n_props; k++) {
      int j = 0;
      while (p->models[j] != p->props[k].model) j++;
      const double *out = S->mout + (size_t)p->model_off[j] * R->B;
      v[k] = out[c * (size_t)p->models[j]->n_out + (size_t)p->props[k].output];
    }
    int undef = 0, infeas = 0;
    for (int k = 0; k < p->n_constraints; k++) {
      const mge_design_constraint *q = &p->constraints[k];
      double a = v[q->prop];
      if (a != a) {
        undef = 1;
        break;
      }
      int ok = 0;
      switch (q->op) {
        case MGE_OP_LT: ok = a < q->value; break;
        case MGE_OP_LE: ok = a <= q->value; break;
        case MGE_OP_GT: ok = a > q->value; break;
        case MGE_OP_GE: ok = a >= q->value; break;
        case MGE_OP_EQ: ok = a == q->value; break;
      }
      if (!ok) infeas = 1;
    }
    double *f = sl->f + sl->nf * (size_t)R->m;
    double score = 0.0;
    for (int k = 0; k < p->n_obj && !undef; k++) {
      const mge_design_objective *o = &p->obj[k];
      double a = v[o->prop];
      if (a != a || a - a != 0.0) undef = 1;
      f[k] = o->sense * a;
      score += o->weight * o->sense * a / o->scale;
    }
    if (undef) {
      sl->c.undefined++;
      continue;
    }
    if (infeas) {
      sl->c.infeasible++;
      continue;
    }
    sl->c.feasible++;
    size_t w = sl->nf;
    uint64_t idx = S->cidx[c];
    sl->idx[w] = idx;
    sl->score[w] = score;
    sl->hash[w] = mge_mix64(idx ^ 0x73616d706c65ULL);
    memcpy(sl->x + w * (size_t)R->nx, S->cx + c * (size_t)R->nx,
           sizeof(double) * (size_t)R->nx);
    unsigned fl = 0;
    key3 kt = {score, idx, 0}, ks = {0.0, sl->hash[w], idx};
    if (bk_admits(top, &kt)) fl |= MGE_KEEP_TOP;
    if (bk_admits(smp, &ks)) fl |= MGE_KEEP_SAMPLE;
    if (p->keep_pareto && !mge_pareto_rejects(R->front.arch, f, idx)) {
      int r = mge_pareto_insert(sl->local, f, idx);
      if (r < 0) {
        sl->rc = mge_error_set(&sl->err, MGE_E_NOMEM, "out of memory");
        return;
      }
      if (r > 0) fl |= MGE_KEEP_FRONT;
    }
    sl->flags[w] = fl;
    sl->nf++;
  }
}

/* ------------------------------------------------------------ pool */

/* One batch of a round on the pool's thread `worker` (its scratch). */
static int round_work(void *ctx, size_t s, int worker) {
  runner *R = ctx;
  slot *sl = &R->slots[s];
  dz_pareto_clear(sl->local);
  run_batch(R, &R->scr[worker], sl);
  return 0; /* a batch's failure is in its slot (sl->rc) */
}

static int run_round(runner *R, mge_error *err) {
  return mge_pool_for(R->pool, (size_t)R->nslots, round_work, R) == 0
             ? MGE_OK
             : mge_error_set(err, MGE_E_INTERNAL, "the pool stopped a round");
}

/* ------------------------------------------------------------ merging */

static int merge_slot(runner *R, slot *sl, mge_error *err) {
  for (size_t w = 0; w < sl->nf; w++) {
    unsigned fl = sl->flags[w];
    if (!fl) continue;
    uint64_t idx = sl->idx[w];
    const double *x = sl->x + w * (size_t)R->nx;
    const double *v = sl->v + w * (size_t)R->nv;
    if (fl & MGE_KEEP_TOP) {
      key3 k = {sl->score[w], idx, 0};
      bk_offer(&R->top, &k, idx, sl->score[w], x, v);
    }
    if (fl & MGE_KEEP_SAMPLE) {
      key3 k = {0.0, sl->hash[w], idx};
      bk_offer(&R->sample, &k, idx, sl->score[w], x, v);
    }
    if (fl & MGE_KEEP_FRONT) {
      int r = mge_pareto_insert(R->front.arch, sl->f + w * (size_t)R->m, idx);
      if (r < 0 || (r > 0 && fp_push(&R->front, idx, sl->score[w], x, v)))
        return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    }
  }
  if (fp_compact(&R->front))
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  if (mge_pareto_size(R->front.arch) > MGE_FRONT_MAX)
    return mge_error_set(err, MGE_E_LIMIT,
                         "the Pareto front has more than %d points; use "
                         "fewer objectives or coarser sampling",
                         MGE_FRONT_MAX);
  return 0;
}

/* The kept set as (index, flags, entry) sorted by index. */
typedef struct kept {
  size_t n, cap;
  mge_design_entry *e;
} kept;

static int cmp_entry(const void *a, const void *b) {
  const mge_design_entry *x = a, *y = b;
  if (x->index != y->index) return x->index < y->index ? -1 : 1;
  return 0;
}

static int kept_add(kept *k, uint64_t idx, unsigned fl, double score,
                    const double *x, const double *v) {
  if (k->n == k->cap) {
    size_t cap = k->cap ? k->cap * 2 : 256;
    mge_design_entry *ne = realloc(k->e, cap * sizeof *ne);
    if (!ne) return -1;
    k->e = ne;
    k->cap = cap;
  }
  mge_design_entry *e = &k->e[k->n++];
  e->index = idx, e->flags = fl, e->score = score, e->x = x, e->v = v;
  return 0;
}

static int kept_build(runner *R, kept *k) {
  k->n = 0;
  for (int i = 0; i < R->top.n; i++)
    if (kept_add(k, R->top.idx[i], MGE_KEEP_TOP, R->top.score[i],
                 R->top.x + (size_t)i * R->nx, R->top.v + (size_t)i * R->nv))
      return -1;
  for (int i = 0; i < R->sample.n; i++)
    if (kept_add(k, R->sample.idx[i], MGE_KEEP_SAMPLE, R->sample.score[i],
                 R->sample.x + (size_t)i * R->nx,
                 R->sample.v + (size_t)i * R->nv))
      return -1;
  for (size_t i = 0; i < R->front.n; i++)
    if (kept_add(k, R->front.idx[i], MGE_KEEP_FRONT, R->front.score[i],
                 R->front.x + i * (size_t)R->nx,
                 R->front.v + i * (size_t)R->nv))
      return -1;
  if (k->n) qsort(k->e, k->n, sizeof *k->e, cmp_entry); /* e may be NULL */
  size_t w = 0; /* merge equal indices */
  for (size_t i = 0; i < k->n; i++) {
    if (w > 0 && k->e[w - 1].index == k->e[i].index)
      k->e[w - 1].flags |= k->e[i].flags;
    else
      k->e[w++] = k->e[i];
  }
  k->n = w;
  return 0;
}

/* Previous kept set: indices and flags. */
typedef struct prev_set {
  size_t n, cap;
  uint64_t *idx;
  unsigned *flags;
} prev_set;

static int prev_store(prev_set *ps, const kept *k) {
  if (k->n > ps->cap) {
    size_t cap = k->n * 2;
    uint64_t *ni = realloc(ps->idx, cap * sizeof *ni);
    if (!ni) return -1;
    ps->idx = ni;
    unsigned *nf = realloc(ps->flags, cap * sizeof *nf);
    if (!nf) return -1;
    ps->flags = nf;
    ps->cap = cap;
  }
  for (size_t i = 0; i < k->n; i++)
    ps->idx[i] = k->e[i].index, ps->flags[i] = k->e[i].flags;
  ps->n = k->n;
  return 0;
}

typedef struct diff_buf {
  size_t nu, nr, capu, capr;
  mge_design_entry *up;
  uint64_t *rm;
} diff_buf;

static int diff(const prev_set *ps, const kept *k, diff_buf *d) {
  d->nu = d->nr = 0;
  size_t need_u = k->n, need_r = ps->n;
  if (need_u > d->capu) {
    mge_design_entry *n = realloc(d->up, need_u * 2 * sizeof *n);
    if (!n) return -1;
    d->up = n, d->capu = need_u * 2;
  }
  if (need_r > d->capr) {
    uint64_t *n = realloc(d->rm, need_r * 2 * sizeof *n);
    if (!n) return -1;
    d->rm = n, d->capr = need_r * 2;
  }
  size_t i = 0, j = 0;
  while (i < ps->n || j < k->n) {
    if (j >= k->n || (i < ps->n && ps->idx[i] < k->e[j].index)) {
      d->rm[d->nr++] = ps->idx[i++];
    } else if (i >= ps->n || k->e[j].index < ps->idx[i]) {
      d->up[d->nu++] = k->e[j++];
    } else {
      if (ps->flags[i] != k->e[j].flags) d->up[d->nu++] = k->e[j];
      i++, j++;
    }
  }
  return 0;
}

/* ------------------------------------------------------------ result */

struct mge_design_result {
  mge_design_counts counts;
  double seconds;
  size_t n[3];
  mge_design_entry *e[3];
  double *data; /* x and v of all entries */
};

static int kind_slot(unsigned kind) {
  return kind == MGE_KEEP_FRONT ? 0 : kind == MGE_KEEP_TOP ? 1 : 2;
}

void mge_design_result_free(mge_design_result *r) {
  if (!r) return;
  for (int i = 0; i < 3; i++) free(r->e[i]);
  free(r->data);
  free(r);
}

const mge_design_counts *mge_design_result_counts(const mge_design_result *r) {
  return &r->counts;
}

size_t mge_design_result_count(const mge_design_result *r, unsigned kind) {
  if (!r || (kind != MGE_KEEP_FRONT && kind != MGE_KEEP_TOP &&
             kind != MGE_KEEP_SAMPLE))
    return 0;
  return r->n[kind_slot(kind)];
}

const mge_design_entry *mge_design_result_get(const mge_design_result *r,
                                              unsigned kind, size_t i) {
  if (i >= mge_design_result_count(r, kind)) return NULL;
  return &r->e[kind_slot(kind)][i];
}

double mge_design_result_seconds(const mge_design_result *r) {
  return r ? r->seconds : 0.0;
}

/* Sort keys of result entries. */
typedef struct sort_item {
  double a;
  uint64_t b;
  size_t src;
} sort_item;

static int cmp_sort_item(const void *x, const void *y) {
  const sort_item *p = x, *q = y;
  if (p->a != q->a) return p->a < q->a ? -1 : 1;
  return p->b < q->b ? -1 : p->b > q->b;
}

static mge_design_result *build_result(runner *R, const kept *k) {
  mge_design_result *res = calloc(1, sizeof *res);
  if (!res) return NULL;
  size_t per = (size_t)(R->nx + R->nv);
  size_t total = (size_t)R->top.n + (size_t)R->sample.n + R->front.n;
  res->data = malloc((total ? total : 1) * per * sizeof(double));
  sort_item *si = malloc((total ? total : 1) * sizeof *si);
  if (!res->data || !si) {
    free(si);
    mge_design_result_free(res);
    return NULL;
  }
  size_t used = 0;
  for (int kind = 0; kind < 3; kind++) {
    size_t n = kind == 0   ? R->front.n
               : kind == 1 ? (size_t)R->top.n
                           : (size_t)R->sample.n;
    res->e[kind] = malloc((n ? n : 1) * sizeof(mge_design_entry));
    if (!res->e[kind]) {
      free(si);
      mge_design_result_free(res);
      return NULL;
    }
    for (size_t i = 0; i < n; i++) {
      uint64_t idx;
      double score;
      const double *x, *v;
      if (kind == 0) {
        idx = R->front.idx[i], score = R->front.score[i];
        x = R->front.x + i * (size_t)R->nx, v = R->front.v + i * (size_t)R->nv;
        si[i].a = R->m > 0 ? R->p->obj[0].sense * v[R->p->obj[0].prop] : 0.0;
      } else {
        const best_k *b = kind == 1 ? &R->top : &R->sample;
        idx = b->idx[i], score = b->score[i];
        x = b->x + i * (size_t)R->nx, v = b->v + i * (size_t)R->nv;
        si[i].a = kind == 1 ? score : 0.0;
      }
      si[i].b = idx;
      si[i].src = used;
      double *d = res->data + used * per;
      memcpy(d, x, sizeof(double) * (size_t)R->nx);
      memcpy(d + R->nx, v, sizeof(double) * (size_t)R->nv);
      mge_design_entry *e = &res->e[kind][i];
      e->index = idx, e->score = score, e->flags = 0;
      used++;
    }
    qsort(si, n, sizeof *si, cmp_sort_item);
    mge_design_entry *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!tmp) {
      free(si);
      mge_design_result_free(res);
      return NULL;
    }
    size_t base = used - n;
    for (size_t i = 0; i < n; i++) {
      size_t s = si[i].src;
      tmp[i] = res->e[kind][s - base];
      tmp[i].x = res->data + s * per;
      tmp[i].v = res->data + s * per + R->nx;
      /* flags: all kinds the candidate belongs to */
      mge_design_entry key = {.index = tmp[i].index};
      const mge_design_entry *hit =
          bsearch(&key, k->e, k->n, sizeof *k->e, cmp_entry);
      tmp[i].flags = hit ? hit->flags : 0;
    }
    free(res->e[kind]);
    res->e[kind] = tmp;
    res->n[kind] = n;
  }
  free(si);
  return res;
}

/* ------------------------------------------------------------ setup */

static void runner_free(runner *R) {
  mge_pool_free(R->pool);
  for (int s = 0; R->slots && s < R->T; s++) {
    slot *sl = &R->slots[s];
    free(sl->idx), free(sl->x), free(sl->v), free(sl->f), free(sl->score),
        free(sl->hash), free(sl->flags);
    mge_pareto_free(sl->local);
  }
  free(R->slots);
  for (int s = 0; R->scr && s < R->T; s++) {
    scratch *S = &R->scr[s];
    free(S->cands), free(S->ptrs), free(S->cx), free(S->cidx), free(S->mout);
  }
  free(R->scr);
  bk_free(&R->top);
  bk_free(&R->sample);
  mge_pareto_free(R->front.arch);
  free(R->front.idx), free(R->front.score), free(R->front.x), free(R->front.v),
      free(R->front.ids);
}

static int runner_init(runner *R, const mge_problem *p, int T, size_t B,
                       mge_error *err) {
  memset(R, 0, sizeof *R);
  R->p = p, R->T = T, R->B = B;
  R->csize = mge_problem_candidate_size(p);
  R->nx = p->n_vars + 1, R->nv = p->n_props, R->m = p->n_obj;
  int bad = 0;
  bad |= bk_init(&R->top, p->keep_top, R->nx, R->nv);
  bad |= bk_init(&R->sample, p->keep_sample, R->nx, R->nv);
  R->front.arch = mge_pareto_new(R->m);
  R->front.m = R->m, R->front.nx = R->nx, R->front.nv = R->nv;
  R->slots = calloc((size_t)T, sizeof *R->slots);
  R->scr = calloc((size_t)T, sizeof *R->scr);
  if (bad || !R->front.arch || !R->slots || !R->scr)
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  for (int s = 0; s < T; s++) {
    slot *sl = &R->slots[s];
    sl->idx = malloc(B * sizeof *sl->idx);
    sl->x = malloc(B * (size_t)R->nx * sizeof(double));
    sl->v = malloc(B * (size_t)(R->nv ? R->nv : 1) * sizeof(double));
    sl->f = malloc(B * (size_t)R->m * sizeof(double));
    sl->score = malloc(B * sizeof(double));
    sl->hash = malloc(B * sizeof(uint64_t));
    sl->flags = malloc(B * sizeof(unsigned));
    sl->local = mge_pareto_new(R->m);
    scratch *S = &R->scr[s];
    S->cands = malloc(B * R->csize);
    S->ptrs = malloc(B * sizeof *S->ptrs);
    S->eval_in = S->cands;
    if (S->cands && S->ptrs && p->fam->by_pointer) {
      for (size_t i = 0; i < B; i++) S->ptrs[i] = S->cands + i * R->csize;
      S->eval_in = S->ptrs;
    }
    S->cx = malloc(B * (size_t)R->nx * sizeof(double));
    S->cidx = malloc(B * sizeof(uint64_t));
    S->mout =
        malloc(B * (size_t)(p->n_values ? p->n_values : 1) * sizeof(double));
    if (!sl->idx || !sl->x || !sl->v || !sl->f || !sl->score || !sl->hash ||
        !sl->flags || !sl->local || !S->cands || !S->ptrs || !S->cx ||
        !S->cidx || !S->mout)
      return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  return 0;
}

static int start_threads(runner *R, mge_error *err) {
  R->pool = mge_pool_new(R->T, err);
  return R->pool ? MGE_OK : (err && err->code ? err->code : MGE_E_INTERNAL);
}

/* ------------------------------------------------------------ resume */

static int cmp_u64_flags(const void *a, const void *b) {
  return cmp_u64(a, b);
}

/* Rebuild the kept sets from a checkpoint: re-create each kept candidate
 * from its index (samples are pure functions of the index) and offer it to
 * the sets it was in. */
static int restore(runner *R, const mge_design_checkpoint *cp, mge_error *err) {
  const mge_problem *p = R->p;
  scratch *S = &R->scr[0];
  slot *sl = &R->slots[0];
  for (size_t off = 0; off < cp->n; off += R->B) {
    size_t n = cp->n - off < R->B ? cp->n - off : R->B;
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
      uint64_t idx = cp->index[off + i];
      double *x = S->cx + nc * (size_t)R->nx, bal;
      if (idx >= p->n || !mge_problem_sample(p, idx, x, &bal))
        return mge_error_set(err, MGE_E_INPUT,
                             "checkpoint does not match the problem "
                             "(candidate %llu)",
                             (unsigned long long)idx);
      x[p->n_vars] = bal;
      if (mge_problem_decode_candidate(p, x, S->cands + nc * R->csize, err))
        return err ? err->code : MGE_E_INPUT;
      S->cidx[nc++] = idx;
    }
    dz_pareto_clear(sl->local);
    sl->nf = 0;
    memset(&sl->c, 0, sizeof sl->c);
    sl->rc = 0;
    eval_candidates(R, S, nc, sl);
    if (sl->rc) {
      if (err) *err = sl->err;
      return sl->rc;
    }
    if (sl->nf != nc)
      return mge_error_set(err, MGE_E_INPUT,
                           "checkpoint does not match the problem (a kept "
                           "candidate is no longer feasible)");
    for (size_t w = 0; w < sl->nf; w++) {
      /* candidates come back in checkpoint order */
      sl->flags[w] = cp->flags[off + w] &
                     (MGE_KEEP_FRONT | MGE_KEEP_TOP | MGE_KEEP_SAMPLE);
    }
    int rc = merge_slot(R, sl, err);
    if (rc) return rc;
  }
  (void)cmp_u64_flags;
  return 0;
}

/* ------------------------------------------------------------ run */

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void add_counts(mge_design_counts *a, const mge_design_counts *b) {
  a->rejected += b->rejected;
  a->undefined += b->undefined;
  a->infeasible += b->infeasible;
  a->feasible += b->feasible;
}

int mge_design_run(const mge_problem *p, const mge_design_opts *opts,
                   const mge_design_sink *sink, mge_design_result **out,
                   mge_error *err) {
  *out = NULL;
  mge_design_opts o = {0};
  if (opts) o = *opts;
  int T = o.threads;
  if (T <= 0) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    T = c > 0 ? (int)c : 1;
  }
  if (T > 256) T = 256;
  size_t B = o.batch ? o.batch : 8192;
  if (B > (1u << 20)) B = 1u << 20;
  /* bounded scratch: large candidates (a glass recipe is ~10 kB) get
   * smaller batches; results do not depend on the batch size */
  size_t cmax = ((size_t)16 << 20) / mge_problem_candidate_size(p);
  if (cmax < 256) cmax = 256;
  if (B > cmax) B = cmax;
  double t0 = now_s();
  runner R;
  int rc = runner_init(&R, p, T, B, err);
  mge_design_counts counts = {0};
  kept cur = {0};
  prev_set prev = {0};
  diff_buf d = {0};
  int do_sink = sink && (sink->write_batch || sink->commit);
  if (!rc && o.resume) {
    mge_design_checkpoint cp = {0};
    if (!sink || !sink->read_checkpoint)
      rc = mge_error_set(err, MGE_E_INPUT, "nothing to resume from");
    else
      rc = sink->read_checkpoint(sink->ctx, &cp, err);
    if (!rc && cp.found) {
      counts = cp.counts;
      rc = restore(&R, &cp, err);
      if (!rc && do_sink) {
        rc = kept_build(&R, &cur) || prev_store(&prev, &cur)
                 ? mge_error_set(err, MGE_E_NOMEM, "out of memory")
                 : 0;
      }
    }
  }
  if (!rc) rc = start_threads(&R, err);
  while (!rc && counts.next_index < p->n) {
    if (o.stop && *o.stop) {
      rc = mge_error_set(err, MGE_E_INTERRUPT, "interrupted");
      break;
    }
    if (o.stop_after && counts.next_index >= o.stop_after) {
      rc = mge_error_set(err, MGE_E_INTERRUPT, "stopped after %llu candidates",
                         (unsigned long long)counts.next_index);
      break;
    }
    /* the round ends at the last candidate, or exactly at stop_after */
    uint64_t lim = p->n;
    if (o.stop_after && o.stop_after < lim) lim = o.stop_after;
    uint64_t left = lim - counts.next_index;
    uint64_t nb = (left + B - 1) / B;
    R.nslots = nb < (uint64_t)T ? (int)nb : T;
    for (int s = 0; s < R.nslots; s++) {
      R.slots[s].first = counts.next_index + (uint64_t)s * B;
      uint64_t e = R.slots[s].first + B;
      R.slots[s].end = e < lim ? e : lim;
    }
    rc = run_round(&R, err);
    for (int s = 0; s < R.nslots && !rc; s++) {
      slot *sl = &R.slots[s];
      if (sl->rc) {
        if (err) *err = sl->err;
        rc = sl->rc;
        break;
      }
      if ((rc = merge_slot(&R, sl, err))) break;
      add_counts(&counts, &sl->c);
      counts.next_index = sl->end;
      if (do_sink) {
        if (kept_build(&R, &cur) || diff(&prev, &cur, &d)) {
          rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
          break;
        }
        mge_design_delta dl = {sl->first, sl->end, d.nu,  d.up,
                               d.nr,      d.rm,    counts};
        if (sink->write_batch &&
            (rc = sink->write_batch(sink->ctx, p, &dl, err)))
          break;
        if (sink->commit && (rc = sink->commit(sink->ctx, &counts, err))) break;
        if (prev_store(&prev, &cur)) {
          rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
          break;
        }
      }
      if (o.progress) o.progress(o.progress_user, &counts, p->n);
    }
  }
  if (!rc || rc == MGE_E_INTERRUPT) {
    int brc = kept_build(&R, &cur);
    mge_design_result *res = brc ? NULL : build_result(&R, &cur);
    if (!res) {
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
    } else {
      res->counts = counts;
      res->seconds = now_s() - t0;
      *out = res;
    }
  }
  free(cur.e);
  free(prev.idx), free(prev.flags);
  free(d.up), free(d.rm);
  runner_free(&R);
  return rc;
}
