#!/usr/bin/env bash
# mge featurize: CSV in -> CSV out with features; order with threads, error
# rows, malformed CSV with file:line:column, stdin/stdout, the magpie names.
set -u
: "${MGE:?MGE must name the mge binary}" "${MGE_SRC:?MGE_SRC must name the source root}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp

# A file with quoting, an embedded newline, CRLF, a bad and an empty row.
printf 'id,formula,note\r\n1,Fe2O3,"a, ""b"""\r\n2,Xx3O,ok\r\n3,"NaCl","two\nlines"\r\n4,,empty\r\n5, AlCoCrFeNi ,x\r\n' >"$tmp/in.csv"
"$MGE" featurize "$tmp/in.csv" --column formula --set magpie --threads 1 \
  -o "$tmp/m1.csv" 2>"$tmp/err.txt"; rc=$?
check "featurize exits 0 with failed rows" test "$rc" -eq 0
check "failures reported on stderr" grep -q '2 of 5 rows failed' "$tmp/err.txt"
check "header: input columns, 132 magpie names, error" python3 - "$tmp/m1.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
h = rows[0]
assert h[:3] == ['id', 'formula', 'note'] and h[-1] == 'error', h[:3]
assert len(h) == 3 + 132 + 1, len(h)
assert h[3] == 'MagpieData minimum Number', h[3]
assert h[134] == 'MagpieData mode SpaceGroupNumber', h[134]
assert len(rows) == 6, len(rows)
r = dict(zip(h, rows[1]))
assert r['note'] == 'a, "b"' and r['error'] == '', r['error']
# Fe2O3 by hand from data/elements/magpie (tests/golden/test_magpie.c)
assert r['MagpieData mean Number'] == '15.2'
assert r['MagpieData avg_dev Number'] == '8.64'
assert r['MagpieData mode Number'] == '8'
assert r['MagpieData mean AtomicWeight'] == '31.93764'
bad = dict(zip(h, rows[2]))
assert bad['MagpieData mean Number'] == '' and 'Xx' in bad['error'], bad['error']
assert dict(zip(h, rows[3]))['note'] == 'two\nlines'
assert 'empty composition' in dict(zip(h, rows[4]))['error']
assert dict(zip(h, rows[5]))['MagpieData mean Number'] == '23.6'
PY

# Threads give byte-identical output; so does stdin -> stdout.
"$MGE" featurize "$tmp/in.csv" --column formula --set magpie --threads 3 \
  -o "$tmp/m3.csv" 2>/dev/null
check "3 threads = 1 thread" cmp -s "$tmp/m1.csv" "$tmp/m3.csv"
"$MGE" featurize - --column formula --set magpie --threads 2 <"$tmp/in.csv" \
  >"$tmp/ms.csv" 2>/dev/null
check "stdin/stdout = files" cmp -s "$tmp/m1.csv" "$tmp/ms.csv"

# A longer file crosses many chunks: order is kept with 4 threads.
python3 - "$tmp/long.csv" <<'PY'
import random, sys
random.seed(7)
els = ['Fe', 'Ni', 'Cr', 'Co', 'Al', 'Ti', 'Cu', 'Mn']
with open(sys.argv[1], 'w') as f:
    f.write('n,comp\n')
    for i in range(20000):
        k = random.randint(1, 4)
        f.write('%d,%s\n' % (i, ''.join(random.choice(els) + str(random.randint(1, 9)) for _ in range(k))) if i % 97 else '%d,Qq\n' % i)
PY
"$MGE" featurize "$tmp/long.csv" --column comp --set all --threads 1 -o "$tmp/l1.csv" 2>/dev/null
"$MGE" featurize "$tmp/long.csv" --column comp --set all --threads 4 -o "$tmp/l4.csv" 2>/dev/null
check "20000 rows, 4 threads = 1 thread" cmp -s "$tmp/l1.csv" "$tmp/l4.csv"
check "one output row per input row, in order" python3 - "$tmp/l4.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
assert len(rows) == 20001
assert [int(r[0]) for r in rows[1:]] == list(range(20000))
assert all((r[-1] != '') == (int(r[0]) % 97 == 0) for r in rows[1:])
PY

# The alloy set has its names with units.
"$MGE" featurize --names --set alloy >"$tmp/names.txt"
check "alloy names carry units" grep -qx 'alloy_dHmix_kJ_mol' "$tmp/names.txt"
check "magpie set has 132 names" test "$("$MGE" featurize --names | wc -l)" -eq 132
"$MGE" featurize --formula Fe2O3 --json >"$tmp/one.json"
check "--formula --json" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["features"]
assert abs(d["MagpieData mean MeltingT"] - 757.28) < 1e-9' "$tmp/one.json"

# Malformed CSV: exit 2 and file:line:column.
printf 'a,formula\n1,Fe\n2,Ni"x\n' >"$tmp/bad.csv"
"$MGE" featurize "$tmp/bad.csv" --column formula -o "$tmp/bad.out" 2>"$tmp/err.txt"; rc=$?
check "malformed CSV exits 2" test "$rc" -eq 2
check "error names file:line:column" grep -q 'bad.csv:3:5: malformed CSV' "$tmp/err.txt"
check "rows before the error are written" test "$(wc -l <"$tmp/bad.out")" -eq 2
printf 'a,formula\n1,"Fe\n' | "$MGE" featurize - --column formula >/dev/null 2>"$tmp/err.txt"; rc=$?
check "open quote exits 2" test "$rc" -eq 2
check "open quote names <stdin>:2:3" grep -q '<stdin>:2:3: malformed CSV: quoted field not closed' "$tmp/err.txt"
printf 'a,formula\n1,Fe,extra\n' | "$MGE" featurize - --column formula >/dev/null 2>"$tmp/err.txt"; rc=$?
check "ragged row exits 2" test "$rc" -eq 2
check "ragged row message" grep -q 'record has 3 fields, the header has 2' "$tmp/err.txt"
"$MGE" featurize "$tmp/in.csv" --column nope >/dev/null 2>"$tmp/err.txt"; rc=$?
check "unknown column exits 2" test "$rc" -eq 2
check "unknown column lists the columns" grep -q "no column 'nope'.*'formula'" "$tmp/err.txt"
: | "$MGE" featurize - --column x >/dev/null 2>"$tmp/err.txt"; rc=$?
check "empty input exits 2" test "$rc" -eq 2
"$MGE" featurize "$tmp/in.csv" --column formula --set nope >/dev/null 2>&1; rc=$?
check "unknown set exits 2" test "$rc" -eq 2
"$MGE" featurize "$tmp/in.csv" --column formula --threads 0 >/dev/null 2>&1; rc=$?
check "--threads 0 exits 2" test "$rc" -eq 2
"$MGE" featurize "$tmp/missing.csv" --column formula >/dev/null 2>&1; rc=$?
check "missing file exits 2" test "$rc" -eq 2
"$MGE" featurize --help | grep -q 'usage: mge featurize'
check "--help" test $? -eq 0

# --json is for --formula; a CSV with --formula, or --json on a CSV, is
# refused (issue 21); comp --list-designations takes no composition.
"$MGE" featurize "$tmp/in.csv" --column formula --json >/dev/null 2>&1
check "featurize CSV --json exits 2" test $? -eq 2
"$MGE" featurize "$tmp/in.csv" --formula Fe >/dev/null 2>&1
check "featurize CSV with --formula exits 2" test $? -eq 2
"$MGE" comp AA6061 --list-designations >/dev/null 2>&1
check "comp TEXT --list-designations exits 2" test $? -eq 2

[ "$fails" -eq 0 ] && echo "featurize: all checks passed"
exit "$fails"
