# heumezu_sphinx.site_files alone (tests/test_site_files.py): the root page is index, so no
# redirect is written and the module needs nothing else.
extensions = ["heumezu_sphinx.site_files"]
