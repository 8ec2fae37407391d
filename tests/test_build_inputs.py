"""What a build reads is declared once (heumezu_sphinx.manifest), and the build follows it: a
changed table re-executes only the notebooks that read it and re-reads only the pages that show it;
a changed style sheet re-executes nothing; changed build code re-reads every page."""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

import heumezu
from conftest import DATA, ROOT
from heumezu_sphinx import manifest
from heumezu_sphinx.manifest import Manifest, declared_reads


def _notebook(*sources: str) -> dict:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


def _edit_cell(data, table: str, row: int, column: str, value: str) -> None:
    """Change one cell of a CSV table (the rest of the file as it was)."""
    path = data / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[row][column] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, rows[0].keys(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --- the declaration ---------------------------------------------------------------------------

@pytest.mark.parametrize(("sources", "expected"), [
    (['import heumezu as hu\nev = hu.load(reads=["events", "places"])'], {"events", "places"}),
    (['ev = load(reads="events")'], {"events"}),
    (['ev = hu.load(reads=("events",))', 'other = hu.load(reads=["actors"])'], {"events", "actors"}),
    (['%matplotlib inline\nev = hu.load(reads=["events"])'], {"events"}),
    (["print('no data')"], set()),
    (["ev = hu.load()"], None),                       # everything
    (['names = ["events"]\nev = hu.load(reads=names)'], None),  # not a literal: everything
    (["ev = hu.load(reads=None)"], None),
    (["def broken(:\n    pass"], None),               # unparsable: everything
])
def test_a_notebook_declares_the_tables_it_reads(sources, expected):
    found = declared_reads(_notebook(*sources))
    assert found == (None if expected is None else frozenset(expected))


@pytest.mark.slow  # loads data/ twice
def test_reading_an_undeclared_table_says_what_to_add():
    ev = heumezu.load(DATA, reads=["events"])
    assert len(ev.events) > 0
    with pytest.raises(heumezu.UndeclaredTable, match=r"'places' is read but not declared.*load\(reads=.*events"):
        _ = ev.places
    with pytest.raises(heumezu.UndeclaredTable):
        _ = "places" in ev.tables
    with pytest.raises(heumezu.UndeclaredTable, match="names no table 'nonesuch'"):
        heumezu.load(DATA, reads=["events", "nonesuch"])
    assert {"events", "witnesses"} <= set(dir(heumezu.load(DATA)))


@pytest.mark.slow  # loads data/
def test_the_evidence_reports_each_table_read():
    seen = []
    ev = heumezu.load(DATA).reading(seen.append)
    ev.witness_text(str(ev.witnesses["siglum"].iloc[0]))
    _ = "places" in ev.tables
    assert seen == ["witnesses", "witnesses", "places"]


# --- the manifest ------------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(DATA, root / "data")
    for name in ("_config.yml", "requirements.txt", "CITATION.cff"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "book" / "_static", root / "book" / "_static")
    shutil.copytree(ROOT / "book" / "_extra", root / "book" / "_extra")
    return root


def _digests(root) -> dict:
    """The manifest's digests, computed now (a Manifest computes each on first use)."""
    m = Manifest.of(root)
    keys = {str(reads): m.notebook_key(reads) for reads in (frozenset({"events"}), frozenset({"places"}), None)}
    return {"tables": m.tables, "execution": m.execution, "pages": m.pages, "keys": keys, "stamp": m.stamp(),
            "files": m.table_files}


def _changed_tables(before, after) -> set[str]:
    return {t for t in before["tables"] if before["tables"][t] != after["tables"][t]}


def test_a_changed_cell_changes_its_tables_digest_only(project):
    before = _digests(project)
    _edit_cell(project / "data", "places", 0, "name_en", "Changed by the test")
    after = _digests(project)
    assert _changed_tables(before, after) == {"places"}
    assert (before["execution"], before["pages"]) == (after["execution"], after["pages"])
    changed_keys = {k for k in before["keys"] if before["keys"][k] != after["keys"][k]}
    assert changed_keys == {str(frozenset({"places"})), "None"}
    assert before["stamp"] != after["stamp"]


def test_a_witness_file_belongs_to_the_witnesses_table(project):
    before = _digests(project)
    witness = min((project / "data" / "witnesses").iterdir())
    assert witness in before["files"]["witnesses"]
    witness.write_text(witness.read_text(encoding="utf-8") + "x", encoding="utf-8")
    assert _changed_tables(before, _digests(project)) == {"witnesses"}


def test_a_style_sheet_changes_the_pages_part_not_the_execution(project):
    before = _digests(project)
    css = project / "book" / "_static" / "edition.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    after = _digests(project)
    assert before["execution"] == after["execution"] and before["tables"] == after["tables"]
    assert before["pages"] != after["pages"]


def test_installed_fonts_are_an_execution_input(project, monkeypatch):
    before = Manifest.of(project).execution
    monkeypatch.setattr(manifest, "fonts", lambda: "another set of fonts")
    assert Manifest.of(project).execution != before


def test_an_unreadable_descriptor_makes_every_file_one_input(project):
    (project / "data" / "datapackage.json").write_text("{", encoding="utf-8")
    m = Manifest.of(project)
    assert list(m.tables) == ["*"] and m.notebook_key(frozenset({"events"})) == m.notebook_key(None)


@pytest.mark.slow  # a fresh interpreter imports every module
def test_nothing_reads_data_when_imported(tmp_path):
    """With no data anywhere, importing the packages and the extension raises nothing."""
    code = "import heumezu, heumezu.registers, heumezu.figures, heumezu_sphinx; print('ok')"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"HEUMEZU_DATA": str(tmp_path / "absent")}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


# --- the build follows it ----------------------------------------------------------------------

READ = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (\S+)")
EXECUTED = re.compile(r"(\w+)\.ipynb: Executing notebook")


def _build(book, env) -> tuple[set[str], set[str]]:
    """Build the HTML; return the pages Sphinx read and the notebooks it executed."""
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(book), "--builder", "html", "-W", "-n",
         "--keep-going"], capture_output=True, text=True, env=env, timeout=900, check=False)
    log = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    assert result.returncode == 0, log[-4000:]
    return set(READ.findall(log)), set(EXECUTED.findall(log))


@pytest.mark.build
def test_a_build_redoes_only_what_depends_on_a_change(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    for name in ("_config.yml", "CITATION.cff", "docutils.conf"):
        shutil.copy(ROOT / name, book)
    shutil.copytree(ROOT / "book" / "_static", book / "book" / "_static")
    shutil.copytree(ROOT / "book" / "_templates", book / "book" / "_templates")
    shutil.copytree(ROOT / "book" / "_extra", book / "book" / "_extra")
    shutil.copytree(DATA, book / "data")
    src = tmp_path / "src"  # the packages the build imports, so that the test can change a transform
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    kernel = nbformat.v4.new_notebook().metadata | {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    for name, code in {
        "reads_events": 'import heumezu as hu\nev = hu.load(reads=["events"])\nprint("EVENTS", len(ev.events))',
        "reads_places": 'import heumezu as hu\nev = hu.load(reads=["places"])\nprint("FIRST", ev.places.name_en.iloc[0])',
        "reads_all": "import heumezu as hu\nev = hu.load()\nprint('TABLES', len(ev.tables))",
    }.items():
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(code)])
        nb.metadata.update(kernel)
        nbformat.write(nb, book / f"{name}.ipynb")
    (book / "index.md").write_text("# Probe\n\nNo data on this page.\n", encoding="utf-8")
    (book / "places.md").write_text("# Places\n\n```{heumezu-places} The places\n```\n", encoding="utf-8")
    (book / "witness.md").write_text("# F\n\n```{heumezu-witness-text}\n:siglum: F\n```\n", encoding="utf-8")
    (book / "bibliography.md").write_text("# Works\n\n```{heumezu-bibliography}\n```\n", encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n" + "".join(
        f"- file: {n}\n" for n in ("reads_events", "reads_places", "reads_all", "places", "witness", "bibliography")))
    env = os.environ | {"HEUMEZU_DATA": str(book / "data"), "PYTHONPATH": str(src)}
    every_page = {"index", "reads_events", "reads_places", "reads_all", "places", "witness", "bibliography"}

    read, executed = _build(book, env)
    assert read == every_page and executed == {"reads_events", "reads_places", "reads_all"}

    read, executed = _build(book, env)  # nothing changed
    assert (read, executed) == (set(), set())

    _edit_cell(book / "data", "places", 0, "name_en", "Changed by the test")
    read, executed = _build(book, env)
    assert executed == {"reads_places", "reads_all"}
    assert read == {"reads_places", "reads_all", "places"}
    assert "Changed by the test" in (book / "_build" / "html" / "reads_places.html").read_text(encoding="utf-8")
    assert "Changed by the test" in (book / "_build" / "html" / "places.html").read_text(encoding="utf-8")

    _edit_cell(book / "data", "events", 0, "description", "An event description changed by the test")
    read, executed = _build(book, env)
    assert executed == {"reads_events", "reads_all"} and read == {"reads_events", "reads_all"}

    css = book / "book" / "_static" / "edition.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed by the test */\n", encoding="utf-8")
    read, executed = _build(book, env)
    assert executed == set() and read == every_page
    assert "changed by the test" in (book / "_build" / "html" / "_static" / "edition.css").read_text(encoding="utf-8")

    transform = src / "heumezu_sphinx" / "paragraphs.py"
    transform.write_text(transform.read_text(encoding="utf-8") + "\n# changed by the test\n", encoding="utf-8")
    read, executed = _build(book, env)
    assert executed == set() and read == every_page
