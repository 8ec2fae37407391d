"""The web index (genindex.html) names the section of each place an entry is found.

Sphinx's own index page links an entry's name to its first place and the others to "[1]", "[2]"
... ("Hebei (Hopei) province, [1] ... [31]"): a reader cannot tell where a link goes. Each link is
labelled with the heading of the section it leads into (book/_templates/genindex.html,
heumezu_sphinx.index_links); the test follows every link and reads that heading on its page.
"""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup


def _heading(soup: BeautifulSoup, anchor: str) -> str | None:
    """The heading of the innermost section holding the element ``anchor`` (without its ¶ link);
    sections without a heading of their own (an exercise's solution) do not count."""
    target = soup.find(id=anchor)
    if target is None:
        return None
    heading = next(filter(None, (section.find(re.compile(r"^h[1-6]$"), recursive=False)
                                 for section in [target, *target.find_parents("section")]
                                 if section.name == "section")), None)
    if heading is None:
        return None
    for link in heading.select("a.headerlink"):
        link.decompose()
    return " ".join(heading.get_text(" ").split())


def test_index_links_are_labelled_with_their_sections(site: Path):
    index = BeautifulSoup((site / "genindex.html").read_text(encoding="utf-8"), "html.parser")
    entries = index.select("table.genindextable li")
    assert len(entries) >= 50
    pages: dict[str, BeautifulSoup] = {}
    wrong, labels = [], {}
    for entry in entries:
        name = entry.find(string=True).strip().rstrip(":")  # the first text, whether linked or not
        links = entry.find_all("a", recursive=False)
        assert links, f"{name}: no link"
        labels[name] = [" ".join(a.get_text().split()) for a in links]
        for link, label in zip(links, labels[name]):
            page, _, anchor = link["href"].partition("#")
            if page not in pages:
                pages[page] = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
            heading = _heading(pages[page], anchor)
            if heading != label:
                wrong.append(f"{name}: {label!r} -> {link['href']} ({heading!r})")
    assert wrong == [], "\n".join(wrong)
    assert not [n for n, ls in labels.items() if any(re.fullmatch(r"\[\d+\]", label) for label in ls)]
    hebei = labels["Hebei (Hopei) province"]
    assert len(hebei) >= 10 and len(set(hebei)) == len(hebei), hebei
