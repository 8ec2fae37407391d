"""Citations as notes: the ``{cite:p}`` role, the ``{heumezu-bibliography}`` directive, and the
short citations of the registers' and the chronology's "sources" columns.

The forms are :mod:`heumezu.notes` (Chicago notes-bibliography, runs of text, never markup); this
module only turns runs into docutils nodes: text, emphasis for italics, a ``reference`` for an
http(s) address (checked again here, links.refusal) and a link from each work to its
bibliography entry.

- ``{cite:p}`key[locator], key``: one numbered note per citation point (keys and locator syntax:
  :func:`heumezu.notes.parse_cite`); a work's first citation in a document in full, later ones
  short. The note is a docutils auto-numbered footnote: numbered notes at the end of the page in
  HTML (:data:`SIDENOTES` says why not in the margin) and a ``\\footnote`` in LaTeX. An
  unknown key, a work that was not read (further-reading.bib) or a malformed text is an error
  naming the document and the key.
- ``{heumezu-bibliography}``: the bibliography in :data:`heumezu.notes.SECTIONS`, author order,
  one anchor per entry (``bib-<key>``) that the notes and the registers link to.
- ``{heumezu-abbreviations}``: the abbreviations those forms use, from the works cited.
- :func:`short_citations`: the registers' sources (a work's short form, linked).

The role lives in a small domain ``cite`` so that its name stays ``cite:p`` (the name the
chapters and the notebook converter use), without sphinxcontrib-bibtex.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import make_refnode

from heumezu import further_reading, links, notes
from heumezu.bib import bib_files

logger = logging.getLogger(__name__)
_WORKS: WeakKeyDictionary[Sphinx, tuple[dict[str, notes.Work], set[str]]] = WeakKeyDictionary()
NOTES = "heumezu_notes"  # env.temp_data: the notes of the document being read
PENDING = "heumezu_pending_notes"  # env.temp_data: its footnotes, placed at the end by PlaceNotes


def _data_dir(app: Sphinx) -> Path:
    from .page_data import data_dir  # page_data imports nodes, which imports this module
    return data_dir(app)


def works(env: BuildEnvironment) -> tuple[dict[str, notes.Work], set[str]]:
    """The works of the build's .bib files and the keys of those not read, read once per build;
    each page that asks depends on the .bib files."""
    data_dir = _data_dir(env.app)
    if "docname" in env.temp_data:
        for path in bib_files(data_dir):
            env.note_dependency(str(path))
    if env.app not in _WORKS:
        _WORKS[env.app] = (notes.works(data_dir), further_reading.unread_keys(data_dir))
    return _WORKS[env.app]


def anchor(key: str) -> str:
    """The id of a work's bibliography entry."""
    return "bib-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def runs_nodes(runs: Iterable[notes.Run]) -> list[nodes.Node]:
    """Runs as inline nodes: text, emphasis, and a link only for an http(s) address."""
    out: list[nodes.Node] = []
    for run in runs:
        if run.target and links.refusal(run.target) is None:
            out.append(nodes.reference("", run.text, refuri=run.target))
        elif run.italic:
            out.append(nodes.emphasis("", run.text))
        else:
            out.append(nodes.Text(run.text))
    return out


def work_nodes(key: str | None, runs: notes.Runs) -> list[nodes.Node]:
    """One work's part of a note or citation, linked to its bibliography entry (up to its own web
    address, which is a link of its own)."""
    if key is None:
        return runs_nodes(runs)
    cut = next((i for i, r in enumerate(runs) if r.target), len(runs))
    while cut > 0 and cut < len(runs) and runs[cut - 1].text.strip() in (",", ""):
        cut -= 1  # the comma before the address stays outside the link
    content = nodes.inline("", "", *runs_nodes(runs[:cut]))
    xref = addnodes.pending_xref("", content, refdomain="cite", reftype="work", reftarget=key,
                                 refexplicit=True, refwarn=True)
    return [xref, *runs_nodes(runs[cut:])]


def _verbatim(node: nodes.Element) -> nodes.Element:
    node["support_smartquotes"] = False  # the data's quotes and dashes as they are
    return node


class CiteRole(SphinxRole):
    """``{cite:p}`` as a numbered note."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        docname = self.env.docname
        try:
            citations = notes.parse_cite(self.text)
        except notes.CiteSyntaxError as exc:
            return self._error(f"{docname}: citation {{cite:p}}`{self.text}`: {exc}")
        all_works, unread = works(self.env)
        for key, _locator in citations:
            if key not in all_works:
                return self._error(f"{docname}: unknown citation key '{key}' (no entry in the data's .bib files)")
            if key in unread:
                return self._error(f"{docname}: citation key '{key}' is a work not read for this edition "
                                   f"(further-reading.bib): it may be listed, never cited")
        state = self.env.temp_data.setdefault(NOTES, notes.Notes(all_works))
        footnote = nodes.footnote(auto=1, classes=["citation-note"])
        paragraph = _verbatim(nodes.paragraph())
        for key, runs in state.cite_parts(*citations):
            paragraph += work_nodes(key, runs)
        footnote += paragraph
        pending = self.env.temp_data.setdefault(PENDING, [])
        pending.append(footnote)
        # Not yet a footnote_reference: MyST takes every footnote_reference in a page for one of
        # its own [^label] notes; PlaceNotes makes it one after parsing.
        return [pending_note(number=len(pending) - 1)], []

    def _error(self, message: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        msg = self.inliner.reporter.error(message, line=self.lineno)
        return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]


class pending_note(nodes.Inline, nodes.Element):
    """Where a note's number goes, until :class:`PlaceNotes` puts a footnote reference there."""


class PlaceNotes(SphinxTransform):
    """The document's notes: numbered in the order they were cited (the order of their full and
    short forms), each reference where its citation was, the notes at the end (in the last
    section), before docutils' Footnotes transform numbers them."""

    default_priority = 600  # docutils' Footnotes transform is 620

    def apply(self, **kwargs) -> None:
        pending = self.env.temp_data.pop(PENDING, [])
        places = {p["number"]: p for p in self.document.findall(pending_note)}
        for number, footnote in enumerate(pending):
            place = places.pop(number, None)
            if place is None:
                continue  # its text was dropped (a directive that discards its content)
            self.document.note_autofootnote(footnote)
            ref = nodes.footnote_reference("", "", auto=1)
            self.document.note_autofootnote_ref(ref)
            _attach(place)
            place.replace_self(ref)
            where: nodes.Element = self.document
            while sections := [c for c in where.children if isinstance(c, nodes.section)]:
                where = sections[-1]
            where += footnote


def _attach(place: nodes.Node) -> None:
    """A note's number follows the word before it: the spaces and line breaks written before the
    role go. By position: Text nodes compare as strings, so remove() or replace() could take
    another line break of the paragraph."""
    parent = place.parent
    if parent is None:
        return
    at = parent.index(place)  # place is an Element: found by identity
    while at > 0 and isinstance(parent[at - 1], nodes.Text) and parent[at - 1].rstrip() != parent[at - 1]:
        text = parent[at - 1].rstrip()
        if text:
            parent[at - 1] = nodes.Text(text)
            break
        del parent[at - 1]
        at -= 1


class Bibliography(SphinxDirective):
    """The works read for the edition (every .bib entry but further-reading.bib's), in sections."""

    def run(self) -> list[nodes.Node]:
        all_works, unread = works(self.env)
        read = {k: w for k, w in all_works.items() if k not in unread}
        seen: dict[str, str] = {}
        domain: CiteDomain = self.env.get_domain("cite")  # type: ignore[assignment]
        out: list[nodes.Node] = []
        for section, members in notes.bibliography_sections(read):
            title = notes.SECTION_TITLES[section]
            node = nodes.section(ids=[f"bibliography-{section}"], names=[nodes.fully_normalize_name(title)])
            node += nodes.title(title, title)
            for work in members:
                label = anchor(work.key)
                if label in seen:
                    raise self.error(f"heumezu-bibliography: keys '{seen[label]}' and '{work.key}' "
                                     f"give the same anchor '{label}'")
                seen[label] = work.key
                entry = _verbatim(nodes.paragraph(ids=[label], classes=["bibliography-entry"]))
                entry += runs_nodes(notes.bibliography_entry(work))
                node += entry
                domain.note_work(work.key, self.env.docname, label)
            out.append(node)
        return out


class Abbreviations(SphinxDirective):
    """The abbreviations of the notes and the bibliography (:func:`heumezu.notes.abbreviations`)."""

    def run(self) -> list[nodes.Node]:
        all_works, unread = works(self.env)
        listing = nodes.definition_list(classes=["abbreviations"])
        for short, meaning in notes.abbreviations({k: w for k, w in all_works.items() if k not in unread}):
            listing += nodes.definition_list_item(
                "", nodes.term("", short), nodes.definition("", _verbatim(nodes.paragraph("", meaning))))
        return [listing]


class CiteDomain(Domain):
    """The ``cite`` domain: the role ``p`` and the links from a work to its bibliography entry."""

    name = "cite"
    label = "Citations"
    roles = {"p": CiteRole()}  # noqa: RUF012 (Sphinx's Domain API: a class attribute)
    initial_data = {"works": {}}  # noqa: RUF012

    @property
    def entries(self) -> dict[str, tuple[str, str]]:
        return self.data.setdefault("works", {})

    def note_work(self, key: str, docname: str, label: str) -> None:
        self.entries[key] = (docname, label)

    def clear_doc(self, docname: str) -> None:
        for key, (doc, _label) in list(self.entries.items()):
            if doc == docname:
                del self.entries[key]

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for key, (doc, label) in otherdata.get("works", {}).items():
            if doc in docnames:
                self.entries[key] = (doc, label)

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ != "work" or target not in self.entries:
            return None
        docname, label = self.entries[target]
        return make_refnode(builder, fromdocname, docname, label, contnode)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []


class ResolveWorkLinks(SphinxPostTransform):
    """Each work's link to its bibliography entry (HTML only), resolved before the theme's sidenote transform
    (priority 1) copies the notes' content next to their references, where Sphinx's resolver
    (priority 10) would miss the copies. A work missing from the bibliography is a warning."""

    default_priority = 0

    def run(self, **kwargs) -> None:
        domain: CiteDomain = self.env.get_domain("cite")  # type: ignore[assignment]
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") != "cite":
                continue
            if self.app.builder.format == "latex":
                # On paper a cross-reference is set in italics (\\sphinxcrossref), which would turn a
                # note's italics inside out; the work stands as text, its entry found by author or title.
                xref.replace_self(xref[0].children)
                continue
            resolved = domain.resolve_xref(self.env, self.env.docname, self.app.builder, xref["reftype"],
                                           xref["reftarget"], xref, xref[0])
            if resolved is None:
                logger.warning("work '%s' is not in the bibliography (no {heumezu-bibliography} lists it)",
                               xref["reftarget"], location=xref)
                resolved = xref[0]
            xref.replace_self(resolved)


class NotesPerDocument(SphinxPostTransform):
    """On paper, notes are numbered from 1 in each chapter, as on its web page. Sphinx numbers the
    footnotes of the whole book in one sequence once it adds the addresses' footnotes
    (latex_show_urls), so the introduction's first note was number 299. Runs after that
    (ShowUrlsTransform, 400) and before the notes become \\footnote (LaTeXFootnoteTransform, 600);
    the numbers follow the references' order (the addresses' notes among the citations')."""

    default_priority = 450
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        footnotes = {(f.get("docname"), f["ids"][0]): f for f in self.document.findall(nodes.footnote) if f["ids"]}
        numbers: dict[tuple, str] = {}
        counters: dict[str, int] = {}
        for ref in list(self.document.findall(nodes.footnote_reference)):
            key = (ref.get("docname"), ref.get("refid"))
            footnote = footnotes.get(key)
            if footnote is None or not isinstance(footnote[0], nodes.label):
                continue
            if key not in numbers:
                counters[key[0]] = counters.get(key[0], 0) + 1
                numbers[key] = str(counters[key[0]])
                old = footnote[0].astext()
                footnote[0].replace_self(nodes.label("", numbers[key]))
                footnote["names"] = [n for n in footnote["names"] if n != old] + [numbers[key]]
            ref.children = []
            ref += nodes.Text(numbers[key])


def short_citations(env: BuildEnvironment, keys: Iterable[str]) -> list[nodes.Node]:
    """The works as the registers cite them: each in its short form, linked to its entry, joined
    by semicolons. Raises KeyError naming an unknown key."""
    all_works, _unread = works(env)
    out: list[nodes.Node] = []
    for i, key in enumerate(keys):
        if key not in all_works:
            raise KeyError(f"unknown citation key '{key}' (no entry in the data's .bib files)")
        runs = notes.short_citation(all_works[key])
        if runs and runs[-1].text.endswith(".") and not runs[-1].target:
            runs = (*runs[:-1], notes.Run(runs[-1].text[:-1], runs[-1].italic))
        out += [nodes.Text("; ")] if i else []
        out += work_nodes(key, tuple(r for r in runs if r.text))
    return out


#: Whether the theme sets the notes in the margin (sphinx-book-theme's ``use_sidenotes``; Jupyter
#: Book's _config.yml has no key for it). Off: with sphinx-book-theme 1.1, margin notes widen the
#: pages that have no right-hand contents column (the home page, the collation: 1594 px in a
#: 1280 px window) and overflow admonitions (the exercises), and the theme's script then fails on
#: those pages (it looks for div.bd-sidebar-secondary). The notes are docutils' numbered notes at
#: the end of the page, each number a link there and back.
SIDENOTES = False


def _sidenotes(app: Sphinx, config) -> None:
    if SIDENOTES and config.html_theme == "sphinx_book_theme":
        config.html_theme_options = {**(config.html_theme_options or {}), "use_sidenotes": True}


def setup(app: Sphinx) -> None:
    app.add_domain(CiteDomain)
    app.add_transform(PlaceNotes)
    app.add_post_transform(ResolveWorkLinks)
    app.add_post_transform(NotesPerDocument)
    app.add_directive("heumezu-bibliography", Bibliography)
    app.add_directive("heumezu-abbreviations", Abbreviations)
    app.connect("config-inited", _sidenotes)
