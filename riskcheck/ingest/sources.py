"""Turn what the user points at (files, folders, zip archives, gzip files) into a flat list of
sources, each one file's bytes behind a loader.

Nothing is ever extracted to disk: archive members are read into memory within the limits,
so a member path like '../../etc/passwd' cannot write anywhere; it is still refused and
reported, because an export that contains one is not to be trusted.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from riskcheck.errors import FileProblem, LimitExceeded
from riskcheck.ingest.formats import skip_by_name
from riskcheck.ingest.limits import MiB, Limits

# A small file may compress very well (a CSV of zeros); the ratio limit only bites on outputs
# large enough to matter for memory.
RATIO_CHECK_FLOOR_BYTES = 4 * MiB
CHUNK = 1 * MiB
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
SYSTEM_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
# riskcheck's own outputs, recognised by what they hold: a report or roster folder written
# into the folder it reads from would otherwise be read back as training on the next run
# (daily.csv as a log: the load doubles every week).
OWN_OUTPUT_MARKERS = {"check.json": b'"schema": "riskcheck.check/', "roster.json": b'"schema": "riskcheck.roster/'}
STORE_FILE = "riskcheck-store.sqlite3"  # the store's file (store.py), its -wal/-shm and set-aside copies


@dataclass
class Source:
    """One file to read. `name` is what the user sees: 'export.zip!activities/12.fit.gz'."""

    name: str
    load: Callable[[], bytes]
    size: int = 0
    # A reason set at enumeration time: the file is accounted for but not read.
    skip_reason: str = ""
    fail_reason: str = ""


@dataclass
class _Budget:
    """Bytes unpacked so far from one top-level archive."""

    limit: int
    used: int = 0

    def spend(self, n: int, name: str) -> None:
        self.used += n
        if self.used > self.limit:
            raise LimitExceeded(f"archive unpacks to more than {self.limit // MiB} MiB in total (limit max_total_bytes)")


def gunzip(data: bytes, limits: Limits) -> bytes:
    """Decompress gzip data (all members) within the per-file size and ratio limits."""
    out = bytearray()
    rest = data
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = rest
        while pending:
            try:
                chunk = d.decompress(pending, CHUNK)
            except zlib.error as exc:
                raise FileProblem(f"damaged gzip data: {exc}") from None
            out += chunk
            pending = d.unconsumed_tail
            _check_growth(len(out), len(data) - len(pending) - len(d.unused_data), limits)
            if d.eof:
                break
        if not d.eof:
            raise FileProblem("truncated gzip data (stream ends early)")
        rest = d.unused_data
        if rest and not rest.startswith(GZIP_MAGIC):
            break  # trailing garbage after the last member, as gzip(1) tolerates
    return bytes(out)


def _check_growth(out_len: int, consumed: int, limits: Limits) -> None:
    if out_len > limits.max_file_bytes:
        raise LimitExceeded(f"decompresses to more than {limits.max_file_bytes // MiB} MiB (limit max_file_bytes)")
    if out_len > RATIO_CHECK_FLOOR_BYTES and out_len > limits.max_ratio * max(consumed, 1):
        raise LimitExceeded(f"compression ratio above {limits.max_ratio:g}:1 (limit max_ratio): likely a decompression bomb")


def _unsafe_member(info: zipfile.ZipInfo) -> str:
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "refused: absolute path inside the archive"
    if ".." in path.parts:
        return "refused: member path escapes the archive ('..')"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "refused: symbolic link inside the archive"
    return ""


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, budget: _Budget) -> bytes:
    if info.file_size > limits.max_file_bytes:
        raise LimitExceeded(f"member unpacks to {info.file_size // MiB} MiB, above max_file_bytes")
    # The sizes in the directory can lie: read in chunks and check as we go.
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(CHUNK):
                out += chunk
                budget.spend(len(chunk), info.filename)
                _check_growth(len(out), max(info.compress_size, 1), limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise FileProblem(f"damaged archive member: {exc}") from None
    return bytes(out)


def _zip_sources(archive: BinaryIO, name: str, limits: Limits, depth: int, budget: _Budget) -> Iterator[Source]:
    """The members of an archive on disk (read member by member when loaded, so that a
    roster's many archives are not all held in memory) or of one unpacked from another."""
    if depth > limits.max_depth:
        yield Source(name, _never, fail_reason=f"refused: archives nested more than {limits.max_depth} deep (limit max_depth)")
        return
    try:
        zf = zipfile.ZipFile(archive)
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        yield Source(name, _never, fail_reason=f"not a readable zip archive: {exc}")
        return
    if len(infos) > limits.max_members:
        yield Source(name, _never, fail_reason=f"refused: {len(infos)} members, above max_members={limits.max_members}")
        return
    for info in infos:
        member = f"{name}!{info.filename}"
        reason = _unsafe_member(info)
        if reason:
            yield Source(member, _never, fail_reason=reason)
            continue
        if _is_system_file(info.filename):
            yield Source(member, _never, size=info.compress_size, skip_reason="system file, not an activity")
            continue
        if skip_by_name(info.filename):
            yield Source(member, _never, size=info.compress_size, skip_reason=skip_by_name(info.filename))
            continue
        lower = info.filename.lower()
        if lower.endswith(".zip"):
            try:
                inner = _read_member(zf, info, limits, budget)
            except FileProblem as exc:
                yield Source(member, _never, fail_reason=exc.reason)
                continue
            yield from _zip_sources(io.BytesIO(inner), member, limits, depth + 1, budget)
            continue
        yield Source(member, _member_loader(zf, info, limits, budget), size=info.compress_size)


def _member_loader(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, budget: _Budget) -> Callable[[], bytes]:
    return lambda: _maybe_gunzip(_read_member(zf, info, limits, budget), limits)


def _maybe_gunzip(data: bytes, limits: Limits) -> bytes:
    if data[:2] == GZIP_MAGIC:
        return gunzip(data, limits)
    return data


def _never() -> bytes:
    raise AssertionError("a source with a skip or fail reason is never loaded")


def _is_system_file(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return any(p.startswith("__MACOSX") for p in parts) or parts[-1].lower() in SYSTEM_NAMES or parts[-1].startswith("._")


def _file_sources(path: Path, display: str, limits: Limits) -> Iterator[Source]:
    try:
        info = path.stat()
    except OSError as exc:
        yield Source(display, _never, fail_reason=f"cannot read: {exc.strerror or exc}")
        return
    size = info.st_size
    if not stat.S_ISREG(info.st_mode):  # a FIFO would hang the run, /dev/zero never end
        yield Source(display, _never, skip_reason=f"not a regular file ({_kind(info.st_mode)})")
        return
    if _is_system_file(path.name):
        yield Source(display, _never, size=size, skip_reason="system file, not an activity")
        return
    if path.name.startswith(STORE_FILE):
        yield Source(display, _never, size=size, skip_reason="riskcheck's store of files already read")
        return
    if skip_by_name(path.name):
        yield Source(display, _never, size=size, skip_reason=skip_by_name(path.name))
        return
    if path.suffix.lower() == ".zip" or _starts_with(path, ZIP_MAGIC):
        try:
            archive = path.open("rb")  # open while its members are loaded, closed with them
        except OSError as exc:
            yield Source(display, _never, fail_reason=f"cannot read: {exc.strerror or exc}")
            return
        yield from _zip_sources(archive, display, limits, 1, _Budget(limits.max_total_bytes))
        return
    if size > limits.max_file_bytes:  # the limit a gzip's content meets, for plain files too
        yield Source(display, _never, size=size, fail_reason=f"file is larger than {limits.max_file_bytes // MiB} MiB "
                                                             "(limit max_file_bytes)")
        return
    yield Source(display, lambda: _maybe_gunzip(path.read_bytes(), limits), size=size)


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"


def own_output(folder: Path, files: list[str]) -> str:
    """Which riskcheck output the folder is, or ''. `files`: the names in it."""
    for name, marker in OWN_OUTPUT_MARKERS.items():
        if name in files:
            try:
                with (folder / name).open("rb") as fh:
                    if marker in fh.read(4096):
                        return "a riskcheck report folder" if name == "check.json" else "a riskcheck roster folder"
            except OSError:
                pass
    return ""


def _walk(folder: Path, limits: Limits) -> Iterator[Source]:
    """Every file under the folder in sorted order. Symlinked folders are followed once (a link
    back up the tree is not followed again); a folder that cannot be listed, and riskcheck's own
    output folders, are accounted for as one source each."""
    seen: set[tuple[int, int]] = set()
    problems: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=problems.append):
        yield from _unlisted(problems, root)
        here = Path(root)
        try:
            info = here.stat()
            key = (info.st_dev, info.st_ino)
        except OSError:
            key = None
        own = own_output(here, files)
        if key in seen or own:
            dirs.clear()
            if own:
                yield Source(str(here), _never, skip_reason=f"{own}: riskcheck's own output, not training")
            continue
        seen.add(key)
        dirs.sort()
        for fname in sorted(files):
            full = here / fname
            yield from _file_sources(full, str(full), limits)
    yield from _unlisted(problems, folder)


def _unlisted(problems: list[OSError], near: str | Path) -> Iterator[Source]:
    """The folders os.walk could not list so far, each a failed source; the list is emptied."""
    for exc in problems:
        yield Source(str(exc.filename or near), _never, fail_reason=f"cannot read folder: {exc.strerror or exc}")
    problems.clear()


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(magic)) == magic
    except OSError:
        return False


def iter_sources(paths: list[str | os.PathLike], limits: Limits | None = None) -> Iterator[Source]:
    """Every file under the given paths, folders walked recursively in sorted order,
    archives opened. A path that does not exist is reported as failed, not raised, so a
    roster with one bad entry still reads the others (the CLI checks paths up front)."""
    limits = limits or Limits()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, limits)
        elif path.exists() or path.is_symlink():
            yield from _file_sources(path, str(path), limits)
        else:
            yield Source(str(path), _never, fail_reason="no such file or folder")
