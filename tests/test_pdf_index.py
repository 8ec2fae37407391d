"""The printed index sends readers to the right pages (issue: "Tanggu Truce, 3, 79" meant 7–9).

The test reads the index as it is printed in the built PDF, not the ``.ind`` file that xindy wrote:

- the page's lines and their positions come from ``pdftotext -bbox-layout``; an entry starts at the
  left edge of its column, and its continuation lines are indented (the hanging indent);
- the printed page numbers (folios) are read from each page's running foot, so the mapping from a
  folio to the PDF's page is found, not assumed (the front matter is numbered i, ii, ...);
- each reference is checked on the page it names, in the page's text without its running head and
  foot (a chapter's title in the foot must not count as a mention).

By default the test reads the session build (``built``); HEUMEZU_PDF names a PDF built elsewhere
(for example ``_build/latex/he-umezu-edition.pdf`` after ``make pdf``).
"""
from __future__ import annotations

import html
import itertools
import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import heumezu as hu
from heumezu import registers
from heumezu_sphinx.nodes import index_key
from pdftext import normalise

pytestmark = pytest.mark.build

PDF = "he-umezu-edition.pdf"
EN_DASH = "\u2013"
#: A reference as printed: a page, or a range of pages joined by an en dash ("7–9").
LOCATOR = re.compile(r"(\d+)(?:" + EN_DASH + r"(\d+))?")
#: The headings of xindy's letter groups.
LETTER_GROUP = re.compile(r"[A-Z]|Non-alphabetical|Symbols|Numbers")
#: Arabic or lower-case roman folios.
FOLIO = re.compile(r"\d+|[ivxlc]+")


@dataclass
class Line:
    x: float
    top: float
    bottom: float
    #: (left, right, text) of each word.
    words: list[tuple[float, float, str]]

    @property
    def text(self) -> str:
        return " ".join(word for _left, _right, word in self.words)


@dataclass
class Entry:
    name: str
    #: The references as printed ("3", "7–9"), in order.
    locators: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def pdf(request) -> Path:
    override = os.environ.get("HEUMEZU_PDF")
    if override:
        return Path(override).resolve()
    return request.getfixturevalue("built") / "latex" / PDF


def layout(pdf: Path) -> tuple[float, list[list[Line]]]:
    """The page width and each page's lines (words joined by spaces), from ``-bbox-layout``."""
    xml = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True, encoding="utf-8").stdout
    width = float(re.search(r'<page width="([\d.]+)"', xml).group(1))
    pages = []
    for page in re.findall(r"<page\b.*?</page>", xml, re.DOTALL):
        lines = []
        pattern = r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>'
        for m in re.finditer(pattern, page, re.DOTALL):
            words = [(float(left), float(right), html.unescape(word)) for left, right, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</word>', m.group(4), re.DOTALL)]
            lines.append(Line(float(m.group(1)), float(m.group(2)), float(m.group(3)), words))
        pages.append(lines)
    return width, pages


def furniture_lines(pages: list[list[Line]]) -> tuple[float, float]:
    """(the running head's bottom, the running foot's top): the head is the top line and the foot
    the bottom line of most pages, each at the same height on every page that has one."""
    heads = Counter(round(min(line.bottom for line in lines), 1) for lines in pages if lines)
    feet = Counter(round(max(line.top for line in lines), 1) for lines in pages if lines)
    (head, head_pages), (foot, foot_pages) = heads.most_common(1)[0], feet.most_common(1)[0]
    assert head_pages > len(pages) / 2 and foot_pages > len(pages) / 2, (heads, feet)
    return head + 0.5, foot - 0.5


def body(lines: list[Line], head: float, foot: float) -> list[Line]:
    """A page's lines without its running head and foot."""
    return [line for line in lines if line.bottom > head and line.top < foot]


def folios(pages: list[list[Line]], foot: float) -> dict[int, int]:
    """{printed arabic page number: PDF page (1-based)}, read from the running feet.

    A foot is the folio at the outer margin and the chapter's or section's title at the inner one:
    the folio is the number that stands apart from any other word of the foot (the numbers of a
    title, "Chapter 1. Background, 1931 – April 1935", are a word space from their neighbours)."""
    found = {}
    for number, lines in enumerate(pages, start=1):
        words = sorted(w for line in lines if line.top >= foot for w in line.words)
        gaps = [b[0] - a[1] for a, b in itertools.pairwise(words)]
        apart = [word for i, (_left, _right, word) in enumerate(words)
                 if (i == 0 or gaps[i - 1] > 20) and (i == len(words) - 1 or gaps[i] > 20)]
        printed = [w for w in apart if FOLIO.fullmatch(w)]
        assert len(printed) <= 1, (number, words)
        if printed and printed[0].isdigit():
            assert int(printed[0]) not in found, f"folio {printed[0]} printed twice"
            found[int(printed[0])] = number
    return found


def index_entries(pages: list[list[Line]], first: int, width: float, head: float,
                  foot: float) -> list[Entry]:
    """The entries of the index, which begins on PDF page ``first``, in the order printed: each
    page's left column, then its right column; a line indented from its column's edge continues
    the entry before it (also across a column or a page)."""
    entries: list[Entry] = []
    text: list[str] = []

    def close():
        if text:
            joined = " ".join(text)
            match = re.fullmatch(r"(.+?), (\d.*)", joined)
            assert match, f"an index entry without page numbers: {joined!r}"
            entries.append(Entry(match.group(1), [r.strip() for r in match.group(2).split(",")]))
            text.clear()

    for lines in pages[first - 1:]:
        lines = [line for line in body(lines, head, foot) if line.text != "INDEX"]
        # pdftotext may join two lines of the two columns that share a baseline into one
        # ("... 28," and the letter "U"): each column's words are a line of their own.
        right = min((w[0] for line in lines for w in line.words if w[0] > width / 2), default=width)
        lines = [Line(part[0][0], line.top, line.bottom, part) for line in lines
                 for part in ([w for w in line.words if w[0] < right],
                              [w for w in line.words if w[0] >= right]) if part]
        left = min(line.x for line in lines)
        for edge, column in ((left, [ln for ln in lines if ln.x < right]),
                             (right, [ln for ln in lines if ln.x >= right])):
            for line in sorted(column, key=lambda ln: ln.top):
                if line.x > edge + 2:  # the hanging indent: the same entry
                    assert text, f"a continuation line with no entry before it: {line.text!r}"
                    text.append(line.text)
                    continue
                close()
                if not LETTER_GROUP.fullmatch(line.text):
                    text.append(line.text)
    close()
    return entries


def dashless(text: str) -> str:
    """Normalised text without dashes: the index files "He–Umezu Agreement" under "He-Umezu"
    (the edition's index takes any dash in a name for a hyphen, heumezu_sphinx.index_terms)."""
    return re.sub("[\u2012\u2013\u2014]", "", normalise(text))


@pytest.fixture(scope="module")
def aliases() -> dict[str, set[str]]:
    """{index heading: the other spellings the edition files under it}: the sources of 1935 write
    Wade–Giles and historical names ("Tientsin", "Nanking", "Yin Ju-keng"), and the edition indexes
    them under the register's name (heumezu.registers.aliases); after a first mention the prose
    calls a Japanese person by surname ("Sakai"), which the edition indexes under the person
    (heumezu.registers.surnames)."""
    ev = hu.load()
    heading = {label: index_key(name) for name, label, _card in registers.mentions(ev)}
    out: dict[str, set[str]] = {}
    for form, label in [*registers.aliases(ev), *registers.surnames(ev)]:
        out.setdefault(heading[label], set()).add(form)
    return out


def spellings(name: str, aliases: dict[str, set[str]]) -> set[str]:
    """The forms in which the text may print the term of an index heading, normalised.

    An index heading is the register's or glossary's name, sometimes with a gloss in parentheses,
    and the prose often shortens it. A reference counts as right if the page prints one of: the
    heading itself; the heading without its glosses ("Hebei province" for "Hebei (Hopei) province");
    the heading without "province" ("Hebei"); a gloss, which is another name of the same thing
    ("Hopei", "Jehol"); a heading's part before a comma ("Japanese Concession" for "Japanese
    Concession, Tianjin"). That is how the edition makes the entries (heumezu.registers.phrases).
    Or one of the spellings of 1935, or the surname of a Japanese person, that the edition files
    under the heading (:func:`aliases`). Nothing shorter is accepted: "He" for "He Yingqin" would be found on every page.
    """
    plain = " ".join(re.sub(r"\([^()]*\)", "", name).split())
    forms = {name, plain, plain.removesuffix(" province"), plain.split(",")[0], *aliases.get(name, ())}
    forms |= {gloss for gloss in re.findall(r"\(([^()]*)\)", name)}
    return {dashless(f) for f in forms if len(f) > 3}


def references(entry: Entry) -> list[tuple[str, int, int]]:
    """(as printed, first page, last page) of each reference of an entry."""
    out = []
    for locator in entry.locators:
        match = LOCATOR.fullmatch(locator)
        assert match, f"{entry.name}: {locator!r} is neither a page nor a range with an en dash"
        first = int(match.group(1))
        out.append((locator, first, int(match.group(2) or first)))
    return out


@pytest.fixture(scope="module")
def printed(pdf):
    width, pages = layout(pdf)
    head, foot = furniture_lines(pages)
    by_folio = folios(pages, foot)
    # The index is the book's last chapter: it opens on the last page headed "INDEX".
    index_page = max(n for n, lines in enumerate(pages, start=1) if any(ln.text == "INDEX" for ln in lines))
    texts = [(dashless(" ".join(line.text for line in body(lines, head, foot))),
              dashless(" ".join(line.text for line in running_text(body(lines, head, foot)))))
             for lines in pages]
    return by_folio, index_entries(pages, index_page, width, head, foot), texts


def running_text(lines: list[Line]) -> list[Line]:
    """A page's lines without its footnotes: where a sentence breaks across a page, it goes on at
    the top of the next page, after the notes of the first. The notes begin at the first note
    number set on a line of its own, in a smaller size than the text."""
    tallest = max((line.bottom - line.top for line in lines), default=0)
    for n, line in enumerate(lines):
        if line.text.strip().isdigit() and line.bottom - line.top < 0.7 * tallest:
            return lines[:n]
    return lines


def test_folios_map_to_pages(printed):
    """The printed numbers run 1, 2, ... on consecutive PDF pages after the front matter."""
    by_folio, _entries, _texts = printed
    offsets = {page - folio for folio, page in by_folio.items()}
    assert len(by_folio) > 50 and len(offsets) == 1, offsets
    assert min(by_folio) == 1 and offsets.pop() > 0


def test_every_reference_is_a_printed_page_where_the_term_is(printed, aliases):
    """Each page number of an entry, and each page of a range, is a page of the book (1 to the last
    folio) on which the entry's term is printed (:func:`spellings`). A printed number is taken to
    the PDF page whose foot prints it; a mention that begins at the foot of a page and ends on the
    next counts for the page on which it begins."""
    by_folio, entries, texts = printed
    assert len(entries) >= 50, entries
    offset = next(page - folio for folio, page in by_folio.items())
    last = max(by_folio)
    wrong = []
    for entry in entries:
        forms = spellings(entry.name, aliases)
        for locator, first, end in references(entry):
            if not 1 <= first <= end <= last:
                wrong.append(f"{entry.name}, {locator}: not a page of the book (1–{last})")
                continue
            for folio in range(first, end + 1):
                page = by_folio.get(folio, folio + offset)  # a page without a foot: the others' offset
                (text, running), following = texts[page - 1], (texts[page][0] if page < len(texts) else "")
                if not any(form in text or 0 <= (running + following).find(form) < len(running) for form in forms):
                    wrong.append(f"{entry.name}, {locator}: not on page {folio}")
    assert wrong == [], "\n".join(wrong)


def test_ranges_have_an_en_dash(printed):
    """xindy joins three or more pages in a row into a range; it is printed "7–9"."""
    _by_folio, entries, _texts = printed
    ranges = [(e.name, r) for e in entries for r, first, end in references(e) if first != end]
    assert ranges, "no range in the index: pages in a row are run together (\"79\") or never joined"
    assert all(EN_DASH in r for _name, r in ranges)
