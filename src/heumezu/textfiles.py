"""Data files as text: UTF-8 without a byte-order mark, free of control and bidi-override
characters, and CSV records located by their physical line in the file."""
from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from .problems import Problem

BOM = "\ufeff"
# C0 controls except tab, LF and CR; DEL; C1 controls; bidi embeddings, overrides and isolates.
# They are invisible, can make a published TEI file ill-formed, or reorder what a reader sees.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# Shown in their place in a verbatim text, one character for one (offsets into the text stay
# valid): C0 controls as their control pictures (U+2400-U+241F), DEL as U+2421, C1 controls and
# bidi controls as U+FFFD (no picture exists; unlike them, it can neither vanish nor reorder text).
VISIBLE = {c: 0x2400 + c for c in range(0x20) if chr(c) not in "\t\n\r"} | {0x7F: 0x2421}


def visible(text: str) -> str:
    """A verbatim transcription with its invisible control and bidi characters made visible."""
    return FORBIDDEN.sub(lambda m: chr(VISIBLE.get(ord(m.group()), 0xFFFD)), text)


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or None and the problem that prevents reading it at all."""
    return decode(path.read_bytes(), name)


def check_utf8(path: Path, name: str, chunk: int = 1 << 20) -> tuple[bool, list[Problem]]:
    """Whether the file has any non-blank text, and the problem that prevents reading it, as
    :func:`decode` finds them, in chunks: a large table is never held whole in memory."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, lines, blank, first = 0, 0, True, True
    with path.open("rb") as fh:
        while True:
            raw = fh.read(chunk)
            try:
                text = decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:  # exc.start counts from the bytes held back plus this chunk
                held = len(exc.object) - len(raw)
                at = offset - held + exc.start
                line = lines + exc.object[:exc.start].count(b"\n") + 1
                return False, [Problem(name, line, None, f"not UTF-8: byte 0x{exc.object[exc.start]:02x} at byte "
                                                         f"offset {at}; save the file as UTF-8")]
            if first and text.startswith(BOM):
                return False, [Problem(name, 1, None, "starts with a UTF-8 byte-order mark; save without BOM")]
            first = first and not text
            blank = blank and not text.strip()
            lines += text.count("\n")
            offset += len(raw)
            if not raw:
                return not blank, []


def decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(name, line, None, f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset "
                                                f"{exc.start}; save the file as UTF-8")]
    if text.startswith(BOM):
        return None, [Problem(name, 1, None, "starts with a UTF-8 byte-order mark; save without BOM")]
    return text, []


def forbidden(text: str) -> dict[int, str]:
    """The forbidden characters in ``text``, by line offset from its first line (0-based)."""
    found: dict[int, str] = {}
    for m in FORBIDDEN.finditer(text):
        line = text.count("\n", 0, m.start())
        if m.group() not in found.get(line, ""):
            found[line] = found.get(line, "") + m.group()
    return found


def describe(chars: str) -> str:
    names = ", ".join(f"U+{ord(c):04X}" for c in chars)
    return f"contains the invisible control or bidi character(s) {names}; remove them"


def records(text: str) -> list[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on (header = line 1; blank lines are
    empty records, as Frictionless counts them). Raises csv.Error on unparseable input."""
    return list(iter_records(io.StringIO(text, newline="")))


def iter_records(stream):
    """The records of :func:`records` from a text stream (a file opened with newline=''), one at a
    time: a large table is never held whole, as text or as lists."""
    reader = csv.reader(stream)
    next_line = 1
    for record in reader:
        yield next_line, record
        next_line = reader.line_num + 1


def rows(table: list[tuple[int, list[str]]]) -> list[dict]:
    """Data records as dicts of strings, each with its line under '_line'."""
    if not table:
        return []
    header = table[0][1]
    return [dict(zip(header, values), _line=line) for line, values in table[1:] if values]
