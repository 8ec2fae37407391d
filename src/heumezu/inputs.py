"""A fingerprint of everything the notebooks read besides their own code cells.

jupyter-cache keys executed notebooks on their code cells only, so an edit to ``data/``, to this
package, or to the installed fonts (figures drawn before fonts-noto-cjk was installed carry
warnings instead of labels) would otherwise leave stale outputs in the book.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import paths


PACKAGE_DIR = Path(__file__).resolve().parent


def input_files(data_dir: Path | None = None) -> list[Path]:
    """The data files the notebooks read (``HEUMEZU_DATA`` honoured) and the package's code."""
    data_dir = data_dir or paths.data_dir()
    files = [p for p in data_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [p for p in PACKAGE_DIR.rglob("*.py")]
    return sorted(files)


def font_files() -> list[str]:
    """The font files matplotlib can draw with (its own scan of the system's font folders)."""
    from matplotlib import font_manager

    return sorted(font_manager.findSystemFonts())


def fingerprint(data_dir: Path | None = None) -> str:
    return hashlib.sha256((digest(input_files(data_dir)) + "\0".join(font_files())).encode()).hexdigest()


def digest(files: list[Path]) -> str:
    """One SHA-256 over the names and contents of the files."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
