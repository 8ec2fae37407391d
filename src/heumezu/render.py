"""Turn tables into MyST markup that notebooks display as Markdown.

A notebook that displays ``IPython.display.Markdown`` gets its output parsed by MyST-NB
(``nb_render_markdown_format: myst``), so the table becomes a real docutils table: it
renders natively in HTML and in LaTeX, instead of a pandas HTML blob the PDF cannot show.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from IPython.display import Markdown


def _cell(value) -> str:
    """One list-table cell: blank for missing values, newlines folded."""
    if value is None or (isinstance(value, float) and value != value) or str(value) in ("<NA>", "nan"):
        return ""
    return " ".join(str(value).split())


def list_table(header: Sequence[str], rows: Iterable[Sequence], *, title: str = "", name: str = "",
               widths: Sequence[int] | None = None, long: bool = False) -> str:
    """A MyST ``list-table`` directive; ``long`` lets LaTeX break it across pages."""
    options = [":header-rows: 1"]
    if name:
        options.append(f":name: {name}")
    if widths:
        options.append(":widths: " + " ".join(str(w) for w in widths))
    classes = ["longtable"] if long else []
    if classes:
        options.append(":class: " + " ".join(classes))
    lines = ["````{list-table} " + title, *options, ""]
    for row in [list(header), *rows]:
        cells = [_cell(c) for c in row]
        lines.append("* - " + (cells[0] or " "))
        lines.extend("  - " + (c or " ") for c in cells[1:])
    lines.append("````")
    return "\n".join(lines)


SIGLA = {"F", "E", "X"}


def cite(keys) -> str:
    """Semicolon-separated citation keys as MyST: witness sigla as they are, BibTeX keys as one
    ``{cite:p}`` role (sphinxcontrib-bibtex); '' when there are none."""
    parts = [k.strip() for k in _cell(keys).split(";") if k.strip()]
    sigla = [k for k in parts if k in SIGLA]
    bib = [k for k in parts if k not in SIGLA]
    return ", ".join(sigla + (["{cite:p}`" + ",".join(bib) + "`"] if bib else []))


def show(markup: str) -> Markdown:
    """Display MyST markup as the cell's output."""
    return Markdown(markup)
