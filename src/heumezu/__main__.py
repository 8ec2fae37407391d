"""Command line: ``python -m heumezu validate [--data DIR]`` and ``python -m heumezu locate SIGLUM QUOTE``."""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from . import paths
from .datafiles import refusal
from .validate import validate


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) at which ``quote`` occurs in ``text``: the offsets the data tables record."""
    spans, at = [], text.find(quote)
    while at >= 0:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return spans


def witness_file(data_dir: Path, siglum: str) -> Path:
    """The file of a witness, from witnesses.csv (read directly: an editor locates quotes while the
    rest of the data may not validate yet), refusing any path that leaves the data folder."""
    try:
        with (data_dir / "witnesses.csv").open(encoding="utf-8", newline="") as fh:
            row = next((r for r in csv.DictReader(fh) if r.get("siglum") == siglum), None)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SystemExit(f"error: witnesses.csv cannot be read: {exc}") from None
    if row is None:
        raise SystemExit(f"error: witnesses.csv has no witness with siglum {siglum!r}")
    why = refusal(data_dir, f"witnesses/{row.get('file')}")
    if why:
        raise SystemExit(f"error: witnesses.csv, witness {siglum}, field 'file': {why}")
    return data_dir / "witnesses" / row["file"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m heumezu", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check the evidence in data/ and report every problem")
    check.add_argument("--data", type=Path, default=None, help="data folder (default: the project's data/)")
    locate = commands.add_parser("locate", help="print the start and end offsets of a verbatim quote in a witness")
    locate.add_argument("siglum", help="F, E or X")
    locate.add_argument("quote", help="the witness's words, verbatim")
    locate.add_argument("--data", type=Path, default=None, help="data folder (default: the project's data/)")
    args = parser.parse_args(argv)
    data_dir = args.data or paths.data_dir()

    if args.command == "validate":
        problems = validate(data_dir)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            print(f"{data_dir}: {len(problems)} problem(s); nothing was built.", file=sys.stderr)
            return 1
        print(f"{data_dir}: the evidence is valid.")
    elif args.command == "locate":
        try:
            text = witness_file(data_dir, args.siglum).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise SystemExit(f"error: witness {args.siglum} is not UTF-8: {exc}") from None
        spans = occurrences(text, args.quote)
        for start, end in spans:
            print(start, end)
        if not spans:
            print(f"error: not found verbatim in witness {args.siglum}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
