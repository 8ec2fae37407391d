"""What a Table Schema cannot say: real calendar dates in order, quotations at their offsets in the
witnesses, checksums of the witness files, and rows that attestations point at.

Only tables that passed every other check arrive here, so their cells have the schema's types;
the code still reads them defensively, because the schema itself comes from the data.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .datafiles import refusal
from .dates import date_span
from .problems import Problem
from .textfiles import decode, describe, forbidden

DATE_FIELDS = {
    "events": ["date", "end_date"], "actors": ["born", "died"], "relations": ["date"],
    "demands": ["date", "outcome_date"],
}
ORDERED_DATES = {"events": ("date", "end_date"), "actors": ("born", "died"), "demands": ("date", "outcome_date")}
PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}
QUOTED = {"attestations": "quote", "readings": "reading"}
CITING_FIELDS = ("sources", "authority")
SIGLA = {"F", "E", "X"}  # 'authority' may name a witness as well as a BibTeX key


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

    def dates(self) -> None:
        for table, fields in DATE_FIELDS.items():
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
        for table, rows in self.tables.items():
            for row in rows:
                for field in CITING_FIELDS:
                    for key in filter(None, (row.get(field) or "").split(";")):
                        if key not in keys and not (field == "authority" and key in SIGLA):
                            unknown.append((table, row, field, key))
        return unknown

    def witnesses(self) -> dict[str, str]:
        """The text of each witness whose file is safe and readable, by siglum."""
        texts: dict[str, str] = {}
        for row in self.tables.get("witnesses", []):
            rel = f"witnesses/{row.get('file')}"
            # The name as written first (absolute, URL, '..'), then the way to it from data/ (symlinks).
            why = (refusal(self.data_dir / "witnesses", row.get("file"), must_exist=False)
                   or refusal(self.data_dir, rel))
            if why:
                self.add("witnesses", row, "file", why)
                continue
            raw = (self.data_dir / rel).read_bytes()
            before = len(self.problems)
            if hashlib.sha256(raw).hexdigest() != row.get("sha256"):
                self.add("witnesses", row, "sha256", f"{rel} does not match its recorded SHA-256")
            text, problems = decode(raw, rel)
            self.problems += problems
            if text is not None:
                self.problems += [Problem(rel, 1 + line, None, describe(chars))
                                  for line, chars in forbidden(text).items()]
            if len(self.problems) > before:
                # Offsets into a changed or damaged text would all fail: one note instead of one per row.
                self.notes.append(Problem(rel, None, None, "offsets into this witness (attestations, readings, "
                                          "segments, lacunae, alignment) were not checked; "
                                          "fix the problem(s) above first"))
            else:
                texts[row.get("siglum")] = text
        return texts

    def offsets(self, texts: dict[str, str]) -> None:
        for table in ("attestations", "readings", "segments"):
            for row in self.tables.get(table, []):
                text = texts.get(row.get("witness"))
                start, end = _int(row.get("start")), _int(row.get("end"))
                if text is None or start is None or end is None:
                    continue
                if not 0 <= start < end <= len(text):
                    self.add(table, row, "end", f"offsets {start}-{end} are not a span of witness "
                                                f"{row['witness']} ({len(text)} characters)")
                    continue
                quoted = row.get(QUOTED.get(table, ""))
                if quoted is not None and text[start:end] != quoted:
                    found = text.find(quoted)
                    hint = (f"; it occurs at {found}-{found + len(quoted)}" if found >= 0
                            else "; it does not occur in the witness at all")
                    self.add(table, row, QUOTED[table],
                             f"not found verbatim at {start}-{end} in witness {row['witness']}{hint}")
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

    def attested_rows(self) -> None:
        ids = {t: {r.get("id") for r in rows} for t, rows in self.tables.items()}
        for row in self.tables.get("attestations", []):
            if row.get("table") in ids and row.get("row") not in ids[row["table"]]:
                self.add("attestations", row, "row", f"no row '{row.get('row')}' in table {row['table']}")
