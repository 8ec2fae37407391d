"""Metadata on every page, from ``CITATION.cff`` (the one place that says how to cite the edition).

``<meta name="description">`` (the page's first paragraph), Highwire ``citation_*`` tags (read
by Google Scholar and Zotero), Dublin Core ``DC.*`` tags and OpenGraph ``og:*`` tags; every
value goes through :func:`html.escape` in :func:`_meta`, the one place that writes them.
``og:url`` needs the site's public address: ``html_baseurl``, taken from CITATION.cff's ``url``
(the online edition) unless set; with neither, it is left out rather than invented.

Kept rather than sphinxext-opengraph (0.13.0, August 2025; requires Sphinx>=6.0), read for this:
it writes ``og:url`` on every page, relative when no public address is set (this module leaves it
out); one ``og:type`` for the whole site (``ogp_type``; here "website" for the home page, "article"
for the others); ``og:locale`` only as a fixed custom tag; and, with matplotlib installed (the
figures need it), a social-card PNG per page unless ``ogp_social_cards`` disables them. Its
description is its own walk of the page's text, which would differ from the ``<meta
name="description">``, Highwire and Dublin Core tags this module writes from the first prose
paragraph anyway: adopting it would split one description into two and remove none of this code.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from heumezu import citation

DESCRIPTION_LENGTH = 200
# Paragraphs inside these do not describe a page.
NOT_DESCRIPTIVE = (nodes.Admonition, nodes.sidebar, nodes.topic, nodes.footnote, nodes.citation,
                   nodes.table, nodes.field_list, nodes.literal_block, nodes.system_message)


def _read_citation(app: Sphinx, config) -> None:
    """Read CITATION.cff once (through heumezu.citation, its one reader); the facts go into every page."""
    cite = citation.load(Path(app.confdir) / citation.CFF)
    if cite.url and not config.html_baseurl:
        config.html_baseurl = cite.url  # the online edition's address, typed once (CITATION.cff)
    app.heumezu_citation = {
        "title": cite.title or config.project,
        "authors": list(cite.authors) or [config.author],
        "version": cite.version,
        "date": cite.date_released,  # ISO 8601, e.g. 2026-11-23
        "license": cite.licence,
    }


def plain_text(text: str) -> str:
    """Text of a title or paragraph as a browser would show it (no tags, no entities)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text or ""))
    return re.sub(r"\s+", " ", text).strip()


def _shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—")
    return cut + "…"


def _without_notes(para: nodes.paragraph) -> nodes.paragraph:
    """The paragraph without its notes: their numbers and, as the theme shows them (sidenotes), their text."""
    copy = para.deepcopy()
    for node in list(copy.findall(nodes.Element)):
        if node.parent is not None and (isinstance(node, nodes.footnote_reference) or "sidenote" in node["classes"]
                                        or type(node).__name__ == "SideNoteNode"):
            node.parent.remove(node)
    return copy


def _description(doctree) -> str:
    """The first paragraph of the page that is prose (not a note, table, caption or code)."""
    if doctree is None:
        return ""
    for para in doctree.findall(nodes.paragraph):
        parent, skip = para.parent, False
        while parent is not None:
            if isinstance(parent, NOT_DESCRIPTIVE) or "cell_output" in parent.get("classes", []):
                skip = True
                break
            parent = parent.parent
        text = re.sub(r"\s+", " ", _without_notes(para).astext()).strip()
        if not skip and len(text) >= 20:
            return _shorten(text)
    return ""


def _meta(attr: str, key: str, value: str) -> str:
    return f'<meta {attr}="{html.escape(key)}" content="{html.escape(value, quote=True)}" />'


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    cite = app.heumezu_citation
    config = app.config
    root = config.root_doc
    language = config.language or "en"

    description = _description(doctree)
    if not description:  # search page, index, a page of code only: describe the edition
        try:
            description = _description(app.env.get_doctree(root))
        except Exception:  # noqa: BLE001 - the root doctree may not exist in a partial build
            description = ""
        description = description or cite["title"]

    page_title = plain_text(context.get("title", "")) or cite["title"]
    # "2.1. Title" -> "Title": the section number belongs to the book's table of contents.
    work_title = re.sub(r"^\d+(\.\d+)*\.?\s+", "", page_title)
    is_root = pagename == root
    tags = []
    metatags = context.get("metatags", "") or ""
    if 'name="description"' not in metatags:
        tags.append(_meta("name", "description", description))
    # Highwire Press tags (Google Scholar, Zotero).
    tags.append(_meta("name", "citation_title", cite["title"] if is_root else work_title))
    if not is_root:
        tags.append(_meta("name", "citation_inbook_title", cite["title"]))
    tags += [_meta("name", "citation_author", name) for name in cite["authors"]]
    if cite["date"]:
        tags.append(_meta("name", "citation_publication_date", cite["date"].replace("-", "/")))
        tags.append(_meta("name", "citation_date", cite["date"].replace("-", "/")))
    tags.append(_meta("name", "citation_language", language))
    # Dublin Core.
    tags.append(_meta("name", "DC.title", cite["title"] if is_root else work_title))
    tags += [_meta("name", "DC.creator", name) for name in cite["authors"]]
    if cite["date"]:
        tags.append(_meta("name", "DC.date", cite["date"]))
    tags.append(_meta("name", "DC.language", language))
    tags.append(_meta("name", "DC.type", "Text"))
    tags.append(_meta("name", "DC.format", "text/html"))
    if cite["license"]:
        licence = re.sub(r"^CC-(.+)-(\d\.\d)$", lambda m: f"CC {m[1]} {m[2]}", cite["license"])
        tags.append(_meta("name", "DC.rights", f"Text and data {licence}; code MIT"))
    if cite["version"]:
        tags.append(_meta("name", "DC.relation.isVersionOf", f"{cite['title']}, version {cite['version']}"))
    # OpenGraph (link previews). og:url only with a real public address.
    tags.append(_meta("property", "og:title", page_title))
    tags.append(_meta("property", "og:type", "website" if is_root else "article"))
    tags.append(_meta("property", "og:description", description))
    tags.append(_meta("property", "og:site_name", cite["title"]))
    tags.append(_meta("property", "og:locale", language.replace("-", "_")))
    if config.html_baseurl:
        url = config.html_baseurl.rstrip("/") + "/" + app.builder.get_target_uri(pagename)
        tags.append(_meta("property", "og:url", url))
    context["metatags"] = metatags + "\n" + "\n".join(tags) + "\n"


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _read_citation)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
