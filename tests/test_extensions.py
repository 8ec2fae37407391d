"""The book's Sphinx extensions against Jupyter Book's defaults.

_config.yml's ``sphinx: config: extensions:`` replaces Jupyter Book 1.x's default list as a whole,
so an extension that a newer Jupyter Book adds to its defaults would silently not be loaded. Every
default must be in our list or in LEFT_OUT below, with the reason; the defaults are read from
Jupyter Book itself (``jupyter_book.config.get_default_sphinx_config``), not copied here.
"""
from __future__ import annotations

import yaml
from jupyter_book.config import get_default_sphinx_config, get_final_config

from conftest import ROOT

# Jupyter Book defaults that the book leaves out on purpose (the reasons are _config.yml's too).
LEFT_OUT = {
    # No grid, card or tab on any page; its CSS and script would load on every page.
    "sphinx_design",
    # No code is shown but two short blocks on the cite page; its script would load on every page.
    "sphinx_copybutton",
    # launch_buttons.thebe is off: no live code cells.
    "sphinx_thebe",
    # No intersphinx inventory is used.
    "sphinx.ext.intersphinx",
}


def our_extensions() -> list[str]:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["extensions"]


def test_every_jupyter_book_default_extension_is_kept_or_left_out_on_purpose():
    defaults = get_default_sphinx_config()["extensions"]
    assert "myst_nb" in defaults  # Jupyter Book's list was found and read
    ours = set(our_extensions())
    new = [name for name in defaults if name not in ours and name not in LEFT_OUT]
    assert not new, (
        f"Jupyter Book's default Sphinx extensions now include {new}, which _config.yml's "
        "sphinx.config.extensions does not load (it replaces the default list): add them to "
        "_config.yml, or to LEFT_OUT in tests/test_extensions.py with the reason")
    stale = sorted(LEFT_OUT - set(defaults))
    assert not stale, f"{stale} in LEFT_OUT are no longer Jupyter Book defaults: take them out of LEFT_OUT"
    assert not LEFT_OUT & ours, f"{sorted(LEFT_OUT & ours)} are both loaded and left out"


def test_sphinx_gets_our_list():
    """Jupyter Book's own config merge hands Sphinx our list (plus what its html/latex switches
    add), and none of the defaults left out."""
    final, _ = get_final_config(user_yaml=ROOT / "_config.yml", sourcedir=ROOT, validate=False,
                                cli_config={"latex_individualpages": False})
    extensions = final["extensions"]
    assert extensions[:len(our_extensions())] == our_extensions()
    assert not LEFT_OUT & set(extensions)
