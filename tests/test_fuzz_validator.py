"""Fuzzing: mutated copies of the shipped data never crash the validator.

validate() turns any exception into a "could not finish" problem, so the test asserts that this
last resort was not needed: every mutation must be recognised and reported as what it is. And
when a mutated copy validates, load() must read it: the validator and the loader agree.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import heumezu as hu

HOSTILE = [
    "", "\ufeff", "\x00", "\x1b[31m", "\x85", "\u202e", "\u2066", '"', '""', '"\n"', "\n", "\r", "\r\n", ",",
    "..", "../../etc/passwd", "/etc/passwd", "https://example.org/x.csv", "file:///etc/passwd", "~/x",
    "TRUE", "1", "True", "yes", "1882", "1882-02-30", "9999-99-99", "-1", "1e309", "NaN", "{", "}", "@misc{",
    "````{raw} html\n<script>alert(1)</script>\n````", "{download}`/etc/passwd`", "\\input{/etc/passwd}",
    "x" * 140_000,  # longer than the csv module's field limit
    # issue 25: links, formulas, numbers pandas cannot read, impossible dates, invisible marks
    "javascript:alert(1)", "https://x.org/%E2%80%AE", '=HYPERLINK("https://x.org")', "@SUM(1)", "1_000", "٣",
    "9223372036854775808", "1935-00", "1935-13-40", "\u200f", "$\\undefinedcmd$",
]
# Schema features Frictionless accepts and this edition does not (schema.py), and patterns that backtrack.
SCHEMA_EDITS = [("type", "any"), ("type", None), ("bareNumber", False), ("format", "email"),
                ("missingValues", ["", "NA"]), ("pattern", "(a+)+$"), ("pattern", "(x|xx)*y"), ("enum", None),
                ("groupChar", ",")]


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def walk(node):
    """(container, key) for every value in a JSON document."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        yield node, key
        yield from walk(value)


@st.composite
def mutation(draw, names: list[str]):
    name = draw(st.sampled_from(names))
    kind = draw(st.sampled_from(["flip", "delete-line", "duplicate-line", "cell", "insert", "truncate",
                                 "json-path", "json-node", "symlink", "schema", "deep-json", "extra-file"]))
    return name, kind, draw(st.integers(0, 2**31)), draw(st.sampled_from(HOSTILE)), draw(st.integers(0, 255))


def apply(root: Path, outside: Path, name: str, kind: str, seed: int, hostile: str, byte: int) -> None:
    path = root / name
    raw = path.read_bytes()
    at = seed % (len(raw) + 1)
    lines = raw.splitlines(keepends=True) or [b""]
    line = seed % len(lines)
    if kind == "flip":
        path.write_bytes(raw[:at] + bytes([byte]) + raw[at + 1:])
    elif kind == "delete-line":
        path.write_bytes(b"".join(lines[:line] + lines[line + 1:]))
    elif kind == "duplicate-line":
        path.write_bytes(b"".join(lines[:line + 1] + lines[line:]))
    elif kind == "insert":
        path.write_bytes(raw[:at] + hostile.encode("utf-8") + raw[at:])
    elif kind == "truncate":
        path.write_bytes(raw[:at])
    elif kind == "cell" and name.endswith(".csv"):
        records = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        row = records[seed % len(records)]
        if row:
            row[seed % len(row)] = hostile
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(records)
        path.write_text(out.getvalue(), encoding="utf-8")
    elif kind == "json-path":
        package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        package["resources"][seed % len(package["resources"])]["path"] = [hostile, hostile, None, 1][byte % 4]
        (root / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    elif kind == "json-node":  # any value anywhere in the descriptor: schemas, keys, constraints
        package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        nodes = list(walk(package))
        parent, key = nodes[seed % len(nodes)]
        parent[key] = [None, 0, -1, True, "", hostile, [], {}, [hostile], {"x": hostile}, "delete"][byte % 11]
        if parent[key] == "delete":
            del parent[key]
        (root / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    elif kind == "schema":  # a feature this edition does not support, on any field
        package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        tables = [r for r in package["resources"] if "schema" in r]
        resource = tables[seed % len(tables)]
        target = resource["schema"]["fields"][byte % len(resource["schema"]["fields"])]
        key, value = SCHEMA_EDITS[seed % len(SCHEMA_EDITS)]
        holder = resource["schema"] if key == "missingValues" else \
            target.setdefault("constraints", {}) if key in ("pattern", "enum") else target
        holder.pop(key, None) if value is None else holder.__setitem__(key, value)
        (root / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    elif kind == "deep-json":
        depth = 1000 + seed % 100_000
        path.write_bytes(raw[:at] + b"[" * depth + b"]" * depth + raw[at:])
    elif kind == "extra-file":
        (path.parent / f"extra{byte}{['.py', '.html', '.csv', ''][byte % 4]}").write_text(hostile, encoding="utf-8")
    elif kind == "symlink":
        (outside / "target").write_bytes(raw)
        path.unlink()
        os.symlink(outside / "target", path)


# `make test` tries 60 mutated copies; `make test-fast` fewer (HEUMEZU_FUZZ_EXAMPLES), to stay quick.
FUZZ_EXAMPLES = int(os.environ.get("HEUMEZU_FUZZ_EXAMPLES", "60"))


def test_validator_never_raises_on_mutated_data(data_copy):
    names = files(data_copy)

    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(mutation(names), min_size=1, max_size=3))
    def check(mutations):
        with tempfile.TemporaryDirectory() as tmp:
            root, outside = Path(tmp) / "data", Path(tmp) / "outside"
            shutil.copytree(data_copy, root)
            outside.mkdir()
            for m in mutations:
                if (root / m[0]).is_file() and not (root / m[0]).is_symlink():
                    try:
                        apply(root, outside, *m)
                    except (UnicodeDecodeError, csv.Error, json.JSONDecodeError, KeyError, TypeError):
                        pass  # an earlier mutation left nothing to parse for this one; the file stays as it is
            problems = hu.validate(root)
            if not problems:  # what the validator accepts, the loader reads (issue 25)
                hu.load(root)
        assert isinstance(problems, list) and all(isinstance(p, hu.Problem) for p in problems)
        assert not any("could not finish" in p.message for p in problems), [str(p) for p in problems]

    check()
