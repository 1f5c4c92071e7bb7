#!/usr/bin/env bash
# The layers of cmake/layers.txt: every #include line of the tree obeys them
# (tools/check_layers.py), the checker catches a wrong-way include, and the
# build's per-layer include paths make a wrong-way include fail to compile.
set -u
: "${MGE_SRC:?MGE_SRC must name the source root}" "${MGE_BUILD:?MGE_BUILD must name the build folder}"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # check, $fails, $tmp
fails_to() { ! "$@" >/dev/null 2>&1; }

check "the tree obeys cmake/layers.txt" python3 "$MGE_SRC/tools/check_layers.py" "$MGE_SRC"

# A copy of the table and headers with one wrong-way include per case.
mkdir -p "$tmp/t/cmake" "$tmp/t/src/chem" "$tmp/t/src/thermo" "$tmp/t/include/mge" "$tmp/t/cli"
cp "$MGE_SRC/cmake/layers.txt" "$tmp/t/cmake/"
cp "$MGE_SRC"/include/mge/*.h "$tmp/t/include/mge/"
touch "$tmp/t/src/thermo/thermo_internal.h"
printf '#include "mge/chem.h"\n' >"$tmp/t/src/chem/ok.c"
check "checker passes a downward include" python3 "$MGE_SRC/tools/check_layers.py" "$tmp/t"
printf '#include "mge/chem.h"\n#include "mge/design.h"\n' >"$tmp/t/src/chem/up.c"
python3 "$MGE_SRC/tools/check_layers.py" "$tmp/t" >"$tmp/out"
check "checker refuses chem -> design" grep -q 'src/chem/up.c:2: mge/design.h (layer design) is above layer chem' "$tmp/out"
rm "$tmp/t/src/chem/up.c"
printf '#include "thermo/thermo_internal.h"\n' >"$tmp/t/src/chem/peek.c"
python3 "$MGE_SRC/tools/check_layers.py" "$tmp/t" >"$tmp/out"
check "checker refuses another folder's internal header" grep -q 'src/chem/peek.c:1: thermo/thermo_internal.h is internal to src/thermo' "$tmp/out"
rm "$tmp/t/src/chem/peek.c"
printf '#include "thermo/thermo_internal.h"\n' >"$tmp/t/cli/x.c"
python3 "$MGE_SRC/tools/check_layers.py" "$tmp/t" >"$tmp/out"
check "checker refuses an internal header in cli/" grep -q 'cli/x.c:1: thermo/thermo_internal.h is an internal header' "$tmp/out"
rm "$tmp/t/cli/x.c"
printf '#include "mge/nosuch.h"\n' >"$tmp/t/src/chem/x.c"
python3 "$MGE_SRC/tools/check_layers.py" "$tmp/t" >"$tmp/out"
check "checker refuses a header of no layer" grep -q 'mge/nosuch.h belongs to no layer' "$tmp/out"

# The build: a layer's include path has its own and lower headers only.
cc=${CC:-cc}
inc=$MGE_BUILD/layers
if [ -d "$inc/chem" ] && command -v "$cc" >/dev/null; then
  printf '#include "mge/chem.h"\nint f(void);\n' >"$tmp/ok.c"
  printf '#include "mge/design.h"\nint f(void);\n' >"$tmp/up.c"
  printf '#include "thermo/thermo_internal.h"\nint f(void);\n' >"$tmp/peek.c"
  check "chem compiles against its own headers" "$cc" -fsyntax-only -I"$inc/chem" "$tmp/ok.c"
  check "chem cannot include mge/design.h" fails_to "$cc" -fsyntax-only -I"$inc/chem" "$tmp/up.c"
  check "chem cannot include thermo's internals" fails_to "$cc" -fsyntax-only -I"$inc/chem" "$tmp/peek.c"
  check "design sees the learn and family headers" "$cc" -fsyntax-only -I"$inc/design" -x c - <<<'#include "mge/design.h"
#include "mge/learn.h"
#include "mge/thermo.h"
int f(void);'
else
  echo "FAIL: no per-layer include folders under $inc"; fails=$((fails + 1))
fi

[ "$fails" -eq 0 ] && echo "layers: all checks passed"
exit $((fails > 0))
