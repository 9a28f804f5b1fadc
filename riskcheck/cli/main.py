"""`riskcheck` entry point and the error policy shared by every command.

Exit codes are in exit_codes.py. Every error is one line on stderr; `riskcheck --traceback ...` adds the traceback and keeps
the exit code, so scripts see the same code either way.
"""

from __future__ import annotations

import sys
import traceback as tb

import click

from riskcheck import __version__
from riskcheck.cli.backtest import backtest
from riskcheck.cli.check import check
from riskcheck.cli.evaluate import evaluate
from riskcheck.cli.diary import diary
from riskcheck.cli.exit_codes import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE
from riskcheck.cli.roster import roster
from riskcheck.cli.rules import rules
from riskcheck.errors import RiskcheckError
from riskcheck.output.terminal import printable


def one_line_usage_error(exc: click.UsageError) -> click.UsageError:
    """The same mistake without click's usage block: one line that names the help to read."""
    where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
    return click.UsageError(exc.format_message() + where)


class RiskcheckGroup(click.Group):
    """Applies the error policy to every command, including ones added later."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise one_line_usage_error(exc) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise one_line_usage_error(exc) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except RiskcheckError as exc:
            _fail(ctx, f"Error: {exc}", EXIT_USAGE)
        except KeyboardInterrupt:
            _fail(ctx, "Interrupted.", EXIT_INTERRUPTED)
        except Exception as exc:
            _fail(ctx, f"Internal error: {type(exc).__name__}: {exc}. "
                       "Rerun with `riskcheck --traceback ...` and report it.", EXIT_INTERNAL)


def _fail(ctx: click.Context, message: str, code: int) -> None:
    if ctx.obj and ctx.obj.get("traceback"):
        click.echo(tb.format_exc(), err=True, nl=False)
    click.echo(printable(" ".join(message.split())), err=True)  # one line, even if the message had breaks
    ctx.exit(code)


@click.group(cls=RiskcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="riskcheck")
@click.option("--traceback", is_flag=True, help="Show the full traceback on errors (for bug reports).")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """riskcheck reads your exported watch files and flags the training-load patterns
    linked to lower-back pain in runners, with the reasons and next week's guidance.

    It gives guidance about risk patterns, not a diagnosis.

    \b
    Exit codes: 0 done; 1 risk status at or above --fail-on; 2 a mistake in the
    command (path, option, config); 3 an internal error.

    \b
    Examples:
      riskcheck check ~/Downloads/export.zip
      riskcheck check runs/ --units mi --format html --output report/
      riskcheck rules
      riskcheck diary add 2025-03-04 3
      riskcheck --traceback check runs/
    """
    ctx.ensure_object(dict)["traceback"] = traceback


cli.add_command(check)
cli.add_command(rules)
cli.add_command(roster)
cli.add_command(backtest)
cli.add_command(evaluate)
cli.add_command(diary)


def main() -> None:
    for stream in (sys.stdout, sys.stderr):  # a name the terminal cannot show is escaped, not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    cli.main(prog_name="riskcheck")
