"""What a Table Schema cannot say: real calendar dates in order, quotations at their offsets in the
witnesses and documents, checksums of their files, translations line by line, and rows that
attestations point at.

Only tables that passed every other check arrive here, so their cells have the schema's types;
the code still reads them defensively, because the schema itself comes from the data.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .datafiles import refusal
from .dates import date_span
from .docsigns import page_problems
from .problems import Problem
from .textfiles import decode, describe, forbidden

ORDERED_DATES = {"events": ("date", "end_date"), "actors": ("born", "died"), "demands": ("date", "outcome_date")}
PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}
QUOTED = {"attestations": "quote", "readings": "reading", "passages": "quote", "document_notes": "quote"}
# Tables of spans: the field naming the text, and what the text is called in messages.
SPANS = {"attestations": ("witness", "witness"), "readings": ("witness", "witness"), "segments": ("witness", "witness"),
         "passages": ("document", "document"), "document_notes": ("document", "document")}
MEMORANDUM = "umezu-memorandum-1935-06-09"  # the document whose items demands.memorandum_item names
CITING_FIELDS = ("sources", "authority")
# The fields the checks below read, by table, besides ids, citations and dates (read in every table).
# The validator keeps only these of each row (a million rows of coordinates cost no memory here).
READS = {"events": {"precision"}, "witnesses": {"siglum", "file", "sha256"},
         "documents": {"completeness", "file", "sha256", "first_page", "headnote", "url"},
         "attestations": {"witness", "start", "end", "quote", "table", "row"},
         "readings": {"witness", "start", "end", "reading"}, "segments": {"witness", "start", "end"},
         "passages": {"document", "start", "end", "quote"}, "document_notes": {"document", "start", "end", "quote"},
         "lacunae": {"witness", "offset", "context"}, "alignment": {"f_start", "f_end", "e_start", "e_end"},
         "translation_lines": {"document", "line", "item"}, "demands": {"memorandum_item"}}


def read_fields(table: str, date_fields: list[str]) -> set[str]:
    """The fields of ``table`` that the checks read."""
    return {"id", *CITING_FIELDS, *date_fields} | READS.get(table, set())


def _span(value: str):
    """First and last day a date may mean, or None if it is not a real calendar date (1935-02-30)."""
    try:
        return date_span(value)
    except (ValueError, KeyError, TypeError):
        return None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class Checks:
    def __init__(self, data_dir: Path, file_of: dict[str, str], tables: dict[str, list[dict]]):
        self.data_dir, self.file_of, self.tables = data_dir, file_of, tables
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []  # checks skipped because of a problem reported above

    def add(self, table: str, row: dict | None, field: str | None, message: str) -> None:
        self.problems.append(Problem(self.file_of[table], row["_line"] if row else None, field, message))

    def dates(self, date_fields: dict[str, list[str]]) -> None:
        """Every date field of every table (found from the schema) a calendar date at its precision."""
        for table, fields in date_fields.items():
            for row in self.tables.get(table, []):
                for field in fields:
                    value = row.get(field) or ""
                    if value and _span(value) is None:
                        self.add(table, row, field, f"impossible date '{value}'")
                if table in ORDERED_DATES:
                    # Compare intervals: died '1882' is possible for born '1882-12-01'; refuse only
                    # when the latest day the second date may mean is before the earliest of the first.
                    a, b = ORDERED_DATES[table]
                    first, last = _span(row.get(a) or ""), _span(row.get(b) or "")
                    if first and last and last[1] < first[0]:
                        self.add(table, row, b, f"'{row[b]}' is earlier than {a} '{row[a]}'")
        for row in self.tables.get("events", []):
            expected = PRECISION_LENGTH.get(row.get("precision", ""))
            if expected and len(row.get("date") or "") != expected:
                self.add("events", row, "date", f"'{row['date']}' does not match precision '{row['precision']}'")

    def citations(self, keys: set[str]) -> list[tuple[str, dict, str, str]]:
        """Unknown keys as (table, row, field, key); the caller reports them, or one summary."""
        unknown = []
        # 'authority' may name a witness (by its siglum in witnesses.csv) as well as a BibTeX key.
        sigla = {row.get("siglum") for row in self.tables.get("witnesses", [])}
        for table, rows in self.tables.items():
            for row in rows:
                for field in CITING_FIELDS:
                    for key in filter(None, (row.get(field) or "").split(";")):
                        if field == "authority" and (key in sigla or "witnesses" not in self.tables):
                            continue  # a witness; or, witnesses.csv unread, not checkable (reported there)
                        if key not in keys:
                            unknown.append((table, row, field, key))
        return unknown

    def witnesses(self) -> dict[str, str]:
        """The text of each witness whose file is safe and readable, by siglum."""
        return self._texts("witnesses", "siglum", lambda row: f"witnesses/{row.get('file')}",
                           lambda row: refusal(self.data_dir / "witnesses", row.get("file"), must_exist=False),
                           "attestations, readings, segments, lacunae, alignment")

    def documents(self) -> dict[str, str]:
        """The text of each document whose file is safe and readable, by id; a document without
        text (completeness 'not_available') must name no file, and one with text must name one."""
        with_text = []
        for row in self.tables.get("documents", []):
            missing = row.get("completeness") == "not_available"
            if missing and (row.get("file") or row.get("sha256")):
                self.add("documents", row, "file", "a document that is 'not_available' has no file and no sha256")
            elif not missing and not (row.get("file") or "").startswith("documents/"):
                self.add("documents", row, "file", "must name the text file under documents/")
            elif not missing and not row.get("sha256"):
                self.add("documents", row, "sha256", "the SHA-256 of the text file is missing")
            elif not missing:
                with_text.append(row)
        return self._texts("documents", "id", lambda row: row.get("file"), lambda row: None,
                           "passages, document_notes, translation_lines", with_text)

    def document_apparatus(self, documents: dict[str, str]) -> None:
        """A document's page breaks run one page at a time from its first page, its footnotes are
        referred to, and a FRUS document has the editors' headnote."""
        for row in self.tables.get("documents", []):
            text = documents.get(row.get("id"))
            if text is not None:
                for message in page_problems(text, row.get("first_page") or ""):
                    self.add("documents", row, "first_page" if "begins on page" in message else "file",
                             f"{row.get('file')}: {message}")
            if "history.state.gov/" in (row.get("url") or "") and not (row.get("headnote") or "").strip():
                self.add("documents", row, "headnote", "a FRUS document needs the editors' headnote")

    def _texts(self, table: str, key: str, rel_of, refuse_name, referring: str, rows=None) -> dict[str, str]:
        """Read the text file of each row: the path confined to data/, the SHA-256 as recorded,
        UTF-8 without control or bidi characters. Shared by witnesses and documents."""
        texts: dict[str, str] = {}
        for row in self.tables.get(table, []) if rows is None else rows:
            rel = rel_of(row)
            # The name as written first (absolute, URL, '..'), then the way to it from data/ (symlinks).
            why = refuse_name(row) or refusal(self.data_dir, rel)
            if why:
                self.add(table, row, "file", why)
                continue
            raw = (self.data_dir / rel).read_bytes()
            noun = "witness" if table == "witnesses" else "document"
            before = len(self.problems)
            if hashlib.sha256(raw).hexdigest() != row.get("sha256"):
                self.add(table, row, "sha256", f"{rel} does not match its recorded SHA-256")
            text, problems = decode(raw, rel)
            self.problems += problems
            if text is not None and table != "witnesses":  # a witness is verbatim: shown visibly instead
                self.problems += [Problem(rel, 1 + line, None, describe(chars))
                                  for line, chars in forbidden(text).items()]
            if len(self.problems) > before:
                # Offsets into a changed or damaged text would all fail: one note instead of one per row.
                self.notes.append(Problem(rel, None, None, f"offsets into this {noun} ({referring}) were not checked; "
                                          "fix the problem(s) above first"))
            else:
                texts[row.get(key)] = text
        return texts

    def offsets(self, texts: dict[str, str], documents: dict[str, str] | None = None) -> None:
        documents = documents or {}
        for table, (source, label) in SPANS.items():
            pool = texts if source == "witness" else documents
            for row in self.tables.get(table, []):
                text = pool.get(row.get(source))
                start, end = _int(row.get("start")), _int(row.get("end"))
                if table == "document_notes" and start is None and end is None and not row.get("quote"):
                    if text is not None:
                        self.add(table, row, "start", f"a note on document {row[source]}, which has a text, "
                                                      "needs the offsets and words it comments on")
                    continue
                if text is None or start is None or end is None:
                    if text is not None:
                        self.add(table, row, "start", "offsets are missing")
                    continue
                if not 0 <= start < end <= len(text):
                    self.add(table, row, "end", f"offsets {start}-{end} are not a span of {label} "
                                                f"{row[source]} ({len(text)} characters)")
                    continue
                quoted = row.get(QUOTED.get(table, ""))
                if quoted is not None and text[start:end] != quoted:
                    found = text.find(quoted)
                    hint = (f"; it occurs at {found}-{found + len(quoted)}" if found >= 0
                            else f"; it does not occur in the {label} at all")
                    self.add(table, row, QUOTED[table],
                             f"not found verbatim at {start}-{end} in {label} {row[source]}{hint}")
        for row in self.tables.get("lacunae", []):
            text, offset, context = texts.get(row.get("witness")), _int(row.get("offset")), row.get("context") or ""
            if text is not None and offset is not None and text[max(0, offset - len(context)):offset] != context:
                self.add("lacunae", row, "context",
                         f"the witness does not read '{context}' just before offset {offset}")
        for row in self.tables.get("alignment", []):
            for siglum, prefix in (("F", "f_"), ("E", "e_")):
                text, start = texts.get(siglum), _int(row.get(prefix + "start"))
                if text is None or start is None:
                    continue
                end = _int(row.get(prefix + "end"))
                if end is None or not 0 <= start < end <= len(text):
                    self.add("alignment", row, prefix + "end",
                             f"offsets {start}-{end} are not a span of witness {siglum}")

    def translations(self, documents: dict[str, str]) -> None:
        """A translation has one row per line of its document's text, and the memorandum items
        the demands name exist."""
        lines: dict[str, list[dict]] = {}
        for row in self.tables.get("translation_lines", []):
            lines.setdefault(row.get("document"), []).append(row)
        for doc, rows in lines.items():
            text = documents.get(doc)
            if text is None:
                continue
            count = len(text.rstrip("\n").split("\n"))
            numbers = sorted(n for n in (_int(r.get("line")) for r in rows) if n is not None)
            for row in rows:
                n = _int(row.get("line"))
                if n is not None and not 1 <= n <= count:
                    self.add("translation_lines", row, "line", f"document {doc} has {count} lines, not {n}")
            if numbers != list(range(1, count + 1)) and all(1 <= n <= count for n in numbers):
                self.add("translation_lines", rows[0], "line",
                         f"the translation of {doc} must have one row for each of its {count} lines")
        items = {r.get("item") for r in lines.get(MEMORANDUM, []) if r.get("item")}
        if MEMORANDUM in documents or not lines:
            for row in self.tables.get("demands", []):
                item = row.get("memorandum_item")
                if item and item not in items:
                    self.add("demands", row, "memorandum_item", f"no item '{item}' in the translation of {MEMORANDUM}")

    def attested_rows(self) -> None:
        ids = {t: {r.get("id") for r in rows} for t, rows in self.tables.items()}
        for row in self.tables.get("attestations", []):
            if row.get("table") in ids and row.get("row") not in ids[row["table"]]:
                self.add("attestations", row, "row", f"no row '{row.get('row')}' in table {row['table']}")
