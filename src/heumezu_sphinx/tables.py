"""Tables on a phone, decided when the page is built (HTML only).

A table too wide for a phone is shown there as stacked records: one block per row, each cell under
its column's name (edition.css, at most 640 px wide). Both things that presentation needs are in
the HTML the server sends, so the first paint is already the final layout (a script that did this
after the page was painted moved the text under the reader: Lighthouse's cumulative layout shift):

- the class ``heumezu-stacked`` on every table with a header row and at least
  :data:`STACK_FROM_COLUMNS` columns (see :func:`stacks` for why the number of columns decides);
- on each body cell of such a table, its column's header as ``data-label``, which the stylesheet
  shows above the cell (``content: attr(data-label)``). The header's text is data: the HTML writer
  escapes it as an attribute value, it never becomes markup.

Every table counts: the directives' (:mod:`heumezu_sphinx.nodes`) and the pages' Markdown tables.
The PDF and every other builder get the document unchanged (the post-transform runs for HTML only).
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .theme import COLUMN_HEADER, use_edition_translator

#: A table of this many columns or more becomes stacked records on a phone; one of fewer stays a
#: table. Measured with the layout of 390 px (the width the browser tests use), when a script still
#: decided by the table's rendered width: every table of the edition with four or more columns was
#: wider than the text column there, and none of two or three columns was (three short columns, or
#: text that wraps anywhere such as Chinese, fit a phone's 350 px of text).
STACK_FROM_COLUMNS = 4

STACKED = "heumezu-stacked"


def _text(entry: nodes.entry) -> str:
    return re.sub(r"\s+", " ", entry.astext()).strip()


def header_labels(tgroup: nodes.tgroup) -> list[str] | None:
    """The text of each column's header (the header's last row, as a reader sees it above the
    column), or None if the table has no header row. A header cell spanning columns names each."""
    thead = next((c for c in tgroup.children if isinstance(c, nodes.thead)), None)
    rows = [r for r in thead.children if isinstance(r, nodes.row)] if thead is not None else []
    if not rows:
        return None
    labels: list[str] = []
    for entry in rows[-1].children:
        labels += [_text(entry)] * (1 + entry.get("morecols", 0))
    return labels


def columns(tgroup: nodes.tgroup) -> int:
    return tgroup.get("cols") or sum(isinstance(c, nodes.colspec) for c in tgroup.children)


def stacks(tgroup: nodes.tgroup) -> bool:
    """Whether the table is shown as stacked records on a phone: it has a header row to name its
    cells and at least :data:`STACK_FROM_COLUMNS` columns. The number of columns, not the length
    of the text, decides: a cell wraps its text, but each column keeps a minimum width (its longest
    word, and the padding), and four of them no longer fit beside each other on a phone."""
    return header_labels(tgroup) is not None and columns(tgroup) >= STACK_FROM_COLUMNS


def label_body_cells(tgroup: nodes.tgroup, labels: list[str]) -> None:
    """Give each body cell its column's header (attribute ``column_header``). Cells are
    placed as the table places them: a cell spanning rows (``morerows``) occupies its column in the
    rows below, one spanning columns (``morecols``) is labelled by its first column."""
    for tbody in (c for c in tgroup.children if isinstance(c, nodes.tbody)):
        spanned: dict[int, int] = {}  # column -> how many more rows a cell above still occupies
        for row in (r for r in tbody.children if isinstance(r, nodes.row)):
            taken = {col for col, left in spanned.items() if left > 0}
            spanned = {col: left - 1 for col, left in spanned.items() if left > 1}
            column = 0
            for entry in [e for e in row.children if isinstance(e, nodes.entry)]:
                while column in taken:
                    column += 1
                width = 1 + entry.get("morecols", 0)
                for col in range(column, column + width):
                    if entry.get("morerows", 0):
                        spanned[col] = entry["morerows"]
                label = labels[column] if column < len(labels) else ""
                column += width
                if label:
                    entry[COLUMN_HEADER] = label


class StackedTables(SphinxPostTransform):
    """Marks the tables that a phone shows as records and labels their body cells."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            tgroup = next((c for c in table.children if isinstance(c, nodes.tgroup)), None)
            if tgroup is None or not stacks(tgroup):
                continue
            if STACKED not in table["classes"]:
                table["classes"].append(STACKED)
            label_body_cells(tgroup, header_labels(tgroup))


def setup(app: Sphinx) -> dict:
    use_edition_translator(app)  # writes each labelled cell's data-label (heumezu_sphinx.theme)
    app.add_post_transform(StackedTables)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
