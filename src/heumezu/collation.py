"""Collation of witness X against witness E, rebuilt from the witness files with CollateX.

X is cut into passages by ``data/segments.csv``. Each passage that the table calls
``derived_from_E`` is aligned to the run of E's sentences it resembles most (difflib over
normalised words); CollateX then aligns the two passages token by token, and every column
where they differ becomes a record of the apparatus. Nothing is cached or typed in: the same
files give the same apparatus, record for record.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher

import pandas as pd

# Words, numbers with inner apostrophes/hyphens, or runs of punctuation; offsets are kept.
_TOKEN = re.compile(r"\w+(?:['’‐‑–-]\w+)*|[^\w\s]+")
_MARKUP = re.compile(r"=+")  # wiki heading markup in E is layout, not text
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―"), "-")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
#: A passage of X counts as derived from E when its words match a run of E sentences at least this well.
DERIVED_THRESHOLD = 0.5
MAX_WINDOW = 3

VARIANT_TYPES = ("substitution", "omission", "addition", "corruption", "mistranslation")


def normalise(token: str) -> str:
    """The form CollateX compares: case-folded, NFC, typographic dashes as hyphens."""
    return unicodedata.normalize("NFC", token).translate(_DASHES).casefold()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[dict]:
    """Tokens of ``text[start:end]`` as CollateX JSON tokens, with their offsets in ``text``."""
    end = len(text) if end is None else end
    out = []
    for m in _TOKEN.finditer(text, start, end):
        if _MARKUP.fullmatch(m.group()):
            continue
        out.append({"t": m.group(), "n": normalise(m.group()), "start": m.start(), "end": m.end()})
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence (or heading, or list item) spans of a witness, whitespace trimmed."""
    spans, pos = [], 0
    for m in list(_SENTENCE_END.finditer(text)) + [None]:
        stop = m.start() if m else len(text)
        chunk = text[pos:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else len(text)
    return spans


def _words(text: str, start: int, end: int) -> list[str]:
    return [t["n"] for t in tokens(text, start, end) if t["n"][0].isalnum()]


def best_match(e_text: str, x_text: str, x_start: int, x_end: int) -> tuple[int, int, float]:
    """The run of 1–3 consecutive E sentences most like ``x_text[x_start:x_end]``: (start, end, ratio)."""
    x_words = _words(x_text, x_start, x_end)
    best = (0, 0, 0.0)
    spans = sentences(e_text)
    for i in range(len(spans)):
        for j in range(i, min(i + MAX_WINDOW, len(spans))):
            s, e = spans[i][0], spans[j][1]
            ratio = SequenceMatcher(None, _words(e_text, s, e), x_words, autojunk=False).ratio()
            if ratio > best[2] + 1e-12:
                best = (s, e, ratio)
    return best


@dataclass(frozen=True)
class Passage:
    segment: str
    origin: str
    x_start: int
    x_end: int
    e_start: int | None
    e_end: int | None
    similarity: float


def passages(ev) -> list[Passage]:
    """Every segment of X with the E passage it matches best and how well (0–1)."""
    e_text, x_text = ev.witness_text("E"), ev.witness_text("X")
    out = []
    seg = ev.segments[ev.segments["witness"] == "X"].sort_values("start", kind="stable")
    for row in seg.itertuples(index=False):
        s, e, ratio = best_match(e_text, x_text, int(row.start), int(row.end))
        keep = row.origin == "derived_from_E"
        out.append(Passage(row.id, row.origin, int(row.start), int(row.end),
                           s if keep else None, e if keep else None, round(ratio, 3)))
    return out


def _collate(e_toks: list[dict], x_toks: list[dict]) -> list[tuple[list[dict], list[dict]]]:
    """CollateX alignment table of two token lists: a list of (E tokens, X tokens) columns."""
    from collatex import Collation, collate

    collation = Collation.create_from_dict({"witnesses": [
        {"id": "E", "tokens": [{"t": t["t"], "n": t["n"], "start": t["start"], "end": t["end"]} for t in e_toks]},
        {"id": "X", "tokens": [{"t": t["t"], "n": t["n"], "start": t["start"], "end": t["end"]} for t in x_toks]},
    ]})
    table = json.loads(collate(collation, output="json", segmentation=False))
    order = table["witnesses"]
    rows = dict(zip(order, table["table"]))
    return [(list(a or []), list(b or [])) for a, b in zip(rows["E"], rows["X"])]


@dataclass(frozen=True)
class Variant:
    segment: str
    e_start: int | None
    e_end: int | None
    x_start: int | None
    x_end: int | None
    e_reading: str
    x_reading: str
    type: str
    reading_id: str
    x_at: int  # where the variant stands in X (for an omission: after the last shared X token)

    def as_dict(self) -> dict:
        return asdict(self)


def _variant(segment, e_cols, x_cols, e_text, x_text, x_at, readings) -> Variant:
    es = min((t["start"] for t in e_cols), default=None)
    ee = max((t["end"] for t in e_cols), default=None)
    xs = min((t["start"] for t in x_cols), default=None)
    xe = max((t["end"] for t in x_cols), default=None)
    e_reading = e_text[es:ee] if es is not None else ""
    x_reading = x_text[xs:xe] if xs is not None else ""
    reading_id = ""
    if xs is None and es is None:
        raise ValueError("empty variant")
    if xs is None:
        kind = "omission"
    elif es is None:
        kind = "addition"
    else:
        kind = "substitution"
    if xs is not None:
        hit = readings[(readings["start"] < xe) & (readings["end"] > xs)]
        if len(hit):
            first = hit.sort_values("start", kind="stable").iloc[0]
            reading_id = str(first["id"])
            if first["kind"] in ("corruption", "mistranslation"):
                kind = str(first["kind"])
    return Variant(segment, es, ee, xs, xe, e_reading, x_reading, kind, reading_id, xs if xs is not None else x_at)


def variants(ev) -> list[Variant]:
    """The apparatus of E against X: one record per run of differing columns, in X order."""
    e_text, x_text = ev.witness_text("E"), ev.witness_text("X")
    readings = ev.readings[ev.readings["witness"] == "X"]
    out: list[Variant] = []
    for p in passages(ev):
        if p.e_start is None:
            continue
        cols = _collate(tokens(e_text, p.e_start, p.e_end), tokens(x_text, p.x_start, p.x_end))
        run_e: list[dict] = []
        run_x: list[dict] = []
        last_x = run_at = p.x_start
        for e_col, x_col in cols + [(None, None)]:
            # A column inside an edited reading of X joins its variant even where a word survives
            # (E "Kwantung Army" against X "Army of Arms" is one corruption, not two variants).
            edited = x_col is not None and any(
                ((readings["start"] < t["end"]) & (readings["end"] > t["start"])).any() for t in x_col)
            same = (e_col is not None and not edited and e_col
                    and [t["n"] for t in e_col] == [t["n"] for t in x_col])
            if e_col is None or same:
                if run_e or run_x:
                    out.append(_variant(p.segment, run_e, run_x, e_text, x_text, run_at, readings))
                run_e, run_x = [], []
            else:
                if not (run_e or run_x):
                    run_at = last_x
                run_e += e_col
                run_x += x_col
            if x_col:
                last_x = max(t["end"] for t in x_col)
    return out


def apparatus(ev) -> pd.DataFrame:
    """:func:`variants` as a table (the form the Sources page shows and the TEI export encodes)."""
    cols = ["segment", "e_start", "e_end", "x_start", "x_end", "e_reading", "x_reading", "type", "reading_id", "x_at"]
    frame = pd.DataFrame([v.as_dict() for v in variants(ev)], columns=cols)
    for c in ("e_start", "e_end", "x_start", "x_end"):
        frame[c] = frame[c].astype("Int64")
    return frame


def passage_table(ev) -> pd.DataFrame:
    """Each segment of X with its origin, the matched E passage and the word similarity."""
    e_text, x_text = ev.witness_text("E"), ev.witness_text("X")
    seg = ev.segments.set_index("id")
    rows = []
    for p in passages(ev):
        rows.append({
            "segment": p.segment, "origin": p.origin, "subject": seg.loc[p.segment, "subject"],
            "source_text": seg.loc[p.segment, "source_text"], "x_text": x_text[p.x_start:p.x_end].strip(),
            "e_text": e_text[p.e_start:p.e_end] if p.e_start is not None else "", "similarity": p.similarity,
        })
    return pd.DataFrame(rows)


def summary(ev) -> dict:
    """How much of X is what: characters per origin, and the count of variants per type."""
    seg = ev.segments[ev.segments["witness"] == "X"]
    chars = (seg["end"] - seg["start"]).groupby(seg["origin"]).sum().astype(int).to_dict()
    total = int((seg["end"] - seg["start"]).sum())
    types = apparatus(ev)["type"].value_counts().to_dict()
    return {"characters": chars, "total": total, "variants": {k: int(v) for k, v in sorted(types.items())}}
