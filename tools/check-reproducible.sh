#!/usr/bin/env bash
# Build the committed tree twice, from two fresh clones, and compare: the HTML must be
# byte-identical and the PDF's text identical. Uses this checkout's .venv (no reinstall).
set -euo pipefail
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 1 2; do
  git clone -q "$root" "$work/$n"
  ln -s "$root/.venv" "$work/$n/.venv"
  touch -r "$root/.venv/.installed" "$work/$n/.venv/.installed" 2>/dev/null || true
  (cd "$work/$n" && HEUMEZU_DATA="$work/$n/data" make --no-print-directory -o .venv/.installed html pdf >"$work/build-$n.log" 2>&1) || { tail -40 "$work/build-$n.log"; exit 1; }
done
status=0
if diff -r -q "$work/1/_build/html" "$work/2/_build/html" | grep -v '\.pdf differ$'; then
  echo "HTML differs between the two builds"; status=1
else
  echo "HTML: byte-identical"
fi
if cmp -s <(pdftotext "$work/1/_build/latex/he-umezu-edition.pdf" -) <(pdftotext "$work/2/_build/latex/he-umezu-edition.pdf" -); then
  echo "PDF text: identical"
else
  echo "PDF text differs"; status=1
fi
cmp -s "$work/1/_build/latex/he-umezu-edition.pdf" "$work/2/_build/latex/he-umezu-edition.pdf" && echo "PDF: byte-identical" || echo "PDF bytes differ (text identical)"
exit $status
