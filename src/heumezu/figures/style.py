"""The edition's figure style: fonts that cover CJK, a greyscale-safe palette, reproducible output.

matplotlib's generic ``sans-serif`` does not fall back to a CJK font, so the family is an
explicit list: DejaVu Sans for Latin text, Noto Sans CJK JP for Chinese and Japanese.
"""
from __future__ import annotations

import warnings

import matplotlib
from matplotlib import font_manager

FONT_FAMILY = ["DejaVu Sans", "Noto Sans CJK JP"]


class MissingFontError(RuntimeError):
    """A font the figures need is not installed: one clear error instead of a warning per label."""

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
    # Labels come from data/: '$5 and $10' is text, never mathtext (which also crashes on '$\\x$').
    "text.parse_math": False,
    # Text in the PDF (and PostScript) figures as embedded fonts with a Unicode map (Type 42 / CID),
    # not Type 3 glyph procedures: searchable and copyable in the printed book.
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
}

# The size at which the PDF prints a figure (Sphinx's LaTeX on A4 with its default 1 in margins,
# see _config.yml): an image is scaled down to the text width, and to at most a share of the text
# height (``\spx@image@maxheight``); it is never enlarged. tests/test_figures_print.py checks
# these numbers against _config.yml and every figure's text against MIN_PRINT_PT.
PRINT_TEXT_WIDTH = 8.27 - 2 * 1.0    # inches: A4 width less the margins
PRINT_TEXT_HEIGHT = 11.69 - 2 * 1.0  # inches
PRINT_MAX_HEIGHT_SHARE = 0.72        # of the text height, as _config.yml's preamble sets it
MIN_PRINT_PT = 7.0                   # the smallest text a figure may print


#: The margin (inches) around a figure's tight bounding box in the image the book prints: the
#: notebooks' inline backend saves with ``bbox_inches="tight"`` and matplotlib's default padding.
SAVE_PAD = 0.1


def saved_size(fig) -> tuple[float, float]:
    """The size (inches) of the image the book makes of ``fig``: its tight bounding box (the text
    that reaches past the axes included, the space no drawing reaches left out) and the padding."""
    box = fig.get_tightbbox()
    return box.width + 2 * SAVE_PAD, box.height + 2 * SAVE_PAD


def print_scale(fig) -> float:
    """The factor by which the PDF scales ``fig``'s image (:func:`saved_size`): at most 1, fitting
    the text width and height."""
    width, height = saved_size(fig)
    return min(1.0, PRINT_TEXT_WIDTH / width, PRINT_TEXT_HEIGHT * PRINT_MAX_HEIGHT_SHARE / height)


def min_size(fig, *, at_least: float = MIN_PRINT_PT) -> float:
    """The font size (points, in the figure) that prints ``fig`` at ``at_least`` points."""
    return at_least / print_scale(fig)


def _find(family: str) -> bool:
    try:
        font_manager.fontManager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        return True
    except ValueError:
        return False


def ensure_fonts() -> None:
    """Fail once, naming the package, if a font is missing; heal a font list written before it existed.

    matplotlib caches the list of system fonts; a cache written before fonts-noto-cjk was
    installed never sees it. Adding the system's font files again (public API) repairs that.
    """
    missing = [f for f in FONT_FAMILY if not _find(f)]
    if missing:
        known = {entry.fname for entry in font_manager.fontManager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue  # a font file matplotlib cannot read is not ours to fix
        missing = [f for f in missing if not _find(f)]
    if missing:
        raise MissingFontError(font_advice(missing))


# How to install each family of FONT_FAMILY, on each system a reader may run a notebook on.
FONT_INSTALL = {
    "DejaVu Sans": {
        "any system": "it comes with matplotlib: reinstall matplotlib (python -m pip install --force-reinstall matplotlib)",
        "Debian or Ubuntu": "sudo apt-get install fonts-dejavu-core",
    },
    "Noto Sans CJK JP": {
        "Debian or Ubuntu": "sudo apt-get install fonts-noto-cjk",
        "macOS (Homebrew)": "brew install --cask font-noto-sans-cjk",
        "Windows": 'install the font "Noto Sans CJK JP" from Google\'s Noto fonts (open the font file, then Install)',
        "Google Colab": "run !apt-get install -y fonts-noto-cjk in a cell",
    },
}


def font_advice(missing: list[str]) -> str:
    """What is missing and how to install it on each system (no build tool: a reader may have only
    the notebook)."""
    lines = ["matplotlib cannot find the font(s) " + ", ".join(repr(f) for f in missing)
             + ", needed for the figures' Chinese and Japanese labels."]
    for family in missing:
        lines.append(f"To install {family}:")
        lines += [f"- {system}: {how}" for system, how in FONT_INSTALL.get(family, {}).items()]
    lines.append("Then restart the kernel and run the notebook again.")
    return "\n".join(lines)


def apply() -> None:
    """Set the edition's rcParams in this process, after checking that its fonts are there.

    A glyph missing from every font is an error, not a warning: a label drawn as boxes is wrong.
    """
    ensure_fonts()
    matplotlib.rcParams.update(RC)
    warnings.filterwarnings("error", message=r"Glyph .* missing from font", category=UserWarning)


def finish(fig):
    """The one choke point every figure passes on its way out: each of its texts plain, not
    mathtext, whatever rcParams the caller has since set (tick labels made at drawing time follow
    RC above). Returns ``fig``."""
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_parse_math(False)
    return fig


def setup_notebook() -> None:
    """Use the edition style, and emit SVG (for HTML) and PDF (for LaTeX) for every figure."""
    apply()
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("svg", "pdf")
