# heumezu_sphinx.paragraphs alone (tests/test_paragraphs.py).
extensions = ["heumezu_sphinx.paragraphs"]
