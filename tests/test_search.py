"""The search page in a real browser (Debian's Chromium through Playwright), on the built site.

Pagefind's results arrive asynchronously: each test opens ``search.html?q=WORD`` (the address a
reader bookmarks) and waits until the page has written its results (``data-state``). For words
in each script, the pages found are compared with the pages whose article contains the word
(read from the built HTML): at least nine in ten must be found. A title made to run script,
served in place of a real one, is shown as text.
"""
from __future__ import annotations

import gzip
import json
from urllib.parse import quote, urlsplit

import pytest

from site_server import serve
from test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.build

# A word in each script: English; Chinese in traditional (何應欽) and simplified (何应钦) forms;
# Japanese in kanji (酒井隆) and in kana inside a longer run (さくせん in ねっかさくせん). 梅津 and 協定
# are the words Pagefind's own segmenter missed (inside 梅津致何应钦备忘录 and 何梅協定): each CJK
# character is now a word of the index (heumezu_sphinx.pagefind_search.spaced).
WORDS = ["Umezu", "Hebei", "梅津", "何應欽", "何应钦", "協定", "酒井隆", "さくせん"]
PAYLOAD = "<img src=x onerror=alert(1)>"


def pages_containing(site, word: str) -> set[str]:
    from bs4 import BeautifulSoup

    found = set()
    for page in site.rglob("*.html"):
        if page.is_relative_to(site / "_static"):
            continue
        body = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("[data-pagefind-body]")
        if body is not None and word in body.get_text():
            found.add(page.relative_to(site).as_posix())
    return found


@pytest.fixture(scope="module")
def search(site):
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-env`")
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        origin = urlsplit(url).netloc

        def run(query: str, width: int = 1280, route=None):
            page = chromium.new_context(viewport={"width": width, "height": 900}).new_page()
            page.dialogs, page.external = [], []
            page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))

            def local_only(r):
                if urlsplit(r.request.url).netloc == origin:
                    return r.continue_()
                page.external.append(r.request.url)
                return r.abort()
            page.route("**/*", local_only)
            if route:
                page.route(*route)
            page.goto(url + "search.html?q=" + quote(query), wait_until="load")
            page.wait_for_selector("#search-results[data-state]", timeout=30000)
            page.found = {a.split("#")[0].removeprefix(url) for a in
                          page.eval_on_selector_all("#search-results li > a", "els => els.map(e => e.href)")}
            return page

        yield run
        chromium.close()


@pytest.mark.parametrize("word", WORDS)
def test_a_word_in_any_script_finds_nine_in_ten_of_its_pages(site, search, word):
    expected = pages_containing(site, word)
    assert expected, f"no page contains {word!r}: choose another word"
    page = search(word)
    missing = expected - page.found
    assert page.evaluate("document.querySelector('#search-results').dataset.state") == "done"
    assert len(missing) <= len(expected) / 10, f"{word}: {len(missing)} of {len(expected)} missing: {sorted(missing)}"
    assert page.external == [] and page.dialogs == []


def test_results_are_grouped_by_kind_with_their_passage(search):
    page = search("梅津")
    kinds = page.eval_on_selector_all(".heumezu-search-group", "els => els.map(e => e.dataset.kind)")
    assert {"chapter", "register"} <= set(kinds), kinds
    marks = page.eval_on_selector_all("#search-results mark", "els => els.map(e => e.textContent)")
    assert marks and set(marks) == {"梅津"}, marks
    # The passage is the article's: no navigation text in any excerpt.
    excerpts = " ".join(page.eval_on_selector_all(".heumezu-search-excerpt", "els => els.map(e => e.textContent)"))
    assert "Skip to main content" not in excerpts and "Download the whole edition" not in excerpts


def test_characters_are_shown_joined_and_spaces_kept(search):
    """The index spaces each CJK character (heumezu_sphinx.pagefind_search): titles and excerpts
    show them joined as in the page, and a space after a marked word is kept."""
    import re

    page = search("協定")
    text = page.inner_text("#search-results")
    assert "何梅協定" in text and "梅津・何応欽協定" in text
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff] [\u3040-\u30ff\u4e00-\u9fff]", text), text
    page = search("Umezu")
    excerpts = " ".join(page.eval_on_selector_all(".heumezu-search-excerpt", "els => els.map(e => e.textContent)"))
    assert "Umezu Agreement" in excerpts and "UmezuAgreement" not in excerpts


def test_a_phrase(site, search):
    phrase = "Tanggu Truce"
    expected = pages_containing(site, phrase)
    assert expected
    page = search(f'"{phrase}"')
    assert page.found and page.found <= pages_containing(site, "Tanggu")
    assert len(expected - page.found) <= len(expected) / 10, sorted(expected - page.found)


def test_a_word_found_only_in_a_document(site, search):
    word = "memorandum"
    in_documents = {p for p in pages_containing(site, word) if p.startswith("book/documents/")}
    assert in_documents
    page = search(word)
    assert in_documents <= page.found
    assert page.eval_on_selector_all(".heumezu-search-group[data-kind=document] li", "els => els.length")


def test_a_cjk_word_inside_a_longer_run(site, search):
    """協定 inside 梅津・何応欽協定 / 何梅協定: only a segmenting index finds it."""
    page = search("協定")
    assert any("協定" in (site / p).read_text(encoding="utf-8") and "何梅協定" in (site / p).read_text(encoding="utf-8")
               for p in page.found), sorted(page.found)


def test_a_hostile_title_is_shown_as_text(search):
    """Pagefind's record of a page, served with a title and passage made to run script, is written
    as text: no element, no dialog."""
    def hostile(route):
        response = route.fetch()
        raw = gzip.decompress(response.body())
        prefix = b"pagefind_dcd"
        record = json.loads(raw.removeprefix(prefix))
        record["meta"]["title"] = PAYLOAD
        record["content"] = PAYLOAD + " " + record.get("content", "")
        body = gzip.compress((prefix if raw.startswith(prefix) else b"") + json.dumps(record).encode())
        route.fulfill(status=200, body=body, headers={"content-type": "application/octet-stream"})

    page = search("Umezu", route=("**/pagefind/fragment/*", hostile))
    page.wait_for_timeout(500)
    titles = page.eval_on_selector_all("#search-results li > a", "els => els.map(e => e.textContent)")
    assert PAYLOAD in titles
    assert page.locator("#search-results img").count() == 0 and page.dialogs == []


@pytest.mark.parametrize("width", [1280, 390])
def test_typed_text_is_not_covered(search, width):
    page = search("梅津", width=width)
    field = page.locator("#heumezu-search-input")
    assert field.input_value() == "梅津"
    box = field.bounding_box()
    padding = float(field.evaluate("e => parseFloat(getComputedStyle(e).paddingLeft)"))
    covering = page.evaluate("""([x, y]) => document.elementsFromPoint(x, y)
        .filter(e => e.matches('i, svg, .fa-solid')).length""", [box["x"] + padding + 4, box["y"] + box["height"] / 2])
    assert covering == 0


def test_no_other_page_loads_pagefind(site):
    """Pagefind's scripts are imported by the search page alone (page weight of the others)."""
    pages = [p for p in site.rglob("*.html") if not p.is_relative_to(site / "_static")
             and not p.is_relative_to(site / "pagefind") and p.name != "search.html"]
    assert pages
    assert [p for p in pages if "pagefind/" in p.read_text(encoding="utf-8") or "heumezu-search.js" in
            p.read_text(encoding="utf-8")] == []
    assert "heumezu-search.js" in (site / "search.html").read_text(encoding="utf-8")
