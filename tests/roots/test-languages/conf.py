# heumezu_sphinx.languages and .prose_languages alone (tests/test_languages.py; no evidence here), with one small directive of the test's
# own that renders a table cell of heumezu.table parts (Lang among them) through heumezu_sphinx.nodes,
# as the registers do; plain quotes so that hostile text reaches the output as written.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
extensions = ["heumezu_sphinx.languages", "heumezu_sphinx.prose_languages", "lang_cells"]
smartquotes = False
latex_engine = "xelatex"
latex_documents = [("index", "languages.tex", "Languages", "Test", "howto")]
