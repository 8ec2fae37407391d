"""The site's root page (heumezu_sphinx.site_files): a complete HTML5 redirect at index.html when
the root page is another one, and nothing written when the root page is index (robots.txt is a
static file, book/_extra). Small projects: tests/roots/test-site-files (root page index, a base
URL) and tests/roots/test-site-files-redirect (root page intro, a title that needs escaping)."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup


@pytest.mark.sphinx("html", testroot="site-files", freshenv=True, warningiserror=True)
def test_the_root_page_is_kept_when_it_is_index(app):
    app.build()
    out = Path(app.outdir)
    # index is the root page: Sphinx's own page stays, no redirect replaces it.
    page = (out / "index.html").read_text()
    assert "The root page itself." in page and 'http-equiv="refresh"' not in page


@pytest.mark.sphinx("latex", testroot="site-files", freshenv=True, warningiserror=True)
def test_other_builders_get_no_redirect(app):
    app.build()
    assert list(Path(app.outdir).glob("*.tex"))
    assert not (Path(app.outdir) / "index.html").exists()


@pytest.mark.sphinx("html", testroot="site-files-redirect", freshenv=True, warningiserror=True)
def test_root_index_is_a_complete_redirect_to_the_root_page(app):
    app.build()
    out = Path(app.outdir)
    text = (out / "index.html").read_text()
    assert text.startswith("<!DOCTYPE html>\n")
    soup = BeautifulSoup(text, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.title.get_text() == "Notes & <Drafts>" and "&lt;Drafts&gt;" in text and "<Drafts>" not in text
    assert soup.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=intro.html"
    assert soup.select_one('link[rel="canonical"]')["href"] == "intro.html"
    assert soup.select_one("body a")["href"] == "intro.html"
    assert (out / "intro.html").is_file()
