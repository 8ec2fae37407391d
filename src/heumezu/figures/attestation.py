"""What each witness says about the edition's claims: attested, omitted, contradicted or corrupted.

Rows are the claims of the ultimatum of May–June 1935: the events of chapter ``ultimatum`` (by
date), every demand (by date), and the actors taking part in those events (by name). Columns are
the witnesses F, E, X. A cell holds the status of ``data/attestations.csv`` for that row and
witness; where a witness has several attestations of a row the strongest objection wins
(contradicted > corrupted > attested); no attestation means the witness omits the claim.
Each status has its own marker shape and letter, so the figure survives greyscale printing.
"""
from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..vocabulary import sigla
from . import style

STATUSES = ("attested", "omitted", "contradicted", "corrupted")  # "omitted": no attestation; the rest: the schema enum
PRECEDENCE = {"contradicted": 3, "corrupted": 2, "attested": 1}
#: marker, face colour, letter: shape and letter carry the status without colour.
STATUS_STYLE = {
    "attested": ("o", style.SEQUENCE[2], ""),
    "omitted": ("_", "#999999", ""),
    "contradicted": ("X", style.SEQUENCE[1], ""),
    "corrupted": ("^", style.SEQUENCE[3], ""),
}
GROUP_LABELS = {"events": "Events", "demands": "Demands", "actors": "Actors"}


def claims(ev) -> pd.DataFrame:
    """The rows of the matrix: table, row id, label, in the figure's order."""
    events = ev.events[ev.events["chapter"] == "ultimatum"].sort_values(["date", "id"], kind="stable")
    demands = ev.demands.sort_values(["date", "id"], kind="stable")
    involved = set(ev.event_actors[ev.event_actors["event"].isin(set(events["id"]))]["actor"])
    actors = ev.actors[ev.actors["id"].isin(involved)].sort_values(["name_en", "id"], kind="stable")
    rows = [("events", r.id, f"{r.date} {r.title}") for r in events.itertuples(index=False)]
    rows += [("demands", r.id, f"{r.date} {r.summary}") for r in demands.itertuples(index=False)]
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
    data = {w: [best.get((t, i, w), "omitted") for t, i in zip(rows["table"], rows["row"])] for w in sigla(ev)}
    frame = pd.DataFrame(data, index=pd.MultiIndex.from_frame(rows[["table", "row"]]))
    frame.insert(0, "label", rows["label"].to_list())
    return frame


def attestation_matrix(ev) -> Figure:
    """The figure: one row per claim, one column per witness, a marker per status."""
    style.apply()
    frame = attestation_frame(ev)
    witnesses = sigla(ev)
    n = len(frame)
    fig = Figure(figsize=(7.0, 1.2 + 0.19 * n), layout="constrained")
    ax = fig.add_subplot()
    for j, w in enumerate(witnesses):
        for status in STATUSES:
            ys = [i for i, s in enumerate(frame[w]) if s == status]
            if not ys:
                continue
            marker, colour, _ = STATUS_STYLE[status]
            ax.scatter([j] * len(ys), ys, marker=marker, s=60 if status != "omitted" else 80,
                       c=colour, edgecolors="black" if marker not in ("_",) else None, linewidths=0.6, zorder=3)
    labels = [textwrap.shorten(label, 62, placeholder="…") for label in frame["label"]]
    ax.set_yticks(range(n), labels, fontsize=7)
    ax.set_xticks(range(len(witnesses)), [f"Witness {w}" for w in witnesses])
    ax.xaxis.tick_top()
    ax.set_xlim(-0.6, len(witnesses) - 0.4)
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    # Group separators and labels.
    tables = list(frame.index.get_level_values("table"))
    for i in range(1, n):
        if tables[i] != tables[i - 1]:
            ax.axhline(i - 0.5, color="#555555", linewidth=0.8)
    for table in dict.fromkeys(tables):
        first = tables.index(table)
        ax.annotate(GROUP_LABELS[table], xy=(len(witnesses) - 0.45, first - 0.3), fontsize=7, style="italic",
                    ha="left", va="top", annotation_clip=False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.4, zorder=0)
    handles = [Line2D([], [], linestyle="none", marker=STATUS_STYLE[s][0], markerfacecolor=STATUS_STYLE[s][1],
                      markeredgecolor="black" if s != "omitted" else STATUS_STYLE[s][1], color=STATUS_STYLE[s][1],
                      markersize=7, label=s) for s in STATUSES]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False, fontsize=8)
    return fig
