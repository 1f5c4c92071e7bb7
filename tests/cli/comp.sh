#!/usr/bin/env bash
# mge comp: table, --to, --json (the interface other tools rely on), errors
# with exit 2 and a caret, designations, and the generated designation table
# is up to date with data/alloys/designations.csv.
set -u
: "${MGE:?MGE must name the mge binary}" "${MGE_SRC:?MGE_SRC must name the source root}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp

# Table with both bases. Mg-9Al-1Zn: at% by hand from IUPAC 2021 weights
# (see tests/unit/test_comp.c): Mg 91.3901, Al 8.2324, Zn 0.3775.
"$MGE" comp Mg-9Al-1Zn >"$tmp/t.txt"; rc=$?
check "comp exits 0" test "$rc" -eq 0
check "Mg row at% and wt%" grep -qE '^Mg +91\.3901 +90\.0000$' "$tmp/t.txt"
check "Zn row" grep -qE '^Zn +0\.3775 +1\.0000$' "$tmp/t.txt"
check "molar mass line" grep -qE '^molar mass +24\.6804 g/mol per mole of atoms' "$tmp/t.txt"

# --to wt keeps one column.
"$MGE" comp Al2O3 --to wt >"$tmp/w.txt"
check "--to wt: Al 52.9257 wt%" grep -qE '^Al +52\.9257$' "$tmp/w.txt"
check "--to wt: formula mass" grep -q '101.9601 g/mol per formula unit' "$tmp/w.txt"

# JSON: fractions keyed by symbol, molar mass in g/mol.
"$MGE" comp 'CuSO4·5H2O' --json >"$tmp/j.json"; rc=$?
check "--json exits 0" test "$rc" -eq 0
check "--json content" python3 - "$tmp/j.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["input"] == "CuSO4·5H2O", d["input"]
assert d["basis"] == "at%" and d["notation"] == "formula"
f = d["fractions"]
assert list(f) == ["Cu", "S", "O", "H"], list(f)
assert abs(sum(f.values()) - 1) < 1e-12
assert abs(f["H"] - 10 / 21) < 1e-12
assert abs(sum(d["mass_fractions"].values()) - 1) < 1e-12
# CRC 97th ed.: 249.69 g/mol; IUPAC 2021 weights give 249.677.
assert abs(d["formula_mass_g_mol"] - 249.677) < 1e-9
assert abs(d["molar_mass_g_mol"] - 249.677 / 21) < 1e-9
assert d["atoms_per_formula_unit"] == 21
PY
"$MGE" comp Mg-9Al-1Zn --to wt --json >"$tmp/a.json"
check "--to wt --json: fractions are mass fractions" python3 - "$tmp/a.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["basis"] == "wt%" and d["input_basis"] == "wt%" and d["notation"] == "alloy"
assert abs(d["fractions"]["Al"] - 0.09) < 1e-12
assert abs(d["mole_fractions"]["Mg"] - 0.9139007981) < 1e-9
PY
"$MGE" comp '61SiO2-16Al2O3-13Na2O-4MgO-6B2O3 mol%' --json >"$tmp/r.json"
check "recipe JSON has compounds" python3 - "$tmp/r.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["notation"] == "recipe" and d["input_basis"] == "mol%"
c = d["compounds"]
assert [x["formula"] for x in c] == ["SiO2", "Al2O3", "Na2O", "MgO", "B2O3"]
assert abs(c[0]["mole_fraction"] - 0.61) < 1e-12
assert abs(c[0]["mass_fraction"] - 0.5485748112) < 1e-9
assert abs(d["fractions"]["O"] - 205 / 340) < 1e-12
PY

# Designations, also as two words.
"$MGE" comp AA 6061 --json >"$tmp/d.json"
check "designation JSON" python3 - "$tmp/d.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["designation"]["name"] == "6061"
assert "B209" in d["designation"]["standard"]
assert abs(d["mass_fractions"]["Mg"] - 0.01) < 1e-12
PY
"$MGE" comp --list-designations >"$tmp/l.txt"
for n in 1100 2024 3003 5052 5083 6061 6063 7075 A356 A380 AZ31B AZ61A AZ91D AM50A AM60B ZK60A WE43 AE44; do
  check "designation $n listed" grep -qE "^$n " "$tmp/l.txt"
done
"$MGE" comp --list-designations --json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)["designations"]) >= 18' 
check "--list-designations --json" test $? -eq 0

# Bad input: exit 2, message with <input>:1:COLUMN and a caret.
"$MGE" comp Fe0.7Cr0.2Nx >/dev/null 2>"$tmp/e.txt"; rc=$?
check "unknown element exits 2" test "$rc" -eq 2
check "message names column 11 and suggests Ni" grep -q "<input>:1:11: unknown element 'Nx'; did you mean .*Ni" "$tmp/e.txt"
check "caret under column 11" grep -qxF '            ^' "$tmp/e.txt"
"$MGE" comp 'Mg-9Al-1Zn-95Cu' >/dev/null 2>"$tmp/e2.txt"; rc=$?
check "balance below zero exits 2" test "$rc" -eq 2
check "balance message" grep -q 'below zero' "$tmp/e2.txt"
"$MGE" comp '' >/dev/null 2>&1; rc=$?
check "empty exits 2" test "$rc" -eq 2
"$MGE" comp '61SiO2-39Al2O3' >/dev/null 2>&1; rc=$?
check "recipe without basis exits 2" test "$rc" -eq 2
"$MGE" comp "$(head -c 5000 /dev/zero | tr '\0' 'H')" >/dev/null 2>&1; rc=$?
check "over-long input exits 2" test "$rc" -eq 2
"$MGE" comp Fe --to xx >/dev/null 2>&1; rc=$?
check "bad --to exits 2" test "$rc" -eq 2
"$MGE" comp >/dev/null 2>&1; rc=$?
check "no argument exits 2" test "$rc" -eq 2
"$MGE" comp --help >"$tmp/h.txt"; rc=$?
check "--help exits 0" test "$rc" -eq 0
check "--help shows usage" grep -q '^usage: mge comp TEXT' "$tmp/h.txt"

# The generated designation table matches its CSV.
check "designations table up to date" python3 "$MGE_SRC/tools/gen_designations.py" --check

if [ "$fails" -ne 0 ]; then echo "$fails check(s) failed"; exit 1; fi
echo "all comp checks passed"
