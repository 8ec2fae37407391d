#!/usr/bin/env bash
# Usage: build-pdf.sh LATEX_DIR PDF_NAME HTML_DIR
# Typeset the LaTeX that Sphinx wrote in LATEX_DIR into LATEX_DIR/PDF_NAME and copy it to HTML_DIR.
# - Runs only when the LaTeX sources changed since the last PDF (a no-op build costs nothing).
# - Typesets in a fresh scratch folder, so that the .aux/.idx/.toc of a killed run can never
#   poison the next one; the finished PDF and its log replace the old ones in one rename each.
# - Fails if xelatex had to drop a character (a missing glyph in a font).
set -euo pipefail
latex_dir=$1; pdf=$2; html_dir=$3
# What xelatex/latexmk/xindy write (figures are PDFs too, so the output PDF is named, not *.pdf).
products="(\\.(aux|log|idx|ind|ilg|toc|out|fls|fdb_latexmk|xdv|lof|lot|synctex\\.gz)|/${pdf//./\\.})\$"
stamp="$latex_dir/.pdf-sources.sha256"
# The stamp: the LaTeX sources and the installed fonts (the build manifest's digest of them, which
# `make fonts-env` keeps in .mplconfig/fonts.sha256).
sources=$( { cd "$latex_dir" && find . -type f ! -name '.*' -regextype posix-extended ! -regex ".*$products" -print0 \
  | LC_ALL=C sort -z | xargs -0 sha256sum; cat "$OLDPWD/.mplconfig/fonts.sha256" 2>/dev/null || true; } | sha256sum)
rm -rf "$latex_dir"/../.pdf-scratch.*  # left by a killed run
if [ -f "$latex_dir/$pdf" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sources" ]; then
  echo "PDF up to date: $latex_dir/$pdf"
else
  scratch=$(mktemp -d "$latex_dir/../.pdf-scratch.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  cp -a "$latex_dir/." "$scratch/"
  find "$scratch" -type f -regextype posix-extended -regex ".*$products" -delete
  status=0
  make -C "$scratch" --no-print-directory all-pdf LATEXMKOPTS="-silent" >"$scratch/make.log" 2>&1 || status=$?
  log="$scratch/${pdf%.pdf}.log"
  [ -f "$log" ] && cp "$log" "$latex_dir/.${pdf%.pdf}.log.new" && mv "$latex_dir/.${pdf%.pdf}.log.new" "$latex_dir/${pdf%.pdf}.log"
  if [ $status -ne 0 ]; then
    tail -40 "$scratch/make.log" >&2
    echo "error: xelatex failed (full log: $latex_dir/${pdf%.pdf}.log)" >&2
    exit 1
  fi
  if grep -q "Missing character" "$log"; then
    echo "error: xelatex reports missing characters (a font lacks these glyphs):" >&2
    grep "Missing character" "$log" | sort -u >&2
    exit 1
  fi
  cp "$scratch/$pdf" "$latex_dir/.$pdf.new" && mv "$latex_dir/.$pdf.new" "$latex_dir/$pdf"
  echo "$sources" >"$stamp"
fi
mkdir -p "$html_dir"
cmp -s "$latex_dir/$pdf" "$html_dir/$pdf" || { cp "$latex_dir/$pdf" "$html_dir/.$pdf.new" && mv "$html_dir/.$pdf.new" "$html_dir/$pdf"; }
