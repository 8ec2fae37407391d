# heumezu_sphinx.student_setup naming a notebook that does not exist (tests/test_student.py).
extensions = ["heumezu_sphinx.student_setup"]
