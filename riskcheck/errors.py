"""riskcheck's own exception types. Library code raises these; only the CLI turns them into
one-line messages and exit codes."""

from __future__ import annotations


class RiskcheckError(Exception):
    """Base class for every error riskcheck raises on purpose."""


class FileProblem(RiskcheckError):
    """A file that cannot be read as an activity. `kind` says what became of it:
    'skipped' for files that are not activities (settings, routes without times, empty),
    'failed' for damaged or unsupported files."""

    def __init__(self, reason: str, kind: str = "failed"):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


class NotAnActivity(FileProblem):
    """A well-formed file that holds no activity to count (settings, monitoring, a route)."""

    def __init__(self, reason: str):
        super().__init__(reason, kind="skipped")


class UnrecognisedColumns(FileProblem):
    """A CSV whose header matches no known layout. The message lists what was found and
    what is needed, and how to map columns."""

    def __init__(self, found: list[str], needed: list[str], hint: str):
        self.found, self.needed = found, needed
        super().__init__(f"unrecognised CSV layout: {_found(found)}; need at least {needed}. {hint}")


# The 'header' of a file that is no table is its first line, which may be private text (a
# letter saved as .csv) and would end up in a report meant for sharing: names are shown only
# when they look like column names, and only a few of them.
_NAMES_SHOWN, _NAME_CHARS, _NAME_WORDS = 15, 40, 5


def _found(names: list[str]) -> str:
    if any(len(n) > _NAME_CHARS or len(n.split()) > _NAME_WORDS for n in names):
        return f"its first line is no header ({len(names)} cells of text, not shown)"
    more = [f"… {len(names) - _NAMES_SHOWN} more"] if len(names) > _NAMES_SHOWN else []
    return f"found columns {names[:_NAMES_SHOWN] + more}"


class LimitExceeded(FileProblem):
    """An archive or file that passes a safety limit (size, ratio, nesting, member count)."""


class ConfigError(RiskcheckError):
    """A configuration file or setting that cannot be used."""
