# heumezu_sphinx.printing's typography (tests/test_typography.py): a table built by
# heumezu_sphinx.nodes with a witness's reading and a note in the edition's words.
from sphinx.util.docutils import SphinxDirective

from heumezu.table import Table
from heumezu_sphinx import nodes as build

extensions = ["heumezu_sphinx.printing"]
latex_documents = [("index", "typo.tex", "Typography", "Editors", "manual", False)]

ROWS = [("Yu's 'two service' \"word\" 1936-1937", "F's 'jusqu'en' takes a month; 1936-1937, 2-3 May, 1935-06-09")]


class ProseTable(SphinxDirective):
    def run(self):
        return [build.table(self, Table(("Reading", "Note"), ROWS, prose=("Note",)))]


TALL = [("x", "a long note " * 60, "y")] * 12  # 12 rows: Sphinx itself makes a longtable only past 30


class TallTable(SphinxDirective):
    def run(self):
        return [build.table(self, Table(("A", "Note", "B"), TALL, long=False))]


def setup(app):
    app.add_directive("prose-table", ProseTable)
    app.add_directive("tall-table", TallTable)
