#!/usr/bin/env bash
# mge thermo info: readable and JSON listings; errors exit 2 with file:line:col.
set -eu
D=$MGE_SRC/data/thermo
out=$("$MGE" thermo info "$D/fixtures/alfe.tdb")
grep -q "B2_BCC .*disordered part BCC_A2" <<<"$out"
grep -q "FCC_A1 .*magnetic afm -3 p 0.28" <<<"$out"
"$MGE" thermo info "$D/cost507R.tdb" --json | python3 -c '
import json,sys
d=json.load(sys.stdin)
assert len(d["phases"])==191, len(d["phases"])
assert any(p["name"]=="AL12MG17" and len(p["sublattices"])==3 for p in d["phases"])
assert "REF78" in d["references"]
'
"$MGE" thermo info --help | grep -q usage
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
printf 'ELEMENT AL FCC 27 0 0 !\nFUNCTION F 298 1+*T; 6000 N !\n' >"$tmp"
set +e
msg=$("$MGE" thermo info "$tmp" 2>&1)
rc=$?
set -e
[ "$rc" -eq 2 ]
grep -q ":2:18: unexpected character" <<<"$msg"
# a missing database is bad input (exit 2) for every thermo command, and
# the message names the path
missing=/nonexistent.tdb
for args in "info $missing" "eq $missing --comp AL-10MG --T 700K" \
  "eq $missing --batch $tmp" "step $missing --comp AL-10MG --T 700:800" \
  "scheil $missing --comp AL-10MG --T 900" \
  "map $missing --el AL,MG --T 600:900" "map $missing --el AL,MG,ZN --T 700"; do
  set +e
  # shellcheck disable=SC2086
  msg=$("$MGE" thermo $args 2>&1 >/dev/null)
  rc=$?
  set -e
  [ "$rc" -eq 2 ] || { echo "thermo $args: exit $rc, not 2" >&2; exit 1; }
  grep -q "^mge: error: $missing: cannot open: " <<<"$msg" ||
    { echo "thermo $args: $msg" >&2; exit 1; }
done
echo ok
