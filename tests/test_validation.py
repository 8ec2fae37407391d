"""`python -m heumezu validate`: passes on the shipped data, fails clearly on each kind of bad input."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest

import heumezu as hu
from conftest import DATA, ROOT


def read(path):
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(path, rows, fields=None):
    fields = fields or list(rows[0].keys())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def cli(data):
    return subprocess.run([sys.executable, "-m", "heumezu", "validate", "--data", str(data)],
                          capture_output=True, text=True, check=False)


@pytest.mark.slow  # validates data/
def test_shipped_data_is_valid():
    result = cli(DATA)
    assert result.returncode == 0, result.stderr
    assert hu.validate(DATA) == []
    evidence = hu.load()
    assert len(evidence.witnesses) == 3
    assert str(evidence.events["date"].dtype) == "string"
    assert str(evidence.events["uncertain"].dtype) == "boolean"


# Each breaker damages one file in a copy of data/ and returns (file, line, field) the message must name.
def missing_file(d):
    (d / "events.csv").unlink()
    return "events.csv", None, None


def missing_column(d):
    rows = read(d / "events.csv")
    write(d / "events.csv", rows, [f for f in rows[0] if f != "title"])
    return "events.csv", None, "title"


def renamed_column(d):
    rows = read(d / "places.csv")
    renamed = [{("latitude" if k == "lat" else k): v for k, v in r.items()} for r in rows]
    write(d / "places.csv", renamed)
    return "places.csv", None, "lat"


def malformed_date(d):
    rows = read(d / "events.csv")
    rows[2]["date"] = "10/06/1935"
    write(d / "events.csv", rows)
    return "events.csv", 4, "date"


def impossible_date(d):
    rows = read(d / "events.csv")
    rows[3]["date"], rows[3]["precision"] = "1935-02-30", "day"
    write(d / "events.csv", rows)
    return "events.csv", 5, "date"


def dates_out_of_order(d):
    rows = read(d / "actors.csv")
    index = next(i for i, r in enumerate(rows) if r["born"] and r["died"])
    rows[index]["died"] = str(int(rows[index]["born"][:4]) - 1)
    write(d / "actors.csv", rows)
    return "actors.csv", index + 2, "died"


def duplicate_id(d):
    rows = read(d / "actors.csv")
    rows.append(dict(rows[0]))
    write(d / "actors.csv", rows)
    return "actors.csv", len(rows) + 1, "id"


def unknown_foreign_key(d):
    rows = read(d / "event_actors.csv")
    rows[0]["actor"] = "no-such-actor"
    write(d / "event_actors.csv", rows)
    return "event_actors.csv", 2, None


def quotation_not_in_witness(d):
    rows = read(d / "attestations.csv")
    rows[1]["quote"] = rows[1]["quote"] + " (not in the witness)"
    write(d / "attestations.csv", rows)
    return "attestations.csv", 3, "quote"


def wrong_offsets(d):
    rows = read(d / "attestations.csv")
    rows[0]["start"], rows[0]["end"] = str(int(rows[0]["start"]) + 1), str(int(rows[0]["end"]) + 1)
    write(d / "attestations.csv", rows)
    return "attestations.csv", 2, "quote"


def unknown_citation_key(d):
    rows = read(d / "places.csv")
    rows[0]["sources"] = "nobody-1999"
    write(d / "places.csv", rows)
    return "places.csv", 2, "sources"


def not_utf8(d):
    text = (d / "glossary.csv").read_text(encoding="utf-8")
    (d / "glossary.csv").write_bytes(text.encode("utf-8") + "Pékin,\n".encode("latin-1"))
    return "glossary.csv", None, None


def empty_file(d):
    (d / "demands.csv").write_text("")
    return "demands.csv", None, None


def changed_witness(d):
    path = d / "witnesses" / "001_d8286bee04c01950.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Sakai", "Sakay"), encoding="utf-8")
    return "witnesses.csv", 3, "sha256"


BREAKERS = [missing_file, missing_column, renamed_column, malformed_date, impossible_date, dates_out_of_order,
            duplicate_id, unknown_foreign_key, quotation_not_in_witness, wrong_offsets, unknown_citation_key,
            not_utf8, empty_file, changed_witness]


@pytest.mark.parametrize("breaker", BREAKERS, ids=lambda b: b.__name__)
def test_bad_input_is_reported_by_file_line_and_field(breaker, data_copy, validate_cli):
    file, line, field = breaker(data_copy)

    code, messages = validate_cli(data_copy)  # also checks: no traceback, nothing written

    assert code == 1
    expected = file + (f", line {line}" if line else "")
    matching = [m for m in messages if m.startswith(expected)]
    assert matching, f"no message starts with {expected!r}:\n" + "\n".join(messages)
    if field:
        assert any(f"field '{field}'" in m or f'"{field}"' in m for m in matching), messages
    with pytest.raises(hu.DataError) as excinfo:
        hu.load(data_copy)
    assert file in str(excinfo.value)


def test_every_problem_is_reported_at_once(data_copy, validate_cli):
    empty_file(data_copy)
    unknown_citation_key(data_copy)
    _code, messages = validate_cli(data_copy)
    assert any(m.startswith("demands.csv") for m in messages)
    assert any(m.startswith("places.csv, line 2") for m in messages)


def test_bad_data_stops_the_build_before_anything_is_written(data_copy, tmp_path):
    duplicate_id(data_copy)
    out = tmp_path / "out"
    result = subprocess.run(["make", "--no-print-directory", "html", f"OUT={out}"], cwd=ROOT,
                            capture_output=True, text=True, env=os.environ | {"HEUMEZU_DATA": str(data_copy)}, check=False)
    assert result.returncode != 0
    assert "actors.csv" in result.stderr
    assert not out.exists()


def test_data_readme_documents_every_table_and_field():
    import json

    readme = (DATA / "README.md").read_text(encoding="utf-8")
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        heading = f"### `{resource['path']}`"
        assert heading in readme, heading
        section = readme.split(heading, 1)[1].split("### ", 1)[0]
        for field in resource.get("schema", {}).get("fields", []):  # a bibliography has no schema
            assert f"| `{field['name']}` |" in section, f"{resource['path']}: {field['name']} undocumented"


@pytest.mark.slow  # loads data/
def test_locate_prints_offsets_that_slice_back_to_the_quote(capsys):
    """``python -m heumezu locate``, run in-process (test_shipped_data_is_valid runs the module as a
    command)."""
    from heumezu.__main__ import main

    quote = "Chiang Kai-shek"
    code = main(["locate", "E", quote])
    out = capsys.readouterr()
    assert code == 0, out.err
    spans = [tuple(map(int, line.split())) for line in out.out.splitlines()]
    text = hu.load().witness_text("E")
    assert spans and all(text[start:end] == quote for start, end in spans)
    assert len(spans) == text.count(quote)
    code = main(["locate", "E", "not in any witness"])
    assert code == 1 and "not found" in capsys.readouterr().err
