"""Map of North China in 1935: the places of the evidence and the 1933 demilitarised-zone line.

Only coastlines and rivers are drawn. Basemap's political boundaries are post-1949 and would
misrepresent 1935 (Hebei, Chahar, Rehe, Manchukuo), so none are drawn; provinces and regions
appear as labels only, at the coordinates the places table gives them. The demilitarised-zone
line of the Tanggu Truce is drawn through the towns the truce named, in that order, using
their coordinates in the places table: it is approximate, and the figure says so.
"""
from __future__ import annotations

import re
import unicodedata
import warnings

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from . import style

EXTENT = {"lon": (112.0, 125.0), "lat": (36.0, 43.0)}
# The Peiping-Tianjin area, enlarged in an inset over the Yellow Sea (figure coordinates of the inset).
INSET = {"lon": (115.9, 117.9), "lat": (38.9, 40.3), "axes": (0.575, 0.132, 0.385, 0.385)}

# The line of the Tanggu Truce (31 May 1933), west to east, as the truce names it: Yanqing,
# Changping, Gaoliying, Shunyi, Tongzhou, Xianghe, Baodi, Lintingkou, Ninghe, Lutai. Matched against
# the places table by id, pinyin or English name; towns missing from the table are skipped.

MARKERS = {"city": "o", "port": "s", "pass": "^", "building": "P", "bridge": "X"}
TYPE_LABELS = {"city": "city or town", "port": "port", "pass": "Great Wall pass", "building": "building",
               "bridge": "bridge"}
# Provinces, regions and lines have one coordinate, a label point: they get an italic label, no marker.
AREA_TYPES = {"province", "region", "line"}
POINT_OFFSETS = [(5, 3, "left", "bottom"), (5, -3, "left", "top"), (-5, 3, "right", "bottom"),
                 (-5, -3, "right", "top"), (0, 6, "center", "bottom"), (0, -6, "center", "top"),
                 (7, 0, "left", "center"), (-7, 0, "right", "center"),
                 (12, 12, "left", "bottom"), (-12, 12, "right", "bottom"), (12, -12, "left", "top"),
                 (-12, -12, "right", "top"), (0, 16, "center", "bottom"), (0, -16, "center", "top"),
                 (20, 20, "left", "bottom"), (-20, 20, "right", "bottom"), (20, -20, "left", "top"),
                 (-20, -20, "right", "top")]
AREA_OFFSETS = [(0, 0, "center", "center"), (0, 10, "center", "bottom"), (0, -10, "center", "top"),
                (15, 0, "left", "center"), (-15, 0, "right", "center"), (0, 22, "center", "bottom"),
                (0, -22, "center", "top"), (30, 12, "left", "bottom"), (-30, 12, "right", "bottom"),
                (30, -12, "left", "top"), (-30, -12, "right", "top")]


def _key(text) -> str:
    """'Běipíng' -> 'beiping': compare names without tone marks, case, spaces or hyphens."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.casefold())


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


def _label(row) -> str:
    """'Peiping 北平': the English name without its parenthesis or qualifier, and the native name."""
    english = re.split(r" \(|, ", str(row.name_en))[0]
    native = row.name_native if isinstance(row.name_native, str) else ""
    return f"{english} {native}".strip()


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _place_labels(fig, ax, items, obstacles, offsets=POINT_OFFSETS):
    """Greedy placement: each label takes the candidate position around its point that overlaps
    least with labels already placed, the markers, and the edge of the map. Deterministic."""
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    frame = (frame.x0, frame.y0, frame.x1, frame.y1)
    placed = [tuple(o) for o in obstacles]
    for text in items:
        best = None
        if text.arrow_patch is not None:  # measure the label alone
            text.arrow_patch.set_visible(False)
        for rank, (dx, dy, ha, va) in enumerate(offsets):
            text.set_position((dx, dy))
            text.set_ha(ha)
            text.set_va(va)
            text.update_positions(renderer)
            box = Text.get_window_extent(text, renderer)
            box = (box.x0 - 1, box.y0 - 1, box.x1 + 1, box.y1 + 1)
            cost = sum(_overlap(box, other) for other in placed)
            outside = (box[2] - box[0]) * (box[3] - box[1]) - _overlap(box, frame)
            cost += 4 * outside + rank * 0.5
            if best is None or cost < best[0]:
                best = (cost, dx, dy, ha, va, box)
        _, dx, dy, ha, va, box = best
        text.set_position((dx, dy))
        text.set_ha(ha)
        text.set_va(va)
        if text.arrow_patch is not None:  # a leader line only where the label had to move away
            text.arrow_patch.set_visible(abs(dx) > 10 or abs(dy) > 10)
        placed.append(box)
    return placed


def _basemap(Basemap, ax, lon, lat, resolution, grid_step):
    m = Basemap(projection="merc", llcrnrlon=lon[0], llcrnrlat=lat[0], urcrnrlon=lon[1], urcrnrlat=lat[1],
                lat_ts=(lat[0] + lat[1]) / 2, resolution=resolution, ax=ax)
    m.drawmapboundary(fill_color="#e4eef5", linewidth=0.8)
    m.fillcontinents(color="#f6f3ec", lake_color="#e4eef5", zorder=1)
    m.drawcoastlines(linewidth=0.6, color="#555555", zorder=2)
    m.drawrivers(linewidth=0.5, color="#6f9fc8", zorder=2)
    if grid_step:
        m.drawparallels(np.arange(np.ceil(lat[0]), lat[1] + 0.01, grid_step[1]), labels=[1, 0, 0, 0], fontsize=7,
                        linewidth=0.3, color="#bbbbbb", dashes=[1, 2], fontfamily=style.FONT_FAMILY)
        m.drawmeridians(np.arange(np.ceil(lon[0]), lon[1] + 0.01, grid_step[0]), labels=[0, 0, 0, 1], fontsize=7,
                        linewidth=0.3, color="#bbbbbb", dashes=[1, 2], fontfamily=style.FONT_FAMILY)
    ax.apply_aspect()  # Basemap fixes the aspect ratio: settle the axes' box before measuring labels
    return m


def _within(places: pd.DataFrame, lon, lat) -> pd.Series:
    return places["lon"].between(*lon) & places["lat"].between(*lat)


def _draw_places(fig, ax, m, places, labelled, handles: dict):
    """Markers for towns, passes, ports, buildings, bridges; italic labels for areas and lines.
    ``labelled``: boolean Series, which of the places get a label here."""
    points = places[~places["type"].isin(AREA_TYPES)]
    obstacles, labels = [], []
    for kind in MARKERS:
        for row in points[points["type"] == kind].itertuples():
            x, y = m(row.lon, row.lat)
            ax.plot([x], [y], marker=MARKERS[kind], ms=4.5, mfc="#333333", mec="#333333", mew=0.3, ls="none",
                    zorder=5, label=f"_place:{row.id}")
            handles.setdefault(kind, Line2D([], [], marker=MARKERS[kind], ms=5, mfc="#333333", mec="#333333",
                                            ls="none", label=TYPE_LABELS[kind]))
            cx, cy = ax.transData.transform((x, y))
            obstacles.append((cx - 3, cy - 3, cx + 3, cy + 3))
            if labelled[row.Index]:
                labels.append(ax.annotate(_label(row), (x, y), xytext=(5, 3), textcoords="offset points",
                                          fontsize=7, fontfamily=style.FONT_FAMILY, zorder=6,
                                          arrowprops=dict(arrowstyle="-", color="#777777", lw=0.4, shrinkA=0,
                                                          shrinkB=2),
                                          bbox=dict(boxstyle="square,pad=0.05", facecolor="white", alpha=0.6,
                                                    edgecolor="none")))
    placed = _place_labels(fig, ax, labels, obstacles)
    areas = []
    for row in places[places["type"].isin(AREA_TYPES)].itertuples():
        if not labelled[row.Index]:
            continue
        x, y = m(row.lon, row.lat)
        areas.append(ax.annotate(_label(row), (x, y), xytext=(0, 0), textcoords="offset points",
                                 fontsize=7.5 if row.type == "province" else 6.5, style="italic",
                                 color="#6b5a45", fontfamily=style.FONT_FAMILY, zorder=4,
                                 arrowprops=dict(arrowstyle="-", color="#9b8a75", lw=0.4, shrinkA=0, shrinkB=0),
                                 label=f"_area:{row.id}"))
    _place_labels(fig, ax, areas, placed, AREA_OFFSETS)


def north_china_map(ev, *, resolution: str = "i", title: str | None = None) -> Figure:
    """North China (lon 112–125° E, lat 36–43° N): coasts, rivers, the places, and the truce line;
    an inset enlarges the Peiping–Tianjin area (``INSET``), whose small places are labelled there only.

    Basemap is imported here and its warnings are silenced here only, because the strict build
    fails on anything printed to stderr: its compiled module warns on import that it was built
    against another numpy ("numpy.ndarray size changed", a ``RuntimeWarning``), and it can warn
    about deprecated matplotlib and numpy API (``DeprecationWarning`` and subclasses). None of
    these concerns the figure.
    """
    style.apply()
    places = places_in_extent(ev).reset_index(drop=True)
    in_inset = _within(places, INSET["lon"], INSET["lat"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        warnings.filterwarnings("ignore", category=UserWarning, module=r"mpl_toolkits\.basemap")
        # basemap's compiled GEOS wrapper was built against another numpy minor version; harmless.
        warnings.filterwarnings("ignore", message=r"numpy\.ndarray size changed", category=RuntimeWarning)
        from mpl_toolkits.basemap import Basemap

        fig = Figure(figsize=(7.0, 5.4), facecolor="white")
        FigureCanvasAgg(fig)  # a renderer to measure labels with
        ax = fig.add_axes((0.06, 0.13, 0.9, 0.84 if not title else 0.8))
        m = _basemap(Basemap, ax, EXTENT["lon"], EXTENT["lat"], resolution, (2, 1))
        inset = None
        if in_inset.sum() > 1:
            inset = fig.add_axes(INSET["axes"])
            mi = _basemap(Basemap, inset, INSET["lon"], INSET["lat"], resolution, None)

    handles: dict = {}
    line_rows = dmz_line_places(ev)
    if len(line_rows) >= 2:
        for axis, mm in ((ax, m), (inset, mi if inset else None)):
            if axis is not None:
                x, y = mm(line_rows["lon"].to_numpy(), line_rows["lat"].to_numpy())
                axis.plot(x, y, color="#CC79A7", lw=2.2, ls=(0, (6, 2)), zorder=3, label="_dmz-line")
        handles["dmz"] = Line2D([], [], color="#CC79A7", lw=2.2, ls=(0, (6, 2)),
                                label="Tanggu Truce line, 1933 (approximate)")

    # On the main map, inside the inset's area only towns and ports are labelled.
    main_labels = ~in_inset | places["type"].isin(["city", "port", "province"]) if inset \
        else pd.Series(True, index=places.index)
    _draw_places(fig, ax, m, places, main_labels, handles)
    if inset is not None:
        (x0, y0), (x1, y1) = m(INSET["lon"][0], INSET["lat"][0]), m(INSET["lon"][1], INSET["lat"][1])
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#333333", lw=0.8, ls="--",
                               zorder=4))
        ax.annotate("inset", ((x0 + x1) / 2, y0), xytext=(0, -2), textcoords="offset points", ha="center",
                    va="top", fontsize=6.5, color="#333333", fontfamily=style.FONT_FAMILY)
        small = in_inset & (places["type"] != "province")
        _draw_places(fig, inset, mi, places[small], pd.Series(True, index=places.index), handles)
        inset.text(0.02, 0.98, "Peiping–Tianjin area", transform=inset.transAxes, ha="left", va="top",
                   fontsize=7, fontweight="bold", fontfamily=style.FONT_FAMILY, color="#333333")
        inset.set_zorder(10)

    fig.legend(handles=list(handles.values()), loc="lower center", ncols=min(4, max(1, len(handles))),
               frameon=False, bbox_to_anchor=(0.5, 0.0), prop={"family": style.FONT_FAMILY, "size": 7.5})
    fig.text(0.99, 0.065, "Coasts and rivers: present-day (GSHHS). No boundaries drawn: those of 1935 differ.",
             ha="right", va="bottom", fontsize=6.5, color="#555555", fontfamily=style.FONT_FAMILY)
    if title:
        fig.suptitle(title, fontsize=10, fontfamily=style.FONT_FAMILY)
    return fig


def plotted_places(fig: Figure) -> list[str]:
    """Place ids shown with a marker or an area label in a :func:`north_china_map` figure."""
    out = []
    for ax in fig.axes:
        out += [line.get_label().removeprefix("_place:") for line in ax.get_lines()
                if line.get_label().startswith("_place:")]
        out += [t.get_label().removeprefix("_area:") for t in ax.texts if t.get_label().startswith("_area:")]
    return sorted(set(out))
