# heumezu_sphinx.document_pages alone (tests/test_document_pages.py): the documents of the data
# folder named by HEUMEZU_DATA (a copy the test may have made hostile), cited from its .bib files.
import os

extensions = ["heumezu_sphinx.page_data", "heumezu_sphinx.citation_notes", "heumezu_sphinx.document_pages"]
heumezu_data = os.environ["HEUMEZU_DATA"]
smartquotes = False
