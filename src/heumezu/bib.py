"""The bibliography: which BibTeX keys exist (pybtex, which sphinxcontrib-bibtex also uses)."""
from __future__ import annotations

from pathlib import Path

from pybtex.database import parse_file
from pybtex.database.input.bibtex import BibliographyDataError
from pybtex.scanner import PybtexError

from .problems import Problem


def bib_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("*.bib"))


def bib_keys(data_dir: Path) -> tuple[set[str], list[Problem]]:
    """All keys of every ``*.bib`` file in the data folder, and any problem reading them."""
    keys: set[str] = set()
    problems: list[Problem] = []
    files = bib_files(data_dir)
    if not files:
        problems.append(Problem("references.bib", None, None, "no bibliography file (*.bib) in the data folder"))
    for path in files:
        try:
            data = parse_file(str(path), bib_format="bibtex")
        except (BibliographyDataError, PybtexError, UnicodeDecodeError) as exc:
            problems.append(Problem(path.name, None, None, f"cannot be read as BibTeX: {exc}"))
            continue
        for key in data.entries:
            if key in keys:
                problems.append(Problem(path.name, None, None, f"key '{key}' is defined in more than one .bib file"))
            keys.add(key)
    return keys, problems
