"""No Font Awesome scripts: the icons the built pages use, as a small web font.

pydata-sphinx-theme loads ``_static/scripts/fontawesome.js`` (540 KiB gzipped) on every page, and
its CSS points at three Font Awesome web fonts (another 275 KiB). The template
``book/_templates/static/webpack-macros.html`` re-emits the theme's macros minus that script; the
theme's CSS then draws the icons with the web font, and this module writes
``_static/heumezu-icons.woff``: the theme's Font Awesome *solid* font cut down to the glyphs the
built pages use (class names in the HTML, ``--pst-icon-*`` variables in the CSS), which
``edition.css`` points the icon font at, and a copy of the theme's CSS without the rules of the
~1,900 icons no page uses. Written for the theme versions of :mod:`heumezu_sphinx.theme`.
"""
from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .theme import require_written_for

logger = logging.getLogger(__name__)

ICON_FONT = "heumezu-icons.woff"
# The theme's Font Awesome solid font, as Sphinx copies it into the output.
FA_SOLID = Path("_static/vendor/fontawesome/webfonts/fa-solid-900.ttf")
THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
TRIMMED_THEME_CSS = "pydata-sphinx-theme.trimmed.css"  # name also in book/_templates/static/webpack-macros.html
FA_RULE = re.compile(r'(?:\.fa-[a-z0-9-]+:+(?:before|after),?)+\{content:"\\([0-9a-f]{4,5})"\}')
CLASS_ATTR = re.compile(r'class="([^"]*)"')


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
        logger.warning("heumezu_sphinx.icons: %s not found; icons will not render", FA_SOLID, type="heumezu", subtype="icons")
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
    logger.info("heumezu_sphinx.icons: %s with %d icons (%d bytes)", ICON_FONT, len(codepoints), target.stat().st_size)


def _build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    codepoints = _icon_codepoints(outdir)
    _write_icon_font(outdir, codepoints)
    _write_trimmed_theme_css(outdir, codepoints)


def setup(app: Sphinx) -> dict:
    require_written_for()
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
