"""CSV files that are not activity lists, recognised by their first lines so the user
learns what the file is and what to use instead of a bare 'unrecognised columns'."""

from __future__ import annotations

import re

from riskcheck.errors import FileProblem

_PER_SAMPLE = "a per-sample recording, not an activity list: export the activity as FIT, GPX or TCX instead"

# (pattern in the first lines, reason). Patterns are matched case-insensitively.
_SIGNATURES: list[tuple[str, str]] = [
    (r"^type,local number,message,", "FIT SDK FitCSVTool output (a FIT file dumped to CSV): read the original .fit file"),
    (r"^\[\[training\]\]", "Epson watch export (sectioned text): " + _PER_SAMPLE),
    (r"^device,.*appversion", "Wahoo Fitness app export: " + _PER_SAMPLE),
    (r"^version,date/time,km,minutes", "CycleOps Joule export: " + _PER_SAMPLE),
    (r'^"?distance"?,"?activity_id"?,"?heartrate"?', "Motorola MOTOACTV export: " + _PER_SAMPLE),
    (r"^sample rate,time,hr \(bpm\)", "Polar Flow training export (summary plus samples): " + _PER_SAMPLE),
]
HEAD_LINES = 8


def check(text: str) -> None:
    """Raise FileProblem when the text is one of the known non-activity-list CSVs."""
    head = text.lstrip("\ufeff").splitlines()[:HEAD_LINES]
    for line in head:
        for pattern, reason in _SIGNATURES:
            if re.search(pattern, line.strip(), re.IGNORECASE):
                raise FileProblem(reason)
