"""Text for a terminal with nothing in it that a terminal would act on.

File names, shoe names and notes come from the runner's files. Escape sequences in them would
reach the terminal raw: OSC 52 writes the clipboard, CSI 2J clears the screen, and a carriage
return can hide a line. Every control character but newline and tab is shown as its escape
(\\x1b), so the text stays readable and nothing runs.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (0x80-0x9f, 0x9b is CSI).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A file name's bytes that are not UTF-8 reach Python as lone surrogates (U+DC80-U+DCFF).
UNDECODED = re.compile(r"[\udc80-\udcff]")


def printable(text: str) -> str:
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", undecoded_as_escapes(text))


def undecoded_as_escapes(text: str) -> str:
    """A name's undecodable bytes as '\\xf6', as ls and Python show them, so the text can be
    written as UTF-8 ('J\\xf6rg.csv' for a Latin-1 'Jörg.csv')."""
    return UNDECODED.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
