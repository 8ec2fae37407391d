"""heumezu.typography and the print transform that applies it (issue 27): the edition's own words
from the data with typographic quotation marks and en-dash ranges in print; a witness's reading,
and everything on screen, exactly as the data give it."""
from __future__ import annotations

import re

import pytest

from heumezu.table import Table
from heumezu.typography import typographic


@pytest.mark.parametrize(("text", "printed"), [
    ("F's 'jusqu'en' takes a month", "F’s ‘jusqu’en’ takes a month"),
    ("The Central Government 'on its own initiative'.", "The Central Government ‘on its own initiative’."),
    ('He said "no" (twice).', "He said “no” (twice)."),
    ("the 'Tanggu' article's", "the ‘Tanggu’ article’s"),
    ("reads '(", "reads ‘("),
    (")'; F gives", ")’; F gives"),
    ("regimes of 1936-1937.", "regimes of 1936–1937."),
    ("c. 2-3 May", "c. 2–3 May"),
    ("dated 1935-06-09, or 1935-05", "dated 1935-06-09, or 1935-05"),  # ISO dates are not ranges
    ("x-seg-02, att-078 and frus1935v03-d185", "x-seg-02, att-078 and frus1935v03-d185"),
    ("“already” ‘typographic’", "“already” ‘typographic’"),
    ("", ""),
])
def test_typographic(text, printed):
    assert typographic(text) == printed


def test_the_character_before_decides_across_nodes():
    assert typographic("' ends", before="x") == "’ ends"
    assert typographic("'opens", before=" ") == "‘opens"
    assert typographic("'opens") == "‘opens"


def test_prose_columns_must_be_columns():
    with pytest.raises(ValueError, match="not columns"):
        Table(("Reading", "Note"), [], prose=("Notes",))


@pytest.mark.sphinx("latex", testroot="typography", freshenv=True, warningiserror=True)
def test_print_sets_the_edition_s_words_and_keeps_the_witness_s(app):
    app.build()
    tex = (app.outdir / "typo.tex").read_text(encoding="utf-8")
    assert ("F’s ‘jusqu’en’ takes a month; 1936\\textendash{}1937, 2\\textendash{}3 May, "
            "1935\\sphinxhyphen{}06\\sphinxhyphen{}09") in tex
    assert "Yu\\textquotesingle{}s \\textquotesingle{}two service\\textquotesingle{} \"word\"" in tex
    assert "1936\\sphinxhyphen{}1937" in tex  # the reading's range as the witness writes it


@pytest.mark.sphinx("html", testroot="typography", freshenv=True, warningiserror=True)
def test_the_web_page_gives_the_data_as_they_are(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "F&#39;s &#39;jusqu&#39;en&#39;" in html or "F's 'jusqu'en'" in html
    assert "‘" not in html and "–05" not in html
    assert 'class="edition-prose' in html


@pytest.mark.sphinx("latex", testroot="typography", freshenv=True, warningiserror=True)
def test_a_paragraph_with_inline_code_is_ragged_right(app):
    app.build()
    body = (app.outdir / "typo.tex").read_text(encoding="utf-8").split(r"\begin{document}", 1)[1]
    code = body.index("A paragraph with code")
    start, end = body.rindex(r"\begingroup\raggedright", 0, code), body.index(r"\par\endgroup", code)
    assert start < code < body.index("keep the rows with", code) < end
    assert body.count(r"\begingroup\raggedright") == 1  # the other paragraph, and the table's cells, untouched


@pytest.mark.sphinx("latex", testroot="typography", freshenv=True, warningiserror=True)
def test_a_table_taller_than_half_a_page_may_break_across_pages(app):
    """(heumezu_sphinx.printing) An unbreakable table runs past the page's foot: a tall one is a longtable."""
    app.build()
    body = (app.outdir / "typo.tex").read_text(encoding="utf-8").split(r"\begin{document}", 1)[1]
    tall = body.index("a long note")
    assert body.rindex(r"\begin{longtable}", 0, tall) > body.index("Yu\\textquotesingle")  # its own, not the first's
    assert r"\begin{tabulary}" not in body and r"\begin{tabular}" not in body
    # Without a caption it gives back the number longtable takes, so that later tables keep the
    # web edition's numbers; the short table, also a longtable here, is given back its own.
    ends = [m.end() for m in re.finditer(r"\\end\{longtable\}", body)]
    assert len(ends) == 2 and all(r"\addtocounter{table}{-1}" in body[end:end + 200] for end in ends)
    assert body.count(r"\addtocounter{table}{-1}") == 2
