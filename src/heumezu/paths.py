"""Where the project's files are, so that notebooks run from any working directory."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The evidence folder; ``HEUMEZU_DATA`` overrides it (used by the tests on bad copies)."""
    return Path(os.environ.get("HEUMEZU_DATA", PROJECT_ROOT / "data"))
