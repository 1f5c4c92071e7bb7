#!/usr/bin/env bash
# Model ids: one list (cmake/model_ids.txt). The generated header and the
# docs table are up to date, `mge models` lists exactly the listed built-in
# models with their ids, the generator refuses a list that breaks the
# scheme, and learned models take ids in the run-time range only.
set -u
: "${MGE_SRC:?MGE_SRC must name the source root}" "${MGE_BUILD:?MGE_BUILD must name the build folder}"
MGE="$MGE_BUILD/mge"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp

check "header and docs table are generated from the list" \
  python3 "$MGE_SRC/tools/gen_model_ids.py" --check
python3 "$MGE_SRC/tools/gen_model_ids.py" --check 2>/dev/null | sort >"$tmp/list"
"$MGE" models --json | python3 -c '
import json, sys
for m in json.load(sys.stdin):
    print(m["id"], m["name"])' | sort >"$tmp/models"
# Every model `mge models` lists is in the list with its id; every listed
# model but the thermo ones (made for a database, by a problem's thermo:
# section) is there.
check "mge models lists only ids of cmake/model_ids.txt" \
  test -z "$(comm -13 "$tmp/list" "$tmp/models")"
check "mge models lists every built-in model of cmake/model_ids.txt" \
  test -z "$(comm -23 "$tmp/list" "$tmp/models" | grep -v ' thermo\.')"

# Each model's parameter table is listed (glass.ionex_default's schedule:
# a 0.7 mm plate, docs/glass.md).
"$MGE" models --json | python3 -c '
import json, sys
m = {x["name"]: x for x in json.load(sys.stdin)}
p = {q["name"]: q for q in m["glass.ionex_default"]["parameters"]}
assert p["thickness"]["value"] == 0.0007 and p["thickness"]["unit"] == "m", p
assert m["alloy"]["parameters"] == []' ||
  { echo "FAIL: mge models --json parameters"; fails=$((fails + 1)); }
"$MGE" models | grep -q '^      parameter thickness    0.0007 m' ||
  { echo "FAIL: mge models lists parameters"; fails=$((fails + 1)); }

# The generator refuses an id outside its range, a duplicate id or name,
# and an id in the run-time range.
mkdir -p "$tmp/t/cmake" "$tmp/t/tools" "$tmp/t/include/mge" "$tmp/t/docs"
cp "$MGE_SRC/tools/gen_model_ids.py" "$tmp/t/tools/"
cp "$MGE_SRC/docs/architecture.md" "$tmp/t/docs/"
bad() { # description, extra list line, expected message
  cp "$MGE_SRC/cmake/model_ids.txt" "$tmp/t/cmake/"
  echo "$2" >>"$tmp/t/cmake/model_ids.txt"
  if python3 "$tmp/t/tools/gen_model_ids.py" --check >/dev/null 2>"$tmp/err"; then
    echo "FAIL: generator accepted $1"; fails=$((fails + 1))
  elif ! grep -q "$3" "$tmp/err"; then
    echo "FAIL: $1: got $(cat "$tmp/err")"; fails=$((fails + 1))
  fi
}
bad "an id outside its range" "6500 | X | alloy.x | alloy" "id 6500 outside alloy's range"
bad "a duplicate id" "4001 | X | thermo.x | thermo" "id 4001 also at"
bad "a duplicate name" "4100 | X | thermo.liquidus | thermo" "name thermo.liquidus also at"
bad "an unknown module" "8001 | X | foo.x | foo" "module 'foo' has no range"

# A learned model of a database: its id is in the run-time range.
db="$tmp/l.db"
if "$MGE" learn import "$MGE_SRC/data/ml/matbench_steels.csv" --db "$db" --name steels \
     --composition composition --target "yield strength" >/dev/null 2>&1 &&
   "$MGE" learn fit steels --db "$db" --model ridge >/dev/null 2>&1; then
  "$MGE" models --db "$db" --json | python3 -c '
import json, sys
ms = [m for m in json.load(sys.stdin) if m["name"].startswith("learn.")]
assert ms, "no learned model listed"
for m in ms:
    assert m["id"] >= 1000000, (m["name"], m["id"])' ||
    { echo "FAIL: a learned model id below 1000000"; fails=$((fails + 1)); }
else
  echo "FAIL: could not import and fit a dataset"; fails=$((fails + 1))
fi

[ "$fails" -eq 0 ] && echo "model_ids: all checks passed"
exit "$fails"
