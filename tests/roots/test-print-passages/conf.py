# heumezu_sphinx.printing's underlined passages (tests/test_print_passages.py): a passage as
# heumezu_sphinx.document_pages builds it, with a printed page's sign and a footnote reference.
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

extensions = ["heumezu_sphinx.printing"]
latex_documents = [("index", "passages.tex", "Passages", "Editors", "manual", False)]


class Passage(SphinxDirective):
    def run(self):
        span = nodes.inline("", "", nodes.Text("the Japanese want 50% of {it} 梅津 "),
                            nodes.inline("", "", nodes.Text("[Page 182]"), classes=["page-break"]),
                            nodes.Text(" at once"),
                            nodes.superscript("", "", nodes.reference("", "", nodes.Text("66"), refid="fn-66",
                                                                      classes=["footnote-ref"])),
                            classes=["passage"])
        target = nodes.target("", "", ids=["fn-66"])
        return [nodes.paragraph("", "", nodes.Text("Before the passage "), span, nodes.Text(" and after it.")),
                nodes.paragraph("", "", target, nodes.Text("66. A footnote."))]


def setup(app):
    app.add_directive("passage", Passage)
