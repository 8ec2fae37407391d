"""The one definition of the Table Schema features this edition supports.

The validator refuses, with a located message, any schema that uses something not listed here,
and the loader reads cells with the same definitions, so that what validates always loads.
Frictionless accepts more (a field without a type, 'any', '1_000' as an integer, other missing
values, 'bareNumber', patterns that backtrack for ever); none of it is needed, so none is allowed.
"""
from __future__ import annotations

import math
import re

from . import links, patterns

# Table Schema type -> the pandas dtype the loader gives the column.
TYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
FIELD_KEYS = {"name", "type", "description", "title", "constraints", "trueValues", "falseValues"}
CONSTRAINTS = {"required", "unique", "pattern", "enum", "minimum", "maximum"}
MISSING_VALUES = [""]
INT64 = (-(2 ** 63), 2 ** 63 - 1)
# ASCII digits only: Python's int() also reads '1_000', ' 1', '+1' and other scripts' digits; pandas does not.
INTEGER = re.compile(r"-?[0-9]+\Z")
NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"  # ISO 8601 truncated to its precision: 1935, 1935-06, 1935-06-10
# Fields the code reads with a meaning the schema must declare: dates it parses, vocabularies it lists.
READ_AS_DATES = {"events": ("date", "end_date"), "actors": ("born", "died"), "relations": ("date",),
                 "demands": ("date", "outcome_date"), "documents": ("date",)}
READ_AS_ENUMS = {"events": ("chapter", "precision"), "demands": ("category",), "actors": ("kind",)}
# A cell a spreadsheet would run: =, +, - or @, then a function call (=HYPERLINK(...)) or a DDE link (=cmd|...).
FORMULA = re.compile(r"\A\s*[=+\-@][\s(+\-=@]*(?:[A-Za-z_][\w.]*\(|\w+\s*\|)")
# Cells that quote a witness or document verbatim: a transcription is what it is, formula or not.
VERBATIM = {"attestations": "quote", "readings": "reading", "passages": "quote", "document_notes": "quote",
            "lacunae": "context"}


def field_problems(resource: str, field: object) -> list[str]:
    """What in one field's definition this edition does not support."""
    if not isinstance(field, dict):
        return ["must be an object"]
    out = [f"key {k!r} is not supported (supported: {', '.join(sorted(FIELD_KEYS))})"
           for k in field if k not in FIELD_KEYS]
    kind = field.get("type")
    if kind not in TYPES:
        out.append(f"type {kind!r} is not supported: declare one of {', '.join(TYPES)}")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return out + ["constraints must be an object"]
    out += [f"constraint {k!r} is not supported" for k in constraints if k not in CONSTRAINTS]
    out += [f"constraint {k!r} must be true or false" for k in ("required", "unique")
            if k in constraints and not isinstance(constraints[k], bool)]
    for k in ("minimum", "maximum"):
        if k in constraints:
            value = constraints[k]
            ok = (isinstance(value, int) if kind == "integer" else isinstance(value, (int, float))
                  and math.isfinite(value)) and not isinstance(value, bool) and kind in ("integer", "number")
            if not ok:
                out.append(f"constraint {k!r} must be a finite number, on an integer or number field")
    enum = constraints.get("enum")
    if enum is not None and (kind != "string" or not isinstance(enum, list) or not enum
                             or not all(isinstance(v, str) for v in enum)):
        out.append("constraint 'enum' must be a non-empty list of strings, on a string field")
    pattern = constraints.get("pattern")
    if pattern is not None:
        why = "must be a string on a string field" if not isinstance(pattern, str) or kind != "string" \
            else patterns.refusal(pattern)
        if why:
            out.append(f"pattern {pattern!r}: {why}")
    for k in ("trueValues", "falseValues"):
        if k in field and (kind != "boolean" or not isinstance(field[k], list) or not field[k]
                           or not all(isinstance(v, str) and v for v in field[k])):
            out.append(f"{k!r} must be a non-empty list of non-empty strings, on a boolean field")
    name = field.get("name")
    if name in READ_AS_DATES.get(resource, ()) and (kind != "string" or pattern != DATE_PATTERN):
        out.append(f"the edition reads this field as a date: it must be a string with pattern {DATE_PATTERN!r}")
    if name in READ_AS_ENUMS.get(resource, ()) and enum is None:
        out.append("the edition reads this field's allowed values: it must keep its 'enum' constraint")
    return out


def missing_values_problem(schema: dict) -> str | None:
    value = schema.get("missingValues", MISSING_VALUES)
    return None if value == MISSING_VALUES else f"missingValues must be {MISSING_VALUES!r} (an empty cell), not {value!r}"


def date_fields(schema: dict) -> list[str]:
    """The fields of a table that hold dates: those with the date pattern."""
    return [f["name"] for f in schema.get("fields", [])
            if isinstance(f, dict) and f.get("constraints", {}).get("pattern") == DATE_PATTERN]


def cell_problem(resource: str, field: dict, value: str) -> str | None:
    """Why a non-empty cell cannot be read as the field's type, in the form the loader reads."""
    kind = field.get("type")
    if kind == "integer":
        if not INTEGER.match(value):
            return f"'{value}' is not an integer written with the digits 0-9 (an optional '-' before)"
        if not INT64[0] <= int(value) <= INT64[1]:
            return f"'{value}' is beyond the range of a 64-bit integer"
    elif kind == "number":
        if not NUMBER.match(value) or not math.isfinite(float(value)):
            return f"'{value}' is not a finite number written with the digits 0-9 and '.'"
    elif kind == "string" and links.is_link_field(field.get("name")):
        return links.refusal(value)
    elif kind == "string" and VERBATIM.get(resource) != field.get("name") and FORMULA.match(value):
        return f"'{value[:40]}' would run as a formula in a spreadsheet; reword it (e.g. without the leading sign)"
    return None
