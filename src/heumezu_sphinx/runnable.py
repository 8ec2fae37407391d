"""A runnable download for each chapter: the notebook with everything it needs to run elsewhere.

The site's own ``.ipynb`` download imports the ``heumezu`` package and reads ``data/``, so on its
own it runs only inside a clone. Each chapter therefore also offers a zip archive holding

    <chapter>/<chapter>.ipynb    the notebook for plain Jupyter (:mod:`heumezu.plain_notebook`: no
                                 MyST, numbered exercises, citations as references, a first cell
                                 that finds the data, also in Colab); for a teaching section, of
                                 the student copy without the solutions (:mod:`heumezu.worksheet`)
    <chapter>/heumezu/           the package, beside the notebook, so ``import heumezu`` works
    <chapter>/data/              the evidence (a Frictionless data package)
    <chapter>/requirements.txt   the student pins (requirements/student.txt: what the notebooks
                                 need, and JupyterLab; nothing of the book's build)
    <chapter>/README.txt         how to install and run it on each kind of machine, where the data
                                 and their explanation are, the licences (:mod:`heumezu.student`)
    <chapter>/.venv/etc/jupyter/jupyter_server_config.json
                                 JupyterLab's kernels encrypted, in the venv the student makes
                                 there (heumezu.student.SERVER_CONFIG)

Archives are byte-reproducible (sorted entries, fixed timestamps) and rewritten only when their
content changes, so Sphinx does not see a new file on every build.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import nbformat
from sphinx.application import Sphinx

import heumezu
from heumezu import datafiles, plain_notebook, student, worksheet

GENERATED = Path("book") / "_generated" / "runnable"
TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can record: no build date in the archive

TITLE = "The He-Umezu Agreement, 1935: an executable edition"
STUDENT_REQUIREMENTS = Path("requirements") / "student.txt"


def members(root: Path, notebook: Path, base_url: str = "", ev=None) -> dict[str, bytes]:
    """Archive path -> content, for the chapter ``notebook`` of the project at ``root``; links in
    the notebook go to ``base_url`` (the edition's address, html_baseurl) if it is set. ``ev``:
    the evidence, loaded once by the caller of several (else here)."""
    ev = ev if ev is not None else heumezu.load()
    stem = notebook.stem
    files = {f"{stem}/{notebook.name}": _notebook_bytes(notebook, root, base_url, ev),
             f"{stem}/{student.REQUIREMENTS}": (root / STUDENT_REQUIREMENTS).read_bytes()}
    package = root / "src" / "heumezu"
    for path in sorted(package.rglob("*.py")):
        files[f"{stem}/heumezu/{path.relative_to(package).as_posix()}"] = path.read_bytes()
    for rel, path in shipped_data(ev):
        files[f"{stem}/data/{rel}"] = path.read_bytes()
    files[f"{stem}/README.txt"] = student.readme(stem, _requires_python(root), TITLE).encode("utf-8")
    files[f"{stem}/{student.SERVER_CONFIG}"] = (json.dumps(student.SERVER_SETTINGS, indent=1) + "\n").encode("utf-8")
    return files


def shipped_data(ev=None) -> list[tuple[str, Path]]:
    """The files of data/ that the package describes (validated first: load() raises otherwise);
    anything else in the folder is never copied into a download."""
    ev = ev if ev is not None else heumezu.load()  # what the book is built from (HEUMEZU_DATA honoured)
    resources = [r["path"] for r in json.loads((ev.data_dir / "datapackage.json").read_text("utf-8"))["resources"]]
    tables = {name: ev.tables[name].to_dict("records") for name in datafiles.TEXT_FILES}
    known = datafiles.described(resources, tables, ev.data_dir)
    return [(rel, ev.data_dir / rel) for rel in datafiles.files(ev.data_dir) if rel in known]


def _notebook_bytes(notebook: Path, root: Path, base_url: str, ev) -> bytes:
    """The notebook for plain Jupyter (:mod:`heumezu.plain_notebook`; for a teaching section, of
    its student copy), written by nbformat (validated: a copy that is not a valid notebook stops
    the build, never reaches a reader)."""
    content = nbformat.reads(notebook.read_text(encoding="utf-8"), as_version=nbformat.NO_CONVERT)
    if worksheet.has_solutions(content):
        content = worksheet.student_copy(content)
    context = plain_notebook.context_for(root, ev, notebook.stem, base_url)
    copy = nbformat.from_dict(plain_notebook.convert(content, context))
    # The answer cells the student copy adds have no id (required since nbformat 4.5); nbformat
    # would add random ones, so each archive would differ. The ids here follow the cells' places.
    taken = {cell.get("id") for cell in copy.cells}
    for index, cell in enumerate(copy.cells):
        if "id" not in cell:
            cell.id = next(f"student-{index}-{n}" for n in range(len(copy.cells) + 1)
                           if f"student-{index}-{n}" not in taken)
            taken.add(cell.id)
    return (nbformat.writes(copy, version=nbformat.NO_CONVERT) + "\n").encode("utf-8")


def _requires_python(root: Path) -> str:
    return student.requires_python(root)


def archive_bytes(files: dict[str, bytes], date_time: tuple[int, ...] = TIMESTAMP) -> bytes:
    """A zip of ``files`` (name → bytes), entries sorted, each dated ``date_time``: the same bytes each run."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def write_archives(root: Path, base_url: str = "") -> list[Path]:
    """One archive per chapter notebook in ``notebooks/``; unchanged archives are left untouched."""
    target = root / GENERATED
    target.mkdir(parents=True, exist_ok=True)
    written = []
    ev = heumezu.load()
    for notebook in sorted((root / "notebooks").glob("*.ipynb")):
        path = target / f"{notebook.stem}.zip"
        content = archive_bytes(members(root, notebook, base_url, ev))
        if not path.is_file() or path.read_bytes() != content:
            partial = path.with_suffix(".zip.partial")
            partial.write_bytes(content)
            partial.replace(path)  # never a half-written archive
        written.append(path)
    return written


def _write(app: Sphinx) -> None:
    write_archives(Path(app.srcdir), app.config.html_baseurl or "")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
