"""The bibliography style ``heumezu``: pybtex's ``plain`` without its lower-casing of titles.

``plain`` sentence-cases every title (``text.capitalize()``), which turned "He Yingqin" into
"he yingqin" and "China" into "china". Titles here are printed as the data give them. An
address becomes a link only if it is http(s).
"""
from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, sentence, words
from sphinx.application import Sphinx

from heumezu import links

NAME = "heumezu"


class Style(PlainStyle):
    def format_title(self, e, which_field, as_sentence=True):
        formatted_title = field(which_field)
        return sentence[formatted_title] if as_sentence else formatted_title

    def format_url(self, e):
        """The address as a link only if it is http(s) (links.refusal, the validator's rule too):
        the validator refuses anything else, and a build that skipped it still shows only text."""
        if links.refusal(e.fields.get("url", "").strip()):
            return words["URL:", field("url", raw=True)]
        return super().format_url(e)


def setup(app: Sphinx) -> None:
    register_plugin("pybtex.style.formatting", NAME, Style, force=True)
