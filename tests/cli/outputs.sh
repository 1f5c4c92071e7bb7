#!/usr/bin/env bash
# Every output file is atomic (mge_file): written to a temporary beside the
# target and renamed on success. A failed write (a missing folder, a full
# device, a file-size limit hit half way) exits non-zero, leaves the old
# file as it was and no temporary behind.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
check() { # name, command...
  local name=$1; shift
  if ! "$@"; then echo "FAIL: $name"; fail=1; fi
}
S=$MGE_SRC
ENV=$S/examples/composite/wwfe_case2_ud_lY556.yaml
IONEX=$S/examples/glass/ionex_aas.yaml
STEELS=$S/data/ml/matbench_steels.csv
only_old() { # the folder holds exactly the files named (no temporary)
  test "$(cd "$t" && ls -A | sort | tr '\n' ' ')" = "$*"
}

# success: the file is replaced whole, its mode kept
printf 'old\n' >"$t/env.csv"
chmod 640 "$t/env.csv"
"$MGE" laminate envelope "$ENV" --csv "$t/env.csv" --svg "$t/env.svg" 2>"$t/err"
check "envelope writes" test $? -eq 0
check "csv replaced" grep -q '^criterion,direction_deg' "$t/env.csv"
check "svg written" grep -q '</svg>' "$t/env.svg"
check "mode kept" test "$(stat -c %a "$t/env.csv")" = 640
check "no temporary left" only_old "env.csv env.svg err "

# a folder that is not there: bad usage (2), nothing created
for cmd in "laminate envelope $ENV --csv" "laminate envelope $ENV --svg" \
           "glass ionex $IONEX --csv" "glass ionex $IONEX --svg" \
           "featurize $STEELS --column composition -o"; do
  $MGE $cmd "$t/missing/out" >/dev/null 2>"$t/err"
  check "missing folder exits 2: $cmd" test $? -eq 2
  check "missing folder says so: $cmd" grep -q 'missing/out.*cannot write' "$t/err"
done
check "missing folder: nothing created" test ! -e "$t/missing"

# a device that refuses the bytes: internal failure (1)
if [ -w /dev/full ]; then
  "$MGE" laminate envelope "$ENV" --csv /dev/full 2>"$t/err"
  check "/dev/full csv exits 1" test $? -eq 1
  check "/dev/full csv says why" grep -q '/dev/full: cannot write: No space' "$t/err"
  "$MGE" glass ionex "$IONEX" --svg /dev/full >/dev/null 2>"$t/err"
  check "/dev/full svg exits 1" test $? -eq 1
fi

# a write that fails half way (the file-size limit, SIGXFSZ ignored so that
# write() fails with EFBIG): the old file stays whole, no temporary is left
rm -f "$t"/*
for f in env.csv env.svg ionex.csv feat.csv; do printf 'old %s\n' $f >"$t/$f"; done
limited() { (trap '' XFSZ; ulimit -f 2; "$@") >/dev/null 2>>"$t/err.log"; }
limited "$MGE" laminate envelope "$ENV" --csv "$t/env.csv"
check "size limit csv exits 1" test $? -eq 1
limited "$MGE" laminate envelope "$ENV" --svg "$t/env.svg"
check "size limit svg exits 1" test $? -eq 1
limited "$MGE" glass ionex "$IONEX" --csv "$t/ionex.csv"
check "size limit ionex csv exits 1" test $? -eq 1
limited "$MGE" featurize "$STEELS" --column composition -o "$t/feat.csv"
check "size limit featurize exits 1" test $? -eq 1
for f in env.csv env.svg ionex.csv feat.csv; do
  check "old $f intact" test "$(cat "$t/$f")" = "old $f"
done
check "size limit: no temporary left" only_old "env.csv env.svg err.log feat.csv ionex.csv "
check "size limit: the reason is given" grep -q 'File too large' "$t/err.log"

[ $fail -eq 0 ] && echo ok
exit $fail
