"""Pages re-read and notebooks re-executed exactly when what they read changed (:mod:`.manifest`).

jupyter-cache keys an executed notebook on its code cells only. Before each build, every
notebook's key is computed from the manifest (the execution inputs and the tables the notebook
declares with ``heumezu.load(reads=[...])``) and compared with the key it was executed under
(kept beside the cache, in ``heumezu-keys.json``); a notebook whose key changed loses its cached
outputs and its page is re-read, which executes it again. When the manifest's ``pages`` part
changed (a template, a static file, this package, the configuration), every page is re-read.

Only clean executions stay in the cache: MyST-NB also caches a notebook whose cells wrote to
stderr (a missing font, a library warning). The strict build fails on that stderr, but the cached
outputs would replay it on every later build, even after the cause is fixed. So after each build,
whether it succeeded or not, such records are dropped and run again.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from jupyter_cache import get_cache
from myst_nb.core.read import create_nb_reader
from sphinx.application import Sphinx
from sphinx.util import logging

from .manifest import declared_reads
from .page_data import build_data

logger = logging.getLogger(__name__)
KEYS = "heumezu-keys.json"


def _anchor_cache(app: Sphinx, config) -> None:
    """MyST-NB resolves a relative cache path against the working directory; anchor it to the book."""
    if "nb_execution_cache_path" not in config:
        return
    cache = Path(app.confdir, config.nb_execution_cache_path or ".jupyter_cache").resolve()
    config.nb_execution_cache_path = str(cache)


def notebook(env, docname: str):
    """The page's notebook as MyST-NB reads it (an .ipynb or a text notebook), or None."""
    path = Path(env.doc2path(docname))
    text = path.read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), env.myst_config, env.mystnb_config, text)
    return reader.read(text) if reader else None


def _outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    manifest = build_data(app).manifest
    outdated = set()
    if getattr(env, "heumezu_pages", None) != manifest.pages:
        logger.info("heumezu: the build's code, templates or configuration changed; re-reading every page")
        env.heumezu_pages = manifest.pages
        outdated |= env.found_docs
    if not hasattr(env, "mystnb_config"):  # MyST-NB not loaded (a test root): no notebooks
        return sorted(outdated - added - changed)
    cache_dir = Path(app.config.nb_execution_cache_path)
    keys_file = cache_dir / KEYS
    old = json.loads(keys_file.read_text(encoding="utf-8")) if keys_file.is_file() else {}
    new = {}
    for docname in sorted(env.found_docs):
        nb = notebook(env, docname)
        if nb is None:
            continue
        new[docname] = manifest.notebook_key(declared_reads(nb))
        if old.get(docname) != new[docname]:
            outdated.add(docname)
            _forget(cache_dir, Path(env.doc2path(docname)))
    build_data(app).notebook_keys = new  # written when the build has finished (_after_build)
    return sorted(outdated - added - changed)


def _forget(cache_dir: Path, path: Path) -> None:
    """Drop the cached executions of the notebook at ``path`` (it is executed again when read)."""
    if not (cache_dir / "global.db").is_file():
        return
    cache = get_cache(cache_dir)
    for record in cache.list_cache_records():
        if Path(record.uri) == path:
            logger.info("heumezu: %s reads changed inputs; it will be executed again", path.name)
            cache.remove_cache(record.pk)


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
    if "nb_execution_cache_path" not in app.config:
        return
    cache_dir = Path(app.config.nb_execution_cache_path)
    for uri in drop_unclean(cache_dir):
        logger.info("heumezu: %s wrote to stderr when it ran; its cached outputs were dropped", uri)
    keys = build_data(app).notebook_keys
    if exception is None and keys is not None:
        # Only after a build that finished: after a failed one, the next compares with the old
        # keys and reads again what changed since.
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / (KEYS + ".new")
        tmp.write_text(json.dumps(keys, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, cache_dir / KEYS)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _anchor_cache, priority=100)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _after_build)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
