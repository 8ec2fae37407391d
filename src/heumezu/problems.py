"""A problem found in the evidence, located by file, line and field."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None  # physical line in the file, the header being line 1; None for the whole file
    field: str | None
    message: str

    @property
    def row(self) -> int | None:
        """The old name of :attr:`line`, kept for callers written before lines were physical."""
        return self.line

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


def sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.field or "")


class DataError(Exception):
    """Raised by :func:`heumezu.load` when the evidence does not validate."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)  # in the validator's order: root causes before their consequences
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the evidence:\n{lines}")
