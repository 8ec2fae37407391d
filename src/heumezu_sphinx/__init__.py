"""heumezu_sphinx: the build plumbing of the edition (a Sphinx extension).

The edition itself (:mod:`heumezu`) imports nothing from here, nor from Sphinx; this package
turns its plain data into document nodes and shapes the site. One module, one job:

- ``directives`` and ``nodes``: the evidence as tables, glossary and witness texts, built as nodes;
- ``documents``: the documents of the agreement and the American reports, and the ``{passage}`` role;
- ``tei_download``: writes the TEI export and offers it for download;
- ``cache``: the notebooks' execution cache: cleared when their inputs change, and never keeping
  an execution that wrote to stderr;
- ``metadata``: page metadata (description, citation, Dublin Core, OpenGraph) from CITATION.cff;
- ``theme``: the fixes to the themes, guarded by their versions; ``icons``: the small icon font;
- ``site_files``: the root redirect page and robots.txt;
- ``launch``: Binder and Colab launch buttons exactly when the repository's address is set;
- ``runnable``: each chapter's runnable download (notebook, data, package, requirements);
- ``citation``: the ``{heumezu-citation}`` directive, from CITATION.cff;
- ``index_terms``: index entries where the chapters discuss the registers' names;
- ``bibstyle``: the bibliography style, which keeps titles as the data give them;
- ``further_reading``: the ``{further-reading}`` lists, from the .bib records;
- ``paragraphs``: stable anchors on the chapters' paragraphs, with a ¶ link in HTML;
- ``figure_links``: each figure's image links to its full-size file (HTML only);
- ``tables``: tables too wide for a phone marked at build time, their cells labelled (HTML only);
- ``printing``: what the PDF does differently (colophon, metadata, tables, bibliography, no code);
- ``search_index``: titles and index entries escaped in the search index (its page inserts them as HTML).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from . import (bibstyle, cache, citation, directives, documents, figure_links, further_reading, icons,
               index_terms, launch, metadata, paragraphs, printing, runnable, search_index, site_files, tables,
               tei_download, theme)

MODULES = (bibstyle, further_reading, cache, directives, documents, tei_download, metadata, theme, icons,
           site_files, launch, runnable, citation, index_terms, paragraphs, tables, figure_links, printing,
           search_index)


def code_version(folder: Path = Path(__file__).parent) -> int:
    """A number that changes with this package's code. As the extension's ``env_version``, it makes
    Sphinx read every page again after a change here (a transform or directive may change any page;
    without it, Sphinx re-reads only pages whose sources changed). The notebooks are not executed
    again: their cache depends on what they read (heumezu.inputs), not on this package."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return int(digest.hexdigest()[:12], 16)


def setup(app: Sphinx) -> dict:
    for module in MODULES:
        module.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1", "env_version": code_version()}
