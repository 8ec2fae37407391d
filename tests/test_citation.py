"""The citation comes from CITATION.cff alone: a new fact there reaches every output."""
from __future__ import annotations

import yaml
from pybtex.database import parse_string

from conftest import ROOT
from heumezu import citation


def _cff(tmp_path, **changes):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")) | changes
    path = tmp_path / "CITATION.cff"
    path.write_text(yaml.safe_dump(cff, allow_unicode=True), encoding="utf-8")
    return path


def test_the_reference_follows_the_file():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    before, title, after = citation.load().reference()
    assert title == cff["title"]
    assert before.startswith(cff["authors"][0]["name"]) and f"({str(cff['date-released'])[:4]})" in before
    assert f"version {cff['version']}" in after


def test_a_doi_added_to_the_file_reaches_the_citation(tmp_path):
    cite = citation.load(_cff(tmp_path, doi="10.5281/zenodo.0000000", version="0.2.0"))
    assert cite.reference()[2].endswith("https://doi.org/10.5281/zenodo.0000000")
    assert "doi     = {10.5281/zenodo.0000000}" in cite.bibtex()
    assert "version = {0.2.0}" in cite.bibtex()


def test_bibtex_values_cannot_open_new_fields(tmp_path):
    cite = citation.load(_cff(tmp_path, title="T}, note = {injected", version="1\\input{x}"))
    entry = parse_string(cite.bibtex(), "bibtex").entries["heumezu-edition-2026"]
    assert set(entry.fields) == {"title", "year", "version", "note"}
    assert entry.fields["title"] == "T, note = injected" and "\\" not in entry.fields["version"]


def test_person_authors(tmp_path):
    cite = citation.load(_cff(tmp_path, authors=[{"given-names": "Ada", "family-names": "Lovelace"}, {"name": "Team"}]))
    assert cite.authors == ("Ada Lovelace", "Team")
    assert "author  = {{Ada Lovelace} and {Team}}" in cite.bibtex()


def test_licence_names():
    assert citation.licence_name("CC-BY-SA-4.0") == "CC BY-SA 4.0"
    assert citation.licence_name("MIT") == "MIT"
