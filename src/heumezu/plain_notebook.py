"""A chapter's or teaching section's notebook for plain Jupyter (the runnable downloads).

The committed notebooks are written for the book: their Markdown is MyST (directives such as
``:::{exercise}``, roles such as ``{cite:p}`` and ``{doc}``), which plain Jupyter shows as it is
typed. :func:`convert` rewrites a notebook (for a teaching section, its student copy) so that it
reads as a Jupyter notebook:

- labels ``(name)=`` and ``:label:`` lines go; ``{only} html`` / ``{only} latex`` blocks go (the
  web page's own pointers, the PDF's own wording);
- an exercise becomes "**Exercise N.** Title", numbered as the web pages and the PDF number it
  (sphinx-exercise numbers on through the table of contents: :func:`exercise_numbers`);
- an admonition becomes its bold title and its text;
- ``{doc}`` and ``{ref}`` become links to the online pages where the edition's address is set,
  their titles where it is not; ``{numref}`` names what it points to; ``{download}`` its text;
- ``{cite:p}`` becomes a short reference in the edition's style (:mod:`heumezu.notes`: the work's
  full note at its first citation in the notebook, short after), locators in square brackets
  after a key included (``{cite:p}`frus1935v03-d185[doc. 185, ¶4], zhwp-hemei```), and the
  works cited are listed in full at the end;
- ``{passage}`` and ``{lost}`` become the text the pages show (from the evidence);
- ``{further-reading}`` becomes the list of works, the evidence tables drawn by directives
  (``{heumezu-chronology}``, ``{heumezu-demands}``) a code cell that shows them;
- the notebook opens with a cell that says where the data, the documents and the explanation of
  the columns are, and a setup cell that finds them in the notebook's folder or one above it
  (Colab's layout) and, in Colab, installs only the packages that are missing, unpinned;
- each data exercise gets a starter cell naming the tables it uses.

Text from the data (titles, citations, passages) is escaped for Markdown at one choke point,
:func:`escape`. Anything of MyST left after the conversion is an error (:func:`myst_left`), so
a new role or directive in a chapter fails the build until it is handled here.

Works on the notebook's JSON (nbformat 4) with the standard library and the edition's modules.
"""
from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import notes

# --- what counts as MyST --------------------------------------------------------------------

ROLE = re.compile(r"\{(?P<name>[a-z][\w:-]*)\}`(?P<text>[^`]*)`")
FENCE = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
TARGET = re.compile(r"^\((?P<label>[\w.:-]+)\)=\s*$")
OPTION = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*)$")
MYST = (ROLE, re.compile(r"^(:{3,}|`{3,})\{", re.MULTILINE), re.compile(r"^\([\w.:-]+\)=\s*$", re.MULTILINE),
        re.compile(r"^:(label|class|name|chapter|columns|signs):", re.MULTILINE))


def myst_left(markdown: str) -> list[str]:
    """The pieces of MyST syntax in ``markdown`` (empty: none)."""
    return [m.group(0) for pattern in MYST for m in pattern.finditer(markdown)]


# --- Markdown escaping: the one choke point for text from the data ----------------------------

# Markdown's specials, and $ (Jupyter renders maths). Not parentheses: "\(" opens maths in Jupyter.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>#+!|$~&])")


def escape(text: str) -> str:
    """``text`` as literal Markdown text: no emphasis, link, HTML, maths or heading can come of it."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


def runs_markdown(runs: notes.Runs) -> str:
    """Formatted runs (heumezu.notes) as Markdown: italics marked, http(s) targets as links."""
    out = []
    for run in runs:
        text = escape(run.text)
        if run.target:
            out.append(f"[{text}](<{run.target.replace('>', '%3E').replace(' ', '%20')}>)")
        elif run.italic and run.text.strip():
            out.append(f"*{text}*")
        else:
            out.append(text)
    return "".join(out)


# --- citations ------------------------------------------------------------------------------

parse_cite = notes.parse_cite  # the one parser of the {cite:p} role, shared with the pages


# --- the context a conversion needs -----------------------------------------------------------

@dataclass
class Context:
    """What the conversion knows about the edition: the built site's address (or ""), the title
    of every page and label, the number of the first exercise of this notebook, the works of the
    bibliography, and the evidence-derived texts of roles and directives."""

    folder: str                                  # the download's folder (the notebook's stem)
    base_url: str = ""                           # the edition's online address, "" if not set
    doc_titles: dict[str, str] = field(default_factory=dict)       # "book/teaching" -> title
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (docname, title)
    first_exercise: int = 1
    works: dict[str, notes.Work] = field(default_factory=dict)
    passage: Callable[[str], str] = lambda pid: pid             # {passage} -> its label
    lost: Callable[[str], str] = lambda lid: "[lost]"           # {lost} -> what the pages show
    further_reading: Callable[[str | None], list[notes.Runs]] = lambda chapter: []
    signs: dict[str, tuple[str, str]] = field(default_factory=dict)  # apparatus.SIGNS_KEY
    columns: dict[str, list[str]] = field(default_factory=dict)     # table -> its columns
    packages: dict[str, str] = field(default_factory=dict)          # import name -> pip name
    docname: str = "notebooks/x"                  # this notebook's docname, for relative targets
    pythons: tuple[str, str] = ("3", "3")          # {python-version}: lowest, highest (requires-python)


def docname_of(target: str, here: str) -> str:
    """A ``{doc}`` target relative to the page ``here`` (or absolute, from the root) as a docname."""
    target = target.strip()
    if target.startswith("/"):
        return target.lstrip("/")
    parts = here.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _link(text: str, docname: str, anchor: str, ctx: Context) -> str:
    if not ctx.base_url:
        return escape(text)
    url = f"{ctx.base_url.rstrip('/')}/{docname}.html" + (f"#{anchor}" if anchor else "")
    return f"[{escape(text)}](<{url}>)"


def short_caption(caption: str) -> str:
    """A caption up to its first comma or full stop, without roles: how a reference names it."""
    caption = ROLE.sub(lambda m: m["text"], caption)
    return re.split(r"[,.;:](?:\s|$)", caption, maxsplit=1)[0].strip()


ROLE_TEXT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)


class Converter:
    """One notebook's conversion: the citation state (full note first, short after) and the
    exercise count run through its cells."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.citations = notes.Notes(ctx.works)
        self.cited: list[str] = []
        self.exercise = ctx.first_exercise
        self.numbers: dict[str, int] = {}
        self.previous = ""  # the line before the one being converted (where a sentence begins)

    # roles
    def role(self, match: re.Match) -> str:
        name, text = match["name"], match["text"]
        explicit = ROLE_TEXT.match(text)
        shown, target = (explicit["text"], explicit["target"]) if explicit else (None, text.strip())
        ctx = self.ctx
        if name == "doc":
            docname = docname_of(target, ctx.docname)
            return _link(shown or ctx.doc_titles.get(docname, docname.rsplit("/", 1)[-1]), docname, "", ctx)
        if name in ("ref", "numref"):
            if target in self.numbers:
                return f"Exercise {self.numbers[target]}"
            docname, title = ctx.labels.get(target, (ctx.docname, target))
            if name == "numref" and not shown:
                kind = "figure" if target.startswith("fig-") else "table" if target.startswith("tab-") else ""
                if kind and title != target:
                    title = f"the {kind} “{short_caption(title)}”"
                    before = match.string[:match.start()].rstrip(" *_") or self.previous.rstrip()
                    if not before or before.endswith((".", "?", "!")):  # a sentence begins with it
                        title = title[0].upper() + title[1:]
            return _link(shown or title, docname, target, ctx)
        if name == "download":
            return escape(shown or target.rsplit("/", 1)[-1])
        if name in ("cite:p", "cite:t", "cite"):
            parsed = parse_cite(text)
            self.cited += [key for key, _ in parsed if key not in self.cited]
            return "(" + runs_markdown(self._short(parsed)) + ")"
        if name == "passage":
            return escape(ctx.passage(target))
        if name == "lost":
            return escape(ctx.lost(target))
        if name == "python-version" and target in ("lowest", "highest"):
            return ctx.pythons[target == "highest"]
        raise ValueError(f"plain_notebook: no conversion for the role {{{name}}}")

    def _short(self, parsed) -> notes.Runs:
        runs: list[notes.Run] = []
        for i, (key, locator) in enumerate(parsed):
            work = self.ctx.works[key]
            part = list(notes.short_note(work, locator))
            if part and part[-1].text.endswith(".") and not part[-1].target:
                part[-1] = notes.Run(part[-1].text[:-1], part[-1].italic, part[-1].target)
            runs += part + ([notes.Run("; ")] if i + 1 < len(parsed) else [])
        return tuple(r for r in runs if r.text)

    def inline(self, line: str) -> str:
        return ROLE.sub(self.role, line)

    # blocks
    def markdown(self, source: str) -> list[dict]:
        """A Markdown cell's text as plain Markdown cells (a table directive becomes a code cell)."""
        lines = source.split("\n")
        cells: list[dict] = []
        out: list[str] = []
        i = 0
        stack: list[tuple[str, str]] = []  # open blocks: (closing fence, name)
        skip_depth = None  # inside a block that is dropped (e.g. {only} html): the stack depth
        while i < len(lines):
            line = lines[i]
            stripped = line.strip()
            if stack and stripped == stack[-1][0]:
                _fence, name = stack.pop()
                if skip_depth is not None and len(stack) < skip_depth:
                    skip_depth = None
                i += 1
                continue
            fence = FENCE.match(stripped)
            if fence:
                options, body_start = _options(lines, i + 1)
                name, arg = fence["name"], fence["arg"].strip()
                if name in TABLE_DIRECTIVES and skip_depth is None:
                    close = _closing(lines, i + 1, fence["fence"])
                    if out:
                        cells.append(_markdown_cell(out))
                        out = []
                    cells.append(_code_cell(TABLE_DIRECTIVES[name](arg, options)))
                    i = close + 1
                    continue
                stack.append((fence["fence"], name))
                if skip_depth is None:
                    if name == "only":
                        skip_depth = len(stack)
                    elif name == "exercise":
                        number = self.exercise
                        self.exercise += 1
                        if "label" in options:
                            self.numbers[options["label"]] = number
                        out.append(f"**Exercise {number}.** {self.inline(arg)}".rstrip())
                        out.append("")
                    elif name == "admonition":
                        out += [f"**{self.inline(arg)}**", ""]
                    elif name == "further-reading":
                        out += self._further_reading(options.get("chapter"))
                    elif name == "heumezu-signs-key":
                        wanted = [s.strip() for s in options.get("signs", ",".join(self.ctx.signs)).split(",")]
                        out += ["**Key to the editorial signs**", ""]
                        out += [f"- {escape(sign)} {escape(meaning)}" for key, (sign, meaning) in
                                self.ctx.signs.items() if key in wanted]
                    else:
                        raise ValueError(f"plain_notebook: no conversion for the directive {{{name}}}")
                i = body_start
                continue
            if skip_depth is None and not TARGET.match(stripped):
                self.previous = out[-1] if out else ""
                out.append(self.inline(line))
            i += 1
        if stack:
            raise ValueError(f"plain_notebook: unclosed block {{{stack[-1][1]}}}")
        if "".join(out).strip():
            cells.append(_markdown_cell(out))
        return cells

    def _further_reading(self, chapter: str | None) -> list[str]:
        return [f"- {runs_markdown(entry)}" for entry in self.ctx.further_reading(chapter)]

    def references(self) -> list[str]:
        """The works cited, in full, in the order of the bibliography."""
        cited = sorted((self.ctx.works[k] for k in self.cited), key=notes.sort_key)
        return ["## Works cited", ""] + [f"- {runs_markdown(notes.bibliography_entry(w))}" for w in cited]


def _options(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    options = {}
    i = start
    while i < len(lines) and (match := OPTION.match(lines[i].strip())):
        options[match["name"]] = match["value"].strip()
        i += 1
    return options, i


def _closing(lines: list[str], start: int, fence: str) -> int:
    for i in range(start, len(lines)):
        if lines[i].strip() == fence:
            return i
    raise ValueError("plain_notebook: unclosed directive")


def _table_code(function: str, arguments: str, caption: str) -> str:
    return "\n".join([
        f"# The table the web page shows here: {caption}." if caption else "# The table the web page shows here.",
        "import heumezu",
        "import pandas as pd",
        "from heumezu import registers, table",
        "",
        f"shown = registers.{function}(heumezu.load(){arguments})",
        "pd.DataFrame([[table.text_of(cell) for cell in row] for row in shown.rows], columns=shown.header)",
    ])


def _chronology(arg: str, options: dict[str, str]) -> str:
    chapter = options.get("chapter")
    columns = [c.strip() for c in options.get("columns", "").split(",") if c.strip()] or None
    return _table_code("chronology_table", f", {chapter!r}, {columns!r}", arg)


def _demands(arg: str, options: dict[str, str]) -> str:
    return _table_code("demands_table", "", arg)


TABLE_DIRECTIVES: dict[str, Callable[[str, dict[str, str]], str]] = {
    "heumezu-chronology": _chronology, "heumezu-demands": _demands,
}


def _source(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def _markdown_cell(lines: list[str]) -> dict:
    text = "\n".join(lines).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return {"cell_type": "markdown", "metadata": {}, "source": _source(text)}


def _code_cell(code: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": _source(code)}


def figure_of(cell: dict) -> dict:
    """The MyST-NB figure options of a code cell (caption, name), or {}."""
    figure = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
    return figure if isinstance(figure, dict) else {}


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


# --- the first cells ---------------------------------------------------------------------------

def intro_cells(ctx: Context) -> list[dict]:
    folder = ctx.folder
    where = [
        "**Before you start.** Run the cells from the top (in JupyterLab: Run, Run All Cells).",
        "",
        (f"- The evidence is in `data/` beside this notebook (in Colab: in `{folder}/data/`): one CSV file "
        "per table; `data/README.md` explains every table and every column."),
        ("- The texts of the documents the chapters cite are in `data/documents/` (described in "
        "`data/documents.csv`), the three witnesses in `data/witnesses/` (`data/witnesses.csv`)."),
        ("- `heumezu/` is the edition's Python package: `heumezu.load()` checks the data and gives every "
        "table as `ev.events`, `ev.actors`, ... (pandas DataFrames)."),
    ]
    if ctx.base_url:
        where.append(f"- The edition online: <{ctx.base_url.rstrip('/')}/>")
    packages = sorted(ctx.packages.items())
    setup = "\n".join([
        "# Setup: finds data/ and heumezu/ in this notebook's folder, or one folder down (Colab runs",
        "# notebooks in /content, with the unzipped download beside them), and in Colab installs",
        "# whatever it lacks (unpinned: Colab's own versions stay).",
        "import importlib.util",
        "import subprocess",
        "import sys",
        "from pathlib import Path",
        "",
        f"for here in (Path.cwd(), Path.cwd() / {folder!r}):",
        "    if (here / 'heumezu').is_dir() and (here / 'data' / 'datapackage.json').is_file():",
        "        if str(here) not in sys.path:",
        "            sys.path.insert(0, str(here))",
        "        break",
        "else:",
        f"    raise FileNotFoundError({'No data/ and heumezu/ here or in ' + folder + '/: unzip ' + folder + '.zip beside this notebook (see its README.txt)'!r})",
        "",
        "if 'google.colab' in sys.modules:",
        f"    wanted = {dict(packages)!r}",
        "    missing = [name for module, name in wanted.items() if importlib.util.find_spec(module) is None]",
        "    if missing:",
        "        subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', *missing], check=True)",
    ])
    return [_markdown_cell(where), _code_cell(setup)]


def starter(exercise_markdown: str, ctx: Context) -> str | None:
    """A starter cell for a data exercise: the tables it names, and their columns that another
    named table has too (a merge gives them suffixes). None for an exercise that names no table."""
    tables = []
    for name in re.findall(r"\bev\.(\w+)", exercise_markdown):
        if name in ctx.columns and name not in tables:
            tables.append(name)
    if not tables:
        return None
    lines = ["# Starter: the tables this exercise uses (ev = hu.load() above)."]
    for name in tables:
        lines.append(f"# ev.{name}: {', '.join(ctx.columns[name])}")
    if len(tables) > 1:
        shared = [c for c in ctx.columns[tables[0]] if all(c in ctx.columns[t] for t in tables[1:])]
        if shared:
            both = ", ".join(f"{c}_x/{c}_y" for c in shared)
            lines += [f"# Columns in both: {', '.join(shared)}. A merge() keeps both copies as {both}",
                      "# unless you select columns first or pass suffixes=(...)."]
    lines += [f"ev.{tables[0]}.head()"]
    return "\n".join(lines)


# --- the whole notebook ------------------------------------------------------------------------

def convert(notebook: dict, ctx: Context) -> dict:
    """``notebook`` (nbformat 4 JSON) for plain Jupyter: see the module's docstring."""
    converted = copy.deepcopy(notebook)
    converter = Converter(ctx)
    cells: list[dict] = []
    pending_starter: str | None = None
    for cell in converted.get("cells", []):
        if cell.get("cell_type") != "markdown":
            if pending_starter and cell.get("cell_type") == "code" and not _text(cell).strip():
                cell["source"] = _source(pending_starter)
                pending_starter = None
            cells.append(cell)
            caption = figure_of(cell).get("caption")
            if caption:  # Jupyter shows no caption: the figure's, in a cell of its own after it
                cells += [_markdown_cell([f"**Figure.** {line}" if i == 0 else line
                                          for i, line in enumerate(converter.inline(caption).split("\n"))])]
            continue
        text = _text(cell)
        new = converter.markdown(text)
        for piece in new:
            piece["metadata"] = copy.deepcopy(cell.get("metadata", {}))
        if "{exercise}" in text:
            pending_starter = starter(text, ctx)
        cells += new
    if converter.cited:
        cells.append(_markdown_cell(converter.references()))
    first_code = next((i for i, c in enumerate(cells) if c.get("cell_type") == "code"), len(cells))
    cells[first_code:first_code] = intro_cells(ctx)
    for cell in cells:
        cell.pop("id", None)
    converted["cells"] = cells
    for cell in cells:
        if cell["cell_type"] == "markdown" and (left := myst_left(_text(cell))):
            raise ValueError(f"plain_notebook: MyST left in {ctx.folder}: {left[:3]}")
    return converted


# --- what the build knows, read when asked (never at import) -----------------------------------

HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*$", re.MULTILINE)
LABELLED = re.compile(r"^\((?P<label>[\w.:-]+)\)=\s*\n+(?:#+\s+(?P<title>.+?)\s*$)?", re.MULTILINE)


def page_text(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n\n".join(_text(c) for c in nb.get("cells", []) if c.get("cell_type") == "markdown")
    return path.read_text(encoding="utf-8")


def toc_files(root: Path) -> list[str]:
    """The docnames of _toc.yml, in its order."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(str(node["file"]))
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key, []) or []:
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    found.append(str(toc.get("root")))
    walk(toc)
    return found


def source_path(root: Path, docname: str) -> Path | None:
    for suffix in (".ipynb", ".md"):
        if (root / f"{docname}{suffix}").is_file():
            return root / f"{docname}{suffix}"
    return None


def site_index(root: Path) -> tuple[dict[str, str], dict[str, tuple[str, str]], dict[str, int]]:
    """Every page's title, every label's (page, title), and the number of the first exercise of
    each notebook (sphinx-exercise numbers on through the table of contents)."""
    titles: dict[str, str] = {}
    labels: dict[str, tuple[str, str]] = {}
    first: dict[str, int] = {}
    count = 1
    for docname in toc_files(root):
        path = source_path(root, docname)
        if path is None:
            continue
        text = page_text(path)
        heading = HEADING.search(text)
        titles[docname] = heading["title"] if heading else docname
        for match in LABELLED.finditer(text):
            labels[match["label"]] = (docname, match["title"] or titles[docname])
        if path.suffix == ".ipynb":
            for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
                figure = figure_of(cell)
                if figure.get("name"):
                    labels[str(figure["name"])] = (docname, str(figure.get("caption") or figure["name"]))
        lines = text.split("\n")
        for i, line in enumerate(lines):  # directives with a :name: (figures, tables)
            if (fence := FENCE.match(line.strip())) and "name" in (options := _options(lines, i + 1)[0]):
                labels.setdefault(options["name"], (docname, fence["arg"].strip() or options["name"]))
        first[docname] = count
        count += len(re.findall(r"^(?::{3,}|`{3,})\{exercise\}", text, re.MULTILINE))
    return titles, labels, first


# Packages of requirements/student.in that Colab has anyway (the notebook interface), and the
# import names of the others where they differ from the distribution's.
NOTEBOOK_INTERFACE = {"ipykernel", "nbconvert", "jupyterlab"}
IMPORT_NAMES = {"pyyaml": "yaml"}


def colab_packages(requirements_in: Path) -> dict[str, str]:
    """import name -> distribution name, for the packages a student's notebook imports."""
    out = {}
    for line in requirements_in.read_text(encoding="utf-8").splitlines():
        name = re.split(r"[\s#<>=\[;]", line.strip(), maxsplit=1)[0]
        if not name or name.startswith("-") or name.lower() in NOTEBOOK_INTERFACE:
            continue
        out[IMPORT_NAMES.get(name.lower(), name.lower())] = name
    return out


def notebook_signs(signs: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """The key to the editorial signs as a notebook draws them: (sign, meaning) with the meaning as
    print gives it, since a notebook too puts a lost passage's restoration in parentheses after its
    mark (the pages show it on hover)."""
    return {name: (sign, in_print) for name, (sign, _on_screen, in_print) in signs.items()}


def context_for(root: Path, ev, stem: str, base_url: str = "") -> Context:
    """The context of the notebook ``notebooks/<stem>.ipynb`` of the project at ``root``, with
    the loaded evidence ``ev`` (all tables)."""
    from . import apparatus, documents, further_reading, student

    titles, labels, first = site_index(root)
    docname = f"notebooks/{stem}"

    def lost(lacuna: str) -> str:
        witness, restoration = apparatus.lost(ev, lacuna)
        return f"{apparatus.LOST_MARK} (lost in {witness}; the edition restores {restoration})"

    def reading(chapter: str | None) -> list[notes.Runs]:
        found = further_reading.entries(ev.data_dir, chapter)
        works = {key: notes.Work.from_entry(key, entry) for key, entry in found.items()}
        return [notes.bibliography_entry(w) for w in sorted(works.values(), key=notes.sort_key)]

    return Context(
        folder=stem, base_url=base_url, doc_titles=titles, labels=labels,
        first_exercise=first.get(docname, 1), works=notes.works(ev.data_dir),
        passage=lambda pid: documents.passage_label(ev, pid), lost=lost, further_reading=reading,
        signs=notebook_signs(apparatus.SIGNS_KEY), columns={name: list(frame.columns) for name, frame in ev.tables.items()},
        packages=colab_packages(root / "requirements" / "student.in"), docname=docname,
        pythons=student.python_range(student.requires_python(root)))
