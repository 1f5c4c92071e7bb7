#!/usr/bin/env bash
# The main job: screen the example design spaces (two alloys, one glass) and show where the
# results, the plots and the database are. Usage: examples/demo.sh MGE
# (the mge binary, e.g. build/mge). Results go to demo/ beside the binary.
set -eu
mge=${1:?usage: examples/demo.sh PATH/TO/mge}
here=$(cd "$(dirname "$0")" && pwd)
out="$(cd "$(dirname "$mge")" && pwd)/demo"
mkdir -p "$out"
rm -f "$out"/mge.db "$out"/mge.db-wal "$out"/mge.db-shm "$out"/*.svg
cp "$here/mg_casting.yaml" "$here/hea_fcc.yaml" "$here/glass_cover.yaml" "$here/composite_pipe.yaml" "$out/"
db="$out/mge.db"
echo "== mge design examples/mg_casting.yaml (Mg casting alloy, Sobol, 200000 candidates)"
"$mge" design "$out/mg_casting.yaml" --db "$db"
echo
echo "== mge design examples/hea_fcc.yaml (single-phase FCC high-entropy alloy, LHS, 200000 candidates)"
"$mge" design "$out/hea_fcc.yaml" --db "$db"
echo
echo "== mge design examples/glass_cover.yaml (alkali aluminosilicate cover glass, Sobol, 20000 candidates)"
"$mge" design "$out/glass_cover.yaml" --db "$db"
echo
echo "== mge design examples/composite_pipe.yaml (E-glass/epoxy pipe wall, 10 MPa, 2:1 hoop:axial, grid of layups)"
"$mge" design "$out/composite_pipe.yaml" --db "$db"
echo
echo "== stored runs ($db)"
"$mge" db runs --db "$db"
echo
echo "results:  $db   (mge db show RUN --db $db; mge db export RUN --csv --db $db)"
echo "plots:    $(ls "$out"/*.svg | tr '\n' ' ')"
echo "problems: $out/mg_casting.yaml $out/hea_fcc.yaml $out/glass_cover.yaml $out/composite_pipe.yaml"
