#!/usr/bin/env bash
# mge design with a thermo: section: the Al casting example runs; the
# liquidus, solidus, freezing range and phase amount of a kept candidate
# equal what `mge thermo step` / `mge thermo eq` give for the same
# composition (to 0.1 K and 1e-6); the single-output models agree with the
# combined one; every thermo mistake exits 2 with file:line:column.
# Under ASan the example runs with 32 candidates instead of 1024.
set -u
: "${MGE:?MGE must name the mge binary}" "${MGE_SRC:?MGE_SRC must name the source root}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp
tdb="$MGE_SRC/data/thermo/cost507R.tdb"
n=1024
[ "${MGE_SANITIZE:-OFF}" = "ON" ] && n=32

# --- the example (database found as a shipped file: nothing beside it)
sed "s/n: 1024/n: $n/" "$MGE_SRC/examples/al_casting_thermo.yaml" >"$tmp/al.yaml"
"$MGE" design "$tmp/al.yaml" --json --quiet --threads 2 >"$tmp/al.json" 2>"$tmp/al.err"; rc=$?
check "example exits 0 ($(cat "$tmp/al.err"))" test "$rc" -eq 0
check "example summary" python3 - "$tmp/al.json" "$n" <<'PY'
import json, math, sys
r = json.load(open(sys.argv[1])); n = int(sys.argv[2])
c = r["counts"]
assert r["complete"] and c["total"] == n and c["done"] == n, c
assert c["rejected"] + c["undefined"] + c["infeasible"] + c["feasible"] == n, c
assert c["feasible"] > 0 and c["undefined"] == 0, c
units = {p["name"]: p["unit"] for p in r["properties"]}
assert units["thermo.solidification.liquidus"] == "K", units
assert units["thermo.phase_amount"] == "1", units
for e in r["front"] + r["top"]:
    v = e["values"]
    L, S, F = (v["thermo.solidification." + k] for k in ("liquidus", "solidus", "freezing_range"))
    assert all(math.isfinite(x) for x in v.values()), v
    # A356-like alloys on COST 507 solidify between ~830 and ~900 K
    # (docs/thermo.md: A356 888.93 / 842.19 K); constraints hold
    assert 800 < S < L < 880 and F < 60 and abs(L - S - F) < 1e-9, v
    assert 0 <= v["thermo.phase_amount"] < 0.05, v
PY

# --- one candidate against mge thermo step / eq (same composition, mass
# fractions; same T grid 1000 K down by 5 K, transitions to 0.01 K)
python3 - "$tmp/al.json" >"$tmp/cand" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))["top"][0]
a = e["amounts"]; v = e["values"]
w = ",".join("%s=%.17g" % (k.upper(), a[k] / 100) for k in ("Si", "Mg", "Cu"))
print(w + ",AL", v["thermo.solidification.liquidus"], v["thermo.solidification.solidus"],
      v["thermo.phase_amount"])
PY
read -r W L S PA <"$tmp/cand"
"$MGE" thermo step "$tdb" --W "$W" --T 1000:700:5 --json >"$tmp/step.json"
"$MGE" thermo eq "$tdb" --W "$W" --T 500 --json >"$tmp/eq.json"
check "candidate matches thermo step and eq" python3 - "$tmp/step.json" "$tmp/eq.json" "$L" "$S" "$PA" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["transitions"]
eq = json.load(open(sys.argv[2]))
L, S, PA = map(float, sys.argv[3:6])
assert abs(t["liquidus"] - L) < 0.1 and abs(t["solidus"] - S) < 0.1, (t, L, S)
pa = sum(p["amount"] for p in eq["phases"] if p["name"] == "MG2SI")
assert abs(pa - PA) < 1e-6, (pa, PA)
PY

# --- single-output models, database beside the problem, 8 candidates
cp "$tdb" "$tmp/my.tdb"
cat >"$tmp/single.yaml" <<'Y'
family: alloy
space:
  composition: {basis: wt%, balance: Al, Si: [6, 8], Mg: [0.25, 0.45]}
thermo: {database: my.tdb, T_max: 1000 K, T_min: 600 K, dT: 10 K}
sampler: {kind: sobol, n: 8, seed: 1}
properties: [thermo.liquidus, thermo.solidus, thermo.freezing_range,
             thermo.solidification.liquidus, thermo.solidification.solidus,
             thermo.scheil_solidus]
constraints: [thermo.freezing_range < 80 K]
objectives: [{minimize: thermo.liquidus}]
keep: {top: 8, pareto: false}
Y
"$MGE" design "$tmp/single.yaml" --json --quiet --db "$tmp/s.db" >"$tmp/s.json" 2>"$tmp/s.err"; rc=$?
check "single-output problem exits 0 ($(cat "$tmp/s.err"))" test "$rc" -eq 0
check "single models agree with thermo.solidification" python3 - "$tmp/s.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r["top"]) > 0, r["counts"]
for e in r["top"]:
    v = e["values"]
    assert v["thermo.liquidus"] == v["thermo.solidification.liquidus"], v
    assert v["thermo.solidus"] == v["thermo.solidification.solidus"], v
    assert abs(v["thermo.freezing_range"] - (v["thermo.liquidus"] - v["thermo.solidus"])) < 1e-9, v
    # Scheil ends at the Al-Si(-Mg2Si) eutectic, below the equilibrium solidus
    assert 800 < v["thermo.scheil_solidus"] <= v["thermo.solidus"] + 0.1, v
PY

# --- mistakes: exit 2, file:line:column, a message naming the problem
bad() { # description, expected "line:col", expected text, then YAML lines
  local what=$1 where=$2 text=$3; shift 3
  {
    echo "family: alloy"
    echo "space:"
    echo "  composition: {basis: wt%, balance: Al, Si: [6, 8], Mg: [0.2, 0.4]}"
    echo "sampler: {kind: sobol, n: 4}"
    echo "objectives: [{minimize: alloy.density}]"
    printf '%s\n' "$@"
  } >"$tmp/bad.yaml"
  "$MGE" design "$tmp/bad.yaml" --quiet --db "$tmp/bad.db" >/dev/null 2>"$tmp/bad.err"; local rc=$?
  check "$what: exit 2 (got $rc)" test "$rc" -eq 2
  check "$what: names bad.yaml:$where ($(cat "$tmp/bad.err"))" grep -q "bad.yaml:$where: " "$tmp/bad.err"
  check "$what: says '$text'" grep -q -- "$text" "$tmp/bad.err"
}
bad "unknown database" 6:20 "database 'nope.tdb' not found" \
  "thermo: {database: nope.tdb}"
bad "database missing" 6:1 "database missing" \
  "thermo: {suspend: [GAS]}"
printf 'ELEMENT AL FCC_A1 26.98 0 0 !\nFUNCTION GHSERAL 298.15 +1*T*; 6000 N !\n' >"$tmp/broken.tdb"
bad "broken database" 6:20 "broken.tdb:2:30: expected a number" \
  "thermo: {database: broken.tdb}"
bad "unknown phase" 8:25 "phase 'NOPE' is not in" \
  "thermo:" "  database: cost507R.tdb" "  phase_amount: {phase: NOPE, T: 500 K}"
bad "bad T unit" 8:35 "not a temperature" \
  "thermo:" "  database: cost507R.tdb" "  phase_amount: {phase: MG2SI, T: 5 kg}"
bad "negative T" 8:35 "not a temperature" \
  "thermo:" "  database: cost507R.tdb" "  phase_amount: {phase: MG2SI, T: -5 K}"
bad "T missing" 8:3 "T missing" \
  "thermo:" "  database: cost507R.tdb" "  phase_amount: {phase: MG2SI}"
bad "T_max below T_min" 8:10 "must be above T_min" \
  "thermo:" "  database: cost507R.tdb" "  T_max: 500 K" "  T_min: 600 K"
bad "unknown suspended phase" 8:13 "phase 'PLASMA' is not in" \
  "thermo:" "  database: cost507R.tdb" "  suspend: [PLASMA]"
bad "unknown key" 8:3 "unknown key 'databse' in thermo" \
  "thermo:" "  database: cost507R.tdb" "  databse: x"
bad "phase_amount not asked for" 7:14 "thermo.phase_amount needs phase_amount:" \
  "thermo: {database: cost507R.tdb}" "properties: [thermo.phase_amount]"
bad "thermo property without a thermo section" 6:14 "need a thermo: section" \
  "properties: [thermo.liquidus]"
# an element of the space that the database lacks: located at its key
cat >"$tmp/bad.yaml" <<'Y'
family: alloy
space:
  composition:
    basis: wt%
    balance: Al
    Si: [6, 8]
    Nb: [0, 1]
thermo: {database: cost507R.tdb}
sampler: {kind: sobol, n: 4}
objectives: [{minimize: alloy.density}]
Y
"$MGE" design "$tmp/bad.yaml" --quiet --db "$tmp/bad.db" >/dev/null 2>"$tmp/bad.err"; rc=$?
check "element not in database: exit 2" test "$rc" -eq 2
check "element not in database: at its key ($(cat "$tmp/bad.err"))" \
  grep -q "bad.yaml:7:5: thermo: element Nb of the space is not in cost507R.tdb" "$tmp/bad.err"
# a phase that needs an undefined function: refused before the run, naming
# the function, unless the phase is suspended
cp "$MGE_SRC/data/thermo/fixtures/alzn_mey.tdb" "$tmp/undef.tdb"
printf 'PHASE GASX %% 1 1 !\nCONST GASX : AL,ZN : !\nPARAMETER G(GASX,AL;0) 298.15 +UNDEFFN; 6000 N !\n' >>"$tmp/undef.tdb"
cat >"$tmp/gas.yaml" <<Y
family: alloy
space:
  composition:
    basis: wt%
    balance: Al
    Zn: [1, 5]
thermo: {database: $tmp/undef.tdb}
sampler: {kind: sobol, n: 4}
objectives: [{minimize: alloy.density}]
Y
"$MGE" design "$tmp/gas.yaml" --quiet --db "$tmp/gas.db" >/dev/null 2>"$tmp/gas.err"; rc=$?
check "undefined function without suspend: exit 2" test "$rc" -eq 2
check "undefined function: names it ($(cat "$tmp/gas.err"))" \
  grep -q "undef.tdb:.*UNDEFFN" "$tmp/gas.err"
check "no database was written for bad problems" test ! -e "$tmp/bad.db" -a ! -e "$tmp/gas.db"

if [ "$fails" -ne 0 ]; then echo "$fails check(s) failed"; exit 1; fi
echo "design_thermo: all checks passed"
