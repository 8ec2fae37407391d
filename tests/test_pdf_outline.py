"""heumezu_sphinx.pdf_outline: chapters' page ranges from a PDF's outline, and the pages cut out
of a PDF (the release's chapter PDFs)."""
from __future__ import annotations

import shutil
import subprocess

import matplotlib
import pytest

from heumezu_sphinx import pdf_outline

matplotlib.use("Agg")

BOOK = [
    (0, "Introduction", 5), (0, "I Chapters", 6), (1, "1 Background", 7), (2, "1.1 Mukden", 7),
    (2, "1.2 Rehe", 9), (1, "2 The ultimatum", 12), (2, "2.1 Tianjin", 12), (0, "II Documents", 20),
    (1, "3 The documents", 21), (0, "III About", 30), (1, "4 How to cite", 31), (1, "Index", 33),
]


def test_a_chapter_runs_to_the_page_before_the_next_chapter_part_or_index():
    assert pdf_outline.chapter_depth(BOOK) == 1
    assert pdf_outline.chapter_pages(BOOK, 35) == [
        (1, "Background", 7, 11), (2, "The ultimatum", 12, 19), (3, "The documents", 21, 29),
        (4, "How to cite", 31, 32)]


def test_without_parts_chapters_are_at_the_top():
    flat = [(0, "Introduction", 1), (0, "1 One", 2), (1, "1.1 A", 2), (0, "2 Two", 4)]
    assert pdf_outline.chapter_pages(flat, 6) == [(1, "One", 2, 3), (2, "Two", 4, 6)]


def test_a_chapter_on_one_page_shares_it_with_the_next():
    # Two entries on one page: the first still gets its page (never an empty range).
    assert pdf_outline.chapter_pages([(0, "1 One", 3), (0, "2 Two", 3)], 4) == [(1, "One", 3, 3), (2, "Two", 3, 4)]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf comes with `make tex-env` (make test installs it)")
def test_pages_are_cut_in_order_and_the_same_bytes_each_time(tmp_path):
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    source = tmp_path / "book.pdf"
    with PdfPages(source, metadata={"CreationDate": None, "ModDate": None}) as pdf:
        for page in range(1, 7):
            fig = Figure(figsize=(2, 2))
            fig.text(0.5, 0.5, f"PAGE{page}")
            pdf.savefig(fig)
    first = pdf_outline.extract_pages(source, [1, 2, 5, 6])
    assert first == pdf_outline.extract_pages(source, [1, 2, 5, 6])
    out = tmp_path / "cut.pdf"
    out.write_bytes(first)
    assert pdf_outline.page_count(out) == 4
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert [w for w in text.split() if w.startswith("PAGE")] == ["PAGE1", "PAGE2", "PAGE5", "PAGE6"]
