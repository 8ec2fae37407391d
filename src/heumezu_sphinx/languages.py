"""Text in a language of its own, as the writers need it (issue 26).

The data says which language each native-script value is in (:mod:`heumezu.languages`); a
:class:`lang` node carries it to the page: HTML writes ``<span lang="zh-Hant">…</span>`` (the text
escaped by the translator, the tag one of the allowed list), so that browsers choose the glyph
forms and screen readers the voice; LaTeX writes ``\\heumezulang{TC}{…}`` (TC, SC or JP), a switch
to the xeCJK family of that language (Noto Serif CJK TC, SC, JP), defined in the preamble here,
so that the PDF sets Chinese in Chinese forms, not Japanese ones. Other builders write the text.

The roles ``{zh-Hant}``, ``{zh-Hans}``, ``{ja}`` and ``{ru}`` tag a run in the chapters' prose the
same way (:mod:`.prose_languages` tags the runs the data or the characters decide) (``{ja}`\u6885\u6d25\u7f8e\u6cbb\u90ce```).
"""
from __future__ import annotations

from docutils import nodes, utils
from sphinx.application import Sphinx
from sphinx.config import Config

from heumezu.languages import TAGS

#: The xeCJK family of each tag that has one (Russian is set in the main font, which has Cyrillic).
FAMILIES = {"zh-Hant": "TC", "zh-Hans": "SC", "ja": "JP"}
#: The fonts of the families (fonts-noto-cjk; the Makefile's TEX_REQUIREMENTS check that they exist).
FONTS = {"TC": "Noto Serif CJK TC", "SC": "Noto Serif CJK SC", "JP": "Noto Serif CJK JP"}


class UnknownLanguage(ValueError):
    """A tag that is not one of :data:`heumezu.languages.TAGS` (the data is validated: a bug)."""


class lang(nodes.inline):
    """Inline text in the language ``node["lang"]``. A subclass of ``inline``: a builder without
    its own visitor (Sphinx dispatches along the class's MRO) writes it as a plain inline."""


def node(text: str, tag: str, *children: nodes.Node) -> lang:
    """``text`` (or ``children``) in the language ``tag``: the one place a tag enters a page."""
    if tag not in TAGS:
        raise UnknownLanguage(f"not a language tag of the edition: {tag!r} (allowed: {', '.join(TAGS)})")
    made = lang("", "", *(children or ((nodes.Text(text),) if text else ())))
    made["lang"] = tag
    made["support_smartquotes"] = False
    return made


def visit_html(self, node: lang) -> None:
    self.body.append(self.starttag(node, "span", "", lang=node["lang"]))


def depart_html(self, node: lang) -> None:
    self.body.append("</span>")


def visit_latex(self, node: lang) -> None:
    family = FAMILIES.get(node["lang"])
    self.body.append(rf"\heumezulang{{{family}}}{{" if family else "")
    self.context.append("}" if family else "")


def depart_latex(self, node: lang) -> None:
    self.body.append(self.context.pop())


def visit_plain(self, node: lang) -> None:
    pass


def depart_plain(self, node: lang) -> None:
    pass


def preamble() -> str:
    r"""The LaTeX definitions: one xeCJK family per language and ``\heumezulang{FAMILY}{text}``;
    in PDF bookmarks (hyperref's strings) the text alone."""
    lines = ["% Each language in its own glyph forms (heumezu_sphinx.languages): \\heumezulang{TC|SC|JP}{text}."]
    lines += [rf"\setCJKfamilyfont{{{family}}}{{{font}}}[AutoFakeSlant]" for family, font in FONTS.items()]
    lines += [r"\DeclareRobustCommand{\heumezulang}[2]{{\CJKfamily{#1}#2}}",
              r"\AtBeginDocument{\pdfstringdefDisableCommands{\def\heumezulang#1#2{#2}}}"]
    return "\n".join(lines) + "\n"


#: Role names are looked up in lower case (docutils): ``zh-hant`` is the role of ``zh-Hant``.
ROLE_TAGS = {tag.lower(): tag for tag in TAGS}


def language_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{ja}`梅津`` in MyST (``:ja:`梅津``` in rST): the run in that language."""
    return [node(utils.unescape(text), ROLE_TAGS[name.lower()])], []


def _configure(app: Sphinx, config: Config) -> None:
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + "\n" + preamble()
    config.latex_elements = elements


def setup(app: Sphinx) -> dict:
    app.add_node(lang, html=(visit_html, depart_html), latex=(visit_latex, depart_latex),
                 text=(visit_plain, depart_plain), man=(visit_plain, depart_plain),
                 texinfo=(visit_plain, depart_plain))
    for role in ROLE_TAGS:
        app.add_role(role, language_role)
    app.connect("config-inited", _configure)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
