"""The documents of the agreement and the American reports as plain data for the pages.

Everything here reads ``documents.csv``, the text files in ``data/documents/``, ``passages.csv``,
``translation_lines.csv`` and ``document_notes.csv``; nothing is typed in. Offsets are Python
``str`` offsets (Unicode code points) into the UTF-8-decoded text files, end exclusive.

The signs of the text files (page breaks, footnotes) are read by :mod:`heumezu.docsigns`.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from . import languages, notes
from .dates import parse_date, spell
from .docsigns import FOOTNOTE_REF, body_line_count, footnotes, printed_pages, split_signs
from .table import Cite, Strong, Table, plain, tagged

#: Said of every translation the edition shows.
TRANSLATION_BY = "Translation by the editors"

COMPLETENESS = {"complete": "Complete text",
                "excerpt": "Excerpt",
                "not_available": "Not edited"}
#: Said after the last paragraph of an excerpt.
EXCERPT_ENDS = "The text given here ends at this point."
#: The heading of a document's footnotes (the publication's), and what stands for one not given.
FOOTNOTES_TITLE = "Footnotes of the publication"
FOOTNOTE_NOT_GIVEN = "The text of this footnote is not given here."


def page_sign(page: int) -> str:
    """How the text shows where a printed page begins: the publication's own page reference."""
    return f"[Page {page}]"

def display_date(value) -> str:
    """An ISO date as a reader writes it: 1935-06-09 → 9 June 1935; '' → 'n.d.' (no date). The
    validator has checked it as a calendar date (crosschecks.dates, fields found from the schema)."""
    value = plain(value)
    return spell(*parse_date(value)) if value else "n.d."


@dataclass(frozen=True)
class Passage:
    """A span of a document cited by the chapters (shown marked, with an anchor ``id``); its
    ``parts`` as :func:`split_signs` gives them."""

    id: str
    text: str

    @property
    def parts(self) -> list:
        return split_signs(self.text)


def row(ev, doc_id: str):
    """The documents.csv record of one document (KeyError if there is none)."""
    frame = ev.documents.set_index("id")
    if doc_id not in frame.index:
        raise KeyError(f"no document {doc_id!r}")
    return frame.loc[doc_id]


def document_text(ev, doc_id: str) -> str | None:
    """The text of a document, or None for a document without text."""
    file = plain(row(ev, doc_id)["file"])
    return (ev.data_dir / file).read_text(encoding="utf-8") if file else None


def ids(ev, language: str | None = None, with_text: bool = False) -> list[str]:
    """Document ids in the order of documents.csv, optionally of one language or with text only."""
    frame = ev.documents
    if language:
        frame = frame[frame["language"] == language]
    if with_text:
        frame = frame[frame["completeness"] != "not_available"]
    return frame["id"].to_list()


def language_tag(ev, doc_id: str) -> str | None:
    """The BCP 47 tag of a document's text ('zh-Hans' from language zh and script Hans), or None
    where the data gives no tag the pages know (English, the page's own language; a Chinese
    document without text, whose script is not known)."""
    r = row(ev, doc_id)
    script = plain(r["script"]) if "script" in r.index else ""
    tag = languages.document_tag(plain(r["language"]), script)
    return tag if tag in languages.TAGS else None


def heading(ev, doc_id: str) -> str:
    """The heading of a document on its page: its short label and the editors' title."""
    r = row(ev, doc_id)
    return f"{plain(r['label'])}: {plain(r['title'])}"


def volume_imprint(ev, doc_id: str) -> str:
    """The imprint of the volume a document is printed in ("Washington: Government Printing Office,
    1953"), from the .bib entry of its first source (the publication of the text) when that entry
    names its volume (crossref): each volume's imprint is given once, in its own entry. '' for a
    document whose first source names no volume."""
    first = next((k for k in plain(row(ev, doc_id)["sources"]).split(";") if k), "")
    work = notes.works(ev.data_dir).get(first)
    return notes.imprint(work) if work is not None and work.get("crossref") else ""


def source_note(ev, doc_id: str) -> str:
    """Where the text is published: publication with its volume's imprint, document and printed
    pages (those of the part given, for an excerpt)."""
    r = row(ev, doc_id)
    out = plain(r["publication"])
    imprint = volume_imprint(ev, doc_id)
    if out and imprint:
        head, sep, tail = out.rpartition(", doc. ")
        out = f"{head} ({imprint}){sep}{tail}" if sep else f"{out} ({imprint})"
    pages = printed_pages(document_text(ev, doc_id), r["first_page"])
    if out and pages:
        out += f", {pages}" + (" (the part given)" if r["completeness"] == "excerpt" else "")
    return out


def metadata_table(ev, doc_id: str) -> Table:
    """Sender, recipient, date, number, file, source, address, licence, text, edition used."""
    r = row(ev, doc_id)
    tag = language_tag(ev, doc_id)  # the Chinese or Japanese runs of its fields are the document's words

    def text(value) -> tuple:
        return tagged(plain(value), tag)

    date = display_date(r["date"])
    rows = [
        ("From", text(r["sender"])), ("To", text(r["recipient"])),
        ("Date", text(f"{date}{'' if date.endswith('.') else '.'} {plain(r['date_note'])}")),
    ]
    if plain(r["number"]):
        rows.append(("Number", plain(r["number"])))
    if plain(r["archive_file"]):
        rows.append(("File", plain(r["archive_file"])))
    if plain(r["publication"]):
        rows.append(("Source", text(source_note(ev, doc_id))))
    if plain(r["url"]):
        # Shown as the reader types it (何梅协定, not %E4%BD%95…): the same address, and it wraps.
        rows.append(("Online edition", text(unquote(plain(r["url"])))))
    if plain(r["licence"]):
        rows.append(("Licence", plain(r["licence"])))
    rows.append(("Text", (Strong(COMPLETENESS[r["completeness"]] + "."), " ", *text(r["completeness_note"]))))
    rows.append(("Edited from", text(r["provenance"])))
    rows.append(("Cited as", (Cite(tuple(k for k in plain(r["sources"]).split(";") if k)),)))
    return Table(("Field", "Value"), rows, widths=(1, 4), long=False, classes=("document-metadata",))


def headnote(ev, doc_id: str) -> str:
    """The editors' headnote: who wrote to whom, when, where, and the document's place in the
    sequence ('' where there is none)."""
    return plain(row(ev, doc_id)["headnote"])


def calendar(ev) -> list:
    """The documents in the order of their dates (documents.csv's order where two share a date),
    each with its number in the calendar: [(number, row)]. A date given to the month only
    ("1935-06") stands before the days of that month. An undated document stands after the
    document listed before it in documents.csv (whose FRUS rows follow the volume, which prints
    its documents in order of date): it takes that document's date as its place."""
    frame = ev.documents.assign(_order=range(len(ev.documents)),
                                _place=calendar_places(ev.documents["date"]))
    frame = frame.sort_values(["_place", "_order"], kind="stable")
    return list(enumerate(frame.drop(columns=["_order", "_place"]).itertuples(index=False), start=1))


def calendar_places(dates) -> list[str]:
    """The date by which each document is placed in the calendar: its own, or (undated) the place
    of the document before it; '' for undated documents at the head of the list."""
    places, last = [], ""
    for value in dates:
        value = plain(value)
        last = value or last
        places.append(last)
    return places


def documents_table(ev) -> Table:
    """The numbered calendar of the documents: number, date, from, to, the editors' summary
    title, and what the edition gives of the text."""
    rows = []
    for number, r in calendar(ev):
        tag = language_tag(ev, r.id)
        rows.append((str(number), display_date(r.date), tagged(plain(r.sender), tag), tagged(plain(r.recipient), tag),
                     (*tagged(plain(r.title), tag), " (", plain(r.label), ")"), COMPLETENESS[r.completeness]))
    return Table(("No.", "Date", "From", "To", "Document (the editors' title)", "Text"), rows,
                 widths=(1, 2, 3, 3, 6, 2))


def passages_of(ev, doc_id: str) -> list:
    """The passages of a document in text order; overlapping passages are refused."""
    frame = ev.passages[ev.passages["document"] == doc_id].sort_values(["start", "end"], kind="stable")
    out, last = [], -1
    for p in frame.itertuples(index=False):
        if int(p.start) < last:
            raise ValueError(f"passage {p.id} overlaps an earlier passage of {doc_id}")
        out.append(p)
        last = int(p.end)
    return out


def text_lines(ev, doc_id: str) -> list[list]:
    """The paragraphs of the text (not its footnotes), line by line; each a list of parts: words
    (str), :class:`PageBreak`, :class:`FootnoteRef`, and each cited passage as a :class:`Passage`
    (split where it crosses a line break, the anchor on its first piece)."""
    text = document_text(ev, doc_id)
    if text is None:
        return []
    spans = [(int(p.start), int(p.end), p.id) for p in passages_of(ev, doc_id)]
    lines, pos = [], 0
    for line in text.rstrip("\n").split("\n")[:body_line_count(text)]:
        start, end = pos, pos + len(line)
        parts, at = [], start
        for s, e, pid in spans:
            s2, e2 = max(s, start), min(e, end)
            if s2 >= e2:
                continue
            if at < s2:
                parts += split_signs(text[at:s2])
            parts.append(Passage(pid if s >= start else "", text[s2:e2]))
            at = e2
        if at < end:
            parts += split_signs(text[at:end])
        lines.append(parts)
        pos = end + 1
    return lines


def document_footnotes(ev, doc_id: str) -> list[tuple[str, str]]:
    """(number, text or '') of every footnote the document's text refers to, in order; '' where
    the edition does not give the footnote's text."""
    text = document_text(ev, doc_id) or ""
    given = dict(footnotes(text))
    body = "\n".join(text.rstrip("\n").split("\n")[:body_line_count(text)])
    return [(n, given.get(n, "")) for n in dict.fromkeys(FOOTNOTE_REF.findall(body))]


def parallel_rows(ev, doc_id: str) -> list[tuple[int, str, str, str, str]]:
    """(line, item, source line, translation, translator's note) for each line of a translated document."""
    text = document_text(ev, doc_id) or ""
    source = text.rstrip("\n").split("\n")
    frame = ev.translation_lines[ev.translation_lines["document"] == doc_id].sort_values("line")
    return [(int(r.line), plain(r.item), source[int(r.line) - 1], plain(r.translation), plain(r.note))
            for r in frame.itertuples(index=False)]


def demands_by_item(ev) -> dict[str, list[tuple[str, str]]]:
    """Memorandum item → [(demand id, summary)] from demands.memorandum_item."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in ev.demands.itertuples(index=False):
        item = plain(r.memorandum_item)
        if item:
            out.setdefault(item, []).append((r.id, plain(r.summary)))
    return out


def notes_table(ev, doc_id: str | None = None) -> Table:
    """Notes on terms, characters and uncertain readings, of one document or (with a Document
    column) of all."""
    frame = ev.document_notes if doc_id is None else ev.document_notes[ev.document_notes["document"] == doc_id]
    labels = ev.documents.set_index("id")["label"]
    rows = []
    for r in frame.itertuples(index=False):
        tag = language_tag(ev, r.document)  # the quoted words and the characters the note cites
        words = tagged(plain(r.quote), tag) or "(no text available)"
        keys = tuple(k for k in plain(r.sources).split(";") if k)
        cells = (words, plain(r.kind), (*tagged(plain(r.note), tag), " ", Cite(keys)))
        rows.append(cells if doc_id else (plain(labels[r.document]), *cells))
    header = ("Words", "Kind", "Note (the editors')")
    if doc_id:
        return Table(header, rows, widths=(3, 2, 9))
    return Table(("Document", *header), rows, widths=(2, 3, 2, 9))


def passage_label(ev, passage_id: str) -> str:
    """How a chapter names a passage: the document's short label and the passage's locator."""
    frame = ev.passages.set_index("id")
    if passage_id not in frame.index:
        raise KeyError(f"no passage {passage_id!r}")
    p = frame.loc[passage_id]
    return f"{plain(row(ev, p['document'])['label'])}, {plain(p['locator'])}"


def passage_quote(ev, passage_id: str) -> str:
    """The passage's words, taken from the document text at its offsets."""
    p = ev.passages.set_index("id").loc[passage_id]
    return (document_text(ev, p["document"]) or "")[int(p["start"]):int(p["end"])]
