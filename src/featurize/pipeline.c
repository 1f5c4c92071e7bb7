/* mge_featurize_csv: an ordered loop on the core pool (mge/pool.h).
 *
 * Item i reads the i-th chunk of up to chunk_rows records (the items take
 * the reader in index order, one at a time) and featurizes it; the calling
 * thread writes the chunks in index order as they are done. A ring of
 * 2 threads + 2 chunks (the loop's window) is reused, so memory does not
 * grow with the input. With one thread everything runs in the calling
 * thread, in the same order, through the same functions.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "featurize/internal.h"
#include "mge/csv.h"
#include "mge/pool.h"

#define CHUNK_RAW_MAX (1u << 20) /* a chunk closes past this many raw bytes */
#define VAL_MAX 32               /* bytes of one formatted value */

typedef struct chunk {
  int n, rec_cap;
  char *raw; /* raw records, concatenated */
  size_t raw_len, raw_cap;
  size_t *raw_off; /* n + 1 offsets into raw */
  char *comp;      /* composition fields, each NUL-terminated */
  size_t comp_len, comp_cap;
  size_t *comp_off;
  char *out; /* the featurized rows */
  size_t out_len, out_cap;
  long long failed;
  int status; /* MGE_OK, or a failure of the worker (out of memory) */
  mge_error err;
} chunk;

typedef struct job {
  const mge_featurizer *fz;
  int nfeat, digits;
} job;

static void chunk_free(chunk *c) {
  if (!c) return;
  free(c->raw);
  free(c->raw_off);
  free(c->comp);
  free(c->comp_off);
  free(c->out);
  free(c);
}

static int grow(char **p, size_t *cap, size_t need) {
  if (need <= *cap) return 0;
  size_t n = *cap ? *cap : 4096;
  while (n < need) n *= 2;
  char *q = realloc(*p, n);
  if (!q) return -1;
  *p = q;
  *cap = n;
  return 0;
}

/* Append a record (raw text and its composition field) to c. */
static int chunk_add(chunk *c, const mge_csv_rec *rec) {
  if (c->n + 1 >= c->rec_cap) {
    int n = c->rec_cap ? 2 * c->rec_cap : 256;
    size_t *a = realloc(c->raw_off, (size_t)(n + 1) * sizeof *a);
    if (a) c->raw_off = a;
    size_t *b = realloc(c->comp_off, (size_t)(n + 1) * sizeof *b);
    if (b) c->comp_off = b;
    if (!a || !b) return -1;
    c->rec_cap = n;
  }
  size_t clen = rec->field_len[0];
  if (grow(&c->raw, &c->raw_cap, c->raw_len + rec->raw_len) ||
      grow(&c->comp, &c->comp_cap, c->comp_len + clen + 1))
    return -1;
  c->raw_off[c->n] = c->raw_len;
  memcpy(c->raw + c->raw_len, rec->raw, rec->raw_len);
  c->raw_len += rec->raw_len;
  c->raw_off[c->n + 1] = c->raw_len;
  c->comp_off[c->n] = c->comp_len;
  memcpy(c->comp + c->comp_len, rec->field[0], clen + 1);
  c->comp_len += clen + 1;
  c->n++;
  return 0;
}

static int is_space(char ch) {
  return ch == ' ' || ch == '\t';
}

/* Featurize every record of c into c->out. */
static void chunk_work(const job *j, chunk *c) {
  double vals[MGE_MAGPIE_FEATURES + FEAT_ALLOY_N];
  char msg[MGE_ERROR_MSG_MAX + 64];
  size_t row_max = (size_t)j->nfeat * (VAL_MAX + 1) + 2 * sizeof msg + 8;
  c->out_len = 0;
  c->failed = 0;
  c->status = MGE_OK;
  for (int i = 0; i < c->n; i++) {
    size_t rlen = c->raw_off[i + 1] - c->raw_off[i];
    if (grow(&c->out, &c->out_cap, c->out_len + rlen + row_max)) {
      c->status = mge_error_set(&c->err, MGE_E_NOMEM, "out of memory");
      return;
    }
    char *o = c->out + c->out_len;
    memcpy(o, c->raw + c->raw_off[i], rlen);
    o += rlen;
    /* The composition, without surrounding blanks. */
    char *t = c->comp + c->comp_off[i];
    size_t flen =
        (i + 1 < c->n ? c->comp_off[i + 1] : c->comp_len) - c->comp_off[i] - 1;
    int has_nul = strlen(t) != flen;
    int lead = 0;
    while (is_space(*t)) t++, lead++;
    size_t tl = strlen(t);
    while (tl > 0 && is_space(t[tl - 1])) t[--tl] = 0;
    mge_error e;
    int rc;
    e.code = 0;
    if (has_nul)
      rc = mge_error_set(&e, MGE_E_INPUT, "NUL character in the composition");
    else if (tl == 0)
      rc = mge_error_set(&e, MGE_E_INPUT, "empty composition");
    else
      rc = mge_featurize_text(j->fz, t, vals, &e);
    if (rc == MGE_OK) {
      for (int k = 0; k < j->nfeat; k++) {
        *o++ = ',';
        if (isnan(vals[k]))
          memcpy(o, "NaN", 3), o += 3;
        else
          o += mge_format_g(vals[k], j->digits, o);
      }
      *o++ = ',';
    } else {
      c->failed++;
      for (int k = 0; k <= j->nfeat; k++) *o++ = ',';
      int len;
      if (e.column > 0)
        len = snprintf(msg, sizeof msg, "at character %d: %s", e.column + lead,
                       e.message);
      else
        len = snprintf(msg, sizeof msg, "%s", e.message);
      if (len < 0) len = 0;
      if ((size_t)len >= sizeof msg) len = (int)sizeof msg - 1;
      o += mge_csv_escape(o, msg, (size_t)len);
    }
    *o++ = '\n';
    c->out_len = (size_t)(o - c->out);
  }
}

/* ---------------------------------------------------------------- stages */

typedef struct pipe {
  job j;
  mge_csv *csv;
  const char *source;
  int want, nfields, chunk_rows;
  FILE *out;
  chunk **chunks; /* ring: item i uses chunks[i % nchunks] */
  int nchunks;
  /* the reader, taken by the items in index order */
  pthread_mutex_t rmu;
  pthread_cond_t rturn;
  size_t rnext; /* the item whose turn it is to read */
  int rend;     /* the input ended (or failed) */
  int rstatus;  /* a reader error, with rerr */
  mge_error rerr;
  int status; /* first failure of a worker or the writer */
  mge_error err;
  long long rows, failed;
} pipe_t;

#define PIPE_END 0x7ffe /* an item past the end of the input */

/* Fill c from the reader. Returns the number of records in c; *rerr is
 * set to the (positive) status of a reader error that ended the chunk, with
 * err filled, or 0. */
static int fill(pipe_t *p, chunk *c, int *rerr, mge_error *err) {
  c->n = 0;
  c->raw_len = c->comp_len = 0;
  *rerr = 0;
  while (c->n < p->chunk_rows && c->raw_len < CHUNK_RAW_MAX) {
    mge_csv_rec rec;
    int rc = mge_csv_next(p->csv, p->want, &rec, err);
    if (rc == 0) break;
    if (rc < 0) {
      *rerr = -rc;
      break;
    }
    if (rec.nfields != p->nfields) {
      *rerr = mge_error_set_at(err, MGE_E_INPUT, p->source, (int)rec.line, 1,
                               "malformed CSV: record has %d field%s, the "
                               "header has %d",
                               rec.nfields, rec.nfields == 1 ? "" : "s",
                               p->nfields);
      break;
    }
    if (chunk_add(c, &rec)) {
      *rerr = mge_error_set(err, MGE_E_NOMEM, "out of memory");
      break;
    }
  }
  return c->n;
}

static int write_chunk(pipe_t *p, const chunk *c, mge_error *err) {
  if (c->status) {
    *err = c->err;
    return c->status;
  }
  if (c->out_len && fwrite(c->out, 1, c->out_len, p->out) != c->out_len)
    return mge_error_set(err, MGE_E_IO, "write failed: %s", strerror(errno));
  return MGE_OK;
}

/* Item i: read chunk i (in turn), featurize it. */
static int item_work(void *ctx, size_t i, int worker) {
  (void)worker;
  pipe_t *p = ctx;
  chunk *c = p->chunks[i % (size_t)p->nchunks];
  pthread_mutex_lock(&p->rmu);
  while (p->rnext != i) pthread_cond_wait(&p->rturn, &p->rmu);
  int got = 0;
  c->n = 0;
  if (!p->rend) {
    int rerr;
    got = fill(p, c, &rerr, &p->rerr);
    if (rerr) p->rstatus = rerr;
    if (rerr || got == 0) p->rend = 1;
  }
  p->rnext++;
  pthread_cond_broadcast(&p->rturn);
  pthread_mutex_unlock(&p->rmu);
  if (got == 0) return PIPE_END;
  chunk_work(&p->j, c);
  return 0;
}

/* Chunk i is done: write it (on the calling thread, in index order). */
static int item_done(void *ctx, size_t i) {
  pipe_t *p = ctx;
  const chunk *c = p->chunks[i % (size_t)p->nchunks];
  mge_error e;
  int rc = write_chunk(p, c, &e);
  if (rc) {
    p->status = rc, p->err = e;
    return rc;
  }
  p->rows += c->n;
  p->failed += c->failed;
  return 0;
}

/* Returns MGE_OK or the reader's status (a writer or worker failure is in
 * p->status). */
static int run(pipe_t *p, int threads, mge_error *err) {
  mge_pool *pool = mge_pool_new(threads, err);
  if (!pool) return err && err->code ? err->code : MGE_E_NOMEM;
  pthread_mutex_init(&p->rmu, NULL);
  pthread_cond_init(&p->rturn, NULL);
  int st = mge_pool_for_ordered(pool, SIZE_MAX, (size_t)p->nchunks, item_work,
                                item_done, p);
  mge_pool_free(pool);
  pthread_mutex_destroy(&p->rmu);
  pthread_cond_destroy(&p->rturn);
  if (st && st != PIPE_END && !p->status)
    return mge_error_set(err, st, "featurize: the pool failed");
  if (p->rstatus && err) *err = p->rerr;
  return p->rstatus;
}

/* ------------------------------------------------------------- the entry */

void mge_featurize_csv_opts_init(mge_featurize_csv_opts *o) {
  memset(o, 0, sizeof *o);
  o->set = MGE_FEATURES_MAGPIE;
  o->threads = 1;
  o->digits = 10;
  o->chunk_rows = 2048;
  o->max_record = 1u << 20;
}

/* Header: find the column, write the output header. */
static int header(pipe_t *p, const char *column, mge_error *err) {
  mge_csv_rec rec;
  int rc = mge_csv_next(p->csv, -1, &rec, err);
  if (rc < 0) return -rc;
  if (rc == 0)
    return mge_error_set_at(err, MGE_E_INPUT, p->source, 1, 0,
                            "empty input: a header line naming the columns "
                            "is required");
  p->nfields = rec.nfields;
  p->want = -1;
  for (int i = 0; i < rec.nfield && p->want < 0; i++) {
    const char *name = rec.field[i];
    if (i == 0 && strncmp(name, "\xEF\xBB\xBF", 3) == 0) name += 3;
    if (strcmp(name, column) == 0) p->want = i;
  }
  if (p->want < 0) {
    char list[256];
    size_t at = 0;
    list[0] = 0;
    for (int i = 0; i < rec.nfield && at + 8 < sizeof list; i++) {
      int w = snprintf(list + at, sizeof list - at, "%s'%s'", i ? ", " : "",
                       rec.field[i]);
      if (w < 0) break;
      at += (size_t)w;
    }
    if (at >= sizeof list) strcpy(list + sizeof list - 5, "...");
    return mge_error_set_at(err, MGE_E_INPUT, p->source, (int)rec.line, 1,
                            "no column '%s' in the header (columns: %s)",
                            column, list);
  }
  size_t cap = rec.raw_len + 16;
  for (int k = 0; k < p->j.nfeat; k++)
    cap += strlen(mge_featurizer_name(p->j.fz, k)) + 1;
  char *h = malloc(cap);
  if (!h) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  size_t n = 0;
  memcpy(h, rec.raw, rec.raw_len);
  n = rec.raw_len;
  for (int k = 0; k < p->j.nfeat; k++) {
    const char *nm = mge_featurizer_name(p->j.fz, k);
    size_t l = strlen(nm);
    h[n++] = ',';
    memcpy(h + n, nm, l);
    n += l;
  }
  memcpy(h + n, ",error\n", 7);
  n += 7;
  rc = fwrite(h, 1, n, p->out) == n
           ? MGE_OK
           : mge_error_set(err, MGE_E_IO, "write failed: %s", strerror(errno));
  free(h);
  return rc;
}

int mge_featurize_csv(FILE *in, const char *in_name, FILE *out,
                      const mge_featurize_csv_opts *opts,
                      mge_featurize_csv_stats *stats, mge_error *err) {
  mge_featurize_csv_opts o;
  mge_featurize_csv_opts_init(&o);
  if (opts) o = *opts;
  if (stats) stats->rows = stats->rows_failed = 0;
  if (!in || !out || !o.column || !o.column[0])
    return mge_error_set(err, MGE_E_INPUT,
                         "featurize: an input, an output and a column name "
                         "are required");
  if (o.threads < 1 || o.threads > 256)
    return mge_error_set(err, MGE_E_INPUT, "threads must be 1..256 (got %d)",
                         o.threads);
  if (o.digits < 1 || o.digits > 17)
    return mge_error_set(err, MGE_E_INPUT, "digits must be 1..17 (got %d)",
                         o.digits);
  if (o.chunk_rows < 1) o.chunk_rows = 2048;
  if (o.max_record == 0) o.max_record = 1u << 20;

  pipe_t p;
  memset(&p, 0, sizeof p);
  p.source = in_name ? in_name : "<stdin>";
  p.out = out;
  p.chunk_rows = o.chunk_rows;
  p.j.digits = o.digits;
  mge_featurizer *fz = NULL;
  int rc = mge_featurizer_new(o.set, &fz, err);
  if (rc) return rc;
  p.j.fz = fz;
  p.j.nfeat = mge_featurizer_count(fz);
  p.nchunks = o.threads == 1 ? 1 : 2 * o.threads + 2;
  p.csv = mge_csv_new(mge_csv_read_stdio, in, p.source, o.max_record);
  p.chunks = calloc((size_t)p.nchunks, sizeof *p.chunks);
  if (!p.csv || !p.chunks)
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  for (int i = 0; rc == MGE_OK && i < p.nchunks; i++)
    if (!(p.chunks[i] = calloc(1, sizeof *p.chunks[i])))
      rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  if (rc == MGE_OK) rc = header(&p, o.column, err);
  if (rc == MGE_OK) rc = run(&p, o.threads, err);
  /* A writer or worker failure outranks a reader error after it. */
  if (p.status > 0) {
    if (err) *err = p.err;
    rc = p.status;
  }
  if (rc == MGE_OK && fflush(out) != 0)
    rc = mge_error_set(err, MGE_E_IO, "write failed: %s", strerror(errno));
  if (stats) stats->rows = p.rows, stats->rows_failed = p.failed;
  for (int i = 0; p.chunks && i < p.nchunks; i++) chunk_free(p.chunks[i]);
  free(p.chunks);
  mge_csv_free(p.csv);
  mge_featurizer_free(fz);
  return rc;
}
