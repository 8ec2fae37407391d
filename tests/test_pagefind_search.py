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


def test_each_cjk_character_is_spaced_and_nothing_else():
    spaced = pagefind_search.spaced
    assert spaced("梅津・何応欽協定 was concluded") == "梅 津 ・ 何 応 欽 協 定 was concluded"
    assert spaced("ねっかさくせん") == "ね っ か さ く せ ん"
    assert spaced("𠀀𠀁 and 酒井隆") == "𠀀 𠀁 and 酒 井 隆"  # the supplementary planes' ideographs too
    assert spaced("Umezu Yoshijirō, 1935年6月") == "Umezu Yoshijirō, 1935年6月"  # digits are not spaced
    assert spaced('<span lang="ja">梅津</span>') == '<span lang="ja">梅 津</span>'
    assert spaced("梅") == "梅" and spaced("") == ""


def test_the_search_page_gets_the_same_characters():
    """The search page's character class is CJK_RANGES', written as JavaScript reads it."""
    js = pagefind_search.cjk_class_js()
    assert js.count("-") == len(pagefind_search.CJK_RANGES)
    for low, high in pagefind_search.CJK_RANGES:
        assert f"\\u{{{low:x}}}-\\u{{{high:x}}}" in js


def _fragments(out: Path) -> list[dict]:
    import gzip
    import json

    prefix = b"pagefind_dcd"
    return [json.loads(gzip.decompress(p.read_bytes()).removeprefix(prefix))
            for p in sorted((out / "pagefind" / "fragment").iterdir())]


@pytest.mark.sphinx("html", testroot="pagefind", freshenv=True)
def test_pagefind_reads_the_characters_spaced_the_pages_are_unchanged(app):
    app.build()
    out = Path(app.outdir)
    # Pagefind writes a segment mark (U+200B) after each word it segmented
    contents = " ".join(fragment["content"] for fragment in _fragments(out)).replace("\u200b", "")
    assert "協 定" in contents and "酒 井 隆" in contents and "Umezu" in contents
    assert "梅津・何応欽協定" in (out / "index.html").read_text(encoding="utf-8")
    assert not list(out.glob(".pagefind-*"))  # neither the copy Pagefind read nor the scratch index
    assert "data-cjk=" not in (out / "index.html").read_text(encoding="utf-8")
