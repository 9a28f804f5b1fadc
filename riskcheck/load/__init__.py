"""Training load: per-session load measures, and daily and weekly tables."""

from riskcheck.load.from_log import activities_from_log
from riskcheck.load.tables import Tables, build_tables

__all__ = ["Tables", "activities_from_log", "build_tables"]
