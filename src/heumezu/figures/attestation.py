"""What each witness says about the edition's claims: attested, omitted, contradicted or corrupted.

Rows are the claims of the ultimatum of May–June 1935: the events of chapter ``ultimatum`` (by
date), every demand (by date), and the actors taking part in those events (by name). Columns are
the witnesses F, E, X. A cell holds the status of ``data/attestations.csv`` for that row and
witness; where a witness has several attestations of a row the strongest objection wins
(contradicted > corrupted > attested); no attestation means the witness omits the claim, unless
the witness has *lost* it: a list lacuna of F (``data/lacunae.csv``, kind ``list``) stands where,
by ``data/alignment.csv``, E has the passage, and E attests the claim inside that passage (see
:func:`lost_claims`). Lost is not omitted: the copy is damaged, the author may have written it.
Each status has its own marker shape, so the figure survives greyscale printing. Dates are
written as the edition writes them (:func:`heumezu.registers.display_date`: "c. 9 June 1935",
"June 1935", from the data's precision); long labels wrap, they are never cut.

All the claims do not fit one printed page at a legible size (labels print at 7 pt or more:
``style.MIN_PRINT_PT``), so the book draws the matrix in parts, one figure per group of tables
(``tables=``); without it, one figure shows every row.
"""
from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import registers
from ..vocabulary import sigla
from . import style

# "omitted": no attestation; "lost": no attestation, in a lacuna (see lost_claims); the rest: the schema enum
STATUSES = ("attested", "omitted", "lost", "contradicted", "corrupted")
PRECEDENCE = {"contradicted": 3, "corrupted": 2, "attested": 1}
#: marker, face colour, letter: shape and letter carry the status without colour.
STATUS_STYLE = {
    "attested": ("o", style.SEQUENCE[2], ""),
    "omitted": ("_", "#333333", ""),
    "lost": ("s", "white", ""),
    "contradicted": ("X", style.SEQUENCE[1], ""),
    "corrupted": ("^", style.SEQUENCE[3], ""),
}
GROUP_LABELS = {"events": "Events", "demands": "Demands", "actors": "Actors"}
LEGEND_LABELS = {"lost": "lost (lacuna)"}
TABLES = ("events", "demands", "actors")
WIDTH = 6.9          # inches, with the saving pad 7.1: the PDF prints it at 6.27 in (style.print_scale)
FONT_SIZE = 8.0      # points: 7.06 pt in print, the widest label filling the width
WRAP = 72            # characters per label line
COLUMN = 0.6         # inches per witness column
GROUP_MARGIN = 0.75  # inches right of the columns, for the names of the groups
HEADER = 0.42        # inches above the rows, for the witnesses' names
FOOTER = 0.36        # inches below, for the key
LINE = FONT_SIZE * 1.2 / 72   # inches per label line
ROW_PAD = 0.03       # inches between two rows
ALIGNED = {"F": "E", "E": "F"}  # data/alignment.csv pairs F's spans with E's


def _dated(date, uncertain, precision=None, end_date=None) -> str:
    """The date as readers write it ('c. 9 June 1935', 'June 1935'): the edition's display_date."""
    uncertain = not pd.isna(uncertain) and bool(uncertain)
    return registers.display_date(date, None if pd.isna(precision) else precision, uncertain,
                                  None if pd.isna(end_date) else end_date)


def lost_claims(ev) -> set[tuple[str, str, str]]:
    """(witness, table, row) of the claims a witness has lost in a list lacuna: the alignment span of
    the witness that holds the lacuna's offset is paired with a span of the other witness, and every
    claim the other witness attests inside that span was in the lost list (the restoration is made
    from it)."""
    lacunae = ev.lacunae[ev.lacunae["kind"] == "list"]
    align = ev.alignment
    att = ev.attestations
    out = set()
    for lac in lacunae.itertuples(index=False):
        other = ALIGNED.get(lac.witness)
        if other is None:
            continue
        own, theirs = lac.witness.lower(), other.lower()
        spans = align[(align[f"{own}_start"] <= lac.offset) & (lac.offset <= align[f"{own}_end"])
                      & align[f"{theirs}_start"].notna()]
        for span in spans.itertuples(index=False):
            start, end = getattr(span, f"{theirs}_start"), getattr(span, f"{theirs}_end")
            inside = att[(att["witness"] == other) & (att["start"] >= start) & (att["end"] <= end)]
            out |= {(lac.witness, t, r) for t, r in zip(inside["table"], inside["row"])}
    return out


def claims(ev) -> pd.DataFrame:
    """The rows of the matrix: table, row id, label, in the figure's order."""
    events = ev.events[ev.events["chapter"] == "ultimatum"].sort_values(["date", "id"], kind="stable")
    demands = ev.demands.sort_values(["date", "id"], kind="stable")
    involved = set(ev.event_actors[ev.event_actors["event"].isin(set(events["id"]))]["actor"])
    actors = ev.actors[ev.actors["id"].isin(involved)].sort_values(["name_en", "id"], kind="stable")
    rows = [("events", r.id, f"{_dated(r.date, r.uncertain, r.precision, r.end_date)} {r.title}")
            for r in events.itertuples(index=False)]
    rows += [("demands", r.id, f"{_dated(r.date, r.uncertain)} {r.summary}") for r in demands.itertuples(index=False)]
    rows += [("actors", r.id, str(r.name_en)) for r in actors.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["table", "row", "label"])


def attestation_frame(ev) -> pd.DataFrame:
    """The matrix as a DataFrame: index (table, row), columns F, E, X, values a status."""
    rows = claims(ev)
    att = ev.attestations
    best: dict[tuple[str, str, str], str] = {}
    for r in att.itertuples(index=False):
        key = (r.table, r.row, r.witness)
        if key not in best or PRECEDENCE[r.status] > PRECEDENCE[best[key]]:
            best[key] = r.status
    lost = lost_claims(ev)
    data = {w: [best.get((t, i, w), "lost" if (w, t, i) in lost else "omitted")
                for t, i in zip(rows["table"], rows["row"])] for w in sigla(ev)}
    frame = pd.DataFrame(data, index=pd.MultiIndex.from_frame(rows[["table", "row"]]))
    frame.insert(0, "label", rows["label"].to_list())
    return frame


def attestation_matrix(ev, tables=None) -> Figure:
    """The figure: one row per claim, one column per witness, a marker per status.

    ``tables``: the groups of rows to show (some of :data:`TABLES`, in that order); all by default."""
    style.apply()
    frame = attestation_frame(ev)
    if tables is not None:
        tables = [tables] if isinstance(tables, str) else list(tables)
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise ValueError(f"unknown table(s) {sorted(unknown)}; expected some of {TABLES}")
        frame = frame[frame.index.get_level_values("table").isin(tables)]
    witnesses = sigla(ev)
    n = len(frame)
    labels = [textwrap.fill(label, WRAP, break_long_words=False) for label in frame["label"]]
    # Each row is as tall as its label: y in inches from the top, rows centred on their label.
    heights = [LINE * (label.count("\n") + 1) + ROW_PAD for label in labels]
    ys, top = [], 0.0
    for h in heights:
        ys.append(top + h / 2)
        top += h
    # Fixed geometry, in inches: the labels get what the witness columns and the group names leave.
    height = HEADER + top + FOOTER
    columns = COLUMN * len(witnesses)
    fig = Figure(figsize=(WIDTH, height))
    ax = fig.add_axes(((WIDTH - GROUP_MARGIN - columns) / WIDTH, FOOTER / height, columns / WIDTH, top / height))
    for j, w in enumerate(witnesses):
        for status in STATUSES:
            rows = [ys[i] for i, s in enumerate(frame[w]) if s == status]
            if not rows:
                continue
            marker, colour, _ = STATUS_STYLE[status]
            ax.scatter([j] * len(rows), rows, marker=marker, s=80 if status == "omitted" else 55,
                       c=colour, edgecolors="black" if marker != "_" else None,
                       linewidths=1.8 if marker == "_" else 0.8, zorder=3, label=f"_status:{w}:{status}")
    ax.set_yticks(ys, labels, fontsize=FONT_SIZE, linespacing=1.0)
    ax.set_xticks(range(len(witnesses)), [f"Witness\n{w}" for w in witnesses], fontsize=FONT_SIZE,
                  linespacing=1.1)
    ax.xaxis.tick_top()
    ax.set_xlim(-0.5, len(witnesses) - 0.5)
    ax.set_ylim(top, 0)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    # Group separators and labels.
    tables = list(frame.index.get_level_values("table"))
    for i in range(1, n):
        if tables[i] != tables[i - 1]:
            ax.axhline(ys[i] - heights[i] / 2, color="#555555", linewidth=0.8)
    for table in dict.fromkeys(tables):
        first = tables.index(table)
        ax.annotate(GROUP_LABELS[table], xy=(len(witnesses) - 0.4, ys[first] - heights[first] / 2 + 0.03),
                    fontsize=FONT_SIZE, style="italic", ha="left", va="top", annotation_clip=False)
    for y in ys:
        ax.axhline(y, color="#dddddd", linewidth=0.4, zorder=0)
    shown = [s for s in STATUSES if s != "lost" or (frame[list(witnesses)] == "lost").any().any()]
    handles = [Line2D([], [], linestyle="none", marker=STATUS_STYLE[s][0], markerfacecolor=STATUS_STYLE[s][1],
                      markeredgecolor="black" if s != "omitted" else STATUS_STYLE[s][1], color=STATUS_STYLE[s][1],
                      markeredgewidth=1.8 if s == "omitted" else 0.8, markersize=7,
                      label=LEGEND_LABELS.get(s, s)) for s in shown]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=len(handles), frameon=False,
               fontsize=FONT_SIZE, handletextpad=0.3, columnspacing=1.2)
    return style.finish(fig)
