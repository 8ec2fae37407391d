"""The shared reading of the PDF (tests/pdftext.py) holds whatever poppler extracted the text.

The variants are those seen between poppler versions: a word split at an accent ("dé marche",
poppler 25 on Debian 13), ligatures, spaces between CJK characters, compatibility and Kangxi forms
of ideographs, hyphenation at line ends, soft hyphens and zero-width characters, decomposed accents,
form feeds where a page starts or ends. Each comparison the PDF tests make is run on such text, and
on the real PDF's text with all of them injected; and what must still tell texts apart does.
"""
from __future__ import annotations

import random
import re
import unicodedata

import pytest

import pdftext
from heumezu_sphinx import pdf_outline
from pdftext import normalise
from test_build import CJK_NAMES, parse_pdffonts
from test_pdf import (
    PDF,
    _html_captions,
    _html_headings,
    furniture,
    numbered_headings,
    printed_captions,
    printed_chapter_numbers,
    printed_heading,
    running_head,
    running_marks,
)
from test_teaching import normalise as teaching_normalise

#: Unified ideograph -> a compatibility ideograph or Kangxi radical that NFKC maps to it.
VARIANT_FORMS = {unicodedata.normalize("NFKC", c): c
                 for c in map(chr, [*range(0x2F00, 0x2FD6), *range(0xF900, 0xFADA)])
                 if len(unicodedata.normalize("NFKC", c)) == 1 and unicodedata.normalize("NFKC", c) != c}
CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff"


def poppler_variant(text: str, seed: int = 0) -> str:
    """``text`` as another poppler might extract it: every kind of variant above, injected."""
    rng = random.Random(seed)
    text = re.sub(r"([À-ÿĀ-ž])(?=\w)", r"\1 ", text)  # a space after every accented letter
    for plain, ligature in (("ffi", "ﬃ"), ("ffl", "ﬄ"), ("fi", "ﬁ"), ("fl", "ﬂ"), ("ff", "ﬀ")):
        text = text.replace(plain, ligature)
    text = re.sub(rf"(?<=[{CJK}])(?=[{CJK}])", " ", text)  # spaces between CJK characters
    text = "".join(VARIANT_FORMS.get(c, c) if rng.random() < 0.5 else c for c in text)
    words = []
    for word in re.split(r"(\s+)", text):
        if len(word) >= 8 and word.isalpha() and rng.random() < 0.2:
            cut = rng.randrange(3, len(word) - 2)
            word = word[:cut] + rng.choice(["-\n", "\u00ad", "\u200b", "- ", "\u2010\n"]) + word[cut:]
        elif len(word) >= 6 and word.isalpha() and rng.random() < 0.1:
            word = " ".join(word)  # letter-spaced: a space between every two letters
        words.append(word)
    text = "".join(words)
    lines = [unicodedata.normalize("NFD", line) if rng.random() < 0.3 else line for line in text.split("\n")]
    text = "\n".join(lines).replace("’", "'").replace("“", '"').replace("”", '"')
    return "\f" + text.replace("\n\n", "\n\u00a0\n") + "\r\n\f"


# --- the normalisation ---------------------------------------------------------------------------

@pytest.mark.parametrize("printed, extracted", [
    ("démarche", "dé marche"),                       # poppler 25 (Debian 13)
    ("démarche", "de\u0301marche"),                  # decomposed accent
    ("démarche", "de \u0301marche"),                 # accent split off by a space
    ("significant flows offices", "signiﬁcant ﬂows oﬃces"),  # ligatures
    ("何應欽", "何 應 欽"),                            # spaces between CJK characters
    ("何應欽", "何\u3000應欽"),                        # an ideographic space
    ("人", "\u2f08"),                                 # Kangxi radical ⼈
    ("豈", "\uf900"),                                 # compatibility ideograph
    ("ABC 12", "ＡＢＣ１２"),                          # fullwidth forms
    ("agreement", "agree-\nment"),                   # hyphenation at a line end
    ("agreement", "agree\u00adment"),                # soft hyphen
    ("agreement", "agree\u200bment"),                # zero-width space
    ("agreement", "agree\u2060ment\ufeff"),          # word joiner, BOM
    ("Hirota’s “diplomacy”", "Hirota's \"diplomacy\""),  # quotes
    ("CHAPTER FOUR", "\fchapter\r\nfour\f"),          # case, form feeds, CR LF
    ("Fig. 3: The demands", "Fig. 3 : The de mands"),
])
def test_variants_normalise_alike(printed, extracted):
    assert normalise(extracted) == normalise(printed)
    assert pdftext.contains(f"before {extracted} after", printed)


@pytest.mark.parametrize("one, other", [
    ("démarche", "demarche"),        # accents are printed signs
    ("4.2.1", "4.21"),               # the dots of a number
    ("何應欽", "何应钦"),              # traditional and simplified
    ("Fig. 1:", "Fig. 11:"),
    ("1931–1932", "19311932"),       # a dash is printed, a hyphen is not always
    ("[1]", "1"),
])
def test_what_is_printed_differently_stays_different(one, other):
    assert normalise(one) != normalise(other)
    assert not pdftext.contains(other, one)


def test_case_kept_on_request():
    assert normalise("BIBLIOGRAPHY", casefold=False) == "BIBLIOGRAPHY"
    assert normalise("Bibliography", casefold=False) == "Bibliography"
    assert normalise("B I B L I O\nGRAPHY", casefold=False) == "BIBLIOGRAPHY"


def test_variant_injection_changes_the_raw_text_but_not_the_normalised():
    printed = "2.2 29 May: the démarche at Juren Tang\n何应钦阁下, significant official affairs, Hirota’s"
    variant = poppler_variant(printed, seed=1)
    assert "démarche" not in variant and "何应钦" not in variant and "official" not in variant
    assert normalise(variant) == normalise(printed)


# --- the comparisons of test_pdf.py on such text --------------------------------------------------

def test_the_failure_of_debian_13_is_gone():
    """The heading test failed on poppler 25's "2.2 29 May: the dé marche at Juren Tang"."""
    toc = normalise("2.1 The Tianjin killings . . . 15\n2.2 29 May: the dé marche at Juren Tang . . . 16\n")
    assert printed_heading(toc, "2.2", "29 May: the démarche at Juren Tang")
    assert not printed_heading(toc, "2.3", "29 May: the démarche at Juren Tang")
    assert not printed_heading(toc, "2.2", "30 May – 7 June: pressure without paper")
    opening = normalise("\fCHAPTER\n\nF OUR\n\nTHE DOCU MENTS\n")
    assert printed_heading(opening, "4", "The documents")
    assert not printed_heading(opening, "5", "The documents")
    assert printed_chapter_numbers(opening + normalise("CHAPTER\nFOURTEEN\nINDEX")) == {"4", "14"}


def test_captions_read_from_variant_text():
    text = normalise("see Table 1 below.\nFig. 3 : The Japa nese de-\nmands of May–June\n"
                     "Table 1: The Japanese demands\nTable 1 – continued from previous page")
    assert printed_captions(text) == {"fig.3": "thejapanesedema", "table1": "thejapanesedema"}


OUTLINE = [(0, "Introduction", 5), (0, "4 The documents", 36),
           (1, "4.2 Umezu’s memorandum of 9 June 1935", 38), (0, "Index", 118)]


def test_a_page_of_furniture_is_seen_in_variant_text():
    marks = running_marks(OUTLINE)
    head = running_head()
    only_furniture = poppler_variant(f"{head}\n\n42\n\nChapter 4. The documents\n", seed=2)
    assert furniture(only_furniture, marks) == (True, True, "")
    roman = poppler_variant(f"{head}\nii\nContents\n", seed=3)
    assert furniture(roman, marks) == (True, True, "")
    body = poppler_variant(f"{head}\nThe memorandum that Umezu addressed.\n43\n"
                           "4.2. Umezu’s memorandum of 9 June 1935", seed=4)
    assert furniture(body, marks)[:2] == (True, True) and furniture(body, marks)[2]
    assert furniture("Umezu\n43", marks) == (False, False, "umezu43")


def test_outline_parser_reads_pdftohtml_xml():
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<pdf2xml producer="poppler" version="25.03.0">\n'
           '<page number="1" position="absolute" top="0" left="0" height="842" width="595">\n'
           '<text top="1" left="1" width="9" height="9" font="0"><b>x</b></text>\n</page>\n'
           '<outline>\n<item page="5">Introduction</item>\n'
           '<item page="36" >4 The documents</item>\n<outline>\n'
           '<item page="38">4.2 Umezu&#8217;s memorandum &amp; notes</item>\n'
           '<outline>\n<item page="39">4.2.1 Text</item>\n</outline>\n</outline>\n'
           '<item page="118">Index</item>\n</outline>\n</pdf2xml>\n')
    items = pdf_outline.parse_outline(xml)
    assert items == [(0, "Introduction", 5), (0, "4 The documents", 36),
                     (1, "4.2 Umezu’s memorandum & notes", 38), (2, "4.2.1 Text", 39), (0, "Index", 118)]
    assert numbered_headings(items) == {"4": "The documents", "4.2": "Umezu’s memorandum & notes",
                                        "4.2.1": "Text"}


def test_pdffonts_columns_read_from_the_right():
    output = "name                                 type              encoding         emb sub uni object ID\n------------------------------------ ----------------- ---------------- --- --- --- ---------\nNJBOCD+FreeSansBoldOblique-Identity-H CID Type 0C       Identity-H       yes yes yes      6  0\nABCDEF+NotoSerifCJKjp-Regular-Identity-H CID Type 0C (OT)  Identity-H  yes yes yes     12  0\nNotoSansCJKjp-Bold                   CID TrueType      Identity-H       no  no  yes     14  0\n"
    fonts = parse_pdffonts(output)
    assert [(f["name"], f["emb"]) for f in fonts] == [("NJBOCD+FreeSansBoldOblique-Identity-H", "yes"),
                                                      ("ABCDEF+NotoSerifCJKjp-Regular-Identity-H", "yes"),
                                                      ("NotoSansCJKjp-Bold", "no")]


def test_tex_log_messages_that_straddle_a_line_break(tmp_path):
    log = tmp_path / "x.log"
    # TeX breaks at the column, wherever it falls: inside a word or after a space.
    log.write_text("LaTeX Warning: Float too \nlarge for page by 12.0pt on input line 7.\n"
                   "Missing charact\ner: There is no")
    text = pdftext.tex_log(log)
    assert "Float too large" in text and "Missing character" in text


# --- the real PDF, read as another poppler would read it ------------------------------------------

def test_the_real_pdf_compares_alike_with_every_variant_injected(built):
    pdf = built / "latex" / PDF
    pages = pdftext.pages(pdf)
    variants = [poppler_variant(page, seed=n) for n, page in enumerate(pages)]
    # The injection changes the raw text (the tests before issue 23 compared it and would fail) ...
    printed, raw_variant = normalise("".join(pages)), "".join(variants)
    assert all(normalise(word) in printed and word not in raw_variant for word in ["démarche", *CJK_NAMES])
    # ... and nothing the tests compare: the normalised text of every page, and so every reading
    # of it (captions, chapter and section numbers, furniture, teaching windows) is the same.
    assert [normalise(v) for v in variants] == [normalise(p) for p in pages]
    text, variant = normalise("\n".join(pages)), normalise("\n".join(variants))
    assert printed_captions(variant) == printed_captions(text)
    assert len(printed_captions(text)) == len(_html_captions(built / "html"))
    assert printed_chapter_numbers(variant) == printed_chapter_numbers(text)
    headings = _html_headings(built / "html")
    assert all(printed_heading(variant, number, title) for number, title in headings.items())
    marks = running_marks(pdftext.outline(pdf))
    assert [furniture(v, marks) for v in variants] == [furniture(p, marks) for p in pages]
    assert teaching_normalise("".join(variants)) == teaching_normalise("".join(pages))
