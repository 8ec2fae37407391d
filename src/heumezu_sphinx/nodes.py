"""Plain data (:mod:`heumezu.table`) as docutils nodes.

Every data value becomes a ``nodes.Text``, which each writer escapes for its target (HTML,
LaTeX); nothing here produces text that is parsed again. Citations (keys that match
:data:`CITATION_KEY`) become short citations from :mod:`heumezu.notes`.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from heumezu.apparatus import LOST_MARK
from heumezu.table import Anchor, Cite, Indexed, Lang, Link, Strong, Supplied, Table, parts, plain

from . import languages
from .bad_data import BAD_DATA, UnsafeValue

CITATION_KEY = re.compile(r"^[A-Za-z0-9_:\-.]+$")


__all__ = ["BAD_DATA", "UnsafeValue"]  # (from bad_data: the directives know them as build.BAD_DATA)


def inline(directive: SphinxDirective, cell) -> list[nodes.Node]:
    """The parts of one cell as inline nodes."""
    out: list[nodes.Node] = []
    for part in parts(cell):
        if isinstance(part, Cite):
            out += citation(directive, part.keys)
        elif isinstance(part, Strong):
            out.append(nodes.strong("", "", nodes.Text(plain(part.text))))
        elif isinstance(part, Supplied):
            out.append(sign(part.text))
        elif isinstance(part, Indexed):
            out += [*anchor(directive, part.anchor), *index_entry(directive, plain(part.text))]
        elif isinstance(part, Anchor):
            out += anchor(directive, part.label)
        elif isinstance(part, Link):
            out.append(link(plain(part.text), part.label))
        elif isinstance(part, Lang):
            out.append(language(part.text, part.tag))
        elif part:
            out.append(nodes.Text(_fold(str(part))))
    return out


def language(text: str, tag: str) -> nodes.Node:
    """Text in its language (heumezu_sphinx.languages); a tag not of the edition is refused."""
    try:
        return languages.node(_fold(text), tag)
    except languages.UnknownLanguage as exc:
        raise UnsafeValue(str(exc)) from None


def sign(text: str) -> nodes.Node:
    """An editorial sign as the pages draw it: supplied text (class ``supplied``) or the mark of
    lost text (class ``lacuna``)."""
    if text == LOST_MARK:
        return lost_mark("")
    return nodes.inline("", "", nodes.Text(text), classes=["supplied"])


def lost_mark(explanation: str) -> nodes.Node:
    """The mark of text a witness has lost; ``explanation`` shows on hover (an abbreviation)."""
    mark = nodes.abbreviation("", "", nodes.Text(LOST_MARK), classes=["lacuna"])
    if explanation:
        mark["explanation"] = explanation
    return verbatim(mark)


def _fold(text: str) -> str:
    """Line breaks and runs of spaces as one space (a table cell has no lines of its own)."""
    return re.sub(r"\s+", " ", text)


def citation(directive: SphinxDirective, keys: tuple[str, ...]) -> list[nodes.Node]:
    """The works as short citations, each linked to its bibliography entry
    (:func:`heumezu_sphinx.citation_notes.short_citations`)."""
    from .citation_notes import short_citations  # citation_notes reads the data through page_data

    bad = [k for k in keys if not CITATION_KEY.match(k)]
    if bad:
        raise UnsafeValue(f"not a citation key: {bad[0]!r}")
    return short_citations(directive.env, keys)


LABEL = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def anchor(directive: SphinxDirective, label: str) -> list[nodes.Node]:
    """A target that :func:`link` (a ``{ref}`` with an explicit title) can point to."""
    if not label:
        return []
    if not LABEL.match(label):
        raise UnsafeValue(f"not an anchor label: {label!r}")
    target = nodes.target("", "", ids=[label], names=[label])
    directive.state.document.note_explicit_target(target)
    return [target]


def link(text: str, label: str) -> addnodes.pending_xref:
    """``text`` linked to the anchor ``label`` wherever it is in the book (a missing one is a
    warning, so a strict build fails)."""
    if not LABEL.match(label):
        raise UnsafeValue(f"not an anchor label: {label!r}")
    content = nodes.inline("", "", nodes.Text(text))
    ref = addnodes.pending_xref("", content, refdomain="std", reftype="ref", reftarget=label,
                                refexplicit=True, refwarn=True)
    ref["support_smartquotes"] = False
    return ref


def index_entry(directive: SphinxDirective, name: str) -> list[nodes.Node]:
    """The name as text, with an index entry pointing at it (what the ``{index}`` role makes)."""
    if not name:
        return []
    target_id = f"index-{directive.env.new_serialno('index')}"
    index = addnodes.index(entries=[("single", index_key(name), target_id, "", None)])
    target = nodes.target("", "", ids=[target_id])
    directive.state.document.note_explicit_target(target)
    return [index, target, nodes.Text(name)]


def index_key(name: str) -> str:
    """The index heading of a name: without a trailing gloss in parentheses, so that
    "Kuomintang (Nationalist Party)" and the glossary's "Kuomintang" are one entry."""
    return re.sub(r"\s*\([^()]*\)$", "", name) or name


def verbatim(node: nodes.Element) -> nodes.Element:
    """Mark a node whose text is data: Sphinx's smart quotes must not turn its ' into ’ or -- into –."""
    node["support_smartquotes"] = False
    return node


def table(directive: SphinxDirective, data: Table, title: str = "") -> nodes.table:
    """A docutils table like the one MyST's ``list-table`` makes, header row first."""
    node = verbatim(nodes.table(classes=["colwidths-given", *(["longtable"] if data.long else []), *data.classes]))
    if title:
        node += nodes.title(title, "", nodes.Text(title))
    widths = data.widths or (1,) * len(data.header)
    group = nodes.tgroup(cols=len(data.header))
    node += group
    group += [nodes.colspec(colwidth=w) for w in widths]
    group += nodes.thead("", _row(directive, data.header))
    prose = [column in data.prose for column in data.header]
    group += nodes.tbody("", *(_row(directive, row, prose) for row in data.rows))
    return node


#: The class of a table cell in the edition's own words (:attr:`heumezu.table.Table.prose`).
PROSE = "edition-prose"


def _row(directive: SphinxDirective, cells, prose: list[bool] | None = None) -> nodes.row:
    row = nodes.row()
    for i, cell in enumerate(cells):
        entry = nodes.entry(classes=[PROSE] if prose and prose[i] else [])
        content = inline(directive, cell)
        if content:
            entry += nodes.paragraph("", "", *content)
        row += entry
    return row
