# heumezu_sphinx.print_parts alone (tests/test_print_parts.py).
extensions = ["heumezu_sphinx.print_parts"]
latex_documents = [("index", "parts.tex", "Parts", "Editors", "manual", True)]  # toctree_only, as Jupyter Book
