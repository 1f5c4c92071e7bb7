#!/usr/bin/env bash
# Install the Debian packages mge needs to build and test. Idempotent: does
# nothing when all are present. Needs root (or sudo) only when something is
# missing. Usage: tools/deps.sh [extra-package...]
set -eu
pkgs="build-essential cmake pkg-config clang libclang-rt-dev python3
libcmocka-dev libfyaml-dev libsqlite3-dev libopenblas-dev liblapack-dev
libxgboost-dev time $*"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "mge: installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
