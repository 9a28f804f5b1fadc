"""`riskcheck backtest PATH...`: did the alerts come before the runner's own pain and injuries?"""

from __future__ import annotations

import click
import pandas as pd

from riskcheck.backtest import EPISODE_COLUMNS
from riskcheck.checking import check as run_check
from riskcheck.cli.options import (athlete_option, check_date_range, config_from, format_option, progress_bar,
                                   reading_options, store_dir, store_options)
from riskcheck.output.jsonout import backtest_record, json_text
from riskcheck.output.spreadsheet import csv_text
from riskcheck.output.terminal import printable
from riskcheck.output.text import render_backtest

NO_PAIN = ("The log notes no back pain and no injury, so there is nothing to test the alerts against. Note them "
           "in a pain diary (`riskcheck diary add`, docs/diary.md) or in the log's back_pain column.")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@reading_options
@athlete_option()
@format_option(("text", "json", "csv"))
@store_options
def backtest(paths, tz, column_map, config_path, date_from, date_to, units, quiet, athlete, fmt, store, no_store):
    """Test riskcheck's alerts against the pain and injuries your log notes.

    For each pain episode (back pain of 4/10 or more, or an injury, after 14 pain-free days:
    the settings pain_episode_score and pain_free_days), the alerts of the 7, 14 and 28 days
    before it; for each rule, how often its alerts were followed by an episode. With few
    episodes the numbers say what happened, not that a rule works. The whole log up to --to
    is tested (--from is not used). CSV prints the episodes.

    \b
    Examples:
      riskcheck backtest ~/watch/ diary.csv
      riskcheck backtest export.zip --format json
    """
    check_date_range(date_from, date_to)
    config = config_from(config_path).for_athlete(athlete)
    with progress_bar("Reading files", quiet) as progress:
        result = run_check(list(paths), config=config, athlete=athlete, tz=tz, date_from=None, date_to=date_to,
                           csv_column_map=column_map, store=store_dir(store, no_store), progress=progress)
    found = result.assessment.backtest
    if fmt == "json":
        text = json_text(backtest_record(found))
    elif fmt == "csv":
        episodes = found.episodes if found is not None else pd.DataFrame(columns=EPISODE_COLUMNS)
        text = csv_text(episodes, index=False, date_format="%Y-%m-%d")
    else:
        text = render_backtest(found) if found is not None else NO_PAIN
    click.echo(printable(text))
