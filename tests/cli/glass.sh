#!/usr/bin/env bash
# CLI tests of `mge glass`: readable and JSON output, units, error exits.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
check() { # name, command...
  local name=$1; shift
  if ! "$@"; then echo "FAIL: $name"; fail=1; fi
}
json_get() { # file, python expression on d
  python3 -c "import json,sys; d=json.load(open('$1')); print($2)"
}

# props: 80SiO2-20Na2O mol% -> 2391 kg/m3 (Fluegel 2007, about 2.39 g/cm3)
"$MGE" glass props "80SiO2-20Na2O mol%" --json > "$t/p.json"
check "props exit" test $? -eq 0
check "props density" python3 -c "
import json; d=json.load(open('$t/p.json'))['properties']
assert abs(d['density']['value']-2391.12)<0.01 and d['density']['unit']=='kg/m3'
assert d['young_modulus']['unit']=='Pa' and 5e10<d['young_modulus']['value']<9e10
assert d['NBO_T']['unit']=='1'"
"$MGE" glass props "72SiO2-14Na2O-9CaO-4MgO-1Al2O3 wt%" > "$t/p.txt"
check "props table" grep -q "density" "$t/p.txt"
"$MGE" glass props "30SiO2-70PbO mol%" > "$t/w.txt"
check "props warning printed" grep -q "warning" "$t/w.txt"
"$MGE" glass props "75SiO2-15Na2O-10Xx mol%" >/dev/null 2>&1
check "props bad recipe exits 2" test $? -eq 2
"$MGE" glass props >/dev/null 2>&1
check "props missing arg exits 2" test $? -eq 2

# visc fit: DGG-1 points in C and dPa s -> VFT A=-2.601 (Pa s), B=4330.9, C=519.25
"$MGE" glass visc fit "$MGE_SRC/examples/glass/dgg1.csv" --model vft --json > "$t/v.json"
check "visc fit exit" test $? -eq 0
check "visc fit DGG-1" python3 -c "
import json; d=json.load(open('$t/v.json'))
p=d['parameters']
assert abs(p['A_log10_Pa_s']+2.601)<1e-3 and abs(p['B_K']-4330.9)<0.5 and abs(p['C_K']-519.25)<0.05
t=d['temperatures']
assert abs(t['fiber_forming']['log10_eta_Pa_s']-2.0)<1e-12
assert abs(t['glass_transition']['T_K']-(246.1+4330.9/14.601+273.15))<0.01"
# --at: DGG-1 at 600 C is -1.601 + 4330.9/353.9 - 1 = 9.6366 log10 Pa s
"$MGE" glass visc fit "$MGE_SRC/examples/glass/dgg1.csv" --model vft --at 600 --json > "$t/a.json"
check "visc --at" python3 -c "
import json; d=json.load(open('$t/a.json'))
assert abs(d['at'][0]['log10_eta_Pa_s']-(-1.601+4330.9/353.9-1))<1e-4"
"$MGE" glass visc fit "$MGE_SRC/examples/glass/dgg1.csv" --model myega > "$t/v.txt"
check "visc fit table" grep -q "fiber_forming" "$t/v.txt"
printf 'T_K,log10_eta_Pa_s\n800,12\n900,x\n' > "$t/bad.csv"
"$MGE" glass visc fit "$t/bad.csv" >/dev/null 2> "$t/err.txt"
check "visc bad csv exits 2" test $? -eq 2
check "visc bad csv names line:column" grep -q "bad.csv:3:5:" "$t/err.txt"
# --at and --liquidus take degC, or a temperature with its unit (873.15 K = 600 C)
"$MGE" glass visc fit "$MGE_SRC/examples/glass/dgg1.csv" --model vft --at "873.15 K" --json > "$t/ak.json"
check "visc --at in K" python3 -c "
import json; a=json.load(open('$t/a.json'))['at'][0]; b=json.load(open('$t/ak.json'))['at'][0]
assert a['T_K']==b['T_K'] and a['log10_eta_Pa_s']==b['log10_eta_Pa_s']"
"$MGE" glass visc fit "$MGE_SRC/examples/glass/dgg1.csv" --at 600,5GPa >/dev/null 2>&1
check "visc --at pressure exits 2" test $? -eq 2

# visc predict with a liquidus (E-glass-like)
"$MGE" glass visc predict "54.5SiO2-14.5Al2O3-22CaO-1MgO-6.5B2O3-0.6Na2O wt%" --liquidus 1075 --json > "$t/e.json"
check "visc predict exit" test $? -eq 0
check "visc predict window" python3 -c "
import json; d=json.load(open('$t/e.json'))
tf=d['temperatures']['fiber_forming']['T_K']
assert abs(d['forming_window_K']-(tf-1075-273.15))<1e-6
assert 'ODbL' in d['model']"

# ionex: CS, CT in Pa; DOL, DOC in m; profiles; CSV and SVG files
"$MGE" glass ionex "$MGE_SRC/examples/glass/ionex_aas.yaml" --json --csv "$t/i.csv" --svg "$t/i.svg" > "$t/i.json"
check "ionex exit" test $? -eq 0
check "ionex json" python3 -c "
import json; d=json.load(open('$t/i.json'))
assert 5e8<d['CS']<1.2e9 and 1e7<d['CT']<1e8
assert 1e-5<d['DOL']<1e-4 and 1e-5<d['DOC']<1e-4
assert len(d['profile']['z_m'])==len(d['profile']['sigma_Pa'])>100
assert d['frangible'] in (True, False)"
check "ionex csv" grep -q "^z_m,C,sigma_Pa" "$t/i.csv"
check "ionex svg" grep -q "<svg" "$t/i.svg"
"$MGE" glass ionex "$MGE_SRC/examples/glass/ionex_calibrate.yaml" > "$t/c.txt"
check "ionex calibrate" grep -q "calibrated on 2" "$t/c.txt"
"$MGE" glass ionex "$MGE_SRC/examples/glass/ionex_two_step.yaml" >/dev/null
check "ionex two-step" test $? -eq 0
"$MGE" glass ionex "$MGE_SRC/examples/glass/ionex_li.yaml" > "$t/li.txt"
check "ionex Na-Li" grep -q "Na+ <-> Li+" "$t/li.txt"
printf 'thickness_mm: 0.7\nglas: {}\n' > "$t/bad.yaml"
"$MGE" glass ionex "$t/bad.yaml" 2> "$t/e2.txt" >/dev/null
check "ionex bad yaml exits 2" test $? -eq 2
check "ionex bad yaml names place" grep -q "bad.yaml:2:1" "$t/e2.txt"
"$MGE" glass ionex "$t/nonexistent.yaml" >/dev/null 2>&1
check "ionex missing file exits 2" test $? -eq 2
"$MGE" glass --help > /dev/null
check "help" test $? -eq 0
"$MGE" glass frobnicate >/dev/null 2>&1
check "unknown subcommand exits 2" test $? -eq 2

# the option table: options anywhere (before the subcommand too), a
# temperature with its unit, bad values refused with exit 2 naming the option
"$MGE" glass --json visc --model vft fit "$MGE_SRC/examples/glass/dgg1.csv" > "$t/o.json"
check "options before the subcommand" cmp -s "$t/o.json" "$t/v.json"
"$MGE" glass visc predict --liquidus 1348.15K --json "54.5SiO2-14.5Al2O3-22CaO-1MgO-6.5B2O3-0.6Na2O wt%" > "$t/ek.json"
check "--liquidus in K" python3 -c "
import json; a=json.load(open('$t/e.json')); b=json.load(open('$t/ek.json'))
assert abs(a['liquidus_K']-b['liquidus_K'])<1e-9 and abs(a['forming_window_K']-b['forming_window_K'])<1e-9"
"$MGE" glass visc predict "75SiO2-15Na2O-10CaO mol%" --liquidus 5GPa 2> "$t/e3.txt" >/dev/null
check "--liquidus pressure exits 2" test $? -eq 2
check "--liquidus named" grep -q -- "--liquidus" "$t/e3.txt"
"$MGE" glass visc train --folds x 2> "$t/e4.txt" >/dev/null
check "--folds x exits 2" test $? -eq 2
check "--folds named" grep -q -- "--folds wants an integer in 0..100" "$t/e4.txt"
"$MGE" glass visc train --seed -1 >/dev/null 2>&1
check "--seed -1 exits 2" test $? -eq 2
"$MGE" glass props --jsn "80SiO2-20Na2O mol%" 2> "$t/e5.txt" >/dev/null
check "unknown option exits 2" test $? -eq 2
check "nearest option" grep -q "did you mean '--json'" "$t/e5.txt"
"$MGE" glass prop >/dev/null 2>&1
check "near subcommand exits 2" test $? -eq 2
# one help text, wherever --help is
"$MGE" glass --help > "$t/h0.txt"
for sub in "props" "visc fit" "visc predict" "visc train" "ionex"; do
  "$MGE" glass $sub x --help > "$t/h1.txt"
  check "help of $sub" cmp -s "$t/h0.txt" "$t/h1.txt"
done
exit $fail
