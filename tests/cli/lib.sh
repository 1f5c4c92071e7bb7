# Sourced by the command-line tests (tests/cli/*.sh) after `set -u`:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# gives check DESCRIPTION COMMAND... (runs the command; a failure prints
# "FAIL: DESCRIPTION" and counts in $fails) and $tmp, a new folder removed on
# exit (a script that needs more on exit sets its own trap, removing $tmp).
# Not a test itself: ctest runs the *.sh files only.
fails=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then :; else echo "FAIL: $what"; fails=$((fails + 1)); fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
