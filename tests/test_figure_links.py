"""On a phone a figure opens full size on tap (heumezu_sphinx.figure_links): in HTML the image of
every figure is a link to the image file the build copies to _images; elsewhere nothing changes."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from heumezu_sphinx import figure_links

# The small project: tests/roots/test-figure-links (one.svg, sub/page.rst with two figures, one
# with a :target:, and an image outside any figure).
html_build = pytest.mark.sphinx("html", testroot="figure-links", freshenv=True, warningiserror=True)


@pytest.fixture()
def html(app) -> Path:
    app.build()
    assert not app.warning.getvalue()
    return Path(app.outdir)


@html_build
def test_figure_image_links_to_its_full_size_file(html):
    page = html / "sub" / "page.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    first = soup.select("figure")[0]
    link = first.select_one("a")
    assert link is not None, "the figure's image is not a link"
    assert figure_links.CLASS in link["class"] and "image-reference" in link["class"]
    assert link["title"] == figure_links.TITLE
    img = link.select_one("img")
    assert img is not None and img["alt"] == "The first figure, described.", "the link does not hold the image"
    # The link opens the very file the page shows, and that file exists in the build.
    assert link["href"] == img["src"]
    target = (page.parent / link["href"]).resolve()
    assert target.is_file() and target.parent == (html / "_images").resolve()
    assert "<svg" in target.read_text()


@html_build
def test_existing_targets_and_lone_images_are_left_alone(html):
    soup = BeautifulSoup((html / "sub" / "page.html").read_text(), "html.parser")
    second = soup.select("figure")[1]
    links = second.select("a")
    assert [a["href"] for a in links if a.select_one("img")] == ["https://example.org/elsewhere"]
    lone = [img for img in soup.select("img") if img["alt"] == "An image outside any figure."]
    assert lone and lone[0].find_parent("a") is None


@pytest.mark.sphinx("latex", testroot="figure-links", freshenv=True, warningiserror=True)
def test_print_gets_no_link(app):
    app.build()
    [tex] = Path(app.outdir).glob("*.tex")
    text = tex.read_text()
    assert text.count("sphinxincludegraphics") == 3
    # Only the figure that asked for a link (its :target:) has one in print.
    assert text.count("href{") == 1 and "\\sphinxhref{https://example.org/elsewhere}" in text


def test_every_figure_of_the_site_opens_full_size(site):
    """In the built edition, every figure's image is a link to the very image file it shows."""
    figures = 0
    for page in sorted(site.rglob("*.html")):
        if page.is_relative_to(site / "_static"):
            continue
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for img in soup.select("figure img"):
            link = img.find_parent("a")
            where = f"{page.relative_to(site)}: {img.get('src')}"
            assert link is not None and figure_links.CLASS in link.get("class", []), where
            assert link["href"] == img["src"] and (page.parent / link["href"]).resolve().is_file(), where
            figures += 1
    assert figures >= 7  # the chapters' and the Sources part's figures
