"""Print SOURCE_DATE_EPOCH for the build: midnight UTC of CITATION.cff's `date-released`.

The Makefile needs the date before the project's venv (and PyYAML) exists, so this reads the one
field with the standard library; tests/test_release.py checks it against heumezu.citation, the
file's full reader. The release date is thus typed once, in CITATION.cff.
"""
import re
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

FIELD = re.compile(r"""^date-released:\s*["']?(\d{4}-\d{2}-\d{2})["']?\s*(?:#.*)?$""", re.MULTILINE)


def epoch(cff: Path) -> int:
    found = FIELD.search(cff.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"{cff}: no date-released: YYYY-MM-DD line")
    day = date.fromisoformat(found.group(1))
    return int(datetime.combine(day, time(), tzinfo=UTC).timestamp())


if __name__ == "__main__":
    print(epoch(Path(sys.argv[1] if len(sys.argv) > 1 else "CITATION.cff")))
