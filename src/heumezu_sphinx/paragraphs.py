"""Stable anchors on the chapters' paragraphs, so that a reader can cite a paragraph.

Each paragraph of a chapter's prose (not those in tables, lists, captions, notes or outputs)
gets the id ``para-<chapter>-<n>``: the chapter's number from its file name (``01_background``:
1) and the paragraph's place in the chapter, counted from 1 in reading order. The same sources
give the same ids, build after build. In HTML a ``¶`` link to the paragraph appears when the
reader hovers over it (as the theme's heading links do); the PDF is not changed.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

CHAPTER = re.compile(r"^notebooks/(\d+)_")


def paragraph_id(chapter: int, number: int) -> str:
    return f"para-{chapter}-{number}"


def prose_paragraphs(document: nodes.document) -> list[nodes.paragraph]:
    """The paragraphs that stand directly in a section, in reading order."""
    return [p for p in document.findall(nodes.paragraph) if isinstance(p.parent, nodes.section)]


class ParagraphAnchors(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        match = CHAPTER.match(self.env.docname)
        if not match:
            return
        chapter = int(match.group(1))
        for number, para in enumerate(prose_paragraphs(self.document), start=1):
            anchor = paragraph_id(chapter, number)
            para["ids"].append(anchor)
            para["classes"].append("cite-paragraph")
            para += nodes.reference("", "¶", refid=anchor, classes=["paralink"],
                                    reftitle=f"Link to paragraph {chapter}.{number}")


def setup(app: Sphinx) -> dict:
    app.add_post_transform(ParagraphAnchors)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
