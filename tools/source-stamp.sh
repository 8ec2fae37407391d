#!/usr/bin/env bash
# Print one hash of everything a build is made from: the book's sources, the evidence (HEUMEZU_DATA
# if set), the packages, the configuration, the pinned requirements and the installed fonts.
# The Makefile skips Sphinx when this hash equals the one of the last complete build.
set -euo pipefail
{
  find book notebooks src config data ${HEUMEZU_DATA:+"$HEUMEZU_DATA"} -type f \
    ! -path '*/_generated/*' ! -path '*/__pycache__/*' ! -path '*/.ipynb_checkpoints/*' \
    ! -path 'config/ipython/profile_default/*/*' ! -name '*.sqlite*' -print0 2>/dev/null \
    | LC_ALL=C sort -z | xargs -0 sha256sum
  sha256sum _config.yml _toc.yml docutils.conf requirements.txt pyproject.toml CITATION.cff Makefile tools/build-pdf.sh
  cat .mplconfig/fonts.sha256 2>/dev/null || true
  echo "SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-}"
} | sha256sum | cut -d' ' -f1
