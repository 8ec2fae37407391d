"""The printed edition: what the LaTeX (PDF) build does differently from the HTML one.

- At configuration time, the colophon (back of the title page) and the PDF's metadata are built
  from ``CITATION.cff`` (:mod:`heumezu.citation`, the one source of those facts), LaTeX-escaped.
- A post-transform that runs for LaTeX only, on the whole book as one tree:
  - code cells print without their input (the setup code is not part of the printed text);
  - the home page's text becomes an unnumbered "Introduction" with a heading of its own;
  - tables are set in a smaller size (the widest in the smallest), their columns widened where a
    word would stick out (measured with the PDF's own faces, found through fontconfig as xelatex
    finds them; a missing face is a build warning, never a guessed width), and identifiers in them
    (``x-seg-02``, ``att-078``) never broken;
  - a glossary term's index entry is written from its definition, not from its label;
  - a name's first mention, a link to its register on screen, is plain text;
  - every lost-text mark is followed by its restoration in parentheses (on screen, its tooltip);
  - the data's text in the edition's own words (the class ``edition-prose`` of
    :mod:`heumezu_sphinx.nodes`: notes, descriptions, definitions) with typographic quotation
    marks and en-dash ranges (:mod:`heumezu.typography`); a witness's words are never touched;
  - a document's passage that the chapters cite (an inline of class ``passage``) underlined, as on
    screen: each word a box with its rule, each space a rule that stretches and may end a line,
    each CJK character a box of its own (``\\heumezuul``, ``\\heumezuulskip``: :data:`UNDERLINE`);
  - a paragraph with inline code (``data/README.md``, ``table == "events"``) set ragged-right: a
    code word is not hyphenated, and justified, the rest of its line would stretch around it.

The LaTeX that does not depend on the data (fonts, ragged-right table columns, float placement,
the index's face) is in ``_config.yml`` (``latex_elements``).
"""
from __future__ import annotations

import math
import re
import subprocess
from functools import cache
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.transforms import BibliographyTransform
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging, texescape
from sphinx.util.texescape import escape

from heumezu import citation, links, typography

from .nodes import PROSE

logger = logging.getLogger(__name__)

#: An identifier of the evidence: lower-case words and numbers joined by hyphens, at least one digit.
IDENTIFIER = re.compile(r"(?<![\w-])(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
#: Tables with at least this many columns are set in \footnotesize, the others in \small.
WIDE = 6


@cache
def _escape_maps() -> None:
    texescape.init()  # the LaTeX builder does this too; outside a build (tests) it has not run


def tex(text: str) -> str:
    """Plain text as LaTeX source for xelatex (Unicode kept, special characters escaped)."""
    _escape_maps()
    return escape(text, "xelatex")


def url(address: str) -> str:
    """An http(s) address as the argument of ``\\url``: characters that would end the argument or
    start a command are percent-encoded, ``%`` and ``#`` escaped as hyperref reads them."""
    for char, code in (("\\", "%5C"), ("{", "%7B"), ("}", "%7D"), ("^", "%5E")):
        address = address.replace(char, code)
    return re.sub(r"([%#])", r"\\\1", address)


def colophon(cite: citation.Citation, repository: str = "") -> str:
    """The back of the title page: version, date, licence, how to cite, where the edition lives.
    An address is printed only where one is set (CITATION.cff's ``url`` for the online edition,
    ``repository.url`` of ``_config.yml`` for the repository); none is ever described instead."""
    before, title, after = cite.reference()
    licence = citation.licence_name(cite.licence)
    where = []
    if cite.url:
        where.append(rf"The online edition: \url{{{url(cite.url)}}}.")
    if repository and not links.refusal(repository):
        where.append(rf"Its sources and data: \url{{{url(repository)}}}.")
    lines = [
        r"\def\sphinxbackoftitlepage{\thispagestyle{empty}\null\vfill{\small\raggedright\parindent0pt\parskip0.6\baselineskip",
        rf"\textbf{{{tex(cite.title)}}}\par",
        rf"Version {tex(cite.version)}, released {tex(cite.date_released)}.\par"
        if cite.version else rf"Released {tex(cite.date_released)}.\par",
        rf"\textbf{{Licence.}} Text and data: {tex(licence)}"
        + (rf" (\url{{{url(cite.licence_url)}}})" if cite.licence_url else "")
        + r"; code: MIT.\par",
        rf"\textbf{{How to cite.}} {tex(before)}\emph{{{tex(title)}}}{tex(after)}\par",
        r"\textbf{The online edition and its data.} "
        + "".join(w + " " for w in where)
        + r"This book is printed from the same sources as the online edition, which also offers the "
        r"data (a Frictionless data package), the chapters as runnable notebooks and a TEI export. "
        r"Chapter, section, figure and table numbers are the same in print and online.\par",
        r"}\clearpage}",
    ]
    return "\n".join(lines) + "\n"


#: The underline of a cited passage in print: a rule 2pt below the baseline under each word (a
#: box) and each space (stretchable leaders, where a line may break). No package: ulem and soul
#: are not in the TeX the edition installs, and neither breaks lines inside nested commands.
UNDERLINE = r"""
% A cited passage underlined as on screen (heumezu_sphinx.printing.UNDERLINE).
\newcommand{\heumezuulrule}{height -1.9pt depth 2.3pt}
\newcommand{\heumezuul}[1]{\leavevmode\setbox0\hbox{#1}\rlap{\vrule \heumezuulrule width \wd0}\box0}
\newcommand{\heumezuulskip}{\leaders\vrule \heumezuulrule
  \hskip\fontdimen2\font plus\fontdimen3\font minus\fontdimen4\font\relax}
\newcommand{\heumezuulbreak}{\hskip 0pt plus 0.1pt\relax}
"""
#: Characters xeCJK may break between: each is underlined as a box of its own.
CJK = re.compile(r"([\u2e80-\u9fff\uf900-\ufaff\u3000-\u30ff\uff00-\uffef])")
#: The inlines inside a passage that are the edition's signs, not the document's words.
NOT_UNDERLINED = ("page-break", "footnote-ref")


def underlined(text: str) -> str:
    """``text`` as LaTeX with every word, space and CJK character underlined (:data:`UNDERLINE`)."""
    out: list[str] = []
    for piece in re.split(r"(\s+)", text):
        if not piece:
            continue
        if piece.isspace():
            out.append(r"\heumezuulskip{}")
            continue
        chunks = [c for c in CJK.split(piece) if c]
        out.append(r"\heumezuulbreak{}".join(r"\heumezuul{" + tex(c) + "}" for c in chunks))
    return "".join(out)


def pdf_metadata(cite: citation.Citation, abstract: str, keywords: list[str]) -> str:
    """``\\hypersetup`` with the PDF's title, author, subject and keywords."""
    def value(text: str) -> str:
        return "{" + tex(" ".join(text.split())) + "}"
    return (r"\hypersetup{pdftitle=" + value(cite.title) + ", pdfauthor=" + value("; ".join(cite.authors))
            + ", pdfsubject=" + value(abstract) + ", pdfkeywords=" + value(", ".join(keywords))
            + ", bookmarksnumbered=true, bookmarksopen=true, bookmarksopenlevel=0}\n")


def _configure(app: Sphinx, config: Config) -> None:
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + UNDERLINE
    config.latex_elements = elements
    path = Path(app.confdir) / citation.CFF
    if not path.is_file():
        return
    cite = citation.load(path)
    repository = str((config.html_theme_options or {}).get("repository_url") or "")
    elements = dict(config.latex_elements)
    elements["preamble"] = (elements.get("preamble", "") + "\n% From CITATION.cff (heumezu_sphinx.printing)\n"
                            + pdf_metadata(cite, cite.abstract, list(cite.keywords))
                            + colophon(cite, repository))
    config.latex_elements = elements
    if not config.release and cite.version:
        config.release = cite.version


class PrintedEdition(SphinxPostTransform):
    """The LaTeX-only changes to the assembled book (see the module's docstring)."""

    # After Sphinx's BibliographyTransform, which gathers the citations at the end of the book.
    default_priority = BibliographyTransform.default_priority + 10
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        self._drop_code()
        self._plain_mentions()
        self._lost_marks()
        self._typography()
        self._passages()
        self._code_paragraphs()
        self._introduction()
        self._tables()
        self._glossary_index()

    def _drop_code(self) -> None:
        for node in list(self.document.findall(nodes.container)):
            if "cell_input" in node.get("classes", []) and node.parent is not None:
                cell = node.parent
                cell.remove(node)
                if "cell" in cell.get("classes", []) and not cell.children and cell.parent is not None:
                    cell.parent.remove(cell)

    def _plain_mentions(self) -> None:
        """On paper a name's first mention is plain text: LaTeX sets a cross-reference in italics,
        and a page of italic names reads as emphasis. The index leads to the registers instead."""
        for ref in list(self.document.findall(nodes.reference)):
            if "mention" in ref.get("classes", []) and ref.parent is not None:
                ref.parent.replace(ref, nodes.Text(ref.astext()))

    def _lost_marks(self) -> None:
        """Every lost-text mark with its restoration in parentheses after it: Sphinx's LaTeX writer
        prints an abbreviation's explanation only at the first abbreviation of the same text in
        the whole book, and every mark is the same "[…]"."""
        for mark in list(self.document.findall(nodes.abbreviation)):
            if "lacuna" in mark.get("classes", []) and mark.get("explanation") and mark.parent is not None:
                explanation = mark["explanation"]
                del mark["explanation"]
                mark.parent.insert(mark.parent.index(mark) + 1, nodes.Text(f" ({explanation})"))

    def _typography(self) -> None:
        """Typographic quotes and en-dash ranges in the edition's own words from the data."""
        for element in list(self.document.findall(nodes.Element)):
            if PROSE not in element.get("classes", []):
                continue
            before = ""
            for text in list(element.findall(nodes.Text)):
                if any(isinstance(a, (nodes.literal, nodes.literal_block))
                       or "identifier" in a.get("classes", []) for a in _ancestors(text, element)):
                    continue
                source = str(text)
                setting = typography.typographic(source, before)
                before = setting[-1:] or before
                if setting != source:
                    text.parent.replace(text, nodes.Text(setting))

    def _passages(self) -> None:
        """A cited passage's words underlined (the pages say "an underlined passage")."""
        for passage in list(self.document.findall(nodes.inline)):
            if "passage" not in passage.get("classes", []):
                continue
            for text in list(passage.findall(nodes.Text)):
                if any(isinstance(a, (nodes.reference, nodes.superscript, addnodes.pending_xref))
                       or set(a.get("classes", [])) & set(NOT_UNDERLINED) for a in _ancestors(text, passage)):
                    continue
                text.parent.replace(text, nodes.raw("", underlined(str(text)), format="latex"))

    def _code_paragraphs(self) -> None:
        """Paragraphs with inline code ragged-right (a table's cells already are)."""
        for paragraph in list(self.document.findall(nodes.paragraph)):
            parent = paragraph.parent
            if parent is None or isinstance(parent, nodes.entry) or not any(
                    not isinstance(c.parent, nodes.literal_block) for c in paragraph.findall(nodes.literal)):
                continue
            index = parent.index(paragraph)
            parent.insert(index + 1, nodes.raw("", "\\par\\endgroup\n", format="latex"))
            parent.insert(index, nodes.raw("", "\\begingroup\\raggedright\n", format="latex"))

    def _introduction(self) -> None:
        """The home page's text under a heading of its own, and in the running heads."""
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        heading = (r"\chapter*{Introduction}\addcontentsline{toc}{chapter}{Introduction}"
                   r"\markboth{Introduction}{Introduction}")
        section.insert(1, nodes.raw("", heading + "\n", format="latex"))

    def _glossary_index(self) -> None:
        """A glossary term's index entry goes to the start of its definition: written from inside the
        term's label, "Hebei-Chahar" reaches the index file spelt differently from the same name in
        the text, and the index would list it twice."""
        for term in list(self.document.findall(nodes.term)):
            item = term.parent
            definition = next((c for c in item.children if isinstance(c, nodes.definition)), None) if item else None
            paragraph = next(iter(definition.findall(nodes.paragraph)), None) if definition else None
            if paragraph is None:
                continue
            for index in list(term.findall(addnodes.index)):
                index.parent.remove(index)
                paragraph.insert(0, index)

    def _tables(self) -> None:
        warned = False
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
            if group is not None:
                if "colwidths-given" not in table["classes"]:  # a Markdown table: widths from its text
                    table["classes"].append("colwidths-given")
                    _widths_from_text(group)
                try:
                    points = 9.0 if size == r"\footnotesize" else 10.0
                    height = fit_columns(group, points)
                    if height > BREAKABLE * TEXT_HEIGHT and "longtable" not in table["classes"]:
                        table["classes"].append("longtable")  # may break across pages: never past the foot
                except FontMissing as missing:  # the build warns (and -W fails it); no guessed widths
                    if not warned:
                        logger.warning("%s; the PDF's table columns are not fitted to their longest words",
                                       missing, location=table, type="heumezu", subtype="fonts")
                    warned = True
            if "longtable" in table["classes"] and not any(isinstance(c, nodes.title) for c in table.children):
                # longtable takes a table number even without a caption: give it back, or every
                # later table prints one more than the web edition's number for it
                parent.insert(parent.index(table) + 1, nodes.raw("", "\\addtocounter{table}{-1}\n", format="latex"))


#: The text block's width and height in pt (A4, Sphinx's 1in margins, less the running head and
#: foot) and the padding of a table column.
TEXT_WIDTH = 450.0
TEXT_HEIGHT = 650.0
#: A table estimated taller than this share of the text height is set as a longtable, which breaks
#: across pages: an unbreakable one runs past the page's foot, or leaves the page before it half empty.
BREAKABLE = 0.5
COLUMN_PADDING = 12.5
#: Longer words than this (in pt at 10pt) may be hyphenated rather than widen their column.
LONGEST_WORD = 60.0
#: The faces the PDF sets tables in: Sphinx's xelatex defaults (GNU FreeFont, fonts-freefont-otf).
BODY_FONT, HEADER_FONT = "FreeSerif", "FreeSans"


class FontMissing(Exception):
    """A face the table layout measures words with is not installed."""


@cache
def font_file(family: str) -> Path:
    """The file of ``family``, found as xelatex finds it: through fontconfig (``fc-match``), which
    answers with its closest face when the family is missing; that answer counts as missing."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", f"{family}:style=Regular"],
                               capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise FontMissing(f"fontconfig (fc-match) could not be asked for {family}: {error}") from error
    families, _, file = found.partition("\n")
    if family not in [name.strip() for name in families.split(",")] or not Path(file).is_file():
        raise FontMissing(f"{family} is not installed (fontconfig offers {families or 'nothing'} instead); "
                          "install fonts-freefont-otf (make tex-env)")
    return Path(file)


@cache
def _font(family: str):
    from PIL import ImageFont

    return ImageFont.truetype(str(font_file(family)), 100)


def word_width(word: str, size: float, header: bool = False) -> float:
    """The width in pt of an unbreakable word set at ``size`` pt (serif body, sans-serif header),
    measured with the face the PDF uses. Raises :class:`FontMissing` if it is not installed."""
    return _font(HEADER_FONT if header else BODY_FONT).getlength(word) * size / 100


def _words(entry: nodes.Element) -> list[str]:
    """The unbreakable pieces of a cell: identifiers whole, other words split after their hyphens,
    CJK characters one by one (xeCJK may break between any two)."""
    words: list[str] = []
    for node in entry.findall(nodes.Text):
        if isinstance(node.parent, nodes.inline) and "identifier" in node.parent.get("classes", []):
            words.append(str(node))
            continue
        for word in str(node).split():
            for piece in re.split(r"(?<=[-\u2013/])", word):
                words += re.split(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u30ff\uff00-\uffef]", piece)
    return [w for w in words if w]


def _widths_from_text(group: nodes.tgroup) -> None:
    """Column widths in proportion to the longest text of each column (at least a tenth of the longest)."""
    specs = [c for c in group.children if isinstance(c, nodes.colspec)]
    longest = [1] * len(specs)
    for row in group.findall(nodes.row):
        entries = [e for e in row.children if isinstance(e, nodes.entry)]
        if len(entries) == len(specs):
            for i, entry in enumerate(entries):
                longest[i] = max(longest[i], len(entry.astext()))
    top = max(longest)
    for spec, length in zip(specs, longest):
        spec["colwidth"] = max(length, top // 10)


#: Columns a table must have for its widths to be balanced by the length of its cells.
BALANCED = 3
#: A line set in a column holds a little less than its width: words do not fill it exactly.
WRAP_LOSS = 1.08
_CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u30ff\uff00-\uffef]")


def text_length(text: str, size: float, header: bool = False) -> float:
    """The length in pt of ``text`` set on one line at ``size`` pt: the Latin text measured with
    the PDF's face, each CJK character one em."""
    cjk = len(_CJK_CHAR.findall(text))
    latin = " ".join(_CJK_CHAR.sub(" ", text).split())
    return (word_width(latin, size, header) if latin else 0.0) + cjk * size


def balance_columns(lengths, least, total: float, start, step_share: float = 0.005,
                    rounds: int = 600) -> list[float]:
    """Column widths in pt (summing to ``total``, none under ``least``) that make the table short:
    ``lengths[r][c]`` is the cell's text on one line (pt). A row is as tall as its fullest cell;
    widths move a step at a time from one column to another while the table gets shorter, so a
    long note does not run twenty lines beside cells that hold a word (issue 27)."""
    import numpy as np

    cells = np.asarray(lengths, dtype=float)
    floor = np.asarray(least, dtype=float)
    widths = np.asarray(start, dtype=float)
    columns = len(widths)
    if cells.size == 0 or columns < 2:
        return list(widths)

    def height(candidates):
        usable = np.maximum(candidates - COLUMN_PADDING, 1.0)
        lines = np.maximum(cells[None, :, :] * WRAP_LOSS / usable[:, None, :], 1.0)
        return lines.max(axis=2).sum(axis=1)

    unit = np.eye(columns)
    step = total * step_share
    moves = np.array([step * (unit[j] - unit[i]) for i in range(columns) for j in range(columns) if i != j])
    current = height(widths[None, :])[0]
    for _ in range(rounds):
        candidates = widths[None, :] + moves
        heights = height(candidates)
        heights[~(candidates >= floor[None, :] - 1e-9).all(axis=1)] = np.inf
        best = int(np.argmin(heights))
        if not heights[best] < current - 1e-6:
            break
        widths, current = candidates[best], heights[best]
    return [float(w) for w in widths]


def fit_columns(group: nodes.tgroup, size: float) -> float:
    """Widen the columns whose longest word would stick out (e.g. a "Sources" header), taking the
    room from the columns with room to spare, in proportion to it; then, for a table of
    :data:`BALANCED` columns or more, move width to where the text is (:func:`balance_columns`).
    Returns the table's estimated height in pt. Print only: the HTML is untouched."""
    specs = [c for c in group.children if isinstance(c, nodes.colspec)]
    if not specs:
        return 0.0
    need = [0.0] * len(specs)
    lengths: list[list[float]] = []
    for part, header in ((n, isinstance(n, nodes.thead)) for n in group.children
                         if isinstance(n, (nodes.thead, nodes.tbody))):
        for row in part.findall(nodes.row):
            entries = [e for e in row.children if isinstance(e, nodes.entry)]
            if len(entries) != len(specs) or any(e.get("morecols") for e in entries):
                continue
            for i, entry in enumerate(entries):
                for word in _words(entry):
                    width = min(word_width(word, size, header), LONGEST_WORD * size / 10)
                    need[i] = max(need[i], width)
            lengths.append([text_length(e.astext(), size, header) for e in entries])
    total = sum(float(c.get("colwidth", 1)) for c in specs)
    share = [float(c.get("colwidth", 1)) / total for c in specs]
    least = [(n + COLUMN_PADDING) / TEXT_WIDTH for n in need]
    if sum(least) >= 1:  # nothing to take from: widths in proportion to what each column needs
        share = [x / sum(least) for x in least]
    else:
        for _ in range(len(specs)):
            short = [i for i in range(len(specs)) if share[i] < least[i] - 1e-9]
            if not short:
                break
            missing = sum(least[i] - share[i] for i in short)
            spare = {i: share[i] - least[i] for i in range(len(specs)) if i not in short and share[i] > least[i]}
            room = sum(spare.values())
            for i in short:
                share[i] = least[i]
            for i, extra in spare.items():
                share[i] -= missing * extra / room
        if len(specs) >= BALANCED and lengths:
            widths = balance_columns(lengths, [x * TEXT_WIDTH for x in least], TEXT_WIDTH,
                                     [x * TEXT_WIDTH for x in share])
            share = [w / TEXT_WIDTH for w in widths]
    for spec, value in zip(specs, share):
        spec["colwidth"] = max(1, round(value * 1000))
    return table_height(lengths, [x * TEXT_WIDTH for x in share], size)


def table_height(lengths, widths, size: float) -> float:
    """The estimated height in pt of rows whose cells are ``lengths`` long (pt on one line) in
    columns ``widths`` wide: each row as many lines as its fullest cell, and the row's padding."""
    lines = sum(max([1] + [math.ceil(c * WRAP_LOSS / max(w - COLUMN_PADDING, 1.0)) for c, w in zip(row, widths)])
                for row in lengths)
    return lines * size * 1.2 + len(lengths) * 4.0


def _ancestors(node: nodes.Node, top: nodes.Element):
    """The elements from ``node``'s parent up to ``top``."""
    parent = node.parent
    while parent is not None and parent is not top:
        yield parent
        parent = parent.parent


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
