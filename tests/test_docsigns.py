"""The documents' texts as FRUS gives them (issue 22): the edition's two signs (a printed page's
beginning, the publication's footnotes) read from the text files, checked by the validator, and
no trace left of the web rendering the texts were transcribed from."""
from __future__ import annotations

import itertools
import re

import pytest

import heumezu as hu
from conftest import DATA
from heumezu import documents
from heumezu.docsigns import (
    FootnoteRef,
    PageBreak,
    body_line_count,
    footnotes,
    page_problems,
    printed_pages,
    split_signs,
)
from test_validation import read, write

FRUS_TEXTS = sorted((DATA / "documents").glob("frus*.txt"))


@pytest.fixture(scope="module")
def ev():
    return hu.load()


# --- the signs ------------------------------------------------------------------------------------

def test_split_signs_keeps_the_words_and_reads_the_signs():
    parts = split_signs("commandership [Page 201] of third Hwa[^66] were [plane?]")
    assert parts == ["commandership ", PageBreak(201), " of third Hwa", FootnoteRef("66"), " were [plane?]"]
    assert split_signs("") == []
    assert split_signs("[^7]") == [FootnoteRef("7")]


def test_signs_that_are_not_well_formed_stay_words():
    for text in ("[Page]", "[Page x]", "[^]", "[^a]", "[ Page 3]", "[page 3]"):
        assert split_signs(text) == [text]


def test_footnote_lines_follow_the_paragraphs():
    text = "One Hwa[^66] two.\nFor the Minister:\n[^66]: The so-called “Blue Shirts.”\n"
    assert body_line_count(text) == 2
    assert footnotes(text) == [("66", "The so-called “Blue Shirts.”")]
    # a line of that form in the middle is a paragraph, not a footnote
    assert body_line_count("[^1]: x\nwords\n") == 2


@pytest.mark.parametrize(("text", "first", "expected"), [
    ("a [Page 182] b", "", "pp. 181–182"),
    ("a [Page 182] b [Page 183] c", "", "pp. 181–183"),
    ("no break", "198", "p. 198"),
    ("no break", "", ""),
    ("a [Page 202] b", "201", "pp. 201–202"),
    (None, "", ""),
])
def test_printed_pages(text, first, expected):
    assert printed_pages(text, first) == expected


@pytest.mark.parametrize(("text", "first", "expected"), [
    ("a [Page 182] b [Page 184] c", "", "jump from page 182 to page 184"),
    ("a [Page 182] b", "190", "begins on page 190 but its first page break is to page 182"),
    ("a b\n[^3]: note\n", "", "footnote 3 is given but not referred to"),
    ("a[^3] b\n[^3]: x\n[^3]: y\n", "", "a footnote is given twice"),
    ("a[^3] b\n[^3]: see [^4]\n", "", "a footnote's text refers to a footnote"),
    ("a [Page 18 b", "", "malformed sign '[Page'"),
    ("a[^x] b", "", "malformed sign '[^'"),
])
def test_page_problems_name_what_is_wrong(text, first, expected):
    problems = page_problems(text, first)
    assert any(expected in p for p in problems), problems


def test_page_problems_accept_a_sound_text():
    assert page_problems("a [Page 182] b[^62]\nc [Page 183] d\n[^62]: note\n", "181") == []


# --- the edition's texts ------------------------------------------------------------------------

def test_every_text_is_sound(ev):
    for doc_id in documents.ids(ev, with_text=True):
        r = documents.row(ev, doc_id)
        assert page_problems(documents.document_text(ev, doc_id), r["first_page"]) == [], doc_id


@pytest.mark.parametrize("path", FRUS_TEXTS, ids=lambda p: p.stem)
def test_no_rendering_artefacts_in_the_frus_texts(path):
    text = path.read_text(encoding="utf-8")
    lines = text.rstrip("\n").split("\n")
    assert "" not in lines, "one paragraph a line, no blank lines"
    assert not [x for x in lines if re.fullmatch(r"-?\s*\(?\d+\)?\.?", x)], "a paragraph number on a line of its own"
    assert not [x for x in lines if x.startswith("- ")], "a paragraph number as a list item"
    assert not [x for x in lines if re.fullmatch(r"[ap]\.m\.", x)], "a time broken over two lines"
    assert not [a for a, b in itertools.pairwise(lines) if a == b], "a line repeated (the [Received …] line)"
    assert not re.search(r"\S\[Page \d+\]|\[Page \d+\]\S", text), "a page reference run into a word"
    # a footnote number run into a word: letters or closing punctuation followed by digits
    assert not re.search(r"(?:[A-Za-z”’)\]]|(?<!\d)[.,;])\d{1,3}\b", text.split("\n", 1)[1]), \
        "a footnote number run into a word"
    assert not re.search(r"^\s+\d+\. ", text, flags=re.MULTILINE), "a footnote rendered as a list item"
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_frus_documents_carry_a_headnote_and_a_source_note(ev):
    for doc_id in documents.ids(ev, language="en", with_text=True):
        assert len(documents.headnote(ev, doc_id)) > 80, doc_id
        note = documents.source_note(ev, doc_id)
        assert note.startswith("Foreign Relations of the United States, Diplomatic Papers, 193"), doc_id
        assert "Government Printing Office" in note and f"doc. {doc_id.split('-d')[1]}" in note, doc_id


def test_source_notes_give_the_pages_the_page_breaks_show(ev):
    assert documents.source_note(ev, "frus1935v03-d136").endswith("doc. 136, pp. 181–182")
    assert documents.source_note(ev, "frus1935v03-d185").endswith("doc. 185, pp. 232–233 (the part given)")
    assert documents.source_note(ev, "frus1935v03-d160").endswith("doc. 160, p. 202")


def test_excerpts_say_which_part_is_given(ev):
    frame = ev.documents[ev.documents["completeness"] == "excerpt"]
    assert len(frame) >= 1
    for r in frame.itertuples(index=False):
        assert " given" in r.completeness_note, r.id


def test_footnotes_of_a_document(ev):
    assert documents.document_footnotes(ev, "frus1935v03-d159") == [("66", "The so-called “Blue Shirts.”")]
    assert documents.document_footnotes(ev, "frus1935v03-d185") == [("74", "")]
    lines = documents.text_lines(ev, "frus1935v03-d159")
    assert not any("[^66]:" in str(part) for line in lines for part in line), "footnote lines are not paragraphs"


# --- the validator refuses damaged apparatus ------------------------------------------------------

def _rehash(d, doc_id):
    import hashlib
    rows = read(d / "documents.csv")
    row = next(r for r in rows if r["id"] == doc_id)
    row["sha256"] = hashlib.sha256((d / row["file"]).read_bytes()).hexdigest()
    write(d / "documents.csv", rows)


def _page_jump(d):
    path = d / "documents" / "frus1935v03-d136.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("[Page 182]", "[Page 182] x [Page 185]"), encoding="utf-8")
    _rehash(d, "frus1935v03-d136")
    return "the page breaks jump from page 182 to page 185"


def _first_page_disagrees(d):
    rows = read(d / "documents.csv")
    next(r for r in rows if r["id"] == "frus1935v03-d136")["first_page"] = "100"
    write(d / "documents.csv", rows)
    return "begins on page 100 but its first page break is to page 182"


def _orphan_footnote(d):
    path = d / "documents" / "frus1935v03-d136.txt"
    path.write_text(path.read_text(encoding="utf-8") + "[^9]: A footnote nobody refers to.\n", encoding="utf-8")
    _rehash(d, "frus1935v03-d136")
    return "footnote 9 is given but not referred to"


def _no_headnote(d):
    rows = read(d / "documents.csv")
    next(r for r in rows if r["id"] == "frus1935v03-d136")["headnote"] = ""
    write(d / "documents.csv", rows)
    return "a FRUS document needs the editors' headnote"


def _first_page_not_a_number(d):
    rows = read(d / "documents.csv")
    next(r for r in rows if r["id"] == "frus1935v03-d153")["first_page"] = "p. 198"
    write(d / "documents.csv", rows)
    return "first_page"


@pytest.mark.parametrize("breaker", [_page_jump, _first_page_disagrees, _orphan_footnote, _no_headnote,
                                     _first_page_not_a_number])
def test_validator_refuses(breaker, data_copy, validate_cli):
    expected = breaker(data_copy)
    code, messages = validate_cli(data_copy)
    assert code != 0
    assert any(expected in m for m in messages), messages
