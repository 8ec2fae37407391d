"""Two packages, one direction: the edition (heumezu) knows nothing of the build (heumezu_sphinx)."""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from conftest import ROOT

# A fresh interpreter, or every module of both packages parsed: about a second each.
pytestmark = pytest.mark.slow

BUILD_ONLY = {"sphinx", "docutils", "IPython", "myst_nb", "myst_parser", "heumezu_sphinx"}


def test_the_edition_loads_without_sphinx_docutils_or_ipython():
    code = ("import sys, heumezu, heumezu.figures, heumezu.registers, heumezu.apparatus, heumezu.tei, "
            "heumezu.collation, heumezu.__main__; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "heumezu" in loaded
    assert not loaded & BUILD_ONLY, loaded & BUILD_ONLY


def test_no_module_of_the_edition_imports_the_build_plumbing():
    for path in (ROOT / "src" / "heumezu").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.level == 0}
        assert not imported & BUILD_ONLY, (path.name, imported & BUILD_ONLY)
