"""How the Japanese demands of May–June 1935 accumulated, by category, up to the Chinese acceptance.

Every date on the figure comes from the data: the demands from the demands table, the deadline
and the acceptance from the events table (looked up by id, see :func:`find_event`).
"""
from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .. import registers
from ..vocabulary import enum
from . import style


def category_label(category: str) -> str:
    """The legend's wording: the category's name in the schema, 'party_organs' -> 'party organs'."""
    return category.replace("_", " ")


# Category order: the schema's enum order; colours and hatches paired for greyscale printing.
CATEGORIES = list(enum("demands", "category"))
HATCHES = ["", "//", "..", "\\\\", "xx", "o", "+", "-"]  # sparse: dense hatches bloat the SVG
COLOURS = list(style.SEQUENCE)

# Where to look in the events table: the first pattern matching exactly one event id wins.
DEADLINE_PATTERNS = ("deadline", "ultimatum")
ACCEPTANCE_PATTERNS = ("acceptance", "accept")


def find_event(ev, patterns, what: str) -> pd.Series:
    """The one event whose id contains a pattern (tried in order); a clear error if none or several."""
    ids = list(ev.events["id"])
    for pattern in patterns:
        if pattern in ids:
            return ev.events.set_index("id").loc[pattern]
        hits = [i for i in ids if pattern in i]
        if len(hits) == 1:
            return ev.events.set_index("id").loc[hits[0]]
        if len(hits) > 1:
            raise LookupError(f"{what}: several event ids contain {pattern!r}: {hits}; pass the id explicitly")
    raise LookupError(f"{what}: no event id contains any of {list(patterns)} in the events table")


def _day(value) -> pd.Timestamp:
    return pd.Timestamp(registers.date_span(str(value))[0])


def demand_counts(ev) -> pd.DataFrame:
    """Cumulative number of demands by date (index) and category (columns, schema order).

    One row per distinct date on which a demand was first presented; each cell counts the
    demands of that category presented on or before that date.
    """
    demands = ev.demands
    present = [c for c in CATEGORIES if c in set(demands["category"])]
    days = demands["date"].map(_day)
    table = pd.crosstab(days, demands["category"]).reindex(columns=present, fill_value=0)
    table = table.sort_index().cumsum().astype("int64")
    table.index.name = "date"
    table.columns.name = "category"
    return table


def demand_escalation(ev, *, deadline_id: str | None = None, acceptance_id: str | None = None,
                      title: str | None = None) -> Figure:
    """Stacked steps of the cumulative demands by category, with the deadline and the acceptance marked."""
    style.apply()
    counts = demand_counts(ev)
    events = ev.events.set_index("id")
    deadline = events.loc[deadline_id] if deadline_id else find_event(ev, DEADLINE_PATTERNS, "deadline of the ultimatum")
    accepted = (events.loc[acceptance_id] if acceptance_id
                else find_event(ev, ACCEPTANCE_PATTERNS, "Chinese acceptance"))
    marks = [(deadline, "deadline", (0, (5, 2)), "#000000"), (accepted, "acceptance", (0, (1, 1.2)), "#000000")]

    start = counts.index.min() - pd.Timedelta(days=2)
    stop = max([counts.index.max()] + [_day(m[0]["date"]) for m in marks]) + pd.Timedelta(days=3)
    index = counts.index.append(pd.DatetimeIndex([stop])) if stop > counts.index.max() else counts.index
    steps = counts.reindex(index, method="ffill")
    steps = pd.concat([pd.DataFrame(0, index=[start], columns=counts.columns), steps])

    fig = Figure(figsize=(7.0, 3.6), facecolor="white")
    ax = fig.add_axes((0.08, 0.30, 0.78, 0.60 if title else 0.66))
    base = pd.Series(0, index=steps.index)
    handles = []
    for category in counts.columns:
        i = CATEGORIES.index(category)
        colour, hatch = COLOURS[i % len(COLOURS)], HATCHES[i % len(HATCHES)]
        top = base + steps[category]
        ax.fill_between(steps.index, base, top, step="post", facecolor=colour, alpha=0.85,
                        hatch=hatch, edgecolor="white", linewidth=0.5)
        handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor="white", label=category_label(category)))
        base = top
    ax.step(steps.index, base, where="post", color="#000000", linewidth=1.0)
    total = int(counts.iloc[-1].sum())
    # The total, at the height of the top step, right of the plot: clear of the deadline and acceptance lines.
    ax.annotate(f"{total} demands", (1.0, total), xycoords=("axes fraction", "data"), xytext=(4, 0),
                textcoords="offset points", ha="left", va="center", fontsize=8, fontweight="bold",
                fontfamily=style.FONT_FAMILY, annotation_clip=False)

    for row, (event, kind, linestyle, colour) in enumerate(marks):
        day = _day(event["date"])
        ax.axvline(day, color=colour, linestyle=linestyle, linewidth=1.2)
        text = ("Deadline of the ultimatum: " if kind == "deadline" else "Chinese acceptance: ") + \
            registers.display_date(event["date"], event["precision"], event["uncertain"])
        ax.annotate(text, (day, 0.985 - 0.085 * row), xycoords=("data", "axes fraction"), xytext=(-3, 0),
                    textcoords="offset points", ha="right", va="top", fontsize=7.5, fontfamily=style.FONT_FAMILY,
                    bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none"))

    # Demands dated only to a month are counted from its first day: say so on the figure.
    vague = ev.demands[ev.demands["date"].str.len() < 10]
    for month, group in vague.groupby("date", sort=True):
        day = _day(month)
        n = len(group)
        ax.annotate(f"{n} demand{'s' if n > 1 else ''} dated only to {registers.display_date(month)}: "
                    f"counted from its first day", (day, 0), xytext=(2, 3 + 9 * steps.loc[day].sum()),
                    textcoords="offset points", ha="left", va="bottom", fontsize=7, style="italic",
                    fontfamily=style.FONT_FAMILY, color="#444444")

    ax.set_xlim(start, stop)
    ax.set_ylim(0, max(total * 1.45, total + 3))
    ax.yaxis.get_major_locator().set_params(integer=True)
    locator = mdates.DayLocator(interval=max(1, ((stop - start).days // 10)))
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
    ax.tick_params(labelsize=8)
    ax.set_ylabel("demands presented (cumulative)", fontsize=8.5, fontfamily=style.FONT_FAMILY)
    ax.set_xlabel(str(start.year), fontsize=8.5, fontfamily=style.FONT_FAMILY)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)
    fig.legend(handles=handles, loc="lower center", ncols=3, frameon=False, bbox_to_anchor=(0.5, 0.0),
               prop={"family": style.FONT_FAMILY, "size": 7.5})
    if title:
        fig.suptitle(title, fontsize=10, fontfamily=style.FONT_FAMILY)
    return fig

