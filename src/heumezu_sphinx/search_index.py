"""Section titles and index entries in the search index as escaped HTML text.

Sphinx's search page inserts the index's titles with ``innerHTML``. The page titles it stores
are already HTML (rendered from the doctree), but the section titles ('alltitles') and index
entries are stored as raw text, so a title from data/ ('<img src=x onerror=…>', a document's
title or label) would run as script in the reader's browser when they search for it. Here each
is escaped as the HTML writer escapes text, once, when a page is fed to the index (the index
reloaded by an incremental build is then escaped already). Written against Sphinx 7.4's
``IndexBuilder.feed``: the guard below stops the build on any other version, so that a change in
Sphinx is looked at rather than silently unguarded.
"""
from __future__ import annotations

import sphinx
from docutils.writers._html_base import HTMLTranslator
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.search import IndexBuilder

WRITTEN_FOR = (7, 4)
_feed = IndexBuilder.feed


def escaped(text: str) -> str:
    """``text`` as the HTML writer writes it (the same escapes as the page titles in the index)."""
    return text.translate(HTMLTranslator.special_characters)


def _escaping_feed(self: IndexBuilder, docname: str, filename: str, title: str, doctree) -> None:
    _feed(self, docname, filename, title, doctree)
    self._all_titles[docname] = [(escaped(t), anchor) for t, anchor in self._all_titles.get(docname, [])]
    if docname in self._index_entries:
        self._index_entries[docname] = sorted((escaped(entry), anchor, main)
                                              for entry, anchor, main in self._index_entries[docname])


def setup(app: Sphinx) -> None:
    if sphinx.version_info[:2] != WRITTEN_FOR:
        raise ExtensionError(f"heumezu_sphinx.search_index was written for Sphinx {WRITTEN_FOR[0]}.{WRITTEN_FOR[1]}, "
                             f"not {sphinx.__version__}: check how its search index stores titles, then update it")
    IndexBuilder.feed = _escaping_feed
