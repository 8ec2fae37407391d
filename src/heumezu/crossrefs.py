"""Cross-references: where the edition's own identifiers would show, readers get links instead.

The data's notes refer to documents ("FRUS d185") and to rows of other tables ("al-04"); the
tables themselves are keyed by ids ("x-seg-03", "x-rd-linked"). None of these is shown to a
reader: each becomes a :class:`~heumezu.table.Link` to an :class:`~heumezu.table.Anchor` that
the page showing that row carries, labelled with something a reader can read. The anchor labels
are made here, in one place, so that the link and its target always agree.
"""
from __future__ import annotations

import re

import pandas as pd

from .table import Link, plain

#: "FRUS d185", "FRUS d 195": a document of Foreign Relations of the United States by number.
_FRUS = re.compile(r"\bFRUS d ?(\d+)\b")
#: A row of the French–English alignment.
_ALIGNMENT = re.compile(r"(?<![\w-])al-\d+(?![\w-])")


def document_label(doc_id: str) -> str:
    """The anchor of a document's section on the documents pages."""
    return f"document-{doc_id}"


def alignment_label(row_id: str) -> str:
    return f"parallel-{row_id}"


def segment_label(segment_id: str) -> str:
    return f"x-passage-{segment_id}"


def reading_label(reading_id: str) -> str:
    return f"correction-{reading_id}"


def actor_label(actor_id: str) -> str:
    return f"register-{actor_id}"


def place_label(place_id: str) -> str:
    return f"gazetteer-{place_id}"


def linked_documents(ev) -> dict[str, str]:
    """FRUS document number ("185") → the id of a document whose text the edition prints.

    A number printed in two volumes is left out (it would be ambiguous without its volume)."""
    found: dict[str, list[str]] = {}
    if "documents" not in ev.tables:
        return {}
    for r in ev.documents.itertuples(index=False):
        m = re.fullmatch(r"frus\d{4}v\d+-d(\d+)", str(r.id))
        if m and str(r.completeness) != "not_available" and plain(r.file):
            found.setdefault(m.group(1), []).append(str(r.id))
    return {number: ids[0] for number, ids in found.items() if len(ids) == 1}


def segment_numbers(ev) -> dict[str, int]:
    """Passage of X → its number (1, 2, …) in the order of the text."""
    seg = ev.segments.sort_values(["start", "id"], kind="stable")
    return {str(s): i for i, s in enumerate(seg["id"], start=1)}


def _alignment_opening(ev, row_id: str) -> str:
    """The first words of an aligned row (French, or English where F has none), in quotes."""
    if "alignment" not in ev.tables:
        return ""
    rows = ev.alignment[ev.alignment["id"] == row_id]
    if rows.empty:
        return ""
    row = rows.iloc[0]
    words = []
    for siglum, start, end in (("F", row["f_start"], row["f_end"]), ("E", row["e_start"], row["e_end"])):
        if not words and pd.notna(start) and pd.notna(end):
            words = ev.witness_text(siglum)[int(start):int(end)].split()
    if not words:
        return ""
    return "“" + " ".join(words[:4]) + ("…”" if len(words) > 4 else "”")


def note(ev, text) -> tuple:
    """A note from the data as parts: references to documents and alignment rows as links.

    "FRUS d185" becomes "FRUS doc. 185" (a link to the document when the edition prints it);
    "al-04" becomes the first words of that row of the parallel text, linked to the row."""
    text = plain(text)
    documents = linked_documents(ev)
    out: list = []
    pos = 0
    pattern = re.compile(f"{_FRUS.pattern}|{_ALIGNMENT.pattern}")
    for m in pattern.finditer(text):
        out.append(text[pos:m.start()])
        if m.group(1):
            shown = f"FRUS doc. {m.group(1)}"
            doc_id = documents.get(m.group(1))
            out.append(Link(shown, document_label(doc_id)) if doc_id else shown)
        else:
            opening = _alignment_opening(ev, m.group(0))
            out.append(Link(opening or "another row", alignment_label(m.group(0))))
        pos = m.end()
    out.append(text[pos:])
    return tuple(p for p in out if p)
