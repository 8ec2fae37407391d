"""Each chapter notebook runs on its own from a fresh kernel, outside the book build."""
from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

pytestmark = pytest.mark.build  # runs Sphinx, a kernel or a browser

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_in_a_fresh_kernel(path, tmp_path, kernel_ipc):
    nb = nbformat.read(path, as_version=4)
    config, _ = kernel_ipc
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                            config=config)
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


@pytest.mark.parametrize("transport", ["tcp", "ipc"])
def test_a_kernel_writes_its_warnings_but_not_the_tcp_notice(transport, kernel_ipc, tmp_path, monkeypatch):
    """The book build's kernels are tcp (jupyter-cache starts them): with the project's IPython
    configuration, ipykernel's "running over TCP without encryption" is dropped and nothing else.
    The tests' kernels are ipc (the kernel_ipc fixture), where the notice is never written."""
    from jupyter_client import KernelManager

    monkeypatch.setenv("IPYTHONDIR", str(ROOT / "config" / "ipython"))
    config, _ = kernel_ipc
    manager = KernelManager(kernel_name="python3", config=config if transport == "ipc" else None)
    assert manager.transport == transport
    with (tmp_path / "kernel.log").open("w+", encoding="utf-8") as log:
        manager.start_kernel(stdout=log, stderr=log)
        try:
            client = manager.client()
            client.start_channels()
            client.wait_for_ready(timeout=60)
            client.execute_interactive("import logging; logging.getLogger('IPKernelApp').warning('a real warning')",
                                       timeout=60)
            client.stop_channels()
        finally:
            manager.shutdown_kernel()
        log.seek(0)
        written = log.read()
    assert "a real warning" in written
    assert "without encryption" not in written
