"""The printed edition: what the LaTeX (PDF) build does differently from the HTML one.

- At configuration time, the colophon (back of the title page) and the PDF's metadata are built
  from ``CITATION.cff`` (:mod:`heumezu.citation`, the one source of those facts), LaTeX-escaped.
- A post-transform that runs for LaTeX only, on the whole book as one tree:
  - code cells print without their input (the setup code is not part of the printed text);
  - the home page's text becomes an unnumbered "Introduction" with a heading of its own;
  - the bibliography that Sphinx gathers at the end of the book is put back into the chapter
    "Bibliography", so the book has one bibliography, in one place;
  - tables are set in a smaller size (the widest in the smallest), and identifiers in them
    (``x-seg-02``, ``att-078``) are never broken at their hyphens.

The LaTeX that does not depend on the data (fonts, ragged-right table columns, float placement,
the index's face) is in ``_config.yml`` (``latex_elements``).
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from heumezu import citation

#: The page that holds the bibliography (the chapter "Bibliography").
BIBLIOGRAPHY_DOC = "book/bibliography"
#: An identifier of the evidence: lower-case words and numbers joined by hyphens, at least one digit.
IDENTIFIER = re.compile(r"(?<![\w-])(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
#: Tables with at least this many columns are set in \footnotesize, the others in \small.
WIDE = 6


def tex(text: str) -> str:
    """Plain text as LaTeX source for xelatex (Unicode kept, special characters escaped)."""
    return escape(text, "xelatex")


def colophon(cite: citation.Citation) -> str:
    """The back of the title page: version, date, licence, how to cite, where the edition lives."""
    before, title, after = cite.reference()
    licence = citation.licence_name(cite.licence)
    where = tex(cite.url) if cite.url else "the address of the edition's repository"
    lines = [
        r"\def\sphinxbackoftitlepage{\thispagestyle{empty}\null\vfill{\small\raggedright\parindent0pt\parskip0.6\baselineskip",
        rf"\textbf{{{tex(cite.title)}}}\par",
        rf"Version {tex(cite.version)}, released {tex(cite.date_released)}.\par"
        if cite.version else rf"Released {tex(cite.date_released)}.\par",
        rf"\textbf{{Licence.}} Text and data: {tex(licence)}"
        + (rf" (\url{{{cite.licence_url}}})" if cite.licence_url else "")
        + r"; code: MIT.\par",
        rf"\textbf{{How to cite.}} {tex(before)}\emph{{{tex(title)}}}{tex(after)}\par",
        r"\textbf{The online edition and its data.} This book is printed from the same sources as the "
        r"online edition, which is published from the edition's repository at " + where + ". "
        r"The repository holds the data (the folder \texttt{data/}, a Frictionless data package), "
        r"the chapters as runnable notebooks, and the TEI export \texttt{he-umezu-tei.xml}. "
        r"Figure and table numbers are the same in print and online.\par",
        r"}\clearpage}",
    ]
    return "\n".join(lines) + "\n"


def pdf_metadata(cite: citation.Citation, abstract: str, keywords: list[str]) -> str:
    """``\\hypersetup`` with the PDF's title, author, subject and keywords."""
    def value(text: str) -> str:
        return "{" + tex(" ".join(text.split())) + "}"
    return (r"\hypersetup{pdftitle=" + value(cite.title) + ", pdfauthor=" + value("; ".join(cite.authors))
            + ", pdfsubject=" + value(abstract) + ", pdfkeywords=" + value(", ".join(keywords))
            + ", bookmarksnumbered=true, bookmarksopen=true, bookmarksopenlevel=0}\n")


def _configure(app: Sphinx, config: Config) -> None:
    path = Path(app.confdir) / citation.CFF
    if not path.is_file():
        return
    cite = citation.load(path)
    import yaml
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    elements = dict(config.latex_elements)
    elements["preamble"] = (elements.get("preamble", "") + "\n% From CITATION.cff (heumezu_sphinx.printing)\n"
                            + pdf_metadata(cite, str(cff.get("abstract", "")), [str(k) for k in cff.get("keywords", [])])
                            + colophon(cite))
    config.latex_elements = elements
    if not config.release and cite.version:
        config.release = cite.version


class PrintedEdition(SphinxPostTransform):
    """The LaTeX-only changes to the assembled book (see the module's docstring)."""

    default_priority = 760  # after Sphinx's BibliographyTransform (750)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        self._drop_code()
        self._introduction()
        self._bibliography()
        self._tables()

    def _drop_code(self) -> None:
        for node in list(self.document.findall(nodes.container)):
            if "cell_input" in node.get("classes", []) and node.parent is not None:
                cell = node.parent
                cell.remove(node)
                if "cell" in cell.get("classes", []) and not cell.children and cell.parent is not None:
                    cell.parent.remove(cell)

    def _introduction(self) -> None:
        """The home page's text under a heading of its own, and in the running heads."""
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        heading = (r"\chapter*{Introduction}\addcontentsline{toc}{chapter}{Introduction}"
                   r"\markboth{Introduction}{Introduction}")
        section.insert(1, nodes.raw("", heading + "\n", format="latex"))

    def _bibliography(self) -> None:
        """Move the gathered bibliography into the chapter "Bibliography"."""
        gathered = [n for n in self.document.children if n.__class__.__name__ == "thebibliography"]
        if not gathered:
            return
        for start in self.document.findall(addnodes.start_of_file):
            if start.get("docname") == BIBLIOGRAPHY_DOC:
                section = next(iter(start.findall(nodes.section)), start)
                for node in gathered:
                    self.document.remove(node)
                    section += node
                return

    def _tables(self) -> None:
        for table in list(self.document.findall(nodes.table)):
            group = next(iter(table.findall(nodes.tgroup)), None)
            size = r"\footnotesize" if group is not None and group.get("cols", 0) >= WIDE else r"\small"
            parent = table.parent
            index = parent.index(table)
            parent.insert(index + 1, nodes.raw("", "\\endgroup\n", format="latex"))
            parent.insert(index, nodes.raw("", f"\\begingroup{size}\n", format="latex"))
            for entry in table.findall(nodes.entry):
                for text in list(entry.findall(nodes.Text)):
                    _protect_identifiers(text)


def _protect_identifiers(text: nodes.Text) -> None:
    """Each identifier in this text as an inline of class ``identifier`` (LaTeX: an unbreakable box)."""
    if isinstance(text.parent, nodes.inline) and "identifier" in text.parent.get("classes", []):
        return
    source = str(text)
    pieces: list[nodes.Node] = []
    last = 0
    for match in IDENTIFIER.finditer(source):
        if match.start() > last:
            pieces.append(nodes.Text(source[last:match.start()]))
        pieces.append(nodes.inline("", "", nodes.Text(match.group()), classes=["identifier"]))
        last = match.end()
    if not pieces:
        return
    if last < len(source):
        pieces.append(nodes.Text(source[last:]))
    parent = text.parent
    index = parent.index(text)
    parent.remove(text)
    for offset, piece in enumerate(pieces):
        parent.insert(index + offset, piece)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _configure, priority=800)
    app.add_post_transform(PrintedEdition)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
