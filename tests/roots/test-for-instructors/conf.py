# heumezu_sphinx.teaching alone (tests/test_for_instructors.py): sections for the instructor.
extensions = ["heumezu_sphinx.teaching"]
latex_documents = [("index", "teach.tex", "Teach", "Editors", "manual", False)]
