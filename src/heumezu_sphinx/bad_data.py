"""What a directive reports as an error in the data rather than a crash. A module of its own so
that the modules reading the data (page_data, prose_languages) need not import the node builders."""
from heumezu import DataError


class UnsafeValue(Exception):
    """A value the nodes cannot carry safely (reported by the directive as a build error)."""


#: A value the nodes refuse, evidence that fails validation (heumezu.DataError), a missing row or
#: table, a bad value.
BAD_DATA = (UnsafeValue, DataError, LookupError, ValueError)
