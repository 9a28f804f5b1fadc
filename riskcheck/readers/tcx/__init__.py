"""Garmin TrainingCenterDatabase (TCX) files.

- reader.py: the reader, `read_tcx` (fast path) and `read_tcx_reference` (a tree walk per
  trackpoint, the reference)
- columns.py: the fast path, trackpoints of one shape read a column at a time
"""

from riskcheck.readers.tcx.reader import read_tcx

__all__ = ["read_tcx"]
