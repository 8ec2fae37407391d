"""Validate the evidence: Frictionless checks what the Table Schemas say, this package the rest.

Frictionless (the reference implementation of the Data Package standard) checks types,
required fields, enums, patterns, booleans and foreign keys. Before it runs, the descriptor and
every path are vetted (descriptor.py, datafiles.py), the schema is held to the features the
edition supports (schema.py, patterns.py), and each table is read once as a stream: invisible
characters, cells the loader could not read, formulas and links (schema.py, links.py), primary
keys and unique fields (keys.py). After it, crosschecks.py checks what a Table Schema cannot say,
dates among them (every field with the date pattern); bib.py checks the .bib files' text and
addresses, bibfields.py the fields each entry type needs for its notes.

A table that cannot be read, or whose header is wrong, is reported once: the checks of other
tables that refer to it are skipped, and one closing line says so, instead of many false errors
blamed on the wrong file. validate() never raises: an unforeseen failure becomes a problem too.
"""
from __future__ import annotations

import csv
import re
from array import array
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

from frictionless import Package
from frictionless.errors import ForeignKeyError, HeaderError

from . import bib, bibfields, further_reading, paths
from .crosschecks import Checks, read_fields
from .datafiles import described, undescribed
from .descriptor import DESCRIPTOR, read_descriptor, with_lines
from .keys import Keys
from .problems import Problem, sort_key
from .schema import cell_problem, date_fields
from .textfiles import FORBIDDEN, check_utf8, describe, forbidden, iter_records

# Tables whose rows cross-checks.py compares with another table beyond the schema's foreign keys.
ALSO_REFERS_TO = {"alignment": {"witnesses"},
                  "attestations": {"events", "actors", "places", "demands", "relations", "glossary"},
                  "demands": {"translation_lines"}}

ROW_POSITION = re.compile(r'\b[Rr]ow at position "\d+"')


def validate(data_dir: Path | str | None = None) -> list[Problem]:
    """Every problem in the evidence at once, root causes first; an empty list means valid."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    try:
        return with_lines(_validate(data_dir.resolve()), data_dir.resolve())
    except Exception as exc:  # noqa: BLE001 - a validator must report, not crash; the known cases are handled above
        return [Problem(DESCRIPTOR, None, None, f"the validator could not finish ({type(exc).__name__}: {exc}); "
                                                "the data may be malformed in a way it does not yet recognise")]


def _validate(data_dir: Path) -> list[Problem]:
    if not data_dir.is_dir():
        return [Problem(DESCRIPTOR, None, None, f"missing: no data folder {data_dir}")]
    resources, problems, sound = read_descriptor(data_dir)

    texts: dict[str, Table] = {}  # name -> its lines and the fields the cross-checks read
    broken: set[str] = set()     # unreadable, or a wrong header: other tables cannot be checked against it
    for r in resources:
        found, table = _read_table(data_dir, r)
        problems += found
        if table is None:
            broken.add(r["name"])
        else:
            texts[r["name"]] = table

    header_broken, found = _frictionless(data_dir, [r for r in resources if r["name"] in texts], broken, texts)
    broken |= header_broken
    # A cell this edition refuses (schema.cell_problem) may be a type error to Frictionless too: say it once.
    ours = {(p.file, p.line, p.field) for p in problems}
    problems += [p for p in found if not (p.message.startswith("type-error") and (p.file, p.line, p.field) in ours)]

    failed = {p.file for p in problems}
    file_of = {r["name"]: r["path"] for r in resources}
    checks = Checks(data_dir, file_of, {n: t.rows for n, t in texts.items() if file_of[n] not in failed})
    checks.dates({r["name"]: date_fields(r["schema"]) for r in resources})
    keys, bib_problems, bib_broken = bib.bib_keys(data_dir)
    problems += bib_problems + bib.field_problems(data_dir)
    unread = further_reading.unread_keys(data_dir)
    unknown = checks.citations(keys - unread)
    if not bib_broken:
        suggested = further_reading.problems(data_dir)
        # A field further_reading.py already reports (a further-reading entry's year) is said once, its way.
        said = {(p.file, p.line, p.field) for p in suggested}
        problems += suggested + [p for p in bibfields.problems(data_dir) if (p.file, p.line, p.field) not in said]
        for table, row, field, key in unknown:
            checks.add(table, row, field, f"cites '{key}', a work listed as further reading that the edition did "
                                          f"not read ({further_reading.UNREAD_FILE}); it cannot support a row"
                       if key in unread else f"unknown citation key '{key}' (not in any .bib file)")
    documents = checks.documents()
    checks.offsets(checks.witnesses(), documents)
    checks.translations(documents)
    checks.document_apparatus(documents)
    checks.attested_rows()
    problems += checks.problems
    if sound:  # without a sound descriptor every file would be 'undescribed': say nothing
        # A table whose 'file' was refused leaves its real file unnamed: that is its consequence.
        refused = {p.file for p in problems if p.field == "file"}
        named = {n: t.rows for n, t in texts.items() if file_of[n] not in refused}
        problems += undescribed(data_dir, described(sound, named, data_dir))

    # The descriptor first: its problems are the root of anything wrong with the tables it describes.
    problems = sorted(dict.fromkeys(problems), key=lambda p: (p.file != DESCRIPTOR, *sort_key(p)))
    notes = [_skipped_note(name, file_of, resources) for name in sorted(broken)]
    if bib_broken and unknown:
        files = ", ".join(bib_broken)
        notes.append(Problem(bib_broken[0], None, None,
                             f"{len(unknown)} citation(s) in the tables name keys not read from the .bib files; "
                             f"they follow from the error in {files} and are not listed one by one"))
    return problems + [n for n in notes if n] + checks.notes


def _read_table(data_dir: Path, resource: dict) -> tuple[list[Problem], Table | None]:
    """A CSV read once, record by record: its problems (invisible characters, cells the loader
    could not read as their field's type) and a :class:`Table`, or None if it cannot be read."""
    path = resource["path"]
    if not (data_dir / path).is_file():
        return [Problem(path, None, None, "missing: the file does not exist")], None
    # Checked as UTF-8 text in chunks, then read as a stream: a large table is never held whole.
    text, problems = check_utf8(data_dir / path, path)
    if problems:
        return problems, None
    if not text:
        return [Problem(path, None, None, "empty: the file has no header and no rows")], None
    table = Table()
    try:
        with (data_dir / path).open(encoding="utf-8", newline="") as stream:
            problems += _records(resource, path, iter_records(stream), table)
        if table.keys.groups:  # a second reading only if some key hash was seen twice
            with (data_dir / path).open(encoding="utf-8", newline="") as stream:
                problems += table.keys.problems(path, iter_records(stream))
    except csv.Error as exc:
        return [Problem(path, None, None, f"cannot be parsed as CSV: {exc}")], None
    return problems, table


def _records(resource: dict, path: str, records, table: Table) -> list[Problem]:
    """Check each record as it is read, keeping in ``table`` only what the cross-checks read."""
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    keep = read_fields(resource["name"], date_fields(resource["schema"]))
    problems = []
    _, header = next(records)
    table.lines.append(1)
    problems += _cell_problems(resource["name"], path, 1, [None] * len(header), header, {})
    kept = [(i, name) for i, name in enumerate(header) if name in keep]
    table.keys = Keys(resource["schema"], header)
    for line, values in records:
        table.lines.append(line)
        if values:
            table.keys.add(values)
        names = header[:len(values)] + [None] * (len(values) - len(header))  # extra cells: no field
        problems += _cell_problems(resource["name"], path, line, names, values, fields)
        if values and kept:  # a table none of whose fields the checks read keeps no rows
            table.rows.append({name: values[i] for i, name in kept if i < len(values)} | {"_line": line})
    return problems


def _cell_problems(resource: str, path: str, line: int, names: list, values: list[str], fields: dict) -> list:
    """Invisible characters in any cell, and cells the loader could not read as their field's type."""
    problems = []
    for name, value in zip(names, values):
        if not value:
            continue
        if FORBIDDEN.search(value):  # located at the line the record starts on, as Frictionless's errors are
            chars = "".join(forbidden(value).values())
            problems.append(Problem(path, line, name, describe("".join(dict.fromkeys(chars)))))
        why = cell_problem(resource, fields[name], value) if name in fields else None
        if why:
            problems.append(Problem(path, line, name, why))
    return problems


@dataclass
class Table:
    """What the validator keeps of a table: the line each record starts on (Frictionless counts
    records), and of each data row only the fields the cross-checks read (crosschecks.READS)."""
    lines: array = dataclass_field(default_factory=lambda: array("L"))
    rows: list[dict] = dataclass_field(default_factory=list)
    keys: Keys | None = None


def _frictionless(data_dir: Path, resources: list[dict], broken: set[str], texts: dict) -> tuple[set[str], list]:
    """Schema, key and foreign-key errors with their file lines; and the tables whose header is wrong."""
    descriptor = {"resources": [
        {"name": r["name"], "path": r["path"], "profile": "tabular-data-resource", "format": "csv",
         "encoding": "utf-8", "schema": dict(_without_keys(r["schema"]), foreignKeys=[
             fk for fk in r["schema"]["foreignKeys"] if fk["reference"]["resource"] not in broken])}
        for r in resources]}
    report, problems = _run_frictionless(data_dir, descriptor, resources)
    path_of = {r["name"]: r["path"] for r in resources}
    schema_of = {r["name"]: r["schema"] for r in resources}
    header_broken = {task.name for task in report.tasks if any(isinstance(e, HeaderError) for e in task.errors)}
    problems += [Problem(DESCRIPTOR, None, None, f"{e.type}: {e.message}") for e in report.errors]
    for task in report.tasks:
        lines = texts[task.name].lines if task.name in texts else []
        for error in task.errors:
            if isinstance(error, ForeignKeyError) and error.reference_name in header_broken:
                continue  # a consequence: the referenced table's header is reported instead
            row = getattr(error, "row_number", None)
            line = 1 if isinstance(error, HeaderError) else lines[row - 1] if row and row <= len(lines) else row
            problems.append(Problem(path_of.get(task.name, DESCRIPTOR), line, getattr(error, "field_name", None),
                                    _message(error, schema_of.get(task.name, {}))))
    return header_broken, problems


def _without_keys(schema: dict) -> dict:
    """The schema without primary key and unique constraints: keys.py checks those (Frictionless
    would hold every key of a table in memory)."""
    fields = [dict(f, constraints={k: v for k, v in f["constraints"].items() if k != "unique"})
              if "constraints" in f else f for f in schema["fields"]]
    return {k: v for k, v in schema.items() if k != "primaryKey"} | {"fields": fields}


def _run_frictionless(data_dir: Path, descriptor: dict, resources: list[dict]):
    """Frictionless's report, and the resources whose schema makes it raise rather than report
    (its descriptor check lets through, e.g., a null 'minimum'): each is found alone and left out."""
    try:
        return Package(descriptor, basepath=str(data_dir)).validate(), []
    except Exception:  # noqa: BLE001, S110 - whatever Frictionless raises, each resource is tried alone below
        pass
    problems, kept = [], []
    for resource, vetted in zip(descriptor["resources"], resources):
        try:
            Package({"resources": [dict(resource, schema=dict(resource["schema"], foreignKeys=[]))]},
                    basepath=str(data_dir)).validate()
            kept.append(resource)
        except Exception as exc:  # noqa: BLE001 - reported as this resource's problem, whatever it is
            problems.append(Problem(DESCRIPTOR, None, f"resources[{vetted['index']}].schema",
                                    f"resource '{vetted['name']}': Frictionless cannot apply this schema "
                                    f"({type(exc).__name__}: {exc})"))
    names = {r["name"] for r in kept} | {""}
    for resource in kept:
        resource["schema"]["foreignKeys"] = [
            fk for fk in resource["schema"]["foreignKeys"] if fk["reference"]["resource"] in names]
    return Package({"resources": kept}, basepath=str(data_dir)).validate(), problems


def _message(error, schema: dict) -> str:
    """Frictionless's explanation without its 'row at position N' (a record count, not a line)."""
    cell = getattr(error, "cell", None)
    field = next((f for f in schema.get("fields", []) if f.get("name") == getattr(error, "field_name", None)), {})
    if error.type == "type-error" and field.get("type") == "boolean":
        allowed = " or ".join(field.get("trueValues", ["true"]) + field.get("falseValues", ["false"]))
        return f"type-error: '{cell}' is not a boolean as the schema spells it: write {allowed}"
    if getattr(error, "note", None):
        return f"{error.type}: " + (f"'{cell}': " if cell is not None else "") + error.note
    return f"{error.type}: " + ROW_POSITION.sub("the row", error.message)


def _skipped_note(name: str, file_of: dict[str, str], resources: list[dict]) -> Problem | None:
    """One line for everything not checked because table ``name`` is broken."""
    referring = sorted(
        file_of[r["name"]] for r in resources if r["name"] != name and (
            any(fk["reference"]["resource"] == name for fk in r["schema"]["foreignKeys"])
            or name in ALSO_REFERS_TO.get(r["name"], ())))
    if not referring:
        return None
    return Problem(file_of[name], None, None, f"references to this table from {', '.join(referring)} "
                                              "were not checked; fix the problem(s) above first")
