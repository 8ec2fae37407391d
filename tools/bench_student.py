"""The student's journey, timed: from a teaching section's download to an executed notebook.

    python tools/bench_student.py [--notebook 02_ultimatum_teaching] [--python python3]

What the page "How to teach with this edition" tells a student on Linux (heumezu.student), step
by step, in a temporary folder with a space in its name, outside the repository: unzip the
download (the one `make book` wrote into book/_generated/runnable/, else one built here), make a
venv, install requirements.txt (the student pins, requirements/student.txt), check
`jupyter lab --version`, execute the notebook. Reported: each step's time, the venv's size on disk
after the notebook ran (target at most 450 MB) and the pip messages a student would see (an
"ERROR" fails the run). The install uses this machine's pip configuration and cache, so its time
is a lower bound of a first install on a slow connection. Used by tools/bench.py (`make bench`).
"""
from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB = 450
NOTEBOOK = "02_ultimatum_teaching"


def archive(stem: str) -> bytes:
    built = ROOT / "book" / "_generated" / "runnable" / f"{stem}.zip"
    if built.is_file():
        return built.read_bytes()
    from heumezu_sphinx import runnable

    return runnable.archive_bytes(runnable.members(ROOT, ROOT / "notebooks" / f"{stem}.ipynb"))


def disk_usage(folder: Path) -> int:
    """Bytes the folder takes on disk (allocated blocks; hard links counted once)."""
    seen, total = set(), 0
    for path in folder.rglob("*"):
        info = path.lstat()
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        total += info.st_blocks * 512
    return total


def student_env() -> dict:
    """The environment of a student's shell: none of the build's own settings."""
    drop = ("HEUMEZU_DATA", "PYTHONPATH", "VIRTUAL_ENV", "MPLCONFIGDIR", "IPYTHONDIR", "PYTHONHASHSEED")
    return {k: v for k, v in os.environ.items() if k not in drop}


def journey(stem: str, python: str, workdir: Path) -> dict:
    env = student_env()
    steps: dict[str, float] = {}

    def step(name: str, command: list[str], cwd: Path) -> subprocess.CompletedProcess:
        start = time.monotonic()
        run = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        steps[name] = time.monotonic() - start
        if run.returncode:
            raise SystemExit(f"{name} failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
        return run

    start = time.monotonic()
    with zipfile.ZipFile(io.BytesIO(archive(stem))) as zipped:
        zipped.extractall(workdir)
    steps["unzip"] = time.monotonic() - start
    folder = workdir / stem
    step("python3 -m venv .venv", [python, "-m", "venv", ".venv"], folder)
    bin_dir = folder / ".venv" / ("Scripts" if os.name == "nt" else "bin")
    install = step("pip install --no-compile -r requirements.txt",
                   [str(bin_dir / "python"), "-m", "pip", "install", "--disable-pip-version-check", "--no-compile",
                    "-r", "requirements.txt"], folder)
    messages = [line for line in (install.stdout + install.stderr).splitlines()
                if re.match(r"(ERROR|WARNING)\b", line) and "is ignored: it is neither a file" not in line]
    lab = step("jupyter lab --version", [str(bin_dir / "jupyter"), "lab", "--version"], folder)
    step("execute the notebook", [str(bin_dir / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                                  "--inplace", f"{stem}.ipynb"], folder)
    packages = subprocess.run([str(bin_dir / "python"), "-m", "pip", "list", "--format=freeze",
                               "--disable-pip-version-check"], capture_output=True, text=True, env=env,
                              check=True).stdout.split()
    return {"notebook": stem, "steps_s": steps, "venv_mb": disk_usage(folder / ".venv") / 1e6,
            "packages": len(packages), "pip_messages": messages, "jupyterlab": lab.stdout.strip(),
            "python": subprocess.run([python, "--version"], capture_output=True, text=True,
                                     check=True).stdout.strip()}


def measure(stem: str = NOTEBOOK, python: str = "python3") -> dict:
    with tempfile.TemporaryDirectory(prefix="heumezu student ") as tmp:  # a space, as in many home folders
        return journey(stem, python, Path(tmp))


def lines(result: dict) -> list[str]:
    total = sum(result["steps_s"].values())
    size = result["venv_mb"]
    out = [(f"`{result['notebook']}.zip`, {result['python']}, JupyterLab {result['jupyterlab']}: "
           f"{result['packages']} packages, venv {size:.0f} MB on disk after the notebook ran "
           f"(target ≤ {TARGET_MB} MB {'✓' if size <= TARGET_MB else '✗'}), {total:.0f} s from the download "
           "to an executed notebook."), "",
           "| Step | Time (s) |", "|---|---:|"]
    out += [f"| {name} | {seconds:.1f} |" for name, seconds in result["steps_s"].items()]
    if result["pip_messages"]:
        out += ["", "pip's messages: " + "; ".join(f"`{m}`" for m in result["pip_messages"]) + "."]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", default=NOTEBOOK, help="the download's stem")
    parser.add_argument("--python", default="python3", help="the Python the student has")
    args = parser.parse_args(argv)
    result = measure(args.notebook, args.python)
    print("\n".join(lines(result)))
    return 1 if any(m.startswith("ERROR") for m in result["pip_messages"]) else 0


if __name__ == "__main__":
    sys.exit(main())
