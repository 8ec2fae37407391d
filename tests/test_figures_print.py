"""The figures as the PDF prints them: every text at least 7 pt at the size the page gives the
figure, and every text searchable (embedded fonts with a Unicode map, no Type 3).

The PDF scales an image down to the text width, and to at most a share of the text height
(``style.print_scale``); the book's figures are drawn with the very calls the chapters make
(``BOOK_FIGURES``, checked against the notebooks and pages that draw them).
"""
from __future__ import annotations

import json
import re

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

import heumezu as hu
from heumezu import paths
from heumezu.figures import attestation, escalation, geography, network, style, timeline

ROOT = paths.PROJECT_ROOT

# The figure calls of the book (the last line of each figure cell), and how to make each here.
BOOK_FIGURES = {
    'timeline.timeline(ev, "background")': lambda ev: timeline.timeline(ev, "background"),
    "geography.north_china_map(ev)": lambda ev: geography.north_china_map(ev),
    "escalation.demand_escalation(ev)": lambda ev: escalation.demand_escalation(ev),
    "network.actor_network(ev)": lambda ev: network.actor_network(ev),
    'timeline.timeline(ev, "aftermath", end="1937-07-31")':
        lambda ev: timeline.timeline(ev, "aftermath", end="1937-07-31"),
    'attestation_matrix(ev, ["events"])': lambda ev: attestation.attestation_matrix(ev, ["events"]),
    'attestation_matrix(ev, ["demands"])': lambda ev: attestation.attestation_matrix(ev, ["demands"]),
    'attestation_matrix(ev, ["actors"])': lambda ev: attestation.attestation_matrix(ev, ["actors"]),
}


def _figure_cells():
    """The last line of every code cell of the book that is a figure (a notebook cell with
    mystnb.figure metadata, or a MyST code-cell with a :figure: option)."""
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(nb.read_text())["cells"]:
            if cell["cell_type"] == "code" and "figure" in cell["metadata"].get("mystnb", {}):
                yield "".join(cell["source"]).strip().splitlines()[-1]
    for page in sorted((ROOT / "book").rglob("*.md")):
        for block in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", page.read_text(), re.DOTALL):
            if re.search(r"^:\s+figure:", block, re.MULTILINE):
                yield block.strip().splitlines()[-1]


def test_the_book_draws_the_figures_tested_here():
    assert sorted(_figure_cells()) == sorted(BOOK_FIGURES)


def test_print_geometry_is_the_books():
    """style's print geometry is that of _config.yml: A4, Sphinx's default 1 in margins, the
    image height limit of the preamble."""
    config = (ROOT / "_config.yml").read_text()
    assert re.search(r"papersize:\s*a4paper", config)
    assert "hmargin" not in config and "vmargin" not in config  # Sphinx's defaults: 1 in
    share = re.search(r"\\spx@image@maxheight=([0-9.]+)\\textheight", config)
    assert share and float(share.group(1)) == style.PRINT_MAX_HEIGHT_SHARE
    assert style.PRINT_TEXT_WIDTH == pytest.approx(8.27 - 2.0)
    assert style.PRINT_TEXT_HEIGHT == pytest.approx(11.69 - 2.0)


@pytest.fixture(scope="module")
def ev():
    return hu.load()


@pytest.fixture(scope="module")
def figures(ev):
    cache = {}

    def get(call):
        if call not in cache:
            fig = BOOK_FIGURES[call](ev)
            FigureCanvasAgg(fig).draw()
            cache[call] = fig
        return cache[call]
    return get


@pytest.mark.parametrize("call", list(BOOK_FIGURES))
def test_every_text_prints_at_7_pt_or_more(figures, call):
    fig = figures(call)
    scale = style.print_scale(fig)
    small = sorted({(round(t.get_fontsize() * scale, 2), t.get_text().replace("\n", " ")[:40])
                    for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
                    and t.get_fontsize() * scale < style.MIN_PRINT_PT - 1e-9})
    assert not small, f"{call}: printed at {scale:.3f} of its size, these texts are under 7 pt: {small[:8]}"


def test_print_scale_is_what_latex_does():
    """A figure wider than the text is scaled to it; a tall one to the height limit; none enlarged.
    The image is the figure's tight bounding box with matplotlib's 0.1 in padding (Jupyter's inline
    backend saves so): the network's image is 7.2 in wide for a 7 in figure."""
    from matplotlib.figure import Figure
    assert style.print_scale(Figure(figsize=(3, 2))) == 1.0
    assert style.print_scale(Figure(figsize=(7, 3))) == pytest.approx(6.27 / 7.2)
    assert style.print_scale(Figure(figsize=(7, 14))) == pytest.approx(0.72 * 9.69 / 14.2)
    text_only = Figure(figsize=(9, 9))
    text_only.text(0.5, 0.5, "short", fontsize=10)  # the image is the text's box, printed at full size
    assert style.print_scale(text_only) == 1.0


def test_print_scale_matches_the_image_the_book_saves(figures):
    """The size print_scale assumes is the size of the image savefig makes for the book."""
    import io

    from matplotlib.backends.backend_pdf import PdfPages  # noqa: F401 (the PDF backend is available)

    fig = figures("network.actor_network(ev)")
    out = io.BytesIO()
    fig.savefig(out, format="pdf", bbox_inches="tight")
    box = re.search(rb"/MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)", out.getvalue())
    assert box, "no MediaBox in the saved PDF"
    width, height = (float(v) / 72 for v in box.groups())
    assert style.saved_size(fig) == pytest.approx((width, height), abs=0.06)


@pytest.mark.parametrize("call", ["network.actor_network(ev)", 'timeline.timeline(ev, "background")'])
def test_pdf_figure_text_is_searchable(figures, call):
    """No Type 3 font: every font embedded whole-glyph (Type 42 / CID) with a Unicode map; the
    network's Chinese and Japanese names come out of the PDF as text."""
    import io
    import shutil
    import subprocess

    out = io.BytesIO()
    figures(call).savefig(out, format="pdf")
    data = out.getvalue()
    assert b"/Type3" not in data
    assert data.count(b"/ToUnicode") == data.count(b"/Subtype /Type0") > 0
    if shutil.which("pdftotext") and call.startswith("network"):
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert "何應欽" in text and "He Yingqin" in text


def test_built_pdf_has_no_type3_font(built):
    """`pdffonts` on the book: no Type 3 font (figure text searchable and copyable), every font
    with a Unicode map."""
    import shutil
    import subprocess

    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    [pdf] = (built / "latex").glob("he-umezu-edition.pdf")
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows, "pdffonts lists no font"
    assert not [r for r in rows if "Type 3" in r], "\n".join(r for r in rows if "Type 3" in r)
    assert all(r.split()[-3] == "yes" for r in rows), "a font without a Unicode map (uni)"


def test_attestation_dates_are_written_as_readers_write_them(ev):
    """No ISO date in the matrix: each event's and demand's label opens with the edition's own
    form of its date (registers.display_date, from the row's precision and uncertainty)."""
    from heumezu import registers

    frame = attestation.attestation_frame(ev)
    labels = frame["label"]
    assert not [label for label in labels if re.search(r"\b\d{4}-\d{2}\b", label)]
    events, demands = ev.events.set_index("id"), ev.demands.set_index("id")
    for (table, row), label in labels.items():
        if table == "events":
            r = events.loc[row]
            date = registers.display_date(r["date"], r["precision"], r["uncertain"], r["end_date"])
        elif table == "demands":
            r = demands.loc[row]
            date = registers.display_date(r["date"], None, r["uncertain"])
        else:
            continue
        assert label.startswith(date + " "), (label, date)
    # The case of the issue: a day known only roughly reads "c. 9 June 1935", not "c. 1935-06-09".
    assert any(re.match(r"c\. \d{1,2} [A-Z][a-z]+ 1935 ", label) for label in labels)


@pytest.mark.parametrize("tables", [["events"], ["demands"], ["actors"]])
def test_attestation_parts_show_their_tables_only(ev, tables):
    fig = attestation.attestation_matrix(ev, tables)
    frame = attestation.attestation_frame(ev)
    expected = [label for (table, _), label in frame["label"].items() if table in tables]
    shown = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert shown == expected
