"""Validation memory: peak resident memory of `python -m heumezu validate` on a copy of data/
with many extra rows, as a multiple of the data's size on disk (the target is at most 4×).

    python tools/bench_validation.py [--rows 1000000]

Rows are added to coastline.csv (numbers and a two-field primary key: every check runs on them).
Reported: the data's size, the peak memory of validating it, the ratio, and the same for the
shipped data (the interpreter and libraries alone take most of that), so that the increment per
byte of data can be read too. Used by tools/bench.py (`make bench`).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 4


def data_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def peak_validating(folder: Path) -> tuple[int, float, int]:
    """(peak RSS in bytes, seconds, exit code) of one validation in a fresh process."""
    script = ("import resource, sys, time; from heumezu.validate import validate; t = time.monotonic(); "
              f"p = validate({str(folder)!r}); "
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, time.monotonic() - t, len(p))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    rss, seconds, problems = run.stdout.split()
    return int(rss), float(seconds), int(problems)


def grown_copy(target: Path, rows: int) -> None:
    shutil.copytree(ROOT / "data", target)
    with (target / "coastline.csv").open("a", encoding="utf-8") as fh:
        for n in range(rows):
            fh.write(f"{100_000 + n // 1000},{n % 1000 + 1},1,{110 + (n % 1000) / 100:.4f},{30 + (n % 997) / 100:.4f}\n")


def measure(rows: int) -> dict:
    base_rss, base_s, _ = peak_validating(ROOT / "data")
    with tempfile.TemporaryDirectory(prefix="heumezu-bench-validation-") as tmp:
        folder = Path(tmp) / "data"
        grown_copy(folder, rows)
        size = data_size(folder)
        started = time.monotonic()
        rss, seconds, problems = peak_validating(folder)
        wall = time.monotonic() - started
    return {"rows": rows, "size": size, "rss": rss, "seconds": seconds, "wall": wall, "problems": problems,
            "ratio": rss / size, "increment_ratio": (rss - base_rss) / (size - data_size(ROOT / "data")),
            "base_size": data_size(ROOT / "data"), "base_rss": base_rss, "base_seconds": base_s}


def lines(m: dict) -> list[str]:
    mib = 1024 * 1024
    return [(f"- data/ as shipped: {m['base_size'] / mib:.1f} MiB validated in {m['base_seconds']:.1f} s, "
            f"peak {m['base_rss'] / mib:.0f} MiB (the interpreter and libraries);"),
            (f"- with {m['rows']:,} extra rows in coastline.csv: {m['size'] / mib:.1f} MiB validated in "
            f"{m['seconds']:.1f} s ({m['problems']} problems), peak {m['rss'] / mib:.0f} MiB = "
            f"{m['ratio']:.1f}× the data (target ≤ {TARGET_RATIO}× "
            f"{'✓' if m['ratio'] <= TARGET_RATIO else '✗'}); "
            f"{m['increment_ratio']:.1f} bytes of memory per byte of added data.")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    print("\n".join(lines(measure(args.rows))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
