#!/usr/bin/env bash
# Usage: build-book.sh JUPYTER_BOOK BUILDER OUT     (BUILDER: html or latex; run under locked.sh)
# - Skips Sphinx when nothing it reads changed since the last complete build (the stamp of
#   heumezu_sphinx.manifest, which declares what a build reads),
#   so a no-op `make book` costs seconds.
# - A build that did not complete (failed, killed, Ctrl-C) leaves its marker; the next one then
#   re-reads every page (--all), so it gives what a clean build gives.
set -euo pipefail
jb=$1; builder=$2; out=$3
build=$out/_build
marker=$build/.$builder-incomplete
stamp=$build/.$builder-sources
mkdir -p "$build"
sources=$("$(dirname "$jb")/python" -m heumezu_sphinx stamp .)
if [ ! -e "$marker" ] && [ -d "$build/$builder" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sources" ]; then
  echo "$builder: up to date (nothing it is built from has changed)"
  exit 0
fi
all=()
[ -e "$marker" ] && all=(--all) && echo "$builder: the last build did not finish; re-reading every page"
touch "$marker"
rm -f "$stamp"
# jupyter-book catches Ctrl-C (KeyboardInterrupt) and then exits 0 as if the build had finished,
# so an interruption is noticed here (Ctrl-C reaches this shell too) and the marker stays.
interrupted=
trap 'interrupted=1' INT TERM HUP
"$jb" build . --path-output "$out" --builder "$builder" -W -n --keep-going "${all[@]}"
trap - INT TERM HUP
if [ -n "$interrupted" ]; then
  echo "$builder: interrupted; the next build re-reads every page" >&2
  exit 130
fi
rm "$marker"
echo "$sources" >"$stamp"
