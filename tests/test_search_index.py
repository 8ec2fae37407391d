"""Search index text escaped (heumezu_sphinx.search_index), on the small project
tests/roots/test-search-index: a section titled with an ``<img onerror>`` and an index entry with a
``<script>``. Sphinx's search page inserts 'alltitles' and 'indexentries' with innerHTML, so both
must reach searchindex.js as escaped text (as the page titles already are)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from heumezu_sphinx import search_index

TITLE = "<img src=x onerror=alert(1)> & more"
ENTRY = '<script>alert("entry")</script>'


def _index(app) -> dict:
    text = (Path(app.outdir) / "searchindex.js").read_text()
    return json.loads(re.fullmatch(r"Search\.setIndex\((.*)\)\s*", text, re.DOTALL)[1])


@pytest.mark.sphinx("html", testroot="search-index", freshenv=True, warningiserror=True)
def test_section_titles_and_index_entries_are_escaped(app):
    app.build()
    index = _index(app)
    assert search_index.escaped(TITLE) == "&lt;img src=x onerror=alert(1)&gt; &amp; more"
    assert search_index.escaped(TITLE) in index["alltitles"]
    assert search_index.escaped(ENTRY) in index["indexentries"]
    raw = json.dumps(index)
    assert "<img" not in raw and "<script" not in raw
    # Page titles were escaped by Sphinx already; they are not escaped twice.
    assert "A page" in index["titles"] and "&amp;amp;" not in raw


@pytest.mark.sphinx("html", testroot="search-index", warningiserror=True)
def test_an_incremental_build_does_not_escape_twice(app):
    """The second build reloads the escaped index and feeds only changed pages."""
    app.build()
    (Path(app.srcdir) / "index.rst").write_text((Path(app.srcdir) / "index.rst").read_text() + "\nChanged.\n")
    app.build()
    index = _index(app)
    assert search_index.escaped(TITLE) in index["alltitles"]
    assert "&amp;lt;" not in json.dumps(index)
