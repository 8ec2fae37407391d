"""The execution cache follows the notebooks' inputs.

jupyter-cache keys an executed notebook on its code cells only; the notebooks also read
``data/`` and the package :mod:`heumezu`, so a change there must clear the cache. The pages built
by directives read the same inputs, so they are re-read too.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from heumezu import inputs

logger = logging.getLogger(__name__)
STAMP = "heumezu-inputs.sha256"


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


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _guard_cache, priority=100)
    app.connect("env-get-outdated", _outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
