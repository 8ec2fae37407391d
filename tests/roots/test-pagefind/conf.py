# heumezu_sphinx.pagefind_search alone (tests/test_pagefind_search.py), with the basic theme and a
# page template that marks the body as the book's page.html does.
extensions = ["heumezu_sphinx.pagefind_search"]
html_theme = "basic"
templates_path = ["_templates"]
