"""Shared fixtures: the project root, and one strict build of the book per test session."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def pytest_configure(config):
    config.addinivalue_line("markers", "build: builds the book (slow); a fast tier runs -m 'not build'")


def pytest_collection_modifyitems(items):
    """Every test that needs the built book is in the slow tier too."""
    for item in items:
        if {"built", "site"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Build HTML and PDF with the project's own `make` targets into a fresh folder.

    A fresh output folder (cold Sphinx environment) makes every page report its warnings again;
    the execution cache is shared, so unchanged notebooks are not re-executed.
    """
    out = tmp_path_factory.mktemp("book")
    result = subprocess.run(
        ["make", "--no-print-directory", "html", "pdf", f"OUT={out}"],
        cwd=ROOT, capture_output=True, text=True, env=os.environ | {"PYTHONWARNINGS": ""},
    )
    log = result.stdout + result.stderr
    (out / "build.log").write_text(log)
    assert result.returncode == 0, f"the build failed:\n{log[-6000:]}"
    return out / "_build"


@pytest.fixture(scope="session")
def site(request) -> Path:
    """The built HTML folder: the session build, or HEUMEZU_SITE if set (a build made elsewhere)."""
    override = os.environ.get("HEUMEZU_SITE")
    if override:
        return Path(override).resolve()
    return request.getfixturevalue("built") / "html"


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
