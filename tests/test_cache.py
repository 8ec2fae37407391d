"""A change to data/ re-executes the notebooks, although jupyter-cache hashes only code cells."""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess

import nbformat
import pytest

from conftest import DATA, ROOT

pytestmark = pytest.mark.build  # runs Sphinx, a kernel or a browser

PROBE = "import heumezu as hu\nprint('TITLE:', hu.load().witnesses.set_index('siglum').loc['F', 'title'])"


def _build(book, env):
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(book), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True, text=True, env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = (book / "_build" / "html" / "probe.html").read_text()
    return re.search(r"TITLE: [^<\n]*", html).group(0), result.stdout


def _set_title(data, siglum, title):
    path = data / "witnesses.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["siglum"] == siglum:
            row["title"] = title
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, rows[0].keys(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.build
def test_data_change_reexecutes_notebooks(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copy(ROOT / "CITATION.cff", book)
    shutil.copytree(ROOT / "book" / "_static", book / "book" / "_static")
    shutil.copytree(ROOT / "book" / "_templates", book / "book" / "_templates")
    shutil.copytree(ROOT / "book" / "_extra", book / "book" / "_extra")
    shutil.copytree(DATA, book / "data")
    (book / "_toc.yml").write_text("format: jb-book\nroot: probe\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Probe"), nbformat.v4.new_code_cell(PROBE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "probe.ipynb")
    env = os.environ | {"HEUMEZU_DATA": str(book / "data")}

    first, _ = _build(book, env)
    original = next(csv.DictReader((book / "data" / "witnesses.csv").open(encoding="utf-8")))["title"]
    assert first == f"TITLE: {original}"

    unchanged, log = _build(book, env)  # nothing changed: the cache is used, nothing re-executed
    assert unchanged == first
    assert "Executing notebook" not in log

    _set_title(book / "data", "F", "Accord He-Umezu (changed by the test)")
    changed, log = _build(book, env)
    assert changed == "TITLE: Accord He-Umezu (changed by the test)"
    assert "Executing notebook" in log
