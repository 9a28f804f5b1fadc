"""`riskcheck diary add DATE SCORE`: note a day's back pain (and injury) in the diary CSV."""

from __future__ import annotations

import math
from datetime import date

import click

from riskcheck.diary.add import DiaryError, Entry, add_entry
from riskcheck.diary.format import DiaryRowError, parse_date, parse_score
from riskcheck.output.terminal import printable

DEFAULT_FILE = "diary.csv"


@click.group()
def diary():
    """Keep the pain and injury diary that `riskcheck check` reads beside the training files.

    The diary is a CSV file (docs/diary.md); riskcheck finds it by its header wherever it
    lies among the files, folders or archives you check.

    \b
    Examples:
      riskcheck diary add 2025-03-04 3
      riskcheck diary add 2025-03-05 6 --injury --days-lost 2 --note "sharp after hills"
    """


@diary.command()
@click.argument("day", metavar="DATE")
@click.argument("score")
@click.option("--other-pain", metavar="N", help="Pain anywhere else, 0-10.")
@click.option("--injury", is_flag=True, help="You were injured that day (could not train as planned).")
@click.option("--days-lost", type=click.IntRange(min=0), metavar="N", help="Days of training the injury cost (0 or more).")
@click.option("--note", default="", metavar="TEXT", help="A short note, one line.")
@click.option("--file", "path", default=DEFAULT_FILE, show_default=True, type=click.Path(dir_okay=False),
              help="The diary file; diary.csv in the current folder unless given. Created with its header when missing.")
@click.option("--replace", is_flag=True, help="Replace the row the diary already has for DATE (the other rows stay as they are).")
def add(day, score, other_pain, injury, days_lost, note, path, replace):
    """Add one day to the diary: DATE (YYYY-MM-DD, today or earlier) and SCORE, your back
    pain from 0 (none) to 10 (worst).

    Rows already in the file are never rewritten: the new row is appended under a lock, so
    several adds at once are safe. A second row for the same day is refused unless --replace.

    \b
    Examples:
      riskcheck diary add 2025-03-04 3
      riskcheck diary add 2025-03-04 5 --replace --note "worse in the evening"
      riskcheck diary add 2025-03-06 0 --other-pain 4 --file ~/runs/pain.csv
    """
    try:
        entry = Entry(day=parse_date(day), back_pain=parse_score(score, "SCORE"),
                      other_pain=math.nan if other_pain is None else parse_score(other_pain, "--other-pain"),
                      injury=injury, days_lost=math.nan if days_lost is None else float(days_lost), note=note)
        if math.isnan(entry.back_pain):
            raise DiaryRowError("SCORE is empty (0-10)")
        if entry.day > date.today():
            raise DiaryRowError(f"date {entry.day} is in the future")
    except DiaryRowError as exc:
        raise DiaryError(f"{path}: {exc}; nothing written") from None
    done = add_entry(path, entry, replace=replace)
    click.echo(printable(f"{path}: {done} {entry.day} (back pain {score})"))
