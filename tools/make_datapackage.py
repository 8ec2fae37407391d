"""Write data/datapackage.json and the field tables of data/README.md: the Table Schemas are
kept here as Python for brevity.

Run when a schema changes (``python tools/make_datapackage.py``); the JSON file is what the
package and Frictionless read. tests/test_packages.py checks that the JSON file and the README
are what this script writes, so that an edit to one of them alone is noticed.
"""
import json
from pathlib import Path

from heumezu.languages import CHINESE_SCRIPTS, SEPARATOR, TAGS

ID = {"type": "string", "constraints": {"required": True, "unique": True, "pattern": "[a-z0-9][a-z0-9-]*"}}
KEYS = {"name": "sources", "type": "string", "description": "Semicolon-separated BibTeX keys from references.bib supporting the row.",
        "constraints": {"required": True, "pattern": "[A-Za-z0-9_:-]+(;[A-Za-z0-9_:-]+)*"}}
DATE = {"type": "string", "constraints": {"pattern": r"\d{4}(-\d{2}(-\d{2})?)?"}}
SIGLUM = {"type": "string", "constraints": {"required": True, "enum": ["F", "E", "X"]}}
OFFSET = {"type": "integer", "constraints": {"required": True, "minimum": 0}}
# The language of native-script text: the tags are heumezu.languages.TAGS (one list, read here).
LANG = {"type": "string", "constraints": {"enum": list(TAGS)}}
LANG_RULE = ("BCP 47 tag of name_native (required with it): zh-Hant for Chinese in traditional characters, "
             "zh-Hans simplified, ja Japanese, ru Russian (data/README.md, 'Languages').")


def f(name, base=None, desc="", **extra):
    d = {"name": name}
    d.update(base or {"type": "string"})
    if "constraints" in d:
        d["constraints"] = dict(d["constraints"])
    d.update(extra)
    if desc:
        d["description"] = desc
    return d


def req(base=None):
    b = dict(base or {"type": "string"})
    b["constraints"] = dict(b.get("constraints", {}), required=True)
    return b


def enum(*values, required=True):
    return {"type": "string", "constraints": {"required": required, "enum": list(values)}}


CHAPTERS = enum("background", "ultimatum", "aftermath")
SIDES = enum("china", "japan", "manchukuo", "soviet", "other")

resources = [
    ("witnesses", "The three source texts, one metadata record each.", [
        f("siglum", SIGLUM, "Siglum used throughout the edition."),
        f("file", req(), "File name under data/witnesses/."),
        f("sha256", {"type": "string", "constraints": {"required": True, "pattern": "[0-9a-f]{64}"}}, "SHA-256 of the file as received."),
        f("language", enum("fr", "en"), "ISO 639-1 language code."),
        f("title", req(), "Title of the text as far as known."),
        f("origin", req(), "What is known of its origin."),
        f("condition", req(), "Lacunae, corruption, foreign material."),
        f("licence", req(), "Licence of the text."),
        f("attribution", req(), "Attribution required by the licence."),
        f("revision", req(), "Revision id, or 'unknown'."),
        f("retrieved", req(), "Retrieval date, or 'unknown'."),
    ], ["siglum"], []),
    ("places", "Gazetteer.", [
        f("id", ID),
        f("name_en", req(), "Conventional English name used in the edition."),
        f("name_native", req(), "Native-script name (traditional Chinese, Japanese or Russian)."),
        f("name_native_lang", LANG, LANG_RULE),
        f("name_pinyin", desc="Pinyin (for Chinese places)."),
        f("name_historical", desc="Historical forms, semicolon-separated (e.g. Peiping; Peking)."),
        f("lat", {"type": "number", "constraints": {"required": True, "minimum": -90, "maximum": 90}}),
        f("lon", {"type": "number", "constraints": {"required": True, "minimum": -180, "maximum": 180}}),
        f("type", enum("city", "province", "pass", "port", "region", "building", "bridge", "line")),
        f("coord_note", desc="How precise the coordinates are."),
        f("tanggu_line", {"type": "integer", "constraints": {"minimum": 1}},
          "Order of the place on the demilitarisation line of Article 1 of the Tanggu Truce (1933), if it is on it."),
        f("note", desc="Our note on the place in 1935."),
        KEYS,
    ], ["id"], []),
    ("actors", "Persons and organisations.", [
        f("id", ID),
        f("kind", enum("person", "organisation")),
        f("name_en", req(), "Conventional English form used in the edition."),
        f("name_native", desc="Traditional Chinese, Japanese or Russian form; empty where no source gives it."),
        f("name_native_lang", LANG, LANG_RULE),
        f("name_simplified", desc="Simplified Chinese where it differs."),
        f("pinyin", desc="Hanyu Pinyin (Chinese names)."),
        f("wade_giles", desc="Wade-Giles (Chinese names)."),
        f("hepburn", desc="Hepburn (Japanese names)."),
        f("side", SIDES),
        f("role_1935", req(), "Rank and office (persons) or what it was (organisations) in mid-1935."),
        f("born", DATE), f("died", DATE),
        f("uncertain", {"type": "boolean"}, "True where a detail could not be verified; see note."),
        f("note", desc="Corrections and doubts, with the authority in sources."),
        KEYS,
    ], ["id"], []),
    ("events", "Chronology.", [
        f("id", ID),
        f("date", req(DATE), "ISO 8601 date, truncated to its precision."),
        f("precision", enum("day", "month", "year")),
        f("end_date", DATE, "Last day of an event that lasted."),
        f("uncertain", {"type": "boolean", "constraints": {"required": True}}, "True where the date is disputed or unverified."),
        f("title", req()),
        f("description", req(), "Our own words."),
        f("place", desc="Place id."),
        f("chapter", CHAPTERS),
        f("note", desc="Disputes and corrections."),
        KEYS,
    ], ["id"], [("place", "places", "id")]),
    ("event_actors", "Which actors took part in which event.", [
        f("event", req()), f("actor", req()),
        f("role", desc="What the actor did in the event."),
    ], ["event", "actor"], [("event", "events", "id"), ("actor", "actors", "id")]),
    ("relations", "Typed links between actors: the actor network.", [
        f("id", ID),
        f("source", req()), f("target", req()),
        f("type", enum("commands", "serves_in", "member_of", "subordinate_to", "demands_dismissal_of",
                       "negotiates_with", "protests_to", "signs_with", "opposes", "allied_with", "assassinated")),
        f("date", DATE), f("note"), KEYS,
    ], ["id"], [("source", "actors", "id"), ("target", "actors", "id")]),
    ("demands", "The Japanese demands of May-June 1935.", [
        f("id", ID),
        f("date", req(DATE), "Day the demand was first presented."),
        f("issuer", req()), f("addressee", req()),
        f("category", enum("personnel", "party_organs", "military_withdrawal", "suppression_of_organisations",
                           "compensation", "supervision")),
        f("target", desc="Actor id the demand is aimed at, if any."),
        f("summary", req(), "The demand in our own words."),
        f("outcome", enum("accepted", "partly_accepted", "rejected", "unknown")),
        f("outcome_date", DATE),
        f("uncertain", {"type": "boolean", "constraints": {"required": True}}),
        f("memorandum_item", {"type": "string", "constraints": {"pattern": "(I|II)(\\.[1-9])?"}},
          "The item of Umezu's memorandum of 9 June 1935 (translation_lines.item) that lists this demand, where the match is clear."),
        f("note"), KEYS,
    ], ["id"], [("issuer", "actors", "id"), ("addressee", "actors", "id"), ("target", "actors", "id")]),
    ("glossary", "Terms.", [
        f("id", ID), f("term", req()), f("native", desc=f"Native-script form(s), separated by '{SEPARATOR}'."),
        f("native_lang", desc=f"BCP 47 tag of each form of native, in order, separated by '{SEPARATOR}' "
                              f"(required with it): one of {', '.join(TAGS)}."),
        f("definition", req(), "Our own words."), KEYS,
    ], ["id"], []),
    ("attestations", "Which witness supports which row, with its verbatim words.", [
        f("id", ID),
        f("witness", SIGLUM),
        f("table", enum("events", "actors", "places", "demands", "relations", "glossary")),
        f("row", req(), "Id of the row in that table."),
        f("start", OFFSET, "Character offset (Unicode code points) of the quotation in the witness file."),
        f("end", OFFSET),
        f("quote", req(), "The witness's words, verbatim."),
        f("status", enum("attested", "contradicted", "corrupted"), "attested: supports the row; contradicted: says otherwise (the row holds the corrected reading); corrupted: garbled form of it."),
        f("note"),
    ], ["id"], [("witness", "witnesses", "siglum")]),
    # --- the source apparatus (issue 5) ---
    ("alignment", "French-English parallel alignment, sentence by sentence.", [
        f("id", ID),
        f("f_start", OFFSET), f("f_end", OFFSET),
        f("e_start", {"type": "integer", "constraints": {"minimum": 0}}), f("e_end", {"type": "integer", "constraints": {"minimum": 0}}),
        f("note"),
    ], ["id"], []),
    ("lacunae", "Gaps in the witnesses and their editorial restorations.", [
        f("id", ID), f("witness", SIGLUM),
        f("offset", OFFSET, "Where the lost text stood."),
        f("kind", enum("date", "list", "name")),
        f("context", req(), "Verbatim text ending at offset, to locate the gap."),
        f("restoration", req(), "The restored text, in the witness's language."),
        f("authority", req(), "Why: witness siglum and/or BibTeX keys."),
        f("uncertain", {"type": "boolean", "constraints": {"required": True}}),
        f("note"), KEYS,
    ], ["id"], [("witness", "witnesses", "siglum")]),
    ("readings", "Editorial corrections: readings of the witnesses that are wrong, corrupt, anachronistic or disputed.", [
        f("id", ID), f("witness", SIGLUM),
        f("start", OFFSET), f("end", OFFSET),
        f("reading", req(), "The witness's words, verbatim."),
        f("corrected", req(), "The edition's reading."),
        f("kind", enum("error", "corruption", "anachronism", "disputed", "mistranslation")),
        f("note", req()), KEYS,
    ], ["id"], [("witness", "witnesses", "siglum")]),
    ("segments", "Where each passage of witness X comes from.", [
        f("id", ID), f("witness", SIGLUM),
        f("start", OFFSET), f("end", OFFSET),
        f("origin", enum("derived_from_E", "foreign", "unknown")),
        f("source_text", req(), "The text it was taken from, as far as identified."),
        f("subject", req(), "What the passage is about (e.g. Tanggu Truce, 1933)."),
        f("note"), KEYS,
    ], ["id"], [("witness", "witnesses", "siglum")]),
]

# --- the documents of the agreement and the American reports (issue 12) ---
resources += [
    ("documents", ("The documents of the agreement and the American reports, one metadata record each; "
                  "their texts are in data/documents/."), [
        f("id", ID, "Siglum of the document; for FRUS documents the BibTeX key of references.bib."),
        f("label", req(), "Short form used when a passage is cited (e.g. FRUS 1935, vol. III, doc. 159)."),
        f("title", req(), "The editors' title (the FRUS heading is in sender and recipient)."),
        f("headnote", desc="The editors' headnote: who wrote to whom, when and where, and the document's place in "
          "the sequence. Required for a FRUS document."),
        f("date", DATE, "Date of the document as printed or established from a cross-reference; empty where neither gives one."),
        f("date_note", req(), "Where the date comes from, or why it is missing."),
        f("language", enum("zh", "en"), "ISO 639-1 language code of the text."),
        f("script", enum(*CHINESE_SCRIPTS, required=False),
          "ISO 15924 script of a text in Chinese (required for one): Hant traditional, Hans simplified "
          "characters; the text's language tag is zh-Hant or zh-Hans."),
        f("kind", enum("memorandum", "letter", "telegram", "despatch", "statement")),
        f("sender", req()), f("recipient", req()),
        f("number", desc="Telegram or despatch number as printed."),
        f("archive_file", desc="Department of State decimal file number as printed in FRUS."),
        f("publication", desc="Where the text is published (FRUS year, volume and document, the volume's imprint coming from its .bib entry; Wikisource page; the book that prints it)."),
        f("first_page", {"type": "integer", "constraints": {"minimum": 1}},
          "Printed page on which the document begins, for a text without page breaks ([Page N]) whose page is "
          "known from the page breaks of the documents printed next to it; otherwise derived from the text."),
        f("url", {"type": "string", "constraints": {"pattern": "https://(history\\.state\\.gov|zh\\.wikisource\\.org)/.*"}},
          "Address of the publication's own online edition (history.state.gov, zh.wikisource.org)."),
        f("licence", desc="Licence of the text as far as verified."),
        f("completeness", enum("complete", "excerpt", "not_available"),
          "complete: the whole text as published; excerpt: part of the text is given (the note says which); "
          "not_available: the document is not edited (no file)."),
        f("completeness_note", req(), "Which part of the text is given, and what of the publication (signature, footnotes) is not."),
        f("file", desc="Path of the text under data/ (documents/…); empty when not edited. One paragraph a line; "
          "[Page N] marks where printed page N begins, [^N] the publication's footnote N, whose text, where given, "
          "is a line [^N]: … after the last paragraph."),
        f("sha256", {"type": "string", "constraints": {"pattern": "[0-9a-f]{64}"}}, "SHA-256 of the text file."),
        f("provenance", req(), "The edition the text is established from; what was normalised or omitted."),
        KEYS,
    ], ["id"], []),
    ("passages", "Passages of the documents on which chapter claims rest, as spans of the text files.", [
        f("id", {"type": "string", "constraints": {"required": True, "unique": True, "pattern": "p-[a-z0-9][a-z0-9-]*"}},
          "Passage id, cited in the chapters with the {passage} role."),
        f("document", req()),
        f("locator", req(), "Paragraph or item as numbered in the document."),
        f("start", OFFSET, "Character offset (Unicode code points) of the quotation in the document's text file."),
        f("end", OFFSET),
        f("quote", req(), "The document's words, verbatim."),
        f("note"),
    ], ["id"], [("document", "documents", "id")]),
    ("translation_lines", "The editors' English translation of a Chinese document, one row per line of its text file.", [
        f("document", req()),
        f("line", {"type": "integer", "constraints": {"required": True, "minimum": 1}}, "Line of the text file (1-based)."),
        f("item", {"type": "string", "constraints": {"pattern": "(I|II)(\\.[1-9])?"}},
          "The document's own item number, written I, I.1 … II.3, where the line is an item."),
        f("translation", req(), "Translation by the editors; words in square brackets are the editors' additions."),
        f("note", desc="The editors' note on the translation."),
    ], ["document", "line"], [("document", "documents", "id")]),
    ("document_notes", "Notes on terms, characters and uncertain readings of the documents.", [
        f("id", ID), f("document", req()),
        f("start", {"type": "integer", "constraints": {"minimum": 0}}, "Offset of the quoted words; empty for a document without text."),
        f("end", {"type": "integer", "constraints": {"minimum": 0}}),
        f("quote", desc="The document's words, verbatim; empty for a document without text."),
        f("kind", enum("term", "reading", "characters")),
        f("note", req(), "Our own words."),
        KEYS,
    ], ["id"], [("document", "documents", "id")]),
]

# --- the map's geometry (issue 23): present-day coast and rivers, extracted once from GSHHG by
# tools/extract_map_geometry.py; no boundaries (the map shows 1935, whose boundaries differ) ---
LON = {"type": "number", "constraints": {"required": True, "minimum": -180, "maximum": 180}}
LAT = {"type": "number", "constraints": {"required": True, "minimum": -90, "maximum": 90}}
GSHHG = {
    "sources": [{"title": "GSHHG, A Global Self-consistent, Hierarchical, High-resolution Geography Database, "
                          "version 2.3.6 (P. Wessel and W. H. F. Smith), intermediate resolution",
                 "path": "https://www.soest.hawaii.edu/pwessel/gshhg/"}],
    "licenses": [{"name": "LGPL-3.0-or-later", "path": "https://www.gnu.org/licenses/lgpl-3.0.html",
                  "title": "GNU Lesser General Public License, version 3 or later"}],
}
GEOMETRY = {
    "coastline": (("Present-day coastline of North China (the map's extent with a margin): GSHHG shorelines "
                  "clipped to that box, one row per point of a ring."), [
        f("ring", {"type": "integer", "constraints": {"required": True, "minimum": 1}}, "Ring number."),
        f("point", {"type": "integer", "constraints": {"required": True, "minimum": 1}},
          "Position of the point in its ring."),
        f("level", {"type": "integer", "constraints": {"required": True, "minimum": 1, "maximum": 4}},
          "GSHHG level: 1 land, 2 lake, 3 island in a lake, 4 pond on such an island."),
        f("lon", LON, "Longitude, degrees east (WGS 84)."),
        f("lat", LAT, "Latitude, degrees north (WGS 84)."),
    ], ["ring", "point"], []),
    "rivers": (("Present-day rivers of North China (the map's extent with a margin): GSHHG (WDBII) rivers "
               "clipped to that box, one row per point of a line."), [
        f("line", {"type": "integer", "constraints": {"required": True, "minimum": 1}}, "Line number."),
        f("point", {"type": "integer", "constraints": {"required": True, "minimum": 1}},
          "Position of the point in its line."),
        f("lon", LON, "Longitude, degrees east (WGS 84)."),
        f("lat", LAT, "Latitude, degrees north (WGS 84)."),
    ], ["line", "point"], []),
}
resources += [(name, desc, fields, pk, fks) for name, (desc, fields, pk, fks) in GEOMETRY.items()]
# Resource-level metadata that differs from the package's: the geometry's own source and licence.
EXTRA = {name: GSHHG for name in GEOMETRY}

package = {
    "name": "he-umezu-evidence",
    "title": "Evidence base of the executable edition of the He-Umezu Agreement (1935)",
    "licenses": [{"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/",
                  "title": "Creative Commons Attribution-ShareAlike 4.0"}],
    "resources": [],
}
# Booleans exactly as written in the CSVs: Frictionless would otherwise also accept TRUE, True and 1,
# which pandas and the notebooks do not read the same way.
BOOLEAN_VALUES = {"trueValues": ["true"], "falseValues": ["false"]}

for name, desc, fields, pk, fks in resources:
    for fld in fields:
        if fld["type"] == "boolean":
            fld.update(BOOLEAN_VALUES)
    package["resources"].append({
        "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
        "format": "csv", "encoding": "utf-8", "mediatype": "text/csv", "description": desc, **EXTRA.get(name, {}),
        "schema": {
            "fields": fields,
            "primaryKey": pk,
            "foreignKeys": [{"fields": a, "reference": {"resource": r, "fields": b}} for a, r, b in fks],
            "missingValues": [""],
        },
    })

# The bibliographies are resources too: every file of data/ is described (the validator refuses others).
BIBLIOGRAPHIES = {
    "references": "Works the evidence tables cite (BibTeX), by key in the fields sources and authority.",
    "apparatus": "Works the source apparatus cites (BibTeX): lacunae, readings, segments, alignment.",
    "further-reading": "Works suggested for further reading that the edition did not read (BibTeX); never cited.",
}
for name, desc in BIBLIOGRAPHIES.items():
    package["resources"].append({"name": f"{name}-bib", "path": f"{name}.bib", "format": "bib",
                                 "mediatype": "application/x-bibtex", "encoding": "utf-8", "description": desc})

DATA = Path(__file__).resolve().parents[1] / "data"


def descriptor_text() -> str:
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def names(fields) -> str:
    """A key's field names: the schemas write a one-field key as a plain string."""
    return fields if isinstance(fields, str) else ", ".join(fields)


def field_docs(package: dict) -> str:
    """The per-table field documentation for data/README.md, generated from the schemas."""
    out = []
    for r in package["resources"]:
        out.append(f"### `{r['path']}`\n\n{r['description']}")
        if "schema" not in r:  # a bibliography: BibTeX, checked by heumezu.bib
            out.append("")
            continue
        schema = r["schema"]
        keys = f"Primary key: `{', '.join(schema['primaryKey'])}`."
        if schema["foreignKeys"]:
            keys += " Foreign keys: " + "; ".join(
                f"`{names(fk['fields'])}` → `{fk['reference']['resource']}.{names(fk['reference']['fields'])}`"
                for fk in schema["foreignKeys"]) + "."
        out.append(keys + "\n")
        out.append("| field | type | required | rule | meaning |\n|---|---|---|---|---|")
        for fld in schema["fields"]:
            c = fld.get("constraints", {})
            rule = []
            if fld["type"] == "boolean":
                rule.append(" or ".join(f"`{v}`" for v in fld["trueValues"] + fld["falseValues"]))
            if "enum" in c:
                rule.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
            if "pattern" in c:
                rule.append(f"pattern `{c['pattern']}`")
            if c.get("unique"):
                rule.append("unique")
            if "minimum" in c:
                rule.append(f"≥ {c['minimum']}")
            if "maximum" in c:
                rule.append(f"≤ {c['maximum']}")
            out.append(f"| `{fld['name']}` | {fld['type']} | {'yes' if c.get('required') else ''} | "
                       f"{'; '.join(rule)} | {fld.get('description', '')} |")
        out.append("")
    return "\n".join(out)


START, END = "<!-- fields:start (generated by tools/make_datapackage.py) -->", "<!-- fields:end -->"


def readme_text(current: str) -> str:
    """data/README.md with its field tables replaced by those of the schemas."""
    head, _, rest = current.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n\n{field_docs(package)}\n{END}{tail}"


if __name__ == "__main__":
    (DATA / "datapackage.json").write_text(descriptor_text(), encoding="utf-8")
    readme = DATA / "README.md"
    readme.write_text(readme_text(readme.read_text(encoding="utf-8")), encoding="utf-8")
