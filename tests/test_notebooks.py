"""Each chapter notebook runs on its own from a fresh kernel, outside the book build."""
from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

pytestmark = pytest.mark.build  # runs Sphinx, a kernel or a browser

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_in_a_fresh_kernel(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError on any error
    stderr = [o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, stderr
    # Figures come out as SVG (HTML) and PDF (LaTeX).
    figures = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "display_data"
               and "image/svg+xml" in o.get("data", {})]
    for figure in figures:
        assert "application/pdf" in figure["data"]
    nbformat.write(nb, tmp_path / path.name)  # the executed copy, never the committed file
