"""Directives that show the evidence: registers, glossary, witnesses and apparatus, as nodes.

Which rows and columns a table has is decided in :mod:`heumezu` (registers, apparatus); these
directives only turn that plain data into nodes (:mod:`heumezu_sphinx.nodes`). A page names a
table with ``:name:`` so that ``{numref}`` can refer to it, and titles it with the argument.
"""
from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

from heumezu import apparatus, registers
from heumezu.table import Table, plain

from . import nodes as build
from .page_data import EvidenceDirective, evidence


class DataTable(EvidenceDirective):
    """A table from the evidence; subclasses say which (:meth:`table`)."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"name": directives.unchanged}

    def table(self, ev) -> Table:
        raise NotImplementedError

    def from_evidence(self, ev) -> list[nodes.Node]:
        node = build.table(self, self.table(ev), self.arguments[0] if self.arguments else "")
        self.add_name(node)
        return [node]


class Persons(DataTable):
    def table(self, ev):
        return registers.actors_table(ev, "person")


class Organisations(DataTable):
    def table(self, ev):
        return registers.actors_table(ev, "organisation")


class Places(DataTable):
    def table(self, ev):
        return registers.places_table(ev)


class Chronology(DataTable):
    """``:chapter:`` one chapter's events (default all); ``:columns:`` some of the columns."""

    option_spec: ClassVar[dict] = {**DataTable.option_spec, "chapter": directives.unchanged_required,
                                   "columns": lambda arg: [c.strip() for c in arg.split(",") if c.strip()]}

    def table(self, ev):
        return registers.chronology_table(ev, self.options.get("chapter"), self.options.get("columns"))


class Demands(DataTable):
    def table(self, ev):
        return registers.demands_table(ev)


class Witnesses(DataTable):
    def table(self, ev):
        return apparatus.witnesses_table(ev)


class WitnessMetadata(DataTable):
    """``:siglum:`` the witness."""

    option_spec: ClassVar[dict] = {**DataTable.option_spec, "siglum": directives.unchanged_required}

    def table(self, ev):
        return apparatus.witness_metadata_table(ev, self.options["siglum"])


class Parallel(DataTable):
    def table(self, ev):
        return apparatus.parallel_table(ev)


class Lacunae(DataTable):
    def table(self, ev):
        return apparatus.lacunae_table(ev)


class Readings(DataTable):
    def table(self, ev):
        return apparatus.readings_table(ev)


class XPassages(DataTable):
    def table(self, ev):
        return apparatus.x_passages_table(ev)


class XApparatus(DataTable):
    def table(self, ev):
        return apparatus.x_apparatus_table(ev)


class XSummary(EvidenceDirective):
    """One paragraph: what X is made of, in characters."""

    def from_evidence(self, ev):
        return [build.verbatim(nodes.paragraph("", "", nodes.Text(apparatus.x_summary(ev))))]


class WitnessText(EvidenceDirective):
    """A witness verbatim, one paragraph per line, the editors' restorations (if ``:restored:``) as
    inline nodes of class ``supplied``."""

    option_spec: ClassVar[dict] = {"siglum": directives.unchanged_required, "restored": directives.flag}

    def from_evidence(self, ev):
        siglum = self.options["siglum"]
        if siglum not in ev.witnesses["siglum"].to_list():
            raise self.error(f"{self.name}: no witness {siglum!r}")
        text = apparatus.witness_parts(ev, siglum) if "restored" in self.options else [ev.witness_text(siglum)]
        box = build.verbatim(nodes.container(classes=["witness-text"]))
        para = nodes.paragraph()
        for part in text:
            pieces = part.split("\n") if isinstance(part, str) else [part]
            for i, piece in enumerate(pieces):
                if i:  # a line break in the witness: a new paragraph
                    if para.children:
                        box += para
                    para = nodes.paragraph()
                if piece:
                    para += build.inline(self, piece) if not isinstance(piece, str) else [nodes.Text(piece)]
        if para.children:
            box += para
        return [box]


class Glossary(EvidenceDirective):
    """The glossary, alphabetical: each term a target for ``{term}`` and an entry in the index."""

    def from_evidence(self, ev):
        glossary = addnodes.glossary(sorted=False)  # sorted by heumezu.registers.glossary
        terms = build.verbatim(nodes.definition_list(classes=["glossary"]))
        glossary += terms
        source, line = self.get_source_info()
        for row in registers.glossary(ev).itertuples(index=False):
            term = make_glossary_term(self.env, [nodes.Text(plain(row.Term))], None, source, line,
                                      node_id=None, document=self.state.document)
            for index in term.findall(addnodes.index):  # one entry per name: not a "main" one apart
                index["entries"] = [(kind, value, tid, "", key) for kind, value, tid, _main, key in index["entries"]]
            native = build.inline(self, row.Native)  # each form in its language
            content = [nodes.Text("("), *native, nodes.Text(") ")] if native else []
            content += build.inline(self, row.Definition)
            if row.Sources:
                content += [nodes.Text(" "), *build.inline(self, row.Sources)]
            definition = nodes.paragraph("", "", *content, classes=[build.PROSE])  # the edition's words
            terms += nodes.definition_list_item("", term, nodes.definition("", definition))
        return [glossary]


class SignsKey(SphinxDirective):
    """The key to the editorial signs, each sign drawn as the pages draw it; ``:signs:`` the ones
    the page uses (``supplied``, ``lost``; default both)."""

    option_spec: ClassVar[dict] = {"signs": lambda arg: [s.strip() for s in arg.split(",") if s.strip()]}

    def run(self):
        wanted = self.options.get("signs", list(apparatus.SIGNS_KEY))
        unknown = set(wanted) - set(apparatus.SIGNS_KEY)
        if unknown:
            raise self.error(f"{self.name}: unknown signs {sorted(unknown)}; expected some of {list(apparatus.SIGNS_KEY)}")
        keys = []
        for medium, column in (("html", 1), ("latex", 2)):  # each medium says what it does
            # A plain list, not a definition list: LaTeX sets a term in bold, and the bold face has no ⟨ ⟩.
            key = build.verbatim(nodes.bullet_list(classes=["signs-key"]))
            for name, entry in apparatus.SIGNS_KEY.items():
                if name in wanted:
                    key += nodes.list_item("", nodes.paragraph("", "", build.sign(entry[0]),
                                                               nodes.Text(f" {entry[column]}")))
            only = addnodes.only(expr=medium)
            only += key
            keys.append(only)
        return [nodes.rubric("", "Key to the editorial signs"), *keys]


def lost_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{lost}`lacuna-id``` → the lacuna mark, the edition's restoration shown on hover (and, in
    the PDF, once in parentheses)."""
    try:
        witness, restoration = apparatus.lost(evidence(inliner.document.settings.env), text.strip())
    except build.BAD_DATA as exc:
        msg = inliner.reporter.error(f"lost: {exc.args[0] if exc.args else exc}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [build.lost_mark(f"lost in {witness}; the edition restores {restoration}")], []


DIRECTIVES = {
    "heumezu-persons": Persons, "heumezu-organisations": Organisations, "heumezu-places": Places,
    "heumezu-chronology": Chronology, "heumezu-demands": Demands, "heumezu-glossary": Glossary,
    "heumezu-witnesses": Witnesses, "heumezu-witness-metadata": WitnessMetadata, "heumezu-witness-text": WitnessText,
    "heumezu-parallel": Parallel, "heumezu-lacunae": Lacunae, "heumezu-readings": Readings,
    "heumezu-signs-key": SignsKey,
    "heumezu-x-passages": XPassages, "heumezu-x-apparatus": XApparatus, "heumezu-x-summary": XSummary,
}


def setup(app) -> dict:
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_role("lost", lost_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
