"""``{heumezu-citation}``: the edition's citation and BibTeX entry, built as nodes from CITATION.cff."""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from heumezu import citation


class CitationDirective(SphinxDirective):
    """The reference as a quotation, then its BibTeX entry; a note on the DOI or its absence."""

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.app.confdir) / citation.CFF
        self.env.note_dependency(str(path))
        cite = citation.load(path)
        before, title, after = cite.reference()
        quote = nodes.block_quote("", nodes.paragraph("", "", nodes.Text(before), nodes.emphasis(title, title),
                                                      nodes.Text(after)))
        intro = nodes.paragraph("", "In BibTeX:")
        entry = nodes.literal_block(cite.bibtex(), cite.bibtex(), language="bibtex")
        if cite.doi:
            status = f"The edition's persistent identifier is the DOI {cite.doi}."
        else:
            status = ("The edition has no persistent identifier (DOI) yet; when it has one, it is added "
                      f"to {citation.CFF}, and this page and the citation shown above follow.")
        return [quote, intro, entry, nodes.paragraph("", status)]


def setup(app: Sphinx) -> dict:
    app.add_directive("heumezu-citation", CitationDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
