"""Sphinx extension of the edition.

- Re-executes the notebooks when ``data/`` or the package change (jupyter-cache alone would not).
- Writes the TEI export that the Sources part offers for download.
- Offers the PDF of the whole edition on every page (template ``pdf-download.html``).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from . import inputs

logger = logging.getLogger(__name__)
STAMP = "heumezu-inputs.sha256"
PDF_NAME = "he-umezu-edition.pdf"


def _guard_cache(app: Sphinx, config) -> None:
    """Clear the execution cache if it was filled from other data or code than today's."""
    current = inputs.fingerprint()
    app.env_inputs_fingerprint = current  # read again in _outdated
    # MyST-NB resolves a relative cache path against the working directory; anchor it to the book.
    cache = Path(app.confdir, config.nb_execution_cache_path or ".jupyter_cache").resolve()
    config.nb_execution_cache_path = str(cache)
    stamp = cache / STAMP
    if stamp.is_file() and stamp.read_text() == current:
        return
    if cache.exists():
        logger.info("heumezu: data or package changed; clearing the execution cache %s", cache)
        shutil.rmtree(cache)
    cache.mkdir(parents=True)
    stamp.write_text(current)


def _assets_fingerprint(app: Sphinx) -> str:
    """The book's own static files and templates: Sphinx copies static files only when some page is
    outdated. Folders that extensions add are left out: they differ between the HTML and LaTeX
    builders, which share one environment, and would make each re-read every page after the other."""
    confdir = Path(app.confdir).resolve()
    folders = [Path(app.confdir, p).resolve() for p in [*app.config.html_static_path, *app.config.templates_path]]
    folders = [f for f in folders if f.is_relative_to(confdir) and ".venv" not in f.parts]
    files = sorted(f for folder in folders if folder.is_dir() for f in folder.rglob("*") if f.is_file())
    return inputs.digest(files)


def _outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Re-read every page when the inputs or the site's assets changed since the last build."""
    current = (app.env_inputs_fingerprint, _assets_fingerprint(app))
    if getattr(env, "heumezu_inputs", None) == current:
        return []
    env.heumezu_inputs = current
    return sorted(env.found_docs - added - changed)


def _write_downloads(app: Sphinx) -> None:
    """Generate the TEI export before the pages are read, so its download link always resolves."""
    target = Path(app.srcdir) / "book" / "sources" / "_generated" / "he-umezu-tei.xml"
    if not target.parent.parent.is_dir():
        return
    from . import evidence, tei

    # Rewrite only on change: a new mtime would make Sphinx re-read the page on every build.
    if not target.is_file() or target.read_bytes() != tei.to_bytes(evidence.load()):
        tei.write_tei(evidence.load(), target)


def _page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    context["heumezu_pdf"] = PDF_NAME


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _guard_cache, priority=100)
    app.connect("env-get-outdated", _outdated)
    app.connect("builder-inited", _write_downloads)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
