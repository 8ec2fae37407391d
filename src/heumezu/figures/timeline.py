"""Timelines of the events table: time runs down the page, each event labelled beside its date.

Time runs vertically so that every label gets a line of its own: labels sit as close to their
date as the ones around them allow and a leader line joins each to its point, so dense weeks
(the days of the ultimatum) stay legible at book width. Lanes are the three chapters when more
than one is shown. A filled marker is a day known for certain; a hollow one is an uncertain
date; a bar spans a month, a year, or an event that lasted.

One scale runs through the axis, with marked breaks: a stretch of more than ``BREAK_SHARE`` of
the span in which no event falls (whole months, see :func:`segments`) is cut out and drawn as
a break of ``BREAK`` inches, marked on the axis; the ticks on either side name its dates. The
axis then gives its height to the months that hold events instead of to empty ones.
"""
from __future__ import annotations

import datetime as dt
import itertools
import textwrap

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib import transforms
from matplotlib.figure import Figure

from .. import registers
from . import style


def __getattr__(name: str):
    if name == "CHAPTERS":  # the old constant, now read lazily (PEP 562)
        return registers.chapters()
    raise AttributeError(name)

CHAPTER_MARKERS = {"background": "o", "ultimatum": "s", "aftermath": "D"}
CHAPTER_COLOURS = {"background": style.SEQUENCE[2], "ultimatum": style.SEQUENCE[1], "aftermath": style.SEQUENCE[0]}

WIDTH = 7.0         # inches: the book's text width
FONT_SIZE = 8.0     # points, for labels
LINE = FONT_SIZE * 1.3 / 72   # inches per label line
PAD = 0.05          # inches between two labels
WRAP = 92           # characters per label line
MAX_SHIFT = 0.25    # inches: the farthest a label may sit from its date, if the figure can grow enough
MIN_AXIS = 2.2      # inches: the shortest time axis
MAX_AXIS = 8.0      # inches: the tallest; beyond it labels move farther (leaders still never cross)
MARGIN = 0.08       # inches of axis beyond the first and last tick or event
TICK_SPACING = 0.5  # inches between regular ticks, at least 2 x MAX_SHIFT: a label is nearer its own date
MIN_TICK_GAP = 0.25  # inches: the least distance between an end tick and its neighbour
BREAK_SHARE = 0.15  # an empty stretch longer than this share of the span is cut out of the axis
BREAK = 0.32        # inches: the height of a break on the axis
MARKER = 5.5        # points: the marker size
MARKER_STEP = 0.06  # axis units (x) between markers side by side (bars, or markers too near to stack)


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
        known = registers.chapters(ev.data_dir)
        unknown = set(chapters) - set(known)
        if unknown:
            raise ValueError(f"unknown chapter(s) {sorted(unknown)}; expected some of {known}")
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


def _month_start(day: dt.date, months: int = 1) -> dt.date:
    """The first day of the month ``months`` after the month of ``day`` (0: its own month)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# Tick steps, finest first: (unit, count, approximate days).
TICK_STEPS = [("day", 1, 1), ("day", 2, 2), ("week", 1, 7), ("week", 2, 14), ("month", 1, 30.4),
              ("month", 2, 60.9), ("month", 3, 91.3), ("month", 6, 182.6), ("year", 1, 365.25),
              ("year", 2, 730.5), ("year", 5, 1826), ("year", 10, 3652)]


def date_ticks(lo: dt.date, hi: dt.date, days_per_inch: float) -> list[tuple[dt.date, str]]:
    """Ticks (date, label) for a vertical time axis from ``lo`` to ``hi``: the whole span is ticked.

    The step is the finest of days, weeks, months or years that leaves ``TICK_SPACING`` inches
    between ticks. The first and the last tick are the day, or the first of the month, at each
    end of the span, so the first and the last year are always named; ticks in between fall on
    whole weeks, months or years, and any too near an end tick is left out. A label names the
    year at both ends, on each 1 January and wherever the year changes; between, a month or a
    day and month.
    """
    unit, count, _ = next((step for step in TICK_STEPS if step[2] / days_per_inch >= TICK_SPACING),
                          TICK_STEPS[-1])
    if unit in ("day", "week"):
        first, last = lo, hi
        day = lo
        if unit == "week":
            day = lo + dt.timedelta(days=(7 - lo.weekday()) % 7)  # Mondays
        inner = []
        while day <= hi:
            inner.append(day)
            day += dt.timedelta(days=count * (7 if unit == "week" else 1))
    else:
        first, last = _month_start(lo, 0), _month_start(hi, 0)
        months = count * (12 if unit == "year" else 1)
        inner = []
        day = dt.date(first.year, 1, 1)
        while day <= last:
            inner.append(day)
            day = _month_start(day, months)
    gap = dt.timedelta(days=MIN_TICK_GAP * days_per_inch)
    days = [first] + [d for d in inner if first + gap <= d <= last - gap]
    if last - first >= gap:
        days.append(last)

    ticks = []
    for i, day in enumerate(days):
        at_end = i == 0 or i == len(days) - 1
        new_year = i == 0 or day.year != days[i - 1].year
        if unit in ("day", "week"):
            label = f"{day.day} {day:%b}" + (f" {day.year}" if at_end or new_year else "")
        elif day.month == 1 and day.day == 1:
            label = str(day.year)
        else:
            label = f"{day:%b}" + (f" {day.year}" if at_end or new_year else "")
        ticks.append((day, label))
    return ticks


def segments(first_days, last_days, lo: dt.date, hi: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The parts of the span ``lo``–``hi`` the axis shows: cut at every stretch of whole months in
    which no event falls (``first_days``/``last_days``: the days each event covers) that is longer
    than ``BREAK_SHARE`` of the span. Each part is (first day, day after the last)."""
    covered = sorted((max(f, lo), min(l + dt.timedelta(days=1), hi)) for f, l in zip(first_days, last_days))
    merged: list[list[dt.date]] = []
    for a, b in covered:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    total = (hi - lo).days
    out, start = [], lo
    for (_, end), (nxt, _) in itertools.pairwise(merged):
        cut_from = end if end.day == 1 else _month_start(end, 1)   # the month after the last event's
        cut_to = _month_start(nxt, 0)                             # the month of the next event
        if (cut_to - cut_from).days > BREAK_SHARE * total and _month_start(cut_from, 2) <= cut_to:
            out.append((start, cut_from))
            start = cut_to
    out.append((start, hi))
    return out


def breaks(parts) -> list[tuple[dt.date, dt.date]]:
    """The breaks between the parts of :func:`segments`: (first day cut, first day shown again)."""
    return [(a[1], b[0]) for a, b in itertools.pairwise(parts)]


def break_phrase(cut_from: dt.date, cut_to: dt.date) -> str:
    """How a text names a break: '1934', 'January to November 1936', 'May 1935 to March 1936'."""
    last = cut_to - dt.timedelta(days=1)
    if cut_from.month == 1 and cut_to.month == 1:
        years = sorted({cut_from.year, last.year})
        return "–".join(str(y) for y in years)
    if cut_from.year == last.year:
        return f"{cut_from:%B} to {last:%B} {last.year}"
    return f"{cut_from:%B} {cut_from.year} to {last:%B} {last.year}"


def _scale(parts, days_per_inch: float):
    """The axis' transform with breaks: date number -> position in 'days' of one scale, with each
    break ``BREAK`` inches long; and its inverse. Linear beyond the ends."""
    xs, ys, y = [], [], 0.0
    for i, (a, b) in enumerate(parts):
        if i:
            y += BREAK * days_per_inch
        xs += [mdates.date2num(a), mdates.date2num(b)]
        ys += [y, y + (b - a).days]
        y += (b - a).days
    far = 1e6
    xs, ys = np.array([xs[0] - far] + xs + [xs[-1] + far]), np.array([ys[0] - far] + ys + [ys[-1] + far])

    def forward(v):
        return np.interp(v, xs, ys)

    def inverse(v):
        return np.interp(v, ys, xs)
    return forward, inverse


def _layout(points: np.ndarray, heights: np.ndarray, parts, span_height: float):
    """Ticks, axis limits (on the scale of :func:`_scale`), label centres (inches from the top),
    worst shift, axis height, and the scale's two functions.

    ``span_height`` inches are given to the parts shown and their breaks. Labels are placed freely;
    where a cluster at either end of the span needs more room, the axis grows beyond the span.
    """
    shown = sum((b - a).days for a, b in parts)
    days_per_inch = max(shown, 1) / max(span_height - BREAK * (len(parts) - 1), 0.5)
    forward, inverse = _scale(parts, days_per_inch)
    ticks = [t for a, b in parts for t in date_ticks(a, b, days_per_inch)]
    margin = MARGIN * days_per_inch
    top = float(forward(mdates.date2num(min(parts[0][0], ticks[0][0])))) - margin
    bottom = float(forward(mdates.date2num(max(parts[-1][1], ticks[-1][0])))) + margin
    wanted = (forward(points) - top) / days_per_inch
    centres = _place_labels(wanted, heights, -np.inf, np.inf)
    shift = float(np.abs(centres - wanted).max()) if len(wanted) else 0.0
    above = max(0.0, float(np.max(heights / 2 - centres)))                       # inches above the span
    below = max(0.0, float(np.max(centres + heights / 2)) - (bottom - top) / days_per_inch)
    top -= above * days_per_inch
    bottom += below * days_per_inch
    return ticks, top, bottom, centres + above, shift, (bottom - top) / days_per_inch, forward, inverse


def timeline(ev, chapter=None, start=None, end=None, *, title: str | None = None, wrap: int = WRAP) -> Figure:
    """Events on a vertical time axis, labelled with date and title; lanes by chapter.

    Each marker is one row of :func:`timeline_events` (same arguments); its matplotlib label is
    ``_event:<id>``, its label's gid ``_label:<id>`` and its leader line's label ``_leader:<id>``,
    so tests and readers can tie a point to its row and its text.

    The axis is linear in time. Labels are stacked in date order, each as near its date as the
    others allow, and the figure is made tall enough (up to ``MAX_AXIS`` inches of axis) that no
    label sits more than ``MAX_SHIFT`` inches from its date; a leader joins every label to its
    marker, and since labels keep the order of their dates, no two leaders cross.
    """
    style.apply()
    events = timeline_events(ev, chapter, start, end)
    if events.empty:
        raise ValueError(f"no events for chapter={chapter!r}, start={start!r}, end={end!r}")
    # Labels in the order of their markers: leaders then never cross.
    events = events.sort_values(["point", "first", "id"], kind="stable").reset_index(drop=True)
    lanes = [c for c in registers.chapters(ev.data_dir) if c in set(events["chapter"])]

    labels = ["\n".join(textwrap.wrap(text, wrap, break_long_words=False)) for text in events["label"]]
    heights = np.array([LINE * (label.count("\n") + 1) for label in labels])
    points = np.array([mdates.date2num(p) for p in events["point"]])

    # The span shown: the events' days, cut at the window's edges if there is one.
    lo = min(events["first"])
    hi = max(events["last"]) + dt.timedelta(days=1)
    if start is not None:  # a window: months and years that reach beyond it are cut at its edges
        lo = max(lo, _to_date(start))
    if end is not None:
        hi = min(hi, _to_date(end) + dt.timedelta(days=1))
    win_lo, win_hi = lo, hi
    parts = segments(events["first"], events["last"], lo, hi)

    # The shortest axis on which every label is within MAX_SHIFT of its date (or the longest allowed).
    # A span at least as tall as all the labels stacked, so that they never overhang it by much.
    stack = float(heights.sum() + PAD * (len(labels) - 1))
    span_height = max(MIN_AXIS, min(stack, MAX_AXIS) - 2 * MARGIN)
    # And tall enough, if it may grow so far, that every 1 January shown has a tick naming its year.
    years = {y for a, b in parts for y in range(a.year, b.year + 1) if a <= dt.date(y, 1, 1) <= b}
    while True:
        ticks, y0, y1, centres, shift, axis_height, forward, inverse = _layout(points, heights, parts, span_height)
        yearly = years <= {day.year for day, text in ticks if str(day.year) in text}
        if (shift <= MAX_SHIFT and yearly) or span_height >= max(MAX_AXIS, stack):
            break
        span_height += 0.1
    per_inch = (y1 - y0) / axis_height

    bottom = 0.45 if len(lanes) == 1 else 0.62  # room for the key
    fig_height = axis_height + 0.15 + bottom + (0.3 if title else 0)
    fig = Figure(figsize=(WIDTH, fig_height), facecolor="white")
    ax = fig.add_axes((0.13, bottom / fig_height, 0.85, axis_height / fig_height))
    ax.set_yscale("function", functions=(forward, inverse))  # one scale, with the breaks cut out
    ax.set_ylim(float(inverse(y1)), float(inverse(y0)))  # earliest at the top

    # Bars (months, years, events that lasted) that overlap in time go side by side, left of the lane.
    bar_slot: dict[int, int] = {}
    slot_ends: dict[str, list[float]] = {lane: [] for lane in lanes}
    for i, row in events.sort_values(["first", "point", "id"], kind="stable").iterrows():
        first, last = mdates.date2num(row["first"]), mdates.date2num(row["last"] + dt.timedelta(days=1))
        if row["precision"] != "day" or last - first > 1.5:
            ends = slot_ends[row["chapter"]]
            slot = next((k for k, end in enumerate(ends) if end <= first), len(ends))
            ends[slot:slot + 1] = [last]
            bar_slot[i] = slot + 1
    xlim = 4.2
    inch_x = xlim / (0.85 * WIDTH)          # axis units (x) per inch
    left = 0.08 + MARKER_STEP * max(bar_slot.values(), default=0)
    lane_x = {lane: left + 0.3 * i for i, lane in enumerate(lanes)}

    # Markers: on their bar, or at the lane; a marker that would touch one already placed moves
    # right, a step at a time (several events on one day, or days too near to stack).
    size = (MARKER + 1.5) / 72              # inches: a marker and its edge
    placed: list[tuple[float, float]] = []  # (x, y) in inches
    marker_x: dict[int, float] = {}
    for i, row in events.iterrows():
        y_in = float(forward(points[i])) / per_inch
        base = lane_x[row["chapter"]]
        if i in bar_slot:
            candidates = [base - MARKER_STEP * bar_slot[i]]
        else:
            candidates = [base + MARKER_STEP * k for k in range(len(events) + 1)]
        for x in candidates:
            if all(abs(x / inch_x - px) >= size or abs(y_in - py) >= size for px, py in placed):
                break
        marker_x[i] = x
        placed.append((x / inch_x, y_in))
    elbow_x = max(marker_x.values()) + 0.1   # leaders run level to here, then slant to the label
    label_x = elbow_x + 0.22
    ax.set_xlim(0, xlim)

    for i, row in events.iterrows():
        lane = row["chapter"]
        colour = CHAPTER_COLOURS[lane]
        x = marker_x[i]
        y = points[i]
        first = mdates.date2num(max(row["first"], win_lo))
        last = mdates.date2num(min(row["last"] + dt.timedelta(days=1), win_hi))
        if i in bar_slot:
            ax.plot([x, x], [first, last], color=colour, lw=2.2, alpha=0.55, solid_capstyle="butt", zorder=2)
            ax.plot([x - 0.012, x + 0.012], [first, first], color=colour, lw=0.8, zorder=2)
            ax.plot([x - 0.012, x + 0.012], [last, last], color=colour, lw=0.8, zorder=2)
        hollow = bool(row["uncertain"]) or row["precision"] != "day"
        ax.plot([x], [y], marker=CHAPTER_MARKERS[lane], ms=MARKER, mec=colour, mew=1.3,
                mfc="white" if hollow else colour, ls="none", zorder=3, label=f"_event:{row['id']}")
        y_label = float(inverse(y0 + centres[i] * per_inch))
        ax.plot([x + 0.02, elbow_x, label_x - 0.03], [y, y, y_label], color="#888888", lw=0.5, zorder=1,
                label=f"_leader:{row['id']}")
        ax.text(label_x, y_label, labels[i], fontsize=FONT_SIZE, va="center", ha="left",
                fontfamily=style.FONT_FAMILY, linespacing=1.15, gid=f"_label:{row['id']}")

    for lane in lanes:
        ax.axvline(lane_x[lane], color="#dddddd", lw=0.8, zorder=0)

    tick_days = [mdates.date2num(day) for day, _ in ticks]
    ax.set_yticks(tick_days, [text for _, text in ticks])
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    # Grid lines only as far as the lanes: a label beside a grid line is not at that date.
    ax.hlines(tick_days, 0, elbow_x - 0.04, color="#e4e4e4", lw=0.6, zorder=0)

    # The breaks: a pale band across the lanes, the axis line interrupted, and a slash at each end.
    on_axis = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    for cut_from, cut_to in breaks(parts):
        a, b = mdates.date2num(cut_from), mdates.date2num(cut_to)
        ax.axhspan(a, b, xmin=0, xmax=(elbow_x - 0.04) / xlim, facecolor="#f0f0f0", edgecolor="none", zorder=0,
                   gid=f"_break:{cut_from.isoformat()}:{cut_to.isoformat()}")
        ax.plot([0, 0], [a, b], transform=on_axis, color="white", lw=2.5, clip_on=False, zorder=3,
                solid_capstyle="butt")
        ax.plot([0, 0], [a, b], transform=on_axis, ls="none", marker=[(-1, -0.4), (1, 0.4)], ms=9, mew=1.0,
                color="black", clip_on=False, zorder=4)

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
               bbox_to_anchor=(0.5, 0.0), prop={"family": style.FONT_FAMILY, "size": 8})
    if title:
        fig.suptitle(title, fontsize=10, y=1 - 0.08 / fig_height, va="top", fontfamily=style.FONT_FAMILY)
    return style.finish(fig)


def plotted_events(fig: Figure) -> list[tuple[str, float]]:
    """(event id, y) of every marker a :func:`timeline` figure shows — for tests and checks."""
    out = []
    for ax in fig.axes:
        for line in ax.get_lines():
            label = line.get_label()
            if label.startswith("_event:"):
                out.append((label.removeprefix("_event:"), float(line.get_ydata()[0])))
    return out
