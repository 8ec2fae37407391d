"""The teaching sections: every exercise has a solution, the notebooks run, the solutions are where
they belong (HTML and the instructor's PDF) and nowhere else (the student PDF)."""
from __future__ import annotations

import html
import os
import re
import subprocess

import nbformat
import pytest

import pdftext
from conftest import ROOT

pytestmark = pytest.mark.build  # runs a kernel or the book build

TEACHING = sorted((ROOT / "notebooks").glob("*_teaching.ipynb"))
CHAPTERS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if not p.stem.endswith("_teaching"))
PDF = "he-umezu-edition.pdf"
INSTRUCTOR_PDF = "he-umezu-edition-instructor.pdf"

FENCE = re.compile(r"^(?P<fence>:::+|```+)\{(?P<name>exercise|solution|solution-start|solution-end|exercise-start)\}"
                   r"[ \t]*(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL)
OPTION = re.compile(r"^:(\w[\w-]*):[ \t]*(.*)$", re.MULTILINE)


def _options(body: str) -> dict[str, str]:
    return dict(OPTION.findall(body))


def _content(body: str) -> str:
    return "\n".join(line for line in body.splitlines() if not OPTION.match(line))


def blocks(path):
    """Exercises and solutions of a teaching notebook, in order.

    Returns (exercises: {label: (title, markdown)}, solutions: [(target, label, markdown, code cells)]).
    A gated solution's content is what follows its start directive up to its end directive.
    """
    nb = nbformat.read(path, as_version=4)
    exercises: dict[str, tuple[str, str]] = {}
    solutions: list[tuple[str, str, str, int]] = []
    gated = None  # [target, label, markdown, code cells] of an open solution-start
    for cell in nb.cells:
        if cell.cell_type == "code":
            if gated is not None:
                gated[3] += 1
            continue
        text = cell.source
        for match in FENCE.finditer(text):
            name, arg, body = match["name"], match["arg"].strip(), match["body"]
            if name == "exercise":
                exercises[_options(body)["label"]] = (arg, _content(body))
            elif name == "solution":
                solutions.append((arg, _options(body)["label"], _content(body), 0))
            elif name == "solution-start":
                assert gated is None, f"{path.name}: solution-start inside another solution"
                gated = [arg, _options(body)["label"], text[match.end():], 0]
            elif name == "solution-end":
                assert gated is not None, f"{path.name}: solution-end without solution-start"
                solutions.append(tuple(gated))
                gated = None
        if gated is not None and "{solution-start}" not in text:
            gated[2] += "\n\n" + text
    assert gated is None, f"{path.name}: solution-start {gated[1]} is never ended"
    return exercises, solutions


def normalise(text: str) -> str:
    """Letters and digits only, case folded, after the shared normalisation (NFKC: ligatures,
    compatibility forms): immune to spaces, line breaks, hyphenation, quotes and dashes, whichever
    poppler extracted the text."""
    return re.sub(r"[\W_]+", "", pdftext.normalise(text))


def snippet(markdown: str) -> str:
    """The longest run of the solution's prose without markup, normalised."""
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", "|", markdown)  # roles: {cite:p}`key`, {ref}`label`
    text = re.sub(r"`[^`]*`", "|", text)
    runs = re.split(r"\||\n\s*\n|[()*\[\]]", text)
    return normalise(max(runs, key=lambda run: len(normalise(run))))


def _elsewhere() -> str:
    """Everything else the book prints, normalised: the chapters, the other pages, the data and the
    witnesses, and the exercises. Solutions paraphrase the chapters, so a window recognises a
    solution only if it occurs nowhere in these."""
    texts = [path.read_text(encoding="utf-8") for pattern in ("book/**/*.md", "data/*.csv", "data/witnesses/*.txt")
             for path in sorted(ROOT.glob(pattern))]
    for path in CHAPTERS:
        texts += [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]
    for path in TEACHING:
        texts += [f"{title}|{body}" for title, body in blocks(path)[0].values()]
    return "|".join(normalise(text) for text in texts)


ELSEWHERE = None


def windows(markdown: str) -> list[str]:
    """Two 40-character windows of the solution's prose (normalised) that occur nowhere else in the
    book: the first and the last such, so that one survives a page break in the PDF's text."""
    global ELSEWHERE
    if ELSEWHERE is None:
        ELSEWHERE = _elsewhere()
    run = snippet(markdown)
    unique = [run[i:i + 40] for i in range(0, max(len(run) - 39, 0), 4) if run[i:i + 40] not in ELSEWHERE]
    assert len(unique) >= 2 and unique[0] != unique[-1], f"solution prose not recognisable: {run!r}"
    return [unique[0], unique[-1]]


def test_there_is_a_teaching_notebook_for_each_chapter():
    assert [p.stem for p in TEACHING] == [p.stem + "_teaching" for p in CHAPTERS]


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_every_exercise_has_a_solution(path):
    exercises, solutions = blocks(path)
    assert exercises, f"{path.name} has no exercises"
    targets = [target for target, _label, _md, _code in solutions]
    assert sorted(targets) == sorted(exercises), f"{path.name}: exercises {sorted(exercises)}, solutions to {targets}"
    for target, label, markdown, code_cells in solutions:
        assert markdown.strip(), f"{label} is empty"
        windows(markdown)  # recognisable prose
        if "`ev." in exercises[target][1]:  # a data exercise: its solution's code runs in the build
            assert code_cells, f"{label}: the solution to a data exercise has no code cells"
    assert any("`ev." in body for _title, body in exercises.values()), f"{path.name} has no data exercise"


# Each teaching notebook executes in a fresh kernel: test_notebooks.py runs every notebook in notebooks/.


def pdf_text(pdf) -> str:
    return normalise(pdftext.extract(pdf))


def all_solutions():
    for path in TEACHING:
        exercises, solutions = blocks(path)
        for target, label, markdown, _code in solutions:
            yield path, exercises[target][0], label, markdown


def test_student_pdf_has_the_exercises_but_no_solutions(built):
    text = pdf_text(built / "latex" / PDF)
    assert normalise("Solution to Exercise") not in text
    for path, title, label, markdown in all_solutions():
        assert normalise(title) in text, f"exercise {title!r} ({path.name}) missing from the student PDF"
        leaked = [w for w in windows(markdown) if w in text]
        assert not leaked, f"solution {label} ({path.name}) is in the student PDF: {leaked}"


def test_html_has_every_solution_behind_a_toggle(built):
    for path, _title, label, markdown in all_solutions():
        page = (built / "html" / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert f'id="{label}"' in page, f"no solution {label} in {path.stem}.html"
        text = normalise(html.unescape(re.sub(r"<[^>]+>", " ", page)))
        assert any(w in text for w in windows(markdown)), f"solution {label} text missing from {path.stem}.html"
    # The toggle: sphinx-exercise's solutions carry the dropdown class.
    page = (built / "html" / "notebooks" / f"{TEACHING[0].stem}.html").read_text(encoding="utf-8")
    assert re.search(r'class="[^"]*solution[^"]*dropdown|class="[^"]*dropdown[^"]*solution', page)


@pytest.fixture(scope="session")
def instructor_pdf(built):
    """The instructor's PDF, built by the recipe proposed for `make pdf-instructor`."""
    jb = ROOT / ".venv" / "bin" / "jupyter-book"
    result = subprocess.run(["bash", "tools/locked.sh", str(ROOT / ".build.lock"),
                             "bash", "tools/build-pdf-instructor.sh", str(jb), str(built.parent)],
                            cwd=ROOT, capture_output=True, text=True, env=os.environ | {"PYTHONWARNINGS": ""}, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    return built / INSTRUCTOR_PDF


def test_instructor_pdf_has_every_solution(instructor_pdf):
    text = pdf_text(instructor_pdf)
    for path, _title, label, markdown in all_solutions():
        assert any(w in text for w in windows(markdown)), f"solution {label} ({path.name}) missing from the instructor PDF"


def for_instructors_headings() -> list[str]:
    """The headings of the teaching page's sections marked {for-instructors} (read from the page)."""
    page = (ROOT / "book" / "teaching.md").read_text(encoding="utf-8")
    return re.findall(r"^#+ (.+)\n+```\{for-instructors\}", page, re.MULTILINE)


def test_the_teaching_page_marks_its_lesson_plans():
    assert len(for_instructors_headings()) >= 2


def test_sections_for_the_instructor_are_only_in_the_instructor_pdf(built, instructor_pdf):
    student, teacher = pdf_text(built / "latex" / PDF), pdf_text(instructor_pdf)
    for heading in for_instructors_headings():
        assert normalise(heading) not in student, f"{heading!r} is in the student PDF"
        assert normalise(heading) in teacher, f"{heading!r} is missing from the instructor PDF"
    assert normalise("What students need") in student
