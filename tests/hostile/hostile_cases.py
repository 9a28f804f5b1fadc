"""Generated damage for the hostile-input tests: what a case is, how its bytes are built, and
the hypothesis strategies that draw cases from small corpus files.

A case is a recipe, not bytes: a corpus file to start from and a short list of operations
(flip a bit, cut, insert, splice another file on, wrap in a FIT header...). Recipes are small
to send to worker processes and print as a reproducer; `build` turns one into bytes.
"""

from __future__ import annotations

import random
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

# Seeds small enough to mutate thousands of times: fitparse needs ~10 ms per KB (twice that
# once a flipped bit fails the CRC and the file is decoded again), gpxpy ~3, lxml (TCX) and
# the CSV readers less than 1.
SIZE_CAPS = {"fit": 2_100, "gpx": 8_000, "tcx": 20_000, "csv": 20_000}
FIT_HEADER_BASE = b"\x0e\x20\x54\x08"  # 14-byte header, protocol 2.0, profile 21.32


@dataclass(frozen=True)
class Case:
    family: str   # what kind of damage, e.g. "truncate:fit-data"
    name: str     # file name given to read_bytes (its suffix picks the reader)
    seed: str     # corpus file the bytes start from ("" for none)
    ops: tuple    # ((operation, *args), ...) applied in order by build()

    def reproducer(self) -> str:
        return f"build(Case({self.family!r}, {self.name!r}, {self.seed!r}, {self.ops!r}), seeds)"


def build(case: Case, seeds: dict[str, bytes]) -> bytes:
    data = bytearray(seeds[case.seed]) if case.seed else bytearray()
    for op, *args in case.ops:
        if op == "flip" and data:
            pos, bit = args
            data[pos % len(data)] ^= 1 << bit
        elif op == "flips" and data:
            rng = random.Random(args[0])
            for _ in range(args[1]):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif op == "delete":
            pos, n = args
            del data[pos:pos + n]
        elif op == "insert":
            pos, blob = args
            data[pos:pos] = blob
        elif op == "truncate":
            del data[args[0]:]
        elif op == "append":
            other, start = args
            data += seeds[other][start:]
        elif op == "bytes":
            data += args[0]
        elif op == "random":
            rng_seed, n = args
            data += random.Random(rng_seed).randbytes(n)
        elif op in ("xml_pieces", "csv_rows"):
            data += _random_text(op, args)
        elif op == "fit_frame":
            data = bytearray(fit_framed(bytes(data), header_crc=args[0], file_crc=args[1]))
    return bytes(data)


# --- FIT framing ------------------------------------------------------------------------------

_CRC_TABLE = (0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
              0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400)


def fit_crc(data: bytes) -> int:
    """The FIT protocol's CRC-16, from its specification."""
    crc = 0
    for byte in data:
        for nibble in (byte & 0x0F, byte >> 4):
            tmp = _CRC_TABLE[crc & 0x0F]
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ _CRC_TABLE[nibble]
    return crc


def fit_framed(body: bytes, header_crc: bool, file_crc: bool) -> bytes:
    """`body` as the messages of a FIT file with a valid 14-byte header (and file CRC)."""
    head = FIT_HEADER_BASE + struct.pack("<I", len(body)) + b".FIT"
    head += struct.pack("<H", fit_crc(head) if header_crc else 0)
    out = head + body
    return out + struct.pack("<H", fit_crc(out)) if file_crc else out


def fit_boundaries(data: bytes) -> dict[str, list[int]]:
    """Truncation points by kind: inside a header, at or inside a definition message, inside
    a data message, before and inside the file CRC. Walks the framing only, and stops where
    the framing stops making sense (the damaged corpus files)."""
    kinds: dict[str, list[int]] = {"fit-header": [], "fit-definition": [], "fit-data": [], "fit-crc": []}
    pos = 0
    while pos + 12 <= len(data) and data[pos + 8:pos + 12] == b".FIT":
        header_size = data[pos]
        (data_size,) = struct.unpack_from("<I", data, pos + 4)
        kinds["fit-header"] += range(pos + 1, pos + header_size)
        end = min(pos + header_size + data_size, len(data))
        _message_boundaries(data, pos + header_size, end, kinds)
        kinds["fit-crc"] += [p for p in (end, end + 1) if p < len(data)]
        pos = end + 2
    return kinds


def _message_boundaries(data: bytes, pos: int, end: int, kinds: dict[str, list[int]]) -> None:
    sizes: dict[int, int] = {}  # local message type -> data message size
    while pos < end:
        header = data[pos]
        if header & 0x80 or not header & 0x40:
            local = (header >> 5) & 0x3 if header & 0x80 else header & 0x0F
            if local not in sizes:
                return
            kinds["fit-data"] += range(pos + 1, min(pos + 1 + sizes[local], end))
            pos += 1 + sizes[local]
            continue
        if pos + 6 > end:
            return
        n_fields = data[pos + 5]
        size = 6 + 3 * n_fields
        fields = data[pos + 6:pos + size]
        n_dev = data[pos + size] if header & 0x20 and pos + size < end else 0
        dev = data[pos + size + 1:pos + size + 1 + 3 * n_dev]
        length = size + (1 + 3 * n_dev if header & 0x20 else 0)
        kinds["fit-definition"] += range(pos, min(pos + length, end))
        sizes[header & 0x0F] = sum(fields[1::3]) + sum(dev[1::3])
        pos += length


# --- text boundaries --------------------------------------------------------------------------

_TAG = re.compile(rb"<[^<>]+>")
_ATTRIBUTE = re.compile(rb"""=\s*("[^"]*"|'[^']*')""")
_EXTENSION = re.compile(rb"<(?:\w+:)?[Ee]xtensions\b.*?</(?:\w+:)?[Ee]xtensions>", re.S)
_QUOTED = re.compile(rb'"[^"]*"')


def xml_boundaries(data: bytes) -> dict[str, list[int]]:
    return {
        "xml-tag": _inside(_TAG.finditer(data)),
        "xml-attribute": _inside(_ATTRIBUTE.finditer(data)),
        "xml-extension": _inside(_EXTENSION.finditer(data)),
    }


def csv_boundaries(data: bytes) -> dict[str, list[int]]:
    row_ends = [m.end() for m in re.finditer(rb"\n", data)]
    inside_rows = [p for start, end in zip([0] + row_ends, row_ends) for p in range(start + 1, end - 1)]
    return {"csv-row-end": row_ends, "csv-mid-row": inside_rows, "csv-quoted": _inside(_QUOTED.finditer(data))}


def _inside(matches) -> list[int]:
    return [p for m in matches for p in range(m.start() + 1, m.end() - 1)]


def boundaries(name: str, data: bytes) -> dict[str, list[int]]:
    kind = Path(name).suffix.lower()
    found = fit_boundaries(data) if kind == ".fit" else csv_boundaries(data) if kind == ".csv" else xml_boundaries(data)
    return {k: v for k, v in found.items() if v}


# --- the seeds --------------------------------------------------------------------------------

def small_seeds(manifest: list[dict[str, str]]) -> dict[str, Path]:
    """Corpus files small enough to mutate thousands of times, by name."""
    chosen = {}
    for row in manifest:
        if int(row["bytes"]) <= SIZE_CAPS[row["kind"]] and not row["local_name"].endswith(".gz"):
            chosen[row["local_name"]] = Path(row["file"])
    return chosen


# --- strategies -------------------------------------------------------------------------------

def _positions(data: bytes) -> st.SearchStrategy[int]:
    return st.integers(0, max(len(data) - 1, 0))


def _renamed(name: str) -> st.SearchStrategy[str]:
    """The file's own name mostly; sometimes no extension, so the format is sniffed (CSV
    is never sniffed: without its suffix it is skipped unread)."""
    if name.lower().endswith(".csv"):
        return st.just(name)
    return st.sampled_from([name, name, name, Path(name).stem])


@st.composite
def bit_flips(draw, seeds: dict[str, bytes]) -> Case:
    """One flip where hypothesis likes to put it (near the start, near the end), and up to
    seven more spread at random."""
    seed = draw(st.sampled_from(sorted(seeds)))
    ops = (("flip", draw(_positions(seeds[seed])), draw(st.integers(0, 7))),
           ("flips", draw(st.integers(0, 2**32)), draw(st.integers(0, 7))))
    return Case("bitflip", draw(_renamed(seed)), seed, ops)


@st.composite
def deletions_insertions(draw, seeds: dict[str, bytes]) -> Case:
    """A stretch deleted, random bytes inserted, or a stretch of the file itself repeated
    elsewhere (plausible bytes in the wrong place)."""
    seed = draw(st.sampled_from(sorted(seeds)))
    pos, n = draw(_positions(seeds[seed])), draw(st.integers(1, 64))
    op = draw(st.sampled_from(["delete", "insert", "repeat"]))
    if op == "delete":
        ops = (("delete", pos, n),)
    elif op == "insert":
        ops = (("insert", pos, draw(st.binary(min_size=1, max_size=64))),)
    else:
        ops = (("insert", pos, seeds[seed][draw(_positions(seeds[seed])):][:n]),)
    return Case("delete-insert", draw(_renamed(seed)), seed, ops)


@st.composite
def truncations(draw, seeds: dict[str, bytes], cuts: dict[str, dict[str, list[int]]]) -> Case:
    """A cut at a boundary of the file's own structure: header, definition, data message,
    CRC (FIT); mid-tag, mid-attribute, mid-extension (XML); row end, mid-row, quoted field (CSV)."""
    seed = draw(st.sampled_from(sorted(s for s in seeds if cuts[s])))
    kind = draw(st.sampled_from(sorted(cuts[seed])))
    pos = draw(st.sampled_from(cuts[seed][kind]))
    return Case(f"truncate:{kind}", draw(_renamed(seed)), seed, (("truncate", pos),))


@st.composite
def splices(draw, seeds: dict[str, bytes]) -> Case:
    """The head of one file and the tail of another, often of another format."""
    head, tail = draw(st.sampled_from(sorted(seeds))), draw(st.sampled_from(sorted(seeds)))
    cut = draw(st.integers(1, len(seeds[head])))
    start = draw(st.integers(0, len(seeds[tail]) - 1))
    name = draw(st.sampled_from([head, tail]))
    return Case("splice", name, head, (("truncate", cut), ("append", tail, start)))


@st.composite
def fit_chains(draw, seeds: dict[str, bytes]) -> Case:
    """Two FIT files back to back, the second one damaged (as in chained exports)."""
    fits = sorted(s for s in seeds if s.lower().endswith(".fit"))
    first, second = draw(st.sampled_from(fits)), draw(st.sampled_from(fits))
    offset, length = len(seeds[first]), len(seeds[second])
    damage = draw(st.one_of(
        st.tuples(st.just("flip"), st.integers(offset, offset + length - 1), st.integers(0, 7)),
        st.tuples(st.just("truncate"), st.integers(offset + 1, offset + length - 1)),
        st.tuples(st.just("delete"), st.integers(offset, offset + length - 1), st.integers(1, 32)),
    ))
    return Case("fit-chain", first, first, (("append", second, 0), damage))


@st.composite
def fit_random_bodies(draw, seeds: dict[str, bytes]) -> Case:
    """A valid FIT header (and CRCs) around random bytes, or around the first messages of a
    real file followed by random bytes."""
    ops: list[tuple] = []
    seed = ""
    if draw(st.booleans()):
        seed = draw(st.sampled_from(sorted(s for s in seeds if s.lower().endswith(".fit"))))
        cuts = fit_boundaries(seeds[seed])["fit-definition"] or [14]
        ops += [("delete", 0, seeds[seed][0]), ("truncate", draw(st.sampled_from(cuts)) - seeds[seed][0])]
    ops.append(("random", draw(st.integers(0, 2**32)), draw(st.integers(0, 4000))))
    ops.append(("fit_frame", draw(st.booleans()), draw(st.booleans())))
    return Case("fit-random-body", draw(st.sampled_from(["random.fit", "random"])), seed, tuple(ops))


_XML_HEADS = {
    "gpx": b'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="hostile" '
           b'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>',
    "tcx": b'<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
           b'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
           b'<Activity Sport="Running"><Id>2020-01-01T00:00:00Z</Id><Lap StartTime="2020-01-01T00:00:00Z">',
}
_XML_PIECES = ["<trkpt", "</trkpt>", ' lat="', ' lon="', '">', "<time>", "</time>", "2020-01-01T00:00:",
               "Z", "<ele>", "<extensions>", "<hr>", "</hr>", "<Trackpoint>", "<Time>", "</Time>",
               "<HeartRateBpm><Value>", "</Value></HeartRateBpm>", "<Track>", "</Track>", "<", ">",
               "/", "&", "&amp;", "&#", "]]>", "<![CDATA[", "<!--", "-->", "<?", "?>", '"', "'", "=",
               "\x00", "\ufeff", "\u00e9", "-", ".", "e"]


@st.composite
def xml_random_bodies(draw) -> Case:
    """A valid XML declaration and GPX/TCX root, then random bytes or random XML-ish text."""
    fmt = draw(st.sampled_from(sorted(_XML_HEADS)))
    body = (draw(st.sampled_from(["random", "xml_pieces"])), draw(st.integers(0, 2**32)), draw(st.integers(0, 4000)))
    name = draw(st.sampled_from([f"random.{fmt}", "random"]))
    return Case(f"{fmt}-random-body", name, "", (("bytes", _XML_HEADS[fmt]), body))


_CELLS = ["", "--", "0", "1", "-1", "1,5", "1.5", "12:34", "1:02:03", "2021-03-04", "04.03.2021",
          "2021-03-04 06:07:08", "Running", "Run", "Laufen", "nan", "inf", "-inf", "1e308", "9" * 30,
          '"a,b"', '"', '""', ";", ",", "\t", "\u00e9", "\ufeff", "\x00", "\r", " ", "NULL"]


@st.composite
def csv_random_rows(draw, seeds: dict[str, bytes]) -> Case:
    """A real CSV header line, then random rows of plausible and hostile cells."""
    seed = draw(st.sampled_from(sorted(s for s in seeds if s.lower().endswith(".csv"))))
    header = seeds[seed].split(b"\n", 1)[0] + b"\n"
    rows = ("csv_rows", draw(st.integers(0, 2**32)), draw(st.integers(0, 30)), draw(st.sampled_from(",;\t")))
    return Case("csv-random-rows", seed, "", (("bytes", header), rows))


def _random_text(op: str, args: tuple) -> bytes:
    """Random text from a vocabulary of the format's own pieces and hostile characters."""
    rng = random.Random(args[0])
    if op == "xml_pieces":
        text = "".join(rng.choice(_XML_PIECES) if rng.random() < 0.8 else str(rng.randint(-200, 400))
                       for _ in range(args[1] // 10))
    else:
        n_rows, delimiter = args[1], args[2]
        text = "\n".join(delimiter.join(rng.choice(_CELLS) if rng.random() < 0.8 else repr(rng.uniform(-1e4, 1e5))
                                         for _ in range(rng.randint(0, 40))) for _ in range(n_rows))
    return text.encode("utf-8")


def for_each_case(strategy: st.SearchStrategy[Case], count: int, each: Callable[[Case], None]) -> None:
    """Call `each` on `count` cases from the strategy, the same ones on every run."""

    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(case: Case) -> None:
        each(case)

    collect()
