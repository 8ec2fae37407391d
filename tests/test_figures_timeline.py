"""The timelines and the escalation chart put things where a reader will read them.

Drawn once per module from the real data, then checked from the matplotlib artists:
a timeline label sits at its date or is joined to its marker by a leader; no two leaders cross;
no two labels overlap; a label is read against the right part of the axis; the ticks name the
first and the last year. In the escalation chart the y-axis fits the data, and no vertical line
runs through a label.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re

import matplotlib.dates as mdates
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import heumezu as hu
from heumezu.figures import escalation, timeline

# The timelines the chapters draw (notebooks 01 and 03), with the same arguments.
TIMELINES = {
    "background": {"chapter": "background"},
    "aftermath": {"chapter": "aftermath", "end": "1937-07-31"},
}
TOUCH = 8.0  # display pixels (at the figure's dpi): how near a leader's end must be to what it joins


@pytest.fixture(scope="module")
def ev():
    return hu.load()


def _drawn(fig):
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return fig, canvas.get_renderer()


@pytest.fixture(scope="module")
def timelines(ev):
    """name -> dict(fig, renderer, ax, events, markers, labels, leaders), each figure drawn once."""
    out = {}
    for name, kwargs in TIMELINES.items():
        fig, renderer = _drawn(timeline.timeline(ev, **kwargs))
        ax = fig.axes[0]
        events = timeline.timeline_events(ev, **kwargs).set_index("id")
        markers = {}
        for line in ax.get_lines():
            if line.get_label().startswith("_event:"):
                markers[line.get_label().removeprefix("_event:")] = (line.get_xdata()[0], line.get_ydata()[0])
        texts = {" ".join(t.get_text().split()): t for t in ax.texts}
        labels = {i: texts.get(" ".join(str(row.label).split())) for i, row in events.iterrows()}
        leaders = {i: _leader(ax, markers[i], labels[i]) for i in events.index if labels[i] is not None}
        out[name] = {"fig": fig, "renderer": renderer, "ax": ax, "events": events, "markers": markers, "labels": labels,
                         "leaders": leaders, "kwargs": kwargs}
    return out


def _leader(ax, marker, text):
    """The line that starts at the marker and ends at the label's anchor (display coordinates), or None."""
    start = ax.transData.transform(marker)
    end = ax.transData.transform(text.get_position())
    for line in ax.get_lines():
        xy = line.get_xydata()
        if len(xy) < 2 or line.get_label().startswith("_event:"):
            continue
        path = line.get_transform().transform(xy)
        if np.hypot(*(path[0] - start)) <= TOUCH and np.hypot(*(path[-1] - end)) <= TOUCH:
            return path
    return None


def _cross(p1, p2, q1, q2) -> bool:
    """Whether two segments cross at a point inside both (touching ends or overlapping do not count)."""
    def orient(a, b, c):
        value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(value) < 1e-6 else np.sign(value)
    return (orient(p1, p2, q1) * orient(p1, p2, q2) < 0) and (orient(q1, q2, p1) * orient(q1, q2, p2) < 0)


@pytest.mark.parametrize("name", TIMELINES)
def test_every_event_has_one_label_at_its_date_or_joined_to_it(timelines, name):
    t = timelines[name]
    assert set(t["markers"]) == set(t["events"].index), "an event has no marker, or a marker no event"
    for event, (x, y) in t["markers"].items():
        text = t["labels"][event]
        assert text is not None, f"{name}: {event} has no label"
        at_date = abs(t["ax"].transData.transform((0, text.get_position()[1]))[1]
                      - t["ax"].transData.transform((0, y))[1]) <= 0.5
        assert at_date or t["leaders"][event] is not None, \
            f"{name}: the label of {event} is neither at its date nor joined to its marker by a leader"


@pytest.mark.parametrize("name", TIMELINES)
def test_leaders_do_not_cross(timelines, name):
    segments = [(event, path[k], path[k + 1]) for event, path in timelines[name]["leaders"].items()
                if path is not None for k in range(len(path) - 1)]
    for (a, p1, p2), (b, q1, q2) in itertools.combinations(segments, 2):
        assert a == b or not _cross(p1, p2, q1, q2), f"{name}: the leaders of {a} and {b} cross"


@pytest.mark.parametrize("name", TIMELINES)
def test_labels_do_not_overlap_and_stay_in_the_figure(timelines, name):
    t = timelines[name]
    boxes = {event: text.get_window_extent(t["renderer"]) for event, text in t["labels"].items()}
    frame = t["fig"].bbox
    for event, box in boxes.items():
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, \
            f"{name}: the label of {event} is cut off"
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        assert overlap_x <= 0 or overlap_y <= 0.5, f"{name}: the labels of {a} and {b} overlap"


@pytest.mark.parametrize("name", TIMELINES)
def test_labels_are_read_against_their_own_dates(timelines, name):
    """A label displaced from its marker must not sit beside another date: on the page (the axis has
    breaks, so in display units, not days) it is less than half a tick interval from its marker."""
    t = timelines[name]
    ax = t["ax"]

    def height(y):
        return float(ax.transData.transform((0, y))[1])
    ticks = np.sort([height(y) for y in ax.get_yticks()])
    half = float(np.median(np.abs(np.diff(ticks)))) / 2
    for event, (_, y) in t["markers"].items():
        y_label = t["labels"][event].get_position()[1]
        off = abs(height(y_label) - height(y))
        assert off < half, (
            f"{name}: the label of {event} ({t['events'].loc[event, 'label']}) sits {off:.0f} px from its "
            f"marker (half a tick interval is {half:.0f} px)")


@pytest.mark.parametrize("name", TIMELINES)
def test_ticks_cover_the_whole_span(timelines, name):
    t = timelines[name]
    events, kwargs = t["events"], t["kwargs"]
    first = min(events["first"])
    last = max(events["last"])
    if "end" in kwargs:
        last = min(last, dt.date.fromisoformat(kwargs["end"]))
    labels = [tick.get_text() for tick in t["ax"].get_yticklabels()]
    years = {int(y) for label in labels for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", label)}
    assert first.year in years, f"{name}: no tick names {first.year}, the first year (ticks: {labels})"
    assert last.year in years, f"{name}: no tick names {last.year}, the last year (ticks: {labels})"
    ticks = [mdates.num2date(y).date() for y in t["ax"].get_yticks()]
    lo, hi = t["ax"].get_ylim()[::-1]
    assert all(lo <= y <= hi for y in t["ax"].get_yticks()), f"{name}: a tick lies outside the axis"
    assert min(ticks) <= first.replace(day=1), f"{name}: the first events lie above the first tick"
    assert max(ticks) >= last.replace(day=1), f"{name}: the last events lie below the last tick"


# --------------------------------------------------------------------------------------- escalation
@pytest.fixture(scope="module")
def chart(ev):
    fig, renderer = _drawn(escalation.demand_escalation(ev))
    return fig, renderer, fig.axes[0]


def test_escalation_y_axis_fits_the_data(ev, chart):
    _, _, ax = chart
    total = len(ev.demands)
    bottom, top = ax.get_ylim()
    assert bottom == 0 and total <= top < total + 5, f"y-axis runs to {top} for {total} demands"
    ticks = [y for y in ax.get_yticks() if bottom <= y <= top]
    assert all(float(y).is_integer() for y in ticks), f"non-integer ticks {ticks}"
    assert max(ticks) >= total - 2, "the top of the data is not ticked"


def test_no_vertical_line_runs_through_a_label(chart):
    _fig, renderer, ax = chart
    verticals = [line for line in ax.get_lines()
                 if len(set(line.get_xdata())) == 1 and len(line.get_xdata()) > 1]
    assert len(verticals) == 2, "expected the deadline and the acceptance lines"
    texts = [t for t in ax.texts if t.get_text().strip()]
    assert texts
    for line in verticals:
        extent = line.get_window_extent(renderer)
        x = (extent.x0 + extent.x1) / 2
        for text in texts:
            box = text.get_window_extent(renderer)
            crosses = box.x0 - 1 <= x <= box.x1 + 1 and min(box.y1, extent.y1) - max(box.y0, extent.y0) > 0
            assert not crosses, f"the line at {mdates.num2date(line.get_xdata()[0]):%d %b} runs through " \
                                f"{text.get_text()!r}"


def test_escalation_labels_do_not_overlap_and_stay_in_the_figure(chart):
    fig, renderer, ax = chart
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_text().strip()]
    frame = fig.bbox
    for text, box in boxes:
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, \
            f"{text!r} is cut off"
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        apart_x = min(box_a.x1, box_b.x1) <= max(box_a.x0, box_b.x0)
        apart_y = min(box_a.y1, box_b.y1) <= max(box_a.y0, box_b.y0)
        assert apart_x or apart_y, f"{a!r} and {b!r} overlap"


def test_month_dated_demands_say_the_day_they_are_counted_from(ev, chart):
    """The caption says a demand dated only to May is counted from 1 May: the figure says the same."""
    _, _, ax = chart
    vague = sorted(set(ev.demands.loc[ev.demands["date"].str.len() == 7, "date"]))
    notes = " ".join(" ".join(t.get_text().split()) for t in ax.texts)
    for month in vague:
        first = dt.date.fromisoformat(month + "-01")
        assert f"dated only to {first:%B %Y}" in notes, f"no note on the demands dated only to {month}"
        assert f"counted from {first.day} {first:%B}" in notes, \
            f"the note does not say they are counted from 1 {first:%B}"


# ------------------------------------------------------------------------------- timeline: the axis
def _breaks(ax):
    """(first day cut, first day shown again) of each break the timeline marks."""
    out = []
    for patch in ax.patches:
        gid = patch.get_gid() or ""
        if gid.startswith("_break:"):
            a, b = gid.removeprefix("_break:").split(":")
            out.append((dt.date.fromisoformat(a), dt.date.fromisoformat(b)))
    return sorted(out)


@pytest.mark.parametrize("name", TIMELINES)
def test_markers_do_not_overlap(timelines, name):
    """No two markers cover each other (several events of one day, or of days too near to stack,
    stand side by side)."""
    t = timelines[name]
    ax = t["ax"]
    dots = []
    for line in ax.get_lines():
        if line.get_label().startswith("_event:"):
            x, y = ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
            dots.append((line.get_label(), x, y, line.get_markersize() * t["fig"].dpi / 72))
    assert len(dots) == len(t["events"])
    for (a, xa, ya, sa), (b, xb, yb, sb) in itertools.combinations(dots, 2):
        size = (sa + sb) / 2
        assert abs(xa - xb) >= size or abs(ya - yb) >= size, f"{name}: the markers of {a} and {b} overlap"


@pytest.mark.parametrize("name", TIMELINES)
def test_every_year_shown_has_a_tick(timelines, name):
    """Each 1 January on a shown part of the axis (not cut out by a break) has a tick naming its year."""
    t = timelines[name]
    ax = t["ax"]
    lo, hi = sorted(mdates.num2date(y).date() for y in ax.get_ylim())
    breaks = _breaks(ax)
    named = {int(y) for label in ax.get_yticklabels() for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", label.get_text())}
    for year in range(lo.year, hi.year + 1):
        day = dt.date(year, 1, 1)
        if lo <= day <= hi and not any(a < day < b for a, b in breaks):
            assert year in named, f"{name}: no tick names {year}"


@pytest.mark.parametrize("name", TIMELINES)
def test_one_scale_with_marked_breaks_and_no_long_empty_stretch(timelines, name):
    """The axis has one scale (pixels per day equal on every part shown); a break cuts out only days
    without events and is marked; and no stretch of the axis longer than an inch is empty of
    markers and bars, apart from the breaks (the aftermath chapter's 1936 and early 1937)."""
    t = timelines[name]
    ax, events = t["ax"], t["events"]
    breaks = _breaks(ax)
    for a, b in breaks:
        assert not ((events["first"] < b) & (events["last"] >= a)).any(), f"{name}: a break hides an event"

    def height(day):
        return float(ax.transData.transform((0, mdates.date2num(day)))[1])
    lo, hi = sorted(mdates.num2date(y).date() for y in ax.get_ylim())
    parts, start = [], lo
    for a, b in breaks:
        parts.append((start, a))
        start = b
    parts.append((start, hi))
    rates = [abs(height(b) - height(a)) / (b - a).days for a, b in parts if (b - a).days >= 20]
    assert max(rates) == pytest.approx(min(rates), rel=0.01), f"{name}: the parts of the axis differ in scale"
    for a, b in breaks:  # a break is short on the page and marked on the axis
        assert abs(height(b) - height(a)) < 0.5 * t["fig"].dpi
    marks = [line for line in ax.get_lines() if line.get_linestyle() == "None" and len(line.get_xdata()) == 2
             and not line.get_label().startswith("_event:")]
    assert len(marks) == len(breaks), f"{name}: a break is not marked on the axis"
    # Occupied heights: every marker and bar; empty stretches longer than an inch only in breaks.
    occupied = sorted(height(d) for d in list(events["first"]) + list(events["last"]) + list(events["point"]))
    cut = [sorted((height(a), height(b))) for a, b in breaks]
    for y0, y1 in itertools.pairwise(occupied):
        gap = abs(y1 - y0) - sum(max(0.0, min(max(y0, y1), c1) - max(min(y0, y1), c0)) for c0, c1 in cut)
        assert gap <= 1.0 * t["fig"].dpi, f"{name}: {gap / t['fig'].dpi:.1f} in of the axis without an event"


@pytest.mark.slow  # loads data/ and draws
def test_aftermath_timeline_breaks_its_empty_months():
    """The aftermath chapter's timeline cuts its empty months (the first months of 1936 and of
    1937, between the Hebei–Chahar council and the garrison's reinforcement, and after Xi'an)."""
    fig = timeline.timeline(hu.load(), **TIMELINES["aftermath"])
    found = _breaks(fig.axes[0])
    assert any(a.year == 1936 and b.year == 1936 for a, b in found)
    assert any(a.year == 1937 and (b - a).days > 150 for a, b in found)


def _book_timeline_cells():
    """(notebook, code, alt text) of every timeline figure the chapters draw."""
    import json
    root = hu.paths.PROJECT_ROOT / "notebooks"
    for nb in sorted(root.glob("0*_*.ipynb")):
        for cell in json.loads(nb.read_text())["cells"]:
            code = "".join(cell["source"])
            if cell["cell_type"] == "code" and "timeline.timeline(" in code:
                yield nb.name, code, cell["metadata"]["mystnb"]["image"]["alt"]


def test_the_chapters_draw_the_timelines_tested_here_and_their_alt_texts_name_the_breaks(ev):
    cells = list(_book_timeline_cells())
    calls = {code.strip() for _, code, _ in cells}
    assert len(cells) == len(TIMELINES)
    for name, kwargs in TIMELINES.items():
        args = ", ".join([f'"{kwargs["chapter"]}"'] + [f'{k}="{v}"' for k, v in kwargs.items() if k != "chapter"])
        assert f"timeline.timeline(ev, {args})" in calls, f"the chapters no longer draw the {name} timeline tested here"
        alt = next(alt for _, code, alt in cells if f'"{kwargs["chapter"]}"' in code)
        fig = timeline.timeline(ev, **kwargs)
        found = _breaks(fig.axes[0])
        if found:
            assert "break" in alt, f"{name}: the alt text does not say that the axis is broken"
        for a, b in found:
            assert timeline.break_phrase(a, b) in alt, f"{name}: the alt text does not name the break {a}–{b}"
