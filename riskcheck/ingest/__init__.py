"""From files, folders and archives to the activities table."""

from riskcheck.ingest.limits import Limits
from riskcheck.ingest.read import ReadResult, read
from riskcheck.ingest.samples import read_samples

__all__ = ["Limits", "ReadResult", "read", "read_samples"]
