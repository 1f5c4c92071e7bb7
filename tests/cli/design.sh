#!/usr/bin/env bash
# mge design / models / db: the example runs, every kind of problem-file
# mistake exits 2 naming file:line:column, results land in the database and
# the plot, and a real run killed with SIGKILL (and one stopped with SIGINT)
# resumes to exactly the result of an uninterrupted run.
set -u
: "${MGE:?MGE must name the mge binary}" "${MGE_SRC:?MGE_SRC must name the source root}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp
bg=""
trap '[ -n "$bg" ] && kill -9 "$bg" 2>/dev/null; rm -rf "$tmp"' EXIT

check "design --help" eval "\"\$MGE\" design --help >/dev/null"
check "models --help" eval "\"\$MGE\" models --help >/dev/null"
check "db --help" eval "\"\$MGE\" db --help >/dev/null"
"$MGE" models --json >"$tmp/models.json"
check "models --json lists alloy.density in kg/m3" python3 - "$tmp/models.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
outs = {o["property"]: o["unit"] for x in m for o in x["outputs"]}
assert outs["alloy.density"] == "kg/m3" and outs["alloy.cost"] == "USD/kg", outs
assert all(x["id"] > 0 and x["references"] for x in m)
PY

# The Mg example, smaller: db beside the problem, plot beside the db.
sed 's/n: 200000/n: 20000/' "$MGE_SRC/examples/mg_casting.yaml" >"$tmp/mg.yaml"
"$MGE" design "$tmp/mg.yaml" --json --quiet >"$tmp/mg.json" 2>"$tmp/mg.err"; rc=$?
check "mg example exits 0" test "$rc" -eq 0
check "db beside the problem" test -s "$tmp/mge.db"
check "plot beside the db" test -s "$tmp/mg-run1.svg"
check "plot is SVG with a front" grep -q '<polyline' "$tmp/mg-run1.svg"
check "summary JSON" python3 - "$tmp/mg.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["complete"] and r["run"] == 1, r
c = r["counts"]
assert c["done"] == 20000 and c["feasible"] > 0
assert c["rejected"] + c["undefined"] + c["infeasible"] + c["feasible"] == 20000
assert len(r["front"]) > 0 and len(r["top"]) == 20
for e in r["front"] + r["top"]:
    v = e["values"]
    assert v["alloy.density"] < 1850 and v["alloy.cost"] < 5, e
    a = e["amounts"]
    assert 0 <= a["Al"] <= 12 and 0 <= a["Zn"] <= 3 and a["Mg"] >= 0, e
PY
"$MGE" design "$tmp/mg.yaml" --quiet >"$tmp/mg.txt"; rc=$?
check "table output exits 0" test "$rc" -eq 0
check "table names the db and plot" grep -q "plot: .*mg-run2.svg" "$tmp/mg.txt"
"$MGE" db runs --db "$tmp/mge.db" >"$tmp/runs.txt"
check "db runs lists two done runs" test "$(grep -cE '^ +[0-9]+ +done ' "$tmp/runs.txt")" -eq 2
check "db show" eval "\"\$MGE\" db show 1 --db \"\$tmp/mge.db\" >/dev/null"
"$MGE" db export 1 --csv --db "$tmp/mge.db" >"$tmp/e.csv"
check "export csv has units" grep -q 'alloy.density \[kg/m3\]' "$tmp/e.csv"
"$MGE" db export 1 --json --db "$tmp/mge.db" >"$tmp/e.json"
check "export json parses" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/e.json"
"$MGE" db show 7 --db "$tmp/mge.db" 2>/dev/null; rc=$?
check "db show of a missing run exits 2" test "$rc" -eq 2
"$MGE" db runs --db "$tmp/none.db" 2>/dev/null; rc=$?
check "db on a missing file exits 2" test "$rc" -eq 2

# Every mistake: exit 2, file:line:column, nothing run.
bad() { # name, expected "line:col", YAML text
  printf '%s' "$3" >"$tmp/$1.yaml"
  "$MGE" design "$tmp/$1.yaml" --db "$tmp/bad.db" >/dev/null 2>"$tmp/$1.err"; local rc=$?
  check "$1 exits 2" test "$rc" -eq 2
  check "$1 names $1.yaml:$2" grep -q "$1.yaml:$2:" "$tmp/$1.err"
}
H='family: alloy
space:
  composition:
    basis: wt%
    balance: Mg
'
S='sampler: {kind: random, n: 100}
'
O='objectives: [{minimize: alloy.density}]
'
bad unknown_key 7:1 "$H    Al: [0, 10]
flavour: x
$S$O"
bad unknown_prop 8:14 "$H    Al: [0, 10]
${S}properties: [alloy.densty]
$O"
bad min_gt_max 6:13 "$H    Al: [5, 2]
$S$O"
bad step 6:16 "$H    Al: [0, 1, 0.3]
$S$O"
bad unsat 3:3 "$H    Al: [60, 70]
    Zn: [50, 60]
$S$O"
bad unit_dim 8:31 "$H    Al: [0, 10]
${S}constraints: [alloy.density < 4 USD/kg]
$O"
check "unit mismatch explained" grep -q "unit mismatch" "$tmp/unit_dim.err"
bad grid_big 8:1 "$H    Al: [0, 10, 0.001]
    Zn: [0, 10, 0.001]
sampler: {kind: grid}
$O"
check "grid limit mentions --force" grep -q -- "--force" "$tmp/grid_big.err"
"$MGE" design "$tmp/nonexistent.yaml" 2>/dev/null; rc=$?
check "missing file exits 2" test "$rc" -eq 2
check "no run was stored by bad input" test ! -s "$tmp/bad.db"

# Kill and resume. A longer run on one thread; the reference runs whole.
cat >"$tmp/long.yaml" <<'Y'
name: kill test
family: alloy
space:
  composition: {basis: at%, balance: Ni, Co: [5, 35], Cr: [5, 35],
                Fe: [5, 35], Al: [0, 10]}
sampler: {kind: random, n: 600000, seed: 5}
properties: [alloy.density, alloy.cost, alloy.VEC, alloy.delta]
constraints: [alloy.VEC >= 7.5]
objectives: [{minimize: alloy.density, scale: 0.1 g/cm3},
             {minimize: alloy.cost}]
keep: {top: 10, sample: 100}
Y
cp "$tmp/long.yaml" "$tmp/ref.yaml"
"$MGE" design "$tmp/ref.yaml" --db "$tmp/ref.db" --json --quiet --threads 2 >"$tmp/ref.json"
check "reference run exits 0" test $? -eq 0

done_count() {
  "$MGE" db runs --db "$tmp/kill.db" --json 2>/dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r[-1]["done"] if r else 0)' 2>/dev/null || echo 0
}
wait_progress() { # until at least one batch is committed (at most ~60 s)
  for _ in $(seq 600); do
    [ "$(done_count)" -gt 0 ] && return 0
    kill -0 "$bg" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
"$MGE" design "$tmp/long.yaml" --db "$tmp/kill.db" --quiet --threads 1 --batch 2048 --throttle 20 >/dev/null 2>&1 &
bg=$!
check "first run makes progress" wait_progress
kill -9 "$bg"; wait "$bg" 2>/dev/null; bg=""
n1=$(done_count)
check "killed part-way ($n1 of 600000)" test "$n1" -gt 0 -a "$n1" -lt 600000
"$MGE" design "$tmp/long.yaml" --db "$tmp/kill.db" --quiet --threads 1 --batch 2048 --throttle 20 --resume >/dev/null 2>"$tmp/int.err" &
bg=$!
for _ in $(seq 600); do [ "$(done_count)" -gt "$n1" ] && break; sleep 0.1; done
kill -INT "$bg"; wait "$bg"; rc=$?; bg=""
n2=$(done_count)
if [ "$rc" -eq 130 ]; then
  check "SIGINT message says how to resume" grep -q -- "--resume" "$tmp/int.err"
else
  check "resumed run either stopped on SIGINT (130) or finished (0): $rc" test "$rc" -eq 0
fi
"$MGE" design "$tmp/long.yaml" --db "$tmp/kill.db" --json --quiet --threads 2 --resume >"$tmp/res.json"; rc=$?
if [ "$n2" -lt 600000 ]; then
  check "final resume exits 0" test "$rc" -eq 0
  check "resumed result equals the uninterrupted one" python3 - "$tmp/ref.json" "$tmp/res.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert a["counts"] == b["counts"], (a["counts"], b["counts"])
for k in ("front", "top"):
    assert a[k] == b[k], k
assert b["complete"] and b["run"] == 1
PY
fi
"$MGE" design "$tmp/long.yaml" --db "$tmp/kill.db" --resume --quiet >/dev/null 2>&1; rc=$?
check "nothing left to resume exits 2" test "$rc" -eq 2

# --stop-after N stops after exactly N candidates whatever the threads and
# batch (issue 21), and resuming then gives the uninterrupted result.
"$MGE" design "$MGE_SRC/examples/hea_fcc.yaml" --db "$tmp/stop.db" --stop-after 1000 \
  --threads 2 --quiet >/dev/null 2>"$tmp/stop.err"; rc=$?
check "--stop-after exits 130" test "$rc" -eq 130
check "--stop-after stops at 1000" grep -q "interrupted after 1000 of" "$tmp/stop.err"
check "the hint resumes" grep -q -- "--resume --db $tmp/stop.db" "$tmp/stop.err"

[ "$fails" -eq 0 ] && echo "design.sh: all passed"
exit "$fails"
