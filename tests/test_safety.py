"""Issue 25, by class: what the validator accepts the code reads; links are http(s) only; dates
are calendar dates; figure text is plain; invisible characters and formulas are refused; only
described files ship; work is bounded. Each hostile case here is new (the issue's own cases are
kept for the reviewers' check); messages are located by file, line and field."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time

import pytest

import heumezu as hu
from heumezu import schema
from heumezu.descriptor import MAX_DEPTH
from heumezu.json_lines import LineFinder

ROOT_SRC = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "src")


def edit_descriptor(data, change):
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package, indent=1), encoding="utf-8")


def field_of(package, resource, name):
    r = next(r for r in package["resources"] if r["name"] == resource)
    return r, next(f for f in r["schema"]["fields"] if f["name"] == name)


def set_cell(data, table, key, field, value, key_field="id") -> int:
    """Write ``value`` into one cell; returns the line of the record."""
    path = data / table
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    index = next(i for i, r in enumerate(rows) if r[key_field] == key)
    rows[index][field] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, rows[0].keys(), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    text = out.getvalue()
    line = 1
    for i, record in enumerate(csv.reader(io.StringIO(text, newline=""))):
        if i == index + 1:
            return line
        line += sum(v.count("\n") for v in record)
        line += 1
    raise AssertionError


def bib_append(data, name, entry) -> int:
    path = data / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + entry + "\n", encoding="utf-8")
    return text.count("\n") + 2


def first_key(data, table="glossary.csv"):
    return next(csv.DictReader((data / table).open(encoding="utf-8")))["id"]


# --- links: http(s) only, after percent-decoding, in CSV and .bib ----------------------------------

@pytest.mark.parametrize("field, value", [
    ("url", "JavaScript:alert(document.domain)"),
    ("url", " data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    ("url", "vbscript:msgbox(1)"),
    ("url", "https://example.org/%252e%E2%81%A7x"),  # an isolate (U+2067) after decoding
    ("note", "See \\url{javascript:alert(1)} for more."),
    ("howpublished", "\\href{data:text/html,<b>x</b>}{a page}"),
])
def test_bib_links_are_http_only(data_copy, validate_cli, field, value):
    # Complete apart from the hostile value (@misc requires howpublished or url), so that it is the one problem.
    complete = "" if field in ("url", "howpublished") else ",\n  howpublished = {Typescript}"
    line = bib_append(data_copy, "references.bib",
                      f"@misc{{hostile-link,\n  title = {{T}},\n  {field} = {{{value}}}{complete}\n}}")
    code, messages = validate_cli(data_copy)
    assert code == 1
    assert len(messages) == 1 and messages[0].startswith(f"references.bib, line {line}, field '{field}': "
                                                         "entry 'hostile-link': "), messages


def test_csv_link_with_percent_encoded_bidi_is_refused(data_copy, validate_cli):
    # The schema's pattern for documents.url admits anything after the host: the decoded form is checked.
    doc = first_key(data_copy, "documents.csv")
    url = "https://history.state.gov/historicaldocuments/%E2%80%AEfdp.exe"
    line = set_cell(data_copy, "documents.csv", doc, "url", url)
    code, messages = validate_cli(data_copy)
    assert (code, messages) == (1, [(f"documents.csv, line {line}, field 'url': '{url}' contains an invisible "
                                    "control or bidi character (after percent-decoding)")])


def test_every_csv_field_named_url_is_a_link_field(data_copy, validate_cli):
    """A new link field added by a contributor gets the rule without code changes."""
    def add(p):
        r, _ = field_of(p, "glossary", "term")
        r["schema"]["fields"].append({"name": "source_url", "type": "string"})
    edit_descriptor(data_copy, add)
    path = data_copy / "glossary.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[0].append("source_url")
    for row in rows[1:]:
        row.append("")
    rows[1][-1] = "data:,x"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert validate_cli(data_copy) == (1, [("glossary.csv, line 2, field 'source_url': 'data:,x' is not an http(s) "
                                           "web address (only http:// and https:// may become links)")])


# --- crashes: calendar dates everywhere, control characters in .bib, bounded patterns --------------

@pytest.mark.parametrize("table, field, value", [
    ("documents.csv", "date", "1935-00"),      # month 00 (was printed as December)
    ("documents.csv", "date", "1935-13-01"),   # month 13 (crashed the build)
    ("documents.csv", "date", "1934-02-29"),   # not a leap year
    ("relations.csv", "date", "1935-06-31"),
    ("actors.csv", "died", "0000"),
])
def test_every_date_field_is_a_calendar_date(data_copy, validate_cli, table, field, value):
    line = set_cell(data_copy, table, first_key(data_copy, table), field, value)
    code, messages = validate_cli(data_copy)
    assert code == 1 and f"{table}, line {line}, field '{field}': impossible date '{value}'" in messages, messages


def test_a_new_date_field_is_checked_because_of_its_schema(data_copy, validate_cli):
    def add(p):
        r, _ = field_of(p, "glossary", "term")
        r["schema"]["fields"].append({"name": "coined", "type": "string",
                                      "constraints": {"pattern": schema.DATE_PATTERN}})
    edit_descriptor(data_copy, add)
    path = data_copy / "glossary.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",coined", lines[1] + ",1935-02-30"] + [x + "," for x in lines[2:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert validate_cli(data_copy) == (1, ["glossary.csv, line 2, field 'coined': impossible date '1935-02-30'"])


def test_a_date_field_the_code_reads_must_keep_its_date_pattern(data_copy, validate_cli):
    edit_descriptor(data_copy, lambda p: field_of(p, "documents", "date")[1]["constraints"].update(pattern=".*"))
    code, messages = validate_cli(data_copy)
    assert code == 1 and any("field 'resources[" in m and "('date'): the edition reads this field as a date" in m
                             for m in messages), messages


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\u2067", "\u200f", "\x9b"])
def test_bib_control_and_bidi_characters_are_refused(data_copy, validate_cli, char):
    line = bib_append(data_copy, "apparatus.bib", f"@misc{{ctl,\n  title = {{A{char}B}},\n  howpublished = {{Typescript}}\n}}")
    code, messages = validate_cli(data_copy)
    assert code == 1 and messages[0].startswith(f"apparatus.bib, line {line + 1}: contains the invisible"), messages


@pytest.mark.parametrize("pattern", [r"([a-z0-9]+-?)*$", r"(\w|\w\w)+!", r"(.*a){12}", r"(a|ab)(c|bcd)*(d*)*\1"])
def test_a_backtracking_pattern_is_refused(data_copy, validate_cli, pattern):
    edit_descriptor(data_copy, lambda p: field_of(p, "glossary", "id")[1]["constraints"].update(pattern=pattern))
    code, messages = validate_cli(data_copy)
    assert code == 1 and len(messages) == 1, messages
    assert re.match(r"datapackage\.json, line \d+, field 'resources\[", messages[0]), messages
    assert f"fields[0] ('id'): pattern {pattern!r}:" in messages[0]


def test_validation_returns_with_a_hostile_pattern_and_long_cells(data_copy):
    """Hang guard (not a speed target): a subprocess that must return within a generous limit."""
    edit_descriptor(data_copy, lambda p: field_of(p, "glossary", "id")[1]["constraints"].update(
        pattern=r"(([a-z])+.)+[A-Z]([a-z])+"))
    set_cell(data_copy, "glossary.csv", first_key(data_copy), "id", "a" * 5000 + "!")
    started = time.monotonic()
    try:
        run = subprocess.run([sys.executable, "-m", "heumezu", "validate", "--data", str(data_copy)],
                             capture_output=True, text=True, timeout=120, env={"PYTHONPATH": ROOT_SRC, "PATH": ""}, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("validation did not return within 120 s")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "catastrophic backtracking" in run.stderr
    assert time.monotonic() - started < 120


def test_deep_json_is_refused_with_its_line(data_copy, validate_cli):
    path = data_copy / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    depth = 200_000
    path.write_text(text.replace('"resources"', '"x": ' + "[" * depth + "]" * depth + ',\n"resources"', 1),
                    encoding="utf-8")
    line = text[:text.index('"resources"')].count("\n") + 1
    assert validate_cli(data_copy) == (1, [(f"datapackage.json, line {line}: nested deeper than {MAX_DEPTH} levels "
                                           "of arrays and objects; a descriptor needs a handful")])


# --- one definition of valid data: what validates, loads ------------------------------------------

SCHEMA_CASES = {
    "no type": lambda f: f.pop("type"),
    "type any": lambda f: f.update(type="any"),
    "type date": lambda f: f.update(type="date"),
    "bareNumber": lambda f: f.update(bareNumber=False),
    "format": lambda f: f.update(format="email"),
    "groupChar": lambda f: f.update(groupChar=","),
}


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_unsupported_field_features_are_refused(data_copy, validate_cli, case):
    edit_descriptor(data_copy, lambda p: SCHEMA_CASES[case](field_of(p, "places", "lat")[1]))
    code, messages = validate_cli(data_copy)
    lines = (data_copy / "datapackage.json").read_text(encoding="utf-8").splitlines()
    places = next(i for i, line in enumerate(lines) if line.strip() == '"name": "places",')
    lat = next(i for i in range(places, len(lines)) if lines[i].strip() == '"name": "lat",')  # 1-based: its '{'
    located = [re.match(r"datapackage\.json, line (\d+), field 'resources\[", m) for m in messages]
    assert code == 1 and messages and all(located), messages
    # Each problem points at the field when its message names it (fields[N]), else at the schema.
    schema = next(i for i in range(places, len(lines)) if lines[i].strip() == '"schema": {') + 1
    for message, where in zip(messages, located):
        assert int(where[1]) == (lat if "fields[" in message else schema), (lat, schema, message)
    assert any("fields[" in m or "Field is not valid" in m or "not supported" in m for m in messages), messages


@pytest.mark.parametrize("text", [
    '{"a": [1, {"b": "x]\\"y"}, [2, 3]], "c": {"d": null}}',
    json.dumps({"a": [1, {"b": 'x]"y'}, [2, 3]], "c": {"d": None}}, indent=2),
])
def test_descriptor_paths_are_found_by_line(text):
    finder = LineFinder(text)
    lines = text.splitlines()
    for path, expected in (("a[1].b", '"b": "x]'), ("a[2][1]", "3"), ("c.d", '"d": null'), ("a[1]", "{")):
        assert expected in lines[finder.line(path) - 1], (path, text)
    assert finder.line("c.d.missing") == finder.line("c.d")  # a path not present: the nearest enclosing value
    assert finder.line("nothing") == 1


@pytest.mark.parametrize("missing", [["", "NA"], ["-"], []])
def test_missing_values_other_than_the_empty_cell_are_refused(data_copy, validate_cli, missing):
    edit_descriptor(data_copy, lambda p: p["resources"][0]["schema"].update(missingValues=missing))
    code, messages = validate_cli(data_copy)
    assert code == 1 and any("missingValues must be ['']" in m for m in messages), messages


@pytest.mark.parametrize("value", ["1_000", "+7", " 7", "٣", "9223372036854775808", "-9223372036854775809", "0x10"])
def test_integers_are_written_as_the_loader_reads_them(data_copy, validate_cli, value):
    row = next(csv.DictReader((data_copy / "attestations.csv").open(encoding="utf-8")))
    line = set_cell(data_copy, "attestations.csv", row["id"], "start", value)
    code, messages = validate_cli(data_copy)
    assert code == 1
    assert any(m.startswith(f"attestations.csv, line {line}, field 'start': '{value}' is ") for m in messages), messages


@pytest.mark.parametrize("value", ["1e400", "NaN", "-inf", "39,9", "٣٩.٩"])
def test_numbers_are_finite_and_written_with_ascii_digits(data_copy, validate_cli, value):
    line = set_cell(data_copy, "places.csv", first_key(data_copy, "places.csv"), "lat", value)
    code, messages = validate_cli(data_copy)
    assert code == 1 and any(m.startswith(f"places.csv, line {line}, field 'lat': '{value}' is not a finite number")
                             for m in messages), messages


@pytest.mark.parametrize("resource, field", [("events", "chapter"), ("demands", "category"), ("actors", "kind")])
def test_an_enum_the_code_reads_cannot_be_removed(data_copy, validate_cli, resource, field):
    edit_descriptor(data_copy, lambda p: field_of(p, resource, field)[1]["constraints"].pop("enum"))
    code, messages = validate_cli(data_copy)
    assert code == 1 and any("must keep its 'enum' constraint" in m for m in messages), messages


@pytest.mark.slow  # a fresh interpreter imports every module
def test_modules_import_without_data(tmp_path):
    """No module reads data when imported: with no data folder at all, every module imports."""
    code = ("import heumezu.registers, heumezu.documents, heumezu.apparatus, heumezu.tei, heumezu.figures.escalation,"
            " heumezu.figures.timeline, heumezu.figures.network, heumezu.figures.attestation, heumezu.figures.geography")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": ROOT_SRC, "HEUMEZU_DATA": str(tmp_path / "absent"), "PATH": "",
                              "MPLCONFIGDIR": str(tmp_path)}, check=False)
    assert run.returncode == 0, run.stderr


def test_what_validates_loads_with_every_supported_feature(data_copy):
    """A schema using the supported features at their edges (negative integers, exponents, custom
    booleans) validates and loads with the types the schema declares."""
    def edit(p):
        field_of(p, "places", "tanggu_line")[1]["constraints"]["minimum"] = -5
    edit_descriptor(data_copy, edit)
    place = first_key(data_copy, "places.csv")
    set_cell(data_copy, "places.csv", place, "tanggu_line", "-3")
    set_cell(data_copy, "places.csv", place, "lat", "3.99e1")
    assert hu.validate(data_copy) == []
    places = hu.load(data_copy).places.set_index("id")
    assert places.loc[place, "tanggu_line"] == -3 and places.loc[place, "lat"] == pytest.approx(39.9)


# --- silently wrong: plain figure text, formulas, what ships ---------------------------------------

@pytest.mark.parametrize("text", ["$5 and $10", r"$\undefinedcmd$", r"$\frac{a}{b}$", "$$"])
def test_figure_text_from_data_is_plain(data_copy, text):
    from matplotlib.text import Text

    from heumezu.figures import network, timeline

    event = first_key(data_copy, "events.csv")
    set_cell(data_copy, "events.csv", event, "title", text)
    actor = first_key(data_copy, "actors.csv")
    set_cell(data_copy, "actors.csv", actor, "name_en", text)
    assert hu.validate(data_copy) == []
    ev = hu.load(data_copy)
    for fig in (timeline.timeline(ev), network.actor_network(ev, year=None)):
        fig.savefig(io.BytesIO(), format="svg")  # drawing raised ValueError on '$\undefinedcmd$'
        texts = [t for t in fig.findobj(Text) if text in t.get_text()]
        assert texts and all(t._preprocess_math(t.get_text()) == (t.get_text(), False) for t in texts)


@pytest.mark.parametrize("value", ['=HYPERLINK("https://example.org","x")', "@SUM(A1:A3)", "+cmd|' /C calc'!A0",
                                   "-IMPORTXML(A1)", " =WEBSERVICE(1)"])
def test_spreadsheet_formulas_are_refused_in_text_cells(data_copy, validate_cli, value):
    line = set_cell(data_copy, "glossary.csv", first_key(data_copy), "definition", value)
    code, messages = validate_cli(data_copy)
    assert code == 1 and any(m.startswith(f"glossary.csv, line {line}, field 'definition': ")
                             and "would run as a formula" in m for m in messages), messages


def test_verbatim_quotes_and_ordinary_signs_are_not_formulas():
    quote = {"name": "quote", "type": "string"}
    assert schema.cell_problem("attestations", quote, "== Contexte ==") is None
    assert schema.cell_problem("attestations", quote, "=SUM(1)") is None  # verbatim: what the witness reads
    text = {"name": "note", "type": "string"}
    assert schema.cell_problem("events", text, "-1 in the count (see note)") is None
    assert schema.cell_problem("events", text, "= the same as above") is None


@pytest.mark.parametrize("name", ["run.py", "witnesses/page.html", "documents/extra.txt", ".hidden", "sub/x.json"])
def test_undescribed_files_are_refused_by_name(data_copy, validate_cli, name):
    path = data_copy / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("print('x')\n", encoding="utf-8")
    assert validate_cli(data_copy) == (1, [(f"{name}: not described in datapackage.json; "
                                           "add a resource with its schema, or move the file out of data/")])


def test_downloads_ship_only_described_files(data_copy, monkeypatch):
    from heumezu_sphinx.runnable import shipped_data

    monkeypatch.setenv("HEUMEZU_DATA", str(data_copy))
    shipped = {rel for rel, _ in shipped_data()}
    assert "datapackage.json" in shipped and "references.bib" in shipped and "coastline.csv" in shipped
    assert shipped == {p.relative_to(data_copy).as_posix() for p in data_copy.rglob("*") if p.is_file()}
    (data_copy / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    with pytest.raises(hu.DataError, match="evil.html: not described"):
        shipped_data()


# --- bounded: keys checked from hashes, and still exact --------------------------------------------

def test_duplicate_keys_are_located_by_line_and_compared_as_loaded(data_copy, validate_cli):
    """keys.py checks primary keys and unique fields in 8 bytes a row (Frictionless held every key):
    a duplicate is still found, located at its line with the line of the first, and integer keys
    compare as the loader types them ('01' is 1)."""
    glossary = data_copy / "glossary.csv"
    lines = glossary.read_text(encoding="utf-8").splitlines()
    glossary.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    coastline = data_copy / "coastline.csv"
    rows = coastline.read_text(encoding="utf-8").splitlines()
    ring, point = rows[1].split(",")[:2]
    coastline.write_text("\n".join(rows + [f"0{ring},{point},1,120.0,30.0"]) + "\n", encoding="utf-8")
    key = lines[1].split(",")[0]
    assert validate_cli(data_copy) == (1, [
        (f"coastline.csv, line {len(rows) + 1}: primary-key: '{ring}, {point}' is already the key of line 2 "
        "(ring, point must be unique)"),
        (f"glossary.csv, line {len(lines) + 1}, field 'id': primary-key: '{key}' is already the key of line 2 "
        "(id must be unique)")])


def test_bib_files_are_resources_of_the_package(data_copy, validate_cli):
    """A .bib file ships because the descriptor describes it, not because of its name."""
    (data_copy / "notes.bib").write_text("@misc{zz-notes, title = {X}, howpublished = {Typescript}, year = {1935}}\n", encoding="utf-8")
    assert validate_cli(data_copy) == (1, [("notes.bib: not described in datapackage.json; "
                                           "add a resource with its schema, or move the file out of data/")])

    def describe(p):
        p["resources"].append({"name": "notes-bib", "path": "notes.bib", "format": "bib",
                               "mediatype": "application/x-bibtex", "encoding": "utf-8"})
    edit_descriptor(data_copy, describe)
    assert validate_cli(data_copy) == (0, [])

    def misplaced(p):
        p["resources"][-1]["path"] = "witnesses/../notes.bib"
    edit_descriptor(data_copy, misplaced)
    code, messages = validate_cli(data_copy)
    assert code == 1 and re.match(r"datapackage\.json, line \d+, field 'resources\[", messages[0]), messages
    assert "climbs out" in messages[0]
