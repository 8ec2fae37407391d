"""The site's search: Pagefind's extended build indexes the built pages after every HTML build.

Why Pagefind and not Sphinx's search: Sphinx's index does not segment Chinese or Japanese, so a
name inside a longer run of characters (協定 in 梅津・何応欽協定) is never found. Pagefind's
*extended* binary segments CJK text; it is a well-kept library, so no index is written by hand
here: this module only runs it and marks what it should read.

Why the PyPI wheel (``pagefind[extended]``, pinned in requirements.txt) and not npm: the build
(`make book`) needs only Python; Node.js is a requirement of the tests alone (browser-env), and a
reader may have no root and another vendor's Node. The wheel brings the binary inside the
package, so the build gets it with the rest of the pinned requirements, offline after install.

- Every page but the search page and the index marks its article with ``data-pagefind-body``
  (book/_templates/page.html) and its kind (chapter, document, register, source, page) as
  Pagefind metadata, so results carry no navigation and can be grouped by kind.
- One index for every page: the pages are ``lang="en"``, and Pagefind keeps one index per page
  language, stemming English and leaving CJK runs unsegmented; ``--force-language ja`` makes
  one index in which CJK text is segmented, and Latin words are still found as words.
- Every Chinese or Japanese character is a word of the index. Pagefind's segmenter (the
  indexer's dictionary) and the browser's (``Intl.Segmenter``, which cuts the query) do not cut
  alike: 梅津致何应钦备忘录 was indexed as 梅 / 津 / 致 / 何应钦 / 备忘 / 录 while the query 梅津 stayed
  one word, so a page whose only 梅津 is in that title was not found, nor 協定 inside 何梅協定. So
  Pagefind reads a copy of the pages in which a space separates each two CJK characters
  (:func:`spaced`; the pages served are not changed), and the search page
  (_static/heumezu-search.js) spaces the query alike, keeps only the pages whose text holds each
  CJK run of the query as typed, and joins the characters again in titles and excerpts. It
  takes the characters from :data:`CJK_RANGES` (written into the search page), not from a list of
  its own.
- The index is written into a scratch folder and moved into place only when Pagefind succeeded;
  a failure stops the build with Pagefind's own output (no "build succeeded").
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"  # the folder of the index and its scripts, in the HTML output
FORCE_LANGUAGE = "ja"
EXCLUDED = "a.headerlink"

#: The characters written without spaces between words, as code-point ranges: kana and the kana
#: signs that join names (・, ー), CJK ideographs with extension A, the compatibility ideographs,
#: and the supplementary planes' ideographs (extensions B to H).
CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
_CJK = "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES)
_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])(?=[{_CJK}])")


def spaced(text: str) -> str:
    """``text`` with a space between each two CJK characters: each becomes a word of the index."""
    return _BETWEEN_CJK.sub(" ", text)


def cjk_class_js() -> str:
    """:data:`CJK_RANGES` as the inside of a JavaScript character class (a RegExp with the u flag)."""
    return "".join(f"\\u{{{low:x}}}-\\u{{{high:x}}}" for low, high in CJK_RANGES)


#: The kind of each page, by the first part of its name that matches; used to group results.
KINDS = (
    ("notebooks/", "chapter"),
    ("book/documents/", "document"),
    ("book/reference/", "register"),
    ("book/sources/", "source"),
)
#: Pages that are not indexed: the search page itself and the index of names (navigation).
NOT_INDEXED = ("search", "genindex")


def kind_of(pagename: str) -> str | None:
    """The search group of a page, or None for a page that is not indexed."""
    if pagename in NOT_INDEXED or pagename.startswith("_"):
        return None
    return next((kind for prefix, kind in KINDS if pagename.startswith(prefix)), "page")


def executable() -> Path:
    """Pagefind's extended binary, as shipped in the pinned wheel ``pagefind_bin_extended``."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as error:
        raise ExtensionError("heumezu_sphinx.pagefind_search: the package pagefind_bin_extended is not installed; "
                             "run `make python-env` (requirements.txt pins pagefind[extended])") from error
    return get_executable()


def command(site: Path, output: Path) -> list[str]:
    return [str(executable()), "--site", str(site), "--output-path", str(output),
            "--force-language", FORCE_LANGUAGE, "--keep-index-url", "--quiet",
            # the ¶ and # links after paragraphs and headings are navigation, not text
            "--exclude-selectors", EXCLUDED]


def copy_for_indexing(site: Path, pages: Path) -> None:
    """The HTML pages of ``site`` into ``pages``, at the same paths, with their CJK characters spaced."""
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site)
        if relative.parts[0].startswith("."):  # the scratch folders of this module
            continue
        copy = pages / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(spaced(page.read_text(encoding="utf-8")), encoding="utf-8")


def build_index(site: Path) -> None:
    """Index ``site`` into site/pagefind, replacing the old index only once the new one is whole."""
    scratch = site / f".{BUNDLE}-new"
    pages = site / f".{BUNDLE}-pages"
    target = site / BUNDLE
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(pages, ignore_errors=True)
    try:
        copy_for_indexing(site, pages)
        result = subprocess.run(command(pages, scratch), capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    if result.returncode != 0 or not (scratch / "pagefind.js").is_file():
        shutil.rmtree(scratch, ignore_errors=True)
        raise ExtensionError(f"heumezu_sphinx.pagefind_search: Pagefind failed (exit {result.returncode}); "
                             f"the search index was not written:\n{result.stdout}{result.stderr}")
    old = site / f".{BUNDLE}-old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    scratch.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["heumezu_search_kind"] = kind_of(pagename)
    context["heumezu_search_cjk"] = cjk_class_js()


def _build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    build_index(Path(app.outdir))
    logger.info("heumezu_sphinx.pagefind_search: search index written to %s/", BUNDLE)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":  # python -m heumezu_sphinx.pagefind_search SITE: index a built site again
    build_index(Path(sys.argv[1]))
