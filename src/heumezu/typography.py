"""The edition's own prose set as printed books set it: typographic quotation marks and
apostrophes for the straight ones of the data, en dashes in ranges of years and numbers.

Only for text in the edition's own words (a table's prose columns, :attr:`heumezu.table.Table.prose`):
a witness's reading is given as the witness writes it and never passes through here. The
function is plain text in, plain text out; the print transform (``heumezu_sphinx.printing``)
applies it to its text nodes, passing the character before each so that a quotation opened in
one node and closed in the next is set right.
"""
from __future__ import annotations

import re

#: After one of these (or at the start), a straight quotation mark opens a quotation.
OPENS_AFTER = " \t\n([{‘“—–-/\u00a0"
#: A range of years (1932-1938) or of small numbers (2-3 May, pages 14-17): not an ISO date.
YEARS = re.compile(r"(?<![\w.\-/])(1[5-9]\d\d|20\d\d)-(1[5-9]\d\d|20\d\d)(?![\w\-/])")
NUMBERS = re.compile(r"(?<![\w.\-/])(\d{1,3})-(\d{1,3})(?![\w\-/])")


def typographic(text: str, before: str = "") -> str:
    """``text`` with ' and " as ‘ ’ “ ” (’ also the apostrophe) and ranges with an en dash.
    ``before`` is the character that precedes ``text`` in its paragraph ("" at the start)."""
    text = NUMBERS.sub(r"\1–\2", YEARS.sub(r"\1–\2", text))
    out: list[str] = []
    previous = before[-1:] if before else ""
    for i, char in enumerate(text):
        if char in "'\"":
            following = text[i + 1:i + 2]
            opening = previous == "" or previous in OPENS_AFTER
            if char == "'":
                if previous.isalnum() and following.isalpha():
                    char = "’"  # an apostrophe inside a word: don't, Yu's
                else:
                    char = "‘" if opening and following not in ("", " ") else "’"
            else:
                char = "“" if opening and following not in ("", " ") else "”"
        out.append(char)
        previous = char
    return "".join(out)
