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


def undescribed_tables(data_dir: Path, described: set[str]) -> list[Problem]:
    """Every CSV under ``data_dir`` that no resource describes, and so would never be validated."""
    problems = []
    for root, dirs, files in os.walk(data_dir):  # does not follow symlinked folders
        dirs.sort()
        for name in sorted(files):
            rel = (Path(root) / name).relative_to(data_dir).as_posix()
            if name.lower().endswith(".csv") and rel not in described:
                problems.append(Problem(rel, None, None, "not described in datapackage.json; "
                                        "add a resource with its schema, or move the file out of data/"))
    return problems
