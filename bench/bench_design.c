/* bench_design: the design engine on 10 million alloy candidates.
 *
 * Problem: Al-Co-Cr-Fe-Ni (at%, Ni balance; 5 elements), random sampler,
 * the alloy descriptors (density, cost, delta, dHmix, VEC, omega), one
 * constraint, two objectives (density, cost), top-20, Pareto front, plot
 * sample of 1000. Reports candidates per second on 1 and 2 threads, the
 * scaling, and the peak resident memory (getrusage) after a run of N/10 and
 * after runs of N candidates: equal peaks mean memory stays flat.
 * Usage: bench_design [N] (default 10000000). Also times the SQLite sink on
 * N/10 candidates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "mge/design.h"
#include "mge/store.h"

static const char *const tmpl =
    "name: bench\nfamily: alloy\n"
    "space: {composition: {basis: at%%, balance: Ni, Al: [0, 20],"
    " Co: [5, 30], Cr: [5, 30], Fe: [5, 30]}}\n"
    "sampler: {kind: random, n: %llu, seed: 1}\n"
    "properties: [alloy.density, alloy.cost, alloy.delta, alloy.dHmix,"
    " alloy.VEC, alloy.omega]\n"
    "constraints: [alloy.VEC >= 7.0]\n"
    "objectives: [{minimize: alloy.density, scale: 0.1 g/cm3},"
    " {minimize: alloy.cost}]\n"
    "keep: {top: 20, pareto: true, sample: 1000}\n";

static double cpu_s(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
         (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

static long peak_kb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* Returns candidates per wall second; *per_cpu gets candidates per CPU
 * second (the rate a dedicated core would give when the machine is shared). */
static double run(const mge_registry *reg, unsigned long long n, int threads,
                  const mge_design_sink *sink, size_t *front, double *per_cpu) {
  char text[1024];
  snprintf(text, sizeof text, tmpl, n);
  mge_problem *p;
  mge_error err;
  if (mge_problem_parse(text, strlen(text), "bench", reg, NULL, &p, &err)) {
    fprintf(stderr, "bench_design: %s\n", err.message);
    exit(1);
  }
  mge_design_opts o = {0};
  o.threads = threads;
  mge_design_result *r;
  double c0 = cpu_s();
  if (mge_design_run(p, &o, sink, &r, &err)) {
    fprintf(stderr, "bench_design: %s\n", err.message);
    exit(1);
  }
  double rate = (double)n / mge_design_result_seconds(r);
  if (per_cpu) *per_cpu = (double)n / (cpu_s() - c0);
  if (front) *front = mge_design_result_count(r, MGE_KEEP_FRONT);
  mge_design_result_free(r);
  mge_problem_free(p);
  return rate;
}

int main(int argc, char **argv) {
  unsigned long long n = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000ULL;
  if (n < 10) n = 10;
  mge_error err;
  mge_registry *reg = mge_registry_builtin(&err);
  if (!reg) return 1;
  size_t front = 0;
  double c1, c2;
  double r_small = run(reg, n / 10, 2, NULL, NULL, NULL);
  long kb_small = peak_kb();
  double r1 = run(reg, n, 1, NULL, &front, &c1);
  double r2 = run(reg, n, 2, NULL, NULL, &c2);
  long kb_big = peak_kb();
  printf(
      "bench_design: %llu candidates, 5 elements, 6 descriptors, 2 "
      "objectives (front %zu)\n",
      n, front);
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  printf("  1 thread : %10.0f candidates/s  (%.0f per CPU-second)\n", r1, c1);
  printf(
      "  2 threads: %10.0f candidates/s  (%.0f per CPU-second; wall "
      "scaling %.2fx; %ld CPUs online, shared machines scale less)\n",
      r2, c2, r2 / r1, ncpu);
  printf("  2 threads on %llu: %.0f candidates/s\n", n / 10, r_small);
  printf("  peak RSS : %ld kB after %llu, %ld kB after %llu (flat: %s)\n",
         kb_small, n / 10, kb_big, n,
         kb_big <= kb_small + kb_small / 10 ? "yes" : "no");
  char path[] = "/tmp/mge_bench_XXXXXX";
  int fd = mkstemp(path);
  if (fd >= 0) {
    close(fd);
    mge_store *st;
    int64_t id;
    char text[1024];
    snprintf(text, sizeof text, tmpl, n / 10);
    mge_problem *p;
    if (!mge_store_open(path, &st, &err) &&
        !mge_problem_parse(text, strlen(text), "bench", reg, NULL, &p, &err)) {
      if (!mge_store_run_create(st, p, &id, &err)) {
        mge_design_sink sink;
        mge_store_sink(st, id, &sink);
        double rs = run(reg, n / 10, 2, &sink, NULL, NULL);
        printf("  with the SQLite sink (2 threads, %llu): %.0f candidates/s\n",
               n / 10, rs);
      }
      mge_problem_free(p);
      mge_store_close(st);
    }
    unlink(path);
    char side[64];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
  }
  mge_registry_free(reg);
  return 0;
}
