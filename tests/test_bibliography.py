"""The bibliography (issue 12): canonical hosts only, and titles printed as the data give them."""
from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
BIBS = sorted(DATA.glob("*.bib"))
URL = re.compile(r"^\s*url\s*=\s*\{([^}]*)\}", re.MULTILINE)

# Hosts that serve copies of Wikipedia or other works under another name. Any of them in a url
# field means a mirror is cited instead of the canonical page.
MIRRORS = ("oracleblog", "wikiclassic", "howlingpixel", "osmarks", "cydlabs", "kiwix", "datana",
           "en-academic", "xcv.wiki", "findatwiki", "wikimili", "gutenberg.us", "what-when-how",
           "dynip.sapo.pt", "niidae", "wikizero", "liquisearch", "wiki.x.io", "theinfolist", "test.history.state.gov")


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
