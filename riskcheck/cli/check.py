"""`riskcheck check PATH...`: read, assess, print, and optionally write a report folder."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from riskcheck.assess.status import NOTHING_TO_ASSESS
from riskcheck.checking import check as run_check
from riskcheck.cli.exit_codes import EXIT_FINDINGS, EXIT_NOTHING_TO_ASSESS
from riskcheck.cli.options import (athlete_option, check_date_range, check_writable, config_from,
                                   fail_on_option, fails, format_option, progress_bar, reading_options,
                                   store_dir, store_options)
from riskcheck.output.jsonout import check_to_json, json_text
from riskcheck.output.terminal import printable
from riskcheck.output.text import render_text
from riskcheck.output.writer import findings_csv, write_outputs


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@reading_options
@athlete_option()
@format_option()
@click.option("-o", "--output", type=click.Path(file_okay=False), metavar="DIR",
              help="Folder to receive the report (HTML, Markdown), the charts (PNG, SVG), the tables (CSV) and the JSON.")
@store_options
@fail_on_option()
def check(paths, tz, column_map, config_path, date_from, date_to, units, quiet, athlete, fmt, output, store, no_store,
          fail_on):
    """Check exported training files for overload risk patterns.

    PATHS are FIT, GPX, TCX or CSV files (also .gz), folders (read recursively) and zip
    archives such as a Strava or Garmin account export.

    \b
    Examples:
      riskcheck check export_12345.zip
      riskcheck check ~/watch/ --tz Europe/Berlin --units mi
      riskcheck check log.csv --map 'Km=distance_km' --format json > result.json
      riskcheck check runs/ --output report/ --fail-on high
    """
    check_date_range(date_from, date_to)
    check_writable(output)
    config = config_from(config_path).for_athlete(athlete)
    if units:  # given on the command line: beats the config; finding messages follow it too
        config = dataclasses.replace(config, units=units)
    with progress_bar("Reading files", quiet) as progress:
        result = run_check(list(paths), config=config, athlete=athlete, tz=tz, date_from=date_from,
                           date_to=date_to, csv_column_map=column_map, store=store_dir(store, no_store),
                           progress=progress)
    units = result.assessment.config.units
    if output:
        written = write_outputs(result, Path(output), units=units)
        click.echo(printable(f"Report written to {written['report.html']}"), err=True)
    click.echo(printable(_render(result, fmt, units)), nl=fmt != "csv")
    if result.assessment.status.level == NOTHING_TO_ASSESS:
        click.get_current_context().exit(EXIT_NOTHING_TO_ASSESS)
    if fails(result.assessment.status.level, fail_on):
        click.get_current_context().exit(EXIT_FINDINGS)


def _render(result, fmt: str, units: str) -> str:
    if fmt == "json":
        return json_text(check_to_json(result, units=units))
    if fmt == "csv":
        return findings_csv(result.assessment.findings)
    if fmt == "markdown":
        from riskcheck.report.markdown import render_markdown
        return render_markdown(result.assessment, result.read, units=units)
    if fmt == "html":
        from riskcheck.report.html import render_html
        return render_html(result.assessment, result.read, units=units)
    return render_text(result, units=units)
