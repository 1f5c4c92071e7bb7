#!/usr/bin/env bash
# mge design with family: glass: the cover-glass example runs, its front is
# non-empty and within the space and the constraint, the labels are recipes
# that `mge glass props` reads back to the same density, the compound columns
# are stored in the database, and mistakes exit 2 naming file:line:column.
set -u
: "${MGE:?MGE must name the mge binary}" "${MGE_SRC:?MGE_SRC must name the source root}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp

cp "$MGE_SRC/examples/glass_cover.yaml" "$tmp/glass.yaml"
"$MGE" design "$tmp/glass.yaml" --json --quiet >"$tmp/g.json" 2>"$tmp/g.err"; rc=$?
check "glass example exits 0" test "$rc" -eq 0
check "plot beside the db" test -s "$tmp/glass-run1.svg"
check "front non-empty, in the space, under the working-temperature bound" \
  python3 - "$tmp/g.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["complete"] and r["problem"]["basis"] == "mol%", r["problem"]
c = r["counts"]
assert c["rejected"] + c["undefined"] + c["infeasible"] + c["feasible"] == c["total"]
assert c["feasible"] > 0 and c["rejected"] > 0, c
assert len(r["front"]) > 0 and len(r["top"]) == 20
bounds = {"SiO2": (55, 70), "Al2O3": (12, 22), "Na2O": (11, 18), "MgO": (0, 5),
          "B2O3": (0, 6.5), "K2O": (0, 1)}
for e in r["front"] + r["top"]:
    a = e["amounts"]
    assert set(a) == set(bounds), a
    assert abs(sum(a.values()) - 100) < 1e-9, a
    for k, (lo, hi) in bounds.items():
        assert lo - 1e-9 <= a[k] <= hi + 1e-9, (k, a)
    v = e["values"]
    assert v["glass.visc_temps.T_working"] < 1250 + 273.15, v
    assert 2000 < v["glass.density"] < 3000 and 5e10 < v["glass.elastic.young_modulus"] < 1.2e11, v
# the front is ordered by density and trades it against the modulus
f = r["front"]
for x, y in zip(f, f[1:]):
    assert x["values"]["glass.density"] <= y["values"]["glass.density"]
    assert x["values"]["glass.elastic.young_modulus"] < y["values"]["glass.elastic.young_modulus"]
PY
label=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["front"][0]["label"])' "$tmp/g.json")
rho=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["front"][0]["values"]["glass.density"])' "$tmp/g.json")
"$MGE" glass props "$label" --json >"$tmp/props.json"; rc=$?
check "glass props reads the label '$label'" test "$rc" -eq 0
check "label gives the same density (3 digits of the amounts)" python3 - "$tmp/props.json" "$rho" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
d = p["properties"]["density"]["value"]
assert abs(d - float(sys.argv[2])) < 2.0, (d, sys.argv[2])
PY
"$MGE" db export 1 --csv --db "$tmp/mge.db" >"$tmp/e.csv"
check "db columns are the compounds in mol%" grep -q 'Al2O3 \[mol%\]' "$tmp/e.csv"
check "db balance column" grep -q 'SiO2 \[mol%\]' "$tmp/e.csv"

# Mistakes: exit 2, file:line:column.
bad() { # name, expected "file:line:col" suffix, message part, then the text
  local name=$1 where=$2 msg=$3
  printf '%s' "$4" >"$tmp/$name.yaml"
  "$MGE" design "$tmp/$name.yaml" --db "$tmp/bad.db" >/dev/null 2>"$tmp/$name.err"; local rc=$?
  check "$name exits 2" test "$rc" -eq 2
  check "$name names $where" grep -q "$name.yaml:$where" "$tmp/$name.err"
  check "$name says '$msg'" grep -qF "$msg" "$tmp/$name.err"
}
bad alloyprop 8:14 "property alloy.density is for alloy candidates, not glass" \
'family: glass
space:
  composition:
    basis: mol%
    balance: SiO2
    Na2O: [10, 20]
sampler: {kind: random, n: 10}
properties: [alloy.density]
objectives: [{minimize: glass.density}]
'
bad compound 6:5 "unknown compound 'Nq2O'" \
'family: glass
space:
  composition:
    basis: mol%
    balance: SiO2
    Nq2O: [10, 20]
sampler: {kind: random, n: 10}
objectives: [{minimize: glass.density}]
'
bad basis 4:12 "expected mol% or wt% for a glass" \
'family: glass
space:
  composition:
    basis: at%
    balance: SiO2
    Na2O: [10, 20]
sampler: {kind: random, n: 10}
objectives: [{minimize: glass.density}]
'
check "no run was stored for the mistakes" test ! -e "$tmp/bad.db"

[ "$fails" -eq 0 ] && echo "design_glass.sh: all passed"
exit "$fails"
