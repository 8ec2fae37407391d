"""Index entries where the chapters discuss a person, organisation, place or glossary term.

The registers and the glossary index their names (:func:`heumezu_sphinx.nodes.index_entry`, the
``heumezu-glossary`` directive); this transform adds an entry, under the same heading, at the
first mention of each name in each section of a chapter, so that the index of the book and the
HTML index (both made from these entries) point into the text and not only to the registers.
"""
from __future__ import annotations

import re
from functools import lru_cache

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

import heumezu

from .nodes import index_key

#: The pages whose prose is indexed (the chapters; the documents when there are any).
PROSE = ("notebooks/", "book/documents/")
#: Inside these, a name is not indexed (titles, links, code, tables of their own, captions), nor
#: inside inline markup: LaTeX passes that as a macro argument, where \index writes its key
#: expanded ("\sphinxhyphen {}"), and the index would then list the name twice.
SKIP = (nodes.title, nodes.reference, nodes.literal, nodes.literal_block, nodes.caption, nodes.table,
        nodes.target, addnodes.index, addnodes.pending_xref, nodes.raw, nodes.citation_reference,
        nodes.inline, nodes.emphasis, nodes.strong)


def _phrase(name: str) -> str:
    """What the prose writes: the name without its glosses in parentheses."""
    return " ".join(re.sub(r"\([^()]*\)", "", name).split())


@lru_cache(maxsize=4)
def headings() -> tuple[tuple[str, str], ...]:
    """(phrase as written in the prose, index heading), the longest phrase first."""
    ev = heumezu.load()
    pairs = {}
    for name in [*ev.actors["name_en"], *ev.places["name_en"]]:
        name = str(name)
        if "," not in name:
            pairs.setdefault(_phrase(name), index_key(name))
    for term in ev.glossary["term"]:
        pairs.setdefault(_phrase(str(term)), str(term))
    return tuple(sorted(((p, k) for p, k in pairs.items() if len(p) > 3), key=lambda pk: -len(pk[0])))


class IndexProse(SphinxTransform):
    default_priority = 840  # before SphinxDomains (850), which collects the index entries

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        if not docname.startswith(PROSE):
            return
        pairs = headings()
        if not pairs:
            return
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p, _ in pairs) + r")(?![\w-])")
        key_of = dict(pairs)
        for section in self.document.findall(nodes.section):
            seen: set[str] = set()
            for text in list(section.findall(nodes.Text)):
                if _nearest_section(text) is not section or _skipped(text):
                    continue
                self._mark(text, pattern, key_of, seen)

    def _mark(self, text: nodes.Text, pattern: re.Pattern, key_of: dict[str, str], seen: set[str]) -> None:
        source = str(text)
        pieces: list[nodes.Node] = []
        last = 0
        for match in pattern.finditer(source):
            key = key_of[match.group(1)]
            if key in seen:
                continue
            seen.add(key)
            target_id = f"index-{self.env.new_serialno('index')}"
            pieces += [nodes.Text(source[last:match.start()]),
                       addnodes.index(entries=[("single", key, target_id, "", None)]),
                       nodes.target("", "", ids=[target_id])]
            last = match.start()
        if not pieces:
            return
        pieces.append(nodes.Text(source[last:]))
        parent = text.parent
        index = parent.index(text)
        parent.remove(text)
        for offset, piece in enumerate(p for p in pieces if not (isinstance(p, nodes.Text) and not str(p))):
            parent.insert(index + offset, piece)


def _nearest_section(node: nodes.Node) -> nodes.Node | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        if isinstance(parent, SKIP):
            return True
        parent = parent.parent
    return False


def setup(app: Sphinx) -> dict:
    app.add_transform(IndexProse)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
