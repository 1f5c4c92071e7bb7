#!/usr/bin/env bash
# bench/run_featurize.sh BUILD_DIR: the featurize benchmark (bench/run.sh runs it).
#
# 1. Generates ROWS (default 1,000,000) random alloys of 2-5 elements
#    ("Fe0.31Ni0.2Cr0.49") with build/bench/bench_featurize.
# 2. Times `mge featurize` on that file for the alloy and magpie sets at 1 and
#    2 threads (output to /dev/null: formatting is timed, disk is not).
# 3. Peak resident memory (/usr/bin/time) for BIG_ROWS (default 10,000,000)
#    rows streamed through a pipe, against the 1M-row file: it must be flat.
# 4. Runs pymatgen (bench/pymatgen_peer.py with Debian's /usr/bin/python3) on
#    the first PEER_ROWS (default 20,000) rows of the same file: parse + mass
#    fractions + mean electronegativity, and prints the per-row rate ratio.
# Environment: ROWS, BIG_ROWS (0 skips step 3), PEER_ROWS (0 skips step 4),
# BENCH_DIR (scratch directory, default a temporary one).
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
mge=$build/mge
gen=$build/bench/bench_featurize
ROWS=${ROWS:-1000000}
BIG_ROWS=${BIG_ROWS:-10000000}
PEER_ROWS=${PEER_ROWS:-20000}
for f in "$mge" "$gen"; do
  [ -x "$f" ] || { echo "bench: $f not built (make build first)" >&2; exit 1; }
done
work=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
in=$work/alloys.csv

now() { date +%s.%N; }
rate() { python3 -c "import sys; d = float(sys.argv[2]); print('%.0f' % (float(sys.argv[1]) / d) if d > 0 else 0)" "$@"; }

echo "== featurize benchmark: $ROWS random alloys of 2-5 elements ($(nproc) CPUs)"
"$gen" gen "$ROWS" "$in"
echo "input: $in ($(du -h "$in" | cut -f1)), e.g. $(sed -n 2p "$in")"

# One timed run: wall and CPU seconds (user + sys) from /usr/bin/time when
# it is there (the CPU time shows the cost when other jobs share the cores).
timed() { # out-file, command...
  local o=$1; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %U %S %M" -o "$o" "$@"
  else
    local t0 t1; t0=$(now); "$@"; t1=$(now)
    python3 -c "import sys; print('%.3f 0 0 0' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1" >"$o"
  fi
}

declare -A R C
for set in alloy magpie; do
  for t in 1 2; do
    timed "$work/t" "$mge" featurize "$in" --column formula --set "$set" --threads "$t" -o /dev/null
    read -r wall usr sys rss <"$work/t"
    R[$set$t]=$(rate "$ROWS" "$wall")
    cpu=$(python3 -c "print('%.2f' % ($usr + $sys))")
    C[$set$t]=$(rate "$ROWS" "$cpu")
    printf 'mge featurize --set %-6s --threads %d: %7.3f s wall %10s rows/s | %6s s CPU %10s rows per CPU-s | %6s KiB\n' \
      "$set" "$t" "$wall" "${R[$set$t]}" "$cpu" "$(rate "$ROWS" "$cpu")" "$rss"
  done
done
"$gen" lib "$in" alloy | sed 's/^/in-process (library, 1 thread): /'
"$gen" lib "$in" magpie | sed 's/^/in-process (library, 1 thread): /'

if [ "$BIG_ROWS" -gt 0 ] && [ -x /usr/bin/time ]; then
  echo "== peak memory (max resident set, /usr/bin/time)"
  for set in alloy magpie; do
    /usr/bin/time -f "%M" -o "$work/rss1" "$mge" featurize "$in" --column formula \
      --set "$set" --threads 2 -o /dev/null
    t0=$(now)
    "$gen" gen "$BIG_ROWS" - 7 | /usr/bin/time -f "%M" -o "$work/rss2" \
      "$mge" featurize - --column formula --set "$set" --threads 2 -o /dev/null
    t1=$(now)
    printf 'peak RSS --set %-6s: %6d KiB for %d rows, %6d KiB for %d rows (stdin, %.1f s)\n' \
      "$set" "$(cat "$work/rss1")" "$ROWS" "$(cat "$work/rss2")" "$BIG_ROWS" \
      "$(python3 -c "print($t1 - $t0)")"
  done
elif [ "$BIG_ROWS" -gt 0 ]; then
  echo "== peak memory: skipped (/usr/bin/time not installed)"
fi

if [ "$PEER_ROWS" -gt 0 ]; then
  echo "== peer: pymatgen (parse + mass fractions + mean electronegativity)"
  if /usr/bin/python3 -c 'import pymatgen.core' 2>/dev/null; then
    line=$(/usr/bin/python3 "$here/pymatgen_peer.py" "$in" "$PEER_ROWS" formula)
    echo "$line ($(/usr/bin/python3 -c 'import pymatgen.core as p; print("pymatgen", getattr(p, "__version__", "?"))'))"
    peer=$(echo "$line" | awk '{print $4}')
    peer_cpu=$(echo "$line" | awk '{print $6}')
    python3 - "$peer" "${R[alloy1]}" "${R[alloy2]}" "${R[magpie1]}" "${R[magpie2]}" \
      "$peer_cpu" "${C[alloy1]}" "${C[magpie1]}" <<'PY'
import sys
peer, a1, a2, m1, m2, pc, ac, mc = map(float, sys.argv[1:])
print("pymatgen: %.0f rows/s wall, %.0f rows per CPU-s (1 thread, on the subset)"
      % (peer, pc))
print("ratio mge/pymatgen, wall rows/s: alloy set %.0fx (1 thread), %.0fx "
      "(2 threads); magpie set %.0fx (1 thread), %.0fx (2 threads)"
      % (a1 / peer, a2 / peer, m1 / peer, m2 / peer))
if ac > 0 and pc > 0:
    print("ratio mge/pymatgen, rows per CPU-second (1 thread): alloy set "
          "%.0fx, magpie set %.0fx" % (ac / pc, mc / pc))
PY
  else
    echo "pymatgen not importable by /usr/bin/python3 (apt-get install python3-pymatgen): skipped"
  fi
fi
