"""The printed edition (issue 14): what xelatex reports, what every page holds, what the PDF says.

All tests read the session build (``built``: HTML and PDF made with the project's own targets).
"""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from heumezu import citation

PDF = "he-umezu-edition.pdf"
#: Phrases that only make sense on a screen.
WEB_ONLY = ("sidebar", "download menu", "Download:", "click", "navigation")
#: Code from the chapters' setup cells.
SETUP_CODE = ("import heumezu", "setup_notebook", "hu.load()")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def pdf(built) -> Path:
    return built / "latex" / PDF


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    count = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M).group(1))
    return [_run("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-") for n in range(1, count + 1)]


def test_log_has_no_overfull_box_or_float_too_large(built):
    log = (built / "latex" / PDF.replace(".pdf", ".log")).read_text(errors="replace")
    overfull = [(float(m.group(1)), m.group(0)) for m in re.finditer(r"Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)[^\n]*", log)]
    assert [text for width, text in overfull if width > 1.0] == []
    assert "Float too large" not in log


#: The running foot: a folio (arabic or roman) and the chapter or section, in either order.
FOOT = re.compile(r"^([0-9ivxlc]+|Chapter \d+\. .*|\d+(\.\d+)*\.? .*|[A-Z][A-Z .,’'–-]*)$")


def _body(text: str) -> list[str]:
    """A page's lines without its running head (the book's title) and its running foot."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and "He–Umezu Agreement, 1935" in lines[0]:
        lines = lines[1:]
    while lines and len(lines) <= 2 and FOOT.match(lines[-1]):  # only a foot left on the page
        lines = lines[:-1]
    return lines


def test_no_page_holds_only_a_running_head_or_folio(pdf, pages, tmp_path):
    only_furniture = []
    for number, text in enumerate(pages, start=1):
        if _body(text):
            continue
        if text.strip():  # some text, but only head and folio
            only_furniture.append(number)
            continue
        # No text at all: the page must be truly blank (no rule, no image).
        from PIL import Image
        _run("pdftoppm", "-gray", "-r", "20", "-f", str(number), "-l", str(number), str(pdf), str(tmp_path / "p"))
        image = Image.open(next(tmp_path.glob("p*.pgm")))
        if image.getextrema()[0] < 250:
            only_furniture.append(number)
        for path in tmp_path.glob("p*.pgm"):
            path.unlink()
    assert only_furniture == [], f"pages with nothing but a running head or folio: {only_furniture}"


def test_no_web_only_text_or_setup_code(pages):
    text = "\n".join(pages)
    flat = " ".join(text.split())
    assert [p for p in WEB_ONLY if p.lower() in flat.lower()] == []
    assert [c for c in SETUP_CODE if c in flat] == []


def test_pdf_metadata_from_citation_cff(pdf):
    cite = citation.load()
    info = dict(line.split(":", 1) for line in _run("pdfinfo", str(pdf)).splitlines() if ":" in line)
    info = {k.strip(): v.strip() for k, v in info.items()}
    assert info["Title"] == cite.title
    assert info["Author"] == "; ".join(cite.authors)
    assert info.get("Subject") and info.get("Keywords")


def test_title_page_and_colophon(pages):
    cite = citation.load()
    front = " ".join(" ".join(pages[:3]).split())
    assert cite.title in front
    assert f"Version {cite.version}" in front and cite.date_released in front
    assert "How to cite." in front and citation.licence_name(cite.licence) in front


def test_one_bibliography_in_the_bibliography_chapter(pages):
    text = "\n".join(pages)
    headings = re.findall(r"^\s*(?:CHAPTER\s+\w+\s+)?BIBLIOGRAPHY\s*$", text, re.M)
    assert len(headings) == 1, headings
    chapter = next(i for i, p in enumerate(pages) if re.search(r"^\s*BIBLIOGRAPHY\s*$", p, re.M))
    assert re.search(r"^\s*\[1\]", pages[chapter], re.M), "the list starts in the chapter Bibliography"


def _html_captions(site: Path) -> dict[str, str]:
    captions = {}
    for page in site.rglob("*.html"):
        for number, text in re.findall(r'<span class="caption-number">([^<]+?)\s*</span>'
                                       r'<span class="caption-text">(.*?)</span>', page.read_text()):
            captions[number.strip()] = " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
    return captions


def test_figure_and_table_numbers_match_the_html(built, pages):
    screen = _html_captions(built / "html")
    paper = {}
    for match in re.finditer(r"^\s*((?:Fig\.|Table) [\d.]+): (.+)$", "\n".join(pages), re.M):
        paper.setdefault(match.group(1), " ".join(match.group(2).split()))
    assert set(paper) == set(screen)
    for label, text in paper.items():
        assert screen[label][:15] == text[:15], label


def _html_headings(site: Path) -> dict[str, str]:
    """Numbered headings of the web pages: {"4.2.1": "Text and translation", "4": "The documents"}."""
    headings = {}
    for page in site.rglob("*.html"):
        for number, title in re.findall(r'<h[1-6][^>]*><span class="section-number">([\d.]+?)\.?\s*</span>'
                                         r'(.*?)<a class="headerlink', page.read_text(), re.S):
            headings[number] = " ".join(html.unescape(re.sub(r"<[^>]+>", "", title)).split())
    return headings


#: How the PDF's chapter openings spell their numbers ("CHAPTER / FOUR / THE DOCUMENTS").
NUMBER_WORDS = ("ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN "
                "FIFTEEN SIXTEEN SEVENTEEN EIGHTEEN NINETEEN TWENTY").split()


def test_chapter_and_section_numbers_match_the_html(built, pages):
    """Every part is numbered on screen as on paper: chapters run on across the parts
    (Documents is chapter 4 in both), and sections and subsections carry the same numbers."""
    screen = _html_headings(built / "html")
    text = "\n".join(pages)
    chapters = {str(NUMBER_WORDS.index(word) + 1): title.strip()
                for word, title in re.findall(r"^\f?CHAPTER\s+([A-Z]+)\s*\n\s*(.+)$", text, re.M)}
    sections = {}
    for number, title in re.findall(r"^\f?(\d+(?:\.\d+)+) (\S.*?)(?: \. \..*)?$", text, re.M):
        sections.setdefault(number, title.strip())
    assert len(chapters) >= 12, chapters  # the three chapters and every chapter of the other parts
    assert set(chapters) == {n for n in screen if "." not in n}
    for number, title in screen.items():
        paper = chapters.get(number) if "." not in number else sections.get(number)
        assert paper is not None, f"{number} {title}: not numbered so in the PDF"
        assert paper.casefold()[:15] == title.casefold()[:15], (number, title, paper)


def test_index_in_body_face_without_duplicates(built, pages):
    tex = (built / "latex" / PDF.replace(".pdf", ".tex")).read_text()
    assert r"\def\sphinxstyleindexentry#1{#1}" in tex
    start = max(i for i, p in enumerate(pages) if re.search(r"^\s*INDEX\s*$", p, re.M))
    entries = re.findall(r"^\s*([A-Z][^,\n]+?),\s*\d", "\n".join(pages[start:]), re.M)
    names = [e.strip() for e in entries]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    assert "Kuomintang (Nationalist Party)" not in " ".join(pages[start:])


def test_first_mentions_are_plain_names_on_paper(built):
    """On screen a name's first mention links to its register; in print it is plain text (a LaTeX
    cross-reference is italic, and pages of italic names read as emphasis)."""
    tex = (built / "latex" / PDF.replace(".pdf", ".tex")).read_text()
    assert "He Yingqin" in tex
    assert not re.search(r"\\hyperref\[\\detokenize\{book/reference/(persons|places):(register|gazetteer)-", tex)
