"""Chicago notes-bibliography citations: full note at a work's first citation in a chapter, short
note after, several works in one note, locators, and the bibliography in sections.

The .bib files are parsed by pybtex (a declared runtime dependency), so the pages, the notebooks
and the validator read the same entries; the formatting is ours because pybtex's styles emit markup strings and know no FRUS form.

Output is a tuple of :class:`Run` (text, italic, link target), never markup: each writer (HTML,
LaTeX, TEI, plain text) escapes the text at its own choke point. A target is set only for an
http(s) address (links.refusal), so no value from the data becomes a link of another kind.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from pybtex.database import Entry

from . import bib, links

SECTIONS = ("primary", "scholarship", "reference", "witness")
SECTION_TITLES = {"primary": "Primary documents", "scholarship": "Scholarship",
                  "reference": "Reference works", "witness": "The witnesses"}
FRUS = re.compile(r"Foreign Relations of the United States.*?(\d{4}(?:[-–]+\d{4})?)\b.*?"
                  r"Volume ([IVXLC]+), document (\d+)", re.IGNORECASE)
STOP_WORDS = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "at", "by", "with"}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
SORT_PREFIX = re.compile(r"^\s*(?:[(（][^)）]{1,6}[)）]\s*|(?:the|a|an|le|la|les|l')\s+|l')", re.IGNORECASE)


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False
    target: str | None = None  # an http(s) address, or None


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Locator:
    """Where in a work: any of a page or page range ("183", "183-185"), a document number, a
    paragraph. Pages are given only where the text cited shows the publication's pages."""
    page: str | None = None
    document: str | None = None
    paragraph: str | None = None
    other: str | None = None  # any other part as printed: "sec. 3", "art. 2"


#: A citation key as the .bib files and the ``{cite:p}`` role write it.
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:\-.]*$")
_PAGE = re.compile(r"^(?:pp?\.\s*)?(\d+(?:\s*[-–]+\s*\d+)?|[ivxlc]+(?:\s*[-–]+\s*[ivxlc]+)?)$", re.IGNORECASE)
_DOCUMENT = re.compile(r"^(?:doc|no)\.\s*(\S.*)$", re.IGNORECASE)
_PARAGRAPH = re.compile(r"^(?:¶|para\.|par\.)\s*(\S.*)$", re.IGNORECASE)


class CiteSyntaxError(ValueError):
    """A ``{cite:p}`` text that is not a list of keys with optional [locators]; ``key`` names the
    key at fault where there is one."""

    def __init__(self, message: str, key: str = ""):
        super().__init__(message)
        self.key = key


def parse_locator(text: str, key: str = "") -> Locator:
    """A locator written as printed ("doc. 185, ¶4", "p. 183", "pp. 183–85", "sec. 3"): its parts
    separated by commas, each a page, a document number, a paragraph or another part kept as
    written. Each kind at most once."""
    found: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            raise CiteSyntaxError(f"empty part in the locator [{text}] of '{key}'", key)
        if m := _DOCUMENT.match(part):
            kind, value = "document", m.group(1)
        elif m := _PARAGRAPH.match(part):
            kind, value = "paragraph", m.group(1)
        elif m := _PAGE.match(part):
            kind, value = "page", re.sub(r"\s*[-–]+\s*", "-", m.group(1))
        else:
            kind, value = "other", part
        if kind in found:
            raise CiteSyntaxError(f"the locator [{text}] of '{key}' gives a {kind} twice", key)
        found[kind] = value.strip()
    return Locator(**found)


def parse_cite(text: str) -> list[tuple[str, Locator | None]]:
    """The text of a ``{cite:p}`` role: keys separated by commas, each optionally followed by a
    locator in square brackets written as printed, e.g. ``frus1935v03-d185[doc. 185, ¶4], zhwp-hemei``.
    Raises :class:`CiteSyntaxError` for an empty key, a malformed key or an unbalanced bracket."""
    out: list[tuple[str, Locator | None]] = []
    i, n = 0, len(text)
    while True:
        j = i
        while j < n and text[j] not in ",[]":
            j += 1
        key = text[i:j].strip()
        if j < n and text[j] == "]":
            raise CiteSyntaxError(f"unbalanced ']' after '{key}' in '{text}'", key)
        if not key:
            raise CiteSyntaxError(f"empty citation key in '{text}'")
        if not KEY.match(key):
            raise CiteSyntaxError(f"not a citation key: '{key}'", key)
        locator = None
        if j < n and text[j] == "[":
            close = text.find("]", j + 1)
            opened = text.find("[", j + 1)
            if close < 0 or 0 <= opened < close:
                raise CiteSyntaxError(f"unbalanced '[' after '{key}' in '{text}'", key)
            locator = parse_locator(text[j + 1:close], key)
            j = close + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] != ",":
                raise CiteSyntaxError(f"text after the locator of '{key}' in '{text}'", key)
        out.append((key, locator))
        if j >= n:
            return out
        i = j + 1


def plain(runs: Runs) -> str:
    """The text of the runs, for notebooks, tests and search: no markup, italics not marked."""
    return "".join(r.text for r in runs)


def pages(page: str) -> str:
    """"183" → "p. 183"; "183-185" → "pp. 183–85" (Chicago: the second number shortened)."""
    first, dash, last = (_clean(page).replace("–", "-").partition("-"))
    first, last = first.strip(), last.strip("- ")
    if not dash or not last:
        return f"p. {first}"
    if first.isdigit() and last.isdigit() and len(first) == len(last) and len(first) > 2:
        keep = next((i for i, (a, b) in enumerate(zip(first, last)) if a != b), len(last))
        last = last[min(keep, len(last) - 2):]
    return f"pp. {first}–{last}"


def _clean(value: str | None) -> str:
    """A BibTeX value as text: braces that protect case dropped, TeX dashes as dashes."""
    text = (value or "").replace("{", "").replace("}", "").replace("---", "—").replace("--", "–")
    text = re.sub(r"\\([&%$#_])", r"\1", text)  # TeX's escaped specials, as themselves
    return " ".join(text.split())


@dataclass(frozen=True)
class Work:
    """One bibliography entry, read once from its pybtex :class:`Entry`."""
    key: str
    type: str
    fields: dict[str, str]
    authors: tuple[tuple[str, str], ...]  # (given names, surname)
    section: str

    @classmethod
    def from_entry(cls, key: str, entry: Entry) -> Work:
        fields = {k.lower(): _clean(v) for k, v in entry.fields.items()}
        authors = tuple((" ".join(p.first_names + p.middle_names), " ".join(p.prelast_names + p.last_names))
                        for p in entry.persons.get("author", []))
        authors = tuple((_clean(g), _clean(s)) for g, s in authors)
        return cls(key, entry.type.lower(), fields, authors, section_of(key, entry.type.lower(), fields))

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    @property
    def title(self) -> str:
        return self.get("title") or "[untitled]"

    @property
    def frus(self) -> tuple[str, int, str] | None:
        """(years, volume, document) from ``howpublished``, for an entry printed in FRUS."""
        m = FRUS.search(self.get("howpublished"))
        return (m.group(1).replace("--", "–").replace("-", "–"), _roman(m.group(2)), m.group(3)) if m else None

    @property
    def url(self) -> str | None:
        address = self.get("url").strip()
        return address if address and links.refusal(address) is None else None


def section_of(key: str, kind: str, fields: dict[str, str]) -> str:
    """The bibliography section. An explicit ``category`` field wins; otherwise the rule:
    a witness of this edition (its key begins ``wit-`` or ``howpublished`` says "witness"),
    a document printed in FRUS or transcribed on Wikisource → primary; a book, article or
    chapter → scholarship; anything else (encyclopedias, catalogues, web pages) → reference."""
    if fields.get("category", "").strip().lower() in SECTIONS:
        return fields["category"].strip().lower()
    published = fields.get("howpublished", "").lower()
    if key.startswith("wit-") or "witness" in published:
        return "witness"
    if FRUS.search(fields.get("howpublished", "")) or "wikisource" in published:
        return "primary"
    if kind in ("book", "article", "incollection", "inbook", "phdthesis", "thesis"):
        return "scholarship"
    return "reference"


def _roman(numeral: str) -> int:
    values = [ROMAN[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


#: The fields an entry takes from the entry its ``crossref`` names, where it gives none of its own
#: (BibTeX's rule, for these fields): a FRUS document's imprint is its volume's, given once.
INHERITED = ("address", "publisher", "year")


def works(data_dir: Path) -> dict[str, Work]:
    """Every entry of the .bib files that the validator could read, by key; an entry with a
    ``crossref`` completed from the entry it names (:data:`INHERITED`; the validator has checked
    that the key exists and names no entry with a crossref of its own)."""
    out = {key: Work.from_entry(key, entry) for key, (entry, _name, _line) in bib.entries(data_dir).items()}
    for key, work in list(out.items()):
        parent = out.get(work.get("crossref"))
        if parent is not None:
            taken = {f: parent.get(f) for f in INHERITED if parent.get(f) and not work.get(f)}
            out[key] = replace(work, fields={**work.fields, **taken})
    return out


def _names(work: Work, inverted_first: bool) -> str:
    names = [f"{s}, {g}" if inverted_first and i == 0 and g else f"{g} {s}".strip()
             for i, (g, s) in enumerate(work.authors)]
    if len(names) > 3 and not inverted_first:
        return f"{names[0]} et al."
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + (", and " if len(names) > 2 else " and ") + names[-1]


def _is_book(work: Work) -> bool:
    """A book or thesis; also a @misc whose biblatex ``type`` says it is a book (a book whose
    imprint is not known, which @book would require)."""
    return work.type in ("book", "phdthesis", "thesis") or (work.type == "misc" and work.get("type").lower() == "book")


#: A title in Chinese or Japanese (the entry's ``langid``) takes that language's title marks, not
#: English quotes or italics: (a book's, anything else's). Japanese nests 『』 inside 「」.
TITLE_MARKS: dict[str, tuple[str, str]] = {"chinese": ("《》", "〈〉"), "japanese": ("『』", "「」")}


def _marks(work: Work) -> tuple[str, str] | None:
    """The title marks of the entry's language (its ``langid``), if it has any."""
    return TITLE_MARKS.get(work.get("langid").strip().lower())


def _title_runs(title: str, work: Work, end: str) -> list[Run]:
    marks = _marks(work)
    if marks:
        open_, close = marks[0] if _is_book(work) else marks[1]
        if (open_, close) == ("「", "」"):
            title = title.replace("「", "『").replace("」", "』")
        return [Run(f"{open_}{title}{close}{end}")]
    if _is_book(work):
        return [Run(title, italic=True), Run(end)]
    return [Run(f"“{title}{end}”")]


_NATIVE_AND_GLOSS = re.compile(r"^([\u3040-\u30ff\u3400-\u9fff][^()]*?)(\s*\([^()]*\))?$")


def _journal_runs(work: Work) -> list[Run]:
    """The journal in italics; a journal in Chinese or Japanese script between its language's
    book-title marks, a romanised gloss after them: 『アジア研究』 (Ajia kenkyū)."""
    journal = work.get("journal") or "[journal]"
    marks = _marks(work)
    native = _NATIVE_AND_GLOSS.match(journal) if marks else None
    if native:
        return [Run(f"{marks[0][0]}{native.group(1)}{marks[0][1]}{native.group(2) or ''}")]
    return [Run(journal, italic=True)]


def _locator_text(work: Work, locator: Locator | None) -> str:
    """The locator as Chicago gives it; for a FRUS document, its FRUS form ("FRUS 1935, 3:183,
    doc. 185, ¶4") with the document number taken from the entry."""
    locator = locator or Locator()
    if work.frus:
        years, volume, document = work.frus
        text = f"FRUS {years}, {volume}" + (f":{_clean(locator.page)}" if locator.page else "")
        text += f", doc. {locator.document or document}"
    else:
        parts = [pages(locator.page) if locator.page else "",
                 f"doc. {_clean(locator.document)}" if locator.document else ""]
        text = ", ".join(p for p in parts if p)
    if locator.paragraph:
        text += (", " if text else "") + f"¶{_clean(locator.paragraph)}"
    if locator.other:
        text += (", " if text else "") + _clean(locator.other)
    return text


def _facts(work: Work) -> str:
    """Publication facts for a note's parentheses: (Place: Publisher, Year)."""
    place, publisher, year = work.get("address"), work.get("publisher"), work.get("year")
    imprint = ": ".join(p for p in (place, publisher) if p)
    return ", ".join(p for p in (imprint, year) if p)


def imprint(work: Work) -> str:
    """Place, publisher and year of a work as a note gives them ("Washington: Government Printing
    Office, 1953"); a FRUS document's are its volume's (:func:`works`). '' where none is given."""
    return _facts(work)


def full_note(work: Work, locator: Locator | None = None) -> Runs:
    """The note at a work's first citation in a chapter."""
    runs: list[Run] = [Run(_names(work, False) + ", ")] if work.authors else []
    where = _locator_text(work, locator)
    if work.type == "article":
        runs += _title_runs(work.title, work, ",") + [Run(" "), *_journal_runs(work)]
        volume = " ".join(p for p in (work.get("volume"), f"no. {work.get('number')}" if work.get("number") else "") if p)
        runs.append(Run((f" {volume}" if volume else "") + (f" ({work.get('year')})" if work.get("year") else "")))
        runs.append(Run(f": {where.removeprefix('p. ').removeprefix('pp. ')}" if where else ""))
    elif _is_book(work):
        runs += _title_runs(work.title, work, "")
        runs.append(Run(f" ({_facts(work)})" if _facts(work) else ""))
        runs.append(Run(f", {where.removeprefix('p. ').removeprefix('pp. ')}" if where else ""))
    else:
        runs += _title_runs(work.title, work, ",")
        published = work.get("howpublished")
        if work.frus:
            published = re.sub(r",?\s*Volume [IVXLC]+, document \d+\s*$", "", published, flags=re.IGNORECASE)
            runs += [Run(" in "), Run(published, italic=True)]
            runs.append(Run(f" ({_facts(work)})" if _facts(work) else ""))
        elif published:
            runs.append(Run(f" {published}"))
        if work.get("year") and not work.frus:
            runs.append(Run(f" ({work.get('year')})"))
        runs.append(Run(f", {where}" if where else ""))
        if work.url:
            runs += [Run(", "), Run(work.url, target=work.url)]
    return _tidy(runs)


#: Brackets a short title may cut inside of, and the closer of each.
BRACKETS = {"(": ")", "（": "）", "[": "]"}


def short_title(work: Work) -> str:
    """The title up to a colon, comma or full stop, at most five words and not ending on a word
    such as "of" or "the" (Chicago's short title). A bracket the cut leaves open is closed:
    "何梅协定 (梅津致何应钦备忘录, 1935年6月9日)" is cited as "何梅协定 (梅津致何应钦备忘录)"."""
    words = re.split(r"[:.,]\s", work.title, maxsplit=1)[0].split()
    if len(words) > 5:
        words = words[:5]
        while len(words) > 1 and words[-1].casefold() in STOP_WORDS:
            words.pop()
    short = " ".join(words)
    open_ = []
    for char in short:
        if char in BRACKETS:
            open_.append(BRACKETS[char])
        elif open_ and char == open_[-1]:
            open_.pop()
    return short + "".join(reversed(open_))


def short_note(work: Work, locator: Locator | None = None) -> Runs:
    """The note at every later citation: surname(s), short title, locator. A FRUS document is
    cited by its FRUS form alone."""
    where = _locator_text(work, locator)
    if work.frus:
        return _tidy([Run(where)])
    runs: list[Run] = []
    if work.authors:
        surnames = [s for _g, s in work.authors]
        names = surnames[0] + " et al." if len(surnames) > 3 else " and ".join(surnames)
        runs.append(Run(names + ", "))
    runs += _title_runs(short_title(work), work, "," if where and not _is_book(work) else "")
    if where:
        runs.append(Run((", " if _is_book(work) else " ") + where.removeprefix("p. ").removeprefix("pp. ")))
    return _tidy(runs)


def bibliography_entry(work: Work) -> Runs:
    """The work as the bibliography lists it (Chicago bibliography form)."""
    names = _names(work, True) if work.authors else ""
    runs: list[Run] = [Run(names + ("" if names.endswith(".") else ".") + " ")] if names else []
    year = work.get("year")
    if work.type == "article":
        runs += _title_runs(work.title, work, ".") + [Run(" "), *_journal_runs(work)]
        volume = " ".join(p for p in (work.get("volume"), f"no. {work.get('number')}" if work.get("number") else "") if p)
        runs.append(Run((f" {volume}" if volume else "") + (f" ({year})" if year else "")
                        + (f": {work.get('pages')}" if work.get("pages") else "") + "."))
    elif _is_book(work):
        runs += _title_runs(work.title, work, ".")
        runs.append(Run(f" {_facts(work)}." if _facts(work) else ""))
    else:
        runs += _title_runs(work.title, work, ".")
        if work.get("howpublished"):
            dated = year and not work.frus  # a FRUS document's year is its volume's, in the imprint
            runs.append(Run(f" {work.get('howpublished')}" + (f", {year}" if dated else "") + "."))
            if work.frus and _facts(work):
                runs.append(Run(f" {_facts(work)}."))
        elif year:
            runs.append(Run(f" {year}."))
    if work.url:
        runs += [Run(" "), Run(work.url, target=work.url), Run(".")]
    return _tidy(runs)


def sort_key(work: Work) -> tuple[str, str]:
    """Author's surname, or the title where there is none, without a leading article or a
    numbering such as "(2)"; the key breaks ties so the order is deterministic."""
    head = work.authors[0][1] if work.authors else SORT_PREFIX.sub("", work.title, count=1)
    head = re.sub(r"^[\W_]+", "", head)
    return head.casefold(), work.key


def abbreviations(all_works: dict[str, Work]) -> list[tuple[str, str]]:
    """The abbreviations the notes and the bibliography use for these works, with what each
    stands for: the forms of this module, listed only where a work or a locator uses them."""
    out = []
    frus = Counter(w.frus[0] for w in all_works.values() if w.frus)
    if frus:
        usual = frus.most_common(1)[0][0]  # the example from the years cited most
        example = next(w for w in sorted(all_works.values(), key=lambda w: w.key) if w.frus and w.frus[0] == usual)
        years, volume, document = example.frus  # type: ignore[misc]
        out.append(("FRUS", ("Foreign Relations of the United States, the Department of State's series of "
                            f"diplomatic papers: “FRUS {years}, {volume}, doc. {document}” is document "
                            f"{document} of volume {volume} for {years}; a page follows the volume after a colon")))
    out += [("doc.", "document (its number in the volume or collection)"),
            ("et al.", "and others (a work with more than three authors)"),
            ("no.", "number (of a journal's issue)"),
            ("p., pp.", "page, pages (given only where the text cited shows the publication's pages)"),
            ("¶", "paragraph (counted in the document or page)")]
    if not any(w.type == "article" and w.get("number") for w in all_works.values()):
        out = [a for a in out if a[0] != "no."]
    if not any(len(w.authors) > 3 for w in all_works.values()):
        out = [a for a in out if a[0] != "et al."]
    return out


def bibliography_sections(all_works: dict[str, Work]) -> list[tuple[str, list[Work]]]:
    """The works as (section, works in author order) in the order of :data:`SECTIONS`; empty
    sections left out."""
    out = []
    for section in SECTIONS:
        members = sorted((w for w in all_works.values() if w.section == section), key=sort_key)
        if members:
            out.append((section, members))
    return out


def bibliography(all_works: dict[str, Work]) -> list[tuple[str, list[Runs]]]:
    """The bibliography as (section title, entries) in the order of :data:`SECTIONS`; empty
    sections left out."""
    return [(SECTION_TITLES[section], [bibliography_entry(w) for w in members])
            for section, members in bibliography_sections(all_works)]


def _tidy(runs: list[Run]) -> Runs:
    """Empty runs dropped; a note ends with one full stop."""
    runs = [r for r in runs if r.text]
    if runs and not runs[-1].target and not runs[-1].text.endswith((".", "”", "?", "!")):
        runs[-1] = Run(runs[-1].text + ".", runs[-1].italic, runs[-1].target)
    elif runs and runs[-1].target:
        runs.append(Run("."))
    return tuple(runs)


@dataclass
class Notes:
    """The notes of one chapter: each work in full at its first citation, short after.
    Deterministic: the same sequence of citations gives the same notes."""
    works: dict[str, Work]
    cited: set[str] = field(default_factory=set)
    notes: list[Runs] = field(default_factory=list)

    def cite(self, *citations: str | tuple[str, Locator | None]) -> Runs:
        """One note for one citation point: works as keys or (key, locator), joined by
        semicolons. Raises KeyError for a key not in the bibliography."""
        return tuple(run for _key, runs in self.cite_parts(*citations) for run in runs)

    def cite_parts(self, *citations: str | tuple[str, Locator | None]) -> tuple[tuple[str | None, Runs], ...]:
        """The note of :meth:`cite` as its parts: (key, the work's runs) for each work, and
        (None, "; ") between two, so that a writer can link each work to its bibliography entry."""
        parts: list[tuple[str, Runs]] = []
        for citation in citations:
            key, locator = (citation, None) if isinstance(citation, str) else citation
            work = self.works[key]
            parts.append((key, short_note(work, locator) if key in self.cited else full_note(work, locator)))
            self.cited.add(key)
        out: list[tuple[str | None, Runs]] = []
        for i, (key, part) in enumerate(parts):
            if i + 1 < len(parts):  # a semicolon takes the place of the part's closing full stop
                last = part[-1]
                part = (*part[:-1], Run(last.text.removesuffix("."), last.italic, last.target)) if last.text != "." \
                    else part[:-1]
            out.append((key, tuple(r for r in part if r.text)))
            if i + 1 < len(parts):
                out.append((None, (Run("; "),)))
        self.notes.append(tuple(run for _key, runs in out for run in runs))
        return tuple(out)


def short_citation(work: Work) -> Runs:
    """A work as the registers and the chronology cite it: its short note without a locator."""
    return short_note(work)
