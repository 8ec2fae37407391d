"""From a downloaded notebook to a running one: what a student types, on each kind of machine.

One source for the instructions in a runnable download's ``README.txt`` and on the page "How to
teach with this edition" (``{student-setup}``, :mod:`heumezu_sphinx.student_setup`), so that the
two never disagree. Everything that varies is derived: the archive's and the notebook's names from
the notebook's file name, the Python versions from ``requires-python`` in pyproject.toml.

``pip install --no-compile``: pip would otherwise compile every module of every package (about
150 MB of the venv); Python compiles what the notebook and JupyterLab import, when they import it.

A download holds ``<stem>/<stem>.ipynb``, ``<stem>/requirements.txt`` (the student pins,
``requirements/student.txt``: the notebooks' libraries and JupyterLab, nothing of the book's
build), ``<stem>/heumezu/`` and ``<stem>/data/``.

Standard library only.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

REQUIREMENTS = "requirements.txt"  # the name of the student pins inside a download
# JupyterLab's settings, put by the download where the student's venv will be: Jupyter reads
# .venv/etc/jupyter/ when it runs from that venv, and `python -m venv .venv` keeps what is there.
# jupyter_client (8.10 or later, pinned) then gives each kernel CurveZMQ keys: the kernel runs
# encrypted, and ipykernel has no "Kernel is running over TCP without encryption" to print in
# the student's terminal. Elsewhere (conda, a JupyterHub, Colab) the file is not read.
SERVER_CONFIG = ".venv/etc/jupyter/jupyter_server_config.json"
SERVER_SETTINGS = {"KernelManager": {"transport_encryption": "auto"}}
KERNEL_NAME = "heumezu"
KERNEL_DISPLAY = "He-Umezu edition"


@dataclass(frozen=True)
class Setup:
    """One kind of machine: its name, what to do in words, and the commands (``language`` is the
    shell they are typed in, for highlighting)."""

    name: str
    intro: str
    language: str
    commands: str


def requires_python(root: Path) -> str:
    """``requires-python`` of the project at ``root`` (its pyproject.toml): the one reader of it."""
    import tomllib

    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]


def python_range(requires_python: str) -> tuple[str, str]:
    """The lowest and the highest supported Python, as ``("3.11", "3.14")``, from a specifier such
    as ``>=3.11.2,<3.15``. The highest is the minor version before the upper bound."""
    lower = re.search(r">=\s*(\d+)\.(\d+)", requires_python)
    upper = re.search(r"<\s*(\d+)\.(\d+)", requires_python)
    if not lower or not upper:
        raise ValueError(f"requires-python {requires_python!r} has no '>=X.Y' and '<X.Y' bounds")
    major, minor = int(upper[1]), int(upper[2])
    if minor == 0:
        raise ValueError(f"requires-python {requires_python!r}: an upper bound of X.0 is not supported")
    return f"{lower[1]}.{lower[2]}", f"{major}.{minor - 1}"


def setups(stem: str, requires_python: str) -> list[Setup]:
    """The instructions for the download ``<stem>.zip`` (notebook ``<stem>.ipynb``)."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", stem):
        raise ValueError(f"not a notebook name: {stem!r}")
    low, high = python_range(requires_python)
    zipname, notebook = f"{stem}.zip", f"{stem}.ipynb"
    kernel = f'--name {KERNEL_NAME} --display-name "{KERNEL_DISPLAY}"'
    return [
        Setup("Linux or macOS",
              f"In a terminal, in the folder the download was saved to. The first command must print "
              f"Python {low} or newer (up to {high}); if it does not, install Python from python.org "
              "(macOS) or your distribution's packages. On Debian or Ubuntu, `python3 -m venv` may first "
              "need `sudo apt install python3-venv`.",
              "sh",
              f"python3 --version\n"
              f"unzip {zipname} && cd {stem}\n"
              f"python3 -m venv .venv\n"
              f".venv/bin/python -m pip install --no-compile -r {REQUIREMENTS}\n"
              f".venv/bin/jupyter lab {notebook}"),
        Setup("Windows (PowerShell)",
              f"In PowerShell, in the folder the download was saved to. The first command must print "
              f"Python {low} or newer (up to {high}); if `py` is not found, install Python from python.org "
              "(tick \"Add python.exe to PATH\").",
              "powershell",
              f"py --version\n"
              f"Expand-Archive {zipname} -DestinationPath .\n"
              f"cd {stem}\n"
              f"py -m venv .venv\n"
              f".venv\\Scripts\\python -m pip install --no-compile -r {REQUIREMENTS}\n"
              f".venv\\Scripts\\jupyter lab {notebook}"),
        Setup("Google Colab",
              f"Unzip the download on your computer. In Colab, open `{notebook}` from the unzipped folder "
              f"(File, Upload notebook), upload `{zipname}` in the Files panel on the left, then add a cell at "
              "the top with this command and run it. The notebook's own first cells then find the data and "
              "install whatever Colab lacks.",
              "text",
              f"!unzip -q -o {zipname}"),
        Setup("A JupyterHub",
              f"Upload `{zipname}` with the file browser, open a Terminal (File, New, Terminal) and make the "
              f"environment a kernel; then open the notebook in the folder `{stem}` and choose the kernel "
              f"\"{KERNEL_DISPLAY}\". The first command must print Python {low} or newer.",
              "sh",
              f"python3 --version\n"
              f"unzip {zipname} && cd {stem}\n"
              f"python3 -m venv .venv\n"
              f".venv/bin/python -m pip install --no-compile -r {REQUIREMENTS}\n"
              # Two lines (a shell continuation): one would be wider than the page, on screen and in print.
              f".venv/bin/python -m ipykernel install --user \\\n    {kernel}"),
        Setup("Anaconda",
              f"In the Anaconda Prompt (Windows) or a terminal (Linux, macOS), after unzipping `{zipname}` "
              "(on Windows or macOS, opening it in the file manager unzips it):",
              "sh",
              f"conda create --yes --name heumezu python={high} pip\n"
              f"conda activate heumezu\n"
              f"cd {stem}\n"
              f"python -m pip install --no-compile -r {REQUIREMENTS}\n"
              f"jupyter lab {notebook}"),
    ]


def readme(stem: str, requires_python: str, title: str) -> str:
    """The download's README.txt: the same instructions as the web page, as plain text."""
    low, high = python_range(requires_python)
    lines = [f'{stem}: a runnable notebook of "{title}".', "",
             f"You need Python {low} to {high}. The requirements ({REQUIREMENTS}) are what the notebook",
             "needs and JupyterLab: a few minutes to install, about 400 MB on disk. If pip says it could",
             "not find a version that satisfies a requirement, your Python is too old.", ""]
    for setup in setups(stem, requires_python):
        lines += [f"== {setup.name}", textwrap.fill(setup.intro.replace("`", ""), 100, break_on_hyphens=False,
                                                         break_long_words=False), ""]
        lines += ["    " + command for command in setup.commands.splitlines()] + [""]
    lines += ["Where things are: data/ holds the evidence (data/README.md explains every table and column),",
              "data/documents/ the texts of the sources; heumezu/ is the edition's Python package.", "",
              "Code (heumezu/): MIT. Text and data (the notebook's prose, data/): CC BY-SA 4.0; see",
              "data/README.md for the sources.", ""]
    return "\n".join(lines)
