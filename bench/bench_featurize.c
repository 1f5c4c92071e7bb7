/* bench_featurize: inputs and in-process timings for bench/run.sh.
 *
 *   bench_featurize gen N OUT.csv [SEED]   write "id,formula" with N random
 *       alloys of 2-5 elements, fractions in hundredths summing to 1
 *       ("Fe0.31Ni0.2Cr0.49"); OUT "-" is stdout
 *   bench_featurize lib IN.csv SET         time mge_featurize_text on the
 *       formulas of IN.csv (column 2) in this process, one thread, and
 *       print "lib SET rows seconds rows_per_s"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mge/featurize.h"

static const char *const metals[] = {"Al", "Co", "Cr", "Cu", "Fe", "Mn", "Mo",
                                     "Nb", "Ni", "Ti", "V",  "W",  "Zr", "Hf",
                                     "Ta", "Mg", "Zn", "Si", "Sn", "Pd"};
#define NMETALS (int)(sizeof metals / sizeof metals[0])

static unsigned long long rng;
static unsigned rnd(unsigned n) {
  rng = rng * 6364136223846793005ull + 1442695040888963407ull;
  return (unsigned)((rng >> 33) % n);
}

static int gen(long long n, const char *path, unsigned long long seed) {
  FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
  if (!f) {
    perror(path);
    return 1;
  }
  rng = seed;
  static char buf[1 << 16];
  setvbuf(f, buf, _IOFBF, sizeof buf);
  fputs("id,formula\n", f);
  for (long long i = 0; i < n; i++) {
    int k = 2 + (int)rnd(4), pick[5], parts[5];
    for (int j = 0; j < k; j++) {
      int again;
      do {
        pick[j] = (int)rnd(NMETALS);
        again = 0;
        for (int q = 0; q < j; q++) again |= pick[q] == pick[j];
      } while (again);
    }
    /* k - 1 distinct cut points in 1..99, sorted: uniform on the simplex
     * of hundredths. */
    int cut[6];
    cut[0] = 0;
    for (int j = 1; j < k; j++) {
      int again;
      do {
        cut[j] = 1 + (int)rnd(99);
        again = 0;
        for (int q = 1; q < j; q++) again |= cut[q] == cut[j];
      } while (again);
      for (int q = j; q > 1 && cut[q - 1] > cut[q]; q--) {
        int t = cut[q];
        cut[q] = cut[q - 1], cut[q - 1] = t;
      }
    }
    cut[k] = 100;
    for (int j = 0; j < k; j++) parts[j] = cut[j + 1] - cut[j];
    fprintf(f, "%lld,", i + 1);
    for (int j = 0; j < k; j++) {
      int p = parts[j];
      if (p % 10 == 0)
        fprintf(f, "%s0.%d", metals[pick[j]], p / 10);
      else
        fprintf(f, "%s0.%02d", metals[pick[j]], p);
    }
    fputc('\n', f);
  }
  if (f != stdout) return fclose(f) != 0;
  return fflush(f) != 0;
}

static int lib(const char *path, const char *setname) {
  mge_feature_set set;
  mge_error err;
  if (mge_feature_set_parse(setname, &set, &err)) {
    fprintf(stderr, "%s\n", err.message);
    return 2;
  }
  FILE *f = fopen(path, "r");
  if (!f) {
    perror(path);
    return 1;
  }
  /* Load the formulas first: only featurization is timed. */
  size_t cap = 1 << 20, n = 0, len = 0;
  char *text = malloc(cap), line[512];
  size_t *off = malloc(sizeof *off * (cap / 8));
  size_t offcap = cap / 8;
  if (!fgets(line, sizeof line, f)) return 1; /* header */
  while (fgets(line, sizeof line, f)) {
    char *c = strchr(line, ',');
    if (!c) continue;
    c++;
    c[strcspn(c, "\r\n")] = 0;
    size_t l = strlen(c) + 1;
    if (len + l > cap) text = realloc(text, cap *= 2);
    if (n == offcap) off = realloc(off, sizeof *off * (offcap *= 2));
    memcpy(text + len, c, l);
    off[n++] = len;
    len += l;
  }
  fclose(f);
  mge_featurizer *fz;
  if (mge_featurizer_new(set, &fz, &err)) return 1;
  double *v = malloc(sizeof *v * (size_t)mge_featurizer_count(fz)), sum = 0;
  struct timespec t0, t1;
  long long bad = 0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (size_t i = 0; i < n; i++) {
    if (mge_featurize_text(fz, text + off[i], v, &err))
      bad++;
    else
      sum += v[0];
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double dt =
      (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  printf("lib %s %zu %.3f %.0f (failed %lld, checksum %.6g)\n", setname, n, dt,
         (double)n / dt, bad, sum);
  free(v);
  free(text);
  free(off);
  mge_featurizer_free(fz);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 4 && strcmp(argv[1], "gen") == 0)
    return gen(atoll(argv[2]), argv[3],
               argc > 4 ? strtoull(argv[4], NULL, 10) : 42);
  if (argc == 4 && strcmp(argv[1], "lib") == 0) return lib(argv[2], argv[3]);
  fprintf(stderr,
          "usage: bench_featurize gen N OUT.csv [SEED]\n"
          "       bench_featurize lib IN.csv magpie|alloy|all\n");
  return 2;
}
