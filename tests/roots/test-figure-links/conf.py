# heumezu_sphinx.figure_links alone (tests/test_figure_links.py).
extensions = ["heumezu_sphinx.figure_links"]
