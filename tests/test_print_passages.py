"""heumezu_sphinx.printing: a cited passage is underlined in print as on screen (issue 27: the
documents' pages say "an underlined passage"), word by word so that lines still break; the
edition's signs inside it (a printed page's number) are not the document's words."""
from __future__ import annotations

import pytest

from heumezu_sphinx import printing


def test_each_word_and_space_is_underlined_and_escaped():
    assert printing.underlined("50% of {it}") == (r"\heumezuul{50\%}\heumezuulskip{}\heumezuul{of}"
                                                  r"\heumezuulskip{}\heumezuul{\{it\}}")


def test_cjk_characters_are_boxes_of_their_own_with_breaks_between():
    assert printing.underlined("梅津") == r"\heumezuul{梅}\heumezuulbreak{}\heumezuul{津}"


def test_the_macros_are_defined_once_in_the_preamble():
    for name in ("heumezuul", "heumezuulskip", "heumezuulbreak", "heumezuulrule"):
        assert printing.UNDERLINE.count("\\newcommand{\\" + name + "}") == 1


@pytest.mark.sphinx("latex", testroot="print-passages", freshenv=True, warningiserror=True)
def test_the_latex_underlines_the_passage_only(app):
    app.build()
    tex = (app.outdir / "passages.tex").read_text(encoding="utf-8")
    preamble, body = tex.split(r"\begin{document}", 1)
    assert r"\newcommand{\heumezuul}" in preamble
    assert r"\heumezuul{the}\heumezuulskip{}\heumezuul{Japanese}" in body
    assert r"\heumezuul{50\%}" in body and r"\heumezuul{\{it\}}" in body
    assert r"\heumezuul{梅}\heumezuulbreak{}\heumezuul{津}" in body
    assert "{[}Page 182{]}" in body and r"\heumezuul{182" not in body  # the edition's sign, not underlined
    assert r"\heumezuul{at}\heumezuulskip{}\heumezuul{once}" in body and r"\heumezuul{66}" not in body
    assert "Before the passage" in body and r"\heumezuul{Before}" not in body


@pytest.mark.sphinx("html", testroot="print-passages", freshenv=True, warningiserror=True)
def test_the_web_page_is_unchanged(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "heumezuul" not in html and "the Japanese want 50% of {it}" in html and 'class="passage"' in html
