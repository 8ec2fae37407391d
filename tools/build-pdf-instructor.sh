#!/usr/bin/env bash
# Usage: build-pdf-instructor.sh JUPYTER_BOOK OUT     (run under locked.sh, like build-book.sh)
# The instructor's PDF: the same LaTeX build as the student PDF, with the teaching sections'
# solutions kept (HEUMEZU_INSTRUCTOR=1, read by heumezu_sphinx.teaching). It is built in a folder
# of its own, OUT/_build/instructor, so it never shares a Sphinx environment with the student
# build, and is copied to OUT/_build/he-umezu-edition-instructor.pdf. It is not linked from the site.
set -euo pipefail
jb=$1; out=$2
build=$out/_build
instructor=$build/instructor
HEUMEZU_INSTRUCTOR=1 bash tools/build-book.sh "$jb" latex "$instructor"
bash tools/build-pdf.sh "$instructor/_build/latex" he-umezu-edition.pdf "$instructor"
cp "$instructor/he-umezu-edition.pdf" "$build/.he-umezu-edition-instructor.pdf.new"
mv "$build/.he-umezu-edition-instructor.pdf.new" "$build/he-umezu-edition-instructor.pdf"
echo "instructor's PDF: $build/he-umezu-edition-instructor.pdf"
