"""The bibliography (issue 12): canonical hosts only, and titles printed as the data give them."""
from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from heumezu.links import MIRRORS

DATA = Path(__file__).resolve().parents[1] / "data"
BIBS = sorted(DATA.glob("*.bib"))
URL = re.compile(r"^\s*url\s*=\s*\{([^}]*)\}", re.MULTILINE)

def urls():
    for bib in BIBS:
        for url in URL.findall(bib.read_text(encoding="utf-8")):
            yield bib.name, url


@pytest.mark.parametrize(("bib", "url"), list(urls()))
def test_every_url_is_on_a_canonical_host(bib, url):
    host = urlsplit(url).hostname or ""
    assert host, (bib, url)
    assert not host.endswith("."), f"{bib}: trailing dot in {url}"
    with pytest.raises(ValueError):
        ipaddress.ip_address(host)
    assert not any(m in host for m in MIRRORS), f"{bib}: mirror host in {url}"
    assert not host.startswith(("en.m.", "zh.m.", "ja.m.")), f"{bib}: mobile host in {url}"


@pytest.mark.parametrize(("bib", "url"), list(urls()))
def test_every_url_is_percent_encoded(bib, url):
    """The PDF sets addresses in a Latin URL font: a CJK character left in a url field stops the
    build with xelatex's "Missing character" (as a Wikisource title once did). Encode it."""
    assert url.isascii(), f"{bib}: non-ASCII characters in {url}; percent-encode them"


def test_the_bibliography_keeps_the_case_of_titles():
    from pybtex.database import Entry

    from heumezu import notes

    entry = Entry("misc", fields={"title": "Chapter on He Yingqin and China", "howpublished": "A page"})
    text = notes.plain(notes.bibliography_entry(notes.Work.from_entry("k", entry)))
    assert "He Yingqin" in text and "China" in text, text


@pytest.mark.parametrize("address", [
    "https://wikimili.com/en/Marco_Polo_Bridge_incident",
    "https://www.wikizero.com/en/He%E2%80%93Umezu_Agreement",
    "http://www.liquisearch.com/tanggu_truce/negotiations",
    "https://www.wikiwand.com/en/articles/Tanggu_Truce",
    "https://dbpedia.org/page/Tanggu_Truce",
    "https://library.kiwix.org/content/wikipedia_en_all/A/Tanggu_Truce",
    "https://WikiMili.com/en/X",
])
def test_the_validator_refuses_an_address_on_a_site_of_copies(data_copy, validate_cli, address):
    bib = data_copy / "references.bib"
    text = bib.read_text(encoding="utf-8")
    old = "  url          = {https://en.wikipedia.org/wiki/Tanggu_Truce},\n"
    assert text.count(old) == 1
    bib.write_text(text.replace(old, "  url          = {" + address + "},\n"), encoding="utf-8")
    line = text[: text.index("@misc{wp-tanggu-truce,")].count("\n") + 1
    code, messages = validate_cli(data_copy)
    assert code == 1
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"references.bib, line {line}, field 'url': entry 'wp-tanggu-truce': '{address}' is on ")
    assert "cite the publication itself" in messages[0]


def test_a_copy_named_in_a_note_is_refused_too(data_copy, validate_cli):
    bib = data_copy / "references.bib"
    text = bib.read_text(encoding="utf-8")
    old = "  note         = {Revision unknown; consulted 2026-11.}\n}\n\n@misc{wp-qin-doihara,"
    assert text.count(old) == 1
    bib.write_text(text.replace(old, "  note         = {Read at \\url{https://wikimili.com/en/Tanggu_Truce}.}\n}\n\n"
                                     "@misc{wp-qin-doihara,"), encoding="utf-8")
    code, messages = validate_cli(data_copy)
    assert code == 1 and len(messages) == 1 and "field 'note'" in messages[0] and "wikimili.com" in messages[0]


@pytest.mark.parametrize("address", ["https://en.wikipedia.org/wiki/Tanggu_Truce", "https://history.state.gov/x",
                                     "https://www.jstor.org/stable/1", "https://ja.wikipedia.org/wiki/X"])
def test_canonical_addresses_are_not_copies(address):
    from heumezu import links

    assert links.mirror(address) is None


def test_the_data_cites_no_work_by_a_copy_s_key():
    """The keys the tables cite name the publication, not a site of copies."""
    from heumezu import links

    for table in sorted(DATA.glob("*.csv")):
        for key in re.findall(r"[\w-]+", table.read_text(encoding="utf-8")):
            assert not any(m in key.lower() for m in links.MIRRORS), f"{table.name}: {key}"
