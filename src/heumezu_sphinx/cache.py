"""The execution cache follows the notebooks' inputs.

jupyter-cache keys an executed notebook on its code cells only; the notebooks also read
``data/`` and the package :mod:`heumezu`, so a change there must clear the cache. The pages built
by directives read the same inputs, so they are re-read too.

Only clean executions stay in it: MyST-NB also caches a notebook whose cells wrote to stderr (a
missing font, a library warning). The strict build fails on that stderr, but the cached outputs
would replay it on every later build, even after the cause is fixed, until ``make clean``. So
after each build, whether it succeeded or not, such records are dropped and run again.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from jupyter_cache import get_cache
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


def unclean_outputs(notebook) -> list[str]:
    """Descriptions of the outputs that make an executed notebook unfit to be reused."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index}: error {output.get('ename', '')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append(f"cell {index}: stderr {''.join(output.get('text', ''))[:80]!r}")
    return found


def drop_unclean(cache_path: Path) -> list[str]:
    """Remove the cache records of notebooks with stderr or error outputs; return their URIs."""
    if not (cache_path / "global.db").is_file():
        return []
    cache = get_cache(cache_path)
    dropped = []
    for record in cache.list_cache_records():
        try:
            if unclean_outputs(cache.get_cache_bundle(record.pk).nb):
                cache.remove_cache(record.pk)
                dropped.append(record.uri)
        except KeyError:  # the record's notebook file is gone; MyST-NB will run it again
            continue
    return dropped


def _after_build(app: Sphinx, exception) -> None:
    path = app.config.nb_execution_cache_path
    if not path:
        return
    for uri in drop_unclean(Path(path)):
        logger.info("heumezu: %s wrote to stderr when it ran; its cached outputs were dropped", uri)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _guard_cache, priority=100)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _after_build)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
