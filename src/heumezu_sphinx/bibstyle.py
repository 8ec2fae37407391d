"""The bibliography style ``heumezu``: pybtex's ``plain`` without its lower-casing of titles.

``plain`` sentence-cases every title (``text.capitalize()``), which turned "He Yingqin" into
"he yingqin" and "China" into "china". Titles here are printed as the data give them.
"""
from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, sentence
from sphinx.application import Sphinx

NAME = "heumezu"


class Style(PlainStyle):
    def format_title(self, e, which_field, as_sentence=True):
        formatted_title = field(which_field)
        return sentence[formatted_title] if as_sentence else formatted_title


def setup(app: Sphinx) -> None:
    register_plugin("pybtex.style.formatting", NAME, Style, force=True)
