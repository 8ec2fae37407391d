"""The TEI export: written before the pages are read, offered by the directive ``heumezu-tei-download``."""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from heumezu import citation, tei

from .page_data import build_data

#: Where the file is written, relative to the page that offers it (book/sources/tei.md).
TARGET = "_generated/he-umezu-tei.xml"
PAGE_DIR = Path("book", "sources")


def _write(app: Sphinx) -> None:
    """Generate the export before the pages are read, so its download link always resolves."""
    target = Path(app.srcdir) / PAGE_DIR / TARGET
    if not target.parent.parent.is_dir():
        return
    cite = citation.load(Path(app.confdir) / citation.CFF)
    ev = build_data(app).evidence()
    data = tei.to_bytes(ev, cite)
    # Rewrite only on change: a new mtime would make Sphinx re-read the page on every build.
    if not target.is_file() or target.read_bytes() != data:
        tei.write_tei(ev, target, cite)


class TeiDownload(SphinxDirective):
    """'The file is N bytes of UTF-8 XML. Download: he-umezu-tei.xml' (a Sphinx download link)."""

    def run(self):
        size = (Path(self.env.app.srcdir) / PAGE_DIR / TARGET).stat().st_size  # written by _write
        name = Path(TARGET).name
        link = addnodes.download_reference("", "", nodes.literal("", name, classes=["xref", "download"]),
                                           reftarget=TARGET, refdoc=self.env.docname, refexplicit=True,
                                           reftype="download", refdomain="")
        online = addnodes.only(expr="html")
        online += nodes.paragraph("", "", nodes.Text(f"The file is {size:,} bytes of UTF-8 XML. Download: "), link,
                                  nodes.Text("."))
        printed = addnodes.only(expr="not html")  # on paper, the file's name, not a dead link
        printed += nodes.paragraph("", "", nodes.Text(f"The file is {size:,} bytes of UTF-8 XML; the online edition "
                                                      "offers it for download as "),
                                   nodes.literal("", name), nodes.Text("."))
        return [online, printed]


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _write)
    app.add_directive("heumezu-tei-download", TeiDownload)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
