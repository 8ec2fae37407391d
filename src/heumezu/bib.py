"""The bibliography: which BibTeX keys exist (read with pybtex)."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from pybtex.database import Entry, parse_string
from pybtex.exceptions import PybtexError

from . import links
from .datafiles import refusal
from .problems import Problem
from .textfiles import decode, describe, forbidden

ENTRY = re.compile(r"^[ \t]*@", re.MULTILINE)
DOI = re.compile(r"10\.[0-9]{4,9}/[^\s\"'<>\\`{}|^]+\Z")


def bib_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("*.bib"))


def _parsed(data_dir: Path):
    """Each ``*.bib`` file as (name, its text, its entries or None, the problems reading it)."""
    for path in bib_files(data_dir):
        why = refusal(data_dir, path.name)
        text, found = (None, [Problem(path.name, None, None, f"cannot be read: {why}")]) if why else \
            decode(path.read_bytes(), path.name)
        data = None
        if text is not None and not found:
            try:
                data = parse_string(text, bib_format="bibtex")
            except (PybtexError, ValueError, IndexError) as exc:  # pybtex raises a few non-Pybtex errors too
                found = [_located(path.name, text, exc)]
        yield path.name, text, data, found


def bib_keys(data_dir: Path) -> tuple[set[str], list[Problem], list[str]]:
    """All keys of every ``*.bib`` file in the data folder, the problems reading them, and the
    files that could not be read completely (so that a missing key may be their consequence)."""
    keys: set[str] = set()
    problems: list[Problem] = []
    broken: list[str] = []
    if not bib_files(data_dir):
        problems.append(Problem("references.bib", None, None, "no bibliography file (*.bib) in the data folder"))
    for name, _text, data, found in _parsed(data_dir):
        if found or data is None:
            problems += found
            broken.append(name)
            continue
        for key in data.entries:
            if key in keys:
                problems.append(Problem(name, None, None, f"key '{key}' is defined in more than one .bib file"))
            keys.add(key)
    return keys, problems, broken


def field_problems(data_dir: Path) -> list[Problem]:
    """Free text and addresses in every readable .bib file: no invisible control or bidi character
    on any line (the TEI writer and the pages would carry it), every ``url`` and every ``\\url{}``
    or ``\\href{}`` in any field an http(s) address (links.refusal) and not on a site of copies
    (links.mirror), every ``doi`` a DOI."""
    found: list[Problem] = []
    for name, text, data, problems in _parsed(data_dir):
        if problems or data is None:
            continue  # bib_keys reports it
        found += [Problem(name, 1 + line, None, describe(chars)) for line, chars in forbidden(text).items()]
    for key, (entry, name, line) in entries(data_dir).items():
        for field, value in entry.fields.items():
            addresses = ([value.strip()] if field.lower() == "url" else []) + links.in_text(value)
            found += [Problem(name, line, field, f"entry '{key}': {why}")
                      for why in map(links.refusal, addresses) if why]
            found += [Problem(name, line, field, f"entry '{key}': {why}")
                      for why in map(links.mirror, addresses) if why]
            if field.lower() == "doi" and not DOI.match(value.strip()):
                found.append(Problem(name, line, field, f"entry '{key}': '{value[:80]}' is not a DOI (10.NNNN/…)"))
    return found


def entries(data_dir: Path) -> dict[str, tuple[Entry, str, int]]:
    """Every entry of every readable ``*.bib`` file: key → (entry, file name, line of its ``@``)."""
    out: dict[str, tuple[Entry, str, int]] = {}
    for name, text, data, found in _parsed(data_dir):
        if found or data is None:
            continue  # bib_keys reports it
        for key, entry in data.entries.items():
            at = re.search(r"^[ \t]*@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text, re.MULTILINE)
            out.setdefault(key, (entry, name, text.count("\n", 0, at.start()) + 1 if at else 0))
    return out


def _located(name: str, text: str, exc: Exception) -> Problem:
    """One problem for a syntax error, at the entry whose braces do not balance if there is one:
    pybtex notices an unclosed brace only where the next entry starts."""
    starts = [m.start() for m in ENTRY.finditer(text)] + [len(text)]
    for start, end in itertools.pairwise(starts):
        entry = text[start:end]
        if entry.count("{") != entry.count("}"):
            line = text.count("\n", 0, start) + 1
            head = entry.split(",", 1)[0].strip()
            return Problem(name, line, None, f"unbalanced braces in the entry {head} "
                                             f"({entry.count('{')} opening, {entry.count('}')} closing)")
    return Problem(name, getattr(exc, "lineno", None), None, f"cannot be read as BibTeX: {exc}")
