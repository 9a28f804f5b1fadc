"""Output files written whole or not at all.

A report is written to a temporary file beside it and renamed into place, so a run that fails
half-way (a disk full, an interrupted run, a name that cannot be encoded) leaves last week's
report as it was, never an empty or truncated one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from riskcheck.output.terminal import undecoded_as_escapes


def write_atomically(path: Path, data: str | bytes) -> None:
    """Text is written as UTF-8, a file name's undecodable bytes as escapes ('\\xf6')."""
    content = undecoded_as_escapes(data).encode("utf-8", errors="backslashreplace") if isinstance(data, str) else data
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.chmod(temporary, 0o666 & ~_umask())  # as a plain open() would have made it
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
