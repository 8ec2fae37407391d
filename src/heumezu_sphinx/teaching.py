"""Solutions of the teaching sections: in the HTML and the instructor's PDF, not in the student PDF.

The exercises and solutions are sphinx-exercise's directives. Its own ``hide_solutions`` cannot
be used for the student PDF: it is one setting for every builder, and with the gated syntax
(``solution-start`` … ``solution-end``, which the data exercises need so that their solution code
runs in the build) it drops only the solution's title and leaves the cells between start and end
in the document. Instead, the LaTeX builder's assembled doctree loses every solution node, with
all it holds, unless ``heumezu_instructor`` is true. The instructor's PDF is the same LaTeX build
with the environment variable ``HEUMEZU_INSTRUCTOR=1`` (see ``make pdf-instructor``).

sphinx-exercise 1.2.1 gives every exercise's and solution's body the same id
(``exercise-content``, ``solution-content``; its source marks this as a TODO), so a page with two
exercises has duplicate ids. After reading, each such body takes its exercise's or solution's own
label as the stem of a unique id.

Registered with the rest of :mod:`heumezu_sphinx`; it sets up ``sphinx_exercise`` first, so that
sphinx-exercise's handlers run before these.
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


SHARED_BODY_IDS = ("exercise-content", "solution-content")


def _unique_body_ids(app: Sphinx, doctree: nodes.document) -> None:
    taken = set(doctree.ids)
    for section in doctree.findall(nodes.section):
        shared = [i for i in section["ids"] if i in SHARED_BODY_IDS]
        if not shared:
            continue
        owner = section.parent
        stem = owner["ids"][0] if owner is not None and owner.get("ids") else shared[0]
        candidate, n = f"{stem}-body", 1
        while candidate in taken:
            n += 1
            candidate = f"{stem}-body-{n}"
        taken.add(candidate)
        section["ids"] = [i for i in section["ids"] if i not in SHARED_BODY_IDS] + [candidate]


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_exercise")
    # "": a change does not invalidate the read pages; the solutions are dropped at write time.
    app.add_config_value("heumezu_instructor", _instructor_default, "")
    app.connect("doctree-read", _unique_body_ids)
    app.connect("doctree-resolved", _drop_solutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
