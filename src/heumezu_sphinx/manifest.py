"""What a build reads, declared once: every stamp and cache of the build follows this module.

The inputs come in parts, because a change to each part calls for different work:

- ``execution``: what the notebooks' code runs on besides the tables: the edition package
  (:mod:`heumezu`, the copy that is imported), the pinned libraries, the kernel's configuration and the installed fonts (a
  figure drawn before a CJK font existed carries warnings instead of labels). A change
  re-executes every notebook and re-reads every page.
- ``pages``: what shapes every page: the build plumbing (this package, as imported), templates, static files,
  the configuration, CITATION.cff. A change re-reads every page and re-executes nothing.
- ``tables``: the data, one digest per table (its schema in ``datapackage.json``, its file and the
  text files it names). A change re-executes the notebooks that read that table (they say which:
  ``heumezu.load(reads=[...])``) and re-reads the pages that show it (Sphinx's own dependency
  tracking, noted by :mod:`heumezu_sphinx.evidence` whenever a page reads a table).
- ``sources``: the pages' own sources and the build scripts: Sphinx tracks the former itself.

:func:`Manifest.stamp` covers all of them: ``tools/build-book.sh`` skips Sphinx when it is
unchanged, and the Makefile resets matplotlib's font list when :func:`fonts` changes
(``python -m heumezu_sphinx stamp|fonts``). This module imports nothing from Sphinx.
"""
from __future__ import annotations

import ast
import csv
import hashlib
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from heumezu import datafiles, paths

#: Besides the package heumezu, as imported (what the kernels run): files of the project.
EXECUTION = ("requirements.txt", "config/ipython/profile_default/ipython_kernel_config.py")
#: Besides this package, as imported (what Sphinx runs): files of the project.
PAGES = ("book/_templates", "book/_static", "book/_extra", "config/xindy", "_config.yml", "docutils.conf", "CITATION.cff", "pyproject.toml")
SOURCES = ("book", "notebooks", "_toc.yml", "Makefile", "tools/build-book.sh", "tools/build-pdf.sh")
#: Never inputs: what builds and editors write inside the folders above.
IGNORED_PARTS = ("__pycache__", "_generated", ".ipynb_checkpoints")
IGNORED_SUFFIXES = (".pyc", ".sqlite")


def files(root: Path, declared: tuple[str, ...]) -> list[Path]:
    """The files of the declared files and folders under ``root``, sorted (missing ones skipped)."""
    found = []
    for name in declared:
        path = root / name
        candidates = path.rglob("*") if path.is_dir() else [path]
        found += [p for p in candidates if p.is_file() and not p.is_symlink()
                  and not set(p.relative_to(root).parts) & set(IGNORED_PARTS) and p.suffix not in IGNORED_SUFFIXES]
    return sorted(set(found))


def package_files(package: str) -> list[Path]:
    """The sources of an imported package (the copy that runs, wherever it is installed)."""
    folder = Path(importlib.util.find_spec(package).origin).parent
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def digest(paths_: list[Path], root: Path, *extra: str) -> str:
    """One SHA-256 over the files' names (relative to ``root`` if inside it) and contents, and
    ``extra`` strings."""
    total = hashlib.sha256()
    for path in paths_:
        name = path.relative_to(root) if path.is_relative_to(root) else path
        total.update(name.as_posix().encode() + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest())
    for text in extra:
        total.update(text.encode() + b"\0")
    return total.hexdigest()


def fonts() -> str:
    """The installed font files, as fontconfig lists them (matplotlib's own font scan asks the same)."""
    if shutil.which("fc-list"):
        listing = subprocess.run(["fc-list", ":", "file"], capture_output=True, text=True, check=False).stdout
    else:  # no fontconfig (macOS, Windows): matplotlib's scan of the system's font folders
        from matplotlib import font_manager
        listing = "\n".join(font_manager.findSystemFonts())
    return hashlib.sha256("\n".join(sorted(set(listing.split("\n")))).encode()).hexdigest()


@dataclass(frozen=True)
class Manifest:
    root: Path
    data_dir: Path

    @classmethod
    def of(cls, root: Path | str, data_dir: Path | str | None = None) -> Manifest:
        """The project at ``root``; its data in ``data_dir`` (default ``HEUMEZU_DATA`` or root/data)."""
        root = Path(root).resolve()
        data_dir = data_dir or os.environ.get("HEUMEZU_DATA") or root / "data"
        return cls(root, Path(root, data_dir).resolve())

    @cached_property
    def execution(self) -> str:
        return digest(package_files("heumezu") + files(self.root, EXECUTION), self.root, fonts(), sys.version)

    @cached_property
    def pages(self) -> str:
        return digest(package_files("heumezu_sphinx") + files(self.root, PAGES), self.root, self.execution)

    @cached_property
    def table_files(self) -> dict[str, list[Path]]:
        """Each resource's files: its own, and the text files it names (witnesses, documents)."""
        return {name: files for name, (_entry, files) in self._resources.items()}

    @cached_property
    def tables(self) -> dict[str, str]:
        return {name: digest(files, self.data_dir, json.dumps(entry, sort_keys=True))
                for name, (entry, files) in self._resources.items()}

    @cached_property
    def _resources(self) -> dict[str, tuple[dict, list[Path]]]:
        """name → (descriptor entry, files). Data the validator would refuse is not read here: a
        descriptor that cannot be read makes one pseudo-table of every file, and the build's
        validation then reports the problem."""
        try:
            resources = json.loads((self.data_dir / paths.DESCRIPTOR).read_text(encoding="utf-8"))["resources"]
            found = {}
            for entry in resources:
                own = self.data_dir / entry["path"]
                named = [own, *self._named_files(entry["name"], own)]
                found[entry["name"]] = (entry, [p for p in named if p.is_file()])
            return found
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            everything = [self.data_dir / rel for rel in datafiles.files(self.data_dir)] if self.data_dir.is_dir() else []
            return {"*": ({}, everything)}

    def _named_files(self, table: str, path: Path) -> list[Path]:
        if table not in datafiles.TEXT_FILES or not path.is_file():
            return []
        prefix, _folder = datafiles.TEXT_FILES[table]
        rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8", errors="replace")))
        named = {prefix + (row.get("file") or "") for row in rows if row.get("file")}
        # Only what the validator would let the edition read (paths inside the data folder).
        return sorted(self.data_dir / rel for rel in named if datafiles.refusal(self.data_dir, rel) is None)

    def notebook_key(self, reads: frozenset[str] | None) -> str:
        """What a notebook's outputs depend on besides its code cells: the execution inputs and
        the tables it reads (None: every table)."""
        names = sorted(self.tables if reads is None or "*" in self.tables else reads & set(self.tables))
        return hashlib.sha256("\0".join([self.execution, *(f"{n}={self.tables[n]}" for n in names)]).encode()).hexdigest()

    def stamp(self) -> str:
        """Everything a build reads: equal stamps, equal books."""
        data = [self.data_dir / rel for rel in datafiles.files(self.data_dir)] if self.data_dir.is_dir() else []
        return digest(files(self.root, SOURCES) + data, self.root, self.pages,
                      f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}")


def declared_reads(notebook: dict) -> frozenset[str] | None:
    """The tables a notebook's code declares with ``load(reads=[...])`` (literal names), or None if
    it calls ``load`` without them or its code cannot be parsed (then it depends on every table)."""
    declared: set[str] = set()
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", []))
        try:
            tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
        except SyntaxError:
            return None
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            if name != "load":
                continue
            reads = next((k.value for k in call.keywords if k.arg == "reads"), None)
            try:
                value = ast.literal_eval(reads) if reads is not None else None
            except ValueError:
                return None
            if value is None:
                return None
            declared |= {value} if isinstance(value, str) else set(value)
    return frozenset(declared)


def main(argv: list[str]) -> int:
    usage = "usage: python -m heumezu_sphinx stamp|fonts [ROOT]"
    if not argv or argv[0] not in ("stamp", "fonts"):
        print(usage, file=sys.stderr)
        return 2
    print(fonts() if argv[0] == "fonts" else Manifest.of(argv[1] if len(argv) > 1 else ".").stamp())
    return 0

