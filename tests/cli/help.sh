#!/usr/bin/env bash
# mge help, the nearest-name suggestions for a mistyped command or option,
# and the shared options (an option anywhere on the line takes effect; a
# missing or bad value is refused with exit 2 and the option named).
set -u
: "${MGE:?MGE must name the mge binary}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp
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
  "laminate fail" "learn fit" "glass visc fit" version; do
  # shellcheck disable=SC2086
  run help $c
  check "help $c exits 0" test "$rc" -eq 0
  check "help $c has a usage line" grep -q "usage: mge ${c%% *}" "$tmp/out"
  # shellcheck disable=SC2086
  check "help $c == $c --help" cmp -s "$tmp/out" <("$MGE" $c --help)
done

# version takes no arguments (an unknown one is refused, not ignored).
run version --bogus
check "version --bogus exits 2" test "$rc" -eq 2
check "version --bogus names it" grep -qF "'--bogus'" "$tmp/err"
run --version
check "--version prints the version" grep -qE '^mge [0-9]' "$tmp/out"

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

# The shared options behave the same in every command: a bad or missing
# value is refused with exit 2 and the option named; a typo gets the
# nearest option.
for c in "featurize x.csv --column c" "design x.yaml" "learn cv steels"; do
  # shellcheck disable=SC2086
  run $c --threads 0
  check "$c --threads 0 exits 2" test "$rc" -eq 2
  check "$c --threads 0: bounds" grep -qF -- "--threads wants an integer in 1..256, not '0'" "$tmp/err"
  # shellcheck disable=SC2086
  run $c --threads
  check "$c --threads: exit 2" test "$rc" -eq 2
  check "$c --threads: needs a value" grep -qF -- "--threads needs a value N" "$tmp/err"
  # shellcheck disable=SC2086
  run $c --thread 2
  check "$c --thread: did you mean" grep -qF -- "did you mean '--threads'?" "$tmp/err"
done
for c in "models" "db runs" "learn datasets" "design x.yaml"; do
  # shellcheck disable=SC2086
  run $c --db
  check "$c --db: exit 2" test "$rc" -eq 2
  check "$c --db: needs a value" grep -qF -- "--db needs a value PATH" "$tmp/err"
done
run db runs --db "$tmp/none.db"
check "db: --db after the subcommand" grep -qF "no database at $tmp/none.db" "$tmp/err"
run db --db "$tmp/none.db" runs
check "db: --db before the subcommand" grep -qF "no database at $tmp/none.db" "$tmp/err"
run learn --beta 100 suggest d --space x.yaml
check "--beta: open bound" grep -qF -- "--beta wants a number in [0, 100), not '100'" "$tmp/err"
run comp --to=wt Fe
check "--to=wt" grep -qE '^element +wt%$' "$tmp/out"
run db rnus
check "db: a subcommand typo" grep -qF "did you mean 'runs'?" "$tmp/err"
run learn datset
check "learn: a subcommand typo" grep -qF "did you mean 'datasets'?" "$tmp/err"

exit $((fails > 0))
