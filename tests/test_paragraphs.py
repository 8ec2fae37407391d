"""Citable paragraphs (heumezu_sphinx.paragraphs), on the small project tests/roots/test-paragraphs:
a chapter notebooks/02_chapter.rst whose prose paragraphs (in sections and subsections) get
``para-2-N`` ids in reading order and a ``¶`` link, while paragraphs in lists, notes and tables,
pages that are not chapters, and the LaTeX output are left as they are."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from heumezu_sphinx import paragraphs


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True, warningiserror=True)
def test_chapter_prose_paragraphs_get_numbered_anchors(app):
    app.build()
    soup = BeautifulSoup((Path(app.outdir) / "notebooks" / "02_chapter.html").read_text(), "html.parser")
    cited = soup.select("p.cite-paragraph")
    assert [(p["id"], p.get_text().removesuffix("¶")) for p in cited] == [
        ("para-2-1", "First paragraph of the chapter."),
        ("para-2-2", "Second paragraph of the chapter."),
        ("para-2-3", "Third paragraph, in a subsection."),
    ]
    for number, p in enumerate(cited, start=1):
        link = p.select_one("a.paralink")
        assert link is not None and link.get_text() == "¶"
        assert link["href"] == f"#{paragraphs.paragraph_id(2, number)}"
        assert link["title"] == f"Link to paragraph 2.{number}"
    others = [p for p in soup.select("p") if "cite-paragraph" not in p.get("class", [])]
    texts = {p.get_text(strip=True) for p in others}
    assert {"A paragraph in a list.", "A paragraph in a note.", "In a table"} <= texts, texts
    assert not [p for p in others if p.get("id", "").startswith("para-")]
    assert len(soup.select("a.paralink")) == 3


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True, warningiserror=True)
def test_pages_that_are_not_chapters_get_no_anchors(app):
    app.build()
    html = (Path(app.outdir) / "index.html").read_text()
    assert "A paragraph outside any chapter." in html
    assert "cite-paragraph" not in html and "paralink" not in html and 'id="para-' not in html


@pytest.mark.sphinx("latex", testroot="paragraphs", freshenv=True, warningiserror=True)
def test_print_is_unchanged(app):
    app.build()
    [tex] = Path(app.outdir).glob("*.tex")
    text = tex.read_text()
    assert "Second paragraph of the chapter." in text
    assert "para-2" not in text and "¶" not in text
