"""The web index names the section each of its links goes to, not "[1]" ... "[31]".

"Hebei (Hopei) province: 1.2. Rehe, the Great Wall and the Tanggu Truce, 1933; 1.5. The actors
and their interests; ..." (each label a link to the place in that section).

Sphinx's ``genindex.html`` links an entry's name to its first place and every other place to a
bare number, because the index data (``genindexentries``) holds only link targets. The section a
target lies in, and its number, are in the environment; the template cannot reach them. On the
index page this module gives the template ``index_links(links)``: each link of an entry as
(is main, target, label), in the order of the book (by section number), one link a section.
``book/_templates/genindex.html`` prints the labels.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def _sections(env, docname: str) -> dict[str, tuple[tuple[int, ...], str]]:
    """{id of an element of the page: (section number, "1.2. Title")} of the innermost section
    that holds the element, numbered as its heading is (the page's own title section has the
    anchor "" in the numbers)."""
    doctree = env.get_doctree(docname)
    secnumbers = env.toc_secnumbers.get(docname, {})
    found = {}
    for section in doctree.findall(nodes.section):
        if not (section.children and isinstance(section[0], nodes.title)):
            continue  # no heading of its own (sphinx-exercise's solution body): the one around it
        title = section[0]
        anchor = "" if section.parent is doctree else "#" + section["ids"][0]
        number = tuple(secnumbers.get(anchor, ()))
        prefix = ".".join(map(str, number)) + env.config.html_secnumber_suffix if number else ""
        label = prefix + title.astext()
        # Sections are found outermost first: an inner section's elements are labelled again.
        for node in section.findall(nodes.Element):
            for node_id in node["ids"]:
                found[node_id] = (number, label)
    return found


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not pagename.startswith("genindex"):
        return
    env, builder = app.env, app.builder
    by_uri = {builder.get_relative_uri(pagename, docname): docname for docname in env.found_docs}
    order = {docname: i for i, docname in enumerate(_book_order(env))}
    sections: dict[str, dict] = {}

    def place(uri: str) -> tuple[tuple, str]:
        """(where the target is in the book, its label)."""
        page, _, anchor = uri.partition("#")
        docname = by_uri.get(page)
        if docname is None:
            return (len(order), ()), uri
        if docname not in sections:
            sections[docname] = _sections(env, docname)
        number, label = sections[docname].get(anchor, ((), ""))
        if not label:
            title = env.titles.get(docname)
            label = title.astext() if title is not None else docname
        return (order.get(docname, len(order)), number), label

    def index_links(links) -> list[tuple[bool, str, str]]:
        """An entry's links as (is main, target, label), in book order, the first to each section."""
        placed = sorted((*place(uri), not ismain, uri) for ismain, uri in links)
        out, seen = [], set()
        for _where, label, not_main, uri in placed:
            if label not in seen:
                seen.add(label)
                out.append((not not_main, uri, label))
        return out

    context["index_links"] = index_links


def _book_order(env) -> list[str]:
    """The pages in the order of the book (the root document's toctree, depth first)."""
    out: list[str] = []

    def walk(docname: str) -> None:
        if docname in out:
            return
        out.append(docname)
        for child in env.toctree_includes.get(docname, ()):
            walk(child)

    walk(env.config.root_doc)
    return out


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
