#!/usr/bin/env bash
# mge thermo reads its options through the option table (cli/opt.h): an
# option anywhere on the line takes effect, --opt=value works, and every
# bad value exits 2 with a message naming the option. The reference output
# of each check is the same command with its options in the usual order.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
D="$MGE_SRC/data/thermo"
fail() { echo "thermo_opts: $*" >&2; exit 1; }

# Options before, between and after DB: the same answer.
a=$("$MGE" thermo eq "$D/cost507R.tdb" --comp Mg-9Al-1Zn --T 700K --json)
b=$("$MGE" thermo eq --json --T=700K "$D/cost507R.tdb" --comp=Mg-9Al-1Zn)
[ "$a" = "$b" ] || fail "eq: options before DB change the answer"
a=$("$MGE" thermo step "$D/cost507R.tdb" --X AL=0.1,MG --T 900:700:100)
b=$("$MGE" thermo step --T 900:700:100 "$D/cost507R.tdb" --X=AL=0.1,MG)
[ "$a" = "$b" ] || fail "step: options before DB change the answer"
a=$("$MGE" thermo step "$D/cost507R.tdb" --X AL=0.1,MG --T 900:700 --dT 100)
[ "$a" = "$b" ] || fail "step: --dT 100 differs from --T 900:700:100"
printf 'T,X(AL),X(MG)\n700,0.3,0.7\n800,0.1,0.9\n' >"$tmp/b.csv"
a=$("$MGE" thermo eq "$D/cost507R.tdb" --batch "$tmp/b.csv" --threads 2)
b=$("$MGE" thermo eq --threads=2 --batch "$tmp/b.csv" "$D/cost507R.tdb")
[ "$a" = "$b" ] || fail "eq --batch: --threads=2 first changes the answer"
# --P is a quantity in Pa: 1bar = 100000 Pa.
"$MGE" thermo eq "$D/cost507R.tdb" --comp Al --T 700 --P 1bar |
  grep -q "P = 100000 Pa" || fail "--P 1bar"

# Bad values: exit 2, the option and the value in the message.
bad() { # expected message, then the command's arguments
  local want=$1 rc=0
  shift
  "$MGE" thermo "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  [ "$rc" -eq 2 ] || fail "thermo $*: exit $rc, not 2"
  grep -qF -- "$want" "$tmp/err" || fail "thermo $*: $(cat "$tmp/err")"
  [ ! -s "$tmp/out" ] || fail "thermo $*: printed a result"
}
T="$D/cost507R.tdb"
bad "--threads wants an integer in 1..256, not '0'" eq "$T" --batch "$tmp/b.csv" --threads 0
# options of the other mode of eq are refused, never dropped (issue 21)
bad "--T, --comp, --X and --W cannot be combined with it" eq "$T" --batch "$tmp/b.csv" --T 300 --comp Mg-3Al
bad "--T, --comp, --X and --W cannot be combined with it" eq "$T" --batch "$tmp/b.csv" --X AL=0.3,MG
bad "--balance is for --batch" eq "$T" --comp Mg-3Al --T 700 --balance MG
bad "--nx is for a binary diagram" map "$T" --el AL,MG,ZN --T 700 --nx 10
bad "--div is for a ternary section" map "$T" --el AL,MG --T 300:900 --div 10
bad "--threads is for --batch" eq "$T" --comp Mg-3Al --T 700 --threads 2
bad "--threads wants an integer in 1..256, not 'x'" map "$T" --el AL,MG --T 300:900 --threads x
bad "--P: " eq "$T" --comp Al --T 700 --P abc
bad "--P must be in" eq "$T" --comp Al --T 700 --P 0
bad "--P wants a quantity in Pa, not '5K'" eq "$T" --comp Al --T 700 --P 5K
bad "--T wants a temperature" eq "$T" --comp Al --T 700F
bad "--T needs a value" eq "$T" --comp Al --T
bad "--dT wants a number in [0.001, 1000], not '0'" step "$T" --comp Al --T 900:800 --dT 0
bad "--stop wants a number in [1e-12, 1), not '1'" scheil "$T" --comp Al --T 950 --stop 1
bad "--nx wants an integer in 2..2000, not '1'" map "$T" --el AL,MG --T 300:900 --nx 1
bad "--div wants an integer in 3..200, not '2'" map "$T" --el AL,MG,ZN --T 700 --div 2
bad "--json takes no value" eq "$T" --comp Al --T 700 --json=1
bad "did you mean '--json'?" info "$T" --jsn
bad "unknown option '--threads'" step "$T" --comp Al --T 900:800 --threads 2
bad "give one of --X and --W" eq "$T" --X AL=0.3,MG --W AL=0.3,MG --T 700
bad "unexpected argument" eq "$T" "$T" --comp Al --T 700

# The help is generated from the table, the option lines aligned as before.
"$MGE" thermo eq --help | grep -qxF "  --P PA             pressure in Pa (default 101325)" ||
  fail "eq --help: the --P line"
"$MGE" thermo scheil --help | grep -qxF "                     (default 1e-6)" ||
  fail "scheil --help: the --stop line"
"$MGE" thermo map --help | grep -qxF "  --phases A,B / --suspend A,B  phase selection" ||
  fail "map --help: the --phases line"
echo "thermo_opts: ok"

# A heating step lists the transitions from low to high T, worded as on
# heating; the names say liquidus and solidus (issue 21).
"$MGE" thermo step "$T" --comp Mg-9Al-1Zn --T 600:950:10 --json >"$tmp/h.json" ||
  fail "step heating"
python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))["events"]
T = [x["T_K"] for x in e]
assert T == sorted(T), T
k = {x["phase"]: x["kind"] for x in e}
assert k["LIQUID"] == "appears" and k["HCP_A3"] == "disappears", k
n = {x["phase"]: x["name"] for x in e}
assert n["LIQUID"] == "solidus" and n["HCP_A3"].startswith("liquidus"), n' "$tmp/h.json" ||
  fail "step heating: order, wording or names"
