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


def test_the_descriptor_and_its_field_docs_are_what_the_schema_script_writes():
    """The schemas are written in tools/make_datapackage.py; data/datapackage.json and the field
    tables of data/README.md are its output, so an edit to either alone would split the truth."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_datapackage", ROOT / "tools" / "make_datapackage.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)  # defines the schemas; writes nothing unless run as a script
    assert (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8") == script.descriptor_text(), \
        "data/datapackage.json differs from tools/make_datapackage.py: edit the script and run it"
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert readme == script.readme_text(readme), \
        "data/README.md's field tables differ from the schemas: run python tools/make_datapackage.py"


def _module_imports() -> dict[str, set[str]]:
    """Each module of the two packages → the modules of the two packages it imports (anywhere in
    it, a function's deferred import included: a cycle hidden in a function is still a cycle)."""
    src = ROOT / "src"
    modules = {".".join(p.relative_to(src).with_suffix("").parts).removesuffix(".__init__"): p
               for package in ("heumezu", "heumezu_sphinx") for p in (src / package).rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                base = (f"{base}.{node.module}" if node.module else base) if node.level else node.module or ""
                found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names}
        # A package's __init__ re-exporting its modules is not a cycle with them.
        graph[name] = {m for m in found if m in modules and m != name and not name.startswith(m + ".")}
    return graph


def test_no_import_cycle_between_modules():
    import networkx as nx

    graph = nx.DiGraph([(a, b) for a, targets in _module_imports().items() for b in targets])
    cycles = [c for c in nx.simple_cycles(graph) if not any(m in ("heumezu", "heumezu_sphinx", "heumezu.figures")
                                                                for m in c)]
    assert not cycles, f"import cycles: {cycles}"
    assert _module_imports()["heumezu.apparatus"] >= {"heumezu.crossrefs"}  # the graph is read at all
