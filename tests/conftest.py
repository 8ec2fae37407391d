"""Shared fixtures: the project root, one strict build of the book per test session, and Sphinx's
own test fixtures (``app``, ``@pytest.mark.sphinx(..., testroot="NAME")``) for the small projects
in tests/roots/test-NAME that test one extension module each."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


BUILD_FIXTURES = {"built", "site"}
# A private copy of data/ and the validator run on it: a second or so each (not in make test-unit).
SLOW_FIXTURES = {"data_copy", "validate_cli"}


def _real_evidence(item) -> bool:
    """The test reads the edition's own evidence: the modules' ``ev`` fixture (``hu.load()`` of
    data/, or test_figures.py's ``real_ev``), unless it is the ``synthetic`` parameter of the
    modules that test on both."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if "real_ev" in fixtures:
        return True
    if "ev" not in fixtures:
        return False
    callspec = getattr(item, "callspec", None)
    return not (callspec and callspec.params.get("ev") == "synthetic")


def pytest_collection_modifyitems(items):
    """Tests that need the built book are in the `build` tier, and tests that copy, validate or
    load the real data are `slow`, whatever module they are in."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BUILD_FIXTURES & fixtures:
            item.add_marker(pytest.mark.build)
        elif SLOW_FIXTURES & fixtures or _real_evidence(item):
            item.add_marker(pytest.mark.slow)


# What a test of the unit tier (neither `build` nor `slow`: `make test-unit`) must never start.
NOT_IN_UNIT_TESTS = frozenset({"make", "apt-get", "apt", "jupyter-book", "chromium"})


class UnitTierPopen(subprocess.Popen):
    """subprocess.Popen that refuses the programs of NOT_IN_UNIT_TESTS (anywhere in the command,
    so that ``bash tools/locked.sh LOCK make ...`` is refused too)."""

    def __init__(self, args, *more, **kwargs):
        if isinstance(args, (str, bytes)):  # a shell command line
            words = args.split()
        elif isinstance(args, os.PathLike):
            words = [args]
        else:
            words = list(args)
        names = {Path(os.fsdecode(word)).name for word in words}
        if names & NOT_IN_UNIT_TESTS:
            raise AssertionError(f"a unit test starts {sorted(names & NOT_IN_UNIT_TESTS)} ({args!r}): "
                                 "mark it `slow` (or `build`), or test without it")
        super().__init__(args, *more, **kwargs)


@pytest.fixture(autouse=True)
def _unit_tests_start_no_build(request, monkeypatch):
    """Tests marked neither `build` nor `slow` run in `make test-unit`: they may start no build,
    package manager or browser (subprocess.run and friends go through subprocess.Popen)."""
    if not (request.node.get_closest_marker("build") or request.node.get_closest_marker("slow")):
        monkeypatch.setattr(subprocess, "Popen", UnitTierPopen)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the test roots (``testroot="tables"``: tests/roots/test-tables)."""
    return Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Build HTML and PDF with the project's own `make` targets into a fresh folder.

    A fresh output folder (cold Sphinx environment) makes every page report its warnings again;
    the execution cache is shared, so unchanged notebooks are not re-executed.
    """
    out = tmp_path_factory.mktemp("book")
    result = subprocess.run(
        ["make", "--no-print-directory", "html", "pdf", f"OUT={out}"],
        cwd=ROOT, capture_output=True, text=True, env=os.environ | {"PYTHONWARNINGS": ""},
        check=False,
    )
    log = result.stdout + result.stderr
    (out / "build.log").write_text(log)
    assert result.returncode == 0, f"the build failed:\n{log[-6000:]}"
    return out / "_build"


@pytest.fixture(scope="session")
def site(request) -> Path:
    """The built HTML folder: the session build, or HEUMEZU_SITE if set (a build made elsewhere)."""
    override = os.environ.get("HEUMEZU_SITE")
    if override:
        return Path(override).resolve()
    return request.getfixturevalue("built") / "html"


@pytest.fixture()
def kernel_ipc():
    """Where a test's kernels put their sockets: they run over ipc (files in a short private folder,
    under the length a socket path may have), not tcp, so that no two kernels race for a port, nothing
    listens on the network, and ipykernel has no "running over TCP without encryption" to warn of.
    Gives ``(config, args)``: a traitlets Config for nbclient and the same as `jupyter nbconvert`
    options."""
    import tempfile

    from traitlets.config import Config

    folder = Path(tempfile.mkdtemp(prefix="heumezu-kernel-"))
    settings = {"transport": "ipc", "ip": str(folder / "kernel")}
    yield (Config({"KernelManager": settings}),
           [f"--KernelManager.{name}={value}" for name, value in settings.items()])
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture()
def validate_cli(capsys):
    """``python -m heumezu validate --data DIR`` run in-process: (exit code, messages without 'error: ').

    Also asserts what every run must satisfy: no traceback in the output and nothing written."""
    from heumezu.__main__ import main

    def run(data: Path) -> tuple[int, list[str]]:
        before = sorted((str(p), p.lstat().st_mtime_ns) for p in data.rglob("*"))
        code = main(["validate", "--data", str(data)])
        out = capsys.readouterr()
        assert "Traceback" not in out.out + out.err, out.err
        assert sorted((str(p), p.lstat().st_mtime_ns) for p in data.rglob("*")) == before
        return code, [line.removeprefix("error: ") for line in out.err.splitlines() if line.startswith("error: ")]

    return run


DESCRIPTOR_LINE = re.compile(r"^datapackage\.json, line (\d+), field '")


def without_descriptor_lines(result: tuple[int, list[str]]) -> tuple[int, list[str]]:
    """A validate_cli result with the line of each descriptor problem that names a field taken out,
    after checking that it has one (where the line points is tested in test_safety.py)."""
    code, messages = result
    for message in messages:
        if message.startswith("datapackage.json") and "field '" in message:
            assert DESCRIPTOR_LINE.match(message) and int(DESCRIPTOR_LINE.match(message)[1]) >= 1, message
    return code, [re.sub(r"^datapackage\.json, line \d+, field '", "datapackage.json, field '", m) for m in messages]

