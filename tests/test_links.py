"""Readers see names and links, never the data's ids; mentions link to the registers.

- no id of a data table ("al-04", "x-rd-linked", "x-seg-03", "FRUS d195") is visible text on a page;
- in the chapters, the first mention of each registered person, organisation or place in each
  section is a link to its register entry, with a hover card from the data;
- the index is reachable from every page's navigation;
- the editorial signs are drawn as signs and explained where they are used.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import heumezu
from heumezu import apparatus, crossrefs, registers
from heumezu.table import Cite, Link, parts, text_of

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CHAPTERS = ("notebooks/01_background.html", "notebooks/02_ultimatum.html", "notebooks/03_aftermath.html")


@pytest.fixture(scope="module")
def ev():
    return heumezu.load()


def data_ids() -> set[str]:
    """Every row id of every table that has one, where an id cannot be mistaken for a word
    (it has a hyphen or a digit: 'al-04', 'x-rd-linked', 'frus1935v03-d195', 'r01')."""
    ids = set()
    for table in DATA.glob("*.csv"):
        with table.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row.get("id") and re.search(r"[-\d]", row["id"]):
                    ids.add(row["id"])
    return ids


def visible_text(page: Path, prose_only: bool = False) -> str:
    """The page's text as a reader sees it; ``prose_only`` leaves out code, as the teaching
    sections' data exercises name columns and ids on purpose, and what cells print."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style", "head", "template"]):
        hidden.decompose()
    if prose_only:
        for code in soup(["code", "pre", "kbd", "samp"]) + soup.select("div.cell_output"):
            code.decompose()
    return " ".join(soup.get_text(" ").split())


# ------------------------------------------------------------------------------------- unit tests
def test_notes_link_documents_and_rows_instead_of_naming_their_ids(ev):
    parts = crossrefs.note(ev, "Confirmed by FRUS d185 and FRUS d51; see al-04.")
    links = [p for p in parts if isinstance(p, Link)]
    assert links[0] == Link("FRUS doc. 185", crossrefs.document_label("frus1935v03-d185"))
    # doc. 51 is cited but not printed by the edition: a readable reference, not a link
    assert "FRUS doc. 51" in parts
    assert links[1].label == crossrefs.alignment_label("al-04") and links[1].text.startswith("“")
    shown = text_of(parts)
    assert "d185" not in shown and "al-04" not in shown and not re.search(r"FRUS d ?\d", shown)


def test_no_table_shown_on_a_page_names_a_data_id(ev):
    ids = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(data_ids(), key=len, reverse=True))) + r")(?![\w-])")
    tables = [apparatus.parallel_table(ev), apparatus.lacunae_table(ev), apparatus.readings_table(ev),
              apparatus.x_passages_table(ev), apparatus.x_apparatus_table(ev), registers.chronology_table(ev),
              registers.places_table(ev), registers.actors_table(ev, "person"), registers.actors_table(ev, "organisation")]
    for table in tables:
        for row in table.rows:
            for cell in row:
                shown = text_of(tuple(p for p in parts(cell) if not isinstance(p, Cite)))  # citations show as numbers
                assert not ids.search(shown), shown
                assert not re.search(r"FRUS d ?\d", shown), shown


def test_a_lost_date_is_given_its_restoration(ev):
    witness, restoration = apparatus.lost(ev, "f-lac-hirota-policy")
    assert witness == "F" and restoration == "⟨22 janvier 1935⟩"
    with pytest.raises(KeyError):
        apparatus.lost(ev, "no-such-lacuna")


def test_every_register_entry_has_a_card_with_its_native_name(ev):
    found = {label: card for _name, label, card in registers.mentions(ev)}
    assert len(found) == len(ev.actors) + len(ev.places)
    he = found[crossrefs.actor_label("he-yingqin")]
    assert he.startswith("He Yingqin (何應欽): General")
    assert found[crossrefs.place_label("tianjin")].startswith("Tianjin (天津)")


# ------------------------------------------------------------------------------------ built pages
def test_no_page_shows_a_data_id_as_text(site):
    ids = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, sorted(data_ids(), key=len, reverse=True))) + r")(?![\w-])")
    shown = {}
    for page in sorted(site.rglob("*.html")):
        if "_static" in page.parts or page.name == "search.html":
            continue
        text = visible_text(page, prose_only=True)
        hits = set(ids.findall(text)) | set(re.findall(r"FRUS d ?\d+", text))
        if hits:
            shown[str(page.relative_to(site))] = sorted(hits)
    assert not shown, shown


SKIP_TAGS = {"a", "code", "pre", "table", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style",
             "nav", "button", "label"}


def _mention_pattern(ev):
    names = {}
    for name, label, card in registers.mentions(ev):
        for phrase in registers.phrases(name):
            if "," not in name and len(phrase) > 3:
                names.setdefault(phrase, (label, card))
    for surname, label in registers.surnames(ev):  # "Sakai" after "Sakai Takashi"
        names.setdefault(surname, (label, {lab: c for _n, lab, c in registers.mentions(ev)}[label]))
    # A glossary term that contains a name ("Tanggu Truce") is a mention of the term, not of the place.
    terms = {" ".join(re.sub(r"\([^()]*\)", "", str(t)).split()) for t in ev.glossary["term"]} - set(names)
    alternatives = sorted([*names, *terms], key=len, reverse=True)
    # across line breaks, and with any dash for a hyphen ("Hebei–Chahar"); a name joined to another
    # by a dash is part of a compound, not a mention ("the Qin–Doihara talks")
    words = (r"\s+".join(re.escape(w).replace(r"\-", "[-‐‑–]").replace("'", "['’]") for w in phrase.split())
             for phrase in alternatives)
    return re.compile(r"(?<![\w‐‑–-])(" + "|".join(words) + r")(?![\w‐‑–-])"), {_normal(k): v for k, v in names.items()}


def _normal(text: str) -> str:
    return " ".join(re.sub("[-‐‑–]", "-", text).replace("’", "'").split())


def _own_nodes(section):
    """The section's descendants in document order, not those of its subsections."""
    for node in section.descendants:
        if node.find_parent("section") is section:
            yield node


def _skipped(node, section) -> bool:
    for parent in node.parents:
        if parent is section:
            return False
        if parent.name in SKIP_TAGS or "admonition-title" in (parent.get("class") or []) \
                or "cell_output" in (parent.get("class") or []):
            return True
    return False


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_first_mentions_in_each_section_link_to_the_register_with_a_card(site, ev, chapter):
    from bs4 import BeautifulSoup, NavigableString

    pattern, names = _mention_pattern(ev)
    soup = BeautifulSoup((site / chapter).read_text(encoding="utf-8"), "html.parser")
    sections = soup.select("main section")
    assert sections
    unlinked, linked_total = [], 0
    for section in sections:
        linked: set[str] = set()
        for node in _own_nodes(section):
            if getattr(node, "name", None) == "a":
                label = (node.get("href") or "").rpartition("#")[2]
                if label in {lab for lab, _ in names.values()}:
                    card = dict(names.values())[label]
                    assert node.get("title") == card, (chapter, label)
                    assert "mention" in node.get("class", [])
                    linked.add(label)
                    linked_total += 1
            elif isinstance(node, NavigableString) and not _skipped(node, section):
                for match in pattern.finditer(str(node)):
                    phrase = _normal(match.group(1))
                    if phrase not in names:
                        continue
                    label = names[phrase][0]
                    if label not in linked:
                        unlinked.append((section.get("id"), match.group(1)))
    assert linked_total > 10, chapter
    assert not unlinked, unlinked


def test_the_index_is_linked_from_every_page(site):
    for page in [site / "book/index.html", *(site / c for c in CHAPTERS), site / "book/reference/persons.html"]:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<nav class="heumezu-index-link"[^>]*>\s*<a href="(\.\./)*genindex\.html"', html), page


def test_editorial_signs_are_styled_and_explained(site):
    from bs4 import BeautifulSoup

    for name in ("book/sources/witnesses.html", "book/sources/parallel.html", "book/sources/corrections.html"):
        soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
        assert soup.select("main span.supplied"), name
        key = soup.select_one("main ul.signs-key")
        assert key is not None and key.select_one("span.supplied") and key.select_one("abbr.lacuna"), name
    for name in (CHAPTERS[0], CHAPTERS[2]):  # the chapters quote F with its lost dates
        soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
        assert soup.select("main abbr.lacuna[title]"), name
        key = soup.select_one("main ul.signs-key")
        assert key is not None and key.select_one("abbr.lacuna") and not key.select_one("span.supplied"), name
    chapter = BeautifulSoup((site / CHAPTERS[0]).read_text(encoding="utf-8"), "html.parser")
    mark = chapter.select_one("main abbr.lacuna")
    assert mark is not None and mark.get_text() == apparatus.LOST_MARK
    assert "22 janvier 1935" in mark["title"]
    assert "le , annonce" not in visible_text(site / CHAPTERS[0])


def test_cross_references_to_the_parts_are_links(site):
    from bs4 import BeautifulSoup

    for chapter in CHAPTERS:
        soup = BeautifulSoup((site / chapter).read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("main a, main code, main pre, main script"):
            tag.decompose()
        text = " ".join(soup.select_one("main").get_text(" ").split())
        assert not re.search(r"the (Sources|Documents|Reference) part", text), chapter


def test_chapter_paragraphs_have_stable_anchors(site):
    from bs4 import BeautifulSoup

    for number, chapter in enumerate(CHAPTERS, start=1):
        soup = BeautifulSoup((site / chapter).read_text(encoding="utf-8"), "html.parser")
        paragraphs = soup.select("main p.cite-paragraph")
        assert len(paragraphs) > 10, chapter
        assert [p["id"] for p in paragraphs] == [f"para-{number}-{i}" for i in range(1, len(paragraphs) + 1)]
        for p in paragraphs:
            link = p.select_one("a.paralink")
            assert link is not None and link["href"] == f"#{p['id']}" and link.get_text() == "¶"


def test_the_spellings_of_1935_are_aliases_of_register_entries(ev):
    found = dict(registers.aliases(ev))
    assert found["Tientsin"] == crossrefs.place_label("tianjin")
    assert found["Ho Ying-ch'in"] == crossrefs.actor_label("he-yingqin")
    assert not any("(" in alias or "," in alias for alias in found)


def test_the_american_reports_link_the_names_they_spell_the_old_way(site):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / "book/documents/reports.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"].rpartition("#")[2] for a in soup.select("main div.document-text a.mention")}
    assert links.get("Tientsin") == crossrefs.place_label("tianjin")
    assert all(a.get("title") for a in soup.select("main a.mention"))
