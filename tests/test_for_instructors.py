"""heumezu_sphinx.teaching: a section marked {for-instructors} is in the HTML and the instructor's
PDF, not in the student PDF (issue 27); a marker outside any section is a build warning."""
from __future__ import annotations

import pytest

PLAN = ("Minutes zero to fifteen", "Pairs of students", "Typed at the command line")
KEPT = ("What every reader needs", "What students need", "Python and a browser", "Nothing for the instructor")


def _body(app) -> str:
    return (app.outdir / "teach.tex").read_text(encoding="utf-8").split(r"\begin{document}", 1)[1]


@pytest.mark.sphinx("latex", testroot="for-instructors", freshenv=True, warningiserror=True,
                    confoverrides={"heumezu_instructor": False})
def test_the_student_pdf_loses_the_sections_for_the_instructor(app):
    app.build()
    body = _body(app)
    for text in PLAN + ("A lesson plan", "A subsection of the plan", "Building the two PDFs"):
        assert text not in body, text
    for text in KEPT:
        assert text in body, text


@pytest.mark.sphinx("latex", testroot="for-instructors", freshenv=True, warningiserror=True,
                    confoverrides={"heumezu_instructor": True})
def test_the_instructor_pdf_keeps_them(app):
    app.build()
    body = _body(app)
    for text in PLAN + KEPT:
        assert text in body, text


@pytest.mark.sphinx("html", testroot="for-instructors", freshenv=True, warningiserror=True)
def test_the_web_pages_keep_them_marked(app):
    app.build()
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    other = (app.outdir / "other.html").read_text(encoding="utf-8")
    for text in PLAN[:2] + KEPT[:3]:
        assert text in index, text
    assert PLAN[2] in other
    assert index.count("for-instructors") == 1 and other.count("for-instructors") == 1


def test_a_marker_outside_any_section_is_a_warning(make_app, tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["heumezu_sphinx.teaching"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text(".. for-instructors::\n\nNo title at all.\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path, freshenv=True)
    app.build()
    assert "stands outside any section" in app._warning.getvalue()


def test_a_section_for_every_reader_after_one_for_the_instructor_is_a_warning(make_app, tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["heumezu_sphinx.teaching"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("Title\n=====\n\nPlan\n----\n\n.. for-instructors::\n\nA plan.\n\n"
                                        "Students\n--------\n\nFor everyone.\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path, freshenv=True)
    app.build()
    assert "put the sections for the instructor last" in app._warning.getvalue()
