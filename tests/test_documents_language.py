"""The documents part speaks of the documents, not of how the edition was made (issue 22).

Reader-facing text of the documents part: the fields of documents.csv, document_notes.csv and
translation_lines.csv that the pages show, the pages in book/documents/, and the words
heumezu.documents puts on them; the witness pages (book/sources/, the fields of witnesses.csv
they show, heumezu.apparatus's table of each witness, the apparatus tables behind them); the notes of the .bib entries; and the
data documentation (data/README.md), where checksums are in place
but nothing else of the kind. None may describe searching, copies, corpora, tools, capture dates,
mirrors, checksums, character limits or the repository's files. (The texts themselves are the
documents' words and are not scanned: a 1936 despatch may well speak of "copies".) Working notes
belong in research/.
"""
from __future__ import annotations

import csv
import io
import re

import pytest

import heumezu as hu
from conftest import DATA, ROOT
from heumezu import apparatus, documents, notes
from heumezu.table import text_of

# Each pattern is a way of telling the reader how the edition was made, not what a text is.
WORKFLOW = [
    r"stored cop(y|ies)", r"\bcop(y|ies) read\b", r"search corpus", r"\bcorpus\b", r"capture date", r"\bcaptured?\b",
    r"kiwix", r"sha-?256", r"checksum", r"not seen", r"tool delivered", r"\bthe tool\b", r"research/", r"\.md\b",
    r"\bNFKC\b", r"normali[sz]ation", r"\d,000 characters", r"characters or so", r"kept as read", r"live page",
    r"\bstaging\b", r"\bmirror", r"\bsearch(ed|ing)?\b", r"was not found", r"were not read", r"could not be read",
    r"not yet collated", r"to be confirmed", r"\binference\b", r"(?-i:\bNOT\b)",
]
PATTERN = re.compile("|".join(f"(?:{w})" for w in WORKFLOW), flags=re.IGNORECASE)
# Fields of the tables that no page shows: ids, offsets, file names, checksums, citation keys.
NOT_SHOWN = {"id", "document", "start", "end", "file", "sha256", "sources", "url", "line", "item", "siglum"}
# The data documentation describes the checksums the validator checks: those words are in place there.
CHECKSUM_WORDS = re.compile(r"sha-?256|checksum|\.md\b", flags=re.IGNORECASE)


def _table_values(name: str):
    rows = csv.DictReader(io.StringIO((DATA / name).read_text(encoding="utf-8")))
    for line, row in enumerate(rows, start=2):
        for field, value in row.items():
            if field not in NOT_SHOWN and value:
                yield f"{name}, line {line}, {field}", value


def _reader_texts():
    yield from _table_values("documents.csv")
    yield from _table_values("document_notes.csv")
    yield from _table_values("translation_lines.csv")
    yield from _table_values("witnesses.csv")
    for name in ("lacunae.csv", "readings.csv", "segments.csv"):  # the apparatus of the witness pages
        yield from _table_values(name)
    for folder in ("documents", "sources"):
        for path in sorted((ROOT / "book" / folder).glob("*.md")):
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    ev = hu.load()
    for siglum in ev.witnesses["siglum"]:
        table = apparatus.witness_metadata_table(ev, siglum)
        yield f"heumezu.apparatus.witness_metadata_table({siglum})", " ".join(
            text_of(cell) for row in table.rows for cell in row)
    works = notes.works(DATA)
    for key in sorted(works):
        yield f".bib entry {key}, note and howpublished", f"{works[key].get('note')} {works[key].get('howpublished')}"
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    yield "data/README.md (its checksums aside)", CHECKSUM_WORDS.sub("", readme)
    for name in ("COMPLETENESS", "EXCERPT_ENDS", "FOOTNOTES_TITLE", "FOOTNOTE_NOT_GIVEN", "TRANSLATION_BY"):
        value = getattr(documents, name)
        yield f"heumezu.documents.{name}", " ".join(value.values()) if isinstance(value, dict) else value


def workflow_phrases(text: str) -> list[str]:
    return [m.group(0) for m in PATTERN.finditer(text)]


def test_no_workflow_language_where_a_reader_looks():
    found = {where: workflow_phrases(text) for where, text in _reader_texts()}
    assert not {k: v for k, v in found.items() if v}


@pytest.mark.parametrize("sentence", [
    "Read in a stored copy of the canonical page (search corpus 'pages'; no capture date shown).",
    "The tool delivered ，；： as ASCII (the mark of NFKC normalisation).",
    "Long pages were available only in their first 2,000 characters or so.",
    "Date NOT seen. Inference, to be confirmed.",
    "See research/documents/SOURCES.md.",
    "SHA-256 of the file; read on a staging host, a mirror of the site.",
    "Time broken over two lines; kept as read.",
])
def test_the_check_catches_workflow_sentences(sentence):
    assert workflow_phrases(sentence)


@pytest.mark.parametrize("sentence", [
    "The text runs to the signature ‘Lockhart’.",
    "Paragraphs 1–3 are given; the rest of the telegram is not given.",
    "Foreign Relations of the United States, Diplomatic Papers, 1935, vol. III, The Far East, doc. 136, pp. 181–182",
    "Chinese Wikisource, in simplified characters as there.",
])
def test_the_check_lets_scholarly_sentences_pass(sentence):
    assert not workflow_phrases(sentence)
