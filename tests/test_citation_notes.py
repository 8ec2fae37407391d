"""Citations as notes: heumezu.notes' parser of the ``{cite:p}`` text and its note forms, and the
Sphinx side (heumezu_sphinx.citation_notes) on a small project, tests/roots/test-citation-notes:
a chapter citing one work three times and a FRUS document once, another chapter citing the same
work again, and the bibliography page; checked in HTML and LaTeX."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from heumezu import notes
from heumezu.notes import CiteSyntaxError, Locator, Notes, parse_cite, plain

ROOT_DATA = ROOT / "tests" / "roots" / "test-citation-notes" / "data"


@pytest.fixture(autouse=True)
def _data_folder(monkeypatch):
    # heumezu_sphinx.page_data tells the kernels where the data are through this variable; the
    # small project must not leave its folder there for the next test.
    monkeypatch.setenv("HEUMEZU_DATA", str(ROOT_DATA))


# --- the parser ----------------------------------------------------------------------------------

def test_parse_keys_and_locators_as_printed():
    assert parse_cite("frus1935v03-d185[doc. 185, ¶4], zhwp-hemei") == [
        ("frus1935v03-d185", Locator(document="185", paragraph="4")), ("zhwp-hemei", None)]
    assert parse_cite(" a [pp. 183--185] ,b[p. 7],c[sec. 3]") == [
        ("a", Locator(page="183-185")), ("b", Locator(page="7")), ("c", Locator(other="sec. 3"))]
    assert parse_cite("wit-F") == [("wit-F", None)]


@pytest.mark.parametrize(("text", "key", "why"), [
    ("a[p. 1", "a", "unbalanced '['"),
    ("a[p. [1]]", "a", "unbalanced '['"),
    ("a]", "a", "unbalanced ']'"),
    ("a,,b", "", "empty citation key"),
    ("", "", "empty citation key"),
    ("a b", "a b", "not a citation key"),
    ("a[p. 1]b", "a", "text after the locator"),
    ("a[]", "a", "empty part"),
    ("a[p. 1, p. 2]", "a", "a page twice"),
    ("<script>", "<script>", "not a citation key"),
])
def test_parse_refuses_bad_text_naming_the_key(text, key, why):
    with pytest.raises(CiteSyntaxError, match=re.escape(why)) as caught:
        parse_cite(text)
    assert caught.value.key == key


# --- the forms -----------------------------------------------------------------------------------

@pytest.fixture()
def works() -> dict[str, notes.Work]:
    return notes.works(ROOT_DATA)


def test_first_citation_in_full_then_short_with_locators(works):
    chapter = Notes(works)
    first = plain(chapter.cite(*parse_cite("coble[pp. 183--185]")))
    assert first == ("Parks M. Coble, Facing Japan: Chinese Politics and Japanese Imperialism, 1931–1937 "
                     "(Cambridge, MA: Harvard University, 1991), 183–85.")
    assert plain(chapter.cite(*parse_cite("coble[p. 190]"))) == "Coble, Facing Japan, 190."
    assert plain(chapter.cite("coble")) == "Coble, Facing Japan."


def test_several_works_in_one_note_joined_by_semicolons(works):
    chapter = Notes(works)
    parts = chapter.cite_parts(*parse_cite("frus-d185[p. 183, ¶4], coble[p. 190]"))
    assert [key for key, _ in parts] == ["frus-d185", None, "coble"]
    text = plain(tuple(r for _, runs in parts for r in runs))
    assert text.startswith("“The Minister in China (Johnson) to the Secretary of State,” in Foreign Relations")
    assert "FRUS 1935, 3:183, doc. 185, ¶4, https://history.state.gov/" in text
    assert "d185; Parks M. Coble, Facing Japan" in text and text.endswith(", 190.")
    assert plain(chapter.cite(*parse_cite("frus-d185"))) == "FRUS 1935, 3, doc. 185."


def test_unknown_key_is_a_key_error(works):
    with pytest.raises(KeyError):
        Notes(works).cite("nowhere")


# --- the pages -----------------------------------------------------------------------------------

html_build = pytest.mark.sphinx("html", testroot="citation-notes", freshenv=True, warningiserror=True)
latex_build = pytest.mark.sphinx("latex", testroot="citation-notes", freshenv=True, warningiserror=True)


def _page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


@html_build
def test_html_notes_numbered_full_then_short_and_linked(app):
    app.build()
    assert not app.warning.getvalue()
    page = _page(app, "chapter")
    refs = page.select("a.footnote-reference")
    assert [r.get_text(strip=True).strip("[]") for r in refs] == ["1", "2", "3"]
    assert "First<a" in str(page).replace("\n", "")  # the number follows the word, no space between
    texts = [re.sub(r"\s+", " ", n.get_text(" ", strip=True)) for n in page.select("aside.footnote p")]
    assert len(texts) == 3, texts
    assert "Facing Japan: Chinese Politics" in texts[0] and "183–85" in texts[0]
    assert "FRUS 1935, 3:183, doc. 185, ¶4" in texts[1] and "Coble, Facing Japan , 190" in texts[1].replace(",190", ", 190")
    assert texts[2].startswith("Coble, Facing Japan")
    # each work links to its entry in the bibliography; the FRUS address is a link of its own
    targets = [a["href"] for a in page.select("aside.footnote p a")]
    assert "bibliography.html#bib-coble" in targets and "bibliography.html#bib-frus-d185" in targets
    assert "https://history.state.gov/historicaldocuments/frus1935v03/d185" in targets
    # in Markdown (MyST), the line breaks before the role go, and only those
    markdown = _page(app, "markdown").select_one("p")
    assert markdown.get_text().startswith("One line of text\nand another[1]") and "another<a" in str(markdown)
    # another chapter starts again with the full form
    other = _page(app, "other").select("aside.footnote p")
    assert "Cambridge, MA: Harvard University, 1991" in other[0].get_text()
    # a register's sources: short citations, each linked to its entry, no note
    cell = _page(app, "other").select("table td")[-1]
    assert cell.get_text() == "F, FRUS 1935, 3, doc. 185; Coble, Facing Japan"
    assert [a["href"] for a in cell.select("a")] == ["bibliography.html#bib-frus-d185", "bibliography.html#bib-coble"]
    assert cell.select_one("em").get_text() == "Facing Japan"
    # the bibliography: sections, author order, anchors
    bib = _page(app, "bibliography")
    assert [h.get_text(strip=True).rstrip("#¶") for h in bib.select("section section h2")] == \
        ["Primary documents", "Scholarship"]
    assert bib.select_one("#bib-coble").get_text(" ", strip=True).startswith("Coble, Parks M.")
    assert bib.select_one("#bib-frus-d185") is not None


@latex_build
def test_latex_notes_are_footnotes(app):
    app.build()
    assert not app.warning.getvalue()
    tex = (Path(app.outdir) / "notes.tex").read_text(encoding="utf-8")
    # the chapter's three notes, the other chapter's address (latex_show_urls) and note
    assert re.findall(r"\\begin\{footnote\}\[(\d+)\]", tex) == ["1", "2", "3", "1", "2", "1"], tex
    assert "Cambridge, MA: Harvard University, 1991" in tex
    # the works as text (a cross-reference is italic on paper), the entries in their sections
    assert r"\sphinxcrossref" not in tex and r"\sphinxstyleemphasis{Facing Japan: Chinese Politics" in tex
    assert re.search(r"\\section\{Scholarship\}.*Coble, Parks M\.", tex, re.DOTALL)


@pytest.mark.sphinx("html", testroot="citation-notes", srcdir="citation-notes-errors", freshenv=True)
def test_unknown_key_and_bad_text_are_build_errors_naming_document_and_key(app):
    (Path(app.srcdir) / "other.rst").write_text(
        "Other\n=====\n\nUnknown :cite:p:`nowhere[p. 2]`. Broken :cite:p:`coble[p. 2`.\n", encoding="utf-8")
    app.build()
    warnings = app.warning.getvalue()
    assert "other: unknown citation key 'nowhere'" in warnings
    assert "unbalanced '[' after 'coble'" in warnings


def test_abbreviations_are_those_the_works_use(works):
    listed = dict(notes.abbreviations(works))
    assert list(listed) == ["FRUS", "doc.", "p., pp.", "¶"]  # no article with a number, no four authors
    assert "“FRUS 1935, 3, doc. 185” is document 185 of volume 3 for 1935" in listed["FRUS"]
    without_frus = {k: w for k, w in works.items() if not w.frus}
    assert "FRUS" not in dict(notes.abbreviations(without_frus))


def test_runs_become_text_emphasis_and_http_links_only():
    from docutils import nodes

    from heumezu_sphinx.citation_notes import runs_nodes

    hostile = "<script>alert(1)</script> `{raw}` \\footnote{x}"
    made = runs_nodes((notes.Run(hostile), notes.Run("Title", italic=True),
                       notes.Run("javascript:alert(2)", target="javascript:alert(2)"),
                       notes.Run("https://example.org/a", target="https://example.org/a")))
    assert [type(n) for n in made] == [nodes.Text, nodes.emphasis, nodes.Text, nodes.reference]
    assert made[0] == hostile and made[2] == "javascript:alert(2)"
    assert made[3]["refuri"] == "https://example.org/a"
