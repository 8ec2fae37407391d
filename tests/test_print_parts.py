"""heumezu_sphinx.print_parts: the toc's captions become the PDF's parts, each before its chapters,
the contents are headed "Contents", and a caption reaches LaTeX escaped."""
from __future__ import annotations

import pytest


@pytest.mark.sphinx("latex", testroot="print-parts", freshenv=True, warningiserror=True)
def test_each_caption_is_a_part_before_its_chapters(app):
    app.build()
    tex = (app.outdir / "parts.tex").read_text(encoding="utf-8")
    body = tex.split(r"\begin{document}", 1)[1]
    first, second = body.index(r"\part{Chapters}"), body.index(r"\part{Sources \& \textbackslash{}textbf\{notes\} \{\}}")
    assert first < body.index(r"\chapter{Chapter one}") < second
    assert second < body.index(r"\chapter{Chapter two}")
    assert body.count(r"\part{") == 2


@pytest.mark.sphinx("latex", testroot="print-parts", freshenv=True, warningiserror=True)
def test_the_contents_are_headed_contents_not_the_first_caption(app):
    app.build()
    preamble = (app.outdir / "parts.tex").read_text(encoding="utf-8").split(r"\begin{document}", 1)[0]
    ours = preamble.rindex(r"\renewcommand{\contentsname}{Contents}")
    assert ours > preamble.index(r"\renewcommand{\contentsname}{Chapters}")  # LaTeX keeps the last


@pytest.mark.sphinx("html", testroot="print-parts", freshenv=True, warningiserror=True)
def test_the_web_pages_are_unchanged(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert r"\part" not in html and "Chapters" in html
