"""Further reading (issue 15): which works each chapter suggests is data in the .bib files; works
the edition did not read are listed, never cited, and bad records are located errors."""
from __future__ import annotations

import re

import pytest

from conftest import DATA
from heumezu import further_reading, vocabulary

CHAPTERS = vocabulary.enum("events", "chapter", DATA)


def replace_once(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bib_line(path, key):
    text = path.read_text(encoding="utf-8")
    return text[: re.search(r"^@\w+\{" + re.escape(key) + ",", text, re.MULTILINE).start()].count("\n") + 1


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_further_reading(chapter):
    found = further_reading.entries(DATA, chapter)
    assert found, f"no further reading for {chapter}"
    assert all(chapter in further_reading.chapters_of(e) for e in found.values())


def test_unread_works_are_listed_and_the_read_one_is_not_marked_unread():
    unread = further_reading.unread_keys(DATA)
    listed = further_reading.entries(DATA)
    assert unread and unread <= set(listed)
    # So Wai Chor's article is cited for its abstract, so it lives in references.bib, read in part.
    assert "gmd-japan-policy" in listed and "gmd-japan-policy" not in unread


def test_the_data_has_no_further_reading_problems():
    assert further_reading.problems(DATA) == []


def test_a_row_citing_an_unread_work_is_refused(data_copy, validate_cli):
    replace_once(data_copy / "events.csv", "wp-xian-incident", "wp-xian-incident;wu-sian-incident")
    code, messages = validate_cli(data_copy)
    assert code == 1
    assert len(messages) == 1
    assert re.fullmatch(r"events\.csv, line \d+, field 'sources': cites 'wu-sian-incident', a work listed as "
                        r"further reading that the edition did not read \(further-reading\.bib\); "
                        r"it cannot support a row", messages[0]), messages


def test_unknown_chapter_bad_address_and_missing_year_are_located(data_copy, validate_cli):
    bib = data_copy / "further-reading.bib"
    replace_once(bib, "further_reading = {aftermath}\n}", "further_reading = {epilogue}\n}")
    replace_once(bib, "  year            = {1938},\n", "  url = {javascript:alert(1)},\n")
    code, messages = validate_cli(data_copy)
    wu, bisson = bib_line(bib, "wu-sian-incident"), bib_line(bib, "bisson-japan-in-china")
    assert code == 1
    assert messages == [
        (f"further-reading.bib, line {bisson}, field 'url': entry 'bisson-japan-in-china': 'javascript:alert(1)' "
        "is not an http(s) web address (only http:// and https:// may become links)"),
        (f"further-reading.bib, line {bisson}, field 'year': entry 'bisson-japan-in-china' is further reading "
        "but has no year"),
        (f"further-reading.bib, line {wu}, field 'further_reading': entry 'wu-sian-incident': unknown chapter "
        f"'epilogue' (known: {', '.join(CHAPTERS)})"),
    ]


def test_an_unread_work_must_be_suggested_for_a_chapter(data_copy, validate_cli):
    bib = data_copy / "further-reading.bib"
    replace_once(bib, "  further_reading = {aftermath}\n}", "}")
    code, messages = validate_cli(data_copy)
    assert code == 1
    assert messages == [(f"further-reading.bib, line {bib_line(bib, 'wu-sian-incident')}, field 'further_reading': "
                        "entry 'wu-sian-incident' was not read, so it must be listed as further reading for a "
                        f"chapter ({', '.join(CHAPTERS)})")]


def test_hostile_record_becomes_text_nodes_only():
    """Every field of a record reaches the page as docutils text: no raw node, no markup."""
    from docutils import nodes
    from pybtex.database import parse_string

    from heumezu_sphinx import further_reading_directive as render

    hostile = ("<script>alert(1)</script> :::{raw} html ```{literalinclude} /etc/hostname``` "
               "<img src=x onerror=alert(1)>")
    entry = parse_string("@book{evil, title = {" + hostile + "}, author = {Mallory, <b>Eve</b>}, "
                         "publisher = {]]>&amp; \\input x}, year = {2000}, note = {" + hostile + "}}", "bibtex").entries
    listing = render.listing(dict(entry), {"evil"})
    assert not list(listing.findall(nodes.raw))
    text = listing.astext()
    assert text.count("<script>alert(1)</script>") == 2 and "<b>Eve</b>" in text and "]]>&amp;" in text
    assert text.endswith("Not read for this edition.")
