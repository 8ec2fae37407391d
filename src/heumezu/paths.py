"""Where the evidence is, so that a notebook runs from a clone, an installed package, or a download.

Looked for in this order: ``HEUMEZU_DATA`` (the tests point it at broken copies); ``data/`` of the
checkout the package sits in (``src/heumezu`` → ``data``); ``data/`` beside the package, as in a
chapter's runnable download; ``data/`` in the working directory (a notebook's kernel runs in the
notebook's folder).
"""
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]
DESCRIPTOR = "datapackage.json"


def candidates() -> list[Path]:
    return [PROJECT_ROOT / "data", PACKAGE_DIR.parent / "data", Path.cwd() / "data"]


def data_dir() -> Path:
    """The evidence folder; the first candidate that holds a data package, else the checkout's."""
    override = os.environ.get("HEUMEZU_DATA")
    if override:
        return Path(override)
    for folder in candidates():
        if (folder / DESCRIPTOR).is_file():
            return folder
    return PROJECT_ROOT / "data"
