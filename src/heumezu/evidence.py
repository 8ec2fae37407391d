"""Load the validated evidence as typed pandas tables: the one entry point for notebooks and tests.

A notebook says which tables it reads (``load(reads=[...])``): the build then re-executes it only
when one of those tables changes (:mod:`heumezu_sphinx.manifest`), and reading any other table is
an error that says what to add, so the declaration cannot fall behind the code. A notebook that
declares nothing reads, and depends on, every table.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from . import paths
from .problems import DataError
from .schema import TYPES
from .textfiles import records, visible
from .validate import validate

PANDAS_TYPES = TYPES  # the old name


class UndeclaredTable(LookupError):
    """A table read that the notebook's ``load(reads=[...])`` does not declare."""


class Tables(Mapping):
    """The tables by name, read-only. ``allowed``: the names that may be read (None: all);
    ``on_read``: called with each name that is read (the build notes the page's dependency)."""

    def __init__(self, frames: dict[str, pd.DataFrame], allowed: frozenset[str] | None = None,
                 on_read: Callable[[str], None] | None = None):
        self._frames, self._allowed, self._on_read = frames, allowed, on_read

    def __getitem__(self, name: str) -> pd.DataFrame:
        if self._allowed is not None and name not in self._allowed:
            raise UndeclaredTable(
                f"table {name!r} is read but not declared: add it to load(reads=[...]) "
                f"(declared: {', '.join(sorted(self._allowed)) or 'none'})")
        frame = self._frames[name]
        if self._on_read:
            self._on_read(name)
        return frame

    def __contains__(self, name: object) -> bool:
        if name not in self._frames:
            return False
        self[name]  # asking whether a table exists is reading it: its rows decide what follows
        return True

    def __iter__(self) -> Iterator[str]:
        names = [n for n in self._frames if self._allowed is None or n in self._allowed]
        for name in names:
            self[name]
        return iter(names)

    def __len__(self) -> int:
        return len(list(iter(self)))


@dataclass(frozen=True)
class Evidence:
    data_dir: Path
    tables: Tables = field(repr=False)

    def __post_init__(self):
        if not isinstance(self.tables, Tables):  # a plain dict of frames (tests build evidence so)
            object.__setattr__(self, "tables", Tables(dict(self.tables)))

    def __getattr__(self, name: str) -> pd.DataFrame:
        # ev.events for ev.tables["events"]: how notebooks and exercises read a table.
        if name.startswith("_") or name not in self.tables._frames:
            raise AttributeError(name)
        return self.tables[name]

    def __dir__(self) -> Iterable[str]:
        return [*super().__dir__(), *self.tables._frames]

    def reading(self, on_read: Callable[[str], None]) -> Evidence:
        """The same evidence, telling ``on_read`` the name of each table that is read."""
        return replace(self, tables=Tables(self.tables._frames, self.tables._allowed, on_read))

    def witness_text(self, siglum: str) -> str:
        """The witness verbatim, any invisible control or bidi character in it shown visibly."""
        row = self.tables["witnesses"].set_index("siglum").loc[siglum]
        return visible((self.data_dir / "witnesses" / row["file"]).read_text(encoding="utf-8"))

    def actor_name(self, actor_id: str) -> str:
        return str(self.tables["actors"].set_index("id").loc[actor_id, "name_en"])


def load(data_dir: Path | str | None = None, reads: Iterable[str] | None = None) -> Evidence:
    """Validate the data folder and return its tables; raise :class:`DataError` listing every problem.

    ``data_dir``: default :func:`heumezu.paths.data_dir`. ``reads``: the names of the tables the
    caller reads (default: all); reading another raises :class:`UndeclaredTable`."""
    data_dir = (Path(data_dir) if data_dir else paths.data_dir()).resolve()
    problems = validate(data_dir)
    if problems:
        raise DataError(problems)
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    frames = {}
    for resource in (r for r in descriptor["resources"] if "schema" in r):  # the tables; not the .bib files
        frames[resource["name"]] = _frame(data_dir / resource["path"], resource["schema"]["fields"])
    allowed = None
    if reads is not None:
        allowed = frozenset([reads] if isinstance(reads, str) else reads)
        unknown = sorted(allowed - set(frames))
        if unknown:
            raise UndeclaredTable(f"load(reads=...) names no table {', '.join(map(repr, unknown))}; "
                                  f"the tables are {', '.join(frames)}")
    return Evidence(data_dir, Tables(frames, allowed))


def _frame(path: Path, fields: list[dict]) -> pd.DataFrame:
    # Parsed as the validator parsed it (textfiles.records), typed as schema.py defines the types.
    table = records(path.read_text(encoding="utf-8"))
    frame = pd.DataFrame([values for _, values in table[1:] if values], columns=table[0][1], dtype="object")
    for f in fields:
        column = frame[f["name"]].replace("", pd.NA)
        if f["type"] == "boolean":
            column = column.map(_booleans(f), na_action="ignore")
        elif f["type"] in ("integer", "number"):
            column = pd.to_numeric(column)
        frame[f["name"]] = column.astype(TYPES[f["type"]])
    return frame


def _booleans(field: dict) -> dict[str, bool]:
    """The spellings of true and false that the schema allows (and the validator enforced),
    with Frictionless's defaults where the schema declares none."""
    true = field.get("trueValues", ["true", "True", "TRUE", "1"])
    false = field.get("falseValues", ["false", "False", "FALSE", "0"])
    return {**{v: True for v in true}, **{v: False for v in false}}
