"""The edition's figure style: fonts that cover CJK, a greyscale-safe palette, reproducible output.

matplotlib's generic ``sans-serif`` does not fall back to a CJK font, so the family is an
explicit list: DejaVu Sans for Latin text, Noto Sans CJK JP for Chinese and Japanese.
"""
from __future__ import annotations

import matplotlib

FONT_FAMILY = ["DejaVu Sans", "Noto Sans CJK JP"]

# Okabe-Ito colours (distinguishable with colour-vision deficiencies), paired with markers and
# hatches where a figure must also survive greyscale printing.
PALETTE = {
    "china": "#0072B2",      # blue
    "japan": "#D55E00",      # vermilion
    "manchukuo": "#E69F00",  # orange
    "soviet": "#CC79A7",     # purple
    "other": "#999999",      # grey
}
SEQUENCE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]

RC = {
    "font.family": FONT_FAMILY,
    "font.size": 10,
    "axes.prop_cycle": matplotlib.cycler(color=SEQUENCE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "figure.facecolor": "white",   # figures stay legible on the theme's dark background
    "savefig.facecolor": "white",
    "svg.fonttype": "path",        # glyphs as outlines: CJK renders without web fonts
    "svg.hashsalt": "he-umezu-1935",  # stable ids: byte-identical SVG across builds
}


def apply() -> None:
    """Set the edition's rcParams in this process."""
    matplotlib.rcParams.update(RC)


def setup_notebook() -> None:
    """Use the edition style, and emit SVG (for HTML) and PDF (for LaTeX) for every figure."""
    apply()
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("svg", "pdf")
