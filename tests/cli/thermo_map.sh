#!/usr/bin/env bash
# mge thermo map: binary Al-Mg diagram on COST 507 with CSV and SVG.
set -eu
D=$MGE_SRC/data/thermo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MGE" thermo map "$D/cost507R.tdb" --el AL,MG --T 650:950:10 --nx 16 \
  --svg "$tmp/almg.svg" --csv "$tmp/almg.csv" --json >"$tmp/m.json"
head -1 "$tmp/almg.csv" | grep -q '^T_K,phase1,x1,phase2,x2$'
[ "$(wc -l <"$tmp/almg.csv")" -gt 20 ]
grep -q '<svg' "$tmp/almg.svg"
grep -q 'LIQUID' "$tmp/almg.svg"
python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["axis"]=="MG"
assert any(abs(i["T_K"]-723.25)<0.5 for i in d["invariants"]), d["invariants"]
assert "LIQUID" in d["fields"]' "$tmp/m.json"
set +e
"$MGE" thermo map "$D/cost507R.tdb" --el AL,MG,ZN --T 650:950 >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ]
# isothermal section of Al-Mg-Zn at 700 K: every grid point converges
"$MGE" thermo map "$D/cost507R.tdb" --el AL,MG,ZN --T 700 --div 12 \
  --svg "$tmp/sec.svg" --json >"$tmp/s.json"
grep -q '<polygon' "$tmp/sec.svg"
python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["failed_points"]==[], d["failed_points"]
assert d["n_tielines"]>10 and "LIQUID" in d["fields"], d' "$tmp/s.json"
"$MGE" thermo map --help | grep -q usage
echo ok
