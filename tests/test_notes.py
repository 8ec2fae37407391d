"""The Chicago notes formatter (heumezu.notes) on small .bib files written here, and the
validator's .bib checks with their file, line and field."""
from __future__ import annotations

from pathlib import Path

import pytest

from heumezu import bib, bibfields, notes
from heumezu.notes import Locator, Notes, plain

BIB = r"""
@book{coble,
  author    = {Coble, Parks M.},
  title     = {Facing Japan: Chinese Politics and Japanese Imperialism, 1931--1937},
  publisher = {Harvard University},
  address   = {Cambridge, MA},
  year      = {1991}
}

@article{so,
  author  = {{So Wai Chor}},
  title   = {The Making of the {Guomindang}'s {Japan} Policy, 1932--1937},
  journal = {Modern China},
  pages   = {213--252},
  year    = {2002}
}

@misc{frus-d185,
  title        = {The Minister in China (Johnson) to the Secretary of State},
  howpublished = {Foreign Relations of the United States Diplomatic Papers, 1935, The Far East, Volume III, document 185},
  year         = {1935},
  url          = {https://history.state.gov/historicaldocuments/frus1935v03/d185}
}

@misc{wit-E,
  title        = {He–Umezu Agreement},
  howpublished = {Wikipedia (English); witness E of this edition}
}

@misc{numbered,
  title        = {(2) The Establishment of the Council},
  howpublished = {An encyclopedia}
}

@misc{an-article,
  title        = {An Atlas of China},
  howpublished = {A gazetteer}
}

@misc{zeta,
  title        = {Zeta},
  howpublished = {A web page},
  category     = {scholarship}
}
"""


def write(tmp_path: Path, text: str, name: str = "references.bib") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture()
def works(tmp_path):
    return notes.works(write(tmp_path, BIB))


def test_first_citation_is_full_and_later_ones_short(works):
    chapter = Notes(works)
    assert plain(chapter.cite(("coble", Locator(page="183")))) == (
        "Parks M. Coble, Facing Japan: Chinese Politics and Japanese Imperialism, 1931–1937 "
        "(Cambridge, MA: Harvard University, 1991), 183.")
    assert plain(chapter.cite(("coble", Locator(page="183-185")))) == "Coble, Facing Japan, 183–85."
    assert plain(Notes(works).cite("coble")).startswith("Parks M. Coble, ")  # a new chapter starts again


def test_the_title_is_a_run_of_its_own_in_italics(works):
    runs = Notes(works).cite("coble")
    assert [r.text for r in runs if r.italic] == ["Facing Japan: Chinese Politics and Japanese Imperialism, 1931–1937"]


def test_article_full_and_short(works):
    chapter = Notes(works)
    assert plain(chapter.cite(("so", Locator(page="220")))) == (
        "So Wai Chor, “The Making of the Guomindang's Japan Policy, 1932–1937,” Modern China (2002): 220.")
    assert plain(chapter.cite(("so", Locator(page="221")))) == "So Wai Chor, “The Making of the Guomindang's,” 221."


@pytest.mark.parametrize(("title", "expected"), [
    ("何梅协定 (梅津致何应钦备忘录, 1935年6月9日)", "何梅协定 (梅津致何应钦备忘录)"),
    ("Notes (on the [first draft, 1935])", "Notes (on the [first draft])"),
    ("A Title (complete), with more", "A Title (complete)"),
    ("日本外交文書（昭和期, 第二部）", "日本外交文書（昭和期）"),
])
def test_a_short_title_closes_the_brackets_its_cut_left_open(title, expected):
    assert notes.short_title(notes.Work("k", "misc", {"title": title}, (), "reference")) == expected


@pytest.mark.parametrize(("locator", "expected"), [
    (Locator(page="183"), "p. 183"),
    (Locator(page="183--185"), "pp. 183–85"),
    (Locator(page="1003-1011"), "pp. 1003–11"),
    (Locator(page="12-14"), "pp. 12–14"),
    (Locator(document="7"), "doc. 7"),
    (Locator(paragraph="4"), "¶4"),
    (Locator(page="9", document="7", paragraph="2"), "p. 9, doc. 7, ¶2"),
])
def test_locators(locator, expected):
    work = notes.Work("k", "misc", {"title": "T"}, (), "reference")
    assert notes._locator_text(work, locator) == expected


def test_frus_form_is_derived_from_the_entry(works):
    chapter = Notes(works)
    first = plain(chapter.cite(("frus-d185", Locator(page="183", paragraph="4"))))
    assert "FRUS 1935, 3:183, doc. 185, ¶4" in first
    assert first.startswith("“The Minister in China (Johnson) to the Secretary of State,” in ")
    assert plain(chapter.cite(("frus-d185", Locator(page="183", paragraph="4")))) == "FRUS 1935, 3:183, doc. 185, ¶4."


VOLUME = r"""
@book{frus1935v03,
  author    = {{United States Department of State}},
  title     = {Foreign Relations of the United States, Diplomatic Papers, 1935, Volume III, The Far East},
  address   = {Washington},
  publisher = {Government Printing Office},
  year      = {1953}
}

@misc{frus-d192,
  title        = {The Minister in China (Johnson) to the Secretary of State},
  crossref     = {frus1935v03},
  howpublished = {Foreign Relations of the United States Diplomatic Papers, 1935, The Far East, Volume III, document 192},
  address      = {Place of its own}
}
"""


def test_a_frus_document_takes_its_volumes_imprint_from_the_crossref(tmp_path):
    """The imprint is given once, in the volume's entry; a field the document gives is its own."""
    works = notes.works(write(tmp_path, VOLUME))
    doc = works["frus-d192"]
    assert (doc.get("publisher"), doc.get("year"), doc.get("address")) == (
        "Government Printing Office", "1953", "Place of its own")
    assert "(Place of its own: Government Printing Office, 1953), FRUS 1935, 3:237" in plain(
        notes.full_note(doc, Locator(page="237")))
    assert plain(notes.bibliography_entry(doc)).endswith("Place of its own: Government Printing Office, 1953.")
    assert not bibfields.problems(tmp_path)


def test_the_edition_frus_entries_carry_their_volumes_imprint():
    works = notes.works(Path(__file__).resolve().parents[1] / "data")
    frus = [w for w in works.values() if w.frus]
    assert len(frus) >= 20
    volumes = {key for key, w in works.items() if w.type == "book" and key.startswith("frus")}
    for work in frus:
        if work.key.split("-d")[0] in volumes:  # a volume the bibliography describes gives its imprint
            assert work.get("crossref") == work.key.split("-d")[0], work.key
            assert notes.imprint(work).startswith("Washington: Government Printing Office, 19"), work.key
    assert notes.imprint(works["frus1935v03-d185"]).endswith("1953")
    assert notes.imprint(works["frus1936v04-d77"]).endswith("1954")


def test_several_works_in_one_note(works):
    chapter = Notes(works)
    chapter.cite("coble")
    note = chapter.cite(("coble", Locator(page="5")), ("frus-d185", Locator(paragraph="4")))
    assert plain(note).startswith("Coble, Facing Japan, 5; “The Minister in China")
    assert plain(note).count(".") >= 1 and plain(note).endswith(".")
    assert "5.;" not in plain(note) and ";;" not in plain(note)
    assert len(chapter.notes) == 2


def test_notes_are_deterministic(works):
    sequence = ["so", ("coble", Locator(page="3")), "so", "frus-d185", ("so", Locator(page="214"))]
    assert [Notes(works).cite(c) for c in sequence] != []
    one, two = Notes(works), Notes(works)
    assert [one.cite(c) for c in sequence] == [two.cite(c) for c in sequence]


def test_unknown_key_is_an_error(works):
    with pytest.raises(KeyError):
        Notes(works).cite("nowhere")


def test_sections_and_order(works):
    sections = dict(notes.bibliography(works))
    assert list(sections) == ["Primary documents", "Scholarship", "Reference works", "The witnesses"]
    assert [plain(e).split(".")[0] for e in sections["Scholarship"]] == ["Coble, Parks M", "So Wai Chor", "“Zeta"]
    # "(2) The Establishment" files under E, "An Atlas" under A: numbering and articles ignored.
    assert [plain(e)[:6] for e in sections["Reference works"]] == ["“An At", "“(2) T"]
    assert plain(sections["The witnesses"][0]) == "“He–Umezu Agreement.” Wikipedia (English); witness E of this edition."


def test_bibliography_forms(works):
    entries = {plain(e) for _, group in notes.bibliography(works) for e in group}
    assert ("Coble, Parks M. Facing Japan: Chinese Politics and Japanese Imperialism, 1931–1937. "
            "Cambridge, MA: Harvard University, 1991.") in entries
    assert "So Wai Chor. “The Making of the Guomindang's Japan Policy, 1932–1937.” Modern China (2002): 213–252." \
        in entries


def test_missing_author_and_year(tmp_path):
    works = notes.works(write(tmp_path, "@misc{bare, howpublished = {Somewhere}}\n@book{b, title = {Alone}}\n"))
    assert plain(Notes(works).cite("bare")) == "“[untitled],” Somewhere."
    assert plain(Notes(works).cite(("b", Locator(page="2")))) == "Alone, 2."
    assert plain(notes.bibliography_entry(works["b"])) == "Alone."


def test_hostile_values_stay_text(tmp_path):
    works = notes.works(write(tmp_path, r"""
@misc{x,
  author       = {<script>alert(1)</script>},
  title        = {<b>Bold</b> \textbf{tex} $x$ [link](javascript:alert(1))},
  howpublished = {<img src=x onerror=alert(1)>},
  url          = {javascript:alert(1)}
}
@misc{y, title = {Fine}, howpublished = {Web}, url = {https://example.org/a?b=c}}
"""))
    runs = Notes(works).cite("x") + Notes(works).cite("y")
    text = plain(runs)
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert [r.target for r in runs if r.target] == ["https://example.org/a?b=c"]
    assert "javascript:" not in "".join(r.text for r in runs if r.target)
    assert all(isinstance(r, notes.Run) for r in runs)


def test_the_edition_bibliography_formats_without_error():
    data = Path(__file__).resolve().parents[1] / "data"
    works = notes.works(data)
    assert works
    grouped = notes.bibliography(works)
    assert sum(len(g) for _, g in grouped) == len(works)
    assert all(plain(notes.full_note(w)) and plain(notes.short_note(w)) for w in works.values())
    assert not bibfields.problems(data)


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    ("@book{b,\n  title = {T},\n  publisher = {P},\n  year = {1990}\n}\n", 1, "author", "requires author or editor"),
    ("% c\n\n@article{a, author = {X, Y}, title = {T}, year = {1}}\n", 3, "journal", "requires journal"),
    ("@misc{m, title = {T}, howpublished = {}}\n", 1, "howpublished", "howpublished or url"),
    ("@misc{m, title = {T}, howpublished = {W}, category = {gossip}}\n", 1, "category", "not one of"),
    ("@manual{m, title = {T}}\n", 1, None, "type @manual"),
    ("@misc{m, title = {T}, howpublished = {W}, langid = {klingon}}\n", 1, "langid", "not one of"),
    ("@misc{m, title = {T}, howpublished = {W}, crossref = {nowhere}}\n", 1, "crossref", "names no entry"),
    (("@misc{a, title = {T}, howpublished = {W}, crossref = {b}}\n"
      "@misc{b, title = {T}, howpublished = {W}, crossref = {c}}\n"
      "@book{c, author = {A}, title = {V}, publisher = {P}, year = {1}}\n"), 1, "crossref", "has a crossref of its own"),
])
def test_required_fields_are_checked(tmp_path, text, line, field, words):
    found = bibfields.problems(write(tmp_path, text))
    assert len(found) == 1, found
    assert (found[0].file, found[0].line, found[0].field) == ("references.bib", line, field)
    assert words in found[0].message and "references.bib, line" in str(found[0])


@pytest.mark.parametrize(("text", "field", "words"), [
    ("@misc{m,\n  title = {T},\n  url = {ftp://x.org/a}\n}\n", "url", "ftp"),
    ("@misc{m,\n  title = {T},\n  url = {javascript:alert(1)}\n}\n", "url", ""),
    ("@misc{m,\n  title = {T\u202e},\n  howpublished = {W}\n}\n", None, ""),
    ("@misc{m,\n  title = {T\u0007},\n  howpublished = {W}\n}\n", None, ""),
])
def test_addresses_and_invisible_characters_are_checked(tmp_path, text, field, words):
    found = bib.field_problems(write(tmp_path, text))
    assert found, text
    assert found[0].file == "references.bib" and found[0].line in (1, 2, 3) and found[0].field == field
    assert words in found[0].message


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("references.bib", "  title        = {He–Umezu Agreement},\n", "",
     "references.bib, line 11, field 'title': entry 'wit-E': @misc requires title"),
    ("references.bib", "url          = {https://zh.wikipedia.org/wiki/", "url          = {ftp://zh.wikipedia.org/wiki/",
     "references.bib, line 23, field 'url': entry 'zhwp-hemei'"),
    ("references.bib", "title        = {Accord He-Umezu}", "title        = {Accord He-Umezu\u202e}",
     "references.bib, line 6: "),
    ("actors.csv", "wit-E;zhws-umezu-memo;frus1935v03-d151", "wit-E;no-such-work",
     "actors.csv, line 12, field 'sources': unknown citation key 'no-such-work'"),
])
def test_the_validator_reports_bib_problems_with_their_place(data_copy, validate_cli, file, old, new, expected):
    _replace(data_copy / file, old, new)
    code, messages = validate_cli(data_copy)
    assert code != 0
    assert any(m.startswith(expected) for m in messages), messages


def test_a_link_before_a_semicolon_keeps_its_target_and_loses_the_full_stop(works):
    note = Notes(works).cite("frus-d185", "coble")
    link = [r for r in note if r.target]
    assert [r.text for r in link] == ["https://history.state.gov/historicaldocuments/frus1935v03/d185"]
    assert "/d185; Parks M. Coble, Facing Japan" in plain(note)


CJK_BIB = r"""
@article{uchida,
  author  = {{内田尚孝 (Uchida Naotaka)}},
  title   = {「梅津何応欽協定」再考: 日中関係史の視点から},
  langid  = {japanese},
  journal = {アジア研究 (Ajia kenkyū)},
  year    = {2004}
}

@misc{xiong,
  author       = {熊宗仁},
  title        = {何应钦新传},
  langid       = {chinese},
  type         = {book},
  howpublished = {Biography of He Yingqin}
}

@misc{zhwp,
  title        = {何梅协定},
  langid       = {chinese},
  howpublished = {Wikipedia (Chinese)}
}

@misc{plain-cjk,
  title        = {何梅协定},
  howpublished = {A page whose language the entry does not give}
}
"""


def test_chinese_and_japanese_titles_take_their_title_marks(tmp_path):
    """(heumezu.notes) With ``langid``, a Chinese or Japanese title stands between its language's
    marks (《》 for a book, 〈〉 otherwise; 『』 and 「」 in Japanese, 「」 nesting 『』), never in
    English quotes or italics; a journal in native script takes the book marks, its gloss outside."""
    works = notes.works(write(tmp_path, CJK_BIB))
    uchida = notes.bibliography_entry(works["uchida"])
    assert plain(uchida).startswith("内田尚孝 (Uchida Naotaka). 「『梅津何応欽協定』再考: 日中関係史の視点から」. "
                                    "『アジア研究』 (Ajia kenkyū)")
    assert not any(run.italic for run in uchida) and "“" not in plain(uchida)
    assert plain(notes.short_note(works["xiong"], Locator(page="12"))) == "熊宗仁, 《何应钦新传》, 12."
    assert plain(notes.short_note(works["zhwp"])) == "〈何梅协定〉."
    assert plain(notes.short_note(works["plain-cjk"])) == "“何梅协定”"  # no langid: nothing guessed
