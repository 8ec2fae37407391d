"""A newcomer's first run: system packages, locks, fonts, caches that heal, launch buttons.

The slow cases (a killed xelatex, an interrupted page build, the runnable download) are in
test_recovery.py; these run in seconds.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time

import nbformat
import pytest
from jupyter_cache import get_cache
from matplotlib import font_manager

from conftest import ROOT
from heumezu.figures import style
from heumezu_sphinx import cache, launch

ENSURE = ROOT / "tools" / "ensure-debian-packages.sh"
LOCKED = ROOT / "tools" / "locked.sh"
MISSING = "definitely-not-a-command-heumezu"
BASH = shutil.which("bash")


def _ensure(env_extra: dict, *requirements: str, user: str | None = None):
    """Run the installer with REQUIREMENTS ("CHECK PACKAGE...") and the environment changed by ENV_EXTRA."""
    command = ["bash", "-s", "--", *requirements]  # the script on stdin: readable by any user
    if user and os.getuid() == 0:
        command = ["setpriv", "--reuid", user, "--regid", user, "--clear-groups", *command]
    return subprocess.run(command, input=ENSURE.read_text(), capture_output=True, text=True, cwd="/",
                          env=os.environ | env_extra, check=False)


def _fake_apt(tmp_path):
    """A stand-in apt-get that records its arguments and "installs" each package as a command of
    the same name, and a sudo that just runs its command."""
    log = tmp_path / "apt.log"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "apt-get").write_text(
        f'#!/bin/sh\necho "$@" >> {log}\n[ "$3" = install ] || exit 0\n'
        f'for p in "$@"; do case $p in -*|install|DPkg*) ;; *) printf "#!/bin/sh\\n" > {fake}/$p; '
        f'chmod +x {fake}/$p ;; esac; done\n')
    (fake / "sudo").write_text('#!/bin/sh\n[ "$1" = -n ] && shift\n[ "$1" = true ] && exit 0\n'
                               'while [ "${1#*=}" != "$1" ]; do export "$1"; shift; done\nexec "$@"\n')
    for tool in fake.iterdir():
        tool.chmod(0o755)
    return fake, log


def _bare_path(tmp_path, **programs: str):
    """A PATH holding only what the installer itself runs, plus stand-in programs that print
    the given --version line: a machine with none of the tools, or with another vendor's."""
    bare = tmp_path / "bare"
    bare.mkdir()
    for tool in ("grep", "head", "id", "tr", "fc-list", "sh", "printf", "chmod"):
        if found := shutil.which(tool):
            (bare / tool).symlink_to(found)
    for name, version in programs.items():
        (bare / name).write_text(f'#!/bin/sh\n[ "$1" = --version ] && echo "{version}"\n')
        (bare / name).chmod(0o755)
    return bare


def _ensure_on(path: str, *requirements: str, apt_get: str = "/nonexistent/apt-get"):
    """Run the installer with nothing but PATH (and APT_GET) in its environment."""
    return subprocess.run([BASH, "-s", "--", *requirements], input=ENSURE.read_text(), capture_output=True,
                          text=True, cwd="/", env={"PATH": path, "APT_GET": apt_get}, check=False)


def test_nothing_happens_when_every_check_passes():
    result = _ensure({"APT_GET": "/nonexistent"}, "bash some-package", "py:json python3")
    assert result.returncode == 0 and result.stderr == ""


def test_without_root_it_prints_the_exact_command(tmp_path):
    env = {"PATH": "/usr/bin:/bin"}  # no sudo that could install
    requirements = (f"{MISSING} pkg-a pkg-b", "bash pkg-c")
    if os.getuid() != 0:
        if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True, check=False).returncode == 0:
            pytest.skip("this user has passwordless sudo, so the script installs instead")
        result = _ensure(env, *requirements)
    else:
        result = _ensure(env, *requirements, user="65534")
    assert result.returncode == 1
    assert f"Missing: {MISSING}" in result.stderr
    assert "not root" in result.stderr
    assert "  apt-get update && apt-get install -y --no-install-recommends pkg-a pkg-b\n" in result.stderr


def test_without_apt_it_prints_the_exact_command():
    result = _ensure({"APT_GET": "/nonexistent/apt-get"}, f"{MISSING} pkg-a")
    assert result.returncode == 1
    assert "no apt-get on this system" in result.stderr
    assert "apt-get install -y --no-install-recommends pkg-a" in result.stderr


def test_apt_waits_for_the_dpkg_lock(tmp_path):
    fake, log = _fake_apt(tmp_path)
    result = _ensure({"APT_GET": str(fake / "apt-get"), "PATH": f"{fake}:{os.environ['PATH']}",
                      "APT_LOCK_TIMEOUT": "42"}, "heumezu-tool-a heumezu-tool-a heumezu-tool-b")
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert calls == ["-o DPkg::Lock::Timeout=42 update -qq",
                     "-o DPkg::Lock::Timeout=42 install -y --no-install-recommends heumezu-tool-a heumezu-tool-b"]


def test_only_the_packages_of_failing_checks_are_installed_once_each(tmp_path):
    fake, log = _fake_apt(tmp_path)
    env = {"APT_GET": str(fake / "apt-get"), "PATH": f"{fake}:{os.environ['PATH']}"}
    result = _ensure(env, "bash bash-pkg", "heumezu-tool-a heumezu-tool-a shared-pkg",
                     "heumezu-tool-c heumezu-tool-c shared-pkg")
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines()[-1].endswith(
        "--no-install-recommends heumezu-tool-a shared-pkg heumezu-tool-c")


def test_a_check_still_failing_after_the_install_is_an_error(tmp_path):
    fake, _log = _fake_apt(tmp_path)
    env = {"APT_GET": str(fake / "apt-get"), "PATH": f"{fake}:{os.environ['PATH']}"}
    result = _ensure(env, f"{MISSING} some-package")  # the package does not provide the command
    assert result.returncode == 1
    assert f"still missing:\n  {MISSING}\n" in result.stderr


def test_another_vendors_node_and_npm_are_used_as_they_are(tmp_path):
    """NodeSource's nodejs conflicts with Debian's npm: a usable node and npm mean no apt at all."""
    bare = _bare_path(tmp_path, node="v20.20.2", npm="10.8.2")
    result = _ensure_on(str(bare), "node>=18.16 nodejs", "npm npm")
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("programs, missing", [
    ({}, ["node>=18.16", "npm"]),
    ({"node": "v16.20.2", "npm": "8.19.4"}, ["node>=18.16 (found 16.20.2 at {bare}/node)"]),
    ({"node": "v18.9.0"}, ["node>=18.16 (found 18.9.0 at {bare}/node)", "npm"]),
])
def test_a_machine_without_a_usable_node_gets_debians(tmp_path, programs, missing):
    bare = _bare_path(tmp_path, **programs)
    fake, log = _fake_apt(tmp_path)
    result = _ensure_on(f"{bare}:{fake}", "node>=18.16 nodejs", "npm npm", apt_get=str(fake / "apt-get"))
    assert [line.removeprefix("Missing: ") for line in result.stderr.splitlines() if line.startswith("Missing")] \
        == [m.format(bare=bare) for m in missing]
    wanted = {"node>=18.16": "nodejs", "npm": "npm"}
    packages = [wanted[m.split(" ")[0]] for m in missing]
    assert log.read_text().splitlines()[-1].endswith("--no-install-recommends " + " ".join(packages))


@pytest.mark.parametrize("version, passes", [("openjdk 17.0.13 2024-10-15", True), ("openjdk 11 2018-09-25", True),
                                             ("java version \"1.8.0_392\"", False), ("21.0.5", True)])
def test_version_checks_compare_dotted_numbers(tmp_path, version, passes):
    bare = _bare_path(tmp_path, java=version)
    result = _ensure_on(str(bare), "java>=11 default-jre-headless")
    assert (result.returncode == 0) is passes, result.stderr


def test_any_one_of_alternatives_passes(tmp_path):
    bare = _bare_path(tmp_path, **{"google-chrome": "Google Chrome 131.0.6778.85"})
    assert _ensure_on(str(bare), "chromium|google-chrome chromium").returncode == 0
    failed = _ensure_on(str(bare), "chromium|chromium-browser chromium")
    assert failed.returncode == 1 and "Missing: none of chromium, chromium-browser" in failed.stderr


@pytest.mark.slow  # starts interpreters
def test_python_module_check(tmp_path):
    fake, log = _fake_apt(tmp_path)
    env = {"APT_GET": str(fake / "apt-get"), "PATH": f"{fake}:{os.environ['PATH']}"}
    assert _ensure(env, "py:ensurepip python3-venv").returncode == 0
    assert not log.exists()  # this Python has ensurepip: nothing to install
    _ensure(env, "py:no_such_module_heumezu python3-venv")  # fails after: the stand-in installs nothing
    assert "install -y --no-install-recommends python3-venv" in log.read_text()


@pytest.mark.slow  # waits two seconds for a lock
def test_second_build_waits_for_the_first(tmp_path):
    assert shutil.which("flock"), "flock (util-linux) is missing"
    lock = tmp_path / "build.lock"
    order = tmp_path / "order"
    first = subprocess.Popen(["bash", str(LOCKED), str(lock), "bash", "-c", f"sleep 2; echo first >> {order}"])
    time.sleep(0.5)
    second = subprocess.run(["bash", str(LOCKED), str(lock), "bash", "-c", f"echo second >> {order}"],
                            capture_output=True, text=True, timeout=30, check=False)
    first.wait(timeout=30)
    assert second.returncode == 0
    assert "Another build is running in this folder" in second.stderr
    assert order.read_text().split() == ["first", "second"]


def test_a_missing_font_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(style, "FONT_FAMILY", ["DejaVu Sans", "Noto Sans Heumezu Missing"])
    monkeypatch.setitem(style.FONT_INSTALL, "Noto Sans Heumezu Missing",
                        {"Debian or Ubuntu": "sudo apt-get install fonts-heumezu-missing"})
    with pytest.raises(style.MissingFontError, match="apt-get install fonts-heumezu-missing") as raised:
        style.ensure_fonts()
    assert "make " not in str(raised.value)  # a reader of a download has no Makefile


def test_the_font_advice_covers_every_system():
    """A reader may run a chapter's notebook on Debian or Ubuntu, macOS, Windows or Colab."""
    advice = style.font_advice(["Noto Sans CJK JP"])
    for system in ("Debian or Ubuntu", "macOS", "Windows", "Colab"):
        assert system in advice
    assert "fonts-noto-cjk" in advice and "make" not in advice.split()
    assert set(style.FONT_FAMILY) <= set(style.FONT_INSTALL)


@pytest.mark.slow  # rebuilds matplotlib's font list
def test_a_font_list_written_before_the_fonts_is_healed(monkeypatch):
    """The font list matplotlib cached before fonts-noto-cjk was installed lacks it; apply() repairs it."""
    stale = font_manager.FontManager()
    stale.ttflist = [f for f in stale.ttflist if "CJK" not in f.name]
    monkeypatch.setattr(font_manager, "fontManager", stale)
    assert not style._find("Noto Sans CJK JP")
    style.ensure_fonts()
    assert style._find("Noto Sans CJK JP")


def test_a_missing_glyph_is_an_error():
    import matplotlib.pyplot as plt

    style.apply()
    fig, ax = plt.subplots()
    ax.set_title("\U0001D11E")  # MUSICAL SYMBOL G CLEF: in neither DejaVu Sans nor Noto Sans CJK
    try:
        with pytest.raises(UserWarning, match="missing from font"):
            fig.canvas.draw()
    finally:
        plt.close(fig)


def _cached_notebook(cache_dir, stderr: bool):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"print({stderr!r})")])  # distinct code: distinct keys
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stderr" if stderr else "stdout", text="x\n")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = cache_dir.parent / ("warned.ipynb" if stderr else "clean.ipynb")
    nbformat.write(nb, path)
    get_cache(cache_dir).cache_notebook_file(path, check_validity=False)
    return path


@pytest.mark.slow  # executes a notebook
def test_an_execution_that_wrote_to_stderr_is_not_kept(tmp_path):
    cache_dir = tmp_path / ".jupyter_cache"
    clean = _cached_notebook(cache_dir, stderr=False)
    warned = _cached_notebook(cache_dir, stderr=True)
    assert len(get_cache(cache_dir).list_cache_records()) == 2
    dropped = cache.drop_unclean(cache_dir)
    assert dropped == [str(warned)]
    remaining = get_cache(cache_dir).list_cache_records()
    assert [r.uri for r in remaining] == [str(clean)]


def test_launch_buttons_follow_the_repository_address():
    config = {"launch_buttons": {"notebook_interface": "classic", "thebe": False}}
    unset = launch.launch_options(config | {"repository_url": ""})
    assert "binderhub_url" not in unset["launch_buttons"] and "colab_url" not in unset["launch_buttons"]
    assert "repository_url" not in unset
    default = launch.launch_options(config | {"repository_url": launch.JUPYTER_BOOK_DEFAULT})
    assert "binderhub_url" not in default["launch_buttons"]
    address = "https://github.com/example/he-umezu"
    on = launch.launch_options(config | {"repository_url": address})
    assert on["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert on["launch_buttons"]["colab_url"] == "https://colab.research.google.com"
    assert on["repository_url"] == address and on["launch_buttons"]["notebook_interface"] == "classic"


def test_the_repository_address_is_set_in_one_place():
    """The README tells maintainers to set `repository: url:` in _config.yml, and nothing else."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "url" in config["repository"]
    assert "binderhub_url" not in config["launch_buttons"] and "colab_url" not in config["launch_buttons"]
    assert "repository: url:" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_shared_library_check(tmp_path):
    fake, log = _fake_apt(tmp_path)
    env = {"APT_GET": str(fake / "apt-get"), "PATH": f"{fake}:{os.environ['PATH']}"}
    assert _ensure(env, "lib:libc.so.6 libc6").returncode == 0
    assert not log.exists()  # every Linux system has the C library
    _ensure(env, "lib:libheumezu-missing.so.1 libheumezu1")
    assert "install -y --no-install-recommends libheumezu1" in log.read_text()
