"""The printed edition (issue 14): what xelatex reports, what every page holds, what the PDF says.

All tests read the session build (``built``: HTML and PDF made with the project's own targets).
"""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

import pdftext
from conftest import ROOT
from heumezu import citation
from heumezu_sphinx import pdf_outline
from pdftext import normalise

PDF = "he-umezu-edition.pdf"
#: Phrases that only make sense on a screen.
WEB_ONLY = ("sidebar", "download menu", "Download:", "click", "navigation", "pointer rests", "hover")
#: Code from the chapters' setup cells.
SETUP_CODE = ("import heumezu", "setup_notebook", "hu.load()")


@pytest.fixture(scope="module")
def pdf(built) -> Path:
    return built / "latex" / PDF


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    """Each page's text as this system's pdftotext gives it: compare it only through `normalise`."""
    return pdftext.pages(pdf)


@pytest.fixture(scope="module")
def text(pages) -> str:
    """The whole PDF's text, normalised (no spaces or line breaks, case folded, NFKC)."""
    return normalise("\n".join(pages))


@pytest.fixture(scope="module")
def outline(pdf) -> list[tuple[int, str, int]]:
    return pdftext.outline(pdf)


def test_log_has_no_overfull_box_or_float_too_large(built):
    log = pdftext.tex_log(built / "latex" / PDF.replace(".pdf", ".log"))
    overfull = [(float(m.group(1)), log[m.start():m.end() + 80])
                for m in re.finditer(r"Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)", log)]
    assert [text for width, text in overfull if width > 1.0] == []
    assert "Float too large" not in log
    # A page packed taller than the text block prints its last lines and notes below the foot,
    # or off the paper: text the reader never sees.
    assert re.findall(r"Overfull \\vbox \([^)]*\) has occurred while \\output is active", log) == []


def running_head() -> str:
    """The running head: the book's title and release."""
    cite = citation.load()
    return f"{cite.title}, Release {cite.version}"


def running_marks(outline: list[tuple[int, str, int]]) -> list[str]:
    """What a running foot can name besides the folio, normalised, longest first: "Chapter 4. The
    documents", "4.2. Umezu's memorandum ...", or an unnumbered chapter's title ("Index")."""
    marks = {"Contents"}
    for depth, title, _page in outline:
        number, _, rest = title.partition(" ")
        if not re.fullmatch(r"\d+(?:\.\d+)*", number):
            marks.add(title)
        elif "." not in number:  # a chapter (under its part in the outline)
            marks |= {f"Chapter {number}. {rest}", f"Chapter {number} {rest}"}
        else:
            marks |= {f"{number}. {rest}", f"{number} {rest}"}
    return sorted({normalise(m) for m in marks}, key=len, reverse=True)


def furniture(page: str, marks: list[str]) -> tuple[bool, bool, str]:
    """(head found, running mark found, what is left): the page's normalised text without its
    running head and its running foot (one mark and the folio, arabic or roman)."""
    rest = normalise(page)
    head = normalise(running_head())
    found_head = head in rest
    rest = rest.replace(head, "", 1)
    found_mark = False
    for mark in marks:
        if mark in rest:
            rest, found_mark = rest.replace(mark, "", 1), True
            break
    return found_head, found_mark, re.sub(r"^[0-9ivxlc]{1,4}$", "", rest)


def test_no_page_holds_only_a_running_head_or_folio(pdf, pages, outline, tmp_path):
    marks = running_marks(outline)
    only_furniture, heads, feet = [], 0, 0
    for number, page in enumerate(pages, start=1):
        found_head, found_mark, body = furniture(page, marks)
        heads, feet = heads + found_head, feet + found_mark
        if body:
            continue
        if normalise(page):  # some text, but only head and folio
            only_furniture.append(number)
            continue
        # No text at all: the page must be truly blank (no rule, no image).
        from PIL import Image
        subprocess.run(["pdftoppm", "-gray", "-r", "20", "-f", str(number), "-l", str(number), str(pdf),
                        str(tmp_path / "p")], check=True)
        image = Image.open(next(tmp_path.glob("p*.pgm")))
        if image.getextrema()[0] < 250:
            only_furniture.append(number)
        for path in tmp_path.glob("p*.pgm"):
            path.unlink()
    # The test can only see a page of furniture if it recognises the furniture on the others.
    assert heads > len(pages) / 2 and feet > len(pages) / 2, (heads, feet, len(pages))
    assert only_furniture == [], f"pages with nothing but a running head or folio: {only_furniture}"


def test_no_web_only_text_or_setup_code(text):
    assert [p for p in WEB_ONLY if normalise(p) in text] == []
    assert [c for c in SETUP_CODE if normalise(c) in text] == []


def test_pdf_metadata_from_citation_cff(pdf):
    cite = citation.load()
    info = pdftext.info(pdf)
    assert normalise(info["Title"], casefold=False) == normalise(cite.title, casefold=False)
    assert normalise(info["Author"], casefold=False) == normalise("; ".join(cite.authors), casefold=False)
    assert info.get("Subject") and info.get("Keywords")


def test_title_page_and_colophon(pages):
    cite = citation.load()
    front = normalise(" ".join(pages[:3]))
    assert normalise(cite.title) in front
    assert normalise(f"Version {cite.version}") in front and normalise(cite.date_released) in front
    assert normalise("How to cite.") in front and normalise(citation.licence_name(cite.licence)) in front


def _chapter_page(outline, title: str) -> int:
    """The page (1-based) on which the chapter of this title opens, from the PDF's outline."""
    depth = pdf_outline.chapter_depth(outline)
    found = [page for d, text, page in outline if d == depth and re.sub(r"^\d+ ", "", text) == title]
    assert len(found) == 1, (title, outline)
    return found[0]


def test_one_bibliography_in_the_bibliography_chapter(built, pages, outline):
    # In the LaTeX: the entries' sections only in the chapter Bibliography, no list of
    # Sphinx's own; the notes are footnotes.
    tex = (built / "latex" / PDF.replace(".pdf", ".tex")).read_text(encoding="utf-8")
    chapters = re.split(r"^\\chapter\*?\{", tex, flags=re.MULTILINE)[1:]
    assert [c.split("}", 1)[0] for c in chapters if r"\section{Primary documents}" in c] == ["Bibliography"]
    assert r"\begin{sphinxthebibliography}" not in tex
    assert tex.count(r"\begin{footnote}") > 100
    # On paper: one heading BIBLIOGRAPHY (a chapter's opening; the contents and the running feet
    # say "Bibliography"), and the list starts on the chapter's first page.
    assert normalise("\n".join(pages), casefold=False).count("BIBLIOGRAPHY") == 1
    first = normalise(pages[_chapter_page(outline, "Bibliography") - 1], casefold=False)
    assert "BIBLIOGRAPHY" in first and normalise("Primary documents", casefold=False) in first, \
        "the list starts in the chapter Bibliography"


def _html_captions(site: Path) -> dict[str, str]:
    captions = {}
    for page in site.rglob("*.html"):
        for number, text in re.findall(r'<span class="caption-number">([^<]+?)\s*</span>'
                                       r'<span class="caption-text">(.*?)</span>', page.read_text()):
            captions[number.strip()] = " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
    return captions


def printed_captions(text: str) -> dict[str, str]:
    """{"fig.3": "thejapanesedema", "table1": ...}: each caption's label and its first 15 signs, read
    from normalised text (a caption is its label, a colon and its text; "see Table 1" has no colon)."""
    captions = {}
    for match in re.finditer(r"(fig\.|table)(\d+(?:\.\d+)*):", text):
        captions.setdefault(match.group(1) + match.group(2), text[match.end():match.end() + 15])
    return captions


def test_figure_and_table_numbers_match_the_html(built, text):
    screen = {normalise(label): normalise(caption)
              for label, caption in _html_captions(built / "html").items()}
    paper = printed_captions(text)
    assert len(screen) >= 10 and set(paper) == set(screen)
    for label, caption in screen.items():
        assert paper[label].startswith(caption[:15]), (label, caption, paper[label])


def _html_headings(site: Path) -> dict[str, str]:
    """Numbered headings of the web pages: {"4.2.1": "Text and translation", "4": "The documents"};
    not those of sections for the instructor (class for-instructors), which the student PDF leaves
    out (they come after the page's other sections, so the numbers of the rest are the same)."""
    headings, instructors = {}, set()
    for page in site.rglob("*.html"):
        text = page.read_text()
        instructors.update(re.findall(r'<section[^>]*class="[^"]*\bfor-instructors\b[^"]*"[^>]*>\s*<h[1-6][^>]*>'
                                      r'<span class="section-number">([\d.]+?)\.?\s*</span>', text))
        for number, title in re.findall(r'<h[1-6][^>]*><span class="section-number">([\d.]+?)\.?\s*</span>'
                                         r'(.*?)<a class="headerlink', text, re.DOTALL):
            headings[number] = " ".join(html.unescape(re.sub(r"<[^>]+>", "", title)).split())
    return {n: t for n, t in headings.items() if not any(n == i or n.startswith(i + ".") for i in instructors)}


def numbered_headings(outline) -> dict[str, str]:
    """{"4": "The documents", "4.2.1": "Text and translation"}: the numbered entries of the outline."""
    headings = {}
    for _depth, title, _page in outline:
        match = re.fullmatch(r"(\d+(?:\.\d+)*) (.+)", title)
        if match:
            headings[match.group(1)] = match.group(2)
    return headings


#: How the PDF's chapter openings spell their numbers ("CHAPTER / FOUR / THE DOCUMENTS").
NUMBER_WORDS = ["ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN", "TWENTY"]
#: A chapter's opening in normalised text ("chapterfourteen" before "chapterfour").
CHAPTER_OPENING = re.compile("chapter(" + "|".join(sorted(map(str.lower, NUMBER_WORDS), key=len, reverse=True))
                             + ")")


def printed_chapter_numbers(text: str) -> set[str]:
    """The numbers of the chapter openings ("CHAPTER FOUR") in normalised text."""
    return {str(NUMBER_WORDS.index(word.upper()) + 1) for word in CHAPTER_OPENING.findall(text)}


def printed_heading(text: str, number: str, title: str) -> bool:
    """Whether normalised ``text`` prints this heading with this number: a chapter's opening
    ("CHAPTER FOUR THE DOCUMENTS"), a section's heading or contents line ("4.2.1 Text and ...")."""
    plain_title = title
    title = re.escape(normalise(title)[:40])
    if "." not in number:
        return re.search("chapter" + NUMBER_WORDS[int(number) - 1].lower() + title, text) is not None
    # No space is left to end the number on the left: a folio or a full stop may run into it
    # ("...100" "10.1 ...", "...1935." "1.2 ..."), but not a number's digit and dot ("2.10.1").
    if re.search(r"(?<!\d\.)" + re.escape(number) + r"\.?" + title, text):
        return True
    # A note's number and a full stop may run into it too ("affairs75." "3.10 The road ..."): the
    # "2.10.1" rule then misreads it. Accepted where the title is long enough to be this heading's
    # own: a deeper heading ending in the same number ("4.3.10") has a title of its own.
    return len(normalise(plain_title)) >= 12 and re.search(re.escape(number) + r"\.?" + title, text) is not None


def test_chapter_and_section_numbers_match_the_html(built, outline, text):
    """Every part is numbered on screen as on paper: chapters run on across the parts
    (Documents is chapter 4 in both), and sections and subsections carry the same numbers.

    The numbers are read from the PDF's outline (hyperref writes it from TeX's own counters) and
    must also be printed: the chapter openings and the section headings, in normalised text."""
    screen = _html_headings(built / "html")
    paper = numbered_headings(outline)
    chapters = {n for n in paper if "." not in n}
    assert len(chapters) >= 12, paper  # the three chapters and every chapter of the other parts
    assert chapters == {n for n in screen if "." not in n}
    assert set(paper) == set(screen), sorted(set(paper) ^ set(screen))
    for number, title in screen.items():
        assert normalise(paper[number]) == normalise(title), (number, title, paper[number])
    assert printed_chapter_numbers(text) == chapters
    unprinted = [f"{number} {title}" for number, title in screen.items()
                 if not printed_heading(text, number, title)]
    assert unprinted == [], "not numbered so in the PDF's text"


def test_index_in_body_face_without_duplicates(built, pages, outline):
    tex = (built / "latex" / PDF.replace(".pdf", ".tex")).read_text()
    assert r"\def\sphinxstyleindexentry#1{#1}" in tex
    index = "\n".join(pages[_chapter_page(outline, "Index") - 1:])
    # One entry a line (each column's lines are read apart); its name up to the first page number.
    names = [normalise(e) for e in re.findall(r"^\s*([A-Z][^,\n]+?)\s*,\s*\d", index, re.MULTILINE)]
    assert len(names) >= 50, names
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    assert normalise("Kuomintang (Nationalist Party)") not in normalise(index)


def test_first_mentions_are_plain_names_on_paper(built):
    """On screen a name's first mention links to its register; in print it is plain text (a LaTeX
    cross-reference is italic, and pages of italic names read as emphasis)."""
    tex = (built / "latex" / PDF.replace(".pdf", ".tex")).read_text()
    assert "He Yingqin" in tex
    assert not re.search(r"\\hyperref\[\\detokenize\{book/reference/(persons|places):(register|gazetteer)-", tex)


def test_the_web_editions_parts_are_the_books_parts(built, pages, outline):
    """Each caption of _toc.yml is a part of the PDF, in order, with the chapters of its part
    below it in the outline; the contents are headed "Contents", not the first part's name."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    captions = [part["caption"] for part in toc["parts"]]
    depth = pdf_outline.chapter_depth(outline)
    tops = [re.sub(r"^[IVX]+ ", "", text) for d, text, _page in outline if d == depth - 1]
    assert [t for t in tops if t in captions] == captions
    first_part = next(i for i, (d, text, _p) in enumerate(outline) if d == depth - 1 and text.endswith(captions[0]))
    assert re.match(r"1 ", outline[first_part + 1][1])  # chapter 1 opens the first part
    contents = next(p for p in pages[:6] if "Introduction" in p)
    assert "CONTENTS" in contents.upper() and "CHAPTERS\n" not in contents.split("Introduction")[0].upper()


def test_every_lost_mark_prints_its_restoration(text):
    """Each {lost} mark of the chapters is followed by its restoration on paper, not only the
    first (Sphinx prints an abbreviation's explanation once per text, and every mark is "[…]")."""
    import heumezu
    from heumezu import apparatus

    ev = heumezu.load(reads=["lacunae"])
    used = sorted({m for nb in (ROOT / "notebooks").glob("*.ipynb")
                   for m in re.findall(r"\{lost\}`([^`]+)`", nb.read_text(encoding="utf-8"))})
    assert len(used) >= 2
    for lacuna in used:
        witness, restoration = apparatus.lost(ev, lacuna)
        assert normalise(f"(lost in {witness}; the edition restores {restoration})") in normalise(text), lacuna
