"""The collation of X against E, rebuilt from the witness files with CollateX."""
from __future__ import annotations

from pathlib import Path

import pytest

import heumezu as hu
from heumezu import collation

BOOK = Path(__file__).resolve().parents[1] / "book" / "sources"


@pytest.fixture(scope="module")
def ev():
    return hu.load()


@pytest.fixture(scope="module")
def app(ev):
    return collation.apparatus(ev)


def test_segments_cover_x_completely(ev):
    x = ev.witness_text("X")
    seg = ev.segments[ev.segments["witness"] == "X"].sort_values("start")
    starts, ends = list(seg["start"].astype(int)), list(seg["end"].astype(int))
    assert starts[0] == 0 and ends[-1] == len(x)
    assert starts[1:] == ends[:-1]


def test_segment_origins_agree_with_the_text(ev):
    """Passages said to derive from E resemble a run of E; foreign passages resemble none."""
    for p in collation.passages(ev):
        if p.origin == "derived_from_E":
            assert p.similarity >= collation.DERIVED_THRESHOLD, p
            assert p.e_start is not None
        elif p.origin == "foreign":
            assert p.similarity < collation.DERIVED_THRESHOLD, p


def test_apparatus_is_read_from_the_witness_files(ev, app):
    e, x = ev.witness_text("E"), ev.witness_text("X")
    assert len(app) > 0
    for v in app.itertuples():
        if v.e_start is not None and str(v.e_start) != "<NA>":
            assert e[int(v.e_start):int(v.e_end)] == v.e_reading
        if v.x_start is not None and str(v.x_start) != "<NA>":
            assert x[int(v.x_start):int(v.x_end)] == v.x_reading
        assert v.type in collation.VARIANT_TYPES
        assert collation.normalise(v.e_reading) != collation.normalise(v.x_reading)


def test_apparatus_is_deterministic(ev, app):
    again = collation.apparatus(ev)
    assert again.equals(app)


def test_variants_fall_in_derived_segments_only(ev, app):
    seg = ev.segments.set_index("id")
    assert set(seg.loc[list(set(app["segment"])), "origin"]) == {"derived_from_E"}
    for v in app.itertuples():
        assert int(seg.loc[v.segment, "start"]) <= int(v.x_at) <= int(seg.loc[v.segment, "end"])


def test_corruptions_recorded_in_readings_show_up_in_the_collation(ev, app):
    seg = ev.segments[ev.segments["origin"] == "derived_from_E"]
    for r in ev.readings[(ev.readings["witness"] == "X") & (ev.readings["kind"] == "corruption")].itertuples():
        inside = ((seg["start"] <= r.start) & (seg["end"] >= r.end)).any()
        if inside:
            hits = app[app["reading_id"] == r.id]
            assert len(hits) >= 1 and set(hits["type"]) == {"corruption"}, r.id


def test_the_sources_page_shows_this_apparatus(ev, app):
    page = (BOOK / "collation.md").read_text(encoding="utf-8")
    assert "{heumezu-x-apparatus}" in page and "{heumezu-x-passages}" in page
    from heumezu import apparatus, crossrefs
    from heumezu.table import Anchor, Link, text_of

    # Rows are shown in the apparatus's order; the passage is a link to its numbered row in the
    # passages table, and no id (x-seg-…, x-rd-…) is shown to the reader.
    shown = apparatus.x_apparatus_table(ev).rows
    assert [(r[0].label, r[3]) for r in shown] == [(crossrefs.segment_label(s), t) for s, t in zip(app["segment"], app["type"])]
    passages = apparatus.x_passages_table(ev).rows
    assert [r[0][0] for r in passages] == [Anchor(crossrefs.segment_label(p.segment)) for p in collation.passages(ev)]
    assert [text_of(r[0]) for r in passages] == [str(i) for i in range(1, len(passages) + 1)]
    assert {r[0].text for r in shown} <= {text_of(r[0]) for r in passages}
    corrections = [r[4] for r in shown if r[4]]
    assert corrections and all(isinstance(c, Link) and c.label.startswith("correction-x-rd-") for c in corrections)
    assert not any("x-seg-" in text_of(cell) or "x-rd-" in text_of(cell) for r in shown + passages for cell in r)
