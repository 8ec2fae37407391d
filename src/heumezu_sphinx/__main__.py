"""``python -m heumezu_sphinx stamp|fonts [ROOT]``: the build manifest's digests, for the Makefile."""
import sys

from .manifest import main

sys.exit(main(sys.argv[1:]))
