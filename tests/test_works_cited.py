"""The bibliography lists the works the edition cites: every work read for the edition (each
entry of the data's .bib files but further-reading.bib's) is cited in a chapter, a page of the
book or a table of the evidence. A work no longer cited after a rewrite is removed, or moved to
further-reading.bib if the reader should still know it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import heumezu as hu
from conftest import ROOT
from heumezu import bib, notes
from heumezu.crosschecks import CITING_FIELDS
from heumezu.further_reading import UNREAD_FILE

CITE = re.compile(r"\{cite:p\}`([^`]*)`")


def _prose(root: Path) -> list[tuple[str, str]]:
    """(file, its Markdown) for the notebooks and the book's pages."""
    out = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        out.append((path.name, "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")))
    for path in sorted((root / "book").rglob("*.md")):
        if "_build" not in path.parts and "_generated" not in path.parts:
            out.append((str(path.relative_to(root)), path.read_text(encoding="utf-8")))
    return out


def cited_keys(root: Path, ev) -> set[str]:
    keys = set()
    for _name, text in _prose(root):
        for match in CITE.finditer(text):
            keys.update(key for key, _locator in notes.parse_cite(match.group(1)))
    for table in ev.tables.values():
        for field in CITING_FIELDS:
            if field in table.columns:
                for value in table[field].dropna():
                    keys.update(k.strip() for k in str(value).split(";") if k.strip())
    return keys


def test_every_work_in_the_bibliography_is_cited():
    ev = hu.load()
    works = notes.works(Path(ev.data_dir))
    unread = {key for key, (_entry, name, _line) in bib.entries(Path(ev.data_dir)).items()
              if name == UNREAD_FILE}
    cited = cited_keys(ROOT, ev)
    # A FRUS volume is cited through its documents: each names it with crossref (heumezu.notes.works).
    cited |= {works[k].get("crossref") for k in cited if k in works and works[k].get("crossref")}
    uncited = sorted(set(works) - unread - cited)
    assert not uncited, ("works in the bibliography that nothing cites (remove them, or move them to "
                         f"{UNREAD_FILE} as further reading): {', '.join(uncited)}")


def test_the_check_sees_citations_in_prose_and_tables(tmp_path):
    """The check itself: a key cited in a notebook, one in a page, one in a table, none missed."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "book").mkdir()
    (tmp_path / "notebooks" / "n.ipynb").write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": ["Text {cite:p}`alpha[p. 3],beta`."]},
        {"cell_type": "code", "source": ["# {cite:p}`not-prose`"]}]}), encoding="utf-8")
    (tmp_path / "book" / "p.md").write_text("A page {cite:p}`gamma`.", encoding="utf-8")
    import pandas as pd

    ev = type("Ev", (), {"tables": {"events": pd.DataFrame({"sources": ["delta;epsilon", None]})}})()
    assert cited_keys(tmp_path, ev) == {"alpha", "beta", "gamma", "delta", "epsilon"}
