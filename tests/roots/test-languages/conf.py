# heumezu_sphinx.languages alone (tests/test_languages.py), with one small directive of the test's
# own that renders a table cell of heumezu.table parts (Lang among them) through heumezu_sphinx.nodes,
# as the registers do; plain quotes so that hostile text reaches the output as written.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
extensions = ["heumezu_sphinx.languages", "lang_cells"]
smartquotes = False
latex_engine = "xelatex"
latex_documents = [("index", "languages.tex", "Languages", "Test", "howto")]
