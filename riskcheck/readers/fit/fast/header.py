"""FIT file headers, chained files and the FIT CRC-16, computed with numpy.

The FIT CRC is CRC-16/ARC (reflected polynomial 0xA001, initial value 0, no final xor). It is
linear and starts from 0, so the CRC of two blocks A|B is F^len(B)(crc(A)) xor crc(B), where F
is the state map of one 16-bit word. The data is cut into short chunks whose CRCs are computed
side by side, word after word (one table lookup per word); then, level by level, neighbouring
blocks of equal length are combined with one table lookup each, all vectorised.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from riskcheck.readers.fit import profile as p
from .errors import FitFastUnsupported

_WORD_BITS = 16
_WORD_STATES = 1 << _WORD_BITS
_tables: list[np.ndarray] = []   # _tables[k]: the state map of 2**k words, built on first use
# Words of a chunk, a power of two. Longer chunks take more (short) steps side by side,
# shorter ones more combining levels: 16 is the fastest on 0.5-3 MB files.
_CHUNK_LEVEL = 4
_CHUNK_WORDS = 1 << _CHUNK_LEVEL


def _word_table() -> np.ndarray:
    state = np.arange(_WORD_STATES, dtype=np.uint32)
    for _ in range(_WORD_BITS):
        state = np.where(state & 1, (state >> 1) ^ p.CRC_POLYNOMIAL_REFLECTED, state >> 1)
    return state.astype(np.uint16)


def _table(level: int) -> np.ndarray:
    if not _tables:
        _tables.append(_word_table())
    while len(_tables) <= level:
        _tables.append(_tables[-1][_tables[-1]])   # F^(2n) = F^n after F^n
    return _tables[level]


def _crc_of_words(words: np.ndarray) -> int:
    padding = -words.size % _CHUNK_WORDS   # leading zero words leave the CRC at 0
    if padding:
        words = np.concatenate((np.zeros(padding, np.uint16), words))
    # by_position[j]: word j of every chunk, so each step reads one contiguous row
    by_position = words.reshape(-1, _CHUNK_WORDS).T.copy()
    step = _table(0)
    chunk_crcs = step.take(by_position[0])
    for words_at in by_position[1:]:
        chunk_crcs = step.take(chunk_crcs ^ words_at)
    return _combine(chunk_crcs, _CHUNK_LEVEL)


def _combine(blocks: np.ndarray, level: int) -> int:
    """The CRC of the blocks one after another, from their CRCs (blocks of 2**level words)."""
    while blocks.size > 1:
        # An odd block out stays first: the leftmost block's length does not matter.
        odd = blocks.size % 2
        pairs = blocks[odd:]
        combined = np.empty(pairs.size // 2 + odd, dtype=np.uint16)
        np.take(_table(level), pairs[0::2], out=combined[odd:])
        combined[odd:] ^= pairs[1::2]
        combined[:odd] = blocks[:odd]
        blocks = combined
        level += 1
    return int(blocks[0]) if blocks.size else 0


def _advance(crc: int, words: int) -> int:
    """The CRC state after `words` more zero words: F^words, one table per binary digit."""
    level = 0
    while words:
        if words & 1:
            crc = int(_table(level)[crc])
        words >>= 1
        level += 1
    return crc


def crc16(data: bytes | memoryview) -> int:
    """The FIT CRC-16 of `data`."""
    raw = np.frombuffer(data, dtype=np.uint8)
    lead = raw.size % 2   # an odd first byte is the word (0, byte): leading zeros change nothing
    words = raw[lead:].view("<u2")
    crc = _crc_of_words(words)
    if lead:
        crc ^= _advance(int(_table(0)[int(raw[0]) << 8]), words.size)
    return crc


@dataclass(frozen=True)
class FitSegment:
    """One FIT file inside the bytes (FIT files may be chained one after another)."""
    start: int          # offset of its file header
    data_start: int     # first record header
    data_end: int       # just past the last record; the file CRC follows
    protocol_version: int
    profile_version: int


def _read_header(data: bytes, start: int) -> FitSegment:
    header = data[start:start + p.HEADER_SIZE_WITHOUT_CRC]
    if len(header) < p.HEADER_SIZE_WITHOUT_CRC:
        raise FitFastUnsupported(f"truncated FIT file header at byte {start}")
    size, protocol, profile_version, data_size, signature = struct.unpack(p.HEADER_STRUCT, header)
    if signature != p.FIT_SIGNATURE:
        raise FitFastUnsupported(f"no '.FIT' signature in the file header at byte {start}")
    if size != p.HEADER_SIZE_WITHOUT_CRC and size < p.HEADER_SIZE_WITH_CRC:
        raise FitFastUnsupported(f"irregular FIT header size {size} at byte {start}")
    if size >= p.HEADER_SIZE_WITH_CRC:
        crc_at = start + p.HEADER_SIZE_WITHOUT_CRC
        stored = data[crc_at:crc_at + p.CRC_SIZE]
        if len(stored) < p.CRC_SIZE:
            raise FitFastUnsupported(f"truncated FIT file header at byte {start}")
        stored_crc = int.from_bytes(stored, "little")
        if stored_crc and stored_crc != crc16(header):  # 0 means "not computed"
            raise FitFastUnsupported(f"header CRC mismatch at byte {start}")
    data_start = start + size
    return FitSegment(start, data_start, data_start + data_size, protocol, profile_version)


def split_segments(data: bytes) -> list[FitSegment]:
    """Every FIT file in `data`, each checked against its file CRC."""
    segments = []
    start = 0
    while start < len(data) or not segments:
        segment = _read_header(data, start)
        crc_end = segment.data_end + p.CRC_SIZE
        if crc_end > len(data):
            raise FitFastUnsupported(
                f"truncated FIT file: header at byte {start} announces {crc_end - start} bytes, "
                f"{len(data) - start} present")
        stored_crc = int.from_bytes(data[segment.data_end:crc_end], "little")
        if stored_crc != crc16(memoryview(data)[start:segment.data_end]):
            raise FitFastUnsupported(f"file CRC mismatch in the FIT file at byte {start}")
        segments.append(segment)
        start = crc_end
    return segments
