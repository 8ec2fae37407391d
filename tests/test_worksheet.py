"""The student copy of a teaching notebook (the runnable download): every exercise, no solution."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT
from heumezu import worksheet
from test_teaching import TEACHING, blocks, normalise, snippet


def _text(notebook: dict) -> str:
    return normalise(" ".join("".join(cell["source"]) for cell in notebook["cells"]))


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_student_copy_has_every_exercise_and_no_solution(path):
    committed = json.loads(path.read_text(encoding="utf-8"))
    copy = worksheet.student_copy(committed)
    exercises, solutions = blocks(path)
    text = _text(copy)
    assert solutions and not worksheet.has_solutions(copy)
    for label, (title, body) in exercises.items():
        assert normalise(title) in text and normalise(body) in text, label
    for target, label, markdown, _code in solutions:
        assert snippet(markdown) not in text, f"{label} is still in the student copy"
    answers = [c for c in copy["cells"] if "".join(c["source"]) == worksheet.ANSWER]
    assert len(answers) == len(exercises)
    # Only the setup cell keeps code; every other code cell is an empty answer cell.
    code = [c for c in copy["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert len(code) == 1 and "hu.load()" in "".join(code[0]["source"])
    assert "{only} html" not in " ".join("".join(c["source"]) for c in copy["cells"])
    assert committed == json.loads(path.read_text(encoding="utf-8"))  # the committed notebook is untouched


def _cell(kind, text):
    cell = {"cell_type": kind, "metadata": {}, "source": text}
    return cell | ({"outputs": [], "execution_count": None} if kind == "code" else {})


def test_gated_solution_spanning_cells_and_inline_solution_are_removed():
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        _cell("markdown", "Intro\n\n:::{exercise} One\n:label: ex-1\n\nDo one.\n:::\n\n"
                          ":::{solution} ex-1\n:label: sol-1\n\nSECRET ONE\n:::\n\nBetween.\n\n"
                          "::::{exercise} Two\n:label: ex-2\n\nDo two.\n::::"),
        _cell("markdown", "```{solution-start} ex-2\n:label: sol-2\n```\n\nSECRET TWO"),
        _cell("code", "print('SECRET CODE')"),
        _cell("markdown", "SECRET PROSE"),
        _cell("markdown", "```{solution-end}\n```"),
        _cell("markdown", "After."),
    ]}
    copy = worksheet.student_copy(notebook)
    text = json.dumps(copy)
    assert "SECRET" not in text
    assert [("".join(c["source"]))[:12] for c in copy["cells"]] == [
        worksheet.NOTICE[:12], "Intro\n\n:::{e", worksheet.ANSWER[:12], "", "Between.\n\n::",
        worksheet.ANSWER[:12], "", "After."]


def test_notebooks_without_solutions_are_left_alone():
    chapter = json.loads((ROOT / "notebooks" / "01_background.ipynb").read_text(encoding="utf-8"))
    assert not worksheet.has_solutions(chapter)
