"""Command line: ``python -m heumezu validate [--data DIR]``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .validate import validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m heumezu", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check the evidence in data/ and report every problem")
    check.add_argument("--data", type=Path, default=None, help="data folder (default: the project's data/)")
    args = parser.parse_args(argv)

    if args.command == "validate":
        data_dir = args.data or paths.data_dir()
        problems = validate(data_dir)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            print(f"{data_dir}: {len(problems)} problem(s); nothing was built.", file=sys.stderr)
            return 1
        print(f"{data_dir}: the evidence is valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
