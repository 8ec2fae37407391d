"""The web edition's parts (the captions of ``_toc.yml``: Chapters, Documents, Sources, Reference,
About) as the parts of the printed book, and a table of contents headed "Contents".

Sphinx's LaTeX builder inlines the root document's toctrees into one tree and drops their
captions, except the first, which it makes the name of the table of contents (so the PDF's
contents were headed "CHAPTERS" and its parts were lost). Here, once the book is assembled
(``doctree-resolved`` for the root document, LaTeX only), a ``\\part`` is put before the first
document of each captioned toctree, found by the ``start_of_file`` node Sphinx leaves at the head of
each inlined document; the contents name is set back in the preamble, which LaTeX reads after
Sphinx's own. A caption is text from the configuration: it reaches LaTeX only through Sphinx's escape.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.texescape import escape

CONTENTS = r"\addto\captionsenglish{\renewcommand{\contentsname}{Contents}}"


def part_openings(root: nodes.document) -> dict[str, str]:
    """{first document of a part: its caption}, from the captioned toctrees of the root document."""
    openings = {}
    for toctree in root.findall(addnodes.toctree):
        caption = " ".join(str(toctree.get("caption") or "").split())
        if caption and toctree.get("includefiles"):
            openings.setdefault(toctree["includefiles"][0], caption)
    return openings


def insert_parts(book: nodes.document, openings: dict[str, str]) -> list[str]:
    """Put ``\\part{caption}`` before each inlined document that opens a part; return the parts."""
    parts = []
    for start in list(book.findall(addnodes.start_of_file)):
        caption = openings.get(start.get("docname"))
        if caption:
            command = r"\part{" + escape(caption, "xelatex") + "}"
            start.parent.insert(start.parent.index(start), nodes.raw("", command, format="latex"))
            parts.append(command)
    return parts


def _resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "latex" and docname == app.config.root_doc:
        insert_parts(doctree, part_openings(app.env.get_doctree(docname)))


def _configure(app: Sphinx, config: Config) -> None:
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + "\n% heumezu_sphinx.print_parts\n" + CONTENTS + "\n"
    config.latex_elements = elements


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _configure)
    app.connect("doctree-resolved", _resolved)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
