#!/usr/bin/env bash
# mge design with family: laminate: mistakes in the layup and the load case
# exit 2 naming file:line:column before anything runs. (The composite models
# are not yet in the built-in registry, so the pipe example itself is run by
# tests/unit/test_design_laminate.c; see docs/design.md.)
set -u
: "${MGE:?MGE must name the mge binary}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp
bad() { # name, expected "line:col", message part, then the text
  local name=$1 where=$2 msg=$3
  printf '%s' "$4" >"$tmp/$name.yaml"
  "$MGE" design "$tmp/$name.yaml" --db "$tmp/bad.db" >/dev/null 2>"$tmp/$name.err"; local rc=$?
  check "$name exits 2" test "$rc" -eq 2
  check "$name names $where" grep -q "$name.yaml:$where" "$tmp/$name.err"
  check "$name says '$msg'" grep -qF "$msg" "$tmp/$name.err"
}
bad material 4:15 "unknown lamina 'Kevlar/air'" \
'family: laminate
space:
  layup:
    material: Kevlar/air
    angles: [0, 90]
    groups: 2
    plies: [0, 2]
sampler: {kind: grid}
objectives: [{minimize: composite.areal_mass.areal_mass}]
'
bad angle 5:21 "angle 120 is outside [-90, 90] degrees" \
'family: laminate
space:
  layup:
    material: E-glass/MY750
    angles: [0, 90, 120]
    groups: 2
    plies: [0, 2]
sampler: {kind: grid}
objectives: [{minimize: composite.areal_mass.areal_mass}]
'
bad loadunit 8:18 "is not in units of Pa" \
'family: laminate
space:
  layup:
    material: E-glass/MY750
    angles: [0, 90]
    groups: 2
    plies: [0, 2]
load: {pressure: 10 kN/m, radius: 50 mm}
sampler: {kind: grid}
objectives: [{minimize: composite.areal_mass.areal_mass}]
'
check "no run was stored for the mistakes" test ! -e "$tmp/bad.db"

# The pipe example end to end: the lightest wall that keeps a first-ply
# reserve factor of 1.5 under 2:1 hoop:axial load is a +-55 degree wall, the
# netting-analysis optimum tan^2(theta) = 2 (theta = 54.7 deg; e.g. Kaw 2006,
# Sec. 4 design examples; tolerance: the angle set's 5-degree step).
cp "$MGE_SRC/examples/composite_pipe.yaml" "$tmp/pipe.yaml"
check "pipe example runs" sh -c '"$0" design "$1/pipe.yaml" --db "$1/pipe.db" --json --quiet >"$1/pipe.json"' "$MGE" "$tmp"
check "lightest feasible wall is +-55 with reserve >= 1.5" python3 - "$tmp/pipe.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = min(d["front"], key=lambda c: c["values"]["composite.areal_mass.areal_mass"])
assert set(abs(f["amounts"][k]) for k in f["amounts"] if k.endswith("angle")) == {55}, f
assert f["values"]["composite.fpf"] >= 1.5, f
PY
[ "$fails" -eq 0 ] && echo "design_laminate.sh: all passed"
exit "$fails"
