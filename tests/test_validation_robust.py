"""Inputs that used to crash the validator or mislead it: each gives exact, located messages,
root cause first, and never a traceback. Messages are compared in full, so that a cascade of
consequences (or a lost location) fails the test."""
from __future__ import annotations

import hashlib
import importlib
import json

import pytest

import heumezu as hu
from conftest import without_descriptor_lines

validate_module = importlib.import_module("heumezu.validate")  # the package re-exports validate(), the function

WITNESS_E = "001_d8286bee04c01950.txt"
WITNESS_F = "000_0fbfcf475b887f3e.txt"
OFFSETS_NOT_CHECKED = ("offsets into this witness (attestations, readings, segments, lacunae, alignment) "
                       "were not checked; fix the problem(s) above first")


def replace_once(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_descriptor(data, change):
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(change(package)), encoding="utf-8")


# --- datapackage.json -------------------------------------------------------------------------

SHAPE = "datapackage.json, field 'resources': the top level must be an object with a non-empty list 'resources'"


def without(key):
    return lambda r: {k: v for k, v in r.items() if k != key}


@pytest.mark.parametrize("change, expected", [
    (lambda p: {k: v for k, v in p.items() if k != "resources"}, [SHAPE]),
    (lambda p: p["resources"], [SHAPE]),
    (lambda p: dict(p, resources=[]), [SHAPE]),
    (lambda p: dict(p, resources=p["resources"][:2] + [dict(p["resources"][2], name="places")] + p["resources"][3:]),
     ["datapackage.json, field 'resources[2].name': resource 'places': the name 'places' is used by an earlier resource"]),
    (lambda p: dict(p, resources=p["resources"][:2] + [without("name")(p["resources"][2])] + p["resources"][3:]),
     ["datapackage.json, field 'resources[2].name': missing: every resource needs a name"]),
    (lambda p: dict(p, resources=p["resources"][:2] + [without("path")(p["resources"][2])] + p["resources"][3:]),
     ["datapackage.json, field 'resources[2].path': resource 'actors': missing: every resource needs a path"]),
    (lambda p: dict(p, resources=p["resources"][:2] + [without("schema")(p["resources"][2])] + p["resources"][3:]),
     [("datapackage.json, field 'resources[2].schema': resource 'actors': "
      "missing: every resource needs a schema object with its fields")]),
    (lambda p: dict(p, resources=p["resources"][:2] + ["actors.csv"] + p["resources"][3:]),
     ["datapackage.json, field 'resources[2]': must be an object with name, path and schema"]),
    (lambda p: dict(p, resources=p["resources"][:2] + [dict(p["resources"][2], dialect={"delimiter": ";"})]
                    + p["resources"][3:]),
     [("datapackage.json, field 'resources[2].dialect': resource 'actors': "
      "is not supported in this edition's descriptor")]),
], ids=["no-resources", "top-level-list", "empty-resources", "duplicate-name", "no-name", "no-path", "no-schema",
        "resource-not-object", "dialect"])
def test_malformed_descriptor_gives_one_located_message(data_copy, validate_cli, change, expected):
    edit_descriptor(data_copy, change)
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, expected)


def test_descriptor_that_is_not_json(data_copy, validate_cli):
    (data_copy / "datapackage.json").write_text('{"resources": [\n  {"name": "x",,}\n]}', encoding="utf-8")
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [("datapackage.json, line 2: not valid JSON: Expecting property name "
                                           "enclosed in double quotes")])


def test_invalid_schema_is_reported_not_raised(data_copy, validate_cli):
    def bad_type(p):
        p["resources"][2]["schema"]["fields"][0]["type"] = "blob"
        return p
    edit_descriptor(data_copy, bad_type)
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [("datapackage.json, field 'resources[2].schema': resource 'actors': "
                                           "Field is not valid: field type \"blob\" is not supported")])


# --- byte-order marks, encodings --------------------------------------------------------------

@pytest.mark.parametrize("table, referring", [
    ("witnesses.csv", "alignment.csv, attestations.csv, lacunae.csv, readings.csv, segments.csv"),
    ("actors.csv", "attestations.csv, demands.csv, event_actors.csv, relations.csv"),
])
def test_bom_is_one_problem_not_a_cascade(data_copy, validate_cli, table, referring):
    path = data_copy / table
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [
        f"{table}, line 1: starts with a UTF-8 byte-order mark; save without BOM",
        f"{table}: references to this table from {referring} were not checked; fix the problem(s) above first",
    ])


@pytest.mark.parametrize("update_checksum", [False, True], ids=["old-checksum", "new-checksum"])
def test_witness_that_is_not_utf8(data_copy, validate_cli, update_checksum):
    witness = data_copy / "witnesses" / WITNESS_E
    raw = witness.read_bytes()
    at = raw.index("–".encode())
    broken = raw[:at] + b"\x96" + raw[at + 3:]  # the dash in Windows-1252
    witness.write_bytes(broken)
    line = broken[:at].count(b"\n") + 1
    expected = [f"witnesses/{WITNESS_E}, line {line}: not UTF-8: byte 0x96 at byte offset {at}; save the file as UTF-8",
                f"witnesses/{WITNESS_E}: {OFFSETS_NOT_CHECKED}"]
    if update_checksum:
        replace_once(data_copy / "witnesses.csv", hashlib.sha256(raw).hexdigest(), hashlib.sha256(broken).hexdigest())
    else:
        expected.insert(0, f"witnesses.csv, line 3, field 'sha256': witnesses/{WITNESS_E} does not match its recorded SHA-256")
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, expected)


# --- the bibliography -------------------------------------------------------------------------

def test_unbalanced_brace_in_bib_is_one_error_and_one_summary(data_copy, validate_cli):
    replace_once(data_copy / "references.bib", "title        = {He–Umezu", "title        = {{He–Umezu")
    code, messages = validate_cli(data_copy)
    assert code == 1
    assert messages[0] == "references.bib, line 11: unbalanced braces in the entry @misc{wit-E (5 opening, 4 closing)"
    assert len(messages) == 2
    assert messages[1].startswith("references.bib: ") and messages[1].endswith(
        "citation(s) in the tables name keys not read from the .bib files; "
        "they follow from the error in references.bib and are not listed one by one")


# --- booleans ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["TRUE", "1", "True", "yes"])
def test_boolean_outside_the_schema_spelling_is_refused(data_copy, validate_cli, value):
    replace_once(data_copy / "events.csv", ",false,Mukden incident,", f",{value},Mukden incident,")
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [
        (f"events.csv, line 2, field 'uncertain': type-error: '{value}' is not a boolean as the schema spells it: "
        "write true or false")])


@pytest.mark.slow  # loads data/
def test_booleans_load_as_the_schema_declares():
    package = json.loads((hu.paths.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    booleans = [f for r in package["resources"] if "schema" in r for f in r["schema"]["fields"]
                if f["type"] == "boolean"]
    assert booleans and all(f["trueValues"] == ["true"] and f["falseValues"] == ["false"] for f in booleans)
    events = hu.load().events
    assert events["uncertain"].notna().all() and events["uncertain"].any() and not events["uncertain"].all()


# --- control characters and bidi overrides ----------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u2066"])
def test_control_and_bidi_characters_are_refused_in_csv_fields(data_copy, validate_cli, char):
    replace_once(data_copy / "glossary.csv", "Tangpu (party branches)", f"Tangpu{char} (party branches)")
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [
        (f"glossary.csv, line 3, field 'term': contains the invisible control or bidi character(s) "
        f"U+{ord(char):04X}; remove them")])


def test_control_characters_in_witness_texts_are_shown_visibly(data_copy, validate_cli):
    """A witness is a verbatim transcription: an invisible character in it is kept, and shown (one
    character for one, so that offsets hold) rather than refused."""
    witness = data_copy / "witnesses" / WITNESS_F
    raw = witness.read_bytes()
    text = raw.decode("utf-8")
    at = len(text.rstrip("\n"))  # at the end, so that no offset in the tables moves
    witness.write_text(text[:at] + "\u202e\x00\x1b" + text[at:], encoding="utf-8")
    replace_once(data_copy / "witnesses.csv", hashlib.sha256(raw).hexdigest(),
                 hashlib.sha256(witness.read_bytes()).hexdigest())
    assert validate_cli(data_copy) == (0, [])
    shown = hu.load(data_copy).witness_text("F")
    assert len(shown) == len(text) + 3 and shown[at:at + 3] == "\ufffd\u2400\u241b"
    assert shown[:at] == text[:at] and shown[at + 3:] == text[at:]


def test_tab_and_line_breaks_inside_a_field_are_text(data_copy, validate_cli):
    replace_once(data_copy / "glossary.csv", "Tangpu (party branches)", '"Tangpu\t(party\r\nbranches)"')
    assert validate_cli(data_copy) == (0, [])


# --- line numbers -----------------------------------------------------------------------------

def test_line_numbers_count_the_line_breaks_inside_quoted_fields(data_copy, validate_cli):
    # lacunae.csv lines 4-5 and 7-8 are one record each; the row below is record 7 but line 9.
    replace_once(data_copy / "lacunae.csv", "4 juin 1935,E,false,", "4 juin 1935,E,TRUE,")
    lines = (data_copy / "lacunae.csv").read_text(encoding="utf-8").splitlines()
    assert lines[8].startswith("f-lac-sakai-repeats,") and "TRUE" in lines[8]
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [
        ("lacunae.csv, line 9, field 'uncertain': type-error: 'TRUE' is not a boolean as the schema spells it: "
        "write true or false")])


def test_problem_reads_as_file_line_field():
    problem = hu.Problem("events.csv", 4, "date", "impossible date '1935-02-30'")
    assert str(problem) == "events.csv, line 4, field 'date': impossible date '1935-02-30'"
    assert problem.row == problem.line == 4


# --- dates of different precision -------------------------------------------------------------

@pytest.mark.parametrize("born, died, ok", [
    ("1882-12-01", "1882", True), ("1882", "1882-01-01", True), ("1882-12", "1882-12-31", True),
    ("1883-01-01", "1882", False), ("1882-12-02", "1882-12-01", False),
])
def test_dates_of_different_precision_compare_as_intervals(data_copy, validate_cli, born, died, ok):
    replace_once(data_copy / "actors.csv", "1887-10-18,1946-09-30,", f"{born},{died},")  # sakai-takashi, line 4
    expected = [] if ok else [f"actors.csv, line 4, field 'died': '{died}' is earlier than born '{born}'"]
    assert validate_cli(data_copy) == (int(not ok), expected)


# --- the last resort --------------------------------------------------------------------------

def test_unexpected_failure_is_a_problem_not_a_traceback(data_copy, validate_cli, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(validate_module, "read_descriptor", explode)
    assert without_descriptor_lines(validate_cli(data_copy)) == (1, [
        ("datapackage.json: the validator could not finish (RuntimeError: boom); "
        "the data may be malformed in a way it does not yet recognise")])
