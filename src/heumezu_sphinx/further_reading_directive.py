"""The ``{further-reading}`` directive: a chapter's further reading as a list, from the .bib data.

Which works belong to a chapter is data (:mod:`heumezu.further_reading`); each is given in the
bibliography's own form (:func:`heumezu.notes.bibliography_entry`, runs of text turned into nodes
by :mod:`heumezu_sphinx.citation_notes`), so no field of a record becomes markup.
"""
from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from heumezu import further_reading, notes, vocabulary
from heumezu.bib import bib_files

from .citation_notes import runs_nodes
from .page_data import build_data


class FurtherReading(SphinxDirective):
    """``:chapter:`` the works suggested for one chapter (default: every suggested work)."""

    option_spec: ClassVar[dict] = {"chapter": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        data_dir = build_data(self.env.app).manifest.data_dir  # the build's one data folder
        chapter = self.options.get("chapter")
        known = vocabulary.enum("events", "chapter", data_dir)
        if chapter is not None and chapter not in known:
            raise self.error(f"further-reading: unknown chapter '{chapter}' (known: {', '.join(known)})")
        for path in bib_files(data_dir):
            self.env.note_dependency(str(path))
        found = further_reading.entries(data_dir, chapter)
        if not found:
            raise self.error(f"further-reading: no work is suggested for {chapter or 'any chapter'}")
        return [listing(found, further_reading.unread_keys(data_dir))]


def listing(found: dict[str, Entry], unread: set[str]) -> nodes.bullet_list:
    """The records as a bullet list in the bibliography's order and form, unread ones marked."""
    items = nodes.bullet_list(classes=["further-reading"])
    for work in sorted((notes.Work.from_entry(key, entry) for key, entry in found.items()), key=notes.sort_key):
        record = nodes.paragraph("", "", *runs_nodes(notes.bibliography_entry(work)))
        record["support_smartquotes"] = False
        if work.get("note"):  # where the record was checked (further reading only: the works were not cited)
            record += nodes.Text(" " + work.get("note"))
        if work.key in unread:
            record += [nodes.Text(" "), nodes.emphasis("", "Not read for this edition.")]
        items += nodes.list_item("", record)
    return items


def setup(app: Sphinx) -> None:
    app.add_directive("further-reading", FurtherReading)
