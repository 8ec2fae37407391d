"""The Chinese and Japanese runs of the authored prose in their language (issue 26).

The chapters and pages write names in their native script ("Umezu Yoshijirō (梅津美治郎)"); a run
that is a form the data tags takes the data's tag (one source of truth: the registers' and
glossary's ``*_lang`` fields), a run with kana is Japanese, and any other run is left as it is
(the roles of :mod:`.languages` tag it by hand). Nothing is guessed.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from heumezu.languages import CJK_RUN, NATIVE_FIELDS, known_forms, prose_runs

from .bad_data import BAD_DATA
from .languages import lang, node
from .page_data import evidence

#: Where prose is not prose: code, markup, mathematics; and text already in a language.
SKIP = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nodes.comment, nodes.target,
        nodes.substitution_definition, lang)


class TagProse(SphinxTransform):
    """The Chinese and Japanese runs of the authored prose (chapters and pages) in their language:
    a run that is a form the data tags (a name of the registers, a glossary term) takes the data's
    tag, a run with kana is Japanese; other runs stay as they are (the ``{zh-Hant}`` … roles tag
    them by hand). Values from the data (tables, witness and document texts: nodes marked
    verbatim) are tagged where they are built, not here. The data is read only for a page that
    has such runs, so only those pages depend on the registers' tables."""

    default_priority = 880

    def apply(self, **kwargs) -> None:
        texts = [t for t in self.document.findall(nodes.Text) if CJK_RUN.search(t) and self._is_prose(t)]
        if not texts:
            return
        forms = self._forms()
        for text in texts:
            runs = prose_runs(str(text), forms)
            if all(tag is None for _, tag in runs):
                continue
            text.parent.replace(text, [node(run, tag) if tag else nodes.Text(run) for run, tag in runs])

    @staticmethod
    def _is_prose(text: nodes.Text) -> bool:
        parent = text.parent
        while parent is not None:
            if isinstance(parent, SKIP) or parent.get("support_smartquotes") is False:
                return False
            parent = parent.parent
        return True

    def _forms(self) -> dict[str, str]:
        if "heumezu_data" not in self.config:  # a project without the evidence (a test root)
            return {}
        try:
            ev = evidence(self.env)
        except BAD_DATA:  # invalid evidence is reported by the directives that show it
            return {}
        cells = []
        for table, (text_field, lang_field) in NATIVE_FIELDS.items():
            frame = getattr(ev, table)
            cells += [(str(t), str(g)) for t, g in zip(frame[text_field], frame[lang_field])
                      if isinstance(t, str) and isinstance(g, str)]
        return known_forms(cells)


def setup(app: Sphinx) -> dict:
    app.add_transform(TagProse)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
