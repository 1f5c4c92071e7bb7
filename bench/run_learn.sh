#!/usr/bin/env bash
# Featurize-and-fit on matbench_expt_gap, mge against Python (pymatgen +
# XGBoost / scikit-learn from Debian) in the same run, then the Bayesian
# optimization replay on the five experimental pools.
# usage: bench/run_learn.sh BUILD_DIR [SEEDS]
set -eu
build=${1:-build}
seeds=${2:-10}
src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "== learn: featurize + fit, matbench_expt_gap (4,604 rows, magpie)"
"$build/bench/bench_learn" --skip-bo --threads 2 | tee "$out"
if /usr/bin/python3 -c 'import pymatgen.core, xgboost, sklearn' 2>/dev/null; then
  /usr/bin/python3 "$src/bench/learn_peer.py" "$src" 2 | tee -a "$out"
  python3 - "$out" <<'PY'
import sys
t = {}
for line in open(sys.argv[1]):
    f = line.split()
    t[(f[2], f[3])] = (float(f[9]), float(f[11]), float(f[13]))
for m in ("xgb", "ridge"):
    a, b = t.get(("mge", m)), t.get(("python", m))
    if a and b:
        print(f"ratio python/mge {m}: featurize {b[0] / a[0]:.1f}x, fit "
              f"{b[1] / a[1]:.2f}x, total {b[2] / a[2]:.2f}x")
PY
else
  echo "(python3-pymatgen, python3-xgboost or python3-sklearn missing: no peer)"
fi
echo "== learn: Bayesian optimization replay ($seeds seeds)"
"$build/bench/bench_learn" --skip-fit --seeds "$seeds"
