"""The source apparatus: lacunae and their restorations, the French–English alignment, the
editorial corrections, and the witnesses shown with editorial brackets.

Everything here reads the witness files and the tables in ``data/``; nothing is typed in.
Offsets are Python ``str`` offsets (Unicode code points) in the UTF-8-decoded witness files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from . import render

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

def witness_with_restorations(ev, siglum: str, *, brackets: tuple[str, str] = (SUPPLIED_OPEN, SUPPLIED_CLOSE)) -> str:
    """The witness text with every restoration of ``lacunae.csv`` supplied in editorial brackets;
    a restored list is set out one item a line, as the witness would have had it."""
    return _restore(ev, siglum, 0, None, brackets, _list_lines)


def restore_span(ev, siglum: str, start: int, end: int) -> str:
    """A span of a witness with the restorations that fall inside it (start < offset <= end);
    a restored list is run in, its items separated by semicolons."""
    return _restore(ev, siglum, start, end, (SUPPLIED_OPEN, SUPPLIED_CLOSE), _list_run_in)


def _list_lines(items: list[str]) -> str:
    return "\n" + "\n".join(f"- {item}" for item in items)


def _list_run_in(items: list[str]) -> str:
    return " " + " ; ".join(items)


def supplied(restoration: str, kind: str, brackets=(SUPPLIED_OPEN, SUPPLIED_CLOSE), set_list=_list_run_in) -> str:
    """A restoration in editorial brackets; a restored list (items separated by ' ; ') item by item."""
    items = [f"{brackets[0]}{item.strip()}{brackets[1]}" for item in str(restoration).split(" ; ")]
    return set_list(items) if kind == "list" else " ; ".join(items)


def _restore(ev, siglum, start, end, brackets, set_list) -> str:
    text = ev.witness_text(siglum)
    end = len(text) if end is None else end
    lac = ev.lacunae[ev.lacunae["witness"] == siglum].sort_values("offset", kind="stable")
    out, pos = [], start
    for row in lac.itertuples(index=False):
        offset = int(row.offset)
        if not (start < offset or start == 0) or offset > end:
            continue
        out.append(text[pos:offset])
        out.append(supplied(row.restoration, row.kind, brackets, set_list))
        pos = offset
    out.append(text[pos:end])
    return "".join(out)


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

def lacuna_rows(ev) -> list[list[str]]:
    """Lacunae with their restorations, for a table."""
    rows = []
    for r in ev.lacunae.sort_values(["witness", "offset"], kind="stable").itertuples(index=False):
        rows.append([r.witness, str(int(r.offset)), r.kind, f"…{r.context}", supplied(r.restoration, r.kind).strip(),
                     render.cite(r.authority), "yes" if bool(r.uncertain) else "no",
                     "" if pd.isna(r.note) else r.note])
    return rows


def reading_rows(ev) -> list[list[str]]:
    """Editorial corrections in witness order, for a table."""
    order = {"F": 0, "E": 1, "X": 2}
    df = ev.readings.assign(_w=ev.readings["witness"].map(order)).sort_values(["_w", "start"], kind="stable")
    return [[r.witness, f"{int(r.start)}–{int(r.end)}", r.reading, r.corrected, r.kind, r.note,
             render.cite(r.sources)] for r in df.itertuples(index=False)]


def overlapping(ev, siglum: str, start: int, end: int) -> pd.DataFrame:
    """The readings of ``siglum`` that overlap ``[start, end)``."""
    r = ev.readings
    return r[(r["witness"] == siglum) & (r["start"] < end) & (r["end"] > start)]
