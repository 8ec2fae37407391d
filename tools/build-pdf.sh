#!/usr/bin/env bash
# Usage: build-pdf.sh LATEX_DIR PDF_NAME HTML_DIR
# Typeset the LaTeX that Sphinx wrote in LATEX_DIR into LATEX_DIR/PDF_NAME and copy it to HTML_DIR.
# - Runs only when the LaTeX sources changed since the last PDF (a no-op build costs nothing).
# - Typesets in a fresh scratch folder, so that the .aux/.idx/.toc of a killed run can never
#   poison the next one; the finished PDF and its log replace the old ones in one rename each.
# - Fails if xelatex had to drop a character (a missing glyph in a font).
# - Gives xindy the edition's own index style modules, config/xindy/*.xdy, after Sphinx's
#   sphinx.xdy: page-ranges.xdy prints a range of pages as "7–9" (sphinx.xdy has no range
#   separator, and xindy then prints "79"). They are added to the XINDYOPTS of the Makefile
#   Sphinx writes by a second makefile read after it, so Sphinx's own options stay as each release
#   writes them.
set -euo pipefail
latex_dir=$1; pdf=$2; html_dir=$3
xindy_modules=$(cd "$(dirname "${BASH_SOURCE[0]}")/../config/xindy" && pwd)
# What xelatex/latexmk/xindy write (figures are PDFs too, so the output PDF is named, not *.pdf).
products="(\\.(aux|log|idx|ind|ilg|toc|out|fls|fdb_latexmk|xdv|lof|lot|synctex\\.gz)|/${pdf//./\\.})\$"
stamp="$latex_dir/.pdf-sources.sha256"
# The stamp: the LaTeX sources, the xindy modules and the installed fonts (the build manifest's
# digest of them, which `make fonts-env` keeps in .mplconfig/fonts.sha256).
sources=$( { cd "$latex_dir" && find . -type f ! -name '.*' -regextype posix-extended ! -regex ".*$products" -print0 \
  | LC_ALL=C sort -z | xargs -0 sha256sum; (cd "$xindy_modules" && sha256sum -- *.xdy);
  cat "$OLDPWD/.mplconfig/fonts.sha256" 2>/dev/null || true; } | sha256sum)
rm -rf "$latex_dir"/../.pdf-scratch.*  # left by a killed run
if [ -f "$latex_dir/$pdf" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sources" ]; then
  echo "PDF up to date: $latex_dir/$pdf"
else
  scratch=$(mktemp -d "$latex_dir/../.pdf-scratch.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  cp -a "$latex_dir/." "$scratch/"
  find "$scratch" -type f -regextype posix-extended -regex ".*$products" -delete
  # xindy finds a module named by -M in the folder it runs in (the scratch folder).
  grep -q '^export XINDYOPTS' "$scratch/Makefile" \
    || { echo "error: Sphinx's LaTeX Makefile has no XINDYOPTS for config/xindy/" >&2; exit 1; }
  for module in "$xindy_modules"/*.xdy; do
    cp "$module" "$scratch/"
    echo "XINDYOPTS += -M $(basename "$module")"
  done >"$scratch/.xindy-modules.mk"
  status=0
  make -C "$scratch" -f Makefile -f .xindy-modules.mk --no-print-directory all-pdf LATEXMKOPTS="-silent" \
    >"$scratch/make.log" 2>&1 || status=$?
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
