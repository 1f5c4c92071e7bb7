#!/usr/bin/env bash
# mge alloy: table, JSON schema and values, flags, errors; the generated
# Takeuchi-Inoue table is up to date.
set -u
: "${MGE:?MGE must name the mge binary}" "${MGE_SRC:?MGE_SRC must name the source root}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp

# Table: CoCrFeNi, dHmix -3.75 kJ/mol (Guo & Liu 2011), VEC 8.25, FCC.
"$MGE" alloy CoCrFeNi >"$tmp/t.txt"; rc=$?
check "table exits 0" test "$rc" -eq 0
check "table dHmix -3.75" grep -qE '^  mixing enthalpy +-3\.75  kJ/mol$' "$tmp/t.txt"
check "table VEC 8.25" grep -qE '^  valence electron concentration +8\.25$' "$tmp/t.txt"
check "table Yang-Zhang SS" grep -qE '^  Yang-Zhang 2012 +SS ' "$tmp/t.txt"
check "table Guo FCC" grep -qE '^  Guo VEC 2011 +FCC ' "$tmp/t.txt"

# JSON: parses, both the nested and the flat form, values and units.
"$MGE" alloy AlCoCrFeNi --json >"$tmp/a.json"; rc=$?
check "--json exits 0" test "$rc" -eq 0
check "JSON schema and values (AlCoCrFeNi)" python3 - "$tmp/a.json" <<'PY'
import json, math, sys
d = json.load(open(sys.argv[1]))
assert d["input"] == "AlCoCrFeNi"
assert list(d["composition"]) == ["Al", "Co", "Cr", "Fe", "Ni"]
assert all(abs(v - 0.2) < 1e-12 for v in d["composition"].values())
units = {"molar_mass": "g/mol", "density": "kg/m^3", "delta": "%",
         "dSmix": "J/(mol K)", "dHmix": "kJ/mol", "Omega": "1", "VEC": "1",
         "dchi": "1", "Tm": "K", "cost": "USD/kg"}
flat = {"molar_mass": "molar_mass_g_mol", "density": "density_kg_m3",
        "delta": "delta_pct", "dSmix": "dSmix_J_molK",
        "dHmix": "dHmix_kJ_mol", "Omega": "Omega", "VEC": "VEC",
        "dchi": "dchi_pauling", "Tm": "Tm_K", "cost": "cost_usd_kg"}
for k, u in units.items():
    assert d["descriptors"][k]["unit"] == u, k
    assert d["descriptors"][k]["value"] == d[flat[k]], k
# Yang & Zhang 2012 / Guo & Liu 2011: dHmix -12.32 kJ/mol, VEC 7.2;
# dSmix = R ln 5 (R = 8.314462618 J/(mol K)).
assert abs(d["dHmix_kJ_mol"] + 12.32) < 1e-9
assert abs(d["VEC"] - 7.2) < 1e-12
assert abs(d["dSmix_J_molK"] - 8.314462618 * math.log(5)) < 1e-9
rules = {r["name"]: r for r in d["rules"]}
assert rules["Yang-Zhang 2012"]["thresholds"] == "Omega >= 1.1, delta <= 6.6 %"
assert "Mater. Chem. Phys. 132 (2012) 233" in rules["Yang-Zhang 2012"]["source"]
assert rules["Guo VEC 2011"]["prediction"] == "FCC+BCC"
assert "J. Appl. Phys. 109 (2011) 103505" in rules["Guo VEC 2011"]["source"]
assert isinstance(d["flags"], list)
assert "miedema_used" not in d["flags"]
PY

# Flags: Fe-Pu uses the Miedema model; Co-Ni has dHmix 0 -> Omega infinite
# (null in JSON, flagged); Fe-At has no pair value at all.
"$MGE" alloy FePu --json >"$tmp/p.json"
check "Miedema flag" python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
assert "miedema_used" in d["flags"] and d["dHmix_kJ_mol"] is not None' "$tmp/p.json"
"$MGE" alloy CoNi --json >"$tmp/n.json"
check "Omega infinite" python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
assert "omega_infinite" in d["flags"] and d["Omega"] is None
assert d["dHmix_kJ_mol"] == 0 and d["rules"][0]["prediction"] == "SS"' "$tmp/n.json"
"$MGE" alloy CoNi >"$tmp/n.txt"
check "table prints inf" grep -qE '^  Omega = Tm dSmix / \|dHmix\| +inf$' "$tmp/n.txt"
"$MGE" alloy FeAt --json >"$tmp/m.json"
check "pair missing" python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
assert "pair_missing" in d["flags"] and d["dHmix_kJ_mol"] is None
assert d["rules"][0]["prediction"] == "unknown"' "$tmp/m.json"

# Errors: bad composition exits 2 with the message on stderr, nothing on
# stdout; bad usage exits 2.
"$MGE" alloy Xx >"$tmp/out" 2>"$tmp/err"; rc=$?
check "unknown element exits 2" test "$rc" -eq 2
check "error names the element" grep -q "Xx" "$tmp/err"
check "nothing on stdout" test ! -s "$tmp/out"
"$MGE" alloy 2>/dev/null; rc=$?
check "no argument exits 2" test "$rc" -eq 2
"$MGE" alloy CoCrFeNi AlNi 2>/dev/null; rc=$?
check "two compositions exit 2" test "$rc" -eq 2
"$MGE" alloy CoCrFeNi --bogus 2>/dev/null; rc=$?
check "unknown option exits 2" test "$rc" -eq 2
"$MGE" alloy --help >"$tmp/help"; rc=$?
check "--help exits 0" test "$rc" -eq 0
check "--help shows usage" grep -q "usage: mge alloy" "$tmp/help"

# The committed pair table is what the generator makes from data/elements/.
check "hmix_table.c is up to date" python3 "$MGE_SRC/tools/gen_hmix.py" --check "$MGE_SRC"

if [ "$fails" -ne 0 ]; then echo "$fails check(s) failed"; exit 1; fi
echo "alloy.sh: all checks passed"
