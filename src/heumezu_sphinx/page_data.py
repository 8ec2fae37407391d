"""The evidence as the pages read it: one folder, named once, loaded once per build.

The folder is the configuration value ``heumezu_data`` (relative to the book's root; default
``data``), or ``HEUMEZU_DATA`` when that is set (the tests build from broken copies). The
notebooks' kernels are told the same folder through ``HEUMEZU_DATA``, so that a page and a figure
never show two different versions of the data.

A directive, role or transform gets the evidence with :func:`evidence`; every table it reads is
noted as a dependency of the page being read (Sphinx then re-reads exactly the pages that show a
table when that table's files change). What a table's files are is :mod:`.manifest`'s to say.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

import heumezu
from heumezu import Evidence

from .bad_data import BAD_DATA
from .manifest import Manifest


@dataclass
class BuildData:
    """What one build reads: the manifest of its inputs and, once asked for, the evidence."""
    manifest: Manifest
    #: Each notebook's key in this build (heumezu_sphinx.cache), written when the build has finished.
    notebook_keys: dict[str, str] | None = None
    _evidence: Evidence | None = field(default=None, repr=False)

    def evidence(self) -> Evidence:
        if self._evidence is None:
            self._evidence = heumezu.load(self.manifest.data_dir)
        return self._evidence


# One entry per running build, gone with it: no data outlives the build that read it.
_BUILDS: WeakKeyDictionary[Sphinx, BuildData] = WeakKeyDictionary()


def data_dir(app: Sphinx) -> Path:
    return Path(app.confdir, os.environ.get("HEUMEZU_DATA") or app.config.heumezu_data).resolve()


def build_data(app: Sphinx) -> BuildData:
    if app not in _BUILDS:
        _BUILDS[app] = BuildData(Manifest.of(app.confdir, data_dir(app)))
    return _BUILDS[app]


def evidence(env: BuildEnvironment) -> Evidence:
    """The evidence; each table read while a page is being read becomes a dependency of that page."""
    data = build_data(env.app)

    def note(table: str) -> None:
        if "docname" in env.temp_data:  # reading a page (not writing, not between pages)
            for path in data.manifest.table_files.get(table, []):
                env.note_dependency(str(path))

    return data.evidence().reading(note)


class EvidenceDirective(SphinxDirective):
    """A directive made from the evidence: :meth:`from_evidence` returns its nodes. Data that cannot be
    shown (invalid evidence, a missing row, a value the nodes refuse) is this directive's error,
    with the page and line, never a crash of the build."""

    def from_evidence(self, ev: Evidence) -> list:
        raise NotImplementedError

    def run(self) -> list:
        try:
            return self.from_evidence(evidence(self.env))
        except BAD_DATA as exc:
            raise self.error(f"{self.name}: {exc}") from exc


def _tell_kernels(app: Sphinx, config) -> None:
    os.environ["HEUMEZU_DATA"] = str(data_dir(app))


def setup(app: Sphinx) -> dict:
    app.add_config_value("heumezu_data", "data", "env", [str])
    app.connect("config-inited", _tell_kernels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
