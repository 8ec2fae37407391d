"""TEI P5 export of the three witnesses and the source apparatus (parallel segmentation).

The document is generated from ``data/`` only:

* ``teiHeader``: the witnesses (``listWit``) with origin, condition and licence, and a ``listBibl``
  of every work the apparatus cites, so that each ``source`` pointer resolves;
* one ``div type="witness"`` per witness, its text verbatim, with each lost passage as
  ``<app type="lacuna">`` (``lacunaStart``, the editors' ``supplied`` restoration, ``lacunaEnd``)
  and each editorial correction as ``<app type="correction">`` (``lem`` = the edition's reading,
  ``rdg`` = the witness's) with a ``note``; X is further divided into its ``seg``\\ ments;
* ``div type="collation"``: X against E in parallel segmentation, as computed by
  :mod:`heumezu.collation`, with X's foreign passages as ``app type="interpolation"``;
* one ``div type="document"`` per document of ``documents.csv`` (the memorandum, the FRUS reports,
  and He's letter as a division without text): provenance and completeness as notes, the text
  verbatim in an ``ab`` with each cited passage as ``seg type="passage"``, the editors' translation
  as ``div type="translation"`` (one ``ab`` per line) and the notes on terms and readings.
"""
from __future__ import annotations

import os
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from . import citation, collation, documents, notes
from .vocabulary import sigla

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", TEI_NS)


def _q(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _xml(attr: str) -> str:
    return f"{{{XML_NS}}}{attr}"


def _el(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    attributes = {(_xml(k[4:]) if k.startswith("xml_") else k): str(v) for k, v in attrs.items() if v not in (None, "")}
    el = ET.SubElement(parent, _q(tag), attributes) if parent is not None else ET.Element(_q(tag), attributes)
    if text:
        el.text = text
    return el


def bib_id(key: str) -> str:
    """An NCName for a BibTeX key (keys may start with a digit)."""
    return "bib-" + key


def _pointers(keys, witnesses: tuple[str, ...]) -> str:
    """``#F #bib-key …``: a witness siglum points at its ``witness``, a BibTeX key at its ``bibl``."""
    parts = [] if pd.isna(keys) else [k for k in str(keys).split(";") if k]
    return " ".join(f"#{k}" if k in witnesses else f"#{bib_id(k)}" for k in parts)


# Characters XML 1.0 cannot carry, even escaped (ElementTree would write them as they are).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_characters(root: ET.Element) -> None:
    """Refuse to write ill-formed XML: every text, tail and attribute must be XML characters."""
    for el in root.iter():
        for where, value in (("text", el.text), ("tail", el.tail), *el.attrib.items()):
            bad = _NOT_XML.search(value or "")
            if bad:
                raise ValueError(f"TEI: character U+{ord(bad[0]):04X} cannot appear in XML "
                                 f"({el.tag.split('}')[-1]} {where}: {value[:60]!r})")


class _Writer:
    """Appends text and elements to a mixed-content element in order."""

    def __init__(self, parent: ET.Element):
        self.parent = parent

    def text(self, s: str) -> None:
        if not s:
            return
        if len(self.parent):
            last = self.parent[-1]
            last.tail = (last.tail or "") + s
        else:
            self.parent.text = (self.parent.text or "") + s


def _witness_events(ev, siglum: str, start: int, end: int) -> list[tuple[int, int, str, object]]:
    """Lacunae (points) and readings (spans) of a witness inside [start, end], in text order."""
    events = []
    for r in ev.lacunae[ev.lacunae["witness"] == siglum].itertuples(index=False):
        if start <= int(r.offset) <= end:
            events.append((int(r.offset), int(r.offset), "lacuna", r))
    for r in ev.readings[ev.readings["witness"] == siglum].itertuples(index=False):
        if start <= int(r.start) and int(r.end) <= end:
            events.append((int(r.start), int(r.end), "reading", r))
    return sorted(events, key=lambda e: (e[0], e[1], e[3].id))


def _transcribe(ev, parent: ET.Element, siglum: str, text: str, start: int, end: int) -> None:
    out, pos = _Writer(parent), start
    for s, e, kind, r in _witness_events(ev, siglum, start, end):
        if s < pos:
            raise ValueError(f"{r.id} overlaps an earlier apparatus entry in witness {siglum}")
        out.text(text[pos:s])
        if kind == "lacuna":
            app = _el(parent, "app", type="lacuna", xml_id=r.id, ana=f"#kind-{r.kind}")
            rdg = _el(app, "rdg", wit=f"#{siglum}")
            _el(rdg, "lacunaStart")
            _el(rdg, "supplied", r.restoration, reason="lost", resp="#editors", source=_pointers(r.authority, sigla(ev)),
                cert="low" if bool(r.uncertain) else "high")
            _el(rdg, "lacunaEnd")
            if not pd.isna(r.note):
                _el(app, "note", r.note)
        else:
            app = _el(parent, "app", type="correction", xml_id=r.id, ana=f"#kind-{r.kind}")
            _el(app, "lem", r.corrected, resp="#editors", source=_pointers(r.sources, sigla(ev)))
            _el(app, "rdg", r.reading, wit=f"#{siglum}")
            _el(app, "note", r.note)
        pos = e
    out.text(text[pos:end])


def _header(ev, root: ET.Element, cite: citation.Citation) -> None:
    """Title, editors, version, date and licence from CITATION.cff; the witnesses from the data."""
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", cite.title, type="main")
    _el(title_stmt, "title", "The witnesses, their apparatus and the documents", type="sub")
    resp = _el(title_stmt, "respStmt", xml_id="editors")
    _el(resp, "resp", "edited by")
    for author in cite.authors:
        _el(resp, "name", author)
    if cite.version:
        _el(_el(file_desc, "editionStmt"), "edition", f"Version {cite.version}", n=cite.version)
    pub = _el(file_desc, "publicationStmt")
    _el(pub, "publisher", "; ".join(cite.authors))
    if cite.date_released:
        _el(pub, "date", cite.date_released, when=cite.date_released)
    availability = _el(pub, "availability")
    _el(availability, "licence", citation.licence_name(cite.licence), target=cite.licence_url or None)
    _el(availability, "p", "Generated from the edition's data by heumezu.tei. Each witness keeps the licence "
                           "and attribution stated for it below.")
    source_desc = _el(file_desc, "sourceDesc")
    list_wit = _el(source_desc, "listWit")
    for w in ev.witnesses.itertuples(index=False):  # in the order of witnesses.csv
        wit = _el(list_wit, "witness", xml_id=w.siglum, xml_lang=w.language)
        _el(wit, "title", w.title)
        for field in ("origin", "condition", "licence", "attribution"):
            _el(wit, "note", getattr(w, field), type=field)
        _el(wit, "idno", w.sha256, type="sha256")
    list_bibl = _el(source_desc, "listBibl")
    for work in _bibliography(ev):
        _bibl(list_bibl, work)
    enc = _el(header, "encodingDesc")
    _el(enc, "variantEncoding", method="parallel-segmentation", location="internal")
    interp = _el(enc, "classDecl")
    taxonomy = _el(interp, "taxonomy", xml_id="apparatus-kinds")
    kinds = sorted(set(ev.readings["kind"]) | set(ev.lacunae["kind"]) | set(collation.VARIANT_TYPES))
    for kind in kinds:
        cat = _el(taxonomy, "category", xml_id=f"kind-{kind}")
        _el(cat, "catDesc", kind)


def _bibliography(ev) -> list[notes.Work]:
    """Every work the apparatus cites, read by :mod:`heumezu.notes` (as the notes and the
    bibliography read it), in the bibliography's order."""
    cited = set()
    for table, fields in (("lacunae", ("authority", "sources")), ("readings", ("sources",)), ("segments", ("sources",)),
                          ("documents", ("sources",)), ("document_notes", ("sources",))):
        for field in fields:
            for value in ev.tables[table][field].dropna():
                cited.update(k for k in str(value).split(";") if k and k not in sigla(ev))
    works = notes.works(Path(ev.data_dir))
    return sorted((works[key] for key in cited if key in works), key=notes.sort_key)


def _bibl(parent: ET.Element, work: notes.Work) -> None:
    """One work as a TEI ``bibl``: its parts tagged (authors, title at its level, journal, volume,
    imprint, date, FRUS document, address), then the edition's bibliography entry as a note, so
    that the export cites each work exactly as the pages and the PDF do."""
    bibl = _el(parent, "bibl", xml_id=bib_id(work.key))
    for given, surname in work.authors:
        author = _el(bibl, "author")
        if given:
            _el(author, "forename", given)
        _el(author, "surname", surname)
    level = "m" if work.type in ("book", "phdthesis", "thesis") else "a"
    _el(bibl, "title", work.title, level=level)
    if work.get("journal"):
        _el(bibl, "title", work.get("journal"), level="j")
    for unit, field in (("volume", "volume"), ("issue", "number"), ("page", "pages")):
        if work.get(field):
            _el(bibl, "biblScope", work.get(field), unit=unit)
    if work.get("address"):
        _el(bibl, "pubPlace", work.get("address"))
    if work.get("publisher") or work.get("howpublished"):
        _el(bibl, "publisher", work.get("publisher") or work.get("howpublished"))
    if work.get("year"):
        _el(bibl, "date", work.get("year"))
    if work.frus:
        years, volume, document = work.frus
        _el(bibl, "idno", f"FRUS {years}, vol. {volume}, doc. {document}", type="FRUS")
    if work.url:  # only http(s) addresses (heumezu.links decides)
        _el(bibl, "ref", work.url, target=work.url)
    _el(bibl, "note", notes.plain(notes.bibliography_entry(work)), type="citation")


def _collation_div(ev, body: ET.Element) -> None:
    x_text = ev.witness_text("X")
    div = _el(body, "div", type="collation", corresp="#E #X")
    _el(div, "head", "Witness X collated against witness E")
    app_frame = collation.apparatus(ev)
    segments = ev.segments[ev.segments["witness"] == "X"].sort_values("start", kind="stable")
    for seg in segments.itertuples(index=False):
        ab = _el(div, "ab", corresp=f"#{seg.id}", type=seg.origin)
        start, end = int(seg.start), int(seg.end)
        if seg.origin != "derived_from_E":
            app = _el(ab, "app", type="interpolation" if seg.origin == "foreign" else "unknown")
            _el(app, "rdg", wit="#E")
            _el(app, "rdg", x_text[start:end], wit="#X", source=_pointers(seg.sources, sigla(ev)))
            _el(app, "note", f"{seg.subject}. Source: {seg.source_text}.")
            continue
        out, pos = _Writer(ab), start
        for v in app_frame[app_frame["segment"] == seg.id].sort_values("x_at", kind="stable").itertuples(index=False):
            at = int(v.x_at)
            out.text(x_text[pos:at])
            app = _el(ab, "app", ana=f"#kind-{v.type}")
            _el(app, "rdg", v.e_reading or None, wit="#E")
            _el(app, "rdg", v.x_reading or None, wit="#X")
            if v.reading_id:
                _el(app, "note", None, corresp=f"#{v.reading_id}")
            pos = int(v.x_end) if pd.notna(v.x_end) else at
        out.text(x_text[pos:end])


def _document_divs(ev, body: ET.Element) -> None:
    """The documents: each text verbatim, its cited passages as segments, translation and notes."""
    for d in ev.documents.itertuples(index=False):
        div = _el(body, "div", type="document", xml_id=f"doc-{d.id}", xml_lang=documents.language_tag(ev, d.id) or d.language,
                  corresp=_pointers(d.sources, ()), subtype=d.kind)
        _el(div, "head", documents.heading(ev, d.id))
        for field in ("headnote", "sender", "recipient", "date", "date_note", "number", "archive_file", "publication",
                      "first_page", "url",
                      "licence", "completeness", "completeness_note", "provenance", "sha256"):
            value = getattr(d, field)
            if not pd.isna(value) and str(value):
                _el(div, "note", str(value), type=field)
        text = documents.document_text(ev, d.id)
        if text is None:
            continue
        ab = _el(div, "ab")
        out, pos = _Writer(ab), 0
        for p in documents.passages_of(ev, d.id):
            out.text(text[pos:int(p.start)])
            _el(ab, "seg", text[int(p.start):int(p.end)], type="passage", xml_id=p.id, n=p.locator)
            pos = int(p.end)
        out.text(text[pos:])
        lines = documents.parallel_rows(ev, d.id)
        if lines:
            tr = _el(div, "div", type="translation", xml_lang="en", resp="#editors")
            _el(tr, "head", f"{documents.TRANSLATION_BY} (English)")
            for line, item, _source, translation, note in lines:
                seg = _el(tr, "ab", translation, n=str(line), xml_id=f"tr-{d.id}-{line}")
                if item:
                    seg.set("type", "item")
                    seg.set("subtype", item)
                if note:
                    _el(seg, "note", note, resp="#editors")
        notes = ev.document_notes[ev.document_notes["document"] == d.id]
        for n in notes.itertuples(index=False):
            note = _el(div, "note", None, type=n.kind, xml_id=n.id, resp="#editors", source=_pointers(n.sources, ()))
            if not pd.isna(n.quote) and str(n.quote):
                _el(note, "quote", str(n.quote))
                note[-1].tail = " " + n.note
            else:
                note.text = n.note
    # He's letter and any other document without text carry their notes too.
    for n in ev.document_notes.itertuples(index=False):
        if documents.document_text(ev, n.document) is None:
            div = body.find(f".//{_q('div')}[@{_xml('id')}='doc-{n.document}']")
            _el(div, "note", n.note, type=n.kind, xml_id=n.id, resp="#editors", source=_pointers(n.sources, ()))


def build_tei(ev, cite: citation.Citation | None = None) -> ET.Element:
    """The TEI document as an ElementTree element (root ``TEI``); ``cite`` defaults to CITATION.cff."""
    root = _el(None, "TEI", xml_lang="en")
    _header(ev, root, cite or citation.load())
    body = _el(_el(root, "text"), "body")
    for siglum in sigla(ev):
        w = ev.witnesses.set_index("siglum").loc[siglum]
        text = ev.witness_text(siglum)
        div = _el(body, "div", type="witness", corresp=f"#{siglum}", xml_lang=w["language"], xml_id=f"text-{siglum}")
        _el(div, "head", f"Witness {siglum}: {w['title']}")
        if siglum == "X":
            ab = _el(div, "ab")
            segments = ev.segments[ev.segments["witness"] == "X"].sort_values("start", kind="stable")
            for seg in segments.itertuples(index=False):
                el = _el(ab, "seg", type=seg.origin, xml_id=seg.id, source=_pointers(seg.sources, sigla(ev)))
                _transcribe(ev, el, siglum, text, int(seg.start), int(seg.end))
        else:
            _transcribe(ev, _el(div, "ab"), siglum, text, 0, len(text))
    _collation_div(ev, body)
    _document_divs(ev, body)
    return root


def to_bytes(ev, cite: citation.Citation | None = None) -> bytes:
    """The TEI document serialised; every value goes in as element text or attribute value, which
    ElementTree escapes, and :func:`_check_characters` refuses what no escaping can carry."""
    root = build_tei(ev, cite)
    _check_characters(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_tei(ev, path: Path | str, cite: citation.Citation | None = None) -> Path:
    """Write the TEI file atomically: a temporary file in the same folder, then a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = to_bytes(ev, cite)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
