"""GPX 1.0 and 1.1 tracks.

- reader.py: the reader, `read_gpx` (fast path) and `read_gpx_reference` (gpxpy, the reference)
- byte_columns.py: the fast path, track points read straight from the bytes
- tree_columns.py: the fallback fast path, one lxml tree walk reading points as gpxpy does
"""

from riskcheck.readers.gpx.reader import read_gpx

__all__ = ["read_gpx"]
