"""Reading the PDF in tests without depending on one poppler's text extraction.

What ``pdftotext`` returns for the same PDF changes between poppler versions and systems: newer
poppler splits a word at an accent ("dé marche"), puts spaces between CJK characters, keeps or
resolves ligatures ("ﬁ"), keeps a hyphen at the end of a line, may give a compatibility or Kangxi
radical form of an ideograph, and ends pages with or without a form feed. What it never changes is
the sequence of letters, digits and signs that is printed. So the tests:

- compare :func:`normalise`\\ d text, on both sides, wherever they compare words;
- read structure rather than glyph runs where they check structure: the PDF's outline (the
  bookmarks hyperref writes from the same counters as the printed numbers, :func:`outline`), the
  ``.tex`` Sphinx wrote, the HTML;
- take a page's text one page at a time (:func:`pages`), never by splitting on form feeds.
"""
from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from heumezu_sphinx import pdf_outline

#: Hyphens a line break or the extraction may add or drop: hyphen-minus, soft hyphen, hyphen,
#: non-breaking hyphen. Dashes (–, —) are printed signs and stay.
HYPHENS = frozenset("-\u00ad\u2010\u2011")
#: Typographic and straight quotes are one sign each (TeX, the HTML and the data do not agree).
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
                        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})


def _dropped(char: str) -> bool:
    """Whitespace (any: form feed, NBSP, ideographic space), hyphens and invisible format characters
    (zero-width space and joiners, word joiner, BOM, bidi marks: Unicode category Cf)."""
    return char.isspace() or char in HYPHENS or unicodedata.category(char) == "Cf"


def normalise(text: str, *, casefold: bool = True) -> str:
    """The printed signs of ``text`` in a form every poppler agrees on.

    NFKC (ligatures → letters, fullwidth and compatibility forms, Kangxi radicals and compatibility
    ideographs → unified ideographs), then no whitespace, hyphens or format characters at all (so no
    inserted spaces, line breaks, hyphenation at line ends), one form of each quote, case folded
    (unless ``casefold=False``), and composed again (an accent split from its letter by a space).
    """
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    text = "".join(char for char in text if not _dropped(char))
    if casefold:
        text = text.casefold()
    return unicodedata.normalize("NFKC", text)


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` is printed in ``haystack``, both normalised."""
    return normalise(needle) in normalise(haystack)


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, encoding="utf-8",
                          errors="replace").stdout


def extract(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """``pdftotext -enc UTF-8`` of the whole PDF or of pages ``first``..``last``, form feeds removed.

    Raw: pass it through :func:`normalise` before comparing words with anything."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return _run("pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-").replace("\f", "\n")


def info(pdf: Path) -> dict[str, str]:
    """``pdfinfo``'s fields (Title, Author, Pages, ...), values stripped."""
    fields = {}
    for line in _run("pdfinfo", "-enc", "UTF-8", str(pdf)).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields.setdefault(key.strip(), value.strip())
    return fields


def page_count(pdf: Path) -> int:
    return int(info(pdf)["Pages"])


def pages(pdf: Path) -> list[str]:
    """Each page's raw text, extracted page by page (poppler versions differ in where form feeds go)."""
    return [extract(pdf, n, n) for n in range(1, page_count(pdf) + 1)]


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (depth, title, page), in order (heumezu_sphinx.pdf_outline)."""
    return pdf_outline.outline(pdf)


def tex_log(path: Path) -> str:
    """A TeX log with its hard line wraps undone: TeX breaks every line at ``max_print_line``
    characters (79 unless a texmf.cnf says otherwise, and counted in bytes or characters depending
    on the engine), so a message may straddle two lines. All line breaks go: search it for phrases."""
    return path.read_text(encoding="utf-8", errors="replace").replace("\n", "")
