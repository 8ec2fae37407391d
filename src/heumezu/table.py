"""Tables as plain data: what the pages show, with no markup in it.

A cell is a string, or a tuple of parts: strings and the small markers below. The Sphinx side
(:mod:`heumezu_sphinx.nodes`) turns each part into document nodes; no value is ever parsed as
markup, so a value from ``data/`` can only ever appear as the text it is.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cite:
    """A citation of works in the bibliography (BibTeX keys)."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Indexed:
    """A name that is also an entry in the book's index; with ``anchor``, also a place that
    :class:`Link` parts (and the chapters' mentions of the name) can link to."""

    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Anchor:
    """A place in a table that :class:`Link` parts can point to (a label; shows nothing)."""

    label: str


@dataclass(frozen=True)
class Link:
    """``text`` as a link to the :class:`Anchor` (or the :class:`Indexed` anchor) ``label``."""

    text: str
    label: str


@dataclass(frozen=True)
class Supplied:
    """Text supplied by the editors where a witness has lost it (shown in editorial brackets)."""

    text: str


@dataclass(frozen=True)
class Lang:
    """Text in the language ``tag`` (a BCP 47 tag of :data:`heumezu.languages.TAGS`): the pages
    mark it (``lang`` in HTML, the language's CJK font in the PDF)."""

    text: str
    tag: str


Part = str | Cite | Strong | Indexed | Supplied | Anchor | Link | Lang
Cell = str | tuple


@dataclass(frozen=True)
class Table:
    """A table for a page: the header, the rows (cells as above), and relative column widths.
    ``prose`` names the columns in the edition's own words (notes, descriptions), which print may
    set with typographic quotation marks (:mod:`heumezu.typography`); every other column, a
    witness's reading above all, is given exactly as the data have it."""

    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    widths: tuple[int, ...] = ()
    long: bool = True
    classes: tuple[str, ...] = field(default=())
    prose: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        unknown = [c for c in self.prose if c not in self.header]
        if unknown:
            raise ValueError(f"prose columns {unknown} are not columns of the table {list(self.header)}")


def plain(value) -> str:
    """A data value as display text: '' for missing values, runs of whitespace folded."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("<NA>", "nan"):
        return ""
    return " ".join(str(value).split())


def parts(cell: Cell) -> tuple:
    """A cell as a tuple of parts."""
    return cell if isinstance(cell, tuple) else (cell,)


def text_of(cell: Cell) -> str:
    """A cell as the text a reader sees (citations as their keys); for tests and summaries."""
    out = []
    for part in parts(cell):
        if isinstance(part, Cite):
            out.append("[" + ",".join(part.keys) + "]")
        elif isinstance(part, (Strong, Indexed, Supplied, Link, Lang)):
            out.append(part.text)
        elif isinstance(part, Anchor):
            continue
        else:
            out.append(str(part))
    return "".join(out)


def tagged(text: str, tag: str | None) -> tuple:
    """``text`` with its Chinese or Japanese runs as :class:`Lang` parts of ``tag`` (the rest plain);
    without a tag, the text as it is."""
    from .languages import runs

    if not text:
        return ()
    if not tag:
        return (text,)
    return tuple(Lang(run, t) if t else run for run, t in runs(text, tag))


def tag_runs(cell: Cell, forms: dict[str, str]) -> Cell:
    """A cell of prose from the data with its Chinese and Japanese runs in their language where
    that is known (:func:`heumezu.languages.prose_runs`: a form the data tags, or kana); the
    other parts as they are. A cell with nothing to tag is returned unchanged."""
    from .languages import prose_runs

    out: list = []
    for part in parts(cell):
        if isinstance(part, str) and part:
            out += [Lang(run, tag) if tag else run for run, tag in prose_runs(part, forms)]
        else:
            out.append(part)
    return tuple(out) if any(isinstance(p, Lang) for p in out) else cell


def sources(value, sigla) -> tuple:
    """Semicolon-separated sources: witness sigla as they are, then the BibTeX keys as one citation."""
    keys = [k.strip() for k in plain(value).split(";") if k.strip()]
    witnesses = [k for k in keys if k in sigla]
    works = tuple(k for k in keys if k not in sigla)
    out: list = [", ".join(witnesses)] if witnesses else []
    if works:
        out += [", "] if witnesses else []
        out.append(Cite(works))
    return tuple(out)
