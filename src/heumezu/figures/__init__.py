"""Figures drawn from the evidence. Each function returns a matplotlib Figure made without pyplot."""
from .style import apply, setup_notebook

__all__ = ["apply", "setup_notebook"]
