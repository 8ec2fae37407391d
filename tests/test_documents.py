"""The documents (issue 12): their data are checked like the witnesses', chapters cite passages that
exist, the pages show the documents, and the TEI export carries them."""
from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET

import pytest

import heumezu as hu
import pdftext
from conftest import DATA, ROOT
from heumezu import documents, tei
from heumezu.table import text_of
from test_validation import read, write

PASSAGE_ROLE = re.compile(r"\{passage\}`([^`]+)`")
NS = {"t": tei.TEI_NS}
XML_ID = f"{{{tei.XML_NS}}}id"


@pytest.fixture(scope="module")
def ev():
    return hu.load()


def chapter_markdown() -> dict[str, str]:
    out = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        out[path.stem] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return out


# --- the data -------------------------------------------------------------------------------------

def test_every_text_matches_its_checksum_and_stays_in_data(ev):
    with_text = ev.documents[ev.documents["completeness"] != "not_available"]
    assert len(with_text) >= 15
    for r in with_text.itertuples(index=False):
        path = (DATA / r.file).resolve()
        assert path.is_relative_to((DATA / "documents").resolve())
        assert hashlib.sha256(path.read_bytes()).hexdigest() == r.sha256, r.id


def test_text_files_hold_only_the_documents_words():
    for path in (DATA / "documents").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for marker in ("Canonical URL:", "PROVENANCE", "STORED EXCERPT", "=" * 20):
            assert marker not in text, f"{path.name}: provenance note {marker!r} left in the text"


def test_the_letter_is_edited_with_its_translation_and_source(ev):
    """He's letter (issue 22): the text as the biography prints it, line by line with the
    editors' translation, its source named, its date and the days of its receipt set out."""
    letter = documents.row(ev, "he-letter-1935-07-06")
    assert letter["completeness"] == "complete"
    text = documents.document_text(ev, "he-letter-1935-07-06")
    assert text.startswith("迳启者,六月九日酒井参谋长所提各事项,均承诺之。")
    assert text.rstrip("\n").endswith("二十四年七月六日")
    rows = documents.parallel_rows(ev, "he-letter-1935-07-06")
    assert [r[0] for r in rows] == list(range(1, len(text.rstrip("\n").split("\n")) + 1))
    assert "熊宗仁" in documents.source_note(ev, "he-letter-1935-07-06")
    assert documents.language_tag(ev, "he-letter-1935-07-06") == "zh-Hans"
    dating = " ".join(text_of(cell) for row in documents.notes_table(ev, "he-letter-1935-07-06").rows for cell in row)
    for day in ("6 July", "7 July", "10 July"):
        assert day in dating, day


def test_the_memorandum_translation_carries_the_issue_22_corrections(ev):
    rows = {r[0]: r for r in documents.parallel_rows(ev, "umezu-memorandum-1935-06-09")}
    assert "has undertaken [承认]" in rows[1][3]
    assert "Zhang Ting'e" in rows[2][3] and "Tinge" not in rows[2][3].replace("Ting'e", "")
    assert "[特以笔记送达]" in rows[15][3] and "[此致]" in rows[15][3]
    assert "translation of a Japanese original" in rows[15][4]


def test_the_calendar_is_numbered_in_date_order(ev):
    table = documents.documents_table(ev)
    assert table.header[:4] == ("No.", "Date", "From", "To")
    assert [r[0] for r in table.rows] == [str(n) for n in range(1, len(ev.documents) + 1)]
    ordered = [r.id for _n, r in documents.calendar(ev)]
    places = dict(zip(ev.documents["id"], documents.calendar_places(ev.documents["date"])))
    assert [places[i] for i in ordered] == sorted(places.values())
    listed = list(ev.documents["id"])
    for doc_id, date in zip(ev.documents["id"], ev.documents["date"]):
        if not documents.plain(date) and listed.index(doc_id):
            before = listed[listed.index(doc_id) - 1]
            assert ordered.index(doc_id) > ordered.index(before), (doc_id, before)
    assert ordered.index("umezu-memorandum-1935-06-09") < ordered.index("he-letter-1935-07-06")


def test_an_undated_document_takes_the_place_of_the_one_listed_before_it():
    from heumezu.documents import calendar_places
    assert calendar_places(["", "1935-06-05", "", "1935-06", "", "1935-06-11"]) == \
        ["", "1935-06-05", "1935-06-05", "1935-06", "1935-06", "1935-06-11"]


def test_canonical_addresses_only(ev):
    for r in ev.documents.itertuples(index=False):
        if isinstance(r.url, str):
            assert re.match(r"https://(history\.state\.gov|zh\.wikisource\.org)/", r.url), r.url
            assert "test.history" not in r.url


def test_every_passage_quote_stands_at_its_offsets(ev):
    for p in ev.passages.itertuples(index=False):
        assert documents.passage_quote(ev, p.id) == p.quote, p.id


def test_passages_do_not_overlap(ev):
    for doc_id in documents.ids(ev, with_text=True):
        documents.passages_of(ev, doc_id)  # raises on overlap


def test_the_translation_has_one_row_per_line_and_says_whose_it_is(ev):
    memo = "umezu-memorandum-1935-06-09"
    rows = documents.parallel_rows(ev, memo)
    assert [r[0] for r in rows] == list(range(1, len(documents.document_text(ev, memo).rstrip("\n").split("\n")) + 1))
    items = [r[1] for r in rows if r[1]]
    assert items == ["I", *(f"I.{i}" for i in range(1, 10)), "II", "II.1", "II.2", "II.3"]
    assert documents.TRANSLATION_BY == "Translation by the editors"


def test_demands_name_items_of_the_memorandum(ev):
    items = {r[1] for r in documents.parallel_rows(ev, "umezu-memorandum-1935-06-09") if r[1]}
    named = set(ev.demands["memorandum_item"].dropna())
    assert named and named <= items


# --- the validator refuses damaged document data ----------------------------------------------

def _changed_text(d):
    path = d / "documents" / "frus1935v03-d159.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("yesterday", "today", 1), encoding="utf-8")
    return "does not match its recorded SHA-256"


def _moved_quote(d):
    rows = read(d / "passages.csv")
    rows[0]["start"], rows[0]["end"] = str(int(rows[0]["start"]) + 1), str(int(rows[0]["end"]) + 1)
    write(d / "passages.csv", rows)
    return "not found verbatim"


def _escaping_path(d):
    rows = read(d / "documents.csv")
    row = next(r for r in rows if r["id"] == "frus1935v03-d159")
    row["file"] = "documents/../../outside.txt"
    write(d / "documents.csv", rows)
    return "climbs out with '..'"


def _file_for_missing_text(d):
    rows = read(d / "documents.csv")
    row = next(r for r in rows if r["id"] == "frus1935v03-d159")
    row["completeness"] = "not_available"  # a document marked as not edited that still names a file
    write(d / "documents.csv", rows)
    return "has no file and no sha256"


def _translation_short(d):
    rows = read(d / "translation_lines.csv")
    write(d / "translation_lines.csv", rows[:-1])
    return "one row for each of its"


def _unknown_item(d):
    rows = read(d / "demands.csv")
    rows[0]["memorandum_item"] = "I.8" if rows[0]["memorandum_item"] != "I.8" else "I.7"
    rows[1]["memorandum_item"] = "II.9"
    write(d / "demands.csv", rows)
    return "no item 'II.9'"


def _note_off_its_words(d):
    rows = read(d / "document_notes.csv")
    row = next(r for r in rows if r["quote"])
    row["quote"] = row["quote"] + "之"
    write(d / "document_notes.csv", rows)
    return "not found verbatim"


@pytest.mark.parametrize("breaker", [_changed_text, _moved_quote, _escaping_path, _file_for_missing_text,
                                     _translation_short, _unknown_item, _note_off_its_words])
def test_validator_refuses(breaker, data_copy, validate_cli):
    expected = breaker(data_copy)
    code, messages = validate_cli(data_copy)
    assert code != 0
    assert any(expected in m for m in messages), messages


# --- chapters cite passages that exist ------------------------------------------------------------

def test_passage_ids_used_by_the_chapters_exist(ev):
    known = set(ev.passages["id"])
    used = {pid: chapter for chapter, text in chapter_markdown().items() for pid in PASSAGE_ROLE.findall(text)}
    assert len(used) >= 20
    assert set(used) <= known, sorted(set(used) - known)


def test_the_corrections_of_issue_12_cite_their_passages():
    text = "\n".join(chapter_markdown().values())
    for pid in ("p-d159-call", "p-d158-yuan", "p-d159-resignations", "p-d176-mayor-police", "p-d77-cwr",
                "p-d77-no-agreement", "p-d393-announcement", "p-d394-inaugurated",
                "p-d154-gendarmerie-tientsin", "p-d176-gendarmerie"):
        assert f"{{passage}}`{pid}`" in text, pid
    assert "declared its 22 counties autonomous on 15 November" not in text
    assert "Whether the chief of the Tianjin police was removed is not documented" not in text


# --- TEI ---------------------------------------------------------------------------------------

def _plain(el) -> str:
    return (el.text or "") + "".join(_plain(c) + (c.tail or "") for c in el)


def test_tei_carries_every_document_and_its_passages(ev, tmp_path):
    root = ET.parse(tei.write_tei(ev, tmp_path / "edition.xml")).getroot()
    divs = {d.get(XML_ID): d for d in root.iterfind(".//t:div[@type='document']", NS)}
    assert set(divs) == {f"doc-{i}" for i in ev.documents["id"]}
    for doc_id in documents.ids(ev, with_text=True):
        ab = divs[f"doc-{doc_id}"].find("t:ab", NS)
        assert _plain(ab) == documents.document_text(ev, doc_id), doc_id
    segs = {s.get(XML_ID): _plain(s) for s in root.iterfind(".//t:seg[@type='passage']", NS)}
    assert segs == dict(zip(ev.passages["id"], ev.passages["quote"]))
    translation = divs["doc-umezu-memorandum-1935-06-09"].find("t:div[@type='translation']", NS)
    assert translation.get("resp") == "#editors"


# --- the built book ------------------------------------------------------------------------------

def test_the_documents_part_is_built(built, ev):
    html = built / "html" / "book" / "documents"
    memo = (html / "memorandum.html").read_text(encoding="utf-8")
    assert "Translation by the editors" in memo
    for line in documents.document_text(ev, "umezu-memorandum-1935-06-09").rstrip("\n").split("\n"):
        assert line in memo, line
    assert "02_ultimatum.html#tab-ultimatum-demands" in memo
    letter = (html / "letter.html").read_text(encoding="utf-8")
    assert "Translation by the editors" in letter and "tab-ultimatum-demands" not in letter
    for line in documents.document_text(ev, "he-letter-1935-07-06").rstrip("\n").split("\n"):
        assert line in letter, line
    assert 'id="document-he-letter"' in letter
    reports = (html / "reports.html").read_text(encoding="utf-8")
    for doc_id in documents.ids(ev, language="en", with_text=True):
        assert documents.row(ev, doc_id)["label"] in reports, doc_id
    for pid in ev.passages["id"]:
        assert f'id="{pid}"' in memo + reports, pid
    chapter = (built / "html" / "notebooks" / "02_ultimatum.html").read_text(encoding="utf-8")
    assert 'href="../book/documents/reports.html#p-d159-call"' in chapter


def test_the_documents_part_is_in_the_pdf(built):
    text = pdftext.normalise(pdftext.extract(built / "latex" / "he-umezu-edition.pdf"))
    for printed in ("The American reports", "Translation by the editors", "何应钦阁下", "梅津司令官阁下",
                    "Calendar of the documents"):
        assert pdftext.normalise(printed) in text, printed
