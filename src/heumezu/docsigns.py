"""The signs of the documents' text files, read without pandas (the validator uses them too).

A text file holds a document's words, one paragraph a line, and two signs:

- ``[Page 233]``: page 233 of the printed volume begins here (the publication's own page
  references, set apart from the words on either side by a space);
- ``[^74]``: the publication's footnote 74 is attached here; its text, where the edition gives
  it, is a line ``[^74]: …`` after the document's last paragraph.

Nothing else in a text is markup: FRUS's editorial brackets (``[plane?]``) are its words.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .table import plain

PAGE = re.compile(r"\[Page (\d+)\]")
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")
FOOTNOTE_LINE = re.compile(r"\[\^(\d+)\]: (\S.*)")
SIGNS = re.compile(r"\[Page (\d+)\]|\[\^(\d+)\]")


@dataclass(frozen=True)
class PageBreak:
    """A page of the printed volume begins here."""

    page: int


@dataclass(frozen=True)
class FootnoteRef:
    """The publication's footnote ``number`` is attached here."""

    number: str


def split_signs(text: str) -> list:
    """A run of a text as words (str), :class:`PageBreak` and :class:`FootnoteRef`, in order."""
    out, at = [], 0
    for m in SIGNS.finditer(text):
        if m.start() > at:
            out.append(text[at:m.start()])
        out.append(PageBreak(int(m.group(1))) if m.group(1) else FootnoteRef(m.group(2)))
        at = m.end()
    if at < len(text):
        out.append(text[at:])
    return out


def body_line_count(text: str) -> int:
    """How many lines of a text are the document's paragraphs (the footnote lines follow them)."""
    lines = text.rstrip("\n").split("\n")
    n = len(lines)
    while n and FOOTNOTE_LINE.fullmatch(lines[n - 1]):
        n -= 1
    return n


def footnotes(text: str) -> list[tuple[str, str]]:
    """(number, text) of the publication's footnotes given after the paragraphs."""
    lines = text.rstrip("\n").split("\n")
    return [FOOTNOTE_LINE.fullmatch(line).groups() for line in lines[body_line_count(text):]]


def page_breaks(text: str) -> list[int]:
    """The printed pages that begin inside the text, in order."""
    return [int(n) for n in PAGE.findall(text)]


def printed_pages(text: str | None, first_page) -> str:
    """The pages the text occupies in the printed volume: from ``first_page`` (documents.csv), or
    the page before the first page break, to the last page break. '' where neither is known."""
    breaks = page_breaks(text or "")
    first = int(first_page) if plain(first_page) != "" else (breaks[0] - 1 if breaks else None)
    if first is None:
        return ""
    last = breaks[-1] if breaks else first
    return f"p. {first}" if last == first else f"pp. {first}–{last}"


def page_problems(text: str, first_page) -> list[str]:
    """What is wrong with a text's page breaks: they must run one page at a time, and follow the
    first page recorded in documents.csv."""
    breaks, out = page_breaks(text), []
    first = int(first_page) if plain(first_page) != "" else None
    if first is not None and breaks and breaks[0] != first + 1:
        out.append(f"the text begins on page {first} but its first page break is to page {breaks[0]}")
    for a, b in itertools.pairwise(breaks):
        if b != a + 1:
            out.append(f"the page breaks jump from page {a} to page {b}")
    defined = [n for n, _ in footnotes(text)]
    if len(set(defined)) != len(defined):
        out.append("a footnote is given twice")
    body = "\n".join(text.rstrip("\n").split("\n")[:body_line_count(text)])
    refs = FOOTNOTE_REF.findall(body)
    out += [f"footnote {n} is given but not referred to in the text" for n in defined if n not in refs]
    for line in text.rstrip("\n").split("\n")[body_line_count(text):]:
        if FOOTNOTE_REF.search(FOOTNOTE_LINE.fullmatch(line).group(2)):
            out.append("a footnote's text refers to a footnote")
    for stray in ("[^", "[Page"):
        if body.count(stray) != len(FOOTNOTE_REF.findall(body) if stray == "[^" else breaks):
            out.append(f"a malformed sign {stray!r}… in the text (write [Page 233] or [^74])")
    return out


