#!/usr/bin/env bash
# mge help, the nearest-name suggestions for a mistyped command or option,
# and the shared options (an option anywhere on the line takes effect; a
# missing or bad value is refused with exit 2 and the option named).
set -u
: "${MGE:?MGE must name the mge binary}"
fails=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then :; else echo "FAIL: $what"; fails=$((fails + 1)); fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { # stdout, stderr and exit code of mge "$@" into $tmp/{out,err}, $rc
  "$MGE" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
}

# mge help lists every command; mge --help prints the same.
run help
check "help exits 0" test "$rc" -eq 0
for c in version elements comp alloy featurize design models db learn thermo \
  glass laminate micro allowables; do
  check "help lists $c" grep -qE "^  $c " "$tmp/out"
done
check "help == --help" cmp -s "$tmp/out" <("$MGE" --help)

# mge help COMMAND [SUB] prints what mge COMMAND [SUB] --help prints.
for c in elements comp alloy featurize design models db learn thermo glass \
  laminate micro allowables "thermo eq" "thermo scheil" "glass props" \
  "laminate fail" "learn fit"; do
  # shellcheck disable=SC2086
  run help $c
  check "help $c exits 0" test "$rc" -eq 0
  check "help $c has a usage line" grep -q "usage: mge ${c%% *}" "$tmp/out"
  # shellcheck disable=SC2086
  check "help $c == $c --help" cmp -s "$tmp/out" <("$MGE" $c --help)
done

# A mistyped command: the nearest name, exit 2; none when nothing is close.
run therm
check "therm exits 2" test "$rc" -eq 2
check "therm: did you mean thermo" \
  grep -qxF "mge: error: unknown command 'therm'; did you mean 'thermo'?" "$tmp/err"
check "nothing on stdout" test ! -s "$tmp/out"
run elemnts Fe
check "elemnts: did you mean elements" grep -qF "did you mean 'elements'?" "$tmp/err"
run nosuchcommand
check "no suggestion far away" test "$rc" -eq 2
check "no did-you-mean" sh -c "! grep -q 'did you mean' '$tmp/err'"
check "the list instead" grep -q "^commands:" "$tmp/err"
run help therm
check "help therm exits 2" test "$rc" -eq 2
check "help therm suggests" grep -qF "did you mean 'thermo'?" "$tmp/err"

# A mistyped option: the nearest option of that command, exit 2.
run elements Fe --jsn
check "--jsn exits 2" test "$rc" -eq 2
check "--jsn: did you mean --json" \
  grep -qxF "mge: error: elements: unknown option '--jsn'; did you mean '--json'?" "$tmp/err"
run elements --json=1
check "a flag takes no value" grep -qF "elements: --json takes no value" "$tmp/err"
run elements Fe --json
check "an option after the arguments" grep -q '"symbol": "Fe"' "$tmp/out"

exit $((fails > 0))
