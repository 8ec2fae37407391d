# heumezu_sphinx.student_setup alone (tests/test_student.py): the notebook it names is in
# notebooks/, the Python versions in pyproject.toml, as in the edition.
extensions = ["heumezu_sphinx.student_setup"]
