"""How the Japanese demands of May–June 1935 accumulated, by category, up to the Chinese acceptance.

Every date on the figure comes from the data: the demands from the demands table, the deadline
and the acceptance from the events table (looked up by id, see :func:`find_event`).
"""
from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, MaxNLocator

from .. import registers
from ..vocabulary import enum
from . import style


def category_label(category: str) -> str:
    """The legend's wording: the category's name in the schema, 'party_organs' -> 'party organs'."""
    return category.replace("_", " ")


# Category order: the schema's enum order; colours and hatches paired for greyscale printing.
def categories(data_dir=None) -> list[str]:
    """The categories in the schema's order; read when drawing, never at import."""
    return list(enum("demands", "category", data_dir))


def __getattr__(name: str):
    if name == "CATEGORIES":  # the old constant, now read lazily (PEP 562)
        return categories()
    raise AttributeError(name)


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
    present = [c for c in categories(ev.data_dir) if c in set(demands["category"])]
    days = demands["date"].map(_day)
    table = pd.crosstab(days, demands["category"]).reindex(columns=present, fill_value=0)
    table = table.sort_index().cumsum().astype("int64")
    table.index.name = "date"
    table.columns.name = "category"
    return table


def demand_escalation(ev, *, deadline_id: str | None = None, acceptance_id: str | None = None,
                      title: str | None = None) -> Figure:
    """Stacked steps of the cumulative demands by category, with the deadline and the acceptance marked.

    The y-axis runs a little above the total. A demand dated only to a month is counted from the
    month's first day, and drawn pale until its last (it may not yet have been made); a note says so.
    The lines of the deadline and the acceptance rise above the plot to their labels, the later
    date's on the upper row, so that no line crosses a label.
    """
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

    # Demands dated only to a month (or a year): counted from its first day, but until its last day
    # we do not know whether the demand had yet been made. That part of its band is drawn pale.
    demands = ev.demands
    vague_rows = demands[demands["date"].str.len() < 10]
    vague_spans = {value: registers.date_span(str(value)) for value in vague_rows["date"].unique()}

    def provisional(category: str) -> pd.Series:
        """How many of a category's demands, at each step, are counted before their month has ended."""
        out = pd.Series(0, index=steps.index)
        for value, (first, last) in vague_spans.items():
            n = int(((vague_rows["date"] == value) & (vague_rows["category"] == category)).sum())
            if n:
                inside = (steps.index >= pd.Timestamp(first)) & (steps.index <= pd.Timestamp(last))
                out[inside] += n
        return out

    # The last day of a vague span is a step of its own, so that the pale part ends where the span does.
    ends = [pd.Timestamp(last) + pd.Timedelta(days=1) for _, last in vague_spans.values()]
    extra = pd.DatetimeIndex([d for d in ends if start < d < stop and d not in steps.index])
    if len(extra):
        steps = steps.reindex(steps.index.append(extra).sort_values(), method="ffill")

    fig = Figure(figsize=(7.0, 3.8), facecolor="white")
    # Room above the plot for the labels of the deadline and the acceptance, one row each.
    ax = fig.add_axes((0.08, 0.28, 0.78, 0.52 if title else 0.58))
    base = pd.Series(0, index=steps.index)
    handles = []
    order = categories(ev.data_dir)
    for category in counts.columns:
        i = order.index(category)
        colour, hatch = COLOURS[i % len(COLOURS)], HATCHES[i % len(HATCHES)]
        top = base + steps[category]
        ax.fill_between(steps.index, base, top, step="post", facecolor=colour, alpha=0.85,
                        hatch=hatch, edgecolor="white", linewidth=0.5)
        pale = provisional(category)
        if pale.any():  # the top of the band, while the demand may not yet have been made
            ax.fill_between(steps.index, top - pale, top, step="post", facecolor="white",
                            alpha=0.6, edgecolor="none", linewidth=0)
        handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor="white", label=category_label(category)))
        base = top
    ax.step(steps.index, base, where="post", color="#000000", linewidth=1.0)
    total = int(counts.iloc[-1].sum())
    # The total, at the height of the top step, right of the plot: clear of the deadline and acceptance lines.
    ax.annotate(f"{total} demands", (1.0, total), xycoords=("axes fraction", "data"), xytext=(4, 0),
                textcoords="offset points", ha="left", va="center", fontsize=8, fontweight="bold",
                fontfamily=style.FONT_FAMILY, annotation_clip=False)

    # The deadline and the acceptance: each line rises above the plot to its label, which ends at the
    # line. The latest date's label is on the top row, so no line runs through another's label.
    ax.set_ylim(0, total + max(1, round(total * 0.08)))
    row_height = 0.075   # axes fraction per label row
    order = sorted(marks, key=lambda m: _day(m[0]["date"]), reverse=True)
    for row, (event, kind, linestyle, colour) in enumerate(order):
        day = _day(event["date"])
        reach = 1.0 + row_height * (len(order) - row)
        ax.axvline(day, ymin=0, ymax=reach, color=colour, linestyle=linestyle, linewidth=1.2, clip_on=False)
        text = ("Deadline of the ultimatum: " if kind == "deadline" else "Chinese acceptance: ") + \
            registers.display_date(event["date"], event["precision"], event["uncertain"])
        ax.annotate(text, (day, reach), xycoords=("data", "axes fraction"), xytext=(-3, 0),
                    textcoords="offset points", ha="right", va="top", fontsize=8, fontfamily=style.FONT_FAMILY,
                    annotation_clip=False)

    # Demands dated only to a month: a note above the pale part of the band, at the month's first day.
    level = base.reindex(steps.index)
    for value, (first, last) in sorted(vague_spans.items()):
        n = int((vague_rows["date"] == value).sum())
        period = "month" if len(str(value)) == 7 else "year"
        ax.annotate(f"{n} demand{'s' if n > 1 else ''} dated only to {registers.display_date(value)}:\n"
                    f"counted from {first.day} {first:%B}, drawn pale to the end of the {period}",
                    (pd.Timestamp(first), float(level[pd.Timestamp(first)])), xytext=(2, 3),
                    textcoords="offset points", ha="left", va="bottom", fontsize=8, style="italic",
                    fontfamily=style.FONT_FAMILY, color="#444444", linespacing=1.2)

    ax.set_xlim(start, stop)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    # Weekly ticks, counted back from the deadline, so that the deadline's day is one of them.
    step = 7 * max(1, -(-(stop - start).days // 70))
    anchor = _day(deadline["date"])
    first_tick = anchor - pd.Timedelta(days=step * ((anchor - start).days // step))
    tick_days = pd.date_range(first_tick, stop, freq=f"{step}D")
    ax.xaxis.set_major_locator(FixedLocator(mdates.date2num(tick_days)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
    ax.tick_params(labelsize=8)
    ax.set_ylabel("demands presented (cumulative)", fontsize=8.5, fontfamily=style.FONT_FAMILY)
    ax.set_xlabel(str(start.year), fontsize=8.5, fontfamily=style.FONT_FAMILY)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)
    fig.legend(handles=handles, loc="lower center", ncols=3, frameon=False, bbox_to_anchor=(0.5, 0.0),
               prop={"family": style.FONT_FAMILY, "size": 8})
    if title:
        fig.suptitle(title, fontsize=10, fontfamily=style.FONT_FAMILY)
    return style.finish(fig)

