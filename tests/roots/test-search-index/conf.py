# heumezu_sphinx.search_index alone (tests/test_search_index.py). Its setup() replaces
# sphinx.search.IndexBuilder.feed for the whole process, as it does in the book's build.
extensions = ["heumezu_sphinx.search_index"]
smartquotes = False
