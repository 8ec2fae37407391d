"""Each chapter's runnable download runs on its own, outside the repository, in a fresh venv."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from heumezu import plain_notebook
from heumezu_sphinx import runnable

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.slow  # builds the archives from data/
def test_an_archive_holds_what_the_notebook_needs():
    notebook = NOTEBOOKS[0]
    files = runnable.members(ROOT, notebook)
    stem = notebook.stem
    shipped = json.loads(files[f"{stem}/{notebook.name}"].decode("utf-8"))  # for plain Jupyter
    assert len(shipped["cells"]) > 2 and all(cell.get("id") for cell in shipped["cells"])
    markdown = "\n".join("".join(c["source"]) for c in shipped["cells"] if c["cell_type"] == "markdown")
    assert plain_notebook.myst_left(markdown) == []
    first_code = next(c for c in shipped["cells"] if c["cell_type"] == "code")
    assert "google.colab" in "".join(first_code["source"])  # the setup cell comes first
    assert files[f"{stem}/requirements.txt"] == (ROOT / "requirements" / "student.txt").read_bytes()
    assert f"{stem}/heumezu/__init__.py" in files and f"{stem}/heumezu/paths.py" in files
    data = {p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert {name.split("/data/", 1)[1] for name in files if "/data/" in name} == data
    readme = files[f"{stem}/README.txt"].decode("utf-8")
    assert "-m pip install --no-compile -r requirements.txt" in readme and f"jupyter lab {notebook.name}" in readme
    assert "Windows" in readme and "Colab" in readme and "JupyterHub" in readme and "Anaconda" in readme
    # JupyterLab's settings where the student's venv will be: its kernels get CurveZMQ keys
    settings = json.loads(files[f"{stem}/.venv/etc/jupyter/jupyter_server_config.json"])
    assert settings == {"KernelManager": {"transport_encryption": "auto"}}


@pytest.mark.slow  # builds the archives twice
def test_archives_are_reproducible():
    files = runnable.members(ROOT, NOTEBOOKS[0])
    first, second = runnable.archive_bytes(files), runnable.archive_bytes(dict(reversed(files.items())))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {runnable.TIMESTAMP}


@pytest.mark.slow  # a fresh interpreter loads the data
def test_the_package_finds_the_data_beside_it(tmp_path):
    """Archive layout: heumezu/ and data/ side by side, run from anywhere."""
    with zipfile.ZipFile(io.BytesIO(runnable.archive_bytes(runnable.members(ROOT, NOTEBOOKS[0])))) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / NOTEBOOKS[0].stem
    env = {k: v for k, v in os.environ.items() if k not in ("HEUMEZU_DATA", "PYTHONPATH")}
    probe = "import heumezu, heumezu.paths as p; print(heumezu.__file__); print(p.data_dir())"
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                            env=env | {"PYTHONPATH": str(folder)}, check=False)
    assert result.returncode == 0, result.stderr
    package, data = result.stdout.split()
    assert Path(package).is_relative_to(folder) and Path(data) == folder / "data"


# The pandas a student gets: the download's pin, or Colab's (2.2), put in after the pins, as
# Colab's first cell leaves it (it installs only what is missing).
PANDAS = {"pinned": None, "colab": "pandas~=2.2.0"}


@pytest.mark.build
@pytest.mark.parametrize("pandas", PANDAS)
def test_every_chapter_runs_from_its_download_in_a_fresh_venv(tmp_path, kernel_ipc, pandas):
    """Unpack in an empty folder outside the repository, make a venv, install, execute (for a
    teaching section, the student copy and then the solutions' code); with the pinned pandas and
    with Colab's."""
    venv = tmp_path / "venv"
    base_python = os.environ.get("HEUMEZU_TEST_PYTHON", getattr(sys, "_base_executable", sys.executable))
    subprocess.run([base_python, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("HEUMEZU_DATA", "PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"MPLCONFIGDIR": str(tmp_path / "mpl"), "IPYTHONDIR": str(ROOT / "config" / "ipython"),
            "JUPYTER_PLATFORM_DIRS": "1"}
    first = True
    for notebook in NOTEBOOKS:
        with zipfile.ZipFile(io.BytesIO(runnable.archive_bytes(runnable.members(ROOT, notebook)))) as archive:
            archive.extractall(tmp_path / "downloads")
        folder = tmp_path / "downloads" / notebook.stem
        if first:  # one venv for the three chapters: their requirements files are the same
            install = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                                      "-r", "requirements.txt"], cwd=folder, capture_output=True, text=True, env=env, check=False)
            assert install.returncode == 0, install.stderr[-3000:]
            if PANDAS[pandas]:
                install = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                                          PANDAS[pandas]], capture_output=True, text=True, env=env, check=False)
                assert install.returncode == 0, install.stderr[-3000:]
            version = subprocess.run([str(venv / "bin" / "python"), "-c", "import pandas; print(pandas.__version__)"],
                                     capture_output=True, text=True, env=env, check=True).stdout.strip()
            pinned = re.search(r"^pandas==(\S+)", (ROOT / runnable.STUDENT_REQUIREMENTS).read_text(encoding="utf-8"),
                               re.MULTILINE)[1]
            assert version.startswith("2.2.") if PANDAS[pandas] else version == pinned, version
            first = False
        run = subprocess.run([str(venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                              "--inplace", *kernel_ipc[1], notebook.name], cwd=folder, capture_output=True, text=True, env=env, check=False)
        assert run.returncode == 0, run.stderr[-3000:]
        executed = (folder / notebook.name).read_text(encoding="utf-8")
        assert '"output_type": "error"' not in executed
        assert '"name": "stderr"' not in executed
        if not notebook.stem.endswith("_teaching"):  # teaching notebooks draw no figures
            assert "image/svg+xml" in executed  # the figures were drawn
            continue
        # The download holds the student copy; the solutions' code must run there too, so the data
        # exercises can be done with what the download installs.
        (folder / "solutions.ipynb").write_bytes(notebook.read_bytes())
        run = subprocess.run([str(venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                              "--inplace", *kernel_ipc[1], "solutions.ipynb"], cwd=folder, capture_output=True, text=True, env=env, check=False)
        assert run.returncode == 0, run.stderr[-3000:]
        solved = (folder / "solutions.ipynb").read_text(encoding="utf-8")
        assert '"output_type": "error"' not in solved and '"name": "stderr"' not in solved
