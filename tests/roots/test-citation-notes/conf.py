# heumezu_sphinx.citation_notes with the evidence folder's setting (tests/test_citation_notes.py):
# two chapters citing the works of data/references.bib, and the bibliography page.
extensions = ["myst_parser", "heumezu_sphinx.page_data", "heumezu_sphinx.citation_notes"]
heumezu_data = "data"
exclude_patterns = ["_build", "data"]
latex_documents = [("index", "notes.tex", "Notes", "Tester", "manual")]
latex_show_urls = "footnote"


def setup(app):
    """A register's "sources" column (heumezu_sphinx.nodes.table with a Cite part)."""
    from sphinx.util.docutils import SphinxDirective

    from heumezu.table import Cite, Table
    from heumezu_sphinx import nodes

    class SourcesTable(SphinxDirective):
        def run(self):
            data = Table(header=("event", "sources"), rows=[("Signed", ("F, ", Cite(("frus-d185", "coble"))))])
            return [nodes.table(self, data)]

    app.add_directive("sources-table", SourcesTable)
