"""heumezu_sphinx.printing's table columns in print (issue 27): widths go to where the text is, so
that a long note does not run twenty lines beside cells of a word; no column narrower than its
longest word; the widths still fill the text block."""
from __future__ import annotations

import pytest
from docutils import nodes

from heumezu_sphinx import printing


def _height(lengths, widths):
    return sum(max(max(1.0, c * printing.WRAP_LOSS / (w - printing.COLUMN_PADDING)) for c, w in zip(row, widths))
               for row in lengths)


def test_a_long_note_takes_width_from_columns_that_do_not_need_it():
    rows = [[40, 80, 400, 60, 900, 120]] * 5 + [[40, 80, 200, 0, 100, 120]] * 10
    least = [50, 60, 60, 40, 60, 60]
    start = [63, 81, 120, 45, 81, 60]
    widths = printing.balance_columns(rows, least, 450, start)
    assert sum(widths) == pytest.approx(450)
    assert all(w >= floor - 1e-6 for w, floor in zip(widths, least))
    assert widths[4] > 1.5 * start[4]  # the notes' column widened
    assert _height(rows, widths) < 0.7 * _height(rows, start)


def test_balanced_columns_are_left_alone():
    rows = [[100, 100, 100]] * 4
    widths = printing.balance_columns(rows, [30, 30, 30], 450, [150, 150, 150])
    assert widths == pytest.approx([150, 150, 150])


def test_no_room_to_move_is_no_change():
    widths = printing.balance_columns([[900, 10]], [200, 250], 450, [200, 250])
    assert widths == pytest.approx([200, 250])


def test_cjk_characters_are_an_em_each():
    assert printing.text_length("何應欽", 10.0) == pytest.approx(30.0)
    assert printing.text_length("He 何", 10.0) == pytest.approx(printing.word_width("He", 10.0) + 10.0)


def _group(rows, widths):
    group = nodes.tgroup(cols=len(widths))
    group += [nodes.colspec(colwidth=w) for w in widths]
    body = nodes.tbody()
    for row in rows:
        body += nodes.row("", *(nodes.entry("", nodes.paragraph("", text)) for text in row))
    group += body
    return group


def test_fit_columns_balances_a_register_like_table():
    life, note = "1882–1948", " ".join(["a long note on the sources of this entry"] * 12)
    group = _group([("Name", life, note, "Src")] * 6, (25, 25, 25, 25))
    printing.fit_columns(group, 9.0)
    widths = [c["colwidth"] for c in group.findall(nodes.colspec)]
    assert widths[2] == max(widths) and widths[2] > 500  # of 1000
    piece = printing.word_width("1882–", 9.0)  # a range may break after its dash
    assert widths[1] * printing.TEXT_WIDTH / 1000 >= piece + printing.COLUMN_PADDING - 1


def test_two_column_tables_keep_their_proportions():
    group = _group([("Field", "a long value " * 30)] * 3, (20, 80))
    printing.fit_columns(group, 10.0)
    assert [c["colwidth"] for c in group.findall(nodes.colspec)] == [200, 800]


def test_height_counts_the_fullest_cell_of_each_row():
    widths = [100.0, 100.0]
    one_line = printing.table_height([[10, 10]], widths, 10.0)
    three_lines = printing.table_height([[10, 3 * (100 - printing.COLUMN_PADDING) / printing.WRAP_LOSS - 1]],
                                        widths, 10.0)
    assert three_lines == pytest.approx(one_line + 2 * 12.0)


def test_fit_columns_returns_the_estimated_height():
    short = _group([("a", "b", "c")], (1, 1, 1))
    tall = _group([("a", "word " * 400, "c")] * 8, (1, 1, 1))
    assert printing.fit_columns(short, 10.0) < 30
    assert printing.fit_columns(tall, 10.0) > printing.BREAKABLE * printing.TEXT_HEIGHT
