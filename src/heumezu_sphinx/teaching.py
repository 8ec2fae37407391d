"""Solutions of the teaching sections, and the sections written for the instructor: in the HTML and
the instructor's PDF, not in the student PDF.

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

A section written for the instructor (a lesson plan, how the PDFs are built) says so with the
directive ``{for-instructors}`` (no content, anywhere in the section): after reading, the section
takes the class ``for-instructors`` and the marker is gone; the student PDF loses every such
section, with all it holds, as it loses the solutions. A marker outside any section is a build
warning, and so is a section for the instructor followed by one for every reader (the student
PDF would number the later sections differently from the web page: such sections come last).

Registered with the rest of :mod:`heumezu_sphinx`; it sets up ``sphinx_exercise`` first, so that
sphinx-exercise's handlers run before these.
"""
from __future__ import annotations

import os

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


def _instructor_default(_config) -> bool:
    return os.environ.get("HEUMEZU_INSTRUCTOR", "") == "1"


#: The class of a section written for the instructor.
FOR_INSTRUCTORS = "for-instructors"


class for_instructors(nodes.Element):
    """The marker of ``{for-instructors}``; removed when the page has been read."""


class ForInstructors(SphinxDirective):
    """``{for-instructors}``: the section this stands in is for the instructor (see the module)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        marker = for_instructors()
        self.set_source_info(marker)
        return [marker]


def _mark_sections(app: Sphinx, doctree: nodes.document) -> None:
    for marker in list(doctree.findall(for_instructors)):
        section = marker.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        if section is None or section is doctree:
            logger.warning("{for-instructors} stands outside any section: nothing is marked",
                           location=marker, type="heumezu", subtype="teaching")
        elif FOR_INSTRUCTORS not in section["classes"]:
            section["classes"].append(FOR_INSTRUCTORS)
        marker.parent.remove(marker)
    for section in doctree.findall(nodes.section):
        if FOR_INSTRUCTORS not in section["classes"] or section.parent is None:
            continue
        later = section.parent.children[section.parent.index(section) + 1:]
        if any(isinstance(s, nodes.section) and FOR_INSTRUCTORS not in s["classes"] for s in later):
            logger.warning("a section for the instructor is followed by one for every reader: the student "
                           "PDF, without it, would number the later ones differently from the web page; "
                           "put the sections for the instructor last", location=section,
                           type="heumezu", subtype="teaching")


def _drop_solutions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The student PDF: without the solutions and the sections for the instructor."""
    if app.builder.format != "latex" or app.config.heumezu_instructor:
        return
    from sphinx_exercise.nodes import solution_node

    for node in list(doctree.findall(solution_node)):
        node.parent.remove(node)
    for section in list(doctree.findall(nodes.section)):
        if FOR_INSTRUCTORS in section["classes"] and section.parent is not None:
            section.parent.remove(section)


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
    app.add_node(for_instructors)
    app.add_directive("for-instructors", ForInstructors)
    app.connect("doctree-read", _unique_body_ids)
    app.connect("doctree-read", _mark_sections)
    app.connect("doctree-resolved", _drop_solutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
