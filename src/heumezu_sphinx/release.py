"""``make release``: the files a lecturer downloads, each named with the edition's version.

The version and the date come from ``CITATION.cff`` (:mod:`heumezu.citation`, the one reader of
that file); nothing here types them. From a finished build (``make book pdf-instructor``) this
writes ``_build/release/`` holding

    he-umezu-edition-VERSION.pdf               the reader's PDF
    he-umezu-edition-VERSION-instructor.pdf    the same with the teaching sections' solutions
    he-umezu-edition-VERSION-chapter-NN.pdf    each chapter of the reader's PDF, after the title
                                               page and imprint (licence, how to cite), for handouts
    he-umezu-edition-VERSION-site.zip          the HTML edition, to be served from a local server
    he-umezu-edition-VERSION-data.zip          the data package (the files datapackage.json describes)
    CHAPTER-VERSION.zip                        each chapter's runnable download
    SHA256SUMS                                 checksums of the above, as ``sha256sum -c`` reads them

Archives are byte-reproducible: sorted entries, each dated with the release date. The folder is
assembled beside its place and renamed into it, so a failed or interrupted run leaves the previous
release (or none), never half of one.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from heumezu import citation

from . import pdf_outline, runnable

PDF = "he-umezu-edition.pdf"
INSTRUCTOR_PDF = "he-umezu-edition-instructor.pdf"
RUNNABLE = runnable.GENERATED  # where the build writes the runnable downloads

SITE_README = """\
{title}, version {version} ({date}): the HTML edition.

Open it through a local web server (the search and some links do not work from file:// addresses):

    python3 -m http.server --directory {folder} 8000

then visit http://localhost:8000/ in a browser. Any static web server will do.
Text and data: {licence}. Code: MIT.
"""


class ReleaseError(Exception):
    """A file the release needs is missing: the message says which and what builds it."""


def _zip_time(day: str) -> tuple[int, int, int, int, int, int]:
    d = date.fromisoformat(day)
    return (max(d.year, 1980), d.month, d.day, 0, 0, 0)


def archive(files: dict[str, bytes], day: str) -> bytes:
    """A zip of ``files`` (name → bytes), entries sorted and dated ``day``: the same bytes each run."""
    return runnable.archive_bytes(files, _zip_time(day))


def _tree(folder: Path, prefix: str) -> dict[str, bytes]:
    """Every regular file under ``folder`` (symbolic links are not followed), under ``prefix/``."""
    return {f"{prefix}/{path.relative_to(folder).as_posix()}": path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


def _need(path: Path, made_by: str) -> Path:
    if not path.is_file():
        raise ReleaseError(f"{path}: missing; run `{made_by}` first")
    return path


#: The pages every chapter's PDF begins with: the title page and its back (version, licence, how to cite).
FRONT_PAGES = [1, 2]


def chapter_pdfs(pdf: Path, stem: str) -> dict[str, bytes]:
    """``STEM-chapter-NN.pdf`` for each numbered chapter of ``pdf``, from its outline."""
    try:
        chapters = pdf_outline.chapter_pages(pdf_outline.outline(pdf), pdf_outline.page_count(pdf))
        if not chapters:
            raise ValueError("no numbered chapters in the PDF's outline")
        return {f"{stem}-chapter-{number:02d}.pdf":
                pdf_outline.extract_pages(pdf, FRONT_PAGES + list(range(first, last + 1)))
                for number, _title, first, last in chapters}
    except (ValueError, StopIteration, OSError, subprocess.CalledProcessError) as problem:
        detail = problem.stderr.decode(errors="replace").strip() if getattr(problem, "stderr", None) else problem
        raise ReleaseError(f"{pdf}: cannot cut the chapters' PDFs ({detail}); run `make pdf` again") from None


def contents(root: Path, build: Path, data: Callable[[], list[tuple[str, Path]]]) -> dict[str, bytes]:
    """The release's files by name. ``data()`` gives the data package's files as (relative path,
    path); it is called once the build's files are known to be there."""
    cite = citation.load(root / citation.CFF)
    version, day = cite.version, cite.date_released
    if not version or not day:
        raise ReleaseError(f"{root / citation.CFF}: 'version' and 'date-released' are both needed "
                           "for a release")
    stem = f"he-umezu-edition-{version}"
    site = build / "html"
    if not (site / "index.html").is_file():
        raise ReleaseError(f"{site / 'index.html'}: missing; run `make book` first")
    reader_pdf = _need(site / PDF, "make pdf")  # the one the site links
    instructor_pdf = _need(build / INSTRUCTOR_PDF, "make pdf-instructor")
    files = {f"{stem}.pdf": reader_pdf.read_bytes(), f"{stem}-instructor.pdf": instructor_pdf.read_bytes()}
    files.update(chapter_pdfs(reader_pdf, stem))
    site_files = _tree(site, f"{stem}-site")
    site_files[f"{stem}-site/README.txt"] = SITE_README.format(
        title=cite.title, version=version, date=day, folder=f"{stem}-site",
        licence=citation.licence_name(cite.licence)).encode("utf-8")
    files[f"{stem}-site.zip"] = archive(site_files, day)
    downloads = sorted((root / RUNNABLE).glob("*.zip"))
    if not downloads:
        raise ReleaseError(f"{root / RUNNABLE}: no runnable downloads; run `make book` first")
    files[f"{stem}-data.zip"] = archive({f"{stem}-data/{rel}": path.read_bytes() for rel, path in data()}, day)
    for download in downloads:
        files[f"{download.stem}-{version}.zip"] = download.read_bytes()
    files["SHA256SUMS"] = "".join(f"{hashlib.sha256(content).hexdigest()}  {name}\n"
                                  for name, content in sorted(files.items())).encode("ascii")
    return files


def write(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into ``target`` whole: assembled beside it, then renamed into place."""
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for name, content in files.items():
        (partial / name).write_bytes(content)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    partial.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> int:
    """``python -m heumezu_sphinx.release [BUILD]``: write BUILD/release (BUILD: ``_build``)."""
    from heumezu import DataError

    root = Path.cwd()
    build = Path(argv[0]) if argv else root / "_build"
    try:
        files = contents(root, build, runnable.shipped_data)  # validates the data package first
    except (ReleaseError, DataError) as problem:
        print(f"release: {problem}", file=sys.stderr)
        return 1
    write(build / "release", files)
    for name in sorted(files):
        print(f"release: {build / 'release' / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
