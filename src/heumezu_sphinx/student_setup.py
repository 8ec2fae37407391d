"""The ``{student-setup}`` directive: how a student runs a downloaded notebook, on each machine.

``{student-setup} NOTEBOOK`` names a notebook of ``notebooks/`` (its stem, such as
``02_ultimatum_teaching``); the directive writes, for each kind of machine, a rubric, a short
paragraph and the commands, from :func:`heumezu.student.setups`, the same source as the
download's README.txt. The names in the commands are derived from the notebook's, and the Python
versions from pyproject.toml, so nothing on the page is typed twice. Inline ``code`` in the
paragraphs (backquoted in the source) becomes literal nodes; nothing else is parsed as markup.

The role ``{python-version}`lowest``` (or ``highest``) writes the lowest or highest Python the
edition supports, from the same ``requires-python``, for the prose around the commands.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

from heumezu import student

requires_python = student.requires_python


def paragraph(text: str) -> nodes.paragraph:
    """``text`` with its backquoted parts as inline literals."""
    para = nodes.paragraph()
    for index, part in enumerate(re.split(r"`([^`]+)`", text)):
        if part:
            para += nodes.literal(part, part) if index % 2 else nodes.Text(part)
    return para


class StudentSetup(SphinxDirective):
    required_arguments = 1
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        root = Path(self.env.app.confdir)
        stem = self.arguments[0]
        notebook = root / "notebooks" / f"{stem}.ipynb"
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", stem) or not notebook.is_file():
            raise self.error(f"student-setup: no notebook notebooks/{stem}.ipynb")
        self.env.note_dependency(str(root / "pyproject.toml"))
        out: list[nodes.Node] = []
        for setup in student.setups(stem, requires_python(root)):
            out.append(nodes.rubric(setup.name, setup.name))
            out.append(paragraph(setup.intro))
            block = nodes.literal_block(setup.commands, setup.commands, language=setup.language)
            out.append(block)
        return out


class PythonVersion(SphinxRole):
    """``{python-version}`lowest``` or ``highest``: that end of requires-python's range, as text."""

    ENDS: ClassVar[tuple[str, str]] = ("lowest", "highest")

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        end = self.text.strip()
        if end not in self.ENDS:
            message = self.inliner.reporter.error(
                f"python-version: {end!r} is neither 'lowest' nor 'highest'", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        root = Path(self.env.app.confdir)
        self.env.note_dependency(str(root / "pyproject.toml"))
        version = student.python_range(requires_python(root))[self.ENDS.index(end)]
        return [nodes.Text(version)], []


def setup(app: Sphinx) -> dict:
    app.add_directive("student-setup", StudentSetup)
    app.add_role("python-version", PythonVersion())
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
