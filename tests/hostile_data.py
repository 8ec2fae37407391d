"""A copy of data/ with hostile values in every text field that reaches a page, the LaTeX source
or the TEI file, and otherwise valid (used by test_hostile.py)."""
from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

#: MyST fences, directives and roles; raw HTML; LaTeX specials and commands; XML specials.
PAYLOADS = [
    "x\n````\n```{raw} html\n<script>alert(1)</script>\n```\n",
    "{download}`/etc/passwd`",
    "```{literalinclude} /etc/hostname```",
    "\\input{/etc/hostname}\\write18{touch pwned}% & # _ ^ ~",
    "<img src=x onerror=alert(1)>",
    "]]><!--",
    "&amp;",
    "{raw}`html <b>bold</b>` :::{raw} latex\n\\input{/etc/hostname}\n:::",
    # issue 25: mathtext in figure labels ('$\\undefinedcmd$' crashed matplotlib; '$5 and $10' was set
    # as mathematics), and markup in a value that becomes a section title (and so the search index).
    "costs $5 and $10, $\\undefinedcmd$ ^_ \\mathdefault",
    "<svg onload=alert(1)>&lt;b&gt;",
]

#: table -> (row id, fields): one row of each table, every field of it that is printed somewhere.
FIELDS = {
    "glossary.csv": ("he-umezu-agreement", ["term", "native", "definition"]),
    "actors.csv": ("he-yingqin", ["name_en", "name_native", "name_simplified", "pinyin", "wade_giles", "hepburn",
                                  "role_1935"]),
    "places.csv": ("peiping", ["name_en", "name_native", "name_pinyin", "name_historical", "note"]),
    "events.csv": ("mukden-incident", ["title", "description", "note"]),
    "demands.csv": ("dm-yu-dismissal", ["summary"]),
    "witnesses.csv": ("E", ["title", "origin", "condition", "licence", "attribution", "revision"]),
    "alignment.csv": ("al-01", ["note"]),
    "segments.csv": ("x-seg-01", ["source_text", "subject"]),
    "readings.csv": ("f-rd-manchuria-1933a", ["corrected", "note"]),
    "lacunae.csv": ("f-lac-conclusion", ["restoration", "note"]),
    # a document's label and title make its section title on the documents page
    "documents.csv": ("frus1935v03-d136", ["label", "title"]),
}
#: Native-script fields and the fields that give their language (heumezu.languages.NATIVE_FIELDS):
#: a hostile value there is still a name in Han characters, tagged, so that the data stays valid.
NATIVE = {"native": "native_lang", "name_native": "name_native_lang"}
#: Appended to the end of witness F (the verbatim text on the witnesses page and in the TEI).
WITNESS = ("F", "witness-F")


def marker(place: str) -> str:
    return f"HOSTILE-{place.replace('.csv', '').replace('_', '-')}"


def value(place: str, i: int) -> str:
    return f"{marker(place)} {PAYLOADS[i % len(PAYLOADS)]} end"


def _rewrite(path: Path, key_field: str, key: str, fields: list[str], start: int) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    written = {}
    for row in rows:
        if row[key_field] == key:
            for j, field in enumerate(fields):
                hostile = value(f"{path.name}-{field}", start + j)
                if field in NATIVE:  # a native-script cell: Han characters first, and its language tags
                    hostile = f"梅津 {hostile}"
                    row[NATIVE[field]] = "; ".join("zh-Hant" for _ in hostile.split(";"))
                row[field] = written[f"{path.name}:{field}"] = hostile
    assert written, f"no row {key} in {path.name}"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, rows[0].keys(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return written


def make(source: Path, target: Path) -> dict[str, str]:
    """Copy ``source`` to ``target`` with the hostile values; returns field -> the value written."""
    shutil.copytree(source, target)
    written: dict[str, str] = {}
    n = 0
    for name, (key, fields) in FIELDS.items():
        written |= _rewrite(target / name, "siglum" if name == "witnesses.csv" else "id", key, fields, n)
        n += len(fields)
    # The witness text: hostile lines after the last line of F, with its checksum updated.
    siglum, place = WITNESS
    with (target / "witnesses.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["siglum"] == siglum)
    text_path = target / "witnesses" / row["file"]
    addition = "\n" + "\n".join(value(place, i) .replace("\n", " ") for i in range(len(PAYLOADS))) + "\n"
    text_path.write_bytes(text_path.read_bytes() + addition.encode())
    row["sha256"] = hashlib.sha256(text_path.read_bytes()).hexdigest()
    with (target / "witnesses.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, rows[0].keys(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    for i in range(len(PAYLOADS)):
        written[f"{place}:{i}"] = value(place, i).replace("\n", " ")
    return written
