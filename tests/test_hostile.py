"""Data can never become markup: hostile values in every field that reaches a page, the LaTeX
source of the PDF or the TEI file appear there as literal text, and nothing they name is run,
included or copied."""
from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import hostile_data
from conftest import DATA, ROOT
from heumezu import citation

pytestmark = pytest.mark.build


def _folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """HTML and LaTeX built from a hostile copy of data/, with an execution cache of its own."""
    tmp = tmp_path_factory.mktemp("hostile")
    written = hostile_data.make(DATA, tmp / "data")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["cache"] = str(tmp / "jupyter_cache")  # the worktree's cache stays as it is
    (tmp / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = os.environ | {"HEUMEZU_DATA": str(tmp / "data"), "MPLCONFIGDIR": str(ROOT / ".mplconfig"),
                        "IPYTHONDIR": str(ROOT / "config" / "ipython"), "SOURCE_DATE_EPOCH": str(citation.load().source_date_epoch()),
                        "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    tei_file = ROOT / "book" / "sources" / "_generated" / "he-umezu-tei.xml"
    try:
        for builder in ("html", "latex"):
            result = subprocess.run(
                [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(ROOT), "--config", str(tmp / "_config.yml"),
                 "--path-output", str(tmp), "--builder", builder, "-W", "-n", "--keep-going"],
                cwd=tmp, capture_output=True, text=True, env=env, check=False)
            assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
        tei = tei_file.read_bytes()
    finally:
        tei_file.unlink(missing_ok=True)  # the hostile export; the next build writes the real one
    return {"html": tmp / "_build" / "html", "tex": tmp / "_build" / "latex" / "he-umezu-edition.tex",
            "tei": tei, "written": written}


def test_every_hostile_value_is_text_in_the_html(hostile_build):
    site = hostile_build["html"]
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html") if "_static" not in p.parts}
    text = _folded(" ".join(BeautifulSoup(html, "html.parser").get_text(" ") for html in pages.values()))
    missing = [field for field, value in hostile_build["written"].items() if _folded(value) not in text]
    assert not missing, missing
    for page, html in pages.items():
        scripts = [s for s in BeautifulSoup(html, "html.parser").find_all("script") if "alert(1)" in (s.string or "")]
        assert not scripts, page
        assert "<img src=x" not in html and "<b>bold</b>" not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "HOSTILE" not in html or "alert(1)</script>" not in html


def test_nothing_outside_the_book_is_published(hostile_build):
    site = hostile_build["html"]
    downloads = [p.name for p in (site / "_downloads").rglob("*") if p.is_file()]
    runnable = {f"{nb.stem}.zip" for nb in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(downloads) <= {"he-umezu-tei.xml"} | runnable, downloads
    for archive in (site / "_downloads").rglob("*.zip"):  # the chapters' runnable downloads
        with zipfile.ZipFile(archive) as zipped:
            names = zipped.namelist()
        stem = archive.stem
        assert all(n.split("/")[1] in {f"{stem}.ipynb", "requirements.txt", "README.txt", "heumezu", "data"}
                   or n == f"{stem}/.venv/etc/jupyter/jupyter_server_config.json" for n in names), names
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").is_file() else None
    if hostname and len(hostname) > 6:
        for page in site.rglob("*.html"):
            assert f">{hostname}<" not in page.read_text(encoding="utf-8"), page
    assert not (ROOT / "pwned").exists()


def test_every_hostile_value_is_escaped_text_in_the_latex(hostile_build):
    from sphinx.util import texescape

    texescape.init()  # the escaping tables the LaTeX writer uses for text
    tex = hostile_build["tex"].read_text(encoding="utf-8")
    assert "\\input{/etc" not in tex and "\\write18{" not in tex
    assert "\\textbackslash{}input" in tex and "\\textbackslash{}write18" in tex
    flat = _folded(tex)
    missing = [field for field, value in hostile_build["written"].items()
               if _folded(texescape.escape(_folded(value), "xelatex")) not in flat]
    assert not missing, missing


def test_every_hostile_value_is_text_in_the_tei(hostile_build):
    root = ET.fromstring(hostile_build["tei"])  # well-formed
    text = " ".join(root.itertext())
    in_tei = [f for f in hostile_build["written"]
              if f.split(":")[0] in ("witnesses.csv", "readings.csv", "lacunae.csv", "witness-F")
              and f != "witnesses.csv:revision"]  # the TEI header does not give the revision
    assert in_tei
    for field in in_tei:
        assert hostile_build["written"][field] in text, field
    assert not re.search(rb"<script|<img|<!--", hostile_build["tei"])


def test_search_index_holds_titles_as_escaped_text(hostile_build):
    """The search page inserts titles and index entries as HTML: from data, they are escaped text
    (heumezu_sphinx.search_index; the browser side is tests/test_browser_safety.py)."""
    raw = (hostile_build["html"] / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    # Page titles are HTML already; Sphinx's own markup there is its section numbers.
    numbers = re.compile(r'<span class="section-number">[0-9.]+ </span>')
    shown = [*(numbers.sub("", t) for t in index["titles"]), *index["alltitles"], *index["indexentries"]]
    assert any("HOSTILE-documents-title" in title for title in index["alltitles"])
    assert not [t for t in shown if "<" in t or ">" in t]
