"""A directive of this test root: a one-row table whose cells are heumezu.table parts."""
from sphinx.util.docutils import SphinxDirective

from heumezu.table import Lang, Table
from heumezu_sphinx import nodes as build

HOSTILE = '<script>alert(1)</script> & "q" \\input{/etc/hostname}% $x$ {}'


class LangCells(SphinxDirective):
    def run(self):
        row = ((Lang("何應欽", "zh-Hant"), " (simpl. ", Lang("何应钦", "zh-Hans"), ")"),
               (Lang("梅津美治郎", "ja"),), (Lang("Ялта", "ru"),), (Lang("何" + HOSTILE, "zh-Hant"),))
        return [build.table(self, Table(("TC", "JP", "RU", "Hostile"), [row], long=False))]


def setup(app):
    app.add_directive("lang-cells", LangCells)
    return {"parallel_read_safe": True}
