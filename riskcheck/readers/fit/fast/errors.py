"""The one exception of the fast FIT path."""

from __future__ import annotations

from riskcheck.errors import FileProblem


class FitFastUnsupported(FileProblem):
    """The fast decoder met something it does not handle (damage, truncation, an unknown
    base type, a layout fitparse would refuse...). Callers fall back to fitparse, which
    either reads the file or says precisely what is wrong with it."""
