# heumezu_sphinx.citation_notes with the evidence folder's setting (tests/test_citation_notes.py):
# two chapters citing the works of data/references.bib, and the bibliography page.
extensions = ["myst_parser", "heumezu_sphinx.page_data", "heumezu_sphinx.citation_notes"]
heumezu_data = "data"
exclude_patterns = ["_build", "data"]
latex_documents = [("index", "notes.tex", "Notes", "Tester", "manual")]
latex_show_urls = "footnote"
