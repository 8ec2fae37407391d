"""Build plumbing of the edition: Sphinx extensions that know the ``heumezu`` package, never the reverse."""
