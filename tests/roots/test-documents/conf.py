# heumezu_sphinx.document_pages alone (tests/test_document_pages.py): the documents of the data
# folder named by HEUMEZU_DATA (a copy the test may have made hostile), cited from its .bib files.
import os
from pathlib import Path

extensions = ["sphinxcontrib.bibtex", "heumezu_sphinx.page_data", "heumezu_sphinx.document_pages"]
_data = Path(os.environ["HEUMEZU_DATA"])
bibtex_bibfiles = [str(p) for p in sorted(_data.glob("*.bib"))]
bibtex_reference_style = "author_year"
smartquotes = False
