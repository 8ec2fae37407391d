"""The TEI P5 export: well-formed, TEI namespace, every witness, lacuna, reading and variant."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

import heumezu as hu
from heumezu import collation, tei

NS = {"t": tei.TEI_NS}
XML_ID = f"{{{tei.XML_NS}}}id"


@pytest.fixture(scope="module")
def ev():
    return hu.load()


@pytest.fixture(scope="module")
def root(ev, tmp_path_factory):
    path = tei.write_tei(ev, tmp_path_factory.mktemp("tei") / "edition.xml")
    return ET.parse(path).getroot()


def test_root_and_header(root):
    assert root.tag == f"{{{tei.TEI_NS}}}TEI"
    assert root.find("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS).text
    assert root.find("t:teiHeader/t:encodingDesc/t:variantEncoding", NS).get("method") == "parallel-segmentation"


def test_every_witness_is_listed_and_transcribed(ev, root):
    listed = {w.get(XML_ID) for w in root.iterfind(".//t:listWit/t:witness", NS)}
    assert listed == set(ev.witnesses["siglum"])
    for siglum in listed:
        div = root.find(f".//t:div[@type='witness'][@corresp='#{siglum}']", NS)
        assert div is not None
        # The witness's own words, without what the editors add, give back the file exactly.
        ab = div.find("t:ab", NS)
        assert _witness_text(ab) == ev.witness_text(siglum)


def _witness_text(el) -> str:
    tag = el.tag.split("}")[1]
    if tag in ("supplied", "lem", "note", "lacunaStart", "lacunaEnd"):
        return el.tail or ""
    inner = (el.text or "") + "".join(_witness_text(child) for child in el)
    return inner + (el.tail or "") if tag not in ("ab",) else inner


def test_every_lacuna_has_its_restoration(ev, root):
    for r in ev.lacunae.itertuples():
        app = root.find(f".//t:app[@type='lacuna'][@{{{tei.XML_NS}}}id='{r.id}']", NS)
        assert app is not None, r.id
        assert app.find("t:rdg/t:lacunaStart", NS) is not None and app.find("t:rdg/t:lacunaEnd", NS) is not None
        supplied = app.find("t:rdg/t:supplied", NS)
        assert supplied.text == r.restoration
        assert supplied.get("cert") == ("low" if r.uncertain else "high")


def test_every_reading_is_encoded_with_its_correction(ev, root):
    for r in ev.readings.itertuples():
        app = root.find(f".//t:app[@type='correction'][@{{{tei.XML_NS}}}id='{r.id}']", NS)
        assert app is not None, r.id
        assert app.find("t:rdg", NS).text == r.reading
        assert app.find("t:rdg", NS).get("wit") == f"#{r.witness}"
        assert app.find("t:lem", NS).text == r.corrected
        assert app.find("t:note", NS).text == r.note


def test_every_pointer_resolves(root):
    ids = {el.get(XML_ID) for el in root.iter() if el.get(XML_ID)}
    for el in root.iter():
        for attr in ("source", "wit", "ana", "corresp", "resp"):
            for ref in (el.get(attr) or "").split():
                assert ref.startswith("#") and ref[1:] in ids, f"{attr}={ref}"


def test_the_collation_division_carries_every_variant(ev, root):
    div = root.find(".//t:div[@type='collation']", NS)
    apps = [a for a in div.iter(f"{{{tei.TEI_NS}}}app") if a.get("type") is None]
    app = collation.apparatus(ev)
    assert len(apps) == len(app)
    for el, v in zip(apps, app.itertuples()):
        e, x = el.findall("t:rdg", NS)
        assert (e.text or "") == v.e_reading and (x.text or "") == v.x_reading
    foreign = ev.segments[ev.segments["origin"] == "foreign"]
    assert len(div.findall(".//t:app[@type='interpolation']", NS)) == len(foreign)


def test_write_is_atomic(ev, tmp_path, monkeypatch):
    target = tmp_path / "out.xml"
    target.write_text("old", encoding="utf-8")

    def broken(*_args):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(tei, "to_bytes", broken)
    with pytest.raises(RuntimeError):
        tei.write_tei(ev, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xml"]


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1b", "\ufffe"])
def test_a_character_xml_cannot_carry_stops_the_export(ev, character, tmp_path):
    """The validator refuses control characters; should one get through, no ill-formed file is written."""
    readings = ev.readings.copy()
    readings.loc[readings.index[0], "note"] = f"a note{character}with a control character"
    broken = type(ev)(ev.data_dir, {**ev.tables, "readings": readings})
    with pytest.raises(ValueError, match=f"U\\+{ord(character):04X}"):
        tei.write_tei(broken, tmp_path / "edition.xml")
    assert not (tmp_path / "edition.xml").exists()


def test_documents_say_their_language_as_the_data_tags_it(ev, root):
    """The memorandum is zh-Hans (language zh, script Hans: issue 26); the American reports en."""
    lang = {d.get(XML_ID): d.get(f"{{{tei.XML_NS}}}lang") for d in root.iterfind(".//t:div[@type='document']", NS)}
    assert lang["doc-umezu-memorandum-1935-06-09"] == "zh-Hans"
    assert lang["doc-frus1935v03-d136"] == "en"
    assert lang["doc-he-letter-1935-07-06"] == "zh-Hans"  # the biography's simplified characters


def test_each_cited_work_is_described_as_the_bibliography_cites_it(ev, root):
    """Every work the apparatus cites is a ``bibl`` with its parts tagged and, as its note, the
    very entry the bibliography prints (one formatter, heumezu.notes, for pages, PDF and TEI)."""
    from heumezu import notes

    works = notes.works(ev.data_dir)
    bibls = list(root.iterfind(".//t:listBibl/t:bibl", NS))
    assert bibls
    for bibl in bibls:
        work = works[bibl.get(XML_ID).removeprefix("bib-")]
        assert bibl.find("t:title", NS).text == work.title
        assert bibl.find("t:note[@type='citation']", NS).text == notes.plain(notes.bibliography_entry(work))
        surnames = [s.text for s in bibl.iterfind("t:author/t:surname", NS)]
        assert surnames == [surname for _given, surname in work.authors]
        for ref in bibl.iterfind("t:ref", NS):
            assert ref.get("target").startswith(("https://", "http://"))


def test_a_hostile_work_stays_text_in_the_export(ev, data_copy, tmp_path):
    """A title that looks like markup is text in the XML (an address that is not http(s) does not
    get this far: the validator refuses it, test_validate)."""
    bib = data_copy / "references.bib"
    text = bib.read_text(encoding="utf-8")
    key = "frus1935v03-d185"
    start = text.index("{" + key + ",")
    entry_end = text.index("\n}", start)
    entry = text[start:entry_end]
    hostile = re.sub(r"title\s*=\s*\{", "title = {</title><script>alert(1)</script> ", entry, count=1)
    assert hostile.count("<script>") == 1
    bib.write_text(text[:start] + hostile + text[entry_end:], encoding="utf-8")
    loaded = hu.load(data_copy)
    tree = ET.parse(tei.write_tei(loaded, tmp_path / "edition.xml")).getroot()
    assert tree.find(".//t:script", NS) is None
    bibl = tree.find(f".//t:bibl[@{{{tei.XML_NS}}}id='bib-{key}']", NS)
    assert bibl.find("t:title", NS).text.startswith("</title><script>")
    assert bibl.find("t:note[@type='citation']", NS).text.startswith("“</title><script>")
