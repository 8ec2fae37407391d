"""Files the site needs besides its pages: a complete HTML5 redirect at the root, and ``robots.txt``.

sphinx-external-toc writes the root ``index.html`` as a bare ``<meta>`` redirect without doctype
or title (invalid HTML) but keeps an ``index.html`` that already exists, so this one is written
first (build-finished, priority 400 < sphinx-external-toc's 500). Lighthouse's SEO audit looks
for ``robots.txt``.
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
    robots = "User-agent: *\nAllow: /\n"
    if app.config.html_baseurl:
        robots += f"Sitemap: {app.config.html_baseurl.rstrip('/')}/sitemap.xml\n"
    (outdir / "robots.txt").write_text(robots, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _build_finished, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
