"""The unit tier (`make test-unit`: tests marked neither `build` nor `slow`) starts no build,
package manager or browser: tests/conftest.py replaces subprocess.Popen in those tests."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, UnitTierPopen


@pytest.mark.parametrize("command", [
    ["make", "--version"],
    ["/usr/bin/apt-get", "--version"],
    ["bash", str(ROOT / "tools" / "locked.sh"), "/nonexistent.lock", "make", "html"],
    "jupyter-book build .",
])
def test_a_unit_test_cannot_start_a_build(command):
    with pytest.raises(AssertionError, match="mark it `slow`"):
        subprocess.run(command, shell=isinstance(command, str), capture_output=True, check=False)


def test_a_unit_test_may_start_other_programs():
    result = subprocess.run([sys.executable, "-c", "print('fine')"], capture_output=True, text=True, check=True)
    assert result.stdout == "fine\n"


@pytest.mark.slow
def test_slow_tests_are_not_guarded():
    assert subprocess.Popen is not UnitTierPopen
    assert subprocess.run(["make", "--version"], capture_output=True, check=False).returncode == 0
