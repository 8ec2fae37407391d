"""The book builds strictly into HTML and PDF, with CJK text, and loads nothing from elsewhere."""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser

import pytest

import pdftext
from conftest import ROOT
from pdftext import normalise

PDF = "he-umezu-edition.pdf"
CJK_NAMES = ["何應欽", "梅津美治郎"]


def test_build_has_no_warnings(built):
    log = (built.parent / "build.log").read_text()
    warnings = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert not warnings, "\n".join(warnings)
    assert (built / "html" / "index.html").is_file()
    assert (built / "latex" / PDF).is_file()


def pdffonts(pdf) -> list[dict[str, str]]:
    """``pdffonts``' table as [{"name", "emb", "sub", "uni"}]. The columns are read from the right:
    the type may hold spaces, and a long name pushes the columns out of line (their widths differ
    between poppler versions)."""
    result = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return parse_pdffonts(result.stdout)


def parse_pdffonts(output: str) -> list[dict[str, str]]:
    out = output.splitlines()
    assert out[0].split()[:2] == ["name", "type"] and set(out[1]) <= {"-", " "}, out[:2]
    fonts = []
    for line in out[2:]:
        fields = line.split()
        if len(fields) >= 7:
            fonts.append({"name": fields[0], "emb": fields[-5], "sub": fields[-4], "uni": fields[-3]})
    return fonts


def test_pdf_embeds_cjk_fonts_and_text(built):
    pdf = built / "latex" / PDF
    fonts = pdffonts(pdf)
    cjk_fonts = [font for font in fonts if "CJK" in font["name"]]
    assert cjk_fonts, fonts
    assert all(font["emb"] == "yes" for font in cjk_fonts), cjk_fonts  # every CJK font embedded
    text = normalise(pdftext.extract(pdf))
    for name in CJK_NAMES:
        assert normalise(name) in text, f"{name} not found in the PDF text"
    log = pdftext.tex_log(built / "latex" / "he-umezu-edition.log")
    assert "Missing character" not in log


def test_pdf_is_offered_in_the_site(built):
    html = built / "html"
    assert (html / PDF).read_bytes() == (built / "latex" / PDF).read_bytes()
    pages = sorted(html.rglob("*.html"))
    pages = [p for p in pages if not p.is_relative_to(html / "_static")]
    assert pages
    for page in pages:
        text = page.read_text()
        if 'http-equiv="Refresh"' in text or 'http-equiv="refresh"' in text:
            continue  # redirect stubs (e.g. the root index.html)
        match = re.search(r'class="heumezu-pdf" href="([^"]+)"', text)
        assert match, f"{page.relative_to(html)} has no PDF link"
        assert (page.parent / match.group(1)).resolve() == (html / PDF).resolve()


class _Resources(HTMLParser):
    """Collects every URL a browser would load by itself (not links a reader clicks)."""

    LOADED = frozenset({("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
                        ("audio", "src"), ("embed", "src"), ("object", "data"), ("track", "src"), ("input", "src")})

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for t, a in self.LOADED:
            if tag == t and attrs.get(a):
                self.urls.append(attrs[a])
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower()
            if any(r in rel for r in ("stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest")):
                self.urls.append(attrs["href"])
        if tag == "img" and attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",")]
        if attrs.get("style"):
            self.urls += re.findall(r"url\(['\"]?([^'\")]+)", attrs["style"])


def _is_remote(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.IGNORECASE))


def test_no_page_loads_anything_from_another_host(built):
    html = built / "html"
    offenders = []
    for page in html.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(errors="replace"))
        offenders += [f"{page.relative_to(html)}: {u}" for u in parser.urls if _is_remote(u)]
        # Inline scripts that fetch from a CDN (e.g. Thebe's or require.js' URLs) count too.
        offenders += [f"{page.relative_to(html)}: inline {u}" for u in
                      re.findall(r"<script[^>]*>[^<]*?((?:https?:)?//[^\"'\s<]+)", page.read_text(errors="replace"))]
    for css in html.rglob("*.css"):
        offenders += [f"{css.relative_to(html)}: {u}" for u in
                      re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(errors="replace")) if _is_remote(u)]
        offenders += [f"{css.relative_to(html)}: @import {u}" for u in
                      re.findall(r"@import\s+(?:url\()?['\"]?([^'\")\s;]+)", css.read_text(errors="replace")) if _is_remote(u)]
    assert not offenders, "\n".join(sorted(set(offenders)))


def test_resource_scanner_sees_remote_loads():
    """The scanner above must be able to fail: it flags scripts, styles and images from elsewhere."""
    parser = _Resources()
    parser.feed('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//cdn.example/a.css">'
                '<img src="_images/a.svg"><a href="https://example.org/">a link is fine</a>')
    assert [u for u in parser.urls if _is_remote(u)] == ["https://cdn.example/x.js", "//cdn.example/a.css"]


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(notebook):
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{notebook.name} cell {index} has outputs"
            assert cell.execution_count is None, f"{notebook.name} cell {index} has an execution count"
