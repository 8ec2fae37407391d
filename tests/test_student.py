"""What a student types to run a download (heumezu.student), on the page ({student-setup}) and in
the download's README.txt: one source, names derived, every kind of machine."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from heumezu import student
from heumezu_sphinx import runnable

SYSTEMS = ("Linux or macOS", "Windows (PowerShell)", "Google Colab", "A JupyterHub", "Anaconda")


def test_python_range_comes_from_requires_python():
    assert student.python_range(">=3.11.2,<3.15") == ("3.11", "3.14")
    assert student.python_range(">= 3.12, < 3.16") == ("3.12", "3.15")
    for bad in (">=3.11", "<3.15", "", "==3.12", ">=3.11,<4.0"):
        with pytest.raises(ValueError):
            student.python_range(bad)


def test_every_machine_has_its_commands_with_the_download_s_names():
    setups = student.setups("02_ultimatum_teaching", ">=3.11.2,<3.15")
    assert tuple(s.name for s in setups) == SYSTEMS
    by_name = {s.name: s for s in setups}
    for setup in setups:
        assert "02_ultimatum_teaching.zip" in setup.commands or "02_ultimatum_teaching.zip" in setup.intro
    for name in ("Linux or macOS", "Windows (PowerShell)", "A JupyterHub"):
        assert "--version" in by_name[name].commands.splitlines()[0]  # first: check the Python
        assert "3.11" in by_name[name].intro
        assert "-m pip install --no-compile -r requirements.txt" in by_name[name].commands
    assert "jupyter lab 02_ultimatum_teaching.ipynb" in by_name["Linux or macOS"].commands
    assert ".venv\\Scripts\\" in by_name["Windows (PowerShell)"].commands
    assert "/" not in by_name["Windows (PowerShell)"].commands.replace("-DestinationPath", "")
    assert "ipykernel install --user" in by_name["A JupyterHub"].commands
    assert "python=3.14" in by_name["Anaconda"].commands  # the newest supported, from requires-python


@pytest.mark.parametrize("bad", ["", "../x", "a b", "x;rm -rf ~", "nb$(id)"])
def test_a_name_that_is_not_a_notebook_s_is_refused(bad):
    with pytest.raises(ValueError):
        student.setups(bad, ">=3.11.2,<3.15")


def test_the_readme_says_the_same_as_the_page():
    text = student.readme("01_background", ">=3.11.2,<3.15", "An edition")
    for setup in student.setups("01_background", ">=3.11.2,<3.15"):
        assert f"== {setup.name}" in text
        for command in setup.commands.splitlines():
            assert f"    {command}\n" in text
    assert "Python 3.11 to 3.14" in text and "data/README.md" in text and "data/documents/" in text
    assert "`" not in text  # plain text: no Markdown backquotes
    assert "make fonts-env" not in text and "Makefile" not in text  # a download has no Makefile


def test_the_edition_s_requirements_and_readme_in_a_download():
    """The download's README is heumezu.student's, for this notebook and pyproject.toml's Pythons."""
    requires = runnable._requires_python(ROOT)
    low, high = student.python_range(requires)
    assert (low, high) == ("3.11", "3.14")
    assert (ROOT / runnable.STUDENT_REQUIREMENTS).is_file()


@pytest.mark.sphinx("html", testroot="student-setup", freshenv=True, warningiserror=True)
def test_the_directive_writes_every_machine_s_commands(app):
    app.build()
    assert not app.warning.getvalue()
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    rubrics = [r.get_text(strip=True) for r in soup.select("p.rubric")]
    assert tuple(rubrics) == SYSTEMS
    blocks = [pre.get_text() for pre in soup.select("pre")]
    assert len(blocks) == len(SYSTEMS)
    assert all("demo_teaching" in b for b in blocks)
    assert "python=3.15" in blocks[-1]  # from the test root's own pyproject.toml
    assert "3.12" in soup.get_text()
    # {python-version} in the prose: the same range, from the same pyproject.toml
    assert "Students need Python 3.12 or newer, up to 3.15." in soup.select_one("p").get_text()


@pytest.mark.sphinx("html", testroot="student-setup-missing", freshenv=True)
def test_the_directive_refuses_a_notebook_that_does_not_exist(app):
    app.build()
    assert "no notebook notebooks/no_such_notebook.ipynb" in app.warning.getvalue()
    assert "python-version: 'newest' is neither 'lowest' nor 'highest'" in app.warning.getvalue()


def test_the_teaching_page_types_no_python_version():
    """The page's prose takes the versions from pyproject.toml ({python-version}), never typed."""
    import re

    from conftest import ROOT

    text = (ROOT / "book" / "teaching.md").read_text(encoding="utf-8")
    assert "{python-version}`lowest`" in text
    assert not re.search(r"Python 3\.\d", text)


@pytest.mark.slow  # a fresh interpreter loads and validates data/
def test_the_loader_names_every_encoding(tmp_path):
    """On Windows the default encoding is not UTF-8: every file the loader and the validator open
    names its encoding (an EncodingWarning, made an error here, would say where one does not)."""
    import os
    import subprocess
    import sys

    probe = ("import heumezu; from heumezu import registers; ev = heumezu.load(); "
             "registers.chronology_table(ev); assert not heumezu.validate(ev.data_dir)")
    env = {k: v for k, v in os.environ.items() if k != "HEUMEZU_DATA"}
    run = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-W", "error::EncodingWarning", "-c", probe],
                         cwd=tmp_path, capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr[-3000:]


def test_the_instructions_also_read_in_print():
    """The teaching page is in the PDF too: nothing in the instructions only makes sense on a screen
    (the phrases tests/test_pdf.py refuses)."""
    from test_pdf import WEB_ONLY

    text = " ".join(s.intro + " " + s.commands for s in student.setups("x", ">=3.11.2,<3.15")).casefold()
    assert [phrase for phrase in WEB_ONLY if phrase.casefold() in text] == []
