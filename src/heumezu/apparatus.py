"""The source apparatus: lacunae and their restorations, the French–English alignment, the
editorial corrections, and the witnesses shown with editorial brackets.

Everything here reads the witness files and the tables in ``data/``; nothing is typed in.
Offsets are Python ``str`` offsets (Unicode code points) in the UTF-8-decoded witness files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from . import collation, crossrefs
from .table import Anchor, Link, Supplied, Table, plain, sources, text_of
from .vocabulary import sigla

#: Editorial brackets: text supplied by the editors where the witness has lost it.
SUPPLIED_OPEN, SUPPLIED_CLOSE = "⟨", "⟩"

# Where a copy of a Wikipedia article has lost its templated dates, lists and native names, the
# surrounding words are left stranded. Each pattern ends exactly where the lost text stood.
_LACUNA_PATTERNS: list[tuple[str, re.Pattern]] = [
    # French dates: "conclu le .", "Le , des forces", "dès le des", "émis le avec", "au .", "jusqu'en ,"
    ("date", re.compile(r"\b(?:[Ll]e|au|jusqu'en) (?=[.,;]|(?:avec|des)\b)")),
    # A list announced by a colon at the end of a line, with no list after it.
    ("list", re.compile(r":(?=[ \t]*(?:\n|\Z))")),
    # English: "The () was" loses both the bold name and the native-script name in brackets.
    ("name", re.compile(r"\bThe (?=\(\))")),
    ("name", re.compile(r"\((?=\))")),
]


@dataclass(frozen=True, order=True)
class Gap:
    """A place where a witness has lost text: ``offset`` is where the lost text stood."""

    offset: int
    kind: str

    def context(self, text: str, width: int = 30) -> str:
        """The witness's words ending at the gap, cut back to a word boundary."""
        start = max(0, self.offset - width)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        return text[start:self.offset]


def find_lacunae(text: str) -> list[Gap]:
    """Every gap the patterns detect in a witness text, in text order."""
    gaps = {Gap(m.end(), kind) for kind, pattern in _LACUNA_PATTERNS for m in pattern.finditer(text)}
    return sorted(g for g in gaps if g.kind != "list" or not _list_follows(text, g.offset))


_LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d+[.)])\s")


def _list_follows(text: str, offset: int) -> bool:
    """True if the colon at ``offset`` is followed (after blank lines) by list items."""
    return bool(_LIST_ITEM.match(text, offset))


# --- Witnesses with editorial brackets --------------------------------------------------------

def witness_parts(ev, siglum: str) -> list:
    """The witness text as parts: the witness's own text (str) and each restoration of
    ``lacunae.csv`` as :class:`~heumezu.table.Supplied` in editorial brackets; a restored list is
    set out one item a line, as the witness would have had it."""
    return _restore(ev, siglum, 0, None, _list_lines)


def witness_with_restorations(ev, siglum: str) -> str:
    """:func:`witness_parts` as one string."""
    return text_of(tuple(witness_parts(ev, siglum)))


def restore_span_parts(ev, siglum: str, start: int, end: int) -> list:
    """A span of a witness with the restorations that fall inside it (start < offset <= end);
    a restored list is run in, its items separated by semicolons."""
    return _restore(ev, siglum, start, end, _list_run_in)


def restore_span(ev, siglum: str, start: int, end: int) -> str:
    return text_of(tuple(restore_span_parts(ev, siglum, start, end)))


def _list_lines(items: list) -> list:
    return [p for item in items for p in ("\n- ", item)]


def _list_run_in(items: list) -> list:
    return [" "] + _joined(items)


def _joined(items: list) -> list:
    return [p for i, item in enumerate(items) for p in ([" ; "] if i else []) + [item]]


def supplied_parts(restoration: str, kind: str, set_list=_list_run_in) -> list:
    """A restoration in editorial brackets; a restored list (items separated by ' ; ') item by item."""
    items = [Supplied(f"{SUPPLIED_OPEN}{item.strip()}{SUPPLIED_CLOSE}") for item in str(restoration).split(" ; ")]
    return set_list(items) if kind == "list" else _joined(items)


def supplied(restoration: str, kind: str) -> str:
    return text_of(tuple(supplied_parts(restoration, kind)))


def _restore(ev, siglum, start, end, set_list) -> list:
    text = ev.witness_text(siglum)
    end = len(text) if end is None else end
    lac = ev.lacunae[ev.lacunae["witness"] == siglum].sort_values("offset", kind="stable")
    out, pos = [], start
    for row in lac.itertuples(index=False):
        offset = int(row.offset)
        if not (start < offset or start == 0) or offset > end:
            continue
        out.append(text[pos:offset])
        out += supplied_parts(row.restoration, row.kind, set_list)
        pos = offset
    out.append(text[pos:end])
    return [p for p in out if p]


# --- Parallel French–English text --------------------------------------------------------------

def aligned_pairs(ev, *, restore: bool = True) -> list[dict]:
    """The French–English alignment as text: one dict per row of ``alignment.csv``, in F order.

    Keys: ``id``, ``french``, ``english`` (empty where one side has no counterpart), ``ratio``
    (``1:1``, ``1:n``, ``n:1``, ``F only``, ``E only``), ``note``. With ``restore`` the lost dates and
    lists of F are shown in editorial brackets.
    """
    f_text, e_text = ev.witness_text("F"), ev.witness_text("E")
    rows = ev.alignment.copy()
    rows["_order"] = rows["f_start"].fillna(rows["e_start"])
    pairs = []
    for row in rows.sort_values(["_order", "id"], kind="stable").itertuples(index=False):
        french = english = ""
        if pd.notna(row.f_start):
            french = restore_span(ev, "F", int(row.f_start), int(row.f_end)) if restore else f_text[int(row.f_start):int(row.f_end)]
        if pd.notna(row.e_start):
            english = restore_span(ev, "E", int(row.e_start), int(row.e_end)) if restore else e_text[int(row.e_start):int(row.e_end)]
        pairs.append({
            "id": row.id, "french": french.strip(), "english": english.strip(),
            "ratio": _ratio(french, english), "note": "" if pd.isna(row.note) else str(row.note),
        })
    return pairs


def _sentences(text: str) -> int:
    return max(1, len(re.findall(r"[.!?:](?=\s|$)", text.strip())))


def _ratio(french: str, english: str) -> str:
    if not english.strip():
        return "F only"
    if not french.strip():
        return "E only"
    nf, ne = _sentences(french), _sentences(english)
    if nf == ne == 1:
        return "1:1"
    return f"{'n' if nf > 1 else '1'}:{'n' if ne > 1 else '1'}"


# --- Tables for the Sources pages ----------------------------------------------------------------

#: The editors' verdict on each witness, for the overview table; ``{foreign_share}`` is computed.
RELIABILITY = {
    "F": "Faithful in outline to E's account, but every date and both lists of demands are lost; a few errors of its own.",
    "E": "The fullest witness; nearly complete, with errors of office, command and date corrected in the apparatus.",
    "X": "Unreliable: a machine re-translation of parts of E into which passages on other subjects make up about "
         "{foreign_share}% of the text.",
}


def witnesses_table(ev) -> Table:
    """One row per witness: siglum, language, title, size of its apparatus, the editors' verdict."""
    seg = ev.segments
    foreign = seg[seg["origin"] == "foreign"]
    share = round(100 * int((foreign["end"] - foreign["start"]).sum()) / len(ev.witness_text("X")))
    rows = []
    for w in ev.witnesses.itertuples(index=False):
        lacunae, readings = int((ev.lacunae["witness"] == w.siglum).sum()), int((ev.readings["witness"] == w.siglum).sum())
        rows.append((w.siglum, plain(w.language), plain(w.title), f"{lacunae} lacunae, {readings} corrections",
                     RELIABILITY.get(w.siglum, "").format(foreign_share=share)))
    return Table(("Siglum", "Language", "Title", "Apparatus", "Reliability at a glance"), rows, (8, 8, 18, 20, 46), long=False,
                 prose=("Reliability at a glance",))


def witness_metadata_table(ev, siglum: str) -> Table:
    """What is known of one witness: language, title, origin, condition, licence, revision. Its file
    and checksum are data, in witnesses.csv and the data documentation, not on a reader's page."""
    w = ev.witnesses.set_index("siglum").loc[siglum]
    rows = [("Language", plain(w["language"])), ("Title", plain(w["title"])), ("Origin", plain(w["origin"])),
            ("Condition", plain(w["condition"])), ("Licence", plain(w["licence"])),
            ("Attribution", plain(w["attribution"])), ("Revision", plain(w["revision"]))]
    return Table(("Field", "Value"), rows, (20, 80), long=False)


def _trimmed(parts: list) -> tuple:
    """Parts without the whitespace at either end."""
    parts = list(parts)
    if parts and isinstance(parts[0], str):
        parts[0] = parts[0].lstrip()
    if parts and isinstance(parts[-1], str):
        parts[-1] = parts[-1].rstrip()
    return tuple(p for p in parts if p)


def _span_parts(ev, siglum: str, start, end) -> tuple:
    """A restored span as parts (supplied text marked), outer whitespace trimmed; () if no span."""
    if pd.isna(start):
        return ()
    return _trimmed(restore_span_parts(ev, siglum, int(start), int(end)))


def parallel_table(ev) -> Table:
    rows = []
    spans = ev.alignment.set_index("id")
    for p in aligned_pairs(ev):
        row = spans.loc[p["id"]]
        french = _span_parts(ev, "F", row["f_start"], row["f_end"])
        english = _span_parts(ev, "E", row["e_start"], row["e_end"]) or ("—",)
        rows.append(((Anchor(crossrefs.alignment_label(p["id"])), *french), english, p["ratio"],
                     crossrefs.note(ev, p["note"])))
    return Table(("F (French)", "E (English)", "Match", "Note"), rows, (38, 38, 8, 16), prose=("Note",))


def lacunae_table(ev) -> Table:
    """Lacunae with their restorations."""
    rows = []
    for r in ev.lacunae.sort_values(["witness", "offset"], kind="stable").itertuples(index=False):
        rows.append((r.witness, str(int(r.offset)), r.kind, f"…{r.context}", _trimmed(supplied_parts(r.restoration, r.kind)),
                     sources(r.authority, sigla(ev)), "yes" if bool(r.uncertain) else "no", crossrefs.note(ev, r.note)))
    return Table(("Witness", "Offset", "Kind", "Context", "Restoration", "Authority", "Uncertain", "Note"), rows,
                 (6, 6, 6, 16, 22, 14, 6, 24), prose=("Note",))


def readings_table(ev) -> Table:
    """Editorial corrections in witness order."""
    order = {s: i for i, s in enumerate(sigla(ev))}
    df = ev.readings.assign(_w=ev.readings["witness"].map(order)).sort_values(["_w", "start"], kind="stable")
    rows = [((Anchor(crossrefs.reading_label(r.id)), r.witness), f"{int(r.start)}–{int(r.end)}", plain(r.reading),
             plain(r.corrected), r.kind, crossrefs.note(ev, r.note), sources(r.sources, sigla(ev)))
            for r in df.itertuples(index=False)]
    return Table(("Witness", "Offsets", "Reading", "Edition", "Kind", "Note", "Authority"), rows, (6, 8, 17, 17, 9, 30, 13),
                 prose=("Note",))


def x_passages_table(ev) -> Table:
    """The passages of X, numbered: text, origin, subject, source, similarity to E, authority."""
    seg, numbers = ev.segments.set_index("id"), crossrefs.segment_numbers(ev)
    rows = [((Anchor(crossrefs.segment_label(p.segment)), str(numbers[p.segment])), p.x_text, p.origin.replace("_", " "),
             plain(p.subject), plain(p.source_text), f"{p.similarity:.2f}",
             sources(seg.loc[p.segment, "sources"], sigla(ev))) for p in collation.passage_table(ev).itertuples()]
    return Table(("Passage", "Text of X", "Origin", "Subject", "Source", "Similarity", "Authority"), rows,
                 (7, 45, 8, 14, 12, 6, 8), prose=("Subject",))


def x_apparatus_table(ev) -> Table:
    """X against E: one row per variant; the passage and the correction as links to their rows."""
    numbers = crossrefs.segment_numbers(ev)
    corrected = ev.readings.set_index("id")["corrected"]
    rows = [(Link(str(numbers[v.segment]), crossrefs.segment_label(v.segment)), v.e_reading or "—", v.x_reading or "—",
             v.type, Link(plain(corrected[v.reading_id]), crossrefs.reading_label(v.reading_id)) if v.reading_id else "")
            for v in collation.apparatus(ev).itertuples()]
    return Table(("Passage", "E", "X", "Type", "Correction"), rows, (12, 32, 32, 12, 12))


def x_summary(ev) -> str:
    """One sentence: how many characters of X derive from E, are foreign, or are the closing ellipsis."""
    s = collation.summary(ev)
    chars = s["characters"]
    return (f"Of the {s['total']} characters of X, {chars.get('derived_from_E', 0)} derive from E, "
            f"{chars.get('foreign', 0)} are foreign and {chars.get('unknown', 0)} form the closing ellipsis.")


def overlapping(ev, siglum: str, start: int, end: int) -> pd.DataFrame:
    """The readings of ``siglum`` that overlap ``[start, end)``."""
    r = ev.readings
    return r[(r["witness"] == siglum) & (r["start"] < end) & (r["end"] > start)]


# --- Editorial signs -----------------------------------------------------------------------------

#: What a reader sees where a witness has lost text the edition does not supply in place.
LOST_MARK = "[…]"

#: The key to the editorial signs: name → (sign, explanation on screen, explanation in print), in
#: the order the key lists them (a screen shows a restoration on hover, print in parentheses).
_SUPPLIED = "text supplied by the editors where the witness has lost it (the authority for each is under Restorations)"
SIGNS_KEY = {
    "supplied": (f"{SUPPLIED_OPEN}…{SUPPLIED_CLOSE}", _SUPPLIED, _SUPPLIED),
    "lost": (LOST_MARK,
             ("text lost in the witness, where it is quoted; the edition's restoration is shown when "
             "the pointer rests on the mark"),
             ("text lost in the witness, where it is quoted; the edition's restoration follows the "
             "mark in parentheses")),
}


def lost(ev, lacuna_id: str) -> tuple[str, str]:
    """(witness, the edition's restoration) of a lacuna in ``lacunae.csv`` (KeyError if none)."""
    lac = ev.lacunae.set_index("id")
    if lacuna_id not in lac.index:
        raise KeyError(f"no lacuna {lacuna_id!r} in lacunae.csv")
    row = lac.loc[lacuna_id]
    return str(row["witness"]), supplied(row["restoration"], row["kind"]).strip()
