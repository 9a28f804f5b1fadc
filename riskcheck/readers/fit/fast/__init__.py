"""A numpy-vectorised FIT decoder: the fast path in front of fitparse.

`decode_fit(data)` returns the profile's messages as numpy columns with the values fitparse
gives; anything it does not handle raises `FitFastUnsupported`, and the caller falls back to
fitparse.
"""

from .decode import FitData, decode_fit
from .errors import FitFastUnsupported

__all__ = ["FitData", "FitFastUnsupported", "decode_fit"]
