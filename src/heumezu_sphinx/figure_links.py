"""Every figure's image links to the image itself, so that a reader on a phone can open it full size.

A figure of the edition is drawn for the book's text width (7 inches); on a phone the page
shrinks it to the screen (about 340 CSS px at 390 px), and its labels with it. Sphinx links an
image to its full-size file only when the source scales it (``html_scaled_image_link``); the
notebooks' figures are not scaled there, so this post-transform (HTML only) wraps the image of
every figure in the same kind of link Sphinx makes: ``<a class="reference internal
image-reference" href="../_images/….svg">``. The link's accessible name stays the image's alt
text (a screen reader reads the description, not "open"); its title says what the tap does.
"""
from __future__ import annotations

import posixpath
import urllib.parse

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

CLASS = "heumezu-full-size"
TITLE = "Open the figure full size"


def _image_file(builder, env, image: nodes.image) -> str | None:
    """The name under which the builder copies ``image`` to ``_images``, or None if it does not."""
    uri = image.get("uri", "")
    candidates = image.get("candidates", {})
    if "?" in candidates:  # a remote image: nothing is copied
        return None
    if "*" not in candidates:  # the same choice the builder makes (Builder.post_process_images)
        uri = next((candidates[t] for t in builder.supported_image_types if t in candidates), uri)
    if uri not in env.images:
        return None
    return env.images[uri][1]


class FullSizeFigureLinks(SphinxPostTransform):
    """Wraps the image of each figure in a link to its full-size file (HTML builders)."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        builder, env = self.app.builder, self.env
        imgpath = relative_uri(builder.get_target_uri(env.docname), builder.imagedir)
        for figure in list(self.document.findall(nodes.figure)):
            for image in list(figure.findall(nodes.image)):
                if isinstance(image.parent, nodes.reference):
                    continue  # already a link (a scaled image, or a :target:)
                name = _image_file(builder, env, image)
                if name is None:
                    continue
                link = nodes.reference("", "", internal=True, classes=[CLASS], reftitle=TITLE,
                                       refuri=posixpath.join(imgpath, urllib.parse.quote(name)))
                image.replace_self(link)
                link.append(image)


def setup(app: Sphinx) -> dict:
    app.add_post_transform(FullSizeFigureLinks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
