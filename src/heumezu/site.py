"""Sphinx extension for the edition's web site: metadata, weight and valid, accessible HTML.

What it does, and why:

- **Metadata on every page**, from ``CITATION.cff`` (the one place that says how to cite the
  edition): ``<meta name="description">`` (the page's first paragraph), Highwire ``citation_*``
  tags (read by Google Scholar and Zotero), Dublin Core ``DC.*`` tags and OpenGraph ``og:*`` tags.
  ``og:url`` and a sitemap need the site's public address (``html_baseurl``); none is configured
  yet, so they are left out rather than invented.
- **No Font Awesome.** pydata-sphinx-theme 0.17 loads ``_static/scripts/fontawesome.js`` (540 KiB
  gzipped, it swaps every ``<i class="fa-…">`` for an SVG) on every page, and its CSS points at
  three Font Awesome web fonts (another 275 KiB). The template ``book/_templates/static/
  webpack-macros.html`` re-emits the theme's own macros minus that one script tag; the theme's
  CSS then draws the icons with the web font, and this extension writes
  ``_static/heumezu-icons.woff``: the theme's Font Awesome *solid* font cut down to the glyphs the
  built pages actually use (class names in the HTML, ``--pst-icon-*`` variables in the CSS).
  ``edition.css`` points the theme's icon font at it. About 3 KiB instead of 820 KiB. The theme's
  CSS is linked as a copy without the rules of the ~1,900 icons no page uses (20 KiB less).
- **Valid HTML** (the Nu validator): the theme's search input carries the non-standard
  ``autocorrect`` attribute (templates ``layout.html`` and ``search.html`` use
  ``heumezu-search-field.html`` instead); myst-nb puts ``<p>`` inside ``<summary>``; and
  sphinx-external-toc writes the site's root ``index.html`` as a bare ``<meta>`` redirect without
  doctype or title; this extension writes a complete HTML5 redirect page first.
- **Accessible HTML** (axe-core): bibliography entries get the list-item role instead of the
  deprecated ``doc-biblioentry``; the sidebar's search button is named by its visible text
  (template ``search-button-field.html``), the navigation's expand/collapse toggles get a name,
  the logo link sits in a landmark (template ``navbar-logo.html``); a default colour mode stops
  the theme's console error.
- **Faster first paint**: every script file is loaded with ``defer`` (templates ``layout.html``
  for the theme's search scripts), sphinx-thebe's unused files are left out (Thebe is off), and
  ``basic.css``, which the theme's CSS ``@import``s, is preloaded (``static/webpack-macros.html``).
- ``robots.txt`` (Lighthouse's SEO audit looks for one); ``edition.css`` and ``edition.js`` (the
  article header's menu and contents buttons, which the themes leave unwired) on every page.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

ICON_FONT = "heumezu-icons.woff"
# The theme's Font Awesome solid font, as Sphinx copies it into the output.
FA_SOLID = Path("_static/vendor/fontawesome/webfonts/fa-solid-900.ttf")
THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
TRIMMED_THEME_CSS = "pydata-sphinx-theme.trimmed.css"  # name also in book/_templates/static/webpack-macros.html
FA_RULE = re.compile(r'(?:\.fa-[a-z0-9-]+:+(?:before|after),?)+\{content:"\\([0-9a-f]{4,5})"\}')
CLASS_ATTR = re.compile(r'class="([^"]*)"')
DESCRIPTION_LENGTH = 200
# Paragraphs inside these do not describe a page.
NOT_DESCRIPTIVE = (nodes.Admonition, nodes.sidebar, nodes.topic, nodes.footnote, nodes.citation,
                   nodes.table, nodes.field_list, nodes.literal_block, nodes.system_message)


# --- citation facts --------------------------------------------------------------------------

def _theme_defaults(app: Sphinx, config) -> None:
    """pydata-sphinx-theme logs a console error ("Got invalid theme mode") on every page when no
    default colour mode is set; "auto" (follow the reader's system setting) is what it falls back to."""
    if not config.html_context.get("default_mode"):
        config.html_context["default_mode"] = "auto"


def _read_citation(app: Sphinx, config) -> None:
    """Read CITATION.cff once; the facts go into every page's metadata."""
    path = Path(app.confdir) / "CITATION.cff"
    cff = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    authors = []
    for author in cff.get("authors", []):
        name = author.get("name") or " ".join(p for p in (author.get("given-names"), author.get("family-names")) if p)
        if name:
            authors.append(name)
    date = str(cff.get("date-released", "") or "")
    app.heumezu_citation = {
        "title": cff.get("title") or config.project,
        "authors": authors or [config.author],
        "version": str(cff.get("version", "") or ""),
        "date": date,  # ISO 8601, e.g. 2026-11-23
        "license": cff.get("license", ""),
    }


# --- page metadata ---------------------------------------------------------------------------

def _plain(text: str) -> str:
    """Text of a title or paragraph as a browser would show it (no tags, no entities)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text or ""))
    return re.sub(r"\s+", " ", text).strip()


def _shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—")
    return cut + "…"


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
        text = re.sub(r"\s+", " ", para.astext()).strip()
        if not skip and len(text) >= 20:
            return _shorten(text)
    return ""


def _meta(attr: str, key: str, value: str) -> str:
    return f'<meta {attr}="{html.escape(key)}" content="{html.escape(value, quote=True)}" />'


HIDDEN_CELL = re.compile(r'<summary aria-label="[^"]*">(\s*)<p class="collapsed admonition-title">(.*?)</p>(\s*)'
                         r'<p class="expanded admonition-title">(.*?)</p>', re.S)


def _valid_summaries(body: str) -> str:
    """myst-nb's "Show code cell source" toggles put <p> in <summary>, which HTML does not allow
    (the Nu validator rejects it), and label them "Toggle hidden content" while they show "Show code
    cell source" (WCAG 2.5.3): spans instead (styled in edition.css), named by their visible text."""
    return HIDDEN_CELL.sub(r'<summary>\1<span class="collapsed admonition-title">\2</span>\3'
                           r'<span class="expanded admonition-title">\4</span>', body)


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

    page_title = _plain(context.get("title", "")) or cite["title"]
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

    if "body" in context and "<summary" in context["body"]:
        context["body"] = _valid_summaries(context["body"])

    # docutils marks bibliography entries with role="doc-biblioentry", deprecated in DPUB-ARIA 1.1
    # (axe: aria-allowed-role); their container already has role="list", so they are list items.
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


# --- files written after the build -----------------------------------------------------------

def _icon_codepoints(outdir: Path) -> set[int]:
    """Codepoints of every Font Awesome icon the built site can show."""
    css = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (outdir / "_static").rglob("*.css"))
    # `.fa-bars:before,.fa-navicon:before{content:"\f0c9"}` -> {"bars": 0xf0c9, "navicon": 0xf0c9}
    by_name: dict[str, int] = {}
    for rule in FA_RULE.finditer(css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):", rule[0]):
            by_name[name] = int(rule[1], 16)
    used: set[int] = set()
    for page in outdir.rglob("*.html"):
        if page.is_relative_to(outdir / "_static"):
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        for classes in CLASS_ATTR.findall(text):
            if "fa-" in classes:
                used |= {by_name[c[3:]] for c in classes.split() if c.startswith("fa-") and c[3:] in by_name}
    # Icons the CSS draws by itself (admonitions, download links, breadcrumbs, external links).
    for value in re.findall(r"--pst-icon-[a-z-]+:\"([^\"]+)\"", css):
        if value.startswith("\\"):
            used.add(int(value[1:], 16))
        elif len(value) == 1:
            used.add(ord(value))
    return used




def _write_trimmed_theme_css(outdir: Path, codepoints: set[int]) -> None:
    """The theme's CSS without the rules for the ~1,900 Font Awesome icons no page shows.

    Those rules are a fifth of the theme's largest file (about 20 of its 65 KiB gzipped), which
    blocks the first paint. The trimmed copy sits next to the original, so its url()s still resolve;
    the edition's static/webpack-macros.html links it instead of the original.
    """
    source = outdir / THEME_CSS
    css = source.read_text(encoding="utf-8")
    trimmed = FA_RULE.sub(lambda m: m[0] if int(m[1], 16) in codepoints else "", css)
    trimmed = re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", trimmed)  # the map is the original's
    target = source.with_name(TRIMMED_THEME_CSS)
    if not target.is_file() or target.read_text(encoding="utf-8") != trimmed:
        target.write_text(trimmed, encoding="utf-8")


def _write_icon_font(outdir: Path, codepoints: set[int]) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = outdir / FA_SOLID
    if not source.is_file():
        logger.warning("heumezu.site: %s not found; icons will not render", FA_SOLID, type="heumezu", subtype="icons")
        return
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
    logger.info("heumezu.site: %s with %d icons (%d bytes)", ICON_FONT, len(codepoints), target.stat().st_size)


REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8" />
<title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="noindex" />
<meta http-equiv="refresh" content="0; url={url}" />
<link rel="canonical" href="{url}" />
</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


SUMMARY = re.compile(r'(<a class="reference internal[^"]*" href="[^"]*">(?P<title>.*?)</a><details[^>]*><summary>)'
                     r'(?=<span class="toctree-toggle")')


def _name_toggles(html_text: str) -> str:
    """Give each expand/collapse toggle of the navigation a name (axe: summary-name).

    pydata-sphinx-theme's <summary> holds only a decorative chevron, so a screen reader announces
    an unnamed control; a visually hidden "Sections of <chapter>" names it.
    """
    return SUMMARY.sub(lambda m: m[1] + f'<span class="heumezu-sr-only">Sections of {html.escape(_plain(m["title"]))}</span>',
                       html_text)


def _deferred(js):
    """The same script, loaded with `defer` (it no longer blocks the first paint; deferred scripts
    still run in document order, before DOMContentLoaded). Inline and async scripts stay as they are,
    and so does documentation_options.js (300 bytes): the themes' inline scripts set fields of the
    DOCUMENTATION_OPTIONS object it defines, so it must have run before them."""
    attributes = getattr(js, "attributes", None)
    if attributes is None or not getattr(js, "filename", None) or "async" in attributes or "defer" in attributes:
        return js
    if str(js.filename).split("?")[0].endswith("documentation_options.js"):
        return js
    if attributes.get("type", "text/javascript") not in ("text/javascript", "module"):
        return js
    return type(js)(js.filename, priority=js.priority, **{**attributes, "defer": "defer"})


def _late_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Runs after the themes' handlers, which add scripts and the navigation functions."""
    thebe = (app.config.html_theme_options.get("launch_buttons") or {}).get("thebe")
    if not thebe:  # sphinx-thebe's files, and its inline CDN URL, are on every page even with Thebe off
        context["css_files"] = [c for c in context.get("css_files", []) if "sphinx-thebe" not in str(getattr(c, "filename", c))]
        context["script_files"] = [j for j in context.get("script_files", [])
                                   if "sphinx-thebe" not in str(getattr(j, "filename", "") or "")
                                   and "THEBE_JS_URL" not in (getattr(j, "attributes", {}) or {}).get("body", "")]
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


def _build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    codepoints = _icon_codepoints(outdir)
    _write_icon_font(outdir, codepoints)
    _write_trimmed_theme_css(outdir, codepoints)
    root = app.config.root_doc
    if root != "index":
        # Written before sphinx-external-toc's bare redirect (it keeps an existing index.html).
        (outdir / "index.html").write_text(REDIRECT.format(
            lang=html.escape(app.config.language or "en"), title=html.escape(app.heumezu_citation["title"]),
            url=html.escape(app.builder.get_target_uri(root))), encoding="utf-8")
    robots = "User-agent: *\nAllow: /\n"
    if app.config.html_baseurl:
        robots += f"Sitemap: {app.config.html_baseurl.rstrip('/')}/sitemap.xml\n"
    (outdir / "robots.txt").write_text(robots, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _theme_defaults)
    app.connect("config-inited", _read_citation)
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _late_page_context, priority=900)
    app.connect("build-finished", _build_finished, priority=400)  # before sphinx-external-toc (500)
    app.add_css_file("edition.css")
    app.add_js_file("edition.js", defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
