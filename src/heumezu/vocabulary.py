"""The edition's vocabulary, read from the data instead of typed again: the witness sigla from
``witnesses.csv`` and every enumerated field from ``datapackage.json``."""
from __future__ import annotations

import json
from pathlib import Path

from . import paths
from .descriptor import too_deep


def sigla(ev) -> tuple[str, ...]:
    """The witness sigla in the order of ``witnesses.csv`` (the order the edition lists them in)."""
    return tuple(str(s) for s in ev.witnesses["siglum"])


def enum(resource: str, field: str, data_dir: Path | str | None = None) -> tuple[str, ...]:
    """The allowed values of ``resource.field``, in the order the schema gives them."""
    return _enums(str(Path(data_dir or paths.data_dir()) / "datapackage.json"))[(resource, field)]


def _enums(descriptor_path: str) -> dict[tuple[str, str], tuple[str, ...]]:
    text = Path(descriptor_path).read_text(encoding="utf-8")
    if too_deep(text):  # json.loads would recurse until RecursionError; the validator reports where
        raise ValueError(f"{descriptor_path} nests too deep to be read")
    descriptor = json.loads(text)
    return {(r["name"], f["name"]): tuple(f["constraints"]["enum"])
            for r in descriptor["resources"] if "schema" in r for f in r["schema"]["fields"]
            if "enum" in f.get("constraints", {})}
