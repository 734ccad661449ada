#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format would make of it.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format not installed, skipped"; exit 0; }
files=$(git ls-files '*.cpp' '*.hpp')
[ -z "$files" ] && exit 0
bad=$(for f in $files; do clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"; done)
if [ -n "$bad" ]; then
  echo "check-format: these files need 'make format':" >&2
  echo "$bad" >&2
  exit 1
fi
