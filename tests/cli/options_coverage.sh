#!/usr/bin/env bash
# Every option that a --help text names has a case in a tests/cli script
# (other than this one): an option cannot be added without a test that shows
# it takes effect or is refused (issue 21). The help texts are those of every
# command and subcommand; -h/--help themselves are left out.
set -u
: "${MGE_SRC:?MGE_SRC must name the source root}" "${MGE_BUILD:?MGE_BUILD must name the build folder}"
MGE="$MGE_BUILD/mge"
fails=0
help=$(mktemp)
trap 'rm -f "$help"' EXIT
for c in elements comp alloy featurize design models db learn thermo glass laminate micro \
  allowables version "thermo info" "thermo eq" "thermo step" "thermo scheil" "thermo map" \
  "glass props" "glass visc" "glass ionex" "learn import" "learn fit" "learn cv" \
  "learn predict" "learn suggest" "learn matbench" "db runs" "db show" "db export"; do
  # shellcheck disable=SC2086
  "$MGE" $c --help >>"$help" 2>&1
done
n=0
for o in $(grep -oE -- '--[a-z][a-z0-9-]*' "$help" | sort -u); do
  [ "$o" = "--help" ] && continue
  n=$((n + 1))
  if ! grep -lF -- "$o" "$MGE_SRC"/tests/cli/*.sh | grep -qv 'options_coverage.sh$'; then
    echo "FAIL: option $o (in a --help text) has no case in tests/cli"
    fails=$((fails + 1))
  fi
done
check_n() { [ "$n" -ge 40 ] || { echo "FAIL: only $n options found in the help texts"; fails=$((fails + 1)); }; }
check_n
[ "$fails" -eq 0 ] && echo "options_coverage: $n options, each with a case"
exit "$fails"
