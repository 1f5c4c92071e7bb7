#!/usr/bin/env bash
# mge elements: table, JSON, errors; and the generated table is up to date.
set -u
: "${MGE:?MGE must name the mge binary}" "${MGE_SRC:?MGE_SRC must name the source root}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp

# All 103 elements by default, one line each after the two header lines.
"$MGE" elements >"$tmp/all.txt"; rc=$?
check "elements exits 0" test "$rc" -eq 0
check "103 element rows" test "$(grep -cE '^[A-Z][a-z]? +[A-Z][a-z]+ +[0-9]+ ' "$tmp/all.txt")" -eq 103
check "Fe row has the IUPAC 2021 weight and VEC 8" \
  grep -qE '^Fe +Iron +26 +55\.845 +1\.83 +1\.277 +1811\.00 +7874 +8 ' "$tmp/all.txt"

# Selected symbols, in the order given.
"$MGE" elements Ni Al >"$tmp/two.txt"
check "two rows" test "$(grep -cE '^(Ni|Al) ' "$tmp/two.txt")" -eq 2
check "order kept" test "$(grep -E '^(Ni|Al) ' "$tmp/two.txt" | cut -c1-2 | tr -d ' \n')" = NiAl

# JSON parses and carries the fields.
"$MGE" elements --json >"$tmp/all.json"; rc=$?
check "--json exits 0" test "$rc" -eq 0
check "--json parses" python3 -c 'import json,sys; json.load(sys.stdin)' <"$tmp/all.json"
check "JSON has 103 elements and the fields" python3 - "$tmp/all.json" <<'PY'
import json, math, sys
d = json.load(open(sys.argv[1]))
els = d["elements"]
assert len(els) == 103, len(els)
assert [e["Z"] for e in els] == list(range(1, 104))
fe = next(e for e in els if e["symbol"] == "Fe")
assert fe["atomic_weight_g_mol"] == 55.845
assert fe["vec"] == 8 and fe["group"] == 8 and fe["period"] == 4
assert fe["block"] == "d"
assert fe["magpie"]["MendeleevNumber"] == 55
assert len(fe["magpie"]) == 22
assert fe["miedema"]["phi_V"] == 4.93 and fe["miedema"]["transition"] is True
he = next(e for e in els if e["symbol"] == "He")
assert he["chi_pauling"] is None and he["miedema"]["phi_V"] is None
assert "units" in d and "price_source" in d
PY
"$MGE" elements Fe --json >"$tmp/fe.json"; rc=$?
check "Fe --json exits 0" test "$rc" -eq 0
check "one element in JSON" python3 -c 'import json,sys; d=json.load(sys.stdin); assert [e["symbol"] for e in d["elements"]] == ["Fe"]' <"$tmp/fe.json"

# Unknown symbol: exit 2, message names it and suggests.
"$MGE" elements Fe Xx >"$tmp/out" 2>"$tmp/err"; rc=$?
check "unknown symbol exits 2" test "$rc" -eq 2
check "error names the symbol" grep -q "unknown element 'Xx'" "$tmp/err"
check "did you mean Xe" grep -q "did you mean 'Xe'" "$tmp/err"
check "nothing on stdout" test ! -s "$tmp/out"
"$MGE" elements fe 2>"$tmp/err"; rc=$?
check "case: exit 2" test "$rc" -eq 2
check "case: suggests Fe" grep -q "did you mean 'Fe'" "$tmp/err"
"$MGE" elements --bogus 2>/dev/null; rc=$?
check "unknown option exits 2" test "$rc" -eq 2
"$MGE" elements --help >"$tmp/help"; rc=$?
check "--help exits 0" test "$rc" -eq 0
check "--help shows usage" grep -q "usage: mge elements" "$tmp/help"

# The committed table is what the generator makes from data/elements/.
check "elements_table.c is up to date" python3 "$MGE_SRC/tools/gen_elements.py" --check "$MGE_SRC"

# The generator rejects bad data with a message naming the place (exit 2).
gen_root="$tmp/root"
mkdir -p "$gen_root/src/chem"
cp -r "$MGE_SRC/data" "$MGE_SRC/tools" "$gen_root/"
python3 - "$gen_root/data/elements/periodic_table.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["Fe"]["Melting point"] = "warm K"
json.dump(d, open(sys.argv[1], "w"))
PY
python3 "$gen_root/tools/gen_elements.py" "$gen_root" 2>"$tmp/gen.err"; rc=$?
check "bad melting point: exit 2" test "$rc" -eq 2
check "bad melting point: names Fe" grep -q "periodic_table.json:Fe:Melting point" "$tmp/gen.err"
check "bad data writes no table" test ! -e "$gen_root/src/chem/elements_table.c"
cp "$MGE_SRC/data/elements/periodic_table.json" "$gen_root/data/elements/"
grep -v '^26,Fe,' "$MGE_SRC/data/elements/iupac2021_atomic_weights.csv" \
  >"$gen_root/data/elements/iupac2021_atomic_weights.csv"
python3 "$gen_root/tools/gen_elements.py" "$gen_root" 2>"$tmp/gen.err"; rc=$?
check "missing weight: exit 2" test "$rc" -eq 2
check "missing weight: message" grep -q "must cover Z = 1..103" "$tmp/gen.err"

if [ "$fails" -ne 0 ]; then echo "$fails check(s) failed"; exit 1; fi
echo "elements.sh: all checks passed"
