"""The release: version and date typed once (CITATION.cff), the changelog in step with it, and
``make release``'s files named, checksummed, reproducible and written whole."""
from __future__ import annotations

import hashlib
import importlib.util
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from heumezu import citation
from heumezu_sphinx import release

_spec = importlib.util.spec_from_file_location("source_date_epoch", ROOT / "tools" / "source_date_epoch.py")
source_date_epoch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(source_date_epoch)


def test_the_makefile_epoch_is_the_release_date_of_citation_cff():
    cite = citation.load()
    assert source_date_epoch.epoch(ROOT / "CITATION.cff") == cite.source_date_epoch()
    assert not re.search(r"SOURCE_DATE_EPOCH\s*\??=\s*\d", (ROOT / "Makefile").read_text(encoding="utf-8"))


@pytest.mark.parametrize("line", ['date-released: "2027-01-31"', "date-released: 2027-01-31",
                                  "date-released: '2027-01-31'  # the day of the tag"])
def test_the_stdlib_reader_takes_the_forms_yaml_allows(tmp_path, line):
    cff = tmp_path / "CITATION.cff"
    cff.write_text(f"cff-version: 1.2.0\ntitle: t\nversion: 1.0.0\n{line}\n", encoding="utf-8")
    assert source_date_epoch.epoch(cff) == citation.load(cff).source_date_epoch() == 1801353600


def test_the_stdlib_reader_refuses_a_file_without_a_date(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text("cff-version: 1.2.0\ntitle: t\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "source_date_epoch.py"), str(cff)],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "date-released" in result.stderr and "Traceback" not in result.stderr


def test_the_changelog_names_the_current_version_with_its_date():
    cite = citation.load()
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    assert released, "no released version in CHANGELOG.md"
    assert released[0] == (cite.version, cite.date_released)


# --- the release's files, from a small stand-in build -------------------------------------------

def _project(tmp_path: Path, version: str = "2.3.4", day: str = "2027-03-01") -> tuple[Path, Path]:
    root, build = tmp_path / "project", tmp_path / "project" / "_build"
    (root / release.RUNNABLE).mkdir(parents=True)
    (root / "CITATION.cff").write_text(
        f'cff-version: 1.2.0\ntitle: "An edition"\nauthors:\n  - name: "Editors"\n'
        f'version: {version}\ndate-released: "{day}"\nlicense: CC-BY-SA-4.0\n', encoding="utf-8")
    for name in ("02_ultimatum.zip", "02_ultimatum_teaching.zip"):
        (root / release.RUNNABLE / name).write_bytes(b"PK runnable " + name.encode())
    (build / "html" / "_static").mkdir(parents=True)
    (build / "html" / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (build / "html" / "_static" / "edition.css").write_text("p{}", encoding="utf-8")
    (build / "html" / release.PDF).write_bytes(b"%PDF reader")
    (build / release.INSTRUCTOR_PDF).write_bytes(b"%PDF instructor")
    data = root / "data"
    data.mkdir()
    (data / "datapackage.json").write_text("{}", encoding="utf-8")
    return root, build


@pytest.fixture(autouse=True)
def _stub_chapters(monkeypatch):
    """The stand-in PDFs have no outline: one stand-in chapter (pdf_outline, which cuts the real
    ones, is tested in test_pdf_outline.py). A test that wants the real cut undoes this."""
    monkeypatch.setattr(release, "chapter_pdfs", lambda pdf, stem: {f"{stem}-chapter-01.pdf": b"%PDF ch1"})


def _data(root: Path):
    return lambda: [("datapackage.json", root / "data" / "datapackage.json")]


def test_every_file_is_named_with_the_version_and_checksummed(tmp_path):
    root, build = _project(tmp_path)
    files = release.contents(root, build, _data(root))
    assert sorted(files) == sorted([
        "he-umezu-edition-2.3.4.pdf", "he-umezu-edition-2.3.4-instructor.pdf",
        "he-umezu-edition-2.3.4-site.zip", "he-umezu-edition-2.3.4-data.zip",
        "he-umezu-edition-2.3.4-chapter-01.pdf",
        "02_ultimatum-2.3.4.zip", "02_ultimatum_teaching-2.3.4.zip", "SHA256SUMS"])
    sums = dict(reversed(line.split("  ", 1)) for line in files["SHA256SUMS"].decode().splitlines())
    assert set(sums) == set(files) - {"SHA256SUMS"}
    assert all(hashlib.sha256(files[name]).hexdigest() == digest for name, digest in sums.items())
    assert files["he-umezu-edition-2.3.4-instructor.pdf"] == b"%PDF instructor"


def test_the_site_archive_holds_the_site_and_says_how_to_serve_it(tmp_path):
    root, build = _project(tmp_path)
    files = release.contents(root, build, _data(root))
    with zipfile.ZipFile(io.BytesIO(files["he-umezu-edition-2.3.4-site.zip"])) as zf:
        names = zf.namelist()
        readme = zf.read("he-umezu-edition-2.3.4-site/README.txt").decode()
        dates = {info.date_time for info in zf.infolist()}
    assert "he-umezu-edition-2.3.4-site/index.html" in names
    assert "he-umezu-edition-2.3.4-site/_static/edition.css" in names
    assert "python3 -m http.server --directory he-umezu-edition-2.3.4-site" in readme
    assert "version 2.3.4 (2027-03-01)" in readme
    assert dates == {(2027, 3, 1, 0, 0, 0)}
    with zipfile.ZipFile(io.BytesIO(files["he-umezu-edition-2.3.4-data.zip"])) as zf:
        assert zf.namelist() == ["he-umezu-edition-2.3.4-data/datapackage.json"]


def test_the_archives_are_the_same_bytes_each_run(tmp_path):
    root, build = _project(tmp_path)
    first = release.contents(root, build, _data(root))
    (build / "html" / "index.html").touch()  # a newer mtime changes nothing
    assert release.contents(root, build, _data(root)) == first


@pytest.mark.parametrize(("missing", "says"), [
    ("_build/he-umezu-edition-instructor.pdf", "make pdf-instructor"),
    ("_build/html/he-umezu-edition.pdf", "make pdf"),
    ("_build/html/index.html", "make book"),
])
def test_a_missing_build_file_is_named_with_what_makes_it(tmp_path, missing, says):
    root, build = _project(tmp_path)
    (root / missing).unlink()
    called = []
    with pytest.raises(release.ReleaseError, match=re.escape(says)) as caught:
        release.contents(root, build, lambda: called.append(1) or [])
    assert Path(missing).name in str(caught.value)
    assert not called  # the data is not read for a release that cannot be made


def test_no_runnable_downloads_is_an_error(tmp_path):
    root, build = _project(tmp_path)
    shutil.rmtree(root / release.RUNNABLE)
    with pytest.raises(release.ReleaseError, match="runnable"):
        release.contents(root, build, _data(root))


def test_a_version_is_required(tmp_path):
    root, build = _project(tmp_path)
    cff = root / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8").replace("version: 2.3.4\n", ""), encoding="utf-8")
    with pytest.raises(release.ReleaseError, match="version"):
        release.contents(root, build, _data(root))


def test_the_release_folder_is_replaced_whole(tmp_path):
    target = tmp_path / "release"
    release.write(target, {"a-1.zip": b"1", "SHA256SUMS": b"x"})
    release.write(target, {"a-2.zip": b"2", "SHA256SUMS": b"y"})
    assert sorted(p.name for p in target.iterdir()) == ["SHA256SUMS", "a-2.zip"]
    assert [p.name for p in tmp_path.iterdir()] == ["release"]


def test_a_failed_write_leaves_the_previous_release(tmp_path, monkeypatch):
    target = tmp_path / "release"
    release.write(target, {"a-1.zip": b"1"})

    def full_disk(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError):
        release.write(target, {"a-2.zip": b"2"})
    monkeypatch.undo()
    assert sorted(p.name for p in target.iterdir()) == ["a-1.zip"]


def test_main_reports_a_missing_build_without_a_traceback(tmp_path, capsys, monkeypatch):
    root, build = _project(tmp_path)
    (build / release.INSTRUCTOR_PDF).unlink()
    monkeypatch.chdir(root)
    assert release.main([str(build)]) == 1
    err = capsys.readouterr().err
    assert "make pdf-instructor" in err and "Traceback" not in err
    assert not (build / "release").exists()


def test_a_pdf_without_an_outline_is_a_release_error_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.undo()  # the real chapter_pdfs
    root, build = _project(tmp_path)
    with pytest.raises(release.ReleaseError, match="make pdf"):
        release.contents(root, build, _data(root))
