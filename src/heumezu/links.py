"""The one rule for an address from the data that may become a link: http(s) only.

Checked on the address as written and again after percent-decoding (the page may show it
decoded), so that neither 'javascript:' nor 'data:' nor an invisible or bidi character
('%E2%80%AE', a right-to-left override) gets through in either form. Used for CSV link fields,
every .bib ``url``, ``\\url{}`` and ``\\href{}`` in any .bib field, and further reading.

A work is cited at its publisher's address, never at a site that serves copies of it under
another name (a Wikipedia mirror, an aggregator): :data:`MIRRORS` is the one list of such hosts,
and :func:`mirror` says whether an address is on one (the validator checks every .bib address).
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from .textfiles import FORBIDDEN

WEB = re.compile(r"https?://[^\s\"'<>\\`{}|^]+\Z")
SCHEME = re.compile(r"https?://", re.IGNORECASE)
IN_TEXT = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}")  # \url{…} and \href{…}{…} inside a .bib field


def refusal(address: str) -> str | None:
    """Why ``address`` may not be a link, or None."""
    decoded, before = address, None
    for _ in range(5):  # '%2525…' decodes one layer at a time; five layers is more than any real address
        if decoded == before:
            break
        before, decoded = decoded, unquote(decoded)
    if not WEB.match(address) or not SCHEME.match(decoded):
        return f"'{address[:80]}' is not an http(s) web address (only http:// and https:// may become links)"
    if FORBIDDEN.search(decoded):
        return f"'{address[:80]}' contains an invisible control or bidi character (after percent-decoding)"
    return None


#: Hosts (or parts of a host name) that serve copies of Wikipedia or of other works under another
#: name. An address on one of them cites the copy, not the publication.
MIRRORS = ("oracleblog", "wikiclassic", "howlingpixel", "osmarks", "cydlabs", "kiwix", "datana",
           "en-academic", "xcv.wiki", "findatwiki", "wikimili", "gutenberg.us", "what-when-how",
           "dynip.sapo.pt", "niidae", "wikizero", "liquisearch", "wiki.x.io", "theinfolist",
           "wikiwand", "dbpedia", "everybodywiki", "wiki2", "wikibrief", "infogalactic", "justapedia",
           "alchetron", "wikiredia", "thereaderwiki", "test.history.state.gov")


def mirror(address: str) -> str | None:
    """Why ``address`` cites a copy instead of the publication, or None."""
    host = (urlsplit(unquote(address.strip())).hostname or "").lower()
    found = next((m for m in MIRRORS if m in host), None)
    if found is None:
        return None
    return (f"'{address[:80]}' is on {host}, a site that serves copies of other works ('{found}'): "
            "cite the publication itself (for a Wikipedia article, its wikipedia.org address)")


def is_link_field(name: object) -> bool:
    """Whether a CSV field holds an address the pages may link: 'url' or '…_url'."""
    return isinstance(name, str) and (name == "url" or name.endswith("_url"))


def in_text(value: str) -> list[str]:
    """The addresses of the ``\\url{}`` and ``\\href{}`` commands in a .bib field."""
    return IN_TEXT.findall(value)
