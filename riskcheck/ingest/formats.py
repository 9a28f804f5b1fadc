"""Which reader a file needs, from its name and, failing that, its first bytes."""

from __future__ import annotations

from riskcheck.diary.format import LOCK_SUFFIX, TEMP_SUFFIX

FIT_SIGNATURE = b".FIT"  # bytes 8-11 of every FIT file header
_BY_SUFFIX = {".fit": "fit", ".gpx": "gpx", ".tcx": "tcx", ".csv": "csv", ".txt": "csv"}
# Files an export folder holds beside its activities, known by name alone so that a folder of
# photos or documents is skipped without reading a byte of them.
_KINDS = {
    "an image": ".jpg .jpeg .png .gif .heic .webp .bmp .tif .tiff .svg",
    "a video": ".mp4 .mov .avi .m4v .mkv .webm",
    "a PDF document": ".pdf",
    "a web page": ".html .htm .css .js",
    "a document": ".doc .docx .odt .rtf .md .pages .xls .xlsx .ods .numbers",
    "a route or map file, not a recording": ".kml .kmz .geojson",
    "a JSON file (riskcheck does not read JSON exports)": ".json",
}
_NOT_ACTIVITY = {suffix: kind for kind, suffixes in _KINDS.items() for suffix in suffixes.split()}


def strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def suffix_of(name: str) -> str:
    """The lower-case suffix of a (possibly archive-member, possibly .gz) file name."""
    base = strip_gz(name.rsplit("!", 1)[-1]).lower().rsplit("/", 1)[-1]
    return base[base.rfind("."):] if "." in base else ""


def skip_by_name(name: str) -> str:
    """Why a file is no activity, known from its name alone ('' when its bytes must tell)."""
    if name.endswith(LOCK_SUFFIX):
        return "the lock file of `riskcheck diary add`, not an activity file"
    if name.endswith(TEMP_SUFFIX):
        return "a temporary file `riskcheck diary add` left behind, not an activity file"
    kind = _NOT_ACTIVITY.get(suffix_of(name))
    return f"{kind}, not an activity file ({suffix_of(name)})" if kind else ""


def detect_format(name: str, head: bytes) -> str | None:
    """'fit', 'gpx', 'tcx', 'csv' or None for files riskcheck does not read."""
    suffix = suffix_of(name)
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
