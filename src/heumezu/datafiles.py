"""Which files the data may name: regular files inside the data folder, nothing else.

Every path found in the data (a resource's ``path``, a witness's ``file``) is checked here
*before* anything opens it, so that a data change can never make the edition read or publish a
file from outside ``data/``.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

from .problems import Problem

URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # 'https://…', 'file:…' (and 'C:' on Windows)


def refusal(data_dir: Path, relpath: object, must_exist: bool = True) -> str | None:
    """Why ``relpath`` may not be read, or None if it names a regular file inside ``data_dir``
    (or, unless ``must_exist``, nothing yet: the caller then reports the file as missing)."""
    if not isinstance(relpath, str):
        return f"must be a single relative path (a string), not {type(relpath).__name__}"
    if not relpath or any(ord(c) < 32 or c == "\x7f" for c in relpath):
        return "must be a non-empty path without control characters"
    if URL.match(relpath):
        return f"'{relpath}' is a URL; only files inside the data folder may be named"
    parts = PurePosixPath(relpath.replace("\\", "/"))
    if parts.is_absolute() or relpath.startswith("~"):
        return f"'{relpath}' is an absolute path; give it relative to the data folder"
    if ".." in parts.parts:
        return f"'{relpath}' climbs out with '..'; give it relative to the data folder"
    # lstat each component: a symlink anywhere on the way could lead outside, whatever its name says.
    here = data_dir
    for part in parts.parts:
        here = here / part
        try:
            mode = os.lstat(here).st_mode
        except OSError:
            return f"'{relpath}' does not exist" if must_exist else None
        if stat.S_ISLNK(mode):
            link = here.relative_to(data_dir)
            return f"'{relpath}' goes through a symbolic link ({link}); data files must be regular files"
    if not stat.S_ISREG(mode):
        return f"'{relpath}' is not a regular file"
    return None


# Besides the resources: the descriptor and its README. (Contributors' research notes live in
# research/, outside the data that every download ships.)
NOTES = ("datapackage.json", "README.md")
# Tables whose column 'file' names a text file: the name's prefix, and the folder the files are in.
TEXT_FILES = {"witnesses": ("witnesses/", "witnesses/"), "documents": ("", "documents/")}


def described(resource_paths, tables: dict[str, list[dict]], data_dir: Path) -> set[str]:
    """Every file the package describes: the notes, the resources (the tables and the .bib files),
    and the text files that the witnesses and documents tables name (with their checksums)."""
    named = {prefix + row["file"] for table, (prefix, _) in TEXT_FILES.items()
             for row in tables.get(table, []) if isinstance(row.get("file"), str) and row["file"]}
    # A table that could not be read is reported itself; its folder is not blamed file by file.
    unread = tuple(folder for table, (_, folder) in TEXT_FILES.items() if table not in tables)
    named |= {rel for rel in files(data_dir) if rel.startswith(unread)} if unread else set()
    return set(NOTES) | set(resource_paths) | named


def files(data_dir: Path) -> list[str]:
    """Every file under ``data_dir`` (symlinked folders not followed), relative, sorted."""
    out = []
    for root, dirs, names in os.walk(data_dir):
        dirs.sort()
        out += [(Path(root) / name).relative_to(data_dir).as_posix() for name in sorted(names)]
    return out


def undescribed(data_dir: Path, known: set[str]) -> list[Problem]:
    """Every file under ``data_dir`` that the package does not describe: it would be shipped in
    every download unchecked (a .py, an .html), or, a CSV, never validated."""
    return [Problem(rel, None, None, "not described in datapackage.json; "
                                     "add a resource with its schema, or move the file out of data/")
            for rel in files(data_dir) if rel not in known]
