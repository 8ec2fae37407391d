"""Only clean executions stay in the execution cache.

MyST-NB caches every notebook that ran without an error, including one whose cells wrote to
stderr (a missing font, a library warning). The strict build turns that stderr into a failed
build, but the cached outputs would replay the same warnings on every later build, even after
the cause is fixed, until ``make clean``. So after each build, whether it succeeded or not,
cached notebooks with stderr or error outputs are dropped and will run again.
"""
from __future__ import annotations

from pathlib import Path

from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


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
    app.connect("build-finished", _after_build)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
