#!/usr/bin/env bash
# Usage: locked.sh LOCKFILE COMMAND...
# Run COMMAND holding an exclusive lock, so that two builds started in one folder never write
# the same files at once (the second one says so and waits).
set -euo pipefail
lock=$1; shift
exec 9>"$lock"
if ! flock -n 9; then
  echo "Another build is running in this folder (lock: $lock); waiting for it to finish..." >&2
  flock 9
fi
exec "$@"
