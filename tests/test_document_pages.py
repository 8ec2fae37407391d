"""A document page (heumezu_sphinx.document_pages, issue 22): headnote, source note with pages,
the text with the edition's signs (a printed page's beginning, footnote references linked to the
footnotes after the text), the end of an excerpt said in words; data stays text, never markup."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import DATA
from test_validation import read, write

HOSTILE = '<script>alert(1)</script> & <b>bold</b>'
html_build = pytest.mark.sphinx("html", testroot="documents", freshenv=True, warningiserror=True)


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("HEUMEZU_DATA", str(copy))
    return copy


@pytest.fixture()
def page(data_dir, app) -> BeautifulSoup:
    app.build()
    assert not app.warning.getvalue()
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture()
def hostile_data(tmp_path, monkeypatch):
    """A copy whose d159 footnote text and headnote are hostile, its checksum updated."""
    import hashlib
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "documents" / "frus1935v03-d159.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("The so-called “Blue Shirts.”", HOSTILE),
                    encoding="utf-8")
    rows = read(copy / "documents.csv")
    row = next(r for r in rows if r["id"] == "frus1935v03-d159")
    row["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    row["headnote"] = HOSTILE
    write(copy / "documents.csv", rows)
    monkeypatch.setenv("HEUMEZU_DATA", str(copy))
    return copy


@html_build
def test_headnote_source_note_signs_footnotes_and_excerpt_end(page):
    """One build for the page's parts (a build costs seconds in the unit tier)."""
    text = page.get_text(" ")
    assert page.select_one("p.headnote")
    assert "doc. 159, pp. 201–202" in text
    assert "doc. 185, pp. 232–233 (the part given)" in text
    breaks = [s.get_text() for s in page.select(".document-text .page-break")]
    assert breaks == ["[Page 202]", "[Page 233]"]
    assert "[^" not in text
    # footnote references link to the footnotes after the text
    refs = page.select(".document-text sup a.footnote-ref")
    assert [a.get_text() for a in refs] == ["66", "74"]
    for a in refs:
        target = page.find(id=a["href"].lstrip("#"))
        assert target is not None and "document-footnotes" in " ".join(target.find_parent("div")["class"])
    notes = [p.get_text(" ", strip=True) for p in page.select("div.document-footnotes p")]
    assert "66. The so-called “Blue Shirts.”" in notes
    assert "74. The text of this footnote is not given here." in notes
    # an excerpt says in words where the text given ends; a complete text does not
    ends = page.select(".document-text p.excerpt-end")
    assert [e.get_text() for e in ends] == ["The text given here ends at this point."]
    # the source note carries the volume's imprint, taken from the volume's .bib entry
    assert "The Far East (Washington: Government Printing Office, 1953), doc. 159" in text
    # a translated document without demands: two columns, no link to the demands table
    parallel = page.select_one("table.parallel-document")
    assert [th.get_text(strip=True) for th in parallel.select("thead th")] == ["Chinese text",
                                                                              "Translation by the editors"]
    assert "迳启者" in parallel.get_text() and "His Excellency Commander Umezu" in parallel.get_text()


@html_build
def test_hostile_values_stay_text(hostile_data, app):
    app.build()
    assert not app.warning.getvalue()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>bold" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("p.headnote").get_text() == HOSTILE
    assert any(p.get_text(" ", strip=True) == f"66. {HOSTILE}" for p in soup.select("div.document-footnotes p"))
