"""Which reader a file needs, from its name and, failing that, its first bytes."""

from __future__ import annotations

FIT_SIGNATURE = b".FIT"  # bytes 8-11 of every FIT file header
_BY_SUFFIX = {".fit": "fit", ".gpx": "gpx", ".tcx": "tcx", ".csv": "csv", ".txt": "csv"}


def strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def detect_format(name: str, head: bytes) -> str | None:
    """'fit', 'gpx', 'tcx', 'csv' or None for files riskcheck does not read."""
    base = strip_gz(name.rsplit("!", 1)[-1]).lower()
    suffix = base[base.rfind("."):] if "." in base else ""
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if head[8:12] == FIT_SIGNATURE:
        return "fit"
    text = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        if b"<gpx" in text:
            return "gpx"
        if b"trainingcenterdatabase" in text:
            return "tcx"
    return None


def reader_for(fmt: str):
    """The reader function of a format, imported on first use (keeps start-up fast)."""
    if fmt == "fit":
        from riskcheck.readers.fit.reader import read_fit
        return read_fit
    if fmt == "gpx":
        from riskcheck.readers.gpx.reader import read_gpx
        return read_gpx
    if fmt == "tcx":
        from riskcheck.readers.tcx.reader import read_tcx
        return read_tcx
    from riskcheck.readers.csv import read_csv_log
    return read_csv_log
