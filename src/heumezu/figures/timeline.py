"""Timelines of the events table: time runs down the page, each event labelled beside its date.

Time runs vertically so that every label gets a line of its own: labels sit as close to their
date as the ones around them allow and a leader line joins each to its point, so dense weeks
(the days of the ultimatum) stay legible at book width. Lanes are the three chapters when more
than one is shown. A filled marker is a day known for certain; a hollow one is an uncertain
date; a bar spans a month, a year, or an event that lasted.
"""
from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import registers
from . import style

CHAPTERS = registers.CHAPTERS
CHAPTER_MARKERS = {"background": "o", "ultimatum": "s", "aftermath": "D"}
CHAPTER_COLOURS = {"background": style.SEQUENCE[2], "ultimatum": style.SEQUENCE[1], "aftermath": style.SEQUENCE[0]}

WIDTH = 7.0         # inches: the book's text width
FONT_SIZE = 8.0     # points, for labels
LINE = FONT_SIZE * 1.3 / 72   # inches per label line
PAD = 0.05          # inches between two labels
WRAP = 92           # characters per label line


def _to_date(value) -> dt.date | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    return registers.date_span(str(value))[0]


def _middle(first: dt.date, last: dt.date) -> dt.date:
    return first + (last - first) / 2


def timeline_events(ev, chapter=None, start=None, end=None) -> pd.DataFrame:
    """The events a timeline shows: filtered by chapter(s) and by a window, in date order.

    ``chapter`` is a chapter name or a list of them (``None``: all); ``start``/``end`` are ISO
    dates (or dates) and keep every event whose span overlaps the window. Adds the columns
    ``first``/``last`` (days the date covers), ``point`` (where the marker goes) and ``label``.
    """
    events = ev.events.copy()
    if chapter is not None:
        chapters = [chapter] if isinstance(chapter, str) else list(chapter)
        unknown = set(chapters) - set(CHAPTERS)
        if unknown:
            raise ValueError(f"unknown chapter(s) {sorted(unknown)}; expected some of {CHAPTERS}")
        events = events[events["chapter"].isin(chapters)]
    spans = [registers.date_span(d, p, e) for d, p, e in zip(events["date"], events["precision"], events["end_date"])]
    events["first"] = [s[0] for s in spans]
    events["last"] = [s[1] for s in spans]
    lo, hi = _to_date(start), _to_date(end)
    if lo is not None:
        events = events[events["last"] >= lo]
    if hi is not None:
        events = events[events["first"] <= hi]
    # The marker: the day itself, or the middle of a month or year (of the part inside the window);
    # an event that lasted is marked on its first day.
    events["point"] = [
        first if p == "day" else _middle(max(first, lo or first), min(last, hi or last))
        for first, last, p in zip(events["first"], events["last"], events["precision"])
    ]
    events["label"] = [
        registers.display_date(d, p, u, e) + " — " + str(t)
        for d, p, u, e, t in zip(events["date"], events["precision"], events["uncertain"], events["end_date"],
                                 events["title"])
    ]
    return events.sort_values(["first", "point", "id"], kind="stable").reset_index(drop=True)


def _place_labels(wanted: np.ndarray, heights: np.ndarray, top: float, bottom: float) -> np.ndarray:
    """Centres of labels stacked in order, each as near its wanted centre as the others allow.

    Classic one-dimensional label placement: overlapping labels are merged into blocks, and a
    block sits where the mean squared distance to its labels' wanted positions is least.
    """
    blocks: list[list[int]] = []
    offsets = np.concatenate([[0.0], np.cumsum(heights + PAD)])  # offsets within the whole stack

    def block_top(block):
        base = offsets[block[0]]
        return float(np.mean([wanted[i] - heights[i] / 2 - (offsets[i] - base) for i in block]))

    def block_bottom(block):
        return block_top(block) + offsets[block[-1] + 1] - offsets[block[0]] - PAD

    for i in range(len(wanted)):
        blocks.append([i])
        while len(blocks) > 1 and block_bottom(blocks[-2]) + PAD > block_top(blocks[-1]):
            last = blocks.pop()
            blocks[-1].extend(last)
    tops = np.empty(len(wanted))
    for block in blocks:
        t = block_top(block)
        for i in block:
            tops[i] = t + offsets[i] - offsets[block[0]]
    # Keep the stack inside the axes: push down from the top, then up from the bottom.
    for i in range(len(tops)):
        floor = top if i == 0 else tops[i - 1] + heights[i - 1] + PAD
        tops[i] = max(tops[i], floor)
    for i in reversed(range(len(tops))):
        ceiling = bottom - heights[i] if i == len(tops) - 1 else tops[i + 1] - heights[i] - PAD
        tops[i] = min(tops[i], ceiling)
    return tops + heights / 2


def _date_ticks(axis, days: int, max_ticks: int) -> None:
    """Ticks at whole years, months, weeks or days, whichever gives at most ``max_ticks``."""
    for unit_days, make, fmt in (
        (1, lambda n: mdates.DayLocator(interval=n), "%-d %b %Y"),
        (7, lambda n: mdates.WeekdayLocator(byweekday=mdates.MO, interval=n), "%-d %b %Y"),
        (30.4, lambda n: mdates.MonthLocator(interval=n), "%b %Y"),
        (365.25, lambda n: mdates.YearLocator(base=n), "%Y"),
    ):
        for n in (1, 2, 3, 4, 6):
            if days / (unit_days * n) <= max_ticks:
                axis.set_major_locator(make(n))
                axis.set_major_formatter(mdates.DateFormatter(fmt))
                return
    axis.set_major_locator(mdates.YearLocator(base=10))
    axis.set_major_formatter(mdates.DateFormatter("%Y"))


def timeline(ev, chapter=None, start=None, end=None, *, title: str | None = None, wrap: int = WRAP) -> Figure:
    """Events on a vertical time axis, labelled with date and title; lanes by chapter.

    Each marker is one row of :func:`timeline_events` (same arguments); its matplotlib label is
    ``_event:<id>`` so tests and readers can tie a point to its row.
    """
    style.apply()
    events = timeline_events(ev, chapter, start, end)
    if events.empty:
        raise ValueError(f"no events for chapter={chapter!r}, start={start!r}, end={end!r}")
    lanes = [c for c in CHAPTERS if c in set(events["chapter"])]

    labels = ["\n".join(textwrap.wrap(text, wrap, break_long_words=False)) for text in events["label"]]
    heights = np.array([LINE * (label.count("\n") + 1) for label in labels])
    axis_height = max(2.2, float(heights.sum() + PAD * len(labels)) * 1.25)
    bottom = 0.45 if len(lanes) == 1 else 0.62  # room for the key
    fig_height = axis_height + 0.15 + bottom + (0.3 if title else 0)
    fig = Figure(figsize=(WIDTH, fig_height), facecolor="white")
    ax = fig.add_axes((0.13, bottom / fig_height, 0.85, axis_height / fig_height))

    # Vertical data range: the events' span with a small margin; convert inches <-> dates.
    lo = min(events["first"]) - dt.timedelta(days=1)
    hi = max(events["last"]) + dt.timedelta(days=1)
    if start is not None:  # a window: months and years that reach beyond it are cut at its edges
        lo = max(lo, _to_date(start))
    if end is not None:
        hi = min(hi, _to_date(end))
    span_days = (hi - lo).days
    win_lo, win_hi = lo, hi
    lo -= dt.timedelta(days=max(1, round(span_days * 0.02)))
    hi += dt.timedelta(days=max(1, round(span_days * 0.02)))
    y0, y1 = mdates.date2num(lo), mdates.date2num(hi)
    per_inch = (y1 - y0) / axis_height
    ax.set_ylim(y1, y0)  # earliest at the top

    lane_x = {lane: 0.2 + 0.22 * i for i, lane in enumerate(lanes)}
    label_x = 0.2 + 0.22 * (len(lanes) - 1) + 0.22
    ax.set_xlim(0, 4.2)

    points = np.array([mdates.date2num(p) for p in events["point"]])
    wanted = (points - y0) / per_inch
    centres = _place_labels(wanted, heights, 0.0, axis_height)
    # Bars (months, years, events that lasted) that overlap in time go side by side, left of the lane.
    bar_slot: dict[int, int] = {}
    slot_ends: dict[str, list[float]] = {lane: [] for lane in lanes}
    for i, row in events.iterrows():
        first, last = mdates.date2num(row["first"]), mdates.date2num(row["last"] + dt.timedelta(days=1))
        if row["precision"] != "day" or last - first > 1.5:
            ends = slot_ends[row["chapter"]]
            slot = next((k for k, end in enumerate(ends) if end <= first), len(ends))
            ends[slot:slot + 1] = [last]
            bar_slot[i] = slot + 1

    dodge: dict[int, int] = {}
    seen_days: dict[tuple, int] = {}
    for i, row in events.iterrows():
        if i not in bar_slot:
            key = (row["chapter"], row["point"])
            dodge[i] = seen_days.get(key, 0)
            seen_days[key] = dodge[i] + 1

    for i, row in events.iterrows():
        lane = row["chapter"]
        colour = CHAPTER_COLOURS[lane]
        x = lane_x[lane] - 0.035 * bar_slot.get(i, 0)
        if i not in bar_slot:  # several events on one day: side by side, right of the lane
            x += 0.04 * dodge[i]
        y = points[i]
        first = mdates.date2num(max(row["first"], win_lo))
        last = mdates.date2num(min(row["last"] + dt.timedelta(days=1), win_hi))
        if i in bar_slot:
            ax.plot([x, x], [first, last], color=colour, lw=2.2, alpha=0.55, solid_capstyle="butt", zorder=2)
            ax.plot([x - 0.012, x + 0.012], [first, first], color=colour, lw=0.8, zorder=2)
            ax.plot([x - 0.012, x + 0.012], [last, last], color=colour, lw=0.8, zorder=2)
        hollow = bool(row["uncertain"]) or row["precision"] != "day"
        ax.plot([x], [y], marker=CHAPTER_MARKERS[lane], ms=5.5, mec=colour, mew=1.3,
                mfc="white" if hollow else colour, ls="none", zorder=3, label=f"_event:{row['id']}")
        y_label = y0 + centres[i] * per_inch
        ax.plot([x + 0.02, label_x - 0.09, label_x - 0.03], [y, y, y_label], color="#888888", lw=0.5, zorder=1)
        ax.text(label_x, y_label, labels[i], fontsize=FONT_SIZE, va="center", ha="left",
                fontfamily=style.FONT_FAMILY, linespacing=1.15)

    for lane in lanes:
        ax.axvline(lane_x[lane], color="#dddddd", lw=0.8, zorder=0)

    _date_ticks(ax.yaxis, (hi - lo).days, max_ticks=max(4, int(axis_height * 2.5)))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#eeeeee", lw=0.6, zorder=0)

    # Key: filled = exact day, hollow = uncertain or month/year precision; bar = span.
    key_marker = CHAPTER_MARKERS[lanes[0]] if len(lanes) == 1 else "o"
    handles = [
        ax.plot([], [], marker=key_marker, ls="none", mfc="#444444", mec="#444444", ms=5, label="day, certain")[0],
        ax.plot([], [], marker=key_marker, ls="none", mfc="white", mec="#444444", ms=5,
                label="uncertain, or month/year only")[0],
        ax.plot([], [], color="#444444", lw=2.2, alpha=0.55, label="span of month, year or event")[0],
    ]
    if len(lanes) > 1:  # the lanes, left to right: one per chapter, told apart by marker and colour
        handles += [ax.plot([], [], marker=CHAPTER_MARKERS[lane], ls="none", mfc=CHAPTER_COLOURS[lane],
                            mec=CHAPTER_COLOURS[lane], ms=5, label=f"chapter: {lane}")[0] for lane in lanes]
    fig.legend(handles=handles, loc="lower center", ncols=3, frameon=False,
               bbox_to_anchor=(0.5, 0.0), prop={"family": style.FONT_FAMILY, "size": 7.5})
    if title:
        fig.suptitle(title, fontsize=10, y=1 - 0.08 / fig_height, va="top", fontfamily=style.FONT_FAMILY)
    return fig


def plotted_events(fig: Figure) -> list[tuple[str, float]]:
    """(event id, y) of every marker a :func:`timeline` figure shows — for tests and checks."""
    out = []
    for ax in fig.axes:
        for line in ax.get_lines():
            label = line.get_label()
            if label.startswith("_event:"):
                out.append((label.removeprefix("_event:"), float(line.get_ydata()[0])))
    return out
