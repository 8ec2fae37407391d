"""heumezu: the code behind the executable edition of the He-Umezu Agreement (1935).

The notebooks and the tests call this package; the data files in ``data/`` are the single
source of truth for every fact it shows.
"""
from . import paths
from .evidence import Evidence, UndeclaredTable, load
from .problems import DataError, Problem
from .validate import validate

__all__ = ["DataError", "Evidence", "Problem", "UndeclaredTable", "load", "paths", "validate"]
