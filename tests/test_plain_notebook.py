"""The downloads' notebooks for plain Jupyter (heumezu.plain_notebook): no MyST left, exercises
numbered as the web and the PDF number them, citations as the edition's short references,
tables and further reading shown, a first cell that finds the data (also in Colab's layout)."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT
from heumezu import notes, plain_notebook, worksheet

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def work(key, title, authors=(), kind="book", **fields):
    return notes.Work(key, kind, {"title": title, "year": "1991", **fields}, tuple(authors),
                      notes.section_of(key, kind, fields))


WORKS = {
    "coble": work("coble", "Facing Japan: Chinese Politics and Japanese Imperialism", [("Parks M.", "Coble")],
                  address="Cambridge, MA", publisher="Harvard"),
    "frus-d185": work("frus-d185", "The Chinese Foreign Office to the Chinese Legation", kind="misc",
                      howpublished="Foreign Relations of the United States Diplomatic Papers, 1935, The Far East, "
                                   "Volume III, document 185", url="https://history.state.gov/x/d185"),
    "evil": work("evil", "<script>alert(1)</script> *bold* [link](javascript:x) $x$", kind="misc",
                 howpublished="# heading"),
}


def context(**more) -> plain_notebook.Context:
    base = {"folder": "02_demo_teaching", "works": WORKS, "docname": "notebooks/02_demo_teaching",
            "doc_titles": {"book/teaching": "How to teach with this edition", "book/bibliography": "Bibliography"},
            "labels": {"ch-demo": ("notebooks/02_demo", "The demo chapter"),
                       "tab-demo": ("notebooks/02_demo", "The demo table, from the events table")},
            "first_exercise": 5, "columns": {"events": ["id", "date", "note"], "attestations": ["id", "row", "note"]},
            "packages": {"pandas": "pandas", "yaml": "PyYAML"},
            "further_reading": lambda chapter: [notes.bibliography_entry(WORKS["coble"])],
            "passage": lambda pid: f"FRUS 1935, vol. III, doc. 185, ¶ 4 ({pid})"}
    return plain_notebook.Context(**(base | more))


def md(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(text: str = "", **metadata) -> dict:
    return {"cell_type": "code", "metadata": metadata, "source": text, "outputs": [], "execution_count": None}


def markdown_of(notebook: dict) -> str:
    return "\n\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


NOTEBOOK = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    md("(teach-demo)=\n# Teaching: the demo\n\nThis section turns {ref}`ch-demo` into a class; see "
       "{doc}`../book/teaching` and {doc}`the list <../book/bibliography>`.\n\n"
       "```{only} html\n:::{admonition} Run these exercises yourself\n:class: tip\n"
       "{download}`The zip <../book/_generated/runnable/x.zip>`\n:::\n```"),
    code("import heumezu as hu\nev = hu.load()"),
    md(":::{exercise} What date?\n:label: ex-demo-date\n\nCoble says so {cite:p}`coble[pp. 183-185]`, and the "
       "Foreign Office too {cite:p}`frus-d185[doc. 185, ¶4], coble`.\n:::"),
    md("**Your answer.**"), code(),
    md("## Data exercises\n\n:::{exercise} Join them\n:label: ex-demo-join\n\nJoin `ev.attestations` to "
       "`ev.events`; compare with {ref}`ex-demo-date` and {numref}`tab-demo`. See {passage}`p-d185-x`.\n:::"),
    md("**Your answer.**"), code(),
    md("## Further reading\n\n```{further-reading}\n:chapter: demo\n```\n\n:::{admonition} Note\nA "
       "{cite:p}`evil` note.\n:::"),
    md("```{heumezu-chronology} The demo sequence, from the events table\n:chapter: demo\n:columns: Date, Event\n"
       ":name: tab-demo\n```"),
]}


@pytest.fixture()
def converted() -> dict:
    return plain_notebook.convert(NOTEBOOK, context())


def test_no_myst_survives(converted):
    text = markdown_of(converted)
    assert plain_notebook.myst_left(text) == []
    for syntax in (":::", "```{", "{cite", "{doc}", "{ref}", "{numref}", ":label:", "(teach-demo)=", "{download}"):
        assert syntax not in text


def test_myst_left_finds_what_it_must():
    assert plain_notebook.myst_left(":::{exercise} x\n:label: y\n{cite:p}`k` (lab)=\n(lab)=\n")
    assert plain_notebook.myst_left("plain *text* with `code` and [a](https://x)") == []


def test_exercises_are_numbered_from_the_notebook_s_first_number(converted):
    text = markdown_of(converted)
    assert "**Exercise 5.** What date?" in text and "**Exercise 6.** Join them" in text
    assert "compare with Exercise 5" in text  # a {ref} to an exercise names its number


def test_web_only_blocks_go_and_links_are_titles_without_an_address(converted):
    text = markdown_of(converted)
    assert "Run these exercises yourself" not in text and "x.zip" not in text
    assert "turns The demo chapter into a class" in text
    assert "How to teach with this edition" in text and "the list" in text
    assert not re.search(r"(?<!\\)\]\(", text.split("## Works")[0])  # no link: the address is not set


def test_links_go_online_where_the_edition_s_address_is_set():
    text = markdown_of(plain_notebook.convert(NOTEBOOK, context(base_url="https://example.org/edition/")))
    assert "[The demo chapter](<https://example.org/edition/notebooks/02_demo.html#ch-demo>)" in text
    assert "[How to teach with this edition](<https://example.org/edition/book/teaching.html>)" in text


def test_citations_are_short_references_with_locators_and_a_list_of_works(converted):
    text = markdown_of(converted)
    assert "(Coble, *Facing Japan*, 183–85)" in text
    assert "(FRUS 1935, 3, doc. 185, ¶4; Coble, *Facing Japan*)" in text
    works = text.split("## Works cited", 1)[1]
    assert "Coble, Parks M. *Facing Japan" in works and "https://history.state.gov/x/d185" in works


def test_text_from_the_data_never_becomes_markup(converted):
    text = markdown_of(converted)
    assert "<script>" not in text and "[link](javascript" not in text and "\n# heading" not in text
    assert r"\<script\>" in text and r"\$x\$" in text


@pytest.mark.parametrize(("citation", "expected"), [
    ("a", [("a", None)]),
    ("a, b", [("a", None), ("b", None)]),
    ("frus1935v03-d185[doc. 185, ¶4], zhwp-hemei",
     [("frus1935v03-d185", notes.Locator(document="185", paragraph="4")), ("zhwp-hemei", None)]),
    ("x[p. 12]", [("x", notes.Locator(page="12"))]),
    ("x[pp. 183-85]", [("x", notes.Locator(page="183-85"))]),
    ("x[183]", [("x", notes.Locator(page="183"))]),
])
def test_parse_cite(citation, expected):
    assert plain_notebook.parse_cite(citation) == expected


@pytest.mark.parametrize("bad", ["", "a b", "a[p. 1", "a[p. 1, p. 2]", "a,,b", "[p. 1]"])
def test_parse_cite_refuses_what_it_cannot_read(bad):
    with pytest.raises(ValueError):
        plain_notebook.parse_cite(bad)


def test_tables_drawn_by_directives_become_code_that_shows_them(converted):
    cells = [c for c in converted["cells"] if c["cell_type"] == "code" and "registers." in "".join(c["source"])]
    assert len(cells) == 1
    source = "".join(cells[0]["source"])
    assert "registers.chronology_table(heumezu.load(), 'demo', ['Date', 'Event'])" in source
    compile(source, "cell", "exec")


def test_further_reading_is_a_list(converted):
    text = markdown_of(converted)
    assert "## Further reading\n\n- Coble, Parks M." in text


def test_a_data_exercise_gets_a_starter_cell(converted):
    sources = ["".join(c["source"]) for c in converted["cells"] if c["cell_type"] == "code"]
    starters = [s for s in sources if s.startswith("# Starter")]
    assert len(starters) == 1  # the first exercise names no table
    assert "ev.attestations: id, row, note" in starters[0] and "note_x" in starters[0]
    assert starters[0].rstrip().endswith("ev.attestations.head()")


def test_the_first_cells_say_where_things_are_and_find_them(converted):
    first_code = next(i for i, c in enumerate(converted["cells"]) if c["cell_type"] == "code")
    where = "".join(converted["cells"][first_code - 1]["source"])
    assert "data/README.md" in where and "data/documents/" in where
    setup = "".join(converted["cells"][first_code]["source"])
    assert "Path.cwd() / '02_demo_teaching'" in setup and "google.colab" in setup
    assert "'yaml': 'PyYAML'" in setup and "==" not in setup.replace("'google.colab' in", "")  # unpinned
    compile(setup, "setup", "exec")


def test_the_python_versions_are_requires_python_s():
    ctx = context(pythons=("3.11", "3.14"))
    out = plain_notebook.convert({"cells": [md("You need Python {python-version}`lowest` to "
                                                 "{python-version}`highest`.")]}, ctx)
    assert "You need Python 3.11 to 3.14." in "".join(c["source"] if isinstance(c["source"], str) else
                                                      "".join(c["source"]) for c in out["cells"])


def test_an_unknown_role_or_directive_stops_the_conversion():
    for text in ("{glossary}`x`", ":::{margin}\nx\n:::", ":::{exercise} open\nnever closed",
                 "{python-version}`newest`"):
        with pytest.raises(ValueError):
            plain_notebook.convert({"cells": [md(text)]}, context())


def test_the_setup_cell_finds_the_data_in_the_folder_or_one_above(tmp_path, monkeypatch):
    """Colab runs the notebook in /content with the unzipped download in /content/<folder>."""
    setup = "".join(plain_notebook.intro_cells(context())[1]["source"])
    folder = tmp_path / "02_demo_teaching"
    (folder / "heumezu").mkdir(parents=True)
    (folder / "data").mkdir()
    (folder / "data" / "datapackage.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the cell puts the folder first
    for cwd in (folder, tmp_path):
        monkeypatch.chdir(cwd)
        namespace: dict = {}
        exec(compile(setup, "setup", "exec"), namespace)  # noqa: S102 - the cell the notebook runs
        assert namespace["here"] == folder and sys.path[0] == str(folder)
    monkeypatch.chdir(folder / "data")
    with pytest.raises(FileNotFoundError, match="unzip 02_demo_teaching.zip"):
        exec(compile(setup, "setup", "exec"), {})  # noqa: S102


@pytest.mark.slow  # reads the real evidence and every notebook
def test_every_real_notebook_converts_without_myst_and_numbers_as_the_web_does():
    import heumezu

    ev = heumezu.load()
    counts = {}
    for notebook in NOTEBOOKS:
        content = json.loads(notebook.read_text(encoding="utf-8"))
        if worksheet.has_solutions(content):
            content = worksheet.student_copy(content)
        ctx = plain_notebook.context_for(ROOT, ev, notebook.stem)
        out = plain_notebook.convert(content, ctx)
        text = markdown_of(out)
        assert plain_notebook.myst_left(text) == [], notebook.name
        counts[notebook.stem] = [line for line in text.splitlines() if line.startswith("**Exercise ")]
    # sphinx-exercise numbers on through the table of contents: chapter 2's are 5-9 on the web.
    assert [line.split(".")[0] for line in counts["02_ultimatum_teaching"]] == [
        f"**Exercise {n}" for n in range(5, 10)]
    assert counts["01_background_teaching"][0].startswith("**Exercise 1.")


def jupyterlab_kernel_log(folder, env) -> str:
    """What the terminal shows when the student's JupyterLab (``folder``/.venv) starts a kernel."""
    import threading
    import time
    import urllib.request

    command = [str(folder / ".venv" / "bin" / "jupyter"), "lab", "--no-browser", "--allow-root", "--port=0",
               "--IdentityProvider.token=t", "--ServerApp.open_browser=False"]
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stderr), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not (url := next((m[0] for line in list(lines) if (m := re.search(r"http://(localhost|127\.0\.0\.1):\d+/",
                                                                                  line))), None)):
            assert time.monotonic() < deadline and server.poll() is None, "".join(lines)
            time.sleep(0.2)
        started = urllib.request.Request(url + "api/kernels?token=t", data=b"{}", method="POST",
                                         headers={"Content-Type": "application/json"})
        kernel = json.loads(urllib.request.urlopen(started, timeout=30).read())
        deadline = time.monotonic() + 60
        while not any("Kernel started" in line for line in lines) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # the kernel's own start-up messages
        urllib.request.urlopen(urllib.request.Request(url + f"api/kernels/{kernel['id']}?token=t", method="DELETE"),
                               timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=10)
    return "".join(lines)


@pytest.mark.slow  # makes a venv, installs the student pins, runs JupyterLab and the notebook
def test_a_download_installs_and_runs_in_a_folder_with_spaces_and_from_the_folder_above(tmp_path, kernel_ipc):
    """As a student would: unzip outside the repository into a folder whose name has spaces, make
    a venv, install requirements.txt, `jupyter lab --version`, execute the notebook; then run it
    from the folder above (Colab's layout). Its Markdown has no MyST."""
    from heumezu_sphinx import runnable

    stem = "02_ultimatum_teaching"
    home = tmp_path / "My Documents" / "History 101"
    home.mkdir(parents=True)
    archive = runnable.archive_bytes(runnable.members(ROOT, ROOT / "notebooks" / f"{stem}.ipynb"))
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        zipped.extractall(home)
    folder = home / stem
    env = {k: v for k, v in os.environ.items()
           if k not in ("HEUMEZU_DATA", "PYTHONPATH", "VIRTUAL_ENV", "MPLCONFIGDIR", "IPYTHONDIR")}
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    base_python = os.environ.get("HEUMEZU_TEST_PYTHON", getattr(sys, "_base_executable", sys.executable))
    subprocess.run([base_python, "-m", "venv", ".venv"], cwd=folder, check=True, env=env)
    python = folder / ".venv" / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-r",
                              "requirements.txt"], cwd=folder, capture_output=True, text=True, env=env, check=False)
    assert install.returncode == 0, install.stderr[-3000:]
    assert "ERROR" not in install.stderr
    lab = subprocess.run([str(folder / ".venv" / "bin" / "jupyter"), "lab", "--version"], cwd=folder,
                         capture_output=True, text=True, env=env, check=False)
    assert lab.returncode == 0 and lab.stdout.strip()[0].isdigit(), lab.stderr
    # JupyterLab reads the download's .venv/etc/jupyter/: its kernels run encrypted, without the notice
    log = jupyterlab_kernel_log(folder, env)
    assert "Kernel started" in log and "without encryption" not in log, log[-3000:]
    markdown = markdown_of(json.loads((folder / f"{stem}.ipynb").read_text(encoding="utf-8")))
    assert plain_notebook.myst_left(markdown) == []
    # In its folder, then as Colab has it: the notebook in the folder above the unzipped download.
    shutil.copy(folder / f"{stem}.ipynb", home / f"{stem}.ipynb")
    for where in (folder, home):
        run = subprocess.run([str(folder / ".venv" / "bin" / "jupyter"), "nbconvert", "--to", "notebook",
                              "--execute", "--inplace", *kernel_ipc[1], f"{stem}.ipynb"],
                             cwd=where, capture_output=True, text=True, env=env, check=False)
        assert run.returncode == 0, run.stderr[-3000:]
        assert "without encryption" not in run.stderr  # the kernel ran over ipc
        executed = (where / f"{stem}.ipynb").read_text(encoding="utf-8")
        assert '"output_type": "error"' not in executed
