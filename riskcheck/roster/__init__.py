"""A coach's roster: every athlete checked in one run, most at risk first.

    from riskcheck.roster import check_roster
    result = check_roster("roster/", tz="Europe/Berlin", store="roster/.riskcheck-store")
    result.table          # one ranked row per athlete (rank.ROSTER_COLUMNS)
    result.athletes["ann"].result   # Ann's CheckResult, or None with .problem saying why
"""

from riskcheck.roster.discover import Roster, RosterEntry, load_roster
from riskcheck.roster.run import AthleteCheck, RosterResult, check_roster

__all__ = ["AthleteCheck", "Roster", "RosterEntry", "RosterResult", "check_roster", "load_roster"]
