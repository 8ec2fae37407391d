"""On a phone a figure opens full size on tap (heumezu_sphinx.figure_links): in HTML the image of
every figure is a link to the image file the build copies to _images; elsewhere nothing changes."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from heumezu_sphinx import figure_links

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="504pt" height="200pt" viewBox="0 0 504 200">'
       '<text x="10" y="20">A</text></svg>')

PAGE = """Figures
=======

.. figure:: one.svg
   :alt: The first figure, described.

   A figure with a caption.

.. figure:: sub/two.svg
   :alt: The second figure.
   :target: https://example.org/elsewhere

   A figure that already links elsewhere.

.. image:: one.svg
   :alt: An image outside any figure.
"""


def build(tmp_path: Path, builder: str) -> Path:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text("extensions = ['heumezu_sphinx.figure_links']\n")
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   sub/page\n")
    (src / "sub" / "page.rst").write_text(PAGE.replace("sub/two.svg", "two.svg").replace("one.svg", "../one.svg"))
    (src / "one.svg").write_text(SVG)
    (src / "sub" / "two.svg").write_text(SVG)
    out = tmp_path / builder
    with docutils_namespace():
        app = Sphinx(str(src), str(src), str(out), str(tmp_path / f"doctrees-{builder}"), builder,
                     status=None, warning=None, freshenv=True, warningiserror=True)
        app.build()
    return out


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("figure-links"), "html")


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


def test_existing_targets_and_lone_images_are_left_alone(html):
    soup = BeautifulSoup((html / "sub" / "page.html").read_text(), "html.parser")
    second = soup.select("figure")[1]
    links = second.select("a")
    assert [a["href"] for a in links if a.select_one("img")] == ["https://example.org/elsewhere"]
    lone = [img for img in soup.select("img") if img["alt"] == "An image outside any figure."]
    assert lone and lone[0].find_parent("a") is None


def test_print_gets_no_link(tmp_path):
    [tex] = build(tmp_path, "latex").glob("*.tex")
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
