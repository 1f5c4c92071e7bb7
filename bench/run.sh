#!/usr/bin/env bash
# bench/run.sh BUILD_DIR: every benchmark of mge, in one run (`make bench`).
# Each prints its own figures and, where a peer program is installable from
# Debian (pymatgen, XGBoost, scikit-learn), the ratio against it. Timing
# figures depend on what else the machine is doing: run on an idle machine.
set -u
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
rc=0
run() { echo; echo "######## $*"; "$@" || { echo "bench failed: $*"; rc=1; }; }
export OPENBLAS_NUM_THREADS=1
run bash "$here/run_featurize.sh" "$build"
run "$build/bench/bench_design"
run "$build/bench/bench_thermo"
run "$build/bench/bench_composite"
run "$build/bench/bench_glass"
run bash "$here/run_learn.sh" "$build"
exit $rc
