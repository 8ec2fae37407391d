"""Fixes to sphinx-book-theme and pydata-sphinx-theme, written for the versions in
:data:`WRITTEN_FOR`; :func:`require_written_for` stops the build on any other version, because
these fixes match the themes' generated HTML and files.

- a default colour mode (the theme logs a console error on every page without one);
- bibliography entries get the list-item role instead of the deprecated ``doc-biblioentry``;
- each expand/collapse toggle of the navigation is named (axe: summary-name);
- every script is loaded with ``defer`` (faster first paint); pygments.css only on the pages
  that show highlighted code (the cite page), mystnb.css only on those with
  code cells or text outputs;
- the PDF of the whole edition is offered on every page (template ``pdf-download.html``).
"""
from __future__ import annotations

import html
import re
from importlib.metadata import version
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from .metadata import plain_text

WRITTEN_FOR = {"sphinx-book-theme": "1.3.0", "pydata-sphinx-theme": "0.17.1"}


def require_written_for() -> None:
    """Fail loudly if an installed theme is not the version these fixes were written for."""
    found = {name: version(name) for name in WRITTEN_FOR}
    wrong = {name: v for name, v in found.items() if v != WRITTEN_FOR[name]}
    if wrong:
        raise ExtensionError(
            "heumezu_sphinx.theme and heumezu_sphinx.icons were written for "
            + ", ".join(f"{n} {v}" for n, v in WRITTEN_FOR.items()) + "; installed: "
            + ", ".join(f"{n} {v}" for n, v in found.items())
            + ". Check each fix against the new version, then update WRITTEN_FOR.")


def _theme_defaults(app: Sphinx, config) -> None:
    """"auto" (follow the reader's system setting) is what the theme falls back to anyway."""
    if not config.html_context.get("default_mode"):
        config.html_context["default_mode"] = "auto"


def pdf_name(app: Sphinx) -> str:
    """The PDF's file name, from the LaTeX target set in _config.yml (latex_documents)."""
    return Path(app.config.latex_documents[0][1]).with_suffix(".pdf").name


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["heumezu_pdf"] = pdf_name(app)
    # docutils marks bibliography entries with role="doc-biblioentry", deprecated in DPUB-ARIA 1.1
    # (axe: aria-allowed-role); their container already has role="list", so they are list items.
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


SUMMARY = re.compile(r'(<a class="reference internal[^"]*" href="[^"]*">(?P<title>.*?)</a><details[^>]*><summary>)'
                     r'(?=<span class="toctree-toggle")')


def _name_toggles(html_text: str) -> str:
    """pydata-sphinx-theme's <summary> holds only a decorative chevron, so a screen reader announces
    an unnamed control; a visually hidden "Sections of <chapter>" names it."""
    return SUMMARY.sub(lambda m: m[1] + f'<span class="heumezu-sr-only">Sections of {html.escape(plain_text(m["title"]))}</span>',
                       html_text)


def _deferred(js):
    """The same script, loaded with `defer` (deferred scripts still run in document order, before
    DOMContentLoaded). Inline and async scripts stay as they are, and so does
    documentation_options.js: the themes' inline scripts set fields of the object it defines."""
    attributes = getattr(js, "attributes", None)
    if attributes is None or not getattr(js, "filename", None) or "async" in attributes or "defer" in attributes:
        return js
    if str(js.filename).split("?")[0].endswith("documentation_options.js"):
        return js
    if attributes.get("type", "text/javascript") not in ("text/javascript", "module"):
        return js
    return type(js)(js.filename, priority=js.priority, **{**attributes, "defer": "defer"})


# Stylesheets that Sphinx (pygments.css) and myst-nb (mystnb.<hash>.css; its nb_append_css is not
# a Sphinx option) link on every page, and what in a page's body they style: a page without it
# does not load them. mystnb.css is for code cells and text or HTML outputs ("output" classes);
# the only rules of it that a figure-only cell (all the chapters' cells are remove-input) needs,
# the spacing around the cell and its output, are in edition.css.
PAGE_STYLES = {
    "pygments.css": re.compile(r'class="highlight'),
    "mystnb.css": re.compile(r'class="[^"]*\b(output|cell_input)\b'),
    # sphinx-exercise and sphinx-togglebutton (the teaching sections) link theirs on every page too.
    "exercise.css": re.compile(r'class="[^"]*\b(exercise|solution)\b'),
    "togglebutton.css": re.compile(r'class="[^"]*\b(toggle|dropdown)\b'),
}
#: Scripts of the same kind: togglebutton.js is needed only where something toggles.
PAGE_SCRIPTS = {
    "togglebutton.js": PAGE_STYLES["togglebutton.css"],
}


def _asset_name(css) -> str:
    """"pygments.css" for _static/pygments.css, "mystnb.css" for _static/mystnb.<hash>.css."""
    name = str(getattr(css, "filename", css)).split("?")[0].rsplit("/", 1)[-1]
    return re.sub(r"^mystnb\.[0-9a-f]+\.css$", "mystnb.css", name)


def _late_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Runs after the themes' handlers, which add scripts and the navigation functions."""
    body = context.get("body", "")
    unused = {name for name, used_by in PAGE_STYLES.items() if not used_by.search(body)}
    if unused:
        context["css_files"] = [c for c in context.get("css_files", [])
                                if _asset_name(c) not in unused]
    unused_scripts = {name for name, used_by in PAGE_SCRIPTS.items() if not used_by.search(body)}
    if unused_scripts:
        context["script_files"] = [js for js in context.get("script_files", [])
                                   if _asset_name(js) not in unused_scripts]
    if pagename != "search":  # the search page runs its scripts inline in its own order
        context["script_files"] = [_deferred(js) for js in context.get("script_files", [])]

    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "heumezu_wrapped", False):
        return

    def generate_toctree_html(*args, **kwargs):
        result = generate(*args, **kwargs)  # a string, or a BeautifulSoup tree (cached: edit once)
        if isinstance(result, str):
            return _name_toggles(result)
        for summary in result.select("summary"):
            link = summary.parent.find_previous_sibling("a")
            if link is None or summary.select_one(".heumezu-sr-only"):
                continue
            label = result.new_tag("span", attrs={"class": "heumezu-sr-only"})
            label.string = f"Sections of {link.get_text(' ', strip=True)}"
            summary.append(label)
        return result

    generate_toctree_html.heumezu_wrapped = True
    context["generate_toctree_html"] = generate_toctree_html


def setup(app: Sphinx) -> dict:
    require_written_for()
    app.connect("config-inited", _theme_defaults)
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _late_page_context, priority=900)
    app.add_css_file("edition.css")
    app.add_js_file("edition.js", defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
