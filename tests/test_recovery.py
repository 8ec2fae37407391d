"""A failed or interrupted build never poisons the next one, and the next one equals a clean build.

Cases: xelatex killed part-way (truncated .aux, scratch folder left behind), Ctrl-C while Sphinx
writes the pages. (Fonts installed late and executions that wrote to stderr: test_first_run.py.)
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

import pdftext
from conftest import ROOT
from heumezu import citation

pytestmark = pytest.mark.build

PDF = "he-umezu-edition.pdf"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PAGE_WRITING = re.compile(r"writing output\.\.\. \[\s*\d+%\]")
BUILD_PDF = ROOT / "tools" / "build-pdf.sh"


def _pdf_text(path: Path) -> str:
    """The PDF's text: compared only with the text of another PDF read by the same pdftotext."""
    return pdftext.extract(path)


def _build_pdf(latex: Path, html: Path, **kwargs):
    return subprocess.Popen(["bash", str(BUILD_PDF), str(latex), PDF, str(html)], start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def _wait_for(path_glob: Path, pattern: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if list(path_glob.glob(pattern)):
            return True
        time.sleep(0.2)
    return False


def test_killed_xelatex_does_not_poison_the_next_pdf(built, tmp_path):
    work = tmp_path / "_build"
    latex, html = work / "latex", work / "html"
    shutil.copytree(built / "latex", latex)
    good = _pdf_text(latex / PDF)
    assert pdftext.normalise(citation.load().title) in pdftext.normalise(good)  # a PDF with text to compare
    (latex / ".pdf-sources.sha256").write_text("stale\n")  # the sources "changed": typeset again

    # Kill the typesetting once xelatex has started writing its auxiliary files.
    run = _build_pdf(latex, html)
    assert _wait_for(work, ".pdf-scratch.*/*.aux", 120), "xelatex never started"
    time.sleep(2)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    assert list(work.glob(".pdf-scratch.*")), "the killed run should have left its scratch folder"
    assert _pdf_text(latex / PDF) == good  # the last good PDF is still in place, whole
    (latex / "he-umezu-edition.aux").write_text("\\relax\n\\@writefile{toc}{\\contentsline {chapter}{")

    again = _build_pdf(latex, html)
    output, _ = again.communicate(timeout=600)
    assert again.returncode == 0, output[-3000:]
    assert not list(work.glob(".pdf-scratch.*"))
    assert _pdf_text(latex / PDF) == good
    assert (html / PDF).read_bytes() == (latex / PDF).read_bytes()

    # Nothing changed since: no typesetting at all.
    third = _build_pdf(latex, html)
    output, _ = third.communicate(timeout=60)
    assert third.returncode == 0 and "PDF up to date" in output


def test_ctrl_c_while_pages_are_written_then_a_build_equals_a_clean_one(built, tmp_path):
    out = tmp_path / "out"
    command = ["make", "--no-print-directory", "html", f"OUT={out}"]
    run = subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    seen = []
    for line in run.stdout:
        seen.append(ANSI.sub("", line))
        if PAGE_WRITING.search(seen[-1]):  # Sphinx is writing the HTML pages, one by one
            os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
            break
    run.communicate(timeout=120)
    assert any(PAGE_WRITING.search(line) for line in seen), "".join(seen)[-3000:]
    assert run.returncode != 0
    assert (out / "_build" / ".html-incomplete").exists()

    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert again.returncode == 0, (again.stdout + again.stderr)[-3000:]
    assert not (out / "_build" / ".html-incomplete").exists()
    clean = built / "html"
    rebuilt = out / "_build" / "html"
    assert (rebuilt / "searchindex.js").read_bytes() == (clean / "searchindex.js").read_bytes()
    pages = sorted(p.relative_to(clean) for p in clean.rglob("*.html"))
    assert pages == sorted(p.relative_to(rebuilt) for p in rebuilt.rglob("*.html"))
    different = [str(p) for p in pages if (clean / p).read_bytes() != (rebuilt / p).read_bytes()]
    assert not different
