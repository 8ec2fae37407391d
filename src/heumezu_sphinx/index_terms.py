"""Index entries and links where the chapters discuss a person, organisation, place or term.

The registers and the glossary index their names (:func:`heumezu_sphinx.nodes.index_entry`, the
``heumezu-glossary`` directive); this transform adds an entry, under the same heading, at the
first mention of each name in each section of a chapter, so that the index of the book and the
HTML index (both made from these entries) point into the text and not only to the registers.

The first mention of a person, organisation or place in each section also becomes a link to its
register entry; :class:`MentionCards` gives every link to a register entry (these, and any
other) a hover card made from the data (:func:`heumezu.registers.mentions`: name, native
script, role in 1935) as its title, and the class ``mention``.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from heumezu import registers

from .nodes import index_key, link
from .page_data import evidence

#: The pages whose prose is indexed (the chapters; the documents when there are any).
PROSE = ("notebooks/", "book/documents/")
#: Inside these, a name is not indexed (titles, links, code, tables of their own, captions), nor
#: inside inline markup: LaTeX passes that as a macro argument, where \index writes its key
#: expanded ("\sphinxhyphen {}"), and the index would then list the name twice.
SKIP = (nodes.title, nodes.reference, nodes.literal, nodes.literal_block, nodes.caption, nodes.table,
        nodes.target, addnodes.index, addnodes.pending_xref, nodes.raw, nodes.citation_reference,
        nodes.inline, nodes.emphasis, nodes.strong)
#: Inside these a name is linked but not indexed (of SKIP, the inline markup).
LINK_ONLY = (nodes.inline, nodes.emphasis, nodes.strong)


DASHES = "-‐‑–"


def _words(phrase: str) -> str:
    """A phrase as a pattern: a line break or run of spaces may stand for a space ("China
    Garrison⏎Army"), any dash for a hyphen ("Hebei–Chahar" for "Hebei-Chahar"), and the printer's
    apostrophe for the typewriter's ("Zhang Ting’e" for "Zhang Ting'e")."""
    words = (re.escape(w).replace(r"\-", f"[{DASHES}]").replace("'", "['’]") for w in phrase.split())
    return r"\s+".join(words)


def normal(text: str) -> str:
    """A matched phrase as the table of phrases writes it."""
    return " ".join(re.sub(f"[{DASHES}]", "-", text).replace("’", "'").split())


def mention_pattern(phrases: list[str]) -> re.Pattern:
    """The phrases as whole words, longest first (see :func:`_words`). A name joined to another
    by a dash is part of a compound ("the Qin–Doihara talks" is not a mention of Doihara)."""
    alternatives = sorted(phrases, key=len, reverse=True)
    return re.compile(rf"(?<![\w{re.escape(DASHES)}])(" + "|".join(_words(p) for p in alternatives) + rf")(?![\w{re.escape(DASHES)}])")


def headings(ev) -> tuple[tuple[str, str, str, str], ...]:
    """(phrase as written in the prose, index heading, register anchor, hover card), the longest
    phrase first; a glossary term has no anchor or card. Phrases that differ only in their dashes
    are one phrase (the first found wins: a register's name before a glossary term), as the
    prose matches them (:func:`mention_pattern`)."""
    found: dict[str, tuple[str, str, str]] = {}
    entry = {}
    for name, label, card in registers.mentions(ev):
        entry[label] = (index_key(name), label, card)
        if "," not in name:
            for phrase in registers.phrases(name):
                found.setdefault(normal(phrase), entry[label])
    for alias, label in registers.aliases(ev):  # the spellings of 1935, under the register's heading
        found.setdefault(normal(alias), entry[label])
    for surname, label in registers.surnames(ev):  # "Sakai" after "Sakai Takashi"
        found.setdefault(normal(surname), entry[label])
    for term in ev.glossary["term"]:
        found.setdefault(normal(registers.phrases(str(term))[0]), (str(term), "", ""))
    return tuple(sorted(((p, *v) for p, v in found.items() if len(p) > 3), key=lambda row: -len(row[0])))


class IndexProse(SphinxTransform):
    default_priority = 840  # before SphinxDomains (850), which collects the index entries

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        if not docname.startswith(PROSE):
            return
        pairs = headings(evidence(self.env))
        if not pairs:
            return
        pattern = mention_pattern([row[0] for row in pairs])
        about = {normal(row[0]): row[1:] for row in pairs}
        _join_texts(self.document)
        for section in self.document.findall(nodes.section):
            indexed: set[str] = set()
            linked: set[str] = set()
            for text in list(section.findall(nodes.Text)):
                if _nearest_section(text) is not section:
                    continue
                skip = _skipped(text)
                if skip is None:
                    self._mark(text, pattern, about, indexed, linked, indexing=True)
                elif isinstance(skip, LINK_ONLY):
                    self._mark(text, pattern, about, indexed, linked, indexing=False)

    def _mark(self, text: nodes.Text, pattern: re.Pattern, about: dict[str, tuple[str, str, str]],
              indexed: set[str], linked: set[str], indexing: bool) -> None:
        """Index the first mention of each name (if ``indexing``) and link the first of each entity."""
        source = str(text)
        pieces: list[nodes.Node] = []
        last = 0
        for match in pattern.finditer(source):
            key, label, _card = about[normal(match.group(1))]
            to_index = indexing and key not in indexed
            to_link = bool(label) and label not in linked
            if not (to_index or to_link):
                continue
            pieces.append(nodes.Text(source[last:match.start()]))
            if to_index:
                indexed.add(key)
                target_id = f"index-{self.env.new_serialno('index')}"
                pieces += [addnodes.index(entries=[("single", key, target_id, "", None)]),
                           nodes.target("", "", ids=[target_id])]
            if to_link:
                linked.add(label)
                pieces.append(link(match.group(1), label))
                last = match.end()
            else:
                last = match.start()
        if not pieces:
            return
        pieces.append(nodes.Text(source[last:]))
        parent = text.parent
        index = parent.index(text)
        parent.remove(text)
        for offset, piece in enumerate(p for p in pieces if not (isinstance(p, nodes.Text) and not str(p))):
            parent.insert(index + offset, piece)


def _join_texts(document: nodes.document) -> None:
    """Adjacent text nodes as one (MyST makes a line break in the source a node of its own, and
    a name broken over two lines would not be found)."""
    for element in list(document.findall(nodes.Element)):
        children = element.children
        i = 0
        while i < len(children) - 1:
            if isinstance(children[i], nodes.Text) and isinstance(children[i + 1], nodes.Text):
                joined = nodes.Text(str(children[i]) + str(children[i + 1]))
                joined.parent = element
                children[i:i + 2] = [joined]  # by position: Text nodes compare as strings
            else:
                i += 1


def _nearest_section(node: nodes.Node) -> nodes.Node | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


def _skipped(node: nodes.Node) -> nodes.Node | None:
    """The outermost element of :data:`SKIP` the node is inside (None if there is none)."""
    parent, found = node.parent, None
    while parent is not None and not isinstance(parent, nodes.section):
        if isinstance(parent, SKIP):
            found = parent
        parent = parent.parent
    return found


def cards(ev) -> dict[str, str]:
    """Register anchor → hover card."""
    return {label: card for _name, label, card in registers.mentions(ev)}


class MentionCards(SphinxPostTransform):
    """A link to a register entry gets the entry's card as its title (``reftitle``, which the
    HTML writer writes as the ``title`` attribute; LaTeX ignores it)."""

    default_priority = 20  # after ReferencesResolver (10)

    def run(self, **kwargs) -> None:
        known = cards(evidence(self.env))
        for ref in self.document.findall(nodes.reference):
            where = ref.get("refuri", "") or ""
            label = ref.get("refid") or (where.rpartition("#")[2] if "#" in where else "")
            if label in known:
                ref["reftitle"] = known[label]
                ref["classes"].append("mention")


def setup(app: Sphinx) -> dict:
    app.add_transform(IndexProse)
    app.add_post_transform(MentionCards)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
