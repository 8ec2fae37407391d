"""The two script cases of issue 25 in a real browser (Debian's Chromium through Playwright).

A small Sphinx project built with the edition's own extensions (search_index, citation_notes) holds a
section title and an index entry made to run script, as a data value reaching a title would, and
a bibliography whose entries give 'javascript:' and 'data:' addresses (the validator refuses such
entries; the notes and the bibliography must not link them even if a build skipped it). In
Chromium, searching for the title shows it as text and runs nothing; the note and the
bibliography have no link but http(s) and the edition's own pages, and run nothing.
"""
from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import quote, urlsplit

import pytest

from site_server import serve
from test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.build

PAYLOAD = "<img src=x onerror=alert(1)>"
TITLE = PAYLOAD  # Sphinx's search page lists a section title found by a query of half its length or more
CONF = """
extensions = ["heumezu_sphinx.page_data", "heumezu_sphinx.citation_notes", "heumezu_sphinx.search_index"]
heumezu_data = "data"
exclude_patterns = ["_build", "data"]
html_theme = "basic"
"""
INDEX = f"""
Edition
=======

.. index:: {PAYLOAD}

{TITLE}
{"-" * len(TITLE)}

Cited :cite:p:`js,data,ok`.

.. heumezu-bibliography::
"""
BIB = r"""
@misc{js, title = {Script}, year = {1935}, url = {javascript:alert(2)}}
@misc{data, title = {Data}, year = {1935}, url = {data:text/html,<script>alert(3)</script>}}
@misc{ok, title = {Fine}, year = {1935}, url = {https://example.org/fine}}
"""


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    src = tmp_path_factory.mktemp("tiny")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    (src / "data").mkdir()
    (src / "data" / "references.bib").write_text(BIB, encoding="utf-8")
    out = src / "_build"
    env = {k: v for k, v in os.environ.items() if k != "HEUMEZU_DATA"}  # the project's own data folder
    run = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
                         capture_output=True, text=True, check=False, env=env)
    assert run.returncode == 0, run.stderr
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def page_of():
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: run `make browser-env`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)

        def open_page(url: str):
            page = chromium.new_context().new_page()
            page.dialogs = []
            page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
            origin = urlsplit(url).netloc
            page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == origin
                       else route.abort())
            page.goto(url, wait_until="load")
            return page

        yield open_page
        chromium.close()


@pytest.mark.parametrize("query", ["img src=x onerror=alert(1)", "x onerror=alert(1)"])
def test_a_title_made_to_run_script_is_text_in_the_search_results(tiny_site, page_of, query):
    page = page_of(tiny_site + "search.html?q=" + quote(query))
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    page.wait_for_timeout(500)  # an injected <img> fires onerror as soon as its src fails
    results = page.locator("#search-results ul.search li a").all_inner_texts()
    assert page.dialogs == [] and page.locator("#search-results img").count() == 0
    assert any(PAYLOAD in text for text in results), results


def test_bibliography_links_are_http_only_and_run_nothing(tiny_site, page_of):
    page = page_of(tiny_site + "index.html")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert hrefs and all(urlsplit(h).scheme in ("http", "https") for h in hrefs), hrefs
    assert "https://example.org/fine" in hrefs
    text = page.inner_text("body")
    assert "Script" in text and "Data" in text  # the works are listed; their addresses are not links
    page.wait_for_timeout(300)
    assert page.dialogs == []
