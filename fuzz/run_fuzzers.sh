#!/usr/bin/env bash
# Runs every libFuzzer target of a build (bin/fuzz_<name>, preset `check`) for SECONDS each,
# JOBS at a time, starting from the seed corpus in fuzz/corpus/<name>/. New inputs go to
# BUILD/fuzz-runs/<name>/corpus, never into the repository. Exits 1 when any target crashed,
# leaked, timed out or broke a property, naming the input to store under
# fuzz/regressions/<name>/ (where tests/fuzz/ replays it in every build).
# Usage: run_fuzzers.sh BUILD [SECONDS] [JOBS]
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=${2:-60}
jobs=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)

run_one() {
  local name=$1 dir="$build/fuzz-runs/$1"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  if "$build/bin/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=8192 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
      "$dir/corpus" "$root/fuzz/corpus/$name" >"$dir/log" 2>&1; then
    echo "fuzz $name: ok, $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log" |
      grep -o '[0-9]*$') runs in ${seconds}s"
  else
    echo "fuzz $name: FAILED; log $dir/log; input(s):" $(ls "$dir/artifacts") >&2
    tail -n 40 "$dir/log" >&2
    return 1
  fi
}
export -f run_one
export build seconds root

names=()
for binary in "$build"/bin/fuzz_*; do
  name=${binary##*/fuzz_}
  # Every target has a seed corpus; fuzz_tests (tests/fuzz/) does not, and is no target.
  [ -d "$root/fuzz/corpus/$name" ] && names+=("$name")
done
[ ${#names[@]} -gt 0 ] || { echo "no fuzz targets in $build/bin (configure with the check preset)" >&2; exit 1; }
printf '%s\n' "${names[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
