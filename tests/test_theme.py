"""heumezu_sphinx.theme: the one version guard, the checked edits of the theme's blocks, the
translator subclass under pydata-sphinx-theme's own; heumezu_sphinx.printing's fonts."""
from __future__ import annotations

import io
from importlib.metadata import version
from pathlib import Path

import jinja2
import pytest
from sphinx.errors import ExtensionError

from heumezu_sphinx import printing, theme


def test_installed_versions_are_the_ones_the_fixes_were_written_for():
    theme.check_versions()


def test_another_theme_version_names_the_fixes_to_reread():
    def installed(name):
        return "0.18.0" if name == "pydata-sphinx-theme" else version(name)

    with pytest.raises(ExtensionError) as error:
        theme.check_versions(installed)
    message = str(error.value)
    for fix in theme.FIXES:
        named = f"- {fix.name} (" in message
        assert named == ("pydata-sphinx-theme" in fix.written_for), fix.name
    assert "pydata-sphinx-theme 0.18.0 installed, written for 0.17.1" in message


def test_every_fix_says_what_would_remove_it():
    assert len({fix.name for fix in theme.FIXES}) == len(theme.FIXES)
    for fix in theme.FIXES:
        assert fix.written_for and fix.what and fix.removed_by, fix.name


def _theme_macros() -> str:
    """The installed theme's own head macros, rendered as its layout renders them."""
    import pydata_sphinx_theme

    folder = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)))
    macros = env.get_template("static/webpack-macros.html").make_module({"pathto": lambda name, resource=0: "../" + name})
    return str(macros.head_pre_assets()) + str(macros.head_js_preload())


def test_head_assets_edit_on_the_theme_block():
    original = _theme_macros()
    assert "fontawesome.js" in original and "styles/theme.css" in original
    edited = theme.theme_block("head-assets", original)
    assert "fontawesome.js" not in edited and "styles/theme.css" not in edited
    assert '<link href="../_static/basic.css" rel="stylesheet" />' in edited
    assert "_static/styles/pydata-sphinx-theme.trimmed.css?digest=" in edited
    # The theme's preloads of its own scripts stay.
    assert edited.count('rel="preload" as="script"') == original.count('rel="preload" as="script"') == 2


def test_a_changed_theme_block_stops_the_build():
    with pytest.raises(ExtensionError, match="search-field"):
        theme.theme_block("search-field", '<form><input type="search"/></form>')


TABLE_AND_CITATION = """\
Page
====

.. list-table:: wide
   :header-rows: 1

   * - Name
     - Place
     - Date
     - Note
   * - one
     - two
     - three
     - four

See [Doe1935]_.

.. [Doe1935] A source.
"""


def _build(tmp_path: Path, conf: str, builder: str = "html", warning=None) -> Path:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(conf)
    (src / "index.rst").write_text(TABLE_AND_CITATION)
    out = tmp_path / builder
    with docutils_namespace():
        app = Sphinx(str(src), str(src), str(out), str(tmp_path / "doctrees"), builder,
                     status=None, warning=warning, freshenv=True, warningiserror=warning is None)
        app.build()
    return out


def test_translator_runs_under_the_themes_mixin(tmp_path):
    """pydata-sphinx-theme puts its translator mixin on top of the registered translator: both apply."""
    html = (_build(tmp_path, "extensions = ['heumezu_sphinx.tables']\nhtml_theme = 'pydata_sphinx_theme'\n")
            / "index.html").read_text()
    assert 'class="pst-scrollable-table-container"' in html  # the theme's translator
    assert 'data-label="Place"' in html  # the edition's
    assert 'role="listitem"' in html and "doc-biblioentry" not in html


def test_missing_print_face_is_a_build_warning(tmp_path, monkeypatch):
    """Table widths are never guessed: a face fontconfig does not have is a warning (-W: an error)."""
    monkeypatch.setattr(printing, "BODY_FONT", "No Such Face Heumezu")
    monkeypatch.setattr(printing, "HEADER_FONT", "No Such Face Heumezu")
    printing.font_file.cache_clear()
    printing._font.cache_clear()
    with pytest.raises(printing.FontMissing, match="No Such Face Heumezu is not installed"):
        printing.font_file("No Such Face Heumezu")
    warnings = io.StringIO()
    _build(tmp_path, "extensions = ['heumezu_sphinx.printing']\n", "latex", warning=warnings)
    assert "No Such Face Heumezu is not installed" in warnings.getvalue()
    assert "not fitted to their longest words" in warnings.getvalue()


def test_no_script_in_a_page_head_blocks_the_first_paint(site):
    """Outside the search page, a page's <head> loads no script file that is neither deferred nor
    async (the registered scripts are at the end of the body: layout.html)."""
    import re

    blocking = []
    for page in sorted(site.rglob("*.html")):
        if page.is_relative_to(site / "_static") or page.name in ("search.html", "index.html") and page.parent == site:
            continue
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head):
            if not re.search(r"\b(defer|async)\b", tag):
                blocking.append(f"{page.relative_to(site)}: {tag}")
    assert not blocking, "\n".join(blocking)
