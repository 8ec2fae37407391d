"""datapackage.json, checked before Frictionless sees it.

Frictionless raises (rather than reports) on a malformed descriptor and opens whatever paths it
is given, so the descriptor's shape and every path in it are vetted here first. Only vetted
resources, reduced to the keys this edition uses, are handed on.
"""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path, PurePosixPath

from frictionless import Schema

from . import schema as supported
from .datafiles import refusal
from .json_lines import LineFinder
from .problems import Problem
from .textfiles import read_text

DESCRIPTOR = "datapackage.json"
RESOURCE_KEYS = {"name", "path", "schema", "profile", "format", "encoding", "mediatype", "description", "title",
                 "sources", "licenses"}
# A resource's own sources and licences (the map's geometry has a source and licence of its own):
# lists of objects with these text fields; a path is a web address.
CREDIT_KEYS = {"sources": {"title", "path"}, "licenses": {"name", "title", "path"}}
FIXED = {"profile": "tabular-data-resource", "format": "csv", "encoding": "utf-8", "mediatype": "text/csv"}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues"}
# A bibliography (a .bib file) is a resource without a schema; heumezu.bib reads and checks it.
BIB_KEYS = {"name", "path", "format", "mediatype", "encoding", "description", "title"}
BIB_FIXED = {"format": "bib", "mediatype": "application/x-bibtex", "encoding": "utf-8"}
MAX_DEPTH = 32  # the edition's descriptor nests 6 deep; Python's json parser recurses, and fails near 1,000


def too_deep(text: str) -> int | None:
    """The line where JSON ``text`` first nests deeper than MAX_DEPTH, else None (strings skipped)."""
    depth = 0
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, m.start()) + 1
        elif token in "]}":
            depth -= 1
    return None


def read_descriptor(data_dir: Path) -> tuple[list[dict], list[Problem], set[str]]:
    """The usable resources (name, path, schema), the problems of the descriptor, and the paths it
    describes (empty unless every resource is usable)."""
    why = refusal(data_dir, DESCRIPTOR)
    if why:
        return [], [Problem(DESCRIPTOR, None, None, f"cannot be read: {why}")], set()
    text, problems = read_text(data_dir / DESCRIPTOR, DESCRIPTOR)
    if text is None:
        return [], problems, set()
    deep = too_deep(text)
    if deep:
        return [], [Problem(DESCRIPTOR, deep, None, f"nested deeper than {MAX_DEPTH} levels of arrays and objects; "
                                                    "a descriptor needs a handful")], set()
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [Problem(DESCRIPTOR, exc.lineno, None, f"not valid JSON: {exc.msg}")], set()
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not resources:
        return [], [Problem(DESCRIPTOR, None, "resources",
                            "the top level must be an object with a non-empty list 'resources'")], set()

    usable: list[dict] = []
    bibliographies: list[dict] = []
    for i, resource in enumerate(resources):
        if isinstance(resource, dict) and resource.get("format") == "bib":
            found = _bibliography(data_dir, resource, i, usable + bibliographies)
            problems += found
            bibliographies += [] if found else [{"name": resource["name"], "path": resource["path"]}]
            continue
        found, vetted = _resource(data_dir, resource, i, usable + bibliographies)
        problems += found
        if vetted:
            usable.append(vetted)
    # A reference to a resource that is there but unusable is a consequence of its own problem.
    names = {r.get("name") for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)} | {""}
    usable_names = {r["name"] for r in usable} | {""}
    for resource in usable:
        for fk in list(resource["schema"].get("foreignKeys", [])):
            target = fk["reference"]["resource"]
            if target not in usable_names:
                resource["schema"]["foreignKeys"].remove(fk)
            if target not in names and len(usable) + len(bibliographies) == len(resources):  # else maybe the
                # unusable one's name
                problems.append(Problem(DESCRIPTOR, None, f"resources[{resource['index']}].schema.foreignKeys",
                                        f"resource '{resource['name']}': reference to unknown resource {target!r}"))
    # A CSV whose resource was refused would also be reported as undescribed: check only when all are usable.
    sound = len(usable) + len(bibliographies) == len(resources)
    described = {r["path"] for r in usable + bibliographies} if sound else set()
    return usable, problems, described


def _bibliography(data_dir: Path, resource: dict, i: int, seen: list[dict]) -> list[Problem]:
    """A .bib file at the top of the data folder, described by name, path and description."""
    label = resource.get("name")
    prefix = f"resource '{label}': " if isinstance(label, str) else ""
    messages = [(key, "is not supported for a bibliography") for key in resource if key not in BIB_KEYS]
    messages += [(key, f"must be {value!r}") for key, value in BIB_FIXED.items()
                 if key in resource and resource[key] != value]
    name, path = resource.get("name"), resource.get("path")
    if not isinstance(name, str) or not name:
        messages.append(("name", "missing: every resource needs a name"))
    elif any(r["name"] == name for r in seen):
        messages.append(("name", f"the name '{name}' is used by an earlier resource"))
    why = refusal(data_dir, path) if path is not None else "missing: every resource needs a path"
    if not why and ("/" in path or not path.endswith(".bib")):
        why = f"'{path}' must name a .bib file at the top of the data folder"
    if not why and any(r["path"] == path for r in seen):
        why = f"'{path}' is described by an earlier resource"
    messages += [("path", why)] if why else []
    return [Problem(DESCRIPTOR, None, f"resources[{i}].{key}", prefix + message) for key, message in messages]


def _resource(data_dir: Path, resource: object, i: int, seen: list[dict]) -> tuple[list[Problem], dict | None]:
    def problem(key: str | None, message: str) -> Problem:
        label = resource.get("name") if isinstance(resource, dict) else None
        prefix = f"resource '{label}': " if isinstance(label, str) else ""
        return Problem(DESCRIPTOR, None, f"resources[{i}]" + (f".{key}" if key else ""), prefix + message)

    if not isinstance(resource, dict):
        return [problem(None, "must be an object with name, path and schema")], None
    problems = [problem(key, f"must be {key!r}") for key, value in FIXED.items()
                if key in resource and str(resource[key]).lower() != value]
    problems += [problem(key, "is not supported in this edition's descriptor") for key in resource
                 if key not in RESOURCE_KEYS]
    for key, allowed in CREDIT_KEYS.items():
        problems += [problem(key, message) for message in _credits(resource.get(key, []), allowed)]
    name, path, schema = resource.get("name"), resource.get("path"), resource.get("schema")
    if not isinstance(name, str) or not name:
        problems.append(problem("name", "missing: every resource needs a name"))
    elif any(r["name"] == name for r in seen):
        problems.append(problem("name", f"the name '{name}' is used by an earlier resource"))
    why = refusal(data_dir, path, must_exist=False) if path is not None else "missing: every resource needs a path"
    if why:
        problems.append(problem("path", why))
    else:
        path = PurePosixPath(path).as_posix()
        if any(r["path"] == path for r in seen):
            problems.append(problem("path", f"'{path}' is described by an earlier resource"))
    schema_problems = _schema(schema, name if isinstance(name, str) else "")
    problems += [problem("schema", message) for message in schema_problems]
    if problems:
        return problems, None
    schema = {k: json.loads(json.dumps(v)) for k, v in schema.items() if k in SCHEMA_KEYS}
    schema.setdefault("foreignKeys", [])
    for fk in schema["foreignKeys"]:  # Frictionless reads a missing reference resource as the table itself
        fk["reference"].setdefault("resource", "")
    return [], {"name": name, "path": path, "schema": schema, "index": i}


def _credits(value: object, allowed: set[str]) -> list[str]:
    """What is wrong with a resource's list of sources or licences."""
    if not isinstance(value, list) or not all(isinstance(item, dict) and item for item in value):
        return ["must be a list of objects"]
    messages = []
    for n, item in enumerate(value):
        messages += [f"[{n}]: key {k!r} is not supported" for k in item if k not in allowed]
        messages += [f"[{n}].{k}: must be text" for k, v in item.items() if k in allowed and not isinstance(v, str)]
        address = item.get("path")
        if isinstance(address, str) and not re.fullmatch(r"https?://[^\s<>\"]+", address):
            messages.append(f"[{n}].path: must be an http(s) address")
    return messages


def _schema(schema: object, resource: str) -> list[str]:
    """What is wrong with a Table Schema, as Frictionless and this edition's definition
    (schema.py) judge it."""
    if not isinstance(schema, dict):
        return ["missing: every resource needs a schema object with its fields"]
    unknown = [f"key {k!r} is not supported" for k in schema if k not in SCHEMA_KEYS | {"description", "title"}]
    try:
        report = Schema.validate_descriptor({k: v for k, v in schema.items() if k in SCHEMA_KEYS})
    except Exception as exc:  # noqa: BLE001 - Frictionless raises on some malformed descriptors instead of reporting
        return unknown + [f"not a valid Table Schema: {exc}"]
    messages = unknown + [error.message for error in report.errors]
    if messages:  # what Frictionless refuses first; this edition's narrower definition after
        return messages
    missing = supported.missing_values_problem(schema)
    messages += [missing] if missing else []
    fields = schema.get("fields")
    for j, field in enumerate(fields if isinstance(fields, list) else []):
        name = field.get("name") if isinstance(field, dict) else None
        messages += [f"fields[{j}] ('{name}'): {m}" for m in supported.field_problems(resource, field)]
    return messages


FIELD_IN_MESSAGE = re.compile(r"(?:resource '[^']*': )?(fields\[\d+\])")


def with_lines(problems: list[Problem], data_dir: Path) -> list[Problem]:
    """The descriptor's problems located by line too: the line where the value their field names
    begins (a schema problem about one of its fields: that field's)."""
    unlocated = [p for p in problems if p.file == DESCRIPTOR and p.line is None and p.field]
    if not unlocated or refusal(data_dir, DESCRIPTOR):
        return problems
    text, _ = read_text(data_dir / DESCRIPTOR, DESCRIPTOR)
    if text is None or too_deep(text):
        return problems
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return problems
    finder = LineFinder(text)

    def located(problem: Problem) -> Problem:
        if problem not in unlocated:
            return problem
        path, field = problem.field, FIELD_IN_MESSAGE.match(problem.message)
        if path.endswith(".schema") and field:
            path += "." + field.group(1)
        return dataclasses.replace(problem, line=finder.line(path))

    return [located(p) for p in problems]

