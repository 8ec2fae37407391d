# heumezu_sphinx.site_files with a root page that is not index (as sphinx-external-toc's root
# in the book): the redirect it writes takes its title from app.heumezu_citation, which
# heumezu_sphinx.metadata reads from CITATION.cff, so that module is loaded too.
extensions = ["heumezu_sphinx.site_files", "heumezu_sphinx.metadata"]
root_doc = "intro"
language = "en"
