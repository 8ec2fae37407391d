"""The ``{further-reading}`` directive: a chapter's further reading as a list, from the .bib data.

Which works belong to a chapter is data (:mod:`heumezu.further_reading`); they are formatted by
the bibliography's own pybtex style and turned into nodes by pybtex-docutils (what
sphinxcontrib-bibtex uses), so no field of a record becomes markup.
"""
from __future__ import annotations

from typing import ClassVar

import pybtex_docutils
from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry
from pybtex.plugin import find_plugin
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from heumezu import further_reading, vocabulary
from heumezu.bib import bib_files

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
        return [listing(found, further_reading.unread_keys(data_dir), self.config.bibtex_default_style)]


def listing(found: dict[str, Entry], unread: set[str], style_name: str) -> nodes.bullet_list:
    """The records as a bullet list in the bibliography's order and style, unread ones marked."""
    style = find_plugin("pybtex.style.formatting", style_name)()
    backend = pybtex_docutils.Backend()
    items = nodes.bullet_list(classes=["further-reading"])
    for formatted in style.format_entries(style.sort(found.values())):
        record = backend.paragraph(formatted)
        if formatted.key in unread:
            record += [nodes.Text(" "), nodes.emphasis("", "Not read for this edition.")]
        items += nodes.list_item("", record)
    return items


def setup(app: Sphinx) -> None:
    app.add_directive("further-reading", FurtherReading)
