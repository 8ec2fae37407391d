"""What each .bib entry must give for the notes and the bibliography (heumezu.notes) to be
complete: the fields per entry type, the one field this edition adds, ``category``, and the
values of biblatex's ``langid``."""
from __future__ import annotations

from pathlib import Path

from . import bib
from .notes import SECTIONS, TITLE_MARKS
from .problems import Problem

# Each inner tuple: one of these fields is required. Types not listed are refused: the
# formatter would not know how to cite them.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("title",), ("journal",), ("year",)),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year",)),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year",)),
    "misc": (("title",), ("howpublished", "url")),
}


#: biblatex's ``langid`` for a title in another language than English: those whose title marks
#: the notes know (heumezu.notes.TITLE_MARKS), and the European languages of the witnesses.
LANGIDS = (*TITLE_MARKS, "english", "french", "german")


def problems(data_dir: Path) -> list[Problem]:
    """Missing required fields, unknown entry types and bad ``category`` values, each located at
    the entry's line."""
    found: list[Problem] = []
    every = bib.entries(data_dir)
    for key, (entry, name, line) in every.items():
        kind = entry.type.lower()
        if kind not in REQUIRED:
            found.append(Problem(name, line, None, f"entry '{key}': type @{kind} is not one the notes can cite "
                                                   f"(use {', '.join('@' + t for t in REQUIRED)})"))
            continue
        given = {f.lower() for f, v in entry.fields.items() if v.strip()} | {r.lower() for r in entry.persons}
        for choices in REQUIRED[kind]:
            if not given & set(choices):
                found.append(Problem(name, line, choices[0], f"entry '{key}': @{kind} requires "
                                                             f"{' or '.join(choices)}, which is missing or empty"))
        crossref = next((v.strip() for f, v in entry.fields.items() if f.lower() == "crossref"), None)
        if crossref is not None:
            found += _crossref_problems(key, crossref, name, line, every)
        langid = next((v for f, v in entry.fields.items() if f.lower() == "langid"), None)
        if langid is not None and langid.strip().lower() not in LANGIDS:
            found.append(Problem(name, line, "langid", f"entry '{key}': langid '{langid[:40]}' is not one "
                                                       f"of {', '.join(LANGIDS)}"))
        category = next((v for f, v in entry.fields.items() if f.lower() == "category"), None)
        if category is not None and category.strip().lower() not in SECTIONS:
            found.append(Problem(name, line, "category", f"entry '{key}': category '{category[:40]}' is not one "
                                                         f"of {', '.join(SECTIONS)}"))
    return found


def _crossref_problems(key: str, target: str, name: str, line: int, every: dict) -> list[Problem]:
    """A ``crossref`` names an entry of the same files that has no crossref of its own (one level,
    as BibTeX resolves it: heumezu.notes.works takes the volume's imprint from it)."""
    named = every.get(target)
    if named is None:
        return [Problem(name, line, "crossref", f"entry '{key}': crossref '{target[:40]}' names no entry")]
    if any(f.lower() == "crossref" for f in named[0].fields):
        return [Problem(name, line, "crossref", f"entry '{key}': crossref '{target}' has a crossref of its own")]
    return []
