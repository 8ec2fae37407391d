"""Every path in the data names a regular file inside data/, and is refused before it is opened."""
from __future__ import annotations

import json
import os

import pytest

from conftest import without_descriptor_lines

WITNESS_E = "001_d8286bee04c01950.txt"


def set_resource(data, index, key, value):
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["resources"][index][key] = value
    path.write_text(json.dumps(package), encoding="utf-8")


def refused(data, value, reason):
    return f"datapackage.json, field 'resources[2].path': resource 'actors': '{value}' {reason}"


@pytest.mark.parametrize("value, reason", [
    ("../data/actors.csv", "climbs out with '..'; give it relative to the data folder"),
    ("witnesses/../../actors.csv", "climbs out with '..'; give it relative to the data folder"),
    ("/etc/passwd", "is an absolute path; give it relative to the data folder"),
    ("https://example.org/actors.csv", "is a URL; only files inside the data folder may be named"),
    ("file:///etc/passwd", "is a URL; only files inside the data folder may be named"),
])
def test_resource_path_outside_data_is_refused(data_copy, validate_cli, value, reason):
    set_resource(data_copy, 2, "path", value)
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [refused(data_copy, value, reason)])


def test_resource_path_that_is_a_list_is_refused(data_copy, validate_cli):
    set_resource(data_copy, 2, "path", ["actors.csv"])
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [
        ("datapackage.json, field 'resources[2].path': resource 'actors': "
        "must be a single relative path (a string), not list")])


def test_symlinked_table_is_refused_before_it_is_read(data_copy, tmp_path, validate_cli):
    outside = tmp_path / "outside.csv"
    (data_copy / "actors.csv").rename(outside)
    os.symlink(outside, data_copy / "actors.csv")
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [refused(
        data_copy, "actors.csv", "goes through a symbolic link (actors.csv); data files must be regular files")])


def test_table_in_a_symlinked_folder_is_refused(data_copy, tmp_path, validate_cli):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (data_copy / "actors.csv").rename(outside / "actors.csv")
    os.symlink(outside, data_copy / "sub")
    set_resource(data_copy, 2, "path", "sub/actors.csv")
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [refused(
        data_copy, "sub/actors.csv", "goes through a symbolic link (sub); data files must be regular files")])


@pytest.mark.parametrize("value, reason", [
    ("../../README.md", "climbs out with '..'; give it relative to the data folder"),
    ("/etc/hostname", "is an absolute path; give it relative to the data folder"),
    ("http:x", "is a URL; only files inside the data folder may be named"),
])
def test_witness_file_outside_data_is_refused(data_copy, validate_cli, value, reason):
    path = data_copy / "witnesses.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(WITNESS_E, value), encoding="utf-8")
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [f"witnesses.csv, line 3, field 'file': '{value}' {reason}"])


def test_symlinked_witness_is_refused(data_copy, tmp_path, validate_cli):
    target = data_copy / "witnesses" / WITNESS_E
    target.rename(tmp_path / WITNESS_E)
    os.symlink(tmp_path / WITNESS_E, target)
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [
        (f"witnesses.csv, line 3, field 'file': '{WITNESS_E}' goes through a symbolic link "
        f"({WITNESS_E}); data files must be regular files")])


def test_csv_not_described_is_reported(data_copy, validate_cli):
    (data_copy / "witnesses" / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [
        ("witnesses/notes.csv: not described in datapackage.json; "
        "add a resource with its schema, or move the file out of data/")])


def test_a_dangling_symlink_is_refused_by_load_not_crashed_on(data_copy):
    import heumezu
    from heumezu.problems import DataError

    (data_copy / "stray.csv").symlink_to(data_copy / "no-such-file.csv")
    with pytest.raises(DataError, match="stray.csv"):
        heumezu.load(data_copy)
