"""The search index (heumezu_sphinx.pagefind_search) on the small project tests/roots/test-pagefind:
Pagefind's extended binary runs after the build, writes its bundle into pagefind/ only when it
succeeded, and a failure stops the build with Pagefind's message. The browser tests of the
search page are in test_search.py."""
from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from heumezu_sphinx import pagefind_search

pytestmark = pytest.mark.slow  # runs Pagefind's binary


def test_kinds_of_pages():
    assert pagefind_search.kind_of("notebooks/02_ultimatum") == "chapter"
    assert pagefind_search.kind_of("book/documents/memorandum") == "document"
    assert pagefind_search.kind_of("book/reference/persons") == "register"
    assert pagefind_search.kind_of("book/sources/witnesses") == "source"
    assert pagefind_search.kind_of("book/about/cite") == "page"
    assert pagefind_search.kind_of("search") is None and pagefind_search.kind_of("genindex") is None


def test_the_binary_is_the_extended_build():
    assert pagefind_search.executable().name == "pagefind_extended"


@pytest.mark.sphinx("html", testroot="pagefind", freshenv=True, warningiserror=True)
def test_the_index_is_written_for_the_marked_pages(app):
    app.build()
    out = Path(app.outdir)
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert list((out / "pagefind").glob("index/*.pf_index")) and list((out / "pagefind").glob("fragment/*"))
    assert not list(out.glob(".pagefind-*"))  # no scratch folder left
    assert "data-pagefind-body" in (out / "index.html").read_text()
    assert 'data-pagefind-meta="kind:register"' in (out / "book/reference/persons.html").read_text()
    assert "data-pagefind-body" not in (out / "search.html").read_text()


@pytest.mark.sphinx("html", testroot="pagefind", freshenv=True)
def test_the_index_is_the_same_bytes_twice(app):
    app.build()
    out = Path(app.outdir)
    first = {p.relative_to(out): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    pagefind_search.build_index(out)
    second = {p.relative_to(out): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert first == second


@pytest.mark.sphinx("html", testroot="pagefind", freshenv=True)
def test_a_failure_stops_the_build_and_keeps_the_old_index(app, monkeypatch):
    app.build()
    out = Path(app.outdir)
    before = sorted(p.name for p in (out / "pagefind").rglob("*"))
    monkeypatch.setattr(pagefind_search, "command", lambda site, output: [
        "sh", "-c", "echo 'Error: no pages to index' >&2; exit 1"])
    with pytest.raises(ExtensionError, match=r"(?s)Pagefind failed.*no pages to index"):
        pagefind_search.build_index(out)
    assert sorted(p.name for p in (out / "pagefind").rglob("*")) == before
    assert not list(out.glob(".pagefind-*"))
