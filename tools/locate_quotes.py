"""Locate and check verbatim witness quotations for data/attestations.csv.

Offsets are Python ``str`` indices (Unicode code points) into the witness file
decoded as UTF-8; ``end`` is exclusive, so ``text[start:end] == quote``.

Usage:
    python tools/locate_quotes.py check            # verify every row of attestations.csv
    python tools/locate_quotes.py find E "Kōki Hirota"   # list all occurrences

As a module: ``locate(siglum, quote, occurrence=None)`` returns (start, end).
If ``occurrence`` is None the quote must occur exactly once in the witness;
otherwise the n-th occurrence (0-based) is used.
"""
import csv
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = {
    "F": "000_0fbfcf475b887f3e.txt",
    "E": "001_d8286bee04c01950.txt",
    "X": "002_0d66fedf8f1a1c8b.txt",
}
_cache = {}


def text(siglum):
    if siglum not in _cache:
        _cache[siglum] = (DATA / "witnesses" / FILES[siglum]).read_text(encoding="utf-8")
    return _cache[siglum]


def occurrences(siglum, quote):
    t, out, i = text(siglum), [], 0
    while True:
        j = t.find(quote, i)
        if j < 0:
            return out
        out.append(j)
        i = j + 1


def locate(siglum, quote, occurrence=None):
    occ = occurrences(siglum, quote)
    if not occ:
        raise ValueError(f"{siglum}: quote not found: {quote!r}")
    if occurrence is None:
        if len(occ) != 1:
            raise ValueError(f"{siglum}: quote occurs {len(occ)} times, give occurrence: {quote!r}")
        start = occ[0]
    else:
        start = occ[occurrence]
    return start, start + len(quote)


def check(path=DATA / "attestations.csv"):
    bad = 0
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            s, e = int(row["start"]), int(row["end"])
            if text(row["witness"])[s:e] != row["quote"]:
                bad += 1
                print("MISMATCH", row["id"], row["witness"], s, e, repr(row["quote"]))
    print("ok" if not bad else f"{bad} mismatches")
    return bad


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "check":
        sys.exit(1 if check() else 0)
    elif len(sys.argv) == 4 and sys.argv[1] == "find":
        for j in occurrences(sys.argv[2], sys.argv[3]):
            print(j, j + len(sys.argv[3]))
    else:
        print(__doc__)
