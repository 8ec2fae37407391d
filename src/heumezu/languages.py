"""The languages of the native-script text in the data: which tags are allowed, which script a
string is written in, and whether a tag fits the text it labels.

The data says the language of each native-script cell (``actors.name_native_lang``,
``places.name_native_lang``, ``glossary.native_lang``, one tag per form; ``documents.script``
with ``documents.language``); nothing here guesses a language the data does not give. What can be
seen in the characters is checked: kana only in Japanese, Cyrillic only in Russian, Chinese and
Japanese written with Han characters. Whether a Han string is Chinese or Japanese, traditional or
simplified, is the editors' judgement, recorded in the data (data/README.md gives the rule).

Pure Python: no Sphinx, no pandas; the validator and the pages both use it.
"""
from __future__ import annotations

import re

#: The BCP 47 tags the data may give, and what each means (the order is the documentation's).
TAGS: dict[str, str] = {
    "zh-Hant": "Chinese in traditional characters",
    "zh-Hans": "Chinese in simplified characters",
    "ja": "Japanese",
    "ru": "Russian",
}
#: ``documents.script`` (ISO 15924) for a text in Chinese: its tag is ``zh-`` and the script.
CHINESE_SCRIPTS = ("Hant", "Hans")
#: The native-script field of a table and the field that gives its language(s).
NATIVE_FIELDS: dict[str, tuple[str, str]] = {
    "actors": ("name_native", "name_native_lang"),
    "places": ("name_native", "name_native_lang"),
    "glossary": ("native", "native_lang"),
}
#: A glossary cell may hold several forms, separated as the tags that go with them are.
SEPARATOR = ";"
#: The simplified form of an actor's name (``actors.name_simplified``) is Chinese by definition.
SIMPLIFIED = "zh-Hans"

# Unicode ranges of the scripts that decide a tag (blocks, not every assigned character).
_RANGES = {
    "Kana": "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f",
    "Han": "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
           "\U00020000-\U0003134f",
    "Hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "Cyrillic": "\u0400-\u052f",
    "Latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
}
_SCRIPT = {name: re.compile(f"[{chars}]") for name, chars in _RANGES.items()}
#: Characters of Chinese or Japanese text: Han, kana, and the CJK punctuation and full-width forms
#: between them (a run of these is what the pages tag).
CJK_RUN = re.compile(f"[{_RANGES['Han']}{_RANGES['Kana']}\u3000-\u303f\u30fb\uff01-\uff65]+")
#: Characters that may stand inside a CJK run without ending it (ASCII punctuation as delivered).
_JOINERS = re.compile(r"[ ,;:()0-9]+")


def scripts(text: str) -> set[str]:
    """The scripts a string uses, of Kana, Han, Hangul, Cyrillic and Latin (punctuation, digits
    and spaces belong to none)."""
    return {name for name, pattern in _SCRIPT.items() if pattern.search(text or "")}


def tag_problem(tag: str) -> str | None:
    """Why ``tag`` is not a language tag the data may give, or None."""
    if tag in TAGS:
        return None
    near = next((t for t in TAGS if t.casefold() == tag.casefold()), None)
    hint = f" (write '{near}')" if near else ""
    return f"'{tag}' is not an allowed language tag{hint}: use one of {', '.join(TAGS)}"


def fit_problem(form: str, tag: str) -> str | None:
    """Why ``tag`` cannot be the language of ``form`` judging by its characters, or None."""
    seen = scripts(form)
    if tag not in TAGS:
        return None
    if "Kana" in seen and tag != "ja":
        return f"'{form}' has kana, so it is Japanese, not {tag}"
    if "Hangul" in seen:
        return f"'{form}' has Hangul, which no allowed tag covers"
    if tag == "ru" and "Cyrillic" not in seen:
        return f"'{form}' is tagged ru but has no Cyrillic letters"
    if tag != "ru" and "Cyrillic" in seen:
        return f"'{form}' has Cyrillic letters, so it is not {tag}"
    if tag in ("zh-Hant", "zh-Hans", "ja") and "Han" not in seen and "Kana" not in seen:
        return f"'{form}' is tagged {tag} but has no Chinese or Japanese characters"
    return None


def split(cell: str) -> list[str]:
    """The forms (or tags) of a cell: separated by semicolons, spaces around them dropped."""
    return [part.strip() for part in (cell or "").split(SEPARATOR)] if (cell or "").strip() else []


def pairs(text: str, tags: str) -> list[tuple[str, str]]:
    """Each form of a native-script cell with its tag (the data is validated: one tag a form)."""
    forms, langs = split(text), split(tags)
    if len(langs) == 1 and len(forms) > 1:
        langs = langs * len(forms)
    return list(zip(forms, langs))


def cell_problems(field: str, text: str, tags: str, *, several: bool) -> list[str]:
    """What is wrong with the language(s) ``tags`` of the native-script cell ``text`` of ``field``:
    a tag missing or not allowed, a count that does not match the forms, a tag the characters refute.
    ``several``: the cell may hold several forms (the glossary), one tag each."""
    forms, langs = split(text), split(tags)
    if not forms:
        return [f"gives a language but {field} is empty"] if langs else []
    if not langs:
        return [f"required: {field} '{text}' needs its language ({', '.join(TAGS)})"]
    if not several and len(langs) > 1:
        return [f"one tag expected for the one form of {field}, not {len(langs)}"]
    if several and len(langs) != len(forms):
        return [(f"{len(forms)} form(s) in {field} but {len(langs)} tag(s): give one tag per form, "
                 f"separated by '{SEPARATOR}'")]
    out = [why for tag in langs if (why := tag_problem(tag))]
    out += [why for form, tag in zip(forms, langs) if (why := fit_problem(form, tag))]
    return out


def document_tag(language: str, script: str | None) -> str:
    """The BCP 47 tag of a document's text: ``zh`` with its script (``zh-Hans``), else the language."""
    return f"{language}-{script}" if language == "zh" and script else language


def document_problems(language: str, script: str | None) -> list[str]:
    """What is wrong with a document's ``script`` given its ``language``."""
    if language == "zh" and not script:
        return [f"required: a text in Chinese needs its script ({' or '.join(CHINESE_SCRIPTS)})"]
    if language != "zh" and script:
        return [f"only a text in Chinese gives a script; this one is in '{language}'"]
    if script and script not in CHINESE_SCRIPTS:
        return [f"'{script}' is not an allowed script: use {' or '.join(CHINESE_SCRIPTS)}"]
    return []


def runs(text: str, tag: str) -> list[tuple[str, str | None]]:
    """``text`` cut into runs: the Chinese or Japanese ones with ``tag``, the rest with None.
    ASCII punctuation, digits and spaces between two CJK characters stay in the run
    (the memorandum's '1935年6月9日'), at its edges they do not."""
    out: list[tuple[str, str | None]] = []
    position = 0
    for match in CJK_RUN.finditer(text):
        start, end = match.span()
        if out and out[-1][1] == tag and _JOINERS.fullmatch(text[position:start]):
            out[-1] = (out[-1][0] + text[position:end], tag)
        else:
            if start > position:
                out.append((text[position:start], None))
            out.append((text[start:end], tag))
        position = end
    if position < len(text):
        out.append((text[position:], None))
    return out


def known_forms(cells) -> dict[str, str]:
    """Each native-script form the data tags, with its tag, from (text, tags) cells; a form the
    data tags in two ways is left out (the prose cannot tell which is meant)."""
    found: dict[str, set[str]] = {}
    for text, tags in cells:
        for form, tag in pairs(text or "", tags or ""):
            if tag in TAGS:
                found.setdefault(form, set()).add(tag)
    return {form: next(iter(tags)) for form, tags in found.items() if len(tags) == 1}


def prose_runs(text: str, forms: dict[str, str]) -> list[tuple[str, str | None]]:
    """``text`` cut into runs, each Chinese or Japanese run with its tag where it can be known:
    a form the data tags (:func:`known_forms`), or Japanese where it has kana; other runs, and
    the text between them, with None (nothing is guessed)."""
    out: list[tuple[str, str | None]] = []
    position = 0
    for match in CJK_RUN.finditer(text):
        run = match.group()
        tag = forms.get(run) or ("ja" if "Kana" in scripts(run) else None)
        if tag is None:
            continue
        if match.start() > position:
            out.append((text[position:match.start()], None))
        out.append((run, tag))
        position = match.end()
    if position < len(text):
        out.append((text[position:], None))
    return out
