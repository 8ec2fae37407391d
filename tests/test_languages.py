"""The languages of the native-script text: the allowed tags, what the characters show, the
validator's messages for bad tags (by file, line and field), and the cells the pages tag."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from heumezu import languages
from heumezu.languages import (
    cell_problems,
    document_problems,
    document_tag,
    fit_problem,
    pairs,
    runs,
    scripts,
)


# ------------------------------------------------------------------------------------------ units
@pytest.mark.parametrize(("text", "expected"), [
    ("梅津美治郎", {"Han"}), ("梅津・何応欽協定", {"Han", "Kana"}), ("Союз", {"Cyrillic"}),
    ("Umezu Yoshijirō", {"Latin"}), ("１９３５。、", set()), ("", set()), ("한국", {"Hangul"}),
    ("𠀀", {"Han"}),  # a character outside the Basic Multilingual Plane (Extension B)
])
def test_scripts_of_a_string(text, expected):
    assert scripts(text) == expected


@pytest.mark.parametrize("tag", list(languages.TAGS))
def test_allowed_tags_pass(tag):
    assert languages.tag_problem(tag) is None


@pytest.mark.parametrize(("tag", "hint"), [("zh-hant", "write 'zh-Hant'"), ("JA", "write 'ja'"), ("zh-TW", None),
                                           ("jp", None), ("zh", None), ("", None), ("<b>ja</b>", None)])
def test_other_tags_are_refused_with_the_list(tag, hint):
    why = languages.tag_problem(tag)
    assert why and "zh-Hant, zh-Hans, ja, ru" in why
    assert (hint in why) if hint else "write" not in why


@pytest.mark.parametrize(("form", "tag", "fits"), [
    ("何應欽", "zh-Hant", True), ("何应钦", "zh-Hans", True), ("關東軍", "ja", True), ("Ялта", "ru", True),
    ("梅津・何応欽協定", "zh-Hant", False),  # kana (the middle dot is katakana) only in Japanese
    ("Ялта", "ja", False), ("東京", "ru", False), ("Tokyo", "ja", False), ("한국", "zh-Hant", False),
])
def test_a_tag_the_characters_refute_is_refused(form, tag, fits):
    assert (fit_problem(form, tag) is None) is fits


def test_glossary_cells_take_one_tag_per_form():
    assert cell_problems("native", "何梅協定; 梅津・何応欽協定", "zh-Hant; ja", several=True) == []
    assert pairs("何梅協定; 梅津・何応欽協定", "zh-Hant; ja") == [("何梅協定", "zh-Hant"), ("梅津・何応欽協定", "ja")]
    counted = cell_problems("native", "何梅協定; 梅津・何応欽協定", "zh-Hant", several=True)
    assert counted and "2 form(s)" in counted[0] and "1 tag(s)" in counted[0]
    swapped = cell_problems("native", "何梅協定; 梅津・何応欽協定", "ja; zh-Hant", several=True)
    assert any("kana" in why for why in swapped)


def test_a_name_needs_its_language_and_a_language_its_name():
    assert "required" in cell_problems("name_native", "梅津美治郎", "", several=False)[0]
    assert "empty" in cell_problems("name_native", "", "ja", several=False)[0]
    assert cell_problems("name_native", "", "", several=False) == []
    assert "one tag" in cell_problems("name_native", "梅津美治郎", "ja; zh-Hant", several=False)[0]
    assert "not an allowed" in cell_problems("name_native", "梅津美治郎", "jp", several=False)[0]


def test_document_tags():
    assert document_tag("zh", "Hans") == "zh-Hans"
    assert document_tag("en", "") == "en"
    assert document_problems("zh", "Hans") == [] and document_problems("en", "") == []
    assert "required" in document_problems("zh", "")[0]
    assert "only a text in Chinese" in document_problems("en", "Hant")[0]
    assert "not an allowed script" in document_problems("zh", "Latn")[0]


def test_runs_tag_the_cjk_only():
    assert runs("Memorandum (梅津致何应钦备忘录)", "zh-Hans") == [
        ("Memorandum (", None), ("梅津致何应钦备忘录", "zh-Hans"), (")", None)]
    # ASCII punctuation and digits between CJK characters stay in the run (as the copy delivered them)
    assert runs("梅津致何应钦备忘录(1935年6月9日) read", "zh-Hans") == [
        ("梅津致何应钦备忘录(1935年6月9日", "zh-Hans"), (") read", None)]
    assert runs("no CJK here", "ja") == [("no CJK here", None)]
    assert runs("", "ja") == []
    assert "".join(text for text, _ in runs("a 梅津・何 b, 何 c", "ja")) == "a 梅津・何 b, 何 c"


def test_prose_runs_take_the_datas_tags_or_none():
    forms = languages.known_forms([("何梅協定; 梅津・何応欽協定", "zh-Hant; ja"), ("梅津美治郎", "ja"),
                                   ("保安隊", "zh-Hant"), ("保安隊", "ja"), ("", "")])
    assert forms == {"何梅協定": "zh-Hant", "梅津・何応欽協定": "ja", "梅津美治郎": "ja"}  # 保安隊: two tags, left out
    assert languages.prose_runs("the He–Umezu Agreement (何梅協定; 梅津・何応欽協定) and 保安隊, 熱河作戦", forms) == [
        ("the He–Umezu Agreement (", None), ("何梅協定", "zh-Hant"), ("; ", None), ("梅津・何応欽協定", "ja"),
        (") and 保安隊, 熱河作戦", None)]
    assert languages.prose_runs("かな交じり", {}) == [("かな交じり", "ja")]  # kana: Japanese whatever the data
    assert languages.prose_runs("", forms) == []


def test_the_tags_are_the_schemas_list():
    """One list: the schema's enum of name_native_lang is heumezu.languages.TAGS."""
    import json

    from conftest import DATA
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    fields = {(r["name"], f["name"]): f for r in package["resources"] for f in r.get("schema", {}).get("fields", [])}
    for table in ("actors", "places"):
        assert fields[(table, "name_native_lang")]["constraints"]["enum"] == list(languages.TAGS)
    assert fields[("documents", "script")]["constraints"]["enum"] == list(languages.CHINESE_SCRIPTS)


# ------------------------------------------------------------------------ the validator (slow tier)
def _edit(path, row_id, **values):
    """Set ``values`` in the row ``row_id`` of a CSV; return the line of that row (1 = header)."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    line = next(i for i, r in enumerate(rows) if r[0] == row_id) + 1
    for field, value in values.items():
        rows[line - 1][header.index(field)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return line


@pytest.mark.parametrize(("file", "row", "values", "field", "words"), [
    ("actors.csv", "umezu-yoshijiro", {"name_native_lang": "jp"}, "name_native_lang", "jp"),
    ("actors.csv", "umezu-yoshijiro", {"name_native_lang": ""}, "name_native_lang", "required"),
    ("actors.csv", "li-junxiang", {"name_native_lang": "zh-Hant"}, "name_native_lang", "empty"),
    ("places.csv", "yalta", {"name_native_lang": "ja"}, "name_native_lang", "Cyrillic"),
    ("places.csv", "tokyo", {"name_native_lang": "zh-TW"}, "name_native_lang", "zh-TW"),
    ("glossary.csv", "he-umezu-agreement", {"native_lang": "zh-Hant"}, "native_lang", "1 tag(s)"),
    ("glossary.csv", "he-umezu-agreement", {"native_lang": "zh-Hant; zh-Hant"}, "native_lang", "kana"),
    ("glossary.csv", "tangpu", {"native_lang": "zh-hant"}, "native_lang", "write 'zh-Hant'"),
    ("glossary.csv", "tangpu", {"native_lang": "<script>alert(1)</script>"}, "native_lang", "not an allowed"),
    ("documents.csv", "umezu-memorandum-1935-06-09", {"script": ""}, "script", "required"),
    ("documents.csv", "umezu-memorandum-1935-06-09", {"script": "Latn"}, "script", "Latn"),
    ("documents.csv", "frus1935v03-d136", {"script": "Hans"}, "script", "only a text in Chinese"),
    ("documents.csv", "frus1935v03-d136", {"completeness": "not_available", "file": "", "sha256": "",
                                           "script": "Hant"}, "script", "without text"),
], ids=lambda v: v if isinstance(v, str) and v.endswith(".csv") else None)
def test_bad_language_tags_are_located(data_copy, validate_cli, file, row, values, field, words):
    line = _edit(data_copy / file, row, **values)
    code, messages = validate_cli(data_copy)
    assert code == 1
    located = [m for m in messages if m.startswith(f"{file}, line {line}, field '{field}'")]
    assert located, messages
    assert any(words in m for m in located), located


# ---------------------------------------------- the pages: tests/roots/test-languages (sphinx.testing)
HOSTILE = '<script>alert(1)</script> & "q" \\input{/etc/hostname}% $x$ {}'


@pytest.fixture()
def small_html(app) -> str:
    app.build()
    assert not app.warning.getvalue()
    return (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


@pytest.fixture()
def small_latex(app) -> str:
    app.build()
    assert not app.warning.getvalue()
    return (Path(app.outdir) / "languages.tex").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="languages", freshenv=True, warningiserror=True)
def test_html_spans_carry_lang(small_html):
    soup = BeautifulSoup(small_html, "html.parser")
    spans = [(s["lang"], s.get_text()) for s in soup.select("span[lang]")]
    assert ("zh-Hant", "何應欽") in spans and ("zh-Hans", "何应钦") in spans
    assert ("ja", "梅津美治郎") in spans and ("ru", "Ялта") in spans
    assert ("ja", "梅津・何応欽協定") in spans and ("zh-Hant", "何梅協定") in spans and ("zh-Hans", "何梅协定") in spans
    assert {tag for tag, _ in spans} <= set(languages.TAGS)


@pytest.mark.sphinx("html", testroot="languages", freshenv=True, warningiserror=True)
def test_prose_is_tagged_where_the_characters_show_it(small_html):
    soup = BeautifulSoup(small_html, "html.parser")
    spans = [(s["lang"], s.get_text()) for s in soup.select("span[lang]")]
    assert ("ja", "かな交じり") in spans
    assert not any("覚書" in text for _, text in spans)
    assert [span for span in spans if span[1] == "何梅協定"] == [("zh-Hant", "何梅協定")]  # the role's, not the prose's
    assert "覚書" in soup.get_text() and not soup.select("pre span[lang]")  # code is not prose


@pytest.mark.sphinx("html", testroot="languages", freshenv=True, warningiserror=True)
def test_html_hostile_text_stays_text(small_html):
    assert "<script>alert" not in small_html and "<b>何" not in small_html
    soup = BeautifulSoup(small_html, "html.parser")
    texts = [s.get_text() for s in soup.select("span[lang]")]
    assert "何" + HOSTILE in texts
    assert "<b>何</b> & \\input{x}" in texts


@pytest.mark.sphinx("latex", testroot="languages", freshenv=True, warningiserror=True)
def test_latex_switches_font_by_language(small_latex):
    assert r"\heumezulang{TC}{何應欽}" in small_latex
    assert r"\heumezulang{SC}{何应钦}" in small_latex
    assert r"\heumezulang{JP}{梅津美治郎}" in small_latex
    assert r"\heumezulang{JP}{梅津・何応欽協定}" in small_latex
    assert "Ялта" in small_latex and r"\heumezulang{RU}" not in small_latex  # the main font has Cyrillic
    # the preamble defines the families (Noto Serif CJK TC, SC, JP) and the command
    for family, font in (("TC", "Noto Serif CJK TC"), ("SC", "Noto Serif CJK SC"), ("JP", "Noto Serif CJK JP")):
        assert rf"\setCJKfamilyfont{{{family}}}{{{font}}}" in small_latex
    assert r"\DeclareRobustCommand{\heumezulang}" in small_latex


@pytest.mark.sphinx("latex", testroot="languages", freshenv=True, warningiserror=True)
def test_latex_hostile_text_is_escaped(small_latex):
    body = small_latex[small_latex.index(r"\begin{document}"):]
    assert r"\input{/etc/hostname}" not in body and r"\input{x}" not in body
    assert r"\textbackslash{}input\{/etc/hostname\}\%" in body


def test_a_tag_not_of_the_edition_is_refused():
    from heumezu_sphinx import languages as sphinx_languages
    from heumezu_sphinx import nodes as build
    assert sphinx_languages.node("梅津", "ja")["lang"] == "ja"
    for bad in ("zh-TW", 'ja" onmouseover="alert(1)', ""):
        with pytest.raises(build.UnsafeValue):
            build.language("梅津", bad)


# -------------------------------------------------------------------- the built site (build tier)
def test_the_sites_native_names_carry_lang(site):
    """The registers, the glossary, the memorandum and the chapters' prose mark their Chinese and
    Japanese as the data tags them (issue 26)."""
    def spans(page: str) -> set[tuple[str, str]]:
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        return {(s["lang"], s.get_text()) for s in soup.select("span[lang]")}

    persons = spans("book/reference/persons.html")
    assert {("zh-Hant", "何應欽"), ("zh-Hans", "何应钦"), ("ja", "梅津美治郎")} <= persons
    assert ("ja", "東京") in spans("book/reference/places.html")
    assert {("zh-Hant", "何梅協定"), ("ja", "梅津・何応欽協定")} <= spans("book/reference/glossary.html")
    assert any(tag == "zh-Hans" for tag, _ in spans("book/documents/memorandum.html"))
    chapter = spans("notebooks/01_background.html")
    assert ("ja", "梅津美治郎") in chapter and ("zh-Hant", "何應欽") in chapter
    for page in ("book/reference/persons.html", "book/reference/glossary.html", "notebooks/01_background.html"):
        assert {tag for tag, _ in spans(page)} <= set(languages.TAGS), page


def test_the_pdf_sets_each_language_in_its_own_forms(site):
    """Chinese in traditional (TC) or simplified (SC) glyph forms, Japanese in Japanese ones (JP):
    each an xeCJK family of its own. The faces of a Noto CJK collection share one CFF name
    (pdffonts calls them all ...jp), so three families show as three embedded serif subsets."""
    import subprocess

    latex = site.parent / "latex"
    tex = (latex / "he-umezu-edition.tex").read_text(encoding="utf-8")
    assert r"\heumezulang{TC}{何應欽}" in tex and r"\heumezulang{JP}{梅津美治郎}" in tex
    assert r"\heumezulang{SC}{" in tex  # the memorandum
    log = (latex / "he-umezu-edition.log").read_text(encoding="utf-8", errors="replace")
    assert "Noto Serif CJK TC" in log.replace("\n", "") or "CJK TC" in log
    fonts = subprocess.run(["pdffonts", str(latex / "he-umezu-edition.pdf")], capture_output=True, text=True,
                           check=True).stdout
    serif = {line.split()[0] for line in fonts.splitlines() if "NotoSerifCJK" in line}
    assert len(serif) >= 3, fonts
