"""Tests of the figures: each figure shows exactly the rows of the evidence it claims to show.

Every test runs on the real evidence (``hu.load()``) and on a small synthetic Evidence built
below from the same schema, so that the drawing logic is also checked on edge cases the real
data may not have (uncertain dates, month precision, a place outside the map). The real-data
variant fails on invalid data.
"""
from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import heumezu as hu
from heumezu import paths, vocabulary
from heumezu.evidence import PANDAS_TYPES, Evidence
from heumezu.figures import escalation, geography, network, timeline

matplotlib.use("Agg")

SYNTHETIC = {
    "places": [
        {"id": "peiping", "name_en": "Peiping", "name_native": "北平", "name_pinyin": "Beiping", "lat": "39.90", "lon": "116.40",
         "type": "city", "sources": "k"},
        {"id": "tianjin", "name_en": "Tianjin", "name_native": "天津", "name_pinyin": "Tianjin", "lat": "39.13", "lon": "117.20",
         "type": "city", "sources": "k"},
        {"id": "tanggu", "name_en": "Tanggu", "name_native": "塘沽", "lat": "39.02", "lon": "117.65", "type": "port", "sources": "k"},
        {"id": "gubeikou", "name_en": "Gubeikou", "name_native": "古北口", "lat": "40.69", "lon": "117.15", "type": "pass",
         "sources": "k"},
        {"id": "yanqing", "name_en": "Yanqing", "name_native": "延慶", "name_pinyin": "Yanqing", "lat": "40.46",
         "lon": "115.97", "type": "city", "sources": "k"},
        {"id": "tongzhou", "name_en": "Tongzhou", "name_native": "通州", "name_pinyin": "Tongzhou", "lat": "39.91",
         "lon": "116.66", "type": "city", "sources": "k"},
        {"id": "lutai", "name_en": "Lutai", "name_native": "蘆臺", "name_pinyin": "Lutai", "lat": "39.30", "lon": "117.80",
         "type": "city", "sources": "k"},
        {"id": "hebei", "name_en": "Hebei", "name_native": "河北", "lat": "38.6", "lon": "115.8", "type": "province",
         "sources": "k"},
        {"id": "tokyo", "name_en": "Tokyo", "name_native": "東京", "lat": "35.68", "lon": "139.69", "type": "city", "sources": "k"},
    ],
    "actors": [
        {"id": "he-yingqin", "kind": "person", "name_en": "He Yingqin", "name_native": "何應欽", "name_simplified": "何应钦",
         "pinyin": "Hé Yìngqīn", "wade_giles": "Ho Ying-ch'in", "side": "china", "role_1935": "Minister of War",
         "born": "1890", "died": "1987", "sources": "k"},
        {"id": "umezu", "kind": "person", "name_en": "Umezu Yoshijirō", "name_native": "梅津美治郎",
         "hepburn": "Umezu Yoshijirō", "side": "japan", "role_1935": "Commander", "born": "1882-01-04",
         "died": "1949-01-08", "sources": "k"},
        {"id": "sakai", "kind": "person", "name_en": "Sakai Takashi", "name_native": "酒井隆", "side": "japan",
         "role_1935": "Chief of staff", "born": "1887", "died": "1946", "sources": "k"},
        {"id": "garrison", "kind": "organisation", "name_en": "China Garrison Army", "name_native": "支那駐屯軍",
         "side": "japan", "role_1935": "Army", "sources": "k"},
        {"id": "kmt", "kind": "organisation", "name_en": "Kuomintang", "name_native": "中國國民黨", "side": "china",
         "role_1935": "Party", "sources": "k"},
        {"id": "yu-xuezhong", "kind": "person", "name_en": "Yu Xuezhong", "name_native": "于學忠", "side": "china",
         "role_1935": "Governor of Hebei", "uncertain": "true", "sources": "k"},
        {"id": "nobody", "kind": "person", "name_en": "Not In Relations", "name_native": "某", "side": "other",
         "role_1935": "None", "sources": "k"},
    ],
    "relations": [
        {"id": "r1", "source": "umezu", "target": "garrison", "type": "commands", "sources": "k"},
        {"id": "r2", "source": "sakai", "target": "garrison", "type": "serves_in", "sources": "k"},
        {"id": "r3", "source": "sakai", "target": "he-yingqin", "type": "negotiates_with", "date": "1935-05-29", "sources": "k"},
        {"id": "r4", "source": "garrison", "target": "yu-xuezhong", "type": "demands_dismissal_of", "sources": "k"},
        {"id": "r5", "source": "he-yingqin", "target": "kmt", "type": "member_of", "sources": "k"},
        {"id": "r6", "source": "sakai", "target": "he-yingqin", "type": "protests_to", "date": "1935-06-09", "sources": "k"},
    ],
    "events": [
        {"id": "mukden-incident", "date": "1931-09-18", "precision": "day", "uncertain": "false", "title": "Mukden Incident",
         "description": "d", "chapter": "background", "sources": "k"},
        {"id": "tanggu-truce", "date": "1933-05-31", "precision": "day", "uncertain": "false", "title": "Tanggu Truce",
         "description": "d", "place": "tanggu", "chapter": "background", "sources": "k"},
        {"id": "spring-unrest", "date": "1935-04", "precision": "month", "uncertain": "false", "title": "Unrest",
         "description": "d", "chapter": "ultimatum", "sources": "k"},
        {"id": "tianjin-assassinations", "date": "1935-05-02", "precision": "day", "end_date": "1935-05-03",
         "uncertain": "true", "title": "Assassinations in Tianjin", "description": "d", "place": "tianjin",
         "chapter": "ultimatum", "sources": "k"},
        {"id": "sakai-demands", "date": "1935-05-29", "precision": "day", "uncertain": "false", "title": "Sakai's demands",
         "description": "d", "place": "peiping", "chapter": "ultimatum", "sources": "k"},
        {"id": "chinese-acceptance", "date": "1935-06-10", "precision": "day", "uncertain": "false",
         "title": "China accepts", "description": "d", "chapter": "ultimatum", "sources": "k"},
        {"id": "ultimatum-deadline", "date": "1935-06-12", "precision": "day", "uncertain": "false",
         "title": "Deadline", "description": "d", "chapter": "ultimatum", "sources": "k"},
        {"id": "marco-polo-bridge", "date": "1937-07-07", "precision": "day", "uncertain": "false",
         "title": "Marco Polo Bridge Incident", "description": "d", "chapter": "aftermath", "sources": "k"},
    ],
    "demands": [
        {"id": "d1", "date": "1935-05-29", "issuer": "garrison", "addressee": "he-yingqin", "category": "personnel",
         "target": "yu-xuezhong", "summary": "s", "outcome": "accepted", "uncertain": "false", "sources": "k"},
        {"id": "d2", "date": "1935-05-29", "issuer": "garrison", "addressee": "he-yingqin", "category": "party_organs",
         "summary": "s", "outcome": "accepted", "uncertain": "false", "sources": "k"},
        {"id": "d3", "date": "1935-06-04", "issuer": "garrison", "addressee": "he-yingqin", "category": "personnel",
         "summary": "s", "outcome": "accepted", "uncertain": "false", "sources": "k"},
        {"id": "d4", "date": "1935-06-09", "issuer": "garrison", "addressee": "he-yingqin",
         "category": "military_withdrawal", "summary": "s", "outcome": "partly_accepted", "uncertain": "true",
         "sources": "k"},
    ],
    "attestations": [
        {"id": "a1", "witness": "E", "table": "actors", "row": "he-yingqin", "start": "10", "end": "20", "quote": "He Yingqin",
         "status": "attested"},
        {"id": "a2", "witness": "F", "table": "actors", "row": "he-yingqin", "start": "5", "end": "15", "quote": "He Yingqin",
         "status": "attested"},
        {"id": "a3", "witness": "X", "table": "actors", "row": "he-yingqin", "start": "50", "end": "60", "quote": "Ho Yin",
         "status": "corrupted"},
        {"id": "a4", "witness": "X", "table": "actors", "row": "he-yingqin", "start": "30", "end": "40", "quote": "He Ying-chin",
         "status": "attested"},
        {"id": "a5", "witness": "E", "table": "places", "row": "tianjin", "start": "1", "end": "8", "quote": "Tianjin",
         "status": "attested"},
    ],
    "glossary": [
        {"id": "g1", "term": "Tanggu Truce", "native": "塘沽協定", "definition": "Ceasefire of 1933.", "sources": "k"},
        {"id": "g2", "term": "Demilitarised zone", "native": "非武裝區", "definition": "A zone.", "sources": "k"},
    ],
    "event_actors": [],
    "witnesses": [{"siglum": "F"}, {"siglum": "E"}, {"siglum": "X"}],
}


def typed(name: str, rows: list[dict]) -> pd.DataFrame:
    """Rows of strings as the DataFrame hu.load() would give (same columns and dtypes)."""
    descriptor = json.loads((paths.PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in descriptor["resources"] if r["name"] == name)["schema"]["fields"]
    columns = [f["name"] for f in fields]
    frame = pd.read_csv(io.StringIO(pd.DataFrame(rows, columns=columns).to_csv(index=False)), dtype=str,
                        keep_default_na=False)
    for f in fields:
        column = frame[f["name"]].replace("", pd.NA)
        if f["type"] == "boolean":
            column = column.map({"true": True, "false": False}, na_action="ignore")
        elif f["type"] in ("integer", "number"):
            column = pd.to_numeric(column)
        frame[f["name"]] = column.astype(PANDAS_TYPES[f["type"]])
    return frame


def synthetic() -> Evidence:
    return Evidence(paths.PROJECT_ROOT / "data", {name: typed(name, rows) for name, rows in SYNTHETIC.items()})


@pytest.fixture(scope="module")
def real_ev() -> Evidence:
    return hu.load()


@pytest.fixture(scope="module", params=["real", "synthetic"])
def ev(request) -> Evidence:
    if request.param == "synthetic":
        return synthetic()
    return request.getfixturevalue("real_ev")


@pytest.fixture(autouse=True)
def _no_warnings():
    """A figure that warns (e.g. a glyph missing from the font) would break the strict build."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _render(fig: Figure) -> None:
    assert isinstance(fig, Figure)
    fig.savefig(io.BytesIO(), format="svg")
    fig.savefig(io.BytesIO(), format="png")


def _map(ev) -> Figure:
    return geography.north_china_map(ev, resolution="l")


@pytest.fixture(scope="module")
def drawn():
    """``drawn(figure_function, ev)``: the figure drawn once per module and evidence, and rendered
    (SVG, then PNG, so positions are those of the last draw at the figure's resolution). The map
    takes seconds to draw; the tests that only read a figure share one. It is drawn inside the
    first test that asks for it, so the no-warnings rule of that test applies to the drawing."""
    figures = {}

    def get(function, ev) -> Figure:
        key = (function, id(ev))
        if key not in figures:
            fig = function(ev)
            _render(fig)
            figures[key] = (ev, fig)  # the evidence is kept so that its id is not reused
        return figures[key][1]

    return get


# ------------------------------------------------------------------------------------------ network
def test_actor_graph_equals_relations(ev):
    graph = network.actor_graph(ev)
    rel = ev.relations
    assert set(graph.nodes) == set(rel["source"]) | set(rel["target"])
    edges = {(u, v, k, d["type"]) for u, v, k, d in graph.edges(keys=True, data=True)}
    assert edges == set(zip(rel["source"], rel["target"], rel["id"], rel["type"]))
    assert graph.number_of_edges() == len(rel)
    actors = ev.actors.set_index("id")
    for node, attrs in graph.nodes(data=True):
        assert attrs["name_en"] == actors.loc[node, "name_en"]
        assert attrs["side"] == actors.loc[node, "side"]


def test_actor_network_draws_every_relation(ev):
    """With year=None the figure is the whole relations table."""
    fig = network.actor_network(ev, year=None)
    _render(fig)
    rel = ev.relations
    assert network.plotted_relations(fig) == sorted(rel.loc[rel["source"] != rel["target"], "id"])
    assert network.plotted_actors(fig) == sorted(set(rel["source"]) | set(rel["target"]))
    labels = {t.get_text().replace("\n", "").replace(" ", "") for t in fig.axes[0].texts}
    for node in network.plotted_actors(fig):
        row = ev.actors.set_index("id").loc[node]
        name = row["name_native"] if isinstance(row["name_native"], str) else row["name_en"]  # native unknown
        assert any(name.replace(" ", "") in label for label in labels)


def _year(value) -> str | None:
    return None if pd.isna(value) else str(value)[:4]


def test_actor_network_shows_the_actors_of_1935(ev, drawn):
    """The default figure: every actor has a part in 1935 (a relation or an event of that year),
    every relation among them dated 1935 or earlier (or undated) is drawn, nothing later is, and
    the note under the figure names every actor left out."""
    fig = drawn(network.actor_network, ev)
    rel, events = ev.relations, ev.events.set_index("id")
    in_1935 = {a for r in rel.itertuples() if _year(r.date) == "1935" for a in (r.source, r.target)}
    for row in ev.event_actors.itertuples():
        first = _year(events.loc[row.event, "date"])
        last = _year(events.loc[row.event, "end_date"]) or first
        if first <= "1935" <= last:
            in_1935.add(row.actor)
    drawn = set(network.plotted_actors(fig))
    assert drawn <= in_1935, f"actors without a part in 1935: {sorted(drawn - in_1935)}"
    expected = sorted(r.id for r in rel.itertuples() if r.source in in_1935 and r.target in in_1935
                      and r.source != r.target and (_year(r.date) or "1935") <= "1935")
    assert network.plotted_relations(fig) == expected
    note = " ".join(t.get_text() for t in fig.texts if t.get_label() == "_left-out").replace("\n", " ")
    for actor in (set(rel["source"]) | set(rel["target"])) - drawn:
        assert ev.actor_name(actor) in note, f"{actor} is left out without a word"
    if isinstance(ev.tables["relations"], pd.DataFrame) and "soviet-union" in set(rel["target"]) | set(rel["source"]):
        assert "soviet-union" not in drawn


def test_network_labels_are_legible_and_inside_their_boxes(ev, drawn):
    """At the width the page gives the figure (672 CSS px for its 7 inches) every box label is at
    least 9 px, sits inside its box, and no two boxes overlap or leave the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = drawn(network.actor_network, ev)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    scale = 672 / (fig.get_figwidth() * 72)  # CSS px per point
    boxes = []
    for t in fig.axes[0].texts:
        if not t.get_label().startswith("_actor:"):
            continue
        assert t.get_fontsize() * scale >= 9, f"{t.get_label()}: {t.get_fontsize() * scale:.1f} px"
        text, box = t.get_window_extent(renderer), t.get_bbox_patch().get_window_extent(renderer)
        assert box.x0 <= text.x0 and text.x1 <= box.x1 and box.y0 <= text.y0 and text.y1 <= box.y1, t.get_label()
        assert fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1), f"{t.get_label()} leaves the figure"
        boxes.append((t.get_label(), box))
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            assert not box_a.overlaps(box_b), f"{a} overlaps {b}"


def _segments_hit(path_points, box) -> bool:
    from heumezu.figures.network import _segment_hits_box
    return any(_segment_hits_box(p, q, box) for p, q in itertools.pairwise(path_points))


def test_network_links_pass_under_no_box_they_do_not_join(ev, drawn):
    """Every segment of every drawn link (its line and arrowhead, curves flattened, in display
    pixels) is tested against every box (the drawn outline of an actor) other than the two it
    joins: none may meet one. Nor may a column header touch a box."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = drawn(network.actor_network, ev)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    boxes = {t.get_label().removeprefix("_actor:"): t.get_bbox_patch().get_window_extent(renderer)
             for t in ax.texts if t.get_label().startswith("_actor:")}
    ends = {key: (u, v) for u, v, key in network.actor_graph(ev, network.YEAR).edges(keys=True)}
    checked = 0
    for patch in ax.patches:
        label = patch.get_label()
        if not label.startswith("_relation:"):
            continue
        u, v = ends[label.removeprefix("_relation:")]
        path = patch.get_transform().transform_path(patch.get_path())
        lines = path.to_polygons(closed_only=False)
        assert lines, f"{label} draws nothing"
        for node, box in boxes.items():
            if node in (u, v):
                continue
            extent = (box.x0 + 0.5, box.y0 + 0.5, box.x1 - 0.5, box.y1 - 0.5)  # touching is not passing under
            for line in lines:
                assert not _segments_hit([tuple(p) for p in line], extent), \
                    f"the link {label} ({u} -> {v}) passes under the box of {node}"
        checked += 1
    assert checked == len(network.plotted_relations(fig)) > 0
    headers = [t.get_window_extent(renderer) for t in ax.texts if t.get_label().startswith("_header:")]
    assert headers, "the columns have no headers"
    gap = 0.05 * fig.dpi  # at least 0.05 in between a header and any box
    for header in headers:
        for node, box in boxes.items():
            apart = (header.x1 + gap <= box.x0 or box.x1 + gap <= header.x0
                     or header.y1 + gap <= box.y0 or box.y1 + gap <= header.y0)
            assert apart, f"a column header touches the box of {node}"


def test_network_layout_is_deterministic(ev):
    graph = network.actor_graph(ev)
    assert network.layered_layout(graph) == network.layered_layout(network.actor_graph(ev))
    pos = network.layered_layout(graph)
    assert len(set(pos.values())) == len(pos), "two actors share a position"
    xs = {side: {x for n, (x, _) in pos.items() if graph.nodes[n]["side"] == side} for side in ("japan", "china")}
    others = {x for n, (x, _) in pos.items() if graph.nodes[n]["side"] not in ("japan", "china")}
    assert max(xs["japan"]) < min(others | xs["china"]), "Japanese actors are not on the left"
    assert min(xs["china"]) > max(others | xs["japan"]), "Chinese actors are not on the right"


def test_network_svg_is_reproducible(ev):
    def svg():
        out = io.StringIO()
        network.actor_network(ev).savefig(out, format="svg", metadata={"Date": None})
        return out.getvalue()
    assert svg() == svg()


# --------------------------------------------------------------------------------------- escalation
def test_demand_counts_equal_demands_table(ev):
    counts = escalation.demand_counts(ev)
    demands = ev.demands
    assert counts.iloc[-1].sum() == len(demands)
    assert list(counts.columns) == [c for c in escalation.CATEGORIES if c in set(demands["category"])]
    days = demands["date"].map(lambda d: pd.Timestamp(dt.date.fromisoformat(d) if len(d) == 10 else
                                                       dt.date(*map(int, (d + "-01-01")[:10].split("-")))))
    for day, row in counts.iterrows():
        for category, n in row.items():
            assert n == ((days <= day) & (demands["category"] == category)).sum()
    assert counts.index.is_monotonic_increasing and counts.index.is_unique


def test_demand_escalation_marks_deadline_and_acceptance(ev):
    deadline = escalation.find_event(ev, escalation.DEADLINE_PATTERNS, "deadline")
    accepted = escalation.find_event(ev, escalation.ACCEPTANCE_PATTERNS, "acceptance")
    fig = escalation.demand_escalation(ev)
    _render(fig)
    ax = fig.axes[0]
    texts = " ".join(t.get_text() for t in ax.texts)
    from heumezu.registers import display_date
    assert display_date(deadline["date"], deadline["precision"], deadline["uncertain"]) in texts
    assert display_date(accepted["date"], accepted["precision"], accepted["uncertain"]) in texts
    assert f"{len(ev.demands)} demands" in texts


def test_demand_escalation_legend_names_the_schema_categories(ev):
    enum = list(vocabulary.enum("demands", "category"))
    fig = escalation.demand_escalation(ev)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    present = [c for c in enum if c in set(ev.demands["category"])]
    assert legend == [c.replace("_", " ") for c in present]


def test_demand_total_label_clears_the_marked_lines(ev):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig = escalation.demand_escalation(ev)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    total = next(t for t in ax.texts if t.get_text() == f"{len(ev.demands)} demands")
    box = total.get_window_extent(renderer)
    assert box.x1 <= fig.bbox.x1 and box.y1 <= fig.bbox.y1, "the total label is cut off"
    verticals = [line for line in ax.get_lines() if len(set(line.get_xdata())) == 1]
    assert len(verticals) == 2
    for line in verticals:
        x = ax.transData.transform((matplotlib.dates.date2num(line.get_xdata()[0]), 0))[0]
        assert not box.x0 - 2 <= x <= box.x1 + 2, "the total label lies across the deadline or acceptance line"


def test_find_event_fails_clearly():
    ev = synthetic()
    with pytest.raises(LookupError, match="no event id contains"):
        escalation.find_event(ev, ("no-such-thing",), "test")


# ----------------------------------------------------------------------------------------- timeline
@pytest.mark.parametrize("kwargs", [
    {}, {"chapter": "background"}, {"chapter": "ultimatum"}, {"chapter": "aftermath"},
    {"chapter": "ultimatum", "start": "1935-05-25", "end": "1935-06-15"},
])
def test_timeline_points_equal_filtered_events(ev, kwargs):
    events = ev.events
    if "chapter" in kwargs:
        events = events[events["chapter"] == kwargs["chapter"]]
    if not len(events):
        pytest.skip("no events in this chapter")
    expected = timeline.timeline_events(ev, **kwargs)
    if "start" in kwargs:
        from heumezu.registers import date_span
        spans = [date_span(d, p, e) for d, p, e in zip(events["date"], events["precision"], events["end_date"])]
        keep = [last >= dt.date(1935, 5, 25) and first <= dt.date(1935, 6, 15) for first, last in spans]
        events = events[keep]
    assert sorted(expected["id"]) == sorted(events["id"])
    if expected.empty:
        return
    fig = timeline.timeline(ev, **kwargs)
    _render(fig)
    points = timeline.plotted_events(fig)
    assert sorted(i for i, _ in points) == sorted(events["id"])
    where = dict(points)
    for row in expected.itertuples():
        assert where[row.id] == pytest.approx(matplotlib.dates.date2num(row.point))


def test_timeline_labels_do_not_overlap(ev):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig = timeline.timeline(ev)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = sorted((t.get_window_extent(renderer) for t in fig.axes[0].texts if "—" in t.get_text()),
                   key=lambda b: b.y0)
    for a, b in itertools.pairwise(boxes):
        assert a.y1 <= b.y0 + 0.5, "two timeline labels overlap"


# ---------------------------------------------------------------------------------------------- map
def test_map_places_come_from_data_and_lie_in_extent(ev, drawn):
    fig = drawn(_map, ev)
    plotted = geography.plotted_places(fig)
    places = ev.places.set_index("id")
    assert set(plotted) <= set(places.index)
    for place in plotted:
        assert geography.EXTENT["lon"][0] <= places.loc[place, "lon"] <= geography.EXTENT["lon"][1]
        assert geography.EXTENT["lat"][0] <= places.loc[place, "lat"] <= geography.EXTENT["lat"][1]
    assert sorted(plotted) == sorted(geography.places_in_extent(ev)["id"])


def test_dmz_line_is_drawn_through_the_places_of_the_truce_line(ev, drawn):
    rows = geography.dmz_line_places(ev)
    on_line = ev.places[ev.places["tanggu_line"].notna()]
    assert sorted(rows["id"]) == sorted(on_line["id"])
    assert list(rows["tanggu_line"]) == sorted(on_line["tanggu_line"])
    fig = drawn(_map, ev)
    lines = [line for ax in fig.axes for line in ax.get_lines() if line.get_label() == "_dmz-line"]
    if len(rows) >= 2:
        assert lines and all(len(line.get_xdata()) == len(rows) for line in lines)
    else:
        assert not lines


def test_map_labels_peiping_and_tianjin_on_the_main_map_and_draws_the_wall_and_a_scale(real_ev, drawn):
    """The main map names Peiping and Tianjin (not only the inset), draws the Great Wall through the
    passes of the places table and only those, and has a scale bar."""
    ev = real_ev
    fig = drawn(_map, ev)
    main = {label["id"] for label in geography.place_labels(fig) if label["axes"] == 0}
    assert {"peiping", "tianjin"} <= main
    passes = ev.places[ev.places["type"] == "pass"]
    walls = [line for line in fig.axes[0].get_lines() if line.get_label() == "_great-wall"]
    assert len(walls) == 1 and len(walls[0].get_xdata()) == len(geography.great_wall_places(ev)) == len(passes)
    assert any(a.get_label() == "_scale" for a in fig.axes[0].get_children())
    # The main map ends where the data do: no empty band south of the southernmost place.
    south = geography.places_in_extent(ev)["lat"].min()
    assert geography.EXTENT["lat"][0] > south - 1.0


@pytest.mark.slow  # draws the map
def test_map_emits_nothing_on_stderr(capfd):
    geography.north_china_map(synthetic(), resolution="l").savefig(io.BytesIO(), format="png")
    assert capfd.readouterr().err == ""


def test_map_labels_sit_by_their_points(ev, drawn):
    """Each label is next to its own point (within a few points, and nearer it than any other point not
    coinciding with it) or joined to it by a leader line; labels do not overlap; the main map labels
    the places outside the inset's box, the inset every place inside it, each place once."""
    import math
    fig = drawn(_map, ev)
    labels = geography.place_labels(fig)
    pt = fig.dpi / 72
    markers = {}
    for number, ax in enumerate(fig.axes):
        for line in ax.get_lines():
            if line.get_label().startswith("_place:"):
                xy = ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
                markers[number, line.get_label().removeprefix("_place:")] = tuple(xy)

    def distance(box, point):
        dx = max(box[0] - point[0], 0, point[0] - box[2])
        dy = max(box[1] - point[1], 0, point[1] - box[3])
        return math.hypot(dx, dy)

    for label in labels:
        frame = fig.axes[label["axes"]].get_window_extent().extents
        box = label["box"]
        assert frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3], label
        if label["area"]:
            continue
        own = markers[label["axes"], label["id"]]
        assert math.dist(own, label["point"]) < 0.5, f"{label['id']}: label anchored off its marker"
        if label["leader"]:
            assert distance(box, own) <= 70 * pt, f"{label['id']}: leader too long"
            continue
        assert distance(box, own) <= 8 * pt, f"{label['id']}: label {distance(box, own) / pt:.1f} pt from its point"
        for (number, other), xy in markers.items():
            if number == label["axes"] and other != label["id"] and math.dist(xy, own) > geography.MARKER_SIZE * pt:
                assert distance(box, xy) > distance(box, own), f"{label['id']}: label nearer {other}"
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if a["axes"] == b["axes"]:
                w = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
                h = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
                assert w <= 0 or h <= 0, f"labels of {a['id']} and {b['id']} overlap"

    places = geography.places_in_extent(ev).set_index("id")
    in_box = (places["lon"].between(*geography.INSET["lon"]) & places["lat"].between(*geography.INSET["lat"])
              & (places["type"] != "province"))
    with_inset = len(fig.axes) > 1
    expected = sorted([(p, 1 if inside and with_inset else 0) for p, inside in in_box.items()]
                      + [(p, 0) for p in geography.MAIN_MAP_ALSO if with_inset and in_box.get(p, False)])
    assert sorted((label["id"], label["axes"]) for label in labels) == expected, "a place is unlabelled or twice"
    lines = [line for ax in fig.axes for line in ax.get_lines() if line.get_label() == "_dmz-line"]
    assert len(lines) == len(fig.axes) or len(geography.dmz_line_places(ev)) < 2


def test_every_style_map_covers_its_schema_enum():
    """A value the schema allows but a figure has no style for would pass validation and break the build."""
    from heumezu.figures import attestation, style

    enum = vocabulary.enum
    covered = {
        "places.type": set(geography.MARKERS) | geography.AREA_TYPES,
        "places.type (labels)": set(geography.TYPE_LABELS) | geography.AREA_TYPES,
        "relations.type": set(network.EDGE_STYLES),
        "actors.side": set(style.PALETTE),
        "events.chapter (markers)": set(timeline.CHAPTER_MARKERS),
        "events.chapter (colours)": set(timeline.CHAPTER_COLOURS),
        "attestations.status": set(attestation.STATUS_STYLE) & set(attestation.STATUSES),
        "demands.category": set(escalation.CATEGORIES[:len(escalation.HATCHES)]),
    }
    missing = {name: sorted(set(enum(*name.split(" ")[0].split("."))) - values) for name, values in covered.items()}
    assert not any(missing.values()), missing
    groups = {network.group_of({"side": side, "kind": kind})
              for side in enum("actors", "side") for kind in enum("actors", "kind")}
    assert groups <= set(network.GROUP_TITLES)


# Present-day positions (decimal degrees, from the towns' and harbours' published coordinates) on
# or at the coast, and points that must be sea or land. The shipped coastline is GSHHG's
# intermediate resolution; 15 km is well above its error and well below the map's smallest scale.
COAST_SAMPLES = {
    "Qinhuangdao harbour": (119.60, 39.92),
    "Shanhaiguan, Laolongtou": (119.80, 39.97),
    "Tanggu": (117.70, 39.02),
    "Dalian harbour": (121.65, 38.93),
    "Yingkou": (122.23, 40.67),
    "Huludao": (120.84, 40.71),
    "Yantai": (121.40, 37.54),
}
SEA_SAMPLES = {"Bohai Sea": (120.0, 39.0), "Liaodong Bay": (121.0, 40.2), "Bohai Strait": (121.0, 38.2)}
LAND_SAMPLES = {"Peiping": (116.40, 39.90), "Chengde": (117.93, 40.97), "Shenyang": (123.43, 41.80)}


def _coast_km(real_ev):
    """(distance in km from a point to the nearest coast segment, is-on-land) for the shipped coast."""
    from matplotlib.path import Path

    m = geography.Mercator()
    rings = geography._rings(real_ev.tables["coastline"], "ring")
    segments = np.vstack([np.column_stack([r[:-1], r[1:]]) for _, r in rings])  # lon0 lat0 lon1 lat1

    def distance(lon, lat):
        ax_, ay_ = m(segments[:, 0], segments[:, 1])
        bx, by = m(segments[:, 2], segments[:, 3])
        px, py = m(lon, lat)
        dx, dy = bx - ax_, by - ay_
        t = np.clip(((px - ax_) * dx + (py - ay_) * dy) / np.maximum(dx * dx + dy * dy, 1e-12), 0, 1)
        return float(np.min(np.hypot(ax_ + t * dx - px, ay_ + t * dy - py))) / geography.Mercator.km(1, lat)

    def on_land(lon, lat):
        inside = [level for level, r in rings if Path(r).contains_point((lon, lat))]
        return bool(inside) and max(inside) in (1, 3)  # innermost ring: land or island in a lake

    return distance, on_land


def test_coastline_stays_close_to_the_present_day_coast(real_ev):
    distance, on_land = _coast_km(real_ev)
    for name, (lon, lat) in COAST_SAMPLES.items():
        assert distance(lon, lat) < 15, (name, round(distance(lon, lat), 1))
    for name, (lon, lat) in SEA_SAMPLES.items():
        assert not on_land(lon, lat), name
    for name, (lon, lat) in LAND_SAMPLES.items():
        assert on_land(lon, lat) and distance(lon, lat) > 40, name
