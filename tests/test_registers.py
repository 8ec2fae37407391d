"""Tests of the registers behind the reference pages: every row comes from the data, none is lost.

As in test_figures.py, each test runs on the real evidence and on the synthetic Evidence defined there.
"""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest

import heumezu as hu
from heumezu import registers
from heumezu.table import Cite, Indexed, Strong, sources, text_of

_spec = importlib.util.spec_from_file_location("_figure_tests", Path(__file__).with_name("test_figures.py"))
_figure_tests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_figure_tests)
synthetic = _figure_tests.synthetic


@pytest.fixture(scope="module", params=["real", "synthetic"])
def ev(request):
    if request.param == "synthetic":
        return synthetic()
    return hu.load()


# -------------------------------------------------------------------------------------------- dates
@pytest.mark.parametrize("args, expected", [
    (("1935-06-10", "day"), "10 June 1935"),
    (("1935-06", "month"), "June 1935"),
    (("1935", "year"), "1935"),
    (("1935-06-10", "day", True), "c. 10 June 1935"),
    (("1935-06", "month", True), "c. June 1935"),
    (("1935-06-06", "day", False, "1935-06-10"), "6–10 June 1935"),
    (("1935-05-29", "day", False, "1935-06-10"), "29 May – 10 June 1935"),
    (("1936-12-12", "day", False, "1937-01-02"), "12 December 1936 – 2 January 1937"),
    (("1935-06-10", None), "10 June 1935"),
])
def test_display_date(args, expected):
    assert registers.display_date(*args) == expected


def test_display_date_ignores_missing_values():
    assert registers.display_date(pd.NA) == ""
    assert registers.display_date("1935-06-10", "day", pd.NA, pd.NA) == "10 June 1935"


def test_life_dates():
    assert registers.life_dates("1890", "1987") == "1890–1987"
    assert registers.life_dates("1882-01-04", "1949-01-08") == "4 January 1882 – 8 January 1949"
    assert registers.life_dates(pd.NA, "1949") == "?–1949"
    assert registers.life_dates(pd.NA, pd.NA) == ""


# ------------------------------------------------------------------------------------- chronology
def test_chronology_has_every_event_in_date_order(ev):
    chron = registers.chronology(ev)
    assert sorted(chron["id"]) == sorted(ev.events["id"])
    firsts = [registers.date_span(*ev.events.set_index("id").loc[i, ["date", "precision"]])[0] for i in chron["id"]]
    assert firsts == sorted(firsts)
    events = ev.events.set_index("id")
    for row in chron.itertuples(index=False):
        e = events.loc[row.id]
        assert row.Date.startswith("c. ") == bool(e["uncertain"])
        if e["precision"] == "month":
            assert re.search(r"^(c\. )?[A-Z][a-z]+ \d{4}", row.Date), row.Date


@pytest.mark.parametrize("chapter", registers.CHAPTERS)
def test_chronology_by_chapter(ev, chapter):
    chron = registers.chronology(ev, chapter)
    assert sorted(chron["id"]) == sorted(ev.events.loc[ev.events["chapter"] == chapter, "id"])


# -------------------------------------------------------------------------------------- registers
def test_persons_one_row_per_actor(ev):
    reg = registers.persons(ev)
    assert sorted(reg["id"]) == sorted(ev.actors["id"])
    assert reg["id"].is_unique
    actors = ev.actors.set_index("id")
    for row in reg.itertuples(index=False):
        native = actors.loc[row.id, "name_native"]
        expected = native if isinstance(native, str) else "not known"  # no source gives it
        assert text_of(row[reg.columns.get_loc("Native script")]).startswith(expected)


def test_witness_forms_equal_attestation_quotes(ev):
    for table, register, column in (("actors", registers.persons, "How the witnesses name them"),
                                    ("places", registers.gazetteer, "How the witnesses name it")):
        forms = registers.witness_forms(ev, table)
        att = ev.attestations[ev.attestations["table"] == table]
        for (row, siglum), group in att.groupby(["row", "witness"]):
            assert {f.quote for f in forms[row][siglum]} == set(group["quote"]), (row, siglum)
        reg = register(ev).set_index("id")
        for row, per_witness in forms.items():
            if row not in reg.index:
                continue
            cell = reg.loc[row, column]
            for siglum, quotes in per_witness.items():
                assert Strong(siglum) in cell
                for form in quotes:
                    assert f"“{form.quote}”{form.mark}" in text_of(cell)


def test_corrupted_forms_are_marked():
    forms = registers.witness_forms(synthetic(), "actors")["he-yingqin"]
    assert forms["X"] == [("He Ying-chin", ""), ("Ho Yin", " (corrupted)")]  # text order, mark kept
    assert forms["E"] == [("He Yingqin", "")] and forms["F"] == [("He Yingqin", "")]


def test_a_status_mark_stands_outside_the_quoted_words():
    forms = registers.witness_forms(synthetic(), "actors")["he-yingqin"]
    cell = registers._forms_cell(forms, ("F", "E", "X"))
    text = "".join(p if isinstance(p, str) else p.text for p in cell)
    assert "“Ho Yin” (corrupted)" in text and "(corrupted)”" not in text, text


def test_gazetteer_one_row_per_place(ev):
    reg = registers.gazetteer(ev)
    assert sorted(reg["id"]) == sorted(ev.places["id"])


def test_glossary_has_every_term_as_plain_text(ev):
    reg = registers.glossary(ev)
    assert sorted(reg["id"]) == sorted(ev.glossary["id"])
    assert list(reg["Term"]) == sorted(reg["Term"], key=str.casefold)
    terms = ev.glossary.set_index("id")
    for row in reg.itertuples(index=False):
        assert row.Term == terms.loc[row.id, "term"] and row.Definition == terms.loc[row.id, "definition"]


def test_register_tables_keep_values_as_text_and_rows_complete(ev):
    """No escaping and no markup: a cell holds the value itself (the directives make nodes of it)."""
    persons = registers.actors_table(ev, "person")
    organisations = registers.actors_table(ev, "organisation")
    assert len(persons.rows) + len(organisations.rows) == len(ev.actors)
    names = {text_of(row[0]) for row in persons.rows + organisations.rows}
    assert names == set(ev.actors["name_en"])
    assert all(isinstance(row[0], Indexed) for row in persons.rows)
    assert persons.header == tuple(registers.ACTOR_WIDTHS) and len(persons.widths) == len(persons.header)
    assert len(registers.places_table(ev).rows) == len(ev.places)


def test_chronology_table_picks_columns_and_refuses_unknown_ones(ev):
    table = registers.chronology_table(ev, "ultimatum", ["Date", "Event", "Sources"])
    assert table.header == ("Date", "Event", "Sources")
    assert len(table.rows) == int((ev.events["chapter"] == "ultimatum").sum())
    with pytest.raises(ValueError, match="unknown chronology columns"):
        registers.chronology_table(ev, None, ["Date", "Colour"])


def test_sources_cell_separates_sigla_from_citations():
    assert sources("F;wp-a;E;frus-1", ("F", "E", "X")) == ("F, E", ", ", Cite(("wp-a", "frus-1")))
    assert sources("wp-a", ("F",)) == (Cite(("wp-a",)),)
    assert sources(pd.NA, ("F",)) == ()


def test_demands_register_has_every_demand_in_date_order(ev):
    reg = registers.demands(ev)
    assert sorted(reg["id"]) == sorted(ev.demands["id"])
    dates = ev.demands.set_index("id").loc[list(reg["id"]), "date"]
    assert list(dates) == sorted(dates)
    for row in reg.itertuples(index=False):
        keys = ev.demands.set_index("id").loc[row.id, "sources"].split(";")
        assert all(key in text_of(row.Sources) for key in keys)


def test_native_names_carry_the_datas_language(ev):
    """Each native-script cell is in its language (issue 26): Chinese names zh-Hant, Japanese ja,
    the simplified form zh-Hans; a glossary cell with two forms, one tag each."""
    from heumezu.table import Lang
    reg = registers.persons(ev).set_index("id")
    actors = ev.actors.set_index("id")
    for actor_id, cell in reg["Native script"].items():
        langs = [p for p in cell if isinstance(p, Lang)]
        native, tag = actors.loc[actor_id, "name_native"], actors.loc[actor_id, "name_native_lang"]
        if isinstance(native, str) and isinstance(tag, str):  # (the synthetic data gives no tags)
            assert langs[0] == Lang(native, tag)
            assert all(p.tag == "zh-Hans" for p in langs[1:])
    if isinstance(actors["name_native_lang"].get("he-yingqin"), str):  # the real data: a Chinese name and its simplified form
        assert [p for p in reg.loc["he-yingqin", "Native script"] if isinstance(p, Lang)] == [
            Lang("何應欽", "zh-Hant"), Lang("何应钦", "zh-Hans")]
        assert Lang("梅津美治郎", "ja") in reg.loc["umezu-yoshijiro", "Native script"]
        glossary = registers.glossary(ev).set_index("id")
        assert glossary.loc["he-umezu-agreement", "Native"] == (
            Lang("何梅協定", "zh-Hant"), "; ", Lang("梅津・何応欽協定", "ja"))
        places = registers.gazetteer(ev).set_index("id")
        assert places.loc["tokyo", "Native script"] == (Lang("東京", "ja"),)


def test_prose_cells_tag_the_runs_the_data_knows():
    """A note's Chinese or Japanese run is tagged when it is a form the data tags (the chronology's
    覚書, the glossary's Japanese term) or has kana; a run the data does not know stays plain."""
    from heumezu.table import Lang, tag_runs
    known = {"覚書": "ja", "曾擴情": "zh-Hant"}
    assert tag_runs("The written Japanese memorandum (覚書) listing", known) == (
        "The written Japanese memorandum (", Lang("覚書", "ja"), ") listing")
    assert tag_runs("Abbreviated 軍分會 in Chinese sources", known) == "Abbreviated 軍分會 in Chinese sources"
    assert tag_runs(("garbled (", "曾擴情", ")"), known) == ("garbled (", Lang("曾擴情", "zh-Hant"), ")")


def test_japanese_surnames_are_mentions_and_chinese_ones_are_not():
    """After "Sakai Takashi" the prose says "Sakai": that is a mention (index and link); a Chinese
    surname ("He", "Yu") is not, nor a surname that another registered name contains."""
    import pandas as pd

    from heumezu import registers

    actors = pd.DataFrame([
        {"id": "sakai-takashi", "kind": "person", "name_en": "Sakai Takashi", "hepburn": "Sakai Takashi"},
        {"id": "he-yingqin", "kind": "person", "name_en": "He Yingqin", "hepburn": None},
        {"id": "minami-jiro", "kind": "person", "name_en": "Minami Jirō", "hepburn": "Minami Jirō"},
        {"id": "kwantung-army", "kind": "organisation", "name_en": "Kwantung Army", "hepburn": "Kantōgun"},
    ])
    places = pd.DataFrame([{"id": "minami-street", "name_en": "Minami Street"}])
    ev = type("Ev", (), {"actors": actors, "places": places})()
    assert registers.surnames(ev) == [("Sakai", "register-sakai-takashi")]
