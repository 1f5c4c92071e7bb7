#!/usr/bin/env bash
# mge learn end to end: import (bad rows reported by line, fail or drop),
# datasets, fit, models, predict, cv, matbench steels (against the published
# RF-SCM/Magpie point), suggest, and the error paths.
set -u
: "${MGE:?}" "${MGE_SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fails=0
check() { # check NAME EXPECTED_RC CMD...
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, expected $want"; cat "$tmp/err"; fails=$((fails+1))
  fi
}
json() { /usr/bin/env python3 -c "import json,sys; d=json.load(open('$tmp/out')); $1" \
  || { echo "FAIL json check: $1"; cat "$tmp/out"; fails=$((fails+1)); }; }

cat > bad.csv <<'CSV'
id,formula,gap
a,Fe2O3,2.2
b,NaCl,8.5
c,Xx2O,3.0
d,Al2O3,abc
e,O3Fe2,2.1
f,MgO,7.8
g,ZnO,3.4
h,CaO,7.0
CSV
check import-fails 2 "$MGE" learn import bad.csv --composition formula --target gap --db t.db
grep -q "bad.csv:4" err || { echo "FAIL import: line 4 not named"; fails=$((fails+1)); }
grep -q "bad.csv:5" err || { echo "FAIL import: line 5 not named"; fails=$((fails+1)); }
grep -q "bad.csv:6.*duplicate" err || { echo "FAIL import: duplicate not named"; fails=$((fails+1)); }
check import-drop 0 "$MGE" learn import bad.csv --composition formula --target gap --on-bad drop --name toy --unit eV --db t.db --json
json "assert d['rows']==5 and d['dropped']==3, d"
check import-again 2 "$MGE" learn import bad.csv --composition formula --target gap --on-bad drop --name toy --db t.db
check import-replace 0 "$MGE" learn import bad.csv --composition formula --target gap --on-bad drop --name toy --db t.db --replace
check import-nocol 2 "$MGE" learn import bad.csv --composition nope --target gap --db t.db
# a missing input file is bad input (exit 2), as the README promises
check import-nofile 2 "$MGE" learn import missing.csv --composition formula --target gap --db t.db
check datasets 0 "$MGE" learn datasets --db t.db --json
json "assert [x['name'] for x in d]==['toy'] and d[0]['rows']==5"

# a steels subset: fit, store, predict
head -n 121 "$MGE_SRC/data/ml/matbench_steels.csv" > steels.csv
check import-steels 0 "$MGE" learn import steels.csv --composition composition --target "yield strength" --unit MPa --db t.db
check fit 0 "$MGE" learn fit steels --model ridge --db t.db -o steels.model --json
json "assert d['property']=='learn.steels' and d['rows']==120"
test -s steels.model || { echo "FAIL fit: no model file"; fails=$((fails+1)); }
check fit-again 2 "$MGE" learn fit steels --model ridge --db t.db
check fit-badmodel 2 "$MGE" learn fit steels --model forest --db t.db
check fit-nodata 2 "$MGE" learn fit nosuch --db t.db
check models 0 "$MGE" learn models --db t.db --json
json "assert d[0]['property']=='learn.steels' and d[0]['model']=='ridge'"
printf 'alloy,note\nFe0.7Ni0.2Co0.1,a\nZz2,b\n"Fe0.8Cr0.2",c\n' > new.csv
check predict-file 0 "$MGE" learn predict steels.model new.csv --column alloy
python3 - "$tmp/out" <<'PY' || { echo "FAIL predict output"; cat "$tmp/out"; fails=$((fails+1)); }
import csv, sys, math
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r['note'] for r in rows] == ['a', 'b', 'c'], rows
assert math.isfinite(float(rows[0]['prediction'])) and rows[0]['error'] == ''
assert rows[1]['prediction'] == '' and 'Zz' in rows[1]['error']
PY
check predict-stored 0 "$MGE" learn predict steels new.csv --column alloy --db t.db -o pred.csv
test -s pred.csv || { echo "FAIL predict -o"; fails=$((fails+1)); }
check predict-nocol 2 "$MGE" learn predict steels.model new.csv --column nope
echo junk > junk.model
check predict-badmodel 2 "$MGE" learn predict junk.model new.csv --column alloy

# cross-validation: folds are reported and grouped
check cv 0 "$MGE" learn cv steels --folds 4 --model ridge --db t.db --json
json "assert len(d['folds'])==4 and d['mean']['mae']>0 and sum(f['n'] for f in d['folds'])==120"
check cv-badfolds 2 "$MGE" learn cv steels --folds 1 --db t.db
check cv-group 2 "$MGE" learn cv steels --group nope --db t.db

# Matbench steels, official folds, default model (XGBoost, magpie): the mean
# MAE must beat the published RF-SCM/Magpie point, 103.5 MPa (Dunn et al.,
# npj Comput Mater 6, 138 (2020); Matbench leaderboard).
check matbench 0 "$MGE" learn matbench steels --threads 1 --json
json "t=d['tasks'][0]; assert t['task']=='matbench_steels' and len(t['folds'])==5; assert t['score'] < 103.5, t['score']; assert sum(f['n'] for f in t['folds'])==312"
check matbench-unknown 2 "$MGE" learn matbench nosuch

# Bayesian proposals in a composition space with a constraint: distinct,
# inside the bounds, summing to 100 at%, balance never negative
check import-hea 0 "$MGE" learn import "$MGE_SRC/data/ml/hea/MPEA_dataset.csv" --composition FORMULA --target "PROPERTY: HV" --name hea_hv --unit HV --on-bad drop --db t.db
check suggest 0 "$MGE" learn suggest hea_hv --space "$MGE_SRC/examples/learn/hea_hardness.yaml" --batch 3 --pool 2000 --maximize --db t.db --json
json "
s=d['suggestions']; assert len(s)==3 and d['observations']>50
lim={'Al':(0,25),'Co':(0,35),'Cr':(0,35),'Fe':(0,35),'Cu':(0,20),'Mn':(0,25)}
keys=set()
for x in s:
  c=x['composition']; assert abs(sum(c.values())-100)<1e-9, c
  assert c['Ni']>=0
  for k,(a,b) in lim.items(): assert a-1e-12<=c[k]<=b+1e-12, (k,c[k])
  keys.add(tuple(sorted(c.items())))
assert len(keys)==3
"
check suggest-ucb 0 "$MGE" learn suggest hea_hv --space "$MGE_SRC/examples/learn/hea_hardness.yaml" --batch 2 --pool 500 --acq ucb --db t.db
check suggest-bigbatch 2 "$MGE" learn suggest hea_hv --space "$MGE_SRC/examples/learn/hea_hardness.yaml" --batch 600 --pool 500 --db t.db
check suggest-badacq 2 "$MGE" learn suggest hea_hv --space "$MGE_SRC/examples/learn/hea_hardness.yaml" --acq pi --db t.db
check suggest-nospace 2 "$MGE" learn suggest toy --space "$MGE_SRC/examples/learn/hea_hardness.yaml" --db t.db

# a learned model as a property of the design engine, beside physics models
check fit-hea 0 "$MGE" learn fit hea_hv --model ridge --db t.db
check models-db 0 "$MGE" models --db t.db --json
json "n=[m['name'] for m in d]; assert 'learn.hea_hv' in n and 'learn.hea_hv_sd' in n and 'alloy' in n, n"
sed 's/n: 20000/n: 2000/' "$MGE_SRC/examples/learn/hea_hard_light.yaml" > hl.yaml
check design-learned 0 "$MGE" design hl.yaml --db t.db --json --quiet
json "
f=d['front']; assert f, d['counts']
for c in f:
  v=c['values']; assert v['learn.hea_hv']==v['learn.hea_hv'] and v['alloy.ss']==1
"
check design-learned-missing 2 "$MGE" design hl.yaml --db other.db --quiet

# read commands never create a database: a mistyped --db is refused, and no
# file is left behind (issue 21)
check datasets-typo 2 "$MGE" learn datasets --db typo.db
check models-typo 2 "$MGE" learn models --db typo.db
check fit-typo 2 "$MGE" learn fit toy --db typo.db
check predict-typo 2 "$MGE" learn predict learn.toy bad.csv --column formula --db typo.db
[ ! -e typo.db ] || { echo "FAIL a read command created typo.db"; fails=$((fails + 1)); }
# options that mean nothing for a subcommand are refused (issue 21)
check matbench-folds 2 "$MGE" learn matbench steels --folds 3
check fit-gp-ensemble 2 "$MGE" learn fit toy --model gp --ensemble 3 --db t.db
check predict-json 2 "$MGE" learn predict learn.toy bad.csv --column formula --db t.db --json
check datasets-model 2 "$MGE" learn datasets --model gp --db t.db
check unknown-sub 2 "$MGE" learn frobnicate
check help 0 "$MGE" learn --help
exit $fails
