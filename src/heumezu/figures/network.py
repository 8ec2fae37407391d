"""The actor network: who commanded, served, negotiated with, protested to or opposed whom in 1935.

The figure shows the actors of one year (:func:`year_actors`: those named in a relation dated in
that year or in an event of that year) and the relations among them that were in force by then
(dated in or before the year, or undated). Everything else is left out and listed in a note under
the figure, computed from the same tables, so that nothing outside 1935 sits among the parties.

The layout is layered, not force-directed, so that it is the same on every build and reads like
the situation: Japanese actors in the left columns, Chinese in the right, anyone else in the
middle; within a side, organisations on the outside and persons on the inside, so that
membership links stay short and the links between the sides cross the middle. The order within
a column is chosen (deterministically) to reduce crossings.

No link passes under a box it does not join (:func:`route`): a link is a gentle arc when one
clears every other box by ``CLEARANCE``, and otherwise a path found around the boxes on a fine
grid and straightened wherever a straight line clears them. tests/test_figures.py checks the
drawn geometry: every segment of every link against every box it does not join.
"""
from __future__ import annotations

import heapq
import itertools
import math
import textwrap

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.path import Path

from . import style

# Groups from left to right: Japan (organisations outermost), the others, China (organisations
# outermost). A group larger than MAX_PER_LAYER is split into several layers (sub-columns).
GROUPS = [("japan", "organisation"), ("japan", "person"), ("middle", None), ("china", "person"),
          ("china", "organisation")]
GROUP_TITLES = {("japan", "organisation"): "Japan: organisations", ("japan", "person"): "Japan: persons",
                ("middle", None): "Others", ("china", "person"): "China: persons",
                ("china", "organisation"): "China: organisations"}
MAX_PER_LAYER = 8
FONT_SIZE = 8.4                 # points: the image prints at 0.87 of its size (style.print_scale), so 7.3 pt
YEAR = "1935"
PAD = 0.45                     # box padding, in font sizes (room for the dashed outline)
LINE = FONT_SIZE * 1.15 / 72   # inches per label line
GAP = 0.16                     # inches between two boxes of a layer
CLEARANCE = 0.05               # inches a link keeps from a box it does not join
HEADER_CLEARANCE = 0.1         # inches between a column's header and its top box
GRID = 0.03                    # inches: the step of the grid on which blocked links find their way


def group_of(attrs: dict) -> tuple:
    side = attrs.get("side")
    return (side, attrs.get("kind")) if side in ("japan", "china") else ("middle", None)


# Each relation type: colour and line style, so that the key survives greyscale printing.
EDGE_STYLES = {
    "commands": ("#000000", "-", 1.3),
    "subordinate_to": ("#000000", (0, (4, 2)), 1.1),
    "serves_in": ("#8c8c8c", "-", 1.0),
    "member_of": ("#8c8c8c", (0, (1, 1.5)), 1.2),
    "negotiates_with": ("#009E73", "-", 1.6),
    "signs_with": ("#009E73", (0, (5, 1.5, 1, 1.5)), 1.6),
    "allied_with": ("#56B4E9", (0, (4, 2)), 1.4),
    "demands_dismissal_of": ("#CC79A7", "-", 1.8),
    "protests_to": ("#CC79A7", (0, (4, 2)), 1.4),
    "opposes": ("#E69F00", (0, (3, 1.5)), 1.5),
    "assassinated": ("#7F0000", (0, (1, 1.2)), 1.8),
}


def _value(v):
    return None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v


def _year(value) -> str | None:
    value = _value(value)
    return str(value)[:4] if value else None


def year_actors(ev, year: str = YEAR) -> set[str]:
    """Actors with a part in ``year`` according to the data: named in a relation dated in that year,
    or among the actors of an event whose date (or span) falls in that year."""
    actors = {a for r in ev.relations.itertuples(index=False) if _year(r.date) == year for a in (r.source, r.target)}
    events = ev.events.set_index("id")
    for row in ev.event_actors.itertuples(index=False):
        start = _year(events.loc[row.event, "date"])
        end = _year(events.loc[row.event, "end_date"]) or start
        if start and start <= year <= end:
            actors.add(row.actor)
    return actors


def year_relations(ev, year: str = YEAR) -> pd.DataFrame:
    """The relations drawn for ``year``: both ends among :func:`year_actors`, and dated in or before
    the year or undated (a standing tie such as membership of a party)."""
    actors = year_actors(ev, year)
    rel = ev.relations
    keep = [r.source in actors and r.target in actors and (_year(r.date) or year) <= year
            for r in rel.itertuples(index=False)]
    return rel[keep]


def actor_graph(ev, year: str | None = None) -> nx.MultiDiGraph:
    """Nodes: every actor named in a relation, with its actors-table columns as attributes.
    Edges: one per relations row, keyed by the relation id, with ``type``, ``date``, ``note``, ``sources``.
    With ``year``, only the relations of :func:`year_relations` (and the actors they name)."""
    relations = ev.relations if year is None else year_relations(ev, year)
    actors = ev.actors.set_index("id")
    graph = nx.MultiDiGraph()
    for actor_id in sorted(set(relations["source"]) | set(relations["target"])):
        if actor_id not in actors.index:
            raise KeyError(f"relations name actor {actor_id!r}, which is not in the actors table")
        graph.add_node(actor_id, **{k: _value(v) for k, v in actors.loc[actor_id].items()})
    for r in relations.sort_values("id").itertuples(index=False):
        graph.add_edge(r.source, r.target, key=r.id, type=r.type, date=_value(r.date),
                       note=_value(r.note), sources=_value(r.sources))
    return graph


def node_label(attrs: dict, width: int = 15) -> str:
    """'He Yingqin\\n何應欽': the English name over the native script, both wrapped."""
    english = "\n".join(textwrap.wrap(str(attrs.get("name_en") or ""), width, break_long_words=False))
    native = attrs.get("name_native")
    native = native if isinstance(native, str) else ""  # unknown for a few persons
    if native and " " in native:  # a long name in an alphabetic script (e.g. Russian)
        native = "\n".join(textwrap.wrap(native, width + 4, break_long_words=False))
    elif len(native) > 9:         # a long CJK name: break it in the middle
        native = native[: (len(native) + 1) // 2] + "\n" + native[(len(native) + 1) // 2:]
    return f"{english}\n{native}" if native else english


def _layers(graph: nx.MultiDiGraph) -> tuple[list[list[str]], list[tuple]]:
    """Nodes split into layers, left to right, and the group of each layer.

    In a group split into several layers, the nodes with most links towards the middle of the
    figure go to the inner layer, so that links between the sides are short.
    """
    members = {g: [] for g in GROUPS}
    for node in sorted(graph.nodes):
        members[group_of(graph.nodes[node])].append(node)
    position = {g: i for i, g in enumerate(GROUPS)}
    undirected = nx.Graph(graph)
    layers, layer_groups = [], []
    for g in GROUPS:
        nodes = members[g]
        if not nodes:
            continue
        k = -(-len(nodes) // MAX_PER_LAYER)
        inward = 1 if position[g] < position[("middle", None)] else -1

        def score(n, g=g, inward=inward):
            return sum(1 for m in undirected.neighbors(n)
                       if (position[group_of(graph.nodes[m])] - position[g]) * inward > 0)
        nodes = sorted(nodes, key=lambda n: (-score(n), str(graph.nodes[n].get("name_en") or n).casefold(), n))
        size = -(-len(nodes) // k)
        chunks = [nodes[i * size:(i + 1) * size] for i in range(k)]  # chunks[0]: the innermost layer
        if inward == 1:
            chunks.reverse()
        for chunk in chunks:
            layers.append(sorted(chunk, key=lambda n: (str(graph.nodes[n].get("name_en") or n).casefold(), n)))
            layer_groups.append(g)
    return layers, layer_groups


def layered_layout(graph: nx.MultiDiGraph, sweeps: int = 8) -> dict[str, tuple[float, float]]:
    """Positions: x = layer (by side and kind), y in inches, centred; the order within a layer
    reduces crossings (barycentre heuristic) and the spacing follows the height of each label."""
    layers, _ = _layers(graph)
    undirected = nx.Graph(graph)

    def ranks():
        return {node: i - (len(nodes) - 1) / 2 for nodes in layers for i, node in enumerate(nodes)}

    for sweep in range(sweeps):
        order = range(len(layers)) if sweep % 2 == 0 else reversed(range(len(layers)))
        for li in order:
            y = ranks()
            keys = {}
            for i, n in enumerate(layers[li]):
                others = [y[m] for m in undirected.neighbors(n) if m != n]
                keys[n] = (round(sum(others) / len(others), 6) if others else y[n], i)
            layers[li].sort(key=keys.__getitem__)
    pos = {}
    for x, nodes in enumerate(layers):
        heights = [LINE * (node_label(graph.nodes[n]).count("\n") + 1) + 2 * PAD * FONT_SIZE / 72 for n in nodes]
        total = sum(heights) + GAP * (len(nodes) - 1)
        top = total / 2
        for n, h in zip(nodes, heights):
            pos[n] = (float(x), round(top - h / 2, 6))
            top -= h + GAP
    return pos


# ------------------------------------------------------------------------------------------ routing
# Geometry in inches, y up; a box is (x0, y0, x1, y1).

def _segment_hits_box(p, q, box) -> bool:
    """Whether the segment p–q meets the box (Liang–Barsky clipping)."""
    (x0, y0, x1, y1) = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, lo, hi, start in ((dx, x0, x1, p[0]), (dy, y0, y1, p[1])):
        if abs(d) < 1e-12:
            if start < lo or start > hi:
                return False
            continue
        a, b = (lo - start) / d, (hi - start) / d
        if a > b:
            a, b = b, a
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return False
    return True


def _grow(box, by: float):
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _inside(point, box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _polyline_clear(points, obstacles) -> bool:
    return not any(_segment_hits_box(p, q, box) for p, q in itertools.pairwise(points) for box in obstacles)


def _arc(a, b, rad: float, n: int = 48) -> list[tuple[float, float]]:
    """matplotlib's arc3 (a quadratic Bézier bowed by ``rad``) from a to b, sampled."""
    (x1, y1), (x2, y2) = a, b
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    t = np.linspace(0.0, 1.0, n)[:, None]
    pts = (1 - t) ** 2 * np.array([x1, y1]) + 2 * (1 - t) * t * np.array([cx, cy]) + t ** 2 * np.array([x2, y2])
    return [tuple(map(float, p)) for p in pts]


def _clip_ends(points, box_a, box_b):
    """The part of the polyline between leaving box_a and reaching box_b (ends on their outlines)."""
    def cut(pts, box):
        # the first segment that leaves the box: move its start to the outline (bisection)
        for i in range(1, len(pts)):
            if not _inside(pts[i], box):
                lo, hi = np.array(pts[i - 1]), np.array(pts[i])
                for _ in range(30):
                    mid = (lo + hi) / 2
                    if _inside(tuple(mid), box):
                        lo = mid
                    else:
                        hi = mid
                return [tuple(map(float, hi))] + list(pts[i:])
        return list(pts)
    pts = cut(list(points), box_a)
    return list(reversed(cut(list(reversed(pts)), box_b)))


def _grid_path(start, goal, obstacles, frame, step: float = GRID):
    """A shortest 8-connected path from start to goal on a grid of ``step`` inches avoiding the
    obstacles (A*), straightened where a straight line clears them."""
    fx0, fy0, fx1, fy1 = frame
    nx_, ny_ = int((fx1 - fx0) / step) + 1, int((fy1 - fy0) / step) + 1
    xs, ys = fx0 + step * np.arange(nx_), fy0 + step * np.arange(ny_)
    blocked = np.zeros((nx_, ny_), dtype=bool)
    for (x0, y0, x1, y1) in obstacles:
        i0, i1 = np.searchsorted(xs, x0), np.searchsorted(xs, x1, side="right")
        j0, j1 = np.searchsorted(ys, y0), np.searchsorted(ys, y1, side="right")
        blocked[i0:i1, j0:j1] = True

    def cell(p):
        return (min(max(round((p[0] - fx0) / step), 0), nx_ - 1),
                min(max(round((p[1] - fy0) / step), 0), ny_ - 1))
    s, g = cell(start), cell(goal)
    blocked[s] = blocked[g] = False
    moves = [(1, 0, 1.0), (-1, 0, 1.0), (0, 1, 1.0), (0, -1, 1.0), (1, 1, math.sqrt(2)), (1, -1, math.sqrt(2)),
             (-1, 1, math.sqrt(2)), (-1, -1, math.sqrt(2))]
    best = {s: 0.0}
    came = {}
    queue = [(0.0, 0.0, s)]
    while queue:
        _, cost, c = heapq.heappop(queue)
        if c == g:
            break
        if cost > best[c]:
            continue
        for dx, dy, length in moves:
            n = (c[0] + dx, c[1] + dy)
            if not (0 <= n[0] < nx_ and 0 <= n[1] < ny_) or blocked[n]:
                continue
            new = cost + length
            if new < best.get(n, math.inf):
                best[n] = new
                came[n] = c
                ex, ey = abs(g[0] - n[0]), abs(g[1] - n[1])
                heapq.heappush(queue, (new + max(ex, ey) + (math.sqrt(2) - 1) * min(ex, ey), new, n))
    if g not in came and g != s:
        return None
    cells = [g]
    while cells[-1] != s:
        cells.append(came[cells[-1]])
    cells.reverse()
    points = [start] + [(float(xs[i]), float(ys[j])) for i, j in cells[1:-1]] + [goal]
    # Straighten: from each point, the farthest point a straight line reaches without meeting a box.
    out, i = [points[0]], 0
    while i < len(points) - 1:
        j = len(points) - 1
        while j > i + 1 and not _polyline_clear([points[i], points[j]], obstacles):
            j -= 1
        out.append(points[j])
        i = j
    return out


def route(a, b, box_a, box_b, others, frame, rads) -> list[tuple[float, float]]:
    """The line of a link from the box ``box_a`` (centre ``a``) to ``box_b`` (centre ``b``), in
    inches: the first arc of ``rads`` that keeps ``CLEARANCE`` from every box of ``others``, else a
    path around them on a grid. Its ends lie on the two boxes' outlines."""
    obstacles = [_grow(box, CLEARANCE) for box in others]
    for rad in rads:
        points = _clip_ends(_arc(a, b, rad), box_a, box_b)
        if len(points) > 1 and _polyline_clear(points, obstacles):
            return points
    path = _grid_path(a, b, obstacles, frame)
    if path is None:  # nowhere to go (cannot happen with boxes apart): the straight line
        path = [a, b]
    return _clip_ends(path, box_a, box_b)


def _shorten(points, by: float):
    """The polyline with ``by`` inches taken off each end (not more than half its first/last segment)."""
    pts = [np.array(p, dtype=float) for p in points]
    for i, j in ((0, 1), (-1, -2)):
        d = pts[j] - pts[i]
        length = float(np.hypot(*d))
        if length > 0:
            pts[i] = pts[i] + d / length * min(by, length / 2)
    return [tuple(map(float, p)) for p in pts]


def left_out(ev, year: str = YEAR) -> tuple[list[str], list[str]]:
    """What the figure for ``year`` leaves out: the actors named in relations but not shown (sorted by
    name), and the ids of the relations not drawn."""
    shown = year_relations(ev, year)
    shown_actors = set(shown["source"]) | set(shown["target"])
    rel = ev.relations
    actors = sorted((set(rel["source"]) | set(rel["target"])) - shown_actors,
                    key=lambda a: (str(ev.actor_name(a)).casefold(), a))
    return actors, sorted(set(rel["id"]) - set(shown["id"]))


def _note(ev, year: str) -> str:
    actors, relations = left_out(ev, year)
    if not actors and not relations:
        return ""
    names = ", ".join(ev.actor_name(a) for a in actors)
    text = (f"Left out: {len(relations)} relation{'s' * (len(relations) != 1)} dated after {year} or "
            f"with an actor who has no part in {year} in the data")
    return text + (f" ({names})." if names else ".")


def actor_network(ev, *, year: str | None = YEAR, title: str | None = None) -> Figure:
    """The relations as a network figure: boxes coloured by side, edges styled by type, with a key.

    With ``year`` (the default, 1935), only the actors and relations of that year, and a note
    under the figure naming what is left out; with ``year=None``, every relation."""
    style.apply()
    graph = actor_graph(ev, year)
    layers, layer_groups = _layers(graph)
    pos = layered_layout(graph)
    middle = next((i for i, g in enumerate(layer_groups) if g == ("middle", None)), (len(layers) - 1) / 2)
    # Inches above and below the centre line: the tallest reach of a box, and room for the headers.
    half = {n: (LINE * (node_label(graph.nodes[n]).count("\n") + 1)) / 2 + PAD * FONT_SIZE / 72 for n in pos}
    span = max(abs(y) + half[n] for n, (_, y) in pos.items()) + HEADER_CLEARANCE
    types = [t for t in EDGE_STYLES if t in {d["type"] for _, _, d in graph.edges(data=True)}]
    sides = [s for s in style.PALETTE if s in {graph.nodes[n].get("side") for n in graph.nodes}]
    legend_rows = max(-(-len(types) // 3), -(-(len(sides) + 2) // 2)) + 1
    note = _note(ev, year) if year else ""
    note_lines = textwrap.wrap(note, 110)
    note_h = (0.1 + 0.16 * len(note_lines)) if note_lines else 0
    legend_h = 0.2 + 0.2 * legend_rows + note_h
    top_h = 0.45 + (0.3 if title else 0)
    height = 2 * span + legend_h + top_h
    fig = Figure(figsize=(7.0, height), facecolor="white")
    ax = fig.add_axes((0.0, legend_h / height, 1.0, 2 * span / height))
    ax.set_axis_off()
    ax.set_xlim(-0.6, len(layers) - 0.4)
    ax.set_ylim(-span, span)
    if note_lines:
        fig.text(0.01, 0.04 / height, "\n".join(note_lines), ha="left", va="bottom", fontsize=FONT_SIZE,
                 fontfamily=style.FONT_FAMILY, color="#222222", label="_left-out")

    texts = {}
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        colour = style.PALETTE.get(attrs.get("side"), style.PALETTE["other"])
        is_person = attrs.get("kind") == "person"
        # Persons: rounded box, solid line; organisations: square box, dashed line (greyscale-safe).
        box = {"boxstyle": f"round,pad={PAD}" if is_person else f"square,pad={PAD}", "facecolor": "white",
               "edgecolor": colour, "linewidth": 1.3 if is_person else 1.5,
               "linestyle": "-" if is_person else (0, (3, 1))}
        x, y = pos[node]
        texts[node] = ax.text(x, y, node_label(attrs), ha="center", va="center", fontsize=FONT_SIZE,
                              fontfamily=style.FONT_FAMILY, bbox=box, zorder=3, linespacing=1.0,
                              label=f"_actor:{node}")
    headers = []
    for g in GROUPS:
        xs = [i for i, lg in enumerate(layer_groups) if lg == g]
        if xs:
            headers.append(ax.text(sum(xs) / len(xs), span, GROUP_TITLES[g].replace(": ", ":\n"), ha="center", va="bottom",
                    fontsize=FONT_SIZE, fontweight="bold", fontfamily=style.FONT_FAMILY, color="#222222",
                    linespacing=1.0, label=f"_header:{GROUP_TITLES[g]}"))

    # The boxes' outlines in inches, measured once: links leave and reach them, and keep clear of
    # every other box (and of the column headers). Links are drawn under the boxes.
    renderer = FigureCanvasAgg(fig).get_renderer()
    pad = PAD * FONT_SIZE / 72 * fig.dpi
    boxes = {}
    for node, text in texts.items():
        ext = text.get_window_extent(renderer)
        boxes[node] = ((ext.x0 - pad) / fig.dpi, (ext.y0 - pad) / fig.dpi, (ext.x1 + pad) / fig.dpi,
                       (ext.y1 + pad) / fig.dpi)
    header_boxes = [tuple(np.array(h.get_window_extent(renderer).extents) / fig.dpi) for h in headers]
    frame = tuple(np.array(ax.bbox.extents) / fig.dpi)
    centre = {n: tuple(map(float, ax.transData.transform(pos[n]) / fig.dpi)) for n in graph.nodes}
    to_data = ax.transData.inverted()

    # Edges: an arc if one clears the other boxes (parallel links between a pair bow apart; links
    # within a layer bow outwards), else a path around them.
    used: dict[tuple[str, str], list[float]] = {}
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if u == v:
            continue  # a self-relation has no line to draw; it stays in the graph
        pair = tuple(sorted((u, v)))
        orient = 1 if (u, v) == pair else -1   # a rad, seen from the pair's own direction
        taken = used.setdefault(pair, [])
        k = len(taken)
        colour, linestyle, width = EDGE_STYLES[data["type"]]
        (x1, y1), (x2, y2) = pos[u], pos[v]
        if abs(x1 - x2) < 1e-9:
            # matplotlib's arc3 bows to the right of the direction of travel for rad > 0.
            outwards = -1 if x1 < middle else 1
            sign = outwards * (1 if y2 > y1 else -1)
            rads = [sign * r for r in (0.4, 0.55, 0.7, 0.9, 1.1)] + [-sign * r for r in (0.4, 0.55, 0.7)]
        else:
            first = (0.06 + 0.12 * k) * (-1 if k % 2 else 1)
            rads = [first] + sorted((r for r in (0.0, 0.1, -0.1, 0.2, -0.2, 0.3, -0.3, 0.45, -0.45, 0.6, -0.6)),
                                    key=lambda r: (abs(r - first), r))
        rads = [r for r in rads if all(abs(orient * r - t) > 0.05 for t in taken)]
        others = [box for n, box in boxes.items() if n not in (u, v)] + header_boxes
        points = route(centre[u], centre[v], boxes[u], boxes[v], others, frame, rads)
        chosen = next((r for r in rads if points == _clip_ends(_arc(centre[u], centre[v], r), boxes[u], boxes[v])),
                      None)
        taken.append(orient * chosen if chosen is not None else 9.0 + k)
        shrink = 1.5 / 72  # inches: the line stops just short of the outline
        points = _shorten(points, shrink)
        arrow = FancyArrowPatch(
            path=Path(to_data.transform(np.array(points) * fig.dpi)),
            arrowstyle="-|>", mutation_scale=8, color=colour, linestyle=linestyle, linewidth=width,
            zorder=2, label=f"_relation:{key}", gid=f"_relation:{key}:{u}:{v}")
        ax.add_patch(arrow)

    handles = [Line2D([], [], color=EDGE_STYLES[t][0], linestyle=EDGE_STYLES[t][1], linewidth=EDGE_STYLES[t][2],
                      label=t.replace("_", " ")) for t in types]
    fig.legend(handles=handles, loc="lower left", ncols=3, frameon=False, bbox_to_anchor=(0.0, note_h / height),
               prop={"family": style.FONT_FAMILY, "size": FONT_SIZE}, handlelength=3.0, columnspacing=1.0,
               labelspacing=0.3, title="Relation (arrow: from subject to object)",
               title_fontproperties={"family": style.FONT_FAMILY, "size": FONT_SIZE, "weight": "bold"})
    keys = [Patch(facecolor="white", edgecolor=style.PALETTE[s], linewidth=1.6, label=s.capitalize()) for s in sides]
    keys += [Patch(facecolor="white", edgecolor="#444444", linewidth=1.4, label="person (rounded box)"),
             Patch(facecolor="white", edgecolor="#444444", linewidth=1.4, linestyle=(0, (3, 1)),
                   label="organisation (dashed box)")]
    fig.legend(handles=keys, loc="lower right", ncols=2, frameon=False, bbox_to_anchor=(1.0, note_h / height),
               prop={"family": style.FONT_FAMILY, "size": FONT_SIZE}, labelspacing=0.3, columnspacing=1.0,
               handlelength=1.6, title="Side and kind",
               title_fontproperties={"family": style.FONT_FAMILY, "size": FONT_SIZE, "weight": "bold"})
    if title:
        fig.suptitle(title, fontsize=10, fontfamily=style.FONT_FAMILY)
    return style.finish(fig)


def plotted_relations(fig: Figure) -> list[str]:
    """Relation ids drawn in an :func:`actor_network` figure (self-relations are not drawn)."""
    return sorted(p.get_label().removeprefix("_relation:") for ax in fig.axes for p in ax.patches
                  if p.get_label().startswith("_relation:"))


def plotted_actors(fig: Figure) -> list[str]:
    """Actor ids shown as boxes in an :func:`actor_network` figure."""
    return sorted(t.get_label().removeprefix("_actor:") for ax in fig.axes for t in ax.texts
                  if t.get_label().startswith("_actor:"))
