"""Load the validated evidence as typed pandas tables: the one entry point for notebooks and tests."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .problems import DataError
from .schema import TYPES
from .textfiles import records, visible
from .validate import validate

PANDAS_TYPES = TYPES  # the old name


@dataclass(frozen=True)
class Evidence:
    data_dir: Path
    tables: dict[str, pd.DataFrame] = field(repr=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.tables[name]
        except KeyError:
            raise AttributeError(name) from None

    def witness_text(self, siglum: str) -> str:
        """The witness verbatim, any invisible control or bidi character in it shown visibly."""
        row = self.tables["witnesses"].set_index("siglum").loc[siglum]
        return visible((self.data_dir / "witnesses" / row["file"]).read_text(encoding="utf-8"))

    def actor_name(self, actor_id: str) -> str:
        return str(self.tables["actors"].set_index("id").loc[actor_id, "name_en"])


def load(data_dir: Path | str | None = None) -> Evidence:
    """Validate ``data/`` and return its tables; raise :class:`DataError` listing every problem."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    return _load(data_dir.resolve(), _fingerprint(data_dir))


def _fingerprint(data_dir: Path) -> tuple:
    """Size and mtime of every data file, so that a cached load never outlives an edit. lstat: a
    symlink (even a dangling one) is the validator's to refuse, with a message, not a crash here."""
    entries = ((p, p.lstat()) for p in data_dir.rglob("*"))
    return tuple(sorted((str(p), st.st_mtime_ns, st.st_size) for p, st in entries if not p.is_dir()))


@lru_cache(maxsize=4)
def _load(data_dir: Path, _fingerprint: tuple) -> Evidence:
    problems = validate(data_dir)
    if problems:
        raise DataError(problems)
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    tables = {}
    for resource in (r for r in descriptor["resources"] if "schema" in r):  # the tables; not the .bib files
        fields = resource["schema"]["fields"]
        # Parsed as the validator parsed it (textfiles.records), typed as schema.py defines the types.
        table = records((data_dir / resource["path"]).read_text(encoding="utf-8"))
        frame = pd.DataFrame([values for _, values in table[1:] if values], columns=table[0][1], dtype="object")
        for f in fields:
            column = frame[f["name"]].replace("", pd.NA)
            if f["type"] == "boolean":
                column = column.map(_booleans(f), na_action="ignore")
            elif f["type"] in ("integer", "number"):
                column = pd.to_numeric(column)
            frame[f["name"]] = column.astype(TYPES[f["type"]])
        tables[resource["name"]] = frame
    return Evidence(data_dir, tables)


def _booleans(field: dict) -> dict[str, bool]:
    """The spellings of true and false that the schema allows (and the validator enforced),
    with Frictionless's defaults where the schema declares none."""
    true = field.get("trueValues", ["true", "True", "TRUE", "1"])
    false = field.get("falseValues", ["false", "False", "FALSE", "0"])
    return {**{v: True for v in true}, **{v: False for v in false}}
