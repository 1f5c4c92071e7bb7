#!/usr/bin/env bash
# Options that no other script exercised: each one takes effect the way its
# help says (the output differs from the run without it in that way) or is
# refused with exit 2 and a reason. options_coverage.sh fails when an
# option of a --help text has no case in any tests/cli script.
set -u
: "${MGE_SRC:?MGE_SRC must name the source root}" "${MGE_BUILD:?MGE_BUILD must name the build folder}"
MGE="$MGE_BUILD/mge"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp
cd "$tmp" || exit 1

# featurize --digits N: values to N significant digits; --stats: a summary
# on stderr, stdout unchanged.
printf 'composition\nFe0.7Ni0.3\n' >in.csv
"$MGE" featurize in.csv --column composition --set alloy >d10.csv
"$MGE" featurize in.csv --column composition --set alloy --digits 3 >d3.csv
check "--digits 3 changes the values" test "$(cat d10.csv)" != "$(cat d3.csv)"
check "--digits 3: at most 3 significant digits" python3 -c '
import csv, sys
r = list(csv.reader(open("d3.csv")))[1]
for v in r[1:-1]:
    if v and v not in ("nan",):
        d = v.lower().split("e")[0].replace("-", "").replace(".", "").lstrip("0")
        assert len(d) <= 3, v'
"$MGE" featurize in.csv --column composition --set alloy --stats >st.csv 2>st.err
check "--stats reports rows on stderr" grep -qi "rows" st.err
check "--stats leaves stdout as it was" cmp -s st.csv d10.csv

# learn fit --features alloy: the stored model uses the alloy features;
# --ensemble K (xgb): predictions carry an uncertainty (sd).
"$MGE" learn import "$MGE_SRC/data/ml/matbench_steels.csv" --composition composition \
  --target "yield strength" --name st --db l.db >/dev/null 2>&1
"$MGE" learn fit st --db l.db --model ridge --features alloy --name st_alloy >/dev/null 2>&1
check "--features alloy is stored" python3 -c '
import json, subprocess, sys
m = json.loads(subprocess.run([sys.argv[1], "learn", "models", "--db", "l.db", "--json"],
                              capture_output=True, text=True).stdout)
assert [x["features"] for x in m if x["name"] == "st_alloy"] == ["alloy"], m' "$MGE"
printf 'composition\nFe0.7Ni0.3\n' >p.csv
"$MGE" learn fit st --db l.db --model xgb --ensemble 2 --name st_e2 >/dev/null 2>&1
"$MGE" learn predict st_e2 p.csv --column composition --db l.db >e2.csv 2>/dev/null
check "--ensemble 2 gives an sd" python3 -c '
import csv
r = list(csv.DictReader(open("e2.csv")))
assert r and r[0]["sd"] not in ("", None), r'

# design --no-plot: no SVG next to the run; without it there is one.
cat >p.yaml <<'Y'
name: tiny
family: alloy
space:
  composition: {basis: at%, balance: Ni, Fe: [5, 30], Cr: [5, 30]}
sampler: {kind: sobol, n: 64, seed: 1}
properties: [alloy.density, alloy.VEC]
objectives: [{minimize: alloy.density}, {maximize: alloy.VEC}]
Y
"$MGE" design p.yaml --db d1.db --quiet >o1.txt 2>&1
"$MGE" design p.yaml --db d2.db --quiet --no-plot >o2.txt 2>&1
n1=$(ls ./*.svg 2>/dev/null | wc -l)
check "design writes a plot without --no-plot" test "$n1" -ge 1
rm -f ./*.svg
"$MGE" design p.yaml --db d3.db --quiet --no-plot >/dev/null 2>&1
check "design --no-plot writes no SVG" test "$(ls ./*.svg 2>/dev/null | wc -l)" -eq 0

# db export --output F writes the CSV to F (and not to stdout).
"$MGE" db export 1 --db d1.db --csv --output ex.csv >ex.out 2>&1
check "db export --output writes the file" test -s ex.csv
check "db export --output: nothing on stdout" test ! -s ex.out

# laminate envelope --plane sx-txy: the CSV's axes are sigma_x and tau_xy.
"$MGE" laminate envelope "$MGE_SRC/examples/composite/quasi_iso_glass.yaml" --plane sx-txy \
  --directions 8 >env.csv 2>&1
check "--plane sx-txy changes the axes" grep -q "^criterion,direction_deg,sigma_x_MPa,tau_xy_MPa" env.csv
"$MGE" laminate envelope "$MGE_SRC/examples/composite/quasi_iso_glass.yaml" --plane xx >/dev/null 2>pl.err
check "--plane xx is refused" grep -q "unknown plane" pl.err

# glass visc train --data DIR: a folder without the dataset is bad input.
"$MGE" glass visc train --data "$tmp/nothing-here" >/dev/null 2>gd.err; rc=$?
check "--data of a missing folder exits 2" test "$rc" -eq 2
check "--data names the file it looked for" grep -q "nothing-here" gd.err

[ "$fails" -eq 0 ] && echo "options_effect: all checks passed"
exit "$fails"
