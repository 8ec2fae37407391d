"""Every fix the edition makes to Sphinx, docutils and the themes' output, in one place.

Each fix is a row of :data:`FIXES`: what it changes, the package versions it was written for
(and read against), and what upstream would remove it. :func:`check_versions` compares the table
with what is installed, once, when the extension is set up; on any difference the build stops
with the list of fixes to re-read against the new version. Nothing else in ``heumezu_sphinx``
depends on a theme's or Sphinx's internals (the templates in ``book/_templates`` are listed here
too, as fixes).

Supported extension points, no version pinning needed beyond the table:

- the edition's HTML translator (:class:`EditionHTMLTranslator`, registered with
  ``app.set_translator``; pydata-sphinx-theme puts its Bootstrap mixin on top of whatever
  translator is registered, so both apply): a table cell's column header as ``data-label``
  (:mod:`heumezu_sphinx.tables` marks the cells), and bibliography entries with the list-item role;
- ``html-page-context``: the PDF's name, the default colour mode, per-page stylesheets and scripts;
- template blocks that extend the theme's (``{% extends "!layout.html" %}``, ``super()``); the
  ``scripts`` and ``scripts_end`` blocks put the registered scripts at the end of the body, where
  none blocks the first paint (they were given ``defer`` by rebuilding Sphinx's private
  ``_JavaScript`` objects before).

What remains of the old theme surgery is what upstream offers no option for yet; each
remaining hack names, in :data:`FIXES`, the issue or missing option that would remove it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fix:
    name: str
    written_for: dict[str, str]  # distribution -> the version the fix was read against
    what: str
    removed_by: str  # the upstream issue, pull request or missing option that would remove it


PST = {"pydata-sphinx-theme": "0.17.1"}
SBT = {"sphinx-book-theme": "1.3.0"}
SPHINX = {"sphinx": "7.4.7"}
DOCUTILS = {"docutils": "0.21.2"}

#: The one version guard: every fix, the versions it was written for, and what would remove it.
FIXES = (
    Fix("translator", DOCUTILS | SPHINX,
        "EditionHTMLTranslator.starttag: data-label on stacked tables' cells; role=listitem for "
        "bibliography entries (docutils writes the deprecated doc-biblioentry role)",
        "supported (a translator subclass); relies on visit_entry and visit_citation writing the "
        "element through self.starttag(node, ...), as docutils' HTML writers do"),
    Fix("page-assets", SPHINX | {"myst-nb": "1.4.0", "sphinx-exercise": "1.2.1", "sphinx-togglebutton": "0.4.5"},
        "PAGE_ASSETS: pygments.css, mystnb.css, exercise.css, togglebutton.css/js only on pages whose "
        "body uses them (matched by the extensions' file names and CSS classes)",
        "no option: each extension links its files on every page (myst-nb's nb_append_css is not "
        "configurable from Sphinx); an html_*_files option scoped by page would remove it"),
    Fix("nav-toggle-names", PST | SBT,
        "_name_toggles: a visually hidden 'Sections of <chapter>' in each <summary> of the sidebar "
        "navigation, whose only content is a decorative chevron (axe: summary-name); wraps the "
        "theme's generate_toctree_html (the BeautifulSoup tree it returns for kind='sidebar')",
        "no option: pydata-sphinx-theme's add_collapse_checkboxes writes no name for the toggle; "
        "a label there would remove it"),
    Fix("icon-font", PST,
        "theme_block('head-assets') drops fontawesome.js (540 KiB gzipped) and links the theme's CSS "
        "without the rules of unused icons; _write_icon_font/_write_trimmed_theme_css cut the theme's "
        "Font Awesome solid font and CSS down to the icons the pages use (edition.css points at the font)",
        "pydata/pydata-sphinx-theme#2379 (fontawesome.js 1.4 MiB), open PR "
        "pydata/pydata-sphinx-theme#2494 (CSS + WOFF instead of the script)"),
    Fix("basic-css", PST,
        "theme_block('head-assets') links _static/basic.css instead of styles/theme.css, which only "
        "@imports it (one round trip fewer before the first paint)",
        "no option: the theme's head_pre_assets macro links theme.css"),
    Fix("search-scripts", PST,
        "theme_block('extrahead') drops searchtools.js, language_data.js and searchindex.js from "
        "every page but search.html (search-as-you-type is off; the dialog submits to search.html)",
        "no option: pydata-sphinx-theme loads them on every page whatever search_as_you_type says"),
    Fix("search-page", PST | SPHINX,
        "theme_block('search-page-scripts'): the search page loads no searchtools.js, language_data.js "
        "or searchindex.js (book/_templates/search.html replaces the theme's search body with Pagefind's, "
        "heumezu_sphinx.pagefind_search)",
        "no option: pydata-sphinx-theme's search.html links Sphinx's search scripts in its scripts block"),
    Fix("search-field", PST,
        "theme_block('search-field') and ('search-dialog'): no autocorrect attribute (not HTML), "
        "decorative icon hidden from screen readers, the dialog named",
        "no option: pydata-sphinx-theme's components/search-field.html writes autocorrect=\"off\""),
    Fix("search-button", PST,
        "book/_templates/search-button-field.html: the theme's component without aria-label (the "
        "spoken name must match the visible 'Search Ctrl+K', WCAG 2.5.3)",
        "no option: pydata-sphinx-theme's components/search-button-field.html sets aria-label=\"Search\""),
    Fix("sidenotes", SBT | DOCUTILS | SPHINX,
        "SidenotesInPlace (post-transform, priority 2, after the theme's HandleFootnoteTransform at 1): "
        "a note the theme put before the list item or table cell that cites it (a span directly in "
        "<ul> or <tr>: not HTML) goes to the start of that item's first paragraph; starttag writes "
        "the theme's SideNoteNode span without a line break (it showed as a space before the number)",
        "no option: sphinx-book-theme's _transforms.HandleFootnoteTransform inserts the note before "
        "any container but a paragraph, and nodes.visit_SideNoteNode uses starttag's default suffix"),
    Fix("colour-mode", PST,
        "layout.html extrahead: 'auto' resolved to light or dark before the first paint (the theme's "
        "colours exist only for html[data-theme=light|dark]; its deferred script sets it later)",
        "no option: pydata-sphinx-theme resolves the 'auto' mode in a deferred script"),
)


def check_versions(installed=version) -> None:
    """Stop the build if a package a fix was written for is installed in another version, naming
    the fixes to re-read. ``installed`` maps a distribution name to its version (for tests)."""
    stale = []
    for fix in FIXES:
        changed = {name: (wanted, installed(name)) for name, wanted in fix.written_for.items()
                   if installed(name) != wanted}
        if changed:
            stale.append(f"- {fix.name} ({fix.what}): " + ", ".join(
                f"{name} {found} installed, written for {wanted}" for name, (wanted, found) in changed.items()))
    if stale:
        raise ExtensionError(
            "heumezu_sphinx.theme: these fixes were written for other versions than the installed ones. "
            "Re-read each against the new version (or drop it if upstream now does the job), then update "
            "its row of FIXES:\n" + "\n".join(stale))


# --- The translator -------------------------------------------------------------------------------

COLUMN_HEADER = "column_header"  # attribute of a table cell (nodes.entry), set by heumezu_sphinx.tables


class EditionHTMLTranslator(HTML5Translator):
    """Sphinx's HTML5 translator with two attributes changed where an element's start tag is written,
    and the notes' wrapper without a landmark role."""

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        if isinstance(node, nodes.entry) and COLUMN_HEADER in node and tagname in ("td", "th"):
            # The header's text is data: starttag escapes attribute values (& < > ").
            attributes["data-label"] = node[COLUMN_HEADER]
        elif isinstance(node, nodes.citation) and attributes.get("role") == "doc-biblioentry":
            # doc-biblioentry is deprecated in DPUB-ARIA 1.1 (axe: aria-allowed-role); the entries'
            # container already has role="list", so they are list items.
            attributes["role"] = "listitem"
        elif type(node).__name__ == "SideNoteNode" and tagname == "span":
            suffix = ""  # fix "sidenotes": no space between the text and the note's number
        return super().starttag(node, tagname, suffix, empty, **attributes)

    def visit_footnote(self, node):
        super().visit_footnote(node)
        # docutils wraps a page's notes in <aside class="footnote-list">: an aside inside <main> is a
        # complementary landmark within a landmark (axe: landmark-complementary-is-top-level).
        # role="none" keeps the element and drops the landmark; each note keeps role="doc-footnote".
        if len(self.body) >= 2 and self.body[-2].startswith('<aside class="footnote-list'):
            self.body[-2] = self.body[-2].replace('<aside class="footnote-list', '<aside role="none" class="footnote-list', 1)

    def visit_entry(self, node):
        super().visit_entry(node)
        if COLUMN_HEADER in node and "data-label=" not in self.body[-1]:
            raise ExtensionError(
                f"heumezu_sphinx.theme: {type(self).__name__}.visit_entry did not write the cell through "
                "self.starttag; the table cells cannot carry data-label (see FIXES, 'translator')")


#: Where the theme may leave a sidenote that HTML does not allow there (fix "sidenotes").
NO_PHRASING = (nodes.bullet_list, nodes.enumerated_list, nodes.definition_list, nodes.row, nodes.tbody,
               nodes.thead, nodes.tgroup, nodes.table)


class SidenotesInPlace(SphinxPostTransform):
    """Fix "sidenotes": a note the theme put directly in a list or a table row goes into the item
    or cell that followed it (its first paragraph, else the item itself)."""

    default_priority = 2
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for note in list(self.document.findall(nodes.inline)):
            parent = note.parent
            if "sidenote" not in note["classes"] or not isinstance(parent, NO_PHRASING):
                continue
            at = parent.index(note)
            item = parent[at + 1] if at + 1 < len(parent) else None
            if item is None:
                continue
            parent.remove(note)
            home = next(iter(item.findall(nodes.paragraph)), item)
            home.insert(0, note)


def use_edition_translator(app: Sphinx) -> None:
    """The edition's translator for the HTML builders (themes that wrap the registered translator,
    as pydata-sphinx-theme does at builder-inited, wrap this one)."""
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, EditionHTMLTranslator, override=True)


# --- Page context ---------------------------------------------------------------------------------

def _theme_defaults(app: Sphinx, config) -> None:
    """"auto" (follow the reader's system setting) is what the theme falls back to anyway; set, the
    theme stops logging a console error on every page."""
    if not config.html_context.get("default_mode"):
        config.html_context["default_mode"] = "auto"


def pdf_name(app: Sphinx) -> str:
    """The PDF's file name, from the LaTeX target set in _config.yml (latex_documents)."""
    return Path(app.config.latex_documents[0][1]).with_suffix(".pdf").name


#: Fix "page-assets": stylesheets and scripts that Sphinx (pygments.css), myst-nb (mystnb.<hash>.css),
#: sphinx-exercise and sphinx-togglebutton link on every page, and what in a page's body uses them.
#: mystnb.css is for code cells and text outputs; the spacing a figure-only cell needs is in edition.css.
PAGE_ASSETS = {
    "pygments.css": re.compile(r'class="highlight'),
    "mystnb.css": re.compile(r'class="[^"]*\b(output|cell_input)\b'),
    "exercise.css": re.compile(r'class="[^"]*\b(exercise|solution)\b'),
    "togglebutton.css": re.compile(r'class="[^"]*\b(toggle|dropdown)\b'),
    "togglebutton.js": re.compile(r'class="[^"]*\b(toggle|dropdown)\b'),
}


def _asset_name(asset) -> str:
    """"pygments.css" for _static/pygments.css, "mystnb.css" for _static/mystnb.<hash>.css."""
    name = str(getattr(asset, "filename", asset)).split("?")[0].rsplit("/", 1)[-1]
    return re.sub(r"^mystnb\.[0-9a-f]+\.css$", "mystnb.css", name)


def _name_toggles(soup):
    """Fix "nav-toggle-names" on the tree the theme's generate_toctree_html returns (cached by the
    theme: a summary already named is left as it is)."""
    for summary in soup.select("summary"):
        link = summary.parent.find_previous_sibling("a")
        if link is None or summary.select_one(".heumezu-sr-only"):
            continue
        label = soup.new_tag("span", attrs={"class": "heumezu-sr-only"})
        label.string = f"Sections of {link.get_text(' ', strip=True)}"
        summary.append(label)
    return soup


def _template_names(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """What the edition's templates use; early (priority 100): the theme renders its sidebar
    templates in a handler of its own."""
    context["heumezu_pdf"] = pdf_name(app)
    context["heumezu_theme_block"] = theme_block


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Runs after the themes' handlers (priority 900), which add scripts and the navigation functions."""
    body = context.get("body", "")
    unused = {name for name, used_by in PAGE_ASSETS.items() if not used_by.search(body)}
    context["css_files"] = [c for c in context.get("css_files", []) if _asset_name(c) not in unused]
    context["script_files"] = [js for js in context.get("script_files", []) if _asset_name(js) not in unused]

    generate = context.get("generate_toctree_html")
    if generate is not None and not getattr(generate, "heumezu_wrapped", False):
        def generate_toctree_html(*args, **kwargs):
            result = generate(*args, **kwargs)
            if isinstance(result, str):  # not what the theme version of FIXES returns
                raise ExtensionError("heumezu_sphinx.theme: generate_toctree_html returned HTML text, not a "
                                     "tree; re-read the fix 'nav-toggle-names'")
            return _name_toggles(result)

        generate_toctree_html.heumezu_wrapped = True
        context["generate_toctree_html"] = generate_toctree_html


# --- Template blocks --------------------------------------------------------------------------------

#: What :func:`theme_block` changes in a theme block that a template renders with ``super()``:
#: (pattern, replacement, how many times it must match: 1, or None for "at most once, any number").
BLOCK_EDITS = {
    # Fixes "basic-css" and "icon-font" on the theme's `css` block.
    "head-assets": [
        (re.compile(r'<link href="([^"]*)styles/theme\.css\?digest=[0-9a-f]+" rel="stylesheet" />'),
         r'<link href="\1basic.css" rel="stylesheet" />', 1),
        (re.compile(r'(_static/styles/)pydata-sphinx-theme\.css\?'), r"\1pydata-sphinx-theme.trimmed.css?", 1),
        (re.compile(r'\s*<script defer src="[^"]*/scripts/fontawesome\.js\?digest=[0-9a-f]+"></script>'), "", 1),
        (re.compile(r"\s*<!-- So that users can add custom icons -->"), "", None),
    ],
    # Fix "search-scripts" on the theme's `extrahead` block (none of them on the search page itself).
    "extrahead": [
        (re.compile(r'\s*<script src="[^"]*/(searchtools|language_data)\.js"></script>'), "", None),
        (re.compile(r'\s*<script src="[^"]*searchindex\.js"></script>'), "", None),
    ],
    # Fix "search-page" on the search page's `scripts` block: Pagefind replaces Sphinx's search.
    "search-page-scripts": [
        (re.compile(r'\s*<script src="[^"]*/(searchtools|language_data)\.js"></script>'), "", 2),
        (re.compile(r'\s*<script src="[^"]*searchindex\.js"></script>'), "", 1),
    ],
    # Fix "search-field" on the theme's search page body and search dialog.
    "search-field": [
        (re.compile(r'\s*autocorrect="off"'), "", 1),
        (re.compile(r'<i class="fa-solid fa-magnifying-glass"></i>'),
         '<i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>', 1),
    ],
    "search-dialog": [
        (re.compile(r'<dialog id="pst-search-dialog">'), '<dialog id="pst-search-dialog" aria-label="Search">', 1),
        (re.compile(r'\s*autocorrect="off"'), "", 1),
        (re.compile(r'<i class="fa-solid fa-magnifying-glass"></i>'),
         '<i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>', 1),
    ],
}


def theme_block(name: str, html: str) -> str:
    """A theme block (``super()`` in one of the edition's templates) with the edits of
    :data:`BLOCK_EDITS` ``[name]``. An edit that must match and does not stops the build: the
    theme's block has changed, and its fix must be re-read."""
    for pattern, replacement, required in BLOCK_EDITS[name]:
        html, count = pattern.subn(replacement, html)
        if required is not None and count != required:
            raise ExtensionError(
                f"heumezu_sphinx.theme: the theme's block for {name!r} no longer matches {pattern.pattern!r} "
                f"({count} matches, {required} expected); re-read the fix in FIXES")
    return html


# --- The icon font (fix "icon-font") ------------------------------------------------------------------

ICON_FONT = "heumezu-icons.woff"
# The theme's Font Awesome solid font and stylesheet, as Sphinx copies them into the output.
FA_SOLID = Path("_static/vendor/fontawesome/webfonts/fa-solid-900.ttf")
THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
TRIMMED_THEME_CSS = "pydata-sphinx-theme.trimmed.css"
FA_RULE = re.compile(r'(?:\.fa-[a-z0-9-]+:+(?:before|after),?)+\{content:"\\([0-9a-f]{4,5})"\}')
CLASS_ATTR = re.compile(r'class="([^"]*)"')


def icon_codepoints(outdir: Path) -> set[int]:
    """Codepoints of every Font Awesome icon the built site can show: the ``fa-*`` classes of the
    pages, and the icons the CSS draws by itself (``--pst-icon-*``: admonitions, external links)."""
    css = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (outdir / "_static").rglob("*.css"))
    by_name: dict[str, int] = {}  # `.fa-bars:before,.fa-navicon:before{content:"\f0c9"}`
    for rule in FA_RULE.finditer(css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):", rule[0]):
            by_name[name] = int(rule[1], 16)
    used: set[int] = set()
    for page in outdir.rglob("*.html"):
        if page.is_relative_to(outdir / "_static"):
            continue
        for classes in CLASS_ATTR.findall(page.read_text(encoding="utf-8", errors="replace")):
            if "fa-" in classes:
                used |= {by_name[c[3:]] for c in classes.split() if c.startswith("fa-") and c[3:] in by_name}
    for value in re.findall(r"--pst-icon-[a-z-]+:\"([^\"]+)\"", css):
        if value.startswith("\\"):
            used.add(int(value[1:], 16))
        elif len(value) == 1:
            used.add(ord(value))
    return used


def _write_trimmed_theme_css(outdir: Path, codepoints: set[int]) -> None:
    """The theme's CSS without the rules for the ~1,900 icons no page shows (about 20 of its 65 KiB
    gzipped, and it blocks the first paint). The copy sits next to the original, so its url()s still
    resolve; theme_block('head-assets') links it instead of the original."""
    css = (outdir / THEME_CSS).read_text(encoding="utf-8")
    trimmed = FA_RULE.sub(lambda m: m[0] if int(m[1], 16) in codepoints else "", css)
    trimmed = re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", trimmed)  # the map is the original's
    target = (outdir / THEME_CSS).with_name(TRIMMED_THEME_CSS)
    if not target.is_file() or target.read_text(encoding="utf-8") != trimmed:
        target.write_text(trimmed, encoding="utf-8")


def _write_icon_font(outdir: Path, codepoints: set[int]) -> None:
    """The theme's Font Awesome solid font with only ``codepoints`` (fontTools' subsetter), as WOFF."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = outdir / FA_SOLID
    if not source.is_file():
        raise ExtensionError(f"heumezu_sphinx.theme: {FA_SOLID} is not in the output; re-read the fix 'icon-font'")
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"  # woff2 needs brotli, which the environment does not have
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence notice
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    target = outdir / "_static" / ICON_FONT
    font.flavor = "woff"
    font.save(target, reorderTables=True)
    logger.info("heumezu_sphinx.theme: %s with %d icons (%d bytes)", ICON_FONT, len(codepoints), target.stat().st_size)


def _build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    codepoints = icon_codepoints(outdir)
    _write_icon_font(outdir, codepoints)
    _write_trimmed_theme_css(outdir, codepoints)


def setup(app: Sphinx) -> dict:
    check_versions()
    use_edition_translator(app)
    app.add_post_transform(SidenotesInPlace)
    app.connect("config-inited", _theme_defaults)
    app.connect("html-page-context", _template_names, priority=100)
    app.connect("html-page-context", _page_context, priority=900)
    app.connect("build-finished", _build_finished)
    app.add_css_file("edition.css")
    app.add_js_file("edition.js", defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
