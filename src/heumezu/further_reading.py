"""Further reading: works suggested for a chapter, from the bibliography's own records.

An entry of any ``data/*.bib`` file is suggested for the chapters named in its field
``further_reading`` (semicolon-separated, from the events table's ``chapter`` enum). Works the
edition did not read live in ``further-reading.bib``: they are listed, never cited, so the
validator refuses a table row that cites one. Formatting the entries is the build's job (the
same pybtex style as the bibliography).
"""
from __future__ import annotations

from pathlib import Path

from pybtex.database import Entry

from . import bib, vocabulary
from .problems import Problem

FIELD = "further_reading"
UNREAD_FILE = "further-reading.bib"
REQUIRED = ("title", "year")


def chapters_of(entry: Entry) -> list[str]:
    return [c.strip() for c in entry.fields.get(FIELD, "").split(";") if c.strip()]


def entries(data_dir: Path, chapter: str | None = None) -> dict[str, Entry]:
    """The entries suggested for ``chapter`` (for any chapter if None), in file order."""
    return {key: entry for key, (entry, _, _) in bib.entries(data_dir).items()
            if chapters_of(entry) and (chapter is None or chapter in chapters_of(entry))}


def unread_keys(data_dir: Path) -> set[str]:
    return {key for key, (_, name, _) in bib.entries(data_dir).items() if name == UNREAD_FILE}


def problems(data_dir: Path) -> list[Problem]:
    """Unknown chapter names, records without title or year, and addresses that are not web pages."""
    try:
        chapters = vocabulary.enum("events", "chapter", data_dir)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        chapters = None  # the descriptor is broken: the validator reports that, and the names wait
    found: list[Problem] = []
    for key, (entry, name, line) in bib.entries(data_dir).items():
        listed = chapters_of(entry)
        if name == UNREAD_FILE and not listed:
            known = ", ".join(chapters) if chapters else "the events table's chapters"
            found.append(Problem(name, line, FIELD, f"entry '{key}' was not read, so it must be listed as "
                                                    f"further reading for a chapter ({known})"))
        if not listed:
            continue
        for chapter in listed:
            if chapters is not None and chapter not in chapters:
                found.append(Problem(name, line, FIELD, f"entry '{key}': unknown chapter '{chapter}' "
                                                        f"(known: {', '.join(chapters)})"))
        for field in REQUIRED:
            if not entry.fields.get(field, "").strip():
                found.append(Problem(name, line, field, f"entry '{key}' is further reading but has no {field}"))
    return found
