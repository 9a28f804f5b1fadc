"""`riskcheck` entry point and the error policy shared by every command.

Exit codes: 0 done (no finding at or above --fail-on); 1 a finding at or above --fail-on;
2 a user mistake (missing path, bad option value, unreadable config); 3 an internal error.
A user mistake is one line on stderr; a traceback only with --traceback.
"""

from __future__ import annotations

import sys

import click

from riskcheck import __version__
from riskcheck.errors import RiskcheckError

EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3


class RiskcheckGroup(click.Group):
    """Turns riskcheck's own errors into one-line messages with exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except RiskcheckError as exc:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            click.echo(f"Internal error: {type(exc).__name__}: {exc}. Rerun with --traceback and report it.", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=RiskcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="riskcheck")
@click.option("--traceback", is_flag=True, help="Show the full traceback on errors (for bug reports).")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """riskcheck reads your exported watch files and flags the training-load patterns
    linked to lower-back pain in runners, with the reasons and next week's guidance.

    It gives guidance about risk patterns, not a diagnosis.

    \b
    Examples:
      riskcheck check ~/Downloads/export.zip
      riskcheck check runs/ --units mi --format html --output report/
      riskcheck rules
    """
    ctx.ensure_object(dict)["traceback"] = traceback


def _register() -> None:
    from riskcheck.cli.check import check
    from riskcheck.cli.rules import rules

    cli.add_command(check)
    cli.add_command(rules)


_register()


def main() -> None:
    try:
        cli.main(prog_name="riskcheck", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
