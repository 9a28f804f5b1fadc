"""`riskcheck evaluate`: does a rule's alert predict injury in a cohort? (docs/evaluate.md)"""

from __future__ import annotations

import json

import click
import pandas as pd

from riskcheck.cli.options import config_from, config_option, format_option
from riskcheck.evaluate import EvaluateSettings, evaluate as evaluate_cohort
from riskcheck.evaluate.lovdal import evaluate_lovdal
from riskcheck.evaluate.summary import evaluation_text
from riskcheck.output.records import records


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--outcomes", "outcomes_path", type=click.Path(exists=True, dir_okay=False), metavar="CSV",
              help="Injuries: athlete,date,injury[,days_lost] (instead of the diaries' injury rows).")
@click.option("--lovdal", "lovdal_path", type=click.Path(exists=True, dir_okay=False), metavar="CSV",
              help="Evaluate on day_approach_maskedID_timeseries.csv of Lövdal et al. 2021.")
@click.option("--policy", is_flag=True, help="Count alerts after the evidence policy (default: the rules' own level).")
@click.option("--days-lost", type=click.IntRange(0, 365), default=7, show_default=True,
              help="Days out of the risk set after an injury whose days lost are not noted.")
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="Worker processes (default: the CPUs).")
@config_option()
@format_option(("text", "json", "csv"))
def evaluate(paths, outcomes_path, lovdal_path, policy, days_lost, workers, config_path, fmt):
    """Does a rule's alert predict injury? Hazard ratios per rule, AUC and calibration of the
    status over a cohort: one folder per athlete (or one folder of athlete folders), or the
    published dataset of Lövdal et al. 2021 with --lovdal.

    \b
    Examples:
      riskcheck evaluate team/ --outcomes injuries.csv
      riskcheck evaluate ann/ ben/ cleo/
      riskcheck evaluate --lovdal day_approach_maskedID_timeseries.csv --format json
    """
    if bool(paths) == bool(lovdal_path):
        raise click.UsageError("give athlete folders or --lovdal FILE (one of the two)")
    settings = EvaluateSettings(severity_column="severity" if policy else "rule_severity",
                                default_days_lost=days_lost, workers=workers)
    config = config_from(config_path)
    if lovdal_path:
        result, _ = evaluate_lovdal(lovdal_path, settings=settings, config=config)
    else:
        outcomes = pd.read_csv(outcomes_path) if outcomes_path else None
        result = evaluate_cohort(list(paths), outcomes=outcomes, settings=settings, config=config)
    if fmt == "json":
        click.echo(json.dumps({**result.summary(), "hazard_ratios": records(result.hazard_ratios),
                               "calibration": records(result.calibration)}, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(result.hazard_ratios.to_csv(index=False), nl=False)
    else:
        click.echo(evaluation_text(result))
