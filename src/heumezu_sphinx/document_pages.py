"""The documents part: the agreement's documents and the American reports, built as nodes.

What a page shows is decided in :mod:`heumezu.documents`; here it only becomes nodes. Every
value from the data is a ``nodes.Text``: nothing is parsed as markup.

- ``heumezu-documents``: the list of documents (a table);
- ``heumezu-document``: one document: headnote, metadata table and text (passages marked, each an
  anchor; printed pages and footnotes as the edition's signs), its footnotes;
- ``heumezu-parallel-document``: a translated document line by line beside the editors'
  translation, with the demands each item corresponds to;
- ``heumezu-document-notes``: the notes on terms and readings (of one document, or all);
- ``heumezu-reports``: every English document, each in a section of its own (headnote, metadata,
  text, footnotes);
- the ``{passage}`` role: a link to a cited passage, labelled from the data.
"""
from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from heumezu import crossrefs
from heumezu import documents as docs
from heumezu.docsigns import FootnoteRef, PageBreak
from heumezu.table import tagged

from . import nodes as build
from .page_data import EvidenceDirective, evidence

PASSAGE_ID = r"p-[a-z0-9][a-z0-9-]*"
DEMANDS_TABLE = "tab-ultimatum-demands"  # the demands table in chapter 2 (02_ultimatum)


def _text_box(directive: SphinxDirective, ev, doc_id: str) -> list[nodes.Node]:
    """The document's text, one paragraph per line (cited passages marked and anchored, printed
    pages and footnote references as the edition's signs), then its footnotes and, for an
    excerpt, where the text given ends."""
    r = docs.row(ev, doc_id)
    language, tag = r["language"], docs.language_tag(ev, doc_id)
    # In HTML the box says its language (docutils writes the class language-X as lang="X"); in the
    # PDF each line is set in that language's font (a lang node inside the paragraph).
    box = build.verbatim(nodes.container(classes=["document-text", f"lang-{language}",
                                                  *([f"language-{tag}"] if tag else [])]))
    for line in docs.text_lines(ev, doc_id):
        para = build.language("", tag) if tag else nodes.paragraph()
        for part in line:
            if isinstance(part, docs.Passage):
                span = nodes.inline("", "", *_signs(doc_id, part.parts), classes=["passage"])
                if part.id:
                    para += _anchor(directive, part.id)
                para += span
            else:
                para += _signs(doc_id, [part])
        box += nodes.paragraph("", "", para) if tag else para
    if r["completeness"] == "excerpt":
        box += nodes.paragraph("", "", nodes.emphasis("", "", nodes.Text(docs.EXCERPT_ENDS)), classes=["excerpt-end"])
    notes = docs.document_footnotes(ev, doc_id)
    if not notes:
        return [box]
    foot = build.verbatim(nodes.container(classes=["document-footnotes"]))
    foot += nodes.paragraph("", "", nodes.strong("", "", nodes.Text(docs.FOOTNOTES_TITLE)))
    for number, text in notes:
        para = nodes.paragraph("", "", nodes.target("", "", ids=[_footnote_id(doc_id, number)]),
                               nodes.Text(f"{number}. "))
        para += nodes.Text(text) if text else nodes.emphasis("", "", nodes.Text(docs.FOOTNOTE_NOT_GIVEN))
        foot += para
    return [box, foot]


def _footnote_id(doc_id: str, number: str) -> str:
    return f"{doc_id}-fn-{number}"


def _signs(doc_id: str, parts: list) -> list[nodes.Node]:
    """Words as text; a printed page's beginning and a footnote reference as the edition's signs."""
    out: list[nodes.Node] = []
    for part in parts:
        if isinstance(part, PageBreak):
            out.append(nodes.inline("", "", nodes.Text(docs.page_sign(part.page)), classes=["page-break"]))
        elif isinstance(part, FootnoteRef):
            ref = nodes.reference("", "", nodes.Text(part.number), refid=_footnote_id(doc_id, part.number),
                                  classes=["footnote-ref"])
            out.append(nodes.superscript("", "", ref))
        elif part:
            out.append(nodes.Text(part))
    return out


def _headnote(ev, doc_id: str) -> list[nodes.Node]:
    text = docs.headnote(ev, doc_id)
    return [build.verbatim(nodes.paragraph("", "", nodes.Text(text), classes=["headnote"]))] if text else []


def _anchor(directive: SphinxDirective, passage_id: str) -> nodes.target:
    """A target the ``{passage}`` role links to (an anonymous label of the std domain)."""
    target = nodes.target("", "", ids=[passage_id], names=[passage_id])
    directive.state.document.note_explicit_target(target)
    return target


class _DocumentDirective(EvidenceDirective):
    option_spec: ClassVar[dict] = {"id": directives.unchanged_required, "name": directives.unchanged}

    def document_id(self, ev) -> str:
        doc_id = self.options["id"]
        if doc_id not in docs.ids(ev):
            raise self.error(f"{self.name}: no document {doc_id!r}")
        return doc_id


class DocumentsList(EvidenceDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"name": directives.unchanged}

    def from_evidence(self, ev):
        node = build.table(self, docs.documents_table(ev), self.arguments[0] if self.arguments else "")
        self.add_name(node)
        return [node]


class Document(_DocumentDirective):
    """Metadata table, then the text (if there is one)."""

    def from_evidence(self, ev):
        doc_id = self.document_id(ev)
        out: list[nodes.Node] = [*_headnote(ev, doc_id), build.table(self, docs.metadata_table(ev, doc_id))]
        if "text" in self.options or self.name == "heumezu-document":
            out += _text_box(self, ev, doc_id)
        return out


class DocumentMetadata(_DocumentDirective):
    def from_evidence(self, ev):
        doc_id = self.document_id(ev)
        node = build.table(self, docs.metadata_table(ev, doc_id))
        self.add_name(node)
        return [*_headnote(ev, doc_id), node]


class ParallelDocument(_DocumentDirective):
    """The source line by line beside the editors' translation; where the document's items
    correspond to demands (the memorandum), a third column links each to the demands table."""

    optional_arguments = 1
    final_argument_whitespace = True

    def from_evidence(self, ev):
        doc_id = self.document_id(ev)
        rows = docs.parallel_rows(ev, doc_id)
        if not rows:
            raise self.error(f"{self.name}: document {doc_id!r} has no translation")
        demands = docs.demands_by_item(ev)
        passages = {p.start: p.id for p in docs.passages_of(ev, doc_id)}
        text = docs.document_text(ev, doc_id) or ""
        line_start = [0]
        for line in text.rstrip("\n").split("\n"):
            line_start.append(line_start[-1] + len(line) + 1)

        table = build.verbatim(nodes.table(classes=["colwidths-given", "parallel-document", "longtable"]))
        if self.arguments:
            table += nodes.title(self.arguments[0], "", nodes.Text(self.arguments[0]))
        with_demands = any(demands.get(item) for _line, item, *_rest in rows)
        widths = (5, 6, 3) if with_demands else (5, 6)
        group = nodes.tgroup(cols=len(widths))
        table += group
        group += [nodes.colspec(colwidth=w) for w in widths]
        head = nodes.row()
        labels = ("Chinese text", docs.TRANSLATION_BY) + (("Demand (chapter 2)",) if with_demands else ())
        for label in labels:
            head += nodes.entry("", nodes.paragraph("", "", nodes.Text(label)))
        group += nodes.thead("", head)
        body = nodes.tbody()
        group += body
        tag = docs.language_tag(ev, doc_id)
        for line, item, source, translation, note in rows:
            row = nodes.row()
            src = nodes.paragraph(classes=["lang-zh"])
            pid = passages.get(line_start[line - 1])
            if pid:
                src += _anchor(self, pid)
            src += build.language(source, tag) if tag else nodes.Text(source)
            row += nodes.entry("", src)
            # The words of the source the translation and its note cite ([承认]) are in its language.
            cell = nodes.entry("", nodes.paragraph("", "", *build.inline(self, tagged(translation, tag))))
            if note:
                cell += nodes.paragraph("", "", nodes.emphasis("", "", *build.inline(self, tagged(note, tag))),
                                        classes=["translation-note"])
            row += cell
            if with_demands:
                links = nodes.entry()
                for _demand_id, summary in demands.get(item, []):
                    ref = addnodes.pending_xref("", nodes.inline("", "", nodes.Text(summary)), refdomain="std",
                                                reftype="ref", reftarget=DEMANDS_TABLE, refexplicit=True,
                                                refwarn=True)
                    links += nodes.paragraph("", "", ref)
                row += links
            body += row
        self.add_name(table)
        # In the PDF, narrow columns set ragged right (justified, the links would gape).
        ragged = ">{\\raggedright\\arraybackslash}"
        spec = addnodes.tabular_col_spec(spec="".join(f"{ragged}\\X{{{w}}}{{{sum(widths)}}}" for w in widths))
        return [spec, table]


class DocumentNotes(EvidenceDirective):
    """``:id:`` one document's notes (default: all)."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"id": directives.unchanged, "name": directives.unchanged}

    def from_evidence(self, ev):
        node = build.table(self, docs.notes_table(ev, self.options.get("id")),
                           self.arguments[0] if self.arguments else "")
        self.add_name(node)
        return [node]


class Reports(EvidenceDirective):
    """Every document in English, each a section: heading, metadata, text."""

    def from_evidence(self, ev):
        out = []
        for doc_id in docs.ids(ev, language="en", with_text=True):
            title = docs.heading(ev, doc_id)
            section = nodes.section(ids=[make_id(self.env, self.state.document, "", f"doc-{doc_id}")],
                                    names=[nodes.fully_normalize_name(title)])
            section += nodes.title(title, "", nodes.Text(title))
            self.state.document.note_implicit_target(section)
            section += build.anchor(self, crossrefs.document_label(doc_id))
            section += _headnote(ev, doc_id)
            section += build.table(self, docs.metadata_table(ev, doc_id))
            section += _text_box(self, ev, doc_id)
            out.append(section)
        return out


def passage_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{passage}`p-id``` → a link to the passage, labelled "FRUS 1935, vol. III, doc. 159, ¶ 5 [4?]"."""
    pid = text.strip()
    try:
        label = docs.passage_label(evidence(inliner.document.settings.env), pid)
    except build.BAD_DATA:
        msg = inliner.reporter.error(f"passage: no passage {pid!r} in passages.csv", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    ref = addnodes.pending_xref("", nodes.inline("", "", nodes.Text(label), classes=["passage-ref"]),
                                refdomain="std", reftype="ref", reftarget=pid, refexplicit=True, refwarn=True)
    ref["support_smartquotes"] = False
    return [ref], []


DIRECTIVES = {
    "heumezu-documents": DocumentsList, "heumezu-document": Document,
    "heumezu-document-metadata": DocumentMetadata, "heumezu-parallel-document": ParallelDocument,
    "heumezu-document-notes": DocumentNotes, "heumezu-reports": Reports,
}


def setup(app) -> dict:
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_role("passage", passage_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
