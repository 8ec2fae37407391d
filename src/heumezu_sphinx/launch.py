"""Launch buttons (Binder, Colab) exactly when the repository's public address is known.

The address is set in one place, ``repository: url:`` in ``_config.yml``. Jupyter Book's default
there is its own repository, and sphinx-book-theme crashes on launch buttons without a
repository, so: no address, no launch buttons; an address, both.
"""
from __future__ import annotations

from sphinx.application import Sphinx

LAUNCHERS = {"binderhub_url": "https://mybinder.org", "colab_url": "https://colab.research.google.com"}
JUPYTER_BOOK_DEFAULT = "https://github.com/executablebooks/jupyter-book"


def launch_options(theme_options: dict) -> dict:
    """The theme options with launch buttons on or off, from ``repository_url`` alone."""
    options = dict(theme_options)
    url = (options.get("repository_url") or "").strip()
    buttons = {k: v for k, v in options.get("launch_buttons", {}).items() if k not in LAUNCHERS}
    if url and url != JUPYTER_BOOK_DEFAULT:
        buttons |= LAUNCHERS
    else:
        options.pop("repository_url", None)
    options["launch_buttons"] = buttons
    return options


def _configure(app: Sphinx, config) -> None:
    config.html_theme_options = launch_options(config.html_theme_options or {})


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _configure)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
