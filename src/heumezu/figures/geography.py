"""Map of North China in 1935: the places of the evidence and the 1933 demilitarised-zone line.

Only coastlines and rivers are drawn, from the evidence's geometry tables (present-day GSHHG
shorelines and rivers). Present-day political boundaries would misrepresent 1935 (Hebei, Chahar,
Rehe, Manchukuo), so none are drawn; provinces and regions
appear as labels only, at the coordinates the places table gives them. The demilitarised-zone
line of the Tanggu Truce is drawn through the towns the truce named, in that order, using
their coordinates in the places table: it is approximate, and the figure says so. The Great Wall
is drawn the same way, as straight lines through the passes of the places table, and labelled as
approximate; a scale bar (true at 40° N) sits in the sea.

Labels. The Peiping–Tianjin area (``INSET``) is enlarged in an inset over the Yellow Sea, and
its places are labelled there; the main map labels the places outside that box (and the
provinces), Peiping and Tianjin (``MAIN_MAP_ALSO``, on leader lines out of the box), and draws the box. Each label is put next to its own point: the first of a few fixed
slots (right, left, above, below, then the diagonals) that overlaps no label, marker, leader or
frame and is not nearer to another point than to its own; failing that, the nearest free slot
farther out, joined to the point by a short leader line. The placement is greedy and
deterministic (most crowded places first, then by id).
"""
from __future__ import annotations

import itertools
import math
import re
import textwrap

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from . import style

EXTENT = {"lon": (112.0, 125.0), "lat": (38.2, 43.0)}  # south of 38.2° N the data has no place
# The Peiping-Tianjin area, from Yanqing (west end of the truce line) to Tanggu and the label point of
# the demilitarised zone, enlarged in an inset.
INSET = {"lon": (115.85, 118.1), "lat": (38.95, 40.55)}

# The line of the Tanggu Truce (31 May 1933), west to east, as the truce names it: Yanqing,
# Changping, Gaoliying, Shunyi, Tongzhou, Xianghe, Baodi, Lintingkou, Ninghe, Lutai. Drawn through
# the places with a tanggu_line number, in that order.

# Places inside the inset's box that the main map labels as well (outside the box, on a leader line),
# so that the main map can be read without the inset.
MAIN_MAP_ALSO = ("peiping", "tianjin")
# The Great Wall is drawn only where the data give points on it: a straight line through the passes
# (places of type "pass"), west to east. Between the passes the real wall winds; the figure says so.
WALL_STYLE = {"color": "#7a5c3e", "lw": 1.6, "ls": "-", "alpha": 0.9}
SCALE_KM = {"main": 100, "inset": 25}

MARKERS = {"city": "o", "port": "s", "pass": "^", "building": "P", "bridge": "X"}
TYPE_LABELS = {"city": "city or town", "port": "port", "pass": "Great Wall pass", "building": "building",
               "bridge": "bridge"}
# Provinces, regions and lines have one coordinate, a label point: they get an italic label, no marker.
AREA_TYPES = {"province", "region", "line"}
PRIORITY = {"city": 0, "port": 0, "pass": 1, "bridge": 2, "building": 2}  # which labels are placed first
MARKER_SIZE = 4.5                   # points
GAP = 4.5                           # points between a point and the label next to it
LEADER_GAPS = (12, 18, 26, 36, 48, 62)  # points: slots farther out, joined to the point by a leader line
AREA_REACH = 30                     # points: how far an area label may move from its label point
# Slot directions, in order of preference: right, left, above, below, then the diagonals.
DIRECTIONS = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)]
AMBIGUITY_MARGIN = 2.5              # points: a label must be this much nearer its own point than any other
LEADER_CLEARANCE = 7.0              # points: a label on a leader keeps this far from the other points
REPAIR_RADIUS = 40                  # points: labels this near a badly placed point are placed again with it
MAX_PERMUTED = 5                    # labels needing a leader line: up to this many, every order is tried
CROWD_RADIUS = 30                   # points: "crowded" = many other points within this distance
FIG_WIDTH, MAP_WIDTH = 7.0, 6.3     # inches
# Text size (points at FIG_WIDTH): the PDF prints the figure at its text width (style.print_scale),
# where this is still at least style.MIN_PRINT_PT; the areas' italic labels a little larger.
TEXT_PT = 8.0
INSET_SIZE = 3.7                    # inches: width of the inset, below the main map
TICK_ROOM = 0.38                    # inches between the main map and the inset: the longitude labels


def places_in_extent(ev) -> pd.DataFrame:
    """The rows of ev.places whose coordinates fall inside the map's extent."""
    p = ev.places
    lon0, lon1 = EXTENT["lon"]
    lat0, lat1 = EXTENT["lat"]
    inside = p["lon"].between(lon0, lon1) & p["lat"].between(lat0, lat1)
    return p[inside].sort_values("id").reset_index(drop=True)


def dmz_line_places(ev) -> pd.DataFrame:
    """The places that define the Tanggu Truce line (places.tanggu_line), in their order on it."""
    p = ev.places
    if "tanggu_line" not in p:
        return p.iloc[0:0]
    return p[p["tanggu_line"].notna()].sort_values("tanggu_line").reset_index(drop=True)


def great_wall_places(ev) -> pd.DataFrame:
    """The Great Wall passes of the places table inside the map's extent, west to east: the points the
    approximate wall line is drawn through."""
    p = places_in_extent(ev)
    return p[p["type"] == "pass"].sort_values(["lon", "id"]).reset_index(drop=True)


def _english(row) -> str:
    return re.split(r" \(|, ", str(row.name_en))[0]


def _label(row) -> str:
    """'Peiping 北平': the English name without its parenthesis or qualifier, and the native name."""
    native = row.name_native if isinstance(row.name_native, str) else ""
    return f"{_english(row)} {native}".strip()


def _wordings(row) -> list[str]:
    """The wordings of a label, in order of preference: on one line; on two (or more, if long); the English
    name only (the last, for spots too crowded for the others)."""
    out = [_label(row), textwrap.fill(_label(row), 24)]
    if isinstance(row.name_native, str) and row.name_native:
        out.append(f"{textwrap.fill(_english(row), 24)}\n{row.name_native}")
    out.append(_english(row))
    return [w for i, w in enumerate(out) if w not in out[:i]]


# ------------------------------------------------------------------------------- label placement
def _overlaps(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _overlap_area(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _distance(box, point) -> float:
    """Distance from a point to a box (0 inside)."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return math.hypot(dx, dy)


def _segment_hits_box(p, q, box) -> bool:
    """Does the segment p-q cross the box? (Liang-Barsky clipping.)"""
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for edge_p, edge_q in ((-dx, p[0] - box[0]), (dx, box[2] - p[0]), (-dy, p[1] - box[1]), (dy, box[3] - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
        else:
            t = edge_q / edge_p
            if edge_p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def _segments_cross(a, b) -> bool:
    """Do the segments a = (p, q) and b = (r, s) cross?"""
    def turn(o, p, q):
        return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])
    (p, q), (r, t) = a, b
    return turn(p, q, r) * turn(p, q, t) < 0 and turn(r, t, p) * turn(r, t, q) < 0


def _slots():
    """(offset x, offset y, ha, va, leader) in points, in order of preference."""
    out = []
    for gap, leader in [(GAP, False)] + [(g, True) for g in LEADER_GAPS]:
        for ux, uy in DIRECTIONS:
            scale = 0.75 if ux and uy else 1.0
            out.append((ux * gap * scale, uy * gap * scale, {1: "left", 0: "center", -1: "right"}[ux],
                        {1: "bottom", 0: "center", -1: "top"}[uy], leader))
    return out


class _Placer:
    """Greedy placement of labels on one axes, in display coordinates (pixels)."""

    def __init__(self, fig, ax, forbidden=(), segments=()):
        self.renderer = fig.canvas.get_renderer()
        self.pt = fig.dpi / 72.0
        frame = ax.get_window_extent(self.renderer)
        self.frame = (frame.x0 + 1, frame.y0 + 1, frame.x1 - 1, frame.y1 - 1)
        self.ax = ax
        self.points: list[tuple[str, tuple[float, float]]] = []   # (place id, display point)
        self.fixed: list[tuple] = [tuple(b) for b in forbidden]   # forbidden areas
        self.placed: dict[str, dict] = {}                         # place id -> its label's box, leader...
        self.segments: list[tuple] = list(segments)               # lines no label may cross (display)

    @property
    def boxes(self) -> list[tuple]:
        return self.fixed + [p["box"] for p in self.placed.values()]

    @property
    def leaders(self) -> list[tuple]:
        return [p["leader"] for p in self.placed.values() if p["leader"]]

    def add_point(self, place_id, xy):
        self.points.append((place_id, tuple(self.ax.transData.transform(xy))))

    @property
    def points_by_id(self) -> dict:
        return dict(self.points)

    def _marker_boxes(self, skip=None):
        r = (MARKER_SIZE / 2 + 0.5) * self.pt
        return [(x - r, y - r, x + r, y + r) for pid, (x, y) in self.points if pid != skip]

    def _measure(self, text, slot):
        dx, dy, ha, va, _ = slot
        text.set_position((dx, dy))
        text.set_ha(ha)
        text.set_va(va)
        text.update_positions(self.renderer)
        box = Text.get_window_extent(text, self.renderer)
        pad = 1.0 * self.pt
        return (box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)

    def _fits(self, box, leader, place_id, own, ambiguous_ok):
        """``ambiguous_ok``: an area label, which has no marker to be confused with and no leader."""
        if not (box[0] >= self.frame[0] and box[1] >= self.frame[1] and box[2] <= self.frame[2]
                and box[3] <= self.frame[3]):
            return False
        obstacles = self.boxes + self._marker_boxes()
        if any(_overlaps(box, other) for other in obstacles):
            return False
        if any(_segment_hits_box(p, q, box) for p, q in self.leaders + self.segments):
            return False
        # A leader may leave a forbidden area (the inset's box) that holds its own point.
        around = [b for b in self.fixed if _distance(b, own) == 0]
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        if leader and not ambiguous_ok:
            # the leader must miss the other markers (but it starts among those that coincide with its point)
            r = (MARKER_SIZE / 2 + 2.0) * self.pt
            markers = [(x - r, y - r, x + r, y + r) for pid, (x, y) in self.points
                       if pid != place_id and math.dist((x, y), own) > MARKER_SIZE * self.pt]
            if any(_segment_hits_box(own, centre, other) for other in self.boxes + markers if other not in around):
                return False
            if any(_segments_cross((own, centre), segment) for segment in self.leaders):
                return False
        if not ambiguous_ok:
            # A point that coincides with this one at the map's scale (Juren Tang in Peiping) cannot be
            # kept much farther away: the label need only be nearer its own point (and marker) than to it.
            coincide = MARKER_SIZE * self.pt
            own_distance = _distance(box, own)
            for pid, xy in self.points:
                if pid == place_id:
                    continue
                near = math.dist(xy, own) <= coincide
                margin = (0.5 * self.pt if near else
                          AMBIGUITY_MARGIN * self.pt if not leader else LEADER_CLEARANCE * self.pt - own_distance)
                if _distance(box, xy) < own_distance + margin:
                    return False
        return True

    def state(self) -> dict:
        return dict(self.placed)

    def restore(self, state: dict):
        self.placed = dict(state)

    def show(self, text, place_id):
        """Set ``text`` as its recorded placement says (trials leave it anywhere)."""
        record = self.placed[place_id]
        text.set_text(record["wording"])
        self._measure(text, record["slot"])
        if text.arrow_patch is not None:
            text.arrow_patch.set_visible(bool(record["leader"]))

    def free_slots(self, text, place_id, own_xy, wordings) -> int:
        """How many of the slots next to the point (no leader) are free for ``text`` now, in any of the
        ``wordings`` that keep the native name."""
        own = tuple(self.ax.transData.transform(own_xy))
        free = 0
        for wording in wordings:
            text.set_text(wording)
            free += sum(self._fits(self._measure(text, slot), False, place_id, own, False)
                        for slot in _slots() if not slot[4])
        text.set_text(wordings[0])
        return free

    def place(self, text, place_id, own_xy, wordings, area=False) -> float:
        """Put ``text`` (an Annotation of own_xy, in data coordinates) in the first free slot, trying in
        turn: next to the point, in the full then the other ``wordings`` that keep the native name
        (all but the last); on a leader line, likewise; then the last wording (English only) next to the
        point and on a leader line. If no slot is free, the least bad one. Returns the badness."""
        own = tuple(self.ax.transData.transform(own_xy))
        if text.arrow_patch is not None:
            text.arrow_patch.set_visible(False)
        slots = ([(0.0, 0.0, "center", "center", False)] if area else []) + _slots()
        if area:  # an area label has no leader line: it stays within reach of its label point
            slots = [slot for slot in slots if math.hypot(slot[0], slot[1]) <= AREA_REACH]
        near = [slot for slot in slots if not slot[4]]
        far = [slot for slot in slots if slot[4]]
        native, english = wordings[:-1] or wordings, wordings[-1:]
        attempts = ([(w, slot) for w in native for slot in near] + [(w, slot) for w in native for slot in far]
                    + [(w, slot) for w in english for slot in near + far])
        chosen, badness = None, 0.0
        for wording, slot in attempts:
            text.set_text(wording)
            box = self._measure(text, slot)
            if self._fits(box, slot[4], place_id, own, area):
                chosen = (slot, box, wording)
                badness = math.hypot(slot[0], slot[1]) * slot[4] + 10 * wordings.index(wording) + \
                    (100 if wording in english and len(wordings) > 1 else 0)
                break
        if chosen is None:  # no free slot: the one with the least overlap, full wording
            text.set_text(wordings[0])
            best = None
            for rank, slot in enumerate(slots):
                box = self._measure(text, slot)
                outside = (box[2] - box[0]) * (box[3] - box[1]) - _overlap_area(box, self.frame)
                cost = sum(_overlap_area(box, o) for o in self.boxes + self._marker_boxes()) + 4 * outside + rank
                if best is None or cost < best[0]:
                    best = (cost, slot, box)
            chosen, badness = (best[1], best[2], wordings[0]), 1000 + best[0]
        slot, box, wording = chosen
        leader = (own, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)) if slot[4] and not area else None
        self.placed[place_id] = {"box": box, "leader": leader, "badness": badness, "wording": wording, "slot": slot}
        self.show(text, place_id)
        return badness


# ------------------------------------------------------------------------------------------ drawing
EARTH_RADIUS_KM = 6371.0
WATER, LAND, COAST, RIVER = "#e4eef5", "#f6f3ec", "#555555", "#6f9fc8"
GRID = {"linewidth": 0.3, "color": "#bbbbbb", "dashes": (1, 2)}


class Mercator:
    """Spherical Mercator in kilometres (true scale at the equator): ``m(lon, lat) -> (x, y)``, for
    numbers or arrays. A sphere is exact enough at this scale (the ellipsoid moves points by < 0.5 %)."""

    def __call__(self, lon, lat):
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        x = EARTH_RADIUS_KM * np.radians(lon)
        y = EARTH_RADIUS_KM * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
        return (float(x), float(y)) if x.ndim == 0 else (x, y)

    @staticmethod
    def km(distance: float, lat: float) -> float:
        """Map units spanned by ``distance`` km at latitude ``lat`` (the scale factor is sec lat)."""
        return distance / math.cos(math.radians(lat))


def _rings(table: pd.DataFrame, key: str) -> list[tuple[int, np.ndarray]]:
    """(level, lon/lat array) per ring or line of a geometry table, points in their order."""
    if table is None or table.empty:
        return []
    table = table.sort_values([key, "point"])
    level = table["level"] if "level" in table else pd.Series(1, index=table.index)
    return [(int(level.loc[rows.index[0]]), rows[["lon", "lat"]].to_numpy(dtype=float))
            for _, rows in table.groupby(key, sort=True)]


class _Geometry:
    """The coast's rings (level, points) and the rivers' lines of the evidence, every ``step``-th point."""

    def __init__(self, ev, step: int = 1):
        def thin(points):
            return points if step == 1 or len(points) <= 4 else np.vstack([points[:-1:step], points[-1:]])
        self.coast = [(level, thin(r)) for level, r in _rings(ev.tables.get("coastline"), "ring")]
        self.rivers = [thin(r) for _, r in _rings(ev.tables.get("rivers"), "line")]


def _frame(ax, m: Mercator, geometry: _Geometry, lon, lat, grid_step) -> None:
    """Sea, land, lakes, coast and rivers of the geometry tables, clipped to the extent; a graticule."""

    (x0, y0), (x1, y1) = m(lon[0], lat[0]), m(lon[1], lat[1])
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_facecolor(WATER)
    for levels, colour in (((1, 3), LAND), ((2, 4), WATER)):  # land, then lakes on it
        shapes = [np.column_stack(m(r[:, 0], r[:, 1])) for level, r in geometry.coast if level in levels]
        ax.add_collection(PolyCollection(shapes, facecolors=colour, edgecolors=COAST, linewidths=0.6, zorder=1,
                                         label="_coast"))
    rivers = [np.column_stack(m(r[:, 0], r[:, 1])) for r in geometry.rivers]
    ax.add_collection(LineCollection(rivers, colors=RIVER, linewidths=0.5, zorder=2, label="_rivers"))
    ax.set_xticks([])
    ax.set_yticks([])
    if grid_step:
        lons = np.arange(np.ceil(lon[0]), lon[1] + 0.01, grid_step[0])
        lats = np.arange(np.ceil(lat[0]), lat[1] + 0.01, grid_step[1])
        ax.set_xticks(m(lons, np.full_like(lons, lat[0]))[0], [f"{v:.0f}°E" for v in lons])
        ax.set_yticks(m(np.full_like(lats, lon[0]), lats)[1], [f"{v:.0f}°N" for v in lats])
        ax.tick_params(labelsize=TEXT_PT, length=0, pad=3)
        for label in ax.get_xticklabels() + ax.get_yticklabels():
            label.set_fontfamily(style.FONT_FAMILY)
        ax.grid(True, zorder=2, **GRID)
    for spine in ax.spines.values():  # the edition style hides the top and right spines: a map needs all
        spine.set_visible(True)
        spine.set_linewidth(0.8)
    ax.apply_aspect()  # settle the axes' box before measuring labels


def _scale_bar(ax, m: Mercator, lon, lat, km: int, at_lat: float) -> list:
    """A bar of ``km`` kilometres (true at ``at_lat``) starting at (lon, lat): two halves, black and white,
    with 0, half and full marked below and the unit above. Returns its artists."""
    x, y = m(lon, lat)
    length = m.km(km, at_lat)
    height = length * 0.09
    artists = [ax.add_patch(Rectangle((x + i * length / 2, y), length / 2, height, facecolor=colour,
                                      edgecolor="black", lw=0.6, zorder=6))
               for i, colour in enumerate(("black", "white"))]
    font = {"fontsize": TEXT_PT, "fontfamily": style.FONT_FAMILY, "zorder": 6, "color": "black"}
    for value, fraction in ((0, 0), (km // 2, 0.5), (km, 1)):
        artists.append(ax.annotate(f"{value:g}", (x + fraction * length, y), xytext=(0, -2),
                                   textcoords="offset points", ha="center", va="top", **font))
    artists.append(ax.annotate("km", (x + length / 2, y + height), xytext=(0, 2), textcoords="offset points",
                               ha="center", va="bottom", **font))
    for artist in artists:
        artist.set_label("_scale")
    return artists


def _within(places: pd.DataFrame, lon, lat) -> pd.Series:
    return places["lon"].between(*lon) & places["lat"].between(*lat)


def _crowding(placer: _Placer) -> dict:
    """Place id -> number of other points within CROWD_RADIUS."""
    radius = CROWD_RADIUS * placer.pt
    return {pid: sum(math.dist(xy, other) < radius for qid, other in placer.points if qid != pid)
            for pid, xy in placer.points}


def _draw_places(fig, ax, m, places, labelled, handles: dict, forbidden=(), segments=()):
    """Markers for the towns, passes, ports, buildings and bridges of ``places``; labels, placed next
    to their points, for those of them in ``labelled`` (ids), italic for areas and lines."""
    placer = _Placer(fig, ax, forbidden, segments)
    points = places[~places["type"].isin(AREA_TYPES)]
    where = {}
    for kind, marker in MARKERS.items():
        for row in points[points["type"] == kind].itertuples():
            x, y = m(row.lon, row.lat)
            where[row.id] = (x, y)
            ax.plot([x], [y], marker=marker, ms=MARKER_SIZE, mfc="#333333", mec="#333333", mew=0.3,
                    ls="none", zorder=5, label=f"_place:{row.id}")
            handles.setdefault(kind, Line2D([], [], marker=marker, ms=5, mfc="#333333", mec="#333333",
                                            ls="none", label=TYPE_LABELS[kind]))
            placer.add_point(row.id, (x, y))
    crowd = _crowding(placer)
    pending = {}
    for row in points[points["id"].isin(labelled)].itertuples():
        pending[row.id] = (row, ax.annotate(
            _label(row), where[row.id], xytext=(GAP, 0), textcoords="offset points", fontsize=TEXT_PT,
            fontfamily=style.FONT_FAMILY, zorder=6, label=f"_label:{row.id}",
            arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5, "shrinkA": 0, "shrinkB": MARKER_SIZE / 2 + 0.5},
            bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "alpha": 0.7, "edgecolor": "none"}))
        pending[row.id][1].arrow_patch.set_visible(False)
    labels = dict(pending)
    # Towns and ports first, then passes, then buildings and bridges; among them, most constrained
    # first: the label with the fewest free slots next to its point (but at least one). Ties: most
    # crowded, then id.
    while pending:
        free = {pid: placer.free_slots(text, pid, where[pid], _wordings(row)[:-1] or _wordings(row))
                for pid, (row, text) in pending.items()}
        if not any(free.values()):
            break
        pid = min((p for p in pending if free[p]),
                  key=lambda p: (PRIORITY.get(pending[p][0].type, 9), free[p], -crowd[p], p))
        row, text = pending.pop(pid)
        placer.place(text, pid, where[pid], _wordings(row))
    # The labels left have no free slot next to their point: they take leader lines, in the order
    # (of at most MAX_PERMUTED, tried exhaustively) that keeps the leaders shortest.
    rest = sorted(pending, key=lambda p: (-crowd[p], p))
    orders = itertools.permutations(rest) if len(rest) <= MAX_PERMUTED else [tuple(rest)]

    def put(pid):
        row, text = labels[pid]
        return placer.place(text, pid, where[pid], _wordings(row))

    start, best = placer.state(), None
    for order in orders:
        placer.restore(start)
        cost = sum(put(p) * _weight(pending[p][0]) for p in order)
        if best is None or cost < best[0] - 1e-9:
            best = (cost, order)
    placer.restore(start)
    for p in best[1] if best else ():
        put(p)
    _repair(placer, labels, where, crowd)
    for pid, (row, text) in labels.items():
        placer.show(text, pid)
    areas = places[places["type"].isin(AREA_TYPES) & places["id"].isin(labelled)]
    for row in sorted(areas.itertuples(), key=lambda r: ({"region": 0, "line": 1}.get(r.type, 2), r.id)):
        xy = m(row.lon, row.lat)
        text = ax.annotate(_label(row), xy, xytext=(0, 0), textcoords="offset points",
                           fontsize=TEXT_PT + 0.5 if row.type == "province" else TEXT_PT, style="italic",
                           color="#6b5a45", fontfamily=style.FONT_FAMILY, zorder=4, label=f"_area:{row.id}")
        placer.place(text, row.id, xy, _wordings(row), area=True)
    return placer


def _weight(row) -> float:
    """How much a poor placement costs: more for a town or port than for a pass, building or bridge."""
    return 2.0 if PRIORITY.get(row.type, 9) == 0 else 1.0


def _repair(placer: _Placer, labels: dict, where: dict, crowd: dict, passes: int = 3) -> None:
    """Improve a greedy placement: for each label placed badly (on a leader, shortened, or on no free
    slot), worst first, take it and the labels around it off, place it first and them after, and keep
    the result if their total (weighted) badness is lower. Deterministic."""
    def total(ids):
        return sum(placer.placed[i]["badness"] * _weight(labels[i][0]) for i in ids)

    def reach(pid):
        x, y = placer.points_by_id[pid]
        r = REPAIR_RADIUS * placer.pt
        return [q for q, rec in placer.placed.items() if q in labels and q != pid
                and _distance(rec["box"], (x, y)) < r]

    for _ in range(passes):
        improved = False
        bad = sorted((p for p in labels if placer.placed[p]["badness"] > 0),
                     key=lambda p: (-placer.placed[p]["badness"] * _weight(labels[p][0]), p))
        for pid in bad:
            if placer.placed[pid]["badness"] <= 0:
                continue
            group = [pid] + sorted(reach(pid), key=lambda q: (PRIORITY.get(labels[q][0].type, 9), -crowd[q], q))
            before, saved = total(group), placer.state()
            for q in group:
                del placer.placed[q]
            for q in group:
                row, text = labels[q]
                text.set_text(_label(row))
                placer.place(text, q, where[q], _wordings(row))
            if total(group) < before - 1e-9:
                improved = True
            else:
                placer.restore(saved)
        if not improved:
            break


def _aspect(extent) -> float:
    """Height / width of a Mercator map of ``extent``."""
    def y(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    lat0, lat1 = extent["lat"]
    return (y(lat1) - y(lat0)) / math.radians(extent["lon"][1] - extent["lon"][0])


def north_china_map(ev, *, resolution: str = "i", title: str | None = None) -> Figure:
    """North China (``EXTENT``): coasts, rivers, the places, and the truce line;
    an inset enlarges the Peiping–Tianjin area (``INSET``), whose places are labelled there only.

    The coast and rivers are the evidence's geometry tables (``coastline``, ``rivers``: GSHHG at its
    intermediate resolution, as data/datapackage.json credits it). ``resolution`` is kept for callers
    of the earlier, basemap-drawn map: "i" draws every point, "l" (low) every third, for quick drafts.
    """
    style.apply()
    if resolution not in ("i", "l"):
        raise ValueError(f"resolution must be 'i' or 'l', not {resolution!r}")
    geometry = _Geometry(ev, step=1 if resolution == "i" else 3)
    places = places_in_extent(ev).reset_index(drop=True)
    in_box = _within(places, INSET["lon"], INSET["lat"]) & (places["type"] != "province")
    m = mi = Mercator()
    with_inset = in_box.sum() > 1
    top = 0.45 if title else 0.1
    main_h = MAP_WIDTH * _aspect(EXTENT)
    below = (TICK_ROOM + INSET_SIZE * max(1.0, _aspect(INSET)) + 0.1) if with_inset else TICK_ROOM + 0.55
    height = top + main_h + below
    fig = Figure(figsize=(FIG_WIDTH, height), facecolor="white")
    FigureCanvasAgg(fig)  # a renderer to measure labels with
    left = (FIG_WIDTH - MAP_WIDTH) / 2 + 0.05
    ax = fig.add_axes((left / FIG_WIDTH, (height - top - main_h) / height, MAP_WIDTH / FIG_WIDTH,
                       main_h / height))
    _frame(ax, m, geometry, EXTENT["lon"], EXTENT["lat"], (2, 1))
    inset = None
    if with_inset:
        # The inset sits below the main map, on the left; the legend and the note on its right.
        inset_h = INSET_SIZE * _aspect(INSET)
        inset = fig.add_axes((left / FIG_WIDTH, 0.1 / height, INSET_SIZE / FIG_WIDTH, inset_h / height))
        inset.set_anchor("NW")
        _frame(inset, mi, geometry, INSET["lon"], INSET["lat"], None)

    handles: dict = {}
    line_rows = dmz_line_places(ev)
    if len(line_rows) >= 2:
        for axis, mm in ((ax, m), (inset, mi)):
            if axis is not None:
                x, y = mm(line_rows["lon"].to_numpy(), line_rows["lat"].to_numpy())
                axis.plot(x, y, color="#CC79A7", lw=2.2, ls=(0, (6, 2)), zorder=3, label="_dmz-line")
        handles["dmz"] = Line2D([], [], color="#CC79A7", lw=2.2, ls=(0, (6, 2)),
                                label="Tanggu Truce line, 1933 (approximate)")

    wall = great_wall_places(ev)
    wall_segments = []
    if len(wall) >= 2:
        x, y = m(wall["lon"].to_numpy(), wall["lat"].to_numpy())
        ax.plot(x, y, zorder=3, label="_great-wall", **WALL_STYLE)
        if inset is not None:  # the same line where it crosses the inset's area (clipped by its frame)
            inset.plot(x, y, zorder=3, label="_great-wall-inset", **WALL_STYLE)
        xy = [tuple(v) for v in ax.transData.transform(np.column_stack([x, y]))]
        wall_segments = list(itertools.pairwise(xy))
        handles["wall"] = Line2D([], [], label="Great Wall (approximate: straight\nbetween the passes marked)",
                                 **WALL_STYLE)

    renderer = fig.canvas.get_renderer()
    forbidden = []
    # A scale bar in the bottom right corner of the main map (Mercator: true at the latitude given).
    lon_s = EXTENT["lon"][1] - 1.6
    lat_s = EXTENT["lat"][0] + 0.35
    scale = _scale_bar(ax, m, lon_s, lat_s, SCALE_KM["main"], 40.0)
    scale_note = ax.annotate("true at 40° N", m(lon_s, lat_s), xytext=(-6, 0), textcoords="offset points",
                             ha="right", va="bottom", fontsize=TEXT_PT, color="#333333", fontfamily=style.FONT_FAMILY,
                             label="_scale")
    extents = [a.get_window_extent(renderer) for a in scale + [scale_note]]
    forbidden.append((min(e.x0 for e in extents), min(e.y0 for e in extents),
                      max(e.x1 for e in extents), max(e.y1 for e in extents)))
    if inset is not None:
        # The main map labels only what lies outside the box; the box, its caption and the inset stay clear.
        (x0, y0), (x1, y1) = m(INSET["lon"][0], INSET["lat"][0]), m(INSET["lon"][1], INSET["lat"][1])
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#333333", lw=0.8, ls="--",
                               zorder=4))
        caption = ax.annotate("inset below", (x1, y0), xytext=(0, -2), textcoords="offset points", ha="right",
                              va="top", fontsize=TEXT_PT, color="#333333", fontfamily=style.FONT_FAMILY)
        box = ax.transData.transform([(x0, y0), (x1, y1)])
        forbidden.append((box[0][0], box[0][1], box[1][0], box[1][1]))
        forbidden.append(tuple(caption.get_window_extent(renderer).extents))
    main_labels = set(places.loc[~in_box, "id"]) | (set(MAIN_MAP_ALSO) & set(places.loc[in_box, "id"]))
    _draw_places(fig, ax, m, places, main_labels, handles, forbidden, wall_segments)
    if inset is not None:
        heading = inset.text(0.02, 0.02, "Inset: Peiping–Tianjin area", transform=inset.transAxes, ha="left",
                             va="bottom", fontsize=TEXT_PT, fontweight="bold", fontfamily=style.FONT_FAMILY,
                             color="#333333")
        small = _within(places, INSET["lon"], INSET["lat"]) & (places["type"] != "province")
        _draw_places(fig, inset, mi, places[small], set(places.loc[in_box, "id"]), handles,
                     [tuple(heading.get_window_extent(renderer).extents)])

    note = "Coasts and rivers: present-day (GSHHG).\nNo boundaries drawn: those of 1935 differ."
    legend_font = {"family": style.FONT_FAMILY, "size": TEXT_PT}
    if inset is not None:
        frame = inset.get_position()
        x = frame.x1 + 0.3 / FIG_WIDTH
        fig.legend(handles=list(handles.values()), loc="upper left", ncols=1, frameon=False,
                   bbox_to_anchor=(x, frame.y1), prop=legend_font, borderaxespad=0)
        fig.text(x, frame.y0, note, ha="left", va="bottom", fontsize=TEXT_PT, color="#555555",
                 fontfamily=style.FONT_FAMILY)
    else:
        fig.legend(handles=list(handles.values()), loc="lower center", ncols=min(4, max(1, len(handles))),
                   frameon=False, bbox_to_anchor=(0.5, 0.0), prop=legend_font)
        fig.text(0.99, 0.3 / fig.get_figheight(), note.replace("\n", " "), ha="right", va="bottom", fontsize=TEXT_PT,
                 color="#555555", fontfamily=style.FONT_FAMILY)
    if title:
        fig.suptitle(title, fontsize=10, fontfamily=style.FONT_FAMILY)
    return style.finish(fig)


def plotted_places(fig: Figure) -> list[str]:
    """Place ids shown with a marker or an area label in a :func:`north_china_map` figure."""
    out = []
    for ax in fig.axes:
        out += [line.get_label().removeprefix("_place:") for line in ax.get_lines()
                if line.get_label().startswith("_place:")]
        out += [t.get_label().removeprefix("_area:") for t in ax.texts if t.get_label().startswith("_area:")]
    return sorted(set(out))


def place_labels(fig: Figure) -> list[dict]:
    """The labels of a :func:`north_china_map` figure, for checks: one dict per label with the place id,
    the axes (0 the main map, 1 the inset), whether it is an area label, the labelled point and the
    label's box (display coordinates), and whether a leader line joins them."""
    renderer = fig.canvas.get_renderer()
    out = []
    for number, ax in enumerate(fig.axes):
        for t in ax.texts:
            kind, _, place = t.get_label().partition(":")
            if kind not in ("_label", "_area"):
                continue
            t.update_positions(renderer)
            leader = t.arrow_patch is not None and t.arrow_patch.get_visible()
            out.append({"id": place, "axes": number, "area": kind == "_area", "text": t.get_text(),
                        "point": tuple(ax.transData.transform(t.xy)),
                        "box": tuple(Text.get_window_extent(t, renderer).extents), "leader": leader})
    return out
