"""The smallest inputs that broke a reader under generated damage, kept as plain tests so the
cause stays readable after the generated cases change."""

from __future__ import annotations

import pytest

from riskcheck.errors import FileProblem
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.gpx import read_gpx

_GPX = (b'<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" %s>'
        b'<trk><trkseg><trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>')


@pytest.mark.parametrize("declaration", [
    b'xmlns:gpxx="http://www.garmin.com/ xmlns:wptx1="',  # a space inside the namespace URI
    b'xmlns:gpxx<"http://www.garmin.com/" a="b"',          # a flipped bit turned '=' into '<'
    b'xmlns:gpxx="http://www.garmin.com/\x01"',            # a control character
])
def test_gpx_with_a_damaged_namespace_declaration_is_a_file_problem(declaration):
    # gpxpy registers the root's namespaces with lxml before parsing, and lxml raised
    # ValueError past the reader.
    with pytest.raises(FileProblem, match="not well-formed GPX XML"):
        read_gpx(_GPX % declaration, "damaged.gpx", ReadOptions())
