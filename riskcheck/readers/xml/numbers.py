"""Numbers written as text in XML (str from lxml, ASCII bytes from xml.items), a column at a time."""

from __future__ import annotations

import numpy as np

_SAMPLE = 64  # texts that tell whether a column holds few distinct values


def floats(texts) -> np.ndarray:
    """float() of each text (str, or ASCII bytes: read alike), ValueError if one is no number.
    A column of few distinct texts (elevation, heart rate, cadence) converts each of them
    once: telling that from the first texts costs less than a set of all of them."""
    if len(texts) > 4 * _SAMPLE and len(set(texts[:_SAMPLE])) * 4 <= _SAMPLE:
        value_of = dict.fromkeys(texts)
        if len(value_of) * 4 < len(texts):
            for text in value_of:
                value_of[text] = float(text)
            return np.fromiter(map(value_of.__getitem__, texts), dtype=float, count=len(texts))
    return np.fromiter(map(float, texts), dtype=float, count=len(texts))


def readable_floats(texts) -> tuple[np.ndarray, np.ndarray]:
    """float() of each text, NaN where it reads none (a None text too), and which it read."""
    try:
        return floats(texts), np.ones(len(texts), dtype=bool)
    except (TypeError, ValueError):
        values, readable = np.full(len(texts), np.nan), np.zeros(len(texts), dtype=bool)
        for i, text in enumerate(texts):
            try:
                values[i], readable[i] = float(text), True
            except (TypeError, ValueError):
                pass
        return values, readable
