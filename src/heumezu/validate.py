"""Validate the evidence: Frictionless checks what the Table Schemas say, this module the rest.

Frictionless (the reference implementation of the Data Package standard) checks types,
required fields, enums, patterns, primary and foreign keys. What a Table Schema cannot say is
checked here: quotations at their offsets in the witnesses, citation keys, real calendar dates
and their order, checksums of the witness files.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

from frictionless import Package

from . import bib, paths
from .dates import parse_date
from .problems import Problem

DESCRIPTOR = "datapackage.json"


def validate(data_dir: Path | str | None = None) -> list[Problem]:
    """Every problem in the evidence at once; an empty list means valid."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    descriptor_path = data_dir / DESCRIPTOR
    if not descriptor_path.is_file():
        return [Problem(DESCRIPTOR, None, None, f"missing: no data package descriptor in {data_dir}")]
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [Problem(DESCRIPTOR, None, None, f"not valid UTF-8 JSON: {exc}")]

    problems: list[Problem] = []
    texts = {}
    for resource in descriptor["resources"]:
        problem, text = _read_text(data_dir, resource["path"])
        if problem:
            problems.append(problem)
        else:
            texts[resource["name"]] = text

    problems += _frictionless(data_dir, descriptor, healthy=set(texts))
    broken = {p.file for p in problems}
    tables = {
        r["name"]: _rows(texts[r["name"]]) for r in descriptor["resources"]
        if r["name"] in texts and r["path"] not in broken
    }
    keys, bib_problems = bib.bib_keys(data_dir)
    problems += bib_problems
    problems += _semantic(data_dir, descriptor, tables, keys)
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.field or "", p.message))


def _read_text(data_dir: Path, relpath: str) -> tuple[Problem | None, str | None]:
    path = data_dir / relpath
    if not path.is_file():
        return Problem(relpath, None, None, "missing: the file does not exist"), None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(relpath, line, None, f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}"), None
    if not text.strip():
        return Problem(relpath, None, None, "empty: the file has no header and no rows"), None
    return None, text


def _frictionless(data_dir: Path, descriptor: dict, healthy: set[str]) -> list[Problem]:
    """Schema, key and foreign-key errors, for the resources that could be read at all."""
    descriptor = json.loads(json.dumps(descriptor))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in healthy]
    for resource in descriptor["resources"]:
        schema = resource.get("schema", {})
        schema["foreignKeys"] = [
            fk for fk in schema.get("foreignKeys", []) if fk["reference"]["resource"] in healthy | {""}
        ]
    report = Package(descriptor, basepath=str(data_dir)).validate()
    path_of = {r["name"]: r["path"] for r in descriptor["resources"]}
    problems = []
    for task in report.tasks:
        for error in task.errors:
            field = getattr(error, "field_name", None)
            row = getattr(error, "row_number", None)
            message = f"{error.type}: {error.message}"
            problems.append(Problem(path_of.get(task.name, task.name), row, field, message))
    return problems


def _rows(text: str) -> list[dict]:
    """Rows as dicts of strings, each with its row number (header = 1) under '_row'."""
    reader = csv.DictReader(io.StringIO(text))
    return [dict(row, _row=i) for i, row in enumerate(reader, start=2)]


def _date(value: str) -> dt.date | None:
    """The first day of a date, or None if it is not a real calendar date (e.g. 1935-02-30)."""
    try:
        return parse_date(value)[0]
    except ValueError:
        return None


DATE_FIELDS = {
    "events": ["date", "end_date"], "actors": ["born", "died"], "relations": ["date"],
    "demands": ["date", "outcome_date"],
}
ORDERED_DATES = {"events": ("date", "end_date"), "actors": ("born", "died"), "demands": ("date", "outcome_date")}
PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}
QUOTED = {"attestations": "quote", "readings": "reading"}


def _semantic(data_dir: Path, descriptor: dict, tables: dict[str, list[dict]], keys: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    file_of = {r["name"]: r["path"] for r in descriptor["resources"]}

    def add(table, row, field, message):
        problems.append(Problem(file_of[table], row["_row"] if row else None, field, message))

    # Real calendar dates, and in order where order is implied.
    for table, fields in DATE_FIELDS.items():
        for row in tables.get(table, []):
            for field in fields:
                value = row.get(field) or ""
                if value and _date(value) is None:
                    add(table, row, field, f"impossible date '{value}'")
            if table in ORDERED_DATES:
                first, last = (_date(row.get(f) or "") if row.get(f) else None for f in ORDERED_DATES[table])
                if first and last and last < first:
                    a, b = ORDERED_DATES[table]
                    add(table, row, b, f"'{row[b]}' is earlier than {a} '{row[a]}'")
    for row in tables.get("events", []):
        expected = PRECISION_LENGTH.get(row.get("precision", ""))
        if expected and len(row.get("date", "")) != expected:
            add("events", row, "date", f"'{row['date']}' does not match precision '{row['precision']}'")

    # Citation keys.
    for table, rows in tables.items():
        for row in rows:
            for field in ("sources", "authority"):
                for key in filter(None, (row.get(field) or "").split(";")):
                    if field == "authority" and key in {"F", "E", "X"}:
                        continue
                    if key not in keys:
                        add(table, row, field, f"unknown citation key '{key}' (not in any .bib file)")

    # Witness files: present, unchanged, and every quotation where its offsets say.
    witness_text: dict[str, str] = {}
    for row in tables.get("witnesses", []):
        path = data_dir / "witnesses" / row["file"]
        if not path.is_file():
            add("witnesses", row, "file", f"witness file witnesses/{row['file']} does not exist")
            continue
        raw = path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            add("witnesses", row, "sha256", f"witnesses/{row['file']} does not match its recorded SHA-256")
        witness_text[row["siglum"]] = raw.decode("utf-8")

    for table in ("attestations", "readings", "segments"):
        for row in tables.get(table, []):
            text = witness_text.get(row["witness"])
            if text is None:
                continue
            start, end = int(row["start"]), int(row["end"])
            if not start < end <= len(text):
                add(table, row, "end", f"offsets {start}-{end} are not a span of witness {row['witness']} ({len(text)} characters)")
                continue
            quoted = QUOTED.get(table)
            if quoted and text[start:end] != row[quoted]:
                found = text.find(row[quoted])
                hint = f"; it occurs at {found}-{found + len(row[quoted])}" if found >= 0 else "; it does not occur in the witness at all"
                add(table, row, quoted, f"not found verbatim at {start}-{end} in witness {row['witness']}{hint}")
    for row in tables.get("lacunae", []):
        text = witness_text.get(row["witness"])
        if text is None:
            continue
        offset, context = int(row["offset"]), row["context"]
        if text[max(0, offset - len(context)):offset] != context:
            add("lacunae", row, "context", f"the witness does not read '{context}' just before offset {offset}")
    for row in tables.get("alignment", []):
        for siglum, prefix in (("F", "f_"), ("E", "e_")):
            text = witness_text.get(siglum)
            if text is None or not row.get(prefix + "start"):
                continue
            start, end = int(row[prefix + "start"]), int(row[prefix + "end"] or -1)
            if not 0 <= start < end <= len(text):
                add("alignment", row, prefix + "end", f"offsets {start}-{end} are not a span of witness {siglum}")

    # Attestations point at rows that exist.
    ids = {t: {r.get("id") for r in rows} for t, rows in tables.items()}
    for row in tables.get("attestations", []):
        if row["table"] in ids and row["row"] not in ids[row["table"]]:
            add("attestations", row, "row", f"no row '{row['row']}' in table {row['table']}")
    return problems
