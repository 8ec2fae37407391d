# heumezu_sphinx.tables alone (tests/test_tables.py); plain quotes so that the hostile header
# text reaches the HTML as written.
extensions = ["heumezu_sphinx.tables"]
smartquotes = False
