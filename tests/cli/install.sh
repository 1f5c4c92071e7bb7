#!/usr/bin/env bash
# Install the build into a temporary prefix and build a small program against
# the installed library through pkg-config (shared) and the CMake package.
set -eu
: "${MGE_BUILD:?}" "${MGE_SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$MGE_BUILD" --prefix "$tmp/prefix" >/dev/null
test -f "$tmp/prefix/include/mge/core.h"
test -x "$tmp/prefix/bin/mge"
libdir=$(ls -d "$tmp"/prefix/lib*/ | head -n 1)
test -f "$libdir/pkgconfig/mge.pc"
test -f "$libdir/cmake/mge/mgeConfig.cmake"
cat > "$tmp/hello.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <mge/core.h>
int main(void) {
  mge_error e;
  mge_error_clear(&e);
  mge_error_set(&e, MGE_E_INPUT, "x");
  if (e.code != MGE_E_INPUT || strcmp(mge_version(), MGE_VERSION_STRING) != 0)
    return 1;
  printf("mge %s\n", mge_version());
  return 0;
}
C
extra=""
[ "${MGE_SANITIZE:-OFF}" = "ON" ] && extra="-fsanitize=address,undefined"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
# shellcheck disable=SC2046
${CC:-cc} $extra -o "$tmp/hello" "$tmp/hello.c" $(pkg-config --cflags --libs mge)
out=$(LD_LIBRARY_PATH="$libdir" "$tmp/hello")
[ "$out" = "mge $("$MGE" --version | awk '{print $2}')" ] || {
  echo "unexpected output: $out"; exit 1; }
# The CMake package config: find_package(mge) and link mge::mge.
mkdir -p "$tmp/cm"
cp "$tmp/hello.c" "$tmp/cm/"
cat > "$tmp/cm/CMakeLists.txt" <<'C'
cmake_minimum_required(VERSION 3.18)
project(hello C)
find_package(mge REQUIRED)
add_executable(hello hello.c)
target_link_libraries(hello mge::mge)
C
if [ "${MGE_SANITIZE:-OFF}" != "ON" ]; then
  cmake -S "$tmp/cm" -B "$tmp/cm/b" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
  cmake --build "$tmp/cm/b" >/dev/null
  LD_LIBRARY_PATH="$libdir" "$tmp/cm/b/hello" >/dev/null
fi
echo "install test ok"
