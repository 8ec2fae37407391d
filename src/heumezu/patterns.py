"""Patterns from the schema, accepted only if Python's ``re`` (which Frictionless uses, and which
has no time limit) matches them in bounded time.

Catastrophic backtracking needs a repeated part that can itself match the same text in more than
one way: a quantifier or an alternation inside a repeat, as in ``(a+)+`` or ``(a|a)*``. Such a
nesting is refused unless each turn of the outer repeat must consume a delimiter character that
nothing ambiguous inside it can match, as in ``[a-z]+(;[a-z]+)*`` (the turns are then fixed by the
delimiters). Backreferences and lookarounds are refused outright.
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore
    import sre_parse as parser  # type: ignore

REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
MAX_LENGTH = 200


def refusal(pattern: str) -> str | None:
    """Why ``pattern`` may not be used, or None."""
    if len(pattern) > MAX_LENGTH:
        return f"longer than {MAX_LENGTH} characters"
    try:
        tree = parser.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"not a regular expression ({exc})"
    try:
        _check(tree, inside_repeat=False)
    except ValueError as exc:
        return str(exc)
    return None


def _check(seq, inside_repeat: bool) -> None:
    for op, av in seq:
        if op in (C.GROUPREF, C.GROUPREF_EXISTS, C.ASSERT, C.ASSERT_NOT):
            raise ValueError("backreferences and lookarounds are not supported")
        if op in REPEATS:
            _low, high, body = av
            if high > 1 and _ambiguous(body) and not _delimited(body):
                raise ValueError("a quantifier or alternation inside a repeat can take exponential time to "
                                 "match (catastrophic backtracking); rewrite it without nested quantifiers")
            _check(body, inside_repeat or high > 1)
        elif op == C.SUBPATTERN:
            _check(av[-1], inside_repeat)
        elif op == C.BRANCH:
            for branch in av[1]:
                _check(branch, inside_repeat)
        elif op == getattr(C, "ATOMIC_GROUP", None):
            _check(av, inside_repeat)


def _children(op, av):
    if op in REPEATS:
        return [av[2]]
    if op == C.SUBPATTERN:
        return [av[-1]]
    if op == C.BRANCH:
        return list(av[1])
    if op == getattr(C, "ATOMIC_GROUP", None):
        return [av]
    return []


def _ambiguous(seq) -> bool:
    """Whether ``seq`` contains a variable repeat or an alternation (a choice to backtrack into)."""
    for op, av in seq:
        if (op in REPEATS and av[0] != av[1]) or (op == C.BRANCH and len(av[1]) > 1):
            return True
        if any(_ambiguous(child) for child in _children(op, av)):
            return True
    return False


def _atoms(seq):
    """The single-character matchers in ``seq`` (anywhere in it)."""
    for op, av in seq:
        if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.CATEGORY):
            yield op, av
        for child in _children(op, av):
            yield from _atoms(child)


def _delimited(body) -> bool:
    """Whether a top-level literal of ``body`` (each turn must match it) is a character that no
    ambiguous part of ``body`` can match."""
    body = _flat(body)
    ambiguous = [(op, av) for op, av in body if _ambiguous([(op, av)])]
    atoms = [a for op, av in ambiguous for a in _atoms([(op, av)])]
    return any(op == C.LITERAL and not any(_matches(a, chr(av)) for a in atoms) for op, av in body)


def _flat(seq) -> list:
    """``seq`` with its plain groups opened, so that '(;x+)' shows its ';' at the top level."""
    out = []
    for op, av in seq:
        out += _flat(av[-1]) if op == C.SUBPATTERN else [(op, av)]
    return out


def _matches(atom, char: str) -> bool:
    """Whether a single-character matcher can match ``char`` (conservative: unknown means yes)."""
    op, av = atom
    if op == C.LITERAL:
        return chr(av) == char
    if op == C.NOT_LITERAL:
        return chr(av) != char
    if op == C.ANY:
        return True
    if op == C.CATEGORY:
        return _in_category(av, char)
    if op == C.IN:
        negate = any(o == C.NEGATE for o, _ in av)
        hit = any(_in_item(o, a, char) for o, a in av if o != C.NEGATE)
        return hit != negate
    return True


def _in_item(op, av, char: str) -> bool:
    if op == C.LITERAL:
        return chr(av) == char
    if op == C.RANGE:
        return av[0] <= ord(char) <= av[1]
    if op == C.CATEGORY:
        return _in_category(av, char)
    return True


def _in_category(category, char: str) -> bool:
    tests = {C.CATEGORY_DIGIT: str.isdigit, C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
             C.CATEGORY_SPACE: str.isspace}
    for positive, test in tests.items():
        if category == positive:
            return test(char)
    return True  # the negated categories, and anything unforeseen: assume it can
