#!/usr/bin/env bash
# bench/compare.sh [REV]: the same benchmarks for REV (default HEAD~1) and
# for the working tree's build (BUILD, default build/), in one run,
# interleaved (A B A B ...) so that both see the same machine load. Prints
# each figure's best of REPS (default 3) runs per side and the ratio
# after/before. Figures: bench_design (candidates/s, 1 and 2 threads),
# bench_thermo (ms per point and per run), and `mge featurize` on ROWS
# (default 500000) random alloys (CPU seconds, alloy and magpie sets).
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-HEAD~1}
build=${BUILD:-$src/build}
REPS=${REPS:-3}
ROWS=${ROWS:-500000}
work=$(mktemp -d /tmp/mge-bench.XXXXXX)
trap 'git -C "$src" worktree remove --force "$work/ref" >/dev/null 2>&1; rm -rf "$work"' EXIT
git -C "$src" worktree add --detach "$work/ref" "$rev" >/dev/null 2>&1 ||
  { echo "bench/compare: cannot check out $rev" >&2; exit 2; }
cmake -S "$work/ref" -B "$work/ref-build" -DCMAKE_BUILD_TYPE=Release \
  -DMGE_BUILD_TESTS=OFF >/dev/null &&
  cmake --build "$work/ref-build" -j "$(nproc)" >/dev/null ||
  { echo "bench/compare: cannot build $rev" >&2; exit 2; }
cmake --build "$build" -j "$(nproc)" >/dev/null ||
  { echo "bench/compare: cannot build $build" >&2; exit 2; }
export OPENBLAS_NUM_THREADS=1
"$build/bench/bench_featurize" gen "$ROWS" "$work/alloys.csv" >/dev/null

# Every figure a benchmark prints as "KEY ... NUMBER UNIT": one line a
# figure, "name<TAB>value<TAB>better" (better: hi or lo).
figures() { # build-dir
  "$1/bench/bench_design" | sed -nE \
    -e 's/^ *1 thread *: *([0-9]+) candidates\/s.*/design 1 thread (cand\/s)\t\1\thi/p' \
    -e 's/^ *2 threads: *([0-9]+) candidates\/s.*/design 2 threads (cand\/s)\t\1\thi/p' \
    -e 's/.*SQLite sink.*: ([0-9]+) candidates\/s.*/design SQLite sink (cand\/s)\t\1\thi/p'
  "$1/bench/bench_thermo" | sed -nE \
    -e 's/^binary Al-Mg.* ([0-9.]+) ms\/pt cpu.*/thermo binary point (ms cpu)\t\1\tlo/p' \
    -e 's/^Mg-Al-Zn-Mn.* ([0-9.]+) ms\/pt cpu.*/thermo Mg-Al-Zn-Mn point (ms cpu)\t\1\tlo/p' \
    -e 's/^AZ91 step.*: [0-9.]+ ms wall ([0-9.]+) ms cpu.*/thermo AZ91 step (ms cpu)\t\1\tlo/p' \
    -e 's/^Al-Mg diagram.*: [0-9.]+ ms wall ([0-9.]+) ms cpu.*/thermo Al-Mg map (ms cpu)\t\1\tlo/p' \
    -e 's/^AZ91 Scheil.*: [0-9.]+ ms wall ([0-9.]+) ms cpu.*/thermo AZ91 Scheil (ms cpu)\t\1\tlo/p'
  for set in alloy magpie; do
    for t in 1 2; do
      /usr/bin/time -f '%U %S' -o "$work/t" "$1/mge" featurize "$work/alloys.csv" \
        --column formula --set $set --threads $t -o /dev/null >/dev/null 2>&1
      printf 'featurize %s %d thread(s) (CPU s)\t%s\tlo\n' $set $t \
        "$(awk '{print $1 + $2}' "$work/t")"
    done
  done
}

for i in $(seq "$REPS"); do
  figures "$work/ref-build" >>"$work/before"
  figures "$build" >>"$work/after"
done
python3 - "$work/before" "$work/after" "$rev" <<'PY'
import sys
def best(path):
    d = {}
    for line in open(path):
        k, v, b = line.rstrip("\n").split("\t")
        v = float(v)
        d.setdefault(k, (v, b))
        if (b == "hi" and v > d[k][0]) or (b == "lo" and v < d[k][0]):
            d[k] = (v, b)
    return d
a, b = best(sys.argv[1]), best(sys.argv[2])
print("%-36s %14s %14s %8s" % ("figure (best of runs)", sys.argv[3], "working tree", "ratio"))
for k in a:
    va, hb = a[k]
    vb = b.get(k, (float("nan"), hb))[0]
    r = (vb / va if hb == "hi" else va / vb) if va and vb else float("nan")
    print("%-36s %14.4g %14.4g %7.2fx" % (k, va, vb, r))
print("ratio > 1: the working tree is faster")
PY
