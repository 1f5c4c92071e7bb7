#!/usr/bin/env bash
# Before/after check for refactors: builds REV (default HEAD) in a temporary
# worktree, runs every command of tools/compare_outputs.cmds with that build
# and with the working tree's build (BUILD, default build/), and diffs
# stdout, stderr, exit codes and every file written. Timings, paths and
# dates are masked. Usage: tools/compare_outputs.sh [REV]
# Exit 0 when identical, 1 with the differences printed.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-HEAD}
build=${BUILD:-$src/build}
work=$(mktemp -d /tmp/mge-compare.XXXXXX)
trap 'git -C "$src" worktree remove --force "$work/ref" >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
git -C "$src" worktree add --detach "$work/ref" "$rev" >/dev/null 2>&1 ||
  { echo "compare_outputs: cannot check out $rev" >&2; exit 2; }
cmake -S "$work/ref" -B "$work/ref-build" -DCMAKE_BUILD_TYPE=Release \
  -DMGE_BUILD_TESTS=OFF -DMGE_BUILD_BENCH=OFF >/dev/null &&
  cmake --build "$work/ref-build" -j "$(nproc)" --target mge_cli >/dev/null ||
  { echo "compare_outputs: cannot build $rev" >&2; exit 2; }

mask() { # timings, temporary paths, dates and versions vary between runs
  sed -E -e "s#$1#<DIR>#g" -e "s#$src#<SRC>#g" -e "s#$work/ref#<SRC>#g" \
    -e 's/"(elapsed|seconds|time|created|wall|rate|t_s|elapsed_s|throughput)[a-z_]*": *[-0-9.e+]+/"\1": T/g' \
    -e 's/[0-9.]+ (s|ms|µs|us)( |,|\)|$)/T \1\2/g' \
    -e 's/[0-9.e+]+ (candidates|rows|cand)\/s/R \1\/s/g' \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:]{8}(Z|\.[0-9]+)?/DATE/g' \
    -e 's/[0-9a-f]{64}/HASH/g' -e 's/mge [0-9]+\.[0-9]+\.[0-9]+[^ ]*/mge VERSION/g'
}

run_all() { # $1 binary, $2 source tree, $3 out folder
  local n=0 dir line
  mkdir -p "$3"
  dir=$(mktemp -d "$work/run.XXXXXX")
  while IFS= read -r line; do
    case "$line" in '#'* | '') continue ;; esac
    n=$((n + 1))
    (cd "$dir" && MGE="$1" SRC="$2" eval "$line" >"$3/$n.out" 2>"$3/$n.err" </dev/null
     echo "rc $?" >"$3/$n.rc")
    for f in "$dir"/*; do
      case "$f" in *.db | *.db-wal | *.db-shm | *"*") continue ;; esac
      mv "$f" "$3/$n.file.$(basename "$f")"
    done
    for f in "$3/$n".*; do mask "$dir" <"$f" >"$f.m" && mv "$f.m" "$f"; done
    sed -i -e "s#$2#<SRC>#g" "$3/$n".* 
    echo "$line" >"$3/$n.cmd"
  done <"$src/tools/compare_outputs.cmds"
  rm -rf "$dir"
}

cmake --build "$build" -j "$(nproc)" --target mge_cli >/dev/null ||
  { echo "compare_outputs: cannot build the working tree in $build" >&2; exit 2; }
run_all "$work/ref-build/mge" "$work/ref" "$work/before"
run_all "$build/mge" "$src" "$work/after"
if diff -r "$work/before" "$work/after" >"$work/diff"; then
  echo "compare_outputs: $(ls "$work/before"/*.cmd | wc -l) commands, outputs identical to $rev"
  exit 0
fi
cat "$work/diff"
echo "compare_outputs: outputs differ from $rev (above)"
exit 1
