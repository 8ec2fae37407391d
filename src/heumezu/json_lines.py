"""The line on which a value of a JSON text begins, from a path such as ``resources[2].schema.fields[1]``.

The standard library's parser keeps no positions, so problems in the descriptor would name a path
but no line. This walks text that ``json.loads`` has already accepted (and whose nesting depth the
descriptor check has bounded), recording where each value starts.
"""
from __future__ import annotations

import json
import re
from json.decoder import scanstring

_SPACE = re.compile(r"[ \t\n\r]*")
_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")
_SCALAR = json.JSONDecoder()


def _starts(text: str) -> dict[tuple, int]:
    """Offset of the first character of every value, by its path (keys and indices)."""
    starts: dict[tuple, int] = {}

    def value(i: int, path: tuple) -> int:
        i = _SPACE.match(text, i).end()
        starts[path] = i
        if text[i] in "{[":
            closing, index = ("}" if text[i] == "{" else "]"), 0
            i = _SPACE.match(text, i + 1).end()
            while text[i] != closing:
                if closing == "}":
                    key, i = scanstring(text, i + 1)
                    i = _SPACE.match(text, i).end() + 1  # past the colon
                    i = value(i, path + (key,))
                else:
                    i = value(i, path + (index,))
                    index += 1
                i = _SPACE.match(text, i).end()
                if text[i] == ",":
                    i = _SPACE.match(text, i + 1).end()
            return i + 1
        return _SCALAR.raw_decode(text, i)[1]

    value(0, ())
    return starts


def parse_path(path: str) -> tuple:
    """``resources[2].schema`` -> ('resources', 2, 'schema')."""
    return tuple(int(index) if index else key for key, index in _STEP.findall(path))


class LineFinder:
    """Lines of the values of one JSON text; the nearest enclosing value's line for a path not present."""

    def __init__(self, text: str):
        self._text = text
        self._starts = _starts(text)

    def line(self, path: str) -> int | None:
        steps = parse_path(path)
        while steps not in self._starts and steps:
            steps = steps[:-1]
        offset = self._starts.get(steps)
        return None if offset is None else self._text.count("\n", 0, offset) + 1
