"""Tables on a phone (heumezu_sphinx.tables): decided at build time, not by a script after the
first paint (a layout shift). A small Sphinx project checks the HTML the extension writes, with
hostile header text; the built site checks the edition's own tables."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from heumezu_sphinx import tables

HOSTILE = '"><script>alert(1)</script> & <b>'

# The small project: tests/roots/test-tables (a wide table with HOSTILE as a header, a narrow
# one, one with spanning cells, one without a header).
html_build = pytest.mark.sphinx("html", testroot="tables", freshenv=True, warningiserror=True)


@pytest.fixture()
def small_html(app) -> str:
    app.build()
    assert not app.warning.getvalue()
    return (Path(app.outdir) / "index.html").read_text()


def _tables(html: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup(html, "html.parser")
    return {t.select_one(".caption-text").get_text(strip=True).split(" ")[-1]: t
            for t in soup.select("table")}


@html_build
def test_wide_table_is_stacked_and_its_cells_labelled(small_html):
    table = _tables(small_html)["wide"]
    assert "heumezu-stacked" in table["class"]
    headers = [th.get_text() for th in table.select("thead th")]
    for row in table.select("tbody tr"):
        assert [td.get("data-label") for td in row.select("td")] == headers


@html_build
def test_hostile_header_stays_text(small_html):
    """The header is data: an escaped attribute value, never markup."""
    assert "<script>alert" not in small_html and "<b>" not in small_html
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert f'data-label="{escaped}"' in small_html
    cell = _tables(small_html)["wide"].select("tbody td")[1]
    assert cell["data-label"] == HOSTILE


@html_build
def test_narrow_and_headless_tables_stay_tables(small_html):
    found = _tables(small_html)
    for name in ("narrow", "header"):
        assert "heumezu-stacked" not in found[name]["class"], name
        assert not found[name].select("[data-label]"), name


@html_build
def test_spanning_cells_are_labelled_by_their_column(small_html):
    """Row and column spans keep their markup (docutils' own visit_entry) and their labels."""
    table = _tables(small_html)["spans"]
    rows = [[(td.get_text(strip=True), td.get("data-label"), td.get("colspan"), td.get("rowspan"))
             for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert rows == [
        [("a1", "A", None, None), ("b1 c1", "B", "2", None), ("d1", "D", None, None)],
        [("a2", "A", None, "2"), ("b2", "B", None, None), ("c2", "C", None, None), ("d2", "D", None, None)],
        [("b3", "B", None, None), ("c3", "C", None, None), ("d3", "D", None, None)],
    ]
    assert [th.name for th in table.select("thead th")] == ["th"] * 4


@pytest.mark.sphinx("latex", testroot="tables", freshenv=True, warningiserror=True)
def test_other_builders_get_plain_tables(app):
    """The PDF's LaTeX (and any non-HTML output) is written from the unchanged document."""
    app.build()
    [tex] = Path(app.outdir).glob("*.tex")
    latex = tex.read_text()
    assert "data-label" not in latex and "heumezu-stacked" not in latex
    assert r"\textless{}script\textgreater{}" in latex


def test_edition_js_no_longer_lays_out_tables():
    """What the script did after the first paint is now in the HTML."""
    script = (ROOT / "book" / "_static" / "edition.js").read_text()
    assert "data-label" not in script and "heumezu-stacked" not in script


def test_site_stacked_tables_carry_their_headers(site):
    """Every table of the edition with four or more columns and a header is stacked on a phone,
    each body cell labelled with its column's header; the narrower ones are not."""
    stacked = 0
    for page in sorted(site.rglob("*.html")):
        if page.is_relative_to(site / "_static"):
            continue
        article = BeautifulSoup(page.read_text(), "html.parser").select_one(".bd-article")
        for table in article.select("table") if article else []:
            headers = [re.sub(r"\s+", " ", th.get_text()).strip()
                       for th in table.select("thead tr:last-child th")]
            where = f"{page.relative_to(site)}: table {headers}"
            if len(headers) < tables.STACK_FROM_COLUMNS:
                assert "heumezu-stacked" not in table.get("class", []), where
                continue
            assert "heumezu-stacked" in table["class"], where
            stacked += 1
            for row in table.select("tbody tr"):
                labels = [td.get("data-label") for td in row.find_all(["td", "th"], recursive=False)]
                assert labels == headers[:len(labels)], where
    assert stacked >= 10
