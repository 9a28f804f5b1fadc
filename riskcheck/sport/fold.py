"""Text folded for comparing names written by people and services in any language.

Case is set aside and so are the accents of Latin letters ('Activité' = 'activite',
'Löpning' = 'lopning'), so a header or sport name matches however a spreadsheet or
a UI language spelled it. Letters of other scripts are kept as they are: folding to
ASCII would turn 'アクティビティタイプ' or 'Тип' into nothing, and every Japanese or
Russian name would then match every other.

It lives with sport, in the bottom layer, because both sport names and the readers' header
names (readers.csv.columns.header_key) are folded by it.
"""

from __future__ import annotations

import unicodedata

_LATIN_END = 0x0250  # Latin letters (with Latin-1 and Extended-A/B) lie below this


def fold(text: str) -> str:
    """Case-folded text without the accents of Latin letters. Marks on other scripts stay:
    Japanese dakuten and Cyrillic breves change the letter, not its spelling."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and kept and ord(kept[-1]) < _LATIN_END:
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).casefold()
