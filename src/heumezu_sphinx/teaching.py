"""Solutions of the teaching sections: in the HTML and the instructor's PDF, not in the student PDF.

The exercises and solutions are sphinx-exercise's directives. Its own ``hide_solutions`` cannot
be used for the student PDF: it is one setting for every builder, and with the gated syntax
(``solution-start`` … ``solution-end``, which the data exercises need so that their solution code
runs in the build) it drops only the solution's title and leaves the cells between start and end
in the document. Instead, the LaTeX builder's assembled doctree loses every solution node, with
all it holds, unless ``heumezu_instructor`` is true. The instructor's PDF is the same LaTeX build
with the environment variable ``HEUMEZU_INSTRUCTOR=1`` (see ``make pdf-instructor``).

A separate extension (``heumezu_sphinx.teaching`` in ``_config.yml``), loaded after
``sphinx_exercise``.
"""
from __future__ import annotations

import os

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _instructor_default(_config) -> bool:
    return os.environ.get("HEUMEZU_INSTRUCTOR", "") == "1"


def _drop_solutions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex" or app.config.heumezu_instructor:
        return
    from sphinx_exercise.nodes import solution_node

    for node in list(doctree.findall(solution_node)):
        node.parent.remove(node)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_exercise")
    # "": a change does not invalidate the read pages; the solutions are dropped at write time.
    app.add_config_value("heumezu_instructor", _instructor_default, "")
    app.connect("doctree-resolved", _drop_solutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
