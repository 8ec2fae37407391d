"""The PDF's imprint and the edition's addresses: printed only where set, never described instead,
and a hostile CITATION.cff value refused (file and field named) or escaped, never LaTeX."""
from __future__ import annotations

import dataclasses
import re

import pytest

from conftest import ROOT
from heumezu import citation
from heumezu_sphinx import printing

SITE = "https://edition.example.org/he-umezu/"
REPO = "https://git.example.org/he-umezu"


def _cite(**changes) -> citation.Citation:
    return dataclasses.replace(citation.load(ROOT / citation.CFF), **changes)


def test_no_address_set_prints_no_placeholder():
    text = printing.colophon(_cite(url=""), "")
    assert "\\url{http" not in text.replace(r"\url{https://creativecommons.org", "")
    assert "address of" not in text and "repository at" not in text
    assert "printed from the same sources as the online edition" in text


def test_the_online_edition_and_the_repository_are_printed_where_set():
    text = printing.colophon(_cite(url=SITE), REPO)
    assert rf"The online edition: \url{{{SITE}}}." in text
    assert rf"Its sources and data: \url{{{REPO}}}." in text
    assert SITE in "".join(_cite(url=SITE).reference())  # and in the citation


def test_a_repository_address_that_is_not_http_is_left_out():
    assert "javascript" not in printing.colophon(_cite(), "javascript:alert(1)")


@pytest.mark.parametrize("address", [
    "https://x.org/}\\input{/etc/passwd}", "https://x.org/a%20b#frag", "https://x.org/^^5c",
])
def test_url_arguments_cannot_close_the_argument_or_start_a_command(address):
    argument = printing.url(address)
    assert "{" not in argument and "}" not in argument and "\\input" not in argument
    assert "^" not in argument
    assert not re.search(r"(?<!\\)[%#]", argument)  # every % and # escaped


@pytest.mark.parametrize("field", ["url", "license-url"])
@pytest.mark.parametrize("value", ["javascript:alert(1)", "file:///etc/passwd", "https://x.org/\u202e"])
def test_citation_cff_refuses_addresses_that_are_not_web_links(tmp_path, field, value):
    cff = tmp_path / citation.CFF
    text = (ROOT / citation.CFF).read_text(encoding="utf-8")
    text = re.sub(r"^license-url:.*$", "", text, flags=re.MULTILINE) + f'{field}: "{value}"\n'
    cff.write_text(text, encoding="utf-8")
    with pytest.raises(citation.CitationError, match=rf"CITATION.cff: field '{field}'"):
        citation.load(cff)


def test_abstract_and_keywords_come_from_the_one_reader():
    cite = citation.load(ROOT / citation.CFF)
    assert cite.abstract.startswith("An executable scholarly edition") and "\n" not in cite.abstract
    assert "He–Umezu Agreement" in cite.keywords
    meta = printing.pdf_metadata(cite, cite.abstract, list(cite.keywords))
    assert "pdfkeywords={He–Umezu Agreement, " in meta
