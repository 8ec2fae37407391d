"""The site's root page: a complete HTML5 redirect to the first page of the book.

sphinx-external-toc writes the root ``index.html`` as a bare ``<meta>`` redirect without doctype
or title (invalid HTML) but keeps an ``index.html`` that already exists, so this one is written
first (build-finished, priority 400 < sphinx-external-toc's 500; sphinx-external-toc has no
option to leave the root page alone, which would remove the ordering).

Kept rather than sphinx-reredirects: that extension maps moved pages to new addresses; for this
one page it would still need a template of ours (doctype, language, title from CITATION.cff) and
the same ordering against sphinx-external-toc, for a dependency more. ``robots.txt`` is a static
file (``book/_extra``, Sphinx's ``html_extra_path``): Lighthouse's SEO audit looks for it, and it
names no sitemap because the build writes none.
"""
from __future__ import annotations

import html
from pathlib import Path

from sphinx.application import Sphinx

REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8" />
<title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="noindex" />
<meta http-equiv="refresh" content="0; url={url}" />
<link rel="canonical" href="{url}" />
</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


def _build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    root = app.config.root_doc
    if root != "index":
        (outdir / "index.html").write_text(REDIRECT.format(
            lang=html.escape(app.config.language or "en"), title=html.escape(app.heumezu_citation["title"]),
            url=html.escape(app.builder.get_target_uri(root))), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _build_finished, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
