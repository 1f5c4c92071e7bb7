/* libFuzzer target for the CSV reader of src/featurize and the featurize
 * stream over it. The first byte picks the read size (1..16 bytes or all at
 * once) and the wanted field; the rest is the CSV text. Checks invariants:
 * a record's raw text lies in the input, the wanted field is no longer than
 * the record, lines only grow. Then the whole stream goes through
 * mge_featurize_csv (column "c", alloy set) into a memory file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/csv.h"
#include "mge/featurize.h"

typedef struct mem {
  const char *s;
  size_t len, at, step;
} mem;

static long mem_read(void *ctx, char *dst, size_t cap) {
  mem *m = ctx;
  size_t n = m->len - m->at;
  if (n > cap) n = cap;
  if (n > m->step) n = m->step;
  memcpy(dst, m->s + m->at, n);
  m->at += n;
  return (long)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned ctl = data[0];
  size_t step = (ctl & 15) ? (ctl & 15) : (size_t)1 << 20;
  int want = (int)((ctl >> 4) & 3) - 1; /* -1..2 */
  mem m = {(const char *)data + 1, size - 1, 0, step};
  mge_csv *r = mge_csv_new(mem_read, &m, "fuzz", 512);
  if (!r) return 0;
  mge_csv_rec rec;
  mge_error err;
  long last = 0;
  int rc;
  while ((rc = mge_csv_next(r, want, &rec, &err)) == 1) {
    if (rec.line < last || rec.nfields < 1 || rec.raw_len > size) abort();
    last = rec.line;
    for (int i = 0; i < rec.nfield; i++)
      if (strlen(rec.field[i]) > rec.field_len[i] || /* NUL inside: shorter */
          rec.field[i][rec.field_len[i]] != 0 || rec.field_len[i] > rec.raw_len)
        abort();
  }
  if (rc < 0 && (err.code != -rc || err.message[0] == 0)) abort();
  mge_csv_free(r);

  FILE *in = fmemopen((void *)(data + 1), size - 1, "rb");
  char *obuf = NULL;
  size_t olen = 0;
  FILE *out = open_memstream(&obuf, &olen);
  if (in && out && size > 1) {
    mge_featurize_csv_opts o;
    mge_featurize_csv_opts_init(&o);
    o.column = "c";
    o.set = MGE_FEATURES_ALLOY;
    o.chunk_rows = 1 + (int)(ctl % 7);
    o.max_record = 512;
    mge_featurize_csv_stats st;
    rc = mge_featurize_csv(in, "fuzz", out, &o, &st, &err);
    if (rc != MGE_OK && err.message[0] == 0) abort();
    if (st.rows_failed > st.rows) abort();
  }
  if (in) fclose(in);
  if (out) fclose(out);
  free(obuf);
  return 0;
}
