"""A built PDF's outline (bookmarks) and the page ranges of its chapters, read with poppler.

hyperref writes each bookmark from the heading's number and title as TeX knows them, so the
outline is the book's structure without depending on any one poppler's text extraction. Used by
the release (a PDF per chapter, cut with qpdf) and by the PDF tests.
"""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

CHAPTER = re.compile(r"(\d+) (.+)")


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (depth, title, page), in order; depth 0 is the outermost."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-nodrm", "-stdout", str(pdf)], check=True,
                         capture_output=True, text=True, encoding="utf-8", errors="replace").stdout
    start = xml.find("<outline>")
    if start < 0:
        raise ValueError(f"{pdf}: the PDF has no outline (bookmarks)")
    items, depth = [], -1
    for tag in re.finditer(r"</?outline>|<item\b([^>]*)>(.*?)</item>", xml[start:], re.DOTALL):
        if tag.group(0) == "<outline>":
            depth += 1
        elif tag.group(0) == "</outline>":
            depth -= 1
            if depth < 0:
                break
        else:
            page = re.search(r'page="(\d+)"', tag.group(1))
            title = html.unescape(re.sub(r"<[^>]+>", "", tag.group(2)))
            items.append((depth, " ".join(title.split()), int(page.group(1)) if page else 0))
    return items


def chapter_depth(items: list[tuple[int, str, int]]) -> int:
    """The depth of chapters: that of chapter 1 (below its part, where the book has parts)."""
    return next(depth for depth, title, _page in items if title.startswith("1 "))


def chapter_pages(items: list[tuple[int, str, int]], last_page: int) -> list[tuple[int, str, int, int]]:
    """(number, title, first page, last page) of each numbered chapter: a chapter runs to the page
    before the next entry at its depth or above (a chapter, a part, the index)."""
    depth = chapter_depth(items)
    chapters = []
    for index, (d, title, first) in enumerate(items):
        match = CHAPTER.fullmatch(title)
        if d != depth or not match:
            continue
        following = [page for dd, _t, page in items[index + 1:] if dd <= depth and page > 0]
        end = following[0] - 1 if following else last_page
        chapters.append((int(match.group(1)), match.group(2), first, max(first, end)))
    return chapters


def extract_pages(pdf: Path, pages: list[int]) -> bytes:
    """A PDF of the given pages (1-based, in order) of ``pdf``, made by qpdf into an empty document
    (so no bookmark points at a page left out), with a deterministic file id: the same bytes each run.
    poppler's pdfseparate and pdfunite were tried first: each page kept its own copy of the fonts
    (five times the size) and the file id changed with every run."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "pages.pdf"
        subprocess.run(["qpdf", "--deterministic-id", "--empty", "--pages", str(pdf), ",".join(map(str, pages)),
                        "--", str(out)], check=True, capture_output=True)
        return out.read_bytes()


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
