#!/usr/bin/env bash
# run_fuzz.sh BINARY SEED_CORPUS SECONDS: run a libFuzzer target on a copy of
# its seed corpus; any crash, leak or sanitizer report fails the test.
set -eu
bin=$1 seeds=$2 secs=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
[ -d "$seeds" ] && cp -r "$seeds"/. "$work/corpus/" 2>/dev/null || true
cd "$work"
"$bin" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$work/corpus" 2>&1 | tail -n 25
exit "${PIPESTATUS[0]}"
