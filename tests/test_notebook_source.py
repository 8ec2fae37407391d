"""The notebooks' code fits its box: a code line longer than the article's code block shows at
1280 px (about 80 characters of the theme's monospace face) hides behind a scroll bar on the web
and runs into the margin in the PDF. Checked on the source, so the unit tier finds it before a
build and a browser would (tests/test_browser.py checks the built pages)."""
from __future__ import annotations

import nbformat
import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Characters a code line may have (the pandas tables print within 72).
LONGEST_CODE_LINE = 76


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 6


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_lines_fit_the_code_block(path):
    nb = nbformat.read(path, as_version=4)
    long_lines = [f"cell {i}: {len(line)} characters: {line[:50]}..."
                  for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
                  for line in cell.source.splitlines() if len(line) > LONGEST_CODE_LINE]
    assert not long_lines, "\n".join(long_lines)
