"""How to cite the edition, from ``CITATION.cff``: the one place that holds those facts.

The cite page, the page metadata and the TEI header take them from here, so a new version, date,
author or DOI is written once, in ``CITATION.cff``.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import links, paths

CFF = "CITATION.cff"


@dataclass(frozen=True)
class Citation:
    title: str
    authors: tuple[str, ...]
    version: str
    year: str
    date_released: str
    licence: str
    licence_url: str
    doi: str
    url: str  # the online edition's address (CFF's `url`), an http(s) address or ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()

    def reference(self) -> tuple[str, str, str]:
        """The citation as (before the title, the title, after the title): the title is set in italics."""
        before = f"{'; '.join(self.authors)} ({self.year}). "
        after = f" (version {self.version})." if self.version else "."
        if self.doi:
            after += f" https://doi.org/{self.doi}"
        elif self.url:
            after += f" {self.url}"
        return before, self.title, after

    def source_date_epoch(self) -> int:
        """Midnight UTC of the release date: the date every reproducible build stamps."""
        day = datetime.date.fromisoformat(self.date_released)
        return int(datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC).timestamp())

    def bibtex(self) -> str:
        """A BibTeX ``@misc`` entry. Braces in values are doubled-up groups, never new fields."""
        def value(text: str) -> str:
            return "{" + text.replace("\\", "").replace("{", "").replace("}", "") + "}"

        fields = [("author", "{" + " and ".join(value(a) for a in self.authors) + "}"),
                  ("title", value(self.title)), ("year", value(self.year)),
                  ("version", value(self.version)), ("doi", value(self.doi)), ("url", value(self.url)),
                  ("note", value(f"Text and data {licence_name(self.licence)}; code MIT"))]
        body = ",\n".join(f"  {name:<7} = {text}" for name, text in fields if text not in ("{}", "{{}}"))
        return f"@misc{{heumezu-edition-{self.year},\n{body}\n}}"


def licence_name(spdx: str) -> str:
    """An SPDX identifier as people write it: CC-BY-SA-4.0 -> CC BY-SA 4.0."""
    if spdx.startswith("CC-") and spdx.count("-") >= 2:
        name, version = spdx[3:].rsplit("-", 1)
        return f"CC {name} {version}"
    return spdx


def _author(entry: dict) -> str:
    if entry.get("name"):
        return str(entry["name"])
    return " ".join(str(entry[k]) for k in ("given-names", "family-names") if entry.get(k))


class CitationError(ValueError):
    """CITATION.cff holds a value the edition may not print or link; the message names the field."""


def load(path: Path | None = None) -> Citation:
    """Read ``CITATION.cff`` (by default the one at the root of the checkout)."""
    path = path or paths.PROJECT_ROOT / CFF
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    released = str(cff.get("date-released", "") or "")
    for field in ("url", "license-url"):
        address = str(cff.get(field, "") or "")
        reason = address and links.refusal(address)
        if reason:
            raise CitationError(f"{path}: field '{field}': {reason}")
    return Citation(
        title=str(cff["title"]),
        authors=tuple(_author(a) for a in cff.get("authors", [])),
        version=str(cff.get("version", "") or ""),
        year=released[:4],
        date_released=released,
        licence=str(cff.get("license", "") or ""),
        licence_url=str(cff.get("license-url", "") or ""),
        doi=str(cff.get("doi", "") or ""),
        url=str(cff.get("url", "") or ""),
        abstract=" ".join(str(cff.get("abstract", "") or "").split()),
        keywords=tuple(str(k) for k in cff.get("keywords", []) or []),
    )
