"""The rows of the reference pages (chronology, persons, places, glossary), built from the evidence.

Every function takes the :class:`~heumezu.evidence.Evidence` and returns a DataFrame whose
columns are the headers of the printed table, one row per record, in reading order. Nothing
here is typed by hand: a register is the data, formatted. Cells hold plain text and the markers
of :mod:`heumezu.table` (citations, index entries), never markup; the ``*_table`` functions pick
the columns a page prints.
"""
from __future__ import annotations

import calendar
import math
import re
from typing import NamedTuple

import pandas as pd

from . import crossrefs, languages
from .dates import date_span, parse_date, spell
from .table import Indexed, Lang, Strong, Table, sources, tag_runs
from .vocabulary import enum, sigla


def chapters(data_dir=None) -> tuple[str, ...]:
    """The chapters, in the schema's order; read when asked, never at import (data may be absent)."""
    return enum("events", "chapter", data_dir)


def __getattr__(name: str):
    if name == "CHAPTERS":  # the old constant, now read lazily (PEP 562)
        return chapters()
    raise AttributeError(name)

STATUS_MARK = {"attested": "", "contradicted": " (contradicted)", "corrupted": " (corrupted)"}


# --------------------------------------------------------------------------------------------- dates
def _present(value) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and math.isnan(value)) \
        and str(value) != ""


def display_date(value: str, precision: str | None = None, uncertain: bool = False,
                 end_date: str | None = None) -> str:
    """A date as the edition prints it: '10 June 1935', 'June 1935', 'c. 10 June 1935', '6–10 June 1935'.

    ``precision`` defaults to what the ISO string itself shows; ``uncertain`` adds 'c.'.
    """
    if not _present(value):
        return ""
    first, implied = parse_date(str(value))
    precision = precision if _present(precision) else implied
    text = spell(first, precision)
    if _present(end_date):
        last, end_precision = parse_date(str(end_date))
        if precision == end_precision == "day" and (first.year, first.month) == (last.year, last.month):
            text = f"{first.day}–{spell(last, 'day')}"
        elif precision == end_precision == "day" and first.year == last.year:
            text = f"{first.day} {calendar.month_name[first.month]} – {spell(last, 'day')}"
        elif last != first:
            text = f"{text} – {spell(last, end_precision)}"
    return f"c. {text}" if _present(uncertain) and bool(uncertain) else text


def life_dates(born, died) -> str:
    """'1890–1987', '1882–?', '?–1949', or ''."""
    if not _present(born) and not _present(died):
        return ""
    b = display_date(born) if _present(born) else "?"
    d = display_date(died) if _present(died) else "?"
    return f"{b} – {d}" if " " in b + d else f"{b}–{d}"


# ------------------------------------------------------------------------------------------ helpers
def _text(value) -> str:
    return str(value) if _present(value) else ""


class Form(NamedTuple):
    """A witness's form of a name, verbatim, and the edition's mark of its status (or "")."""

    quote: str
    mark: str = ""

    def __str__(self) -> str:
        """“quote” and the mark after the closing quotation mark: the mark is not the witness's."""
        return f"“{self.quote}”{self.mark}"


def witness_forms(ev, table: str) -> dict[str, dict[str, list[Form]]]:
    """For each row id of ``table``: siglum -> the verbatim quotes of its attestations, in text order.

    Duplicate quotes of one witness are listed once; a contradicted or corrupted attestation
    keeps its mark, so that the register never passes a garbled form off as a name.
    """
    att = ev.attestations
    att = att[att["table"] == table].copy()
    att["_start"] = att["start"].astype("float64")
    att = att.sort_values(["row", "witness", "_start", "id"], kind="stable")
    forms: dict[str, dict[str, list[Form]]] = {}
    for row in att.itertuples(index=False):
        form = Form(str(row.quote), STATUS_MARK.get(_text(row.status), ""))
        per_witness = forms.setdefault(str(row.row), {}).setdefault(str(row.witness), [])
        if form not in per_witness:
            per_witness.append(form)
    return forms


def _forms_cell(forms: dict[str, list[Form]], order: tuple[str, ...]) -> tuple:
    """'**F**: “form”; “form” (corrupted) · **E**: …' as parts, the witnesses in the edition's order."""
    parts: list = []
    for siglum in (s for s in order if s in forms):
        parts += [" · "] if parts else []
        parts += [Strong(siglum), ": " + "; ".join(map(str, forms[siglum]))]
    return tuple(parts)


def _name(name: str, index: bool, anchor: str = ""):
    """The name in a register: an index entry, and the anchor that mentions of it link to."""
    return Indexed(name, anchor) if index and name else name


# ---------------------------------------------------------------------------------------- registers
def chronology(ev, chapter: str | None = None) -> pd.DataFrame:
    """All events (or one chapter's) in date order, the date printed with its precision and doubt."""
    events = ev.events.copy()
    if chapter is not None:
        known = chapters(ev.data_dir)
        if chapter not in known:
            raise ValueError(f"unknown chapter {chapter!r}; expected one of {known}")
        events = events[events["chapter"] == chapter]
    events["_sort"] = [date_span(d, p)[0] for d, p in zip(events["date"], events["precision"])]
    events = events.sort_values(["_sort", "id"], kind="stable")
    order = sigla(ev)
    places = ev.places.set_index("id")["name_en"] if "places" in ev.tables else pd.Series(dtype="string")
    rows = []
    tags_of = native_forms(ev)  # the language of a Chinese or Japanese run in a prose cell, where known
    for e in events.itertuples(index=False):
        place = _text(e.place)
        rows.append({
            "Date": display_date(e.date, e.precision, e.uncertain, e.end_date),
            "Event": tag_runs(_text(e.title), tags_of),
            "Description": tag_runs(_text(e.description), tags_of),
            "Place": _text(places.get(place, place)) if place else "",
            "Chapter": _text(e.chapter).capitalize(),
            "Note": tag_runs(crossrefs.note(ev, e.note), tags_of),
            "Sources": sources(e.sources, order),
            "id": _text(e.id),
        })
    return pd.DataFrame(rows, columns=["Date", "Event", "Description", "Place", "Chapter", "Note", "Sources", "id"])


def persons(ev, index: bool = True) -> pd.DataFrame:
    """One row per actor: names and romanisations, side, role in 1935, life dates, witness forms."""
    forms, order = witness_forms(ev, "actors"), sigla(ev)
    actors = ev.actors.copy()
    actors["_key"] = actors["name_en"].str.casefold()
    actors = actors.sort_values(["kind", "_key", "id"], kind="stable", ascending=[False, True, True])
    rows = []
    tags_of = native_forms(ev)  # the language of a Chinese or Japanese run in a prose cell, where known
    for a in actors.itertuples(index=False):
        native = _native(a.name_native, a.name_native_lang) or ("not known",)
        if _present(a.name_simplified) and a.name_simplified != a.name_native:
            native += (" (simpl. ", Lang(_text(a.name_simplified), languages.SIMPLIFIED), ")")
        romanisations = "; ".join(
            f"{label} {_text(v)}" for label, v in (("Pinyin:", a.pinyin), ("Wade–Giles:", a.wade_giles),
                                                   ("Hepburn:", a.hepburn)) if _present(v))
        name = _text(a.name_en)
        rows.append({
            "Name": _name(name, index, crossrefs.actor_label(_text(a.id))),
            "Native script": native,
            "Romanisations": romanisations,
            "Native script and romanisations": native + ((f"; {romanisations}",) if romanisations else ()),
            "Kind": _text(a.kind),
            "Side": _text(a.side).capitalize(),
            "Role in 1935": tag_runs(_text(a.role_1935), tags_of),
            "Life": life_dates(a.born, a.died),
            "How the witnesses name them": _forms_cell(forms.get(_text(a.id), {}), order),
            "Note": tag_runs(_text(a.note) + (" (Details unverified.)" if a.uncertain is True else ""), tags_of),
            "Sources": sources(a.sources, order),
            "id": _text(a.id),
        })
    columns = ["Name", "Native script", "Romanisations", "Native script and romanisations", "Kind", "Side", "Role in 1935", "Life",
               "How the witnesses name them", "Note", "Sources", "id"]
    return pd.DataFrame(rows, columns=columns)


def native_forms(ev) -> dict[str, str]:
    """Every native-script form the data tags, with its tag (actors, places, glossary): what a
    note's Chinese or Japanese run is known to be (:func:`heumezu.languages.known_forms`)."""
    cells = []
    for table, (text_field, lang_field) in languages.NATIVE_FIELDS.items():
        if table in ev.tables:
            frame = getattr(ev, table)
            if lang_field in frame:
                cells += [(str(t), str(g)) for t, g in zip(frame[text_field], frame[lang_field])
                          if _present(t) and _present(g)]
    return languages.known_forms(cells)


def _native(text, tags) -> tuple:
    """A native-script cell as parts: each form in its language (the data's tags, one per form;
    a glossary cell may hold several, separated by semicolons), the forms joined by '; '."""
    if not _present(text):
        return ()
    out: list = []
    for form, tag in languages.pairs(_text(text), _text(tags) if _present(tags) else ""):
        out += ["; "] if out else []
        out.append(Lang(form, tag) if tag in languages.TAGS else form)
    return tuple(out) or (_text(text),)


def _coordinates(lat, lon) -> str:
    if not (_present(lat) and _present(lon)):
        return ""
    ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
    return f"{abs(lat):.2f}° {ns}, {abs(lon):.2f}° {ew}"


def gazetteer(ev, index: bool = True) -> pd.DataFrame:
    """One row per place: names (English, native, pinyin, historical), type, coordinates, witness forms."""
    forms, order = witness_forms(ev, "places"), sigla(ev)
    places = ev.places.copy()
    places["_key"] = places["name_en"].str.casefold()
    places = places.sort_values(["_key", "id"], kind="stable")
    rows = []
    tags_of = native_forms(ev)  # the language of a Chinese or Japanese run in a prose cell, where known
    for p in places.itertuples(index=False):
        historical = "; ".join(f.strip() for f in _text(p.name_historical).split(";") if f.strip())
        rows.append({
            "Name": _name(_text(p.name_en), index, crossrefs.place_label(_text(p.id))),
            "Native script": _native(p.name_native, p.name_native_lang),
            "Pinyin": _text(p.name_pinyin),
            "Historical forms": historical,
            "Other forms": "; ".join(f for f in (_text(p.name_pinyin), historical) if f),
            "Type": _text(p.type),
            "Coordinates": _coordinates(p.lat, p.lon),
            "Precision": _text(p.coord_note),
            "How the witnesses name it": _forms_cell(forms.get(_text(p.id), {}), order),
            "Note": tag_runs(crossrefs.note(ev, p.note), tags_of),
            "Sources": sources(p.sources, order),
            "id": _text(p.id),
        })
    columns = ["Name", "Native script", "Pinyin", "Historical forms", "Other forms", "Type", "Coordinates", "Precision",
               "How the witnesses name it", "Note", "Sources", "id"]
    return pd.DataFrame(rows, columns=columns)


def glossary(ev) -> pd.DataFrame:
    """One row per term, alphabetical: term, native form, definition, sources."""
    terms = ev.glossary.copy()
    terms["_key"] = terms["term"].str.casefold()
    terms = terms.sort_values(["_key", "id"], kind="stable")
    tags_of = native_forms(ev)  # the language of a Chinese or Japanese run in a prose cell, where known
    rows = [{"Term": _text(t.term), "Native": _native(t.native, t.native_lang),
             "Definition": tag_runs(_text(t.definition), tags_of),
             "Sources": sources(t.sources, sigla(ev)), "id": _text(t.id)} for t in terms.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Term", "Native", "Definition", "Sources", "id"])


def demands(ev) -> pd.DataFrame:
    """The Japanese demands in the order presented, with their target and outcome."""
    names = ev.actors.set_index("id")["name_en"]
    rows = [{
        "First presented": display_date(d.date, uncertain=d.uncertain),
        "Demand": _text(d.summary),
        "Aimed at": _text(names.get(d.target, "")) if _present(d.target) else "",
        "Outcome": _text(d.outcome).replace("_", " "),
        "By": display_date(d.outcome_date) if _present(d.outcome_date) else "",
        "Sources": sources(d.sources, sigla(ev)),
        "id": _text(d.id),
    } for d in ev.demands.sort_values(["date", "id"], kind="stable").itertuples(index=False)]
    return pd.DataFrame(rows, columns=["First presented", "Demand", "Aimed at", "Outcome", "By", "Sources", "id"])


# ------------------------------------------------------------------------------- tables for pages
def as_table(frame: pd.DataFrame, widths: dict[str, int], *, long: bool = True) -> Table:
    """The columns named in ``widths`` (in that order, with those relative widths) as a :class:`Table`;
    those of :data:`PROSE` are the edition's own words."""
    columns = list(widths)
    rows = [tuple(row) for row in frame[columns].itertuples(index=False, name=None)]
    return Table(tuple(columns), rows, tuple(widths.values()), long, prose=tuple(c for c in columns if c in PROSE))


#: The registers' columns in the edition's own words (the witnesses' forms are not among them).
PROSE = ("Role in 1935", "Event", "Description", "Note", "Demand")


ACTOR_WIDTHS = {"Name": 14, "Native script and romanisations": 20, "Role in 1935": 24, "Life": 12,
                "How the witnesses name them": 20, "Sources": 10}
PLACE_WIDTHS = {"Name": 14, "Native script": 9, "Other forms": 15, "Coordinates": 12, "How the witnesses name it": 15,
                "Note": 25, "Sources": 10}
CHRONOLOGY_WIDTHS = {"Date": 14, "Event": 18, "Description": 30, "Place": 10, "Note": 18, "Sources": 10}
DEMAND_WIDTHS = {"First presented": 12, "Demand": 38, "Aimed at": 14, "Outcome": 10, "By": 11, "Sources": 15}


def actors_table(ev, kind: str) -> Table:
    """The register of persons or of organisations (``kind`` as in actors.csv)."""
    if kind not in enum("actors", "kind", ev.data_dir):
        raise ValueError(f"unknown kind of actor {kind!r}; expected one of {enum('actors', 'kind', ev.data_dir)}")
    register = persons(ev)
    return as_table(register[register["Kind"] == kind], ACTOR_WIDTHS)


def places_table(ev) -> Table:
    return as_table(gazetteer(ev), PLACE_WIDTHS)


def chronology_table(ev, chapter: str | None = None, columns: list[str] | None = None) -> Table:
    """The events of one chapter (or all); ``columns`` picks some of :data:`CHRONOLOGY_WIDTHS`."""
    unknown = set(columns or ()) - set(CHRONOLOGY_WIDTHS)
    if unknown:
        raise ValueError(f"unknown chronology columns {sorted(unknown)}; expected some of {list(CHRONOLOGY_WIDTHS)}")
    widths = {c: w for c, w in CHRONOLOGY_WIDTHS.items() if not columns or c in columns}
    return as_table(chronology(ev, chapter), widths)


def demands_table(ev) -> Table:
    return as_table(demands(ev), DEMAND_WIDTHS, long=False)


# ------------------------------------------------------------------------------------- mentions
def _first_sentence(text: str) -> str:
    text = _text(text)
    cut = text.find(". ")
    return text if cut < 0 else text[:cut + 1]


def phrases(name: str) -> list[str]:
    """How the prose writes a registered name: without its glosses in parentheses, and for a
    province also without the word "province" ("Hebei (Hopei) province": "Hebei province", "Hebei")."""
    phrase = " ".join(re.sub(r"\([^()]*\)", "", name).split())
    out = [phrase]
    if phrase.endswith(" province"):
        out.append(phrase.removesuffix(" province"))
    return out


def mentions(ev) -> list[tuple[str, str, str]]:
    """(name as the register gives it, anchor of its register entry, hover card) for every person,
    organisation and place: what a mention of the name in the text links to, and what a reader
    sees on hovering over it (name, native script, role in 1935 or kind of place)."""
    out = []
    for a in ev.actors.itertuples(index=False):
        native = f" ({_text(a.name_native)})" if _present(a.name_native) else ""
        role = _text(a.role_1935)
        out.append((_text(a.name_en), crossrefs.actor_label(_text(a.id)),
                    f"{_text(a.name_en)}{native}" + (f": {role}" if role else "")))
    for p in ev.places.itertuples(index=False):
        native = f" ({_text(p.name_native)})" if _present(p.name_native) else ""
        about = ". ".join(x for x in (_text(p.type), _first_sentence(p.note)) if x)
        out.append((_text(p.name_en), crossrefs.place_label(_text(p.id)),
                    f"{_text(p.name_en)}{native}" + (f": {about}" if about else "")))
    return out


def surnames(ev) -> list[tuple[str, str]]:
    """(surname, anchor of the register entry) for each Japanese person (one with a Hepburn
    form, written surname first): after a first mention the prose says "Sakai" or "Umezu", and
    those mentions belong in the index too. A surname that is also a word of another registered
    name is left out, and so are Chinese surnames ("He", "Yu", "Song" are English words or too
    short to tell apart)."""
    persons = ev.actors[ev.actors["kind"] == "person"]
    names = [_text(a.name_en) for a in ev.actors.itertuples(index=False)] + \
        [_text(p.name_en) for p in ev.places.itertuples(index=False)]
    out = []
    for a in persons.itertuples(index=False):
        if not _present(a.hepburn):
            continue
        surname = _text(a.hepburn).split()[0]
        elsewhere = [n for n in names if n != _text(a.name_en) and surname in re.findall(r"[\w']+", n)]
        if surname == _text(a.name_en).split()[0] and not elsewhere:
            out.append((surname, crossrefs.actor_label(_text(a.id))))
    return out


def aliases(ev) -> list[tuple[str, str]]:
    """(other form, anchor of the register entry): how the sources of 1935 spell a person
    (Wade–Giles: "Ho Ying-ch'in") or a place (historical forms: "Tientsin", "Hopei"), so that a
    mention in the American reports links to the same entry. Forms with a gloss or a comma are
    left out; they are descriptions, not names."""
    out = []
    for a in ev.actors[ev.actors["kind"] == "person"].itertuples(index=False):
        if _present(a.wade_giles):
            out.append((_text(a.wade_giles), crossrefs.actor_label(_text(a.id))))
    for p in ev.places.itertuples(index=False):
        for form in _text(p.name_historical).split(";"):
            form = form.strip()
            if form and not any(c in form for c in "(),"):
                out.append((form, crossrefs.place_label(_text(p.id))))
    return out
