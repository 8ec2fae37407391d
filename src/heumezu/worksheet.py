"""The student copy of a teaching notebook: the exercises without their solutions.

The committed teaching notebooks hold each solution beside its exercise, so that the build runs
the solution code and a solution can never go stale. A student who downloads the notebook should
not find the answers under the questions, so the runnable download carries this copy instead:

- a gated solution (``solution-start`` … ``solution-end``, which may span several cells, code
  included) is dropped whole;
- an inline ``{solution}`` block is cut out of its Markdown cell;
- after each exercise come an empty Markdown cell and an empty code cell for the answer;
- web-only cells (``{only} html``, such as the pointer to this very download) are left out.

Works on the notebook's JSON (nbformat 4) with the standard library only.
"""
from __future__ import annotations

import copy
import re

BLOCK = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>exercise|solution|solution-start|solution-end)\}")
NOTICE = ("*This is the student copy of a teaching section: the solutions are in the web edition, behind a "
          "toggle after each exercise. Write your answers in the empty cells after each exercise.*")
WEB_ONLY = ("```{only} html", ":::{only} html")
ANSWER = "**Your answer.** *(Double-click to write here.)*"


def has_solutions(notebook: dict) -> bool:
    return any(BLOCK.match(line) and "{solution" in line
               for cell in notebook.get("cells", []) for line in _lines(cell))


def student_copy(notebook: dict) -> dict:
    """``notebook`` without its solutions and with answer cells after each exercise."""
    copied = copy.deepcopy(notebook)
    cells: list[dict] = []
    in_gated = False
    for cell in copied.get("cells", []):
        lines = _lines(cell)
        if in_gated:
            in_gated = not any(_is(line, "solution-end") for line in lines)
            continue
        if lines and _is(lines[0], "solution-start"):
            in_gated = not any(_is(line, "solution-end") for line in lines)
            continue
        if lines and lines[0].strip() in WEB_ONLY:
            continue
        if cell.get("cell_type") != "markdown":
            cells.append(cell)
            continue
        cells += _split_markdown(cell, lines)
    copied["cells"] = [_markdown([NOTICE])] + cells
    return copied


def _split_markdown(cell: dict, lines: list[str]) -> list[dict]:
    """The cell without inline solutions, cut after each exercise to make room for the answer."""
    out: list[dict] = []
    kept: list[str] = []
    closing = None  # the fence that ends the block being read
    skipping = False
    for line in lines:
        if closing is not None:
            if line.strip() == closing:
                if not skipping:
                    kept.append(line)
                    out += _piece(cell, kept) + _answer()
                    kept = []
                closing, skipping = None, False
            elif not skipping:
                kept.append(line)
            continue
        match = BLOCK.match(line)
        if match and match["name"] in ("exercise", "solution"):
            closing, skipping = match["fence"], match["name"] == "solution"
            if skipping:
                continue
        kept.append(line)
    return out + _piece(cell, kept)


def _piece(cell: dict, lines: list[str]) -> list[dict]:
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        return []
    piece = copy.deepcopy(cell)
    piece["source"] = _source(text)
    piece.pop("id", None)
    return [piece]


def _answer() -> list[dict]:
    return [_markdown([ANSWER]), {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                  "source": []}]


def _markdown(lines: list[str]) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": _source("\n".join(lines))}


def _source(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def _lines(cell: dict) -> list[str]:
    source = cell.get("source", "")
    return ("".join(source) if isinstance(source, list) else source).split("\n")


def _is(line: str, name: str) -> bool:
    match = BLOCK.match(line)
    return bool(match) and match["name"] == name
