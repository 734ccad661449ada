#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format would make of it. One
# clang-format process per batch of files, a batch per core at a time: a process per file made
# this check take over a minute of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format not installed, skipped"; exit 0; }
# clang-format --dry-run names each file that would change in a "file:line:col: error:" line.
# Tracked files deleted in the working tree are skipped (clang-format would fail on them).
bad=$(git ls-files -z '*.cpp' '*.hpp' |
  while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done |
  xargs -0 -r -n 64 -P "$(nproc)" clang-format --dry-run 2>&1 |
  sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: .*/\1/p' | sort -u) ||
  { echo "check-format: clang-format failed" >&2; exit 1; }
if [ -n "$bad" ]; then
  echo "check-format: these files need 'make format':" >&2
  echo "$bad" >&2
  exit 1
fi
