"""`riskcheck roster DIR|ROSTER.toml`: every athlete of a coach's roster, most at risk first."""

from __future__ import annotations

import dataclasses
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import click

from riskcheck.assess.status import STATUS_RANK
from riskcheck.cli.exit_codes import EXIT_FINDINGS, EXIT_NOTHING_TO_ASSESS
from riskcheck.cli.options import (check_date_range, check_writable, config_from, fail_on_option, fails,
                                   progress_bar, reading_options, store_dir, store_options)
from riskcheck.ingest.parallel import default_workers
from riskcheck.output.jsonout import json_text
from riskcheck.output.terminal import printable
from riskcheck.roster.discover import load_roster
from riskcheck.roster.output import render_roster_text, roster_csv, roster_json, write_roster
from riskcheck.roster.run import check_roster

@click.command()
@click.argument("roster", type=click.Path(exists=True))
@reading_options
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="What to print on stdout: the ranked roster.")
@click.option("-o", "--output", type=click.Path(file_okay=False), metavar="DIR",
              help="Folder to receive index.html, roster.csv, roster.json and one report folder per athlete.")
@store_options
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Processes reading files and assessing athletes [default: all cores].")
@click.option("--scheduler", metavar="ADDRESS", help="Run on the Dask cluster at this address, e.g. tcp://10.0.0.5:8786.")
@click.option("--local-cluster", type=click.IntRange(min=1), metavar="N",
              help="Start a local Dask cluster of N worker processes and run on it.")
@fail_on_option("Exit with code 1 when any athlete's risk status is at or above this level.")
def roster(roster, tz, column_map, config_path, date_from, date_to, units, quiet, fmt, output, store, no_store,
           workers, scheduler, local_cluster, fail_on):
    """Check a whole roster of athletes: the most at risk first, with the top reason, the
    trend and next week's distance and long-run caps.

    Every athlete is assessed as of one day: today, or --to. Each row gives the days since
    the athlete's last activity; after 14 days without any the athlete is marked stale, and
    their caps are those of a return after a break.

    Names come from the roster file (name = "Ann Smith"), else from the export's profile
    (Strava's profile.csv, Garmin's user_profile.json), else from the folder.

    ROSTER is a folder with one athlete per subfolder or archive (loose files grouped by the
    name before the first '_' or '.': ann.csv and ann_watch.zip are Ann's), or a .toml roster
    file: a --config file whose [athletes."Name"] sections also give paths = ["ann/", ...]
    (relative to the file) and optionally tz = "Europe/Berlin".

    A file that cannot be read, or an athlete with nothing to read, is listed with the reason;
    everyone else is checked. Files already read are taken from the store, so next week's run
    reads only new or changed files.

    \b
    Examples:
      riskcheck roster athletes/ --output monday/
      riskcheck roster athletes/ --to 2025-06-08
      riskcheck roster roster.toml --format json > roster.json
      riskcheck roster athletes/ --local-cluster 8 --fail-on high
    """
    if scheduler and local_cluster:
        raise click.BadParameter("give --scheduler or --local-cluster, not both", param_hint="--scheduler")
    check_date_range(date_from, date_to)
    if date_from and not date_to and date_from > date.today():
        raise click.BadParameter(f"--from {date_from} is after today, the roster's day (give --to)", param_hint="--from")
    check_writable(output)
    listed = load_roster(roster)
    if listed.config is not None and config_path:
        raise click.BadParameter("a roster file holds the settings itself; drop --config", param_hint="--config")
    config = listed.config or config_from(config_path)
    if units:  # messages in the findings follow the units too
        config = dataclasses.replace(config, units=units)
    store = store_dir(store, no_store)
    with _executor(scheduler, local_cluster) as (executor, threads):
        with progress_bar("Reading files", quiet) as progress:
            result = check_roster(listed, config=config, tz=tz, date_from=date_from, date_to=date_to,
                                  csv_column_map=column_map, workers=threads or workers, store=store,
                                  executor=executor, progress=progress)
    if output:
        written = write_roster(result, Path(output), workers=workers or default_workers())
        click.echo(printable(f"Roster written to {written['index']}"), err=True)
    click.echo(printable(_render(result, fmt, config.units)), nl=fmt != "csv")
    if not any(level in STATUS_RANK for level in result.table["status"]):
        click.echo(f"Nothing assessed: none of the roster's {len(result.table)} athlete(s) has a run to assess.",
                   err=True)
        click.get_current_context().exit(EXIT_NOTHING_TO_ASSESS)
    if any(fails(level, fail_on) for level in result.table["status"] if level in STATUS_RANK):
        click.get_current_context().exit(EXIT_FINDINGS)


def _executor(scheduler: str | None, local_cluster: int | None):
    if scheduler or local_cluster:
        from riskcheck.cluster import dask_executor
        return dask_executor(scheduler, local_cluster)
    return nullcontext((None, None))


def _render(result, fmt: str, units: str) -> str:
    if fmt == "json":
        return json_text(roster_json(result, units=units))
    if fmt == "csv":
        return roster_csv(result)
    return render_roster_text(result, units=units)
